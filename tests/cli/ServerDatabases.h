#pragma once

#include "store/postgres/PostgresStore.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace fatora::test {

// Throw-away databases on the tests' PostgreSQL server (PostgresTestServer: this process's own, or
// FATORA_TEST_POSTGRES_URL's) for the CLI tests: each made empty, all dropped when this goes; admin
// statements over the server's own user; a fingerprint of every row of a database.
class ServerDatabases
{
public:
    ServerDatabases() = default;
    ~ServerDatabases();
    ServerDatabases(const ServerDatabases &) = delete;
    ServerDatabases &operator=(const ServerDatabases &) = delete;

    // Connects to the server; false (with the reason) when there is none to use.
    bool start(QString *problem);
    // A new, empty database (UTF8), owned by owner when given; the URL to it, without a password.
    QString create(const QString &name, const QString &owner = QString());
    // Runs one statement on database (default: the server's admin database); false when it failed.
    bool exec(const QString &sql, const QString &database = QString(), QString *problem = nullptr);
    // One value of a one-row query (e.g. a count).
    QVariant value(const QString &sql, const QString &database);
    // Every row of every table in the database's current schema, hashed in the order of each
    // table's first column: equal before and after means nothing was written.
    QByteArray fingerprint(const QString &database);
    const PostgresStore::ConnectionSettings &admin() const { return m_admin; }
    static QString databaseOf(const QString &url);

private:
    QString connectionFor(const QString &database);

    PostgresStore::ConnectionSettings m_admin;
    QStringList m_created;
    QStringList m_connections;
};

} // namespace fatora::test
