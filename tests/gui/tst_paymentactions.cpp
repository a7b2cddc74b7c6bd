// The history's actions for payments whose outcome never arrived: "Record refund outcome…" for a
// refund left pending or unknown, "Close as not charged…" for a charge Fatora still does not know a
// day later (the service's refusal shown as it says it), the Refund action explaining why it waits,
// and the periodic recovery of charges orphaned by a process that died mid-call.

#include "common/ConfirmGuard.h"
#include "common/Display.h"
#include "common/ModelRoles.h"
#include "customers/CustomersPanel.h"
#include "customers/TokenTableModel.h"
#include "desk/DeskStatusBar.h"
#include "desk/MainWindow.h"
#include "GuiFixture.h"
#include "history/HistoryPanel.h"
#include "history/PaymentTableModel.h"
#include "payments/CloseUnfoundDialog.h"
#include "payments/PaymentDetailsView.h"
#include "payments/ReconcileDialog.h"
#include "payments/RefundDialog.h"
#include "payments/RefundOutcomeDialog.h"
#include "payments/RevokeDialog.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;
using Kind = SimulatedBehaviour::Kind;

class TestPaymentActions : public QObject
{
    Q_OBJECT

private slots:
    void unknownChargeShowsOnTheCardWithVerify();
    void settledPaymentLeavesNoStaleMessage();
    void reconcileWithNothingToVerifySaysSo();
    void confirmButtonsIgnoreTheirFirstMoment();
    void refundConfirmIgnoresItsFirstMoment();
    void closeUnfoundConfirmIgnoresItsFirstMoment();
    void lastUseColumnFollowsApprovedCharges();
    void recordRefundOutcome_data();
    void recordRefundOutcome();
    void recordRefundOutcomeAsksForChoiceAndReason();
    void recordRefundOutcomeOnlyForOpenRefunds();
    void refundDialogShowsServiceRefusal();
    void closeUnfoundShowsRefusalUntilADayLater();
    void closeUnfoundOnlyForUnknown();
    void periodicRecoveryMovesOrphansOnly();

private:
    // An approved charge whose refund was left in `state` (as a desk that died mid-refund leaves it).
    static qint64 approvedWithRefund(GuiFixture &f, const QString &token, RefundState state);
    static void selectInHistory(MainWindow &window, qint64 paymentId);
    static void verifyAndWait(GuiFixture &f, qint64 paymentId);
    static QString historyState(MainWindow &window, qint64 paymentId);
    static QStringList auditDetails(GuiFixture &f, qint64 paymentId, const QString &action);
    // An unknown charge that Fatora still did not know a day later: "Close as not charged…" is offered.
    static qint64 unfoundADayLater(GuiFixture &f, const QString &token);
    static QString lastUse(MainWindow &window, qint64 tokenId);
};

qint64 TestPaymentActions::unfoundADayLater(GuiFixture &f, const QString &token)
{
    const qint64 tokenId = f.addCustomerWithToken(u"Omar Haddad"_s, token, Kind::Http500);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(4500, u"QAR"_s));
    if (f.store().payment(paymentId)->state != PaymentState::Unknown)
        qFatal("charge not unknown");
    f.clock().advanceSecs(PaymentService::CloseUnfoundAfterSecs + 60);
    verifyAndWait(f, paymentId);
    return paymentId;
}

QString TestPaymentActions::lastUse(MainWindow &window, qint64 tokenId)
{
    TokenTableModel *cards = window.customersPanel()->tokenModel();
    return cards->index(cards->rowOfToken(tokenId), TokenTableModel::LastUsed).data().toString();
}

qint64 TestPaymentActions::approvedWithRefund(GuiFixture &f, const QString &token, RefundState state)
{
    const qint64 tokenId = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, token);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(7500, u"QAR"_s));
    Payment p = f.store().payment(paymentId).value();
    if (p.state != PaymentState::Approved)
        qFatal("charge not approved");
    p.refundState = state;
    if (state == RefundState::Pending) // interrupted: older than any call that could still be running
        p.updatedAt = f.clock().now().addSecs(-PaymentService::OrphanAfterSecs - 60);
    if (auto r = f.store().updatePayment(p); !r.ok())
        qFatal("%s", qPrintable(r.error().toString()));
    return paymentId;
}

