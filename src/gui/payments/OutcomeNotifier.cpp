#include "payments/OutcomeNotifier.h"

#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/DeskContext.h"
#include "domain/Clock.h"
#include "gateway/GatewayReason.h"
#include "payments/NoticeList.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

namespace fatora {

OutcomeNotifier::OutcomeNotifier(DeskContext &context, NoticeList *notices, ShownByDialog shownByDialog,
                                 QObject *parent)
    : QObject(parent), m_context(context), m_notices(notices), m_shownByDialog(std::move(shownByDialog))
{
    PaymentService *payments = context.payments;
    connect(payments, &PaymentService::chargeFinished, this,
            [this](qint64 id, PaymentState state) { paymentEnded(Call::Charge, id, state); });
    connect(payments, &PaymentService::verifyFinished, this,
            [this](qint64 id, PaymentState state) { paymentEnded(Call::Verify, id, state); });
    connect(payments, &PaymentService::revokeFinished, this,
            [this](qint64 tokenId, bool deactivated, GatewayOutcome, const QString &errorText) {
                revokeEnded(tokenId, deactivated, errorText);
            });
    connect(payments, &PaymentService::refundFinished, this, &OutcomeNotifier::refundEnded);
}

QString OutcomeNotifier::subject(const Payment &p) const
{
    const QString customer = UiSupport::customerName(*m_context.store, p.customerId);
    return tr("%1 for %2, order %3")
        .arg(Display::amount(p.amount), Display::isolateAuto(customer), Display::isolate(p.orderId));
}

void OutcomeNotifier::paymentEnded(Call call, qint64 paymentId, PaymentState state)
{
    // A charge ending unknown or declined is always listed: the next step (verify, tell the customer)
    // is the clerk's. A verify that leaves it unknown adds nothing new when its window shows it (a
    // reconcile of fifty unknown payments would otherwise bury the list).
    const bool mustSee =
        call == Call::Charge && (state == PaymentState::Unknown || state == PaymentState::Declined);
    if (!mustSee && m_shownByDialog(call, paymentId))
        return;
    auto loaded = m_context.store->payment(paymentId);
    if (!loaded.ok())
        return;
    const Payment &p = loaded.value();
    const bool verify = call == Call::Verify;
    NoticeList::Entry entry;
    entry.at = m_context.clock->now();
    entry.colour = Display::paymentColor(p);
    QString next;
    switch (state) {
    case PaymentState::Approved:
        entry.title = verify ? tr("Verified: charge approved") : tr("Charge approved");
        next = tr("Transaction %1.").arg(Display::isolate(p.transactionId));
        break;
    case PaymentState::Declined:
        entry.title = verify ? tr("Verified: charge declined") : tr("Charge declined");
        next = tr("Fatora declined it: %1 No money moved.").arg(GatewayReason::explain(p));
        break;
    case PaymentState::Rejected:
        entry.title = tr("Charge rejected");
        next = tr("%1 No money moved.").arg(GatewayReason::explain(p));
        break;
    case PaymentState::NotSent:
        entry.title = verify ? tr("Verified: never charged") : tr("Charge not sent");
        // A charge closed as not charged after verify has no technical account to give.
        next = p.errorText.isEmpty() || verify
                   ? tr("No money moved.")
                   : GatewayReason::explain(p) + u' ' + GatewayReason::advice(GatewayReason::of(p));
        break;
    case PaymentState::Unknown:
        entry.title = verify ? tr("Verify: outcome still unknown") : tr("Charge outcome unknown");
        // Why, in plain words with the technical account beside them, then where to verify.
        next = tr("%1\nVerify it (“Verify this charge…” beside the card) before charging this card again.")
                   .arg(GatewayReason::explain(p));
        break;
    case PaymentState::Pending:
        return;
    }
    entry.details = subject(p) + u'\n' + next;
    m_notices->add(entry);
}

void OutcomeNotifier::revokeEnded(qint64 tokenId, bool deactivated, const QString &errorText)
{
    if (deactivated && m_shownByDialog(Call::Revoke, tokenId))
        return;
    auto token = m_context.store->token(tokenId);
    if (!token.ok())
        return;
    const QString card = Display::card(token->label, token->masked());
    const QString customer = UiSupport::customerName(*m_context.store, token->customerId);
    NoticeList::Entry entry;
    entry.at = m_context.clock->now();
    entry.colour = Display::tokenColor(deactivated ? TokenStatus::Deactivated : TokenStatus::RevokePending);
    entry.title = deactivated ? tr("Card revoked") : tr("Revoke not confirmed");
    entry.details = tr("%1's card %2").arg(Display::isolateAuto(customer), Display::isolateAuto(card)) +
                    u'\n' +
                    (deactivated ? tr("Fatora confirmed: it can never be charged again.")
                                 : tr("Fatora did not confirm: %1. The card stays revoke pending; retry with "
                                      "“Revoke token…”.")
                                       .arg(errorText));
    m_notices->add(entry);
}

void OutcomeNotifier::refundEnded(qint64 paymentId, RefundState state)
{
    if (state == RefundState::Refunded && m_shownByDialog(Call::Refund, paymentId))
        return;
    auto loaded = m_context.store->payment(paymentId);
    if (!loaded.ok())
        return;
    const Payment &p = loaded.value();
    NoticeList::Entry entry;
    entry.at = m_context.clock->now();
    QString next;
    switch (state) {
    case RefundState::Refunded:
        entry.title = tr("Refunded");
        entry.colour = Display::paymentColor(p);
        next = tr("Fatora accepted the refund.");
        break;
    case RefundState::Rejected:
        entry.title = tr("Refund refused");
        entry.colour = Display::errorColor();
        next = tr("Fatora refused the refund: %1. No money moved.").arg(p.errorText);
        break;
    case RefundState::Pending:
    case RefundState::Unknown:
    case RefundState::None:
        entry.title = tr("Refund outcome unknown");
        entry.colour = Display::warningColor();
        next = tr("Check Fatora's dashboard and use “Record refund outcome…” before refunding again.");
        break;
    }
    entry.details = subject(p) + u'\n' + next;
    m_notices->add(entry);
}

} // namespace fatora
