// PostgresStore: payments and the audit log (opening, transactions, customers and tokens are in
// PostgresStore.cpp).

#include "store/postgres/PostgresStore.h"

#include "store/AuditStatement.h"
#include "store/PaymentTotalsTally.h"
#include "store/postgres/PostgresQueries.h"
#include "store/postgres/PostgresSupport.h"

#include <QSqlDatabase>
#include <QSqlDriver>

using namespace Qt::StringLiterals;

namespace fatora {

using namespace postgres;

// --- payments ---------------------------------------------------------------------------------

namespace {

// The open charge of the card `token` names (a placeholder or a column): a pending or unknown
// payment, the newest if ever there were two. Read alone (openChargeForToken) and beside its card
// (tokenForCharge).
QString openChargeOf(const QString &token)
{
    return u"payments p WHERE p.token_id = "_s + token +
           u" AND p.state IN ('pending', 'unknown') ORDER BY p.created_at DESC, p.id DESC LIMIT 1"_s;
}

} // namespace

// Checked and cleaned by Store::insertPayment (order id, figures' currency, free texts).
// Without a savepoint: the two refusals a caller may meet (the order id, one open charge per card)
// are unique keys, answered by ON CONFLICT without a server error, so the transaction stays
// usable; anything else the database refuses is a fault every caller gives up on (a round trip
// less per charge written ahead).
Result<qint64> PostgresStore::insertPaymentRow(const Payment &payment)
{
    if (auto r = keepCopiedOperators(false); !r)
        return r.error();
    return insertPaymentWith(payment, Refusable::No);
}

// A copied row the database refuses (a CHECK that SQLite did not have, say) is reported and the
// copy goes on: under a savepoint.
Result<qint64> PostgresStore::insertImportedPaymentRow(const Payment &payment)
{
    return asCopied([&] { return insertPaymentWith(payment, Refusable::Yes); });
}

Result<qint64> PostgresStore::insertPaymentWith(const Payment &payment, Refusable refusable)
{
    const QString currency = payment.amount ? payment.amount->currency() : payment.currency;
    const QDateTime created =
        payment.createdAt.isValid() ? payment.createdAt : QDateTime::currentDateTimeUtc();
    auto id = writeStep([&]() -> Result<qint64> {
        Statement s(
            *m_session,
            u"INSERT INTO payments (order_id, token_id, customer_id, amount_minor, currency, state,"
            " gateway_status, status_code, transaction_id, auth_code, mode, description, http_status,"
            " error_text, request_body, response_body, operator, note, created_at, updated_at,"
            " last_checked_at, refund_state, refund_status, refunded_at, expected_minor, "
            "taken_minor, owner_session, kind, checkout_url)"
            " VALUES (:order, :token, :customer, :amount, :currency, :state, :gateway_status,"
            " :status_code, :transaction, :auth, :mode, :description, :http, :error, :request,"
            " :response, :operator, :note, :created, :updated, :checked, :refund_state,"
            " :refund_status, :refunded, :expected, :taken, :owner, :kind, :checkout_url)"
            " ON CONFLICT DO NOTHING RETURNING id"_s);
        s.bind(u":order"_s, payment.orderId)
            // A card request has no token (NULL); a charge's token is bound as given, so a missing
            // one is refused by the database, never stored as NULL.
            .bind(u":token"_s, payment.isCardRequest() ? QVariant(QMetaType::fromType<qlonglong>())
                                                       : QVariant(payment.tokenId))
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
        // No row back: a unique key refused it (ON CONFLICT), reported as the Conflict it is.
        auto inserted = s.execReturningId(u"Could not save the payment"_s, u"The payment was not saved."_s);
        if (!inserted && inserted.error().is(ErrorKind::NotFound))
            return storeError(ErrorKind::Conflict, u"The payment was not saved."_s);
        return inserted;
    },
        refusable);
    if (id || !id.error().is(ErrorKind::Conflict))
        return id;
    // Two unique keys can refuse the row: the order id, and one open charge per card. Which one
    // is read from the data (nothing was written, so the transaction, if any, goes on).
    auto existing = paymentByOrderId(payment.orderId);
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        return Error{u"order_id"_s,
                     translated("A payment with order id %1 already exists; an order id is never used twice.")
                         .arg(payment.orderId),
                     ErrorKind::Conflict};
    }
    auto open = payment.isCardRequest() ? Result<std::optional<Payment>>(std::optional<Payment>())
                                        : openChargeForToken(payment.tokenId);
    if (!open)
        return open.error();
    if (!open->has_value()) {
        // ON CONFLICT names no key, so another unique key (the id itself, after rows were written
        // with ids of their own) ends up here too: a fault of the database, not the caller's.
        return storeError(ErrorKind::Internal,
                          u"Payment %1 was refused by a unique key of the database other than its order id "
                          "and its card's open charge; nothing was saved."_s
                              .arg(payment.orderId));
    }
    return Error{u"token"_s,
                 translated("This card already has a charge in flight or awaiting verification: settle that "
                            "one first. Nothing was saved."),
                 ErrorKind::Conflict};
}

