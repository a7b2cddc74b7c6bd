#include "PostgresTestServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QVersionNumber>

#include <algorithm>
#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fatora::test {

namespace {

Error serverError(const QString &message)
{
    return Error{u"postgres"_s, message, ErrorKind::Unavailable};
}

// The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin), or the
// folder of initdb on PATH.
QString findBinDir()
{
    const QDir root(u"/usr/lib/postgresql"_s);
    QList<QVersionNumber> versions;
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (QFileInfo::exists(root.filePath(entry + u"/bin/initdb"_s)) &&
            QFileInfo::exists(root.filePath(entry + u"/bin/pg_ctl"_s)))
            versions << QVersionNumber::fromString(entry);
    }
    std::sort(versions.begin(), versions.end());
    if (!versions.isEmpty())
        return root.filePath(versions.last().toString() + u"/bin"_s);
    const QString initdb = QStandardPaths::findExecutable(u"initdb"_s);
    return initdb.isEmpty() ? QString() : QFileInfo(initdb).absolutePath();
}

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool runningAsRoot()
{
    return geteuid() == 0;
}

// initdb and postgres refuse to run as root: as root, the server runs as the postgres user.
QStringList asServerUser(const QString &program, const QStringList &arguments)
{
    if (!runningAsRoot())
        return QStringList{program} + arguments;
    return QStringList{u"runuser"_s, u"-u"_s, u"postgres"_s, u"--"_s, program} + arguments;
}

// Runs one of the server's programs (bin/<program>) as the server's user, to the end; an error
// carries its output.
Result<void> run(const QString &binDir, const QString &program, const QStringList &arguments, int timeoutMs)
{
    const QStringList command = asServerUser(binDir + u'/' + program, arguments);
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(command.first(), command.mid(1));
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(1000);
        return serverError(
            u"%1 failed: %2"_s.arg(program, QString::fromLocal8Bit(process.readAll()).trimmed()));
    }
    return {};
}

} // namespace

bool PostgresTestServer::wanted()
{
    return qEnvironmentVariable("FATORA_TEST_POSTGRES").compare(u"off"_s, Qt::CaseInsensitive) != 0;
}

Result<QString> PostgresTestServer::adminUrl()
{
    if (const QString given = qEnvironmentVariable("FATORA_TEST_POSTGRES_URL"); !given.isEmpty())
        return given;
    static const Result<QString> url = instance().start();
    return url;
}

PostgresTestServer &PostgresTestServer::instance()
{
    // One server per process, stopped by the destructor when the process exits.
    static PostgresTestServer server;
    return server;
}

Result<void> PostgresTestServer::pause()
{
    PostgresTestServer &server = instance();
    if (!qEnvironmentVariable("FATORA_TEST_POSTGRES_URL").isEmpty() || !server.m_running)
        return Error{u"database"_s, u"Only this process's own running server can be stopped."_s,
                     ErrorKind::Internal};
    // Fast: every client is disconnected at once, as when a server restarts.
    auto stopped = run(server.m_binDir, u"pg_ctl"_s,
                       {u"-D"_s, server.m_dataDir, u"-m"_s, u"fast"_s, u"-w"_s, u"stop"_s}, 30000);
    if (!stopped)
        return stopped.error();
    server.m_running = false;
    return {};
}

Result<void> PostgresTestServer::resume()
{
    PostgresTestServer &server = instance();
    if (server.m_running || server.m_options.isEmpty())
        return Error{u"database"_s, u"The server is not paused."_s, ErrorKind::Internal};
    auto started = run(server.m_binDir, u"pg_ctl"_s,
                       {u"-D"_s, server.m_dataDir, u"-o"_s, server.m_options, u"-l"_s,
                        server.m_dataDir + u"/log"_s, u"-w"_s, u"start"_s},
                       60000);
    if (!started)
        return started.error();
    server.m_running = true;
    return {};
}

QString PostgresTestServer::passwordRole()
{
    if (!qEnvironmentVariable("FATORA_TEST_POSTGRES_URL").isEmpty())
        return QString();
    return u"fatora_password_login"_s;
}

PostgresTestServer::~PostgresTestServer()
{
    stop();
}

