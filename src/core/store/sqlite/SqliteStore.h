#pragma once

#include "store/Store.h"

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
    static constexpr int SchemaVersion = 7;
    // The schema that makes "one open charge per card" a rule of the database.
    static constexpr int OneOpenChargeSchema = 4;
    // The schema of card requests: payments without a card token (token_id nullable).
    static constexpr int CardRequestSchema = 7;

    // Opens (creating when absent) and migrates the database. Refuses a file written by a newer
    // version of the application, or with a schema version no version writes, rather than risk
    // damaging it. A file this user may not write is opened read-only: readable, never migrated,
    // and every write is refused with a message that says why.
    static Result<std::unique_ptr<SqliteStore>> open(const QString &path);
    // <user data dir>/fatora-backoffice.sqlite, or the sandbox file when sandbox is true.
    // FATORA_DATABASE (live) and FATORA_SANDBOX_DATABASE (sandbox) override them.
    static QString defaultPath(bool sandbox = false);

    ~SqliteStore() override;
    SqliteStore(const SqliteStore &) = delete;
    SqliteStore &operator=(const SqliteStore &) = delete;

    QString location() const override { return m_path; }
    bool isReadOnly() const { return m_readOnly; }

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

    Result<qint64> appendAudit(const AuditEntry &entry) override;
    Result<QList<AuditEntry>> auditFor(const QString &objectType, qint64 objectId) override;

    // SQLite's EXPLAIN QUERY PLAN lines for the statements behind findCustomers / findPayments, so
    // tests and benchmarks can prove that searches at scale go through an index.
    Result<QStringList> explainFindCustomers(const CustomerQuery &query);
    Result<QStringList> explainFindPayments(const PaymentQuery &query);

    // The SQL text and bindings behind findCustomers / findPayments / findTokens, so a benchmark can
    // time the bare statement (or a QSqlQueryModel over it) as the baseline beside the store. For
    // a deep page of payments it is the statement that finds the page's ids.
    struct StatementText
    {
        QString sql;
        QVariantMap bindings;
    };
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
    std::unique_ptr<sqlite::StatementCache> m_statements;
    int m_transactionDepth = 0;
    bool m_readOnly = false;
    bool m_rollbackOnly = false; // an inner guard gave up: the outermost commit must not happen
    std::optional<std::pair<QString, sqlite::PaymentTextWay>> m_textWay; // the last text's answer
};

} // namespace fatora
