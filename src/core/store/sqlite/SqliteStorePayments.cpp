// SqliteStore: payments and the audit log (opening, customers and tokens are in SqliteStore.cpp).

#include "store/sqlite/SqliteStore.h"

#include "store/AuditStatement.h"
#include "store/PaymentTotalsTally.h"
#include "store/sqlite/SqliteQueries.h"
#include "store/sqlite/SqliteSupport.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace fatora {

using namespace sqlite;

// --- payments ---------------------------------------------------------------------------------

// Checked and cleaned by Store::insertPayment (order id, figures' currency, free texts).
Result<qint64> SqliteStore::insertPaymentRow(const Payment &payment)
{
    const QString currency = payment.amount ? payment.amount->currency() : payment.currency;
    const QDateTime created =
        payment.createdAt.isValid() ? payment.createdAt : QDateTime::currentDateTimeUtc();

    Statement s(
        *m_statements,
        u"INSERT INTO payments (order_id, token_id, customer_id, amount_minor, currency, state, "
        u"gateway_status,"
        " status_code, transaction_id, auth_code, mode, description, http_status, error_text, request_body,"
        " response_body, operator, note, created_at, updated_at, last_checked_at, refund_state, "
        "refund_status,"
        " refunded_at, expected_minor, taken_minor, owner_session, kind, checkout_url) VALUES (:order, "
        ":token,"
        " :customer, :amount, :currency, :state, :gateway_status, :status_code, :transaction, :auth, :mode,"
        " :description, :http, :error, :request, :response, :operator, :note, :created, :updated, :checked,"
        " :refund_state, :refund_status, :refunded, :expected, :taken, :owner, :kind, :checkout_url)"_s);
    s.bind(u":order"_s, payment.orderId)
        // A card request has no token (NULL); a charge's token is bound as given, so a missing one
        // is refused by the database, never stored as NULL.
        .bind(u":token"_s, payment.isCardRequest() ? QVariant() : QVariant(payment.tokenId))
        .bind(u":customer"_s, payment.customerId)
        .bind(u":amount"_s, optionalMinor(payment.amount))
        .bind(u":currency"_s, text(currency))
        .bind(u":state"_s, paymentStateName(payment.state))
        .bind(u":gateway_status"_s, text(payment.gatewayStatus))
        .bind(u":status_code"_s, text(payment.statusCode))
        .bind(u":transaction"_s, text(payment.transactionId))
        .bind(u":auth"_s, text(payment.authCode))
        .bind(u":mode"_s, text(payment.mode))
        .bind(u":description"_s, text(payment.description))
        .bind(u":http"_s, payment.httpStatus)
        .bind(u":error"_s, text(payment.errorText))
        .bind(u":request"_s, text(payment.requestBody))
        .bind(u":response"_s, text(payment.responseBody))
        .bind(u":operator"_s, text(payment.operatorName))
        .bind(u":note"_s, text(payment.note))
        .bind(u":created"_s, timestampValue(created))
        .bind(u":updated"_s, timestampValue(payment.updatedAt.isValid() ? payment.updatedAt : created))
        .bind(u":checked"_s, timestampValue(payment.lastCheckedAt))
        .bind(u":refund_state"_s, refundStateName(payment.refundState))
        .bind(u":refund_status"_s, text(payment.refundStatus))
        .bind(u":refunded"_s, timestampValue(payment.refundedAt))
        .bind(u":expected"_s, optionalMinor(payment.expectedAmount))
        .bind(u":taken"_s, optionalMinor(payment.takenAmount))
        .bind(u":owner"_s, ownerValue(payment.ownerSession))
        .bind(u":kind"_s, paymentKindName(payment.kind))
        .bind(u":checkout_url"_s, text(payment.checkoutUrl));
    if (auto r = s.exec(u"Could not save the payment"_s); !r) {
        if (!r.error().is(ErrorKind::Conflict))
            return r.error();
        // Two unique keys can refuse the row: the order id, and one open charge per card. Which
        // one is read from the data, not from SQLite's words.
        auto existing = paymentByOrderId(payment.orderId);
        if (!existing)
            return existing.error();
        if (existing->has_value()) {
            return Error{u"order_id"_s,
                         QCoreApplication::translate("fatora::SqliteStore",
                                                     "A payment with order id %1 already exists; "
                                                     "an order id is never used twice.")
                             .arg(payment.orderId),
                         ErrorKind::Conflict};
        }
        return Error{u"token"_s,
                     QCoreApplication::translate("fatora::SqliteStore",
                                                 "This card already has a charge in flight or awaiting "
                                                 "verification: settle that one first. Nothing was saved."),
                     ErrorKind::Conflict};
    }
    return s.query().lastInsertId().toLongLong();
}

