#include "CliHarness.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace fatora::test {

QStringList CliRun::errLines() const
{
    return errText().split(u'\n', Qt::SkipEmptyParts);
}

QJsonDocument CliRun::json() const
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    return error.error == QJsonParseError::NoError ? doc : QJsonDocument();
}

QString CliRun::describe() const
{
    return u"exit %1\n--- stdout ---\n%2\n--- stderr ---\n%3"_s.arg(exitCode).arg(outText(), errText());
}

CliHarness::CliHarness()
{
    if (!m_dir.isValid())
        qFatal("no temporary directory");
    m_simulator = std::make_unique<GatewaySimulator>();
    if (!m_simulator->start())
        qFatal("simulator did not start");
}

QProcessEnvironment CliHarness::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(u"FATORA_"_s))
            env.remove(name);
    }
    // QSettings and QStandardPaths resolve under the temporary HOME: the desk's real settings and
    // database stay out of reach.
    env.insert(u"HOME"_s, m_dir.path());
    env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
    // Never the developer's keychain: without FATORA_API_KEY the CLI must find no key at all.
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/fatora-test-bus"_s);
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.insert(u"FATORA_BASE_URL"_s, m_simulator->baseUrl().toString());
    env.insert(u"FATORA_API_KEY"_s, GatewaySimulator::defaultApiKey());
    env.insert(u"FATORA_TIMEOUT_MS"_s, u"5000"_s);
    env.insert(u"FATORA_OPERATOR"_s, u"cli-test"_s);
    return env;
}

CliRun CliHarness::run(const QStringList &arguments, const QByteArray &stdinData)
{
    return run(arguments, environment(), stdinData);
}

CliRun CliHarness::run(const QStringList &arguments, const QProcessEnvironment &env,
                       const QByteArray &stdinData)
{
    return runRaw(QStringList{u"--database"_s, databasePath()} + arguments, env, stdinData);
}

CliRun CliHarness::run(const QStringList &arguments, const RunOptions &options)
{
    return runRaw(QStringList{u"--database"_s, databasePath()} + arguments, environment(), {}, options);
}

CliRun CliHarness::runRaw(const QStringList &arguments, const QProcessEnvironment &env,
                          const QByteArray &stdinData, const RunOptions &options)
{
    QProcess process;
    process.setProgram(QStringLiteral(FATORA_CLI_PATH));
    process.setArguments(arguments);
    process.setProcessEnvironment(env);
    if (!options.stdoutFile.isEmpty())
        process.setStandardOutputFile(options.stdoutFile, QIODevice::Append);
#ifdef Q_OS_UNIX
    if (options.childSetup)
        process.setChildProcessModifier(options.childSetup);
#endif
    process.start();
    CliRun run;
    if (!process.waitForStarted(30'000)) {
        QTest::qFail("fatora-cli did not start", __FILE__, __LINE__);
        return run;
    }
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel(); // stdin is a pipe, never a terminal: confirmation cannot be asked
    if (!process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished();
        QTest::qFail("fatora-cli did not finish within two minutes", __FILE__, __LINE__);
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    // The key must never reach any output, whatever the command and however it ends.
    const QByteArray key = env.value(u"FATORA_API_KEY"_s).toUtf8();
    if (!key.isEmpty() && (run.out.contains(key) || run.err.contains(key)))
        QTest::qFail("the API key appeared in fatora-cli's output", __FILE__, __LINE__);
    return run;
}

QByteArray CliHarness::databaseFingerprint() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QString connection = u"fingerprint-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(databasePath());
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open())
            qFatal("cannot open the test database for a fingerprint");
        QSqlQuery tables(db);
        tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s);
        QStringList names;
        // Every run that may write opens a session lease (Store::openSession), refused or not:
        // bookkeeping of which processes ran, not the merchant's data this fingerprint guards.
        while (tables.next()) {
            if (tables.value(0).toString() != u"sessions"_s)
                names << tables.value(0).toString();
        }
        for (const QString &table : std::as_const(names)) {
            hash.addData(table.toUtf8());
            QSqlQuery rows(db);
            if (!rows.exec(u"SELECT * FROM \"%1\" ORDER BY rowid"_s.arg(table)) &&
                !rows.exec(u"SELECT * FROM \"%1\" ORDER BY 1"_s.arg(table)))
                qFatal("cannot read table %s for a fingerprint", qPrintable(table));
            while (rows.next()) {
                for (int i = 0; i < rows.record().count(); ++i) {
                    hash.addData(rows.value(i).toString().toUtf8());
                    hash.addData(QByteArrayView("\x1f", 1));
                }
                hash.addData(QByteArrayView("\x1e", 1));
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return hash.result();
}

void CliTestCase::openFixture(const QString &declineToken)
{
    m_store.reset();
    m_cli = std::make_unique<CliHarness>();
    auto opened = SqliteStore::open(m_cli->databasePath());
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    m_store = std::move(opened).value();
    SimulatedBehaviour declined;
    declined.kind = SimulatedBehaviour::Kind::InsufficientFunds;
    m_cli->simulator().script(declineToken, declined);
}

qint64 CliTestCase::customer(const QString &name)
{
    return addCustomer(*m_store, name);
}

qint64 CliTestCase::token(qint64 customerId, const QString &text, std::optional<Money> first)
{
    return addToken(*m_store, customerId, text, QDate::currentDate(), 10, first);
}

QJsonObject CliTestCase::chargeJson(qint64 tokenId, const QStringList &extra, int expectedExit)
{
    const CliRun run =
        m_cli->run(QStringList{QStringLiteral("--json"), QStringLiteral("charge"), QStringLiteral("--token"),
                               QString::number(tokenId), QStringLiteral("--yes")} +
                   extra);
    if (run.exitCode != expectedExit || !run.json().isObject()) {
        QTest::qFail(qPrintable(QStringLiteral("unexpected charge result: ") + run.describe()), __FILE__,
                     __LINE__);
        return {};
    }
    return run.json().object();
}

} // namespace fatora::test
