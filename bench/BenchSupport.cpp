#include "BenchSupport.h"

#include "BenchTarget.h"
#include "store/StoreLocation.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>

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

namespace {

// A "Vm…:" line of /proc/self/status, in KiB; 0 when absent.
qint64 statusKib(const QByteArray &key)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

} // namespace

qint64 peakRssKib()
{
    return statusKib("VmHWM:");
}

qint64 currentRssKib()
{
    return statusKib("VmRSS:");
}

void quietGatewayLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtInfoMsg && context.category && QByteArray(context.category).startsWith("fatora.gateway"))
        return;
    std::fprintf(stderr, "%s\n", qPrintable(message));
}

QProcessEnvironment childEnvironment(const QString &database)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    if (StoreLocation::isServer(database)) {
        if (const QString password = serverPassword(database); !password.isEmpty())
            env.insert(u"FATORA_DATABASE_PASSWORD"_s, password);
    }
    return env;
}

QString childLocation(const QString &database)
{
    return StoreLocation::isServer(database) ? StoreLocation::display(database) : database;
}

RawSql::RawSql(const QString &location)
{
    static std::atomic<int> counter{0};
    m_connection = u"fatora-bench-raw-%1"_s.arg(++counter);
    if (!openBareConnection(location, m_connection, &m_openError))
        qWarning("bare SQL baseline: %s", qPrintable(m_openError));
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

namespace {

QString markdownTable(const QStringList &headers, const QList<QStringList> &cells)
{
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

} // namespace

int figureOrder(const QString &id)
{
    static const QStringList ids = {u"1"_s,  u"1b"_s, u"2"_s,  u"2a"_s, u"2b"_s, u"2c"_s, u"3a"_s, u"3b"_s,
                                    u"3c"_s, u"3d"_s, u"3e"_s, u"3f"_s, u"3g"_s, u"3h"_s, u"3i"_s, u"3j"_s,
                                    u"3k"_s, u"4"_s,  u"4g"_s, u"5"_s,  u"6a"_s, u"6b"_s, u"6c"_s, u"6d"_s,
                                    u"6e"_s, u"6f"_s, u"6g"_s, u"6h"_s, u"7"_s,  u"8a"_s, u"8b"_s, u"8c"_s,
                                    u"8d"_s, u"8e"_s, u"8f"_s, u"8g"_s, u"8h"_s, u"GUI"_s};
    const int i = int(ids.indexOf(id));
    return i < 0 ? 1000 : i;
}

FigureTable FigureTable::sorted() const
{
    QList<Figure> rows = m_rows;
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Figure &a, const Figure &b) { return figureOrder(a.id) < figureOrder(b.id); });
    FigureTable out;
    out.m_rows = rows;
    return out;
}

QString FigureTable::toMarkdown() const
{
    QList<QStringList> cells;
    for (const Figure &f : m_rows)
        cells.append({f.id, f.what, f.value, f.baseline, f.ratio, f.target, f.met});
    return markdownTable({u"#"_s, u"Figure"_s, u"Fatora"_s, u"Baseline (same run, same data)"_s, u"Ratio"_s,
                          u"Target"_s, u"Met"_s},
                         cells);
}

QString FigureTable::columns(const QList<std::pair<QString, FigureTable>> &runs, const QStringList &ids)
{
    QStringList headers{u"#"_s, u"Figure"_s};
    for (const auto &run : runs)
        headers << run.first;
    headers << u"Target"_s << u"Met"_s;
    QList<QStringList> cells;
    for (const QString &id : ids) {
        QStringList row{id, QString()};
        QStringList met;
        QString target;
        for (const auto &run : runs) {
            const Figure *found = nullptr;
            for (const Figure &f : run.second.m_rows) {
                if (f.id == id)
                    found = &f;
            }
            row << (found ? found->value : u"—"_s);
            if (found) {
                if (row[1].isEmpty())
                    row[1] = found->what;
                target = found->target;
                met << (found->met.isEmpty() ? u"—"_s : found->met);
            } else {
                met << u"—"_s;
            }
        }
        if (row[1].isEmpty())
            continue; // no run measured it
        row << target << met.join(u" / "_s);
        cells.append(row);
    }
    return markdownTable(headers, cells);
}

FigureTable FigureTable::only(const QStringList &ids, bool keep) const
{
    FigureTable out;
    for (const Figure &f : m_rows) {
        if (ids.contains(f.id) == keep)
            out.m_rows.append(f);
    }
    return out;
}

QString FigureTable::sideBySide(const QString &leftName, const FigureTable &left, const QString &rightName,
                                const FigureTable &right)
{
    QStringList ids;
    for (const FigureTable *table : {&left, &right}) {
        for (const Figure &f : table->m_rows) {
            if (!ids.contains(f.id))
                ids << f.id;
        }
    }
    std::stable_sort(ids.begin(), ids.end(),
                     [](const QString &a, const QString &b) { return figureOrder(a) < figureOrder(b); });
    const auto find = [](const FigureTable &table, const QString &id) -> const Figure * {
        for (const Figure &f : table.m_rows) {
            if (f.id == id)
                return &f;
        }
        return nullptr;
    };
    QList<QStringList> cells;
    for (const QString &id : std::as_const(ids)) {
        const Figure *l = find(left, id);
        const Figure *r = find(right, id);
        const Figure &any = r ? *r : *l;
        const QString none = u"—"_s; // this figure does not apply to that backend
        cells.append({id, any.what, l ? l->value : none, r ? r->value : none, r ? r->baseline : QString(),
                      r ? r->ratio : QString(), any.target, r ? r->met : QString()});
    }
    return markdownTable({u"#"_s, u"Figure"_s, leftName, rightName,
                          rightName + u"'s baseline (same run, same server)"_s, u"Ratio"_s, u"Target"_s,
                          u"Met ("_s + rightName + u')'},
                         cells);
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
