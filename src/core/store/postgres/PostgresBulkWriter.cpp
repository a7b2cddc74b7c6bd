#include "store/postgres/PostgresBulkWriter.h"

#include "customers/CustomerSearch.h"
#include "store/postgres/PostgresSchema.h"
#include "store/postgres/PostgresStore.h"
#include "store/postgres/PostgresSupport.h"
#include "store/StoredText.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

namespace fatora {

using namespace postgres;

namespace {

// Rows are sent once this much COPY text has gathered: few round trips, little memory.
constexpr qsizetype SendBytes = 8 * 1024 * 1024;

// Customers wait here until their tokens and payments are written, then go into customers once,
// with the figures the triggers would have given them (see the header).
const QString StagedCustomers = u"fatora_bulk_customers"_s;
const QString CustomerCopyColumns =
    u"(id, name, email, phone, phone_digits, reference, notes, archived, created_at)"_s;
const QString TokenCopyColumns = u"card_tokens (id, customer_id, token, label, issued_on, expires_on,"
                                 " first_amount_minor, currency, status, status_changed_at, last_used_at,"
                                 " created_at)"_s;
const QString PaymentCopyColumns =
    u"payments (id, order_id, token_id, customer_id, amount_minor, currency, state, gateway_status,"
    " status_code, transaction_id, auth_code, mode, description, http_status, error_text, request_body,"
    " response_body, operator, note, created_at, updated_at, last_checked_at, refund_state,"
    " refund_status, refunded_at, expected_minor, taken_minor)"_s;

// The triggers whose work finish() does in one statement each (PostgresSchema.cpp: the customers'
// figures of schema 1, the payments' per-hour figures of schema 3). Every other trigger stays on.
const std::pair<QString, QString> FigureTriggers[] = {
    {u"card_tokens"_s, u"customer_figures_token_insert"_s},
    {u"payments"_s, u"customer_figures_payment_insert"_s},
    {u"payments"_s, u"payment_figures_insert"_s},
    {u"customers"_s, u"customer_card_counts_add"_s},
};

// Schema 10's and 12's rights checks. The bulk writer is the database owner's, an administrator's, whose
// rows stand for history made by others: their operators are kept as given, and no row is checked
// a million times for a right the owner holds. The deferred check of a card's origin would also
// queue an event per card, and an index cannot be built while events wait.
const std::pair<QString, QString> RightsTriggers[] = {
    {u"card_tokens"_s, u"card_tokens_rights"_s},
    {u"card_tokens"_s, u"card_tokens_added_rights"_s},
    {u"payments"_s, u"payments_rights"_s},
    {u"payments"_s, u"payments_refund_not_inserted"_s},
};

// The figures as the triggers define them: tokens active as of customer_figures.active_on, and
// the newest payment of any state.
const QString ActiveOn = u"(SELECT active_on FROM customer_figures WHERE id = 1)"_s;

// One row of COPY's text format: fields split by tabs, \N for NULL, backslash escapes.
class CopyRow
{
public:
    explicit CopyRow(QByteArray &out) : m_out(out) {}
    ~CopyRow() { m_out += '\n'; }
    CopyRow(const CopyRow &) = delete;
    CopyRow &operator=(const CopyRow &) = delete;

