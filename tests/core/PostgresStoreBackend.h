#pragma once

#include "StoreBackend.h"

#include "store/postgres/PostgresStore.h"

#include <atomic>

namespace fatora::test {

// The shared backend on a PostgreSQL server (PostgresTestServer's, or FATORA_TEST_POSTGRES_URL's):
// each fresh database is a copy of a template migrated once per process (CREATE DATABASE ...
// TEMPLATE), so a test starts from an empty, fully migrated schema in milliseconds.
class PostgresStoreBackend final : public StoreBackend
{
public:
    // adminUrl: a database whose user may create databases.
    explicit PostgresStoreBackend(const QString &adminUrl);
    ~PostgresStoreBackend() override;

    QString name() const override { return QStringLiteral("postgresql"); }
    Result<std::unique_ptr<Store>> createFresh() override;
    Result<std::unique_ptr<Store>> connectAgain() override;
    QString execRaw(const QString &sql) override;

    // Staff (issue 14), on the database createFresh made last. How `login` connects (the test
    // server trusts every login; no password).
    PostgresStore::ConnectionSettings settingsFor(const QString &login) const;
    Result<std::unique_ptr<PostgresStore>> connectAs(const QString &login);
    // Adds a person with `role` through administrator's StaffService, under a name unique to this
    // process ("<prefix>_<pid>_<n>"), and replaces their one-time password: they may act at once.
    Result<QString> addPerson(Store &administrator, const QString &prefix, StaffRole role);

private:
    // Runs one statement on the server's admin database (never inside a transaction).
    Result<void> admin(const QString &sql);
    Result<void> prepareTemplate();

    PostgresStore::ConnectionSettings m_admin;
    PostgresStore::ConnectionSettings m_current; // the database createFresh made last
    QString m_adminConnection;
    QString m_template;
    bool m_templateReady = false;
    int m_databases = 0;
    int m_people = 0;
    std::atomic<int> m_rawConnections{0};
    bool m_reconnecting = false; // admin() is connecting again after a lost connection
};

} // namespace fatora::test
