#include "SqliteStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

Q_LOGGING_CATEGORY(lcStore, "fatora.store")

// Long enough for a whole gateway reply, short enough that a misbehaving gateway cannot bloat
// every row of a five-million-row table.
constexpr qsizetype MaxBodyChars = 64 * 1024;
constexpr int BusyTimeoutMs = 5000;

const QString DatabaseField = u"database"_s;

// Schema migrations: entry N-1 brings user_version N-1 to N. Append only; a shipped entry never
// changes, because databases out there already carry it.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> list = {
        {
            u"CREATE TABLE customers ("
            "  id INTEGER PRIMARY KEY,"
            "  name TEXT NOT NULL CHECK (name <> ''),"
            "  email TEXT NOT NULL DEFAULT '',"
            "  phone TEXT NOT NULL DEFAULT '',"
            "  reference TEXT NOT NULL DEFAULT '',"
            "  notes TEXT NOT NULL DEFAULT '',"
            "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
            "  created_at TEXT NOT NULL)"_s,
            // NOCASE indexes serve both the case-insensitive prefix search and the list's sort.
            u"CREATE INDEX customers_name ON customers (name COLLATE NOCASE)"_s,
            u"CREATE INDEX customers_email ON customers (email COLLATE NOCASE)"_s,
            u"CREATE INDEX customers_phone ON customers (phone COLLATE NOCASE)"_s,
            u"CREATE INDEX customers_reference ON customers (reference COLLATE NOCASE)"_s,

            u"CREATE TABLE card_tokens ("
            "  id INTEGER PRIMARY KEY,"
            "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
            "  token TEXT NOT NULL UNIQUE CHECK (token <> ''),"
            "  label TEXT NOT NULL DEFAULT '',"
            "  issued_on TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
            "  expires_on TEXT NOT NULL CHECK (expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
            "  first_amount_minor INTEGER CHECK (first_amount_minor IS NULL OR first_amount_minor > 0),"
            "  currency TEXT NOT NULL CHECK (length(currency) = 3),"
            "  status TEXT NOT NULL CHECK (status IN ('active', 'revoke-pending', 'deactivated', 'expired', "
            "'invalid')),"
            "  status_changed_at TEXT,"
            "  last_used_at TEXT,"
            "  created_at TEXT NOT NULL)"_s,
            u"CREATE INDEX card_tokens_customer ON card_tokens (customer_id, status)"_s,

            u"CREATE TABLE payments ("
            "  id INTEGER PRIMARY KEY,"
            "  order_id TEXT NOT NULL UNIQUE CHECK (order_id <> ''),"
            "  token_id INTEGER NOT NULL REFERENCES card_tokens (id),"
            "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
            "  amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor > 0),"
            "  currency TEXT NOT NULL CHECK (length(currency) = 3),"
            "  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined', 'rejected', "
            "'not-sent', "
            "'unknown')),"
            "  gateway_status TEXT NOT NULL DEFAULT '',"
            "  status_code TEXT NOT NULL DEFAULT '',"
            "  transaction_id TEXT NOT NULL DEFAULT '',"
            "  auth_code TEXT NOT NULL DEFAULT '',"
            "  mode TEXT NOT NULL DEFAULT '',"
            "  description TEXT NOT NULL DEFAULT '',"
            "  http_status INTEGER NOT NULL DEFAULT 0,"
            "  error_text TEXT NOT NULL DEFAULT '',"
            "  request_body TEXT NOT NULL DEFAULT '',"
            "  response_body TEXT NOT NULL DEFAULT '',"
            "  operator TEXT NOT NULL DEFAULT '',"
            "  note TEXT NOT NULL DEFAULT '',"
            "  created_at TEXT NOT NULL,"
            "  updated_at TEXT NOT NULL,"
            "  last_checked_at TEXT,"
            "  refund_state TEXT NOT NULL DEFAULT 'none' CHECK (refund_state IN ('none', 'pending', "
            "'refunded', 'rejected', 'unknown')),"
            "  refund_status TEXT NOT NULL DEFAULT '',"
            "  refunded_at TEXT)"_s,
            u"CREATE INDEX payments_created ON payments (created_at)"_s,
            u"CREATE INDEX payments_state_created ON payments (state, created_at)"_s,
            u"CREATE INDEX payments_customer_created ON payments (customer_id, created_at)"_s,
            u"CREATE INDEX payments_token_state ON payments (token_id, state)"_s,
            u"CREATE INDEX payments_transaction ON payments (transaction_id)"_s,
            // A payment charged to one customer's token but filed under another would send the
            // history (and any refund) to the wrong person.
            u"CREATE TRIGGER payments_token_owner BEFORE INSERT ON payments"
            " WHEN EXISTS (SELECT 1 FROM card_tokens WHERE id = NEW.token_id AND customer_id IS NOT "
            "NEW.customer_id)"
            " BEGIN SELECT RAISE(ABORT, 'the payment''s customer does not own its card token'); END"_s,
            // A charge attempt is a financial record: it may change state, it never disappears.
            u"CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments"
            " BEGIN SELECT RAISE(ABORT, 'payments are never deleted'); END"_s,

            u"CREATE TABLE audit_log ("
            "  id INTEGER PRIMARY KEY,"
            "  at TEXT NOT NULL,"
            "  operator TEXT NOT NULL,"
            "  action TEXT NOT NULL CHECK (action <> ''),"
            "  object_type TEXT NOT NULL,"
            "  object_id INTEGER NOT NULL,"
            "  detail TEXT NOT NULL DEFAULT '')"_s,
            u"CREATE INDEX audit_log_object ON audit_log (object_type, object_id)"_s,
            u"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END"_s,
            u"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END"_s,
        },
    };
    return list;
}

// --- value conversion -------------------------------------------------------------------------

