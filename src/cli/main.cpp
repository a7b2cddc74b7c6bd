#include "CliApplication.h"
#include "security/PrintableText.h"
#include "domain/LocalTimeZone.h"
#include "security/ProcessHardening.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>
#include <cstdlib>

namespace {

// Every stderr line starts with "fatora-cli:" (docs/cli.md), the core's and Qt's warnings too, and is
// one line with nothing a terminal would act on.
void messageHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    QString text = message;
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QByteArray line =
        (QStringLiteral("fatora-cli: ") + fatora::PrintableText::escape(text.trimmed()) + QLatin1Char('\n'))
            .toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything holds a secret: no core file, no ptrace by another process (see ProcessHardening).
    fatora::ProcessHardening::disableCoreDumps();
    fatora::keepLocalTimeZone();
    qInstallMessageHandler(messageHandler);
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
