#pragma once

#include "domain/Result.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QString>
#include <QTimer>
#include <QVariantMap>

#include <optional>

namespace fatora::bench {

// Milliseconds since start, with sub-millisecond resolution.
inline double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// A set of timings (ms) with the statistics the table prints.
class Samples
{
public:
    void add(double ms) { m_values.append(ms); }
    void add(const Samples &other) { m_values.append(other.m_values); }
    bool isEmpty() const { return m_values.isEmpty(); }
    int count() const { return int(m_values.size()); }
    double percentile(double p) const; // nearest rank, p in [0, 100]
    double median() const { return percentile(50); }
    double p95() const { return percentile(95); }
    double max() const { return percentile(100); }

private:
    QList<double> m_values;
};

// A QTimer on the GUI thread that records how late each of its ticks fires: the longest time the
// thread was busy with something else, i.e. blocked for the person at the desk.
class LatenessProbe : public QObject
{
    Q_OBJECT
public:
    static constexpr int IntervalMs = 5;

    explicit LatenessProbe(QObject *parent = nullptr);
    void start();
    void stop();
    // Lateness of each tick beyond its interval, in ms.
    const Samples &lateness() const { return m_lateness; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    Samples m_lateness;
};

// Peak resident set size of this process (VmHWM), in KiB; 0 when /proc is unavailable.
qint64 peakRssKib();
// Resident set size of this process now (VmRSS), in KiB; 0 when /proc is unavailable.
qint64 currentRssKib();

// The benchmark programs' message handler: the gateway client logs one line per call at info level,
// as it should in the desk; here thousands of them would bury the table. They are still formatted,
// so their cost stays in the figures. Everything else goes to stderr.
void quietGatewayLog(QtMsgType type, const QMessageLogContext &context, const QString &message);

// A benchmark child process's environment for `database`: offscreen, and a server's password in
// FATORA_DATABASE_PASSWORD, never on its command line.
QProcessEnvironment childEnvironment(const QString &database);
// `database` as given to a child on its command line: the file, or the URL without its password.
QString childLocation(const QString &database);

// The bare-SQL baseline: its own connection (read-only for a file; QPSQL for a postgresql:// URL),
// runs a statement the store produced and reads every row, as a QSqlQueryModel would for one page.
class RawSql
{
public:
    explicit RawSql(const QString &location);
    ~RawSql();
    RawSql(const RawSql &) = delete;
    RawSql &operator=(const RawSql &) = delete;

    QSqlDatabase database() const;
    // Rows read, or the error.
    Result<int> run(const QString &sql, const QVariantMap &bindings);

private:
    QString m_connection;
    QString m_openError;
};

// One line of the results table.
struct Figure
{
    QString id;       // "1", "2a", ...
    QString what;     // what was measured
    QString value;    // e.g. "84 ms", "1,210 charges/s"
    QString baseline; // what the same run measured for the baseline, with its name
    QString ratio;    // value / baseline
    QString target;   // from the issue, "" when none
    QString met;      // "yes", "NO", "" when no target
};

class FigureTable
{
public:
    void add(const Figure &figure) { m_rows.append(figure); }
    void append(const FigureTable &other) { m_rows.append(other.m_rows); }
    const QList<Figure> &rows() const { return m_rows; }
    // In the order of the figures (1, 1b, 2, ... GUI).
    FigureTable sorted() const;
    // A Markdown table: readable on a terminal, pasteable into the README.
    QString toMarkdown() const;
    // Two runs' figures in one table: each figure's value on the left backend beside the right's
    // value, baseline and target ("—" where a figure does not apply to a backend).
    static QString sideBySide(const QString &leftName, const FigureTable &left, const QString &rightName,
                              const FigureTable &right);
    // Figures `ids` of several runs in one table, a column per run (the live desks table: SQLite,
    // PostgreSQL, PostgreSQL + 20 ms), with each figure's target and whether each run met it.
    static QString columns(const QList<std::pair<QString, FigureTable>> &runs, const QStringList &ids);
    // The figures whose id is in `ids` (without), or all the others (with `keep` false).
    FigureTable only(const QStringList &ids, bool keep = true) const;
    // One JSON object per line, for passing figures from a child process to the parent.
    QByteArray toJsonLines() const;
    static FigureTable fromJsonLines(const QByteArray &lines);

private:
    QList<Figure> m_rows;
};

// Where a figure id goes in the tables (unknown ids last).
int figureOrder(const QString &id);

QString formatMs(double ms);
QString formatRatio(double value, double baseline);
QString yesNo(bool met);

} // namespace fatora::bench
