// fatora-cli db copy: one desk's file, filled through the CLI and the simulator as a desk fills it,
// moved into a throw-away PostgreSQL database. What arrives is compared with the file by natural keys
// (reference, token text, order id, audit entries per object); a second run adds nothing; conflicts
// are listed and nothing merged; and every bad input - in the file, the address or the server -
// exits 2 or 4 with one clear line, the server's rows and the file's bytes unchanged, never a
// password in any output. A copy killed with SIGKILL halfway leaves the server as it was, and the
// next run completes it.

#include "CliHarness.h"
#include "payments/AnswerJournal.h"
#include "PostgresTestServer.h"
#include "ServerDatabases.h"
#include "store/postgres/PostgresStore.h"
#include "store/sqlite/SqliteStore.h"
#include "StoreRows.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString Declines = u"tok_sara_declines=="_s;
const QString Drops = u"tok_omar_drops=="_s;
const QString Password = u"s3cr3t-pw"_s;

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The URL with a password in it: the trusting test server ignores it, and no output may show it.
QString withPassword(const QString &url)
{
    return QString(url).replace(u"postgresql://fatora@"_s, u"postgresql://fatora:"_s + Password + u'@');
}

} // namespace

class TestCliDbCopy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void copiesADeskIntoTheServer();
    void printsWhatItDidAsATable();
    void aSecondRunAddsNothing();
    void aDryRunWritesNothing();
    void conflictsAreListedNothingMerged();
    void thePasswordComesFromTheEnvironment();
    void badInputs_data();
    void badInputs();
    void aKilledCopyLeavesNothingAndTheNextRunCompletes();

private:
    // The desk's file, once: customers and cards through the CLI, charges, a refund and a revoke
    // through the CLI and the simulator, and a charge left pending by a desk that died.
    void seedDesk();
    CliRun copy(const QStringList &extra = {}, const QString &to = QString());
    QJsonObject copyJson(const QStringList &extra, int expectedExit);
    std::unique_ptr<Store> openServer(const QString &url);

    std::unique_ptr<CliHarness> m_cli;
    ServerDatabases m_server;
    bool m_serverReady = false;
    QString m_seeded;  // the seeded desk file, closed; each test copies from its own copy of it
    QString m_from;    // this test's copy of it
    QString m_to;      // this test's empty database on the server
    QString m_pending; // order id of the charge the dead desk left pending
    int m_databases = 0;
};

void TestCliDbCopy::initTestCase()
{
    m_cli = std::make_unique<CliHarness>();
    if (!PostgresTestServer::wanted())
        return;
    QString problem;
    QVERIFY2(m_server.start(&problem), qPrintable(problem));
    m_serverReady = true;
    seedDesk();
}

void TestCliDbCopy::cleanupTestCase()
{
    m_cli.reset();
}

void TestCliDbCopy::init()
{
    if (!m_serverReady)
        QSKIP("FATORA_TEST_POSTGRES=off");
    m_from = m_cli->dirPath() + u"/from-%1.sqlite"_s.arg(QLatin1StringView(QTest::currentTestFunction()));
    if (QTest::currentDataTag())
        m_from.replace(u".sqlite"_s, u"-%1.sqlite"_s.arg(++m_databases));
    QFile::remove(m_from);
    QVERIFY(QFile::copy(m_seeded, m_from));
    QFile(m_from).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_to = m_server.create(u"copy%1"_s.arg(++m_databases));
}