void TestPaymentActions::selectInHistory(MainWindow &window, qint64 paymentId)
{
    window.showHistoryTab();
    QVERIFY(settled(window));
    window.historyPanel()->refresh();
    QVERIFY(settled(window));
    window.historyPanel()->selectPayment(paymentId);
    QVERIFY(settled(window));
    if (window.historyPanel()->currentPaymentId() != paymentId)
        qFatal("payment %lld not in the history", paymentId);
}

void TestPaymentActions::verifyAndWait(GuiFixture &f, qint64 paymentId)
{
    bool done = false;
    QObject guard;
    QObject::connect(&f.payments(), &PaymentService::verifyFinished, &guard,
                     [&](qint64 id) { done = done || id == paymentId; });
    if (auto started = f.payments().verify(paymentId); !started.ok())
        qFatal("verify: %s", qPrintable(started.error().toString()));
    if (!QTest::qWaitFor([&] { return done; }, 15000))
        qFatal("verify did not finish");
}

QString TestPaymentActions::historyState(MainWindow &window, qint64 paymentId)
{
    PaymentTableModel *history = window.historyPanel()->model();
    return history->index(history->rowOfPayment(paymentId), PaymentTableModel::State).data().toString();
}

QStringList TestPaymentActions::auditDetails(GuiFixture &f, qint64 paymentId, const QString &action)
{
    QStringList details;
    auto entries = f.store().auditFor(u"payment"_s, paymentId);
    if (!entries.ok())
        qFatal("audit: %s", qPrintable(entries.error().toString()));
    for (const AuditEntry &e : entries.value()) {
        if (e.action == action)
            details << e.detail;
    }
    return details;
}

void TestPaymentActions::recordRefundOutcome_data()
{
    QTest::addColumn<RefundState>("left");
    QTest::addColumn<bool>("refunded");
    QTest::addColumn<RefundState>("recorded");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<bool>("refundAgain");
    QTest::newRow("unknown refund, dashboard shows it refunded")
        << RefundState::Unknown << true << RefundState::Refunded << u"Approved · refunded"_s << false;
    QTest::newRow("unknown refund, dashboard shows none")
        << RefundState::Unknown << false << RefundState::Rejected << u"Approved · refund rejected"_s << true;
    QTest::newRow("interrupted pending refund, dashboard shows it refunded")
        << RefundState::Pending << true << RefundState::Refunded << u"Approved · refunded"_s << false;
}

