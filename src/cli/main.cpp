#include "CliApplication.h"
#include "ProcessHardening.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    // Before anything holds a secret: no core file, no ptrace by another process (see ProcessHardening).
    fatora::ProcessHardening::disableCoreDumps();
    QCoreApplication app(argc, argv);
    // The desk's names: QStandardPaths (the default database) and QSettings resolve to the same places.
    QCoreApplication::setOrganizationName(QStringLiteral("Fatora"));
    QCoreApplication::setApplicationName(QStringLiteral("Fatora Back Office"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FATORA_VERSION));

    // stdout carries results and stderr one line per problem; the core's informational log lines
    // ("database migrated", ...) would break that. QT_LOGGING_RULES still turns them back on.
    QLoggingCategory::setFilterRules(QStringLiteral("fatora.*.debug=false\nfatora.*.info=false"));

    fatora::cli::CliApplication cli;
    return cli.run(QCoreApplication::arguments().mid(1));
}
