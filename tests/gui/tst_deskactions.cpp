// The main window's actions and states: search, revoke (204, 200, 422, unconfirmed + retry),
// refund, disabled actions with their reasons, language switch (direction, mnemonics, labels and
// column widths in Arabic), closing with calls in flight.

#include "common/StatusBadgeDelegate.h"
#include "common/Translations.h"
#include "customers/CustomersPanel.h"
#include "customers/CustomerTableModel.h"
#include "customers/TokenTableModel.h"
#include "desk/MainWindow.h"
#include "payments/RefundRequestsWindow.h"
#include "GuiFixture.h"
#include "history/HistoryPanel.h"
#include "history/PaymentTableModel.h"
#include "payments/NoticeList.h"
#include "payments/RefundDialog.h"
#include "payments/RevokeDialog.h"

#include <QAction>
#include <QDateEdit>
#include <QFile>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;
using Kind = SimulatedBehaviour::Kind;

class TestDeskActions : public QObject
{
    Q_OBJECT

private slots:
    void searchFiltersTheList();
    void selectedCustomersCardIsSaidOnce();
    void aCardPickedWhileTheCardsAreReadAgainStays();
    void aCustomerPickedWhileASearchIsReadIsNotReplaced();
    void closedRevokeWindowListsTheResult();
    void searchFindsSurnameAndArabicDigits();
    void historyTextFilterNeedsThreeCharacters();
    void changesShowInPlace();
    void revokeEndsDeactivated_data();
    void revokeEndsDeactivated();
    void unconfirmedRevokeStaysPendingAndRetries();
    void revokeNeedsAReason();
    void refundShowsRefundedInHistory();
    void actionsSayWhyTheyAreDisabled();
    void clerksWindowSaysWhichRoleEachActionNeeds();
    void arabicSwitchesToRightToLeft();
    void mnemonicsKeepArabicWordsWhole_data();
    void mnemonicsKeepArabicWordsWhole();
    void valuesStayBesideTheirCaptions();
    void historyColumnsFitTheirLongestText_data();
    void historyColumnsFitTheirLongestText();
    void arabicCatalogueIsComplete();
    void closingWaitsForCallsInFlight();

private:
};

// Selecting a customer makes their first card the current one, said once when their cards arrive
// (before that, once, that no card is current: the list empties while they are read).
void TestDeskActions::selectedCustomersCardIsSaidOnce()
{
    GuiFixture f;
    const qint64 first = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok_sara_0001"_s);
    const qint64 second = f.addCustomerWithToken(u"Omar Haddad"_s, u"tok_omar_0002"_s);
    auto window = f.window();
    CustomersPanel *panel = window->customersPanel();
    panel->selectCustomer(f.store().token(first).value().customerId);
    QVERIFY(f.settle());
    QTRY_COMPARE(panel->currentTokenId(), first);
    QSignalSpy said(panel, &CustomersPanel::currentTokenChanged);
    panel->selectCustomer(f.store().token(second).value().customerId);
    QCOMPARE(panel->currentTokenId(), 0); // never the first customer's card beside the second's name
    QVERIFY(f.settle());
    QCOMPARE(panel->currentTokenId(), second);
    QCOMPARE(said.count(), 2);
    QCOMPARE(said.at(0).first().toLongLong(), 0);
    QCOMPARE(said.at(1).first().toLongLong(), second);
}

