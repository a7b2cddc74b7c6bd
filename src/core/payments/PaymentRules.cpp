#include "payments/PaymentRules.h"

#include "domain/PeopleText.h"

#include <QCoreApplication>

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::PaymentRules)
};

using PeopleText::isolate;

RuleVerdict inFlight()
{
    return RuleVerdict::refuse(Tr::tr("A call for this payment is in flight; wait for its result."),
                               ErrorKind::Busy);
}

} // namespace

bool PaymentRules::isInterrupted(const QDateTime &pendingSince, bool busy, Owner owner, const QDateTime &now)
{
    if (busy)
        return false;
    switch (owner) {
    case Owner::Alive:
        return false;
    case Owner::Gone:
        return true;
    case Owner::NotRecorded:
        break;
    }
    return !pendingSince.isValid() || now >= pendingSince.addSecs(OrphanAfterSecs);
}

RuleVerdict PaymentRules::mayVerify(const Payment &p, bool busy, const QDateTime &now, Owner owner)
{
    // Only a check saves the card a card request's payment created; verify may only fill in an
    // approved one's details.
    if (p.isCardRequest() && p.state != PaymentState::Approved)
        return RuleVerdict::refuse(Tr::tr("Order %1 is a card request: check it instead, which also saves "
                                          "the card when the customer paid.")
                                       .arg(isolate(p.orderId)));
    if (busy)
        return inFlight();
    if (p.state == PaymentState::Pending && owner == Owner::Alive)
        return RuleVerdict::refuse(
            Tr::tr(
                "Order %1 is in flight at another desk or in the CLI (sent at %2): its answer is on its way. "
                "Verify it only if its outcome stays unknown.")
                .arg(isolate(p.orderId), PeopleText::dateTime(p.updatedAt)),
            ErrorKind::Busy);
    if (p.state == PaymentState::Pending && !isInterrupted(p.updatedAt, busy, owner, now))
        return RuleVerdict::refuse(
            Tr::tr("Order %1 may still be in flight at another desk (sent at %2): its answer is on its way. "
                   "Verify it after %3 if it is still in flight then.")
                .arg(isolate(p.orderId), PeopleText::dateTime(p.updatedAt),
                     PeopleText::dateTime(p.updatedAt.addSecs(OrphanAfterSecs))),
            ErrorKind::Busy);
    if (p.isOpen())
        return RuleVerdict::allow(Tr::tr("Ask Fatora what happened to order %1.").arg(isolate(p.orderId)));
    if (p.state == PaymentState::Approved && p.transactionId.isEmpty())
        return RuleVerdict::allow(Tr::tr("Fatora gave no transaction id for order %1: verify it to fetch one "
                                         "(a refund needs it).")
                                      .arg(isolate(p.orderId)));
    if (p.takenAmountToLearn())
        return RuleVerdict::allow(
            Tr::tr("Order %1 charged the card's first-payment amount: verify it to learn "
                   "the amount Fatora took.")
                .arg(isolate(p.orderId)));
    return RuleVerdict::refuse(
        Tr::tr("The outcome of order %1 is known (%2); only payments with an unknown outcome need verifying.")
            .arg(isolate(p.orderId), PeopleText::paymentState(p.state)));
}

RuleVerdict PaymentRules::mayRefund(const Payment &p, bool busy)
{
    const QString order = isolate(p.orderId);
    if (busy)
        return inFlight();
    if (p.state != PaymentState::Approved)
        return RuleVerdict::refuse(Tr::tr("Only approved payments can be refunded; order %1 is %2.")
                                       .arg(order, PeopleText::paymentState(p.state)));
    switch (p.refundState) {
    case RefundState::Refunded:
        return RuleVerdict::refuse(
            Tr::tr("Order %1 was already refunded on %2.").arg(order, PeopleText::dateTime(p.refundedAt)));
    case RefundState::Pending:
        // Pending and not busy here: in flight at another desk or the CLI, or interrupted.
        return RuleVerdict::refuse(
            Tr::tr("A refund of order %1 was started and its answer is not recorded (in flight elsewhere, or "
                   "interrupted). Refunding again could pay the money back twice: check Fatora's dashboard, "
                   "then use “Record refund outcome…”.")
                .arg(order));
    case RefundState::Unknown:
        return RuleVerdict::refuse(
            Tr::tr(
                "The outcome of the last refund of order %1 is unknown. Refunding again could pay the money "
                "back twice: check Fatora's dashboard, then use “Record refund outcome…”.")
                .arg(order));
    case RefundState::None:
    case RefundState::Rejected:
        break;
    }
    if (p.transactionId.isEmpty())
        return RuleVerdict::refuse(Tr::tr("Fatora gave no transaction id for order %1, and a refund needs "
                                          "it: verify the payment first.")
                                       .arg(order));
    if (p.refundState == RefundState::Rejected)
        return RuleVerdict::allow(Tr::tr("Fatora refused the last refund of order %1; ask again for %2.")
                                      .arg(order, PeopleText::amount(p.amount)));
    return RuleVerdict::allow(Tr::tr("Refund %1 of order %2.").arg(PeopleText::amount(p.amount), order));
}

