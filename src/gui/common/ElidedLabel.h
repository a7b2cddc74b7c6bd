#pragma once

#include <QLabel>

namespace fatora {

// A label for one line of data (a name, an email, a card label): shows what fits and ends in "…",
// with the whole value in the tooltip. Its minimum width is a few characters, so a 1,000-character
// name never widens a window or pushes the status bar off-screen. Elides the logical end of the
// text, which is the visual left of an Arabic name and the right of a Latin one, in either layout.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    // How wide the label asks to be at most (in average characters) when space is free.
    static constexpr int PreferredChars = 40;
    static constexpr int MinimumChars = 4;

    explicit ElidedLabel(QWidget *parent = nullptr);

    // Hides QLabel::setText on purpose: callers (and uic's code) set the whole value here.
    void setText(const QString &text);
    QString fullText() const { return m_full; }
    bool isElided() const { return shownText() != m_full; }
    QString shownText() const { return QLabel::text(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateShown();
    int extraWidth() const;

    QString m_full;
};

} // namespace fatora