void TestPaymentActions::recordRefundOutcome()
{
    QFETCH(RefundState, left);
    QFETCH(bool, refunded);
    QFETCH(RefundState, recorded);
    QFETCH(QString, shown);
    QFETCH(bool, refundAgain);
    GuiFixture f;
    const qint64 paymentId = approvedWithRefund(f, u"tok+outcome/9Xq="_s, left);
    auto window = f.window();
    selectInHistory(*window, paymentId);

    // Refund waits, and says why and what to do instead.
    QAction *refund = window->action(u"actionRefund"_s);
    QVERIFY(!refund->isEnabled());
    QVERIFY2(refund->toolTip().contains(u"pay the money back twice"_s) &&
                 refund->toolTip().contains(u"Record refund outcome"_s),
             qPrintable(refund->toolTip()));
    QAction *record = window->action(u"actionRecordRefundOutcome"_s);
    QVERIFY2(record->isEnabled(), qPrintable(record->toolTip()));

    record->trigger();
    auto *dialog = window->findChild<RefundOutcomeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QCOMPARE(dialog->paymentId(), paymentId);
    QVERIFY2(child<QLabel>(dialog, u"question"_s)->text().contains(f.store().payment(paymentId)->orderId),
             qPrintable(child<QLabel>(dialog, u"question"_s)->text()));
    child<QRadioButton>(dialog, refunded ? u"refundedRadio"_s : u"notRefundedRadio"_s)->click();
    const QString reason = u"Dashboard: refund R-7781 on 25 Nov"_s;
    QTest::keyClicks(child<QLineEdit>(dialog, u"reasonEdit"_s), reason);
    QTest::mouseClick(child<QPushButton>(dialog, u"reviewButton"_s), Qt::LeftButton);

    // The confirmation states what will be recorded; nothing is recorded before it.
    auto *pages = child<QStackedWidget>(dialog, u"pages"_s);
    QCOMPARE(pages->currentWidget()->objectName(), u"confirmPage"_s);
    const QString question = child<QLabel>(dialog, u"confirmQuestion"_s)->text();
    QVERIFY2(question.contains(refunded ? u"was refunded"_s : u"not refunded"_s), qPrintable(question));
    QCOMPARE(f.store().payment(paymentId)->refundState, left);
    QPointer<RefundOutcomeDialog> open = dialog;
    QTest::mouseClick(child<QPushButton>(dialog, u"recordButton"_s), Qt::LeftButton);
    QTRY_VERIFY(open.isNull());

    QCOMPARE(f.store().payment(paymentId)->refundState, recorded);
    const QString auditAction = refunded ? u"refund.resolved-refunded"_s : u"refund.resolved-rejected"_s;
    QCOMPARE(auditDetails(f, paymentId, auditAction), QStringList{reason});
    QTRY_COMPARE(historyState(*window, paymentId), shown);
    QTRY_VERIFY(!record->isEnabled());
    QCOMPARE(refund->isEnabled(), refundAgain);
    QCOMPARE(f.simulator().requestCount(GatewayClient::path(GatewayOperation::Refund)), 0); // nothing sent
}

void TestPaymentActions::recordRefundOutcomeAsksForChoiceAndReason()
{
    GuiFixture f;
    const qint64 paymentId = approvedWithRefund(f, u"tok+choice/9Xq="_s, RefundState::Unknown);
    auto window = f.window();
    selectInHistory(*window, paymentId);
    window->action(u"actionRecordRefundOutcome"_s)->trigger();
    auto *dialog = window->findChild<RefundOutcomeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    auto *review = child<QPushButton>(dialog, u"reviewButton"_s);
    auto *error = child<QLabel>(dialog, u"errorLabel"_s);
    auto *pages = child<QStackedWidget>(dialog, u"pages"_s);

    // No outcome is chosen for the operator.
    QVERIFY(!child<QRadioButton>(dialog, u"refundedRadio"_s)->isChecked());
    QVERIFY(!child<QRadioButton>(dialog, u"notRefundedRadio"_s)->isChecked());
    QTest::keyClicks(child<QLineEdit>(dialog, u"reasonEdit"_s), u"checked"_s);
    QTest::mouseClick(review, Qt::LeftButton);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(u"Outcome:"_s), qPrintable(error->text()));
    QCOMPARE(pages->currentWidget()->objectName(), u"formPage"_s);

    child<QRadioButton>(dialog, u"notRefundedRadio"_s)->click();
    child<QLineEdit>(dialog, u"reasonEdit"_s)->setText(u"   "_s);
    QTest::mouseClick(review, Qt::LeftButton);
    QVERIFY2(error->text().startsWith(u"Reason:"_s), qPrintable(error->text()));
    QCOMPARE(pages->currentWidget()->objectName(), u"formPage"_s);
    QCOMPARE(f.store().payment(paymentId)->refundState, RefundState::Unknown);
    QVERIFY(auditDetails(f, paymentId, u"refund.resolved-rejected"_s).isEmpty());
}

