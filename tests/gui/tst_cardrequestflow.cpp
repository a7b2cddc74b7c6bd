// The card request dialogs ("Save a new card…" on a customer, "Ask for a new card…" on a card that
// expires), end to end: real widgets, the real loopback simulator and its payment page, a real
// database. What can go wrong is tested first: a send from Enter or a double-click, a second
// request, a lost link, a card saved from the pasted address instead of Fatora's answer, a link or
// message that changes on the way to the customer.

#include "common/ConfirmGuard.h"
#include "common/QrCodeImage.h"
#include "customers/CustomersPanel.h"
#include "desk/MainWindow.h"
#include "GuiFixture.h"
#include "history/HistoryPanel.h"
#include "payments/CardRequestDialog.h"
#include "payments/CardRequestMessage.h"
#include "settings/SettingsDialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;

namespace {

// Receives the mail client's address instead of a real mail program.
class MailCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void open(const QUrl &url) { urls << url; }
};

int tokenCount(GuiFixture &f, qint64 customerId)
{
    TokenQuery query;
    query.customerId = customerId;
    query.today = f.today();
    return int(f.store().findTokens(query).value().size());
}

} // namespace

class TestCardRequestFlow : public QObject
{
    Q_OBJECT

private slots:
    void paidLinkSavesTheCard_data();
    void paidLinkSavesTheCard();
    void enterNeverSends();
    void doubleClickOnReviewDoesNotSend();
    void doubleClickOnCreateSendsOnce();
    void closingWhileInFlightKeepsTheLink();
    void withoutReturnPagesTheActionSaysWhatToSet();
    void askForNewCardOnlyForCardsThatNeedOne();
    void pastedAddressIsConfirmedByFatora();
    void pastedAddressOfAnotherOrderIsRefused();
    void declinedPaymentSavesNothing();
    void quietCheckSavesTheCard();
    void messageAndMailKeepTheLinkWhole_data();
    void messageAndMailKeepTheLinkWhole();
    void emailButtonOpensTheMailClient();
    void historyChecksACardRequest();
    void settingsTakeTheReturnPages();
    void cleanup();

private:
    static qint64 addCustomer(GuiFixture &f, const QString &name);
    static CardRequestDialog *openSaveNewCard(MainWindow &window, qint64 customerId);
    static void fill(CardRequestDialog *dialog, const QString &amount, const QString &language = u"en"_s);
    static void reviewAndCreate(CardRequestDialog *dialog);
    static QString link(CardRequestDialog *dialog);
    int checkoutRequests(GuiFixture &f) { return f.simulator().requestCount(u"/v1/payments/checkout"_s); }
};

void TestCardRequestFlow::cleanup()
{
    QApplication::setLayoutDirection(Qt::LeftToRight);
    ConfirmGuard::setHoldMs(0);
}

qint64 TestCardRequestFlow::addCustomer(GuiFixture &f, const QString &name)
{
    Customer c;
    c.name = name;
    c.email = u"sara+cards@example.qa"_s;
    c.phone = u"+974 5550 1234"_s;
    c.createdAt = f.clock().now();
    return f.store().addCustomer(c).value();
}

CardRequestDialog *TestCardRequestFlow::openSaveNewCard(MainWindow &window, qint64 customerId)
{
    window.customersPanel()->selectCustomer(customerId);
    if (!settled(window))
        qFatal("the desk did not finish reading");
    QAction *action = window.action(u"actionSaveNewCard"_s);
    if (!action->isEnabled())
        qFatal("Save a new card is disabled: %s", qPrintable(action->toolTip()));
    action->trigger();
    auto *dialog = window.findChild<CardRequestDialog *>();
    if (!dialog)
        qFatal("no card request dialog");
    if (!settled(window)) // the customer is read on the desk's reader
        qFatal("the card request dialog's customer was never read");
    return dialog;
}

