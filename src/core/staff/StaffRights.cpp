#include "staff/StaffRights.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::StaffRights)
};

} // namespace

QList<StaffRights::Action> StaffRights::allActions()
{
    return {Action::FindCustomers,
            Action::ViewHistory,
            Action::Charge,
            Action::Verify,
            Action::Revoke,
            Action::Refund,
            Action::ApproveRefunds,
            Action::CloseUnfound,
            Action::ResolveRefund,
            Action::EditCustomers,
            Action::AddCards,
            Action::Import,
            Action::Export,
            Action::BillingRuns,
            Action::ManageStaff,
            Action::SetRefundLimit,
            Action::ReadEveryonesActivity,
            Action::ChangeDeskSettings};
}

StaffRole StaffRights::needs(Action action)
{
    switch (action) {
    case Action::FindCustomers:
    case Action::ViewHistory:
    case Action::Charge:
    case Action::Verify:
        return StaffRole::Clerk;
    case Action::Revoke:
    case Action::Refund:
    case Action::ApproveRefunds:
    case Action::CloseUnfound:
    case Action::ResolveRefund:
    case Action::EditCustomers:
    case Action::AddCards:
    case Action::Import:
    case Action::Export:
    case Action::BillingRuns:
        return StaffRole::Supervisor;
    case Action::ManageStaff:
    case Action::SetRefundLimit:
    case Action::ReadEveryonesActivity:
    case Action::ChangeDeskSettings:
        return StaffRole::Administrator;
    }
    return StaffRole::Administrator;
}

Result<void> StaffRights::check(const StaffMember &person, Action action)
{
    const StaffRole needed = needs(action);
    if (person.holds(needed))
        return {};
    QString why;
    if (!person.role)
        why = Tr::tr("%1 is not staff of this database; ask an administrator to add them.").arg(person.login);
    else if (person.disabled())
        why = Tr::tr("%1's account is disabled.").arg(person.login);
    else if (person.mustChangePassword)
        why = Tr::tr("%1 must first replace the one-time password with their own.").arg(person.login);
    else
        why = Tr::tr("%1 signs in as a %2.").arg(person.login, staffRoleTitle(*person.role));
    return Error{u"role"_s,
                 Tr::tr("%1 needs the %2 role; %3").arg(actionTitle(action), staffRoleTitle(needed), why),
                 ErrorKind::Permission};
}

QString StaffRights::actionName(Action action)
{
    switch (action) {
    case Action::FindCustomers:
        return u"find-customers"_s;
    case Action::ViewHistory:
        return u"view-history"_s;
    case Action::Charge:
        return u"charge"_s;
    case Action::Verify:
        return u"verify"_s;
    case Action::Revoke:
        return u"revoke"_s;
    case Action::Refund:
        return u"refund"_s;
    case Action::ApproveRefunds:
        return u"approve-refunds"_s;
    case Action::CloseUnfound:
        return u"close-unfound"_s;
    case Action::ResolveRefund:
        return u"record-refund-outcome"_s;
    case Action::EditCustomers:
        return u"edit-customers"_s;
    case Action::AddCards:
        return u"add-cards"_s;
    case Action::Import:
        return u"import"_s;
    case Action::Export:
        return u"export"_s;
    case Action::BillingRuns:
        return u"billing-runs"_s;
    case Action::ManageStaff:
        return u"manage-staff"_s;
    case Action::SetRefundLimit:
        return u"set-refund-limit"_s;
    case Action::ReadEveryonesActivity:
        return u"read-everyones-activity"_s;
    case Action::ChangeDeskSettings:
        return u"desk-settings"_s;
    }
    return {};
}

QString StaffRights::actionTitle(Action action)
{
    switch (action) {
    case Action::FindCustomers:
        return Tr::tr("Finding customers");
    case Action::ViewHistory:
        return Tr::tr("Viewing the history");
    case Action::Charge:
        return Tr::tr("Charging a card");
    case Action::Verify:
        return Tr::tr("Verifying a payment");
    case Action::Revoke:
        return Tr::tr("Revoking a card");
    case Action::Refund:
        return Tr::tr("Refunding a payment");
    case Action::ApproveRefunds:
        return Tr::tr("Approving or denying a refund request");
    case Action::CloseUnfound:
        return Tr::tr("Closing a charge as not charged");
    case Action::ResolveRefund:
        return Tr::tr("Recording a refund's outcome");
    case Action::EditCustomers:
        return Tr::tr("Adding or editing customers");
    case Action::AddCards:
        return Tr::tr("Adding a card by hand");
    case Action::Import:
        return Tr::tr("Importing customers and cards");
    case Action::Export:
        return Tr::tr("Exporting the history");
    case Action::BillingRuns:
        return Tr::tr("Billing runs");
    case Action::ManageStaff:
        return Tr::tr("Managing staff");
    case Action::SetRefundLimit:
        return Tr::tr("Setting the refund approval limit");
    case Action::ReadEveryonesActivity:
        return Tr::tr("Reading everyone's activity");
    case Action::ChangeDeskSettings:
        return Tr::tr("Changing the desk's gateway settings");
    }
    return {};
}

} // namespace fatora
