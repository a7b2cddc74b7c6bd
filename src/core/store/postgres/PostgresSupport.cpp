#include "store/postgres/PostgresSupport.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace fatora::postgres {

Q_LOGGING_CATEGORY(lcPostgres, "fatora.store.postgres")

// --- errors -----------------------------------------------------------------------------------

QString translated(const char *text)
{
    return QCoreApplication::translate("fatora::PostgresStore", text);
}

ErrorKind errorKindOf(const QSqlError &error)
{
    const QString state = error.nativeErrorCode();
    if (state.size() != 5)
        return ErrorKind::Unavailable;              // no SQLSTATE: the server never answered
    if (state == u"23505"_s || state == u"23P01"_s) // unique, exclusion
        return ErrorKind::Conflict;
    if (state == u"P0001"_s) // RAISE EXCEPTION in our triggers: a rule the data keeps (as SQLite)
        return ErrorKind::Permission;
    if (state == u"40001"_s || state == u"40P01"_s || state == u"55P03"_s || state == u"57014"_s)
        return ErrorKind::Busy; // serialization, deadlock, lock timeout, statement timeout
    if (state == u"42501"_s || state == u"25006"_s) // insufficient privilege, read-only transaction
        return ErrorKind::Permission;
    const QStringView cls = QStringView(state).left(2);
    if (cls == u"23" || cls == u"22") // constraint (check, not null, foreign key), bad data
        return ErrorKind::Validation;
    if (cls == u"28") // invalid authorization: wrong user or password
        return ErrorKind::Permission;
    // connection, insufficient resources (disk full), operator intervention (shutdown), system
    // error, no such database
    if (cls == u"08" || cls == u"53" || cls == u"57" || cls == u"58" || state == u"3D000"_s)
        return ErrorKind::Unavailable;
    return ErrorKind::Internal;
}

Error databaseError(const QString &what, const QSqlError &error)
{
    QString words = error.databaseText().trimmed();
    if (words.isEmpty())
        words = error.driverText().trimmed();
    words = words.section(u'\n', 0, 0).trimmed();
    // libpq starts the server's words with their severity ("ERROR:  a refund needs ..."): the
    // person needs the words, not the label.
    for (const QString &severity : {u"ERROR:"_s, u"FATAL:"_s}) {
        if (words.startsWith(severity))
            words = words.mid(severity.size()).trimmed();
    }
    return storeError(errorKindOf(error),
                      words.isEmpty() ? QString(what + u'.') : QString(what + u": "_s + words));
}

// --- values -----------------------------------------------------------------------------------

QVariant timestampValue(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toUTC()) : QVariant(QMetaType::fromType<QDateTime>());
}

QDateTime readTimestamp(const QVariant &v)
{
    return v.isNull() ? QDateTime() : v.toDateTime().toUTC();
}

QVariant dateValue(const QDate &d)
{
    return d.isValid() ? QVariant(d) : QVariant(QMetaType::fromType<QDate>());
}

QDate today(const QDate &given)
{
    return given.isValid() ? given : QDate::currentDate();
}

QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

QVariant ownerValue(qint64 sessionId)
{
    return sessionId != 0 ? QVariant(sessionId) : QVariant(QMetaType::fromType<qlonglong>());
}

QVariant optionalMinor(const std::optional<Money> &m)
{
    return m ? QVariant(m->minorUnits()) : QVariant(QMetaType::fromType<qlonglong>());
}

// --- the connection ---------------------------------------------------------------------------

void Session::clearStatements()
{
    m_entries.clear();
    m_plans.clear(); // they live and die with the connection: no DEALLOCATE needed
}

const Session::NamedPlan *Session::namedPlan(const QString &sql)
{
    if (const auto it = m_plans.find(sql); it != m_plans.end())
        return &it->second;
    if (m_plans.size() >= MaxNamedPlans)
        return nullptr;
    NamedPlan plan;
    plan.name = u"fatora_plan_%1"_s.arg(++m_planSequence);
    const QString body = withPlaceholders(sql, [&plan](const QString &name) {
        qsizetype at = plan.placeholders.indexOf(name);
        if (at < 0) {
            plan.placeholders << name;
            at = plan.placeholders.size() - 1;
        }
        return u"$%1"_s.arg(at + 1);
    });
    // Sent on its own (once per connection), never with held statements: a PREPARE needs no
    // transaction, and one the server refuses must not be taken for theirs.
    QSqlQuery prepare(QSqlDatabase::database(m_connectionName, false));
    if (body.isEmpty())
        return nullptr;
    if (!prepare.exec(u"PREPARE "_s + plan.name + u" AS "_s + body)) {
        qCWarning(lcPostgres) << "could not prepare a plan:" << prepare.lastError().text().section(u'\n', 0, 0);
        // Inside a transaction the server knows of, it has given the transaction up; before its
        // BEGIN was sent, nothing was lost and the statement goes as text.
        if (transactionSent())
            noteFailure();
        return nullptr;
    }
    return &m_plans.emplace(sql, std::move(plan)).first->second;
}