// Timestamps are UTC ISO-8601 with milliseconds and 'Z': they sort as text and compare in SQL.
QVariant timestampValue(const QDateTime &t)
{
    if (!t.isValid())
        return QVariant(QString()); // binds NULL
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime readTimestamp(const QVariant &v)
{
    if (v.isNull())
        return QDateTime();
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}

QVariant dateValue(const QDate &d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(QString());
}

QDate readDate(const QVariant &v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' meaning "none".
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

QVariant optionalMinor(const std::optional<Money> &m)
{
    return m ? QVariant(m->minorUnits()) : QVariant(QMetaType::fromType<qlonglong>());
}

QString capped(const QString &body)
{
    if (body.size() <= MaxBodyChars)
        return body;
    qsizetype keep = MaxBodyChars;
    if (body.at(keep - 1).isHighSurrogate())
        --keep;
    return body.left(keep) + u"\n[truncated: %1 characters in all]"_s.arg(body.size());
}

// Prefix search goes through the NOCASE indexes as a range: [prefix, successor) compared NOCASE.
// NOCASE folds ASCII letters only, so the bound is built on the ASCII-lowercased prefix.
QString prefixUpperBound(const QString &prefix)
{
    QList<uint> cps = prefix.toUcs4();
    for (uint &c : cps) {
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
    }
    while (!cps.isEmpty()) {
        uint next = cps.last() + 1;
        if (next >= 0xD800 && next <= 0xDFFF)
            next = 0xE000;
        // Under NOCASE no upper-case letter exists: the successor of '@' is '['.
        if (next >= 'A' && next <= 'Z')
            next = '[';
        if (next <= 0x10FFFF) {
            cps.last() = next;
            return QString::fromUcs4(reinterpret_cast<const char32_t *>(cps.constData()), cps.size());
        }
        cps.removeLast();
    }
    return QString(); // the prefix was all U+10FFFF: no upper bound
}

QString likeSubstringPattern(const QString &needle)
{
    QString escaped = needle;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return u'%' + escaped + u'%';
}

// --- statements -------------------------------------------------------------------------------

Error databaseError(const QString &what, const QSqlError &error)
{
    return Error{DatabaseField, what + u": "_s + error.text().trimmed()};
}

// A prepared statement whose failures come back as Result, worded for the operator.
class Statement
{
public:
    Statement(const QSqlDatabase &db, const QString &sql) : m_query(db)
    {
        m_query.setForwardOnly(true);
        m_prepared = m_query.prepare(sql);
    }

    Statement &bind(const QString &placeholder, const QVariant &value)
    {
        m_query.bindValue(placeholder, value);
        return *this;
    }
    Statement &bindAll(const QVariantMap &values)
    {
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            m_query.bindValue(it.key(), it.value());
        return *this;
    }

    Result<void> exec(const QString &what)
    {
        if (!m_prepared || !m_query.exec())
            return databaseError(what, m_query.lastError());
        return {};
    }

    QSqlQuery &query() { return m_query; }
    bool next() { return m_query.next(); }
    QVariant value(int i) const { return m_query.value(i); }

private:
    QSqlQuery m_query;
    bool m_prepared = false;
};

Result<void> execPlain(const QSqlDatabase &db, const QString &sql, const QString &what)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return databaseError(what, q.lastError());
    return {};
}

// After a failed step the error already on its way is the one worth reporting.
void rollbackQuietly(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(u"ROLLBACK"_s))
        qCWarning(lcStore) << "rollback failed:" << q.lastError().text();
}

Result<QVariant> pragmaValue(const QSqlDatabase &db, const QString &pragma)
{
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA "_s + pragma))
        return databaseError(u"Could not read the database settings"_s, q.lastError());
    return q.next() ? q.value(0) : QVariant();
}

// --- rows -------------------------------------------------------------------------------------

const QString CustomerColumns =
    u"c.id, c.name, c.email, c.phone, c.reference, c.notes, c.archived, c.created_at"_s;
constexpr int CustomerColumnCount = 8;

Customer readCustomer(const Statement &s)
{
    Customer c;
    c.id = s.value(0).toLongLong();
    c.name = s.value(1).toString();
    c.email = s.value(2).toString();
    c.phone = s.value(3).toString();
    c.reference = s.value(4).toString();
    c.notes = s.value(5).toString();
    c.archived = s.value(6).toInt() != 0;
    c.createdAt = readTimestamp(s.value(7));
    return c;
}

const QString TokenColumns =
    u"t.id, t.customer_id, t.token, t.label, t.issued_on, t.expires_on, "
    "t.first_amount_minor, t.currency, t.status, t.status_changed_at, t.last_used_at, "
    "t.created_at"_s;

CardToken readToken(const Statement &s)
{
    CardToken t;
    t.id = s.value(0).toLongLong();
    t.customerId = s.value(1).toLongLong();
    t.token = s.value(2).toString();
    t.label = s.value(3).toString();
    t.issuedOn = readDate(s.value(4));
    t.expiresOn = readDate(s.value(5));
    t.currency = s.value(7).toString();
    if (!s.value(6).isNull())
        t.firstAmount = Money(s.value(6).toLongLong(), t.currency);
    // An unreadable status must never make a token chargeable.
    t.status = tokenStatusFromName(s.value(8).toString()).value_or(TokenStatus::Invalid);
    t.statusChangedAt = readTimestamp(s.value(9));
    t.lastUsedAt = readTimestamp(s.value(10));
    t.createdAt = readTimestamp(s.value(11));
    return t;
}

const QString PaymentColumns =
    u"p.id, p.order_id, p.token_id, p.customer_id, p.amount_minor, p.currency, p.state, p.gateway_status, "
    "p.status_code, p.transaction_id, p.auth_code, p.mode, p.description, p.http_status, p.error_text, "
    "p.request_body, p.response_body, p.operator, p.note, p.created_at, p.updated_at, p.last_checked_at, "
    "p.refund_state, p.refund_status, p.refunded_at"_s;
constexpr int PaymentColumnCount = 25;

