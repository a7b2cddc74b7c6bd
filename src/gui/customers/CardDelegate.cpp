#include "customers/CardDelegate.h"

#include "common/Display.h"
#include "common/ModelRoles.h"

#include <QApplication>
#include <QStyle>

namespace fatora {

CardDelegate::CardDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QString CardDelegate::shownText(const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const QString label = index.data(CardLabelRole).toString();
    const QString mask = index.data(CardMaskRole).toString();
    if (mask.isEmpty() && label.isEmpty())
        return index.data(Qt::DisplayRole).toString();
    const QWidget *widget = option.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    // The margins QCommonStyle leaves around an item's text.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const int width = option.rect.width() - 2 * margin;
    if (mask.isEmpty())
        return Display::elidedLabel(label, option.fontMetrics, width);
    return Display::elidedCard(label, mask, option.fontMetrics, width);
}

void CardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text = shownText(opt, index);
    opt.textElideMode = Qt::ElideNone;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

} // namespace fatora
