#include "desk/MainWindow.h"
#include "ui_MainWindow.h"

#include "activity/ActivityWindow.h"
#include "payments/RefundRequestsWindow.h"
#include "batches/BatchWindow.h"
#include "common/Display.h"
#include "common/UiSupport.h"
#include "common/Translations.h"
#include "customers/CustomerDialog.h"
#include "customers/CustomersPanel.h"
#include "customers/TokenTableModel.h"
#include "customers/ImportDialog.h"
#include "customers/TokenDialog.h"
#include "desk/ChangeFollower.h"
#include "desk/DeskStatusBar.h"
#include "desk/HelpWindow.h"
#include "domain/Clock.h"
#include "gateway/GatewayClient.h"
#include "history/HistoryExporter.h"
#include "history/HistoryPanel.h"
#include "payments/ActionRules.h"
#include "payments/CardRequestDialog.h"
#include "payments/CardRequestService.h"
#include "payments/ChargeDialog.h"
#include "payments/CloseUnfoundDialog.h"
#include "payments/NoticeList.h"
#include "payments/PaymentService.h"
#include "payments/ReceiptActions.h"
#include "payments/ReconcileDialog.h"
#include "payments/RefundDialog.h"
#include "payments/RefundOutcomeDialog.h"
#include "payments/RevokeDialog.h"
#include "settings/ApiKeyKeeper.h"
#include "settings/SettingsDialog.h"
#include "staff/StaffWindow.h"
#include "staff/StaffRights.h"
#include "store/Store.h"
#include "store/StoreLocation.h"
#include "store/StoreReader.h"

#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace fatora {

Q_LOGGING_CATEGORY(lcDesk, "fatora.gui.desk")

namespace {
constexpr qint64 MaxImportBytes = 64 * 1024 * 1024;

// Opens a dialog without blocking: results keep landing and tests can drive it.
template <typename Dialog> Dialog *openDialog(Dialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}
} // namespace

MainWindow::MainWindow(DeskContext context, QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()), m_context(std::move(context))
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(u":/icons/fatora-backoffice.svg"_s));
    // Before the panels and dialogs that follow the other desks through m_context.changes.
    m_follower = new ChangeFollower(*m_context.store, this);
    if (m_follower->problem().isEmpty())
        m_context.changes = m_follower;

    m_customers = new CustomersPanel(m_context, this);
    m_history = new HistoryPanel(m_context, this);
    m_ui->tabs->addTab(m_customers, QIcon(u":/icons/customers.svg"_s), QString());
    m_ui->tabs->addTab(m_history, QIcon(u":/icons/history.svg"_s), QString());

    m_ui->sandboxBanner->setVisible(m_context.sandbox);
    m_ui->sandboxBanner->setStyleSheet(
        u"QLabel { background-color: %1; color: white; font-weight: bold; }"_s.arg(
            Display::sandboxColor().name()));

    m_statusBar = new DeskStatusBar(m_context.sandbox, this);
    setStatusBar(m_statusBar);
    connect(m_follower, &ChangeFollower::othersChanged, this, &MainWindow::showOthersWork);
    if (!m_follower->problem().isEmpty())
        m_statusBar->showMessage(
            tr("Work done at other desks shows only after Tools → Reload (F5): %1").arg(m_follower->problem()));
    m_notices = new NoticeList(this);
    m_notices->setWindowFlag(Qt::Tool);
    connect(m_notices, &NoticeList::countChanged, m_statusBar, &DeskStatusBar::setUnreadResults);
    connect(m_notices, &NoticeList::countChanged, this, [this](int count) {
        // A new result nobody saw: put the list in front of the clerk, without taking the keyboard.
        if (count > 0 && !m_notices->isVisible())
            m_notices->show();
    });
    connect(m_statusBar, &DeskStatusBar::noticesRequested, this, &MainWindow::showNotices);
    new OutcomeNotifier(
        m_context, m_notices,
        [this](OutcomeNotifier::Call call, qint64 id) { return dialogShowsOutcome(call, id); }, this);
    setupActions();
    retranslate();

    PaymentService *payments = m_context.payments;
    connect(payments, &PaymentService::callsInFlightChanged, this, &MainWindow::onCallsInFlightChanged);
    connect(payments, &PaymentService::problem, this, &MainWindow::showProblem);
    // Changes arrive with their values: the lists show them in place.
    connect(payments, &PaymentService::paymentChanged, this, [this](const Payment &payment) {
        m_history->paymentChanged(payment);
        // The card of a charge shows whether it is awaiting verification.
        m_customers->showChangedCharge(payment);
        updateActions();
    });
    connect(payments, &PaymentService::tokenChanged, this, [this](const CardToken &token) {
        m_customers->showChangedToken(token);
        updateActions();
    });
    connect(payments, &PaymentService::chargeFinished, this,
            [this](qint64, PaymentState state) { settledByGateway(state); });
    // An answer that settles a payment means Fatora is reachable and the key works: the last gateway
    // error then describes the past, and the status bar stops showing it.
    connect(payments, &PaymentService::verifyFinished, this,
            [this](qint64, PaymentState state) { settledByGateway(state); });
    connect(payments, &PaymentService::refundFinished, this, [this](qint64, RefundState state) {
        if (state == RefundState::Refunded)
            m_statusBar->clearLastError();
    });
    connect(payments, &PaymentService::revokeFinished, this, [this](qint64, bool deactivated) {
        if (deactivated)
            m_statusBar->clearLastError();
    });
    if (CardRequestService *cards = m_context.cardRequests) {
        m_context.applyCardRequestSettings();
        connect(cards, &CardRequestService::callsInFlightChanged, this, &MainWindow::onCallsInFlightChanged);
        connect(cards, &CardRequestService::problem, this, &MainWindow::showProblem);
        connect(cards, &CardRequestService::paymentChanged, this, [this](const Payment &payment) {
            m_history->paymentChanged(payment);
            updateActions();
        });
        connect(cards, &CardRequestService::tokenChanged, this, [this](const CardToken &token) {
            m_customers->showChangedToken(token);
            m_customers->refreshCustomers(); // the customer's count of active cards
            updateActions();
        });
        connect(cards, &CardRequestService::checked, this, [this](const CardRequestOutcome &outcome) {
            if (outcome.savedTokenId)
                statusBar()->showMessage(tr("Card request %1: card %2 saved.")
                                             .arg(Display::isolate(outcome.payment.orderId),
                                                  Display::mask(outcome.savedTokenMask)),
                                         30000);
        });
    }
    connect(m_customers, &CustomersPanel::currentCustomerChanged, this, &MainWindow::updateActions);
    connect(m_customers, &CustomersPanel::currentTokenChanged, this, &MainWindow::updateActions);
    connect(m_customers, &CustomersPanel::problem, this, &MainWindow::showProblem);
    connect(m_customers, &CustomersPanel::selectedCustomerLeft, this, [this] {
        statusBar()->showMessage(tr("The customer you had selected is no longer in the list (archived, or "
                                    "changed at another desk): select a customer again."),
                                 15000);
    });
    connect(m_customers, &CustomersPanel::verifyRequested, this,
            [this](qint64 paymentId) { openReconcileDialog({paymentId}); });
    connect(m_history, &HistoryPanel::currentPaymentChanged, this, [this] {
        askOwnerOfCurrentPayment();
        updateActions();
    });
    connect(m_history, &HistoryPanel::problem, this, &MainWindow::showProblem);

    m_keys = new ApiKeyKeeper(m_context, this);
    connect(m_keys, &ApiKeyKeeper::message, this,
            [this](const QString &text) { m_statusBar->showMessage(text, 30000); });
    connect(m_keys, &ApiKeyKeeper::thisRunOnly, m_statusBar, &DeskStatusBar::setKeyThisRunOnly);
    m_keys->load();

    // Start-up recovery (main.cpp) leaves other live processes' pending rows alone. Whatever is
    // still pending once its owner is gone (unowned: old enough) is an orphan and becomes unknown.
    m_recoveryTimer = new QTimer(this);
    m_recoveryTimer->setObjectName(u"recoveryTimer"_s);
    m_recoveryTimer->setInterval(qMax(1, m_context.recoveryIntervalMs));
    connect(m_recoveryTimer, &QTimer::timeout, this, &MainWindow::recoverInterrupted);
    m_recoveryTimer->start();
    // A lost shared database is noticed within this interval and reconnected by itself.
    m_databaseTimer = new QTimer(this);
    m_databaseTimer->setObjectName(u"databaseTimer"_s);
    m_databaseTimer->setInterval(qMax(1, m_context.databaseCheckIntervalMs));
    connect(m_databaseTimer, &QTimer::timeout, this, &MainWindow::checkDatabase);
    m_databaseTimer->start();
    m_desksTimer = new QTimer(this);
    m_desksTimer->setObjectName(u"desksTimer"_s);
    m_desksTimer->setInterval(qMax(1, m_context.desksCheckIntervalMs));
    connect(m_desksTimer, &QTimer::timeout, this, &MainWindow::checkDesks);
    m_desksTimer->start();
    checkDesks();
    m_cardRequestTimer = new QTimer(this);
    m_cardRequestTimer->setObjectName(u"cardRequestTimer"_s);
    m_cardRequestTimer->setInterval(qMax(1, m_context.cardRequestCheckIntervalMs));
    connect(m_cardRequestTimer, &QTimer::timeout, this, &MainWindow::checkWaitingCardRequests);
    if (m_context.cardRequests)
        m_cardRequestTimer->start();
    updateActions();
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::showCustomersTab()
{
    m_ui->tabs->setCurrentWidget(m_customers);
}

