#include "PostgresStoreBackend.h"

#include "staff/StaffService.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace fatora::test {

namespace {

QSqlDatabase addConnection(const PostgresStore::ConnectionSettings &settings, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db.setHostName(settings.host);
    db.setPort(settings.port);
    db.setDatabaseName(settings.database);
    db.setUserName(settings.user);
    db.setPassword(settings.password);
    return db;
}

} // namespace

PostgresStoreBackend::PostgresStoreBackend(const QString &adminUrl)
    : m_adminConnection(u"contract-pg-admin-%1"_s.arg(QCoreApplication::applicationPid())),
      m_template(u"fatora_contract_%1_template"_s.arg(QCoreApplication::applicationPid()))
{
    auto parsed = PostgresStore::parseUrl(adminUrl);
    if (parsed)
        m_admin = parsed.value();
    else
        qWarning("FATORA_TEST_POSTGRES_URL: %s", qPrintable(parsed.error().toString()));
}

PostgresStoreBackend::~PostgresStoreBackend()
{
    if (QSqlDatabase::contains(m_adminConnection)) {
        if (!m_current.database.isEmpty())
            (void)admin(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_current.database));
        if (m_templateReady)
            (void)admin(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_template));
        {
            QSqlDatabase db = QSqlDatabase::database(m_adminConnection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_adminConnection);
    }
}

Result<void> PostgresStoreBackend::admin(const QString &sql)
{
    if (!QSqlDatabase::contains(m_adminConnection)) {
        QSqlDatabase db = addConnection(m_admin, m_adminConnection);
        if (!db.open())
            return Error{u"database"_s, u"Could not reach the test server: "_s + db.lastError().text(),
                         ErrorKind::Unavailable};
        QSqlQuery quiet(db); // no NOTICE about a database "IF EXISTS" did not find
        (void)quiet.exec(u"SET client_min_messages = warning"_s);
    }
    {
        QSqlQuery q(QSqlDatabase::database(m_adminConnection, false));
        if (q.exec(sql))
            return {};
        // A test that restarted the server (PostgresTestServer::pause) broke this connection:
        // connected again once, below; any other failure is the statement's own.
        QSqlQuery alive(QSqlDatabase::database(m_adminConnection, false));
        if (m_reconnecting || alive.exec(u"SELECT 1"_s))
            return Error{u"database"_s, sql + u": "_s + q.lastError().text(), ErrorKind::Unavailable};
    }
    QSqlDatabase::database(m_adminConnection, false).close();
    QSqlDatabase::removeDatabase(m_adminConnection);
    m_reconnecting = true;
    auto again = admin(sql);
    m_reconnecting = false;
    return again;
}

Result<void> PostgresStoreBackend::prepareTemplate()
{
    if (m_templateReady)
        return {};
    if (auto r = admin(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_template)); !r)
        return r;
    if (auto r = admin(u"CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8'"_s.arg(m_template)); !r)
        return r;
    PostgresStore::ConnectionSettings settings = m_admin;
    settings.database = m_template;
    auto migrated = PostgresStore::open(settings); // closed again at once: a template has no sessions
    if (!migrated)
        return migrated.error();
    m_templateReady = true;
    return {};
}

Result<std::unique_ptr<Store>> PostgresStoreBackend::createFresh()
{
    if (auto r = prepareTemplate(); !r)
        return r.error();
    if (!m_current.database.isEmpty()) {
        if (auto r = admin(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_current.database)); !r)
            return r.error();
    }
    m_current = m_admin;
    m_current.database =
        u"fatora_contract_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(++m_databases);
    if (auto r = admin(u"CREATE DATABASE %1 TEMPLATE %2"_s.arg(m_current.database, m_template)); !r)
        return r.error();
    // Who may connect is the database's own, which a copy from a template does not carry.
    if (const QString error = execRaw(u"SELECT fatora_database_grants()"_s); !error.isEmpty())
        return Error{u"database"_s, error, ErrorKind::Unavailable};
    return connectAgain();
}

Result<std::unique_ptr<Store>> PostgresStoreBackend::connectAgain()
{
    auto opened = PostgresStore::open(m_current);
    if (!opened.ok())
        return opened.error();
    return std::unique_ptr<Store>(std::move(opened).value());
}

PostgresStore::ConnectionSettings PostgresStoreBackend::settingsFor(const QString &login) const
{
    PostgresStore::ConnectionSettings s = m_current;
    s.user = login;
    s.password.clear();
    return s;
}

Result<std::unique_ptr<PostgresStore>> PostgresStoreBackend::connectAs(const QString &login)
{
    return PostgresStore::open(settingsFor(login));
}

Result<QString> PostgresStoreBackend::addPerson(Store &administrator, const QString &prefix, StaffRole role)
{
    auto me = administrator.signedIn();
    if (!me)
        return me.error();
    StaffService admin(administrator);
    admin.setActor(me.value());
    const QString name = u"%1_%2_%3"_s.arg(prefix).arg(QCoreApplication::applicationPid()).arg(++m_people);
    auto added = admin.add(name, role);
    if (!added)
        return added.error();
    auto own = connectAs(name);
    if (!own)
        return own.error();
    StaffService self(*own.value());
    self.setActor(own.value()->signedIn().value());
    const QString password = u"their own password %1"_s.arg(m_people);
    if (auto r = self.changeOwnPassword(password, password); !r)
        return r.error();
    return name;
}

QString PostgresStoreBackend::execRaw(const QString &sql)
{
    const QString connection = u"contract-pg-raw-%1"_s.arg(++m_rawConnections);
    QString error;
    {
        QSqlDatabase db = addConnection(m_current, connection);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

} // namespace fatora::test
