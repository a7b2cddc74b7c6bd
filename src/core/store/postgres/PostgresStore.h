#pragma once

#include "store/postgres/PostgresQueries.h"
#include "store/StatementText.h"
#include "store/Store.h"

#include <QHash>

#include <functional>
#include <memory>
#include <optional>

namespace fatora {

class PostgresBulkWriter;
namespace postgres {
class Session;
}

// The shared store: one PostgreSQL database that several desks and the CLI use at once, over
// Qt's QPSQL driver (one connection per store, on the thread that opened it).
//
// How Store::Transaction's guarantee is kept: READ COMMITTED, and every write transaction starts
// by taking one transaction-scoped advisory lock (pg_advisory_xact_lock) that all writers of the
// database share - SQLite's BEGIN IMMEDIATE, on a server. So "read, decide, write" inside a
// transaction (no open charge on this card? then write one ahead; still open? then settle it)
// never interleaves with another desk's, and every read inside sees what the previous writer
// committed. A single write outside a transaction takes the lock for its own short transaction,
// so it too waits for (never slips between) another desk's steps. BEGIN and the lock are sent
// in the round trip of the transaction's first statement, ahead of it (Session::held). Waiting is
// bounded by lock_timeout (LockTimeoutMs), then that first call fails with ErrorKind::Busy, as
// SQLite's busy timeout does at started().
// Why not row locks (SELECT ... FOR UPDATE on the card) or SERIALIZABLE: the store does not know
// which transaction is a charge - the payment service composes reads and writes through the
// Store interface - and the contract promises the lock before the transaction's first read. Row
// locks would cover only the reads that ask for them; under SERIALIZABLE both desks read the
// state before the other's commit (the contract says reads inside see the data as it is) and one
// fails only at commit, a retry every caller would have to make. One lock per database costs
// writer concurrency, which a desk's few writes a minute do not need. The database's own rules (unique order
// id, one open charge per card, intent never changes, outcomes move forward, ...) hold besides, whoever
// writes.
//
// One guarantee a server cannot give as a file can: when the connection drops during COMMIT,
// commit() fails with Unavailable although the server may have committed. No client can know;
// every later call fails Unavailable too until checkReachable() connects again (QPSQL never does it
// by itself), and what the server kept is read from then on (a written-ahead charge shows as open,
// and the desk's recovery makes it unknown, to verify, if no answer of its own settles it). The
// session lease is taken again under the same id, so the others never take this desk's calls in
// flight for a dead desk's once it is back.
//
// PostgreSQL aborts a whole transaction on any failed statement; SQLite only undoes the statement.
// A write inside a transaction therefore runs under a savepoint, so a refused row leaves the
// transaction usable, as on SQLite. A charge's five writes run without one, a round trip each
// less: an audit entry and a card's last use, which the database refuses only when something is
// broken; a payment's insert, whose two refusals a caller may meet (an order id used before, a card
// with an open charge) are unique keys answered by ON CONFLICT DO NOTHING, never a server error;
// and a payment's update, which the database refuses only when the caller read the row wrong
// (intent changed, outcome moving back). A failure there loses the transaction, which every
// service gives up on such an error anyway. What `db copy` writes keeps its savepoints, so that
// a refused row is reported and the copy goes on.
//
// Card tokens and the server's log: QPSQL sends bound values inside the EXECUTE text, and the
// server logs a refused statement with that text and its DETAIL. The store asks before it inserts
// a token, so a duplicate (the usual refusal) is answered without a server error; any other
// refused statement carrying a token (a card for a missing customer, say) is still logged with
// it, so a shared server should run with log_min_error_statement = panic for this database (to
// be written into the set-up steps).
//
// Errors carry ErrorKind from the SQLSTATE (PostgresSupport: errorKindOf). A database whose
// schema version is newer than this code's is refused with ErrorKind::Unavailable (as SqliteStore
// refuses a newer file): nothing can be fixed in the input, the application must be upgraded.
class PostgresStore final : public Store
{
public:
    static constexpr int SchemaVersion = 12;
    // How far this computer's clock may be from the server's (see checkSession).
    static constexpr int MaxClockSkewSecs = 60;

    // What a postgresql:// URL names. The password is used to connect (and again after a lost
    // connection: the store keeps it in memory for that) and never shown: displayUrl() leaves it out.
    struct ConnectionSettings
    {
        QString host;
        int port = 5432;
        QString database;
        QString user;     // empty: libpq's default (the operating system user)
        QString password; // empty: none (trust, peer, or a password file)
        QString sslMode;  // empty: libpq's default; else disable, require or verify-full

        // The URL without the password: what location(), messages and logs show.
        QString displayUrl() const;
    };

