#include "DeskProbes.h"

#include "session/Session.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTimer>
#include <QWidget>

namespace fatora::bench {

PaintWaiter::PaintWaiter(QWidget *widget, std::function<bool()> ready)
    : m_widget(widget), m_ready(std::move(ready))
{
    m_widget->installEventFilter(this);
}

PaintWaiter::~PaintWaiter()
{
    m_widget->removeEventFilter(this);
}

bool PaintWaiter::wait(int timeoutMs)
{
    if (m_done)
        return true;
    QEventLoop loop;
    m_loop = &loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    m_loop = nullptr;
    return m_done;
}

bool PaintWaiter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_widget && event->type() == QEvent::Paint && !m_done && m_ready()) {
        m_done = true;
        // Quit once this paint is finished, not before it.
        if (m_loop)
            QTimer::singleShot(0, m_loop, &QEventLoop::quit);
    }
    return false;
}

RepaintTimer::RepaintTimer(QAbstractItemModel *model, QWidget *viewport)
    : m_model(model), m_viewport(viewport)
{
    m_viewport->installEventFilter(this);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, &RepaintTimer::changing);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, &RepaintTimer::changing);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RepaintTimer::changed);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &RepaintTimer::changed);
    if (m_model->metaObject()->indexOfSignal("loadingChanged(bool)") >= 0)
        connect(m_model, SIGNAL(loadingChanged(bool)), this, SLOT(loadingChanged(bool)));
}

bool RepaintTimer::loading() const
{
    return m_model->property("loading").toBool();
}

void RepaintTimer::loadingChanged(bool loading)
{
    if (loading) {
        changing();
        return;
    }
    changed(); // an answer that changed nothing (the same rows) still ends the wait...
    if (m_loop)
        m_viewport->update(); // ...at the next paint
}

RepaintTimer::~RepaintTimer()
{
    m_viewport->removeEventFilter(this);
}

RepaintTimer::Timing RepaintTimer::run(const std::function<void()> &action, int timeoutMs)
{
    m_changed = false;
    m_workStart = -1;
    m_end = -1;
    QEventLoop loop;
    m_loop = &loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    // Queued, so that the lateness probe sees any block the action causes.
    QTimer::singleShot(0, &loop, [this, &action] {
        m_clock.start();
        action();
    });
    loop.exec();
    m_loop = nullptr;
    Timing t;
    if (m_end >= 0) {
        t.total = m_end;
        t.work = m_end - (m_workStart >= 0 ? m_workStart : 0);
    }
    return t;
}

bool RepaintTimer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_viewport && event->type() == QEvent::Paint && m_changed && m_end < 0 && m_loop &&
        !loading()) {
        QTimer::singleShot(0, m_loop, [this] {
            m_end = msSince(m_clock);
            m_loop->quit();
        });
    }
    return false;
}

void RepaintTimer::changing()
{
    if (m_loop && m_workStart < 0)
        m_workStart = msSince(m_clock);
}

void RepaintTimer::changed()
{
    if (m_loop)
        m_changed = true;
}

DeskContext deskContextOf(Session &session, StoreReader &reader, const Clock &clock)
{
    DeskContext context;
    context.store = &session.store();
    context.reader = &reader;
    context.payments = &session.payments();
    context.customers = &session.customers();
    context.gateway = &session.gateway();
    context.clock = &clock;
    return context;
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

void typeCharacter(QLineEdit *edit, QChar c)
{
    // QTest::keyClicks goes through Latin-1; Arabic needs the text carried by the event itself.
    QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(c));
    QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(c));
    QCoreApplication::sendEvent(edit, &press);
    QCoreApplication::sendEvent(edit, &release);
}

} // namespace fatora::bench
