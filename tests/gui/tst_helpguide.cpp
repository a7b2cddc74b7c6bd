// Help → User guide, as a clerk opens it: F1 from the desk, in English and in Arabic (right to left),
// covering every payment state the desk can show.

#include "common/Display.h"
#include "common/Translations.h"
#include "desk/HelpWindow.h"
#include "desk/MainWindow.h"
#include "GuiFixture.h"

#include <QAction>
#include <QComboBox>
#include <QMenu>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextOption>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;

class TestHelpGuide : public QObject
{
    Q_OBJECT

private slots:
    void f1OpensTheGuideBesideTheDesk();
    void guideInTheDesksLanguage_data();
    void guideInTheDesksLanguage();
    void everyStateTheDeskShowsIsExplained_data();
    void everyStateTheDeskShowsIsExplained();
    void guideFollowsALanguageSwitch();
    void cleanup();
};

void TestHelpGuide::cleanup()
{
    QVERIFY(Translations::apply(u"en"_s));
}

void TestHelpGuide::f1OpensTheGuideBesideTheDesk()
{
    GuiFixture f;
    auto window = f.window();
    QAction *guide = window->action(u"actionUserGuide"_s);
    QVERIFY(guide);
    QCOMPARE(guide->shortcut(), QKeySequence(QKeySequence::HelpContents));
    QMenu *help = window->findChild<QMenu *>(u"menuHelp"_s);
    QVERIFY(help->actions().contains(guide));
    QVERIFY(guide->text().contains(u"User guide"_s));

    // The clerk presses F1 on the desk.
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    // Through the window system, as a key press arrives, so the shortcut map sees it.
    QTest::keyClick(window->windowHandle(), Qt::Key_F1);
    auto *helpWindow = window->findChild<HelpWindow *>();
    QVERIFY(helpWindow);
    QTRY_VERIFY(helpWindow->isVisible());
    QVERIFY(!helpWindow->isModal());
    QVERIFY(helpWindow->isWindow());
    // The desk stays usable: no modal widget is up.
    QVERIFY(!QApplication::activeModalWidget());
    // F1 again reuses the same window.
    guide->trigger();
    QCOMPARE(window->findChildren<HelpWindow *>().size(), 1);
}

void TestHelpGuide::guideInTheDesksLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("headings");
    QTest::newRow("English") << u"en"_s
                             << QStringList{u"What each outcome means and what to do"_s,
                                            u"How to verify a payment"_s, u"How to refund a payment"_s,
                                            u"How to revoke a saved card"_s, u"Close as not charged"_s};
    QTest::newRow("Arabic") << u"ar"_s
                            << QStringList{u"دليل الاستخدام"_s, u"ماذا تعني كل نتيجة وماذا تفعل"_s,
                                           u"كيف تتحقّق من دفعة"_s, u"كيف تسترد دفعة"_s,
                                           u"كيف تُبطل بطاقة محفوظة"_s, u"الإغلاق على أنه لم يُحصَّل"_s};
}

void TestHelpGuide::guideInTheDesksLanguage()
{
    QFETCH(QString, language);
    QFETCH(QStringList, headings);
    QVERIFY(Translations::apply(language));
    GuiFixture f;
    auto window = f.window();
    window->action(u"actionUserGuide"_s)->trigger();
    HelpWindow *help = window->findChild<HelpWindow *>();
    QVERIFY(help && help->isVisible());
    const QString text = help->browser()->toPlainText();
    for (const QString &heading : headings)
        QVERIFY2(text.contains(heading), qPrintable(heading));
    // No API vocabulary in what a clerk reads.
    for (const QString &jargon : {u"save_token"_s, u"card_token"_s, u"collect-payment"_s, u"JSON"_s, u"HTTP"_s})
        QVERIFY2(!text.contains(jargon), qPrintable(jargon));

    const bool rtl = language == u"ar"_s;
    QCOMPARE(help->layoutDirection(), rtl ? Qt::RightToLeft : Qt::LeftToRight);
    QCOMPARE(help->browser()->document()->defaultTextOption().textDirection(),
             rtl ? Qt::RightToLeft : Qt::LeftToRight);
    // Every paragraph of the guide reads in the window's direction.
    const QTextDocument *doc = help->browser()->document();
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        if (block.text().trimmed().isEmpty())
            continue;
        if (rtl && block.textDirection() != Qt::RightToLeft)
            QFAIL(qPrintable(u"left to right in the Arabic guide: "_s + block.text()));
        if (!rtl && block.textDirection() != Qt::LeftToRight)
            QFAIL(qPrintable(u"right to left in the English guide: "_s + block.text()));
    }

    // The window as the clerk sees it, for a person to look at (FATORA_HELP_PNG_DIR=/some/dir).
    if (const QString out = qEnvironmentVariable("FATORA_HELP_PNG_DIR"); !out.isEmpty()) {
        help->resize(760, 900);
        QVERIFY(help->grab().save(out + u"/guide-"_s + language + u"-top.png"_s));
        // The whole guide at once.
        help->resize(760, qMin(4000, int(help->browser()->document()->size().height()) + 40));
        QVERIFY(help->grab().save(out + u"/guide-"_s + language + u".png"_s));
    }
}

