// fatora-bench-batch: one side of the billing-run benchmark (issue 16) in a process of its own, so
// that its peak memory is the run's and not the simulator's or the parent's. fatora-bench starts it
// twice per figure, against the simulator it runs:
//   --bare    the bare QNAM POST loop over the batch's cards (the baseline)
//   (default) BatchRunner sending the batch, timed from start() to its finished signal
// and reads what it prints: SECONDS, RSS_BEFORE and RSS_PEAK (KiB), and for the runner OUTCOMES.

#include "BareLoop.h"
#include "batches/BatchRunner.h"
#include "batches/BatchService.h"
#include "BenchSupport.h"
#include "BenchTarget.h"
#include "domain/Clock.h"
#include "domain/LocalTimeZone.h"
#include "gateway/GatewayClient.h"
#include "GatewaySimulator.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::bench;

namespace {

constexpr int TimeoutMs = 60 * 60 * 1000;

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "fatora-bench-batch: %s\n", qPrintable(message));
    return 1;
}

// The card token of every queued item, in the batch's order: what the bare loop sends.
Result<QStringList> queuedTokens(Store &store, qint64 batchId)
{
    SystemClock clock;
    BatchService batches(store, clock);
    auto items = batches.items(batchId);
    if (!items.ok())
        return items.error();
    QStringList tokens;
    for (const BatchItem &item : items.value()) {
        if (item.state != BatchItemState::Queued)
            continue;
        auto token = store.token(item.tokenId);
        if (!token.ok())
            return token.error();
        tokens << token->token;
    }
    return tokens;
}

int runBare(const QString &database, qint64 batchId, const GatewayConfig &config, int parallel)
{
    QStringList tokens;
    {
        auto opened = BenchTarget::open(database);
        if (!opened)
            return fail(opened.error().toString());
        auto read = queuedTokens(opened.value()->store(), batchId);
        if (!read.ok())
            return fail(read.error().toString());
        tokens = read.value();
    }
    if (tokens.isEmpty())
        return fail(u"batch %1 has no queued items."_s.arg(batchId));
    QNetworkAccessManager network;
    const Starter post = barePostLoop(network, config, tokens, u"BENCH-BATCH-BARE"_s);
    const qint64 before = currentRssKib();
    auto seconds = drive(int(tokens.size()), parallel, post);
    if (!seconds.ok())
        return fail(seconds.error().toString());
    print(u"SECONDS %1"_s.arg(seconds.value(), 0, 'f', 6));
    print(u"RSS_BEFORE %1"_s.arg(before));
    print(u"RSS_PEAK %1"_s.arg(peakRssKib()));
    return 0;
}

int runRunner(const QString &database, qint64 batchId, const GatewayConfig &config, int parallel)
{
    auto opened = BenchTarget::open(database);
    if (!opened)
        return fail(opened.error().toString());
    Store &store = opened.value()->store();
    SystemClock clock;
    QNetworkAccessManager network;
    GatewayClient client(&network, config);
    PaymentService payments(store, client, clock);
    payments.setOperatorName(u"bench"_s);
    BatchRunner runner(store, payments, clock);
    runner.setOperatorName(u"bench"_s);
    BatchRunOptions options;
    options.parallel = parallel;

    QEventLoop loop;
    std::optional<BatchSummary> summary;
    BatchState state = BatchState::Running;
    double seconds = 0;
    QElapsedTimer timer;
    QObject::connect(&runner, &BatchRunner::finished, &loop, [&](const BatchSummary &s, BatchState st) {
        seconds = double(timer.nsecsElapsed()) / 1e9;
        summary = s;
        state = st;
        loop.quit();
    });
    QObject::connect(&runner, &BatchRunner::problem, &loop,
                     [](const QString &message) { std::fprintf(stderr, "%s\n", qPrintable(message)); });
    QTimer::singleShot(TimeoutMs, &loop, &QEventLoop::quit);
    const qint64 before = currentRssKib();
    timer.start();
    if (auto started = runner.start(batchId, options); !started.ok())
        return fail(started.error().toString());
    loop.exec();
    if (!summary)
        return fail(u"the billing run did not finish within an hour."_s);
    QStringList outcomes;
    for (auto it = summary->counts.cbegin(); it != summary->counts.cend(); ++it) {
        if (it.value() != 0)
            outcomes << batchOutcomeName(it.key()) + u'=' + QString::number(it.value());
    }
    print(u"SECONDS %1"_s.arg(seconds, 0, 'f', 6));
    print(u"RSS_BEFORE %1"_s.arg(before));
    print(u"RSS_PEAK %1"_s.arg(peakRssKib()));
    print(u"OUTCOMES %1 %2"_s.arg(batchStateName(state), outcomes.join(u' ')));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    fatora::keepLocalTimeZone(); // as the desk and the CLI do
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Fatora"_s);
    QCoreApplication::setApplicationName(u"fatora-bench-batch"_s);
    qInstallMessageHandler(quietGatewayLog);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"One side of fatora-bench's billing-run benchmark; fatora-bench runs it."_s);
    parser.addHelpOption();
    const QCommandLineOption databaseOption(u"database"_s, u"The store holding the batch."_s, u"location"_s);
    const QCommandLineOption gatewayOption(u"gateway"_s, u"The simulator's base URL."_s, u"url"_s);
    const QCommandLineOption batchOption(u"batch"_s, u"The batch's id."_s, u"id"_s);
    const QCommandLineOption parallelOption(u"parallel"_s, u"Charges in flight."_s, u"n"_s);
    const QCommandLineOption bareOption(u"bare"_s,
                                        u"The bare QNAM POST loop over the batch's cards instead."_s);
    parser.addOptions({databaseOption, gatewayOption, batchOption, parallelOption, bareOption});
    parser.process(app);

    bool batchOk = false;
    bool parallelOk = false;
    const qint64 batchId = parser.value(batchOption).toLongLong(&batchOk);
    const int parallel = parser.value(parallelOption).toInt(&parallelOk);
    if (!parser.isSet(databaseOption) || !parser.isSet(gatewayOption) || !batchOk || !parallelOk ||
        parallel < 1)
        return fail(u"give --database, --gateway, --batch and --parallel."_s);
    GatewayConfig config;
    config.baseUrl = QUrl(parser.value(gatewayOption));
    config.apiKey = GatewaySimulator::defaultApiKey();
    return parser.isSet(bareOption) ? runBare(parser.value(databaseOption), batchId, config, parallel)
                                    : runRunner(parser.value(databaseOption), batchId, config, parallel);
}
