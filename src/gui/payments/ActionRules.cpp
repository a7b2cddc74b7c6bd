#include "payments/ActionRules.h"

#include "common/Display.h"
#include "payments/PaymentRules.h"

#include <QCoreApplication>

namespace fatora {

// Each action's verdict comes from PaymentRules, the rules PaymentService decides with: the tooltip
// of a disabled button is the refusal the service would give.
namespace {
ActionState fromVerdict(const RuleVerdict &verdict)
{
    return ActionState{verdict.allowed, verdict.why};
}
} // namespace

ActionState ActionRules::verify(const Payment &p, bool busy, const QDateTime &now, PaymentRules::Owner owner)
{
    return fromVerdict(PaymentRules::mayVerify(p, busy, now, owner));
}

ActionState ActionRules::refund(const Payment &p, bool busy)
{
    return fromVerdict(PaymentRules::mayRefund(p, busy));
}

ActionState ActionRules::recordRefundOutcome(const Payment &p, bool busy, const QDateTime &now,
                                             PaymentRules::Owner owner)
{
    return fromVerdict(PaymentRules::mayRecordRefundOutcome(p, busy, now, owner));
}

ActionState ActionRules::closeUnfound(const Payment &p, bool busy)
{
    return fromVerdict(PaymentRules::mayCloseUnfound(p, busy));
}

ActionState ActionRules::revoke(const CardToken &t, bool busy)
{
    return fromVerdict(PaymentRules::mayRevoke(t, busy));
}

ActionState ActionRules::askForNewCard(const CardToken &t, const QDate &today, const Result<void> &canCreate)
{
    const TokenStatus status = t.effectiveStatus(today);
    const bool expiring = (status == TokenStatus::Active || status == TokenStatus::RevokePending) &&
                          t.expiresOn.isValid() && today.daysTo(t.expiresOn) <= Display::ExpiryWarningDays;
    if (status != TokenStatus::Expired && status != TokenStatus::Invalid && !expiring)
        return {false, QCoreApplication::translate(
                           "fatora::ActionRules", "This card is not expiring soon, expired or invalid: use "
                                                  "“Save a new card…” on the customer to add another card.")};
    if (!canCreate.ok())
        return {false, canCreate.error().message};
    return {true, QCoreApplication::translate(
                      "fatora::ActionRules", "Send the customer a link that saves a new card in place of %1.")
                      .arg(Display::mask(t.masked()))};
}

ActionState ActionRules::saveNewCard(bool archived, const Result<void> &canCreate)
{
    if (archived)
        return {false, QCoreApplication::translate("fatora::ActionRules",
                                                   "This customer is archived: restore the customer first.")};
    if (!canCreate.ok())
        return {false, canCreate.error().message};
    return {true, QCoreApplication::translate("fatora::ActionRules",
                                              "Send the customer a Fatora link that saves their card (review "
                                              "before anything is sent).")};
}

ActionState ActionRules::checkCardRequest(const Payment &p, bool busy, const QDateTime &now,
                                          PaymentRules::Owner owner)
{
    return fromVerdict(PaymentRules::mayCheckCardRequest(p, busy, now, owner));
}

} // namespace fatora