Result<QString> PostgresTestServer::start()
{
    m_binDir = findBinDir();
    if (m_binDir.isEmpty())
        return serverError(u"No PostgreSQL server found (initdb, pg_ctl): install the package postgresql, "
                           "set FATORA_TEST_POSTGRES_URL to a server the tests may use, or set "
                           "FATORA_TEST_POSTGRES=off to leave PostgreSQL out."_s);
    QByteArray pattern = QDir::temp().filePath(u"fatora-pg-XXXXXX"_s).toLocal8Bit();
    if (!mkdtemp(pattern.data()))
        return serverError(u"Could not create a temporary data directory."_s);
    m_dataDir = QString::fromLocal8Bit(pattern);
    if (runningAsRoot()) {
        const passwd *user = getpwnam("postgres");
        if (!user || chown(pattern.constData(), user->pw_uid, user->pw_gid) != 0) {
            QDir(m_dataDir).removeRecursively();
            return serverError(u"Running as root, the test server needs the user postgres (from the "
                               "package postgresql) to own its data directory."_s);
        }
    }

    if (auto r = run(m_binDir, u"initdb"_s,
                     {u"-D"_s, m_dataDir, u"-A"_s, u"trust"_s, u"-U"_s, u"fatora"_s, u"-E"_s, u"UTF8"_s,
                      u"--locale=C.UTF-8"_s, u"--no-sync"_s},
                     60000);
        !r) {
        QDir(m_dataDir).removeRecursively();
        return r.error();
    }
    // The password role's line first: pg_hba.conf's first matching line decides.
    {
        QFile hba(m_dataDir + u"/pg_hba.conf"_s);
        if (!hba.open(QIODevice::ReadWrite)) {
            QDir(m_dataDir).removeRecursively();
            return serverError(u"Could not arrange pg_hba.conf: "_s + hba.errorString());
        }
        const QByteArray rest = hba.readAll();
        hba.seek(0);
        hba.write("host all " + passwordRole().toUtf8() + " 127.0.0.1/32 scram-sha-256\n" + rest);
    }
    // A port found free may be taken before the server binds it: try a few.
    Error lastError;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int port = freePort();
        const QString options = u"-k %1 -p %2 -c listen_addresses=127.0.0.1 -c fsync=off"
                                " -c full_page_writes=off -c max_connections=50"_s.arg(m_dataDir)
                                    .arg(port);
        auto started =
            run(m_binDir, u"pg_ctl"_s,
                {u"-D"_s, m_dataDir, u"-o"_s, options, u"-l"_s, m_dataDir + u"/log"_s, u"-w"_s, u"start"_s},
                60000);
        if (started) {
            m_running = true;
            m_options = options;
            // Should this process die without its destructors, the watchdog stops the server.
            const QString stopCommand = asServerUser(m_binDir + u"/pg_ctl"_s,
                                                     {u"-D"_s, m_dataDir, u"-m"_s, u"immediate"_s, u"stop"_s})
                                            .join(u' ');
            const QString script =
                u"while kill -0 %1 2>/dev/null; do sleep 1; done; if [ -d '%2' ]; then %3 >/dev/null 2>&1;"
                " rm -rf '%2'; fi"_s.arg(QCoreApplication::applicationPid())
                    .arg(m_dataDir, stopCommand);
            QProcess watchdog;
            watchdog.setProgram(u"/bin/sh"_s);
            watchdog.setArguments({u"-c"_s, script});
            // Not holding this process's output open: ctest would wait for the watchdog too.
            watchdog.setStandardInputFile(QProcess::nullDevice());
            watchdog.setStandardOutputFile(QProcess::nullDevice());
            watchdog.setStandardErrorFile(QProcess::nullDevice());
            watchdog.startDetached();
            return u"postgresql://fatora@127.0.0.1:%1/postgres"_s.arg(port);
        }
        lastError = started.error();
    }
    QDir(m_dataDir).removeRecursively();
    return lastError;
}

void PostgresTestServer::stop()
{
    if (m_running) {
        if (auto r =
                run(m_binDir, u"pg_ctl"_s, {u"-D"_s, m_dataDir, u"-m"_s, u"immediate"_s, u"stop"_s}, 30000);
            !r)
            qWarning("%s", qPrintable(r.error().message));
        m_running = false;
    }
    if (!m_dataDir.isEmpty())
        QDir(m_dataDir).removeRecursively();
    m_dataDir.clear();
}

} // namespace fatora::test
