#pragma once

#include <QTabWidget>

namespace fatora {

// A QTabWidget that repaints itself only when its own layout changed.
//
// Every QLabel::setText on a page asks for a new layout, and the request climbs from layout to
// layout up to the tab widget. QTabWidget answers each one by putting its tab bar and page where
// they already are and then repainting itself, and with it every widget of the page that is not
// opaque: on the customers page, each keystroke in the search field repainted the whole window
// (scroll bars, group boxes, the card list, the tab bar), about a third of what the keystroke
// cost to draw. This one does the same minus that repaint when nothing of its own would move; the
// pages still lay themselves out and repaint what changed on them.
class QuietTabWidget : public QTabWidget
{
    Q_OBJECT
public:
    explicit QuietTabWidget(QWidget *parent = nullptr);

protected:
    bool event(QEvent *event) override;

private:
    // True when QTabWidget would put the tab bar, the page or a corner widget somewhere else.
    bool placesWouldChange() const;
};

} // namespace fatora