    CopyRow &text(const QString &value)
    {
        separate();
        const QByteArray utf8 = value.toUtf8();
        for (const char c : utf8) {
            switch (c) {
            case '\\':
                m_out += "\\\\";
                break;
            case '\t':
                m_out += "\\t";
                break;
            case '\n':
                m_out += "\\n";
                break;
            case '\r':
                m_out += "\\r";
                break;
            case '\0': // PostgreSQL's text holds no NUL: U+FFFD, as the store keeps it
                m_out += "\xEF\xBF\xBD";
                break;
            default:
                m_out += c;
            }
        }
        return *this;
    }
    CopyRow &number(qint64 value)
    {
        separate();
        m_out += QByteArray::number(value);
        return *this;
    }
    CopyRow &null()
    {
        separate();
        m_out += "\\N";
        return *this;
    }
    CopyRow &boolean(bool value)
    {
        separate();
        m_out += value ? 't' : 'f';
        return *this;
    }
    // An instant in UTC with milliseconds, as QPSQL binds a QDateTime; NULL when invalid.
    CopyRow &timestamp(const QDateTime &value)
    {
        return value.isValid() ? text(value.toUTC().toString(Qt::ISODateWithMs)) : null();
    }
    CopyRow &date(const QDate &value) { return value.isValid() ? text(value.toString(Qt::ISODate)) : null(); }
    CopyRow &minor(const std::optional<Money> &value) { return value ? number(value->minorUnits()) : null(); }

private:
    void separate()
    {
        if (m_started)
            m_out += '\t';
        m_started = true;
    }

    QByteArray &m_out;
    bool m_started = false;
};

// PostgreSQL's primary message only: its DETAIL and CONTEXT repeat the refused row, which may
// carry a card token.
Error copyError(const QString &what, const PGresult *result, pg_conn *connection)
{
    QString words;
    ErrorKind kind = ErrorKind::Internal;
    if (result) {
        words = QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
        const QString state = QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE));
        if (state == u"23505"_s)
            kind = ErrorKind::Conflict;
        else if (state.startsWith(u"23"_s) || state.startsWith(u"22"_s))
            kind = ErrorKind::Validation;
    }
    if (words.isEmpty())
        words = QString::fromUtf8(PQerrorMessage(connection)).section(u'\n', 0, 0).trimmed();
    return Error{u"database"_s, words.isEmpty() ? QString(what + u'.') : QString(what + u": "_s + words),
                 kind};
}

Error finishedError()
{
    return storeError(ErrorKind::Internal, u"The bulk write is finished."_s);
}

} // namespace

PostgresBulkWriter::PostgresBulkWriter(PostgresStore &store) : m_store(store) {}

PostgresBulkWriter::~PostgresBulkWriter()
{
    if (m_open)
        rollback();
}

Result<std::unique_ptr<PostgresBulkWriter>> PostgresBulkWriter::start(PostgresStore &store)
{
    std::unique_ptr<PostgresBulkWriter> writer(new PostgresBulkWriter(store));
    if (auto r = writer->begin(); !r)
        return r.error();
    return writer;
}

void PostgresBulkWriter::say(const QString &line) const
{
    if (m_progress)
        m_progress(line);
}

Result<void> PostgresBulkWriter::exec(const QString &sql, const QString &what)
{
    QSqlQuery q(QSqlDatabase::database(m_store.m_session->connectionName(), false));
    if (!q.exec(sql))
        return databaseError(what, q.lastError());
    return {};
}

Result<QList<QStringList>> PostgresBulkWriter::rows(const QString &sql, const QString &what)
{
    QSqlQuery q(QSqlDatabase::database(m_store.m_session->connectionName(), false));
    if (!q.exec(sql))
        return databaseError(what, q.lastError());
    QList<QStringList> out;
    const int columns = q.record().count();
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < columns; ++i)
            row << q.value(i).toString();
        out << row;
    }
    return out;
}