Session::Entry *Session::acquire(const QString &sql)
{
    auto it = m_entries.find(sql);
    if (it == m_entries.end()) {
        if (m_entries.size() >= MaxStatements) {
            // Rarely reached (list queries vary with their filters): start over rather than track use.
            for (auto e = m_entries.begin(); e != m_entries.end();) {
                if (e->second.inUse)
                    ++e;
                else
                    e = m_entries.erase(e);
            }
        }
        Entry entry;
        entry.query = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connectionName, false));
        it = m_entries.emplace(sql, std::move(entry)).first;
    }
    Entry &entry = it->second;
    if (entry.inUse)
        return nullptr;
    // A PREPARE refused once (e.g. inside an aborted transaction) is tried again, never cached.
    if (!entry.prepared)
        entry.prepared = entry.query->prepare(sql);
    entry.inUse = true;
    return &entry;
}

bool Session::transactionWrote() const
{
    return std::any_of(held.cbegin(), held.cend(), [](const HeldStatement &h) { return !h.opensTransaction; }) ||
           transactionSent();
}

void Session::noteFailure()
{
    if (depth > 0 && !inSavepoint)
        aborted = true;
}

Statement::Statement(Session &session, const QString &sql, Plan plan) : m_session(session), m_sql(sql)
{
    if (plan == Plan::Fresh) {
        m_fresh = true;
        m_own.emplace(QSqlDatabase::database(session.connectionName(), false));
        m_query = &*m_own;
        return;
    }
    m_cached = session.acquire(sql);
    if (!m_cached) { // the same text is being read further up: this one gets its own
        m_own.emplace(QSqlDatabase::database(session.connectionName(), false));
        m_query = &*m_own;
        m_prepared = m_query->prepare(sql);
        return;
    }
    m_query = m_cached->query.get();
    m_prepared = m_cached->prepared;
}

Statement::~Statement()
{
    if (m_cached) {
        m_cached->query->finish();
        m_cached->inUse = false;
    }
}

Statement &Statement::bindAll(const QVariantMap &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        bind(it.key(), it.value());
    return *this;
}

namespace {

// "EXECUTE name(values)" of a named plan; empty when a placeholder has no value.
QString executeText(const Session::NamedPlan &plan, const QVariantMap &values, const QSqlDriver *driver)
{
    QStringList arguments;
    for (const QString &name : plan.placeholders) {
        const auto value = values.constFind(name);
        if (value == values.cend())
            return {};
        arguments << formattedValue(*value, driver);
    }
    if (arguments.isEmpty())
        return u"EXECUTE "_s + plan.name;
    return u"EXECUTE "_s + plan.name + u'(' + arguments.join(u", "_s) + u')';
}

} // namespace

Result<void> Statement::exec(const QString &what)
{
    // With statements held back, a kept one goes as text in their round trip: EXECUTE of a plan
    // of our own (Session::namedPlan), or else the statement with its values written in - the
    // same values in the same words either way (QPSQL's EXECUTE writes them with formatValue).
    if (m_fresh || !m_session.held.isEmpty()) {
        const QSqlDriver *driver = QSqlDatabase::database(m_session.connectionName(), false).driver();
        QString sql;
        if (!m_fresh) {
            if (const Session::NamedPlan *plan = m_session.namedPlan(m_sql))
                sql = executeText(*plan, m_values, driver);
        }
        if (sql.isEmpty())
            sql = withValues(m_sql, m_values, driver);
        if (sql.isEmpty()) {
            m_session.noteFailure();
            return storeError(ErrorKind::Internal, what + u": a value of the statement is missing."_s);
        }
        if (!m_own) {
            m_own.emplace(QSqlDatabase::database(m_session.connectionName(), false));
            m_query = &*m_own;
        }
        return execWithHeld(m_session, *m_query, sql, what);
    }
    if (!m_prepared || !m_query->exec()) {
        m_session.noteFailure();
        return databaseError(what, m_query->lastError());
    }
    return {};
}

Result<qint64> Statement::execReturningId(const QString &what, const QString &missing)
{
    if (auto r = exec(what); !r)
        return r.error();
    if (!m_query->next())
        return storeError(ErrorKind::NotFound, missing);
    return m_query->value(0).toLongLong();
}