void MainWindow::showHistoryTab()
{
    m_ui->tabs->setCurrentWidget(m_history);
}

void MainWindow::setupActions()
{
    struct Icon
    {
        QAction *action;
        const char16_t *file;
    };
    const Icon icons[] = {
        {m_ui->actionCharge, u":/icons/charge.svg"},
        {m_ui->actionRevoke, u":/icons/revoke.svg"},
        {m_ui->actionVerify, u":/icons/verify.svg"},
        {m_ui->actionRefund, u":/icons/refund.svg"},
        {m_ui->actionAddCustomer, u":/icons/add-customer.svg"},
        {m_ui->actionAddToken, u":/icons/add-token.svg"},
        {m_ui->actionImportCsv, u":/icons/import.svg"},
        {m_ui->actionExportCsv, u":/icons/export.svg"},
        {m_ui->actionSettings, u":/icons/settings.svg"},
        {m_ui->actionReconcile, u":/icons/reconcile.svg"},
    };
    for (const Icon &icon : icons)
        icon.action->setIcon(QIcon(QString::fromUtf16(icon.file)));

    for (QMenu *menu : findChildren<QMenu *>())
        menu->setToolTipsVisible(true);

    connect(m_ui->actionCharge, &QAction::triggered, this, &MainWindow::charge);
    connect(m_ui->actionSaveNewCard, &QAction::triggered, this, &MainWindow::saveNewCard);
    connect(m_ui->actionAskNewCard, &QAction::triggered, this, &MainWindow::askNewCard);
    connect(m_ui->actionCheckCardRequest, &QAction::triggered, this, &MainWindow::checkCardRequest);
    connect(m_ui->actionRevoke, &QAction::triggered, this, &MainWindow::revoke);
    connect(m_ui->actionVerify, &QAction::triggered, this, &MainWindow::verify);
    connect(m_ui->actionRefund, &QAction::triggered, this, &MainWindow::refund);
    connect(m_ui->actionRecordRefundOutcome, &QAction::triggered, this, &MainWindow::recordRefundOutcome);
    connect(m_ui->actionCloseUnfound, &QAction::triggered, this, &MainWindow::closeUnfound);
    connect(m_ui->actionAddCustomer, &QAction::triggered, this, &MainWindow::addCustomer);
    connect(m_ui->actionEditCustomer, &QAction::triggered, this, &MainWindow::editCustomer);
    connect(m_ui->actionArchiveCustomer, &QAction::triggered, this, &MainWindow::archiveCustomer);
    connect(m_ui->actionAddToken, &QAction::triggered, this, &MainWindow::addToken);
    connect(m_ui->actionShowCustomerHistory, &QAction::triggered, this, &MainWindow::showCustomerHistory);
    connect(m_ui->actionFind, &QAction::triggered, this, [this] {
        showCustomersTab();
        m_customers->focusSearch();
    });
    connect(m_ui->actionImportCsv, &QAction::triggered, this, &MainWindow::importCsv);
    connect(m_ui->actionExportCsv, &QAction::triggered, this, &MainWindow::exportCsv);
    connect(m_ui->actionSettings, &QAction::triggered, this, &MainWindow::settings);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionReconcile, &QAction::triggered, this, &MainWindow::reconcile);
    connect(m_ui->actionRefresh, &QAction::triggered, this, &MainWindow::reload);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::about);
    m_guideAction = new QAction(this);
    m_guideAction->setObjectName(u"actionUserGuide"_s);
    m_guideAction->setShortcut(QKeySequence::HelpContents);
    m_ui->menuHelp->insertAction(m_ui->actionAbout, m_guideAction);
    connect(m_guideAction, &QAction::triggered, this, &MainWindow::showUserGuide);

    // Billing runs: many cards in one go, through the same engine as fatora-cli batch.
    m_billingRunAction = new QAction(tr("Billing run from a file…"), this);
    m_billingRunAction->setObjectName(u"actionBillingRun"_s);
    connect(m_billingRunAction, &QAction::triggered, this, &MainWindow::openBillingRun);
    m_chargeSelectedAction = new QAction(tr("Charge selected…"), this);
    m_chargeSelectedAction->setObjectName(u"actionChargeSelected"_s);
    m_chargeSelectedAction->setToolTip(
        tr("Charge the active card of each selected customer, one amount for all, "
           "as a billing run: previewed first."));
    connect(m_chargeSelectedAction, &QAction::triggered, this, &MainWindow::chargeSelected);
    m_openBillingRunAction = new QAction(tr("Open a billing run…"), this);
    m_openBillingRunAction->setObjectName(u"actionOpenBillingRun"_s);
    m_openBillingRunAction->setToolTip(
        tr("Resume a paused or interrupted billing run, verify its unknown charges "
           "or see its results."));
    connect(m_openBillingRunAction, &QAction::triggered, this, &MainWindow::openSavedBillingRun);
    m_ui->menuPayments->addSeparator();
    m_ui->menuPayments->addActions({m_chargeSelectedAction, m_billingRunAction, m_openBillingRunAction});
    m_refundRequestsAction = new QAction(this);
    m_refundRequestsAction->setObjectName(u"actionRefundRequests"_s);
    connect(m_refundRequestsAction, &QAction::triggered, this, &MainWindow::openRefundRequests);
    m_ui->menuPayments->insertAction(m_ui->actionRecordRefundOutcome, m_refundRequestsAction);
    m_activityAction = new QAction(this);
    m_activityAction->setObjectName(u"actionActivity"_s);
    connect(m_activityAction, &QAction::triggered, this, &MainWindow::openActivity);
    m_ui->menuTools->addAction(m_activityAction);
    m_staffAction = new QAction(this);
    m_staffAction->setObjectName(u"actionStaff"_s);
    connect(m_staffAction, &QAction::triggered, this, &MainWindow::openStaff);
    m_ui->menuTools->addAction(m_staffAction);

    // Context menus: the same actions (with the same enabled state and reasons) where the data is.
    auto *separator = [this] {
        auto *s = new QAction(this);
        s->setSeparator(true);
        return s;
    }();
    m_customers->customersView()->addActions({m_ui->actionAddToken, m_ui->actionSaveNewCard,
                                              m_chargeSelectedAction, m_ui->actionShowCustomerHistory,
                                              separator, m_ui->actionAddCustomer, m_ui->actionEditCustomer,
                                              m_ui->actionArchiveCustomer});
    m_customers->tokensView()->addActions({m_ui->actionCharge, m_ui->actionRevoke, m_ui->actionAskNewCard,
                                           m_ui->actionAddToken, m_ui->actionSaveNewCard});
    auto *historySeparator = new QAction(this);
    historySeparator->setSeparator(true);
    m_history->view()->addActions({m_ui->actionVerify, m_ui->actionCheckCardRequest, m_ui->actionRefund,
                                   m_ui->actionRecordRefundOutcome, m_ui->actionCloseUnfound,
                                   historySeparator, m_ui->actionExportCsv});
    // Receipts and ids of the selected payment: in the Payments menu and the history's context menu.
    m_receipts = new ReceiptActions(m_context, m_history, this);
    connect(m_receipts, &ReceiptActions::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    m_ui->menuPayments->addSeparator();
    m_ui->menuPayments->addActions(m_receipts->actions());
    auto *receiptSeparator = new QAction(this);
    receiptSeparator->setSeparator(true);
    m_history->view()->addAction(receiptSeparator);
    m_history->view()->addActions(m_receipts->actions());
    // Double-click on a card opens the charge dialog; nothing is sent before its review step.
    connect(m_customers->tokensView(), &QAbstractItemView::doubleClicked, this, [this] {
        if (m_ui->actionCharge->isEnabled())
            charge();
    });
}