Result<void> PostgresBulkWriter::begin()
{
    Session &session = *m_store.m_session;
    if (session.depth != 0)
        return storeError(ErrorKind::Internal, u"A bulk write cannot start inside a transaction."_s);
    m_store.m_recentMatches.reset(); // what it writes may match the last search (RecentMatches)
    const QVariant handle = QSqlDatabase::database(session.connectionName(), false).driver()->handle();
    // Qt 6 names the type as the compiler sees it (pg_conn*); Qt's documentation still says PGconn*.
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return storeError(ErrorKind::Internal,
                          u"The QPSQL driver did not give its libpq connection (%1)."_s.arg(
                              QString::fromLatin1(handle.typeName())));
    m_connection = *static_cast<pg_conn *const *>(handle.constData());
    if (!m_connection)
        return storeError(ErrorKind::Unavailable, u"The database connection is closed."_s);

    const QString what = u"Could not start the bulk write"_s;
    if (auto r = exec(u"BEGIN"_s, what); !r)
        return r;
    m_open = true;
    session.depth = 1; // should the store go first, it rolls this back
    auto fail = [this](const Error &error) -> Result<void> {
        rollback();
        return error;
    };
    // Index builds sort in memory rather than on disk; the session's own setting comes back at the end.
    if (auto r = exec(u"SET LOCAL maintenance_work_mem = '256MB'"_s, what); !r)
        return fail(r.error());

    auto used = rows(u"SELECT EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM card_tokens)"
                     " OR EXISTS (SELECT 1 FROM payments)"_s,
                     what);
    if (!used)
        return fail(used.error());
    if (used->value(0).value(0) == u"true"_s)
        return fail(storeError(ErrorKind::Conflict,
                               u"The database already holds customers, cards or payments;"
                               " a bulk write needs an empty one."_s));

    // The tables' own definitions, read back from the catalog, so that the schema's later versions
    // are rebuilt as they are. Indexes behind a primary key or unique constraint stay. An index
    // column's statistics target (schema 8's on the customers' trigram expression) is not part of
    // pg_get_indexdef: it is read here and set again on the rebuilt index.
    const QString tables = u"('customers'::regclass, 'customer_card_counts'::regclass, 'card_tokens'::regclass,"
                           " 'payments'::regclass)"_s;
    auto indexes = rows(u"SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid),"
                        " coalesce((SELECT string_agg(format('ALTER INDEX %s ALTER COLUMN %s SET STATISTICS %s',"
                        " i.indexrelid::regclass, a.attnum, a.attstattarget), ';') FROM pg_attribute a"
                        " WHERE a.attrelid = i.indexrelid AND a.attstattarget > 0), '') FROM pg_index i"
                        " WHERE i.indrelid IN "_s +
                            tables +
                            u" AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid"
                            " AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
                            " ORDER BY i.indexrelid"_s,
                        what);
    if (!indexes)
        return fail(indexes.error());
    auto foreignKeys =
        rows(u"SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid)"
             " FROM pg_constraint WHERE contype = 'f' AND (conrelid IN "_s +
                 tables + u" OR confrelid IN "_s + tables + u") ORDER BY oid"_s,
             what);
    if (!foreignKeys)
        return fail(foreignKeys.error());
    for (const QStringList &key : foreignKeys.value()) {
        if (auto r = exec(u"ALTER TABLE %1 DROP CONSTRAINT %2"_s.arg(key.at(0), key.at(1)), what); !r)
            return fail(r.error());
    }
    for (const QStringList &index : indexes.value()) {
        if (auto r = exec(u"DROP INDEX "_s + index.at(0), what); !r)
            return fail(r.error());
        m_rebuild << index.at(1);
        if (!index.at(2).isEmpty())
            m_rebuild << index.at(2).split(u';');
    }
    for (const QStringList &key : foreignKeys.value())
        m_rebuild << u"ALTER TABLE %1 ADD CONSTRAINT %2 %3"_s.arg(key.at(0), key.at(1), key.at(2));
    for (const auto &[table, trigger] : FigureTriggers) {
        if (auto r = exec(u"ALTER TABLE %1 DISABLE TRIGGER %2"_s.arg(table, trigger), what); !r)
            return fail(r.error());
        m_rebuild << u"ALTER TABLE %1 ENABLE TRIGGER %2"_s.arg(table, trigger);
    }
    for (const auto &[table, trigger] : RightsTriggers) {
        if (auto r = exec(u"ALTER TABLE %1 DISABLE TRIGGER %2"_s.arg(table, trigger), what); !r)
            return fail(r.error());
        m_rebuild << u"ALTER TABLE %1 ENABLE TRIGGER %2"_s.arg(table, trigger);
    }
    if (auto r = exec(u"CREATE TEMPORARY TABLE %1 (LIKE customers INCLUDING DEFAULTS) ON COMMIT DROP"_s.arg(
                          StagedCustomers),
                      what);
        !r)
        return fail(r.error());
    return {};
}

