// What the clerk reads when Fatora says no, or when a call goes wrong: the reason in plain words in the
// desk's language, Fatora's own text (or the technical account) beside it, and no API vocabulary
// (save_token, card_token, endpoint names, HTTP, JSON) in the desk's dialogs and results list.

#include "common/Translations.h"
#include "customers/CustomersPanel.h"
#include "customers/TokenDialog.h"
#include "desk/MainWindow.h"
#include "gateway/GatewayReason.h"
#include "GuiFixture.h"
#include "payments/CardRequestDialog.h"
#include "payments/ChargeDialog.h"
#include "payments/NoticeList.h"
#include "payments/RevokeDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;
using Kind = SimulatedBehaviour::Kind;

namespace {
const QStringList Jargon{u"save_token"_s, u"card_token"_s,  u"collect-payment"_s, u"deactivate-card-token"_s,
                         u"api_key"_s,    u"JSON"_s,        u"order_id"_s,        u"transaction_id"_s,
                         u"HTTP"_s,       u"checkout_url"_s};

// The clerk's text without the original kept beside the plain words (“Fatora said: …”, “technical
// detail: …”), which is quoted as it came and may name anything.
QString plainPart(const QString &text)
{
    static const QRegularExpression quoted(u"(Fatora said|technical detail): “[^”]*”"_s);
    return QString(text).remove(quoted);
}

void verifyNoJargon(const QString &text)
{
    const QString plain = plainPart(text);
    for (const QString &word : Jargon)
        QVERIFY2(!plain.contains(word), qPrintable(word + u" in: "_s + text));
}

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
    void declineReasonInArabicKeepsFatorasText();
    void callGoneWrongInPlainWords_data();
    void callGoneWrongInPlainWords();
    void cardRequestSpeaksNoApi();
};

void TestPlainWording::declineReasonInPlainWordsWithFatorasText_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("plain");
    QTest::addColumn<QString>("fatora");
    QTest::addColumn<QString>("advice");
    QTest::newRow("insufficient funds")
        << int(Kind::InsufficientFunds) << u"Insufficient funds on the card."_s
        << u"Fatora said: “Transaction Declined, Insufficient credit"_s
        << u"another card or a smaller amount"_s;
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
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"amountEdit"_s), u"30.00"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);
    QVERIFY(settled(*window)); // the review reads the card again
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
    TokenDialog token(window->context(), f.store().customer(customerId).value(), window.get());
    QVERIFY(settled(*window)); // the revoke dialog's card is read on the desk's reader
    for (QWidget *dialog : {static_cast<QWidget *>(&revoke), static_cast<QWidget *>(&token)}) {
        for (const QString &text : visibleTexts(dialog))
            for (const QString &word : Jargon)
                QVERIFY2(!text.contains(word), qPrintable(dialog->objectName() + u": "_s + text));
    }
}

void TestPlainWording::declineReasonInArabicKeepsFatorasText()
{
    Language arabic(u"ar"_s);
    GuiFixture f;
    const qint64 tokenId =
        f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok+arabic-decline/9Xq="_s, Kind::InsufficientFunds);
    auto window = f.window(tokenId);
    window->action(u"actionCharge"_s)->trigger();
    auto *dialog = window->findChild<ChargeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"amountEdit"_s), u"30.00"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);
    QVERIFY(settled(*window)); // the review reads the card again
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    const QString details = child<QLabel>(dialog, u"resultDetails"_s)->text();
    // The explanation in Arabic ...
    const QString plain = GatewayReason::plain(GatewayReason::Kind::InsufficientFunds);
    QVERIFY2(plain != u"Insufficient funds on the card."_s, qPrintable(plain)); // translated
    QVERIFY2(details.contains(plain), qPrintable(details));
    QVERIFY2(!details.contains(u"Insufficient funds on the card."_s), qPrintable(details));
    // ... and Fatora's English text beside it, isolated left to right so it reads whole.
    const QString fatora =
        QChar(0x2066) + u"Transaction Declined, Insufficient credit - insufficient+Funds"_s + QChar(0x2069);
    QVERIFY2(details.contains(fatora), qPrintable(details));
    QVERIFY2(details.indexOf(plain) < details.indexOf(fatora), qPrintable(details));
    QTRY_COMPARE(window->notices()->count(), 1);
    const QString notice = window->notices()->text(0);
    QVERIFY2(notice.contains(plain) && notice.contains(fatora), qPrintable(notice));
}

void TestPlainWording::callGoneWrongInPlainWords_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("reachable");
    QTest::addColumn<PaymentState>("state");
    QTest::addColumn<QString>("plain");
    QTest::addColumn<QString>("next");
    QTest::newRow("server error (HTTP 500): unknown") << int(Kind::Http500) << true << PaymentState::Unknown
                                                      << u"Fatora had a problem on its side"_s << u"Verify"_s;
    QTest::newRow("connection dropped: unknown") << int(Kind::DropConnection) << true << PaymentState::Unknown
                                                 << u"Fatora's answer did not arrive"_s << u"Verify"_s;
    QTest::newRow("cut-off reply: unknown") << int(Kind::TruncatedJson) << true << PaymentState::Unknown
                                            << u"Fatora's answer could not be read"_s << u"Verify"_s;
    QTest::newRow("connection refused: not sent")
        << int(Kind::Approve) << false << PaymentState::NotSent
        << u"The request did not reach Fatora, so nothing was charged."_s << u"safe to try again"_s;
}