void MainWindow::retranslate()
{
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_customers), tr("Customers"));
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_history), tr("Transaction history"));
    m_statusBar->setGatewayAddress(m_context.gateway ? m_context.gateway->config().baseUrl.toString()
                                                     : QString());
    m_statusBar->setSignedIn(m_context.payments->actor(), m_context.store->keepsStaffAccounts());
    onCallsInFlightChanged(callsInFlight());
    setWindowTitle(m_context.sandbox ? tr("Fatora Back Office — Sandbox") : tr("Fatora Back Office"));
    m_receipts->retranslate();
    m_guideAction->setText(tr("&User guide"));
    m_activityAction->setText(tr("&Activity…"));
    m_staffAction->setText(tr("&Staff…"));
    m_refundRequestsAction->setText(tr("Refund re&quests…"));
    m_refundRequestsAction->setStatusTip(
        tr("Refunds above the limit waiting for a second supervisor: approve, deny, change the limit"));
    m_staffAction->setStatusTip(tr("Who may sign in, with which role: add people, change a role, disable"));
    m_activityAction->setStatusTip(tr("Who did what: the audit log by person, action and date, with an export"));
    m_guideAction->setStatusTip(
        tr("What each outcome means and what to do; how to verify, refund and revoke"));
    updateActions();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_statusBar) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::settledByGateway(PaymentState state)
{
    if (state == PaymentState::Approved || state == PaymentState::Declined)
        m_statusBar->clearLastError();
}

void MainWindow::showNotices()
{
    m_notices->show();
    m_notices->raise();
    m_notices->activateWindow();
}

bool MainWindow::dialogShowsOutcome(OutcomeNotifier::Call call, qint64 id) const
{
    // A dialog shows the end of its call only while it is on screen: one closed with Escape (or by
    // a stray second click) is hidden at once and deleted later.
    switch (call) {
    case OutcomeNotifier::Call::Charge:
    case OutcomeNotifier::Call::Verify:
        for (const ChargeDialog *dialog : findChildren<ChargeDialog *>())
            if (dialog->isVisible() && dialog->paymentId() == id)
                return true;
        for (const ReconcileDialog *dialog : findChildren<ReconcileDialog *>())
            if (dialog->isVisible() && dialog->currentPaymentId() == id)
                return true;
        return false;
    case OutcomeNotifier::Call::Revoke:
        for (const RevokeDialog *dialog : findChildren<RevokeDialog *>())
            if (dialog->isVisible() && dialog->tokenId() == id)
                return true;
        return false;
    case OutcomeNotifier::Call::Refund:
        for (const RefundDialog *dialog : findChildren<RefundDialog *>())
            if (dialog->isVisible() && dialog->paymentId() == id)
                return true;
        return false;
    }
    return false;
}

void MainWindow::showProblem(const QString &message)
{
    m_statusBar->setLastError(message, m_context.clock->now());
}

int MainWindow::callsInFlight() const
{
    return m_context.payments->callsInFlight() +
           (m_context.cardRequests ? m_context.cardRequests->callsInFlight() : 0);
}

