#pragma once

#include "domain/Result.h"

#include <QString>

#include <memory>

namespace fatora::test {

// A throw-away PostgreSQL server for one test process: its own data directory under the
// temporary folder, listening on 127.0.0.1 at a free port and on a socket in that directory,
// stopped and removed when the process ends (and, should the process crash, by a watchdog that
// waits for it). The machine's own clusters are never used or touched.
//
// FATORA_TEST_POSTGRES_URL=postgresql://... uses that server instead (its user must be allowed
// to create databases); FATORA_TEST_POSTGRES=off leaves PostgreSQL out of the tests. Otherwise a
// missing PostgreSQL installation is an error, never a silent skip.
class PostgresTestServer
{
public:
    // Whether the tests should run on PostgreSQL at all (FATORA_TEST_POSTGRES is not "off").
    static bool wanted();
    // The server of this process, started on first use: the URL of a database whose user may
    // create databases. An error says what is missing and how to provide it.
    static Result<QString> adminUrl();
    // A login role that this process's own server authenticates by password (scram-sha-256 on
    // 127.0.0.1), where every other login is trusted: for proving that a wrong password is refused.
    // The role itself is not created (CREATE ROLE ... LOGIN PASSWORD '...'). Empty when the tests use
    // FATORA_TEST_POSTGRES_URL's server, whose authentication is not ours to arrange.
    static QString passwordRole();
    // Stops this process's own server as a restart would (every client disconnected at once) and
    // starts it again on the same port and data: for proving that a desk survives a lost server.
    // Refused when the tests use FATORA_TEST_POSTGRES_URL's server.
    static Result<void> pause();
    static Result<void> resume();

    ~PostgresTestServer();
    PostgresTestServer(const PostgresTestServer &) = delete;
    PostgresTestServer &operator=(const PostgresTestServer &) = delete;

private:
    PostgresTestServer() = default;
    static PostgresTestServer &instance();
    Result<QString> start();
    void stop();

    QString m_dataDir;
    QString m_binDir;
    QString m_options; // the server's command line options, for starting it again
    bool m_running = false;
};

} // namespace fatora::test