namespace {

// NULL as QPSQL's EXECUTE writes it (QSqlResultPrivate::isVariantNull): a null QString or
// QByteArray too, not only a null variant. A kept statement then means the same whether it goes
// prepared or as text.
bool isNullValue(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString *>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(value.constData())->isNull();
    default:
        return false;
    }
}

} // namespace

QString formattedValue(const QVariant &value, const QSqlDriver *driver)
{
    if (isNullValue(value))
        return u"NULL"_s;
    QSqlField field(QString(), value.metaType());
    field.setValue(value);
    return driver->formatValue(field);
}

QString withPlaceholders(const QString &sql, const std::function<QString(const QString &)> &replace)
{
    QString out;
    out.reserve(sql.size() + 64);
    const auto isNameStart = [](QChar c) { return c.isLetter() || c == u'_'; };
    const auto isNamePart = [](QChar c) { return c.isLetterOrNumber() || c == u'_'; };
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (c == u'\'' || c == u'"') {
            // A literal or a quoted name, copied whole. In an E'' literal a backslash escapes the
            // next character; elsewhere (standard_conforming_strings, on since 9.1) it is plain.
            const bool escapes = c == u'\'' && i > 0 && (sql.at(i - 1) == u'E' || sql.at(i - 1) == u'e');
            out += c;
            for (++i; i < sql.size(); ++i) {
                out += sql.at(i);
                if (escapes && sql.at(i) == u'\\' && i + 1 < sql.size()) {
                    out += sql.at(++i);
                } else if (sql.at(i) == c) {
                    if (i + 1 < sql.size() && sql.at(i + 1) == c) // '' or "" inside
                        out += sql.at(++i);
                    else
                        break;
                }
            }
            continue;
        }
        if (c == u':' && i + 1 < sql.size() && sql.at(i + 1) == u':') { // a cast
            out += u"::"_s;
            ++i;
            continue;
        }
        if (c == u':' && i + 1 < sql.size() && isNameStart(sql.at(i + 1))) {
            qsizetype end = i + 1;
            while (end < sql.size() && isNamePart(sql.at(end)))
                ++end;
            const QString replaced = replace(sql.mid(i, end - i));
            if (replaced.isNull())
                return {};
            out += replaced;
            i = end - 1;
            continue;
        }
        out += c;
    }
    return out;
}

QString withValues(const QString &sql, const QVariantMap &values, const QSqlDriver *driver)
{
    return withPlaceholders(sql, [&](const QString &name) {
        const auto value = values.constFind(name);
        return value == values.cend() ? QString() : formattedValue(*value, driver);
    });
}

Result<void> execPlain(Session &session, const QString &sql, const QString &what)
{
    QSqlQuery q(QSqlDatabase::database(session.connectionName(), false));
    return execWithHeld(session, q, sql, what);
}

Result<void> execWithHeld(Session &session, QSqlQuery &q, const QString &sql, const QString &what)
{
    if (session.held.isEmpty()) {
        if (q.exec(sql))
            return {};
        session.noteFailure();
        return databaseError(what, q.lastError());
    }
    const QList<HeldStatement> held = std::exchange(session.held, {});
    QString batch;
    for (const HeldStatement &h : held)
        batch += h.sql + u";\n"_s;
    batch += sql;
    // One simple query: exec() reports the first statement's result, nextResult() each next one.
    // The server stops at the first statement it refuses, inside the transaction (now aborted).
    bool ok = q.exec(batch);
    for (qsizetype i = 0;; ++i) {
        const bool own = i == held.size();
        if (!ok) {
            session.noteFailure();
            const QSqlError error = q.lastError();
            if (error.type() == QSqlError::NoError)
                return storeError(ErrorKind::Internal,
                                  what + u": the database answered fewer statements than it was sent."_s);
            if (own)
                return databaseError(what, error);
            const HeldStatement &failed = held.at(i);
            Error refused = databaseError(failed.what, error);
            if (refused.is(ErrorKind::Busy) && !failed.busyMessage.isEmpty())
                return storeError(ErrorKind::Busy, failed.busyMessage);
            return refused;
        }
        if (own)
            return {};
        ok = q.nextResult();
    }
}

// --- rows -------------------------------------------------------------------------------------

const QString CustomerColumns =
    u"c.id, c.name, c.email, c.phone, c.reference, c.notes, c.archived, c.created_at"_s;

Customer readCustomer(const QSqlQuery &q, int first)
{
    Customer c;
    c.id = q.value(first + 0).toLongLong();
    c.name = q.value(first + 1).toString();
    c.email = q.value(first + 2).toString();
    c.phone = q.value(first + 3).toString();
    c.reference = q.value(first + 4).toString();
    c.notes = q.value(first + 5).toString();
    c.archived = q.value(first + 6).toBool();
    c.createdAt = readTimestamp(q.value(first + 7));
    return c;
}