void MainWindow::onCallsInFlightChanged(int)
{
    // Either service changed its count: the desk shows and waits for the sum.
    const int count = callsInFlight();
    m_statusBar->setCallsInFlight(count);
    updateActions();
    if (count == 0 && m_closeWhenIdle)
        QTimer::singleShot(0, this, &QWidget::close);
}

void MainWindow::updateActions()
{
    if (!m_customers || !m_history)
        return;
    updateActionsByRules();
    // The shared database cannot be reached: nothing that moves money starts (its write-ahead could
    // not be saved, nor the answer's record), whatever the rules said a moment before it went.
    const bool down = !m_statusBar->databaseProblem().isEmpty();
    for (QAction *action : {m_billingRunAction, m_chargeSelectedAction, m_openBillingRunAction})
        action->setEnabled(!down);
    if (down) {
        const QString why = tr("The shared database cannot be reached: this waits until it is back (the desk "
                               "connects again by itself).");
        for (QAction *action :
             {m_ui->actionCharge, m_ui->actionRevoke, m_ui->actionAskNewCard, m_ui->actionSaveNewCard,
              m_ui->actionVerify, m_ui->actionCheckCardRequest, m_ui->actionRefund, m_ui->actionRecordRefundOutcome,
              m_ui->actionCloseUnfound}) {
            action->setEnabled(false);
            action->setToolTip(Display::plainToolTip(why));
        }
    }
    updateActionsByRights();
}

void MainWindow::updateActionsByRights()
{
    // Last, over every other verdict: an action the person's role does not include says which role
    // it needs, in the words the service (and the shared database) would refuse it with.
    const StaffMember &person = m_context.payments->actor();
    using Right = StaffRights::Action;
    const std::pair<QAction *, Right> needs[] = {
        {m_ui->actionCharge, Right::Charge},
        {m_ui->actionAskNewCard, Right::Charge},
        {m_ui->actionSaveNewCard, Right::Charge},
        {m_chargeSelectedAction, Right::BillingRuns},
        {m_billingRunAction, Right::BillingRuns},
        {m_openBillingRunAction, Right::BillingRuns},
        {m_ui->actionVerify, Right::Verify},
        {m_ui->actionCheckCardRequest, Right::Verify},
        {m_ui->actionReconcile, Right::Verify},
        {m_ui->actionRevoke, Right::Revoke},
        {m_ui->actionRefund, Right::Refund},
        {m_ui->actionRecordRefundOutcome, Right::ResolveRefund},
        {m_ui->actionCloseUnfound, Right::CloseUnfound},
        {m_ui->actionAddCustomer, Right::EditCustomers},
        {m_ui->actionEditCustomer, Right::EditCustomers},
        {m_ui->actionArchiveCustomer, Right::EditCustomers},
        {m_ui->actionAddToken, Right::AddCards},
        {m_ui->actionImportCsv, Right::Import},
        {m_ui->actionExportCsv, Right::Export},
        {m_ui->actionSettings, Right::ChangeDeskSettings},
        {m_staffAction, Right::ManageStaff},
        {m_refundRequestsAction, Right::ViewHistory},
    };
    for (const auto &[action, right] : needs) {
        if (auto allowed = StaffRights::check(person, right); !allowed.ok()) {
            action->setEnabled(false);
            action->setToolTip(Display::plainToolTip(allowed.error().message));
        }
    }
    // Staff accounts are a shared database's: on a file, the store says where they live.
    if (!m_context.store->keepsStaffAccounts()) {
        m_staffAction->setEnabled(false);
        m_staffAction->setToolTip(Display::plainToolTip(m_context.store->staff().error().message));
        m_refundRequestsAction->setEnabled(false);
        m_refundRequestsAction->setToolTip(Display::plainToolTip(
            tr("Refunds are reviewed on a shared database, where a refund above a limit waits for a second "
               "supervisor. On a database file one person works with every right.")));
    }
}

void MainWindow::checkDatabase()
{
    // Asked on the reader's connection, off the GUI thread: a server that stopped answering (a
    // dropped network holds a statement until the keepalive gives up) never freezes the desk.
    if (m_databaseAsked)
        return; // the last question is still on its way (m_noAnswerTimer watches it)
    m_databaseAsked = true;
    // A server that answers nothing for this long (a network dropped without a word: the statement
    // waits for the keepalive) is unreachable, whenever its answer comes.
    if (!m_noAnswerTimer) {
        m_noAnswerTimer = new QTimer(this);
        m_noAnswerTimer->setSingleShot(true);
        m_noAnswerTimer->setInterval(NoAnswerMs);
        connect(m_noAnswerTimer, &QTimer::timeout, this, [this] {
            if (m_databaseAsked)
                showDatabaseState(Error{u"database"_s,
                                        tr("The shared database has not answered for %1 seconds.")
                                            .arg(NoAnswerMs / 1000),
                                        ErrorKind::Unavailable});
        });
    }
    m_noAnswerTimer->start();
    m_context.reader->probe<DatabaseProbe>(
        this,
        [session = m_context.store->sessionId()](Store &store) -> Result<DatabaseProbe> {
            if (auto reachable = store.checkReachable(); !reachable.ok())
                return reachable.error();
            DatabaseProbe probe;
            probe.reconnections = store.reconnections();
            // Whether the services' connection still holds this desk's lease, as the other desks
            // see it (a server: its lock; a file: its heartbeat).
            if (session != 0) {
                auto alive = store.isSessionAlive(session);
                probe.leaseHeld = !alive.ok() || alive.value();
            }
            return probe;
        },
        [this](Result<DatabaseProbe> probed) {
            m_databaseAsked = false;
            m_noAnswerTimer->stop();
            showDatabaseState(probed);
        });
}

void MainWindow::showDatabaseState(const Result<DatabaseProbe> &probed)
{
    const bool wasDown = !m_statusBar->databaseProblem().isEmpty();
    QString problem = probed.ok() ? QString() : probed.error().message;
    if (probed.ok()) {
        // The services' own connection is asked on the GUI thread (it is theirs, and its lease
        // with it) only when it may need to connect again: the server was away, it dropped the
        // reader's connection meanwhile (a restart), or the lease is not held (the others take this
        // desk for dead: its connection is gone, or came back without the lock).
        const bool serverRestarted = probed->reconnections != m_readerReconnections;
        m_readerReconnections = probed->reconnections;
        if (wasDown || serverRestarted || !probed->leaseHeld) {
            if (auto own = m_context.store->checkReachable(); !own.ok())
                problem = own.error().message;
        }
    }
    if (problem == m_statusBar->databaseProblem())
        return;
    m_statusBar->setDatabaseProblem(problem);
    if (!problem.isEmpty()) {
        m_statusBar->clearDesksAtWork();
        if (!wasDown)
            qCWarning(lcDesk).noquote() << "shared database unreachable:" << problem;
        updateActions();
        return;
    }
    // Back: the lists show what the other desks did meanwhile, and the answers kept here are saved
    // as their own retries come round. Recovery waits a full interval: every desk lost its lease
    // with the server and takes it again when it reconnects, and a recovery run this moment could
    // take a desk that is a second behind for a dead one (its calls in flight made unknown).
    qCInfo(lcDesk) << "shared database reachable again";
    m_recoveryTimer->start();
    reload();
    checkDesks();
}

