#pragma once

#include "PostgresStoreBackend.h"
#include "PostgresTestServer.h"
#include "SqliteStoreBackend.h"

#include <QCoreApplication>
#include <QTest>

#include <memory>
#include <vector>

namespace fatora::test {

// The main() of a test that runs once per backend: SQLite, then PostgreSQL on this process's
// throw-away server (PostgresTestServer). Without a server it fails loudly, unless
// FATORA_TEST_POSTGRES=off leaves PostgreSQL out. `what` names the run in the log, e.g.
// "store contract on"; Test is constructed from the backend. App: QApplication for desk tests.
template <typename Test, typename App = QCoreApplication> int runOnEveryBackend(int argc, char **argv, const char *what)
{
    App app(argc, argv);
    int failures = 0;
    std::vector<std::unique_ptr<StoreBackend>> backends;
    backends.push_back(std::make_unique<SqliteStoreBackend>());
    if (PostgresTestServer::wanted()) {
        const auto server = PostgresTestServer::adminUrl();
        if (server.ok()) {
            backends.push_back(std::make_unique<PostgresStoreBackend>(server.value()));
        } else {
            qCritical("%s postgresql: FAIL: %s", what, qPrintable(server.error().message));
            ++failures;
        }
    } else {
        qInfo("%s postgresql: left out (FATORA_TEST_POSTGRES=off)", what);
    }
    for (auto &backend : backends) {
        qInfo("%s %s", what, qPrintable(backend->name()));
        Test test(*backend);
        failures += QTest::qExec(&test, argc, argv);
    }
    return failures;
}

} // namespace fatora::test
