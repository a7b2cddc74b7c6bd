// The charge dialog, end to end: real widgets, real loopback simulator, real database.

#include "common/ConfirmGuard.h"
#include "customers/CustomersPanel.h"
#include "desk/MainWindow.h"
#include "GuiFixture.h"
#include "history/HistoryPanel.h"
#include "history/PaymentTableModel.h"
#include "payments/ChargeDialog.h"
#include "payments/NoticeList.h"
#include "payments/PaymentDetailsView.h"
#include "payments/RefundDialog.h"
#include "store/StoreReader.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;
using Kind = SimulatedBehaviour::Kind;

class TestChargeFlow : public QObject
{
    Q_OBJECT

private slots:
    void outcomeInWords_data();
    void outcomeInWords();
    void approvedChargeEndsInHistory();
    void blankAmountChargesFirstPaymentAmount();
    void slowTokenEndsUnknownThenVerifySettlesIt();
    void doubleClickSendsExactlyOneRequest();
    void enterInAmountNeverSends();
    void badAmountNamesTheField();
    void warnsBeforeSameAmountWithinTenMinutes();
    void closingWhileInFlightStillRecordsTheResult();
    void orderIdShownIsTheOneSent();
    void notSentOffersNewChargeUnderNewOrderId();
    void refusedChargeOffersNewCharge();
    void colleaguesChargeDuringTheReviewRefusesTheConfirm();
    void largeAmountNeedsTheConfirmationTicked();
    void doubleClickOnReviewDoesNotCharge_data();
    void doubleClickOnReviewDoesNotCharge();
    void doubleClickOnChargeNowKeepsTheWindowOpen();
    void keysOnChargeNowWaitForTheHold();
    void resultOfAClosedWindowIsListed();
    void declinedIsListedEvenWithTheWindowOpen();
    void unknownOutcomeIsListed_data();
    void unknownOutcomeIsListed();
    void refundClosedMidCallIsListed();
    void anUnknownOutcomeIsListedWhenTheReaderCannotRead();
    void cleanup();

private:
    static ChargeDialog *openCharge(MainWindow &window);
    static void review(ChargeDialog *dialog, const QString &amount);
};

ChargeDialog *TestChargeFlow::openCharge(MainWindow &window)
{
    QAction *charge = window.action(u"actionCharge"_s);
    if (!charge->isEnabled())
        qFatal("Charge is disabled: %s", qPrintable(charge->toolTip()));
    charge->trigger();
    auto *dialog = window.findChild<ChargeDialog *>();
    if (!dialog)
        qFatal("no charge dialog");
    // The card is read on the desk's reader: the dialog shows it a moment after it opens.
    if (!QTest::qWaitFor([dialog] { return !dialog->isReading(); }, 10000))
        qFatal("the charge dialog's card was never read");
    return dialog;
}

void TestChargeFlow::review(ChargeDialog *dialog, const QString &amount)
{
    if (!QTest::qWaitFor([dialog] { return !dialog->isReading(); }, 10000))
        qFatal("the charge dialog's card was never read");
    auto *edit = child<QLineEdit>(dialog, u"amountEdit"_s);
    edit->clear();
    QTest::keyClicks(edit, amount);
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);
    // The review reads the card again first (on the reader).
    if (!QTest::qWaitFor([dialog] { return !dialog->isReading(); }, 10000))
        qFatal("the review's read never came back");
}

void TestChargeFlow::outcomeInWords_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<PaymentState>("state");
    QTest::addColumn<QString>("words");
    QTest::addColumn<bool>("verifyOffered");
    QTest::newRow("approved shows transaction and auth code")
        << int(Kind::Approve) << PaymentState::Approved << u"Transaction id: SIM-"_s << false;
    QTest::newRow("insufficient funds shows Fatora's reason")
        << int(Kind::InsufficientFunds) << PaymentState::Declined << u"Insufficient"_s << false;
    QTest::newRow("blocked shows Fatora's reason")
        << int(Kind::Blocked) << PaymentState::Declined << u"Blocked"_s << false;
    QTest::newRow("invalid token is declined")
        << int(Kind::InvalidToken) << PaymentState::Declined << u"No money moved."_s << false;
    QTest::newRow("http 500 is unknown: verify first")
        << int(Kind::Http500) << PaymentState::Unknown << u"Do not charge again — Verify first"_s << true;
    QTest::newRow("dropped connection is unknown: verify first")
        << int(Kind::DropConnection) << PaymentState::Unknown << u"Do not charge again — Verify first"_s
        << true;
}

