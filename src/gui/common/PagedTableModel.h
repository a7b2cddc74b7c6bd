#pragma once

#include "domain/Result.h"
#include "store/StoreReader.h"

#include <QAbstractTableModel>
#include <QList>

#include <atomic>
#include <functional>
#include <memory>
#include <variant>

namespace fatora {

// The signal half of PagedTableModel: a class template cannot declare signals, so they live here.
class PagedTableModelBase : public QAbstractTableModel
{
    Q_OBJECT
    // For whoever watches any model the same way (benchmarks, views): a read is on its way.
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
public:
    static constexpr int PageSize = 256;
    // The first read of a (changed) query: a little more than a window shows. Opening the desk or
    // typing a search reads these rows only; scrolling pages on, PageSize rows at a time.
    static constexpr int FirstPageSize = 64;

    using QAbstractTableModel::QAbstractTableModel;

    // A read is on its way (the rows shown are those of the last one): views say "loading".
    bool isLoading() const { return m_loading; }
    // True while the rows a reload() asked for are being put in place (its reset, if any): the
    // same list read again, as opposed to a changed query.
    bool isApplyingReload() const { return m_applyingReload; }

signals:
    void loadFailed(const QString &message);
    void loadingChanged(bool loading);
    // The rows a reload() asked for arrived and are shown (in place, or after a reset).
    void reloaded();
    // The first page of a changed query arrived and is shown (after a reset).
    void firstPageShown();

protected:
    void setLoading(bool loading)
    {
        if (loading == m_loading)
            return;
        m_loading = loading;
        emit loadingChanged(loading);
    }

    bool m_applyingReload = false;

private:
    bool m_loading = false;
};

// A table read from the store a page at a time, as the view scrolls (canFetchMore/fetchMore), so a
// million rows open as fast as ten. Filters and sorting are the store's business: a subclass keeps
// its query, hands pageJob() a copy of it for one page, and calls resetAndLoad() when the query
// changes. Columns, data and headers stay with the subclass. Row must have an id (rowId()).
//
// Every read runs on the StoreReader's thread (issue 13): the GUI thread asks and goes on, and the
// rows are shown when they arrive. Until then the rows of the last read stay (isLoading() says a
// read is on its way). An answer to a query that was changed or read again since it was asked - a
// newer keystroke, a re-sort - is dropped: each read carries the generation it was asked in.
// Extra: what a subclass reads beside each page in the same job (e.g. the desks its rows name).
template <typename Row, typename Extra = std::monostate> class PagedTableModel : public PagedTableModelBase
{
public:
    struct Page
    {
        QList<Row> rows;
        Extra extra{};
    };
    // One page of a query, run on the reader's thread: it must hold copies, never `this`.
    using PageJob = std::function<Result<Page>(Store &store)>;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : m_columnCount;
    }
    bool canFetchMore(const QModelIndex &parent) const override { return !parent.isValid() && !m_exhausted; }
    // Asks for the next page; the view asks again as it scrolls, and nothing more is asked while a
    // read is on its way (its rows may end the list, or change it).
    void fetchMore(const QModelIndex &parent) override
    {
        if (parent.isValid() || m_exhausted || isLoading())
            return;
        const int offset = int(m_rows.size());
        load(offset, PageSize, [this, offset](Page page) {
            if (offset != m_rows.size())
                return; // the rows changed in place meanwhile: ask again
            if (page.rows.size() < PageSize)
                m_exhausted = true;
            acceptExtra(page.extra);
            if (page.rows.isEmpty())
                return;
            beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + page.rows.size()) - 1);
            m_rows.append(page.rows);
            endInsertRows();
        });
    }

    // Reads the rows loaded so far again (e.g. after a charge changed a row). When the same rows come
    // back in the same places they are updated in place, so the view keeps selection and scrolling.
    // reloaded() says when they are shown.
    void reload()
    {
        const int wanted = qMax(int(m_rows.size()), int(PageSize));
        ++m_generation;
        load(0, wanted, [this, wanted](Page page) {
            acceptExtra(page.extra);
            QList<Row> &fresh = page.rows;
            // A full read may have more behind it (a row added that sorts last), so only a short one
            // marks the end: the view then fetches on as usual.
            const bool exhausted = fresh.size() < wanted;
            bool sameRows = fresh.size() == m_rows.size();
            for (int i = 0; sameRows && i < fresh.size(); ++i)
                sameRows = rowId(fresh[i]) == rowId(m_rows[i]);
            m_applyingReload = true;
            if (sameRows) {
                m_rows = fresh;
                m_exhausted = exhausted;
                emitAllRowsChanged();
            } else {
                beginResetModel();
                m_rows = fresh;
                m_exhausted = exhausted;
                endResetModel();
            }
            m_applyingReload = false;
            emit reloaded();
        });
    }

    // Headers and cells are translated text: after a language switch they are all asked for again.
    void retranslate()
    {
        emit headerDataChanged(Qt::Horizontal, 0, m_columnCount - 1);
        emitAllRowsChanged();
    }