Payment readPayment(const Statement &s)
{
    Payment p;
    p.id = s.value(0).toLongLong();
    p.orderId = s.value(1).toString();
    p.tokenId = s.value(2).toLongLong();
    p.customerId = s.value(3).toLongLong();
    p.currency = s.value(5).toString();
    if (!s.value(4).isNull())
        p.amount = Money(s.value(4).toLongLong(), p.currency);
    // An unreadable state is treated as "the money may have moved", the cautious reading.
    p.state = paymentStateFromName(s.value(6).toString()).value_or(PaymentState::Unknown);
    p.gatewayStatus = s.value(7).toString();
    p.statusCode = s.value(8).toString();
    p.transactionId = s.value(9).toString();
    p.authCode = s.value(10).toString();
    p.mode = s.value(11).toString();
    p.description = s.value(12).toString();
    p.httpStatus = s.value(13).toInt();
    p.errorText = s.value(14).toString();
    p.requestBody = s.value(15).toString();
    p.responseBody = s.value(16).toString();
    p.operatorName = s.value(17).toString();
    p.note = s.value(18).toString();
    p.createdAt = readTimestamp(s.value(19));
    p.updatedAt = readTimestamp(s.value(20));
    p.lastCheckedAt = readTimestamp(s.value(21));
    p.refundState = refundStateFromName(s.value(22).toString()).value_or(RefundState::Unknown);
    p.refundStatus = s.value(23).toString();
    p.refundedAt = readTimestamp(s.value(24));
    return p;
}

AuditEntry readAudit(const Statement &s)
{
    AuditEntry e;
    e.id = s.value(0).toLongLong();
    e.at = readTimestamp(s.value(1));
    e.operatorName = s.value(2).toString();
    e.action = s.value(3).toString();
    e.objectType = s.value(4).toString();
    e.objectId = s.value(5).toLongLong();
    e.detail = s.value(6).toString();
    return e;
}

// --- query building ---------------------------------------------------------------------------

struct BuiltQuery
{
    QString sql;
    QVariantMap bindings;
};

QString direction(Qt::SortOrder order)
{
    return order == Qt::AscendingOrder ? u"ASC"_s : u"DESC"_s;
}

QString todayText(const QDate &today)
{
    return (today.isValid() ? today : QDate::currentDate()).toString(Qt::ISODate);
}

void addCustomerFilter(const CustomerQuery &query, QStringList &where, QVariantMap &bindings)
{
    if (!query.includeArchived)
        where << u"c.archived = 0"_s;
    const QString prefix = query.text.trimmed();
    if (prefix.isEmpty())
        return;
    const QString upper = prefixUpperBound(prefix);
    bindings.insert(u":lo"_s, prefix);
    QStringList any;
    for (const QString &column : {u"name"_s, u"email"_s, u"phone"_s, u"reference"_s}) {
        QString term = u"(c.%1 >= :lo COLLATE NOCASE"_s.arg(column);
        if (!upper.isNull())
            term += u" AND c.%1 < :hi COLLATE NOCASE"_s.arg(column);
        any << term + u')';
    }
    if (!upper.isNull())
        bindings.insert(u":hi"_s, upper);
    where << u'(' + any.join(u" OR "_s) + u')';
}

BuiltQuery buildFindCustomers(const CustomerQuery &query, bool countOnly)
{
    BuiltQuery built;
    QStringList where;
    addCustomerFilter(query, where, built.bindings);
    const QString whereSql = where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);
    if (countOnly) {
        built.sql = u"SELECT count(*) FROM customers c"_s + whereSql;
        return built;
    }

    const QString dir = direction(query.order);
    QString orderBy;
    switch (query.sort) {
    case CustomerQuery::Sort::Name:
        orderBy = u"c.name COLLATE NOCASE "_s + dir;
        break;
    case CustomerQuery::Sort::Email:
        orderBy = u"c.email COLLATE NOCASE "_s + dir;
        break;
    case CustomerQuery::Sort::Phone:
        orderBy = u"c.phone COLLATE NOCASE "_s + dir;
        break;
    case CustomerQuery::Sort::ActiveTokens:
        orderBy = u"active_tokens "_s + dir;
        break;
    case CustomerQuery::Sort::LastCharge:
        orderBy = u"last_charge_at "_s + dir;
        break;
    }
    built.sql = u"SELECT "_s + CustomerColumns +
                u", (SELECT count(*) FROM card_tokens t WHERE t.customer_id = c.id AND t.status = 'active'"
                " AND t.expires_on > :today) AS active_tokens,"
                " (SELECT max(p.created_at) FROM payments p WHERE p.customer_id = c.id) AS last_charge_at"
                " FROM customers c"_s +
                whereSql + u" ORDER BY "_s + orderBy + u", c.id "_s + dir + u" LIMIT :limit OFFSET :offset"_s;
    built.bindings.insert(u":today"_s, todayText(query.today));
    built.bindings.insert(u":limit"_s, query.limit > 0 ? query.limit : -1);
    built.bindings.insert(u":offset"_s, qMax(0, query.offset));
    return built;
}

