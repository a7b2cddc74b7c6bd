#include "store/sqlite/SqliteSupport.h"


#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QHash>
#include <QMutex>
#include <QSqlError>
#include <QThread>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace fatora::sqlite {

Q_LOGGING_CATEGORY(lcStore, "fatora.store")

// --- value conversion -------------------------------------------------------------------------

namespace {

void appendDigits(QString &out, qint64 value, int width)
{
    char16_t buffer[8];
    for (int i = width - 1; i >= 0; --i) {
        buffer[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    out.append(QStringView(buffer, width));
}

} // namespace

QVariant timestampValue(const QDateTime &t)
{
    if (!t.isValid())
        return QVariant(QString()); // binds NULL
    // Written by hand for the same reason readTimestamp parses by hand; years 1-9999 only.
    const qint64 msecs = t.toMSecsSinceEpoch();
    constexpr qint64 DayMs = 86'400'000LL;
    constexpr qint64 UnixEpochJulianDay = 2440588;
    const qint64 days = msecs >= 0 ? msecs / DayMs : -((-msecs + DayMs - 1) / DayMs);
    const qint64 inDay = msecs - days * DayMs;
    const QDate date = QDate::fromJulianDay(UnixEpochJulianDay + days);
    if (!date.isValid() || date.year() < 1 || date.year() > 9999)
        return t.toUTC().toString(Qt::ISODateWithMs);
    QString out;
    out.reserve(24);
    appendDigits(out, date.year(), 4);
    out.append(u'-');
    appendDigits(out, date.month(), 2);
    out.append(u'-');
    appendDigits(out, date.day(), 2);
    out.append(u'T');
    appendDigits(out, inDay / 3'600'000, 2);
    out.append(u':');
    appendDigits(out, inDay / 60'000 % 60, 2);
    out.append(u':');
    appendDigits(out, inDay / 1000 % 60, 2);
    out.append(u'.');
    appendDigits(out, inDay % 1000, 3);
    out.append(u'Z');
    return out;
}

namespace {

// Digits at [from, from + count) of an ASCII timestamp, or -1.
int digitsAt(QStringView text, qsizetype from, int count)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

} // namespace

QDateTime readTimestamp(const QVariant &v)
{
    if (v.isNull())
        return QDateTime();
    const QString text = v.toString();
    // Our own format, "2026-11-25T10:00:00.000Z", parsed by hand: a page of history holds a
    // thousand of these and QDateTime::fromString costs microseconds each.
    if (text.size() == 24 && text[4] == u'-' && text[7] == u'-' && text[10] == u'T' && text[13] == u':' &&
        text[16] == u':' && text[19] == u'.' && text[23] == u'Z') {
        const int year = digitsAt(text, 0, 4);
        const int month = digitsAt(text, 5, 2);
        const int day = digitsAt(text, 8, 2);
        const int hour = digitsAt(text, 11, 2);
        const int minute = digitsAt(text, 14, 2);
        const int second = digitsAt(text, 17, 2);
        const int ms = digitsAt(text, 20, 3);
        const QDate date(year, month, day);
        if (date.isValid() && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 &&
            second < 60 && ms >= 0) {
            constexpr qint64 UnixEpochJulianDay = 2440588;
            const qint64 msecs = (date.toJulianDay() - UnixEpochJulianDay) * 86'400'000LL +
                                 ((hour * 60LL + minute) * 60 + second) * 1000 + ms;
            return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
        }
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QVariant dateValue(const QDate &d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(QString());
}

QDate readDate(const QVariant &v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
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

QString todayText(const QDate &today)
{
    return (today.isValid() ? today : QDate::currentDate()).toString(Qt::ISODate);
}

// --- statements -------------------------------------------------------------------------------

namespace {

// SQLite's words say what happened ("disk I/O error"); these say what to do about it.
QString adviceFor(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff; // the primary code, extended or not
    if (!ok)
        return {};
    switch (code) {
    case 8: // SQLITE_READONLY
        return QCoreApplication::translate("fatora::SqliteStore",
                                           "The database file is read-only for this user: nothing was "
                                           "written. Ask for write access to it, or work on a copy.");
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL
        return QCoreApplication::translate("fatora::SqliteStore",
                                           "The disk may be full or failing: free some space (or check "
                                           "the disk), then try again.");
    case 14: // SQLITE_CANTOPEN
        return QCoreApplication::translate("fatora::SqliteStore",
                                           "Check that the file and its folder exist and that this user "
                                           "may read and write them.");
    default:
        return {};
    }
}

} // namespace

ErrorKind errorKindOf(const QSqlError &error)
{
    bool ok = false;
    const int extended = error.nativeErrorCode().toInt(&ok);
    if (!ok)
        return ErrorKind::Internal;
    switch (extended) {
    case 1555: // SQLITE_CONSTRAINT_PRIMARYKEY
    case 2067: // SQLITE_CONSTRAINT_UNIQUE
        return ErrorKind::Conflict;
    case 1811: // SQLITE_CONSTRAINT_TRIGGER: a rule the schema keeps (append-only audit, no deletes, ...)
        return ErrorKind::Permission;
    default:
        break;
    }
    switch (extended & 0xff) {
    case 19: // SQLITE_CONSTRAINT: CHECK, NOT NULL, FOREIGN KEY - the data handed in breaks a rule
    case 18: // SQLITE_TOOBIG
    case 25: // SQLITE_RANGE
        return ErrorKind::Validation;
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return ErrorKind::Busy;
    case 3:  // SQLITE_PERM
    case 8:  // SQLITE_READONLY
    case 23: // SQLITE_AUTH
        return ErrorKind::Permission;
    case 10: // SQLITE_IOERR
    case 11: // SQLITE_CORRUPT
    case 13: // SQLITE_FULL
    case 14: // SQLITE_CANTOPEN
    case 15: // SQLITE_PROTOCOL
    case 26: // SQLITE_NOTADB
        return ErrorKind::Unavailable;
    default:
        return ErrorKind::Internal;
    }
}

Error databaseError(const QString &what, const QSqlError &error)
{
    QString message = what + u": "_s + error.text().trimmed();
    if (const QString advice = adviceFor(error); !advice.isEmpty())
        message += u". "_s + advice;
    return storeError(errorKindOf(error), message);
}

void StatementCache::clear()
{
    for (auto &[sql, entry] : m_entries) {
        if (entry.query)
            entry.query->finish();
    }
    m_entries.clear();
}

StatementCache::Entry *StatementCache::acquire(const QString &sql)
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
        entry.query->setForwardOnly(true);
        entry.prepared = entry.query->prepare(sql);
        it = m_entries.emplace(sql, std::move(entry)).first;
    }
    if (it->second.inUse)
        return nullptr;
    it->second.inUse = true;
    return &it->second;
}

namespace {
std::atomic<bool> anyStatementDelay{false};
QMutex statementDelaysLock;
QHash<QString, int> statementDelays; // by connection name

void waitAsOverASlowLink(const QString &connectionName)
{
    if (!anyStatementDelay.load(std::memory_order_relaxed))
        return;
    int ms = 0;
    {
        QMutexLocker locker(&statementDelaysLock);
        ms = statementDelays.value(connectionName);
    }
    if (ms > 0)
        QThread::msleep(ms);
}
} // namespace

void setStatementDelay(const QString &connectionName, int ms)
{
    QMutexLocker locker(&statementDelaysLock);
    if (ms > 0)
        statementDelays.insert(connectionName, ms);
    else
        statementDelays.remove(connectionName);
    anyStatementDelay.store(!statementDelays.isEmpty());
}

Statement::Statement(const QSqlDatabase &db, const QString &sql) : m_connection(db.connectionName())
{
    m_own.emplace(db);
    m_query = &*m_own;
    m_query->setForwardOnly(true);
    m_prepared = m_query->prepare(sql);
}

Statement::Statement(StatementCache &cache, const QString &sql) : m_connection(cache.m_connectionName)
{
    m_cached = cache.acquire(sql);
    if (!m_cached) { // the same text is being read further up: this one gets its own
        m_own.emplace(QSqlDatabase::database(cache.m_connectionName, false));
        m_query = &*m_own;
        m_query->setForwardOnly(true);
        m_prepared = m_query->prepare(sql);
        return;
    }
    m_query = m_cached->query.get();
    m_prepared = m_cached->prepared;
}

Statement::~Statement()
{
    if (m_cached) {
        m_query->finish();
        m_cached->inUse = false;
    }
}

Statement &Statement::bindAll(const QVariantMap &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        m_query->bindValue(it.key(), it.value());
    return *this;
}

Result<void> Statement::exec(const QString &what)
{
    waitAsOverASlowLink(m_connection);
    if (!m_prepared || !m_query->exec())
        return databaseError(what, m_query->lastError());
    return {};
}

Result<void> Statement::execOneRow(const QString &what, const QString &missing)
{
    if (auto r = exec(what); !r)
        return r;
    if (m_query->numRowsAffected() != 1)
        return storeError(ErrorKind::NotFound, missing);
    return {};
}

Result<void> execPlain(const QSqlDatabase &db, const QString &sql, const QString &what)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return databaseError(what, q.lastError());
    return {};
}

void rollbackQuietly(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(u"ROLLBACK"_s))
        qCWarning(lcStore) << "rollback failed:" << q.lastError().text();
}

Result<QVariant> pragmaValue(const QSqlDatabase &db, const QString &pragma, const QString &what)
{
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA "_s + pragma))
        return databaseError(what.isEmpty() ? u"Could not read the database settings"_s : what,
                             q.lastError());
    return q.next() ? q.value(0) : QVariant();
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
    c.archived = q.value(first + 6).toInt() != 0;
    c.createdAt = readTimestamp(q.value(first + 7));
    return c;
}

const QString TokenColumns =
    u"t.id, t.customer_id, t.token, t.label, t.issued_on, t.expires_on, "
    "t.first_amount_minor, t.currency, t.status, t.status_changed_at, t.last_used_at, "
    "t.created_at"_s;

CardToken readToken(const QSqlQuery &q, int first)
{
    CardToken t;
    t.id = q.value(first + 0).toLongLong();
    t.customerId = q.value(first + 1).toLongLong();
    t.token = q.value(first + 2).toString();
    t.label = q.value(first + 3).toString();
    t.issuedOn = readDate(q.value(first + 4));
    t.expiresOn = readDate(q.value(first + 5));
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
    u"p.id, p.order_id, p.token_id, p.customer_id, p.amount_minor, p.currency, p.state, p.gateway_status, "
    "p.status_code, p.transaction_id, p.auth_code, p.mode, p.description, p.http_status, p.error_text, "
    "p.request_body, p.response_body, p.operator, p.note, p.created_at, p.updated_at, p.last_checked_at, "
    "p.refund_state, p.refund_status, p.refunded_at, p.expected_minor, p.taken_minor, p.owner_session, "
    "p.kind, p.checkout_url, p.saved_token_id"_s;

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
    p.savedTokenId = q.value(first + 30).toLongLong();
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

} // namespace fatora::sqlite