Result<void> SqliteStore::updatePaymentRow(const Payment &payment)
{
    // Order id, token, customer, amount, expected amount and creation time are the intent and never
    // change; the amount taken is learnt later (verify).
    Statement s(
        *m_statements,
        u"UPDATE payments SET state = :state, gateway_status = :gateway_status, status_code = :status_code,"
        " transaction_id = :transaction, auth_code = :auth, mode = :mode, description = :description,"
        " http_status = :http, error_text = :error, request_body = :request, response_body = :response,"
        " operator = :operator, note = :note, updated_at = :updated, last_checked_at = :checked,"
        " refund_state = :refund_state, refund_status = :refund_status, refunded_at = :refunded,"
        " taken_minor = :taken, owner_session = :owner, checkout_url = :checkout_url, saved_token_id = :saved"
        " WHERE id = :id"_s);
    s.bind(u":state"_s, paymentStateName(payment.state))
        .bind(u":gateway_status"_s, text(payment.gatewayStatus))
        .bind(u":status_code"_s, text(payment.statusCode))
        .bind(u":transaction"_s, text(payment.transactionId))
        .bind(u":auth"_s, text(payment.authCode))
        .bind(u":mode"_s, text(payment.mode))
        .bind(u":description"_s, text(payment.description))
        .bind(u":http"_s, payment.httpStatus)
        .bind(u":error"_s, text(payment.errorText))
        .bind(u":request"_s, text(payment.requestBody))
        .bind(u":response"_s, text(payment.responseBody))
        .bind(u":operator"_s, text(payment.operatorName))
        .bind(u":note"_s, text(payment.note))
        .bind(u":updated"_s, timestampValue(payment.updatedAt.isValid() ? payment.updatedAt
                                                                        : QDateTime::currentDateTimeUtc()))
        .bind(u":checked"_s, timestampValue(payment.lastCheckedAt))
        .bind(u":refund_state"_s, refundStateName(payment.refundState))
        .bind(u":refund_status"_s, text(payment.refundStatus))
        .bind(u":refunded"_s, timestampValue(payment.refundedAt))
        .bind(u":taken"_s, optionalMinor(payment.takenAmount))
        .bind(u":owner"_s, ownerValue(payment.ownerSession))
        .bind(u":checkout_url"_s, text(payment.checkoutUrl))
        .bind(u":saved"_s, payment.savedTokenId ? QVariant(payment.savedTokenId) : QVariant())
        .bind(u":id"_s, payment.id);
    return s.execOneRow(u"Could not save the payment"_s, u"Payment %1 does not exist."_s.arg(payment.id));
}

Result<Payment> SqliteStore::payment(qint64 id)
{
    Statement s(*m_statements, u"SELECT "_s + PaymentColumns + u" FROM payments p WHERE p.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the payment"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::NotFound, u"Payment %1 does not exist."_s.arg(id));
    return readPayment(s);
}

