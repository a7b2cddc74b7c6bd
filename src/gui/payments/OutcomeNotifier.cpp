#include "payments/OutcomeNotifier.h"

#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/DeskContext.h"
#include "domain/Clock.h"
#include "gateway/GatewayReason.h"
#include "payments/NoticeList.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

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
    // A call's payment as the service saved it comes just before the call's end (the same turn):
    // kept for a notice whose own read fails (readPayment).
    connect(payments, &PaymentService::paymentChanged, this, [this](const Payment &p) { m_lastCarried = p; });
}

QString OutcomeNotifier::subject(const UiSupport::PaymentSubject &read)
{
    const Payment &p = read.payment;
    return tr("%1 for %2, order %3")
        .arg(Display::amount(p.amount), Display::isolateAuto(read.customerName), Display::isolate(p.orderId));
}

void OutcomeNotifier::readPayment(qint64 paymentId, std::function<void(const UiSupport::PaymentSubject &)> add)
{
    // If the reader cannot read it (its connection dropped), the notice is still given, from the
    // payment as the service last carried it (or its id alone), without the customer's name: a
    // call's end the clerk must see is never lost to a failed read.
    Payment fallback = m_lastCarried && m_lastCarried->id == paymentId ? *m_lastCarried : Payment{};
    fallback.id = paymentId;
    m_context.reader->read<UiSupport::PaymentSubject>(
        this, [paymentId](Store &store) { return UiSupport::readPaymentSubject(store, paymentId); },
        [add = std::move(add), fallback](Result<UiSupport::PaymentSubject> read) {
            add(read.ok() ? read.value() : UiSupport::PaymentSubject{fallback, QString()});
        });
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
    if (state == PaymentState::Pending)
        return;
    const QDateTime at = m_context.clock->now();
    readPayment(paymentId, [this, call, state, at](const UiSupport::PaymentSubject &read) {
        addPaymentNotice(call, state, at, read);
    });
}

void OutcomeNotifier::addPaymentNotice(Call call, PaymentState state, const QDateTime &at,
                                       const UiSupport::PaymentSubject &read)
{
    const Payment &p = read.payment;
    const bool verify = call == Call::Verify;
    NoticeList::Entry entry;
    entry.at = at;
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
    entry.details = subject(read) + u'\n' + next;
    m_notices->add(entry);
}

void OutcomeNotifier::revokeEnded(qint64 tokenId, bool deactivated, const QString &errorText)
{
    if (deactivated && m_shownByDialog(Call::Revoke, tokenId))
        return;
    const QDateTime at = m_context.clock->now();
    m_context.reader->read<UiSupport::CardSubject>(
        this, [tokenId](Store &store) { return UiSupport::readCardSubject(store, tokenId); },
        [this, deactivated, errorText, at, tokenId](Result<UiSupport::CardSubject> read) {
            // As for a payment: a failed read still gives the notice, naming the card by its id.
            const CardToken token = read.ok() ? read->token : CardToken{};
            const QString card = read.ok() ? Display::card(token.label, token.masked())
                                           : Display::isolate(QString::number(tokenId));
            const QString customer = read.ok() ? read->customerName : QString();
            NoticeList::Entry entry;
            entry.at = at;
            entry.colour =
                Display::tokenColor(deactivated ? TokenStatus::Deactivated : TokenStatus::RevokePending);
            entry.title = deactivated ? tr("Card revoked") : tr("Revoke not confirmed");
            entry.details =
                tr("%1's card %2").arg(Display::isolateAuto(customer), Display::isolateAuto(card)) + u'\n' +
                (deactivated ? tr("Fatora confirmed: it can never be charged again.")
                             : tr("Fatora did not confirm: %1. The card stays revoke pending; retry with "
                                  "“Revoke token…”.")
                                   .arg(errorText));
            m_notices->add(entry);
        });
}

void OutcomeNotifier::refundEnded(qint64 paymentId, RefundState state)
{
    if (state == RefundState::Refunded && m_shownByDialog(Call::Refund, paymentId))
        return;
    const QDateTime at = m_context.clock->now();
    readPayment(paymentId,
                [this, state, at](const UiSupport::PaymentSubject &read) { addRefundNotice(state, at, read); });
}

void OutcomeNotifier::addRefundNotice(RefundState state, const QDateTime &at, const UiSupport::PaymentSubject &read)
{
    const Payment &p = read.payment;
    NoticeList::Entry entry;
    entry.at = at;
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
    entry.details = subject(read) + u'\n' + next;
    m_notices->add(entry);
}

} // namespace fatora