protected:
    PagedTableModel(StoreReader &reader, int columnCount, QObject *parent)
        : PagedTableModelBase(parent), m_reader(reader), m_columnCount(columnCount)
    {
    }

    // One page of the subclass's current query, `limit` rows from `offset`, as a job for the reader.
    virtual PageJob pageJob(int offset, int limit) const = 0;
    virtual qint64 rowId(const Row &row) const = 0;
    // What the job read beside the page, on the GUI thread, before its rows are shown.
    virtual void acceptExtra(const Extra &) {}

    // Asks for the first page of the (changed) query; the rows shown so far stay until it arrives,
    // then make way for it (a reset), and firstPageShown() is said.
    void resetAndLoad()
    {
        ++m_generation;
        load(
            0, FirstPageSize,
            [this](Page page) {
                acceptExtra(page.extra);
                beginResetModel();
                m_rows = std::move(page.rows);
                m_exhausted = m_rows.size() < FirstPageSize;
                endResetModel();
                emit firstPageShown();
            },
            true);
    }

    const Row *rowAt(int row) const { return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr; }
    qint64 idAt(int row) const { return row >= 0 && row < m_rows.size() ? rowId(m_rows[row]) : 0; }
    int rowOfId(qint64 id) const
    {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (rowId(m_rows[i]) == id)
                return i;
        }
        return -1;
    }
    // A row changed here (a charge answered): shown at once. A read on its way may have been made
    // before the change: when it arrives, the rows are read once more (reload), so a stale answer
    // never stays on screen.
    void replaceRow(int row, const Row &value)
    {
        m_rows[row] = value;
        if (m_inFlight > 0)
            m_changedWhileReading = true;
        emit dataChanged(index(row, 0), index(row, m_columnCount - 1));
    }
    StoreReader &reader() const { return m_reader; }

private:
    // Asks the reader for one page. A failed read ends the paging (no retry loop from the view) and
    // is reported once; an answer to an older generation is dropped.
    // replaces: the rows shown belong to a query since changed (resetAndLoad); if its read fails
    // they go, rather than stand under the new search or filter as if they were its answer.
    void load(int offset, int limit, std::function<void(Page)> show, bool replaces = false)
    {
        const quint64 generation = m_generation;
        m_latest->store(generation);
        ++m_inFlight;
        setLoading(true);
        // Keystrokes faster than the database queue reads: one whose query was replaced before its
        // turn came is skipped there, not run for nothing.
        auto job = [job = pageJob(offset, limit), latest = m_latest, generation](Store &store) -> Result<Page> {
            if (latest->load() != generation)
                return Error{QString(), QString(), ErrorKind::Conflict};
            return job(store);
        };
        m_reader.read<Page>(this, std::move(job), [this, generation, replaces, show = std::move(show)](Result<Page> found) {
            --m_inFlight;
            // Still "loading" while the rows are put in place; the end of loading is said after,
            // so whoever waits for it finds the rows there.
            if (generation == m_generation) {
                if (found.ok()) {
                    show(std::move(found).value());
                } else {
                    if (replaces && !m_rows.isEmpty()) {
                        beginResetModel();
                        m_rows.clear();
                        endResetModel();
                    }
                    m_exhausted = true;
                    emit loadFailed(found.error().toString());
                }
            } // else: asked for a query since replaced, or read again since
            if (m_inFlight > 0)
                return;
            if (m_changedWhileReading) {
                m_changedWhileReading = false;
                reload();
                return;
            }
            setLoading(false);
        });
    }

    void emitAllRowsChanged()
    {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, m_columnCount - 1));
    }

    StoreReader &m_reader;
    const int m_columnCount;
    QList<Row> m_rows;
    bool m_exhausted = false;
    quint64 m_generation = 0; // moves with every changed query and every reload
    // The generation asked last, as the reader's thread reads it.
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    int m_inFlight = 0;       // reads asked and not answered, of any generation
    bool m_changedWhileReading = false;
};

} // namespace fatora