void MainWindow::checkDesks()
{
    if (m_context.store->inTransaction()) // a timer met inside a nested event loop: next time
        return;
    if (!m_statusBar->databaseProblem().isEmpty()) {
        m_statusBar->clearDesksAtWork();
        return;
    }
    if (m_desksAsked)
        return; // the last count is still on its way (a slow server): one at a time
    m_desksAsked = true;
    // On a server this desk's lease is renewed here too, through the reader: a stamp for people
    // (the lease itself is the services' connection's lock), never a wait on the GUI thread. A
    // database file's lease is its heartbeat and stays with the services' connection (Session): a
    // write from the reader's connection would look like another desk's work to this desk's feed.
    const qint64 renew = StoreLocation::isServer(m_context.store->location()) ? m_context.store->sessionId() : 0;
    m_context.reader->read<QList<SessionRecord>>(
        this,
        [renew](Store &store) -> Result<QList<SessionRecord>> {
            if (renew != 0) {
                if (auto r = store.renewSession(renew); !r.ok())
                    qCWarning(lcDesk) << "session lease not renewed:" << r.error().toString();
            }
            return store.liveSessions();
        },
        [this](Result<QList<SessionRecord>> live) {
            m_desksAsked = false;
            if (!live || !m_statusBar->databaseProblem().isEmpty()) {
                m_statusBar->clearDesksAtWork();
                return;
            }
            m_statusBar->setDesksAtWork(live.value(), m_context.store->sessionId(),
                                        StoreLocation::isServer(m_context.store->location()));
        });
}

void MainWindow::askOwnerOfCurrentPayment()
{
    // Whose call a pending row is decides Verify and its kin: asked on the reader's thread each
    // time the row is shown again; until the answer, the cautious reading (alive) stands.
    const std::optional<PaymentRow> row = m_history->currentRow();
    if (!row || row->payment.ownerSession == 0 ||
        (row->payment.state != PaymentState::Pending && row->payment.refundState != RefundState::Pending)) {
        m_ownerOfCurrent = {};
        return;
    }
    const Payment p = row->payment;
    if (m_ownerOfCurrent.paymentId != p.id || m_ownerOfCurrent.session != p.ownerSession)
        m_ownerOfCurrent = {p.id, p.ownerSession, PaymentRules::Owner::Alive};
    m_context.reader->read<PaymentRules::Owner>(
        this, [p](Store &store) { return PaymentService::ownerOf(store, p); },
        [this, p](Result<PaymentRules::Owner> owner) {
            if (m_ownerOfCurrent.paymentId != p.id || m_ownerOfCurrent.session != p.ownerSession)
                return; // another row since
            const PaymentRules::Owner known = owner.ok() ? owner.value() : PaymentRules::Owner::Alive;
            if (known == m_ownerOfCurrent.owner)
                return;
            m_ownerOfCurrent.owner = known;
            updateActions();
        });
}

void MainWindow::updateActionsByRules()
{
    PaymentService *payments = m_context.payments;
    auto set = [](QAction *action, bool enabled, const QString &why) {
        action->setEnabled(enabled);
        action->setToolTip(Display::plainToolTip(why));
    };

    const std::optional<CardToken> token = m_customers->currentToken();
    const qint64 customerId = m_customers->currentCustomerId();
    const QString chooseCard = tr("Select a saved card of a customer first.");
    if (m_closeWhenIdle) {
        set(m_ui->actionCharge, false, tr("The desk is closing once the calls in flight are finished."));
    } else if (!token) {
        set(m_ui->actionCharge, false, chooseCard);
    } else if (auto allowed =
                   payments->canChargeCard(*token, m_customers->tokenModel()->openCharge(token->id));
               !allowed.ok()) {
        set(m_ui->actionCharge, false, allowed.error().message);
    } else {
        set(m_ui->actionCharge, true,
            tr("Charge %1 (review before anything is sent).").arg(Display::mask(token->masked())));
    }

    const auto apply = [](QAction *action, const ActionState &state) {
        action->setEnabled(state.enabled);
        action->setToolTip(Display::plainToolTip(state.why));
    };
    if (!token)
        set(m_ui->actionRevoke, false, chooseCard);
    else
        apply(m_ui->actionRevoke, ActionRules::revoke(*token, payments->isTokenBusy(token->id)));

    const Result<void> canCreate =
        m_context.cardRequests
            ? m_context.cardRequests->canCreate()
            : Result<void>(Error{u"card_request"_s, tr("Card requests are not available.")});
    if (m_closeWhenIdle) {
        const QString closing = tr("The desk is closing once the calls in flight are finished.");
        set(m_ui->actionSaveNewCard, false, closing);
        set(m_ui->actionAskNewCard, false, closing);
    } else {
        if (!token)
            set(m_ui->actionAskNewCard, false, chooseCard);
        else
            apply(m_ui->actionAskNewCard,
                  ActionRules::askForNewCard(*token, m_context.clock->today(), canCreate));
        const auto current = m_customers->currentCustomer();
        if (!current)
            set(m_ui->actionSaveNewCard, false, tr("Select a customer first."));
        else
            apply(m_ui->actionSaveNewCard, ActionRules::saveNewCard(current->archived, canCreate));
    }

    const QString chooseCustomer = tr("Select a customer first.");
    set(m_ui->actionAddToken, customerId > 0,
        customerId > 0 ? tr("Save a pasted card token for this customer.") : chooseCustomer);
    set(m_ui->actionEditCustomer, customerId > 0,
        customerId > 0 ? m_ui->actionEditCustomer->statusTip() : chooseCustomer);
    const auto customer = m_customers->currentCustomer();
    if (customer && customer->archived)
        set(m_ui->actionArchiveCustomer, false, tr("This customer is already archived."));
    else
        set(m_ui->actionArchiveCustomer, customerId > 0,
            customerId > 0 ? m_ui->actionArchiveCustomer->statusTip() : chooseCustomer);
    set(m_ui->actionShowCustomerHistory, customerId > 0,
        customerId > 0 ? m_ui->actionShowCustomerHistory->statusTip() : chooseCustomer);

    if (m_receipts)
        m_receipts->update();
    const std::optional<PaymentRow> row = m_history->currentRow();
    QAction *const paymentActions[] = {m_ui->actionVerify, m_ui->actionCheckCardRequest, m_ui->actionRefund,
                                       m_ui->actionRecordRefundOutcome, m_ui->actionCloseUnfound};
    if (!row) {
        const QString choosePayment = tr("Select a payment in the transaction history first.");
        for (QAction *action : paymentActions)
            set(action, false, choosePayment);
        return;
    }
    const Payment &p = row->payment;
    const bool busy = payments->isBusy(p.id);
    // Whose call a pending row is, asked of the database as the service will ask it
    // (askOwnerOfCurrentPayment); not known yet or unreadable: taken as alive, the cautious reading
    // (the service's own check then says what went wrong).
    PaymentRules::Owner owner = PaymentRules::Owner::NotRecorded;
    if ((p.state == PaymentState::Pending || p.refundState == RefundState::Pending) && p.ownerSession != 0)
        owner = m_ownerOfCurrent.paymentId == p.id && m_ownerOfCurrent.session == p.ownerSession
                    ? m_ownerOfCurrent.owner
                    : PaymentRules::Owner::Alive;
    apply(m_ui->actionVerify, ActionRules::verify(p, busy, m_context.clock->now(), owner));
    if (!p.isCardRequest())
        set(m_ui->actionCheckCardRequest, false,
            tr("Only a card request is checked; this payment is a charge."));
    else
        apply(m_ui->actionCheckCardRequest,
              ActionRules::checkCardRequest(
                  p, busy || (m_context.cardRequests && m_context.cardRequests->isBusy(p.id)),
                  m_context.clock->now(), owner));
    apply(m_ui->actionRefund, ActionRules::refund(p, busy));
    apply(m_ui->actionRecordRefundOutcome,
          ActionRules::recordRefundOutcome(p, busy, m_context.clock->now(), owner));
    apply(m_ui->actionCloseUnfound, ActionRules::closeUnfound(p, busy));
}

