// fatora-bench: runs the benchmarks of issue 5 against a generated database and prints the table;
// given two (a SQLite file and a PostgreSQL database, issue 12), runs them on each in turn and prints
// both side by side as well. Every figure stands beside a baseline measured in the same run on the
// same data.

#include "BatchBench.h"
#include "batches/BatchFile.h"
#include "BenchSupport.h"
#include "BenchTarget.h"
#include "domain/LocalTimeZone.h"
#include "GatewayBench.h"
#include "store/sqlite/SqliteStore.h"
#include "store/StoreLocation.h"
#include "StoreBench.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::bench;

namespace {

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString machine()
{
    QString cpu = u"unknown CPU"_s;
    QFile info(u"/proc/cpuinfo"_s);
    if (info.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : info.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                cpu = QString::fromLatin1(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
    qint64 memKib = 0;
    QFile mem(u"/proc/meminfo"_s);
    if (mem.open(QIODevice::ReadOnly)) {
        const QByteArray first = mem.readLine();
        memKib = first.mid(9).trimmed().split(' ').value(0).toLongLong();
    }
    return u"%1, %2 cores, %3 GiB RAM, %4, Qt %5"_s.arg(cpu)
        .arg(QThread::idealThreadCount())
        .arg(double(memKib) / 1024 / 1024, 0, 'f', 1)
        .arg(QSysInfo::prettyProductName(), QString::fromLatin1(qVersion()));
}

// The desk side lives in its own executable beside this one (built with the GUI).
QString deskProgram()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(u"fatora-bench-desk"_s);
}

struct DeskRun
{
    FigureTable figures;
    qint64 rssKib = 0;
};

// The live desks figures (issue 13) over a link `latencyMs` each way; ids L2… and, with a latency,
// each id followed by "@<latency>".
const QStringList LiveFigures{u"GUI"_s, u"L2"_s, u"L3"_s, u"L4"_s};
constexpr int LiveLatencyMs = 20;

QString atLatency(const QString &id, int latencyMs)
{
    return latencyMs > 0 ? u"%1@%2"_s.arg(id).arg(latencyMs) : id;
}

FigureTable renamed(const FigureTable &table, int latencyMs)
{
    FigureTable out;
    for (Figure f : table.rows()) {
        f.id = atLatency(f.id, latencyMs);
        out.add(f);
    }
    return out;
}

Result<DeskRun> runDeskProcess(const QString &database, bool quick, int latencyMs = 0, bool live = false)
{
    QProcess child;
    child.setProcessEnvironment(childEnvironment(database));
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args{u"--database"_s, childLocation(database)};
    if (quick)
        args << u"--quick"_s;
    if (latencyMs > 0)
        args << u"--latency-ms"_s << QString::number(latencyMs);
    if (live)
        args << u"--live"_s;
    child.start(deskProgram(), args);
    if (!child.waitForFinished(30 * 60 * 1000) || child.exitCode() != 0)
        return Error{u"desk"_s, u"The desk benchmark process failed on %1."_s.arg(childLocation(database))};
    const QByteArray out = child.readAllStandardOutput();
    DeskRun run;
    run.figures = FigureTable::fromJsonLines(out);
    for (const QByteArray &line : out.split('\n')) {
        if (line.startsWith("RSS "))
            run.rssKib = line.mid(4).trimmed().toLongLong();
    }
    return run;
}

// Launch to "main window shown", as the parent sees it: process start, Qt, the store, the window.
Result<double> startupOnce(const QString &database)
{
    QProcess child;
    child.setProcessEnvironment(childEnvironment(database));
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    child.start(deskProgram(), {u"--startup"_s, u"--database"_s, childLocation(database)});
    QByteArray out;
    double ms = -1;
    while (ms < 0 && child.waitForReadyRead(120'000)) {
        out += child.readAllStandardOutput();
        if (out.contains("SHOWN"))
            ms = msSince(t);
    }
    child.waitForFinished(60'000);
    if (ms < 0)
        return Error{u"startup"_s,
                     u"The desk did not show its window for %1."_s.arg(childLocation(database))};
    return ms;
}

struct Settings
{
    bool quick = false;
    QStringList only;
    int charges = 2000;
    BatchBenchOptions batch;
};

// Every benchmark asked for on one database. `scratch` holds the SQLite side's empty and gateway
// files; a server's go into a scratch database beside the benchmarked one.
Result<FigureTable> runOn(const QString &database, const Settings &settings, const QString &scratch,
                          int index)
{
    auto opened = BenchTarget::open(database);
    if (!opened)
        return opened.error();
    BenchTarget &target = *opened.value();
    const bool server = target.isServer();
    {
        auto counts = target.store().counts();
        if (!counts)
            return counts.error();
        print(u"Dataset (%1): %2 (%3 customers, %4 payments, %5)%6"_s
                  .arg(target.backend(), StoreLocation::display(database))
                  .arg(counts->customers)
                  .arg(counts->payments)
                  .arg(target.describe(),
                       settings.quick ? u"; QUICK MODE: the figures mean nothing"_s : QString()));
    }

    // The empty database of the desk's baselines, and the fresh one of the gateway run.
    QString empty;
    QString gateway;
    std::unique_ptr<ScratchDatabase> scratchDatabase;
    const bool needsEmpty = settings.only.contains(u"desk"_s) || settings.only.contains(u"startup"_s);
    if (server) {
        if (needsEmpty || settings.only.contains(u"gateway"_s) || settings.only.contains(u"batch"_s) ||
            settings.only.contains(u"live"_s)) {
            auto created = ScratchDatabase::create(database, u"scratch"_s);
            if (!created)
                return created.error();
            scratchDatabase = std::move(created).value();
            empty = gateway = scratchDatabase->url();
        }
    } else {
        empty = QDir(scratch).filePath(u"empty-%1.sqlite"_s.arg(index));
        gateway = QDir(scratch).filePath(u"gateway-bench-%1.sqlite"_s.arg(index));
        if (needsEmpty) {
            auto created = SqliteStore::open(empty);
            if (!created)
                return created.error();
        }
    }

    FigureTable table;
    if (settings.only.contains(u"store"_s)) {
        print(u"Running store benchmarks (3, 4)…"_s);
        auto figures = runStoreBenchmarks(target, settings.quick);
        if (!figures)
            return figures.error();
        table.append(figures.value());
    }
    opened.value().reset(); // the desk and the gateway run open their own
    if (settings.only.contains(u"desk"_s)) {
        print(u"Running desk benchmarks (1, 2, 5) on the dataset…"_s);
        auto big = runDeskProcess(database, settings.quick);
        if (!big)
            return big.error();
        print(u"Running desk benchmarks on an empty database (baseline of 5)…"_s);
        auto small = runDeskProcess(empty, settings.quick);
        if (!small)
            return small.error();
        table.append(big->figures);
        const double bigMb = double(big->rssKib) / 1024;
        const double emptyMb = double(small->rssKib) / 1024;
        table.add(Figure{u"5"_s, u"Peak RSS of the desk after steps 1–4g (VmHWM)"_s,
                         u"%1 MB"_s.arg(bigMb, 0, 'f', 1),
                         u"same steps, empty database: %1 MB"_s.arg(emptyMb, 0, 'f', 1),
                         formatRatio(bigMb, emptyMb), u"≤ 120 MB"_s, yesNo(bigMb <= 120)});
    }
    if (settings.only.contains(u"live"_s)) {
        // Two desks on a fresh database of their own (they charge there); on a server, again over
        // a link 20 ms each way, and the desk steps of 1-4g over that link for the GUI figure.
        const QString liveStore = scratchDatabase ? scratchDatabase->url()
                                                  : QDir(scratch).filePath(u"live-bench-%1.sqlite"_s.arg(index));
        for (const int latency : server ? QList<int>{0, LiveLatencyMs} : QList<int>{0}) {
            print(u"Running live desks benchmark (L2–L4)%1…"_s.arg(
                latency ? u" over a link %1 ms each way"_s.arg(latency) : QString()));
            if (scratchDatabase) {
                if (auto r = scratchDatabase->recreate(false); !r)
                    return r.error();
            } else {
                for (const QString &stale : QStringList{liveStore, liveStore + u"-wal"_s, liveStore + u"-shm"_s})
                    QFile::remove(stale);
            }
            auto live = runDeskProcess(liveStore, settings.quick, latency, true);
            if (!live)
                return live.error();
            table.append(renamed(live->figures, latency));
        }
        if (server) {
            print(u"Running desk benchmarks over a link %1 ms each way (GUI figure)…"_s.arg(LiveLatencyMs));
            auto slow = runDeskProcess(database, settings.quick, LiveLatencyMs);
            if (!slow)
                return slow.error();
            table.append(renamed(slow->figures.only({u"GUI"_s}), LiveLatencyMs));
        }
    }
    if (settings.only.contains(u"startup"_s)) {
        print(u"Running start-up benchmark (7)…"_s);
        Samples big;
        Samples none;
        // Alternating, so that whatever else the machine does hits both alike.
        for (int i = 0; i < (settings.quick ? 1 : 7); ++i) {
            auto b = startupOnce(database);
            auto e = startupOnce(empty);
            if (!b || !e)
                return (b ? e.error() : b.error());
            big.add(b.value());
            none.add(e.value());
        }
        table.add(Figure{u"7"_s, u"Start-up: launch to main window shown (median of %1)"_s.arg(big.count()),
                         formatMs(big.median()), u"empty database: %1"_s.arg(formatMs(none.median())),
                         formatRatio(big.median(), none.median()), u"≤ 1.2×"_s,
                         yesNo(big.median() <= 1.2 * none.median())});
    }
    if (settings.only.contains(u"gateway"_s)) {
        print(u"Running gateway benchmark (6)…"_s);
        if (scratchDatabase) {
            if (auto r = scratchDatabase->recreate(false); !r)
                return r.error();
        } else {
            for (const QString &stale : QStringList{gateway, gateway + u"-wal"_s, gateway + u"-shm"_s})
                QFile::remove(stale);
        }
        // The flush of the disk (6h) is the file's; a server's disk may be another computer's.
        auto figures = runGatewayBenchmarks(gateway, server ? QString() : scratch,
                                            settings.quick ? qMin(settings.charges, 30) : settings.charges);
        if (!figures)
            return figures.error();
        table.append(figures.value());
    }
    if (settings.only.contains(u"batch"_s)) {
        print(u"Running billing-run benchmark (8)…"_s);
        // A fresh store for each run: every card of a run is charged, and a card charged minutes
        // ago is refused by the next run's dry run.
        const QString batchStore = scratchDatabase
                                       ? scratchDatabase->url()
                                       : QDir(scratch).filePath(u"batch-bench-%1.sqlite"_s.arg(index));
        const auto reset = [&]() -> Result<void> {
            if (scratchDatabase)
                return scratchDatabase->recreate(false);
            for (const QString &stale :
                 QStringList{batchStore, batchStore + u"-wal"_s, batchStore + u"-shm"_s}) {
                if (QFile::exists(stale) && !QFile::remove(stale))
                    return Error{u"batch"_s, u"Could not remove %1."_s.arg(stale)};
            }
            return {};
        };
        BatchBenchOptions batch = settings.batch;
        if (settings.quick) {
            batch.items = qMin(batch.items, 40);
            batch.delayedItems = qMin(batch.delayedItems, 20);
        }
        auto figures = runBatchBenchmarks(batchStore, reset, batch);
        if (!figures)
            return figures.error();
        table.append(figures.value());
    }
    return table.sorted();
}

} // namespace

int main(int argc, char *argv[])
{
    fatora::keepLocalTimeZone(); // as the desk and the CLI do
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Fatora"_s);
    QCoreApplication::setApplicationName(u"fatora-bench"_s);
    qInstallMessageHandler(quietGatewayLog);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Benchmarks of Fatora Back Office on a generated database (issues 5, 12 and 16)."_s);
    parser.addHelpOption();
    const QCommandLineOption databaseOption(
        u"database"_s,
        u"The generated database (fatora-bench-generate): a SQLite file or a postgresql:// URL (the password "
        "from the URL or FATORA_DATABASE_PASSWORD). Given twice, both are measured and shown side by side."_s,
        u"location"_s);
    const QCommandLineOption quickOption(u"quick"_s, u"A few repetitions of each step: checks that the "
                                                     "benchmarks work, not how fast anything is."_s);
    const QCommandLineOption onlyOption(u"only"_s,
                                        u"Comma-separated subset of store, desk, startup, gateway, batch, live."_s,
                                        u"list"_s, u"store,desk,startup,gateway,batch"_s);
    const QCommandLineOption chargesOption(u"charges"_s, u"Charges per gateway run (default 2000)."_s, u"n"_s,
                                           u"2000"_s);
    const QCommandLineOption batchItemsOption(
        u"batch-items"_s, u"Items per billing run against the simulator answering at once (default 10000)."_s,
        u"n"_s, u"10000"_s);
    const QCommandLineOption batchDelayedItemsOption(
        u"batch-delayed-items"_s,
        u"Items per billing run against the simulator answering in 50 ms (default 1000; at 1 in flight each "
        "1000 take 50 s per side)."_s,
        u"n"_s, u"1000"_s);
    const QCommandLineOption markdownOption(u"markdown"_s, u"Also write the tables to this file."_s,
                                            u"file"_s);
    parser.addOptions({databaseOption, quickOption, onlyOption, chargesOption, batchItemsOption,
                       batchDelayedItemsOption, markdownOption});
    parser.process(app);

    const auto fail = [](const QString &message) {
        std::fprintf(stderr, "fatora-bench: %s\n", qPrintable(message));
        return 1;
    };
    const QStringList databases = parser.values(databaseOption);
    if (databases.isEmpty() || databases.size() > 2)
        return fail(u"--database: give the generated database, or a SQLite file and a PostgreSQL database "
                    "(scripts/bench.sh makes them)."_s);
    for (const QString &database : databases) {
        if (!StoreLocation::isServer(database) && !QFileInfo::exists(database))
            return fail(u"--database: %1 does not exist (scripts/bench.sh makes it)."_s.arg(database));
    }
    Settings settings;
    settings.quick = parser.isSet(quickOption);
    settings.only = parser.value(onlyOption).split(u',', Qt::SkipEmptyParts);
    bool chargesOk = false;
    settings.charges = parser.value(chargesOption).toInt(&chargesOk);
    if (!chargesOk || settings.charges < 1)
        return fail(u"--charges: give a whole number of at least 1."_s);
    bool itemsOk = false;
    bool delayedOk = false;
    settings.batch.items = parser.value(batchItemsOption).toInt(&itemsOk);
    settings.batch.delayedItems = parser.value(batchDelayedItemsOption).toInt(&delayedOk);
    if (!itemsOk || !delayedOk || settings.batch.items < 1 || settings.batch.delayedItems < 1 ||
        qMax(settings.batch.items, settings.batch.delayedItems) > BatchFile::MaxRows)
        return fail(
            u"--batch-items, --batch-delayed-items: give a whole number from 1 to %1 (a billing run's "
            "largest file)."_s.arg(BatchFile::MaxRows));

    if ((settings.only.contains(u"desk"_s) || settings.only.contains(u"startup"_s) ||
         settings.only.contains(u"live"_s)) &&
        !QFileInfo::exists(deskProgram()))
        return fail(
            u"%1 is missing (it is built with the GUI, FATORA_BUILD_GUI=ON); or leave out desk and startup "
            "with --only store,gateway."_s.arg(deskProgram()));
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return fail(u"Could not create a scratch directory."_s);

    print(u"Machine: "_s + machine());
    QList<std::pair<QString, FigureTable>> runs;
    for (int i = 0; i < databases.size(); ++i) {
        auto table = runOn(databases.at(i), settings, scratch.path(), i);
        if (!table)
            return fail(table.error().toString());
        runs.append(
            {StoreLocation::isServer(databases.at(i)) ? u"PostgreSQL"_s : u"SQLite"_s, table.value()});
    }

    // The live desks figures go in a table of their own: a column per backend and link.
    QList<std::pair<QString, FigureTable>> liveColumns;
    for (auto &[backend, table] : runs) {
        QStringList mine = LiveFigures.mid(1);
        QStringList slow;
        for (const QString &id : LiveFigures)
            slow << atLatency(id, LiveLatencyMs);
        const bool live = !table.only(mine).rows().isEmpty();
        if (live) {
            liveColumns.append({backend, table.only(LiveFigures)});
            FigureTable slowColumn;
            const FigureTable slowFigures = table.only(slow);
            for (Figure f : slowFigures.rows()) {
                f.id = f.id.section(u'@', 0, 0);
                slowColumn.add(f);
            }
            if (!slowColumn.rows().isEmpty())
                liveColumns.append({u"%1 + %2 ms each way"_s.arg(backend).arg(LiveLatencyMs), slowColumn});
        }
        table = table.only(mine + slow, false);
    }
    QString markdown;
    for (const auto &[backend, table] : std::as_const(runs)) {
        if (runs.size() > 1)
            markdown += u"\n%1:\n\n"_s.arg(backend);
        markdown += table.toMarkdown();
    }
    if (runs.size() == 2) {
        markdown += u"\n%1 beside %2 (same run, same data):\n\n"_s.arg(runs.at(1).first, runs.at(0).first);
        markdown +=
            FigureTable::sideBySide(runs.at(0).first, runs.at(0).second, runs.at(1).first, runs.at(1).second);
    }
    if (!liveColumns.isEmpty()) {
        markdown += u"\nLive desks (issue 13), same run:\n\n"_s;
        markdown += FigureTable::columns(liveColumns, LiveFigures);
    }
    print(QString());
    std::printf("%s", qPrintable(markdown));
    std::fflush(stdout);
    if (parser.isSet(markdownOption)) {
        QFile out(parser.value(markdownOption));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(u"Could not write %1."_s.arg(parser.value(markdownOption)));
        out.write(markdown.toUtf8());
    }
    return 0;
}