void TestPaymentActions::recordRefundOutcomeOnlyForOpenRefunds()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+none/9Xq="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(1000, u"QAR"_s));
    auto window = f.window();
    selectInHistory(*window, paymentId);
    QAction *record = window->action(u"actionRecordRefundOutcome"_s);
    QVERIFY(!record->isEnabled());
    QVERIFY2(record->toolTip().contains(u"No refund of this payment was asked for"_s),
             qPrintable(record->toolTip()));
    QVERIFY(window->action(u"actionRefund"_s)->isEnabled());

    Payment p = f.store().payment(paymentId).value();
    p.refundState = RefundState::Refunded;
    p.refundedAt = f.clock().now();
    QVERIFY(f.store().updatePayment(p).ok());
    selectInHistory(*window, paymentId);
    QVERIFY(!record->isEnabled());
    QVERIFY2(record->toolTip().contains(u"nothing to record"_s), qPrintable(record->toolTip()));
    QVERIFY(!window->action(u"actionRefund"_s)->isEnabled());
    QVERIFY2(window->action(u"actionRefund"_s)->toolTip().contains(u"already refunded on"_s),
             qPrintable(window->action(u"actionRefund"_s)->toolTip()));

    window->showHistoryTab();
    QVERIFY(f.settle());
    window->historyPanel()->setTextFilter(u"no-such-order"_s); // nothing selected
    QVERIFY(f.settle());
    QVERIFY(!record->isEnabled());
    QVERIFY2(record->toolTip().contains(u"Select a payment"_s), qPrintable(record->toolTip()));
}

void TestPaymentActions::refundDialogShowsServiceRefusal()
{
    // Even if a Refund dialog was opened before the state changed, the service refuses a second
    // refund while one is unknown, and the dialog shows its words.
    GuiFixture f;
    const qint64 paymentId = approvedWithRefund(f, u"tok+again/9Xq="_s, RefundState::Unknown);
    auto window = f.window();
    window->openRefundDialog(paymentId);
    auto *dialog = window->findChild<RefundDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, u"actionButton"_s), Qt::LeftButton);
    auto *error = child<QLabel>(dialog, u"confirmError"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"unknown"_s) && error->text().contains(u"dashboard"_s),
             qPrintable(error->text()));
    QCOMPARE(f.simulator().requestCount(GatewayClient::path(GatewayOperation::Refund)), 0);
}

