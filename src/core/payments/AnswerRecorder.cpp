#include "payments/AnswerRecorder.h"

#include "store/Store.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace fatora {

AnswerRecorder::AnswerRecorder(Store &store, const Clock &clock)
    : m_store(store), m_clock(clock), m_operator(qEnvironmentVariable("USER", u"operator"_s))
{
}

PaymentState AnswerRecorder::chargeStateFor(const GatewayResult &result)
{
    switch (result.outcome) {
    case GatewayOutcome::Success:
        return PaymentState::Approved;
    case GatewayOutcome::Declined:
        return PaymentState::Declined;
    case GatewayOutcome::Rejected:
        // No idempotency key exists, so a conflict on our own order id can only mean an earlier
        // attempt reached the gateway: treat it as "may have moved", never as a clean refusal.
        return result.httpStatus == 409 ? PaymentState::Unknown : PaymentState::Rejected;
    case GatewayOutcome::NotSent:
        return PaymentState::NotSent;
    case GatewayOutcome::Unknown:
        break;
    }
    return PaymentState::Unknown;
}

QString AnswerRecorder::chargeErrorText(const GatewayResult &result)
{
    if (result.outcome == GatewayOutcome::Rejected && result.httpStatus == 409)
        // Its text must say "unknown" too: "refused" beside "unknown" reads as "not charged".
        return tr("The gateway answered 409 Conflict: an earlier attempt with this order id may have "
                  "reached it, so the outcome is unknown and the card may have been charged. Verify "
                  "before charging again.");
    return result.errorText;
}

RefundState AnswerRecorder::refundStateFor(const GatewayResult &result)
{
    switch (result.outcome) {
    case GatewayOutcome::Success:
        return RefundState::Refunded;
    case GatewayOutcome::Rejected:
        // A conflict may mean "already refunded" or something else entirely: not a clean refusal.
        return result.httpStatus == 409 ? RefundState::Unknown : RefundState::Rejected;
    case GatewayOutcome::Declined:
        return RefundState::Rejected;
    case GatewayOutcome::NotSent:
        return RefundState::None; // never reached the gateway: nothing happened, may be asked again
    case GatewayOutcome::Unknown:
        break;
    }
    return RefundState::Unknown;
}

bool AnswerRecorder::revokeConfirmed(const GatewayResult &result)
{
    // 200 {"result":1}, 204 and 422 ("already deactivated") all mean the token is revoked.
    return result.outcome == GatewayOutcome::Success ||
           (result.outcome == GatewayOutcome::Rejected && result.httpStatus == 422);
}

