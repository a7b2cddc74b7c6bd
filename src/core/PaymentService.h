#pragma once

#include "Clock.h"
#include "GatewayTypes.h"
#include "Payment.h"
#include "Result.h"

#include <QObject>
#include <QSet>

namespace fatora {

class GatewayClient;
class Store;

// The state machine that moves money. Every charge is written ahead as *pending* under a fresh
// order id before the request leaves; the reply settles it in one transaction with its audit entry.
// One intent = one order id, forever: nothing here ever re-sends a charge on its own.
//
// Validation and write-ahead happen synchronously (so the caller gets a refusal with its reason at
// once); the gateway call is asynchronous and ends in a signal.
class PaymentService : public QObject
{
    Q_OBJECT
public:
    PaymentService(Store &store, GatewayClient &gateway, const Clock &clock, QObject *parent = nullptr);

    void setOperatorName(const QString &name) { m_operator = name; }
    QString operatorName() const { return m_operator; }

    // At start-up: payments left pending by a process that died mid-call become unknown
    // (never failed, never re-sent). Returns how many were moved.
    Result<int> recoverInterrupted();

    // Why this token cannot be charged right now, or an ok result when it can.
    Result<void> canCharge(qint64 tokenId);
    // An approved charge of the same amount on this token within the last 10 minutes, if any:
    // the desk warns before charging again.
    Result<std::optional<Payment>> recentSimilarCharge(qint64 tokenId, const std::optional<Money> &amount);

    // Writes the pending payment and sends collect. Returns the payment id; chargeFinished follows.
    Result<qint64> charge(qint64 tokenId, const std::optional<Money> &amount);
    // Asks the gateway about an unknown (or approved) payment; verifyFinished follows.
    Result<void> verify(qint64 paymentId);
    // Writes revoke-pending, then deactivates; revokeFinished follows. Also retries a revoke-pending token.
    Result<void> revoke(qint64 tokenId, const QString &reason);
    // Refunds an approved payment once; refundFinished follows.
    Result<void> refund(qint64 paymentId, const QString &reason = QString());

    static QString newOrderId(const QDateTime &now); // "BO-20261125-7K3QH2MX9A"

    int callsInFlight() const { return m_busyPayments.size() + m_busyTokens.size(); }
    bool isBusy(qint64 paymentId) const { return m_busyPayments.contains(paymentId); }
    bool isTokenBusy(qint64 tokenId) const { return m_busyTokens.contains(tokenId); }

signals:
    void chargeFinished(qint64 paymentId, fatora::PaymentState state);
    void verifyFinished(qint64 paymentId, fatora::PaymentState state);
    void revokeFinished(qint64 tokenId, bool deactivated);
    void refundFinished(qint64 paymentId, fatora::RefundState state);
    void paymentChanged(qint64 paymentId);
    void tokenChanged(qint64 tokenId);
    void callsInFlightChanged(int count);
    // A gateway or store problem worth showing in the status bar (never contains secrets).
    void problem(const QString &message);

private:
    void settleCharge(qint64 paymentId, const GatewayResult &result);
    void settleVerify(qint64 paymentId, const GatewayResult &result);
    void settleRevoke(qint64 tokenId, const QString &reason, const GatewayResult &result);
    void settleRefund(qint64 paymentId, const GatewayResult &result);
    Result<void> audit(const QString &action, const QString &objectType, qint64 objectId, const QString &detail);
    void setBusy(QSet<qint64> &set, qint64 id, bool busy);

    Store &m_store;
    GatewayClient &m_gateway;
    const Clock &m_clock;
    QString m_operator;
    QSet<qint64> m_busyPayments;
    QSet<qint64> m_busyTokens;
};

} // namespace fatora
