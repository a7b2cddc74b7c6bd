#pragma once

#include <QWidget>

class QTextBrowser;

namespace fatora {

// The user guide (Help → User guide, F1): what each outcome means and what to do, how to verify, refund
// and revoke. A window of its own, not modal, so the clerk can read it beside the desk. The guide is a
// resource per language (resources/help/guide_<lang>.html) and follows the desk's language, right to
// left in Arabic; it switches when the desk's language does.
class HelpWindow : public QWidget
{
    Q_OBJECT
public:
    explicit HelpWindow(QWidget *parent = nullptr);

    QTextBrowser *browser() const { return m_browser; }
    // The resource shown for the desk's current language.
    static QString guidePath();

protected:
    void changeEvent(QEvent *event) override;

private:
    void load();

    QTextBrowser *m_browser;
};

} // namespace fatora
