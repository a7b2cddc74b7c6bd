#include "ActionRules.h"

#include "Display.h"
#include "PaymentService.h"

namespace fatora {

namespace {
ActionState allowed(const QString &why)
{
    return ActionState{true, why};
}
ActionState refused(const QString &why)
{
    return ActionState{false, why};
}
} // namespace

ActionState ActionRules::verify(const Payment &p, bool busy)
{
    if (busy)
        return refused(tr("A call for this payment is in flight; wait for its result."));
    if (p.isOpen())
        return allowed(tr("Ask Fatora what happened to order %1.").arg(Display::isolate(p.orderId)));
    if (p.state == PaymentState::Approved && p.transactionId.isEmpty())
        return allowed(tr("Fatora gave no transaction id for order %1: verify it to fetch one (a refund "
                          "needs it).")
                           .arg(Display::isolate(p.orderId)));
    return refused(tr("The outcome is known (%1); only payments with an unknown outcome need verifying.")
                       .arg(Display::paymentState(p.state)));
}

ActionState ActionRules::refund(const Payment &p, bool busy)
{
    const QString order = Display::isolate(p.orderId);
    if (busy)
        return refused(tr("A call for this payment is in flight; wait for its result."));
    if (p.state != PaymentState::Approved)
        return refused(tr("Only approved payments can be refunded; this one is %1.")
                           .arg(Display::paymentState(p.state)));
    switch (p.refundState) {
    case RefundState::Refunded:
        return refused(tr("Refunded on %1.").arg(Display::dateTime(p.refundedAt)));
    case RefundState::Pending:
        // Pending and not busy here: in flight at another desk or the CLI, or interrupted.
        return refused(tr("A refund of order %1 was started and its answer is not recorded (in flight "
                          "elsewhere, or interrupted). Refunding again could pay the money back twice: "
                          "check Fatora's dashboard, then use “Record refund outcome…”.")
                           .arg(order));
    case RefundState::Unknown:
        return refused(tr("The outcome of the last refund of order %1 is unknown. Refunding again could "
                          "pay the money back twice: check Fatora's dashboard, then use “Record refund "
                          "outcome…”.")
                           .arg(order));
    case RefundState::None:
    case RefundState::Rejected:
        break;
    }
    if (p.transactionId.isEmpty())
        return refused(
            tr("Fatora gave no transaction id for order %1, and a refund needs it: verify the payment first.")
                .arg(order));
    if (p.refundState == RefundState::Rejected)
        return allowed(tr("Fatora refused the last refund of order %1; ask again for %2.")
                           .arg(order, Display::amount(p.amount)));
    return allowed(tr("Refund %1 of order %2.").arg(Display::amount(p.amount), order));
}

ActionState ActionRules::recordRefundOutcome(const Payment &p, bool busy, const QDateTime &now)
{
    if (busy)
        return refused(tr("A call for this payment is in flight; wait for its result."));
    if (const auto notYet = PaymentService::refundOutcomeNotYet(p, now))
        return refused(*notYet);
    switch (p.refundState) {
    case RefundState::Pending:
    case RefundState::Unknown:
        return allowed(tr("Check the refund of order %1 in Fatora's dashboard and record what it shows.")
                           .arg(Display::isolate(p.orderId)));
    case RefundState::None:
        return refused(tr("No refund of this payment was asked for: nothing to record."));
    case RefundState::Refunded:
    case RefundState::Rejected:
        break;
    }
    return refused(tr("The refund's outcome is known (%1): nothing to record.")
                       .arg(Display::refundState(p.refundState)));
}

ActionState ActionRules::closeUnfound(const Payment &p, bool busy)
{
    if (busy)
        return refused(tr("A call for this payment is in flight; wait for its result."));
    if (p.state != PaymentState::Unknown)
        return refused(
            tr("Only a charge with an unknown outcome can be closed as not charged; this one is %1.")
                .arg(Display::paymentState(p.state)));
    return allowed(tr("Close order %1 as not charged. Allowed once a verify a day or more after the attempt "
                      "still finds no such order at Fatora.")
                       .arg(Display::isolate(p.orderId)));
}

ActionState ActionRules::revoke(const CardToken &t, bool busy)
{
    if (busy)
        return refused(tr("A revoke of this card is in flight; wait for its result."));
    if (t.status == TokenStatus::Deactivated)
        return refused(tr("Token revoked on %1.").arg(Display::date(t.statusChangedAt.toLocalTime().date())));
    if (t.status == TokenStatus::RevokePending)
        return allowed(tr("Fatora has not confirmed the revoke yet: retry it."));
    return allowed(tr("Deactivate this card at Fatora so it can never be charged again."));
}

} // namespace fatora
