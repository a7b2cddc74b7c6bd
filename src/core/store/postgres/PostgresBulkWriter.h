#pragma once

#include "domain/CardToken.h"
#include "domain/Customer.h"
#include "domain/Payment.h"
#include "domain/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

struct pg_conn; // libpq's PGconn

namespace fatora {

class PostgresStore;

// Writes millions of rows into an empty PostgreSQL database through the project's schema, for the
// benchmark dataset generator (PostgresStore::open has created the schema; nothing here knows its
// version). The rows travel as COPY ... FROM STDIN on the store's own connection: QPSQL cannot
// stream COPY data, so this speaks libpq to the connection QPSQL opened (QSqlDriver::handle()).
// Measured with the generator's 100,254 payments of 20,000 customers into an unindexed copy of the
// table, one transaction, from psql on the same machine: COPY 0.7-0.9 s; INSERTs of 500 rows each
// 6.8-7.2 s, of one row each 7.6-7.9 s (QPSQL, which writes every value into the statement's text
// itself, can only be slower). Server-side COPY FROM a file needs the server's file system and a
// superuser, psql's \copy a psql beside the program; libpq is there wherever QPSQL is.
//
// Everything is one transaction: a write that fails or is abandoned leaves the database as empty
// as it was. Inside it, as PostgreSQL's "Populating a Database" advises, the tables' plain
// indexes and foreign keys are dropped at the start and built again (from their own definitions,
// read from the catalog) at the end, where building them checks every row at once. The figures
// that triggers keep are computed in one statement each from the written rows instead of by a
// trigger per row: customers are staged in a temporary table and inserted once, with their
// figures (last_charge_at, and their count of active cards in customer_card_counts), after their
// tokens and payments; the payments' per-hour
// figures are summed as the migration that created them does. finish() then recounts every
// customer's figures the triggers' way and fails if one differs (tst_benchpostgres compares the
// totals with SQLite's). Primary keys, unique constraints, CHECKs and every other trigger apply.
//
// Rows are taken as given, with ids assigned here (1, 2, ... as the tables are empty; the identity
// sequences are moved past them); bodies are capped and scrubbed of the card token as
// Store::insertPayment does. The store must not be used for anything else while the writer lives.
class PostgresBulkWriter
{
public:
    // Fails unless customers, card tokens and payments are all empty.
    static Result<std::unique_ptr<PostgresBulkWriter>> start(PostgresStore &store);
    ~PostgresBulkWriter();
    PostgresBulkWriter(const PostgresBulkWriter &) = delete;
    PostgresBulkWriter &operator=(const PostgresBulkWriter &) = delete;

    // Called with a line worth printing during the long steps of finish().
    void setProgress(std::function<void(const QString &)> progress) { m_progress = std::move(progress); }

    Result<qint64> addCustomer(const Customer &customer);
    Result<qint64> addToken(const CardToken &token);
    Result<qint64> addPayment(const Payment &payment);
    qint64 rowsWritten() const { return m_customers + m_tokens + m_payments; }

    // Sends what is left, inserts the customers with their figures, builds the indexes and foreign
    // keys again, checks the figures, commits, then VACUUM ANALYZE. Nothing may be added afterwards.
    Result<void> finish();

private:
    explicit PostgresBulkWriter(PostgresStore &store);
    Result<void> begin();
    Result<void> exec(const QString &sql, const QString &what);
    Result<QList<QStringList>> rows(const QString &sql, const QString &what);
    // COPY <target> FROM STDIN with `data` (text format), which is then cleared.
    Result<void> copy(const QString &target, QByteArray &data);
    Result<void> sendCustomersAndTokens();
    Result<void> sendPayments();
    void rollback();
    void say(const QString &line) const;

    PostgresStore &m_store;
    pg_conn *m_connection = nullptr;
    QByteArray m_customerRows;
    QByteArray m_tokenRows;
    QByteArray m_paymentRows;
    std::vector<QByteArray> m_tokenTexts; // by token id - 1, to scrub each payment's bodies
    qint64 m_customers = 0;
    qint64 m_tokens = 0;
    qint64 m_payments = 0;
    QStringList m_rebuild; // finish(): indexes, foreign keys and triggers as they were
    bool m_open = false;
    std::function<void(const QString &)> m_progress;
};

} // namespace fatora
