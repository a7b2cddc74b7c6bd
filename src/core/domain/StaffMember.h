#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace fatora {

// What a person may do, each role holding the one below (StaffRights says which action needs which).
// On a shared database the roles are the server's group roles and the database enforces them; on a
// database file there is one person, the computer's login, with every right.
enum class StaffRole { Clerk, Supervisor, Administrator };

// "clerk", "supervisor", "administrator": the words the database, the CLI and the audit use.
QString staffRoleName(StaffRole role);
std::optional<StaffRole> staffRoleFromName(const QString &name);
// The role as people read it on screen, translated.
QString staffRoleTitle(StaffRole role);

// A person who signs in, as the database knows them.
struct StaffMember
{
    qint64 id = 0; // the staff row; 0 for a login with none (the database's owner, a file's user)
    QString login; // the name every payment and audit entry of theirs carries
    std::optional<StaffRole> role;   // none: not staff of this database (they can read nothing)
    bool mustChangePassword = false; // still on the one-time password they were given
    QDateTime addedAt;
    QString addedBy;
    QDateTime disabledAt;   // null while they may sign in
    QDateTime lastActivity; // their last session's last sign of life; null: never signed in

    // The one person of a database file (and what a service assumes until told who acts): every
    // right, as before staff accounts existed.
    static StaffMember withEveryRight(const QString &login = {})
    {
        StaffMember m;
        m.login = login;
        m.role = StaffRole::Administrator;
        return m;
    }

    bool disabled() const { return disabledAt.isValid(); }
    // Whether they may act on their role now: staff, enabled, not on a one-time password.
    bool mayAct() const { return role.has_value() && !disabled() && !mustChangePassword; }
    bool holds(StaffRole needed) const { return mayAct() && *role >= needed; }
};

// The login name of the person using this computer (USER, or USERNAME on Windows); fallback when
// neither is set.
QString computerLoginName(const QString &fallback);

} // namespace fatora