void TestHelpGuide::everyStateTheDeskShowsIsExplained_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << u"en"_s;
    QTest::newRow("Arabic") << u"ar"_s;
}

void TestHelpGuide::everyStateTheDeskShowsIsExplained()
{
    QFETCH(QString, language);
    QVERIFY(Translations::apply(language));
    GuiFixture f;
    auto window = f.window();
    HelpWindow *help = window->showUserGuide();
    const QString guide = help->browser()->toPlainText();

    // The states the history's filter offers: whatever is added there must be explained here.
    QStringList shown;
    auto *states = window->findChild<QComboBox *>(u"stateCombo"_s);
    QVERIFY(states);
    for (int i = 0; i < states->count(); ++i)
        if (states->itemData(i).toInt() >= 0) // not "All"
            shown << states->itemText(i);
    QVERIFY(shown.size() >= 6);
    // And every name the badges can show, payment and refund.
    for (PaymentState state : {PaymentState::Pending, PaymentState::Approved, PaymentState::Declined,
                               PaymentState::Rejected, PaymentState::NotSent, PaymentState::Unknown})
        shown << fatora::Display::paymentState(state);
    for (RefundState state :
         {RefundState::Pending, RefundState::Refunded, RefundState::Rejected, RefundState::Unknown})
        shown << fatora::Display::refundState(state);
    // A card request's own states, and the actions that save a card, by the names the desk shows.
    Payment request;
    request.kind = PaymentKind::CardRequest;
    request.checkoutUrl = u"https://pay.example/x"_s;
    request.state = PaymentState::Pending;
    shown << fatora::Display::paymentSummary(request);
    request.state = PaymentState::Unknown;
    request.gatewayStatus = u"NOT_FOUND"_s;
    shown << fatora::Display::paymentSummary(request);
    for (const char *name : {"actionSaveNewCard", "actionAskNewCard", "actionCheckCardRequest"}) {
        QAction *action = window->action(QString::fromLatin1(name));
        QVERIFY2(action, name);
        shown << action->text().remove(u'&');
    }
    // The brand stays Fatora, never the common word for an invoice.
    QVERIFY(guide.contains(u"Fatora"_s));
    QVERIFY(!guide.contains(u"فاتورة"_s));
    for (const QString &name : std::as_const(shown))
        QVERIFY2(guide.contains(name, Qt::CaseInsensitive),
                 qPrintable(u"the guide does not explain \""_s + name + u'"'));
}

void TestHelpGuide::guideFollowsALanguageSwitch()
{
    GuiFixture f;
    auto window = f.window();
    HelpWindow *help = window->showUserGuide();
    QVERIFY(help->browser()->toPlainText().contains(u"user guide"_s));
    QVERIFY(Translations::apply(u"ar"_s));
    QTRY_VERIFY(help->browser()->toPlainText().contains(u"دليل الاستخدام"_s));
    QCOMPARE(help->layoutDirection(), Qt::RightToLeft);
    QVERIFY(Translations::apply(u"en"_s));
    QTRY_VERIFY(help->browser()->toPlainText().contains(u"What each outcome means"_s));
    QCOMPARE(help->layoutDirection(), Qt::LeftToRight);
}

QTEST_MAIN(TestHelpGuide)
#include "tst_helpguide.moc"
