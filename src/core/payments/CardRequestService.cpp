#include "payments/CardRequestService.h"

#include "domain/CardToken.h"
#include "domain/Clock.h"
#include "domain/FieldLimits.h"
#include "domain/PeopleText.h"
#include "gateway/GatewayClient.h"
#include "gateway/GatewayText.h"
#include "gateway/VerifyReplyCheck.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimer>

#include <cctype>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCardRequests, "fatora.cardrequests")

namespace fatora {

namespace {

constexpr int MaxNoteChars = 255;

QString checkedAt(const QDateTime &now)
{
    return QLocale::c().toString(now.toLocalTime(), u"yyyy-MM-dd HH:mm"_s);
}

// The day the card was issued: the payment's date as verify gives it, when it reads as a day
// between the request and today; otherwise today (a token is never dated in the future).
QDate issuedOn(const GatewayResult &result, const Payment &p, const QDate &today)
{
    QDateTime at = QDateTime::fromString(result.paymentDate, Qt::ISODateWithMs);
    if (!at.isValid())
        at = QDateTime::fromString(result.paymentDate, Qt::ISODate);
    QDate day =
        at.isValid() ? at.toLocalTime().date() : QDate::fromString(result.paymentDate.left(10), Qt::ISODate);
    const QDate requested = p.createdAt.toLocalTime().date();
    if (!day.isValid() || day > today || day < requested)
        day = today;
    return day;
}

QString describeOutcome(const Payment &p)
{
    return u"%1 -> %2"_s.arg(p.orderId, paymentStateName(p.state));
}

} // namespace

CardRequestService::CardRequestService(Store &store, GatewayClient &gateway, const Clock &clock,
                                       QObject *parent)
    : QObject(parent), m_store(store), m_gateway(gateway), m_clock(clock), m_customers(store, clock)
{
    qRegisterMetaType<fatora::CardRequestOutcome>();
}

void CardRequestService::setOperatorName(const QString &name)
{
    m_operator = name;
}

void CardRequestService::setActor(const StaffMember &actor)
{
    m_actor = actor;
    m_customers.setActor(actor);
    if (!actor.login.isEmpty())
        setOperatorName(actor.login);
}

void CardRequestService::setReturnPages(const QUrl &success, const QUrl &failure)
{
    m_successUrl = success;
    m_failureUrl = failure;
}

Result<void> CardRequestService::canCreate() const
{
    // A link the customer pays on is a charge of its own.
    if (auto ok = StaffRights::check(m_actor, StaffRights::Action::Charge); !ok)
        return ok;
    if (m_successUrl.isEmpty() || m_failureUrl.isEmpty())
        return Error{u"success_url"_s,
                     tr("No return page is set for card requests: set the success and failure pages in "
                        "Settings, or FATORA_SUCCESS_URL and FATORA_FAILURE_URL for fatora-cli.")};
    const bool sandbox = m_gateway.config().isLoopbackSandbox();
    if (auto ok = checkWebLink(m_successUrl.toString(QUrl::FullyEncoded), sandbox, u"success_url"_s); !ok)
        return ok.error();
    if (auto ok = checkWebLink(m_failureUrl.toString(QUrl::FullyEncoded), sandbox, u"failure_url"_s); !ok)
        return ok.error();
    return {};
}

Result<void> CardRequestService::audit(const QString &action, qint64 paymentId, const QString &detail)
{
    return m_store.audit(m_clock.now(), m_operator, action, u"payment"_s, paymentId, detail);
}

void CardRequestService::setBusy(qint64 paymentId, bool busy)
{
    const int before = callsInFlight();
    if (busy)
        m_busy.insert(paymentId);
    else
        m_busy.remove(paymentId);
    if (callsInFlight() != before)
        emit callsInFlightChanged(callsInFlight());
}

Result<qint64> CardRequestService::create(const CardRequestDraft &draft)
{
    if (auto ok = canCreate(); !ok)
        return ok.error();
    if (!draft.amount.isValid() || draft.amount.minorUnits() <= 0)
        return Error{u"amount"_s, tr("The first payment must be an amount above zero in a known currency.")};
    if (draft.language != u"en"_s && draft.language != u"ar"_s)
        return Error{u"language"_s, tr("The payment page's language must be English (en) or Arabic (ar).")};
    if (auto ok = FieldLimits::check(u"note"_s, draft.note, MaxNoteChars); !ok)
        return ok.error();

    // The customer's check and the write-ahead share one write transaction.
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto customer = m_store.customer(draft.customerId);
    if (!customer.ok())
        return customer.error().is(ErrorKind::NotFound)
                   ? Error{u"customer"_s, tr("There is no customer with id %1.").arg(draft.customerId),
                           ErrorKind::NotFound}
                   : customer.error();
    if (customer->archived)
        return Error{u"customer"_s,
                     tr("Customer %1 is archived: restore the customer first.").arg(customer->id),
                     ErrorKind::Conflict};

    const QDateTime now = m_clock.now();
    Payment p;
    p.kind = PaymentKind::CardRequest;
    p.customerId = customer->id;
    p.amount = draft.amount;
    p.currency = draft.amount.currency();
    p.state = PaymentState::Pending;
    p.operatorName = m_operator;
    p.createdAt = now;
    p.updatedAt = now;
    p.orderId = draft.orderId.isEmpty() ? PaymentService::newOrderId(now) : draft.orderId;
    // As a charge: while this process lives, no other recovers the row or checks it before its link
    // arrives (PaymentRules::mayCheckCardRequest).
    p.ownerSession = m_store.sessionId();
    // One intent = one order id: one already used by any payment is never sent again.
    auto clash = m_store.paymentByOrderId(p.orderId);
    if (!clash.ok())
        return clash.error();
    if (clash.value())
        return Error{u"order_id"_s,
                     tr("Order id %1 was already used; start a new card request.").arg(p.orderId),
                     ErrorKind::Conflict};

    CheckoutRequest request;
    request.amount = draft.amount;
    request.orderId = p.orderId;
    request.clientName = customer->name;
    request.clientPhone = customer->phone;
    request.clientEmail = customer->email;
    request.language = draft.language;
    request.successUrl = m_successUrl;
    request.failureUrl = m_failureUrl;
    request.note = draft.note;
    p.requestBody = QString::fromUtf8(GatewayClient::encode(request));
    p.note = tr("Asking Fatora for a checkout link.");
    auto inserted = m_store.insertPayment(p);
    if (!inserted.ok())
        return inserted.error();
    p.id = inserted.value();
    if (auto r = audit(u"card-request.requested"_s, p.id,
                       u"order %1, %2, customer %3, page %4"_s
                           .arg(p.orderId, draft.amount.toPlainString() + u' ' + p.currency)
                           .arg(p.customerId)
                           .arg(draft.language));
        !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();

    // Only now, with the pending card request durable, does the request leave.
    setBusy(p.id, true);
    emit paymentChanged(p);
    GatewayReply *reply = m_gateway.checkout(request);
    const qint64 paymentId = p.id;
    connect(reply, &GatewayReply::finished, this,
            [this, paymentId](const GatewayResult &result) { settleCreate(paymentId, result); });
    return paymentId;
}

void CardRequestService::settleCreate(qint64 paymentId, const GatewayResult &result, int attempt)
{
    CardRequestOutcome outcome;
    auto apply = [&]() -> Result<void> {
        Store::Transaction tx(m_store);
        if (!tx.started().ok())
            return tx.started();
        auto loaded = m_store.payment(paymentId);
        if (!loaded.ok())
            return loaded.error();
        Payment p = loaded.value();
        p.updatedAt = m_clock.now();
        p.httpStatus = result.httpStatus;
        p.gatewayStatus = result.status;
        p.requestBody = QString::fromUtf8(result.requestBody);
        p.responseBody = QString::fromUtf8(result.responseBody);
        if (p.state != PaymentState::Pending) {
            // Settled meanwhile (recovery took it for interrupted): the link is not handed out.
            outcome.message = tr("The checkout link of order %1 arrived after the request was closed (%2); "
                                 "it was not kept. Send a new card request.")
                                  .arg(p.orderId, PeopleText::paymentState(p.state));
            outcome.problem = true;
        } else if (result.isSuccess()) {
            p.checkoutUrl = result.checkoutUrl;
            p.note = tr("Checkout link ready; waiting for the customer to pay.");
            outcome.message =
                tr("Checkout link for order %1 is ready: send it to the customer.").arg(p.orderId);
        } else {
            // No link reached anyone, so nobody can pay on this request. Only an answer that never
            // came (unknown) leaves it open: a check then finds out, and closes it when it expired.
            p.state = result.outcome == GatewayOutcome::NotSent   ? PaymentState::NotSent
                      : result.outcome == GatewayOutcome::Unknown ? PaymentState::Unknown
                                                                  : PaymentState::Rejected;
            p.errorText = result.errorText;
            p.note = tr("No checkout link: %1").arg(result.errorText);
            outcome.message = tr("No checkout link for order %1: %2").arg(p.orderId, result.errorText);
            outcome.problem = true;
        }
        if (auto r = m_store.updatePayment(p); !r.ok())
            return r;
        if (auto r =
                audit(u"card-request.link"_s, p.id,
                      describeOutcome(p) + (p.checkoutUrl.isEmpty() ? u", no link"_s : u", link kept"_s));
            !r.ok())
            return r;
        if (auto r = tx.commit(); !r.ok())
            return r;
        outcome.payment = p;
        return {};
    };
    auto saved = apply();
    if (!saved.ok() && saved.error().is(ErrorKind::Busy) && attempt < PaymentService::SaveAttempts) {
        // The link is the only way to the payment page: worth waiting for the database, as an
        // answer that moved money is (PaymentService::SaveRetryMs). The call stays in flight.
        if (attempt == 1)
            emit problem(
                tr("The database is busy (%1); the checkout link of payment %2 is kept in memory and "
                   "saving it is retried.")
                    .arg(saved.error().message)
                    .arg(paymentId));
        QTimer::singleShot(PaymentService::SaveRetryMs, this, [this, paymentId, result, attempt] {
            settleCreate(paymentId, result, attempt + 1);
        });
        return;
    }
    setBusy(paymentId, false);
    if (!saved.ok()) {
        // The link was not stored, so it is not shown to anyone: the request stays pending without
        // a link. Its call has ended here, so this process no longer stands for it as in flight
        // (ownerOf): a check may close it at once, not only after this desk stops.
        m_linkLost.insert(paymentId);
        outcome.payment.id = paymentId;
        outcome.message = tr("The checkout link could not be saved (%1); it was not handed out. Check the "
                             "card request later and send a new one.")
                              .arg(saved.error().message);
        outcome.problem = true;
        if (auto reread = m_store.payment(paymentId); reread.ok())
            outcome.payment = reread.value();
    }
    if (outcome.problem)
        emit problem(outcome.message);
    if (outcome.payment.id != 0)
        emit paymentChanged(outcome.payment);
    emit created(outcome);
}

Result<void> CardRequestService::check(qint64 paymentId)
{
    if (auto ok = StaffRights::check(m_actor, StaffRights::Action::Verify); !ok)
        return ok;
    auto loaded = m_store.payment(paymentId);
    if (!loaded.ok())
        return loaded.error();
    return startCheck(loaded.value(), std::nullopt);
}

Result<void> CardRequestService::startCheck(const Payment &p, const std::optional<ReturnAddress> &pasted)
{
    auto owner = ownerOf(p);
    if (!owner.ok())
        return owner.error();
    if (auto allowed =
            PaymentRules::mayCheckCardRequest(p, m_busy.contains(p.id), m_clock.now(), owner.value())
                .asResult(u"payment"_s);
        !allowed.ok())
        return allowed;
    setBusy(p.id, true);
    VerifyRequest request;
    request.orderId = p.orderId;
    request.transactionId = p.transactionId;
    request.keepCardToken = true;
    GatewayReply *reply = m_gateway.verify(request);
    const qint64 paymentId = p.id;
    connect(reply, &GatewayReply::finished, this, [this, paymentId, pasted](const GatewayResult &result) {
        settleCheck(paymentId, result, pasted);
    });
    return {};
}

Result<PaymentRules::Owner> CardRequestService::ownerOf(const Payment &p)
{
    // Only a request still asking for its link is in flight somewhere; one with a link waits for
    // its customer, whoever wrote it.
    if (p.state != PaymentState::Pending || !p.checkoutUrl.isEmpty())
        return PaymentRules::Owner::NotRecorded;
    if (p.ownerSession == m_store.sessionId() && m_linkLost.contains(p.id))
        return PaymentRules::Owner::Gone; // its checkout call ended here without its link being saved
    return PaymentService::ownerOf(m_store, p);
}

Result<int> CardRequestService::checkWaiting()
{
    const QDateTime now = m_clock.now();
    auto waiting = m_store.paymentsInState(PaymentState::Pending);
    if (!waiting.ok())
        return waiting.error();
    // A request that arrived unknown with its link (db copy) waits for its customer as well, while
    // its link is young.
    auto unknown = m_store.paymentsInState(PaymentState::Unknown);
    if (!unknown.ok())
        return unknown.error();
    for (const Payment &p : unknown.value()) {
        if (now < p.createdAt.addSecs(m_lifetimeSecs))
            waiting.value().append(p);
    }
    int started = 0;
    for (const Payment &p : std::as_const(waiting.value())) {
        // Only requests whose link waits for the customer: the owner's lease plays no part then.
        if (!p.isCardRequest() || p.checkoutUrl.isEmpty() ||
            !PaymentRules::mayCheckCardRequest(p, m_busy.contains(p.id), now).allowed)
            continue;
        if (startCheck(p, std::nullopt).ok())
            ++started;
    }
    return started;
}

void CardRequestService::settleCheck(qint64 paymentId, const GatewayResult &result,
                                     const std::optional<ReturnAddress> &pasted)
{
    CardRequestOutcome outcome;
    std::optional<CardToken> savedToken;
    auto apply = [&]() -> Result<void> {
        // Read, decide and write under the write lock: a second desk checking the same request at
        // once waits here, then finds it settled and saves nothing.
        Store::Transaction tx(m_store);
        if (!tx.started().ok())
            return tx.started();
        auto loaded = m_store.payment(paymentId);
        if (!loaded.ok())
            return loaded.error();
        Payment p = loaded.value();
        const QDateTime now = m_clock.now();
        const QString checked = checkedAt(now);
        const VerifyVerdict verdict = judgeVerifyReply(p, result);
        const bool paidLate =
            !p.isOpen() && p.state != PaymentState::Approved && verdict.settlesAs == PaymentState::Approved;
        // Paid earlier with no card saved: an approval now may name the card (mayCheckCardRequest).
        const bool cardStillMissing = p.state == PaymentState::Approved && p.savedTokenId == 0 &&
                                      verdict.settlesAs == PaymentState::Approved;
        if (!p.isOpen() && !paidLate && !cardStillMissing) {
            outcome.payment = p;
            outcome.message = p.state == PaymentState::Approved
                                  ? tr("Card request %1 was already settled (%2).")
                                        .arg(p.orderId, PeopleText::paymentState(p.state))
                                  : tr("Card request %1 is still not paid (checked %2); it stays %3.")
                                        .arg(p.orderId, checked, PeopleText::paymentState(p.state));
            return {}; // nothing to write: settled, and Fatora reports no payment that changes it
        }
        const PaymentState before = p.state;
        p.lastCheckedAt = now;
        p.updatedAt = now;
        if (verdict.settlesAs) {
            settleFromVerify(p, result, *verdict.settlesAs);
            if (verdict.takenAmount)
                p.takenAmount = verdict.takenAmount;
        }
        QStringList notes;
        if (p.state == PaymentState::Approved) {
            const QString token = result.cardToken;
            notes << tr("Paid (checked %1).").arg(checked);
            if (pasted && !pasted->cardToken.isEmpty() && pasted->cardToken != token) {
                notes << tr("The pasted address showed another card token than Fatora reports; Fatora's "
                            "was used.");
                outcome.problem = true;
            }
            if (token.isEmpty()) {
                notes << tr("Fatora named no card token, so no card was saved: ask Fatora for it, or send "
                            "a new card request.");
                outcome.problem = true;
            } else if (auto valid = CardToken::validateTokenText(token, u"card_token"_s); !valid.ok()) {
                notes << tr("Fatora's card token cannot be saved (%1).").arg(valid.error().message);
                outcome.problem = true;
            } else {
                auto existing = m_store.tokenByText(token);
                if (!existing.ok())
                    return existing.error();
                if (existing.value() && existing.value()->customerId == p.customerId) {
                    notes << tr("Card %1 was already on file for this customer; it was not saved twice.")
                                 .arg(existing.value()->masked());
                } else if (existing.value()) {
                    notes << tr("Card %1 is on file for customer %2, not this one: it was not saved. Check "
                                "with Fatora who paid.")
                                 .arg(existing.value()->masked())
                                 .arg(existing.value()->customerId);
                    outcome.problem = true;
                } else {
                    CardToken t;
                    t.customerId = p.customerId;
                    t.token = token;
                    t.label = GatewayText::clean(result.cardBrand, FieldLimits::TokenLabel);
                    t.issuedOn = issuedOn(result, p, m_clock.today());
                    t.expiresOn = CardToken::defaultExpiry(t.issuedOn);
                    t.firstAmount = p.amount;
                    t.currency = p.currency;
                    // The one way a card comes in: its rules, its audit entry, joined to this transaction.
                    auto id = m_customers.addPaidCard(
                        t, ChangeOrigin(m_operator, m_way, tr("from card request %1").arg(p.orderId)));
                    if (!id.ok() && id.error().isStorageFault())
                        return id.error(); // nothing kept; checking again asks Fatora again
                    if (id.ok()) {
                        p.savedTokenId = id.value();
                        t.id = id.value();
                        savedToken = t;
                        notes << tr("Card %1 saved.").arg(t.masked());
                    } else {
                        // The money was taken all the same: the payment is recorded as approved, and
                        // the card's refusal is said, never retried into the same refusal for ever.
                        notes << tr("Card %1 could not be saved: %2").arg(t.masked(), id.error().message);
                        outcome.problem = true;
                    }
                }
            }
        } else if (p.state == PaymentState::Declined) {
            notes << tr("The customer's payment failed (checked %1): %2; no card was saved.")
                         .arg(checked, p.description.isEmpty() ? tr("no reason given") : p.description);
        } else {
            // Only Fatora's own "no such order" (orderNotFound), as a charge's verify reads it: any
            // other 404 (a proxy's page, a wrong path) says nothing about whether the customer paid.
            const bool notFound = result.outcome == GatewayOutcome::Rejected && result.orderNotFound;
            const bool unpaid = notFound || (result.isSuccess() && result.paymentStatus == u"PENDING"_s);
            if (unpaid) {
                p.gatewayStatus = notFound ? u"NOT_FOUND"_s : result.paymentStatus;
                // A request without a link reaches a check only once its checkout call is in
                // flight nowhere (mayCheckCardRequest): no link reached anyone, so nobody can pay.
                if (now >= p.createdAt.addSecs(m_lifetimeSecs) || p.checkoutUrl.isEmpty()) {
                    // Never paid within its lifetime (or its link never reached anyone): closable.
                    // A request with a link that arrived unknown (copied by db copy while it waited)
                    // is judged by its age like any other.
                    p.state = PaymentState::Unknown;
                    outcome.linkExpired = true;
                    notes << tr("Link expired: not paid (checked %1). Close it with a reason, or check again "
                                "if the customer says they paid.")
                                 .arg(checked);
                } else {
                    notes << tr("Not paid yet (checked %1).").arg(checked);
                }
            } else {
                // Nothing learnt: what an earlier check saw no longer counts as the latest answer.
                p.gatewayStatus.clear();
                const QString why = result.isSuccess() ? verdict.mismatch : result.errorText;
                notes << tr("Check failed (checked %1): %2").arg(checked, why);
                outcome.problem = true;
            }
        }
        p.note = notes.join(u' ');
        if (auto r = m_store.updatePayment(p); !r.ok())
            return r;
        if (auto r =
                audit(u"card-request.checked"_s, p.id,
                      u"%1 -> %2: %3"_s.arg(paymentStateName(before), paymentStateName(p.state), p.note));
            !r.ok())
            return r;
        if (auto r = tx.commit(); !r.ok())
            return r;
        outcome.payment = p;
        outcome.message = p.note;
        return {};
    };
    auto saved = apply();
    setBusy(paymentId, false);
    if (!saved.ok()) {
        // Nothing was saved; Fatora still holds the answer, so checking again later loses nothing.
        savedToken.reset();
        outcome.problem = true;
        outcome.message = tr("The check of card request %1 could not be saved (%2); check it again.")
                              .arg(paymentId)
                              .arg(saved.error().message);
        if (auto reread = m_store.payment(paymentId); reread.ok())
            outcome.payment = reread.value();
    }
    if (savedToken) {
        outcome.savedTokenId = savedToken->id;
        outcome.savedTokenMask = savedToken->masked();
    }
    qCInfo(lcCardRequests).noquote() << "card request" << paymentId
                                     << "checked:" << paymentStateName(outcome.payment.state)
                                     << (savedToken ? "card saved" : "no card saved");
    if (outcome.problem)
        emit problem(outcome.message);
    if (outcome.payment.id != 0)
        emit paymentChanged(outcome.payment);
    if (savedToken) {
        if (auto t = m_store.token(savedToken->id); t.ok())
            emit tokenChanged(t.value());
    }
    emit checked(outcome);
}

Result<qint64> CardRequestService::checkReturnAddress(const QString &address)
{
    auto parsed = parseReturnAddress(address);
    if (!parsed.ok())
        return parsed.error();
    auto found = m_store.paymentByOrderId(parsed->orderId);
    if (!found.ok())
        return found.error();
    if (!found.value() || !found.value()->isCardRequest())
        return Error{
            u"address"_s,
            tr("No card request has order id %1 in this database.").arg(PeopleText::isolate(parsed->orderId)),
            ErrorKind::NotFound};
    if (auto r = startCheck(*found.value(), parsed.value()); !r.ok())
        return r.error();
    return found.value()->id;
}

Result<ReturnAddress> CardRequestService::parseReturnAddress(const QString &given)
{
    const QString field = u"address"_s;
    const QString address = given.trimmed();
    const qsizetype queryStart = address.indexOf(u'?');
    if (address.isEmpty() || queryStart < 0)
        return Error{field, tr("Paste the whole address the customer's browser showed after paying, with "
                               "everything after its \"?\".")};
    QString query = address.mid(queryStart + 1);
    if (const qsizetype hash = query.indexOf(u'#'); hash >= 0)
        query.truncate(hash);
    QHash<QString, QString> values;
    for (const QString &pair : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        const QString rawKey = eq < 0 ? pair : pair.left(eq);
        const QString rawValue = eq < 0 ? QString() : pair.mid(eq + 1);
        // Each part is decoded exactly once, and only by percent escapes: "+" is a card token's own
        // character here, never a space; a "%" that starts no escape makes the address unreadable.
        QString parts[2];
        const QString raws[2] = {rawKey, rawValue};
        for (int i = 0; i < 2; ++i) {
            const QByteArray bytes = raws[i].toUtf8();
            for (qsizetype at = bytes.indexOf('%'); at >= 0; at = bytes.indexOf('%', at + 1)) {
                if (at + 2 >= bytes.size() || !isxdigit(static_cast<unsigned char>(bytes.at(at + 1))) ||
                    !isxdigit(static_cast<unsigned char>(bytes.at(at + 2))))
                    // Named by its key, never quoted: the value may be the card token.
                    return Error{field, i == 0 ? tr("The address has a broken %-escape in a name; paste it "
                                                    "again exactly as the browser showed it.")
                                               : tr("The address has a broken %-escape in \"%1\"; paste it "
                                                    "again exactly as the browser showed it.")
                                                     .arg(GatewayText::clean(parts[0], 40))};
            }
            const QByteArray decoded = QByteArray::fromPercentEncoding(bytes);
            parts[i] = QString::fromUtf8(decoded);
            if (parts[i].toUtf8() != decoded)
                return Error{field, tr("The address holds an escape that is not text (invalid UTF-8).")};
        }
        if (values.contains(parts[0]))
            return Error{field, tr("The address gives \"%1\" twice; it cannot be read safely.")
                                    .arg(GatewayText::clean(parts[0], 40))};
        values.insert(parts[0], parts[1]);
    }
    ReturnAddress r;
    r.orderId = values.value(u"order_id"_s);
    r.transactionId = values.value(u"transaction_id"_s);
    r.cardToken = values.value(u"card_token"_s);
    if (r.orderId.isEmpty())
        return Error{field, tr("The address names no order; paste the whole address.")};
    if (!GatewayText::identifier(r.orderId) || !GatewayText::identifier(r.transactionId))
        return Error{field,
                     tr("The address's order or transaction id is too long or holds control characters.")};
    if (!r.cardToken.isEmpty()) {
        if (auto ok = CardToken::validateTokenText(r.cardToken, u"card_token"_s); !ok.ok())
            return ok.error();
    }
    return r;
}

QString CardRequestService::pageLanguage(const Payment &payment)
{
    const QJsonDocument doc = QJsonDocument::fromJson(payment.requestBody.toUtf8());
    return doc.isObject() && doc.object().value(u"language"_s).toString() == u"ar"_s ? u"ar"_s : u"en"_s;
}

} // namespace fatora
