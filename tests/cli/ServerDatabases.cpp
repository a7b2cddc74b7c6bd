#include "ServerDatabases.h"

#include "PostgresTestServer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace fatora::test {

ServerDatabases::~ServerDatabases()
{
    for (const QString &name : std::as_const(m_created))
        exec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(name));
    for (const QString &connection : std::as_const(m_connections)) {
        {
            QSqlDatabase db = QSqlDatabase::database(connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
    }
}

bool ServerDatabases::start(QString *problem)
{
    auto url = PostgresTestServer::adminUrl();
    if (!url.ok()) {
        *problem = url.error().toString();
        return false;
    }
    auto settings = PostgresStore::parseUrl(url.value());
    if (!settings.ok()) {
        *problem = settings.error().toString();
        return false;
    }
    m_admin = settings.value();
    return true;
}

QString ServerDatabases::databaseOf(const QString &url)
{
    auto settings = PostgresStore::parseUrl(url);
    return settings.ok() ? settings->database : QString();
}

QString ServerDatabases::connectionFor(const QString &database)
{
    const QString name = database.isEmpty() ? m_admin.database : database;
    const QString connection = u"server-databases-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(name);
    if (!QSqlDatabase::contains(connection)) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
        db.setHostName(m_admin.host);
        db.setPort(m_admin.port);
        db.setDatabaseName(name);
        db.setUserName(m_admin.user);
        db.setPassword(m_admin.password);
        if (db.open())
            QSqlQuery(db).exec(u"SET client_min_messages = warning"_s);
        m_connections << connection;
    }
    return connection;
}

bool ServerDatabases::exec(const QString &sql, const QString &database, QString *problem)
{
    QSqlQuery q(QSqlDatabase::database(connectionFor(database), false));
    if (q.exec(sql))
        return true;
    if (problem)
        *problem = sql + u": "_s + q.lastError().text();
    else
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return false;
}

QVariant ServerDatabases::value(const QString &sql, const QString &database)
{
    QSqlQuery q(QSqlDatabase::database(connectionFor(database), false));
    if (!q.exec(sql) || !q.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return {};
    }
    return q.value(0);
}

QString ServerDatabases::create(const QString &name, const QString &owner)
{
    const QString database = u"fatora_cli_%1_%2"_s.arg(name).arg(QCoreApplication::applicationPid());
    exec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(database));
    exec(u"CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8'%2"_s.arg(
        database, owner.isEmpty() ? QString() : u" OWNER "_s + owner));
    m_created << database;
    PostgresStore::ConnectionSettings settings = m_admin;
    settings.database = database;
    if (!owner.isEmpty())
        settings.user = owner;
    return settings.displayUrl();
}

QByteArray ServerDatabases::fingerprint(const QString &database)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QSqlDatabase db = QSqlDatabase::database(connectionFor(database), false);
    QSqlQuery tables(db);
    if (!tables.exec(
            u"SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"_s))
        qFatal("cannot list the tables for a fingerprint: %s", qPrintable(tables.lastError().text()));
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    for (const QString &table : std::as_const(names)) {
        hash.addData(table.toUtf8());
        QSqlQuery rows(db);
        if (!rows.exec(u"SELECT * FROM \"%1\" ORDER BY 1"_s.arg(table)))
            qFatal("cannot read table %s for a fingerprint", qPrintable(table));
        while (rows.next()) {
            for (int i = 0; i < rows.record().count(); ++i) {
                hash.addData(rows.value(i).toString().toUtf8());
                hash.addData(QByteArrayView("\x1f", 1));
            }
            hash.addData(QByteArrayView("\x1e", 1));
        }
    }
    return hash.result();
}

} // namespace fatora::test