void TestCliDbCopy::seedDesk()
{
    m_cli->simulator().setMode(u"TEST"_s); // not the sandbox's mark: this desk's data is to be moved
    SimulatedBehaviour declined;
    declined.kind = SimulatedBehaviour::Kind::InsufficientFunds;
    m_cli->simulator().script(Declines, declined);
    SimulatedBehaviour drops;
    drops.kind = SimulatedBehaviour::Kind::DropConnection;
    m_cli->simulator().script(Drops, drops);
    const QString issued = QDate::currentDate().addDays(-10).toString(Qt::ISODate);
    auto ok = [this](const QStringList &arguments, int exitCode = 0) {
        const CliRun run = m_cli->run(arguments);
        if (run.exitCode != exitCode)
            qFatal("seeding: %s", qPrintable(run.describe()));
        return run;
    };
    ok({u"customers"_s, u"add"_s, u"--name"_s, u"Sara Al-Kuwari"_s, u"--reference"_s, u"CUST-1"_s,
        u"--email"_s, u"sara@example.qa"_s, u"--phone"_s, u"+974 5510 1000"_s});
    ok({u"customers"_s, u"add"_s, u"--name"_s, u"Omar Haddad"_s, u"--reference"_s, u"CUST-2"_s});
    ok({u"customers"_s, u"add"_s, u"--name"_s, u"ليلى حداد"_s, u"--phone"_s, u"+974 3300 1111"_s});
    ok({u"tokens"_s, u"add"_s, u"--customer"_s, u"1"_s, u"--token"_s, u"tok_sara_ok+/="_s, u"--issued"_s,
        issued, u"--first-amount"_s, u"123.45"_s});
    ok({u"tokens"_s, u"add"_s, u"--customer"_s, u"1"_s, u"--token"_s, Declines, u"--issued"_s, issued});
    ok({u"tokens"_s, u"add"_s, u"--customer"_s, u"2"_s, u"--token"_s, Drops, u"--issued"_s, issued});
    ok({u"tokens"_s, u"add"_s, u"--customer"_s, u"3"_s, u"--token"_s, u"tok_layla=="_s, u"--issued"_s, issued,
        u"--first-amount"_s, u"50"_s});
    ok({u"charge"_s, u"--token"_s, u"1"_s, u"--amount"_s, u"123.45"_s, u"--yes"_s});
    ok({u"charge"_s, u"--token"_s, u"2"_s, u"--amount"_s, u"50"_s, u"--yes"_s}, 1);
    ok({u"charge"_s, u"--token"_s, u"3"_s, u"--amount"_s, u"88"_s, u"--yes"_s}, 3);
    ok({u"charge"_s, u"--token"_s, u"4"_s, u"--yes"_s});
    ok({u"refund"_s, u"--payment"_s, u"1"_s, u"--yes"_s});
    ok({u"revoke"_s, u"--token"_s, u"4"_s, u"--reason"_s, u"card replaced"_s, u"--yes"_s});
    {
        // A desk that died with a charge in flight: written ahead, its answer never saved.
        auto desk = SqliteStore::open(m_cli->databasePath());
        QVERIFY(desk.ok());
        Payment pending;
        pending.orderId = m_pending = u"BO-20261125-DEADDESK01"_s;
        pending.tokenId = 1;
        pending.customerId = 1;
        pending.amount = Money(1000, u"QAR"_s);
        pending.currency = u"QAR"_s;
        pending.operatorName = u"cli-test"_s;
        pending.createdAt = QDateTime::currentDateTimeUtc();
        pending.updatedAt = pending.createdAt;
        QVERIFY(desk.value()->insertPayment(pending).ok());
    } // closed: its -wal folded into the file
    m_seeded = m_cli->dirPath() + u"/seeded.sqlite"_s;
    QVERIFY(QFile::copy(m_cli->databasePath(), m_seeded));
    QVERIFY(!QFileInfo::exists(m_cli->databasePath() + u"-wal"_s));
}

CliRun TestCliDbCopy::copy(const QStringList &extra, const QString &to)
{
    return m_cli->runRaw(QStringList{u"db"_s, u"copy"_s, u"--from"_s, m_from, u"--to"_s,
                                     to.isEmpty() ? withPassword(m_to) : to} +
                             extra,
                         m_cli->environment());
}

