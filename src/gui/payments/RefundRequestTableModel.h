#pragma once

#include "domain/RefundApproval.h"

#include <QAbstractTableModel>

#include <optional>

namespace fatora {

// The refund requests as the queue lists them (RefundRequestsWindow): the open ones oldest first, or
// every one newest first. A few dozen rows at most in a day: read whole.
class RefundRequestTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Asked, AskedBy, Customer, Order, Amount, Reason, State, DecidedBy, Note, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setRequests(const QList<RefundApproval> &requests);
    const QList<RefundApproval> &requests() const { return m_requests; }
    std::optional<RefundApproval> requestAt(int row) const;
    // The row of the request with this id, or -1.
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RefundApproval> m_requests;
};

} // namespace fatora