void MainWindow::recoverInterrupted()
{
    if (!m_statusBar->databaseProblem().isEmpty())
        return; // a full interval after the database is back (checkDatabase restarts the timer)
    // Recovery writes in a transaction on the services' connection (GUI thread). Most intervals
    // it has nothing to do: the reader looks first, and only what it finds is worth the round trips.
    if (m_context.payments->hasAnswersToSave()) {
        runRecovery();
        return;
    }
    if (m_recoveryAsked)
        return;
    m_recoveryAsked = true;
    m_context.reader->read<bool>(
        this,
        [busy = m_context.payments->busyPayments(), now = m_context.clock->now()](Store &store) {
            return PaymentService::hasLeftBehind(store, busy, now);
        },
        [this](Result<bool> found) {
            m_recoveryAsked = false;
            if (!found.ok() || found.value()) // unreadable: recovery itself says what went wrong
                runRecovery();
        });
}

void MainWindow::runRecovery()
{
    if (!m_statusBar->databaseProblem().isEmpty())
        return;
    auto moved = m_context.payments->recoverInterrupted();
    if (!moved.ok()) {
        showProblem(moved.error().toString());
        return;
    }
    if (moved.value() == 0)
        return;
    m_history->refresh();
    m_customers->refreshCustomers();
    updateActions();
    statusBar()->showMessage(tr("Charges left in flight by a desk or CLI that stopped: %n. Their outcome is "
                                "unknown: verify them (Tools → Reconcile pending payments).",
                                nullptr, moved.value()));
}

ChargeDialog *MainWindow::openChargeDialog(qint64 tokenId)
{
    // One charge dialog at a time: a second trigger brings the open one back instead.
    if (m_chargeDialog && m_chargeDialog->isVisible()) {
        m_chargeDialog->raise();
        m_chargeDialog->activateWindow();
        return m_chargeDialog;
    }
    auto *dialog = new ChargeDialog(m_context, tokenId, this);
    // The written-ahead payment itself reaches the lists through PaymentService::paymentChanged.
    connect(dialog, &ChargeDialog::chargeRequested, this, &MainWindow::updateActions);
    m_chargeDialog = openDialog(dialog);
    return dialog;
}

