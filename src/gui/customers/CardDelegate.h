#pragma once

#include <QStyledItemDelegate>

namespace fatora {

// Draws a card cell (CardLabelRole + CardMaskRole) too narrow for it with the label shortened and
// the masked token whole (Display::elidedCard), instead of the view cutting the isolated text
// anywhere: a middle cut dropped the isolate marks and tore the token's "=" off in Arabic. A cell
// with a label alone is shortened at the label's own end (Display::elidedLabel): the view put the
// "…" of a Latin label on its left in a right-to-left table.
class CardDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit CardDelegate(QObject *parent = nullptr);

    // The text a cell of `option.rect`'s width shows.
    static QString shownText(const QStyleOptionViewItem &option, const QModelIndex &index);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace fatora
