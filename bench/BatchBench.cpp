#include "BatchBench.h"

#include "batches/BatchFile.h"
#include "batches/BatchPlanner.h"
#include "batches/BatchService.h"
#include "BenchTarget.h"
#include "DatasetGenerator.h"
#include "DelayProxy.h"
#include "domain/Clock.h"
#include "GatewaySimulator.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fatora::bench {

namespace {

constexpr int DelayMs = 50;

// One side of a figure, as its fatora-bench-batch process printed it.
struct ChildRun
{
    double seconds = 0;
    qint64 rssBeforeKib = 0;
    qint64 rssPeakKib = 0;
    QString outcomes; // the runner's: "finished approved=10000"
};

QString childProgram()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(u"fatora-bench-batch"_s);
}

Result<ChildRun> runChild(const QString &location, const QUrl &gateway, qint64 batchId, int parallel,
                          bool bare)
{
    QProcess child;
    child.setProcessEnvironment(childEnvironment(location));
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args{u"--database"_s, childLocation(location),  u"--gateway"_s,  gateway.toString(),
                     u"--batch"_s,    QString::number(batchId), u"--parallel"_s, QString::number(parallel)};
    if (bare)
        args << u"--bare"_s;
    child.start(childProgram(), args);
    if (!child.waitForFinished(2 * 60 * 60 * 1000) || child.exitStatus() != QProcess::NormalExit ||
        child.exitCode() != 0)
        return Error{u"batch"_s, u"The billing-run benchmark process (%1, %2 in flight) failed."_s
                                     .arg(bare ? u"bare loop"_s : u"runner"_s)
                                     .arg(parallel)};
    ChildRun run;
    for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
        const QByteArray value = line.mid(line.indexOf(' ') + 1).trimmed();
        if (line.startsWith("SECONDS "))
            run.seconds = value.toDouble();
        else if (line.startsWith("RSS_BEFORE "))
            run.rssBeforeKib = value.toLongLong();
        else if (line.startsWith("RSS_PEAK "))
            run.rssPeakKib = value.toLongLong();
        else if (line.startsWith("OUTCOMES "))
            run.outcomes = QString::fromUtf8(value);
    }
    if (run.seconds <= 0)
        return Error{u"batch"_s, u"The billing-run benchmark process printed no time."_s};
    return run;
}

struct PreparedBatch
{
    qint64 id = 0;
    double createMs = 0; // reading the file, the dry run and writing the batch
};

// A fresh store at `location` with enough chargeable cards, and a batch that charges `items` of them
// once each, made as `fatora-cli batch create` makes it: a CSV file (token_id, amount) read by
// BatchFile, the dry run of BatchPlanner, BatchService::create.
Result<PreparedBatch> prepareBatch(const QString &location, const std::function<Result<void>()> &reset,
                                   int items)
{
    if (auto r = reset(); !r.ok())
        return r.error();
    DatasetGenerator::Options options;
    // About 0.8 active, unexpired cards per customer (the generator's cards are also old, expired or
    // revoked); no payments, so none is open or charged minutes ago.
    options.customers = items * 3 / 2 + 100;
    options.seed = 16;
    options.payments = false;
    if (auto generated = DatasetGenerator(options).generate(location); !generated)
        return generated.error();
    auto opened = BenchTarget::open(location);
    if (!opened)
        return opened.error();
    Store &store = opened.value()->store();
    SystemClock clock;
    TokenQuery query;
    query.status = TokenStatus::Active;
    query.limit = 2 * items + 100;
    auto active = store.findTokens(query);
    if (!active.ok())
        return active.error();
    QList<qint64> tokens; // of customers not archived (2 % are): the dry run would skip them
    for (const CardToken &t : std::as_const(active.value())) {
        if (tokens.size() == items)
            break;
        auto customer = store.customer(t.customerId);
        if (!customer.ok())
            return customer.error();
        if (!customer->archived)
            tokens << t.id;
    }
    if (tokens.size() < items)
        return Error{
            u"batch"_s,
            u"Only %1 chargeable cards in the generated store; %2 wanted."_s.arg(tokens.size()).arg(items)};
    // Amounts under three times any generated first payment (10.00 or more), so none is skipped.
    QByteArray csv = "token_id,amount\n";
    for (int i = 0; i < items; ++i)
        csv += QByteArray::number(tokens.at(i)) + ',' +
               Money(1000 + i % 1000, u"QAR"_s).toPlainString().toUtf8() + '\n';

    QElapsedTimer timer;
    timer.start();
    auto rows = BatchFile::read(csv);
    if (!rows.ok())
        return rows.error();
    auto planned = BatchPlanner::plan(store, rows.value(), clock);
    if (!planned.ok())
        return planned.error();
    BatchService batches(store, clock);
    batches.setOperatorName(u"bench"_s);
    auto id = batches.create(u"Benchmark run"_s, u"bench.csv"_s, planned.value());
    if (!id.ok())
        return id.error();
    const double createMs = msSince(timer);
    const auto queued = std::count_if(planned->cbegin(), planned->cend(), [](const BatchItem &item) {
        return item.state == BatchItemState::Queued;
    });
    if (queued != items) {
        const auto skipped = std::find_if(planned->cbegin(), planned->cend(), [](const BatchItem &item) {
            return item.state != BatchItemState::Queued;
        });
        return Error{u"batch"_s, u"The dry run queued %1 of %2 items (%3)."_s.arg(queued).arg(items).arg(
                                     skipped->reason)};
    }
    return PreparedBatch{id.value(), createMs};
}