void TestChargeFlow::outcomeInWords()
{
    QFETCH(int, kind);
    QFETCH(PaymentState, state);
    QFETCH(QString, words);
    QFETCH(bool, verifyOffered);
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok+case/9Xq="_s, Kind(kind));
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    review(dialog, u"25.00"_s);
    QCOMPARE(dialog->step(), ChargeDialog::Step::Review);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    const QString details = child<QLabel>(dialog, u"resultDetails"_s)->text();
    QVERIFY2(details.contains(words), qPrintable(details));
    QCOMPARE(child<QPushButton>(dialog, u"verifyButton"_s)->isVisible(), verifyOffered);
    auto payment = f.store().payment(dialog->paymentId());
    QVERIFY(payment.ok());
    QCOMPARE(payment->state, state);
    QCOMPARE(f.collectRequests(), 1);
}

void TestChargeFlow::approvedChargeEndsInHistory()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok+approve/9Xq="_s);
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    review(dialog, u"123.45"_s);
    const QString question = child<QLabel>(dialog, u"reviewQuestion"_s)->text();
    QVERIFY2(question.contains(u"QAR 123.45"_s) && question.contains(u"Sara Al-Kuwari"_s) &&
                 question.contains(u"•••• 9Xq="_s),
             qPrintable(question));
    QCOMPARE(f.collectRequests(), 0); // the review step sends nothing
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);

    auto payment = f.store().payment(dialog->paymentId());
    QVERIFY(payment.ok());
    QCOMPARE(payment->state, PaymentState::Approved);
    QVERIFY(!payment->transactionId.isEmpty());
    QCOMPARE(payment->amount, std::optional<Money>(Money(12345, u"QAR"_s)));
    QVERIFY(child<QLabel>(dialog, u"resultDetails"_s)->text().contains(payment->transactionId));

    // The history shows it, with the transaction id, without anyone pressing reload.
    PaymentTableModel *history = window->historyPanel()->model();
    QVERIFY(f.settle());
    const int row = history->rowOfPayment(payment->id);
    QVERIFY(row >= 0);
    QCOMPARE(history->index(row, PaymentTableModel::TransactionId).data().toString(), payment->transactionId);
    QCOMPARE(history->index(row, PaymentTableModel::State).data().toString(), u"Approved"_s);
    QCOMPARE(f.simulator().chargeCount(u"tok+approve/9Xq="_s), 1);
}

void TestChargeFlow::blankAmountChargesFirstPaymentAmount()
{
    GuiFixture f;
    const qint64 tokenId =
        f.addCustomerWithToken(u"Sara"_s, u"tok+first/AbC="_s, Kind::Approve, 0, Money(5000, u"QAR"_s));
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    QVERIFY(child<QLabel>(dialog, u"amountHint"_s)->text().contains(u"QAR 50.00"_s));
    review(dialog, QString());
    QVERIFY(child<QLabel>(dialog, u"reviewQuestion"_s)
                ->text()
                .contains(u"first-payment amount (<b>QAR 50.00</b>)"_s));
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    const QList<RecordedRequest> requests = f.simulator().requests();
    QCOMPARE(requests.size(), 1);
    QVERIFY2(!requests.first().body.contains("\"amount\""), requests.first().body.constData());
    auto payment = f.store().payment(dialog->paymentId());
    QVERIFY(payment.ok());
    QVERIFY(!payment->amount.has_value());
    // The figure expected at the time of the charge is recorded, and the details pane shows it.
    QCOMPARE(payment->expectedAmount, std::optional<Money>(Money(5000, u"QAR"_s)));
    dialog->close();
    window->showHistoryTab();
    QVERIFY(f.settle());
    window->historyPanel()->refresh();
    QVERIFY(f.settle());
    window->historyPanel()->selectPayment(payment->id);
    QVERIFY(f.settle());
    auto *details = window->historyPanel()->findChild<PaymentDetailsView *>();
    QVERIFY(details);
    QTRY_VERIFY(details->isFieldShown(PaymentDetailsView::Amount));
    const QString shown = details->valueText(PaymentDetailsView::Amount);
    QVERIFY2(shown.contains(u"QAR 50.00"_s) && shown.contains(u"expected"_s), qPrintable(shown));
}