const QString TokenColumns =
    u"t.id, t.customer_id, t.token, t.label, t.issued_on, t.expires_on,"
    " t.first_amount_minor, t.currency, t.status, t.status_changed_at, t.last_used_at,"
    " t.created_at"_s;

CardToken readToken(const QSqlQuery &q, int first)
{
    CardToken t;
    t.id = q.value(first + 0).toLongLong();
    t.customerId = q.value(first + 1).toLongLong();
    t.token = q.value(first + 2).toString();
    t.label = q.value(first + 3).toString();
    t.issuedOn = q.value(first + 4).toDate();
    t.expiresOn = q.value(first + 5).toDate();
    t.currency = q.value(first + 7).toString();
    if (!q.value(first + 6).isNull())
        t.firstAmount = Money(q.value(first + 6).toLongLong(), t.currency);
    // An unreadable status must never make a token chargeable.
    t.status = tokenStatusFromName(q.value(first + 8).toString()).value_or(TokenStatus::Invalid);
    t.statusChangedAt = readTimestamp(q.value(first + 9));
    t.lastUsedAt = readTimestamp(q.value(first + 10));
    t.createdAt = readTimestamp(q.value(first + 11));
    return t;
}

const QString PaymentColumns =
    u"p.id, p.order_id, p.token_id, p.customer_id, p.amount_minor, p.currency, p.state, p.gateway_status,"
    " p.status_code, p.transaction_id, p.auth_code, p.mode, p.description, p.http_status, p.error_text,"
    " p.request_body, p.response_body, p.operator, p.note, p.created_at, p.updated_at, p.last_checked_at,"
    " p.refund_state, p.refund_status, p.refunded_at, p.expected_minor, p.taken_minor, p.owner_session,"
    " p.kind, p.checkout_url, p.saved_token_id"_s;

Payment readPayment(const QSqlQuery &q, int first)
{
    Payment p;
    p.id = q.value(first + 0).toLongLong();
    p.orderId = q.value(first + 1).toString();
    p.tokenId = q.value(first + 2).toLongLong();
    p.customerId = q.value(first + 3).toLongLong();
    p.currency = q.value(first + 5).toString();
    if (!q.value(first + 4).isNull())
        p.amount = Money(q.value(first + 4).toLongLong(), p.currency);
    // An unreadable state is treated as "the money may have moved", the cautious reading.
    p.state = paymentStateFromName(q.value(first + 6).toString()).value_or(PaymentState::Unknown);
    p.gatewayStatus = q.value(first + 7).toString();
    p.statusCode = q.value(first + 8).toString();
    p.transactionId = q.value(first + 9).toString();
    p.authCode = q.value(first + 10).toString();
    p.mode = q.value(first + 11).toString();
    p.description = q.value(first + 12).toString();
    p.httpStatus = q.value(first + 13).toInt();
    p.errorText = q.value(first + 14).toString();
    p.requestBody = q.value(first + 15).toString();
    p.responseBody = q.value(first + 16).toString();
    p.operatorName = q.value(first + 17).toString();
    p.note = q.value(first + 18).toString();
    p.createdAt = readTimestamp(q.value(first + 19));
    p.updatedAt = readTimestamp(q.value(first + 20));
    p.lastCheckedAt = readTimestamp(q.value(first + 21));
    p.refundState = refundStateFromName(q.value(first + 22).toString()).value_or(RefundState::Unknown);
    p.refundStatus = q.value(first + 23).toString();
    p.refundedAt = readTimestamp(q.value(first + 24));
    if (!q.value(first + 25).isNull())
        p.expectedAmount = Money(q.value(first + 25).toLongLong(), p.currency);
    if (!q.value(first + 26).isNull())
        p.takenAmount = Money(q.value(first + 26).toLongLong(), p.currency);
    p.ownerSession = q.value(first + 27).toLongLong(); // NULL: 0, no owner
    // An unreadable kind is read as a card request: nothing then charges a token for it.
    p.kind = paymentKindFromName(q.value(first + 28).toString()).value_or(PaymentKind::CardRequest);
    p.checkoutUrl = q.value(first + 29).toString();
    p.savedTokenId = q.value(first + 30).toLongLong(); // NULL: 0
    return p;
}

AuditEntry readAudit(const QSqlQuery &q, int first)
{
    AuditEntry e;
    e.id = q.value(first + 0).toLongLong();
    e.at = readTimestamp(q.value(first + 1));
    e.operatorName = q.value(first + 2).toString();
    e.action = q.value(first + 3).toString();
    e.objectType = q.value(first + 4).toString();
    e.objectId = q.value(first + 5).toLongLong();
    e.detail = q.value(first + 6).toString();
    return e;
}

} // namespace fatora::postgres
