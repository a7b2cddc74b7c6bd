#pragma once

#include "common/TextCellDelegate.h"

namespace fatora {

// Draws cells that carry a BadgeColorRole colour as a rounded badge with white text, so a status
// reads at a glance in light and dark palettes alike. Other cells are drawn as TextCellDelegate
// draws them.
class StatusBadgeDelegate : public TextCellDelegate
{
    Q_OBJECT
public:
    explicit StatusBadgeDelegate(QObject *parent = nullptr);

    // What a badge adds to the width of its text in a cell (padding and margins).
    static int horizontalSpace();

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace fatora
