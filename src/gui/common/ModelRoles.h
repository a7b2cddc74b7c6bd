#pragma once

#include <Qt>

namespace fatora {

// Roles shared by the desk's models and views.
enum ModelRole {
    // The raw value behind a cell (qint64 minor units, QDateTime, int): sort on this, never on text.
    SortRole = Qt::UserRole + 1,
    // The database id of the row's object.
    IdRole,
    // A QColor: the cell is drawn as a status badge of this colour (StatusBadgeDelegate).
    BadgeColorRole,
    // A card cell's parts (QString): its label as typed and its masked token, or the label alone
    // (CardDelegate).
    CardLabelRole,
    CardMaskRole,
};

} // namespace fatora