QJsonObject TestCliDbCopy::copyJson(const QStringList &extra, int expectedExit)
{
    const CliRun run = copy(QStringList{u"--json"_s} + extra);
    if (run.exitCode != expectedExit || !run.json().isObject()) {
        QTest::qFail(qPrintable(u"unexpected copy result: "_s + run.describe()), __FILE__, __LINE__);
        return {};
    }
    if (run.outText().contains(Password) || run.errText().contains(Password))
        QTest::qFail("the password appeared in the output", __FILE__, __LINE__);
    return run.json().object();
}

std::unique_ptr<Store> TestCliDbCopy::openServer(const QString &url)
{
    auto opened = PostgresStore::open(url);
    if (!opened.ok())
        qFatal("open %s: %s", qPrintable(url), qPrintable(opened.error().toString()));
    return std::unique_ptr<Store>(std::move(opened).value());
}

void TestCliDbCopy::copiesADeskIntoTheServer()
{
    const QByteArray fileBefore = fileBytes(m_from);
    const QJsonObject o = copyJson({}, 0);
    QCOMPARE(o.value(u"committed"_s).toBool(), true);
    QCOMPARE(o.value(u"dry_run"_s).toBool(), false);
    QCOMPARE(o.value(u"to"_s).toString(), m_to); // the address as shown: no password
    QCOMPARE(o.value(u"charges_made_unknown"_s).toInt(), 1);
    QVERIFY(o.value(u"conflicts"_s).toArray().isEmpty());

    auto desk = SqliteStore::openToRead(m_from);
    QVERIFY2(desk.ok(), qPrintable(desk.error().toString()));
    const Store::Counts inFile = desk.value()->counts().value();
    const QJsonObject tables = o.value(u"tables"_s).toObject();
    const std::pair<QString, qint64> expected[] = {{u"customers"_s, inFile.customers},
                                                   {u"card_tokens"_s, inFile.tokens},
                                                   {u"payments"_s, inFile.payments},
                                                   {u"audit_entries"_s, inFile.auditEntries}};
    for (const auto &[table, count] : expected) {
        const QJsonObject t = tables.value(table).toObject();
        QCOMPARE(t.value(u"read"_s).toInteger(), count);
        QCOMPARE(t.value(u"copied"_s).toInteger(), count);
        QCOMPARE(t.value(u"already_there"_s).toInteger(), 0);
        QCOMPARE(t.value(u"before"_s).toInteger(), 0);
        QCOMPARE(t.value(u"after"_s).toInteger(), count + (table == u"audit_entries"_s ? 1 : 0));
    }

    // Field by field, by natural keys: amounts in minor units, times, states, order ids, operators.
    std::unique_ptr<Store> server = openServer(m_to);
    QMap<QString, QString> there = rowsByNaturalKey(*server, {m_pending});
    const QString own = there.take(u"audit database 0"_s);
    QVERIFY2(own.contains(u"database.copied"_s) && own.contains(test::recordedOperator(*server, u"cli-test"_s)),
             qPrintable(own));
    const QMap<QString, QString> here = rowsByNaturalKey(*desk.value(), {m_pending});
    QCOMPARE(there.keys(), here.keys());
    for (auto it = here.cbegin(); it != here.cend(); ++it)
        QCOMPARE(there.value(it.key()), it.value());
    const Payment pending = server->paymentByOrderId(m_pending).value().value();
    QCOMPARE(pending.state, PaymentState::Unknown);
    QCOMPARE(pending.amount, std::optional<Money>(Money(1000, u"QAR"_s)));
    QCOMPARE(server->counts().value().openCharges, 2); // the dropped charge and the dead desk's
    QCOMPARE(fileBytes(m_from), fileBefore);
    QVERIFY(!QFileInfo::exists(m_from + u"-wal"_s) && !QFileInfo::exists(m_from + u"-shm"_s));

    // The desks now work on the server: verify settles the dropped charge from the gateway's record;
    // the dead desk's charge never reached the gateway and stays unknown (exit 3).
    QString dropped;
    for (const Payment &p : desk.value()->paymentsAfter(0, 100).value()) {
        if (p.state == PaymentState::Unknown)
            dropped = p.orderId;
    }
    QVERIFY(!dropped.isEmpty());
    QProcessEnvironment env = m_cli->environment();
    env.insert(u"FATORA_DATABASE"_s, m_to);
    const CliRun verify = m_cli->runRaw({u"verify"_s, u"--pending"_s}, env);
    QVERIFY2(verify.exitCode == 3, qPrintable(verify.describe()));
    QCOMPARE(server->paymentByOrderId(dropped).value()->state, PaymentState::Approved);
    QCOMPARE(server->paymentByOrderId(m_pending).value()->state, PaymentState::Unknown);
}

