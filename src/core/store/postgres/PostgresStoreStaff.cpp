// PostgresStore: staff accounts (issue 14). The rights themselves are the database's
// (PostgresStaffSchema.cpp): these calls read them and hand the changes to its functions, which
// check the caller's role again on the server.

#include "store/postgres/PostgresStore.h"

#include "staff/StaffPassword.h"
#include "store/postgres/PostgresSupport.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace fatora {

using namespace postgres;

namespace {

// id, login, role, must_change_password, added_at, added_by, disabled_at, last activity
StaffMember readStaff(const Statement &s)
{
    StaffMember m;
    m.id = s.value(0).toLongLong();
    m.login = s.value(1).toString();
    m.role = staffRoleFromName(s.value(2).toString());
    m.mustChangePassword = s.value(3).toBool();
    m.addedAt = readTimestamp(s.value(4));
    m.addedBy = s.value(5).toString();
    m.disabledAt = readTimestamp(s.value(6));
    m.lastActivity = readTimestamp(s.value(7));
    return m;
}

// Last activity: the last sign of life of any of their sessions (a desk beats every 10 s).
const QString LastActivity = u"(SELECT max(x.heartbeat_at) FROM sessions x WHERE x.operator = s.login)"_s;

} // namespace

Result<StaffMember> PostgresStore::signedIn()
{
    Statement s(
        *m_session,
        u"SELECT coalesce(s.id, 0), session_user::text, fatora_role_of(session_user),"
        " coalesce(s.must_change_password, false), s.added_at, coalesce(s.added_by, ''), s.disabled_at, "_s +
            LastActivity +
            u" FROM (SELECT session_user::text AS login) me"
            " LEFT JOIN staff s ON s.login = me.login"_s,
        Statement::Plan::Fresh);
    if (auto r = s.exec(u"Could not read who is signed in"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::Internal, u"The server did not say who is signed in."_s);
    return readStaff(s);
}

Result<QList<StaffMember>> PostgresStore::staff()
{
    Statement s(
        *m_session,
        u"SELECT s.id, s.login, fatora_role_of(s.login), s.must_change_password, s.added_at, s.added_by,"
        " s.disabled_at, "_s +
            LastActivity + u" FROM staff s ORDER BY s.login"_s,
        Statement::Plan::Fresh);
    if (auto r = s.exec(u"Could not read the staff"_s); !r)
        return r.error();
    QList<StaffMember> people;
    while (s.next())
        people << readStaff(s);
    return people;
}

Result<qint64> PostgresStore::addStaff(const QString &login, StaffRole role, const QString &oneTimePassword)
{
    const QString verifier = StaffPassword::verifier(oneTimePassword);
    return writeStep([&]() -> Result<qint64> {
        Statement s(*m_session, u"SELECT fatora_staff_add(:login, :role, :verifier)"_s,
                    Statement::Plan::Fresh);
        s.bind(u":login"_s, login).bind(u":role"_s, staffRoleName(role)).bind(u":verifier"_s, verifier);
        if (auto r = s.exec(u"Could not add %1"_s.arg(login)); !r)
            return r.error();
        return s.next() ? s.value(0).toLongLong() : 0;
    });
}

Result<void> PostgresStore::setStaffRole(const QString &login, StaffRole role)
{
    return withoutId(writeStep([&]() -> Result<qint64> {
        Statement s(*m_session, u"SELECT fatora_staff_set_role(:login, :role)"_s, Statement::Plan::Fresh);
        s.bind(u":login"_s, login).bind(u":role"_s, staffRoleName(role));
        if (auto r = s.exec(u"Could not change the role of %1"_s.arg(login)); !r)
            return r.error();
        return 0;
    }));
}

Result<void> PostgresStore::setStaffEnabled(const QString &login, bool enabled)
{
    return withoutId(writeStep([&]() -> Result<qint64> {
        Statement s(*m_session, u"SELECT fatora_staff_set_enabled(:login, :enabled)"_s,
                    Statement::Plan::Fresh);
        s.bind(u":login"_s, login).bind(u":enabled"_s, enabled);
        if (auto r =
                s.exec(enabled ? u"Could not enable %1"_s.arg(login) : u"Could not disable %1"_s.arg(login));
            !r)
            return r.error();
        return 0;
    }));
}

Result<void> PostgresStore::changeOwnPassword(const QString &newPassword)
{
    const QString verifier = StaffPassword::verifier(newPassword);
    auto changed = withoutId(writeStep([&]() -> Result<qint64> {
        Statement s(*m_session, u"SELECT fatora_change_own_password(:verifier)"_s, Statement::Plan::Fresh);
        s.bind(u":verifier"_s, verifier);
        if (auto r = s.exec(u"Could not change the password"_s); !r)
            return r.error();
        return 0;
    }));
    // Outside a transaction the change is committed now; inside one it is the caller's to commit,
    // and the old password would no longer connect either way once it is.
    if (changed.ok())
        m_settings.password = newPassword;
    return changed;
}

} // namespace fatora
