// fatora-cli db init / db status, and the whole CLI on a shared PostgreSQL database: what each says
// it did, and the bad-input table (bad URL, unreachable server, wrong password, another program's
// database, a newer schema): exit 2 or 4, one clear line, nothing written, never a password in any
// output. (db copy's own table is in tst_clidbcopy.)

#include "CliHarness.h"
#include "PostgresTestServer.h"
#include "ServerDatabases.h"
#include "gateway/GatewayClient.h"
#include "store/postgres/PostgresStore.h"
#include "store/sqlite/SqliteStore.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSettings>
#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCliDatabase : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void initSetsUpAFileAndSaysSo();
    void statusCountsWhatIsStored();
    void statusNeverCreatesAFile();
    void anotherProgramsFileIsRefusedUntouched();
    void initSetsUpAServerDatabase();
    void theCliWorksOnAServer();
    void theCliFollowsTheDesksDatabaseSetting();
    void staffAreManagedFromTheCli();
    void largeRefundsWaitForASecondSupervisor();
    void serverProblems_data();
    void serverProblems();
    void aNewerServerSchemaIsRefused();
    void eachCommandRefusesUntouched_data();
    void eachCommandRefusesUntouched();
    void urlLikeTextIsNeverShown_data();
    void urlLikeTextIsNeverShown();

private:
    // A new, empty database on the test server; its URL (no password: the server trusts loopback).
    QString freshDatabase(const QString &name);
    void admin(const QString &sql, const QString &database = QString());

    std::unique_ptr<CliHarness> m_cli;
    QString m_adminUrl;
    PostgresStore::ConnectionSettings m_admin;
    QStringList m_created;
    ServerDatabases m_server;
    int m_tableRows = 0;
};

void TestCliDatabase::initTestCase()
{
    m_cli = std::make_unique<CliHarness>();
    if (!PostgresTestServer::wanted())
        return;
    auto url = PostgresTestServer::adminUrl();
    QVERIFY2(url.ok(), qPrintable(url.error().toString()));
    m_adminUrl = url.value();
    m_admin = PostgresStore::parseUrl(m_adminUrl).value();
}

void TestCliDatabase::cleanupTestCase()
{
    for (const QString &name : std::as_const(m_created))
        admin(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(name));
    for (const QString &connection : QSqlDatabase::connectionNames())
        QSqlDatabase::removeDatabase(connection);
}

void TestCliDatabase::admin(const QString &sql, const QString &database)
{
    const QString connection = u"cli-db-admin-"_s + (database.isEmpty() ? m_admin.database : database);
    if (!QSqlDatabase::contains(connection)) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
        db.setHostName(m_admin.host);
        db.setPort(m_admin.port);
        db.setDatabaseName(database.isEmpty() ? m_admin.database : database);
        db.setUserName(m_admin.user);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery(db).exec(u"SET client_min_messages = warning"_s);
    }
    QSqlQuery q(QSqlDatabase::database(connection));
    QVERIFY2(q.exec(sql), qPrintable(sql + u": "_s + q.lastError().text()));
}

QString TestCliDatabase::freshDatabase(const QString &name)
{
    const QString database = u"fatora_cli_%1_%2"_s.arg(name).arg(QCoreApplication::applicationPid());
    admin(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(database));
    admin(u"CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8'"_s.arg(database));
    m_created << database;
    PostgresStore::ConnectionSettings settings = m_admin;
    settings.database = database;
    return settings.displayUrl();
}

void TestCliDatabase::initSetsUpAFileAndSaysSo()
{
    const QString path = m_cli->dirPath() + u"/new.sqlite"_s;
    CliRun run = m_cli->runRaw({u"db"_s, u"init"_s, path}, m_cli->environment());
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.outText().contains(u"Set up the Fatora Back Office schema (version %1)"_s.arg(SqliteStore::SchemaVersion)),
             qPrintable(run.describe()));
    QVERIFY(QFileInfo::exists(path));
    run = m_cli->runRaw({u"db"_s, u"init"_s, path}, m_cli->environment());
    QVERIFY2(run.exitCode == 0 && run.outText().contains(u"nothing changed"_s), qPrintable(run.describe()));
    run = m_cli->runRaw({u"--json"_s, u"db"_s, u"init"_s, path}, m_cli->environment());
    QCOMPARE(run.json().object().value(u"schema_version"_s).toInt(), SqliteStore::SchemaVersion);
    QCOMPARE(run.json().object().value(u"backend"_s).toString(), u"sqlite"_s);
}