void TestPlainWording::callGoneWrongInPlainWords()
{
    QFETCH(int, kind);
    QFETCH(bool, reachable);
    QFETCH(PaymentState, state);
    QFETCH(QString, plain);
    QFETCH(QString, next);
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok+wrong/9Xq="_s, Kind(kind));
    const qint64 otherId = f.addCustomerWithToken(u"Omar Haddad"_s, u"tok+wrong-too/9Xq="_s, Kind(kind));
    if (!reachable) {
        GatewayConfig unreachable = f.gateway().config();
        unreachable.baseUrl = QUrl(u"http://127.0.0.1:1"_s); // nothing listens: the request never leaves
        f.gateway().setConfig(unreachable);
    }
    auto window = f.window(tokenId);
    // The clerk charges and reads the result in the dialog ...
    window->action(u"actionCharge"_s)->trigger();
    auto *dialog = window->findChild<ChargeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"amountEdit"_s), u"30.00"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);
    QVERIFY(settled(*window)); // the review reads the card again
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    QCOMPARE(f.store().payment(dialog->paymentId())->state, state);
    const QString details = child<QLabel>(dialog, u"resultDetails"_s)->text();
    QVERIFY2(details.contains(plain), qPrintable(details));
    QVERIFY2(details.contains(next), qPrintable(details));
    // The technical account is kept, beside the plain words.
    const QString errorText = f.store().payment(dialog->paymentId())->errorText;
    QVERIFY(!errorText.isEmpty());
    QVERIFY2(details.contains(u"technical detail: “"_s + errorText + u"”"_s), qPrintable(details));
    QVERIFY2(details.indexOf(plain) < details.indexOf(u"technical detail"_s), qPrintable(details));
    verifyNoJargon(details);
    for (const QString &text : visibleTexts(dialog))
        verifyNoJargon(text);
    dialog->close();

    // ... and in the results list, for a charge whose window was never there.
    const int listed = window->notices()->count(); // an unknown charge is listed even with its window open
    f.chargeAndWait(otherId, Money(2000, u"QAR"_s));
    QTRY_COMPARE(window->notices()->count(), listed + 1);
    const QString notice = window->notices()->text(0);
    QVERIFY2(notice.contains(plain), qPrintable(notice));
    QVERIFY2(notice.contains(next), qPrintable(notice));
    QVERIFY2(notice.contains(u"technical detail: “"_s), qPrintable(notice));
    verifyNoJargon(notice);
}

void TestPlainWording::cardRequestSpeaksNoApi()
{
    GuiFixture f;
    Customer sara;
    sara.name = u"Sara Al-Kuwari"_s;
    sara.email = u"sara@example.qa"_s;
    sara.createdAt = f.clock().now();
    const qint64 customerId = f.store().addCustomer(sara).value();
    // Fatora accepts the checkout but gives no link.
    f.simulator().setCheckoutReplyOverride(200, R"({"status":"SUCCESS","result":{}})");
    auto window = f.window();
    window->customersPanel()->selectCustomer(customerId);
    QVERIFY(f.settle());
    window->action(u"actionSaveNewCard"_s)->trigger();
    auto *dialog = window->findChild<CardRequestDialog *>();
    QVERIFY(dialog);
    QVERIFY(settled(*window)); // the customer is read on the desk's reader
    for (const QString &text : visibleTexts(dialog))
        verifyNoJargon(text);
    QTest::keyClicks(child<QLineEdit>(dialog, u"amountEdit"_s), u"20"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->step(), CardRequestDialog::Step::Review);
    for (const QString &text : visibleTexts(dialog))
        verifyNoJargon(text);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), CardRequestDialog::Step::Result, 15000);
    const QString result = child<QLabel>(dialog, u"resultDetails"_s)->text();
    QVERIFY2(result.contains(u"no checkout link"_s), qPrintable(result));
    for (const QString &text : visibleTexts(dialog))
        verifyNoJargon(text);

    QPointer<CardRequestDialog> closing = dialog;
    dialog->close();
    QTRY_VERIFY(closing.isNull());

    // With a link: an address pasted that is not the one the customer's browser showed is refused in
    // words that name no query parameter.
    f.simulator().clearCheckoutReplyOverride();
    window->customersPanel()->selectCustomer(customerId);
    QVERIFY(f.settle());
    window->action(u"actionSaveNewCard"_s)->trigger();
    dialog = window->findChild<CardRequestDialog *>();
    QVERIFY(dialog);
    QVERIFY(settled(*window)); // the customer is read on the desk's reader
    QTest::keyClicks(child<QLineEdit>(dialog, u"amountEdit"_s), u"20"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!child<QLineEdit>(dialog, u"linkEdit"_s)->text().isEmpty(), 15000);
    for (const QString &address : {u"card saved, thanks"_s, u"https://shop.example/card-saved?from=sim"_s}) {
        child<QLineEdit>(dialog, u"addressEdit"_s)->setText(address);
        QTest::mouseClick(child<QPushButton>(dialog, u"checkAddressButton"_s), Qt::LeftButton);
        const QString said = child<QLabel>(dialog, u"checkResult"_s)->text();
        QVERIFY2(said.contains(u"address"_s), qPrintable(said));
        verifyNoJargon(said);
    }
    for (const QString &text : visibleTexts(dialog))
        verifyNoJargon(text);
    dialog->close();
}

QTEST_MAIN(TestPlainWording)
#include "tst_plainwording.moc"