// The cards are read again (a change at another desk) and, before the answer, the clerk picks
// another card: the answer must not put the earlier card back under the Charge button.
void TestDeskActions::aCardPickedWhileTheCardsAreReadAgainStays()
{
    GuiFixture f;
    const qint64 first = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok_sara_0001"_s);
    const qint64 customer = f.store().token(first).value().customerId;
    const qint64 second = addToken(f.store(), customer, u"tok_sara_0002"_s, f.today(), 20);
    auto window = f.window(first);
    CustomersPanel *panel = window->customersPanel();
    QCOMPARE(panel->currentTokenId(), first);
    panel->refreshTokens();
    QVERIFY(panel->tokenModel()->isLoading());
    panel->tokensView()->selectionModel()->setCurrentIndex(
        panel->tokenModel()->index(panel->tokenModel()->rowOfToken(second), 0),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(panel->currentTokenId(), second);
    QVERIFY(f.settle());
    QCOMPARE(panel->currentTokenId(), second);
    QVERIFY(window->action(u"actionCharge"_s)->toolTip().contains(u"ok_sara_0002"_s.right(4)));
}

// A search is on its way and the clerk picks a customer from the rows still shown: when the
// answer does not hold that customer, nothing is selected - never the first match in their place.
void TestDeskActions::aCustomerPickedWhileASearchIsReadIsNotReplaced()
{
    GuiFixture f;
    f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok_sara_0001"_s);
    const qint64 omarCard = f.addCustomerWithToken(u"Omar Haddad"_s, u"tok_omar_0002"_s);
    const qint64 omar = f.store().token(omarCard).value().customerId;
    const qint64 yousefCard = f.addCustomerWithToken(u"Yousef Ali"_s, u"tok_yousef_03"_s);
    const qint64 yousef = f.store().token(yousefCard).value().customerId;
    auto window = f.window();
    CustomersPanel *panel = window->customersPanel();
    CustomerTableModel *model = panel->customerModel();
    QCOMPARE(panel->currentCustomerId(), omar); // the first row
    model->setSearchText(u"sar"_s); // asked; its answer comes through the event loop
    panel->customersView()->selectionModel()->setCurrentIndex(
        model->index(model->rowOfCustomer(yousef), 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(panel->currentCustomerId(), yousef);
    QVERIFY(f.settle());
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(panel->currentCustomerId(), 0);
    QCOMPARE(panel->currentTokenId(), 0);
    QVERIFY(!window->action(u"actionCharge"_s)->isEnabled());
    // A search typed with nobody picked meanwhile selects its first match, as always.
    model->setSearchText(u"omar"_s);
    QVERIFY(f.settle());
    QCOMPARE(panel->currentCustomerId(), omar);
}

void TestDeskActions::searchFiltersTheList()
{
    GuiFixture f;
    for (const QString &name : {u"Sara Al-Kuwari"_s, u"Salem Nasser"_s, u"Omar Haddad"_s, u"Layla Nasser"_s})
        addCustomer(f.store(), name);
    auto window = f.window();
    CustomerTableModel *model = window->customersPanel()->customerModel();
    QCOMPARE(model->rowCount(), 4);
    auto *search = child<QLineEdit>(window.get(), u"searchEdit"_s);
    QTest::keyClicks(search, u"sa"_s);
    QTRY_COMPARE(model->rowCount(), 2); // Sara, Salem (debounced, no Enter needed)
    QTest::keyClicks(search, u"r"_s);
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, CustomerTableModel::Name).data().toString(), u"Sara Al-Kuwari"_s);
    // The detail pane follows the only match.
    QTRY_COMPARE(window->customersPanel()->currentCustomer()->name, u"Sara Al-Kuwari"_s);
    search->clear();
    QTRY_COMPARE(model->rowCount(), 4);
}

namespace {
// QTest::keyClicks goes through Latin-1; an Arabic keyboard's text is carried by the event itself.
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(widget, &press);
        QCoreApplication::sendEvent(widget, &release);
    }
}
} // namespace