RuleVerdict PaymentRules::mayRecordRefundOutcome(const Payment &p, bool busy, const QDateTime &now,
                                                 Owner owner)
{
    if (busy)
        return inFlight();
    switch (p.refundState) {
    case RefundState::Pending:
        if (owner == Owner::Alive)
            return RuleVerdict::refuse(
                Tr::tr("The refund of order %1 is in flight at another desk or in the CLI (asked for at %2): "
                       "its answer is on its way. Record what Fatora's dashboard shows only if it stays "
                       "unrecorded after that desk stops.")
                    .arg(isolate(p.orderId), PeopleText::dateTime(p.updatedAt)),
                ErrorKind::Busy);
        if (!isInterrupted(p.updatedAt, busy, owner, now)) {
            return RuleVerdict::refuse(
                Tr::tr("The refund of order %1 was asked for at %2 and may still be in flight at another "
                       "desk. Record what Fatora's dashboard shows after %3, when no call can still be "
                       "running.")
                    .arg(isolate(p.orderId), PeopleText::dateTime(p.updatedAt),
                         PeopleText::dateTime(p.updatedAt.addSecs(OrphanAfterSecs))),
                ErrorKind::Busy);
        }
        [[fallthrough]];
    case RefundState::Unknown:
        return RuleVerdict::allow(
            Tr::tr("Check the refund of order %1 in Fatora's dashboard and record what it shows.")
                .arg(isolate(p.orderId)));
    case RefundState::None:
        return RuleVerdict::refuse(Tr::tr("No refund of this payment was asked for: nothing to record."));
    case RefundState::Refunded:
    case RefundState::Rejected:
        break;
    }
    return RuleVerdict::refuse(Tr::tr("The refund's outcome is known (%1): nothing to record.")
                                   .arg(PeopleText::refundState(p.refundState)));
}

bool PaymentRules::cardRequestFoundUnpaid(const Payment &p)
{
    return p.isCardRequest() &&
           (p.gatewayStatus == QLatin1String("NOT_FOUND") || p.gatewayStatus == QLatin1String("PENDING"));
}

RuleVerdict PaymentRules::mayCloseUnfound(const Payment &p, bool busy)
{
    if (busy)
        return inFlight();
    const QString order = isolate(p.orderId);
    if (p.isCardRequest()) {
        // A card request becomes unknown only when its link expired unpaid (or its checkout call
        // was interrupted, so no link was ever handed out); the latest check must still find no
        // payment on it.
        if (p.state != PaymentState::Unknown || !cardRequestFoundUnpaid(p) || !p.lastCheckedAt.isValid())
            return RuleVerdict::refuse(
                Tr::tr("Only a card request whose link expired unpaid can be closed; check order %1 first.")
                    .arg(order));
        return RuleVerdict::allow(
            Tr::tr("Close card request %1: its link expired and Fatora holds no payment on it.").arg(order));
    }
    if (p.state != PaymentState::Unknown)
        return RuleVerdict::refuse(
            Tr::tr("Only a charge with an unknown outcome can be closed as not charged; order %1 is %2.")
                .arg(order, PeopleText::paymentState(p.state)));
    const QDateTime allowedFrom = p.createdAt.addSecs(CloseUnfoundAfterSecs);
    if (p.gatewayStatus != QLatin1String("NOT_FOUND") || !p.lastCheckedAt.isValid() ||
        p.lastCheckedAt < allowedFrom)
        return RuleVerdict::refuse(
            Tr::tr("Verify order %1 again after %2: it can be closed as not charged only "
                   "when Fatora still does not know it a day after the attempt.")
                .arg(order, PeopleText::dateTime(allowedFrom)));
    return RuleVerdict::allow(
        Tr::tr("Close order %1 as not charged: a verify a day after the attempt still found no such order at "
               "Fatora.")
            .arg(order));
}

