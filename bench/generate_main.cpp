// fatora-bench-generate: writes the benchmark dataset (see DatasetGenerator).

#include "DatasetGenerator.h"

#include "store/StoreLocation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace fatora;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"fatora-bench-generate"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Writes a Fatora Back Office database with many customers, card tokens and "
        "payments for the benchmarks. The same options give the same rows."_s);
    parser.addHelpOption();
    const QCommandLineOption customersOption(u"customers"_s, u"Number of customers (default 1000000)."_s,
                                             u"n"_s, u"1000000"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Random seed (default 1)."_s, u"seed"_s, u"1"_s);
    const QCommandLineOption untilOption(
        u"until"_s, u"Day of the newest payment, YYYY-MM-DD (default today)."_s, u"date"_s);
    const QCommandLineOption outputOption(u"output"_s, u"Database file to write (must not exist)."_s,
                                          u"file"_s);
    const QCommandLineOption databaseOption(
        u"database"_s,
        u"Or a PostgreSQL database to fill, postgresql://user@host:port/db (no customers, cards or payments "
        "yet; the password from the URL or FATORA_DATABASE_PASSWORD)."_s,
        u"url"_s);
    const QCommandLineOption ifEmptyOption(
        u"if-empty"_s, u"With --database: leave a database that already holds customers as it is."_s);
    const QCommandLineOption noPaymentsOption(
        u"no-payments"_s, u"Customers and their cards only: quicker, enough for the search figures."_s);
    parser.addOptions({customersOption, seedOption, untilOption, outputOption, databaseOption, ifEmptyOption,
                       noPaymentsOption});
    parser.process(app);

    const auto fail = [](const QString &message) {
        std::fprintf(stderr, "fatora-bench-generate: %s\n", qPrintable(message));
        return 1;
    };
    bool ok = false;
    bench::DatasetGenerator::Options options;
    options.customers = parser.value(customersOption).toInt(&ok);
    if (!ok || options.customers < 1)
        return fail(u"--customers: give a whole number of at least 1, not “%1”."_s.arg(
            parser.value(customersOption)));
    options.seed = parser.value(seedOption).toUInt(&ok);
    if (!ok)
        return fail(u"--seed: give a whole number, not “%1”."_s.arg(parser.value(seedOption)));
    if (parser.isSet(untilOption)) {
        options.until = QDate::fromString(parser.value(untilOption), Qt::ISODate);
        if (!options.until.isValid())
            return fail(u"--until: give a date as YYYY-MM-DD, not “%1”."_s.arg(parser.value(untilOption)));
    }
    options.payments = !parser.isSet(noPaymentsOption);
    const QString database = parser.value(databaseOption);
    const QString output = database.isEmpty() ? parser.value(outputOption) : database;
    if (output.isEmpty() || (!database.isEmpty() && parser.isSet(outputOption)))
        return fail(u"Say where to write: --output FILE or --database postgresql://…"_s);
    if (!database.isEmpty() && !StoreLocation::isServer(database))
        return fail(u"--database takes a postgresql:// URL; a file is --output."_s);
    const QString shown = StoreLocation::display(output); // never the password
    if (database.isEmpty()) {
        QDir().mkpath(QFileInfo(output).absolutePath());
    } else if (parser.isSet(ifEmptyOption)) {
        auto opened = StoreLocation::open(database, qEnvironmentVariable("FATORA_DATABASE_PASSWORD"));
        if (!opened)
            return fail(opened.error().toString());
        auto counts = opened.value()->counts();
        if (!counts)
            return fail(counts.error().toString());
        if (counts->customers > 0) {
            std::printf(
                "%s already holds %lld customers, %lld card tokens and %lld payments; left as it is.\n",
                qPrintable(shown), counts->customers, counts->tokens, counts->payments);
            return 0;
        }
    }

    bench::DatasetGenerator generator(options);
    generator.setProgress([](const QString &line) {
        std::printf("%s\n", qPrintable(line));
        std::fflush(stdout);
    });
    std::printf("Generating %d customers (seed %u) into %s\n", options.customers, options.seed,
                qPrintable(shown));
    std::fflush(stdout);
    auto stats = generator.generate(output);
    if (!stats)
        return fail(stats.error().toString());
    std::printf("Generated %lld customers, %lld card tokens, %lld payments up to %s in %.1f s\n",
                stats->customers, stats->tokens, stats->payments,
                qPrintable(stats->until.toString(Qt::ISODate)), double(stats->elapsedMs) / 1000.0);
    return 0;
}
