#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class QAbstractButton;

namespace fatora {

// The arming rule of every button that moves money or ends a money call's window: for a short
// moment after the button appears (its dialog opens, its page is switched to) it accepts no click,
// no Enter or Space and no mnemonic. Without it, the second click of a double-click on "Review…"
// lands on "Charge now", which appears right under the pointer, and charges a card whose review
// nobody read. The button's enabled state is left alone: the dialogs own it (a disabled button
// says why, this one only needs a moment).
class ConfirmGuard : public QObject
{
    Q_OBJECT
public:
    // Comfortably longer than a double-click interval (400-500 ms on most desktops).
    static constexpr int DefaultHoldMs = 600;

    // Arms `button` from now on; the guard lives as long as the button.
    static ConfirmGuard *arm(QAbstractButton *button);
    // Tests that do not test the arming rule itself set 0, so that they click at once.
    static void setHoldMs(int ms);
    static int holdMs();

    // True while a press on the button would be ignored.
    bool holding() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit ConfirmGuard(QAbstractButton *button);
    void restart();

    QAbstractButton *const m_button;
    QPointer<QWidget> m_window; // Enter on the window presses its default button
    QElapsedTimer m_shownFor;
};

} // namespace fatora