void TestChargeFlow::slowTokenEndsUnknownThenVerifySettlesIt()
{
    GuiFixture f(1000); // the client gives up after a second (the shortest timeout allowed)
    const qint64 tokenId = f.addCustomerWithToken(u"Omar Haddad"_s, u"tok+slow/5s0="_s, Kind::Approve, 3000);
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    review(dialog, u"45.00"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->step(), ChargeDialog::Step::InFlight);
    QVERIFY(!child<QPushButton>(dialog, u"confirmButton"_s)->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    QCOMPARE(f.store().payment(dialog->paymentId())->state, PaymentState::Unknown);
    QVERIFY(child<QLabel>(dialog, u"resultDetails"_s)->text().contains(u"Verify first"_s));

    // While unknown, the desk refuses to charge this card again and says why.
    QVERIFY(!window->action(u"actionCharge"_s)->isEnabled());
    QVERIFY2(window->action(u"actionCharge"_s)->toolTip().contains(u"verify"_s),
             qPrintable(window->action(u"actionCharge"_s)->toolTip()));

    // The simulator finishes the slow charge on its side (its single thread is busy until then, so
    // an early verify is itself still unknown, and the operator verifies again); Verify then finds it.
    QTRY_COMPARE_WITH_TIMEOUT(f.simulator().chargeCount(u"tok+slow/5s0="_s), 1, 10000);
    auto *verify = child<QPushButton>(dialog, u"verifyButton"_s);
    for (int attempt = 0;
         attempt < 10 && f.store().payment(dialog->paymentId())->state != PaymentState::Approved; ++attempt) {
        QVERIFY(verify->isVisible());
        QTest::mouseClick(verify, Qt::LeftButton);
        QCOMPARE(dialog->step(), ChargeDialog::Step::InFlight);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    }
    QCOMPARE(f.store().payment(dialog->paymentId())->state, PaymentState::Approved);
    QTRY_VERIFY(child<QLabel>(dialog, u"resultDetails"_s)->text().contains(u"Transaction id"_s));
    QCOMPARE(f.collectRequests(), 1); // verified, never re-sent
    QTRY_VERIFY(window->action(u"actionCharge"_s)->isEnabled());
}

void TestChargeFlow::doubleClickSendsExactlyOneRequest()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+double/9Xq="_s, Kind::Approve, 300);
    auto window = f.window(tokenId);
    // Two triggers of Charge give one dialog, not two.
    window->action(u"actionCharge"_s)->trigger();
    window->action(u"actionCharge"_s)->trigger();
    QCOMPARE(window->findChildren<ChargeDialog *>().size(), 1);
    ChargeDialog *dialog = window->findChild<ChargeDialog *>();
    review(dialog, u"10.00"_s);
    auto *confirm = child<QPushButton>(dialog, u"confirmButton"_s);
    QTest::mouseDClick(confirm, Qt::LeftButton);
    QTest::mouseClick(confirm, Qt::LeftButton);
    confirm->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    QCOMPARE(f.collectRequests(), 1);
    QCOMPARE(f.simulator().chargeCount(u"tok+double/9Xq="_s), 1);
    auto rows = f.store().findPayments(PaymentQuery{});
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 1);
}

void TestChargeFlow::enterInAmountNeverSends()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+enter/9Xq="_s);
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    auto *edit = child<QLineEdit>(dialog, u"amountEdit"_s);
    QTest::keyClicks(edit, u"10.00"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(dialog->step(), ChargeDialog::Step::Review); // Enter goes as far as the review
    QTest::keyClick(edit, Qt::Key_Return);
    QTest::keyClick(dialog, Qt::Key_Return);
    QTest::keyClick(dialog, Qt::Key_Enter);
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : dialog, Qt::Key_Return);
    QTest::qWait(200);
    QCOMPARE(dialog->step(), ChargeDialog::Step::Review);
    QCOMPARE(f.collectRequests(), 0);
    QVERIFY(dialog->isVisible());
}

