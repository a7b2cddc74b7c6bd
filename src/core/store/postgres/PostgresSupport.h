#pragma once

// Internal to the PostgreSQL store (PostgresStore, PostgresQueries): error kinds from SQLSTATE,
// the connection's transaction state, statements whose failures come back as Result, and row
// readers. Nothing outside src/core/store/postgres/ includes it.

#include "domain/AuditEntry.h"
#include "domain/CardToken.h"
#include "domain/Customer.h"
#include "domain/Money.h"
#include "domain/Payment.h"
#include "domain/Result.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

class QSqlDriver;
class QSqlError;

namespace fatora::postgres {

Q_DECLARE_LOGGING_CATEGORY(lcPostgres)

// How long a writer waits for another desk's transaction (lock_timeout) before giving up with
// ErrorKind::Busy: SQLite's busy timeout.
constexpr int LockTimeoutMs = 5000;

inline QString databaseField()
{
    return QStringLiteral("database");
}

inline Error storeError(ErrorKind kind, const QString &message)
{
    return Error{databaseField(), message, kind};
}

// Operator-facing words, in the store's translation context.
QString translated(const char *text);

// A write's outcome without the id it returned.
inline Result<void> withoutId(const Result<qint64> &written)
{
    if (!written)
        return written.error();
    return {};
}

// The kind of a failed statement, from its SQLSTATE (QSqlError::nativeErrorCode), never from its
// words. No SQLSTATE at all means the server never answered: the connection is gone.
ErrorKind errorKindOf(const QSqlError &error);
// "what: <the server's first line>". Only the first line: PostgreSQL's DETAIL repeats the values
// of a refused row (a card token, say), and those never belong in a message or a log.
Error databaseError(const QString &what, const QSqlError &error);

// --- values -----------------------------------------------------------------------------------

// Bound as typed values; QPSQL writes a QDateTime as UTC with milliseconds.
QVariant timestampValue(const QDateTime &t);
QDateTime readTimestamp(const QVariant &v);
QVariant dateValue(const QDate &d);
QDate today(const QDate &given); // the given day, or the current date when null
// A null QString binds as SQL NULL; the text columns are NOT NULL with '' meaning "none".
QString text(const QString &s);
// Payment::ownerSession as a column value: 0 is NULL (no owner).
QVariant ownerValue(qint64 sessionId);
QVariant optionalMinor(const std::optional<Money> &m);

// --- the connection ---------------------------------------------------------------------------

// A statement held back to travel in the round trip of the session's next one (execWithHeld).
struct HeldStatement
{
    QString sql;  // one statement, its values written in
    QString what; // the operator's words should the server refuse it
    // The words instead when it fails for another desk's lock (ErrorKind::Busy); empty: `what`.
    QString busyMessage = {};
    // BEGIN and the writers' lock: until they are sent, the server knows of no transaction.
    bool opensTransaction = false;
};

// One QPSQL connection and what the store knows about its transaction. PostgreSQL aborts the
// whole transaction on any failed statement (SQLite only undoes the statement); Session records
// it, so a commit never silently turns into PostgreSQL's quiet ROLLBACK.
class Session
{
public:
    static constexpr int MaxStatements = 96;

    explicit Session(QString connectionName) : m_connectionName(std::move(connectionName)) {}
    ~Session() { clearStatements(); }
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    const QString &connectionName() const { return m_connectionName; }
    void clearStatements();

    // A kept statement planned under a name of this store's own (QPSQL keeps its names to itself),
    // so that it can go as "EXECUTE name(values)" in the round trip of held statements and still
    // be planned once per connection, as when it goes prepared. nullptr when it cannot be had
    // (too many, or the server refused the PREPARE).
    struct NamedPlan
    {
        QString name;
        QStringList placeholders; // in the order of $1, $2, ...
    };
    const NamedPlan *namedPlan(const QString &sql);
    // A statement failed: outside a savepoint, the transaction (if any) is lost.
    void noteFailure();