void PostgresBulkWriter::rollback()
{
    QSqlQuery q(QSqlDatabase::database(m_store.m_session->connectionName(), false));
    if (!q.exec(u"ROLLBACK"_s))
        qCWarning(lcPostgres) << "bulk write: rollback failed:" << q.lastError().text();
    m_store.m_session->depth = 0;
    m_open = false;
}

Result<void> PostgresBulkWriter::copy(const QString &target, QByteArray &data)
{
    if (data.isEmpty())
        return {};
    const QString what = u"Could not write the rows of "_s + target.section(u' ', 0, 0);
    PGresult *started = PQexec(m_connection, (u"COPY "_s + target + u" FROM STDIN"_s).toUtf8().constData());
    if (PQresultStatus(started) != PGRES_COPY_IN) {
        Error error = copyError(what, started, m_connection);
        PQclear(started);
        return error;
    }
    PQclear(started);
    constexpr qsizetype Chunk = 256 * 1024;
    bool sent = true;
    for (qsizetype at = 0; sent && at < data.size(); at += Chunk)
        sent = PQputCopyData(m_connection, data.constData() + at, int(qMin(Chunk, data.size() - at))) == 1;
    data.clear();
    if (PQputCopyEnd(m_connection, sent ? nullptr : "the client could not send the rows") != 1)
        sent = false;
    std::optional<Error> failure;
    while (PGresult *result = PQgetResult(m_connection)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK && !failure)
            failure = copyError(what, result, m_connection);
        PQclear(result);
    }
    if (!sent && !failure)
        failure = copyError(what, nullptr, m_connection);
    if (failure)
        return *failure;
    return {};
}

Result<void> PostgresBulkWriter::sendCustomersAndTokens()
{
    // Customers first, then their cards, though no key is checked before finish().
    if (auto r = copy(StagedCustomers + u' ' + CustomerCopyColumns, m_customerRows); !r)
        return r;
    return copy(TokenCopyColumns, m_tokenRows);
}

Result<void> PostgresBulkWriter::sendPayments()
{
    return copy(PaymentCopyColumns, m_paymentRows);
}

Result<qint64> PostgresBulkWriter::addCustomer(const Customer &c)
{
    if (!m_open)
        return finishedError();
    if (c.name.trimmed().isEmpty())
        return Error{u"name"_s, u"A customer needs a name."_s};
    if (!c.createdAt.isValid())
        return Error{u"created_at"_s, u"A bulk-written customer needs its creation time."_s};
    const qint64 id = ++m_customers;
    CopyRow(m_customerRows)
        .number(id)
        .text(c.name)
        .text(c.email)
        .text(c.phone)
        .text(CustomerSearch::phoneKey(c.phone))
        .text(c.reference)
        .text(c.notes)
        .boolean(c.archived)
        .timestamp(c.createdAt);
    if (m_customerRows.size() + m_tokenRows.size() >= SendBytes) {
        if (auto r = sendCustomersAndTokens(); !r)
            return r.error();
    }
    return id;
}

