#include "customers/CustomerTableModel.h"

#include "common/Display.h"
#include "common/ModelRoles.h"

#include <QFont>

namespace fatora {

CustomerTableModel::CustomerTableModel(StoreReader &reader, QObject *parent)
    : PagedTableModel(reader, ColumnCount, parent)
{
    m_query.limit = PageSize;
    resetAndLoad();
}

void CustomerTableModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_query.text)
        return;
    m_query.text = trimmed;
    resetAndLoad();
}

void CustomerTableModel::setIncludeArchived(bool include)
{
    if (include == m_query.includeArchived)
        return;
    m_query.includeArchived = include;
    resetAndLoad();
}

CustomerTableModel::PageJob CustomerTableModel::pageJob(int offset, int limit) const
{
    CustomerQuery query = m_query;
    query.offset = offset;
    query.limit = limit;
    return [query](Store &store) -> Result<Page> {
        auto found = store.findCustomers(query);
        if (!found)
            return found.error();
        return Page{std::move(found).value()};
    };
}

QVariant CustomerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CustomerSummary &row = *rowAt(index.row());
    const Customer &c = row.customer;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return c.archived ? tr("%1 (archived)").arg(c.name) : c.name;
        case Email:
            return Display::isolate(c.email);
        case Phone:
            return Display::isolate(c.phone);
        case ActiveTokens:
            return row.activeTokens;
        case LastCharge:
            return row.lastChargeAt.isValid() ? Display::dateTime(row.lastChargeAt) : tr("never");
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Name:
            return c.name;
        case Email:
            return c.email;
        case Phone:
            return c.phone;
        case ActiveTokens:
            return row.activeTokens;
        case LastCharge:
            return row.lastChargeAt;
        }
        break;
    case IdRole:
        return c.id;
    case Qt::TextAlignmentRole:
        if (index.column() == ActiveTokens)
            return int(Qt::AlignTrailing | Qt::AlignVCenter);
        break;
    case Qt::FontRole:
        if (c.archived) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        break;
    case Qt::ToolTipRole:
        if (!c.reference.isEmpty())
            return Display::plainToolTip(tr("Reference: %1").arg(Display::isolate(c.reference)));
        break;
    }
    return {};
}

QVariant CustomerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Email:
        return tr("Email");
    case Phone:
        return tr("Phone");
    case ActiveTokens:
        return tr("Active cards");
    case LastCharge:
        return tr("Last charge");
    }
    return {};
}

void CustomerTableModel::sort(int column, Qt::SortOrder order)
{
    CustomerQuery::Sort sort = CustomerQuery::Sort::Name;
    switch (column) {
    case Name:
        sort = CustomerQuery::Sort::Name;
        break;
    case Email:
        sort = CustomerQuery::Sort::Email;
        break;
    case Phone:
        sort = CustomerQuery::Sort::Phone;
        break;
    case ActiveTokens:
        sort = CustomerQuery::Sort::ActiveTokens;
        break;
    case LastCharge:
        sort = CustomerQuery::Sort::LastCharge;
        break;
    default:
        return;
    }
    if (sort == m_query.sort && order == m_query.order)
        return;
    m_query.sort = sort;
    m_query.order = order;
    // The store decides the order: only a page is loaded, so the rows are read again rather
    // than shuffled in memory. The panel restores the selection after the reset.
    resetAndLoad();
}

bool CustomerTableModel::updateCardFigures(qint64 customerId, std::optional<int> activeTokens,
                                           const QDateTime &lastCharge)
{
    const int row = rowOfId(customerId);
    if (row < 0)
        return false;
    CustomerSummary summary = *rowAt(row);
    if (activeTokens)
        summary.activeTokens = *activeTokens;
    if (lastCharge.isValid() && (!summary.lastChargeAt.isValid() || lastCharge > summary.lastChargeAt))
        summary.lastChargeAt = lastCharge;
    replaceRow(row, summary);
    return true;
}

} // namespace fatora