void TestChargeFlow::badAmountNamesTheField()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+bad/9Xq="_s);
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    auto *error = child<QLabel>(dialog, u"inputError"_s);
    QVERIFY2(!error->isVisible(), "an empty error bar shows before anything was typed");
    review(dialog, u"12.345"_s);
    QCOMPARE(dialog->step(), ChargeDialog::Step::Input);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(u"Amount:"_s), qPrintable(error->text()));
    review(dialog, u"-5"_s);
    QCOMPARE(dialog->step(), ChargeDialog::Step::Input);
    QCOMPARE(f.collectRequests(), 0);
}

void TestChargeFlow::warnsBeforeSameAmountWithinTenMinutes()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+again/9Xq="_s);
    bool done = false;
    QObject::connect(&f.payments(), &PaymentService::chargeFinished, &f.payments(), [&] { done = true; });
    QVERIFY(f.payments().charge(ChargeRequest(tokenId, Money(2000, u"QAR"_s))).ok());
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    f.clock().advanceSecs(5 * 60);

    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    review(dialog, u"20.00"_s);
    auto *warning = child<QLabel>(dialog, u"similarWarning"_s);
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(u"QAR 20.00"_s), qPrintable(warning->text()));
    auto *confirm = child<QPushButton>(dialog, u"confirmButton"_s);
    QVERIFY(!confirm->isEnabled());
    confirm->click();
    QCOMPARE(f.collectRequests(), 1);
    child<QCheckBox>(dialog, u"similarConfirm"_s)->setChecked(true);
    QVERIFY(confirm->isEnabled());
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    QCOMPARE(f.collectRequests(), 2);

    // Another amount on the same card is a repeat charge too (issue 10 #3; this test used to assert
    // that it passed without a word), and the warning names who charged it.
    QPointer<ChargeDialog> closed = dialog;
    dialog->close();
    QTRY_VERIFY(closed.isNull());
    ChargeDialog *other = openCharge(*window);
    review(other, u"21.00"_s);
    QVERIFY(child<QLabel>(other, u"similarWarning"_s)->isVisible());
    QVERIFY2(child<QLabel>(other, u"similarWarning"_s)->text().contains(f.payments().operatorName()),
             qPrintable(child<QLabel>(other, u"similarWarning"_s)->text()));
    QVERIFY(!child<QPushButton>(other, u"confirmButton"_s)->isEnabled());
    closed = other;
    other->close();
    QTRY_VERIFY(closed.isNull());

    // Ten minutes later the card is charged without a warning.
    f.clock().advanceSecs(11 * 60);
    ChargeDialog *later = openCharge(*window);
    review(later, u"21.00"_s);
    QVERIFY(!child<QLabel>(later, u"similarWarning"_s)->isVisible());
    QVERIFY(child<QPushButton>(later, u"confirmButton"_s)->isEnabled());
}

void TestChargeFlow::closingWhileInFlightStillRecordsTheResult()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+close/9Xq="_s, Kind::Approve, 500);
    auto window = f.window(tokenId);
    QPointer<ChargeDialog> dialog = openCharge(*window);
    review(dialog, u"30.00"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    const qint64 paymentId = dialog->paymentId();
    QVERIFY(paymentId > 0);
    dialog->close();
    QTRY_VERIFY(dialog.isNull()); // deleted on close
    QTRY_COMPARE_WITH_TIMEOUT(f.store().payment(paymentId)->state, PaymentState::Approved, 15000);
    PaymentTableModel *history = window->historyPanel()->model();
    QTRY_COMPARE(history->index(history->rowOfPayment(paymentId), PaymentTableModel::State).data().toString(),
                 u"Approved"_s);
}

