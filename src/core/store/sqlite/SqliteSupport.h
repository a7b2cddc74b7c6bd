#pragma once

// Internal to the SQLite store (SqliteStore, SqliteSchema, SqliteQueries, SqliteBulkWriter):
// value conversion, statements whose failures come back as Result, and row readers.
// Not part of the contract between engineers; nothing outside src/core/Sqlite*.cpp includes it.

#include "domain/AuditEntry.h"
#include "domain/CardToken.h"
#include "domain/Customer.h"
#include "domain/Money.h"
#include "domain/Payment.h"
#include "domain/Result.h"

#include <QDate>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantMap>

#include <memory>
#include <optional>
#include <unordered_map>

namespace fatora::sqlite {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

constexpr int BusyTimeoutMs = 5000;

inline QString databaseField()
{
    return QStringLiteral("database");
}

// An error about the database itself (not one field of the request).
inline Error storeError(ErrorKind kind, const QString &message)
{
    return Error{databaseField(), message, kind};
}

// The kind of a failed statement, from SQLite's (extended) result code, never from its words.
ErrorKind errorKindOf(const QSqlError &error);

// --- value conversion -------------------------------------------------------------------------

// Timestamps are UTC ISO-8601 with milliseconds and 'Z': they sort as text and compare in SQL.
QVariant timestampValue(const QDateTime &t);
QDateTime readTimestamp(const QVariant &v);
QVariant dateValue(const QDate &d);
QDate readDate(const QVariant &v);
// A null QString binds as SQL NULL; the text columns are NOT NULL with '' meaning "none".
QString text(const QString &s);
// Payment::ownerSession as a column value: 0 is NULL (no owner).
QVariant ownerValue(qint64 sessionId);
QVariant optionalMinor(const std::optional<Money> &m);
QString todayText(const QDate &today);

// --- statements -------------------------------------------------------------------------------

Error databaseError(const QString &what, const QSqlError &error);

// Prepared statements kept for reuse on one connection, by SQL text: parsing and planning a
// statement costs more than running most of ours. Bounded; finalize with clear() before the
// connection closes.
class StatementCache
{
public:
    static constexpr int MaxStatements = 96;

    explicit StatementCache(QString connectionName) : m_connectionName(std::move(connectionName)) {}
    ~StatementCache() { clear(); }
    StatementCache(const StatementCache &) = delete;
    StatementCache &operator=(const StatementCache &) = delete;

    void clear();

private:
    friend class Statement;
    struct Entry
    {
        std::unique_ptr<QSqlQuery> query;
        bool prepared = false;
        bool inUse = false;
    };
    // nullptr when this text is already in use further up the stack.
    Entry *acquire(const QString &sql);

    QString m_connectionName;
    std::unordered_map<QString, Entry> m_entries; // nodes stay put: Statements hold Entry pointers
};

// A prepared statement whose failures come back as Result, worded for the operator. Either a
// one-off (database) or borrowed from a StatementCache and reset when this object goes away, so a
// half-read result never keeps a read snapshot open.
class Statement
{
public:
    Statement(const QSqlDatabase &db, const QString &sql);
    Statement(StatementCache &cache, const QString &sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(const QString &placeholder, const QVariant &value)
    {
        m_query->bindValue(placeholder, value);
        return *this;
    }
    Statement &bindAll(const QVariantMap &values);
    Result<void> exec(const QString &what);
    // exec() for a change of one row by its id: fails with `missing` when no row had that id.
    Result<void> execOneRow(const QString &what, const QString &missing);

    QSqlQuery &query() { return *m_query; }
    const QSqlQuery &query() const { return *m_query; }
    bool next() { return m_query->next(); }
    QVariant value(int i) const { return m_query->value(i); }

private:
    QString m_connection;
    std::optional<QSqlQuery> m_own;
    QSqlQuery *m_query = nullptr;
    StatementCache::Entry *m_cached = nullptr;
    bool m_prepared = false;
};

// Tests only: every statement a connection runs waits this long first, as over a slow link, so a
// test can prove which thread waits for the database (0: none, the default).
void setStatementDelay(const QString &connectionName, int ms);

Result<void> execPlain(const QSqlDatabase &db, const QString &sql, const QString &what);
// After a failed step the error already on its way is the one worth reporting.
void rollbackQuietly(const QSqlDatabase &db);
// what starts the message on failure (default: "Could not read the database settings").
Result<QVariant> pragmaValue(const QSqlDatabase &db, const QString &pragma, const QString &what = {});

// --- rows -------------------------------------------------------------------------------------

extern const QString CustomerColumns; // c.id ... c.created_at
constexpr int CustomerColumnCount = 8;
extern const QString TokenColumns;   // t.id ... t.created_at
extern const QString PaymentColumns; // p.id ... p.taken_minor, p.owner_session, p.kind, p.checkout_url,
                                     // p.saved_token_id
constexpr int PaymentColumnCount = 31;

Customer readCustomer(const QSqlQuery &q, int first = 0);
CardToken readToken(const QSqlQuery &q, int first = 0);
Payment readPayment(const QSqlQuery &q, int first = 0);
AuditEntry readAudit(const QSqlQuery &q, int first = 0);
inline Customer readCustomer(const Statement &s)
{
    return readCustomer(s.query());
}
inline CardToken readToken(const Statement &s)
{
    return readToken(s.query());
}
inline Payment readPayment(const Statement &s)
{
    return readPayment(s.query());
}
inline AuditEntry readAudit(const Statement &s)
{
    return readAudit(s.query());
}

} // namespace fatora::sqlite
