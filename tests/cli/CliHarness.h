#pragma once

#include "GatewaySimulator.h"
#include "store/sqlite/SqliteStore.h"

#include <QJsonObject>
#include <QObject>

#include <QByteArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace fatora::test {

// What one fatora-cli run left behind.
struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
    QStringList errLines() const;
    QJsonDocument json() const; // null document when stdout is not JSON
    QString describe() const;   // for failure messages
};

// What a run may change about the process around fatora-cli.
struct RunOptions
{
    QString stdoutFile;               // stdout goes to this file (e.g. /dev/full) instead of a pipe
    std::function<void()> childSetup; // runs in the child between fork and exec (Unix): limits, rights
};

// fatora-cli as scripts use it: a separate process, a temporary database, settings isolated in a
// temporary HOME, and a loopback simulator living in the test process.
class CliHarness
{
public:
    CliHarness();

    QString databasePath() const { return m_dir.filePath(QStringLiteral("cli.sqlite")); }
    QString dirPath() const { return m_dir.path(); }
    GatewaySimulator &simulator() { return *m_simulator; }

    // FATORA_BASE_URL (the simulator), FATORA_API_KEY, FATORA_TIMEOUT_MS=5000, FATORA_OPERATOR, and no
    // keychain, desktop settings or FATORA_DATABASE from the machine running the tests.
    QProcessEnvironment environment() const;

    // Runs fatora-cli --database <temp db> <arguments>.
    CliRun run(const QStringList &arguments, const QByteArray &stdinData = {});
    CliRun run(const QStringList &arguments, const QProcessEnvironment &env,
               const QByteArray &stdinData = {});
    // Without the implicit --database.
    CliRun runRaw(const QStringList &arguments, const QProcessEnvironment &env,
                  const QByteArray &stdinData = {}, const RunOptions &options = {});
    // With the implicit --database and the harness's environment.
    CliRun run(const QStringList &arguments, const RunOptions &options);

    // Every row of every table but sessions (process bookkeeping), hashed: equal before and after
    // means the run wrote nothing.
    QByteArray databaseFingerprint() const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GatewaySimulator> m_simulator;
};

// The fixture the CLI flow tests share: a harness, the same database opened in the test process
// to arrange and inspect it, and the helpers that build customers, tokens and JSON charges.
class CliTestCase : public QObject
{
    Q_OBJECT
protected:
    // Creates a fresh harness and opens its database; the decline token answers insufficient funds.
    void openFixture(const QString &declineToken);

    qint64 customer(const QString &name);
    // The CLI runs on the real clock, so the token is issued relative to the real date.
    qint64 token(qint64 customerId, const QString &text, std::optional<Money> first = std::nullopt);
    Payment payment(qint64 id) { return m_store->payment(id).value(); }
    CardToken storedToken(qint64 id) { return m_store->token(id).value(); }
    // Runs "--json charge --token ID --yes <extra>"; records a failure unless it exits as expected.
    QJsonObject chargeJson(qint64 tokenId, const QStringList &extra, int expectedExit);

    std::unique_ptr<CliHarness> m_cli;
    std::unique_ptr<SqliteStore> m_store;
};

} // namespace fatora::test
