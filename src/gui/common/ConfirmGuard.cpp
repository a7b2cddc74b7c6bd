#include "common/ConfirmGuard.h"

#include <QAbstractButton>
#include <QEvent>
#include <QKeyEvent>
#include <QPushButton>

namespace fatora {

namespace {
int g_holdMs = ConfirmGuard::DefaultHoldMs;

bool isPressKey(const QEvent *event)
{
    const int key = static_cast<const QKeyEvent *>(event)->key();
    return key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Space || key == Qt::Key_Select;
}
} // namespace

ConfirmGuard::ConfirmGuard(QAbstractButton *button) : QObject(button), m_button(button)
{
    setObjectName(QStringLiteral("confirmGuard"));
    button->installEventFilter(this);
    // A dialog presses its default button on Enter pressed anywhere in it: watch the window too.
    m_window = button->window();
    if (m_window && m_window != button)
        m_window->installEventFilter(this);
    restart();
}

ConfirmGuard *ConfirmGuard::arm(QAbstractButton *button)
{
    if (auto *existing = button->findChild<ConfirmGuard *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new ConfirmGuard(button);
}

void ConfirmGuard::setHoldMs(int ms)
{
    g_holdMs = qMax(0, ms);
}

int ConfirmGuard::holdMs()
{
    return g_holdMs;
}

void ConfirmGuard::restart()
{
    m_shownFor.start();
}

bool ConfirmGuard::holding() const
{
    return m_button->isVisible() && (!m_shownFor.isValid() || m_shownFor.elapsed() < g_holdMs);
}

bool ConfirmGuard::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (watched == m_button) {
        switch (type) {
        case QEvent::Show:
            // Also when its page of a stacked widget becomes current: the page shows its children.
            restart();
            break;
        case QEvent::MouseButtonPress:
        case QEvent::MouseButtonRelease:
        case QEvent::MouseButtonDblClick:
        case QEvent::Shortcut:
            if (holding())
                return true;
            break;
        case QEvent::KeyPress:
        case QEvent::KeyRelease:
            if (holding() && isPressKey(event))
                return true;
            break;
        default:
            break;
        }
    } else if (watched == m_window && type == QEvent::KeyPress && holding()) {
        // Enter reaching the dialog itself would animate a click on its default button.
        const auto *push = qobject_cast<QPushButton *>(m_button);
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (push && push->isDefault() && (key == Qt::Key_Return || key == Qt::Key_Enter))
            return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace fatora
