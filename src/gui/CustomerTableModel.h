#pragma once

#include "Store.h"

#include <QAbstractTableModel>

namespace fatora {

// The customers list. Pages through Store::findCustomers (PageSize rows at a time, as the view
// scrolls) so a million customers open as fast as ten; search and sorting re-query the store.
class CustomerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Email, Phone, ActiveTokens, LastCharge, ColumnCount };
    static constexpr int PageSize = 256;

    explicit CustomerTableModel(Store &store, QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_query.text; }
    void setIncludeArchived(bool include);
    // Reads the rows loaded so far again (e.g. after a charge changed "last charge").
    void reload();
    void retranslate();

    qint64 customerId(int row) const;
    int rowOfCustomer(qint64 customerId) const;
    const CustomerSummary *summary(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void loadFailed(const QString &message);

private:
    void resetAndLoad();
    QList<CustomerSummary> load(int offset, int limit);

    Store &m_store;
    CustomerQuery m_query;
    QList<CustomerSummary> m_rows;
    bool m_exhausted = false;
};

} // namespace fatora