void TestCliDbCopy::printsWhatItDidAsATable()
{
    const CliRun run = copy();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QString out = run.outText();
    QVERIFY2(out.contains(u"TABLE"_s) && out.contains(u"ALREADY THERE"_s) && out.contains(u"audit entries"_s),
             qPrintable(out));
    QVERIFY2(out.contains(u"To:   "_s + m_to), qPrintable(out));
    QVERIFY2(out.contains(u"as unknown"_s) && out.contains(u"verify --pending"_s), qPrintable(out));
    QVERIFY2(out.contains(u"Copied in one transaction"_s), qPrintable(out));
    QVERIFY(!out.contains(Password) && !run.errText().contains(Password));
    QVERIFY(!out.contains(u"tok_sara_ok+/="_s));
}

void TestCliDbCopy::aSecondRunAddsNothing()
{
    QCOMPARE(copy().exitCode, 0);
    const QString database = ServerDatabases::databaseOf(m_to);
    const QByteArray once = m_server.fingerprint(database);
    const QJsonObject again = copyJson({}, 0);
    QCOMPARE(m_server.fingerprint(database), once);
    QVERIFY(again.value(u"committed"_s).toBool());
    const QJsonObject tables = again.value(u"tables"_s).toObject();
    for (const QString &table : tables.keys()) {
        const QJsonObject t = tables.value(table).toObject();
        QCOMPARE(t.value(u"copied"_s).toInteger(), 0);
        QCOMPARE(t.value(u"already_there"_s).toInteger(), t.value(u"read"_s).toInteger());
        QCOMPARE(t.value(u"after"_s).toInteger(), t.value(u"before"_s).toInteger());
    }
    const CliRun text = copy();
    QVERIFY2(text.outText().contains(u"Nothing to copy"_s), qPrintable(text.describe()));
}

void TestCliDbCopy::aDryRunWritesNothing()
{
    QCOMPARE(m_cli->runRaw({u"db"_s, u"init"_s, m_to}, m_cli->environment()).exitCode, 0);
    const QString database = ServerDatabases::databaseOf(m_to);
    const QByteArray before = m_server.fingerprint(database);
    const QJsonObject dry = copyJson({u"--dry-run"_s}, 0);
    QCOMPARE(m_server.fingerprint(database), before);
    QCOMPARE(dry.value(u"dry_run"_s).toBool(), true);
    QCOMPARE(dry.value(u"committed"_s).toBool(), false);
    const qint64 payments =
        dry.value(u"tables"_s).toObject().value(u"payments"_s).toObject().value(u"copied"_s).toInteger();
    QVERIFY(payments > 0);
    const QJsonObject real = copyJson({}, 0);
    QCOMPARE(real.value(u"tables"_s).toObject(), dry.value(u"tables"_s).toObject());
}

