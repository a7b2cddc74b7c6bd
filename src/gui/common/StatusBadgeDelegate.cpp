#include "common/StatusBadgeDelegate.h"

#include "common/ModelRoles.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace fatora {

namespace {
constexpr int HorizontalPadding = 8;
constexpr int VerticalPadding = 2;
} // namespace

StatusBadgeDelegate::StatusBadgeDelegate(QObject *parent) : TextCellDelegate(parent) {}

int StatusBadgeDelegate::horizontalSpace()
{
    return 2 * HorizontalPadding + 12; // the badge's padding, 4 px before it and a little air after
}

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const QVariant colour = index.data(BadgeColorRole);
    if (!colour.canConvert<QColor>() || !colour.value<QColor>().isValid()) {
        TextCellDelegate::paint(painter, option, index);
        return;
    }

    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QFontMetrics metrics(opt.font);
    const int width = qMin(metrics.horizontalAdvance(text) + 2 * HorizontalPadding, opt.rect.width() - 4);
    const int height = qMin(metrics.height() + 2 * VerticalPadding, opt.rect.height() - 2);
    QRect badge(0, 0, width, height);
    badge.moveCenter(opt.rect.center());
    if (opt.direction == Qt::RightToLeft)
        badge.moveRight(opt.rect.right() - 4);
    else
        badge.moveLeft(opt.rect.left() + 4);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge), height / 2.0, height / 2.0);
    painter->fillPath(path, colour.value<QColor>());
    painter->setPen(Qt::white);
    painter->setFont(opt.font);
    painter->drawText(badge, Qt::AlignCenter,
                      metrics.elidedText(text, Qt::ElideRight, badge.width() - 2 * HorizontalPadding + 4));
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(BadgeColorRole).canConvert<QColor>()) {
        const QFontMetrics metrics(option.font);
        size.setWidth(qMax(size.width(),
                           metrics.horizontalAdvance(index.data().toString()) + 2 * HorizontalPadding + 8));
        size.setHeight(qMax(size.height(), metrics.height() + 2 * VerticalPadding + 4));
    }
    return size;
}

} // namespace fatora
