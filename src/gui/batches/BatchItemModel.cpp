#include "batches/BatchItemModel.h"

#include "common/Display.h"
#include "common/ModelRoles.h"
#include "gateway/GatewayReason.h"

namespace fatora {

BatchItemModel::BatchItemModel(QObject *parent) : QAbstractTableModel(parent) {}

void BatchItemModel::setItems(QList<BatchItem> items)
{
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
}

int BatchItemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int BatchItemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BatchItemModel::outcomeText(const BatchItem &item)
{
    switch (batchOutcome(item)) {
    case BatchOutcome::Queued:
        return tr("To charge");
    case BatchOutcome::Skipped:
        return tr("Skipped: %1").arg(item.reason);
    case BatchOutcome::Refused:
        return tr("Not sent: %1").arg(item.reason);
    case BatchOutcome::Cancelled:
        return tr("Cancelled, not sent");
    case BatchOutcome::InFlight:
        return tr("In flight");
    case BatchOutcome::Approved:
        return tr("Approved");
    case BatchOutcome::Declined:
    case BatchOutcome::Rejected:
        return item.payment ? GatewayReason::explain(*item.payment) : tr("Declined");
    case BatchOutcome::NotSent:
        return tr("Not sent (gateway unreachable)");
    case BatchOutcome::Unknown:
        return tr("Outcome unknown: verify");
    }
    return {};
}

QVariant BatchItemModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const BatchItem &item = m_items.at(index.row());
    if (role == IdRole)
        return item.id;
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Line:
        return role == Qt::DisplayRole ? QVariant(QString::number(item.line)) : QVariant(item.line);
    case Customer:
        return item.customerName.isEmpty() ? item.given : item.customerName;
    case Card:
        return Display::mask(item.tokenMask);
    case Amount: {
        const std::optional<Money> money =
            item.payment ? countedAmount(*item.payment).money : item.plannedAmount();
        if (role == SortRole)
            return money ? QVariant(money->minorUnits()) : QVariant();
        if (!money)
            return QString();
        return item.amount || item.payment ? Display::money(*money)
                                           : tr("%1 (first payment)").arg(Display::money(*money));
    }
    case Outcome:
        return outcomeText(item);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant BatchItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Line:
        return tr("Line");
    case Customer:
        return tr("Customer");
    case Card:
        return tr("Card");
    case Amount:
        return tr("Amount");
    case Outcome:
        return tr("What happens");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace fatora