BatchWindow *MainWindow::newBillingRunWindow()
{
    auto *window = new BatchWindow(m_context, this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    connect(window, &BatchWindow::runFinished, this, [this] {
        m_history->refresh();
        updateActions();
    });
    return window;
}

void MainWindow::openBillingRun()
{
    auto *window = newBillingRunWindow();
    window->show();
}

StaffWindow *MainWindow::openStaff()
{
    auto *window = new StaffWindow(*m_context.store, *m_context.reader, m_context.payments->actor(), this);
    window->show();
    return window;
}

RefundRequestsWindow *MainWindow::openRefundRequests()
{
    auto *window = new RefundRequestsWindow(m_context, this);
    connect(window, &RefundRequestsWindow::openPayment, this, [this](qint64 id) {
        showHistoryTab();
        m_history->selectPayment(id);
    });
    window->show();
    return window;
}

ActivityWindow *MainWindow::openActivity()
{
    auto *window = new ActivityWindow(*m_context.reader, m_context.store->keepsStaffAccounts(),
                                      m_context.payments->actor(), m_context.clock->today(), this);
    connect(window, &ActivityWindow::openObject, this, [this](const QString &type, qint64 id) {
        if (type == u"payment"_s) {
            showHistoryTab();
            m_history->selectPayment(id);
            return;
        }
        if (type != u"token"_s) {
            showCustomersTab();
            m_customers->selectCustomer(id);
            return;
        }
        // The card itself, among its customer's: whose card it is is read on the reader. If the
        // clerk picks another customer meanwhile, the answer does not take them back.
        m_context.reader->read<CardToken>(
            this, [id](Store &store) { return store.token(id); },
            [this, before = m_customers->currentCustomerId()](Result<CardToken> token) {
                if (m_customers->currentCustomerId() != before)
                    return;
                if (!token) {
                    showProblem(token.error().message);
                    return;
                }
                showCustomersTab();
                m_customers->selectCustomer(token->customerId);
                m_customers->selectToken(token->id);
            });
    });
    window->show();
    return window;
}

void MainWindow::openSavedBillingRun()
{
    // The newest run's number is read on the reader; the question is asked once it is in, from the
    // event loop (not inside the reader's delivery of the answer).
    m_context.reader->read<QList<Batch>>(
        this, [](Store &store) { return store.findBatches(1); },
        [this](Result<QList<Batch>> latest) {
            if (!latest.ok()) {
                showProblem(latest.error().toString());
                return;
            }
            if (latest->isEmpty()) {
                statusBar()->showMessage(tr("No billing run has been saved yet."), 10000);
                return;
            }
            QTimer::singleShot(0, this, [this, newest = latest->first().id] { askBillingRunToOpen(newest); });
        });
}

void MainWindow::askBillingRunToOpen(qint64 newest)
{
    bool ok = false;
    const int id = QInputDialog::getInt(this, tr("Open a billing run"), tr("Batch number:"), int(newest), 1,
                                        int(newest), 1, &ok);
    if (!ok)
        return;
    auto *window = newBillingRunWindow();
    window->openBatch(id);
    window->show();
}

void MainWindow::chargeSelected()
{
    const QList<qint64> ids = m_customers->selectedCustomerIds();
    if (ids.isEmpty())
        return;
    bool ok = false;
    const QString amount = QInputDialog::getText(
        this, tr("Charge selected"),
        tr("Amount to charge each of the %n selected customers' card (blank: each card's first payment):",
           nullptr, int(ids.size())),
        QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    auto *window = newBillingRunWindow();
    window->loadCustomers(ids, amount);
    window->show();
}

void MainWindow::charge()
{
    if (const auto token = m_customers->currentToken(); token && m_ui->actionCharge->isEnabled())
        openChargeDialog(token->id);
}

CardRequestDialog *MainWindow::openCardRequestDialog(qint64 customerId, qint64 replacesTokenId)
{
    auto *dialog = new CardRequestDialog(m_context, customerId, replacesTokenId, this);
    connect(dialog, &CardRequestDialog::cardRequested, this, [this] {
        m_history->refresh();
        updateActions();
    });
    return openDialog(dialog);
}

CardRequestDialog *MainWindow::openCardRequestResult(qint64 paymentId, qint64 customerId)
{
    auto *dialog = new CardRequestDialog(m_context, customerId, 0, this);
    dialog->showPayment(paymentId);
    return openDialog(dialog);
}

void MainWindow::saveNewCard()
{
    if (const qint64 customerId = m_customers->currentCustomerId();
        customerId > 0 && m_ui->actionSaveNewCard->isEnabled())
        openCardRequestDialog(customerId);
}

void MainWindow::askNewCard()
{
    if (const auto token = m_customers->currentToken(); token && m_ui->actionAskNewCard->isEnabled())
        openCardRequestDialog(token->customerId, token->id);
}

void MainWindow::checkCardRequest()
{
    const std::optional<PaymentRow> row = m_history->currentRow();
    if (!row || !row->payment.isCardRequest() || !m_ui->actionCheckCardRequest->isEnabled())
        return;
    CardRequestDialog *dialog = openCardRequestResult(row->payment.id, row->payment.customerId);
    // The action says it asks Fatora: it does, from the window that shows the answer.
    if (auto started = m_context.cardRequests->check(row->payment.id); !started.ok())
        showProblem(started.error().message);
    else if (dialog)
        dialog->showPayment(row->payment.id);
}

void MainWindow::checkWaitingCardRequests()
{
    if (!m_context.cardRequests || m_closeWhenIdle)
        return;
    // Quiet: what a check finds arrives through the service's signals; a failure is one problem.
    if (auto started = m_context.cardRequests->checkWaiting(); !started.ok())
        showProblem(started.error().toString());
}

void MainWindow::openRevokeDialog(qint64 tokenId)
{
    openDialog(new RevokeDialog(m_context, tokenId, this));
}

void MainWindow::revoke()
{
    if (const auto token = m_customers->currentToken(); token && m_ui->actionRevoke->isEnabled())
        openRevokeDialog(token->id);
}

void MainWindow::openRefundDialog(qint64 paymentId)
{
    openDialog(new RefundDialog(m_context, paymentId, this));
}

void MainWindow::refund()
{
    if (const auto row = m_history->currentRow(); row && m_ui->actionRefund->isEnabled())
        openRefundDialog(row->payment.id);
}

void MainWindow::openRefundOutcomeDialog(qint64 paymentId)
{
    auto *dialog = openDialog(new RefundOutcomeDialog(m_context, paymentId, this));
    connect(dialog, &RefundOutcomeDialog::recorded, this, [this](qint64, bool refunded) {
        statusBar()->showMessage(refunded ? tr("Refund outcome recorded: refunded.")
                                          : tr("Refund outcome recorded: not refunded. The payment can be "
                                               "refunded again."),
                                 10000);
    });
}

void MainWindow::recordRefundOutcome()
{
    if (const auto row = m_history->currentRow(); row && m_ui->actionRecordRefundOutcome->isEnabled())
        openRefundOutcomeDialog(row->payment.id);
}

void MainWindow::openCloseUnfoundDialog(qint64 paymentId)
{
    auto *dialog = openDialog(new CloseUnfoundDialog(m_context, paymentId, this));
    connect(dialog, &CloseUnfoundDialog::closedUnfound, this, [this] {
        statusBar()->showMessage(tr("Closed as not charged; the card can be charged again."), 10000);
    });
}

void MainWindow::closeUnfound()
{
    if (const auto row = m_history->currentRow(); row && m_ui->actionCloseUnfound->isEnabled())
        openCloseUnfoundDialog(row->payment.id);
}

void MainWindow::openReconcileDialog(const QList<qint64> &paymentIds)
{
    openDialog(new ReconcileDialog(m_context, paymentIds, this));
}

void MainWindow::verify()
{
    if (const auto row = m_history->currentRow(); row && m_ui->actionVerify->isEnabled())
        openReconcileDialog({row->payment.id});
}

void MainWindow::reconcile()
{
    openReconcileDialog({});
}

void MainWindow::addCustomer()
{
    auto *dialog = openDialog(new CustomerDialog(m_context, 0, this));
    connect(dialog, &CustomerDialog::saved, this, [this](qint64 id) {
        m_customers->refreshCustomers();
        m_customers->selectCustomer(id);
    });
}

void MainWindow::editCustomer()
{
    const qint64 id = m_customers->currentCustomerId();
    if (!id)
        return;
    auto *dialog = openDialog(new CustomerDialog(m_context, id, this));
    connect(dialog, &CustomerDialog::saved, this, [this] { m_customers->refreshCustomers(); });
}

void MainWindow::archiveCustomer()
{
    auto customer = m_customers->currentCustomer();
    if (!customer || customer->archived)
        return;
    QMessageBox box(QMessageBox::Question, tr("Archive customer"),
                    tr("Archive %1? The customer disappears from the list; saved cards and history are kept.")
                        .arg(customer->name),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    // The name is data: a name typed as markup is shown as typed, never rendered.
    box.setTextFormat(Qt::PlainText);
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() != QMessageBox::Yes)
        return;
    if (auto archived = CustomerDialog::archive(m_context, *customer); !archived.ok()) {
        UiSupport::warn(this, tr("Archive customer"), archived.error().toString());
        return;
    }
    m_customers->refreshCustomers();
}

void MainWindow::addToken()
{
    const std::optional<Customer> customer = m_customers->currentCustomer();
    if (!customer)
        return;
    auto *dialog = openDialog(new TokenDialog(m_context, *customer, this));
    connect(dialog, &TokenDialog::saved, this, [this](qint64 tokenId) {
        m_customers->refreshCustomers();
        m_customers->selectToken(tokenId);
    });
}

void MainWindow::showCustomerHistory()
{
    if (const auto customer = m_customers->currentCustomer()) {
        m_history->setCustomerFilter(customer->id, customer->name);
        showHistoryTab();
    }
}

void MainWindow::openImportDialog(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        UiSupport::warn(this, tr("Import CSV"),
                             tr("Cannot read %1: %2").arg(Display::path(path), file.errorString()));
        return;
    }
    if (file.size() > MaxImportBytes) {
        UiSupport::warn(
            this, tr("Import CSV"),
            tr("%1 is larger than 64 MB; split it into smaller files.").arg(Display::path(path)));
        return;
    }
    auto *dialog = openDialog(new ImportDialog(m_context, file.readAll(), QFileInfo(path).fileName(), this));
    connect(dialog, &ImportDialog::imported, this, [this] { m_customers->refreshCustomers(); });
}

void MainWindow::importCsv()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import customers and tokens"),
                                     QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
                                     tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        openImportDialog(path);
}

