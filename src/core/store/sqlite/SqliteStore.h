#pragma once

#include "store/StatementText.h"
#include "store/Store.h"

#include <QDateTime>
#include <QStringList>
#include <QVariantMap>

#include <memory>
#include <optional>
#include <utility>

class QSqlDatabase;
class QSqlQuery;

namespace fatora {

class SqliteBulkWriter;
namespace sqlite {
class StatementCache;
enum class PaymentSortWay;
enum class PaymentTextWay;
} // namespace sqlite

// The embedded store: one SQLite file shared by the desk and the CLI (WAL, busy timeout),
// foreign keys on, synchronous=FULL so a committed pending payment survives a power cut.
class SqliteStore final : public Store
{
public:
    static constexpr int SchemaVersion = 10;
    // The schema that makes "one open charge per card" a rule of the database.
    static constexpr int OneOpenChargeSchema = 4;
    // The schema of card requests: payments without a card token (token_id nullable).
    static constexpr int CardRequestSchema = 8;

    // Opens (creating when absent) and migrates the database. Refuses a file written by a newer
    // version of the application, or with a schema version no version writes, rather than risk
    // damaging it. A file this user may not write is opened read-only: readable, never migrated,
    // and every write is refused with a message that says why.
    static Result<std::unique_ptr<SqliteStore>> open(const QString &path);
    // Opens a desk's file only to read it (db copy's source), writing nothing to it or beside it:
    // read-only and immutable (SQLite takes no lock and makes no -wal or -shm file), never
    // migrated, no search keys filled, no journal mode set. Refused, the file untouched:
    // - a file with a -wal or -journal file beside it (Busy): a desk or fatora-cli has it open
    //   now, or one stopped without closing it and its last changes may still be in there, which an
    //   immutable read would not see. Closing the desk (or opening the file once with it) folds
    //   them in;
    // - a schema other than this version's (Unavailable): an older one needs the upgrade that
    //   opening it with this version's desk or fatora-cli does; a newer one, the newer version;
    // - a missing file (NotFound), and anything that is not a Fatora Back Office database
    //   (Validation).
    // The file is read without locks: checkUnchanged() says whether it stayed as it was opened.
    static Result<std::unique_ptr<SqliteStore>> openToRead(const QString &path);
    // <user data dir>/fatora-backoffice.sqlite, or the sandbox file when sandbox is true.
    // FATORA_DATABASE (live) and FATORA_SANDBOX_DATABASE (sandbox) override them.
    static QString defaultPath(bool sandbox = false);

    ~SqliteStore() override;
    SqliteStore(const SqliteStore &) = delete;
    SqliteStore &operator=(const SqliteStore &) = delete;

    QString location() const override { return m_path; }
    Result<std::unique_ptr<ChangeFeed>> watchChanges() override;
    Result<void> checkReachable() override { return {}; }
    bool inTransaction() const override { return m_transactionDepth > 0; }
    SchemaState schemaState() const override
    {
        return {QStringLiteral("sqlite"), m_schemaFound, SchemaVersion};
    }
    Result<Counts> counts() override;
    bool isReadOnly() const { return m_readOnly; }
    // Tests only: each statement of this connection first waits `ms`, as over a slow link.
    void setStatementDelayForTesting(int ms);
    // For a store from openToRead: an error (Busy) when a process opened the file since (a -wal or
    // -journal beside it) or its size or modification time changed; what was read may be torn.
    Result<void> checkUnchanged() const;

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
    // Figures: the per-hour figures when the filter allows (what paymentTotals does); Payments: sum
    // the matching payments themselves, the baseline a test or a benchmark compares with.
    enum class TotalsWay { AsPlanned, Payments };
    Result<PaymentTotals> paymentTotalsBy(const PaymentQuery &query, TotalsWay way);
    Result<QStringList> explainPaymentTotals(const PaymentQuery &query);
    Result<QList<Payment>> paymentsInState(PaymentState state) override;
    Result<std::optional<Payment>> openChargeForToken(qint64 tokenId) override;
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

    Result<qint64> appendAudit(const AuditEntry &entry) override;
    Result<QList<AuditEntry>> auditFor(const QString &objectType, qint64 objectId) override;
    Result<QList<AuditEntry>> findAudit(const AuditQuery &query) override;

