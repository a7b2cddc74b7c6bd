#pragma once

#include "common/PagedTableModel.h"
#include "store/Store.h"

namespace fatora {

// The customers list, paged through Store::findCustomers on the store reader's thread; search and
// sorting re-query the store.
class CustomerTableModel : public PagedTableModel<CustomerSummary>
{
    Q_OBJECT
public:
    enum Column { Name, Email, Phone, ActiveTokens, LastCharge, ColumnCount };

    explicit CustomerTableModel(StoreReader &reader, QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_query.text; }
    void setIncludeArchived(bool include);

    qint64 customerId(int row) const { return idAt(row); }
    int rowOfCustomer(qint64 customerId) const { return rowOfId(customerId); }
    const CustomerSummary *summary(int row) const { return rowAt(row); }
    // The customer's card figures as they now stand, shown in place; false when the customer is not
    // loaded. lastCharge only ever moves the last charge later.
    bool updateCardFigures(qint64 customerId, std::optional<int> activeTokens, const QDateTime &lastCharge);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    PageJob pageJob(int offset, int limit) const override;
    qint64 rowId(const CustomerSummary &row) const override { return row.customer.id; }

private:
    CustomerQuery m_query;
};

} // namespace fatora