void TestCliDbCopy::conflictsAreListedNothingMerged()
{
    // Someone already added a CUST-1 at the shared database, through the CLI there.
    const CliRun added = m_cli->runRaw({u"--database"_s, m_to, u"customers"_s, u"add"_s, u"--name"_s,
                                        u"Sara Someone Else"_s, u"--reference"_s, u"CUST-1"_s},
                                       m_cli->environment());
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const QString database = ServerDatabases::databaseOf(m_to);
    const QByteArray before = m_server.fingerprint(database);

    CliRun run = copy({u"--json"_s});
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QCOMPARE(m_server.fingerprint(database), before);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.errText().contains(u"conflict"_s) && run.errText().contains(u"--skip-conflicts"_s),
             qPrintable(run.describe()));
    const QJsonArray conflicts = run.json().object().value(u"conflicts"_s).toArray();
    QStringList rows;
    for (const QJsonValue &c : conflicts)
        rows << c.toObject().value(u"table"_s).toString() + u' ' + c.toObject().value(u"key"_s).toString();
    QVERIFY2(rows.contains(u"customers CUST-1 (Sara Al-Kuwari)"_s), qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.filter(u"card_tokens "_s).size() == 2, qPrintable(rows.join(u'\n'))); // her two cards
    QVERIFY2(rows.filter(u"payments "_s).size() == 3, qPrintable(rows.join(u'\n')));    // their charges
    QVERIFY2(!run.outText().contains(u"tok_sara_ok+/="_s), "a conflict names a card by its mask only");
    QCOMPARE(conflicts.first().toObject().value(u"reason"_s).toString().contains(u"Sara Someone Else"_s),
             true);

    run = copy({u"--skip-conflicts"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.outText().contains(u"Not copied (nothing was merged)"_s), qPrintable(run.describe()));
    std::unique_ptr<Store> server = openServer(m_to);
    QCOMPARE(server->customerByReference(u"CUST-1"_s).value()->name, u"Sara Someone Else"_s);
    QVERIFY(!server->tokenByText(u"tok_sara_ok+/="_s).value().has_value());
    QVERIFY(server->customerByReference(u"CUST-2"_s).value().has_value());
}

// A server that wants a password: from FATORA_DATABASE_PASSWORD when the URL has none, never shown.
void TestCliDbCopy::thePasswordComesFromTheEnvironment()
{
    const QString role = PostgresTestServer::passwordRole();
    if (role.isEmpty())
        QSKIP("the server is FATORA_TEST_POSTGRES_URL's: its logins are not the test's to arrange");
    const QString secret = u"the-r1ght-one"_s;
    QVERIFY(m_server.exec(u"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN"
                          " CREATE ROLE %1 LOGIN; END IF; END $$"_s.arg(role)));
    QVERIFY(m_server.exec(u"ALTER ROLE %1 PASSWORD '%2'"_s.arg(role, secret)));
    // Not a superuser, as on a managed server: the owner sets up the staff roles (CREATEROLE).
    QVERIFY(m_server.exec(u"ALTER ROLE %1 CREATEROLE"_s.arg(role)));
    const QString url = m_server.create(u"owned%1"_s.arg(++m_databases), role); // no password in it
    QProcessEnvironment env = m_cli->environment();
    CliRun run = m_cli->runRaw({u"db"_s, u"copy"_s, u"--from"_s, m_from, u"--to"_s, url}, env);
    QVERIFY2(run.exitCode == 4 && run.errText().contains(u"password"_s), qPrintable(run.describe()));
    env.insert(u"FATORA_DATABASE_PASSWORD"_s, secret);
    run = m_cli->runRaw({u"--json"_s, u"db"_s, u"copy"_s, u"--from"_s, m_from, u"--to"_s, url}, env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(run.json().object().value(u"committed"_s).toBool());
    QVERIFY(!run.outText().contains(secret) && !run.errText().contains(secret));
}

void TestCliDbCopy::badInputs_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    QTest::newRow("no --from") << u"no-from"_s << 2 << u"--from"_s;
    QTest::newRow("no --to") << u"no-to"_s << 2 << u"--to"_s;
    QTest::newRow("an option twice") << u"twice"_s << 2 << u"more than once"_s;
    QTest::newRow("--from missing") << u"from-missing"_s << 2 << u"There is no file"_s;
    QTest::newRow("--from not a database") << u"from-text"_s << 2 << u"not a SQLite file"_s;
    QTest::newRow("--from empty") << u"from-empty"_s << 2 << u"is empty"_s;
    QTest::newRow("--from another program's")
        << u"from-other"_s << 2 << u"not a Fatora Back Office database"_s;
    QTest::newRow("--from in use by a desk") << u"from-in-use"_s << 4 << u"open in a desk"_s;
    QTest::newRow("--from newer schema") << u"from-newer"_s << 4 << u"newer version"_s;
    QTest::newRow("--from older schema") << u"from-older"_s << 4 << u"older than this version"_s;
    QTest::newRow("--from with unsaved answers") << u"from-answers"_s << 4 << u"not saved in it yet"_s;
    QTest::newRow("--from a sandbox database") << u"from-sandbox"_s << 2 << u"sandbox database"_s;
    QTest::newRow("--sandbox") << u"sandbox"_s << 2 << u"demo data"_s;
    QTest::newRow("--to a file") << u"to-file"_s << 2 << u"postgresql://"_s;
    QTest::newRow("--to port out of range") << u"to-port"_s << 2 << u"not a valid URL"_s;
    QTest::newRow("--to unknown sslmode") << u"to-sslmode"_s << 2 << u"sslmode"_s;
    QTest::newRow("--to wrong password") << u"to-password"_s << 4 << u"password authentication failed"_s;
    QTest::newRow("--to unreachable") << u"to-unreachable"_s << 4 << u"127.0.0.1:1"_s;
    QTest::newRow("--to another program's database")
        << u"to-other"_s << 4 << u"not a Fatora Back Office database"_s;
    QTest::newRow("--to newer schema") << u"to-newer"_s << 4 << u"newer version"_s;
}