// Without a savepoint: what the database refuses here (an intent changed, an outcome moving back)
// means the caller's own reading was wrong, and every service gives up its transaction on it.
Result<void> PostgresStore::updatePaymentRow(const Payment &payment)
{
    return updatePaymentWith(payment, Refusable::No);
}

Result<void> PostgresStore::updateImportedPaymentRow(const Payment &payment)
{
    return withoutId(asCopied([&]() -> Result<qint64> {
        if (auto r = updatePaymentWith(payment, Refusable::Yes); !r)
            return r.error();
        return 0;
    }));
}

Result<void> PostgresStore::updatePaymentWith(const Payment &payment, Refusable refusable)
{
    // Order id, token, customer, amount, expected amount and creation time are the intent and never
    // change; the amount taken is learnt later (verify).
    return withoutId(writeStep([&]() -> Result<qint64> {
        Statement s(
            *m_session,
            u"UPDATE payments SET state = :state, gateway_status = :gateway_status, status_code = "
            u":status_code,"
            " transaction_id = :transaction, auth_code = :auth, mode = :mode, description = :description,"
            " http_status = :http, error_text = :error, request_body = :request, response_body = :response,"
            " operator = :operator, note = :note, updated_at = :updated, last_checked_at = :checked,"
            " refund_state = :refund_state, refund_status = :refund_status, refunded_at = :refunded,"
            " taken_minor = :taken, owner_session = :owner, checkout_url = :checkout_url,"
            " saved_token_id = :saved WHERE id = :id RETURNING id"_s);
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
            .bind(u":updated"_s,
                  timestampValue(payment.updatedAt.isValid() ? payment.updatedAt
                                                             : QDateTime::currentDateTimeUtc()))
            .bind(u":checked"_s, timestampValue(payment.lastCheckedAt))
            .bind(u":refund_state"_s, refundStateName(payment.refundState))
            .bind(u":refund_status"_s, text(payment.refundStatus))
            .bind(u":refunded"_s, timestampValue(payment.refundedAt))
            .bind(u":taken"_s, optionalMinor(payment.takenAmount))
            .bind(u":owner"_s, ownerValue(payment.ownerSession))
            .bind(u":checkout_url"_s, text(payment.checkoutUrl))
            .bind(u":saved"_s, payment.savedTokenId ? QVariant(payment.savedTokenId)
                                                    : QVariant(QMetaType::fromType<qlonglong>()))
            .bind(u":id"_s, payment.id);
        return s.execReturningId(u"Could not save the payment"_s,
                                 u"Payment %1 does not exist."_s.arg(payment.id));
    },
        refusable));
}

Result<Payment> PostgresStore::payment(qint64 id)
{
    Statement s(*m_session, u"SELECT "_s + PaymentColumns + u" FROM payments p WHERE p.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the payment"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::NotFound, u"Payment %1 does not exist."_s.arg(id));
    return readPayment(s.query());
}

