#pragma once

#include "Store.h"

#include <QAbstractTableModel>

namespace fatora {

// The transaction history: every charge attempt, newest first by default. Pages through
// Store::findPayments like the customers list; filters and sorting re-query the store.
class PaymentTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        CreatedAt,
        CustomerName,
        Token,
        OrderId,
        Amount,
        Currency,
        State,
        StatusCode,
        TransactionId,
        AuthCode,
        Mode,
        Description,
        Operator,
        ColumnCount
    };
    static constexpr int PageSize = 256;

    explicit PaymentTableModel(Store &store, QObject *parent = nullptr);

    // Replaces the filter (state, dates, customer, text); keeps the current sort.
    void setFilter(const PaymentQuery &filter);
    // The current filter and sort, without paging: what an export of "this view" should contain.
    PaymentQuery filter() const;
    void reload();
    // Re-reads one payment in place; returns false when it is not loaded (e.g. a new payment).
    bool refreshPayment(qint64 paymentId);
    void retranslate();

    static bool isSortable(int column);
    qint64 paymentId(int row) const;
    int rowOfPayment(qint64 paymentId) const;
    const PaymentRow *paymentRow(int row) const;

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
    QList<PaymentRow> load(int offset, int limit);

    Store &m_store;
    PaymentQuery m_query;
    QList<PaymentRow> m_rows;
    bool m_exhausted = false;
};

} // namespace fatora
