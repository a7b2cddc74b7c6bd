// fatora-bench-generate: writes the benchmark dataset (see DatasetGenerator).

#include "DatasetGenerator.h"

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
    const QCommandLineOption noPaymentsOption(
        u"no-payments"_s, u"Customers and their cards only: quicker, enough for the search figures."_s);
    parser.addOptions({customersOption, seedOption, untilOption, outputOption, noPaymentsOption});
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
    const QString output = parser.value(outputOption);
    if (output.isEmpty())
        return fail(u"--output: say which file to write."_s);
    QDir().mkpath(QFileInfo(output).absolutePath());

    bench::DatasetGenerator generator(options);
    generator.setProgress([](const QString &line) {
        std::printf("%s\n", qPrintable(line));
        std::fflush(stdout);
    });
    std::printf("Generating %d customers (seed %u) into %s\n", options.customers, options.seed,
                qPrintable(output));
    std::fflush(stdout);
    auto stats = generator.generate(output);
    if (!stats)
        return fail(stats.error().toString());
    std::printf("Generated %lld customers, %lld card tokens, %lld payments up to %s in %.1f s\n",
                stats->customers, stats->tokens, stats->payments,
                qPrintable(stats->until.toString(Qt::ISODate)), double(stats->elapsedMs) / 1000.0);
    return 0;
}