// The clerk types a surname, then a phone number in Arabic-Indic digits; the list follows without
// waiting for a pause, and a search that finds nothing says what it looked at.
void TestDeskActions::searchFindsSurnameAndArabicDigits()
{
    GuiFixture f;
    for (const auto &[name, phone] :
         {std::pair{u"Sara Al-Kuwari"_s, u"+974 5550 1234"_s},
          std::pair{u"Omar Haddad"_s, u"+974 6610 2290"_s}, std::pair{u"Layla Nasser"_s, u"3310 7788"_s}}) {
        Customer c;
        c.name = name;
        c.phone = phone;
        c.email = name.toLower().replace(u' ', u'.') + u"@example.qa"_s;
        QVERIFY(f.store().addCustomer(c).ok());
    }
    auto window = f.window();
    CustomersPanel *panel = window->customersPanel();
    CustomerTableModel *model = panel->customerModel();
    auto *search = child<QLineEdit>(window.get(), u"searchEdit"_s);
    auto *status = child<QLabel>(window.get(), u"listStatus"_s);
    QCOMPARE(model->rowCount(), 3);

    QTest::keyClicks(search, u"haddad"_s);
    // Quick searches show at once: well before the 200 ms a slow search waits for.
    QTRY_COMPARE_WITH_TIMEOUT(model->searchText(), u"haddad"_s, CustomersPanel::SearchDelayMs / 2);
    QVERIFY(f.settle());
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, CustomerTableModel::Name).data().toString(), u"Omar Haddad"_s);
    QTRY_COMPARE(panel->currentCustomer()->name, u"Omar Haddad"_s);

    search->clear();
    QTRY_COMPARE(model->rowCount(), 3);
    typeText(search, u"٦٦١٠"_s);
    QTRY_COMPARE(model->searchText(), u"٦٦١٠"_s);
    QVERIFY(f.settle());
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, CustomerTableModel::Name).data().toString(), u"Omar Haddad"_s);

    // Typed with the country code and spaces, a number stored without them.
    search->clear();
    QTest::keyClicks(search, u"+974 3310"_s);
    QTRY_COMPARE(model->searchText(), u"+974 3310"_s);
    QVERIFY(f.settle());
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, CustomerTableModel::Name).data().toString(), u"Layla Nasser"_s);

    // Nothing found: the status says what was searched.
    search->clear();
    typeText(search, u"٩٩٩٩"_s);
    QTRY_COMPARE(model->searchText(), u"٩٩٩٩"_s);
    QVERIFY(f.settle());
    QCOMPARE(model->rowCount(), 0);
    QVERIFY2(status->text().contains(u"9999"_s) && status->text().contains(u"phone"_s),
             qPrintable(status->text()));
    QVERIFY(status->text().contains(u"names, emails and references"_s));
    search->clear();
    QTest::keyClicks(search, u"zq"_s);
    QTRY_COMPARE(model->searchText(), u"zq"_s);
    QVERIFY(f.settle());
    QCOMPARE(model->rowCount(), 0);
    QVERIFY2(status->text().contains(u"starts with"_s) && status->text().contains(u"3 or more"_s),
             qPrintable(status->text()));
    QVERIFY(status->text().contains(u"Show archived"_s));
}

// The payment service announces each change with its value: the customer's line, the card's line
// and the history's row show it in place, without reading their lists again (on a shared database
// each re-read is a round trip, and a reset list loses the clerk's scroll position).
void TestDeskActions::changesShowInPlace()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+inplace/9Xq="_s);
    const qint64 earlier = f.chargeAndWait(tokenId, Money(1000, u"QAR"_s));
    auto window = f.window();
    CustomersPanel *panel = window->customersPanel();
    CustomerTableModel *customers = panel->customerModel();
    TokenTableModel *tokens = panel->tokenModel();
    QTRY_COMPARE(customers->rowCount(), 1);
    QTRY_COMPARE(tokens->rowCount(), 1);
    window->showHistoryTab();
    QVERIFY(f.settle());
    PaymentTableModel *history = window->historyPanel()->model();
    QTRY_COMPARE(history->rowCount(), 1);
    const QDateTime firstCharge = customers->summary(0)->lastChargeAt;
    QVERIFY(firstCharge.isValid());

    QSignalSpy customersReset(customers, &QAbstractItemModel::modelReset);
    QSignalSpy tokensReset(tokens, &QAbstractItemModel::modelReset);
    QSignalSpy historyReset(history, &QAbstractItemModel::modelReset);
    f.clock().advanceSecs(600);
    QVERIFY(f.payments().refund(earlier, u"customer returned the goods"_s).ok()); // no new row anywhere
    QTRY_COMPARE(history->paymentRow(0)->payment.refundState, RefundState::Refunded);
    QCOMPARE(historyReset.size(), 0);

    f.clock().advanceSecs(600);
    const qint64 later = f.chargeAndWait(tokenId, Money(2000, u"QAR"_s));
    QCOMPARE(customers->summary(0)->lastChargeAt, f.store().payment(later)->createdAt);
    QVERIFY(customers->summary(0)->lastChargeAt > firstCharge);
    QCOMPARE(tokens->token(0)->lastUsedAt, f.store().token(tokenId)->lastUsedAt);
    QVERIFY(!tokens->openCharge(tokenId)); // settled: the card is free again
    QCOMPARE(customersReset.size(), 0);
    QCOMPARE(tokensReset.size(), 0);
    QTRY_COMPARE(history->rowCount(), 2); // a new payment: the one case the history reads again
}

