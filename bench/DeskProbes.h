#pragma once

// Instruments for timing the desk from the outside, through its event loop, as a person sees it.

#include "BenchSupport.h"

#include "desk/DeskContext.h"

#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QObject>

#include <functional>

class QLineEdit;
class QWidget;

namespace fatora {
class Clock;
class Session;
class StoreReader;
} // namespace fatora

namespace fatora::bench {

constexpr int WaitMs = 60'000;

// Runs the event loop until `widget` paints while `ready()` holds.
class PaintWaiter : public QObject
{
public:
    PaintWaiter(QWidget *widget, std::function<bool()> ready);
    ~PaintWaiter() override;
    bool wait(int timeoutMs = WaitMs);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_widget;
    std::function<bool()> m_ready;
    QEventLoop *m_loop = nullptr;
    bool m_done = false;
};

// Times an action until a view shows its result: from the action (total) and from the moment the
// model started to work (work, which leaves out deliberate delays such as the search debounce: a
// model that reads on the store reader's thread starts when it asks, loadingChanged(true)) to the
// end of the view's next paint after the model was reset or grew and has no read on its way (its
// "loading" property, when it has one).
class RepaintTimer : public QObject
{
    Q_OBJECT
public:
    struct Timing
    {
        double total = -1;
        double work = -1;
        bool ok() const { return total >= 0; }
    };

    RepaintTimer(QAbstractItemModel *model, QWidget *viewport);
    ~RepaintTimer() override;
    Timing run(const std::function<void()> &action, int timeoutMs = WaitMs);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void changing();
    void changed();
    bool loading() const;

private slots:
    void loadingChanged(bool loading);

private:
    QAbstractItemModel *m_model;
    QWidget *m_viewport;
    QEventLoop *m_loop = nullptr;
    QElapsedTimer m_clock;
    bool m_changed = false;
    double m_workStart = -1;
    double m_end = -1;
};

// The desk's context as src/app/main.cpp wires it from a session and its reader (minus the keychain
// and QSettings: a benchmark must not touch the operator's).
DeskContext deskContextOf(Session &session, StoreReader &reader, const Clock &clock);

// Lets the event loop run for `ms`.
void settle(int ms);
// Types one character as a key press would, Arabic included.
void typeCharacter(QLineEdit *edit, QChar c);

} // namespace fatora::bench
