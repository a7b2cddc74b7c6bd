#pragma once

#include "GatewaySimulator.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

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
                  const QByteArray &stdinData = {});

    // Every row of every table, hashed: equal before and after means the run wrote nothing.
    QByteArray databaseFingerprint() const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GatewaySimulator> m_simulator;
};

} // namespace fatora::test