void TestDeskActions::historyTextFilterNeedsThreeCharacters()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+hist/9Xq="_s);
    const qint64 first = f.chargeAndWait(tokenId, Money(1000, u"QAR"_s));
    f.chargeAndWait(tokenId, Money(2000, u"QAR"_s));
    const QString orderId = f.store().payment(first)->orderId;
    auto window = f.window();
    window->showHistoryTab();
    QVERIFY(f.settle());
    PaymentTableModel *model = window->historyPanel()->model();
    QTRY_COMPARE(model->rowCount(), 2);
    auto *text = child<QLineEdit>(window.get(), u"textEdit"_s);
    auto *hint = child<QLabel>(window.get(), u"textHintLabel"_s);
    QVERIFY(!hint->isVisible());

    // Two characters would scan the whole history: they filter nothing, and the hint says why.
    QTest::keyClicks(text, u"zq"_s);
    QVERIFY(hint->isVisible());
    QTest::qWait(HistoryPanel::FilterDelayMs * 2);
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(model->filter().text.isEmpty());

    // From the third character on the filter applies.
    text->setText(orderId.right(6));
    QVERIFY(!hint->isVisible());
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->filter().text, orderId.right(6));
    text->clear();
    QVERIFY(!hint->isVisible());
    QTRY_COMPARE(model->rowCount(), 2);
}

void TestDeskActions::revokeEndsDeactivated_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("answer200");
    QTest::addColumn<bool>("alreadyDeactivated");
    QTest::newRow("204 no content") << u"tok+r204/AbC="_s << false << false;
    QTest::newRow("200 result 1") << u"tok+r200/AbC="_s << true << false;
    QTest::newRow("422 already deactivated") << u"tok+r422/AbC="_s << false << true;
}

void TestDeskActions::revokeEndsDeactivated()
{
    QFETCH(QString, token);
    QFETCH(bool, answer200);
    QFETCH(bool, alreadyDeactivated);
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Layla Nasser"_s, token);
    if (answer200) {
        SimulatedBehaviour b;
        b.deactivateReply = SimulatedBehaviour::DeactivateReply::Ok200;
        f.simulator().script(token, b);
    }
    if (alreadyDeactivated) {
        // Someone deactivated it at Fatora already (another system, the dashboard).
        bool done = false;
        GatewayReply *reply = f.gateway().deactivate(DeactivateRequest{token, u"OTHER-1"_s});
        QObject::connect(reply, &GatewayReply::finished, reply, [&] { done = true; });
        QTRY_VERIFY(done);
        QVERIFY(f.simulator().isTokenDeactivated(token));
    }
    auto window = f.window(tokenId);
    QVERIFY(window->action(u"actionCharge"_s)->isEnabled());
    window->action(u"actionRevoke"_s)->trigger();
    auto *dialog = window->findChild<RevokeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"reasonEdit"_s), u"Customer asked to remove the card"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"actionButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(dialog, u"resultTitle"_s)->text(), u"Deactivated"_s, 15000);

    QCOMPARE(f.store().token(tokenId)->status, TokenStatus::Deactivated);
    QVERIFY(f.simulator().isTokenDeactivated(token));
    auto audit = f.store().auditFor(u"token"_s, tokenId);
    QVERIFY(audit.ok());
    bool reasonKept = false;
    for (const AuditEntry &e : audit.value())
        reasonKept = reasonKept || e.detail.contains(u"Customer asked to remove the card"_s);
    QVERIFY(reasonKept);

    // The card's badge and the actions follow: Charge disabled, saying why.
    TokenTableModel *tokens = window->customersPanel()->tokenModel();
    QTRY_COMPARE(tokens->index(tokens->rowOfToken(tokenId), TokenTableModel::Status).data().toString(),
                 u"Deactivated"_s);
    QAction *charge = window->action(u"actionCharge"_s);
    QTRY_VERIFY(!charge->isEnabled());
    QVERIFY2(charge->toolTip().contains(u"revoked on"_s), qPrintable(charge->toolTip()));
    QVERIFY(!window->action(u"actionRevoke"_s)->isEnabled());
}

