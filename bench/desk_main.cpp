// fatora-bench-desk: the desk side of the benchmarks, run by fatora-bench as a child process so
// that its peak memory and its start-up are its own. See DeskBench.h.

#include "DeskBench.h"

#include "domain/LocalTimeZone.h"

#include <QApplication>
#include <QCommandLineParser>

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
    parser.addOptions({databaseOption, quickOption, startupOption});
    parser.process(app);

    const QString database = parser.value(databaseOption);
    if (parser.isSet(startupOption))
        return fatora::bench::runStartupChild(database);
    return fatora::bench::runDeskChild(database, parser.isSet(quickOption));
}
