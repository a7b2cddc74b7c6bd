#include "common/QuietTabWidget.h"

#include <QEvent>
#include <QStackedWidget>
#include <QStyle>
#include <QStyleOptionTabWidgetFrame>
#include <QTabBar>

using namespace Qt::StringLiterals;

namespace fatora {

QuietTabWidget::QuietTabWidget(QWidget *parent) : QTabWidget(parent) {}

bool QuietTabWidget::event(QEvent *event)
{
    if (event->type() == QEvent::LayoutRequest && isVisible() && !placesWouldChange()) {
        // What QTabWidget::setUpLayout() would do, less its update(): the window's layout still
        // hears that a page may want another size.
        updateGeometry();
        return QWidget::event(event);
    }
    return QTabWidget::event(event);
}

bool QuietTabWidget::placesWouldChange() const
{
    // The stack of pages is QTabWidget's own child; it carries this name in every Qt 6.
    const auto *stack =
        findChild<QStackedWidget *>(u"qt_tabwidget_stackedwidget"_s, Qt::FindDirectChildrenOnly);
    if (!stack)
        return true;
    QStyleOptionTabWidgetFrame option;
    initStyleOption(&option);
    const auto rect = [&](QStyle::SubElement element) {
        return style()->subElementRect(element, &option, this);
    };
    if (rect(QStyle::SE_TabWidgetTabBar) != tabBar()->geometry() ||
        rect(QStyle::SE_TabWidgetTabContents) != stack->geometry())
        return true;
    if (const QWidget *corner = cornerWidget(Qt::TopLeftCorner);
        corner && rect(QStyle::SE_TabWidgetLeftCorner) != corner->geometry())
        return true;
    if (const QWidget *corner = cornerWidget(Qt::TopRightCorner);
        corner && rect(QStyle::SE_TabWidgetRightCorner) != corner->geometry())
        return true;
    return false;
}

} // namespace fatora