    // postgresql://[user[:password]@]host[:port]/dbname[?sslmode=disable|require|verify-full].
    // A wrong URL is a Validation error naming its part: url, host, port, database or sslmode.
    static Result<ConnectionSettings> parseUrl(const QString &url);
    // Connects and migrates (creating the schema in an empty database). Refuses a database with a
    // newer schema, leaving it untouched.
    static Result<std::unique_ptr<PostgresStore>> open(const QString &url);
    static Result<std::unique_ptr<PostgresStore>> open(const ConnectionSettings &settings);
    // Connects and reads the schema version without changing anything ("Test connection"): an
    // empty database reads as found = 0. A newer schema is refused as open() refuses it.
    static Result<SchemaState> probe(const ConnectionSettings &settings);

    ~PostgresStore() override;
    PostgresStore(const PostgresStore &) = delete;
    PostgresStore &operator=(const PostgresStore &) = delete;

    QString location() const override { return m_location; }
    Result<std::unique_ptr<ChangeFeed>> watchChanges() override;
    Result<void> checkReachable() override;
    int reconnections() const override { return m_reconnections; }
    bool inTransaction() const override;
    SchemaState schemaState() const override
    {
        return {QStringLiteral("postgresql"), m_schemaFound, SchemaVersion};
    }
    Result<Counts> counts() override;

    Result<Customer> customer(qint64 id) override;
    Result<std::optional<Customer>> customerByReference(const QString &reference) override;
    Result<QList<CustomerSummary>> findCustomers(const CustomerQuery &query) override;
    Result<int> countCustomers(const CustomerQuery &query) override;

    Result<void> markTokenUsed(qint64 tokenId, const QDateTime &at) override;
    Result<CardToken> token(qint64 id) override;
    Result<std::optional<CardToken>> tokenByText(const QString &token) override;
    Result<QList<CardToken>> findTokens(const TokenQuery &query) override;

    Result<Payment> payment(qint64 id) override;
    Result<std::optional<Payment>> paymentByOrderId(const QString &orderId) override;
    Result<QList<PaymentRow>> findPayments(const PaymentQuery &query) override;
    Result<int> countPayments(const PaymentQuery &query) override;
    Result<PaymentTotals> paymentTotals(const PaymentQuery &query) override;
    Result<QList<Payment>> paymentsInState(PaymentState state) override;
    Result<std::optional<Payment>> openChargeForToken(qint64 tokenId) override;
    Result<CardForCharge> tokenForCharge(qint64 tokenId) override;
    Result<std::optional<Payment>> lastApprovedCharge(qint64 tokenId, const QDateTime &since) override;

    Result<qint64> openSession(const SessionInfo &info) override;
    qint64 sessionId() const override { return m_sessionId; }
    Result<void> renewSession(qint64 sessionId) override;
    Result<void> closeSession() override;
    Result<bool> isSessionAlive(qint64 sessionId) override;
    Result<QList<SessionRecord>> liveSessions() override;
    Result<QList<SessionRecord>> sessions(const QList<qint64> &ids) override;

    Result<void> setBatchState(qint64 batchId, BatchState state, const QDateTime &at) override;
    Result<Batch> batch(qint64 id) override;
    Result<QList<Batch>> findBatches(int limit) override;
    Result<void> markBatchItemSent(qint64 itemId, const QString &orderId, qint64 paymentId,
                                   const QDateTime &at) override;
    Result<int> cancelQueuedBatchItems(qint64 batchId, const QDateTime &at) override;
    Result<QList<BatchItem>> batchItems(qint64 batchId, const BatchItemQuery &query) override;

    Result<StaffMember> signedIn() override;
    bool keepsStaffAccounts() const override { return true; }
    Result<QList<StaffMember>> staff() override;
    Result<qint64> addStaff(const QString &login, StaffRole role, const QString &oneTimePassword) override;
    Result<void> setStaffRole(const QString &login, StaffRole role) override;
    Result<void> setStaffEnabled(const QString &login, bool enabled) override;
    Result<void> changeOwnPassword(const QString &newPassword) override;
    Result<Money> refundApprovalLimit() override;
    Result<void> setRefundApprovalLimit(const Money &limit) override;
    Result<bool> refundNeedsApproval(qint64 paymentId) override;
    Result<qint64> addRefundApproval(qint64 paymentId, const QString &reason) override;
    Result<QList<RefundApproval>> refundApprovals(const RefundApprovalQuery &query) override;
    Result<RefundApproval> refundApproval(qint64 id) override;
    Result<void> decideRefundApproval(qint64 id, RefundApproval::State decision, const QString &note) override;

    Result<qint64> appendAudit(const AuditEntry &entry) override;
    Result<void> appendAuditUnnumbered(const AuditEntry &entry) override;
    Result<QList<AuditEntry>> auditFor(const QString &objectType, qint64 objectId) override;
    Result<QList<AuditEntry>> findAudit(const AuditQuery &query) override;

