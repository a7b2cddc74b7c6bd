#pragma once

#include "domain/Result.h"

#include <QAbstractTableModel>
#include <QList>

namespace fatora {

// The signal half of PagedTableModel: a class template cannot declare signals, so they live here.
class PagedTableModelBase : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int PageSize = 256;
    // The first read of a (changed) query: a little more than a window shows. Opening the desk or
    // typing a search reads these rows only; scrolling pages on, PageSize rows at a time.
    static constexpr int FirstPageSize = 64;

    using QAbstractTableModel::QAbstractTableModel;

signals:
    void loadFailed(const QString &message);
};

// A table read from the store a page at a time, as the view scrolls (canFetchMore/fetchMore), so a
// million rows open as fast as ten. Filters and sorting are the store's business: a subclass keeps
// its query, answers fetchRows() with one page of it, and calls resetAndLoad() when the query
// changes. Columns, data and headers stay with the subclass. Row must have an id (rowId()).
template <typename Row> class PagedTableModel : public PagedTableModelBase
{
public:
    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : m_columnCount;
    }
    bool canFetchMore(const QModelIndex &parent) const override { return !parent.isValid() && !m_exhausted; }
    void fetchMore(const QModelIndex &parent) override
    {
        if (parent.isValid() || m_exhausted)
            return;
        QList<Row> page = load(int(m_rows.size()), PageSize);
        if (page.size() < PageSize)
            m_exhausted = true;
        if (page.isEmpty())
            return;
        beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + page.size()) - 1);
        m_rows.append(page);
        endInsertRows();
    }

    // Reads the rows loaded so far again (e.g. after a charge changed a row). When the same rows come
    // back in the same places they are updated in place, so the view keeps selection and scrolling.
    void reload()
    {
        const int wanted = qMax(int(m_rows.size()), int(PageSize));
        m_exhausted = false;
        QList<Row> fresh = load(0, wanted);
        // A full read may have more behind it (a row added that sorts last), so only a short one
        // marks the end: the view then fetches on as usual.
        const bool exhausted = m_exhausted || fresh.size() < wanted;
        bool sameRows = fresh.size() == m_rows.size();
        for (int i = 0; sameRows && i < fresh.size(); ++i)
            sameRows = rowId(fresh[i]) == rowId(m_rows[i]);
        if (sameRows) {
            m_rows = fresh;
            m_exhausted = exhausted;
            emitAllRowsChanged();
            return;
        }
        beginResetModel();
        m_rows = fresh;
        m_exhausted = exhausted;
        endResetModel();
    }

    // Headers and cells are translated text: after a language switch they are all asked for again.
    void retranslate()
    {
        emit headerDataChanged(Qt::Horizontal, 0, m_columnCount - 1);
        emitAllRowsChanged();
    }

protected:
    PagedTableModel(int columnCount, QObject *parent)
        : PagedTableModelBase(parent), m_columnCount(columnCount)
    {
    }

    // One page of the subclass's current query: `limit` rows from `offset`.
    virtual Result<QList<Row>> fetchRows(int offset, int limit) const = 0;
    virtual qint64 rowId(const Row &row) const = 0;

    // Throws the loaded rows away and reads the first page of the (changed) query.
    void resetAndLoad()
    {
        beginResetModel();
        m_exhausted = false;
        m_rows = load(0, FirstPageSize);
        if (m_rows.size() < FirstPageSize)
            m_exhausted = true;
        endResetModel();
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
    void replaceRow(int row, const Row &value)
    {
        m_rows[row] = value;
        emit dataChanged(index(row, 0), index(row, m_columnCount - 1));
    }

private:
    // A failed read ends the paging (no retry loop from the view) and is reported once.
    QList<Row> load(int offset, int limit)
    {
        auto found = fetchRows(offset, limit);
        if (!found.ok()) {
            m_exhausted = true;
            emit loadFailed(found.error().toString());
            return {};
        }
        return std::move(found).value();
    }

    void emitAllRowsChanged()
    {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, m_columnCount - 1));
    }

    const int m_columnCount;
    QList<Row> m_rows;
    bool m_exhausted = false;
};

} // namespace fatora
