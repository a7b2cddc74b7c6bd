#include "desk/HelpWindow.h"

#include "common/Translations.h"

#include <QEvent>
#include <QFile>
#include <QGuiApplication>
#include <QTextBrowser>
#include <QTextOption>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace fatora {

HelpWindow::HelpWindow(QWidget *parent) : QWidget(parent, Qt::Window), m_browser(new QTextBrowser(this))
{
    setObjectName(u"helpWindow"_s);
    m_browser->setObjectName(u"guideBrowser"_s);
    m_browser->setOpenExternalLinks(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    resize(760, 680);
    load();
}

QString HelpWindow::guidePath()
{
    return Translations::current() == u"ar"_s ? u":/help/guide_ar.html"_s : u":/help/guide_en.html"_s;
}

void HelpWindow::load()
{
    setWindowTitle(tr("User guide"));
    const Qt::LayoutDirection direction = QGuiApplication::layoutDirection();
    setLayoutDirection(direction);
    QFile file(guidePath());
    QString html;
    if (file.open(QIODevice::ReadOnly))
        html = QString::fromUtf8(file.readAll());
    else
        html = tr("The user guide could not be read (%1).").arg(file.fileName()).toHtmlEscaped();
    QTextOption option = m_browser->document()->defaultTextOption();
    option.setTextDirection(direction);
    m_browser->document()->setDefaultTextOption(option);
    m_browser->setHtml(html);
}

void HelpWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        load();
    QWidget::changeEvent(event);
}

} // namespace fatora