Result<std::optional<Payment>> PostgresStore::paymentByOrderId(const QString &orderId)
{
    Statement s(*m_session, u"SELECT "_s + PaymentColumns + u" FROM payments p WHERE p.order_id = :order"_s);
    s.bind(u":order"_s, orderId);
    if (auto r = s.exec(u"Could not look up the payment"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<Payment>();
    return std::optional<Payment>(readPayment(s.query()));
}

Result<QList<PaymentRow>> PostgresStore::findPayments(const PaymentQuery &query)
{
    const BuiltQuery built = buildFindPayments(query, false);
    Statement s(*m_session, built.sql, Statement::Plan::Fresh);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not search the payments"_s); !r)
        return r.error();
    QList<PaymentRow> rows;
    while (s.next()) {
        PaymentRow row;
        row.payment = readPayment(s.query());
        row.customerName = s.value(PaymentColumnCount).toString();
        row.tokenLabel = s.value(PaymentColumnCount + 1).toString();
        // The full token is read only to be masked here; it never leaves the store.
        row.tokenMask = CardToken::maskToken(s.value(PaymentColumnCount + 2).toString());
        rows.append(row);
    }
    return rows;
}

Result<int> PostgresStore::countPayments(const PaymentQuery &query)
{
    const BuiltQuery built = buildFindPayments(query, true);
    Statement s(*m_session, built.sql, Statement::Plan::Fresh);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not count the payments"_s); !r)
        return r.error();
    return s.next() ? s.value(0).toInt() : 0;
}

Result<PaymentTotals> PostgresStore::paymentTotals(const PaymentQuery &query)
{
    const BuiltQuery built = buildPaymentTotals(query);
    Statement s(*m_session, built.sql, Statement::Plan::Fresh);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not total the payments"_s); !r)
        return r.error();
    PaymentTotalsTally tally;
    while (s.next()) {
        tally.add(s.value(0).toString(), s.value(1).toString(), s.value(2).toString(), s.value(3).toString(),
                  s.value(4).toLongLong(), s.value(5).toLongLong(), s.value(6).toLongLong(),
                  s.value(7).toLongLong());
    }
    return tally.totals();
}

Result<QList<Payment>> PostgresStore::paymentsInState(PaymentState state)
{
    Statement s(*m_session, u"SELECT "_s + PaymentColumns +
                                u" FROM payments p WHERE p.state = :state ORDER BY p.created_at, p.id"_s);
    s.bind(u":state"_s, paymentStateName(state));
    if (auto r = s.exec(u"Could not read the payments"_s); !r)
        return r.error();
    QList<Payment> payments;
    while (s.next())
        payments.append(readPayment(s.query()));
    return payments;
}

Result<std::optional<Payment>> PostgresStore::openChargeForToken(qint64 tokenId)
{
    Statement s(*m_session, u"SELECT "_s + PaymentColumns + u" FROM "_s + openChargeOf(u":token"_s));
    s.bind(u":token"_s, tokenId);
    if (auto r = s.exec(u"Could not check the token's open charges"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<Payment>();
    return std::optional<Payment>(readPayment(s.query()));
}

// One round trip: the card, and beside it its open charge as openChargeForToken() finds it (none:
// the payment's columns are null).
Result<Store::CardForCharge> PostgresStore::tokenForCharge(qint64 tokenId)
{
    Statement s(*m_session,
                u"SELECT "_s + PaymentColumns + u", "_s + TokenColumns +
                    u" FROM card_tokens t LEFT JOIN LATERAL (SELECT p.* FROM "_s + openChargeOf(u"t.id"_s) +
                    u") p ON true WHERE t.id = :token"_s);
    s.bind(u":token"_s, tokenId);
    if (auto r = s.exec(u"Could not read the card token"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::NotFound, u"Card token %1 does not exist."_s.arg(tokenId));
    CardForCharge card;
    card.token = readToken(s.query(), PaymentColumnCount);
    rememberTokenText(card.token);
    if (!s.value(0).isNull())
        card.openCharge = readPayment(s.query());
    return card;
}

Result<std::optional<Payment>> PostgresStore::lastApprovedCharge(qint64 tokenId, const QDateTime &since)
{
    QString sql = u"SELECT "_s + PaymentColumns +
                  u" FROM payments p WHERE p.token_id = :token AND p.state = 'approved'"_s;
    if (since.isValid())
        sql += u" AND p.created_at >= :since"_s;
    sql += u" ORDER BY p.created_at DESC, p.id DESC LIMIT 1"_s;
    Statement s(*m_session, sql);
    s.bind(u":token"_s, tokenId);
    if (since.isValid())
        s.bind(u":since"_s, timestampValue(since));
    if (auto r = s.exec(u"Could not read the token's last charge"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<Payment>();
    return std::optional<Payment>(readPayment(s.query()));
}

// --- the statements behind the lists, for the benchmarks' baselines ---------------------------

Result<StatementText> PostgresStore::findPaymentsStatement(const PaymentQuery &query)
{
    BuiltQuery built = buildFindPayments(query, false);
    return StatementText{std::move(built.sql), std::move(built.bindings)};
}

StatementText PostgresStore::findTokensStatement(const TokenQuery &query)
{
    BuiltQuery built = buildFindTokens(query);
    return StatementText{std::move(built.sql), std::move(built.bindings)};
}

Result<StatementText> PostgresStore::paymentTotalsStatement(const PaymentQuery &query)
{
    BuiltQuery built = buildPaymentTotals(query);
    return StatementText{std::move(built.sql), std::move(built.bindings)};
}

// --- audit ------------------------------------------------------------------------------------

namespace {

const QString InsertAuditSql = u"INSERT INTO audit_log (at, operator, action, object_type, object_id, detail)"
                               " VALUES (:at, :operator, :action, :type, :object, :detail)"_s;

QVariantMap auditValues(const AuditEntry &entry)
{
    return {{u":at"_s, timestampValue(entry.at.isValid() ? entry.at : QDateTime::currentDateTimeUtc())},
            {u":operator"_s, text(entry.operatorName)},
            {u":action"_s, text(entry.action)},
            {u":type"_s, text(entry.objectType)},
            {u":object"_s, entry.objectId},
            {u":detail"_s, text(entry.detail)}};
}

} // namespace

// An entry a service writes goes without a savepoint: the database refuses one only when something
// is broken, and every caller then gives up its transaction anyway (a round trip less per charge).
Result<qint64> PostgresStore::appendAudit(const AuditEntry &entry)
{
    if (auto r = keepCopiedOperators(false); !r)
        return r.error();
    return insertAudit(entry, Refusable::No);
}

// Inside a transaction the entry waits for the next statement or the COMMIT, and travels in its
// round trip: a charge's write-ahead and its answer each save one. Its values are written in as
// every statement with a text of its own has them (withValues: the driver's formatValue).
Result<void> PostgresStore::appendAuditUnnumbered(const AuditEntry &entry)
{
    if (auto r = keepCopiedOperators(false); !r)
        return r;
    Session &s = *m_session;
    if (s.depth == 0 || s.aborted)
        return withoutId(appendAudit(entry)); // its own transaction, or the usual refusal
    const QString sql = withValues(InsertAuditSql, auditValues(entry),
                                   QSqlDatabase::database(s.connectionName(), false).driver());
    if (sql.isEmpty()) {
        s.noteFailure();
        return storeError(ErrorKind::Internal, u"Could not write the audit log: a value is missing."_s);
    }
    s.held.append(HeldStatement{sql, u"Could not write the audit log"_s});
    return {};
}

Result<qint64> PostgresStore::insertImportedAuditRow(const AuditEntry &entry)
{
    return asCopied([&] { return insertAudit(entry, Refusable::Yes); });
}

Result<qint64> PostgresStore::insertAudit(const AuditEntry &entry, Refusable refusable)
{
    return writeStep(
        [&]() -> Result<qint64> {
            Statement s(*m_session, InsertAuditSql + u" RETURNING id"_s);
            s.bindAll(auditValues(entry));
            return s.execReturningId(u"Could not write the audit log"_s, u"The audit entry was not saved."_s);
        },
        refusable);
}

Result<QList<AuditEntry>> PostgresStore::auditFor(const QString &objectType, qint64 objectId)
{
    Statement s(*m_session, u"SELECT id, at, operator, action, object_type, object_id, detail FROM audit_log"
                            " WHERE object_type = :type AND object_id = :object ORDER BY id"_s);
    s.bind(u":type"_s, objectType).bind(u":object"_s, objectId);
    if (auto r = s.exec(u"Could not read the audit log"_s); !r)
        return r.error();
    QList<AuditEntry> entries;
    while (s.next())
        entries.append(readAudit(s.query()));
    return entries;
}

Result<QList<AuditEntry>> PostgresStore::findAudit(const AuditQuery &query)
{
    // Planned for its values (Plan::Fresh): the row-level security policy joins every filter.
    const StatementText statement = auditStatement(query, [](const QDateTime &t) { return timestampValue(t); });
    Statement s(*m_session, statement.sql, Statement::Plan::Fresh);
    s.bindAll(statement.bindings);
    if (auto r = s.exec(u"Could not read the audit log"_s); !r)
        return r.error();
    QList<AuditEntry> entries;
    while (s.next())
        entries.append(readAudit(s.query()));
    return entries;
}

// A copied row keeps its operator: inside the caller's transaction (a refused row leaves it usable,
// as the copy needs), or in a transaction of its own for a row imported on its own.
Result<qint64> PostgresStore::asCopied(const std::function<Result<qint64>()> &write)
{
    if (m_session->depth > 0) {
        if (auto r = keepCopiedOperators(true); !r)
            return r.error();
        return write();
    }
    Transaction tx(*this);
    if (!tx.started())
        return tx.started().error();
    if (auto r = keepCopiedOperators(true); !r)
        return r.error();
    auto written = write();
    if (!written)
        return written;
    if (auto r = tx.commit(); !r)
        return r.error();
    return written;
}

// Schema 10 writes the session user as the operator of every payment and audit entry. A copy brings
// in rows made elsewhere by other people: an administrator's transaction may keep their names
// (fatora_keeps_operator), until it writes a row of its own. The setting is local to the
// transaction, so it ends with it whatever happens; outside a transaction nothing is kept.
Result<void> PostgresStore::keepCopiedOperators(bool keep)
{
    if (m_session->depth == 0 || m_keepingOperators == keep)
        return {};
    Statement s(*m_session, u"SELECT set_config('fatora.keep_operator', :keep, true)"_s);
    s.bind(u":keep"_s, keep ? u"on"_s : u"off"_s);
    if (auto r = s.exec(u"Could not write the copied rows"_s); !r)
        return r;
    m_keepingOperators = keep;
    return {};
}

} // namespace fatora