bool AnswerRecorder::describesInvalidToken(const QString &description)
{
    // Fatora's words when the token itself is the problem ("Token invalid", "Invalid card token",
    // "Token has expired"): such a token is marked invalid so nobody keeps trying it.
    static const QRegularExpression pattern(
        u"\\b(invalid|expired)\\b.{0,20}\\btoken\\b|\\btoken\\b.{0,20}\\b(invalid|expired)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(description).hasMatch();
}

Result<void> AnswerRecorder::audit(const QString &action, const QString &objectType, qint64 objectId,
                                   const QString &detail)
{
    return m_store.audit(m_clock.now(), m_operator, action, objectType, objectId, detail);
}

Result<AnswerRecorder::ChargeRecord> AnswerRecorder::recordCharge(qint64 paymentId,
                                                                  const GatewayResult &result, bool replayed)
{
    // Loaded inside the write transaction: another process may have settled this row (a verify
    // from a second desk) while our reply was on its way; its result is never overwritten.
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    Payment p = loaded.value();
    ChargeRecord record;
    record.orderId = p.orderId;
    record.tokenId = p.tokenId;
    record.state = chargeStateFor(result);
    const QDateTime now = m_clock.now();
    if (!p.isOpen()) {
        record.state = p.state;
        if (replayed)
            return record; // saved meanwhile (by this answer's own retry, or by a verify)
        const QString detail = u"order %1: reply %2 arrived after the payment was settled as %3"_s.arg(
            p.orderId, gatewayOutcomeName(result.outcome), paymentStateName(p.state));
        if (auto r = audit(u"charge.late-reply"_s, u"payment"_s, p.id, detail); !r.ok())
            return r.error();
        return record;
    }
    const PaymentState state = record.state;
    p.state = state;
    p.gatewayStatus = result.status;
    p.statusCode = result.statusCode;
    p.transactionId = result.transactionId;
    p.authCode = result.authCode;
    p.mode = result.mode;
    p.description = result.description;
    p.httpStatus = result.httpStatus;
    p.errorText = chargeErrorText(result);
    p.requestBody = QString::fromUtf8(result.requestBody);
    p.responseBody = QString::fromUtf8(result.responseBody);
    p.updatedAt = now;
    p.note = state == PaymentState::Unknown
                 ? tr("No reliable answer from the gateway: the card may have been charged. Verify before "
                      "charging again.")
                 : QString();
    if (auto r = m_store.updatePayment(p); !r.ok())
        return r.error();

    if (state == PaymentState::Approved) {
        if (auto r = m_store.markTokenUsed(p.tokenId, now); !r.ok())
            return r.error();
    } else if (state == PaymentState::Declined) {
        // A decline may say the token itself is dead: read it to mark it invalid.
        auto token = m_store.token(p.tokenId);
        if (!token.ok())
            return token.error();
        CardToken t = token.value();
        // A decline is not a use of the card: its last use stays its last approved charge.
        if (t.status == TokenStatus::Active && describesInvalidToken(p.description)) {
            t.status = TokenStatus::Invalid;
            t.statusChangedAt = now;
            record.tokenInvalidated = true;
            if (auto r = m_store.updateToken(t); !r.ok())
                return r.error();
        }
    }

    QString detail = u"order %1: %2"_s.arg(p.orderId, paymentStateName(state));
    if (!p.transactionId.isEmpty())
        detail += u", transaction "_s + p.transactionId;
    if (!p.description.isEmpty())
        detail += u", "_s + p.description;
    if (!p.errorText.isEmpty())
        detail += u", "_s + p.errorText;
    if (replayed)
        detail += u" (saved from the journal of unsaved answers)"_s;
    if (auto r = audit(u"charge."_s + paymentStateName(state), u"payment"_s, p.id, detail); !r.ok())
        return r.error();
    if (record.tokenInvalidated) {
        if (auto r = audit(u"token.invalid"_s, u"token"_s, p.tokenId, u"gateway: "_s + p.description);
            !r.ok())
            return r.error();
    }
    return record;
}

Result<RefundState> AnswerRecorder::recordRefund(qint64 paymentId, const GatewayResult &result, bool replayed)
{
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    Payment p = loaded.value();
    if (p.refundState != RefundState::Pending) {
        // Saved meanwhile, or resolved by hand from Fatora's dashboard: that record is never
        // overwritten by a reply that arrives afterwards.
        if (!replayed) {
            if (auto r =
                    audit(u"refund.late-reply"_s, u"payment"_s, p.id,
                          u"order %1: reply %2 arrived after the refund was recorded as %3"_s.arg(
                              p.orderId, gatewayOutcomeName(result.outcome), refundStateName(p.refundState)));
                !r.ok())
                return r.error();
        }
        return p.refundState;
    }
    const RefundState state = refundStateFor(result);
    const QDateTime now = m_clock.now();
    p.refundState = state;
    p.refundStatus = result.refundStatus;
    if (state == RefundState::Refunded)
        p.refundedAt = now;
    else
        p.note = tr("Refund %1: %2").arg(refundStateName(state), result.errorText);
    p.updatedAt = now;
    if (auto r = m_store.updatePayment(p); !r.ok())
        return r.error();
    if (auto r = audit(u"refund."_s + refundStateName(state), u"payment"_s, p.id,
                       u"HTTP %1 %2 %3"_s.arg(result.httpStatus).arg(result.refundStatus, result.errorText));
        !r.ok())
        return r.error();
    return state;
}

Result<bool> AnswerRecorder::recordRevoke(qint64 tokenId, const QString &reason, const GatewayResult &result,
                                          bool replayed)
{
    auto token = m_store.token(tokenId);
    if (!token.ok())
        return token.error();
    CardToken t = token.value();
    if (replayed && t.status != TokenStatus::RevokePending)
        return t.status == TokenStatus::Deactivated;
    if (revokeConfirmed(result)) {
        t.status = TokenStatus::Deactivated;
        t.statusChangedAt = m_clock.now();
        if (auto r = m_store.updateToken(t); !r.ok())
            return r.error();
        if (auto r = audit(u"token.deactivated"_s, u"token"_s, tokenId,
                           u"HTTP %1, reason: %2"_s.arg(result.httpStatus).arg(reason));
            !r.ok())
            return r.error();
        return true;
    }
    if (auto r =
            audit(u"token.revoke-failed"_s, u"token"_s, tokenId,
                  u"%1 (HTTP %2): %3; still revoke-pending, retry"_s.arg(gatewayOutcomeName(result.outcome))
                      .arg(result.httpStatus)
                      .arg(result.errorText));
        !r.ok())
        return r.error();
    return false;
}

} // namespace fatora