BuiltQuery buildFindPayments(const PaymentQuery &query, bool countOnly)
{
    BuiltQuery built;
    QStringList where;
    if (query.state) {
        where << u"p.state = :state"_s;
        built.bindings.insert(u":state"_s, paymentStateName(*query.state));
    }
    // The operator picks local calendar days; rows carry UTC instants.
    if (query.from.isValid()) {
        where << u"p.created_at >= :from"_s;
        built.bindings.insert(u":from"_s, timestampValue(query.from.startOfDay()));
    }
    if (query.to.isValid()) {
        where << u"p.created_at < :to"_s;
        built.bindings.insert(u":to"_s, timestampValue(query.to.addDays(1).startOfDay()));
    }
    if (query.customerId > 0) {
        where << u"p.customer_id = :customer"_s;
        built.bindings.insert(u":customer"_s, query.customerId);
    }
    if (query.tokenId > 0) {
        where << u"p.token_id = :token"_s;
        built.bindings.insert(u":token"_s, query.tokenId);
    }
    const QString needle = query.text.trimmed();
    if (!needle.isEmpty()) {
        where << u"(p.order_id LIKE :text ESCAPE '\\' OR p.transaction_id LIKE :text ESCAPE '\\'"
                 " OR p.description LIKE :text ESCAPE '\\')"_s;
        built.bindings.insert(u":text"_s, likeSubstringPattern(needle));
    }
    const QString whereSql = where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);
    if (countOnly) {
        built.sql = u"SELECT count(*) FROM payments p"_s + whereSql;
        return built;
    }

    const QString dir = direction(query.order);
    QString orderBy;
    switch (query.sort) {
    case PaymentQuery::Sort::CreatedAt:
        orderBy = u"p.created_at "_s + dir;
        break;
    case PaymentQuery::Sort::Amount:
        orderBy = u"p.currency "_s + dir + u", p.amount_minor "_s + dir;
        break;
    case PaymentQuery::Sort::State:
        orderBy = u"p.state "_s + dir + u", p.created_at "_s + dir;
        break;
    case PaymentQuery::Sort::Customer:
        orderBy = u"c.name COLLATE NOCASE "_s + dir + u", p.created_at "_s + dir;
        break;
    case PaymentQuery::Sort::OrderId:
        orderBy = u"p.order_id "_s + dir;
        break;
    }
    built.sql = u"SELECT "_s + PaymentColumns +
                u", c.name, t.label, t.token FROM payments p"
                " LEFT JOIN customers c ON c.id = p.customer_id"
                " LEFT JOIN card_tokens t ON t.id = p.token_id"_s +
                whereSql + u" ORDER BY "_s + orderBy + u", p.id "_s + dir + u" LIMIT :limit OFFSET :offset"_s;
    built.bindings.insert(u":limit"_s, query.limit > 0 ? query.limit : -1);
    built.bindings.insert(u":offset"_s, qMax(0, query.offset));
    return built;
}

QString newConnectionName()
{
    static std::atomic<int> counter{0};
    return u"fatora-sqlite-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(++counter);
}

} // namespace

// --- opening ----------------------------------------------------------------------------------

SqliteStore::SqliteStore(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName)), m_path(std::move(path))
{
}

SqliteStore::~SqliteStore()
{
    if (m_transactionDepth > 0) {
        m_transactionDepth = 1;
        rollbackTransaction();
    }
    {
        QSqlDatabase db = database();
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase SqliteStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString SqliteStore::defaultPath(bool sandbox)
{
    // Set for tests, scripts and a second desk profile. Sandbox data has its own variable so
    // that demo customers and simulated payments can never land in the live database.
    const QString fromEnvironment =
        qEnvironmentVariable(sandbox ? "FATORA_SANDBOX_DATABASE" : "FATORA_DATABASE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(sandbox ? u"fatora-backoffice-sandbox.sqlite"_s
                                      : u"fatora-backoffice.sqlite"_s);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &path)
{
    if (path.trimmed().isEmpty())
        return Error{DatabaseField,
                     QCoreApplication::translate("fatora::SqliteStore", "No database file was given.")};
    const QFileInfo info(path);
    if (!info.absoluteDir().exists()) {
        return Error{DatabaseField,
                     QCoreApplication::translate("fatora::SqliteStore", "The folder %1 does not exist.")
                         .arg(QDir::toNativeSeparators(info.absolutePath()))};
    }

    std::unique_ptr<SqliteStore> store(new SqliteStore(newConnectionName(), path));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, store->m_connectionName);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        if (!db.open())
            return databaseError(u"Could not open %1"_s.arg(QDir::toNativeSeparators(path)), db.lastError());
    }
    if (auto configured = store->configure(); !configured)
        return configured.error();
    if (auto migrated = store->migrate(); !migrated)
        return migrated.error();
    return store;
}

static Error newerSchemaError(const QString &path, int found)
{
    return Error{DatabaseField,
                 QCoreApplication::translate(
                     "fatora::SqliteStore",
                     "The database %1 was written by a newer version of Fatora Back Office (schema %2); "
                     "this version understands up to %3; nothing was changed. Install the newer "
                     "version to use it.")
                     .arg(QDir::toNativeSeparators(path), QString::number(found),
                          QString::number(SqliteStore::SchemaVersion))};
}

Result<void> SqliteStore::configure()
{
    const QSqlDatabase db = database();
    if (auto r = execPlain(db, u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs),
                           u"Could not configure the database"_s);
        !r)
        return r;
    // Checked before anything below can touch the file: a newer database is left exactly as it was.
    auto version = pragmaValue(db, u"user_version"_s);
    if (!version)
        return version.error();
    if (version->toInt() > SchemaVersion)
        return newerSchemaError(m_path, version->toInt());

    if (auto r = execPlain(db, u"PRAGMA foreign_keys = ON"_s, u"Could not configure the database"_s); !r)
        return r;
    auto mode = pragmaValue(db, u"journal_mode = WAL"_s);
    if (!mode)
        return mode.error();
    if (mode->toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
        // Still correct (SQLite locks the whole file instead), only slower to share between processes.
        qCWarning(lcStore) << "database could not switch to WAL; journal mode is" << mode->toString();
    }
    return execPlain(db, u"PRAGMA synchronous = FULL"_s, u"Could not configure the database"_s);
}