Result<qint64> PostgresBulkWriter::addToken(const CardToken &t)
{
    if (!m_open)
        return finishedError();
    if (auto valid = CardToken::validateTokenText(t.token, u"token"_s); !valid)
        return valid.error();
    if (!t.issuedOn.isValid() || !t.createdAt.isValid())
        return Error{u"issued_on"_s, u"A bulk-written token needs its issue date and creation time."_s};
    if (t.customerId < 1 || t.customerId > m_customers)
        return Error{u"customer_id"_s, u"A bulk-written token belongs to a customer written before it."_s};
    const QDate expiresOn = t.expiresOn.isValid() ? t.expiresOn : CardToken::defaultExpiry(t.issuedOn);
    if (expiresOn > CardToken::defaultExpiry(t.issuedOn) || expiresOn < t.issuedOn)
        return Error{u"expires_on"_s, u"A token stops working six months after it was issued."_s};
    const QString currency = t.firstAmount ? t.firstAmount->currency() : t.currency;
    const qint64 id = ++m_tokens;
    m_tokenTexts.push_back(t.token.toUtf8());
    CopyRow(m_tokenRows)
        .number(id)
        .number(t.customerId)
        .text(t.token)
        .text(t.label)
        .date(t.issuedOn)
        .date(expiresOn)
        .minor(t.firstAmount)
        .text(currency)
        .text(tokenStatusName(t.status))
        .timestamp(t.statusChangedAt)
        .timestamp(t.lastUsedAt)
        .timestamp(t.createdAt);
    if (m_customerRows.size() + m_tokenRows.size() >= SendBytes) {
        if (auto r = sendCustomersAndTokens(); !r)
            return r.error();
    }
    return id;
}

Result<qint64> PostgresBulkWriter::addPayment(const Payment &p)
{
    if (!m_open)
        return finishedError();
    if (p.orderId.isEmpty())
        return Error{u"order_id"_s, u"A payment needs an order id."_s};
    if (!p.createdAt.isValid())
        return Error{u"created_at"_s, u"A bulk-written payment needs its creation time."_s};
    if (p.tokenId < 1 || p.tokenId > m_tokens)
        return Error{u"token_id"_s, u"A bulk-written payment is made with a card written before it."_s};
    if (!m_customerRows.isEmpty() || !m_tokenRows.isEmpty()) {
        if (auto r = sendCustomersAndTokens(); !r)
            return r.error();
    }
    const QString currency = p.amount ? p.amount->currency() : p.currency;
    // The same cleaning as Store::insertPayment: a dataset is stored as the desk would store it.
    const Payment clean = StoredText::cleaned(p, QString::fromUtf8(m_tokenTexts.at(size_t(p.tokenId - 1))));
    const qint64 id = ++m_payments;
    CopyRow(m_paymentRows)
        .number(id)
        .text(p.orderId)
        .number(p.tokenId)
        .number(p.customerId)
        .minor(p.amount)
        .text(currency)
        .text(paymentStateName(p.state))
        .text(p.gatewayStatus)
        .text(p.statusCode)
        .text(p.transactionId)
        .text(p.authCode)
        .text(p.mode)
        .text(p.description)
        .number(p.httpStatus)
        .text(clean.errorText)
        .text(clean.requestBody)
        .text(clean.responseBody)
        .text(p.operatorName)
        .text(p.note)
        .timestamp(p.createdAt)
        .timestamp(p.updatedAt.isValid() ? p.updatedAt : p.createdAt)
        .timestamp(p.lastCheckedAt)
        .text(refundStateName(p.refundState))
        .text(p.refundStatus)
        .timestamp(p.refundedAt)
        .minor(p.expectedAmount)
        .minor(p.takenAmount);
    if (m_paymentRows.size() >= SendBytes) {
        if (auto r = sendPayments(); !r)
            return r.error();
    }
    return id;
}

