#include "common/ElidedLabel.h"

#include "common/Display.h"

#include <QEvent>
#include <QStyle>

namespace fatora {

ElidedLabel::ElidedLabel(QWidget *parent) : QLabel(parent)
{
    // Data is shown as typed, never as markup.
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
}

void ElidedLabel::setText(const QString &text)
{
    m_full = text;
    updateGeometry();
    updateShown();
}

int ElidedLabel::extraWidth() const
{
    const QMargins margins = contentsMargins();
    return margins.left() + margins.right() + 2 * margin() + qMax(indent(), 0);
}

QSize ElidedLabel::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const int text = qMin(metrics.horizontalAdvance(m_full), metrics.averageCharWidth() * PreferredChars);
    return QSize(text + extraWidth(), QLabel::sizeHint().height());
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const int text = qMin(metrics.horizontalAdvance(m_full), metrics.averageCharWidth() * MinimumChars);
    return QSize(text + extraWidth(), QLabel::minimumSizeHint().height());
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    updateShown();
}

void ElidedLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateShown();
}

void ElidedLabel::updateShown()
{
    // Until a layout gave it a size, the label's width means nothing: keep the whole text.
    if (!testAttribute(Qt::WA_Resized)) {
        if (QLabel::text() != m_full)
            QLabel::setText(m_full);
        setToolTip(QString());
        return;
    }
    const int width = contentsRect().width() - 2 * margin() - qMax(indent(), 0);
    // Newlines would make a one-line value two lines high: show them as spaces.
    QString line = m_full;
    line.replace(u'\n', u' ');
    const QString shown = fontMetrics().elidedText(line, Qt::ElideRight, qMax(width, 0));
    if (shown != QLabel::text())
        QLabel::setText(shown);
    setToolTip(shown == m_full ? QString() : Display::plainToolTip(m_full));
}

} // namespace fatora
