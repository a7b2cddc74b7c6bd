#pragma once

#include "domain/Result.h"
#include "domain/StaffMember.h"

#include <QList>

namespace fatora {

// What each role may do: the one table the services, the desk's buttons and the CLI read. The shared
// database enforces the same table on its own (PostgresStaffSchema.cpp), so a refusal here is the
// courtesy of saying it before the server does, in the same words.
class StaffRights
{
public:
    enum class Action {
        // a clerk's
        FindCustomers,
        ViewHistory,
        Charge,
        Verify,
        // a supervisor's
        Revoke,
        Refund,
        ApproveRefunds, // decide another supervisor's refund request (never one's own)
        CloseUnfound,
        ResolveRefund,
        EditCustomers,
        AddCards,
        Import,
        Export,
        BillingRuns,
        // an administrator's
        ManageStaff,
        SetRefundLimit,
        ReadEveryonesActivity,
        ChangeDeskSettings,
    };

    static QList<Action> allActions();
    // The least role that may take the action.
    static StaffRole needs(Action action);
    // Ok when the person may take the action now; otherwise a Permission error (field "role") that
    // names the role it needs and what the person is, e.g. "Refunding a payment needs the supervisor
    // role; amal signs in as a clerk."
    static Result<void> check(const StaffMember &person, Action action);
    // "refund", "revoke", ...: the action as the CLI and the rights table in README name it.
    static QString actionName(Action action);
    // "Refunding a payment", translated: how a refusal and a disabled button begin.
    static QString actionTitle(Action action);
};

} // namespace fatora