void TestCliDatabase::statusCountsWhatIsStored()
{
    QCOMPARE(m_cli->run({u"customers"_s, u"add"_s, u"--name"_s, u"Sara Al-Kuwari"_s}).exitCode, 0);
    QCOMPARE(m_cli->run({u"customers"_s, u"add"_s, u"--name"_s, u"Omar Haddad"_s}).exitCode, 0);
    CliRun run = m_cli->run({u"--json"_s, u"db"_s, u"status"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonObject o = run.json().object();
    QCOMPARE(o.value(u"backend"_s).toString(), u"sqlite"_s);
    QCOMPARE(o.value(u"customers"_s).toInteger(), 2);
    QCOMPARE(o.value(u"payments"_s).toInteger(), 0);
    QCOMPARE(o.value(u"open_charges"_s).toInteger(), 0);
    QVERIFY(o.value(u"audit_entries"_s).toInteger() >= 2); // one per customer added
    QCOMPARE(o.value(u"desks_at_work"_s).toArray().size(), 0); // the runs above have ended
    run = m_cli->run({u"db"_s, u"status"_s});
    QVERIFY2(run.outText().contains(u"Customers:      2"_s), qPrintable(run.describe()));
    QVERIFY2(run.outText().contains(u"Desks at work:  0"_s), qPrintable(run.describe()));

    // A desk at work on the file: named, with its process and operator.
    auto desk = SqliteStore::open(m_cli->databasePath());
    QVERIFY2(desk.ok(), qPrintable(desk.error().toString()));
    SessionInfo info;
    info.host = u"front-desk"_s;
    info.pid = 4242;
    info.operatorName = u"amal"_s;
    QVERIFY(desk.value()->openSession(info).ok());
    run = m_cli->run({u"--json"_s, u"db"_s, u"status"_s});
    const QJsonArray desks = run.json().object().value(u"desks_at_work"_s).toArray();
    QCOMPARE(desks.size(), 1);
    QCOMPARE(desks.first().toObject().value(u"host"_s).toString(), u"front-desk"_s);
    QCOMPARE(desks.first().toObject().value(u"operator"_s).toString(), u"amal"_s);
    QCOMPARE(desks.first().toObject().value(u"pid"_s).toInteger(), 4242);
    run = m_cli->run({u"db"_s, u"status"_s});
    QVERIFY2(run.outText().contains(u"Desks at work:  1"_s) && run.outText().contains(u"  front-desk (process 4242), amal, since "_s),
             qPrintable(run.describe()));

    // A desk's name is whatever its computer (or a hand-written row) says: shown on one line,
    // its control characters and bidi overrides escaped, never sent to the terminal as they are.
    auto hostile = SqliteStore::open(m_cli->databasePath());
    QVERIFY(hostile.ok());
    info.host = u"evil%2\x1b[2J\nDesks at work:  99\u202e"_s;
    info.operatorName = u"\r\x07mallory"_s;
    QVERIFY(hostile.value()->openSession(info).ok());
    run = m_cli->run({u"db"_s, u"status"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QString out = run.outText();
    QVERIFY2(!out.contains(QChar(0x1b)) && !out.contains(QChar(0x07)) && !out.contains(QChar(0x202e)) &&
                 !out.contains(u'\r'),
             qPrintable(run.describe()));
    QVERIFY2(out.contains(u"Desks at work:  2"_s) && !out.contains(u"\nDesks at work:  99"_s), qPrintable(out));
    QVERIFY2(out.contains(u"evil%2"_s), qPrintable(out)); // a "%2" in a name stays as written
}

void TestCliDatabase::statusNeverCreatesAFile()
{
    const QString path = m_cli->dirPath() + u"/absent.sqlite"_s;
    const CliRun run = m_cli->runRaw({u"db"_s, u"status"_s, path}, m_cli->environment());
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.errText().contains(u"there is no database at"_s), qPrintable(run.describe()));
    QVERIFY(!QFileInfo::exists(path));
}

void TestCliDatabase::anotherProgramsFileIsRefusedUntouched()
{
    const QString path = m_cli->dirPath() + u"/other.sqlite"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other-program"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)"_s));
        QVERIFY(q.exec(u"INSERT INTO invoices (total) VALUES (12.5)"_s));
    }
    QSqlDatabase::removeDatabase(u"other-program"_s);
    const QByteArray before = readFile(path);
    for (const QStringList &arguments : {QStringList{u"db"_s, u"init"_s, path}, QStringList{u"db"_s, u"status"_s, path},
                                         QStringList{u"--database"_s, path, u"customers"_s, u"list"_s}}) {
        const CliRun run = m_cli->runRaw(arguments, m_cli->environment());
        QVERIFY2(run.exitCode == 4, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(u"not a Fatora Back Office database"_s) &&
                     run.errText().contains(u"invoices"_s),
                 qPrintable(run.describe()));
    }
    QCOMPARE(readFile(path), before);
}