void TestPaymentActions::closeUnfoundShowsRefusalUntilADayLater()
{
    GuiFixture f;
    // A 500 that Fatora never recorded: the charge is unknown, and verify finds no such order.
    const qint64 tokenId = f.addCustomerWithToken(u"Omar Haddad"_s, u"tok+lost/5s0="_s, Kind::Http500);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(4500, u"QAR"_s));
    const QString orderId = f.store().payment(paymentId)->orderId;
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Unknown);
    auto window = f.window();
    selectInHistory(*window, paymentId);
    QAction *closeUnfound = window->action(u"actionCloseUnfound"_s);
    // Never verified: the action is disabled and says, as the service would, when it can be closed.
    QVERIFY(!closeUnfound->isEnabled());
    QVERIFY2(closeUnfound->toolTip().contains(u"Verify order %1 again after"_s.arg(orderId)),
             qPrintable(closeUnfound->toolTip()));

    auto attempt = [&](const QString &reason) -> QPointer<CloseUnfoundDialog> {
        selectInHistory(*window, paymentId);
        closeUnfound->trigger();
        QPointer<CloseUnfoundDialog> dialog = window->findChild<CloseUnfoundDialog *>();
        if (!settled(*window)) // its subject is read on the desk's reader
            qFatal("the close-unfound dialog's payment was never read");
        if (!dialog)
            qFatal("no close-unfound dialog");
        child<QLineEdit>(dialog, u"reasonEdit"_s)->setText(reason);
        QTest::mouseClick(child<QPushButton>(dialog, u"closeUnfoundButton"_s), Qt::LeftButton);
        return dialog;
    };
    auto errorOf = [](CloseUnfoundDialog *dialog) {
        auto *error = child<QLabel>(dialog, u"errorLabel"_s);
        return error->isVisible() ? error->text() : QString();
    };

    // Verified at once: not found, but too soon after the attempt to be sure: still disabled.
    verifyAndWait(f, paymentId);
    QCOMPARE(f.store().payment(paymentId)->gatewayStatus, u"NOT_FOUND"_s);
    selectInHistory(*window, paymentId);
    QTRY_VERIFY2(closeUnfound->toolTip().contains(u"again after"_s), qPrintable(closeUnfound->toolTip()));
    QVERIFY(!closeUnfound->isEnabled());
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Unknown);

    // A day later Fatora still does not know it: now the action is offered.
    f.clock().advanceSecs(PaymentService::CloseUnfoundAfterSecs + 60);
    verifyAndWait(f, paymentId);
    selectInHistory(*window, paymentId);
    QTRY_VERIFY2(closeUnfound->isEnabled(), qPrintable(closeUnfound->toolTip()));

    // Without a reason: refused in the dialog, before the service is asked.
    const QString reason = u"Not in Fatora's dashboard"_s;
    QPointer<CloseUnfoundDialog> dialog = attempt(QString());
    QVERIFY2(errorOf(dialog).startsWith(u"Reason:"_s), qPrintable(errorOf(dialog)));
    QVERIFY2(child<QLabel>(dialog, u"lastCheck"_s)->text().contains(u"did not know the order"_s),
             qPrintable(child<QLabel>(dialog, u"lastCheck"_s)->text()));
    dialog->reject();
    QTRY_VERIFY(dialog.isNull());

    // With a reason it closes, audited with the reason.
    dialog = attempt(reason);
    QTRY_VERIFY(dialog.isNull());
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::NotSent);
    QCOMPARE(auditDetails(f, paymentId, u"charge.closed-unfound"_s), QStringList{reason});
    QTRY_COMPARE(historyState(*window, paymentId), u"Not sent"_s);
    QVERIFY(!closeUnfound->isEnabled());
    QCOMPARE(f.collectRequests(), 1); // closed, never re-sent

    // The card can be charged again.
    window->showCustomersTab();
    window->customersPanel()->selectCustomer(f.store().token(tokenId)->customerId);
    QVERIFY(f.settle());
    window->customersPanel()->selectToken(tokenId);
    QVERIFY(f.settle());
    QTRY_VERIFY2(window->action(u"actionCharge"_s)->isEnabled(),
                 qPrintable(window->action(u"actionCharge"_s)->toolTip()));
}

void TestPaymentActions::closeUnfoundOnlyForUnknown()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+known/9Xq="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(1000, u"QAR"_s));
    auto window = f.window();
    selectInHistory(*window, paymentId);
    QAction *closeUnfound = window->action(u"actionCloseUnfound"_s);
    QVERIFY(!closeUnfound->isEnabled());
    QVERIFY2(closeUnfound->toolTip().contains(u"unknown outcome"_s) &&
                 closeUnfound->toolTip().contains(u"Approved"_s),
             qPrintable(closeUnfound->toolTip()));
}

