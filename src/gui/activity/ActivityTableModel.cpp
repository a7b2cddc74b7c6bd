#include "activity/ActivityTableModel.h"

#include "common/Display.h"
#include "common/ModelRoles.h"

using namespace Qt::StringLiterals;

namespace fatora {

ActivityTableModel::ActivityTableModel(Store &store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
}

Result<void> ActivityTableModel::setQuery(const AuditQuery &query)
{
    AuditQuery first = query;
    first.beforeId = 0;
    first.limit = PageSize;
    auto read = m_store.findAudit(first);
    if (!read) {
        // Nothing stays listed under filters it does not match: the list is emptied, and scrolling
        // or an export reads nothing older.
        beginResetModel();
        m_query = first;
        m_entries.clear();
        m_more = false;
        endResetModel();
        return read.error();
    }
    beginResetModel();
    m_query = first;
    m_entries = read.value();
    m_more = m_entries.size() == PageSize;
    endResetModel();
    return {};
}

std::optional<AuditEntry> ActivityTableModel::entryAt(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return std::nullopt;
    return m_entries.at(row);
}

Result<QList<AuditEntry>> ActivityTableModel::allEntries() const
{
    QList<AuditEntry> all;
    AuditQuery page = m_query;
    page.beforeId = 0;
    page.limit = 5000;
    for (;;) {
        auto read = m_store.findAudit(page);
        if (!read)
            return read.error();
        all += read.value();
        if (read->size() < page.limit)
            return all;
        page.beforeId = read->last().id;
    }
}

int ActivityTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ActivityTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
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
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const AuditEntry &e = m_entries.at(index.row());
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

bool ActivityTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more;
}

void ActivityTableModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_more || m_entries.isEmpty())
        return;
    AuditQuery page = m_query;
    page.beforeId = m_entries.last().id;
    auto read = m_store.findAudit(page);
    if (!read) {
        m_more = false;
        emit problem(read.error().message);
        return;
    }
    m_more = read->size() == PageSize;
    if (read->isEmpty())
        return;
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + read->size() - 1));
    m_entries += read.value();
    endInsertRows();
}

} // namespace fatora
