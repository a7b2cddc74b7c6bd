#pragma once

#include "csv/CsvImporter.h"

#include <QAbstractTableModel>

namespace fatora {

// The rows of a CSV file as CsvImporter::preview read them, with each row's problems in words.
class ImportPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Line,
        Name,
        Email,
        Phone,
        Reference,
        Token,
        Label,
        Issued,
        FirstAmount,
        Problems,
        ColumnCount
    };

    explicit ImportPreviewModel(QObject *parent = nullptr);

    void setPreview(const CsvImporter::Preview &preview);
    const CsvImporter::Preview &preview() const { return m_preview; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    CsvImporter::Preview m_preview;
};

} // namespace fatora
