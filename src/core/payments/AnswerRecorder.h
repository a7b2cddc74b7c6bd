#pragma once

#include "domain/Clock.h"
#include "domain/Payment.h"
#include "domain/Result.h"
#include "gateway/GatewayTypes.h"

#include <QCoreApplication>

namespace fatora {

class Store;

// Writes one gateway answer into the store — the payment or token row and its audit entries — in
// the caller's write transaction. The one place that turns a collect, refund or deactivate answer
// into records: PaymentService uses it for answers as they arrive, and for answers replayed from
// the AnswerJournal after the database could not take them.
class AnswerRecorder
{
    Q_DECLARE_TR_FUNCTIONS(fatora::AnswerRecorder)
public:
    AnswerRecorder(Store &store, const Clock &clock);

    void setOperatorName(const QString &name) { m_operator = name; }
    QString operatorName() const { return m_operator; }

    // What an answer proves, before anything is written.
    static PaymentState chargeStateFor(const GatewayResult &result);
    // What the payment's error text says about a collect answer.
    static QString chargeErrorText(const GatewayResult &result);
    static RefundState refundStateFor(const GatewayResult &result);
    static bool revokeConfirmed(const GatewayResult &result);
    // Whether a decline's description says the token itself is unusable (invalid or expired).
    static bool describesInvalidToken(const QString &description);

    struct ChargeRecord
    {
        PaymentState state = PaymentState::Unknown; // as recorded (an earlier settlement wins)
        QString orderId;
        qint64 tokenId = 0;
        bool tokenInvalidated = false;
    };
    // replayed: the answer comes from the journal; one that was saved meanwhile is skipped silently.
    Result<ChargeRecord> recordCharge(qint64 paymentId, const GatewayResult &result, bool replayed = false);
    Result<RefundState> recordRefund(qint64 paymentId, const GatewayResult &result, bool replayed = false);
    // Returns whether the token is now deactivated.
    Result<bool> recordRevoke(qint64 tokenId, const QString &reason, const GatewayResult &result,
                              bool replayed = false);

    Result<void> audit(const QString &action, const QString &objectType, qint64 objectId,
                       const QString &detail);

private:
    Store &m_store;
    const Clock &m_clock;
    QString m_operator;
};

} // namespace fatora