void TestPaymentActions::periodicRecoveryMovesOrphansOnly()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+orphan/9Xq="_s);
    // A charge written ahead by another process (another desk, the CLI) that is in flight there,
    // or that died with it: this desk cannot tell until it is older than any live call can be.
    Payment p;
    p.orderId = u"BO-20261125-ORPHAN0001"_s;
    p.tokenId = tokenId;
    p.customerId = f.store().token(tokenId)->customerId;
    p.amount = Money(2500, u"QAR"_s);
    p.currency = u"QAR"_s;
    p.state = PaymentState::Pending;
    p.operatorName = u"cli"_s;
    p.createdAt = f.clock().now();
    p.updatedAt = p.createdAt;
    auto inserted = f.store().insertPayment(p);
    QVERIFY(inserted.ok());
    const qint64 paymentId = inserted.value();

    DeskContext context = f.context();
    context.recoveryIntervalMs = 20;
    MainWindow window(context);
    window.show();
    auto *timer = window.findChild<QTimer *>(u"recoveryTimer"_s);
    QVERIFY(timer);
    QVERIFY(timer->isActive());
    QCOMPARE(timer->interval(), 20);

    // Young: maybe another process's live call. Left alone, however often the desk looks.
    // (The reader looks first; the recovery itself runs once its answer is in.)
    window.recoverInterrupted();
    QVERIFY(f.settle());
    f.clock().advanceSecs(PaymentService::OrphanAfterSecs - 60);
    window.recoverInterrupted();
    QVERIFY(f.settle());
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Pending);
    selectInHistory(window, paymentId);
    QCOMPARE(historyState(window, paymentId), u"In flight"_s);

    // Old enough: an orphan. The timer moves it to unknown, and the views follow on their own.
    f.clock().advanceSecs(120);
    QTRY_COMPARE(f.store().payment(paymentId)->state, PaymentState::Unknown);
    QTRY_COMPARE(historyState(window, paymentId), u"Unknown"_s);
    QTRY_VERIFY(window.action(u"actionVerify"_s)->isEnabled());
    QVERIFY2(window.statusBar()->currentMessage().contains(u"verify them"_s),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(auditDetails(f, paymentId, u"charge.recovered-unknown"_s).size(), 1);
    QCOMPARE(f.collectRequests(), 0); // never re-sent
}

void TestPaymentActions::unknownChargeShowsOnTheCardWithVerify()
{
    GuiFixture f;
    // A 500 that Fatora never recorded: unknown, and verify keeps it unknown (not found yet).
    const qint64 tokenId = f.addCustomerWithToken(u"Omar Haddad"_s, u"tok+open/5s0="_s, Kind::Http500);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(4500, u"QAR"_s));
    const QString orderId = f.store().payment(paymentId)->orderId;
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Unknown);
    auto window = f.window(tokenId);
    CustomersPanel *panel = window->customersPanel();

    // The card says it: not a green "Active", and why Charge is greyed, with Verify right there.
    TokenTableModel *cards = panel->tokenModel();
    const QModelIndex status = cards->index(cards->rowOfToken(tokenId), TokenTableModel::Status);
    QCOMPARE(status.data().toString(), u"Charge awaiting verification"_s);
    QCOMPARE(status.data(BadgeColorRole).value<QColor>(), fatora::Display::warningColor());
    auto *hint = child<QLabel>(panel, u"tokensHint"_s);
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(u"Charge awaiting verification"_s) && hint->text().contains(orderId),
             qPrintable(hint->text()));
    QVERIFY(!window->action(u"actionCharge"_s)->isEnabled());
    auto *verify = child<QPushButton>(panel, u"verifyOpenChargeButton"_s);
    QVERIFY(verify->isVisible());

    QTest::mouseClick(verify, Qt::LeftButton);
    auto *reconcile = window->findChild<ReconcileDialog *>();
    QVERIFY(reconcile);
    QTRY_COMPARE_WITH_TIMEOUT(reconcile->doneCount(), 1, 15000);
    auto *log = child<QListWidget>(reconcile, u"log"_s);
    QTRY_VERIFY(log->count() >= 2);
    // Asked about it, still unknown: the last line says so instead of "1 of 1 verified".
    const QString last = log->item(log->count() - 1)->text();
    QVERIFY2(last.contains(u"Settled: 0 of 1"_s) && last.contains(u"Still unknown: 1"_s), qPrintable(last));
    QCOMPARE(f.collectRequests(), 1);
}

