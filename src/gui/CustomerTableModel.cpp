#include "CustomerTableModel.h"

#include "Display.h"
#include "ModelRoles.h"

#include <QFont>

namespace fatora {

CustomerTableModel::CustomerTableModel(Store &store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
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

QList<CustomerSummary> CustomerTableModel::load(int offset, int limit)
{
    CustomerQuery query = m_query;
    query.offset = offset;
    query.limit = limit;
    auto found = m_store.findCustomers(query);
    if (!found.ok()) {
        m_exhausted = true;
        emit loadFailed(found.error().toString());
        return {};
    }
    return std::move(found).value();
}

void CustomerTableModel::resetAndLoad()
{
    beginResetModel();
    m_rows.clear();
    m_exhausted = false;
    m_rows = load(0, PageSize);
    if (m_rows.size() < PageSize)
        m_exhausted = true;
    endResetModel();
}

void CustomerTableModel::reload()
{
    const int wanted = qMax(int(m_rows.size()), PageSize);
    const bool wasExhausted = m_exhausted;
    m_exhausted = false;
    QList<CustomerSummary> fresh = load(0, wanted);
    bool sameRows = fresh.size() == m_rows.size();
    for (int i = 0; sameRows && i < fresh.size(); ++i)
        sameRows = fresh[i].customer.id == m_rows[i].customer.id;
    if (sameRows) {
        // Same customers in the same places: update in place so selection and scrolling stay.
        m_rows = fresh;
        m_exhausted = wasExhausted || fresh.size() < wanted;
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = fresh;
    m_exhausted = fresh.size() < wanted;
    endResetModel();
}

void CustomerTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

qint64 CustomerTableModel::customerId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].customer.id : 0;
}

int CustomerTableModel::rowOfCustomer(qint64 customerId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].customer.id == customerId)
            return i;
    }
    return -1;
}

const CustomerSummary *CustomerTableModel::summary(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int CustomerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CustomerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CustomerSummary &row = m_rows[index.row()];
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
            return tr("Reference: %1").arg(Display::isolate(c.reference));
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

bool CustomerTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void CustomerTableModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_exhausted)
        return;
    QList<CustomerSummary> page = load(int(m_rows.size()), PageSize);
    if (page.size() < PageSize)
        m_exhausted = true;
    if (page.isEmpty())
        return;
    beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + page.size()) - 1);
    m_rows.append(page);
    endInsertRows();
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

} // namespace fatora
