#pragma once

#include "Clock.h"
#include "GatewayTypes.h"
#include "Payment.h"
#include "Result.h"

#include <QObject>
#include <QSet>

#include <functional>

namespace fatora {

class GatewayClient;
class Store;
struct CardToken;

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

    // A pending row this old cannot belong to a live call (the longest allowed gateway timeout is
    // 5 minutes), so its process died mid-call. Younger pending rows may be another desk's or the
    // CLI's call in flight and are left alone.
    static constexpr int OrphanAfterSecs = 15 * 60;
    // Verify may close an unknown charge as "not charged" only when the gateway still does not
    // know the order this long after it was attempted.
    static constexpr int CloseUnfoundAfterSecs = 24 * 60 * 60;
    // While the database is busy (another process writing), a gateway answer is kept in memory and
    // saving it is retried: an answer that moved money is never dropped.
    static constexpr int SaveRetryMs = 2000;
    static constexpr int SaveAttempts = 30;

    // At start-up (and periodically): payments left pending by a process that died mid-call become
    // unknown (never failed, never re-sent). Returns how many were moved.
    Result<int> recoverInterrupted();

    // Why this token cannot be charged right now, or an ok result when it can.
    Result<void> canCharge(qint64 tokenId);
    // An approved charge of the same amount on this token within the last 10 minutes, if any:
    // the desk warns before charging again.
    Result<std::optional<Payment>> recentSimilarCharge(qint64 tokenId, const std::optional<Money> &amount);

    // Writes the pending payment and sends collect. Returns the payment id; chargeFinished follows.
    // orderId: one the charge dialog generated (newOrderId) and showed on its review step; empty:
    // generate one here. An order id already used by any payment is refused, never reused.
    Result<qint64> charge(qint64 tokenId, const std::optional<Money> &amount,
                          const QString &orderId = QString());
    // Asks the gateway about an unknown (or approved) payment; verifyFinished follows.
    Result<void> verify(qint64 paymentId);
    // Writes revoke-pending, then deactivates; revokeFinished follows. Also retries a revoke-pending token.
    Result<void> revoke(qint64 tokenId, const QString &reason);
    // Refunds an approved payment once; refundFinished follows. Refused while an earlier refund
    // is pending or its outcome unknown: Fatora documents no protection against a second refund.
    Result<void> refund(qint64 paymentId, const QString &reason = QString());
    // The operator checked an unknown refund in Fatora's dashboard and records what it shows.
    Result<void> resolveRefund(qint64 paymentId, bool refunded, const QString &reason);
    // Closes an unknown charge that the gateway still did not know a day after it was attempted
    // (last verify: not found) as not-sent, so the token can be used again. Audited with the reason.
    Result<void> closeUnfound(qint64 paymentId, const QString &reason);

    // Whether a decline's description says the token itself is unusable (invalid or expired).
    static bool describesInvalidToken(const QString &description);

    static QString newOrderId(const QDateTime &now); // "BO-20261125-7K3QH2MX9A"

    int callsInFlight() const { return m_busyPayments.size() + m_busyTokens.size(); }
    bool isBusy(qint64 paymentId) const { return m_busyPayments.contains(paymentId); }
    bool isTokenBusy(qint64 tokenId) const { return m_busyTokens.contains(tokenId); }

signals:
    void chargeFinished(qint64 paymentId, fatora::PaymentState state);
    void verifyFinished(qint64 paymentId, fatora::PaymentState state);
    // outcome and errorText say why a revoke was not confirmed (refused, not sent, no answer).
    void revokeFinished(qint64 tokenId, bool deactivated, fatora::GatewayOutcome outcome,
                        const QString &errorText);
    void refundFinished(qint64 paymentId, fatora::RefundState state);
    void paymentChanged(qint64 paymentId);
    void tokenChanged(qint64 tokenId);
    void callsInFlightChanged(int count);
    // A gateway or store problem worth showing in the status bar (never contains secrets).
    void problem(const QString &message);

private:
    // canCharge for a token already read inside the caller's transaction.
    Result<void> checkChargeable(const CardToken &token);
    void settleCharge(qint64 paymentId, const GatewayResult &result, int attempt = 1);
    void settleVerify(qint64 paymentId, const GatewayResult &result, int attempt = 1);
    void settleRevoke(qint64 tokenId, const QString &reason, const GatewayResult &result, int attempt = 1);
    void settleRefund(qint64 paymentId, const GatewayResult &result, int attempt = 1);
    // Runs apply inside one write transaction. On failure, schedules retry() while attempts remain
    // and returns false; the caller then keeps its call marked busy.
    bool commitOrRetry(const std::function<Result<void>()> &apply, int attempt, const QString &what,
                       const std::function<void()> &retry);
    Result<void> audit(const QString &action, const QString &objectType, qint64 objectId,
                       const QString &detail);
    void setBusy(QSet<qint64> &set, qint64 id, bool busy);

    Store &m_store;
    GatewayClient &m_gateway;
    const Clock &m_clock;
    QString m_operator;
    QSet<qint64> m_busyPayments;
    QSet<qint64> m_busyTokens;
};

} // namespace fatora
