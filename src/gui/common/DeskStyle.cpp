#include "common/DeskStyle.h"

#include <QApplication>
#include <QStyleFactory>
#include <QStyleOption>
#include <QWidget>

namespace fatora {

DeskStyle::DeskStyle(QStyle *base) : QProxyStyle(base) {}

int DeskStyle::styleHint(StyleHint hint, const QStyleOption *option, const QWidget *widget,
                         QStyleHintReturn *returnData) const
{
    if (hint == SH_UnderlineShortcut) {
        const Qt::LayoutDirection direction = widget   ? widget->layoutDirection()
                                              : option ? option->direction
                                                       : QGuiApplication::layoutDirection();
        if (direction == Qt::RightToLeft)
            return 0;
    }
    return QProxyStyle::styleHint(hint, option, widget, returnData);
}

void DeskStyle::install()
{
    if (qobject_cast<DeskStyle *>(QApplication::style()))
        return;
    // A fresh copy of the current style as the base: the current one is deleted by setStyle().
    QApplication::setStyle(new DeskStyle(QStyleFactory::create(QApplication::style()->name())));
}

} // namespace fatora