void TestCardRequestFlow::fill(CardRequestDialog *dialog, const QString &amount, const QString &language)
{
    auto *edit = child<QLineEdit>(dialog, u"amountEdit"_s);
    edit->clear();
    QTest::keyClicks(edit, amount);
    auto *languages = child<QComboBox>(dialog, u"languageCombo"_s);
    languages->setCurrentIndex(languages->findData(language));
}

void TestCardRequestFlow::reviewAndCreate(CardRequestDialog *dialog)
{
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->step(), CardRequestDialog::Step::Review);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
}

QString TestCardRequestFlow::link(CardRequestDialog *dialog)
{
    return child<QLineEdit>(dialog, u"linkEdit"_s)->text();
}

void TestCardRequestFlow::paidLinkSavesTheCard_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English page") << u"en"_s;
    QTest::newRow("Arabic page") << u"ar"_s;
}

void TestCardRequestFlow::paidLinkSavesTheCard()
{
    QFETCH(QString, language);
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara Al-Kuwari"_s);
    auto window = f.window();
    CardRequestDialog *dialog = openSaveNewCard(*window, customerId);
    fill(dialog, u"50"_s, language);
    QTest::keyClicks(child<QLineEdit>(dialog, u"noteEdit"_s), u"First month"_s);
    reviewAndCreate(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), CardRequestDialog::Step::Result, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!link(dialog).isEmpty(), 15000);
    QCOMPARE(checkoutRequests(f), 1);

    // The link shown is the one stored, and the one the QR code holds.
    const Payment written = f.store().payment(dialog->paymentId()).value();
    QVERIFY(written.isCardRequest());
    QCOMPARE(written.state, PaymentState::Pending);
    QCOMPARE(written.orderId, dialog->orderId());
    QCOMPARE(link(dialog), written.checkoutUrl);
    QVERIFY(!dialog->qrImage().isNull());
    QCOMPARE(dialog->qrImage().width(),
             (QrCodeImage::modules(written.checkoutUrl) + 2 * QrCodeImage::QuietZoneModules) * 4);
    const QString message = child<QPlainTextEdit>(dialog, u"messageEdit"_s)->toPlainText();
    QVERIFY2(message.contains(written.checkoutUrl), qPrintable(message));
    QVERIFY(!message.contains(GatewaySimulator::defaultApiKey()));
    QVERIFY(!written.checkoutUrl.contains(GatewaySimulator::defaultApiKey()));
    if (language == u"ar"_s)
        QVERIFY2(message.contains(QChar(0x2066) + written.checkoutUrl + QChar(0x2069)), qPrintable(message));
    else
        QVERIFY2(message.startsWith(u"Hello Sara Al-Kuwari,"_s), qPrintable(message));

    // What was sent: the page language and the return pages.
    const auto requests = f.simulator().requests();
    const auto checkout = std::find_if(requests.cbegin(), requests.cend(), [](const RecordedRequest &r) {
        return r.path == u"/v1/payments/checkout"_s;
    });
    QVERIFY(checkout != requests.cend());
    QVERIFY2(checkout->body.contains(QByteArray("\"language\":\"" + language.toUtf8() + '"')),
             checkout->body.constData());
    QVERIFY(checkout->body.contains("\"save_token\":true"));
    QVERIFY(checkout->body.contains("/shop/card-saved"));

    // Copy puts the exact link on the clipboard.
    QTest::mouseClick(child<QPushButton>(dialog, u"copyLinkButton"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), written.checkoutUrl);

    // Not paid yet: a check says so and saves nothing.
    QTest::mouseClick(child<QPushButton>(dialog, u"checkButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(dialog, u"checkResult"_s)->text().contains(u"Not paid yet"_s),
                             15000);
    QCOMPARE(f.store().payment(dialog->paymentId())->state, PaymentState::Pending);

    const SimulatorPageAnswer paid = payOnSimulatorPage(written.checkoutUrl, u"approve"_s);
    QCOMPARE(paid.status, 303);
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(dialog, u"checkButton"_s)->isEnabled(), 15000);
    QTest::mouseClick(child<QPushButton>(dialog, u"checkButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(f.store().payment(dialog->paymentId())->state, PaymentState::Approved, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(dialog, u"resultTitle"_s)->text(), u"Card saved"_s, 15000);
    QVERIFY(!child<QWidget>(dialog, u"linkPanel"_s)->isVisible()); // a paid link is not handed out again

    // The card saved is Fatora's token byte for byte, on this customer, and it charges.
    const Payment settled = f.store().payment(dialog->paymentId()).value();
    const QString token = f.simulator().checkoutToken(settled.orderId);
    QVERIFY(!token.isEmpty());
    auto saved = f.store().token(settled.savedTokenId);
    QVERIFY(saved.ok());
    QCOMPARE(saved->token, token);
    QCOMPARE(saved->customerId, customerId);
    QCOMPARE(saved->firstAmount, std::optional<Money>(Money(5000, u"QAR"_s)));
    const qint64 charge = f.chargeAndWait(saved->id, Money(1250, u"QAR"_s));
    QCOMPARE(f.store().payment(charge)->state, PaymentState::Approved);
    dialog->close();
}

void TestCardRequestFlow::enterNeverSends()
{
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    auto window = f.window();
    CardRequestDialog *dialog = openSaveNewCard(*window, customerId);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    fill(dialog, u"20"_s);
    // Enter in the amount field goes to the review step at most.
    QTest::keyClick(child<QLineEdit>(dialog, u"amountEdit"_s), Qt::Key_Return);
    QCOMPARE(dialog->step(), CardRequestDialog::Step::Review);
    // Enter and Space on the review step (focus on Back, no default button) never send.
    QTest::keyClick(dialog, Qt::Key_Return);
    QTest::keyClick(dialog, Qt::Key_Enter);
    QTest::qWait(300);
    QCOMPARE(checkoutRequests(f), 0);
    QCOMPARE(f.store().countPayments(PaymentQuery()).value(), 0);
    QVERIFY(dialog->paymentId() == 0);
}

void TestCardRequestFlow::doubleClickOnReviewDoesNotSend()
{
    GuiFixture f;
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    auto window = f.window();
    CardRequestDialog *dialog = openSaveNewCard(*window, customerId);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    fill(dialog, u"20"_s);
    // The second click lands on whatever is under the pointer now: "Create the link", still held.
    doubleClickAt(dialog, centreInWindow(child<QPushButton>(dialog, u"reviewButton"_s)));
    QCOMPARE(dialog->step(), CardRequestDialog::Step::Review);
    QTest::qWait(300);
    QCOMPARE(checkoutRequests(f), 0);
}

void TestCardRequestFlow::doubleClickOnCreateSendsOnce()
{
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    auto window = f.window();
    CardRequestDialog *dialog = openSaveNewCard(*window, customerId);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    fill(dialog, u"20"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);
    auto *create = child<QPushButton>(dialog, u"confirmButton"_s);
    QTest::mouseDClick(create, Qt::LeftButton);
    QTest::mouseClick(create, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(f.cardRequests().callsInFlight(), 0, 15000);
    QTest::qWait(200);
    QCOMPARE(checkoutRequests(f), 1);
    QCOMPARE(f.store().countPayments(PaymentQuery()).value(), 1);
}

void TestCardRequestFlow::closingWhileInFlightKeepsTheLink()
{
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    auto window = f.window();
    CardRequestDialog *dialog = openSaveNewCard(*window, customerId);
    fill(dialog, u"20"_s);
    reviewAndCreate(dialog);
    const qint64 paymentId = dialog->paymentId();
    QVERIFY(paymentId > 0);
    // The call is in flight (replies are never synchronous): the window goes, the record stays.
    QCOMPARE(dialog->step(), CardRequestDialog::Step::InFlight);
    QVERIFY(child<QWidget>(dialog, u"busyBar"_s)->isVisible());
    dialog->close();
    QTRY_COMPARE_WITH_TIMEOUT(f.cardRequests().callsInFlight(), 0, 15000);
    const Payment p = f.store().payment(paymentId).value();
    QCOMPARE(p.state, PaymentState::Pending);
    QVERIFY(!p.checkoutUrl.isEmpty());
    // Reopened from the history, it shows the same link.
    CardRequestDialog *again = window->openCardRequestResult(paymentId, p.customerId);
    QVERIFY(again);
    QTRY_VERIFY(!again->isReading()); // the request is read on the desk's reader
    QCOMPARE(again->step(), CardRequestDialog::Step::Result);
    QCOMPARE(link(again), p.checkoutUrl);
    again->close();
}

void TestCardRequestFlow::withoutReturnPagesTheActionSaysWhatToSet()
{
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    DeskContext context = f.context();
    context.appSettings.successUrl.clear();
    context.appSettings.failureUrl.clear();
    MainWindow window(context);
    window.show();
    window.customersPanel()->selectCustomer(customerId);
    QVERIFY(f.settle());
    QAction *action = window.action(u"actionSaveNewCard"_s);
    QVERIFY(!action->isEnabled());
    QVERIFY2(action->toolTip().contains(u"Settings"_s) && action->toolTip().contains(u"FATORA_SUCCESS_URL"_s),
             qPrintable(action->toolTip()));
    // Opened all the same (e.g. from a test or a stale menu), the dialog says it and cannot send.
    CardRequestDialog *dialog = window.openCardRequestDialog(customerId);
    QVERIFY(settled(window));
    QVERIFY(!child<QPushButton>(dialog, u"reviewButton"_s)->isEnabled());
    QVERIFY(child<QLabel>(dialog, u"inputError"_s)->text().contains(u"Settings"_s));
    QCOMPARE(checkoutRequests(f), 0);
    dialog->close();
}

void TestCardRequestFlow::askForNewCardOnlyForCardsThatNeedOne()
{
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    // Issued four months ago: expires in about two months. Five months and three weeks ago: in days.
    const qint64 later = test::addToken(f.store(), customerId, u"tok+later/1111"_s, f.today(), 120);
    const qint64 soon = test::addToken(f.store(), customerId, u"tok+soon/2222"_s, f.today(), 175);
    const qint64 expired = test::addToken(f.store(), customerId, u"tok+old/3333"_s, f.today(), 200);
    auto window = f.window();
    window->customersPanel()->selectCustomer(customerId);
    QVERIFY(f.settle());
    QAction *ask = window->action(u"actionAskNewCard"_s);
    window->customersPanel()->selectToken(later);
    QVERIFY(f.settle());
    QVERIFY2(!ask->isEnabled(), qPrintable(ask->toolTip()));
    window->customersPanel()->selectToken(soon);
    QVERIFY(f.settle());
    QVERIFY2(ask->isEnabled(), qPrintable(ask->toolTip()));
    window->customersPanel()->selectToken(expired);
    QVERIFY(f.settle());
    QVERIFY2(ask->isEnabled(), qPrintable(ask->toolTip()));
    ask->trigger();
    auto *dialog = window->findChild<CardRequestDialog *>();
    QVERIFY(dialog);
    QVERIFY(settled(*window));
    const QString intro = child<QLabel>(dialog, u"introLabel"_s)->text();
    QVERIFY2(intro.contains(u"has expired"_s) && intro.contains(u"3333"_s), qPrintable(intro));
    QCOMPARE(dialog->windowTitle(), u"Ask for a new card"_s);
    fill(dialog, u"35"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);
    QVERIFY(child<QLabel>(dialog, u"reviewDetails"_s)->text().contains(u"stays as it is"_s));
    dialog->close();
}

void TestCardRequestFlow::pastedAddressIsConfirmedByFatora()
{
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    auto window = f.window();
    CardRequestDialog *dialog = openSaveNewCard(*window, customerId);
    fill(dialog, u"20"_s);
    reviewAndCreate(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!link(dialog).isEmpty(), 15000);
    const SimulatorPageAnswer paid = payOnSimulatorPage(link(dialog), u"approve"_s);
    QCOMPARE(paid.status, 303);
    // The address the customer's browser landed on, its token percent-encoded (+ / \ | inside).
    const QString landed = QString::fromUtf8(paid.location);
    QVERIFY2(landed.contains(u"card_token="_s), qPrintable(landed));
    QTest::keyClicks(child<QLineEdit>(dialog, u"addressEdit"_s), landed);
    QTest::mouseClick(child<QPushButton>(dialog, u"checkAddressButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(f.store().payment(dialog->paymentId())->state, PaymentState::Approved, 15000);
    // Saved from Fatora's answer (verify), which the address only had to agree with.
    QCOMPARE(f.simulator().requestCount(u"/v1/payments/verify"_s), 1);
    const Payment p = f.store().payment(dialog->paymentId()).value();
    QCOMPARE(f.store().token(p.savedTokenId)->token, f.simulator().checkoutToken(p.orderId));
    dialog->close();
}

void TestCardRequestFlow::pastedAddressOfAnotherOrderIsRefused()
{
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    auto window = f.window();
    CardRequestDialog *dialog = openSaveNewCard(*window, customerId);
    fill(dialog, u"20"_s);
    reviewAndCreate(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!link(dialog).isEmpty(), 15000);
    QTest::keyClicks(child<QLineEdit>(dialog, u"addressEdit"_s),
                     u"https://shop.example/card-saved?order_id=SOMEONE-ELSE&card_token=abc%2B1"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"checkAddressButton"_s), Qt::LeftButton);
    const QString said = child<QLabel>(dialog, u"checkResult"_s)->text();
    QVERIFY2(said.contains(u"SOMEONE-ELSE"_s) && said.contains(u"not this card request"_s), qPrintable(said));
    QTest::qWait(200);
    QCOMPARE(f.simulator().requestCount(u"/v1/payments/verify"_s), 0);
    // A broken address is refused in words, nothing asked.
    child<QLineEdit>(dialog, u"addressEdit"_s)->setText(u"card saved, thanks"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"checkAddressButton"_s), Qt::LeftButton);
    QVERIFY(child<QLabel>(dialog, u"checkResult"_s)->text().contains(u"whole address"_s));
    QCOMPARE(f.simulator().requestCount(u"/v1/payments/verify"_s), 0);
    dialog->close();
}

void TestCardRequestFlow::declinedPaymentSavesNothing()
{
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    auto window = f.window();
    CardRequestDialog *dialog = openSaveNewCard(*window, customerId);
    fill(dialog, u"20"_s);
    reviewAndCreate(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!link(dialog).isEmpty(), 15000);
    QCOMPARE(payOnSimulatorPage(link(dialog), u"decline"_s).status, 303);
    QTest::mouseClick(child<QPushButton>(dialog, u"checkButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(dialog, u"resultTitle"_s)->text(), u"Payment failed"_s, 15000);
    QCOMPARE(f.store().payment(dialog->paymentId())->state, PaymentState::Declined);
    QCOMPARE(tokenCount(f, customerId), 0);
    dialog->close();
}

void TestCardRequestFlow::quietCheckSavesTheCard()
{
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    DeskContext context = f.context();
    context.cardRequestCheckIntervalMs = 100;
    MainWindow window(context);
    window.show();
    CardRequestDialog *dialog = openSaveNewCard(window, customerId);
    fill(dialog, u"20"_s);
    reviewAndCreate(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!link(dialog).isEmpty(), 15000);
    const qint64 paymentId = dialog->paymentId();
    dialog->close();
    QCOMPARE(payOnSimulatorPage(f.store().payment(paymentId)->checkoutUrl, u"approve"_s).status, 303);
    // Nobody clicks: the desk's quiet check finds the payment and saves the card once.
    QTRY_COMPARE_WITH_TIMEOUT(f.store().payment(paymentId)->state, PaymentState::Approved, 15000);
    QTest::qWait(500); // more ticks: a settled request is not asked about again
    QCOMPARE(tokenCount(f, customerId), 1);
    const int verifies = f.simulator().requestCount(u"/v1/payments/verify"_s);
    QTest::qWait(300);
    QCOMPARE(f.simulator().requestCount(u"/v1/payments/verify"_s), verifies);
    QTRY_COMPARE_WITH_TIMEOUT(f.cardRequests().callsInFlight(), 0, 15000);
}

void TestCardRequestFlow::messageAndMailKeepTheLinkWhole_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("merchant");
    QTest::newRow("English, merchant named") << u"en"_s << u"Doha Gym & Spa"_s;
    QTest::newRow("English, no merchant") << u"en"_s << QString();
    QTest::newRow("Arabic, merchant named") << u"ar"_s << u"نادي الدوحة"_s;
}

void TestCardRequestFlow::messageAndMailKeepTheLinkWhole()
{
    QFETCH(QString, language);
    QFETCH(QString, merchant);
    // A link with every character a query or a mail address treats specially.
    const QString pageLink = u"https://pay.example/checkout/ab+c%2Fd?x=1&y=a+b#frag|\\"_s;
    CardRequestMessage::Parts parts;
    parts.language = language;
    parts.customerName = u"Sara Al-Kuwari"_s;
    parts.merchantName = merchant;
    parts.amount = Money(5000, u"QAR"_s);
    parts.link = pageLink;
    const QString body = CardRequestMessage::body(parts);
    QVERIFY2(body.contains(pageLink), qPrintable(body));
    QVERIFY(body.contains(u"QAR 50.00"_s));
    // The link stands alone on the last line (an Arabic line: inside LRI…PDI, nothing else).
    const QString last = body.split(u'\n').constLast();
    QCOMPARE(last, language == u"ar"_s ? QChar(0x2066) + pageLink + QChar(0x2069) : pageLink);
    if (language == u"ar"_s) {
        QVERIFY2(body.contains(u"⁦Fatora⁩"_s), qPrintable(body)); // the brand isolated
        QVERIFY(body.contains(QChar(0x2066) + u"QAR 50.00"_s + QChar(0x2069)));
    }

    const QUrl mail = CardRequestMessage::mailto(u"sara+cards@example.qa"_s, parts);
    QVERIFY(mail.isValid());
    QCOMPARE(mail.scheme(), u"mailto"_s);
    QCOMPARE(mail.path(), u"sara+cards@example.qa"_s);
    const QUrlQuery query(mail);
    QCOMPARE(query.queryItemValue(u"body"_s, QUrl::FullyDecoded), QString(body).replace(u"\n"_s, u"\r\n"_s));
    QCOMPARE(query.queryItemValue(u"subject"_s, QUrl::FullyDecoded), CardRequestMessage::subject(parts));
    QCOMPARE(query.queryItems().size(), 2); // the link's "&" and "#" did not split anything
}

void TestCardRequestFlow::emailButtonOpensTheMailClient()
{
    GuiFixture f;
    MailCatcher catcher;
    QDesktopServices::setUrlHandler(u"mailto"_s, &catcher, "open");
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    auto window = f.window();
    CardRequestDialog *dialog = openSaveNewCard(*window, customerId);
    fill(dialog, u"20"_s);
    reviewAndCreate(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!link(dialog).isEmpty(), 15000);
    QTest::mouseClick(child<QPushButton>(dialog, u"emailButton"_s), Qt::LeftButton);
    QDesktopServices::unsetUrlHandler(u"mailto"_s);
    QCOMPARE(catcher.urls.size(), 1);
    QCOMPARE(catcher.urls.first().path(), u"sara+cards@example.qa"_s);
    const QString body = QUrlQuery(catcher.urls.first()).queryItemValue(u"body"_s, QUrl::FullyDecoded);
    QVERIFY2(body.contains(link(dialog)), qPrintable(body));
    QVERIFY(!catcher.urls.first().toString().contains(GatewaySimulator::defaultApiKey()));
    dialog->close();
}

void TestCardRequestFlow::historyChecksACardRequest()
{
    GuiFixture f;
    const qint64 customerId = addCustomer(f, u"Sara"_s);
    auto window = f.window();
    CardRequestDialog *dialog = openSaveNewCard(*window, customerId);
    fill(dialog, u"20"_s);
    reviewAndCreate(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!link(dialog).isEmpty(), 15000);
    const qint64 paymentId = dialog->paymentId();
    QCOMPARE(payOnSimulatorPage(link(dialog), u"approve"_s).status, 303);
    dialog->close();
    window->showHistoryTab();
    QVERIFY(f.settle());
    window->historyPanel()->refresh();
    QVERIFY(f.settle());
    window->historyPanel()->selectPayment(paymentId);
    QVERIFY(f.settle());
    // A card request is checked, never verified: Verify says so, Check does it.
    QAction *verify = window->action(u"actionVerify"_s);
    QVERIFY(!verify->isEnabled());
    QVERIFY2(verify->toolTip().contains(u"card request"_s), qPrintable(verify->toolTip()));
    QAction *check = window->action(u"actionCheckCardRequest"_s);
    QVERIFY2(check->isEnabled(), qPrintable(check->toolTip()));
    check->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(f.store().payment(paymentId)->state, PaymentState::Approved, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!window->action(u"actionCheckCardRequest"_s)->isEnabled(), 15000);
    QCOMPARE(tokenCount(f, customerId), 1);
}

void TestCardRequestFlow::settingsTakeTheReturnPages()
{
    GuiFixture f;
    DeskContext context = f.context();
    context.appSettings.successUrl.clear();
    context.appSettings.failureUrl.clear();
    MainWindow window(context);
    window.show();
    window.action(u"actionSettings"_s)->trigger();
    auto *settings = window.findChild<SettingsDialog *>();
    QVERIFY(settings);
    auto *success = child<QLineEdit>(settings, u"successUrlEdit"_s);
    auto *failure = child<QLineEdit>(settings, u"failureUrlEdit"_s);
    // Plain http to another computer is no page to send a paying customer to.
    success->setText(u"http://shop.example/saved"_s);
    failure->setText(u"https://shop.example/failed"_s);
    QTest::mouseClick(child<QDialogButtonBox>(settings, u"buttonBox"_s)->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
    QVERIFY(settings->isVisible());
    const QString error = child<QLabel>(settings, u"errorLabel"_s)->text();
    QVERIFY2(error.startsWith(u"Success page"_s), qPrintable(error));
    // The page with the field in error is the one shown.
    auto *tabs = child<QTabWidget>(settings, u"settingsTabs"_s);
    QCOMPARE(tabs->currentWidget(), child<QWidget>(settings, u"cardRequestBox"_s));
    success->setText(u"https://shop.example/saved"_s);
    child<QSpinBox>(settings, u"linkLifetimeSpin"_s)->setValue(48);
    QTest::mouseClick(child<QDialogButtonBox>(settings, u"buttonBox"_s)->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
    QTRY_VERIFY(!settings->isVisible());
    QCOMPARE(window.context().appSettings.successUrl, QUrl(u"https://shop.example/saved"_s));
    QCOMPARE(window.context().appSettings.linkLifetimeHours, 48);
    QVERIFY(f.cardRequests().canCreate().ok());
    QCOMPARE(f.cardRequests().linkLifetimeSecs(), qint64(48) * 3600);
}

QTEST_MAIN(TestCardRequestFlow)
#include "tst_cardrequestflow.moc"
