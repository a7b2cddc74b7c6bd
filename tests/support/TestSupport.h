#pragma once

#include "domain/Clock.h"
#include "gateway/GatewayTypes.h"
#include "GatewaySimulator.h"
#include "store/sqlite/SqliteStore.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <memory>

namespace fatora::test {

// A fresh database in its own temporary directory, removed with the fixture.
class TempDatabase
{
public:
    TempDatabase();
    QString path() const { return m_dir.filePath(QStringLiteral("test.sqlite")); }
    QString dirPath() const { return m_dir.path(); }
    SqliteStore &store() { return *m_store; }
    // Closes and opens the same file again, as a restarted process would.
    void reopen();
    // SQL on a second connection to the file, as another program would; the error's text, or empty.
    QString execRaw(const QString &sql) const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
};

// Adds a customer and an active token issued `issuedDaysAgo` days before `today`.
qint64 addCustomer(Store &store, const QString &name);
qint64 addToken(Store &store, qint64 customerId, const QString &tokenText, const QDate &today,
                int issuedDaysAgo = 10, std::optional<Money> firstAmount = std::nullopt);

// A started simulator with the default sandbox key.
std::unique_ptr<GatewaySimulator> startSimulator();
// A client config pointing at the simulator.
GatewayConfig simulatorConfig(const GatewaySimulator &simulator, int timeoutMs = 5000);

// What the simulator's payment page answered a browser-like request.
struct SimulatorPageAnswer
{
    int status = 0;      // HTTP status; -1 when the page had no form offering the outcome
    QByteArray location; // a redirect's target
    QByteArray page;
};
// GET of a checkout link, as a browser opens it.
SimulatorPageAnswer fetchSimulatorPage(const QString &link);
// Pays the way a customer's browser does: fetch the page, read its form, submit the chosen outcome
// ("approve", "decline", "never") as a plain form POST, and stop at the redirect (the shop's page
// is not ours to fetch).
SimulatorPageAnswer payOnSimulatorPage(const QString &link, const QString &outcome);

// 2026-11-25 10:00 UTC, the day this project started: tests never depend on the real date.
QDateTime fixedNow();

} // namespace fatora::test