void TestCliDbCopy::badInputs()
{
    QFETCH(QString, problem);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    // A server database with the schema and one customer: what must stay exactly as it is.
    QCOMPARE(m_cli
                 ->runRaw({u"--database"_s, m_to, u"customers"_s, u"add"_s, u"--name"_s, u"Already There"_s},
                          m_cli->environment())
                 .exitCode,
             0);
    const QString database = ServerDatabases::databaseOf(m_to);
    QString to = withPassword(m_to);
    QStringList arguments{u"db"_s, u"copy"_s, u"--from"_s, m_from, u"--to"_s, to};
    std::unique_ptr<SqliteStore> holder; // keeps the file open, as a running desk does
    if (problem == u"no-from"_s) {
        arguments = {u"db"_s, u"copy"_s, u"--to"_s, to};
    } else if (problem == u"no-to"_s) {
        arguments = {u"db"_s, u"copy"_s, u"--from"_s, m_from};
    } else if (problem == u"twice"_s) {
        arguments << u"--to"_s << to;
    } else if (problem == u"from-missing"_s) {
        arguments[3] = m_from + u".absent"_s;
    } else if (problem == u"from-text"_s || problem == u"from-empty"_s) {
        QFile file(m_from);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(problem == u"from-text"_s ? "name,email\nSara,sara@example.qa\n" : "");
    } else if (problem == u"sandbox"_s) {
        arguments.prepend(u"--sandbox"_s);
    } else if (problem == u"from-other"_s || problem == u"from-newer"_s || problem == u"from-older"_s ||
               problem == u"from-sandbox"_s) {
        if (problem == u"from-other"_s)
            QVERIFY(QFile::remove(m_from));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bad-input"_s);
            db.setDatabaseName(m_from);
            QVERIFY(db.open());
            QSqlQuery q(db);
            if (problem == u"from-other"_s) {
                QVERIFY(q.exec(u"CREATE TABLE invoices (id INTEGER PRIMARY KEY)"_s));
            } else if (problem == u"from-sandbox"_s) {
                QVERIFY(q.exec(u"UPDATE payments SET mode = 'SANDBOX' WHERE id = 2"_s));
            } else {
                const int version = problem == u"from-newer"_s ? SqliteStore::SchemaVersion + 1
                                                               : SqliteStore::SchemaVersion - 1;
                QVERIFY(q.exec(u"PRAGMA user_version = %1"_s.arg(version)));
            }
            QVERIFY(q.exec(u"PRAGMA journal_mode = DELETE"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"bad-input"_s);
    } else if (problem == u"from-in-use"_s) {
        auto opened = SqliteStore::open(m_from);
        QVERIFY(opened.ok());
        holder = std::move(opened).value();
        QVERIFY(QFileInfo::exists(m_from + u"-wal"_s));
    } else if (problem == u"from-answers"_s) {
        GatewayResult result;
        result.outcome = GatewayOutcome::Success;
        AnswerJournal journal(AnswerJournal::pathFor(m_from));
        QVERIFY(journal
                    .append(AnswerJournal::newEntry(GatewayOperation::Collect, 1, u"BO-20261125-HELD000001"_s,
                                                    result, QDateTime::currentDateTimeUtc()))
                    .ok());
    } else if (problem == u"to-file"_s) {
        arguments[5] = m_cli->dirPath() + u"/target.sqlite"_s;
    } else if (problem == u"to-port"_s) {
        arguments[5] = u"postgresql://fatora:"_s + Password + u"@127.0.0.1:99999/x"_s;
    } else if (problem == u"to-sslmode"_s) {
        arguments[5] = withPassword(m_to) + u"?sslmode=sometimes"_s;
    } else if (problem == u"to-password"_s) {
        const QString role = PostgresTestServer::passwordRole();
        if (role.isEmpty())
            QSKIP("the server is FATORA_TEST_POSTGRES_URL's: its logins are not the test's to arrange");
        m_server.exec(u"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN"
                      " CREATE ROLE %1 LOGIN PASSWORD 'the-right-one'; END IF; END $$"_s.arg(role));
        PostgresStore::ConnectionSettings settings = PostgresStore::parseUrl(m_to).value();
        settings.user = role;
        settings.password = Password;
        arguments[5] = settings.displayUrl().replace(role + u'@', role + u':' + Password + u'@');
    } else if (problem == u"to-unreachable"_s) {
        arguments[5] = u"postgresql://fatora:"_s + Password + u"@127.0.0.1:1/fatora"_s;
    } else if (problem == u"to-other"_s) {
        const QString other = m_server.create(u"other%1"_s.arg(++m_databases));
        m_server.exec(u"CREATE TABLE invoices (id serial PRIMARY KEY)"_s, ServerDatabases::databaseOf(other));
        arguments[5] = withPassword(other);
    } else if (problem == u"to-newer"_s) {
        m_server.exec(u"UPDATE schema_version SET version = 99"_s, database);
    }
    const QByteArray serverBefore = m_server.fingerprint(database);
    const QByteArray fileBefore = fileBytes(m_from);
    const QStringList filesBefore = QDir(m_cli->dirPath()).entryList(QDir::Files);

    const CliRun run = m_cli->runRaw(arguments, m_cli->environment());
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.describe()));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.errText().contains(says), qPrintable(run.describe()));
    QVERIFY2(!run.errText().contains(Password) && !run.outText().contains(Password),
             qPrintable(run.describe()));
    QVERIFY2(run.outText().isEmpty(), qPrintable(run.describe()));
    QCOMPARE(m_server.fingerprint(database), serverBefore);
    QCOMPARE(fileBytes(m_from), fileBefore);
    QCOMPARE(QDir(m_cli->dirPath()).entryList(QDir::Files), filesBefore); // nothing created beside it
}