    Result<QList<Customer>> customersAfter(qint64 afterId, int limit) override;
    Result<QList<CardToken>> tokensAfter(qint64 afterId, int limit) override;
    Result<QList<Payment>> paymentsAfter(qint64 afterId, int limit) override;
    Result<QList<AuditEntry>> auditByObjectAfter(const AuditEntry &after, int limit) override;
    Result<QList<Customer>> customersNamedAndAdded(const QString &name, const QDateTime &createdAt) override;

    // SQLite's EXPLAIN QUERY PLAN lines for the statements behind findCustomers / findPayments, so
    // tests and benchmarks can prove that searches at scale go through an index.
    Result<QStringList> explainFindCustomers(const CustomerQuery &query);
    Result<QStringList> explainFindPayments(const PaymentQuery &query);

    // The SQL text and bindings behind findCustomers / findPayments / findTokens, so a benchmark can
    // time the bare statement (or a QSqlQueryModel over it) as the baseline beside the store. For
    // a deep page of payments it is the statement that finds the page's ids.
    using StatementText = fatora::StatementText;
    // A prefix search is planned first (a few capped, index-only counts), hence not static.
    Result<StatementText> findCustomersStatement(const CustomerQuery &query);
    // TextFilter::Scan: the free-text filter as schema 2 ran it, a LIKE over every payment (the
    // benchmark's "before"); the store itself goes through the trigram index when that is faster.
    enum class TextFilter { AsPlanned, Scan };
    Result<StatementText> findPaymentsStatement(const PaymentQuery &query,
                                                TextFilter textFilter = TextFilter::AsPlanned);
    static StatementText findTokensStatement(const TokenQuery &query);

    // Millions of rows in one go, for the benchmark dataset generator (see SqliteBulkWriter). The
    // store must not be used otherwise until the writer is finished or destroyed.
    Result<std::unique_ptr<SqliteBulkWriter>> startBulkWrite();

protected:
    Result<qint64> insertCustomerRow(const Customer &customer) override;
    Result<void> updateCustomerRow(const Customer &customer) override;
    Result<qint64> insertTokenRow(const CardToken &token) override;
    Result<void> updateTokenRow(const CardToken &token) override;
    Result<qint64> insertPaymentRow(const Payment &payment) override;
    Result<qint64> insertBatchRow(const Batch &batch) override;
    Result<qint64> insertBatchItemRow(const BatchItem &item) override;
    Result<void> markBatchItemRefusedRow(qint64 itemId, const QString &skip, const QString &reason,
                                         const QDateTime &at) override;
    Result<void> updatePaymentRow(const Payment &payment) override;
    Result<void> beginTransaction() override;
    Result<void> commitTransaction() override;
    void rollbackTransaction() override;

private:
    friend class SqliteBulkWriter;
    SqliteStore(QString connectionName, QString path);
    QSqlDatabase database() const;
    Result<void> configure();
    Result<void> migrate();
    Result<void> fillSearchKeys();
    // A session row's lease: not closed, and a heartbeat younger than leaseSecs().
    bool leaseHeld(const QVariant &heartbeatAt, const QVariant &closedAt) const;
    // customers.active_tokens counts the tokens active on one day; moves that day to `today`.
    Result<void> bringActiveTokensTo(const QDate &today);
    struct PaymentPlan
    {
        sqlite::PaymentSortWay sort;
        sqlite::PaymentTextWay text;
    };
    Result<PaymentPlan> planPayments(const PaymentQuery &query);
    Result<QList<PaymentRow>> findDeepPayments(const PaymentQuery &query, const PaymentPlan &plan);
    // Whether a page in amount or customer order walks that order (true) or sorts the filtered
    // payments (false); decided by a capped count of what the filter matches.
    Result<bool> walksPaymentOrder(const PaymentQuery &query, sqlite::PaymentTextWay textWay);
    // Whether the free text goes through the trigram index; decided by a capped count of its
    // candidates there.
    Result<sqlite::PaymentTextWay> paymentTextWay(const PaymentQuery &query);

    QString m_connectionName;
    QString m_path;
    int m_schemaFound = 0; // user_version when opened, before any migration
    std::unique_ptr<sqlite::StatementCache> m_statements;
    int m_transactionDepth = 0;
    qint64 m_sessionId = 0;
    bool m_readOnly = false;
    // openToRead: the file as it was opened, for checkUnchanged().
    bool m_snapshot = false;
    qint64 m_openedSize = -1;
    QDateTime m_openedModified;
    bool m_rollbackOnly = false; // an inner guard gave up: the outermost commit must not happen
    std::optional<std::pair<QString, sqlite::PaymentTextWay>> m_textWay; // the last text's answer
};

} // namespace fatora