void TestChargeFlow::orderIdShownIsTheOneSent()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok+order/9Xq="_s);
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    const QString orderId = dialog->orderId();
    // Generated when the dialog opens, from the desk's clock, and shown on the form.
    QVERIFY2(orderId.startsWith(u"BO-20261125-"_s) && orderId.size() == 22, qPrintable(orderId));
    QCOMPARE(child<QLabel>(dialog, u"orderValue"_s)->text(), orderId);
    review(dialog, u"12.00"_s);
    const QString details = child<QLabel>(dialog, u"reviewDetails"_s)->text();
    QVERIFY2(details.contains(u"Order id: "_s + orderId), qPrintable(details));
    // Back and review again: the same intent keeps its order id.
    QTest::mouseClick(child<QPushButton>(dialog, u"backButton"_s), Qt::LeftButton);
    review(dialog, u"13.00"_s);
    QCOMPARE(dialog->orderId(), orderId);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);

    QCOMPARE(f.store().payment(dialog->paymentId())->orderId, orderId);
    const QList<RecordedRequest> requests = f.simulator().requests();
    QCOMPARE(requests.size(), 1);
    QVERIFY2(requests.first().body.contains(orderId.toUtf8()), requests.first().body.constData());
    QVERIFY(child<QLabel>(dialog, u"resultDetails"_s)->text().contains(u"Order id: "_s + orderId));
    QVERIFY(!child<QPushButton>(dialog, u"newChargeButton"_s)->isVisible()); // approved: no retry offered

    // Another dialog is another intent, with its own order id.
    QPointer<ChargeDialog> closed = dialog;
    dialog->close();
    QTRY_VERIFY(closed.isNull());
    ChargeDialog *next = openCharge(*window);
    QVERIFY(next->orderId() != orderId);
    QCOMPARE(child<QLabel>(next, u"orderValue"_s)->text(), next->orderId());
}

void TestChargeFlow::notSentOffersNewChargeUnderNewOrderId()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+retry/9Xq="_s);
    const GatewayConfig working = f.gateway().config();
    GatewayConfig unreachable = working;
    unreachable.baseUrl = QUrl(u"http://127.0.0.1:1"_s); // nothing listens: the request never leaves
    f.gateway().setConfig(unreachable);

    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    const QString firstOrder = dialog->orderId();
    review(dialog, u"20.00"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    const qint64 firstPayment = dialog->paymentId();
    QCOMPARE(f.store().payment(firstPayment)->state, PaymentState::NotSent);
    QCOMPARE(f.store().payment(firstPayment)->orderId, firstOrder);
    auto *newCharge = child<QPushButton>(dialog, u"newChargeButton"_s);
    QVERIFY(newCharge->isVisible());
    QVERIFY(!child<QPushButton>(dialog, u"verifyButton"_s)->isVisible());

    f.gateway().setConfig(working);
    QTest::mouseClick(newCharge, Qt::LeftButton);
    QCOMPARE(dialog->step(), ChargeDialog::Step::Input);
    const QString secondOrder = dialog->orderId();
    QVERIFY(secondOrder != firstOrder); // a new intent never reuses an order id
    QCOMPARE(child<QLabel>(dialog, u"orderValue"_s)->text(), secondOrder);
    QCOMPARE(dialog->paymentId(), 0);
    QCOMPARE(f.collectRequests(), 0); // "New charge" itself sends nothing

    review(dialog, u"20.00"_s);
    QVERIFY(child<QLabel>(dialog, u"reviewDetails"_s)->text().contains(secondOrder));
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    QCOMPARE(f.store().payment(dialog->paymentId())->state, PaymentState::Approved);
    QCOMPARE(f.store().payment(dialog->paymentId())->orderId, secondOrder);
    QCOMPARE(f.store().payment(firstPayment)->state, PaymentState::NotSent); // the first stays as it was
    QCOMPARE(f.collectRequests(), 1);
    QCOMPARE(f.simulator().chargeCount(u"tok+retry/9Xq="_s), 1);
}

void TestChargeFlow::refusedChargeOffersNewCharge()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+taken/9Xq="_s, Kind::Approve, 500);
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    review(dialog, u"20.00"_s);
    // Meanwhile someone else (here: the service directly, as the CLI would) charges this card.
    const qint64 other = f.payments().charge(ChargeRequest(tokenId, Money(1000, u"QAR"_s))).value();
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->step(), ChargeDialog::Step::Result);
    QVERIFY2(child<QLabel>(dialog, u"resultDetails"_s)->text().contains(u"Nothing was sent to Fatora"_s),
             qPrintable(child<QLabel>(dialog, u"resultDetails"_s)->text()));
    QCOMPARE(dialog->paymentId(), 0);
    auto *newCharge = child<QPushButton>(dialog, u"newChargeButton"_s);
    QVERIFY(newCharge->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(f.store().payment(other)->state, PaymentState::Approved, 15000);
    const QString refusedOrder = dialog->orderId();
    QTest::mouseClick(newCharge, Qt::LeftButton);
    QCOMPARE(dialog->step(), ChargeDialog::Step::Input);
    QVERIFY(dialog->orderId() != refusedOrder);
    QCOMPARE(f.collectRequests(), 1); // only the other charge
}

