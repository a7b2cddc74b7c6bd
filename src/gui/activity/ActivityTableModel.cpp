#include "activity/ActivityTableModel.h"

#include "common/Display.h"
#include "common/ModelRoles.h"

using namespace Qt::StringLiterals;

namespace fatora {

ActivityTableModel::ActivityTableModel(StoreReader &reader, QObject *parent)
    : PagedTableModel(reader, ColumnCount, parent)
{
}

void ActivityTableModel::setQuery(const AuditQuery &query)
{
    m_query = query;
    m_query.beforeId = 0;
    m_query.limit = 0;
    resetAndLoad();
}

ActivityTableModel::PageJob ActivityTableModel::pageJob(int offset, int limit) const
{
    AuditQuery page = m_query;
    page.limit = limit;
    // On from the last entry shown: entries written since the first page never shift this one.
    const AuditEntry *last = offset > 0 ? rowAt(offset - 1) : nullptr;
    page.beforeId = last ? last->id : 0;
    return [page](Store &store) -> Result<Page> {
        auto read = store.findAudit(page);
        if (!read)
            return read.error();
        return Page{read.value()};
    };
}

std::optional<AuditEntry> ActivityTableModel::entryAt(int row) const
{
    if (const AuditEntry *entry = rowAt(row))
        return *entry;
    return std::nullopt;
}

Result<QList<AuditEntry>> ActivityTableModel::allEntries(Store &store, AuditQuery query)
{
    QList<AuditEntry> all;
    query.beforeId = 0;
    query.limit = 5000;
    for (;;) {
        auto read = store.findAudit(query);
        if (!read)
            return read.error();
        all += read.value();
        if (read->size() < query.limit)
            return all;
        query.beforeId = read->last().id;
    }
}

QString ActivityTableModel::objectText(const AuditEntry &e)
{
    const QString id = Display::isolate(QString::number(e.objectId));
    if (e.objectType == u"payment"_s)
        return tr("Payment %1").arg(id);
    if (e.objectType == u"token"_s)
        return tr("Card %1").arg(id);
    if (e.objectType == u"customer"_s)
        return tr("Customer %1").arg(id);
    if (e.objectType == u"batch"_s)
        return tr("Billing run %1").arg(id);
    if (e.objectType == u"staff"_s)
        return tr("Staff member %1").arg(id);
    if (e.objectType == u"database"_s)
        return tr("The database");
    if (e.objectType == u"settings"_s)
        return tr("Shared settings");
    return Display::isolateAuto(e.objectType) + u' ' + id;
}

QVariant ActivityTableModel::data(const QModelIndex &index, int role) const
{
    const AuditEntry *entry = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!entry)
        return {};
    const AuditEntry &e = *entry;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        QString text;
        switch (index.column()) {
        case At:
            text = Display::dateTime(e.at);
            break;
        case Person:
            text = Display::isolateAuto(e.operatorName);
            break;
        case Action:
            text = Display::isolate(e.action); // the audit's own words, as the CSV has them
            break;
        case Object:
            text = objectText(e);
            break;
        case Detail:
            text = Display::isolateAuto(e.detail);
            break;
        }
        // A tooltip guesses rich text: every one is shown as plain text.
        return role == Qt::ToolTipRole ? Display::plainToolTip(text) : text;
    }
    if (role == SortRole && index.column() == At)
        return e.at;
    return {};
}

QVariant ActivityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case At:
        return tr("When");
    case Person:
        return tr("Person");
    case Action:
        return tr("Action");
    case Object:
        return tr("About");
    case Detail:
        return tr("Detail");
    }
    return {};
}

} // namespace fatora
