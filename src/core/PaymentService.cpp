#include "PaymentService.h"

#include "GatewayClient.h"
#include "Store.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcPayments, "fatora.payments")

namespace fatora {

namespace {

// Words Fatora uses when a token itself is the problem (expired, invalid): such a token is
// marked invalid so nobody keeps trying it.
bool describesInvalidToken(const QString &description)
{
    static const QRegularExpression pattern(QStringLiteral("token[^a-z]*(is\\s+)?(invalid|expired)|"
                                                           "invalid[^a-z]*token|expired[^a-z]*token"),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern.match(description).hasMatch();
}

PaymentState stateFor(GatewayOutcome outcome)
{
    switch (outcome) {
    case GatewayOutcome::Success:
        return PaymentState::Approved;
    case GatewayOutcome::Declined:
        return PaymentState::Declined;
    case GatewayOutcome::Rejected:
        return PaymentState::Rejected;
    case GatewayOutcome::NotSent:
        return PaymentState::NotSent;
    case GatewayOutcome::Unknown:
        break;
    }
    return PaymentState::Unknown;
}

QString describeAmount(const std::optional<Money> &amount)
{
    return amount ? amount->currency() + QLatin1Char(' ') + amount->toPlainString()
                  : QStringLiteral("first-payment amount");
}

QString isoDate(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().date().toString(Qt::ISODate) : QString();
}

} // namespace

PaymentService::PaymentService(Store &store, GatewayClient &gateway, const Clock &clock, QObject *parent)
    : QObject(parent), m_store(store), m_gateway(gateway), m_clock(clock),
      m_operator(qEnvironmentVariable("USER", QStringLiteral("operator")))
{
}

QString PaymentService::newOrderId(const QDateTime &now)
{
    // 10 Crockford base-32 characters = 50 random bits per day and prefix: desks sharing one
    // database (or one merchant account) cannot realistically collide, and the UNIQUE
    // constraint catches the case that does.
    static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    QString suffix;
    suffix.reserve(10);
    auto *random = QRandomGenerator::system();
    for (int i = 0; i < 10; ++i)
        suffix.append(QLatin1Char(alphabet[random->bounded(32)]));
    return QStringLiteral("BO-") + now.toUTC().date().toString(QStringLiteral("yyyyMMdd")) +
           QLatin1Char('-') + suffix;
}

Result<void> PaymentService::audit(const QString &action, const QString &objectType, qint64 objectId,
                                   const QString &detail)
{
    AuditEntry entry;
    entry.at = m_clock.now();
    entry.operatorName = m_operator;
    entry.action = action;
    entry.objectType = objectType;
    entry.objectId = objectId;
    entry.detail = detail;
    auto id = m_store.appendAudit(entry);
    if (!id.ok())
        return id.error();
    return {};
}

void PaymentService::setBusy(QSet<qint64> &set, qint64 id, bool busy)
{
    const int before = callsInFlight();
    if (busy)
        set.insert(id);
    else
        set.remove(id);
    if (callsInFlight() != before)
        emit callsInFlightChanged(callsInFlight());
}

Result<int> PaymentService::recoverInterrupted()
{
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto pending = m_store.paymentsInState(PaymentState::Pending);
    if (!pending.ok())
        return pending.error();
    int moved = 0;
    const QDateTime now = m_clock.now();
    for (Payment p : pending.value()) {
        if (m_busyPayments.contains(p.id))
            continue; // our own call, still in flight
        p.state = PaymentState::Unknown;
        p.updatedAt = now;
        p.note = tr("The application stopped while this charge was in flight. It may have been "
                    "charged: verify it before charging again.");
        if (auto r = m_store.updatePayment(p); !r.ok())
            return r.error();
        if (auto r = audit(QStringLiteral("charge.recovered-unknown"), QStringLiteral("payment"), p.id,
                           QStringLiteral("pending at start-up: outcome unknown, not re-sent"));
            !r.ok())
            return r.error();
        ++moved;
    }
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    for (const Payment &p : pending.value())
        emit paymentChanged(p.id);
    if (moved > 0)
        qCInfo(lcPayments) << moved << "interrupted payment(s) marked unknown";
    return moved;
}

Result<void> PaymentService::canCharge(qint64 tokenId)
{
    auto token = m_store.token(tokenId);
    if (!token.ok())
        return token.error();
    const CardToken &t = token.value();
    const QString field = QStringLiteral("token");
    switch (t.effectiveStatus(m_clock.today())) {
    case TokenStatus::Active:
        break;
    case TokenStatus::RevokePending:
        return Error{field, tr("This token is being revoked (requested on %1). Finish the revoke; it "
                               "can no longer be charged.")
                                .arg(isoDate(t.statusChangedAt))};
    case TokenStatus::Deactivated:
        return Error{
            field, tr("Token revoked on %1: it can never be charged again.").arg(isoDate(t.statusChangedAt))};
    case TokenStatus::Expired:
        return Error{field, tr("Token expired on %1: ask the customer to pay online again for a new token.")
                                .arg(t.expiresOn.toString(Qt::ISODate))};
    case TokenStatus::Invalid:
        return Error{field, tr("The gateway reported this token invalid on %1: it cannot be charged.")
                                .arg(isoDate(t.statusChangedAt))};
    }
    if (m_busyTokens.contains(tokenId))
        return Error{field, tr("A revoke of this token is in progress.")};
    auto open = m_store.openChargeForToken(tokenId);
    if (!open.ok())
        return open.error();
    if (open.value()) {
        const Payment &p = *open.value();
        if (p.state == PaymentState::Pending)
            return Error{
                field, tr("Charge %1 on this token is still in flight. Wait for its result.").arg(p.orderId)};
        return Error{field, tr("The outcome of charge %1 is unknown: verify it before charging this token "
                               "again.")
                                .arg(p.orderId)};
    }
    return {};
}

Result<std::optional<Payment>> PaymentService::recentSimilarCharge(qint64 tokenId,
                                                                   const std::optional<Money> &amount)
{
    auto last = m_store.lastApprovedCharge(tokenId, m_clock.now().addSecs(-10 * 60));
    if (!last.ok())
        return last.error();
    if (last.value() && last.value()->amount == amount)
        return last.value();
    return std::optional<Payment>();
}

Result<qint64> PaymentService::charge(qint64 tokenId, const std::optional<Money> &amount)
{
    // Check and write ahead in one write transaction (BEGIN IMMEDIATE in SQLite), so a second
    // desk or the CLI cannot slip a second charge in between the check and the insert.
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    if (auto allowed = canCharge(tokenId); !allowed.ok())
        return allowed.error();
    auto token = m_store.token(tokenId);
    if (!token.ok())
        return token.error();
    const CardToken t = token.value();
    const QString currency = t.currency.isEmpty() ? QStringLiteral("QAR") : t.currency;
    if (amount) {
        if (amount->currency() != currency)
            return Error{
                QStringLiteral("amount"),
                tr("This token charges in %1; the amount is in %2.").arg(currency, amount->currency())};
        if (amount->minorUnits() <= 0)
            return Error{QStringLiteral("amount"), tr("The amount must be more than zero.")};
    }

    const QDateTime now = m_clock.now();
    Payment p;
    p.tokenId = t.id;
    p.customerId = t.customerId;
    p.amount = amount;
    p.currency = currency;
    p.state = PaymentState::Pending;
    p.operatorName = m_operator;
    p.createdAt = now;
    p.updatedAt = now;
    Result<qint64> inserted = Error{};
    for (int attempt = 0; attempt < 3; ++attempt) {
        p.orderId = newOrderId(now);
        auto clash = m_store.paymentByOrderId(p.orderId);
        if (!clash.ok())
            return clash.error();
        if (clash.value())
            continue;
        inserted = m_store.insertPayment(p);
        break;
    }
    if (!inserted.ok())
        return inserted.error().message.isEmpty()
                   ? Error{QStringLiteral("order_id"), tr("Could not generate a unique order id.")}
                   : inserted.error();
    p.id = inserted.value();
    if (auto r = audit(
            QStringLiteral("charge.requested"), QStringLiteral("payment"), p.id,
            QStringLiteral("order %1, %2, token %3").arg(p.orderId, describeAmount(amount), t.masked()));
        !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();

    // Only now, with the pending row durable, does the request leave.
    setBusy(m_busyPayments, p.id, true);
    emit paymentChanged(p.id);
    GatewayReply *reply = m_gateway.collect(CollectRequest{t.token, p.orderId, amount});
    const qint64 paymentId = p.id;
    connect(reply, &GatewayReply::finished, this,
            [this, paymentId](const GatewayResult &result) { settleCharge(paymentId, result); });
    return p.id;
}

void PaymentService::settleCharge(qint64 paymentId, const GatewayResult &result)
{
    setBusy(m_busyPayments, paymentId, false);
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok()) {
        emit problem(tr("Could not record the result of a charge (%1): %2. It stays pending and will be "
                        "verified.")
                         .arg(paymentId)
                         .arg(loaded.error().toString()));
        return;
    }
    Payment p = loaded.value();
    const QDateTime now = m_clock.now();
    p.state = stateFor(result.outcome);
    // No idempotency key exists, so a conflict on our own order id can only mean an earlier
    // attempt reached the gateway: treat it as "may have moved", never as a clean refusal.
    if (result.outcome == GatewayOutcome::Rejected && result.httpStatus == 409)
        p.state = PaymentState::Unknown;
    p.gatewayStatus = result.status;
    p.statusCode = result.statusCode;
    p.transactionId = result.transactionId;
    p.authCode = result.authCode;
    p.mode = result.mode;
    p.description = result.description;
    p.httpStatus = result.httpStatus;
    p.errorText = result.errorText;
    p.requestBody = QString::fromUtf8(result.requestBody);
    p.responseBody = QString::fromUtf8(result.responseBody);
    p.updatedAt = now;
    if (p.state == PaymentState::Unknown)
        p.note = tr("No reliable answer from the gateway: the card may have been charged. Verify before "
                    "charging again.");

    Store::Transaction tx(m_store);
    Result<void> written = tx.started();
    std::optional<CardToken> tokenChange;
    if (written.ok())
        written = m_store.updatePayment(p);
    if (written.ok() && (p.state == PaymentState::Approved || p.state == PaymentState::Declined)) {
        auto token = m_store.token(p.tokenId);
        if (token.ok()) {
            CardToken t = token.value();
            t.lastUsedAt = now;
            if (p.state == PaymentState::Declined && describesInvalidToken(p.description) &&
                t.status == TokenStatus::Active) {
                t.status = TokenStatus::Invalid;
                t.statusChangedAt = now;
            }
            written = m_store.updateToken(t);
            tokenChange = t;
        } else {
            written = token.error();
        }
    }
    if (written.ok()) {
        QString detail = QStringLiteral("order %1: %2").arg(p.orderId, paymentStateName(p.state));
        if (!p.transactionId.isEmpty())
            detail += QStringLiteral(", transaction ") + p.transactionId;
        if (!p.description.isEmpty())
            detail += QStringLiteral(", ") + p.description;
        if (!p.errorText.isEmpty())
            detail += QStringLiteral(", ") + p.errorText;
        written = audit(QStringLiteral("charge.") + paymentStateName(p.state), QStringLiteral("payment"),
                        p.id, detail);
    }
    if (written.ok() && tokenChange && tokenChange->status == TokenStatus::Invalid)
        written = audit(QStringLiteral("token.invalid"), QStringLiteral("token"), tokenChange->id,
                        QStringLiteral("gateway: ") + p.description);
    if (written.ok())
        written = tx.commit();
    if (!written.ok()) {
        // The row stays pending on disk; start-up recovery turns it into unknown for a verify.
        emit problem(tr("The gateway answered charge %1 (%2) but it could not be saved: %3. Verify it.")
                         .arg(p.orderId, paymentStateName(p.state), written.error().toString()));
        return;
    }
    if (p.state == PaymentState::Unknown || p.state == PaymentState::NotSent ||
        p.state == PaymentState::Rejected)
        emit problem(result.errorText.isEmpty() ? paymentStateName(p.state) : result.errorText);
    emit paymentChanged(p.id);
    emit tokenChanged(p.tokenId);
    emit chargeFinished(p.id, p.state);
}

Result<void> PaymentService::verify(qint64 paymentId)
{
    if (m_busyPayments.contains(paymentId))
        return Error{QStringLiteral("payment"), tr("A call for this payment is already in flight.")};
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    const Payment &p = loaded.value();
    if (!p.isOpen())
        return Error{QStringLiteral("payment"),
                     tr("Payment %1 is %2: only payments with an unknown outcome need verifying.")
                         .arg(p.orderId, paymentStateName(p.state))};
    setBusy(m_busyPayments, paymentId, true);
    GatewayReply *reply = m_gateway.verify(VerifyRequest{p.orderId, p.transactionId});
    connect(reply, &GatewayReply::finished, this,
            [this, paymentId](const GatewayResult &result) { settleVerify(paymentId, result); });
    return {};
}

void PaymentService::settleVerify(qint64 paymentId, const GatewayResult &result)
{
    setBusy(m_busyPayments, paymentId, false);
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok()) {
        emit problem(loaded.error().toString());
        return;
    }
    Payment p = loaded.value();
    const QDateTime now = m_clock.now();
    const QString checked = QLocale::c().toString(now.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
    p.lastCheckedAt = now;
    const PaymentState before = p.state;

    const bool sameOrder = result.orderId.isEmpty() || result.orderId == p.orderId;
    if (result.outcome == GatewayOutcome::Success && sameOrder &&
        (result.paymentStatus.compare(QLatin1String("SUCCESS"), Qt::CaseInsensitive) == 0 ||
         result.paymentStatus.compare(QLatin1String("FAILURE"), Qt::CaseInsensitive) == 0)) {
        const bool approved =
            result.paymentStatus.compare(QLatin1String("SUCCESS"), Qt::CaseInsensitive) == 0;
        p.state = approved ? PaymentState::Approved : PaymentState::Declined;
        p.gatewayStatus = result.paymentStatus.toUpper();
        if (!result.transactionId.isEmpty())
            p.transactionId = result.transactionId;
        if (!result.authCode.isEmpty())
            p.authCode = result.authCode;
        if (!result.mode.isEmpty())
            p.mode = result.mode;
        if (!result.description.isEmpty())
            p.description = result.description;
        if (!result.statusCode.isEmpty())
            p.statusCode = result.statusCode;
        p.note = tr("Settled by verify on %1.").arg(checked);
    } else if (result.outcome == GatewayOutcome::Success) {
        p.note = tr("Gateway reports %1 (checked %2): still unknown, verify again later.")
                     .arg(result.paymentStatus.isEmpty() ? QStringLiteral("no status") : result.paymentStatus,
                          checked);
    } else if (result.outcome == GatewayOutcome::Rejected && result.httpStatus == 404) {
        // When the collect reply was lost the gateway may not list the order yet: not a failure.
        p.note =
            tr("Not found at the gateway yet (checked %1): still unknown, verify again later.").arg(checked);
    } else {
        p.note = tr("Verify failed (checked %1): %2").arg(checked, result.errorText);
        emit problem(result.errorText);
    }
    p.updatedAt = now;

    Store::Transaction tx(m_store);
    Result<void> written = tx.started();
    if (written.ok())
        written = m_store.updatePayment(p);
    if (written.ok())
        written = audit(
            QStringLiteral("payment.verified"), QStringLiteral("payment"), p.id,
            QStringLiteral("%1 -> %2: %3").arg(paymentStateName(before), paymentStateName(p.state), p.note));
    if (written.ok())
        written = tx.commit();
    if (!written.ok()) {
        emit problem(
            tr("Verify result for %1 could not be saved: %2").arg(p.orderId, written.error().toString()));
        return;
    }
    emit paymentChanged(p.id);
    emit verifyFinished(p.id, p.state);
}

Result<void> PaymentService::revoke(qint64 tokenId, const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return Error{QStringLiteral("reason"),
                     tr("Give a reason for revoking this token; it is kept in the audit log.")};
    if (m_busyTokens.contains(tokenId))
        return Error{QStringLiteral("token"), tr("A revoke of this token is already in progress.")};

    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto token = m_store.token(tokenId);
    if (!token.ok())
        return token.error();
    CardToken t = token.value();
    if (t.status == TokenStatus::Deactivated)
        return Error{QStringLiteral("token"),
                     tr("Token already revoked on %1.").arg(isoDate(t.statusChangedAt))};
    const QDateTime now = m_clock.now();
    if (t.status != TokenStatus::RevokePending) {
        t.status = TokenStatus::RevokePending;
        t.statusChangedAt = now;
        if (auto r = m_store.updateToken(t); !r.ok())
            return r.error();
    }
    const QString orderId = newOrderId(now).replace(0, 2, QStringLiteral("RV"));
    if (auto r = audit(QStringLiteral("token.revoke-requested"), QStringLiteral("token"), t.id,
                       QStringLiteral("order %1, reason: %2").arg(orderId, reason.trimmed()));
        !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();

    setBusy(m_busyTokens, tokenId, true);
    emit tokenChanged(tokenId);
    GatewayReply *reply = m_gateway.deactivate(DeactivateRequest{t.token, orderId});
    connect(reply, &GatewayReply::finished, this, [this, tokenId, reason](const GatewayResult &result) {
        settleRevoke(tokenId, reason.trimmed(), result);
    });
    return {};
}

void PaymentService::settleRevoke(qint64 tokenId, const QString &reason, const GatewayResult &result)
{
    setBusy(m_busyTokens, tokenId, false);
    // 200 {"result":1}, 204 and 422 ("already deactivated") all mean the token is revoked.
    const bool deactivated = result.outcome == GatewayOutcome::Success ||
                             (result.outcome == GatewayOutcome::Rejected && result.httpStatus == 422);
    Store::Transaction tx(m_store);
    Result<void> written = tx.started();
    auto token = m_store.token(tokenId);
    if (written.ok() && !token.ok())
        written = token.error();
    if (written.ok()) {
        CardToken t = token.value();
        if (deactivated) {
            t.status = TokenStatus::Deactivated;
            t.statusChangedAt = m_clock.now();
            written = m_store.updateToken(t);
        }
        if (written.ok()) {
            const QString detail =
                deactivated ? QStringLiteral("HTTP %1, reason: %2").arg(result.httpStatus).arg(reason)
                            : QStringLiteral("%1 (HTTP %2): %3; still revoke-pending, retry")
                                  .arg(gatewayOutcomeName(result.outcome))
                                  .arg(result.httpStatus)
                                  .arg(result.errorText);
            written = audit(deactivated ? QStringLiteral("token.deactivated")
                                        : QStringLiteral("token.revoke-failed"),
                            QStringLiteral("token"), tokenId, detail);
        }
    }
    if (written.ok())
        written = tx.commit();
    if (!written.ok()) {
        emit problem(tr("Revoke result could not be saved: %1").arg(written.error().toString()));
    } else if (!deactivated) {
        emit problem(tr("Revoke not confirmed by the gateway: %1. The token stays revoke-pending; retry.")
                         .arg(result.errorText));
    }
    emit tokenChanged(tokenId);
    emit revokeFinished(tokenId, deactivated && written.ok());
}

Result<void> PaymentService::refund(qint64 paymentId, const QString &reason)
{
    if (m_busyPayments.contains(paymentId))
        return Error{QStringLiteral("payment"), tr("A call for this payment is already in flight.")};
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    Payment p = loaded.value();
    if (p.state != PaymentState::Approved)
        return Error{QStringLiteral("payment"), tr("Only approved payments can be refunded; %1 is %2.")
                                                    .arg(p.orderId, paymentStateName(p.state))};
    switch (p.refundState) {
    case RefundState::Refunded:
        return Error{QStringLiteral("payment"),
                     tr("Payment %1 was already refunded on %2.").arg(p.orderId, isoDate(p.refundedAt))};
    case RefundState::Pending:
        // Pending but not in flight here: a process died mid-refund. Asking again is safe because
        // the gateway refuses a second refund of one transaction (409), which settles as refunded.
    case RefundState::None:
    case RefundState::Rejected:
    case RefundState::Unknown: // the gateway refuses a second refund of one transaction (409)
        break;
    }
    if (p.transactionId.isEmpty())
        return Error{
            QStringLiteral("transaction_id"),
            tr("Payment %1 has no transaction id from the gateway; verify it first.").arg(p.orderId)};
    const QDateTime now = m_clock.now();
    p.refundState = RefundState::Pending;
    p.updatedAt = now;
    if (auto r = m_store.updatePayment(p); !r.ok())
        return r.error();
    if (auto r =
            audit(QStringLiteral("refund.requested"), QStringLiteral("payment"), p.id,
                  reason.trimmed().isEmpty() ? p.orderId
                                             : p.orderId + QStringLiteral(", reason: ") + reason.trimmed());
        !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();

    setBusy(m_busyPayments, paymentId, true);
    emit paymentChanged(paymentId);
    GatewayReply *reply = m_gateway.refund(RefundRequest{p.orderId, p.transactionId});
    connect(reply, &GatewayReply::finished, this,
            [this, paymentId](const GatewayResult &result) { settleRefund(paymentId, result); });
    return {};
}

void PaymentService::settleRefund(qint64 paymentId, const GatewayResult &result)
{
    setBusy(m_busyPayments, paymentId, false);
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok()) {
        emit problem(loaded.error().toString());
        return;
    }
    Payment p = loaded.value();
    const QDateTime now = m_clock.now();
    switch (result.outcome) {
    case GatewayOutcome::Success:
        p.refundState = RefundState::Refunded;
        p.refundStatus = result.refundStatus;
        p.refundedAt = now;
        break;
    case GatewayOutcome::Rejected:
        if (result.httpStatus == 409) { // already refunded at the gateway
            p.refundState = RefundState::Refunded;
            p.refundedAt = now;
            p.refundStatus = QStringLiteral("already refunded");
        } else {
            p.refundState = RefundState::Rejected;
        }
        break;
    case GatewayOutcome::Declined:
        p.refundState = RefundState::Rejected;
        break;
    case GatewayOutcome::NotSent:
        p.refundState = RefundState::None; // never reached the gateway: nothing happened
        break;
    case GatewayOutcome::Unknown:
        p.refundState = RefundState::Unknown;
        break;
    }
    if (p.refundState != RefundState::Refunded)
        p.note = tr("Refund %1: %2").arg(refundStateName(p.refundState), result.errorText);
    p.updatedAt = now;

    Store::Transaction tx(m_store);
    Result<void> written = tx.started();
    if (written.ok())
        written = m_store.updatePayment(p);
    if (written.ok())
        written =
            audit(QStringLiteral("refund.") + refundStateName(p.refundState), QStringLiteral("payment"), p.id,
                  QStringLiteral("HTTP %1 %2 %3")
                      .arg(result.httpStatus)
                      .arg(result.refundStatus, result.errorText));
    if (written.ok())
        written = tx.commit();
    if (!written.ok()) {
        emit problem(
            tr("Refund result for %1 could not be saved: %2").arg(p.orderId, written.error().toString()));
        return;
    }
    if (p.refundState != RefundState::Refunded)
        emit problem(result.errorText);
    emit paymentChanged(p.id);
    emit refundFinished(p.id, p.refundState);
}

} // namespace fatora