QString rate(double perSec)
{
    return u"%1/s"_s.arg(perSec, 0, 'f', perSec < 100 ? 1 : 0);
}

QString megabytes(qint64 kib)
{
    return u"%1 MB"_s.arg(double(kib) / 1024, 0, 'f', 1);
}

} // namespace

Result<FigureTable> runBatchBenchmarks(const QString &location, const std::function<Result<void>()> &reset,
                                       const BatchBenchOptions &options)
{
    if (!QFileInfo::exists(childProgram()))
        return Error{u"batch"_s, u"%1 is missing."_s.arg(childProgram())};
    FigureTable table;
    Samples createMs;
    ChildRun largest; // the runner process with the highest peak
    qint64 bareLargestKib = 0;
    const QList<int> concurrencies{1, 4, 16};
    const QStringList ids{u"8a"_s, u"8b"_s, u"8c"_s, u"8d"_s, u"8e"_s, u"8f"_s};
    int figure = 0;
    for (const int delayMs : {0, DelayMs}) {
        const int items = delayMs == 0 ? options.items : options.delayedItems;
        for (const int inFlight : concurrencies) {
            const QString id = ids.at(figure++);
            std::printf("  %s: %d items, %d in flight%s…\n", qPrintable(id), items, inFlight,
                        delayMs ? " (answers in 50 ms)" : "");
            std::fflush(stdout);
            auto batch = prepareBatch(location, reset, items);
            if (!batch.ok())
                return batch.error();
            if (delayMs == 0)
                createMs.add(batch->createMs);
            // A simulator of its own for each figure: it keeps every request and payment it saw.
            GatewaySimulator simulator;
            if (!simulator.start())
                return Error{u"batch"_s, u"The simulator could not listen on 127.0.0.1."_s};
            DelayProxy proxy;
            QUrl gateway = simulator.baseUrl();
            if (delayMs > 0) {
                if (!proxy.start(simulator.baseUrl(), delayMs))
                    return Error{u"batch"_s, u"The delaying relay could not listen on 127.0.0.1."_s};
                gateway = proxy.baseUrl();
            }
            // Bare first, as in the gateway benchmark; both send the batch's cards in its order.
            auto bare = runChild(location, gateway, batch->id, inFlight, true);
            if (!bare.ok())
                return bare.error();
            auto run = runChild(location, gateway, batch->id, inFlight, false);
            if (!run.ok())
                return run.error();
            const QString expected = u"finished approved=%1"_s.arg(items);
            if (run->outcomes != expected)
                return Error{u"batch"_s, u"Figure %1: the run ended \"%2\", not \"%3\"."_s.arg(
                                             id, run->outcomes, expected)};
            if (run->rssPeakKib > largest.rssPeakKib)
                largest = run.value();
            bareLargestKib = std::max(bareLargestKib, bare->rssPeakKib);
            const double runRate = items / run->seconds;
            const double bareRate = items / bare->seconds;
            Figure f;
            f.id = id;
            f.what = delayMs == 0
                         ? u"Billing run: %1 items, %2 in flight, simulator answering at once (charges/s)"_s
                               .arg(items)
                               .arg(inFlight)
                         : u"  same, %1 items, %2 in flight, simulator answering in %3 ms"_s.arg(items)
                               .arg(inFlight)
                               .arg(delayMs);
            f.value = rate(runRate);
            f.baseline = u"bare QNAM POST loop: %1"_s.arg(rate(bareRate));
            f.ratio = u"%1 %"_s.arg(100.0 * runRate / bareRate, 0, 'f', 0);
            if (delayMs > 0) {
                f.target = u"≥ 90 %"_s;
                f.met = yesNo(runRate >= 0.9 * bareRate);
            } else if (inFlight == 16) {
                f.target = u"≥ 50 %"_s;
                f.met = yesNo(runRate >= 0.5 * bareRate);
            }
            table.add(f);
        }
    }
    table.add(Figure{
        u"8g"_s,
        u"  creating the batch of %1 items: CSV read, dry run, written (median of %2)"_s.arg(options.items)
            .arg(createMs.count()),
        formatMs(createMs.median()), QString(), QString(), QString(), QString()});
    const double peakMb = double(largest.rssPeakKib) / 1024;
    table.add(Figure{u"8h"_s, u"Peak RSS of the billing run's process (VmHWM, largest of the runs)"_s,
                     megabytes(largest.rssPeakKib),
                     u"bare loop's process: %1; the run's process before start: %2"_s.arg(
                         megabytes(bareLargestKib), megabytes(largest.rssBeforeKib)),
                     formatRatio(double(largest.rssPeakKib), double(bareLargestKib)), u"≤ 100 MB"_s,
                     yesNo(peakMb <= 100)});
    return table;
}

} // namespace fatora::bench