void TestChargeFlow::colleaguesChargeDuringTheReviewRefusesTheConfirm()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+review/9Xq="_s);
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    review(dialog, u"20.00"_s);
    QVERIFY(!child<QLabel>(dialog, u"similarWarning"_s)->isVisible()); // nothing recent when reviewed
    // While the clerk reads the review step, a colleague's charge on this card is approved.
    bool done = false;
    QObject::connect(&f.payments(), &PaymentService::chargeFinished, &f.payments(), [&] { done = true; });
    QVERIFY(f.payments().charge(ChargeRequest(tokenId, Money(2000, u"QAR"_s))).ok());
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QCOMPARE(f.collectRequests(), 1);

    auto *confirm = child<QPushButton>(dialog, u"confirmButton"_s);
    QTRY_VERIFY(confirm->isEnabled());
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_COMPARE(dialog->step(), ChargeDialog::Step::Result);
    const QString details = child<QLabel>(dialog, u"resultDetails"_s)->text();
    QVERIFY2(details.contains(u"Nothing was sent"_s), qPrintable(details));
    QVERIFY2(details.contains(u"QAR 20.00"_s), qPrintable(details));
    QCOMPARE(dialog->paymentId(), 0);
    QTest::qWait(300);
    QCOMPARE(f.collectRequests(), 1);
}

void TestChargeFlow::largeAmountNeedsTheConfirmationTicked()
{
    GuiFixture f;
    const qint64 tokenId =
        f.addCustomerWithToken(u"Sara"_s, u"tok+large/9Xq="_s, Kind::Approve, 0, Money(12345, u"QAR"_s));
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    review(dialog, u"1000"_s);
    auto *warning = child<QLabel>(dialog, u"similarWarning"_s);
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(u"123.45"_s), qPrintable(warning->text()));
    auto *confirm = child<QPushButton>(dialog, u"confirmButton"_s);
    QVERIFY(!confirm->isEnabled());
    confirm->click();
    QCOMPARE(f.collectRequests(), 0);
    child<QCheckBox>(dialog, u"similarConfirm"_s)->setChecked(true);
    QTRY_VERIFY(confirm->isEnabled());
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    QCOMPARE(f.collectRequests(), 1);
}

void TestChargeFlow::cleanup()
{
    QApplication::setLayoutDirection(Qt::LeftToRight);
}

void TestChargeFlow::doubleClickOnReviewDoesNotCharge_data()
{
    QTest::addColumn<Qt::LayoutDirection>("direction");
    QTest::newRow("left to right (English)") << Qt::LeftToRight;
    QTest::newRow("right to left (Arabic)") << Qt::RightToLeft;
}

void TestChargeFlow::doubleClickOnReviewDoesNotCharge()
{
    QFETCH(Qt::LayoutDirection, direction);
    QApplication::setLayoutDirection(direction);
    GuiFixture f;
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+dbl-review/9Xq="_s);
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTest::keyClicks(child<QLineEdit>(dialog, u"amountEdit"_s), u"10.00"_s);
    // The clerk double-clicks "Review…": the first click shows the review, the second lands on
    // whatever is now under the pointer.
    const QPoint at = centreInWindow(child<QPushButton>(dialog, u"reviewButton"_s));
    doubleClickAt(dialog, at);
    QTRY_COMPARE(dialog->step(), ChargeDialog::Step::Review); // once the card was read again
    // The widget under the second click is the send button itself: the guard, not the layout, kept it
    // from charging.
    auto *confirm = child<QPushButton>(dialog, u"confirmButton"_s);
    QCOMPARE(dialog->childAt(at), static_cast<QWidget *>(confirm));
    QTest::qWait(300); // a charge would be on its way by now
    QCOMPARE(f.collectRequests(), 0);
    auto rows = f.store().findPayments(PaymentQuery{});
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 0);
    QCOMPARE(dialog->step(), ChargeDialog::Step::Review);

    // Once the review has been on screen a moment, one click sends exactly one charge.
    QTest::qWait(ConfirmGuard::DefaultHoldMs);
    clickAt(dialog, centreInWindow(confirm));
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    QCOMPARE(f.collectRequests(), 1);
    rows = f.store().findPayments(PaymentQuery{});
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 1);
}

