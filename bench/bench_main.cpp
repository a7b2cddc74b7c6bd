// fatora-bench: runs the benchmarks of issue 5 against a generated database and prints the table.
// Every figure stands beside a baseline measured in the same run on the same data.

#include "BenchSupport.h"
#include "GatewayBench.h"
#include "store/sqlite/SqliteStore.h"
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

// The gateway client logs one line per call at info level, as it should in the desk; here 4,000
// of them would bury the table. They are still formatted, so their cost stays in the figures.
void quietGatewayLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtInfoMsg && context.category && QByteArray(context.category).startsWith("fatora.gateway"))
        return;
    std::fprintf(stderr, "%s\n", qPrintable(message));
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

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    return env;
}

struct DeskRun
{
    FigureTable figures;
    qint64 rssKib = 0;
};

Result<DeskRun> runDeskProcess(const QString &database, bool quick)
{
    QProcess child;
    child.setProcessEnvironment(childEnvironment());
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args{u"--database"_s, database};
    if (quick)
        args << u"--quick"_s;
    child.start(deskProgram(), args);
    if (!child.waitForFinished(30 * 60 * 1000) || child.exitCode() != 0)
        return Error{u"desk"_s, u"The desk benchmark process failed on %1."_s.arg(database)};
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
    child.setProcessEnvironment(childEnvironment());
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    child.start(deskProgram(), {u"--startup"_s, u"--database"_s, database});
    QByteArray out;
    double ms = -1;
    while (ms < 0 && child.waitForReadyRead(120'000)) {
        out += child.readAllStandardOutput();
        if (out.contains("SHOWN"))
            ms = msSince(t);
    }
    child.waitForFinished(60'000);
    if (ms < 0)
        return Error{u"startup"_s, u"The desk did not show its window for %1."_s.arg(database)};
    return ms;
}

int order(const QString &id)
{
    static const QStringList ids = {u"1"_s,  u"1b"_s, u"2"_s,  u"2b"_s, u"2c"_s, u"3a"_s, u"3b"_s, u"3c"_s,
                                    u"3d"_s, u"3e"_s, u"3f"_s, u"3g"_s, u"3h"_s, u"3i"_s, u"4"_s,  u"4g"_s,
                                    u"5"_s,  u"6a"_s, u"6b"_s, u"6c"_s, u"6d"_s, u"6e"_s, u"6f"_s, u"6g"_s,
                                    u"6h"_s, u"7"_s,  u"GUI"_s};
    const int i = int(ids.indexOf(id));
    return i < 0 ? 1000 : i;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Fatora"_s);
    QCoreApplication::setApplicationName(u"fatora-bench"_s);
    qInstallMessageHandler(quietGatewayLog);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Benchmarks of Fatora Back Office on a generated database (issue 5)."_s);
    parser.addHelpOption();
    const QCommandLineOption databaseOption(u"database"_s,
                                            u"The generated database (fatora-bench-generate)."_s, u"file"_s);
    const QCommandLineOption quickOption(u"quick"_s, u"A few repetitions of each step: checks that the "
                                                     "benchmarks work, not how fast anything is."_s);
    const QCommandLineOption onlyOption(u"only"_s,
                                        u"Comma-separated subset of store, desk, startup, gateway."_s,
                                        u"list"_s, u"store,desk,startup,gateway"_s);
    const QCommandLineOption chargesOption(u"charges"_s, u"Charges per gateway run (default 2000)."_s, u"n"_s,
                                           u"2000"_s);
    const QCommandLineOption markdownOption(u"markdown"_s, u"Also write the table to this file."_s,
                                            u"file"_s);
    parser.addOptions({databaseOption, quickOption, onlyOption, chargesOption, markdownOption});
    parser.process(app);

    const QString database = parser.value(databaseOption);
    const bool quick = parser.isSet(quickOption);

    const auto fail = [](const QString &message) {
        std::fprintf(stderr, "fatora-bench: %s\n", qPrintable(message));
        return 1;
    };
    if (database.isEmpty() || !QFileInfo::exists(database))
        return fail(u"--database: give the generated database (scripts/bench.sh makes one)."_s);
    const QStringList only = parser.value(onlyOption).split(u',', Qt::SkipEmptyParts);
    bool chargesOk = false;
    const int charges = parser.value(chargesOption).toInt(&chargesOk);
    if (!chargesOk || charges < 1)
        return fail(u"--charges: give a whole number of at least 1."_s);

    if ((only.contains(u"desk"_s) || only.contains(u"startup"_s)) && !QFileInfo::exists(deskProgram()))
        return fail(
            u"%1 is missing (it is built with the GUI, FATORA_BUILD_GUI=ON); or leave out desk and startup "
            "with --only store,gateway."_s.arg(deskProgram()));
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return fail(u"Could not create a scratch directory."_s);
    const QString empty = scratch.filePath(u"empty.sqlite"_s);
    {
        auto opened = SqliteStore::open(empty);
        if (!opened)
            return fail(opened.error().toString());
    }

    print(u"Machine: "_s + machine());
    {
        auto opened = SqliteStore::open(database);
        if (!opened)
            return fail(opened.error().toString());
        CustomerQuery everyone;
        everyone.includeArchived = true;
        auto customers = opened.value()->countCustomers(everyone);
        auto payments = opened.value()->countPayments(PaymentQuery());
        if (!customers || !payments)
            return fail((customers ? payments.error() : customers.error()).toString());
        print(u"Dataset: %1 (%2 customers, %3 payments, %4 MB)%5"_s.arg(QDir::toNativeSeparators(database))
                  .arg(customers.value())
                  .arg(payments.value())
                  .arg(QFileInfo(database).size() / (1024 * 1024))
                  .arg(quick ? u"; QUICK MODE: the figures mean nothing"_s : QString()));
    }

    FigureTable table;
    if (only.contains(u"store"_s)) {
        print(u"Running store benchmarks (3, 4)…"_s);
        auto figures = runStoreBenchmarks(database, quick);
        if (!figures)
            return fail(figures.error().toString());
        table.append(figures.value());
    }
    if (only.contains(u"desk"_s)) {
        print(u"Running desk benchmarks (1, 2, 5) on the dataset…"_s);
        auto big = runDeskProcess(database, quick);
        if (!big)
            return fail(big.error().toString());
        print(u"Running desk benchmarks on an empty database (baseline of 5)…"_s);
        auto small = runDeskProcess(empty, quick);
        if (!small)
            return fail(small.error().toString());
        table.append(big->figures);
        const double bigMb = double(big->rssKib) / 1024;
        const double emptyMb = double(small->rssKib) / 1024;
        table.add(Figure{u"5"_s, u"Peak RSS of the desk after steps 1–4g (VmHWM)"_s,
                         u"%1 MB"_s.arg(bigMb, 0, 'f', 1),
                         u"same steps, empty database: %1 MB"_s.arg(emptyMb, 0, 'f', 1),
                         formatRatio(bigMb, emptyMb), u"≤ 120 MB"_s, yesNo(bigMb <= 120)});
    }
    if (only.contains(u"startup"_s)) {
        print(u"Running start-up benchmark (7)…"_s);
        Samples big;
        Samples none;
        // Alternating, so that whatever else the machine does hits both alike.
        for (int i = 0; i < (quick ? 1 : 7); ++i) {
            auto b = startupOnce(database);
            auto e = startupOnce(empty);
            if (!b || !e)
                return fail((b ? e.error() : b.error()).toString());
            big.add(b.value());
            none.add(e.value());
        }
        table.add(Figure{u"7"_s, u"Start-up: launch to main window shown (median of %1)"_s.arg(big.count()),
                         formatMs(big.median()), u"empty database: %1"_s.arg(formatMs(none.median())),
                         formatRatio(big.median(), none.median()), u"≤ 1.2×"_s,
                         yesNo(big.median() <= 1.2 * none.median())});
    }
    if (only.contains(u"gateway"_s)) {
        print(u"Running gateway benchmark (6)…"_s);
        auto figures = runGatewayBenchmarks(scratch.path(), quick ? qMin(charges, 30) : charges);
        if (!figures)
            return fail(figures.error().toString());
        table.append(figures.value());
    }

    QList<Figure> rows = table.rows();
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Figure &a, const Figure &b) { return order(a.id) < order(b.id); });
    FigureTable sorted;
    for (const Figure &f : rows)
        sorted.add(f);
    const QString markdown = sorted.toMarkdown();
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
