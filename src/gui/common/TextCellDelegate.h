#pragma once

#include <QStyledItemDelegate>

namespace fatora {

// Draws a cell that holds only text, in a row one line high, as QStyledItemDelegate would show it
// (the style's background and selection, the model's font, colour and alignment, "…" where it
// does not fit), at half the cost: QStyledItemDelegate lays the text out three times on every paint
// (to size it, to elide it, to draw it), which was a third of a keystroke's work in the customer
// list at a million customers. Cells with an icon or a check box, and rows tall enough to wrap,
// are left to QStyledItemDelegate.
class TextCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit TextCellDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace fatora