void TestCliDatabase::initSetsUpAServerDatabase()
{
    if (!PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    const QString url = freshDatabase(u"init"_s);
    CliRun run = m_cli->runRaw({u"db"_s, u"init"_s, url}, m_cli->environment());
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.outText().contains(u"Set up the Fatora Back Office schema (version %1) in %2"_s.arg(
                 QString::number(PostgresStore::SchemaVersion), url)),
             qPrintable(run.describe()));
    run = m_cli->runRaw({u"db"_s, u"init"_s, url}, m_cli->environment());
    QVERIFY2(run.exitCode == 0 && run.outText().contains(u"nothing changed"_s), qPrintable(run.describe()));
    run = m_cli->runRaw({u"--json"_s, u"db"_s, u"status"_s, url}, m_cli->environment());
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(run.json().object().value(u"backend"_s).toString(), u"postgresql"_s);
    QCOMPARE(run.json().object().value(u"customers"_s).toInteger(), 0);
}

// The same commands as on a file, through --database URL and through FATORA_DATABASE.
void TestCliDatabase::theCliWorksOnAServer()
{
    if (!PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    const QString url = freshDatabase(u"work"_s);
    CliRun run = m_cli->runRaw({u"--database"_s, url, u"customers"_s, u"add"_s, u"--name"_s, u"Aisha Al-Naimi"_s,
                                u"--reference"_s, u"CUST-7"_s},
                               m_cli->environment());
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QProcessEnvironment env = m_cli->environment();
    env.insert(u"FATORA_DATABASE"_s, url);
    run = m_cli->runRaw({u"--json"_s, u"customers"_s, u"list"_s}, env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.outText().contains(u"Aisha Al-Naimi"_s), qPrintable(run.describe()));
    run = m_cli->runRaw({u"--json"_s, u"db"_s, u"status"_s}, env);
    QCOMPARE(run.json().object().value(u"customers"_s).toInteger(), 1);
    QCOMPARE(run.json().object().value(u"location"_s).toString(), url);
}

// Issue 14 from a terminal: an administrator adds a clerk (one-time password printed once), the
// clerk chooses a password, may charge-side things only, and is refused a refund and an export with
// the role it needs; a file keeps no staff.
void TestCliDatabase::staffAreManagedFromTheCli()
{
    if (!PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    const QString url = freshDatabase(u"staff"_s);
    const QProcessEnvironment env = m_cli->environment();
    const QString login = u"clerk_%1"_s.arg(QCoreApplication::applicationPid());
    CliRun run = m_cli->runRaw({u"--database"_s, url, u"--json"_s, u"staff"_s, u"add"_s, login, u"--role"_s,
                                u"clerk"_s},
                               env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QString oneTime = run.json().object().value(u"one_time_password"_s).toString();
    QCOMPARE(oneTime.size(), 19);
    QVERIFY(run.json().object().value(u"must_change_password"_s).toBool());
    QVERIFY(!run.errText().contains(oneTime));

    run = m_cli->runRaw({u"--database"_s, url, u"staff"_s, u"add"_s, u"Not A Login"_s, u"--role"_s, u"clerk"_s},
                        env);
    QVERIFY2(run.exitCode == 2 && run.errText().contains(u"login"_s), qPrintable(run.describe()));
    run = m_cli->runRaw({u"--database"_s, url, u"staff"_s, u"add"_s, u"sami"_s, u"--role"_s, u"boss"_s}, env);
    QVERIFY2(run.exitCode == 2 && run.errText().contains(u"role"_s), qPrintable(run.describe()));

    // The clerk: nothing until their own password; then their own rights only.
    PostgresStore::ConnectionSettings as = PostgresStore::parseUrl(url).value();
    as.user = login;
    const QString clerkUrl = as.displayUrl();
    run = m_cli->runRaw({u"--database"_s, clerkUrl, u"customers"_s, u"add"_s, u"--name"_s, u"Huda"_s}, env);
    QVERIFY2(run.exitCode == 4 && run.errText().contains(u"one-time password"_s), qPrintable(run.describe()));
    run = m_cli->runRaw({u"--database"_s, clerkUrl, u"staff"_s, u"password"_s}, env,
                        "a private passphrase\na private passphrase\n");
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(!run.outText().contains(u"private"_s) && !run.errText().contains(u"private"_s));
    run = m_cli->runRaw({u"--database"_s, clerkUrl, u"--json"_s, u"staff"_s, u"me"_s}, env);
    QCOMPARE(run.json().object().value(u"role"_s).toString(), u"clerk"_s);
    QVERIFY(!run.json().object().value(u"must_change_password"_s).toBool());
    run = m_cli->runRaw({u"--database"_s, clerkUrl, u"customers"_s, u"add"_s, u"--name"_s, u"Huda"_s}, env);
    QVERIFY2(run.exitCode == 4 && run.errText().contains(u"supervisor role"_s), qPrintable(run.describe()));
    run = m_cli->runRaw({u"--database"_s, clerkUrl, u"history"_s, u"--format"_s, u"csv"_s}, env);
    QVERIFY2(run.exitCode == 4 && run.errText().contains(u"supervisor role"_s) && run.out.isEmpty(),
             qPrintable(run.describe()));
    run = m_cli->runRaw({u"--database"_s, clerkUrl, u"staff"_s, u"list"_s}, env);
    QVERIFY2(run.exitCode == 4 && run.errText().contains(u"administrator role"_s), qPrintable(run.describe()));

    // The administrator sees them, with their last activity.
    run = m_cli->runRaw({u"--database"_s, url, u"--json"_s, u"staff"_s, u"list"_s}, env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonArray people = run.json().array();
    QCOMPARE(people.size(), 1);
    QCOMPARE(people.first().toObject().value(u"login"_s).toString(), login);
    QVERIFY(!people.first().toObject().value(u"last_activity"_s).isNull());
    run = m_cli->runRaw({u"--database"_s, url, u"staff"_s, u"disable"_s, login}, env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    run = m_cli->runRaw({u"--database"_s, clerkUrl, u"staff"_s, u"me"_s}, env);
    QVERIFY2(run.exitCode == 4, qPrintable(run.describe()));

    // A file keeps no staff, and says where they live.
    run = m_cli->run({u"staff"_s, u"list"_s});
    QVERIFY2(run.exitCode == 4 && run.errText().contains(u"shared database"_s), qPrintable(run.describe()));
}

// Four eyes from the terminal (issue 14): a supervisor's refund above the limit is asked for (exit
// 5, nothing sent); the asker cannot approve it; a second supervisor's "refund approve" sends it
// once; a denial needs a reason; the limit is an administrator's.
void TestCliDatabase::largeRefundsWaitForASecondSupervisor()
{
    if (!PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    const QString url = freshDatabase(u"foureyes"_s);
    const QProcessEnvironment env = m_cli->environment();
    const QString refundPath = GatewayClient::path(GatewayOperation::Refund);
    // Two supervisors with their own passwords.
    QStringList urls;
    for (const QString &who : {u"amal"_s, u"sara"_s}) {
        const QString login = u"%1_%2"_s.arg(who).arg(QCoreApplication::applicationPid());
        CliRun run = m_cli->runRaw({u"--database"_s, url, u"staff"_s, u"add"_s, login, u"--role"_s,
                                    u"supervisor"_s},
                                   env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        PostgresStore::ConnectionSettings as = PostgresStore::parseUrl(url).value();
        as.user = login;
        urls << as.displayUrl();
        run = m_cli->runRaw({u"--database"_s, urls.last(), u"staff"_s, u"password"_s}, env,
                            "their own passphrase\ntheir own passphrase\n");
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    }
    const QString amal = urls.at(0);
    const QString sara = urls.at(1);
    const auto json = [&](const QString &database, const QStringList &arguments, int expected,
                          const QByteArray &in = {}) {
        CliRun run = m_cli->runRaw(QStringList{u"--database"_s, database, u"--json"_s} + arguments, env, in);
        if (run.exitCode != expected)
            qWarning("%s", qPrintable(run.describe()));
        return run.exitCode == expected ? run.json().object() : QJsonObject{{u"failed"_s, true}};
    };
    const QJsonObject customer = json(url, {u"customers"_s, u"add"_s, u"--name"_s, u"Huda Saleh"_s}, 0);
    const QString customerId = QString::number(customer.value(u"id"_s).toInteger());
    QStringList payments;
    for (const QString &token : {u"tok_cli_four_eyes_1"_s, u"tok_cli_four_eyes_2"_s}) {
        const QJsonObject card = json(url, {u"tokens"_s, u"add"_s, u"--customer"_s, customerId, u"--token"_s, u"-"_s},
                                      0, token.toUtf8() + '\n');
        const QJsonObject charged = json(amal, {u"charge"_s, u"--token"_s, QString::number(card.value(u"id"_s).toInteger()),
                                                u"--amount"_s, u"2500"_s, u"--yes"_s},
                                         0);
        QCOMPARE(charged.value(u"state"_s).toString(), u"approved"_s);
        payments << QString::number(charged.value(u"payment_id"_s).toInteger());
    }

    // Above the limit: no reason, nothing; with one, a request (exit 5) and nothing sent.
    CliRun run = m_cli->runRaw({u"--database"_s, amal, u"refund"_s, u"--payment"_s, payments.at(0), u"--yes"_s}, env);
    QVERIFY2(run.exitCode == 2 && run.errText().contains(u"--reason"_s), qPrintable(run.describe()));
    const QJsonObject asked = json(amal, {u"refund"_s, u"--payment"_s, payments.at(0), u"--reason"_s,
                                          u"returned the goods"_s, u"--yes"_s},
                                   5);
    QCOMPARE(asked.value(u"state"_s).toString(), u"open"_s);
    QCOMPARE(asked.value(u"amount"_s).toString(), u"2500.00"_s);
    const QString request = QString::number(asked.value(u"request_id"_s).toInteger());
    QCOMPARE(m_cli->simulator().requestCount(refundPath), 0);

    // The asker cannot approve it; the second supervisor sees it in the queue and approves: one refund.
    run = m_cli->runRaw({u"--database"_s, amal, u"refund"_s, u"approve"_s, request, u"--yes"_s}, env);
    QVERIFY2(run.exitCode == 2 && run.errText().contains(u"another supervisor"_s), qPrintable(run.describe()));
    run = m_cli->runRaw({u"--database"_s, sara, u"--json"_s, u"refund"_s, u"requests"_s}, env);
    QVERIFY2(run.exitCode == 0 && run.json().array().size() == 1, qPrintable(run.describe()));
    QCOMPARE(run.json().array().first().toObject().value(u"reason"_s).toString(), u"returned the goods"_s);
    const QJsonObject refunded = json(sara, {u"refund"_s, u"approve"_s, request, u"--yes"_s}, 0);
    QCOMPARE(refunded.value(u"refund_state"_s).toString(), u"refunded"_s);
    QCOMPARE(m_cli->simulator().requestCount(refundPath), 1);
    run = m_cli->runRaw({u"--database"_s, sara, u"refund"_s, u"approve"_s, request, u"--yes"_s}, env);
    QVERIFY2(run.exitCode == 2 && run.errText().contains(u"already"_s), qPrintable(run.describe()));
    QCOMPARE(m_cli->simulator().requestCount(refundPath), 1);

    // A denial needs a reason and sends nothing.
    const QString second = QString::number(
        json(amal, {u"refund"_s, u"--payment"_s, payments.at(1), u"--reason"_s, u"charged twice"_s}, 5)
            .value(u"request_id"_s)
            .toInteger());
    run = m_cli->runRaw({u"--database"_s, sara, u"refund"_s, u"deny"_s, second}, env);
    QVERIFY2(run.exitCode == 2 && run.errText().contains(u"--reason"_s), qPrintable(run.describe()));
    QCOMPARE(json(sara, {u"refund"_s, u"deny"_s, second, u"--reason"_s, u"one charge only"_s}, 0)
                 .value(u"state"_s)
                 .toString(),
             u"denied"_s);
    QCOMPARE(m_cli->simulator().requestCount(refundPath), 1);

    // The limit: a supervisor reads it; only an administrator sets it.
    QCOMPARE(json(sara, {u"refund"_s, u"limit"_s}, 0).value(u"approval_above"_s).toString(), u"1000.00"_s);
    run = m_cli->runRaw({u"--database"_s, sara, u"refund"_s, u"limit"_s, u"5000"_s}, env);
    QVERIFY2(run.exitCode == 4 && run.errText().contains(u"administrator role"_s), qPrintable(run.describe()));
    QCOMPARE(json(url, {u"refund"_s, u"limit"_s, u"3000"_s}, 0).value(u"approval_above"_s).toString(),
             u"3000.00"_s);
    run = m_cli->runRaw({u"--database"_s, url, u"refund"_s, u"limit"_s, u"lots"_s}, env);
    QVERIFY2(run.exitCode == 2 && run.errText().contains(u"limit"_s), qPrintable(run.describe()));

    // A file has no refund requests, and says where they live.
    run = m_cli->run({u"refund"_s, u"requests"_s});
    QVERIFY2(run.exitCode == 4 && run.errText().contains(u"shared database"_s), qPrintable(run.describe()));
}

// With no --database and no FATORA_DATABASE, the CLI opens what the desk's Settings → Database
// page chose; FATORA_DATABASE still wins over it.
void TestCliDatabase::theCliFollowsTheDesksDatabaseSetting()
{
    if (!PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    const QString url = freshDatabase(u"setting"_s);
    const auto server = PostgresStore::parseUrl(url);
    QVERIFY(server.ok());
    {
        QSettings desk(m_cli->dirPath() + u"/config/Fatora/Fatora Back Office.conf"_s, QSettings::NativeFormat);
        desk.setValue(u"database/kind"_s, u"server"_s);
        desk.setValue(u"database/host"_s, server->host);
        desk.setValue(u"database/port"_s, server->port);
        desk.setValue(u"database/name"_s, server->database);
        desk.setValue(u"database/user"_s, server->user);
    }
    const QProcessEnvironment env = m_cli->environment();
    CliRun run = m_cli->runRaw({u"--json"_s, u"db"_s, u"status"_s}, env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(run.json().object().value(u"backend"_s).toString(), u"postgresql"_s);
    QCOMPARE(run.json().object().value(u"location"_s).toString(), server->displayUrl());

    QProcessEnvironment fileEnv = env;
    fileEnv.insert(u"FATORA_DATABASE"_s, m_cli->databasePath());
    run = m_cli->runRaw({u"--json"_s, u"customers"_s, u"list"_s}, fileEnv);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    run = m_cli->runRaw({u"--json"_s, u"db"_s, u"status"_s}, fileEnv);
    QCOMPARE(run.json().object().value(u"backend"_s).toString(), u"sqlite"_s);

    // A setting that names no server is refused, naming the field, before anything is opened.
    {
        QSettings desk(m_cli->dirPath() + u"/config/Fatora/Fatora Back Office.conf"_s, QSettings::NativeFormat);
        desk.setValue(u"database/host"_s, QString());
    }
    run = m_cli->runRaw({u"db"_s, u"status"_s}, env);
    QFile::remove(m_cli->dirPath() + u"/config/Fatora/Fatora Back Office.conf"_s); // the next tests' settings
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.errText().contains(u"database_host"_s), qPrintable(run.describe()));
}

void TestCliDatabase::serverProblems_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    QTest::newRow("port out of range") << u"postgresql://fatora:s3cr3t-pw@127.0.0.1:99999/x"_s << 2
                                       << u"not a valid URL"_s;
    QTest::newRow("no database name") << u"postgresql://fatora:s3cr3t-pw@127.0.0.1:5432/"_s << 2 << u"database"_s;
    QTest::newRow("unknown sslmode") << u"postgresql://127.0.0.1/x?sslmode=sometimes"_s << 2 << u"sslmode"_s;
    // Port 1 on loopback: nothing listens there.
    QTest::newRow("unreachable server") << u"postgresql://fatora:s3cr3t-pw@127.0.0.1:1/fatora"_s << 4
                                        << u"127.0.0.1:1"_s;
}

void TestCliDatabase::serverProblems()
{
    QFETCH(QString, url);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    for (const QStringList &arguments :
         {QStringList{u"db"_s, u"init"_s, url}, QStringList{u"db"_s, u"status"_s, url},
          QStringList{u"--database"_s, url, u"customers"_s, u"list"_s}}) {
        const CliRun run = m_cli->runRaw(arguments, m_cli->environment());
        const int expected = arguments.first() == u"--database"_s ? 4 : exitCode; // other commands: 4
        QVERIFY2(run.exitCode == expected, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(says), qPrintable(run.describe()));
        QVERIFY2(!run.errText().contains(u"s3cr3t-pw"_s) && !run.outText().contains(u"s3cr3t-pw"_s),
                 qPrintable(run.describe()));
        QCOMPARE(run.errLines().size(), 1);
    }
}

void TestCliDatabase::aNewerServerSchemaIsRefused()
{
    if (!PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    const QString url = freshDatabase(u"newer"_s);
    QCOMPARE(m_cli->runRaw({u"db"_s, u"init"_s, url}, m_cli->environment()).exitCode, 0);
    const QString database = PostgresStore::parseUrl(url).value().database;
    admin(u"UPDATE schema_version SET version = 99"_s, database);
    CliRun run = m_cli->runRaw({u"db"_s, u"status"_s, url}, m_cli->environment());
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.errText().contains(u"newer version"_s), qPrintable(run.describe()));

    // Another program's database on the server: refused, nothing created in it.
    const QString other = freshDatabase(u"other"_s);
    const QString otherName = PostgresStore::parseUrl(other).value().database;
    admin(u"CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)"_s, otherName);
    run = m_cli->runRaw({u"db"_s, u"init"_s, other}, m_cli->environment());
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.errText().contains(u"not a Fatora Back Office database"_s), qPrintable(run.describe()));
    QSqlQuery tables(QSqlDatabase::database(u"cli-db-admin-"_s + otherName));
    QVERIFY(tables.exec(u"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"_s));
    QVERIFY(tables.next());
    QCOMPARE(tables.value(0).toInt(), 1); // still only its own table (schema_version rolled back)
}

// The rows of the table not proven above, for each command that opens a database: db init, db
// status and an ordinary command. Exit 4, one line naming the problem, no password shown, and the
// database - the server's rows, or the file's bytes - exactly as it was.
void TestCliDatabase::eachCommandRefusesUntouched_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("says");
    QTest::newRow("server: wrong password") << u"server-password"_s << u"password authentication failed"_s;
    QTest::newRow("server: another program's database")
        << u"server-other"_s << u"not a Fatora Back Office database"_s;
    QTest::newRow("server: newer schema") << u"server-newer"_s << u"newer version"_s;
    QTest::newRow("file: newer schema") << u"file-newer"_s << u"newer version"_s;
    QTest::newRow("file: not a database at all") << u"file-junk"_s << u"not a database"_s;
}

void TestCliDatabase::eachCommandRefusesUntouched()
{
    QFETCH(QString, problem);
    QFETCH(QString, says);
    const QString secret = u"s3cr3t-pw"_s;
    QString location;
    QString database; // the server's database to fingerprint; empty: a file
    if (problem.startsWith(u"server"_s)) {
        if (!PostgresTestServer::wanted())
            QSKIP("FATORA_TEST_POSTGRES=off");
        QString trouble;
        if (m_server.admin().host.isEmpty())
            QVERIFY2(m_server.start(&trouble), qPrintable(trouble));
        const QString url = m_server.create(u"table%1"_s.arg(++m_tableRows));
        database = ServerDatabases::databaseOf(url);
        location = QString(url).replace(u"@"_s, u":"_s + secret + u'@');
        if (problem == u"server-password"_s) {
            const QString role = PostgresTestServer::passwordRole();
            if (role.isEmpty())
                QSKIP("the server is FATORA_TEST_POSTGRES_URL's: its logins are not the test's to arrange");
            QCOMPARE(m_cli->runRaw({u"db"_s, u"init"_s, url}, m_cli->environment()).exitCode, 0);
            QVERIFY(
                m_server.exec(u"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN"
                              " CREATE ROLE %1 LOGIN PASSWORD 'the-right-one'; END IF; END $$"_s.arg(role)));
            PostgresStore::ConnectionSettings settings = PostgresStore::parseUrl(url).value();
            settings.user = role;
            location = settings.displayUrl().replace(role + u'@', role + u':' + secret + u'@');
        } else if (problem == u"server-other"_s) {
            QVERIFY(
                m_server.exec(u"CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)"_s, database));
        } else {
            QCOMPARE(m_cli->runRaw({u"db"_s, u"init"_s, url}, m_cli->environment()).exitCode, 0);
            QVERIFY(m_server.exec(u"UPDATE schema_version SET version = 99"_s, database));
        }
    } else {
        location = m_cli->dirPath() + u"/%1.sqlite"_s.arg(problem);
        QFile::remove(location);
        if (problem == u"file-junk"_s) {
            QFile file(location);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(8192, 'n'));
        } else {
            {
                auto opened = SqliteStore::open(location);
                QVERIFY(opened.ok());
                addCustomer(*opened.value(), u"Written Before"_s);
            }
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"newer-file"_s);
                db.setDatabaseName(location);
                QVERIFY(db.open());
                QVERIFY(QSqlQuery(db).exec(u"PRAGMA user_version = 99"_s));
                db.close();
            }
            QSqlDatabase::removeDatabase(u"newer-file"_s);
        }
    }
    auto fingerprint = [&] {
        return database.isEmpty() ? readFile(location) : m_server.fingerprint(database);
    };
    const QByteArray before = fingerprint();
    for (const QStringList &arguments :
         {QStringList{u"db"_s, u"init"_s, location}, QStringList{u"db"_s, u"status"_s, location},
          QStringList{u"--database"_s, location, u"customers"_s, u"list"_s}}) {
        const CliRun run = m_cli->runRaw(arguments, m_cli->environment());
        QVERIFY2(run.exitCode == 4, qPrintable(arguments.join(u' ') + u'\n' + run.describe()));
        QVERIFY2(run.errLines().size() == 1, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(says), qPrintable(run.describe()));
        QVERIFY2(!run.errText().contains(secret) && !run.outText().contains(secret),
                 qPrintable(run.describe()));
        QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
        QCOMPARE(fingerprint(), before);
        if (database.isEmpty())
            QVERIFY(!QFileInfo::exists(location + u"-wal"_s));
    }
}

// Addresses in other programs' forms are not file paths: shown by their scheme only, never opened.
void TestCliDatabase::urlLikeTextIsNeverShown_data()
{
    QTest::addColumn<QString>("location");
    QTest::newRow("JDBC") << u"jdbc:postgresql://db.example/f?user=u&password=S3cret-pw"_s;
    QTest::newRow("SQLAlchemy") << u"postgresql+psycopg2://u:S3cret-pw@db.example/f"_s;
    QTest::newRow("one slash") << u"postgresql:/u:S3cret-pw@db.example/f"_s;
    QTest::newRow("mysql") << u"mysql://u:S3cret-pw@db.example/f"_s;
}

void TestCliDatabase::urlLikeTextIsNeverShown()
{
    QFETCH(QString, location);
    for (const QStringList &arguments : {QStringList{u"db"_s, u"init"_s, location}, QStringList{u"db"_s, u"status"_s, location},
                                         QStringList{u"--database"_s, location, u"customers"_s, u"list"_s}}) {
        const CliRun run = m_cli->runRaw(arguments, m_cli->environment());
        QVERIFY2(run.exitCode == 2 || run.exitCode == 4, qPrintable(run.describe()));
        QVERIFY2(!run.errText().contains(u"S3cret-pw"_s) && !run.outText().contains(u"S3cret-pw"_s),
                 qPrintable(run.describe()));
        QCOMPARE(run.errLines().size(), 1);
    }
    QVERIFY(!QFileInfo::exists(location)); // nothing created under that name
}

QTEST_GUILESS_MAIN(TestCliDatabase)
#include "tst_clidatabase.moc"