// One transaction: a copy killed at any point leaves nothing on the server, and the next run
// copies everything.
void TestCliDbCopy::aKilledCopyLeavesNothingAndTheNextRunCompletes()
{
    // A desk with enough rows that the copy is still running when it is killed.
    {
        auto desk = SqliteStore::open(m_from);
        QVERIFY(desk.ok());
        Store &store = *desk.value();
        Store::Transaction tx(store);
        QVERIFY(tx.started().ok());
        const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-30);
        for (int i = 0; i < 600; ++i) {
            Customer c;
            c.name = u"Bulk Customer %1"_s.arg(i);
            c.reference = u"BULK-%1"_s.arg(i);
            c.createdAt = start.addSecs(i);
            const qint64 customer = store.addCustomer(c).value();
            CardToken t;
            t.customerId = customer;
            t.token = u"tok_bulk_%1=="_s.arg(i);
            t.issuedOn = QDate::currentDate().addDays(-20);
            t.currency = u"QAR"_s;
            t.createdAt = c.createdAt;
            const qint64 token = store.addToken(t).value();
            Payment p;
            p.orderId = u"BO-BULK-%1"_s.arg(qint64(i), 6, 10, QChar(u'0'));
            p.tokenId = token;
            p.customerId = customer;
            p.amount = Money(100 + i, u"QAR"_s);
            p.currency = u"QAR"_s;
            p.state = PaymentState::Approved;
            p.createdAt = c.createdAt;
            p.updatedAt = c.createdAt;
            const qint64 payment = store.insertPayment(p).value();
            QVERIFY(
                store.audit(c.createdAt, u"bulk"_s, u"charge.approved"_s, u"payment"_s, payment, {}).ok());
        }
        QVERIFY(tx.commit().ok());
    }
    QCOMPARE(m_cli->runRaw({u"db"_s, u"init"_s, m_to}, m_cli->environment()).exitCode, 0);
    const QString database = ServerDatabases::databaseOf(m_to);
    const QByteArray before = m_server.fingerprint(database);

    QProcess process;
    process.setProgram(QStringLiteral(FATORA_CLI_PATH));
    process.setArguments({u"db"_s, u"copy"_s, u"--from"_s, m_from, u"--to"_s, m_to});
    process.setProcessEnvironment(m_cli->environment());
    process.start();
    QVERIFY(process.waitForStarted(30000));
    // Killed once its transaction has written for a while (the server shows it inside one).
    const QString inTransaction =
        u"SELECT count(*) FROM pg_stat_activity WHERE datname = '%1' AND application_name = "
        u"'fatora-backoffice'"
        " AND xact_start IS NOT NULL AND xact_start < clock_timestamp() - interval '300 milliseconds'"_s.arg(
            database);
    QTRY_VERIFY_WITH_TIMEOUT(m_server.value(inTransaction, QString()).toInt() > 0 ||
                                 process.state() == QProcess::NotRunning,
                             60000);
    QVERIFY2(process.state() == QProcess::Running,
             "the copy ended before it could be killed: give it more rows");
    ::kill(pid_t(process.processId()), SIGKILL);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    // The server rolls the transaction back as soon as it sees the connection gone.
    const QString sessions = u"SELECT count(*) FROM pg_stat_activity WHERE datname = '%1'"
                             " AND application_name = 'fatora-backoffice'"_s.arg(database);
    QTRY_COMPARE_WITH_TIMEOUT(m_server.value(sessions, QString()).toInt(), 0, 30000);
    QCOMPARE(m_server.fingerprint(database), before);

    const QJsonObject done = copyJson({}, 0);
    const QJsonObject payments = done.value(u"tables"_s).toObject().value(u"payments"_s).toObject();
    QCOMPARE(payments.value(u"copied"_s).toInteger(), payments.value(u"read"_s).toInteger());
    QCOMPARE(m_server.value(u"SELECT count(*) FROM payments"_s, database).toLongLong(),
             payments.value(u"read"_s).toInteger());
}

QTEST_GUILESS_MAIN(TestCliDbCopy)
#include "tst_clidbcopy.moc"