    int depth = 0;             // nested Store::Transaction guards
    bool rollbackOnly = false; // an inner guard gave up: the outermost commit must not happen
    bool aborted = false;      // a statement failed: the server refuses everything until rollback
    bool inSavepoint = false;  // a failure there is undone by ROLLBACK TO SAVEPOINT, not fatal
    int savepoints = 0;        // write steps' savepoints still set in this transaction (see writeStep)
    // Released in a batch at this many: PostgreSQL keeps up to 64 subtransactions of a session in
    // shared memory, and every other session's snapshot slows once one has more.
    static constexpr int MaxSavepoints = 32;
    // Written in this transaction and not sent yet (its BEGIN and the writers' lock, audit entries,
    // a settled card's stamp; see PostgresStore::beginTransaction, appendAuditUnnumbered and
    // markTokenUsed): they go first, in order, in
    // the round trip of the session's next statement or its COMMIT, and are dropped with the
    // transaction.
    QList<HeldStatement> held;
    // Whether the server has been told of the open transaction yet.
    bool transactionSent() const { return held.isEmpty() || !held.first().opensTransaction; }
    // Whether a COMMIT now would save anything: some statement was sent or is held.
    bool transactionWrote() const;

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
    static constexpr int MaxNamedPlans = 32;        // the charge path's few statements, and room
    std::unordered_map<QString, NamedPlan> m_plans; // by the kept statement's text
    int m_planSequence = 0;
};

// A server-side prepared statement kept for reuse on the session's connection, whose failures
// come back as Result worded for the operator. Results are read whole (not forward-only): on
// QPSQL, a second query while a forward-only result is being read would discard its rest.
class Statement
{
public:
    // Kept: prepared once per connection and reused (the charge path's short statements). Fresh:
    // sent once, its values written into the text as QPSQL writes them into every EXECUTE (the
    // driver's formatValue), so the server plans it for these values, in one round trip instead
    // of PREPARE, EXECUTE and DEALLOCATE. After five executions PostgreSQL may keep one generic
    // plan for a prepared statement, which for a search ("LIKE $1", its pattern unknown) can
    // walk a million rows where the text's own plan reads a few hundred. The lists' statements
    // are fresh; planning costs a fraction of a millisecond.
    enum class Plan { Kept, Fresh };
    Statement(Session &session, const QString &sql, Plan plan = Plan::Kept);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(const QString &placeholder, const QVariant &value)
    {
        // Kept too: with statements held back, it travels as text in their round trip.
        m_values.insert(placeholder, value);
        if (!m_fresh)
            m_query->bindValue(placeholder, value);
        return *this;
    }
    Statement &bindAll(const QVariantMap &values);
    Result<void> exec(const QString &what);
    // exec() of a statement "... RETURNING id" that must touch one row: `missing` when none.
    Result<qint64> execReturningId(const QString &what, const QString &missing);

    bool next() { return m_query->next(); }
    QVariant value(int i) const { return m_query->value(i); }
    const QSqlQuery &query() const { return *m_query; }

private:
    Session &m_session;
    std::optional<QSqlQuery> m_own;
    QSqlQuery *m_query = nullptr;
    Session::Entry *m_cached = nullptr;
    bool m_prepared = false;
    bool m_fresh = false;
    QString m_sql;        // the text with its :placeholders
    QVariantMap m_values; // their values
};

// A bound value as QPSQL's EXECUTE writes it: the driver's formatValue, and NULL for a null
// QString or QByteArray too.
QString formattedValue(const QVariant &value, const QSqlDriver *driver);
// `sql` with each :placeholder (outside quotes, not a :: cast) replaced by replace(name); empty
// when replace gives a null QString.
QString withPlaceholders(const QString &sql, const std::function<QString(const QString &)> &replace);
// `sql` with each :placeholder replaced by its value (formattedValue); empty when a placeholder
// has no value (a programming error).
QString withValues(const QString &sql, const QVariantMap &values, const QSqlDriver *driver);

// A statement without parameters, not prepared (DDL, BEGIN, locks).
Result<void> execPlain(Session &session, const QString &sql, const QString &what);

// Runs `sql` (its values written in) on `q` after the session's held statements, all in one round
// trip, and leaves `q` on sql's own result. A held statement the server refuses is reported in its
// own words; the statements after it never ran.
Result<void> execWithHeld(Session &session, QSqlQuery &q, const QString &sql, const QString &what);

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

} // namespace fatora::postgres