Result<std::optional<Payment>> SqliteStore::paymentByOrderId(const QString &orderId)
{
    Statement s(*m_statements,
                u"SELECT "_s + PaymentColumns + u" FROM payments p WHERE p.order_id = :order"_s);
    s.bind(u":order"_s, orderId);
    if (auto r = s.exec(u"Could not look up the payment"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<Payment>();
    return std::optional<Payment>(readPayment(s));
}

namespace {

PaymentRow readPaymentRow(const Statement &s)
{
    PaymentRow row;
    row.payment = readPayment(s);
    row.customerName = s.value(PaymentColumnCount).toString();
    row.tokenLabel = s.value(PaymentColumnCount + 1).toString();
    // The full token is read only to be masked here; it never leaves the store.
    row.tokenMask = CardToken::maskToken(s.value(PaymentColumnCount + 2).toString());
    return row;
}

} // namespace

Result<PaymentTextWay> SqliteStore::paymentTextWay(const PaymentQuery &query)
{
    if (!usesTextIndex(query))
        return PaymentTextWay::Scan;
    // Paging through one filter asks again for every page: the answer for the last text is kept.
    // Either way gives the same rows, so an answer gone stale with new payments costs time only.
    const QString needle = query.text.trimmed();
    if (m_textWay && m_textWay->first == needle)
        return m_textWay->second;
    const BuiltQuery count = buildCappedTextMatchCount(needle, TextIndexLimit);
    Statement s(*m_statements, count.sql);
    s.bindAll(count.bindings);
    if (auto r = s.exec(u"Could not search the payments"_s); !r)
        return r.error();
    const PaymentTextWay way =
        s.next() && s.value(0).toInt() >= TextIndexLimit ? PaymentTextWay::Scan : PaymentTextWay::Index;
    m_textWay = std::pair{needle, way};
    return way;
}

Result<SqliteStore::PaymentPlan> SqliteStore::planPayments(const PaymentQuery &query)
{
    auto text = paymentTextWay(query);
    if (!text)
        return text.error();
    auto walk = walksPaymentOrder(query, text.value());
    if (!walk)
        return walk.error();
    return PaymentPlan{walk.value() ? PaymentSortWay::Walk : PaymentSortWay::Planner, text.value()};
}

Result<bool> SqliteStore::walksPaymentOrder(const PaymentQuery &query, PaymentTextWay textWay)
{
    if (!needsSortPlan(query))
        return false;
    if (!hasPaymentFilter(query))
        return true;
    const BuiltQuery count = buildCappedPaymentCount(query, SortWalkThreshold, textWay);
    Statement s(*m_statements, count.sql);
    s.bindAll(count.bindings);
    if (auto r = s.exec(u"Could not search the payments"_s); !r)
        return r.error();
    return s.next() && s.value(0).toInt() >= SortWalkThreshold;
}

Result<QList<PaymentRow>> SqliteStore::findPayments(const PaymentQuery &query)
{
    auto plan = planPayments(query);
    if (!plan)
        return plan.error();
    if (query.offset >= DeepPaymentOffset)
        return findDeepPayments(query, plan.value());
    const BuiltQuery built = buildFindPayments(query, false, plan->sort, plan->text);
    Statement s(*m_statements, built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not search the payments"_s); !r)
        return r.error();
    QList<PaymentRow> rows;
    while (s.next())
        rows.append(readPaymentRow(s));
    return rows;
}

Result<QList<PaymentRow>> SqliteStore::findDeepPayments(const PaymentQuery &query, const PaymentPlan &plan)
{
    // Two snapshots are fine: payments are never deleted, so every id found still has its row.
    const BuiltQuery idQuery = buildFindPaymentIds(query, plan.sort, plan.text);
    Statement ids(*m_statements, idQuery.sql);
    ids.bindAll(idQuery.bindings);
    if (auto r = ids.exec(u"Could not search the payments"_s); !r)
        return r.error();
    QList<qint64> order;
    while (ids.next())
        order.append(ids.value(0).toLongLong());
    if (order.isEmpty())
        return QList<PaymentRow>();
    const BuiltQuery rowQuery = buildPaymentRowsByIds(order);
    Statement s(*m_statements, rowQuery.sql);
    if (auto r = s.exec(u"Could not search the payments"_s); !r)
        return r.error();
    QHash<qint64, PaymentRow> byId;
    while (s.next()) {
        PaymentRow row = readPaymentRow(s);
        byId.insert(row.payment.id, std::move(row));
    }
    QList<PaymentRow> rows;
    rows.reserve(order.size());
    for (qint64 id : order) {
        if (auto it = byId.find(id); it != byId.end())
            rows.append(std::move(*it));
    }
    return rows;
}

Result<int> SqliteStore::countPayments(const PaymentQuery &query)
{
    auto text = paymentTextWay(query);
    if (!text)
        return text.error();
    const BuiltQuery built = buildFindPayments(query, true, PaymentSortWay::Planner, text.value());
    Statement s(*m_statements, built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not count the payments"_s); !r)
        return r.error();
    return s.next() ? s.value(0).toInt() : 0;
}

Result<PaymentTotals> SqliteStore::paymentTotals(const PaymentQuery &query)
{
    return paymentTotalsBy(query, TotalsWay::AsPlanned);
}

Result<PaymentTotals> SqliteStore::paymentTotalsBy(const PaymentQuery &query, TotalsWay way)
{
    const bool fromFigures = way == TotalsWay::AsPlanned && totalsFromFigures(query);
    PaymentTextWay textWay = PaymentTextWay::Scan;
    if (!fromFigures) {
        auto text = paymentTextWay(query);
        if (!text)
            return text.error();
        textWay = text.value();
    }
    const BuiltQuery built = buildPaymentTotals(query, fromFigures, textWay);
    Statement s(*m_statements, built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not total the payments"_s); !r)
        return r.error();
    // Rows by (currency, kind, state, refund state), folded by the rule PaymentTotals documents.
    PaymentTotalsTally tally;
    while (s.next()) {
        tally.add(s.value(0).toString(), s.value(1).toString(), s.value(2).toString(), s.value(3).toString(),
                  s.value(4).toLongLong(), s.value(5).toLongLong(), s.value(6).toLongLong(),
                  s.value(7).toLongLong());
    }
    return tally.totals();
}

Result<QList<Payment>> SqliteStore::paymentsInState(PaymentState state)
{
    Statement s(*m_statements, u"SELECT "_s + PaymentColumns +
                                   u" FROM payments p WHERE p.state = :state ORDER BY p.created_at, p.id"_s);
    s.bind(u":state"_s, paymentStateName(state));
    if (auto r = s.exec(u"Could not read the payments"_s); !r)
        return r.error();
    QList<Payment> payments;
    while (s.next())
        payments.append(readPayment(s));
    return payments;
}

Result<std::optional<Payment>> SqliteStore::openChargeForToken(qint64 tokenId)
{
    Statement s(*m_statements,
                u"SELECT "_s + PaymentColumns +
                    u" FROM payments p WHERE p.token_id = :token AND p.state IN ('pending', 'unknown')"
                    " ORDER BY p.created_at DESC, p.id DESC LIMIT 1"_s);
    s.bind(u":token"_s, tokenId);
    if (auto r = s.exec(u"Could not check the token's open charges"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<Payment>();
    return std::optional<Payment>(readPayment(s));
}

Result<std::optional<Payment>> SqliteStore::lastApprovedCharge(qint64 tokenId, const QDateTime &since)
{
    // By the card's index, named: without statistics SQLite chose payments_state_created for the
    // time window, reading every payment approved in it to find this card's. During a billing run
    // that is every charge of the run so far, once per item (10,000 items: up to 50 million rows read).
    // A card has a handful of payments.
    QString sql = u"SELECT "_s + PaymentColumns +
                  u" FROM payments p INDEXED BY payments_token_state"
                  " WHERE p.token_id = :token AND p.state = 'approved'"_s;
    if (since.isValid())
        sql += u" AND p.created_at >= :since"_s;
    sql += u" ORDER BY p.created_at DESC, p.id DESC LIMIT 1"_s;
    Statement s(*m_statements, sql);
    s.bind(u":token"_s, tokenId);
    if (since.isValid())
        s.bind(u":since"_s, timestampValue(since));
    if (auto r = s.exec(u"Could not read the token's last charge"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<Payment>();
    return std::optional<Payment>(readPayment(s));
}

// --- audit ------------------------------------------------------------------------------------

Result<qint64> SqliteStore::appendAudit(const AuditEntry &entry)
{
    Statement s(*m_statements, u"INSERT INTO audit_log (at, operator, action, object_type, object_id, detail)"
                               " VALUES (:at, :operator, :action, :type, :object, :detail)"_s);
    s.bind(u":at"_s, timestampValue(entry.at.isValid() ? entry.at : QDateTime::currentDateTimeUtc()))
        .bind(u":operator"_s, text(entry.operatorName))
        .bind(u":action"_s, text(entry.action))
        .bind(u":type"_s, text(entry.objectType))
        .bind(u":object"_s, entry.objectId)
        .bind(u":detail"_s, text(entry.detail));
    if (auto r = s.exec(u"Could not write the audit log"_s); !r)
        return r.error();
    return s.query().lastInsertId().toLongLong();
}

Result<QList<AuditEntry>> SqliteStore::auditFor(const QString &objectType, qint64 objectId)
{
    Statement s(*m_statements,
                u"SELECT id, at, operator, action, object_type, object_id, detail FROM audit_log"
                " WHERE object_type = :type AND object_id = :object ORDER BY id"_s);
    s.bind(u":type"_s, objectType).bind(u":object"_s, objectId);
    if (auto r = s.exec(u"Could not read the audit log"_s); !r)
        return r.error();
    QList<AuditEntry> entries;
    while (s.next())
        entries.append(readAudit(s));
    return entries;
}

Result<QList<AuditEntry>> SqliteStore::findAudit(const AuditQuery &query)
{
    const StatementText statement = auditStatement(query, [](const QDateTime &t) { return timestampValue(t); });
    Statement s(*m_statements, statement.sql);
    for (auto it = statement.bindings.cbegin(); it != statement.bindings.cend(); ++it)
        s.bind(it.key(), it.value());
    if (auto r = s.exec(u"Could not read the audit log"_s); !r)
        return r.error();
    QList<AuditEntry> entries;
    while (s.next())
        entries.append(readAudit(s));
    return entries;
}

} // namespace fatora
