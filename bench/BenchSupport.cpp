#include "BenchSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <atomic>
#include <cmath>

using namespace Qt::StringLiterals;

namespace fatora::bench {

double Samples::percentile(double p) const
{
    if (m_values.isEmpty())
        return 0;
    QList<double> sorted = m_values;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted.at(qBound<qsizetype>(0, rank - 1, sorted.size() - 1));
}

LatenessProbe::LatenessProbe(QObject *parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LatenessProbe::tick);
}

void LatenessProbe::start()
{
    m_lateness = Samples();
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void LatenessProbe::stop()
{
    m_timer.stop();
}

void LatenessProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double late = double(now - m_lastNs) / 1e6 - IntervalMs;
    m_lateness.add(qMax(0.0, late));
    m_lastNs = now;
}

qint64 peakRssKib()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

RawSql::RawSql(const QString &path)
{
    static std::atomic<int> counter{0};
    m_connection = u"fatora-bench-raw-%1"_s.arg(++counter);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
    db.open();
}

RawSql::~RawSql()
{
    {
        QSqlDatabase db = database();
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase RawSql::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

Result<int> RawSql::run(const QString &sql, const QVariantMap &bindings)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return Error{u"baseline"_s, q.lastError().text()};
    for (auto it = bindings.cbegin(); it != bindings.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec())
        return Error{u"baseline"_s, q.lastError().text()};
    int rows = 0;
    const int columns = q.record().count();
    while (q.next()) {
        // Read every column, as a model showing the row would.
        for (int c = 0; c < columns; ++c)
            (void)q.value(c);
        ++rows;
    }
    return rows;
}

QString FigureTable::toMarkdown() const
{
    const QStringList headers = {u"#"_s,     u"Figure"_s, u"Fatora"_s, u"Baseline (same run, same data)"_s,
                                 u"Ratio"_s, u"Target"_s, u"Met"_s};
    QList<QStringList> cells;
    for (const Figure &f : m_rows)
        cells.append({f.id, f.what, f.value, f.baseline, f.ratio, f.target, f.met});
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths.append(h.size());
    for (const QStringList &row : cells) {
        for (int i = 0; i < row.size(); ++i)
            widths[i] = qMax(widths[i], row[i].size());
    }
    const auto line = [&widths](const QStringList &row) -> QString {
        QString out = u"|"_s;
        for (int i = 0; i < row.size(); ++i)
            out += u' ' + row[i].leftJustified(widths[i]) + u" |"_s;
        return out + u'\n';
    };
    QString out = line(headers);
    QStringList rule;
    for (qsizetype w : widths)
        rule.append(QString(w, u'-'));
    out += line(rule);
    for (const QStringList &row : cells)
        out += line(row);
    return out;
}

QByteArray FigureTable::toJsonLines() const
{
    QByteArray out;
    for (const Figure &f : m_rows) {
        const QJsonObject o{{u"id"_s, f.id},       {u"what"_s, f.what},
                            {u"value"_s, f.value}, {u"baseline"_s, f.baseline},
                            {u"ratio"_s, f.ratio}, {u"target"_s, f.target},
                            {u"met"_s, f.met}};
        out += "FIGURE " + QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    return out;
}

FigureTable FigureTable::fromJsonLines(const QByteArray &lines)
{
    FigureTable table;
    for (const QByteArray &line : lines.split('\n')) {
        if (!line.startsWith("FIGURE "))
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line.mid(7)).object();
        table.add(Figure{o.value(u"id"_s).toString(), o.value(u"what"_s).toString(),
                         o.value(u"value"_s).toString(), o.value(u"baseline"_s).toString(),
                         o.value(u"ratio"_s).toString(), o.value(u"target"_s).toString(),
                         o.value(u"met"_s).toString()});
    }
    return table;
}

QString formatMs(double ms)
{
    if (ms < 10)
        return u"%1 ms"_s.arg(ms, 0, 'f', 2);
    if (ms < 100)
        return u"%1 ms"_s.arg(ms, 0, 'f', 1);
    return u"%1 ms"_s.arg(qRound(ms));
}

QString formatRatio(double value, double baseline)
{
    if (baseline <= 0)
        return u"—"_s;
    return u"%1×"_s.arg(value / baseline, 0, 'f', 2);
}

QString yesNo(bool met)
{
    return met ? u"yes"_s : u"NO"_s;
}

} // namespace fatora::bench