RuleVerdict PaymentRules::mayCheckCardRequest(const Payment &p, bool busy, const QDateTime &now, Owner owner)
{
    const QString order = isolate(p.orderId);
    if (!p.isCardRequest())
        return RuleVerdict::refuse(Tr::tr("Order %1 is a charge, not a card request.").arg(order),
                                   ErrorKind::Validation);
    if (busy)
        return inFlight();
    // No link yet: its checkout call may be in flight where the request was written (its owner's
    // lease says; an unowned row, its age).
    if (p.state == PaymentState::Pending && p.checkoutUrl.isEmpty() && p.updatedAt.isValid() &&
        !isInterrupted(p.updatedAt, busy, owner, now))
        return RuleVerdict::refuse(
            Tr::tr("The checkout link of order %1 is still being asked for (since %2). Check it after %3 "
                   "if no link arrived by then.")
                .arg(order, PeopleText::dateTime(p.updatedAt),
                     PeopleText::dateTime(p.updatedAt.addSecs(OrphanAfterSecs))),
            ErrorKind::Busy);
    if (p.isOpen())
        return RuleVerdict::allow(
            Tr::tr("Ask Fatora whether the customer paid on the link of order %1.").arg(order));
    // A link may still be paid after the desk gave up on it (its lifetime is this desk's setting,
    // not Fatora's) or after a payment failed: Fatora's record of the order wins, as for a charge's
    // verify, and an approval settles it even then.
    if (p.state != PaymentState::Approved && !p.checkoutUrl.isEmpty())
        return RuleVerdict::allow(
            Tr::tr("Ask Fatora whether the customer paid later on the link of order %1.").arg(order));
    // Paid, but no card came of it (Fatora named none, or it could not be saved then): asking again
    // may bring the card, and saves it once like any check.
    if (p.state == PaymentState::Approved && p.savedTokenId == 0)
        return RuleVerdict::allow(
            Tr::tr("Order %1 was paid but no card was saved: ask Fatora again for the card.").arg(order));
    return RuleVerdict::refuse(Tr::tr("The card request %1 is settled (%2): nothing to check.")
                                   .arg(order, PeopleText::paymentState(p.state)));
}

RuleVerdict PaymentRules::mayRevoke(const CardToken &t, bool busy)
{
    if (busy)
        return RuleVerdict::refuse(Tr::tr("A revoke of this card is in flight; wait for its result."),
                                   ErrorKind::Busy);
    if (t.status == TokenStatus::Deactivated)
        return RuleVerdict::refuse(
            Tr::tr("Card revoked on %1.").arg(PeopleText::date(t.statusChangedAt.toLocalTime().date())));
    if (t.status == TokenStatus::RevokePending)
        return RuleVerdict::allow(Tr::tr("Fatora has not confirmed the revoke yet: retry it."));
    return RuleVerdict::allow(Tr::tr("Deactivate this card at Fatora so it can never be charged again."));
}

RuleVerdict PaymentRules::mayCharge(const CardToken &t, const std::optional<Payment> &openCharge,
                                    bool revokeBusy, const QDate &today)
{
    const QString changed = PeopleText::date(t.statusChangedAt.toLocalTime().date());
    switch (t.effectiveStatus(today)) {
    case TokenStatus::Active:
        break;
    case TokenStatus::RevokePending:
        return RuleVerdict::refuse(
            Tr::tr("This card is being revoked (asked for on %1); finish the revoke. It "
                   "can no longer be charged.")
                .arg(changed));
    case TokenStatus::Deactivated:
        return RuleVerdict::refuse(Tr::tr("Card revoked on %1: it can never be charged again.").arg(changed));
    case TokenStatus::Expired:
        return RuleVerdict::refuse(
            Tr::tr("Card expired on %1: ask the customer to pay online again for a new card token.")
                .arg(PeopleText::date(t.expiresOn)));
    case TokenStatus::Invalid:
        return RuleVerdict::refuse(
            Tr::tr("Fatora reported this card invalid on %1: it cannot be charged.").arg(changed));
    }
    if (revokeBusy)
        return RuleVerdict::refuse(Tr::tr("A revoke of this card is in flight; wait for its result."),
                                   ErrorKind::Busy);
    if (openCharge) {
        const QString order = isolate(openCharge->orderId);
        if (openCharge->state == PaymentState::Pending)
            return RuleVerdict::refuse(
                Tr::tr("Charge %1 on this card is still in flight. Wait for its result.").arg(order));
        return RuleVerdict::refuse(
            Tr::tr("The outcome of charge %1 is unknown: verify it before charging this card again.")
                .arg(order));
    }
    return RuleVerdict::allow(Tr::tr("Charge this card."));
}

} // namespace fatora
