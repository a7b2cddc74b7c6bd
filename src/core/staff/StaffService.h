#pragma once

#include "domain/Money.h"
#include "domain/Result.h"
#include "domain/StaffMember.h"

#include <QList>

#include <functional>

namespace fatora {

class Store;

// Staff management for administrators, and each person's own password: the desk's Staff window and
// "fatora-cli staff" both go through here. The service says no before the server would (same
// rights table, StaffRights); the server checks again on its own.
class StaffService
{
public:
    explicit StaffService(Store &store) : m_store(store) {}

    // Who acts: the session's signed-in person.
    void setActor(const StaffMember &actor) { m_actor = actor; }
    const StaffMember &actor() const { return m_actor; }

    struct Added
    {
        StaffMember person;
        QString oneTimePassword; // shown once to the administrator, never kept
    };
    Result<Added> add(const QString &login, StaffRole role);
    Result<QList<StaffMember>> list();
    Result<void> setRole(const QString &login, StaffRole role);
    Result<void> setEnabled(const QString &login, bool enabled);
    // The actor's own password, typed twice: the first sign-in replaces the one-time password.
    Result<void> changeOwnPassword(const QString &newPassword, const QString &repeated);
    // Told the new password once the database took it: other connections of this person (the
    // desk's reader) connect with it from then on.
    void setPasswordChanged(std::function<void(const QString &)> changed) { m_passwordChanged = std::move(changed); }

    // The limit above which a refund needs a second supervisor's approval (a shared database's).
    Result<Money> refundApprovalLimit();
    // An administrator's: an amount in riyals ("1000", "1,000.00"; 0: every refund needs one).
    Result<Money> setRefundApprovalLimit(const QString &amountText);

    // A login the server will take: 2 to 40 small letters, digits, dots, dashes or underscores,
    // starting with a letter, and not a name the server or this application keeps for itself.
    static Result<void> checkLogin(const QString &login);

private:
    Result<void> mayManage() const;

    Store &m_store;
    StaffMember m_actor;
    std::function<void(const QString &)> m_passwordChanged;
};

} // namespace fatora
