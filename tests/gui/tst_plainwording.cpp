// What the clerk reads when Fatora says no: the reason in plain words, Fatora's own text beside it, and
// no API vocabulary (save_token, card_token, endpoint names) in the desk's dialogs.

#include "customers/TokenDialog.h"
#include "desk/MainWindow.h"
#include "GuiFixture.h"
#include "payments/ChargeDialog.h"
#include "payments/NoticeList.h"
#include "payments/RevokeDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;
using Kind = SimulatedBehaviour::Kind;

namespace {
const QStringList Jargon{u"save_token"_s, u"card_token"_s, u"collect-payment"_s, u"deactivate-card-token"_s,
                         u"api_key"_s,    u"JSON"_s,       u"order_id"_s,        u"transaction_id"_s};

// Every text a clerk can read in `widget`: labels, buttons, placeholders, tooltips, the title.
QStringList visibleTexts(QWidget *widget)
{
    QStringList texts{widget->windowTitle()};
    for (QLabel *label : widget->findChildren<QLabel *>())
        texts << label->text() << label->toolTip();
    for (QAbstractButton *button : widget->findChildren<QAbstractButton *>())
        texts << button->text() << button->toolTip();
    for (QLineEdit *edit : widget->findChildren<QLineEdit *>())
        texts << edit->placeholderText() << edit->toolTip();
    return texts;
}
} // namespace

class TestPlainWording : public QObject
{
    Q_OBJECT

private slots:
    void declineReasonInPlainWordsWithFatorasText_data();
    void declineReasonInPlainWordsWithFatorasText();
    void dialogsSpeakNoApi();
};

void TestPlainWording::declineReasonInPlainWordsWithFatorasText_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("plain");
    QTest::addColumn<QString>("fatora");
    QTest::addColumn<QString>("advice");
    QTest::newRow("insufficient funds")
        << int(Kind::InsufficientFunds) << u"Insufficient funds on the card."_s
        << u"Fatora said: “Transaction Declined, Insufficient credit"_s << u"another card or a smaller amount"_s;
    QTest::newRow("blocked by fraud checks")
        << int(Kind::Blocked) << u"Blocked by the bank's or Fatora's fraud checks."_s
        << u"Fatora said: “Transaction Blocked”"_s << u"contact their bank"_s;
    QTest::newRow("bank asks the customer to call")
        << int(Kind::BankDeclined) << u"asks the customer to contact it"_s
        << u"Fatora said: “Transaction Declined, Contact issuing Bank”"_s << u"contact their bank"_s;
    QTest::newRow("saved card no longer valid")
        << int(Kind::InvalidToken) << u"This saved card can no longer be charged"_s
        << u"Fatora said: “Token invalid”"_s << u"pay once more online"_s;
}

void TestPlainWording::declineReasonInPlainWordsWithFatorasText()
{
    QFETCH(int, kind);
    QFETCH(QString, plain);
    QFETCH(QString, fatora);
    QFETCH(QString, advice);
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok+wording/9Xq="_s, Kind(kind));
    auto window = f.window(tokenId);
    // The clerk charges the card and reads the result.
    window->action(u"actionCharge"_s)->trigger();
    auto *dialog = window->findChild<ChargeDialog *>();
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"amountEdit"_s), u"30.00"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    const QString details = child<QLabel>(dialog, u"resultDetails"_s)->text();
    QVERIFY2(details.contains(plain), qPrintable(details));
    QVERIFY2(details.contains(fatora), qPrintable(details));
    QVERIFY2(details.contains(advice), qPrintable(details));
    QVERIFY2(details.indexOf(plain) < details.indexOf(fatora), qPrintable(details));
    QVERIFY2(details.contains(u"No money moved."_s), qPrintable(details));
    // The notice that outlives the dialog says the same.
    QTRY_COMPARE(window->notices()->count(), 1);
    const QString notice = window->notices()->text(0);
    QVERIFY2(notice.contains(plain) && notice.contains(fatora), qPrintable(notice));
    for (const QString &word : Jargon) {
        QVERIFY2(!details.contains(word), qPrintable(details));
        QVERIFY2(!notice.contains(word), qPrintable(notice));
    }
}

void TestPlainWording::dialogsSpeakNoApi()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok+dialogs/9Xq="_s);
    auto window = f.window(tokenId);
    const qint64 customerId = f.store().token(tokenId)->customerId;
    RevokeDialog revoke(window->context(), tokenId, window.get());
    TokenDialog token(window->context(), customerId, window.get());
    for (QWidget *dialog : {static_cast<QWidget *>(&revoke), static_cast<QWidget *>(&token)}) {
        for (const QString &text : visibleTexts(dialog))
            for (const QString &word : Jargon)
                QVERIFY2(!text.contains(word), qPrintable(dialog->objectName() + u": "_s + text));
    }
}

QTEST_MAIN(TestPlainWording)
#include "tst_plainwording.moc"