void TestChargeFlow::doubleClickOnChargeNowKeepsTheWindowOpen()
{
    GuiFixture f;
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+dbl-close/9Xq="_s, Kind::Approve, 800);
    auto window = f.window(tokenId);
    QPointer<ChargeDialog> dialog = openCharge(*window);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    review(dialog, u"10.00"_s);
    QTest::qWait(ConfirmGuard::DefaultHoldMs);
    // The second click lands on the in-flight page; it must not close the window on the result.
    doubleClickAt(dialog, centreInWindow(child<QPushButton>(dialog, u"confirmButton"_s)));
    QCOMPARE(dialog->step(), ChargeDialog::Step::InFlight);
    QTest::qWait(100);
    QVERIFY(!dialog.isNull());
    QVERIFY(dialog->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    QCOMPARE(f.collectRequests(), 1);
    // The dialog showed the approval itself: nothing to read in the list.
    QCOMPARE(window->notices()->count(), 0);
}

void TestChargeFlow::keysOnChargeNowWaitForTheHold()
{
    GuiFixture f;
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+keys/9Xq="_s);
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    review(dialog, u"10.00"_s);
    auto *confirm = child<QPushButton>(dialog, u"confirmButton"_s);
    // Space and Enter on a focused "Charge now" in its first moment: nothing.
    confirm->setFocus();
    QTest::keyClick(confirm, Qt::Key_Space);
    QTest::keyClick(confirm, Qt::Key_Return);
    QTest::qWait(200);
    QCOMPARE(dialog->step(), ChargeDialog::Step::Review);
    QCOMPARE(f.collectRequests(), 0);
    QTest::qWait(ConfirmGuard::DefaultHoldMs);
    QTest::keyClick(confirm, Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    QCOMPARE(f.collectRequests(), 1);
}

void TestChargeFlow::resultOfAClosedWindowIsListed()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+escape/9Xq="_s, Kind::Approve, 600);
    auto window = f.window(tokenId);
    QPointer<ChargeDialog> dialog = openCharge(*window);
    review(dialog, u"30.00"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    const qint64 paymentId = dialog->paymentId();
    const QString orderId = dialog->orderId();
    QVERIFY(paymentId > 0);
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(dialog.isNull());

    NoticeList *notices = window->notices();
    QCOMPARE(notices->count(), 0); // still in flight
    QTRY_COMPARE_WITH_TIMEOUT(notices->count(), 1, 15000);
    QVERIFY2(notices->text(0).contains(u"Charge approved"_s) && notices->text(0).contains(orderId) &&
                 notices->text(0).contains(u"QAR 30.00"_s),
             qPrintable(notices->text(0)));
    QVERIFY(notices->isVisible());
    QVERIFY(!notices->isModal());

    // The status bar counts it; its calls indicator opens the list again once hidden.
    auto *calls = child<QToolButton>(window->statusBar(), u"callsButton"_s);
    QVERIFY2(calls->text().contains(u"Results to read"_s), qPrintable(calls->text()));
    notices->hide();
    QTest::mouseClick(calls, Qt::LeftButton);
    QVERIFY(notices->isVisible());

    // Kept until acknowledged.
    QTest::mouseClick(child<QPushButton>(notices, u"acknowledgeAllButton"_s), Qt::LeftButton);
    QCOMPARE(notices->count(), 0);
    QVERIFY2(!calls->text().contains(u"Results to read"_s), qPrintable(calls->text()));
}

void TestChargeFlow::declinedIsListedEvenWithTheWindowOpen()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+declined/9Xq="_s, Kind::InsufficientFunds);
    auto window = f.window(tokenId);
    ChargeDialog *dialog = openCharge(*window);
    review(dialog, u"30.00"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), ChargeDialog::Step::Result, 15000);
    QTRY_COMPARE(window->notices()->count(), 1);
    QVERIFY2(window->notices()->text(0).contains(u"Charge declined"_s),
             qPrintable(window->notices()->text(0)));
}

