#pragma once

#include "common/PagedTableModel.h"
#include "store/Store.h"

#include <QHash>
#include <QSet>

namespace fatora {

// The desks a page of payments names that were not known before it (read in the same job).
struct PaymentPageSessions
{
    QList<SessionRecord> found;
    QList<qint64> missing; // not in the database (pruned, or copied from a file)
};

// The transaction history: every charge attempt, newest first by default. Pages through
// Store::findPayments on the store reader's thread; filters and sorting re-query the store.
class PaymentTableModel : public PagedTableModel<PaymentRow, PaymentPageSessions>
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

    explicit PaymentTableModel(StoreReader &reader, QObject *parent = nullptr);

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
    PageJob pageJob(int offset, int limit) const override;
    qint64 rowId(const PaymentRow &row) const override { return row.payment.id; }
    void acceptExtra(const PaymentPageSessions &sessions) override;

private:
    // The desk a payment's session ran on, as shown and as explained in its tooltip.
    QString deskName(qint64 sessionId) const;
    QString deskExplained(qint64 sessionId) const;
    // The sessions already known or known to be missing: a page's job reads only the others.
    QSet<qint64> knownSessions() const;

    PaymentQuery m_query;
    // The sessions named by the rows read so far: read once each, with the page that first names
    // them (a few desks for thousands of payments).
    QHash<qint64, SessionRecord> m_sessions;
    QSet<qint64> m_unknownSessions; // not in the database (pruned, or copied from a file)
};

} // namespace fatora