void MainWindow::exportHistory(const QString &path, std::function<void(Result<int>)> done)
{
    // Read and written on the reader's thread (issue 13): a long history never holds the desk.
    m_context.reader->read<int>(
        this,
        [filter = m_history->filter(), path](Store &store) { return HistoryExporter::exportTo(store, filter, path); },
        std::move(done));
}

void MainWindow::exportCsv()
{
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' +
                              u"fatora-history-%1.csv"_s.arg(m_context.clock->today().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export transaction history"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    statusBar()->showMessage(tr("Exporting to %1…").arg(Display::path(path)));
    exportHistory(path, [this, path](Result<int> written) {
        if (!written.ok()) {
            statusBar()->clearMessage();
            // The warning is shown from the event loop, not inside the reader's delivery.
            QTimer::singleShot(0, this, [this, message = written.error().message] {
                UiSupport::warn(this, tr("Export CSV"), message);
            });
            return;
        }
        statusBar()->showMessage(
            tr("Payments exported to %1: %n.", nullptr, written.value()).arg(Display::path(path)), 10000);
    });
}

void MainWindow::applyLanguage(const QString &language)
{
    if (!Translations::apply(language))
        UiSupport::warn(this, tr("Language"), tr("The Arabic translation could not be loaded."));
}

void MainWindow::settings()
{
    auto *dialog = openDialog(new SettingsDialog(m_context, this));
    connect(dialog, &SettingsDialog::languageChanged, this, &MainWindow::applyLanguage);
    connect(dialog, &QDialog::accepted, this, [this] {
        statusBar()->showMessage(tr("Settings saved."), 5000);
        retranslate();
    });
}

void MainWindow::reload()
{
    m_customers->refreshCustomers();
    m_history->refresh();
    updateActions();
}

void MainWindow::showOthersWork(ChangeFeed::Tables tables)
{
    // Read again where it shows (selection and scroll position kept), and every action decided
    // again: a card revoked or charged at another desk cannot be charged from here a moment later.
    // A billing run's own window follows its run; the lists show its charges as payments.
    using Table = ChangeFeed::Table;
    if (tables & (Table::Customers | Table::Tokens | Table::Payments))
        m_customers->refreshCustomers();
    if ((tables & (Table::Customers | Table::Payments)) && m_history->isLoaded())
        m_history->refresh(); // a history never opened reads itself when first shown
    updateActions();
}

HelpWindow *MainWindow::showUserGuide()
{
    // One guide window, reused: F1 again brings it back to the front.
    if (!m_guide)
        m_guide = new HelpWindow(this);
    m_guide->show();
    m_guide->raise();
    m_guide->activateWindow();
    return m_guide;
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Fatora Back Office"),
        tr("<b>Fatora Back Office</b> %1<br>Charge saved card tokens through the Fatora payment "
           "gateway, revoke them and follow every payment.<br>Database: %2")
            .arg(Display::isolate(QCoreApplication::applicationVersion()),
                 Display::path(m_context.store->location()).toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A billing run lives in this process: it is paused (audited) before the desk goes, after
    // asking; its calls in flight are then waited for like any other.
    const QList<BatchWindow *> runs = findChildren<BatchWindow *>();
    const auto sending = std::count_if(runs.cbegin(), runs.cend(), [](BatchWindow *w) { return w->isSending(); });
    if (sending > 0 && !m_closeWhenIdle) {
        QMessageBox box(QMessageBox::Question, tr("Billing run in progress"),
                        tr("%n billing run(s) still sending charges. Pause them and close the desk?", nullptr,
                           int(sending)),
                        QMessageBox::NoButton, this);
        box.setTextFormat(Qt::PlainText);
        box.setInformativeText(tr("Charges on their way finish and are recorded before the desk closes. "
                                  "Resume a run later with Open a billing run…"));
        QPushButton *pause = box.addButton(tr("Pause and close"), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(pause);
        box.exec();
        if (box.clickedButton() != static_cast<QAbstractButton *>(pause)) {
            event->ignore();
            return;
        }
        bool allPaused = true;
        for (BatchWindow *run : runs)
            allPaused = (!run->isSending() || run->pauseForDeskClose()) && allPaused;
        if (!allPaused) {
            // A run that could not be paused would go on sending while the desk waits to close.
            event->ignore();
            UiSupport::warn(this, tr("Billing run in progress"),
                            tr("A billing run could not be paused (see its window); the desk stays open."));
            return;
        }
        if (callsInFlight() > 0) {
            // Already agreed to close: no second question about the calls in flight.
            event->ignore();
            m_closeWhenIdle = true;
            statusBar()->showMessage(tr("Closing as soon as the calls in flight are finished…"));
            updateActions();
            return;
        }
    }
    const int inFlight = callsInFlight();
    if (inFlight == 0) {
        event->accept();
        return;
    }
    event->ignore();
    if (m_closeWhenIdle)
        return;
    QMessageBox box(QMessageBox::Question, tr("Calls in flight"),
                    tr("Calls to Fatora still in flight: %n. Their results must be recorded before the desk "
                       "closes.",
                       nullptr, inFlight),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Close as soon as the results are in?"));
    QPushButton *wait = box.addButton(tr("Close when finished"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(wait);
    box.exec();
    if (box.clickedButton() != static_cast<QAbstractButton *>(wait))
        return;
    m_closeWhenIdle = true;
    statusBar()->showMessage(tr("Closing as soon as the calls in flight are finished…"));
    updateActions();
    if (callsInFlight() == 0)
        QTimer::singleShot(0, this, &QWidget::close);
}

} // namespace fatora
