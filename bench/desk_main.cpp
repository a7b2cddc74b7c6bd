// fatora-bench-desk: the desk side of the benchmarks, run by fatora-bench as a child process so
// that its peak memory and its start-up are its own. See DeskBench.h.

#include "DelayProxy.h"
#include "DeskBench.h"
#include "LiveDesksBench.h"
#include "store/StoreLocation.h"

#include "domain/LocalTimeZone.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QUrl>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    fatora::keepLocalTimeZone(); // as the desk does
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Fatora"_s);
    QCoreApplication::setApplicationName(u"fatora-bench-desk"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Desk benchmarks of Fatora Back Office (run by fatora-bench)."_s);
    parser.addHelpOption();
    const QCommandLineOption databaseOption(u"database"_s, u"Database to open."_s, u"file"_s);
    const QCommandLineOption quickOption(u"quick"_s, u"A few repetitions only."_s);
    const QCommandLineOption startupOption(u"startup"_s, u"Only show the window, print SHOWN and quit."_s);
    const QCommandLineOption liveOption(u"live"_s, u"Two desks on the database: the live desks figures."_s);
    const QCommandLineOption latencyOption(
        u"latency-ms"_s, u"A server is reached through a proxy adding this each way (default 0)."_s, u"ms"_s,
        u"0"_s);
    parser.addOptions({databaseOption, quickOption, startupOption, liveOption, latencyOption});
    parser.process(app);

    const QString database = parser.value(databaseOption);
    const int latencyMs = qMax(0, parser.value(latencyOption).toInt());
    if (parser.isSet(startupOption))
        return fatora::bench::runStartupChild(database);
    if (parser.isSet(liveOption))
        return fatora::bench::runLiveDesksChild(database, latencyMs, parser.isSet(quickOption));
    // The desk steps over a slow link: the whole desk, its baselines included, goes through it.
    fatora::bench::DelayProxy proxy;
    QString reached = database;
    if (latencyMs > 0 && fatora::StoreLocation::isServer(database)) {
        const QUrl url(database);
        QUrl target;
        target.setScheme(u"tcp"_s);
        target.setHost(url.host());
        target.setPort(url.port(5432));
        if (!proxy.start(target, latencyMs, true)) {
            std::fprintf(stderr, "desk benchmark: the proxy could not listen on 127.0.0.1\n");
            return 1;
        }
        reached = fatora::bench::throughProxy(database, proxy.port());
    }
    return fatora::bench::runDeskChild(reached, parser.isSet(quickOption));
}