void TestChargeFlow::unknownOutcomeIsListed_data()
{
    QTest::addColumn<bool>("closeMidCall");
    QTest::newRow("window closed by Escape mid-call") << true;
    QTest::newRow("window left open") << false;
}

void TestChargeFlow::unknownOutcomeIsListed()
{
    QFETCH(bool, closeMidCall);
    GuiFixture f;
    // Fatora answers with a server error after a moment: the outcome is unknown.
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+http500/9Xq="_s, Kind::Http500, 600);
    auto window = f.window(tokenId);
    QPointer<ChargeDialog> dialog = openCharge(*window);
    review(dialog, u"30.00"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"confirmButton"_s), Qt::LeftButton);
    const qint64 paymentId = dialog->paymentId();
    const QString orderId = dialog->orderId();
    QVERIFY(paymentId > 0);
    QCOMPARE(dialog->step(), ChargeDialog::Step::InFlight);
    if (closeMidCall) {
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(dialog.isNull());
    }
    NoticeList *notices = window->notices();
    QCOMPARE(notices->count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(notices->count(), 1, 15000);
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Unknown);
    const QString entry = notices->text(0);
    QVERIFY2(entry.contains(u"Charge outcome unknown"_s) && entry.contains(orderId), qPrintable(entry));
    QVERIFY2(entry.contains(u"Verify it"_s), qPrintable(entry));
    QVERIFY(notices->isVisible());
    if (!closeMidCall) {
        QTRY_COMPARE(dialog->step(), ChargeDialog::Step::Result); // the result is read on the reader
        QVERIFY(child<QPushButton>(dialog, u"verifyButton"_s)->isVisible());
    }
}

void TestChargeFlow::refundClosedMidCallIsListed()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+refund-close/9Xq="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(7500, u"QAR"_s));
    auto window = f.window();
    window->openRefundDialog(paymentId);
    QPointer<RefundDialog> dialog = window->findChild<RefundDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(!dialog->isReading());
    child<QLineEdit>(dialog, u"reasonEdit"_s)->setText(u"Customer returned the goods"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"actionButton"_s), Qt::LeftButton);
    QCOMPARE(f.payments().callsInFlight(), 1);
    // Closed before the answer arrives.
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());
    NoticeList *notices = window->notices();
    QCOMPARE(notices->count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(notices->count(), 1, 15000);
    QCOMPARE(f.store().payment(paymentId)->refundState, RefundState::Refunded);
    const QString entry = notices->text(0);
    QVERIFY2(entry.contains(u"Refunded"_s) && entry.contains(f.store().payment(paymentId)->orderId),
             qPrintable(entry));
}

void TestChargeFlow::anUnknownOutcomeIsListedWhenTheReaderCannotRead()
{
    // The desk's reader has lost its connection (a silent VPN drop) while the services' connection
    // saves a charge's unknown outcome: the notice the clerk must see is still given, from the payment
    // as the service carried it, rather than lost to the failed read.
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+reader-down/9Xq="_s, Kind::Http500);
    StoreReader down([]() -> Result<std::unique_ptr<Store>> {
        return Error{QString(), u"the reader's connection dropped"_s, ErrorKind::Unavailable};
    });
    DeskContext context = f.context();
    context.reader = &down;
    MainWindow window(context);
    window.show();
    QVERIFY(QTest::qWaitFor([&down] { return down.pending() == 0; }, 10000));
    NoticeList *notices = window.notices();
    QCOMPARE(notices->count(), 0);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(3000, u"QAR"_s));
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Unknown);
    QTRY_COMPARE(notices->count(), 1);
    const QString entry = notices->text(0);
    QVERIFY2(entry.contains(u"Charge outcome unknown"_s) && entry.contains(f.store().payment(paymentId)->orderId),
             qPrintable(entry));
}

QTEST_MAIN(TestChargeFlow)
#include "tst_chargeflow.moc"
