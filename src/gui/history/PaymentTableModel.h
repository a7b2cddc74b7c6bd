#pragma once

#include "common/PagedTableModel.h"
#include "store/Store.h"

#include <QHash>
#include <QSet>

namespace fatora {

// The transaction history: every charge attempt, newest first by default. Pages through
// Store::findPayments; filters and sorting re-query the store.
class PaymentTableModel : public PagedTableModel<PaymentRow>
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
        Desk, // the computer whose desk (or command-line run) made the attempt (Payment::ownerSession)
        ColumnCount
    };

    explicit PaymentTableModel(Store &store, QObject *parent = nullptr);

    // Replaces the filter (state, dates, customer, text); keeps the current sort.
    void setFilter(const PaymentQuery &filter);
    // The current filter and sort, without paging: what an export of "this view" should contain.
    PaymentQuery filter() const;
    // Shows a changed payment in place (its customer and card do not change); returns false when
    // it is not loaded (e.g. a new payment), and the list must be read again to show it.
    bool updatePayment(const Payment &payment);

    static bool isSortable(int column);
    qint64 paymentId(int row) const { return idAt(row); }
    int rowOfPayment(qint64 paymentId) const { return rowOfId(paymentId); }
    const PaymentRow *paymentRow(int row) const { return rowAt(row); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    Result<QList<PaymentRow>> fetchRows(int offset, int limit) const override;
    qint64 rowId(const PaymentRow &row) const override { return row.payment.id; }

private:
    // The desk a payment's session ran on, as shown and as explained in its tooltip.
    QString deskName(qint64 sessionId) const;
    QString deskExplained(qint64 sessionId) const;
    // Reads the sessions of these rows not read yet (one statement), remembering those not found.
    void learnSessions(const QList<PaymentRow> &rows) const;

    Store &m_store;
    PaymentQuery m_query;
    // The sessions named by the rows read so far: read once each, with the page that first names
    // them (a few desks for thousands of payments). A cache, hence filled by the const fetchRows.
    mutable QHash<qint64, SessionRecord> m_sessions;
    mutable QSet<qint64> m_unknownSessions; // not in the database (pruned, or copied from a file)
};

} // namespace fatora
