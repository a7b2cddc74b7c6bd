#pragma once

#include "domain/Money.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace fatora {

// The life of one charge attempt. Pending is written before the request leaves; every other
// state is what the gateway's reply (or its absence) proved.
enum class PaymentState {
    Pending,  // written ahead, request in flight (or the process died while it was)
    Approved, // 200 SUCCESS
    Declined, // 200 FAILURE: the gateway processed it and said no
    Rejected, // 4xx: refused before processing, no money moved
    NotSent,  // never reached the gateway: safe to try again
    Unknown,  // the money may have moved: verify before anything else
};

enum class RefundState { None, Pending, Refunded, Rejected, Unknown };

// What a payment is for. A charge collects from a saved card token. A card request sends the
// customer a checkout link (save_token: true): the customer pays the first amount on Fatora's page
// and the card token that payment creates is saved to the customer. It has no token of its own.
enum class PaymentKind { Charge, CardRequest };

QString paymentStateName(PaymentState state); // "pending", "approved", ..., "not-sent", "unknown"
std::optional<PaymentState> paymentStateFromName(const QString &name);
QString refundStateName(RefundState state); // "none", "pending", "refunded", "rejected", "unknown"
std::optional<RefundState> refundStateFromName(const QString &name);
QString paymentKindName(PaymentKind kind); // "charge", "card-request"
std::optional<PaymentKind> paymentKindFromName(const QString &name);

struct Payment
{
    qint64 id = 0;
    QString orderId; // unique forever: one charge intent, one order id
    PaymentKind kind = PaymentKind::Charge;
    qint64 tokenId = 0; // the card charged; 0 for a card request
    qint64 customerId = 0;
    std::optional<Money> amount; // nullopt: "charge the first-payment amount" (amount not sent)
    QString currency;
    // A blank-amount charge: the token's first-payment amount when the pending row was written,
    // i.e. what Fatora was expected to charge. Not sent; nullopt when the token had none recorded.
    std::optional<Money> expectedAmount;
    // What the gateway reported as taken (a verify reply about this very payment with status
    // SUCCESS). Kept even when it differs from the amount sent: see countedAmount.
    std::optional<Money> takenAmount;
    PaymentState state = PaymentState::Pending;

    // What the gateway said, verbatim where it said it.
    QString gatewayStatus; // "SUCCESS" / "FAILURE" / ...
    QString statusCode;
    QString transactionId;
    QString authCode;
    QString mode;
    QString description;
    int httpStatus = 0;
    QString errorText;
    QString requestBody;  // as sent, card token masked
    QString responseBody; // as received, size-capped, card token masked

    QString operatorName;
    QString note; // e.g. the last reconcile result
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastCheckedAt; // last verify

    RefundState refundState = RefundState::None;
    QString refundStatus; // gateway's refund_status
    QDateTime refundedAt;

    // A card request's checkout link as Fatora gave it (checked: https, or the loopback sandbox),
    // and the card token its payment saved (0 until then, or when the card was already on file).
    QString checkoutUrl;
    qint64 savedTokenId = 0;

    // The session (Store::openSession) of the process whose call is or was in flight for this
    // payment: set when a charge is written ahead or a refund asked for. 0: none recorded (rows
    // written before sessions existed, or by a store without one).
    qint64 ownerSession = 0;

    bool isCardRequest() const { return kind == PaymentKind::CardRequest; }
    bool isOpen() const { return state == PaymentState::Pending || state == PaymentState::Unknown; }
    // An approved blank-amount charge whose amount taken the gateway has not reported yet: verify
    // may ask (the collect reply carries no amount).
    bool takenAmountToLearn() const { return state == PaymentState::Approved && !amount && !takenAmount; }
};

// Which figure a payment counts as, in history, details, CSV, the CLI and the store's totals.
enum class AmountKind {
    Sent,     // the amount the charge sent
    Taken,    // blank amount; the gateway reported what it took
    Expected, // blank amount; the token's first payment at the time of the charge, not confirmed
    Unknown,  // blank amount, and neither figure is known
};
QString amountKindName(AmountKind kind); // "sent", "taken", "expected", "unknown" (CSV, JSON)

struct CountedAmount
{
    std::optional<Money> money; // nullopt only for AmountKind::Unknown
    AmountKind kind = AmountKind::Unknown;
    // The gateway reported a taken amount that differs from the amount sent or, for a blank
    // amount, from the amount expected: shown beside the figure, never silently.
    bool takenDiffers = false;
};

// The one rule: the amount sent when there was one (a differing reported amount never overwrites
// it, it is flagged); otherwise the amount taken as the gateway reported it; otherwise the
// expected first-payment amount. SqliteQueries' countedAmountSql is the same rule in SQL.
CountedAmount countedAmount(const Payment &payment);

} // namespace fatora