Result<void> SqliteStore::migrate()
{
    const QSqlDatabase db = database();
    const QList<QStringList> &steps = migrations();
    Q_ASSERT(steps.size() == SchemaVersion);
    // The usual case takes no write lock, so opening never waits for the other process's writes.
    auto before = pragmaValue(db, u"user_version"_s);
    if (!before)
        return before.error();
    if (before->toInt() == SchemaVersion)
        return {};
    for (;;) {
        // IMMEDIATE: two processes opening a fresh file at once must not both create the tables.
        if (auto r = execPlain(db, u"BEGIN IMMEDIATE"_s, u"Could not start the database upgrade"_s); !r)
            return r;
        auto version = pragmaValue(db, u"user_version"_s);
        if (!version) {
            rollbackQuietly(db);
            return version.error();
        }
        const int current = version->toInt();
        if (current >= SchemaVersion) {
            rollbackQuietly(db);
            if (current > SchemaVersion)
                return newerSchemaError(m_path, current);
            return {};
        }
        const int target = current + 1;
        for (const QString &sql : steps.at(current)) {
            if (auto r = execPlain(db, sql, u"Could not upgrade the database to schema %1"_s.arg(target));
                !r) {
                rollbackQuietly(db);
                return r;
            }
        }
        if (auto r = execPlain(db, u"PRAGMA user_version = %1"_s.arg(target),
                               u"Could not upgrade the database to schema %1"_s.arg(target));
            !r) {
            rollbackQuietly(db);
            return r;
        }
        if (auto r = execPlain(db, u"COMMIT"_s, u"Could not upgrade the database to schema %1"_s.arg(target));
            !r) {
            rollbackQuietly(db);
            return r;
        }
        qCDebug(lcStore) << "database migrated to schema" << target;
    }
}

// --- transactions -----------------------------------------------------------------------------

Result<void> SqliteStore::beginTransaction()
{
    if (m_transactionDepth == 0) {
        // IMMEDIATE takes the write lock now, so a check-then-insert inside the transaction cannot
        // interleave with the other process (the desk and the CLI share the file).
        if (auto r = execPlain(database(), u"BEGIN IMMEDIATE"_s, u"Could not start a database transaction"_s);
            !r)
            return r;
        m_rollbackOnly = false;
    }
    ++m_transactionDepth;
    return {};
}

Result<void> SqliteStore::commitTransaction()
{
    if (m_transactionDepth == 0)
        return Error{DatabaseField, u"Commit without a transaction (a programming error)."_s};
    if (m_transactionDepth > 1) {
        --m_transactionDepth;
        return {};
    }
    if (m_rollbackOnly) {
        // Leave depth at 1: Transaction::commit rolls back on failure.
        return Error{DatabaseField,
                     QCoreApplication::translate("fatora::SqliteStore",
                                                 "A step of this change failed, so none of it was saved.")};
    }
    if (auto r = execPlain(database(), u"COMMIT"_s, u"Could not save the changes"_s); !r)
        return r;
    m_transactionDepth = 0;
    return {};
}

void SqliteStore::rollbackTransaction()
{
    if (m_transactionDepth == 0)
        return;
    if (m_transactionDepth > 1) {
        --m_transactionDepth;
        m_rollbackOnly = true;
        return;
    }
    // Fails harmlessly when SQLite already rolled back by itself (e.g. after a disk-full error).
    QSqlQuery q(database());
    if (!q.exec(u"ROLLBACK"_s))
        qCWarning(lcStore) << "rollback failed:" << q.lastError().text();
    m_transactionDepth = 0;
    m_rollbackOnly = false;
}

// --- customers --------------------------------------------------------------------------------

Result<qint64> SqliteStore::addCustomer(const Customer &customer)
{
    if (customer.name.trimmed().isEmpty())
        return Error{u"name"_s,
                     QCoreApplication::translate("fatora::SqliteStore", "Enter the customer's name.")};
    Statement s(database(),
                u"INSERT INTO customers (name, email, phone, reference, notes, archived, created_at)"
                " VALUES (:name, :email, :phone, :reference, :notes, :archived, :created)"_s);
    s.bind(u":name"_s, customer.name)
        .bind(u":email"_s, text(customer.email))
        .bind(u":phone"_s, text(customer.phone))
        .bind(u":reference"_s, text(customer.reference))
        .bind(u":notes"_s, text(customer.notes))
        .bind(u":archived"_s, customer.archived ? 1 : 0)
        .bind(u":created"_s, timestampValue(customer.createdAt.isValid() ? customer.createdAt
                                                                         : QDateTime::currentDateTimeUtc()));
    if (auto r = s.exec(u"Could not save the customer"_s); !r)
        return r.error();
    return s.query().lastInsertId().toLongLong();
}

Result<void> SqliteStore::updateCustomer(const Customer &customer)
{
    if (customer.name.trimmed().isEmpty())
        return Error{u"name"_s,
                     QCoreApplication::translate("fatora::SqliteStore", "Enter the customer's name.")};
    Statement s(database(), u"UPDATE customers SET name = :name, email = :email, phone = :phone,"
                            " reference = :reference, notes = :notes, archived = :archived WHERE id = :id"_s);
    s.bind(u":name"_s, customer.name)
        .bind(u":email"_s, text(customer.email))
        .bind(u":phone"_s, text(customer.phone))
        .bind(u":reference"_s, text(customer.reference))
        .bind(u":notes"_s, text(customer.notes))
        .bind(u":archived"_s, customer.archived ? 1 : 0)
        .bind(u":id"_s, customer.id);
    if (auto r = s.exec(u"Could not save the customer"_s); !r)
        return r;
    if (s.query().numRowsAffected() != 1)
        return Error{DatabaseField, u"Customer %1 does not exist."_s.arg(customer.id)};
    return {};
}

Result<Customer> SqliteStore::customer(qint64 id)
{
    Statement s(database(), u"SELECT "_s + CustomerColumns + u" FROM customers c WHERE c.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the customer"_s); !r)
        return r.error();
    if (!s.next())
        return Error{DatabaseField, u"Customer %1 does not exist."_s.arg(id)};
    return readCustomer(s);
}