void TestPaymentActions::settledPaymentLeavesNoStaleMessage()
{
    GuiFixture f(1000); // the client gives up after a second; the simulator approves after three
    const qint64 tokenId =
        f.addCustomerWithToken(u"Omar Haddad"_s, u"tok+settle/5s0="_s, Kind::Approve, 3000);
    auto window = f.window(tokenId);
    auto *statusBar = static_cast<DeskStatusBar *>(window->statusBar());
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(4500, u"QAR"_s));
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Unknown);
    QTRY_VERIFY(!statusBar->lastError().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(f.simulator().chargeCount(u"tok+settle/5s0="_s), 1, 10000);
    for (int attempt = 0; attempt < 10 && f.store().payment(paymentId)->state != PaymentState::Approved;
         ++attempt)
        verifyAndWait(f, paymentId);
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Approved);

    // The status bar no longer shows the error of a payment that is settled.
    QVERIFY2(statusBar->lastError().isEmpty(), qPrintable(statusBar->lastError()));
    // The card is plain active again, without the hint.
    TokenTableModel *cards = window->customersPanel()->tokenModel();
    QCOMPARE(cards->index(cards->rowOfToken(tokenId), TokenTableModel::Status).data().toString(),
             u"Active"_s);
    QVERIFY(!child<QPushButton>(window->customersPanel(), u"verifyOpenChargeButton"_s)->isVisible());
    // The details tell the old error as the charge call's, not as the payment's present.
    selectInHistory(*window, paymentId);
    auto *details = window->historyPanel()->findChild<PaymentDetailsView *>();
    QVERIFY(details);
    QTRY_VERIFY(details->isFieldShown(PaymentDetailsView::Error));
    const QString caption = details->captionLabel(PaymentDetailsView::Error)->text();
    QVERIFY2(caption.contains(u"since settled"_s), qPrintable(caption));
}

void TestPaymentActions::reconcileWithNothingToVerifySaysSo()
{
    GuiFixture f;
    auto window = f.window();
    window->openReconcileDialog({});
    auto *reconcile = window->findChild<ReconcileDialog *>();
    QVERIFY(reconcile);
    QTest::qWait(50);
    QVERIFY(!child<QProgressBar>(reconcile, u"progress"_s)->isVisible()); // no "0 of 1"
    QVERIFY(child<QLabel>(reconcile, u"summary"_s)->text().contains(u"nothing to verify"_s));
}

void TestPaymentActions::confirmButtonsIgnoreTheirFirstMoment()
{
    GuiFixture f;
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+revoke-arm/9Xq="_s);
    auto window = f.window(tokenId);
    window->openRevokeDialog(tokenId);
    auto *dialog = window->findChild<RevokeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    child<QLineEdit>(dialog, u"reasonEdit"_s)->setText(u"Customer asked"_s);
    auto *revoke = child<QPushButton>(dialog, u"actionButton"_s);
    // A click (and Enter) the moment the dialog is up does nothing ...
    clickAt(dialog, centreInWindow(revoke));
    QTest::keyClick(child<QLineEdit>(dialog, u"reasonEdit"_s), Qt::Key_Return);
    QTest::qWait(100);
    QCOMPARE(f.store().token(tokenId)->status, TokenStatus::Active);
    // ... a click a moment later revokes.
    QTest::qWait(ConfirmGuard::DefaultHoldMs);
    clickAt(dialog, centreInWindow(revoke));
    QTRY_VERIFY(f.store().token(tokenId)->status != TokenStatus::Active);
}

void TestPaymentActions::refundConfirmIgnoresItsFirstMoment()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+refund-arm/9Xq="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(7500, u"QAR"_s));
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Approved);
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
    auto window = f.window();
    window->openRefundDialog(paymentId);
    auto *dialog = window->findChild<RefundDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *reason = child<QLineEdit>(dialog, u"reasonEdit"_s);
    reason->setText(u"Customer returned the goods"_s);
    auto *refund = child<QPushButton>(dialog, u"actionButton"_s);
    QVERIFY(refund->isEnabled());
    // A click on the button's centre and Enter, the moment the dialog is up: nothing is sent.
    clickAt(dialog, centreInWindow(refund));
    QTest::keyClick(reason, Qt::Key_Return);
    QTest::qWait(150);
    const QString refundPath = GatewayClient::path(GatewayOperation::Refund);
    QCOMPARE(f.simulator().requestCount(refundPath), 0);
    QCOMPARE(f.store().payment(paymentId)->refundState, RefundState::None);
    // After the hold, one click refunds, once.
    QTest::qWait(ConfirmGuard::DefaultHoldMs);
    clickAt(dialog, centreInWindow(refund));
    QTRY_COMPARE_WITH_TIMEOUT(f.store().payment(paymentId)->refundState, RefundState::Refunded, 15000);
    QCOMPARE(f.simulator().requestCount(refundPath), 1);
}

