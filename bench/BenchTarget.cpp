#include "BenchTarget.h"

#include "store/postgres/PostgresStore.h"
#include "store/sqlite/SqliteStore.h"
#include "store/StoreLocation.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <atomic>

using namespace Qt::StringLiterals;

namespace fatora::bench {

// Bare SQL of the benchmarks' own, never the desk's: the size and settings of a server for the
// results' "Dataset" line, and the scratch databases beside a benchmarked one.

QString serverPassword(const QString &url)
{
    auto settings = PostgresStore::parseUrl(url);
    if (settings && !settings->password.isEmpty())
        return settings->password;
    return qEnvironmentVariable("FATORA_DATABASE_PASSWORD");
}

Result<std::unique_ptr<BenchTarget>> BenchTarget::open(const QString &location)
{
    if (!StoreLocation::isServer(location) && !QFileInfo::exists(location))
        return Error{u"database"_s, u"%1 does not exist (scripts/bench.sh makes it)."_s.arg(location)};
    auto opened = StoreLocation::open(location, serverPassword(location));
    if (!opened)
        return opened.error();
    std::unique_ptr<BenchTarget> target(new BenchTarget);
    target->m_owned = std::move(opened).value();
    target->m_location = location;
    target->adopt(*target->m_owned);
    return target;
}

std::unique_ptr<BenchTarget> BenchTarget::around(Store &store, const QString &location)
{
    std::unique_ptr<BenchTarget> target(new BenchTarget);
    target->m_location = location;
    target->adopt(store);
    return target;
}

BenchTarget::~BenchTarget() = default;

void BenchTarget::adopt(Store &store)
{
    m_store = &store;
    m_sqlite = dynamic_cast<SqliteStore *>(&store);
    m_postgres = dynamic_cast<PostgresStore *>(&store);
}

QString BenchTarget::backend() const
{
    return isServer() ? u"PostgreSQL"_s : u"SQLite"_s;
}

Result<StatementText> BenchTarget::customersStatement(const CustomerQuery &query)
{
    return m_postgres ? m_postgres->findCustomersStatement(query) : m_sqlite->findCustomersStatement(query);
}

Result<StatementText> BenchTarget::paymentsStatement(const PaymentQuery &query)
{
    return m_postgres ? m_postgres->findPaymentsStatement(query) : m_sqlite->findPaymentsStatement(query);
}

StatementText BenchTarget::tokensStatement(const TokenQuery &query) const
{
    return m_postgres ? PostgresStore::findTokensStatement(query) : SqliteStore::findTokensStatement(query);
}

QString BenchTarget::describe()
{
    if (!isServer())
        return u"%1 MB"_s.arg(QFileInfo(m_location).size() / (1024 * 1024));
    static std::atomic<int> counter{0};
    const QString name = u"bench-describe-%1"_s.arg(++counter);
    QString out;
    QString error;
    if (openBareConnection(m_location, name, &error)) {
        QSqlQuery q(QSqlDatabase::database(name, false));
        if (q.exec(u"SELECT pg_database_size(current_database()) / (1024 * 1024),"
                   " current_setting('server_version'), current_setting('shared_buffers')"_s) &&
            q.next()) {
            out = u"%1 MB; PostgreSQL %2, shared_buffers %3"_s.arg(
                q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out.isEmpty() ? error : out;
}

bool openBareConnection(const QString &location, const QString &name, QString *error, bool readOnly)
{
    if (!StoreLocation::isServer(location)) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(location);
        db.setConnectOptions(readOnly ? u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s
                                      : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open())
            return true;
        if (error)
            *error = db.lastError().text();
        return false;
    }
    auto settings = PostgresStore::parseUrl(location);
    if (!settings) {
        if (error)
            *error = settings.error().toString();
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db.setHostName(settings->host);
    db.setPort(settings->port);
    db.setDatabaseName(settings->database);
    db.setUserName(settings->user);
    db.setPassword(serverPassword(location));
    if (!settings->sslMode.isEmpty())
        db.setConnectOptions(u"sslmode="_s + settings->sslMode);
    if (db.open())
        return true;
    if (error)
        *error = db.lastError().text();
    return false;
}

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::create(const QString &besideUrl,
                                                                 const QString &suffix)
{
    auto settings = PostgresStore::parseUrl(besideUrl);
    if (!settings)
        return settings.error();
    static std::atomic<int> counter{0};
    std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase);
    scratch->m_connection = u"bench-scratch-admin-%1"_s.arg(++counter);
    scratch->m_name = QString(settings->database + u'_' + suffix).left(63);
    QUrl url(besideUrl.trimmed());
    url.setPath(u'/' + scratch->m_name);
    scratch->m_url = url.toString();
    QString error;
    if (!openBareConnection(besideUrl, scratch->m_connection, &error, false))
        return Error{u"database"_s, u"Could not connect to create a scratch database: "_s + error,
                     ErrorKind::Unavailable};
    QSqlQuery quiet(QSqlDatabase::database(scratch->m_connection, false)); // no NOTICE from IF EXISTS
    (void)quiet.exec(u"SET client_min_messages = warning"_s);
    if (auto r = scratch->recreate(true); !r)
        return r.error();
    return scratch;
}

ScratchDatabase::~ScratchDatabase()
{
    if (m_connection.isEmpty())
        return;
    if (!m_name.isEmpty())
        (void)admin(u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(m_name));
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<void> ScratchDatabase::admin(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(sql))
        return Error{u"database"_s,
                     u"%1: %2 (the benchmarks' scratch database needs a user with CREATEDB)"_s.arg(
                         sql, q.lastError().text()),
                     ErrorKind::Unavailable};
    return {};
}

Result<void> ScratchDatabase::recreate(bool withSchema)
{
    if (auto r = admin(u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(m_name)); !r)
        return r;
    if (auto r = admin(u"CREATE DATABASE \"%1\" TEMPLATE template0 ENCODING 'UTF8'"_s.arg(m_name)); !r)
        return r;
    if (withSchema) {
        auto opened = StoreLocation::open(m_url, serverPassword(m_url));
        if (!opened)
            return opened.error();
    }
    return {};
}

} // namespace fatora::bench
