#include "PaymentService.h"

#include "GatewayClient.h"
#include "Store.h"
#include "VerifyReplyCheck.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>

Q_LOGGING_CATEGORY(lcPayments, "fatora.payments")

namespace fatora {

namespace {

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

bool PaymentService::describesInvalidToken(const QString &description)
{
    // Fatora's words when the token itself is the problem ("Token invalid", "Invalid card token",
    // "Token has expired"): such a token is marked invalid so nobody keeps trying it.
    static const QRegularExpression pattern(
        QStringLiteral("\\b(invalid|expired)\\b.{0,20}\\btoken\\b|\\btoken\\b.{0,20}\\b(invalid|expired)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(description).hasMatch();
}

QString PaymentService::newOrderId(const QDateTime &now)
{
    // 10 Crockford base-32 characters = 50 random bits per day and prefix: desks sharing one
    // database (or one merchant account) cannot realistically collide, and the UNIQUE
    // constraint catches the case that does.
    static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    // One read of the system's source for all ten characters (5 bits each).
    quint64 bits = 0;
    QRandomGenerator::system()->fillRange(&bits, 1);
    QString suffix;
    suffix.reserve(10);
    for (int i = 0; i < 10; ++i, bits >>= 5)
        suffix.append(QLatin1Char(alphabet[bits & 31]));
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
    const QDateTime now = m_clock.now();
    const QDateTime orphanedBefore = now.addSecs(-OrphanAfterSecs);
    QList<qint64> moved;
    for (Payment p : pending.value()) {
        if (m_busyPayments.contains(p.id) || p.updatedAt > orphanedBefore)
            continue; // a call in flight, here or in another process sharing the database
        p.state = PaymentState::Unknown;
        p.updatedAt = now;
        p.note = tr("The application stopped while this charge was in flight. It may have been "
                    "charged: verify it before charging again.");
        if (auto r = m_store.updatePayment(p); !r.ok())
            return r.error();
        if (auto r = audit(QStringLiteral("charge.recovered-unknown"), QStringLiteral("payment"), p.id,
                           QStringLiteral("order %1 pending since %2: outcome unknown, not re-sent")
                               .arg(p.orderId, p.updatedAt.toString(Qt::ISODate)));
            !r.ok())
            return r.error();
        moved << p.id;
    }
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    for (qint64 id : std::as_const(moved))
        emit paymentChanged(id);
    if (!moved.isEmpty())
        qCInfo(lcPayments) << moved.size() << "interrupted payment(s) marked unknown";
    return int(moved.size());
}

bool PaymentService::commitOrRetry(const std::function<Result<void>()> &apply, int attempt,
                                   const QString &what, const std::function<void()> &retry)
{
    Result<void> written = [&]() -> Result<void> {
        Store::Transaction tx(m_store);
        if (!tx.started().ok())
            return tx.started().error();
        if (auto r = apply(); !r.ok())
            return r;
        return tx.commit();
    }();
    if (written.ok())
        return true;
    qCWarning(lcPayments) << "could not save" << what << "attempt" << attempt << ":"
                          << written.error().toString();
    if (attempt < SaveAttempts) {
        if (attempt == 1)
            emit problem(
                tr("The database is busy; the gateway's answer for %1 is kept and saving is retried.")
                    .arg(what));
        QTimer::singleShot(SaveRetryMs, this, retry);
    } else {
        emit problem(tr("The gateway's answer for %1 could not be saved: %2. Verify it.")
                         .arg(what, written.error().toString()));
    }
    return false;
}

Result<void> PaymentService::canCharge(qint64 tokenId)
{
    auto token = m_store.token(tokenId);
    if (!token.ok())
        return token.error();
    return checkChargeable(token.value());
}

Result<void> PaymentService::checkChargeable(const CardToken &t)
{
    const qint64 tokenId = t.id;
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

Result<qint64> PaymentService::charge(qint64 tokenId, const std::optional<Money> &amount,
                                      const QString &orderId)
{
    // Check and write ahead in one write transaction (BEGIN IMMEDIATE in SQLite), so a second
    // desk or the CLI cannot slip a second charge in between the check and the insert.
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto token = m_store.token(tokenId);
    if (!token.ok())
        return token.error();
    const CardToken t = token.value();
    if (auto allowed = checkChargeable(t); !allowed.ok())
        return allowed.error();
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
    if (!orderId.isEmpty()) {
        // One intent = one order id: an id that any payment already carries is never sent again.
        auto clash = m_store.paymentByOrderId(orderId);
        if (!clash.ok())
            return clash.error();
        if (clash.value())
            return Error{
                QStringLiteral("order_id"),
                tr("Order id %1 was already used by another charge; start a new charge.").arg(orderId)};
        p.orderId = orderId;
        inserted = m_store.insertPayment(p);
    }
    for (int attempt = 0; orderId.isEmpty() && attempt < 3; ++attempt) {
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

void PaymentService::settleCharge(qint64 paymentId, const GatewayResult &result, int attempt)
{
    PaymentState state = stateFor(result.outcome);
    // No idempotency key exists, so a conflict on our own order id can only mean an earlier
    // attempt reached the gateway: treat it as "may have moved", never as a clean refusal.
    if (result.outcome == GatewayOutcome::Rejected && result.httpStatus == 409)
        state = PaymentState::Unknown;
    QString orderId = QString::number(paymentId);
    bool tokenInvalidated = false;
    qint64 tokenId = 0;

    // Load inside the write transaction: another process may have settled this row (a verify
    // from a second desk) while our reply was on its way; its result is never overwritten.
    auto apply = [&]() -> Result<void> {
        auto loaded = m_store.payment(paymentId);
        if (!loaded.ok())
            return loaded.error();
        Payment p = loaded.value();
        orderId = p.orderId;
        tokenId = p.tokenId;
        const QDateTime now = m_clock.now();
        if (!p.isOpen()) {
            const QString detail =
                QStringLiteral("order %1: reply %2 arrived after the payment was settled as %3")
                    .arg(p.orderId, gatewayOutcomeName(result.outcome), paymentStateName(p.state));
            state = p.state;
            return audit(QStringLiteral("charge.late-reply"), QStringLiteral("payment"), p.id, detail);
        }
        p.state = state;
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
        p.note =
            state == PaymentState::Unknown
                ? tr("No reliable answer from the gateway: the card may have been charged. Verify before "
                     "charging again.")
                : QString();
        if (auto r = m_store.updatePayment(p); !r.ok())
            return r;

        if (state == PaymentState::Approved) {
            if (auto r = m_store.markTokenUsed(p.tokenId, now); !r.ok())
                return r;
        } else if (state == PaymentState::Declined) {
            // A decline may say the token itself is dead: read it to mark it invalid.
            auto token = m_store.token(p.tokenId);
            if (!token.ok())
                return token.error();
            CardToken t = token.value();
            t.lastUsedAt = now;
            if (t.status == TokenStatus::Active && describesInvalidToken(p.description)) {
                t.status = TokenStatus::Invalid;
                t.statusChangedAt = now;
                tokenInvalidated = true;
            }
            if (auto r = m_store.updateToken(t); !r.ok())
                return r;
        }

        QString detail = QStringLiteral("order %1: %2").arg(p.orderId, paymentStateName(state));
        if (!p.transactionId.isEmpty())
            detail += QStringLiteral(", transaction ") + p.transactionId;
        if (!p.description.isEmpty())
            detail += QStringLiteral(", ") + p.description;
        if (!p.errorText.isEmpty())
            detail += QStringLiteral(", ") + p.errorText;
        if (auto r = audit(QStringLiteral("charge.") + paymentStateName(state), QStringLiteral("payment"),
                           p.id, detail);
            !r.ok())
            return r;
        if (tokenInvalidated)
            return audit(QStringLiteral("token.invalid"), QStringLiteral("token"), p.tokenId,
                         QStringLiteral("gateway: ") + p.description);
        return {};
    };
    if (!commitOrRetry(
            apply, attempt,
            tr("charge %1 (%2, transaction %3)").arg(orderId, paymentStateName(state), result.transactionId),
            [this, paymentId, result, attempt] { settleCharge(paymentId, result, attempt + 1); })) {
        if (attempt < SaveAttempts)
            return; // still busy: the call stays in flight until its answer is saved
    }
    setBusy(m_busyPayments, paymentId, false);
    if (state == PaymentState::Unknown || state == PaymentState::NotSent || state == PaymentState::Rejected)
        emit problem(result.errorText.isEmpty() ? paymentStateName(state) : result.errorText);
    emit paymentChanged(paymentId);
    if (tokenId != 0)
        emit tokenChanged(tokenId);
    emit chargeFinished(paymentId, state);
}

Result<void> PaymentService::verify(qint64 paymentId)
{
    if (m_busyPayments.contains(paymentId))
        return Error{QStringLiteral("payment"), tr("A call for this payment is already in flight.")};
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    const Payment &p = loaded.value();
    // An approval without a transaction id cannot be refunded: verify fetches the missing id.
    const bool approvedWithoutId = p.state == PaymentState::Approved && p.transactionId.isEmpty();
    if (!p.isOpen() && !approvedWithoutId)
        return Error{QStringLiteral("payment"),
                     tr("Payment %1 is %2: only payments with an unknown outcome need verifying.")
                         .arg(p.orderId, paymentStateName(p.state))};
    setBusy(m_busyPayments, paymentId, true);
    GatewayReply *reply = m_gateway.verify(VerifyRequest{p.orderId, p.transactionId});
    connect(reply, &GatewayReply::finished, this,
            [this, paymentId](const GatewayResult &result) { settleVerify(paymentId, result); });
    return {};
}

void PaymentService::settleVerify(qint64 paymentId, const GatewayResult &result, int attempt)
{
    PaymentState state = PaymentState::Unknown;
    QString orderId = QString::number(paymentId);
    auto apply = [&]() -> Result<void> {
        auto loaded = m_store.payment(paymentId);
        if (!loaded.ok())
            return loaded.error();
        Payment p = loaded.value();
        orderId = p.orderId;
        const QDateTime now = m_clock.now();
        const QString checked = QLocale::c().toString(now.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
        const PaymentState before = p.state;
        p.lastCheckedAt = now;
        p.updatedAt = now;

        // Whether the reply may settle money, and if not what did not match, is judged in one place.
        const VerifyVerdict verdict = judgeVerifyReply(p, result);
        const QString status = result.paymentStatus;
        if (verdict.settlesAs && (p.isOpen() || *verdict.settlesAs == PaymentState::Approved)) {
            p.state = *verdict.settlesAs;
            p.gatewayStatus = status;
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
        } else if (!p.isOpen()) {
            // Settled meanwhile (the charge reply or another desk's verify): keep that result.
            p.note = tr("Checked again on %1.").arg(checked);
        } else if (result.outcome == GatewayOutcome::Success) {
            //: %3 is the sentence that says what did not match.
            p.note = tr("Gateway reports %1 (checked %2): still unknown, verify again later. %3")
                         .arg(status.isEmpty() ? QStringLiteral("no status") : status, checked, verdict.mismatch);
        } else if (result.outcome == GatewayOutcome::Rejected && result.httpStatus == 404) {
            // When the collect reply was lost the gateway may not list the order yet: not a failure.
            p.gatewayStatus = QStringLiteral("NOT_FOUND");
            p.note = tr("Not found at the gateway yet (checked %1): still unknown, verify again later.")
                         .arg(checked);
        } else {
            p.note = tr("Verify failed (checked %1): %2").arg(checked, result.errorText);
        }
        state = p.state;
        if (auto r = m_store.updatePayment(p); !r.ok())
            return r;
        return audit(
            QStringLiteral("payment.verified"), QStringLiteral("payment"), p.id,
            QStringLiteral("%1 -> %2: %3").arg(paymentStateName(before), paymentStateName(p.state), p.note));
    };
    if (!commitOrRetry(apply, attempt, tr("verify of %1").arg(orderId), [this, paymentId, result, attempt] {
            settleVerify(paymentId, result, attempt + 1);
        })) {
        if (attempt < SaveAttempts)
            return;
    }
    setBusy(m_busyPayments, paymentId, false);
    if (result.outcome != GatewayOutcome::Success &&
        !(result.outcome == GatewayOutcome::Rejected && result.httpStatus == 404))
        emit problem(result.errorText);
    emit paymentChanged(paymentId);
    emit verifyFinished(paymentId, state);
}

Result<void> PaymentService::closeUnfound(qint64 paymentId, const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return Error{QStringLiteral("reason"),
                     tr("Say why this charge is closed; it is kept in the audit log.")};
    if (m_busyPayments.contains(paymentId))
        return Error{QStringLiteral("payment"), tr("A call for this payment is already in flight.")};
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    Payment p = loaded.value();
    const QDateTime now = m_clock.now();
    if (p.state != PaymentState::Unknown)
        return Error{QStringLiteral("payment"),
                     tr("Only a charge with an unknown outcome can be closed; %1 is %2.")
                         .arg(p.orderId, paymentStateName(p.state))};
    const QDateTime allowedFrom = p.createdAt.addSecs(CloseUnfoundAfterSecs);
    if (p.gatewayStatus != QLatin1String("NOT_FOUND") || !p.lastCheckedAt.isValid() ||
        p.lastCheckedAt < allowedFrom)
        return Error{
            QStringLiteral("payment"),
            tr("Verify %1 again after %2: it can be closed only when the gateway still does not know it a "
               "day after the attempt.")
                .arg(p.orderId,
                     QLocale::c().toString(allowedFrom.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm")))};
    p.state = PaymentState::NotSent;
    p.updatedAt = now;
    p.note = tr("Closed as not charged: the gateway did not know this order a day later. Reason: %1")
                 .arg(reason.trimmed());
    if (auto r = m_store.updatePayment(p); !r.ok())
        return r;
    if (auto r =
            audit(QStringLiteral("charge.closed-unfound"), QStringLiteral("payment"), p.id, reason.trimmed());
        !r.ok())
        return r;
    if (auto r = tx.commit(); !r.ok())
        return r;
    emit paymentChanged(p.id);
    emit tokenChanged(p.tokenId);
    return {};
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

void PaymentService::settleRevoke(qint64 tokenId, const QString &reason, const GatewayResult &result,
                                  int attempt)
{
    // 200 {"result":1}, 204 and 422 ("already deactivated") all mean the token is revoked.
    const bool deactivated = result.outcome == GatewayOutcome::Success ||
                             (result.outcome == GatewayOutcome::Rejected && result.httpStatus == 422);
    auto apply = [&]() -> Result<void> {
        auto token = m_store.token(tokenId);
        if (!token.ok())
            return token.error();
        CardToken t = token.value();
        if (deactivated) {
            t.status = TokenStatus::Deactivated;
            t.statusChangedAt = m_clock.now();
            if (auto r = m_store.updateToken(t); !r.ok())
                return r;
            return audit(QStringLiteral("token.deactivated"), QStringLiteral("token"), tokenId,
                         QStringLiteral("HTTP %1, reason: %2").arg(result.httpStatus).arg(reason));
        }
        return audit(QStringLiteral("token.revoke-failed"), QStringLiteral("token"), tokenId,
                     QStringLiteral("%1 (HTTP %2): %3; still revoke-pending, retry")
                         .arg(gatewayOutcomeName(result.outcome))
                         .arg(result.httpStatus)
                         .arg(result.errorText));
    };
    const bool saved = commitOrRetry(
        apply, attempt, tr("the revoke of token %1").arg(tokenId),
        [this, tokenId, reason, result, attempt] { settleRevoke(tokenId, reason, result, attempt + 1); });
    if (!saved && attempt < SaveAttempts)
        return;
    setBusy(m_busyTokens, tokenId, false);
    if (saved && !deactivated)
        emit problem(tr("Revoke not confirmed by the gateway: %1 The token stays revoke-pending; retry.")
                         .arg(result.errorText));
    emit tokenChanged(tokenId);
    emit revokeFinished(tokenId, deactivated && saved, result.outcome, result.errorText);
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
        // Possibly in flight from another desk or the CLI; sending again could refund twice.
        return Error{
            QStringLiteral("payment"),
            tr("A refund of %1 is in progress or was interrupted. Check it in Fatora's dashboard and "
               "record what it shows.")
                .arg(p.orderId)};
    case RefundState::Unknown:
        return Error{
            QStringLiteral("payment"),
            tr("The outcome of the refund of %1 is unknown. Check it in Fatora's dashboard and record "
               "what it shows before refunding again.")
                .arg(p.orderId)};
    case RefundState::None:
    case RefundState::Rejected:
        break;
    }
    if (p.transactionId.isEmpty())
        return Error{
            QStringLiteral("transaction_id"),
            tr("Payment %1 has no transaction id from the gateway; verify it first.").arg(p.orderId)};
    p.refundState = RefundState::Pending;
    p.updatedAt = m_clock.now();
    if (auto r = m_store.updatePayment(p); !r.ok())
        return r.error();
    const QString detail =
        reason.trimmed().isEmpty() ? p.orderId : p.orderId + QStringLiteral(", reason: ") + reason.trimmed();
    if (auto r = audit(QStringLiteral("refund.requested"), QStringLiteral("payment"), p.id, detail); !r.ok())
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

void PaymentService::settleRefund(qint64 paymentId, const GatewayResult &result, int attempt)
{
    RefundState state = RefundState::Unknown;
    switch (result.outcome) {
    case GatewayOutcome::Success:
        state = RefundState::Refunded;
        break;
    case GatewayOutcome::Rejected:
        // A conflict may mean "already refunded" or something else entirely: not a clean refusal.
        state = result.httpStatus == 409 ? RefundState::Unknown : RefundState::Rejected;
        break;
    case GatewayOutcome::Declined:
        state = RefundState::Rejected;
        break;
    case GatewayOutcome::NotSent:
        state = RefundState::None; // never reached the gateway: nothing happened, may be asked again
        break;
    case GatewayOutcome::Unknown:
        state = RefundState::Unknown;
        break;
    }
    QString orderId = QString::number(paymentId);
    auto apply = [&]() -> Result<void> {
        auto loaded = m_store.payment(paymentId);
        if (!loaded.ok())
            return loaded.error();
        Payment p = loaded.value();
        orderId = p.orderId;
        const QDateTime now = m_clock.now();
        p.refundState = state;
        p.refundStatus = result.refundStatus;
        if (state == RefundState::Refunded)
            p.refundedAt = now;
        else
            p.note = tr("Refund %1: %2").arg(refundStateName(state), result.errorText);
        p.updatedAt = now;
        if (auto r = m_store.updatePayment(p); !r.ok())
            return r;
        return audit(QStringLiteral("refund.") + refundStateName(state), QStringLiteral("payment"), p.id,
                     QStringLiteral("HTTP %1 %2 %3")
                         .arg(result.httpStatus)
                         .arg(result.refundStatus, result.errorText));
    };
    if (!commitOrRetry(
            apply, attempt, tr("the refund of %1").arg(orderId),
            [this, paymentId, result, attempt] { settleRefund(paymentId, result, attempt + 1); })) {
        if (attempt < SaveAttempts)
            return;
    }
    setBusy(m_busyPayments, paymentId, false);
    if (state != RefundState::Refunded)
        emit problem(result.errorText);
    emit paymentChanged(paymentId);
    emit refundFinished(paymentId, state);
}

Result<void> PaymentService::resolveRefund(qint64 paymentId, bool refunded, const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return Error{QStringLiteral("reason"),
                     tr("Say what Fatora's dashboard shows; it is kept in the audit log.")};
    if (m_busyPayments.contains(paymentId))
        return Error{QStringLiteral("payment"), tr("A call for this payment is already in flight.")};
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    Payment p = loaded.value();
    if (p.refundState != RefundState::Unknown && p.refundState != RefundState::Pending)
        return Error{
            QStringLiteral("payment"),
            tr("The refund of %1 is %2: nothing to resolve.").arg(p.orderId, refundStateName(p.refundState))};
    const QDateTime now = m_clock.now();
    p.refundState = refunded ? RefundState::Refunded : RefundState::Rejected;
    if (refunded)
        p.refundedAt = now;
    p.updatedAt = now;
    p.note = tr("Refund outcome recorded by hand: %1").arg(reason.trimmed());
    if (auto r = m_store.updatePayment(p); !r.ok())
        return r;
    if (auto r = audit(QStringLiteral("refund.resolved-") + refundStateName(p.refundState),
                       QStringLiteral("payment"), p.id, reason.trimmed());
        !r.ok())
        return r;
    if (auto r = tx.commit(); !r.ok())
        return r;
    emit paymentChanged(p.id);
    return {};
}

} // namespace fatora
