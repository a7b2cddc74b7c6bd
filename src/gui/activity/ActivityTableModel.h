#pragma once

#include "common/PagedTableModel.h"
#include "store/Store.h"

namespace fatora {

// The audit log as the Activity view lists it: newest first, a page at a time as the view scrolls,
// read on the desk's reader (issue 13). Pages follow on from the last entry shown (keyset paging on
// the entry id), so entries written meanwhile never shift a page. What a person reads is the
// database's to decide: on a shared database, their own entries unless they are an administrator.
class ActivityTableModel : public PagedTableModel<AuditEntry>
{
    Q_OBJECT
public:
    enum Column { At, Person, Action, Object, Detail, ColumnCount };

    explicit ActivityTableModel(StoreReader &reader, QObject *parent = nullptr);

    // Shows the first page of what `query` matches once read (its paging fields are the model's own).
    void setQuery(const AuditQuery &query);
    const AuditQuery &query() const { return m_query; }
    std::optional<AuditEntry> entryAt(int row) const;
    // Every entry `query` matches, read on to the end (an export): a job for the reader.
    static Result<QList<AuditEntry>> allEntries(Store &store, AuditQuery query);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Refund of payment 12": what an entry is about, in words.
    static QString objectText(const AuditEntry &entry);

protected:
    PageJob pageJob(int offset, int limit) const override;
    qint64 rowId(const AuditEntry &row) const override { return row.id; }

private:
    AuditQuery m_query;
};

} // namespace fatora