    // The SQL text and bindings behind findCustomers / findPayments / findTokens / paymentTotals, so
    // a benchmark can time the bare statement on its own connection as the baseline beside the
    // store (as SqliteStore's). Not static: a store may plan a statement from the data first.
    Result<StatementText> findCustomersStatement(const CustomerQuery &query);
    Result<StatementText> findPaymentsStatement(const PaymentQuery &query);
    static StatementText findTokensStatement(const TokenQuery &query);
    Result<StatementText> paymentTotalsStatement(const PaymentQuery &query);
    Result<QList<Customer>> customersAfter(qint64 afterId, int limit) override;
    Result<QList<CardToken>> tokensAfter(qint64 afterId, int limit) override;
    Result<QList<Payment>> paymentsAfter(qint64 afterId, int limit) override;
    Result<QList<AuditEntry>> auditByObjectAfter(const AuditEntry &after, int limit) override;
    Result<QList<Customer>> customersNamedAndAdded(const QString &name, const QDateTime &createdAt) override;

protected:
    Result<qint64> insertCustomerRow(const Customer &customer) override;
    Result<void> updateCustomerRow(const Customer &customer) override;
    Result<qint64> insertTokenRow(const CardToken &token) override;
    Result<void> updateTokenRow(const CardToken &token) override;
    Result<qint64> insertPaymentRow(const Payment &payment) override;
    Result<qint64> insertImportedPaymentRow(const Payment &payment) override;
    Result<qint64> insertBatchRow(const Batch &batch) override;
    Result<qint64> insertBatchItemRow(const BatchItem &item) override;
    Result<void> markBatchItemRefusedRow(qint64 itemId, const QString &skip, const QString &reason,
                                         const QDateTime &at) override;
    Result<void> updatePaymentRow(const Payment &payment) override;
    Result<void> updateImportedPaymentRow(const Payment &payment) override;
    Result<qint64> insertImportedAuditRow(const AuditEntry &entry) override;
    Result<void> beginTransaction() override;
    Result<void> commitTransaction() override;
    void rollbackTransaction() override;

private:
    friend class PostgresBulkWriter; // writes through this store's connection and transaction state
    PostgresStore(const QString &connectionName, const QString &displayUrl);
    // Connects, configures the session and checks the clock; no migration.
    static Result<std::unique_ptr<PostgresStore>> connect(const ConnectionSettings &settings);
    // Opens this store's QPSQL connection (its name: the session's) with the session's settings.
    Result<void> openConnection(const ConnectionSettings &settings);
    // The connection was lost: a new one, checked as the first was, and the same lease again.
    Result<void> reconnect();
    // Takes this desk's session lock again (same id) on a new connection.
    Result<void> retakeLease();
    Result<void> configure();
    Result<void> migrate();
    // The settings connect asked for are in force, and this computer's clock agrees with the server's.
    Result<void> checkSession();
    Result<int> schemaVersion();
    // customer_card_counts counts each customer's tokens active on one day; moves that day to `day`.
    Result<void> bringActiveTokensTo(const QDate &day);
    // One write with SQLite's statement atomicity: in a transaction, under a savepoint (a refused
    // row leaves the transaction usable); outside one, in its own transaction holding the writers'
    // lock. A step that writes no id returns 0.
    // Refusable::No: see the class comment (no savepoint inside a transaction).
    enum class Refusable { Yes, No };
    Result<qint64> writeStep(const std::function<Result<qint64>()> &step,
                             Refusable refusable = Refusable::Yes);
    Result<qint64> insertAudit(const AuditEntry &entry, Refusable refusable);
    Result<qint64> insertPaymentWith(const Payment &payment, Refusable refusable);
    Result<void> updatePaymentWith(const Payment &payment, Refusable refusable);
    // Whether this transaction's writes keep the operator a copied row names (schema 10 writes the
    // session user otherwise): on for a copy's rows, off again before a row of this desk's own.
    Result<void> keepCopiedOperators(bool keep);
    Result<qint64> asCopied(const std::function<Result<qint64>()> &write);

    std::unique_ptr<postgres::Session> m_session;
    QString m_location;
    // What connect() used, password included, to connect again after a lost connection (QPSQL never
    // does it by itself). Kept in this process's memory only; location() and every message show
    // displayUrl(), never the password.
    ConnectionSettings m_settings;
    bool m_leaseWanted = false; // a session was opened and not closed: held again after reconnecting
    bool m_leaseHeld = false;   // this connection holds the session's lock
    bool m_keepingOperators = false; // keepCopiedOperators(true) in the open transaction
    int m_reconnections = 0;
    qint64 m_sessionId = 0;
    int m_schemaFound = 0; // schema version when opened, before any migration
    // Whether the planner put a search text at PostgresQueries' CommonTextRows, as first asked:
    // every page of one text takes the same way even after an ANALYZE moves its estimate.
    QHash<QString, bool> m_commonTexts;
    // The matches of the last search collected whole, for the next keystroke (RecentMatches).
    std::optional<postgres::RecentMatches> m_recentMatches;
};

} // namespace fatora
