#include "common/TextCellDelegate.h"

#include <QApplication>
#include <QPainter>

namespace fatora {

TextCellDelegate::TextCellDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void TextCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const bool textOnly = !(opt.features & (QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::HasCheckIndicator));
    if (!textOnly || opt.rect.height() >= 2 * opt.fontMetrics.lineSpacing()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Background, selection and focus as the style draws them for any item (QCommonStyle's
    // CE_ItemViewItem does the same before its text).
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
    // The text's margin as QCommonStyle's item layout has it.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect = opt.rect.adjusted(margin, 0, -margin, 0);
    QPalette::ColorGroup group = QPalette::Normal;
    if (!(opt.state & QStyle::State_Enabled))
        group = QPalette::Disabled;
    else if (!(opt.state & QStyle::State_Active))
        group = QPalette::Inactive;
    painter->save();
    painter->setPen(opt.palette.color(group, (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText
                                                                                   : QPalette::Text));
    painter->setFont(opt.font);
    painter->setLayoutDirection(opt.direction);
    const QString shown = opt.fontMetrics.elidedText(opt.text, opt.textElideMode, textRect.width());
    painter->drawText(textRect, int(QStyle::visualAlignment(opt.direction, opt.displayAlignment)) | Qt::TextSingleLine,
                      shown);
    painter->restore();
    if (opt.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(opt);
        focus.rect = opt.rect;
        focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_Item;
        focus.backgroundColor =
            opt.palette.color(group, (opt.state & QStyle::State_Selected) ? QPalette::Highlight : QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
}

} // namespace fatora