void TestDeskActions::unconfirmedRevokeStaysPendingAndRetries()
{
    GuiFixture f;
    const QString token = u"tok+pending/AbC="_s;
    const qint64 tokenId = f.addCustomerWithToken(u"Khalid"_s, token);
    auto window = f.window(tokenId);
    f.simulator().setApiKey(u"ANOTHER-KEY"_s); // the desk's key is refused: 401
    window->action(u"actionRevoke"_s)->trigger();
    auto *dialog = window->findChild<RevokeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QTest::keyClicks(child<QLineEdit>(dialog, u"reasonEdit"_s), u"Card lost"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"actionButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(dialog, u"resultTitle"_s)->text(), u"Revoke pending"_s, 15000);
    QCOMPARE(f.store().token(tokenId)->status, TokenStatus::RevokePending);
    auto *retry = child<QPushButton>(dialog, u"retryButton"_s);
    QVERIFY(retry->isVisible());
    QTRY_VERIFY(!window->action(u"actionCharge"_s)->isEnabled()); // never chargeable while revoke pending

    f.simulator().setApiKey(GatewaySimulator::defaultApiKey());
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(dialog, u"resultTitle"_s)->text(), u"Deactivated"_s, 15000);
    QCOMPARE(f.store().token(tokenId)->status, TokenStatus::Deactivated);
}

void TestDeskActions::revokeNeedsAReason()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Khalid"_s, u"tok+reason/AbC="_s);
    auto window = f.window(tokenId);
    window->action(u"actionRevoke"_s)->trigger();
    auto *dialog = window->findChild<RevokeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QTest::mouseClick(child<QPushButton>(dialog, u"actionButton"_s), Qt::LeftButton);
    auto *error = child<QLabel>(dialog, u"confirmError"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(u"Reason:"_s), qPrintable(error->text()));
    QCOMPARE(f.simulator().requestCount(), 0);
    QCOMPARE(f.store().token(tokenId)->status, TokenStatus::Active);
}

void TestDeskActions::refundShowsRefundedInHistory()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+refund/9Xq="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(7500, u"QAR"_s));
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Approved);
    auto window = f.window(tokenId);
    window->showHistoryTab();
    QVERIFY(f.settle());
    window->historyPanel()->selectPayment(paymentId);
    QVERIFY(f.settle());
    QAction *refund = window->action(u"actionRefund"_s);
    QVERIFY2(refund->isEnabled(), qPrintable(refund->toolTip()));
    refund->trigger();
    auto *dialog = window->findChild<RefundDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QVERIFY(child<QLabel>(dialog, u"question"_s)->text().contains(u"QAR 75.00"_s));
    QTest::mouseClick(child<QPushButton>(dialog, u"actionButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(dialog, u"resultTitle"_s)->text().startsWith(u"Refund"_s) &&
                                 child<QLabel>(dialog, u"resultTitle"_s)->text() != u"Refunding…"_s,
                             15000);
    const RefundState state = f.store().payment(paymentId)->refundState;
    QVERIFY(state == RefundState::Refunded || state == RefundState::Pending);
    PaymentTableModel *history = window->historyPanel()->model();
    const QString shown =
        history->index(history->rowOfPayment(paymentId), PaymentTableModel::State).data().toString();
    QVERIFY2(shown.contains(u"refund"_s), qPrintable(shown));
    QTRY_VERIFY(!refund->isEnabled()); // never twice
    QCOMPARE(f.simulator().requestCount(GatewayClient::path(GatewayOperation::Refund)), 1);
}

