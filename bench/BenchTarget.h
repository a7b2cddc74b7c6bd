#pragma once

#include "domain/Result.h"
#include "store/StatementText.h"
#include "store/Store.h"

#include <QString>

#include <memory>

class QSqlDatabase;

namespace fatora {
class PostgresStore;
class SqliteStore;
} // namespace fatora

namespace fatora::bench {

// One database the benchmarks run on, a SQLite file or a PostgreSQL database (issue 12), and what
// the baselines need from it: the statements its store runs for the lists, and a bare connection
// of the same Qt driver. A server's password comes from its URL or FATORA_DATABASE_PASSWORD.
class BenchTarget
{
public:
    // Opens its own store at `location`.
    static Result<std::unique_ptr<BenchTarget>> open(const QString &location);
    // Around a store opened elsewhere (the desk's), which must outlive this.
    static std::unique_ptr<BenchTarget> around(Store &store, const QString &location);
    ~BenchTarget();
    BenchTarget(const BenchTarget &) = delete;
    BenchTarget &operator=(const BenchTarget &) = delete;

    bool isServer() const { return m_postgres != nullptr; }
    QString backend() const; // "SQLite" or "PostgreSQL"
    const QString &location() const { return m_location; }
    Store &store() { return *m_store; }
    SqliteStore *sqlite() const { return m_sqlite; }
    PostgresStore *postgres() const { return m_postgres; }

    Result<StatementText> customersStatement(const CustomerQuery &query);
    Result<StatementText> paymentsStatement(const PaymentQuery &query);
    StatementText tokensStatement(const TokenQuery &query) const;

    // Size on disk in MiB (the file, or pg_database_size), and for a server its version and
    // memory: what the results' "Dataset" line says.
    QString describe();

private:
    BenchTarget() = default;
    void adopt(Store &store);

    std::unique_ptr<Store> m_owned;
    Store *m_store = nullptr;
    SqliteStore *m_sqlite = nullptr;
    PostgresStore *m_postgres = nullptr;
    QString m_location;
};

// A bare connection named `name` to `location` with the driver its store uses (QSQLITE read-only,
// or QPSQL), opened; the caller removes it. false and `error` when it cannot be opened.
bool openBareConnection(const QString &location, const QString &name, QString *error, bool readOnly = true);

// The password of a postgresql:// URL: its own, else FATORA_DATABASE_PASSWORD.
QString serverPassword(const QString &url);

// A database beside a benchmarked PostgreSQL database, on the same server: created empty with the
// project's schema (dropped first when an earlier run left it), dropped again when this goes. The
// empty-database baselines and the gateway run use it, as SQLite's use scratch files. Its user
// needs CREATEDB.
class ScratchDatabase
{
public:
    static Result<std::unique_ptr<ScratchDatabase>> create(const QString &besideUrl, const QString &suffix);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase &) = delete;
    ScratchDatabase &operator=(const ScratchDatabase &) = delete;

    // postgresql://… of the scratch database (the password, if any, as the original URL had it).
    QString url() const { return m_url; }
    // Drops and creates it again, empty. withSchema: opened once by PostgresStore (migrated).
    Result<void> recreate(bool withSchema);

private:
    ScratchDatabase() = default;
    Result<void> admin(const QString &sql);

    QString m_connection; // to the benchmarked database, for CREATE and DROP DATABASE
    QString m_name;
    QString m_url;
};

} // namespace fatora::bench
