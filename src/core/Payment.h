#pragma once

#include "Money.h"

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

QString paymentStateName(PaymentState state); // "pending", "approved", ..., "not-sent", "unknown"
std::optional<PaymentState> paymentStateFromName(const QString &name);
QString refundStateName(RefundState state); // "none", "pending", "refunded", "rejected", "unknown"
std::optional<RefundState> refundStateFromName(const QString &name);

struct Payment
{
    qint64 id = 0;
    QString orderId; // unique forever: one charge intent, one order id
    qint64 tokenId = 0;
    qint64 customerId = 0;
    std::optional<Money> amount; // nullopt: "charge the first-payment amount" (amount not sent)
    QString currency;
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

    bool isOpen() const { return state == PaymentState::Pending || state == PaymentState::Unknown; }
};

} // namespace fatora
