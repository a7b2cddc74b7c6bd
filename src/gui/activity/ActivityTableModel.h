#pragma once

#include "store/Store.h"

#include <QAbstractTableModel>

namespace fatora {

// The audit log as the Activity view lists it: newest first, a page at a time as the view scrolls
// (keyset paging on the entry id, so entries written meanwhile never shift a page). What a person
// reads is the database's to decide: on a shared database, their own entries unless they are an
// administrator.
class ActivityTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { At, Person, Action, Object, Detail, ColumnCount };
    static constexpr int PageSize = 200;

    explicit ActivityTableModel(Store &store, QObject *parent = nullptr);

    // Reads the first page of what `query` matches (its paging fields are the model's own).
    Result<void> setQuery(const AuditQuery &query);
    const AuditQuery &query() const { return m_query; }
    const QList<AuditEntry> &entries() const { return m_entries; }
    std::optional<AuditEntry> entryAt(int row) const;
    // Every entry the query matches, read on to the end (for an export).
    Result<QList<AuditEntry>> allEntries() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // "Refund of payment 12": what an entry is about, in words.
    static QString objectText(const AuditEntry &entry);

signals:
    void problem(const QString &message);

private:
    Store &m_store;
    AuditQuery m_query;
    QList<AuditEntry> m_entries;
    bool m_more = false;
};

} // namespace fatora