// Issue 14: a clerk's desk offers what a clerk may do; every other action is greyed out and says
// which role it needs, in the words the service would refuse it with.
void TestDeskActions::clerksWindowSaysWhichRoleEachActionNeeds()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok_clerk_window_1"_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(7500, u"QAR"_s));
    StaffMember clerk;
    clerk.login = u"amal"_s;
    clerk.role = StaffRole::Clerk;
    f.payments().setActor(clerk);
    auto window = f.window(tokenId);
    window->showHistoryTab();
    QVERIFY(f.settle());
    window->historyPanel()->selectPayment(paymentId);
    QVERIFY(f.settle());

    for (const QString &name : {u"actionRefund"_s, u"actionRevoke"_s, u"actionImportCsv"_s, u"actionAddCustomer"_s,
                                u"actionEditCustomer"_s, u"actionAddToken"_s, u"actionExportCsv"_s,
                                u"actionBillingRun"_s}) {
        QAction *action = window->action(name);
        QVERIFY2(action, qPrintable(name));
        QVERIFY2(!action->isEnabled(), qPrintable(name));
        QVERIFY2(action->toolTip().contains(u"supervisor role"_s) && action->toolTip().contains(u"amal"_s),
                 qPrintable(name + u": "_s + action->toolTip()));
    }
    QAction *settings = window->action(u"actionSettings"_s);
    QVERIFY(!settings->isEnabled());
    QVERIFY2(settings->toolTip().contains(u"administrator role"_s), qPrintable(settings->toolTip()));
    // What a clerk does stays at hand.
    QVERIFY2(window->action(u"actionCharge"_s)->isEnabled(), qPrintable(window->action(u"actionCharge"_s)->toolTip()));
    // (Verify follows its own rule here - an approved payment needs none - not the role's.)
    QVERIFY2(!window->action(u"actionVerify"_s)->toolTip().contains(u"role"_s),
             qPrintable(window->action(u"actionVerify"_s)->toolTip()));
    // A refund through a shortcut or a stale menu is refused by the service all the same.
    auto refused = f.payments().refund(paymentId, u"asked"_s);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field, u"role"_s);
    QCOMPARE(f.store().payment(paymentId)->refundState, RefundState::None);
    auto *label = window->findChild<QLabel *>(u"signedInLabel"_s);
    QVERIFY(label && label->text().contains(u"amal"_s));

    // A supervisor's desk offers the refund.
    StaffMember supervisor = clerk;
    supervisor.role = StaffRole::Supervisor;
    f.payments().setActor(supervisor);
    auto second = f.window(tokenId);
    second->showHistoryTab();
    QVERIFY(f.settle());
    second->historyPanel()->selectPayment(paymentId);
    QVERIFY(f.settle());
    QVERIFY2(second->action(u"actionRefund"_s)->isEnabled(), qPrintable(second->action(u"actionRefund"_s)->toolTip()));
    QVERIFY(!second->action(u"actionSettings"_s)->isEnabled());
}

void TestDeskActions::actionsSayWhyTheyAreDisabled()
{
    GuiFixture f;
    auto window = f.window();
    QAction *charge = window->action(u"actionCharge"_s);
    QVERIFY(!charge->isEnabled());
    QVERIFY(!charge->toolTip().isEmpty());
    QVERIFY(!window->action(u"actionVerify"_s)->isEnabled());
    QVERIFY(window->action(u"actionVerify"_s)->toolTip().contains(u"Select a payment"_s));

    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+why/9Xq="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(1000, u"QAR"_s));
    window->historyPanel()->refresh();
    QVERIFY(f.settle());
    window->historyPanel()->selectPayment(paymentId);
    QVERIFY(f.settle());
    QAction *verify = window->action(u"actionVerify"_s);
    QVERIFY(!verify->isEnabled());
    QVERIFY2(verify->toolTip().contains(u"only payments with an unknown outcome"_s),
             qPrintable(verify->toolTip()));
    QVERIFY(window->action(u"actionRefund"_s)->isEnabled());
    // Four eyes are a shared database's: on a file one person refunds, and the queue says why not.
    QVERIFY(!f.payments().refundNeedsApproval(paymentId).value());
    QAction *requests = window->action(u"actionRefundRequests"_s);
    QVERIFY(!requests->isEnabled());
    QVERIFY2(requests->toolTip().contains(u"shared database"_s), qPrintable(requests->toolTip()));
    DeskContext context = f.context();
    RefundRequestsWindow queue(context);
    queue.setAttribute(Qt::WA_DeleteOnClose, false);
    QVERIFY(child<QLabel>(&queue, u"limitLabel"_s)->text().contains(u"not reviewed on a database file"_s));
    QVERIFY(!child<QPushButton>(&queue, u"approveButton"_s)->isEnabled());
}

