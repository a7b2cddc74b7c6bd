#include "customers/ImportPreviewModel.h"

#include "common/Display.h"
#include "common/ModelRoles.h"

#include <QApplication>
#include <QStyle>

namespace fatora {

ImportPreviewModel::ImportPreviewModel(QObject *parent) : QAbstractTableModel(parent) {}

void ImportPreviewModel::setPreview(const CsvImporter::Preview &preview)
{
    beginResetModel();
    m_preview = preview;
    endResetModel();
}

int ImportPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_preview.rows.size());
}

int ImportPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CsvImporter::Row &row = m_preview.rows[index.row()];
    const std::optional<CardToken> &token = row.token;
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        switch (index.column()) {
        case Line:
            return row.line;
        case Name:
            return row.customer.name;
        case Email:
            return raw ? row.customer.email : Display::isolate(row.customer.email);
        case Phone:
            return raw ? row.customer.phone : Display::isolate(row.customer.phone);
        case Reference:
            return raw ? row.customer.reference : Display::isolate(row.customer.reference);
        case Token:
            return token ? Display::mask(token->masked()) : QString();
        case Label:
            return token ? token->label : QString();
        case Issued:
            if (!token)
                return QVariant();
            return raw ? QVariant(token->issuedOn) : QVariant(Display::date(token->issuedOn));
        case FirstAmount:
            if (!token || !token->firstAmount)
                return QVariant();
            return raw ? QVariant(token->firstAmount->minorUnits())
                       : QVariant(Display::money(*token->firstAmount));
        case Problems: {
            if (row.isValid())
                return tr("OK");
            // One problem a line; the field is the CSV column's own (English) name, isolated so that
            // in Arabic it keeps its place before the colon and the message.
            QStringList problems;
            for (const Error &error : row.errors)
                problems.append(error.field.isEmpty()
                                    ? error.message
                                    : Display::isolate(error.field) + QStringLiteral(": ") + error.message);
            return problems.join(u'\n');
        }
        }
    }
    switch (role) {
    case BadgeColorRole:
        if (index.column() == Problems && row.isValid())
            return Display::successColor();
        break;
    case Qt::DecorationRole:
        if (index.column() == Problems && !row.isValid())
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Problems)
            return Display::plainToolTip(data(index, Qt::DisplayRole).toString());
        break;
    case IdRole:
        return row.line;
    }
    return {};
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Line:
        return tr("Line");
    case Name:
        return tr("Name");
    case Email:
        return tr("Email");
    case Phone:
        return tr("Phone");
    case Reference:
        return tr("Reference");
    case Token:
        return tr("Card token");
    case Label:
        return tr("Label");
    case Issued:
        return tr("Issued");
    case FirstAmount:
        return tr("First payment");
    case Problems:
        return tr("Problems");
    }
    return {};
}

} // namespace fatora