void TestPaymentActions::closeUnfoundConfirmIgnoresItsFirstMoment()
{
    GuiFixture f;
    const qint64 paymentId = unfoundADayLater(f, u"tok+close-arm/5s0="_s);
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
    auto window = f.window();
    selectInHistory(*window, paymentId);
    QAction *closeUnfound = window->action(u"actionCloseUnfound"_s);
    QTRY_VERIFY2(closeUnfound->isEnabled(), qPrintable(closeUnfound->toolTip()));
    closeUnfound->trigger();
    QPointer<CloseUnfoundDialog> dialog = window->findChild<CloseUnfoundDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QPointer<QLineEdit> reason = child<QLineEdit>(dialog, u"reasonEdit"_s);
    reason->setText(u"Not in Fatora's dashboard"_s);
    auto *button = child<QPushButton>(dialog, u"closeUnfoundButton"_s);
    clickAt(dialog, centreInWindow(button));
    if (reason) // a click that went through has closed the dialog already
        QTest::keyClick(reason, Qt::Key_Return);
    QTest::qWait(150);
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Unknown);
    QVERIFY(!dialog.isNull());
    QVERIFY(auditDetails(f, paymentId, u"charge.closed-unfound"_s).isEmpty());
    QTest::qWait(ConfirmGuard::DefaultHoldMs);
    clickAt(dialog, centreInWindow(button));
    QTRY_COMPARE(f.store().payment(paymentId)->state, PaymentState::NotSent);
    QCOMPARE(auditDetails(f, paymentId, u"charge.closed-unfound"_s).size(), 1);
    QCOMPARE(f.collectRequests(), 1);
}

void TestPaymentActions::lastUseColumnFollowsApprovedCharges()
{
    GuiFixture f;
    const QString token = u"tok+last-use/9Xq="_s;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, token, Kind::InsufficientFunds);
    auto window = f.window(tokenId);
    QCOMPARE(lastUse(*window, tokenId), u"never"_s);

    // A declined attempt is no use of the card.
    const qint64 declined = f.chargeAndWait(tokenId, Money(3000, u"QAR"_s));
    QCOMPARE(f.store().payment(declined)->state, PaymentState::Declined);
    window->customersPanel()->selectToken(tokenId);
    QVERIFY(f.settle());
    QTest::qWait(50);
    QCOMPARE(lastUse(*window, tokenId), u"never"_s);

    // A charge Fatora made but answered with a server error: unknown, so not yet a use ...
    SimulatedBehaviour recorded;
    recorded.kind = Kind::Http500Recorded;
    f.simulator().script(token, recorded);
    f.clock().advanceSecs(120);
    const qint64 unknown = f.chargeAndWait(tokenId, Money(3000, u"QAR"_s));
    const Payment charged = f.store().payment(unknown).value();
    QCOMPARE(charged.state, PaymentState::Unknown);
    QCOMPARE(charged.httpStatus, 500);
    QCOMPARE(lastUse(*window, tokenId), u"never"_s);
    // ... and once verify finds it approved, the card's last use is that charge's date (not the verify's).
    f.clock().advanceSecs(3 * 3600);
    verifyAndWait(f, unknown);
    QCOMPARE(f.store().payment(unknown)->state, PaymentState::Approved);
    QTRY_COMPARE(lastUse(*window, tokenId), fatora::Display::dateTime(charged.createdAt));
}

QTEST_MAIN(TestPaymentActions)
#include "tst_paymentactions.moc"