void TestDeskActions::arabicSwitchesToRightToLeft()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+ar/9Xq="_s);
    f.chargeAndWait(tokenId, Money(12345, u"QAR"_s));
    auto window = f.window();
    const QString englishCharge = window->action(u"actionCharge"_s)->text();
    QCOMPARE(window->layoutDirection(), Qt::LeftToRight);
    QVERIFY(Translations::apply(u"ar"_s));
    QCOMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
    QTRY_COMPARE(window->layoutDirection(), Qt::RightToLeft);
    QTRY_VERIFY(window->action(u"actionCharge"_s)->text() != englishCharge);
    auto *tabs = child<QTabWidget>(window.get(), u"tabs"_s);
    QTRY_COMPARE(tabs->tabText(0), u"العملاء"_s);
    // Amounts stay left-to-right inside right-to-left text: isolated, so "QAR" stays before the number.
    PaymentTableModel *history = window->historyPanel()->model();
    QVERIFY(f.settle());
    QCOMPARE(history->rowCount(), 1);
    const QString amount = history->index(0, PaymentTableModel::Amount).data().toString();
    QVERIFY2(amount.startsWith(QChar(0x2066)) && amount.endsWith(QChar(0x2069)), qPrintable(amount));
    QVERIFY2(amount.contains(u"QAR"_s) && amount.contains(u"١٢٣"_s), qPrintable(amount));
    // Windows already open follow the new locale too: the history's date filter in Arabic-Indic digits.
    const QString from = child<QDateEdit>(window.get(), u"fromEdit"_s)->text();
    QVERIFY2(from.contains(u"٢٠٢٦"_s), qPrintable(from));
    QVERIFY(Translations::apply(u"en"_s));
    QTRY_COMPARE(window->layoutDirection(), Qt::LeftToRight);
    QTRY_COMPARE(window->action(u"actionCharge"_s)->text(), englishCharge);
}

void TestDeskActions::mnemonicsKeepArabicWordsWhole_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("withMnemonic");
    QTest::addColumn<QString>("plain");
    QTest::addColumn<bool>("drawnAlike");
    QTest::newRow("English underlines the letter") << u"en"_s << u"&Amount:"_s << u"Amount:"_s << false;
    // An underline would draw the letter as a run of its own: the word falls apart and its end is cut.
    QTest::newRow("Arabic draws the word whole") << u"ar"_s << u"ال&مبلغ:"_s << u"المبلغ:"_s << true;
}

void TestDeskActions::mnemonicsKeepArabicWordsWhole()
{
    QFETCH(QString, language);
    QFETCH(QString, withMnemonic);
    QFETCH(QString, plain);
    QFETCH(bool, drawnAlike);
    QVERIFY(Translations::apply(language));
    QLineEdit buddy;
    QLabel marked(withMnemonic);
    marked.setBuddy(&buddy);
    QLabel unmarked(plain);
    const QSize size = unmarked.sizeHint().expandedTo(marked.sizeHint());
    marked.resize(size);
    unmarked.resize(size);
    const QImage a = marked.grab().toImage();
    const QImage b = unmarked.grab().toImage();
    QVERIFY(Translations::apply(u"en"_s));
    QCOMPARE(a == b, drawnAlike);
}

void TestDeskActions::valuesStayBesideTheirCaptions()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok+side/9Xq="_s);
    auto window = f.window(tokenId);
    auto *name = child<QLabel>(window.get(), u"nameValue"_s);
    QCOMPARE(name->text(), u"Sara Al-Kuwari"_s);
    QCOMPARE(name->alignment() & Qt::AlignHorizontal_Mask, Qt::AlignLeft | Qt::AlignAbsolute);
    // A Latin name in an Arabic form sits next to "الاسم:" on the right, not at the far left.
    QVERIFY(Translations::apply(u"ar"_s));
    QTRY_COMPARE(name->alignment() & Qt::AlignHorizontal_Mask, Qt::AlignRight | Qt::AlignAbsolute);
    QVERIFY(Translations::apply(u"en"_s));
    QTRY_COMPARE(name->alignment() & Qt::AlignHorizontal_Mask, Qt::AlignLeft | Qt::AlignAbsolute);
}

