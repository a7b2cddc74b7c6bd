#include "payments/PaymentService.h"

#include "domain/FieldLimits.h"
#include "domain/PeopleText.h"
#include "gateway/GatewayClient.h"
#include "gateway/VerifyReplyCheck.h"
#include "payments/AnswerJournal.h"
#include "payments/ChargeGuard.h"
#include "payments/ChargeWindow.h"
#include "store/Store.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>

#include <utility>

Q_LOGGING_CATEGORY(lcPayments, "fatora.payments")

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// Busy (another writer holds the lock) or unavailable (the server is gone): what waiting out the
// database's own timeout again at once would not cure.
bool isLockOrOutage(const Error &error)
{
    return error.kind == ErrorKind::Busy || error.kind == ErrorKind::Unavailable;
}

// An answer is saved only by an outermost transaction: an inner one's commit is not durable, and
// the answer's journal entry would be dropped while the caller may still roll back.
Error notOutermost()
{
    return Error{u"payment"_s,
                 u"A gateway answer cannot be saved inside another transaction (a programming error); it is "
                 "kept and saved again."_s,
                 ErrorKind::Internal};
}

QString heldKey(GatewayOperation operation, qint64 objectId)
{
    return gatewayOperationName(operation) + QLatin1Char(':') + QString::number(objectId);
}

QString describeAmount(const std::optional<Money> &amount, const std::optional<Money> &expected)
{
    if (amount)
        return amount->currency() + QLatin1Char(' ') + amount->toPlainString();
    return expected ? QStringLiteral("first-payment amount (expected %1 %2)")
                          .arg(expected->currency(), expected->toPlainString())
                    : QStringLiteral("first-payment amount");
}

// Said in the note when the gateway reports a taken amount other than the one sent or expected.
QString takenDiffersNote(const Payment &p)
{
    const auto plain = [](const Money &m) -> QString {
        return m.currency() + QLatin1Char(' ') + m.toPlainString();
    };
    if (p.amount)
        return PaymentService::tr("The gateway reports %1 taken; the charge sent %2.")
            .arg(plain(*p.takenAmount), plain(*p.amount));
    return PaymentService::tr("The gateway reports %1 taken; the card's first payment, expected, was %2.")
        .arg(plain(*p.takenAmount), plain(*p.expectedAmount));
}

} // namespace

PaymentService::PaymentService(Store &store, GatewayClient &gateway, const Clock &clock, QObject *parent)
    : QObject(parent), m_store(store), m_gateway(gateway), m_clock(clock), m_recorder(store, clock),
      m_operator(m_recorder.operatorName())
{
}

PaymentService::~PaymentService()
{
    if (m_arrived.isEmpty())
        return;
    const QList<ArrivedAnswer> arrived = std::exchange(m_arrived, {});
    auto saved = recordTogether(arrived);
    if (saved.ok())
        return;
    for (const ArrivedAnswer &answer : arrived) {
        // One the database refuses does not keep the others from being saved; a database that
        // cannot take them now is not waited for again per answer.
        if (!saved.error().isStorageFault()) {
            if (auto alone = recordTogether({answer}); alone.ok())
                continue;
        }
        holdAnswer(heldCharge(answer), saved.error());
    }
}

void PaymentService::setOperatorName(const QString &name)
{
    m_operator = name;
    m_recorder.setOperatorName(name);
}

void PaymentService::setActor(const StaffMember &actor)
{
    m_actor = actor;
    if (!actor.login.isEmpty())
        setOperatorName(actor.login);
}