Result<std::optional<Customer>> SqliteStore::customerByReference(const QString &reference)
{
    if (reference.isEmpty())
        return std::optional<Customer>();
    // The NOCASE comparison finds the row through the reference index; the plain one keeps the
    // match exact.
    Statement s(database(),
                u"SELECT "_s + CustomerColumns +
                    u" FROM customers c WHERE c.reference = :ref COLLATE NOCASE AND c.reference = :exact"
                    " ORDER BY c.id LIMIT 1"_s);
    s.bind(u":ref"_s, reference).bind(u":exact"_s, reference);
    if (auto r = s.exec(u"Could not look up the customer"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<Customer>();
    return std::optional<Customer>(readCustomer(s));
}

Result<QList<CustomerSummary>> SqliteStore::findCustomers(const CustomerQuery &query)
{
    const BuiltQuery built = buildFindCustomers(query, false);
    Statement s(database(), built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not search the customers"_s); !r)
        return r.error();
    QList<CustomerSummary> rows;
    while (s.next()) {
        CustomerSummary row;
        row.customer = readCustomer(s);
        row.activeTokens = s.value(CustomerColumnCount).toInt();
        row.lastChargeAt = readTimestamp(s.value(CustomerColumnCount + 1));
        rows.append(row);
    }
    return rows;
}

Result<int> SqliteStore::countCustomers(const CustomerQuery &query)
{
    const BuiltQuery built = buildFindCustomers(query, true);
    Statement s(database(), built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not count the customers"_s); !r)
        return r.error();
    return s.next() ? s.value(0).toInt() : 0;
}

// --- card tokens ------------------------------------------------------------------------------

Result<qint64> SqliteStore::addToken(const CardToken &token)
{
    if (auto valid = CardToken::validateTokenText(token.token, u"token"_s); !valid)
        return valid.error();
    if (!token.issuedOn.isValid()) {
        return Error{u"issued_on"_s, QCoreApplication::translate("fatora::SqliteStore",
                                                                 "Enter the date the token was issued.")};
    }
    const QDate latestExpiry = CardToken::defaultExpiry(token.issuedOn);
    const QDate expiresOn = token.expiresOn.isValid() ? token.expiresOn : latestExpiry;
    if (expiresOn > latestExpiry || expiresOn < token.issuedOn) {
        return Error{u"expires_on"_s,
                     QCoreApplication::translate(
                         "fatora::SqliteStore",
                         "A token stops working six months after it was issued; the expiry date "
                         "must fall between %1 and %2.")
                         .arg(token.issuedOn.toString(Qt::ISODate), latestExpiry.toString(Qt::ISODate))};
    }
    const QString currency = token.firstAmount ? token.firstAmount->currency() : token.currency;
    if (!Money::isKnownCurrency(currency)) {
        return Error{u"currency"_s, QCoreApplication::translate("fatora::SqliteStore",
                                                                "Choose the token's currency (e.g. QAR).")};
    }

    Statement s(
        database(),
        u"INSERT INTO card_tokens (customer_id, token, label, issued_on, expires_on, first_amount_minor,"
        " currency, status, status_changed_at, last_used_at, created_at) VALUES (:customer, :token, :label,"
        " :issued, :expires, :first, :currency, :status, :status_changed, :last_used, :created)"_s);
    s.bind(u":customer"_s, token.customerId)
        .bind(u":token"_s, token.token)
        .bind(u":label"_s, text(token.label))
        .bind(u":issued"_s, dateValue(token.issuedOn))
        .bind(u":expires"_s, dateValue(expiresOn))
        .bind(u":first"_s, optionalMinor(token.firstAmount))
        .bind(u":currency"_s, currency)
        .bind(u":status"_s, tokenStatusName(token.status))
        .bind(u":status_changed"_s, timestampValue(token.statusChangedAt))
        .bind(u":last_used"_s, timestampValue(token.lastUsedAt))
        .bind(u":created"_s,
              timestampValue(token.createdAt.isValid() ? token.createdAt : QDateTime::currentDateTimeUtc()));
    if (auto r = s.exec(u"Could not save the card token"_s); !r) {
        // SQLite's message names the column, never the value, so the token stays out of it.
        if (r.error().message.contains(u"card_tokens.token"_s)) {
            return Error{u"token"_s, QCoreApplication::translate("fatora::SqliteStore",
                                                                 "This card token is already on file.")};
        }
        return r.error();
    }
    return s.query().lastInsertId().toLongLong();
}

Result<void> SqliteStore::updateToken(const CardToken &token)
{
    // The token text and its owner never change: a different token is a new row.
    const QString currency = token.firstAmount ? token.firstAmount->currency() : token.currency;
    Statement s(database(),
                u"UPDATE card_tokens SET label = :label, expires_on = :expires, first_amount_minor = :first,"
                " currency = :currency, status = :status, status_changed_at = :status_changed,"
                " last_used_at = :last_used WHERE id = :id"_s);
    s.bind(u":label"_s, text(token.label))
        .bind(u":expires"_s, dateValue(token.expiresOn))
        .bind(u":first"_s, optionalMinor(token.firstAmount))
        .bind(u":currency"_s, currency)
        .bind(u":status"_s, tokenStatusName(token.status))
        .bind(u":status_changed"_s, timestampValue(token.statusChangedAt))
        .bind(u":last_used"_s, timestampValue(token.lastUsedAt))
        .bind(u":id"_s, token.id);
    if (auto r = s.exec(u"Could not save the card token"_s); !r)
        return r;
    if (s.query().numRowsAffected() != 1)
        return Error{DatabaseField, u"Card token %1 does not exist."_s.arg(token.id)};
    return {};
}

Result<CardToken> SqliteStore::token(qint64 id)
{
    Statement s(database(), u"SELECT "_s + TokenColumns + u" FROM card_tokens t WHERE t.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the card token"_s); !r)
        return r.error();
    if (!s.next())
        return Error{DatabaseField, u"Card token %1 does not exist."_s.arg(id)};
    return readToken(s);
}

Result<std::optional<CardToken>> SqliteStore::tokenByText(const QString &tokenText)
{
    Statement s(database(), u"SELECT "_s + TokenColumns + u" FROM card_tokens t WHERE t.token = :token"_s);
    s.bind(u":token"_s, tokenText);
    if (auto r = s.exec(u"Could not look up the card token"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<CardToken>();
    return std::optional<CardToken>(readToken(s));
}

Result<QList<CardToken>> SqliteStore::findTokens(const TokenQuery &query)
{
    QStringList where;
    QVariantMap bindings;
    if (query.customerId > 0) {
        where << u"t.customer_id = :customer"_s;
        bindings.insert(u":customer"_s, query.customerId);
    }
    if (query.status) {
        // Expiry by date is applied here as effectiveStatus does: active until expires_on.
        switch (*query.status) {
        case TokenStatus::Active:
            where << u"t.status = 'active' AND t.expires_on > :today"_s;
            break;
        case TokenStatus::Expired:
            where << u"(t.status = 'expired' OR (t.status = 'active' AND t.expires_on <= :today))"_s;
            break;
        default:
            where << u"t.status = :status"_s;
            bindings.insert(u":status"_s, tokenStatusName(*query.status));
            break;
        }
        if (*query.status == TokenStatus::Active || *query.status == TokenStatus::Expired)
            bindings.insert(u":today"_s, todayText(query.today));
    }
    bindings.insert(u":limit"_s, query.limit > 0 ? query.limit : -1);
    const QString sql = u"SELECT "_s + TokenColumns + u" FROM card_tokens t"_s +
                        (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s)) +
                        u" ORDER BY t.issued_on DESC, t.id DESC LIMIT :limit"_s;
    Statement s(database(), sql);
    s.bindAll(bindings);
    if (auto r = s.exec(u"Could not read the card tokens"_s); !r)
        return r.error();
    QList<CardToken> tokens;
    while (s.next())
        tokens.append(readToken(s));
    return tokens;
}

// --- payments ---------------------------------------------------------------------------------

namespace {

// Bodies and error texts are masked by the service before they get here; this is the second
// lock on the door: the token, raw or JSON-escaped, never lands in a payment row.
Result<QString> tokenTextFor(const QSqlDatabase &db, qint64 tokenId)
{
    Statement s(db, u"SELECT token FROM card_tokens WHERE id = :id"_s);
    s.bind(u":id"_s, tokenId);
    if (auto r = s.exec(u"Could not read the card token"_s); !r)
        return r.error();
    return s.next() ? s.value(0).toString() : QString();
}

QString scrubbed(QString body, const QString &token)
{
    if (token.isEmpty() || body.isEmpty())
        return text(body);
    const QString mask = CardToken::maskToken(token);
    body.replace(token, mask);
    // The same token as it appears inside a JSON string: backslashes and quotes escaped, and
    // '/' written as "\/" by encoders other than Qt's.
    QString escaped = QString::fromUtf8(QJsonDocument(QJsonArray{token}).toJson(QJsonDocument::Compact));
    escaped = escaped.mid(2, escaped.size() - 4);
    QString slashEscaped = escaped;
    slashEscaped.replace(u"/"_s, u"\\/"_s);
    for (const QString &form : {escaped, slashEscaped}) {
        if (form != token)
            body.replace(form, mask);
    }
    return body;
}

} // namespace

Result<qint64> SqliteStore::insertPayment(const Payment &payment)
{
    if (payment.orderId.isEmpty())
        return Error{u"order_id"_s, u"A payment needs an order id."_s};
    const QString currency = payment.amount ? payment.amount->currency() : payment.currency;
    auto tokenText = tokenTextFor(database(), payment.tokenId);
    if (!tokenText)
        return tokenText.error();
    const QDateTime created =
        payment.createdAt.isValid() ? payment.createdAt : QDateTime::currentDateTimeUtc();

    Statement s(
        database(),
        u"INSERT INTO payments (order_id, token_id, customer_id, amount_minor, currency, state, "
        u"gateway_status,"
        " status_code, transaction_id, auth_code, mode, description, http_status, error_text, request_body,"
        " response_body, operator, note, created_at, updated_at, last_checked_at, refund_state, "
        "refund_status,"
        " refunded_at) VALUES (:order, :token, :customer, :amount, :currency, :state, :gateway_status,"
        " :status_code, :transaction, :auth, :mode, :description, :http, :error, :request, :response,"
        " :operator, :note, :created, :updated, :checked, :refund_state, :refund_status, :refunded)"_s);
    s.bind(u":order"_s, payment.orderId)
        .bind(u":token"_s, payment.tokenId)
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
        .bind(u":error"_s, scrubbed(capped(payment.errorText), *tokenText))
        .bind(u":request"_s, scrubbed(capped(payment.requestBody), *tokenText))
        .bind(u":response"_s, scrubbed(capped(payment.responseBody), *tokenText))
        .bind(u":operator"_s, text(payment.operatorName))
        .bind(u":note"_s, text(payment.note))
        .bind(u":created"_s, timestampValue(created))
        .bind(u":updated"_s, timestampValue(payment.updatedAt.isValid() ? payment.updatedAt : created))
        .bind(u":checked"_s, timestampValue(payment.lastCheckedAt))
        .bind(u":refund_state"_s, refundStateName(payment.refundState))
        .bind(u":refund_status"_s, text(payment.refundStatus))
        .bind(u":refunded"_s, timestampValue(payment.refundedAt));
    if (auto r = s.exec(u"Could not save the payment"_s); !r) {
        if (r.error().message.contains(u"payments.order_id"_s)) {
            return Error{u"order_id"_s,
                         QCoreApplication::translate("fatora::SqliteStore",
                                                     "A payment with order id %1 already exists; "
                                                     "an order id is never used twice.")
                             .arg(payment.orderId)};
        }
        return r.error();
    }
    return s.query().lastInsertId().toLongLong();
}

Result<void> SqliteStore::updatePayment(const Payment &payment)
{
    // Order id, token, customer, amount and creation time are the intent and never change.
    auto tokenText = tokenTextFor(database(), payment.tokenId);
    if (!tokenText)
        return tokenText.error();
    Statement s(
        database(),
        u"UPDATE payments SET state = :state, gateway_status = :gateway_status, status_code = :status_code,"
        " transaction_id = :transaction, auth_code = :auth, mode = :mode, description = :description,"
        " http_status = :http, error_text = :error, request_body = :request, response_body = :response,"
        " operator = :operator, note = :note, updated_at = :updated, last_checked_at = :checked,"
        " refund_state = :refund_state, refund_status = :refund_status, refunded_at = :refunded"
        " WHERE id = :id"_s);
    s.bind(u":state"_s, paymentStateName(payment.state))
        .bind(u":gateway_status"_s, text(payment.gatewayStatus))
        .bind(u":status_code"_s, text(payment.statusCode))
        .bind(u":transaction"_s, text(payment.transactionId))
        .bind(u":auth"_s, text(payment.authCode))
        .bind(u":mode"_s, text(payment.mode))
        .bind(u":description"_s, text(payment.description))
        .bind(u":http"_s, payment.httpStatus)
        .bind(u":error"_s, scrubbed(capped(payment.errorText), *tokenText))
        .bind(u":request"_s, scrubbed(capped(payment.requestBody), *tokenText))
        .bind(u":response"_s, scrubbed(capped(payment.responseBody), *tokenText))
        .bind(u":operator"_s, text(payment.operatorName))
        .bind(u":note"_s, text(payment.note))
        .bind(u":updated"_s, timestampValue(payment.updatedAt.isValid() ? payment.updatedAt
                                                                        : QDateTime::currentDateTimeUtc()))
        .bind(u":checked"_s, timestampValue(payment.lastCheckedAt))
        .bind(u":refund_state"_s, refundStateName(payment.refundState))
        .bind(u":refund_status"_s, text(payment.refundStatus))
        .bind(u":refunded"_s, timestampValue(payment.refundedAt))
        .bind(u":id"_s, payment.id);
    if (auto r = s.exec(u"Could not save the payment"_s); !r)
        return r;
    if (s.query().numRowsAffected() != 1)
        return Error{DatabaseField, u"Payment %1 does not exist."_s.arg(payment.id)};
    return {};
}

Result<Payment> SqliteStore::payment(qint64 id)
{
    Statement s(database(), u"SELECT "_s + PaymentColumns + u" FROM payments p WHERE p.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the payment"_s); !r)
        return r.error();
    if (!s.next())
        return Error{DatabaseField, u"Payment %1 does not exist."_s.arg(id)};
    return readPayment(s);
}

Result<std::optional<Payment>> SqliteStore::paymentByOrderId(const QString &orderId)
{
    Statement s(database(), u"SELECT "_s + PaymentColumns + u" FROM payments p WHERE p.order_id = :order"_s);
    s.bind(u":order"_s, orderId);
    if (auto r = s.exec(u"Could not look up the payment"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<Payment>();
    return std::optional<Payment>(readPayment(s));
}

Result<QList<PaymentRow>> SqliteStore::findPayments(const PaymentQuery &query)
{
    const BuiltQuery built = buildFindPayments(query, false);
    Statement s(database(), built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not search the payments"_s); !r)
        return r.error();
    QList<PaymentRow> rows;
    while (s.next()) {
        PaymentRow row;
        row.payment = readPayment(s);
        row.customerName = s.value(PaymentColumnCount).toString();
        row.tokenLabel = s.value(PaymentColumnCount + 1).toString();
        // The full token is read only to be masked here; it never leaves the store.
        row.tokenMask = CardToken::maskToken(s.value(PaymentColumnCount + 2).toString());
        rows.append(row);
    }
    return rows;
}

Result<int> SqliteStore::countPayments(const PaymentQuery &query)
{
    const BuiltQuery built = buildFindPayments(query, true);
    Statement s(database(), built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not count the payments"_s); !r)
        return r.error();
    return s.next() ? s.value(0).toInt() : 0;
}

Result<QList<Payment>> SqliteStore::paymentsInState(PaymentState state)
{
    Statement s(database(), u"SELECT "_s + PaymentColumns +
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
    Statement s(database(),
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
    QString sql = u"SELECT "_s + PaymentColumns +
                  u" FROM payments p WHERE p.token_id = :token AND p.state = 'approved'"_s;
    if (since.isValid())
        sql += u" AND p.created_at >= :since"_s;
    sql += u" ORDER BY p.created_at DESC, p.id DESC LIMIT 1"_s;
    Statement s(database(), sql);
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
    Statement s(database(), u"INSERT INTO audit_log (at, operator, action, object_type, object_id, detail)"
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
    Statement s(database(), u"SELECT id, at, operator, action, object_type, object_id, detail FROM audit_log"
                            " WHERE object_type = :type AND object_id = :object ORDER BY id"_s);
    s.bind(u":type"_s, objectType).bind(u":object"_s, objectId);
    if (auto r = s.exec(u"Could not read the audit log"_s); !r)
        return r.error();
    QList<AuditEntry> entries;
    while (s.next())
        entries.append(readAudit(s));
    return entries;
}

// --- plans ------------------------------------------------------------------------------------

namespace {

Result<QStringList> explain(const QSqlDatabase &db, const BuiltQuery &built)
{
    Statement s(db, u"EXPLAIN QUERY PLAN "_s + built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not explain the query"_s); !r)
        return r.error();
    QStringList lines;
    while (s.next())
        lines << s.value(3).toString();
    return lines;
}

} // namespace

Result<QStringList> SqliteStore::explainFindCustomers(const CustomerQuery &query)
{
    return explain(database(), buildFindCustomers(query, false));
}

Result<QStringList> SqliteStore::explainFindPayments(const PaymentQuery &query)
{
    return explain(database(), buildFindPayments(query, false));
}

} // namespace fatora
