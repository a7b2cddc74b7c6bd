#pragma once

#include "batches/Batch.h"

#include <QAbstractTableModel>
#include <QList>

namespace fatora {

// A billing run's items, as the dry run planned them or as they stand: line, customer, card
// (masked), amount, and what happens (the outcome, or why the row is skipped).
class BatchItemModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Line, Customer, Card, Amount, Outcome, ColumnCount };

    explicit BatchItemModel(QObject *parent = nullptr);

    void setItems(QList<BatchItem> items);
    const QList<BatchItem> &items() const { return m_items; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Approved", "Skipped: <reason>", ... in words for people.
    static QString outcomeText(const BatchItem &item);

private:
    QList<BatchItem> m_items;
};

} // namespace fatora