Result<void> PaymentService::mayTake(StaffRights::Action action) const
{
    return StaffRights::check(m_actor, action);
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

Result<void> PaymentService::requireReason(const QString &reason, const QString &whenMissing)
{
    if (reason.trimmed().isEmpty())
        return Error{u"reason"_s, whenMissing};
    return FieldLimits::check(u"reason"_s, reason, FieldLimits::Reason, FieldLimits::Lines::Several);
}

Result<void> PaymentService::audit(const QString &action, const QString &objectType, qint64 objectId,
                                   const QString &detail)
{
    return m_recorder.audit(action, objectType, objectId, detail);
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
    // Answers first: a pending row whose answer is kept in the journal is settled by that answer,
    // never turned into "unknown". Each in a transaction of its own, so that one the database
    // refuses for good stays in the journal without stopping the others or what follows.
    QList<qint64> replayedPayments;
    QList<qint64> replayedTokens;
    auto replayed = replayHeldAnswers(replayedPayments, replayedTokens);
    if (!replayed.ok())
        return replayed.error();
    for (qint64 id : std::as_const(replayedPayments))
        announcePayment(id);
    for (qint64 id : std::as_const(replayedTokens))
        announceToken(id);

    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto pending = m_store.paymentsInState(PaymentState::Pending);
    if (!pending.ok())
        return pending.error();
    const QDateTime now = m_clock.now();
    QList<qint64> moved;
    for (Payment p : pending.value()) {
        auto owner = ownerOf(p);
        if (!owner.ok())
            return owner.error();
        if (!isLeftBehind(p, m_busyPayments.contains(p.id), owner.value(), now))
            continue;
        p.state = PaymentState::Unknown;
        p.updatedAt = now;
        p.note = p.isCardRequest()
                     ? tr("The application stopped while asking for this checkout link; no link was "
                          "handed out. Check it to close it.")
                     : tr("The application stopped while this charge was in flight. It may have been "
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
        announcePayment(id);
    if (!moved.isEmpty())
        qCInfo(lcPayments) << moved.size() << "interrupted payment(s) marked unknown";
    return int(moved.size());
}

bool PaymentService::isLeftBehind(const Payment &p, bool busy, PaymentRules::Owner owner, const QDateTime &now)
{
    if (!PaymentRules::isInterrupted(p.updatedAt, busy, owner, now))
        return false; // a call in flight, here or in another process sharing the database
    // A card request whose checkout call ended with a link waits for the customer, not for a reply.
    return !(p.isCardRequest() && !p.checkoutUrl.isEmpty());
}

bool PaymentService::hasAnswersToSave() const
{
    if (!m_held.isEmpty())
        return true;
    if (!m_journal)
        return false;
    auto unsaved = m_journal->unsaved();
    return !unsaved.ok() || !unsaved->isEmpty(); // unreadable: let recovery say why
}

Result<bool> PaymentService::hasLeftBehind(Store &store, const QSet<qint64> &busyPayments, const QDateTime &now)
{
    auto pending = store.paymentsInState(PaymentState::Pending);
    if (!pending.ok())
        return pending.error();
    for (const Payment &p : pending.value()) {
        auto owner = ownerOf(store, p);
        if (!owner.ok())
            return owner.error();
        if (isLeftBehind(p, busyPayments.contains(p.id), owner.value(), now))
            return true;
    }
    return false;
}

Result<PaymentRules::Owner> PaymentService::ownerOf(Store &store, const Payment &p)
{
    if (p.ownerSession == 0)
        return PaymentRules::Owner::NotRecorded;
    // This process's own session counts as alive too: a call of its own is "busy" while in
    // flight, and a second service on this store (tests) may have one in flight.
    auto alive = store.isSessionAlive(p.ownerSession);
    if (!alive.ok())
        return alive.error();
    return alive.value() ? PaymentRules::Owner::Alive : PaymentRules::Owner::Gone;
}

Result<int> PaymentService::replayHeldAnswers(QList<qint64> &payments, QList<qint64> &tokens)
{
    QList<HeldAnswer> answers;
    QSet<QString> inMemory; // journal entries this process still holds: its own retry saves them
    for (const HeldAnswer &held : std::as_const(m_held)) {
        if (!held.journalEntry.isEmpty())
            inMemory.insert(held.journalEntry);
        if (!held.retrying)
            answers << held;
    }
    if (m_journal) {
        auto unsaved = m_journal->unsaved();
        if (!unsaved.ok())
            return unsaved.error();
        for (const AnswerJournal::Entry &entry : unsaved.value()) {
            if (inMemory.contains(entry.id))
                continue;
            HeldAnswer held;
            held.operation = entry.operation;
            held.objectId = entry.objectId;
            held.orderId = entry.orderId;
            held.reason = entry.reason;
            held.result = entry.result;
            held.journalEntry = entry.id;
            held.retrying = true; // not held in memory here: nothing to release
            answers << held;
        }
    }
    int saved = 0;
    for (const HeldAnswer &held : std::as_const(answers)) {
        if (held.operation == GatewayOperation::Verify || held.operation == GatewayOperation::Checkout)
            continue; // never held: a verify can simply be asked again; a checkout moves no money
        Store::Transaction tx(m_store);
        if (!tx.started().ok())
            return tx.started().error(); // the database is not answering: recovery stops, nothing is skipped
        auto here = belongsHere(held);
        if (!here.ok())
            return here.error();
        if (!here.value()) {
            // A restored backup or a copied file: the answer is left in the journal, never applied to
            // a row it was not given for, and recovery goes on for the others.
            qCWarning(lcPayments) << "kept answer for" << gatewayOperationName(held.operation)
                                  << held.objectId << held.orderId
                                  << "matches nothing in this database; left in the journal";
            emit problem(tr("An answer kept in %1 (order %2) matches nothing in this database; it was left "
                            "there. Was the database restored from a backup?")
                             .arg(m_journal ? m_journal->path() : QString(), held.orderId));
            continue;
        }
        qint64 tokenId = 0;
        Result<void> recorded;
        switch (held.operation) {
        case GatewayOperation::Collect:
            if (auto r = m_recorder.recordCharge(held.objectId, held.result, true); !r.ok())
                recorded = r.error();
            else
                tokenId = r->tokenId;
            break;
        case GatewayOperation::Refund:
            if (auto r = m_recorder.recordRefund(held.objectId, held.result, true); !r.ok())
                recorded = r.error();
            break;
        case GatewayOperation::Deactivate:
            if (auto r = m_recorder.recordRevoke(held.objectId, held.reason, held.result, true); !r.ok())
                recorded = r.error();
            else
                tokenId = held.objectId;
            break;
        case GatewayOperation::Verify:
        case GatewayOperation::Checkout:
            break;
        }
        if (recorded.ok())
            recorded = tx.commit();
        if (!recorded.ok()) {
            if (isLockOrOutage(recorded.error()))
                return recorded.error(); // tried again at the next recovery, with the rest
            // Refused for good by this database: kept where it is (never lost), said once per
            // recovery, and the others go on. Its payment, if still pending, becomes unknown below.
            qCWarning(lcPayments) << "kept answer for" << gatewayOperationName(held.operation)
                                  << held.objectId << held.orderId
                                  << "refused by the database:" << recorded.error().toString();
            emit problem(m_journal
                             ? tr("An answer kept in %1 (order %2) could not be saved: %3. It stays there; "
                                  "verify the payment at the gateway before doing anything else with it.")
                                   .arg(m_journal->path(), held.orderId, recorded.error().toString())
                             : tr("An answer from the gateway (order %1) could not be saved: %2. Verify the "
                                  "payment at the gateway before doing anything else with it.")
                                   .arg(held.orderId, recorded.error().toString()));
            continue;
        }
        // Saved: its journal entry is marked so and the held answer let go. A failure to mark it only
        // means the next recovery replays an answer already saved, which it skips.
        if (!held.journalEntry.isEmpty() && m_journal) {
            if (auto r = m_journal->markSaved(held.journalEntry); !r.ok())
                qCWarning(lcPayments) << r.error().toString();
        }
        if (!held.retrying)
            m_held.remove(heldKey(held.operation, held.objectId));
        if (held.operation != GatewayOperation::Deactivate)
            payments << held.objectId;
        if (tokenId != 0)
            tokens << tokenId;
        ++saved;
    }
    if (m_journal && saved > 0) {
        if (auto r = m_journal->compact(); !r.ok())
            qCWarning(lcPayments) << r.error().toString();
    }
    if (saved > 0)
        qCInfo(lcPayments) << saved << "kept gateway answer(s) saved";
    return saved;
}

Result<bool> PaymentService::belongsHere(const HeldAnswer &held)
{
    switch (held.operation) {
    case GatewayOperation::Collect:
    case GatewayOperation::Refund: {
        auto p = m_store.payment(held.objectId);
        if (!p.ok())
            return p.error().is(ErrorKind::NotFound) ? Result<bool>(false) : Result<bool>(p.error());
        return held.orderId.isEmpty() || p->orderId == held.orderId;
    }
    case GatewayOperation::Deactivate: {
        auto t = m_store.token(held.objectId);
        if (!t.ok())
            return t.error().is(ErrorKind::NotFound) ? Result<bool>(false) : Result<bool>(t.error());
        return true;
    }
    case GatewayOperation::Verify:
    case GatewayOperation::Checkout:
        break;
    }
    return false;
}

std::optional<PaymentService::HeldAnswer> PaymentService::heldAnswer(GatewayOperation operation,
                                                                     qint64 objectId) const
{
    const auto it = m_held.constFind(heldKey(operation, objectId));
    if (it == m_held.cend())
        return std::nullopt;
    return *it;
}

void PaymentService::holdAnswer(const HeldAnswer &answer, const Error &saveError)
{
    HeldAnswer held = answer;
    held.saveError = saveError.toString();
    held.retrying = true;
    if (m_journal) {
        auto entry =
            AnswerJournal::newEntry(held.operation, held.objectId, held.orderId, held.result, m_clock.now());
        entry.reason = held.reason;
        if (auto r = m_journal->append(entry); r.ok()) {
            held.journalEntry = entry.id;
            held.journalPath = m_journal->path();
        } else {
            held.journalError = r.error().toString();
        }
    }
    if (held.journalEntry.isEmpty())
        // The last place left: the log, with everything needed to record it by hand (ids, outcome;
        // never a secret — the result was masked by the client).
        qCCritical(lcPayments).noquote()
            << "gateway answer NOT saved:" << gatewayOperationName(held.operation) << held.objectId
            << held.orderId << gatewayOutcomeName(held.result.outcome) << "HTTP" << held.result.httpStatus
            << "transaction" << held.result.transactionId << "database:" << held.saveError
            << "journal:" << held.journalError;
    m_held.insert(heldKey(held.operation, held.objectId), held);
    emit answerHeld(held.operation, held.objectId);
}

void PaymentService::releaseAnswer(GatewayOperation operation, qint64 objectId)
{
    const auto held = m_held.take(heldKey(operation, objectId));
    if (!m_journal || held.journalEntry.isEmpty())
        return;
    if (auto r = m_journal->markSaved(held.journalEntry); !r.ok()) {
        qCWarning(lcPayments) << r.error().toString();
        return;
    }
    if (auto r = m_journal->compact(); !r.ok())
        qCWarning(lcPayments) << r.error().toString();
}

bool PaymentService::commitOrRetry(const std::function<Result<void>()> &apply, int attempt,
                                   const QString &what, const std::function<void()> &retry,
                                   const HeldAnswer *answer)
{
    Result<void> written = [&]() -> Result<void> {
        Store::Transaction tx(m_store);
        if (!tx.started().ok())
            return tx.started().error();
        if (!tx.isOutermost())
            return notOutermost();
        if (auto r = apply(); !r.ok())
            return r;
        return tx.commit();
    }();
    if (written.ok()) {
        if (answer && attempt > 1)
            releaseAnswer(answer->operation, answer->objectId);
        return true;
    }
    qCWarning(lcPayments) << "could not save" << what << "attempt" << attempt << ":"
                          << written.error().toString();
    // An answer that may have moved money is put on disk at the first failure, not after the last
    // retry: the process may be closed or killed while it waits.
    if (answer && attempt == 1)
        holdAnswer(*answer, written.error());
    const auto held = answer ? heldAnswer(answer->operation, answer->objectId) : std::nullopt;
    if (attempt < SaveAttempts) {
        if (attempt == 1)
            emit problem(held && !held->journalPath.isEmpty()
                             ? tr("The database could not save the gateway's answer for %1 (%2); the answer "
                                  "is kept in %3 and saving is retried.")
                                   .arg(what, written.error().toString(), held->journalPath)
                             : tr("The database is busy; the gateway's answer for %1 is kept and saving is "
                                  "retried.")
                                   .arg(what));
        QTimer::singleShot(SaveRetryMs, this, retry);
    } else if (held) {
        m_held[heldKey(held->operation, held->objectId)].retrying = false; // recovery takes over
        emit problem(
            !held->journalPath.isEmpty()
                ? tr("The gateway's answer for %1 could not be saved: %2. It is kept in %3 and "
                     "will be saved when the database can take it (at the latest at the next "
                     "start). Do not repeat the action.")
                      .arg(what, written.error().toString(), held->journalPath)
                : tr("The gateway's answer for %1 could not be saved: %2, and no journal could "
                     "keep it (%3). Keep this window open so that it can be saved; note the "
                     "transaction id %4.")
                      .arg(what, written.error().toString(), held->journalError, held->result.transactionId));
    } else {
        emit problem(tr("The gateway's answer for %1 could not be saved: %2. Verify it.")
                         .arg(what, written.error().toString()));
    }
    return false;
}

Result<void> PaymentService::canCharge(qint64 tokenId)
{
    if (auto ok = mayTake(StaffRights::Action::Charge); !ok)
        return ok;
    auto card = m_store.tokenForCharge(tokenId);
    if (!card.ok())
        return card.error();
    return checkChargeable(card->token, card->openCharge);
}

Result<void> PaymentService::canChargeCard(const CardToken &token, const std::optional<Payment> &openCharge)
{
    if (auto ok = mayTake(StaffRights::Action::Charge); !ok)
        return ok;
    return checkChargeable(token, openCharge);
}

Result<void> PaymentService::checkChargeable(const CardToken &token, const std::optional<Payment> &openCharge)
{
    return PaymentRules::mayCharge(token, openCharge, m_busyTokens.contains(token.id), m_clock.today())
        .asResult(QStringLiteral("token"));
}

Result<ChargeReview> PaymentService::reviewCharge(qint64 tokenId, const std::optional<Money> &amount)
{
    auto token = m_store.token(tokenId);
    if (!token.ok())
        return token.error();
    return reviewChargeOf(token.value(), amount);
}

Result<ChargeReview> PaymentService::reviewChargeOf(const CardToken &token,
                                                    const std::optional<Money> &amount)
{
    auto last = m_store.lastApprovedCharge(token.id, ChargeGuard::repeatWindowStart(m_clock.now()));
    if (!last.ok())
        return last.error();
    return ChargeGuard::review(last.value(), amount, token.firstAmount);
}

Result<PaymentService::ChargeCheck> PaymentService::readChargeCheck(Store &store, qint64 tokenId,
                                                                    const QDateTime &now)
{
    auto card = store.tokenForCharge(tokenId);
    if (!card.ok())
        return card.error();
    auto recent = store.lastApprovedCharge(tokenId, ChargeGuard::repeatWindowStart(now));
    if (!recent.ok())
        return recent.error();
    return ChargeCheck{card->token, card->openCharge, recent.value()};
}

ChargeReview PaymentService::reviewOf(const ChargeCheck &check, const std::optional<Money> &amount)
{
    return ChargeGuard::review(check.recentCharge, amount, check.token.firstAmount);
}

Result<qint64> PaymentService::charge(const ChargeRequest &request)
{
    // Check and write ahead in one write transaction (BEGIN IMMEDIATE in SQLite), so a second
    // desk or the CLI cannot slip a second charge in between the check and the insert; the
    // request leaves only once the pending row is durable.
    ChargeWindow window(*this);
    if (!window.started().ok())
        return window.started().error();
    auto planned = window.plan(request);
    if (!planned.ok())
        return planned.error();
    auto written = window.writeAhead(planned.value());
    if (!written.ok())
        return written.error();
    if (auto sent = window.commitAndSend(); !sent.ok())
        return sent.error();
    return written->id;
}

Result<PaymentService::WrittenCharge> PaymentService::planCharge(const ChargeRequest &request)
{
    if (auto ok = mayTake(StaffRights::Action::Charge); !ok)
        return ok.error();
    const qint64 tokenId = request.tokenId;
    const std::optional<Money> &amount = request.amount;
    auto card = m_store.tokenForCharge(tokenId);
    if (!card.ok())
        return card.error();
    const CardToken t = card->token;
    if (auto allowed = checkChargeable(t, card->openCharge); !allowed.ok())
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
    // What the operator confirmed is checked against the database as it is now, under the write
    // lock: a charge a colleague made while this one was being reviewed refuses it here.
    // (A caller charging the card repeatedly on purpose needs no read of the last charge.)
    auto review = request.repeatIntended
                      ? Result<ChargeReview>(ChargeGuard::review({}, amount, t.firstAmount))
                      : reviewChargeOf(t, amount);
    if (!review.ok())
        return review.error();
    if (auto acknowledged = ChargeGuard::checkAcknowledged(review.value(), request); !acknowledged.ok())
        return acknowledged.error();

    const QDateTime now = m_clock.now();
    Payment p;
    p.orderId = request.orderId;
    p.tokenId = t.id;
    p.customerId = t.customerId;
    p.amount = amount;
    p.currency = currency;
    // A blank amount charges the token's first payment: record that figure as expected, so history
    // and totals carry a number (labelled expected) until the gateway reports what it took.
    if (!amount && t.firstAmount && t.firstAmount->currency() == currency)
        p.expectedAmount = t.firstAmount;
    p.state = PaymentState::Pending;
    p.ownerSession = m_store.sessionId(); // while this process lives, no other recovers the row
    p.operatorName = m_operator;
    p.createdAt = now;
    p.updatedAt = now;
    return WrittenCharge{p, t.token, t.masked()};
}

Result<PaymentService::WrittenCharge> PaymentService::writeAheadCharge(const WrittenCharge &planned)
{
    WrittenCharge written = planned;
    Payment &p = written.payment;
    const QString orderId = planned.payment.orderId;
    // One intent = one order id: an id that any payment already carries is never sent again. The
    // database's unique key decides (a Conflict on order_id, the transaction still usable), not a
    // read before the insert: one round trip less per charge.
    const auto orderIdTaken = [](const Result<qint64> &r) {
        return !r.ok() && r.error().is(ErrorKind::Conflict) && r.error().field == QStringLiteral("order_id");
    };
    Result<qint64> inserted = Error{};
    if (!orderId.isEmpty()) {
        inserted = m_store.insertPayment(p);
        if (orderIdTaken(inserted))
            return Error{
                QStringLiteral("order_id"),
                tr("Order id %1 was already used by another charge; start a new charge.").arg(orderId),
                ErrorKind::Conflict};
    }
    for (int attempt = 0; orderId.isEmpty() && attempt < 3; ++attempt) {
        p.orderId = newOrderId(p.createdAt);
        inserted = m_store.insertPayment(p);
        if (!orderIdTaken(inserted))
            break;
    }
    if (orderIdTaken(inserted))
        return Error{QStringLiteral("order_id"), tr("Could not generate a unique order id.")};
    if (!inserted.ok())
        return inserted.error();
    p.id = inserted.value();
    if (auto r = audit(QStringLiteral("charge.requested"), QStringLiteral("payment"), p.id,
                       QStringLiteral("order %1, %2, token %3")
                           .arg(p.orderId, describeAmount(p.amount, p.expectedAmount), written.tokenMask));
        !r.ok())
        return r.error();
    return written;
}

void PaymentService::sendCharge(const WrittenCharge &charge)
{
    const Payment &p = charge.payment;
    setBusy(m_busyPayments, p.id, true);
    emit paymentChanged(p);
    GatewayReply *reply = m_gateway.collect(CollectRequest{charge.cardToken, p.orderId, p.amount});
    connect(reply, &GatewayReply::finished, this,
            [this, paymentId = p.id, orderId = p.orderId](const GatewayResult &result) {
                queueChargeAnswer(ArrivedAnswer{paymentId, orderId, result});
            });
}

void PaymentService::queueChargeAnswer(const ArrivedAnswer &answer)
{
    m_arrived << answer;
    if (m_saveScheduled)
        return;
    m_saveScheduled = true;
    // Answers that arrive in this turn of the event loop join this one's transaction.
    QTimer::singleShot(0, this, &PaymentService::saveArrivedAnswers);
}

void PaymentService::saveArrivedAnswers()
{
    m_saveScheduled = false;
    if (m_arrived.isEmpty())
        return;
    QList<qint64> paymentIds;
    bool someUnknown = false;
    for (const ArrivedAnswer &answer : std::as_const(m_arrived)) {
        paymentIds << answer.paymentId;
        someUnknown = someUnknown || AnswerRecorder::chargeStateFor(answer.result) == PaymentState::Unknown;
    }
    // A billing run may write its next charges ahead now: its window carries these answers into
    // the same transaction. What it did not take is saved here.
    emit chargeAnswersArrived(paymentIds, someUnknown);
    saveAnswerGroup(std::exchange(m_arrived, {}), 1);
}

QList<PaymentService::ArrivedAnswer> PaymentService::takeArrivedAnswers()
{
    return std::exchange(m_arrived, {});
}

bool PaymentService::giveBackAnswers(const QList<ArrivedAnswer> &answers, const std::optional<Error> &why)
{
    // A database that could not take a transaction just now would only be waited for again.
    if (why && isLockOrOutage(*why)) {
        answerGroupNotSaved(answers, *why, 1);
        return true;
    }
    m_arrived = answers + m_arrived;
    if (!m_saveScheduled && !m_arrived.isEmpty()) {
        m_saveScheduled = true;
        QTimer::singleShot(0, this, &PaymentService::saveArrivedAnswers);
    }
    return false;
}

void PaymentService::finishCarried(const QList<ArrivedAnswer> &answers,
                                   const QList<AnswerRecorder::ChargeRecord> &records)
{
    Q_ASSERT(answers.size() == records.size());
    for (qsizetype i = 0; i < answers.size() && i < records.size(); ++i)
        finishCharge(answers.at(i).paymentId, records.at(i), answers.at(i).result);
}

PaymentService::HeldAnswer PaymentService::heldCharge(const ArrivedAnswer &answer)
{
    HeldAnswer held;
    held.operation = GatewayOperation::Collect;
    held.objectId = answer.paymentId;
    held.orderId = answer.orderId;
    held.result = answer.result;
    return held;
}

Result<QList<AnswerRecorder::ChargeRecord>> PaymentService::recordArrived(const QList<ArrivedAnswer> &arrived)
{
    QList<AnswerRecorder::ChargeRecord> records;
    for (const ArrivedAnswer &answer : arrived) {
        auto recorded = m_recorder.recordCharge(answer.paymentId, answer.result);
        if (!recorded.ok())
            return recorded.error();
        records << recorded.value();
    }
    return records;
}

Result<QList<AnswerRecorder::ChargeRecord>>
PaymentService::recordTogether(const QList<ArrivedAnswer> &arrived)
{
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    if (!tx.isOutermost())
        return notOutermost();
    auto records = recordArrived(arrived);
    if (!records.ok())
        return records.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    return records;
}

void PaymentService::saveAnswerGroup(const QList<ArrivedAnswer> &arrived, int attempt)
{
    if (arrived.isEmpty())
        return;
    if (arrived.size() == 1 && attempt == 1) {
        settleCharge(arrived.first().paymentId, arrived.first().orderId, arrived.first().result);
        return;
    }
    auto saved = recordTogether(arrived);
    if (saved.ok()) {
        for (qsizetype i = 0; i < arrived.size(); ++i) {
            if (attempt > 1)
                releaseAnswer(GatewayOperation::Collect, arrived.at(i).paymentId);
            finishCharge(arrived.at(i).paymentId, saved->at(i), arrived.at(i).result);
        }
        return;
    }
    if (!saved.error().isStorageFault()) {
        // The database took the transaction but refused one answer: each goes its own way (at this
        // attempt: what is held stays held until it is saved), so that the others are saved.
        qCWarning(lcPayments) << "could not save" << arrived.size()
                              << "answers together:" << saved.error().toString();
        for (const ArrivedAnswer &answer : arrived)
            settleCharge(answer.paymentId, answer.orderId, answer.result, attempt);
        return;
    }
    answerGroupNotSaved(arrived, saved.error(), attempt);
}

void PaymentService::answersNotCarried(const Error &error)
{
    // The window found the database unable to take a transaction: that was these answers' first
    // attempt too. Tried again now, they would only wait out the same lock a second time.
    if (!isLockOrOutage(error) || m_arrived.isEmpty())
        return;
    answerGroupNotSaved(std::exchange(m_arrived, {}), error, 1);
}

void PaymentService::answerGroupNotSaved(const QList<ArrivedAnswer> &arrived, const Error &error, int attempt)
{
    qCWarning(lcPayments) << "could not save" << arrived.size() << "answers, attempt" << attempt << ":"
                          << error.toString();
    // The database cannot take them now: every answer is put on disk at the first failure (the
    // process may be closed or killed while it waits), and the group is retried as one, so that a
    // locked database costs one wait per attempt, not one per answer.
    if (attempt == 1) {
        for (const ArrivedAnswer &answer : arrived)
            holdAnswer(heldCharge(answer), error);
    }
    const auto held = heldAnswer(GatewayOperation::Collect, arrived.first().paymentId);
    const QString where = held && !held->journalPath.isEmpty() ? held->journalPath : QString();
    if (attempt < SaveAttempts) {
        if (attempt == 1)
            emit problem(
                !where.isEmpty()
                    ? tr("The database could not save %n answer(s) from the gateway (%1); they are "
                         "kept in %2 and saving is retried.",
                         nullptr, int(arrived.size()))
                          .arg(error.toString(), where)
                    : tr("The database is busy; %n answer(s) from the gateway are kept and saving is "
                         "retried.",
                         nullptr, int(arrived.size())));
        QTimer::singleShot(SaveRetryMs, this,
                           [this, arrived, attempt] { saveAnswerGroup(arrived, attempt + 1); });
        return;
    }
    // The retries ended: recovery (at the latest the next start) saves them from the journal.
    for (const ArrivedAnswer &answer : arrived) {
        const QString key = heldKey(GatewayOperation::Collect, answer.paymentId);
        if (m_held.contains(key))
            m_held[key].retrying = false;
        AnswerRecorder::ChargeRecord record;
        record.state = AnswerRecorder::chargeStateFor(answer.result);
        record.orderId = answer.orderId;
        finishCharge(answer.paymentId, record, answer.result);
    }
    emit problem(
        !where.isEmpty()
            ? tr("%n answer(s) from the gateway could not be saved: %1. They are kept in %2 and will "
                 "be saved when the database can take them (at the latest at the next start). Do "
                 "not repeat the charges.",
                 nullptr, int(arrived.size()))
                  .arg(error.toString(), where)
            : tr("%n answer(s) from the gateway could not be saved: %1, and no journal could keep "
                 "them. Keep this window open so that they can be saved.",
                 nullptr, int(arrived.size()))
                  .arg(error.toString()));
}

void PaymentService::settleCharge(qint64 paymentId, const QString &orderId, const GatewayResult &result,
                                  int attempt)
{
    AnswerRecorder::ChargeRecord record;
    record.state = AnswerRecorder::chargeStateFor(result);
    record.orderId = orderId;
    auto apply = [&]() -> Result<void> {
        auto recorded = m_recorder.recordCharge(paymentId, result);
        if (!recorded.ok())
            return recorded.error();
        record = recorded.value();
        return {};
    };
    HeldAnswer answer;
    answer.operation = GatewayOperation::Collect;
    answer.objectId = paymentId;
    answer.orderId = orderId;
    answer.result = result;
    if (!commitOrRetry(
            apply, attempt,
            tr("charge %1 (%2, transaction %3)")
                .arg(record.orderId, paymentStateName(record.state), result.transactionId),
            [this, paymentId, orderId, result, attempt] {
                settleCharge(paymentId, orderId, result, attempt + 1);
            },
            &answer)) {
        if (attempt < SaveAttempts)
            return; // still busy: the call stays in flight until its answer is saved
    }
    finishCharge(paymentId, record, result);
}

void PaymentService::finishCharge(qint64 paymentId, const AnswerRecorder::ChargeRecord &record,
                                  const GatewayResult &result)
{
    const PaymentState state = record.state;
    setBusy(m_busyPayments, paymentId, false);
    if (state == PaymentState::Unknown || state == PaymentState::NotSent || state == PaymentState::Rejected) {
        const QString errorText = AnswerRecorder::chargeErrorText(result);
        emit problem(errorText.isEmpty() ? paymentStateName(state) : errorText);
    }
    announcePayment(paymentId);
    if (record.tokenId != 0)
        announceToken(record.tokenId);
    emit chargeFinished(paymentId, state);
}

Result<void> PaymentService::verify(qint64 paymentId)
{
    if (auto ok = mayTake(StaffRights::Action::Verify); !ok)
        return ok;
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    const Payment &p = loaded.value();
    auto owner = p.state == PaymentState::Pending
                     ? ownerOf(p)
                     : Result<PaymentRules::Owner>(PaymentRules::Owner::NotRecorded);
    if (!owner.ok())
        return owner.error();
    if (auto allowed =
            PaymentRules::mayVerify(p, m_busyPayments.contains(paymentId), m_clock.now(), owner.value())
                .asResult(u"payment"_s);
        !allowed.ok())
        return allowed;
    setBusy(m_busyPayments, paymentId, true);
    GatewayReply *reply = m_gateway.verify(VerifyRequest{p.orderId, p.transactionId});
    connect(reply, &GatewayReply::finished, this,
            [this, paymentId](const GatewayResult &result) { settleVerify(paymentId, result); });
    return {};
}

void PaymentService::settleVerify(qint64 paymentId, const GatewayResult &result, int attempt)
{
    PaymentState state = PaymentState::Unknown;
    qint64 approvedTokenId = 0;
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
            settleFromVerify(p, result, *verdict.settlesAs);
            p.note = tr("Settled by verify on %1.").arg(checked);
        } else if (!p.isOpen()) {
            // Settled meanwhile (the charge reply or another desk's verify): keep that result.
            p.note = tr("Checked again on %1.").arg(checked);
        } else if (result.outcome == GatewayOutcome::Success) {
            // The gateway's status is kept as the latest verify saw it: an earlier "not found"
            // must never outlive a later answer (closing as not charged relies on the latest one).
            // NOT_FOUND is this application's own marker, written only from a 404 the gateway
            // itself gave: a reply whose status text happens to read so must not forge it.
            p.gatewayStatus = status.compare(QLatin1String("NOT_FOUND"), Qt::CaseInsensitive) == 0
                                  ? QStringLiteral("NOT_FOUND (as the reply said)")
                                  : status;
            //: %3 is the sentence that says what did not match.
            p.note = tr("Gateway reports %1 (checked %2): still unknown, verify again later. %3")
                         .arg(status.isEmpty() ? tr("no status") : status, checked, verdict.mismatch);
        } else if (result.outcome == GatewayOutcome::Rejected && result.orderNotFound) {
            // When the collect reply was lost the gateway may not list the order yet: not a failure.
            p.gatewayStatus = QStringLiteral("NOT_FOUND");
            p.note = tr("Not found at the gateway yet (checked %1): still unknown, verify again later.")
                         .arg(checked);
        } else {
            // Nothing learned: what an earlier verify saw no longer counts as the latest answer.
            if (p.isOpen())
                p.gatewayStatus.clear();
            p.note = tr("Verify failed (checked %1): %2").arg(checked, result.errorText);
        }
        // What the gateway reports taken is kept beside the amount sent, never in its place; when it
        // differs from what was sent or expected, the note says so (the figure shown is flagged too).
        if (verdict.takenAmount) {
            p.takenAmount = verdict.takenAmount;
            if (const CountedAmount counted = countedAmount(p); counted.takenDiffers)
                p.note += u' ' + takenDiffersNote(p);
        }
        state = p.state;
        if (auto r = m_store.updatePayment(p); !r.ok())
            return r;
        if (before != PaymentState::Approved && p.state == PaymentState::Approved) {
            // A card's last use is its last approved charge (issue 10 #5): a charge verified as
            // approved counts from when it was made, and never moves a later one back.
            auto t = m_store.token(p.tokenId);
            if (!t.ok())
                return t.error();
            if (!t->lastUsedAt.isValid() || t->lastUsedAt < p.createdAt) {
                if (auto r = m_store.markTokenUsed(p.tokenId, p.createdAt); !r.ok())
                    return r;
            }
            approvedTokenId = p.tokenId;
        }
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
        !(result.outcome == GatewayOutcome::Rejected && result.orderNotFound))
        emit problem(result.errorText);
    announcePayment(paymentId);
    if (approvedTokenId != 0)
        announceToken(approvedTokenId);
    emit verifyFinished(paymentId, state);
}

Result<void> PaymentService::closeUnfound(qint64 paymentId, const QString &reason)
{
    if (auto ok = mayTake(StaffRights::Action::CloseUnfound); !ok)
        return ok;
    if (auto ok = requireReason(reason, tr("Say why this charge is closed; it is kept in the audit log."));
        !ok)
        return ok.error();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    Payment p = loaded.value();
    const QDateTime now = m_clock.now();
    if (auto allowed =
            PaymentRules::mayCloseUnfound(p, m_busyPayments.contains(paymentId)).asResult(u"payment"_s);
        !allowed.ok())
        return allowed;
    p.state = PaymentState::NotSent;
    p.updatedAt = now;
    p.note =
        p.isCardRequest()
            ? tr("Closed: the link expired and the customer did not pay. Reason: %1").arg(reason.trimmed())
            : tr("Closed as not charged: the gateway did not know this order a day later. Reason: %1")
                  .arg(reason.trimmed());
    if (auto r = m_store.updatePayment(p); !r.ok())
        return r;
    if (auto r =
            audit(QStringLiteral("charge.closed-unfound"), QStringLiteral("payment"), p.id, reason.trimmed());
        !r.ok())
        return r;
    if (auto r = tx.commit(); !r.ok())
        return r;
    emit paymentChanged(p);
    if (p.tokenId != 0)
        announceToken(p.tokenId);
    return {};
}

Result<void> PaymentService::revoke(qint64 tokenId, const QString &reason)
{
    if (auto ok = mayTake(StaffRights::Action::Revoke); !ok)
        return ok;
    if (auto ok =
            requireReason(reason, tr("Give a reason for revoking this token; it is kept in the audit log."));
        !ok)
        return ok.error();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto token = m_store.token(tokenId);
    if (!token.ok())
        return token.error();
    CardToken t = token.value();
    if (auto allowed = PaymentRules::mayRevoke(t, m_busyTokens.contains(tokenId)).asResult(u"token"_s);
        !allowed.ok())
        return allowed;
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
    emit tokenChanged(t);
    GatewayReply *reply = m_gateway.deactivate(DeactivateRequest{t.token, orderId});
    connect(reply, &GatewayReply::finished, this,
            [this, tokenId, reason, orderId](const GatewayResult &result) {
                settleRevoke(tokenId, orderId, reason.trimmed(), result);
            });
    return {};
}

void PaymentService::settleRevoke(qint64 tokenId, const QString &orderId, const QString &reason,
                                  const GatewayResult &result, int attempt)
{
    const bool deactivated = AnswerRecorder::revokeConfirmed(result);
    auto apply = [&]() -> Result<void> {
        auto recorded = m_recorder.recordRevoke(tokenId, reason, result);
        return recorded.ok() ? Result<void>() : Result<void>(recorded.error());
    };
    HeldAnswer answer;
    answer.operation = GatewayOperation::Deactivate;
    answer.objectId = tokenId;
    answer.orderId = orderId;
    answer.reason = reason;
    answer.result = result;
    const bool saved = commitOrRetry(
        apply, attempt, tr("the revoke of token %1").arg(tokenId),
        [this, tokenId, orderId, reason, result, attempt] {
            settleRevoke(tokenId, orderId, reason, result, attempt + 1);
        },
        &answer);
    if (!saved && attempt < SaveAttempts)
        return;
    setBusy(m_busyTokens, tokenId, false);
    if (saved && !deactivated)
        emit problem(tr("Revoke not confirmed by the gateway: %1 The token stays revoke-pending; retry.")
                         .arg(result.errorText));
    announceToken(tokenId);
    emit revokeFinished(tokenId, deactivated && saved, result.outcome, result.errorText);
}

Result<void> PaymentService::refund(qint64 paymentId, const QString &reason)
{
    if (auto ok = mayTake(StaffRights::Action::Refund); !ok)
        return ok;
    if (auto ok = FieldLimits::check(QStringLiteral("reason"), reason, FieldLimits::Reason,
                                     FieldLimits::Lines::Several);
        !ok)
        return ok.error();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto p = refundablePayment(paymentId);
    if (!p.ok())
        return p.error();
    // Above the limit the database refuses the refund's write-ahead too; said first, in words.
    auto needs = m_store.refundNeedsApproval(paymentId);
    if (!needs.ok())
        return needs.error();
    if (needs.value())
        return Error{u"approval"_s,
                     tr("Refunding %1 of order %2 needs a second supervisor's approval: ask for it with a "
                        "reason, and another supervisor approves it under Payments → Refund requests.")
                         .arg(PeopleText::amount(p.value().amount), PeopleText::isolate(p.value().orderId)),
                     ErrorKind::Permission};
    const QString detail = reason.trimmed().isEmpty() ? p.value().orderId
                                                      : p.value().orderId + u", reason: "_s + reason.trimmed();
    return startRefund(tx, p.value(), detail);
}

Result<bool> PaymentService::refundNeedsApproval(qint64 paymentId)
{
    return m_store.refundNeedsApproval(paymentId);
}

Result<Payment> PaymentService::refundablePayment(qint64 paymentId)
{
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    if (auto allowed = checkRefundable(loaded.value()); !allowed.ok())
        return allowed.error();
    return loaded.value();
}

Result<void> PaymentService::checkRefundable(const Payment &p) const
{
    // Refused while an earlier refund is pending or unknown: Fatora documents no protection
    // against a second refund of one payment.
    return PaymentRules::mayRefund(p, m_busyPayments.contains(p.id)).asResult(u"payment"_s);
}

Result<void> PaymentService::startRefund(Store::Transaction &tx, Payment p, const QString &auditDetail)
{
    p.refundState = RefundState::Pending;
    p.ownerSession = m_store.sessionId(); // the refund's call now: see resolveRefund
    p.updatedAt = m_clock.now();
    if (auto r = m_store.updatePayment(p); !r.ok())
        return r.error();
    if (auto r = audit(QStringLiteral("refund.requested"), QStringLiteral("payment"), p.id, auditDetail); !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();

    const qint64 paymentId = p.id;
    setBusy(m_busyPayments, paymentId, true);
    emit paymentChanged(p);
    GatewayReply *reply = m_gateway.refund(RefundRequest{p.orderId, p.transactionId});
    connect(reply, &GatewayReply::finished, this,
            [this, paymentId, orderId = p.orderId](const GatewayResult &result) {
                settleRefund(paymentId, orderId, result);
            });
    return {};
}

Result<qint64> PaymentService::askRefundApproval(qint64 paymentId, const QString &reason)
{
    if (auto ok = mayTake(StaffRights::Action::Refund); !ok)
        return ok.error();
    if (auto ok =
            requireReason(reason, tr("Say why the money goes back: the supervisor who approves reads it."));
        !ok)
        return ok.error();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto p = refundablePayment(paymentId);
    if (!p.ok())
        return p.error();
    auto asked = m_store.addRefundApproval(paymentId, reason.trimmed());
    if (!asked.ok()) {
        if (asked.error().kind == ErrorKind::Conflict)
            return Error{u"payment"_s,
                         tr("A refund of order %1 is already waiting for approval.")
                             .arg(PeopleText::isolate(p.value().orderId)),
                         ErrorKind::Conflict};
        return asked.error();
    }
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    emit refundApprovalsChanged();
    return asked.value();
}

Result<RefundApproval> PaymentService::openRefundApproval(qint64 requestId, bool approving)
{
    auto loaded = m_store.refundApproval(requestId);
    if (!loaded.ok())
        return loaded.error();
    return checkOpenApproval(loaded.value(), approving);
}

Result<RefundApproval> PaymentService::checkOpenApproval(const RefundApproval &a, bool approving) const
{
    if (!a.isOpen())
        return Error{u"request"_s,
                     tr("Refund request %1 was already %2 by %3.")
                         .arg(PeopleText::isolate(QString::number(a.id)),
                              refundApprovalStateTitle(a.state).toLower(), PeopleText::isolate(a.decidedBy)),
                     ErrorKind::Conflict};
    if (approving && a.requestedBy == m_actor.login)
        return Error{u"request"_s,
                     tr("You asked for refund request %1, so another supervisor approves it.")
                         .arg(PeopleText::isolate(QString::number(a.id))),
                     ErrorKind::Permission};
    return a;
}

Result<void> PaymentService::approveRefund(qint64 requestId, const QString &note)
{
    if (auto ok = mayTake(StaffRights::Action::ApproveRefunds); !ok)
        return ok;
    if (auto ok = FieldLimits::check(u"note"_s, note, FieldLimits::Reason, FieldLimits::Lines::Several); !ok)
        return ok.error();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto request = openRefundApproval(requestId, true);
    if (!request.ok())
        return request.error();
    auto p = refundablePayment(request.value().paymentId);
    if (!p.ok())
        return p.error();
    // Decided and written ahead in one transaction: the database lets the refund of a payment above
    // the limit start only there, so the approval is spent by this one refund.
    if (auto decided = m_store.decideRefundApproval(requestId, RefundApproval::State::Approved, note.trimmed());
        !decided.ok())
        return decisionError(requestId, decided.error());
    QString detail = p.value().orderId + u", approved request "_s + QString::number(requestId) +
                     u" of "_s + request.value().requestedBy + u", reason: "_s + request.value().reason;
    if (auto r = startRefund(tx, p.value(), detail); !r.ok())
        return r;
    emit refundApprovalsChanged();
    return {};
}

Result<void> PaymentService::denyRefund(qint64 requestId, const QString &reason)
{
    if (auto ok = mayTake(StaffRights::Action::ApproveRefunds); !ok)
        return ok;
    if (auto ok = requireReason(reason, tr("Say why the refund is denied: the person who asked reads it."));
        !ok)
        return ok.error();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    if (auto request = openRefundApproval(requestId, false); !request.ok())
        return request.error();
    if (auto decided = m_store.decideRefundApproval(requestId, RefundApproval::State::Denied, reason.trimmed());
        !decided.ok())
        return decisionError(requestId, decided.error());
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    emit refundApprovalsChanged();
    return {};
}

Result<RefundApproval> PaymentService::mayDecideRefund(qint64 requestId, bool approving)
{
    if (auto ok = mayTake(StaffRights::Action::ApproveRefunds); !ok)
        return ok.error();
    auto request = openRefundApproval(requestId, approving);
    if (!request.ok() || !approving)
        return request;
    if (auto p = refundablePayment(request.value().paymentId); !p.ok())
        return p.error();
    return request;
}

Result<RefundApproval> PaymentService::judgeRefundDecision(const RefundApproval &request,
                                                           const std::optional<Payment> &payment, bool approving) const
{
    if (auto ok = mayTake(StaffRights::Action::ApproveRefunds); !ok)
        return ok.error();
    auto open = checkOpenApproval(request, approving);
    if (!open.ok() || !approving)
        return open;
    if (!payment)
        return Error{u"payment"_s,
                     tr("The payment of refund request %1 could not be read.")
                         .arg(PeopleText::isolate(QString::number(request.id))),
                     ErrorKind::NotFound};
    if (auto allowed = checkRefundable(*payment); !allowed.ok())
        return allowed.error();
    return open;
}

Error PaymentService::decisionError(qint64 requestId, const Error &error)
{
    if (error.kind != ErrorKind::Conflict)
        return error;
    // Another supervisor decided it between our read and our write: say who, as openRefundApproval does.
    auto now = m_store.refundApproval(requestId);
    if (!now.ok())
        return error;
    return Error{u"request"_s,
                 tr("Refund request %1 was already %2 by %3.")
                     .arg(PeopleText::isolate(QString::number(requestId)),
                          refundApprovalStateTitle(now.value().state).toLower(),
                          PeopleText::isolate(now.value().decidedBy)),
                 ErrorKind::Conflict};
}

void PaymentService::settleRefund(qint64 paymentId, const QString &orderId, const GatewayResult &result,
                                  int attempt)
{
    const RefundState state = AnswerRecorder::refundStateFor(result);
    auto apply = [&]() -> Result<void> {
        auto recorded = m_recorder.recordRefund(paymentId, result);
        return recorded.ok() ? Result<void>() : Result<void>(recorded.error());
    };
    HeldAnswer answer;
    answer.operation = GatewayOperation::Refund;
    answer.objectId = paymentId;
    answer.orderId = orderId;
    answer.result = result;
    if (!commitOrRetry(
            apply, attempt, tr("the refund of %1").arg(orderId),
            [this, paymentId, orderId, result, attempt] {
                settleRefund(paymentId, orderId, result, attempt + 1);
            },
            &answer)) {
        if (attempt < SaveAttempts)
            return;
    }
    setBusy(m_busyPayments, paymentId, false);
    if (state != RefundState::Refunded)
        emit problem(result.errorText);
    announcePayment(paymentId);
    emit refundFinished(paymentId, state);
}

Result<void> PaymentService::resolveRefund(qint64 paymentId, bool refunded, const QString &reason)
{
    if (auto ok = mayTake(StaffRights::Action::ResolveRefund); !ok)
        return ok;
    if (auto ok =
            requireReason(reason, tr("Say what Fatora's dashboard shows; it is kept in the audit log."));
        !ok)
        return ok.error();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    Payment p = loaded.value();
    const QDateTime now = m_clock.now();
    // A pending refund still in flight at another desk (its owner alive; unowned: younger than
    // OrphanAfterSecs): its answer must not meet a hand-recorded "not refunded" (that would open
    // the way to a second one).
    auto owner = p.refundState == RefundState::Pending
                     ? ownerOf(p)
                     : Result<PaymentRules::Owner>(PaymentRules::Owner::NotRecorded);
    if (!owner.ok())
        return owner.error();
    if (auto allowed =
            PaymentRules::mayRecordRefundOutcome(p, m_busyPayments.contains(paymentId), now, owner.value())
                .asResult(u"payment"_s);
        !allowed.ok())
        return allowed;
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
    emit paymentChanged(p);
    return {};
}

void PaymentService::announcePayment(qint64 paymentId)
{
    // Read again only for someone listening (the desk's lists): a batch run or the CLI would pay
    // two more reads per charge for nothing, each a round trip to a shared server.
    if (!isSignalConnected(QMetaMethod::fromSignal(&PaymentService::paymentChanged)))
        return;
    auto payment = m_store.payment(paymentId);
    if (!payment.ok()) {
        qCWarning(lcPayments) << "changed payment" << paymentId << "not read:" << payment.error().toString();
        return;
    }
    emit paymentChanged(payment.value());
}

void PaymentService::announceToken(qint64 tokenId)
{
    if (!isSignalConnected(QMetaMethod::fromSignal(&PaymentService::tokenChanged)))
        return;
    auto token = m_store.token(tokenId);
    if (!token.ok()) {
        qCWarning(lcPayments) << "changed card" << tokenId << "not read:" << token.error().toString();
        return;
    }
    emit tokenChanged(token.value());
}

} // namespace fatora