Result<void> PostgresBulkWriter::finish()
{
    if (!m_open)
        return finishedError();
    auto fail = [this](const Error &error) -> Result<void> {
        rollback();
        return error;
    };
    if (auto r = sendCustomersAndTokens(); !r)
        return fail(r.error());
    if (auto r = sendPayments(); !r)
        return fail(r.error());
    m_tokenTexts = {};

    const QString what = u"Could not finish the bulk write"_s;
    say(u"  customers with their figures"_s);
    // In id order, as the rows would lie had they been inserted one by one.
    const QString insert =
        u"INSERT INTO customers (id, name, email, phone, phone_digits, reference, notes, archived, "
        u"created_at, last_charge_at)"
        " SELECT s.id, s.name, s.email, s.phone, s.phone_digits, s.reference, s.notes, s.archived, "
        "s.created_at, p.last_charge FROM %1 s"
        " LEFT JOIN (SELECT customer_id, max(created_at) AS last_charge FROM payments GROUP BY customer_id) p"
        " ON p.customer_id = s.id ORDER BY s.id"_s.arg(StagedCustomers);
    if (auto r = exec(insert, what); !r)
        return fail(r.error());
    // Every customer's count of active cards (the trigger that adds their rows is off meanwhile).
    const QString counts =
        u"INSERT INTO customer_card_counts (customer_id, active_tokens)"
        " SELECT s.id, coalesce(t.active, 0) FROM %1 s"
        " LEFT JOIN (SELECT customer_id, count(*) AS active FROM card_tokens WHERE status = 'active'"
        " AND expires_on > %2 GROUP BY customer_id) t ON t.customer_id = s.id ORDER BY s.id"_s.arg(StagedCustomers,
                                                                                                  ActiveOn);
    if (auto r = exec(counts, what); !r)
        return fail(r.error());
    if (auto r = exec(u"DROP TABLE "_s + StagedCustomers, what); !r)
        return fail(r.error());
    say(u"  payment figures per hour"_s);
    for (const QString &sql : paymentFiguresFromPayments()) {
        if (auto r = exec(sql, what); !r)
            return fail(r.error());
    }

    for (const QString &sql : std::as_const(m_rebuild)) {
        say(u"  "_s + sql.section(u" ON "_s, 0, 0).section(u" USING "_s, 0, 0).left(100));
        if (auto r = exec(sql, what); !r)
            return fail(r.error());
    }
    for (const auto &[table, count] :
         {std::pair{u"customers"_s, m_customers}, std::pair{u"card_tokens"_s, m_tokens},
          std::pair{u"payments"_s, m_payments}}) {
        if (count < 1)
            continue;
        if (auto r =
                exec(u"SELECT setval(pg_get_serial_sequence('%1', 'id'), %2)"_s.arg(table).arg(count), what);
            !r)
            return fail(r.error());
    }

    // The figures, recounted per customer the way the triggers count them.
    say(u"  checking the customers' figures"_s);
    auto wrong =
        rows(u"SELECT count(*) FROM customers c LEFT JOIN customer_card_counts cc ON cc.customer_id = c.id"
             " WHERE cc.active_tokens IS DISTINCT FROM (SELECT count(*) FROM card_tokens t"
             " WHERE t.customer_id = c.id AND t.status = 'active' AND t.expires_on > %1)"
             " OR c.last_charge_at IS DISTINCT FROM (SELECT max(p.created_at) FROM payments p"
             " WHERE p.customer_id = c.id)"_s.arg(ActiveOn),
             what);
    if (!wrong)
        return fail(wrong.error());
    if (wrong->value(0).value(0) != u"0"_s)
        return fail(storeError(ErrorKind::Internal,
                               u"%1 customers' figures differ from what the triggers would"
                               " have kept; nothing was saved."_s.arg(wrong->value(0).value(0))));
    say(u"  committing"_s);
    if (auto r = exec(u"COMMIT"_s, u"Could not save the bulk write"_s); !r)
        return fail(r.error());
    m_open = false;
    m_store.m_session->depth = 0;

    // Statistics for the planner, and the visibility map that index-only scans need: what
    // autovacuum would have done by the time a real database had grown this large.
    say(u"  VACUUM ANALYZE"_s);
    return exec(u"VACUUM (ANALYZE) customers, customer_card_counts, card_tokens, payments"_s,
                u"Could not analyze the written rows"_s);
}

} // namespace fatora