void TestDeskActions::historyColumnsFitTheirLongestText_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << u"en"_s;
    QTest::newRow("Arabic") << u"ar"_s;
}

void TestDeskActions::historyColumnsFitTheirLongestText()
{
    QFETCH(QString, language);
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+wide/9Xq="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, std::nullopt);
    Payment p = f.store().payment(paymentId).value();
    p.refundState = RefundState::Pending; // "Approved · refund pending": the longest state there is
    QVERIFY(f.store().updatePayment(p).ok());
    QVERIFY(Translations::apply(language));
    auto window = f.window();
    window->showHistoryTab();
    QVERIFY(f.settle());
    window->historyPanel()->refresh();
    QVERIFY(f.settle());
    QTableView *view = window->historyPanel()->view();
    const QFontMetrics metrics(view->font());
    const auto needed = [&](int column, int padding) {
        return metrics.horizontalAdvance(view->model()->index(0, column).data().toString()) + padding;
    };
    const int state = view->columnWidth(PaymentTableModel::State);
    const int amount = view->columnWidth(PaymentTableModel::Amount);
    const int stateNeeded = needed(PaymentTableModel::State, StatusBadgeDelegate::horizontalSpace());
    const int amountNeeded = needed(PaymentTableModel::Amount, 8);
    QVERIFY(Translations::apply(u"en"_s));
    QVERIFY2(state >= stateNeeded, qPrintable(u"%1 < %2"_s.arg(state).arg(stateNeeded)));
    QVERIFY2(amount >= amountNeeded, qPrintable(u"%1 < %2"_s.arg(amount).arg(amountNeeded)));
}

void TestDeskActions::arabicCatalogueIsComplete()
{
    QFile ts(QStringLiteral(FATORA_AR_TS_FILE));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    const QByteArray text = ts.readAll();
    QVERIFY(text.contains("<message"));
    QVERIFY2(!text.contains("type=\"unfinished\""),
             "run the fatora_gui_lupdate target and translate what it adds");
    QVERIFY2(!text.contains("<translation></translation>") && !text.contains("<translation/>"),
             "an Arabic translation is empty");
    QVERIFY2(!text.contains("<numerusform></numerusform>"), "an Arabic plural form is empty");
}

void TestDeskActions::closingWaitsForCallsInFlight()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+closing/9Xq="_s, Kind::Approve, 1000);
    auto window = f.window(tokenId);
    auto paymentId = f.payments().charge(ChargeRequest(tokenId, Money(1500, u"QAR"_s)));
    QVERIFY(paymentId.ok());
    QCOMPARE(f.payments().callsInFlight(), 1);
    bool asked = false;
    onNextModal([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        asked = true;
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::AcceptRole)
                button->click();
        }
    });
    QVERIFY(!window->close()); // refused for now: a result is on its way
    QVERIFY(asked);
    QVERIFY(window->isVisible());
    QVERIFY(!window->action(u"actionCharge"_s)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 15000); // closes by itself once the result is in
    QCOMPARE(f.store().payment(paymentId.value())->state, PaymentState::Approved);
}

void TestDeskActions::closedRevokeWindowListsTheResult()
{
    GuiFixture f;
    // Slow enough for the clerk to close the window before Fatora answers.
    const qint64 tokenId =
        f.addCustomerWithToken(u"Layla Nasser"_s, u"tok+rclosed/AbC="_s, Kind::Approve, 600);
    auto window = f.window(tokenId);
    window->action(u"actionRevoke"_s)->trigger();
    QPointer<RevokeDialog> dialog = window->findChild<RevokeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, u"reasonEdit"_s), u"Customer asked"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"actionButton"_s), Qt::LeftButton);
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(dialog.isNull());
    QTRY_COMPARE_WITH_TIMEOUT(f.store().token(tokenId)->status, TokenStatus::Deactivated, 15000);
    NoticeList *notices = window->notices();
    QTRY_COMPARE(notices->count(), 1);
    QVERIFY2(notices->text(0).contains(u"Card revoked"_s) && notices->text(0).contains(u"Layla Nasser"_s),
             qPrintable(notices->text(0)));
}

QTEST_MAIN(TestDeskActions)
#include "tst_deskactions.moc"
