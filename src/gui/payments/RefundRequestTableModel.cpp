#include "payments/RefundRequestTableModel.h"

#include "common/Display.h"

#include <QBrush>

namespace fatora {

void RefundRequestTableModel::setRequests(const QList<RefundApproval> &requests)
{
    beginResetModel();
    m_requests = requests;
    endResetModel();
}

std::optional<RefundApproval> RefundRequestTableModel::requestAt(int row) const
{
    if (row < 0 || row >= m_requests.size())
        return std::nullopt;
    return m_requests.at(row);
}

int RefundRequestTableModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_requests.size(); ++row) {
        if (m_requests.at(row).id == id)
            return row;
    }
    return -1;
}

int RefundRequestTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_requests.size());
}

int RefundRequestTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RefundRequestTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_requests.size())
        return {};
    const RefundApproval &r = m_requests.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        QString text;
        switch (index.column()) {
        case Number:
            text = Display::isolate(QString::number(r.id));
            break;
        case Asked:
            text = Display::dateTime(r.requestedAt);
            break;
        case AskedBy:
            text = Display::isolateAuto(r.requestedBy);
            break;
        case Customer:
            text = Display::isolateAuto(r.customerName);
            break;
        case Order:
            text = Display::isolate(r.orderId);
            break;
        case Amount:
            text = Display::amount(r.amount);
            break;
        case Reason:
            text = Display::isolateAuto(r.reason);
            break;
        case State:
            text = refundApprovalStateTitle(r.state);
            break;
        case DecidedBy:
            text = r.decidedBy.isEmpty() ? QString()
                                         : tr("%1 on %2").arg(Display::isolateAuto(r.decidedBy),
                                                              Display::dateTime(r.decidedAt));
            break;
        case Note:
            text = Display::isolateAuto(r.decisionNote);
            break;
        }
        return role == Qt::ToolTipRole ? Display::plainToolTip(text) : text;
    }
    if (role == Qt::ForegroundRole && index.column() == State && !r.isOpen())
        return QBrush(r.state == RefundApproval::State::Approved ? Display::successColor() : Display::errorColor());
    if (role == Qt::TextAlignmentRole && index.column() == Amount)
        return int(Qt::AlignTrailing | Qt::AlignVCenter);
    return {};
}

QVariant RefundRequestTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("No.");
    case Asked:
        return tr("Asked");
    case AskedBy:
        return tr("Asked by");
    case Customer:
        return tr("Customer");
    case Order:
        return tr("Order");
    case Amount:
        return tr("Amount");
    case Reason:
        return tr("Reason");
    case State:
        return tr("State");
    case DecidedBy:
        return tr("Decided by");
    case Note:
        return tr("Decision note");
    }
    return {};
}

} // namespace fatora
