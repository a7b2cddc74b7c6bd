#pragma once

#include "desk/DeskContext.h"
#include "domain/Result.h"
#include "payments/OutcomeNotifier.h"
#include "payments/PaymentRules.h"
#include "store/ChangeFeed.h"

#include <QMainWindow>

#include <functional>
#include <QPointer>

#include <memory>

class QAction;
class QTimer;

namespace Ui {
class MainWindow;
}

namespace fatora {

class ActivityWindow;
class StaffWindow;
class RefundRequestsWindow;

class ApiKeyKeeper;
class BatchWindow;
class CardRequestDialog;
class ChangeFollower;
class ChargeDialog;
class CustomersPanel;
class DeskStatusBar;
class HelpWindow;
class HistoryPanel;
class NoticeList;
class ReceiptActions;

// The desk: customers with their saved cards, the transaction history, and the actions that move
// money. Actions are disabled, with a tooltip saying why, whenever the core would refuse them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(DeskContext context, QWidget *parent = nullptr);
    ~MainWindow() override;

    DeskContext &context() { return m_context; }
    CustomersPanel *customersPanel() const { return m_customers; }
    HistoryPanel *historyPanel() const { return m_history; }
    // The results nobody has read yet (see OutcomeNotifier); opened from the status bar.
    NoticeList *notices() const { return m_notices; }
    ReceiptActions *receipts() const { return m_receipts; }
    void showNotices();
    QAction *action(const QString &objectName) const;
    void showCustomersTab();
    // Help → User guide (F1): the guide in the desk's language, in a window beside the desk.
    HelpWindow *showUserGuide();
    void showHistoryTab();
    // Tools → Activity…: the audit log, non-modal; an entry opens its payment or customer here.
    ActivityWindow *openActivity();
    // Tools → Staff…: an administrator's, on a shared database.
    StaffWindow *openStaff();
    // Payments → Refund requests: the queue of refunds waiting for a second supervisor.
    RefundRequestsWindow *openRefundRequests();

    // The actions' bodies; public so that tests and the screenshot tour can drive them directly.
    ChargeDialog *openChargeDialog(qint64 tokenId);
    // A new card request for the customer (replacesTokenId: the card it is to replace, or 0).
    CardRequestDialog *openCardRequestDialog(qint64 customerId, qint64 replacesTokenId = 0);
    // An existing card request (a payment of customerId), at its result: its link, and Check now.
    CardRequestDialog *openCardRequestResult(qint64 paymentId, qint64 customerId);
    // The quiet periodic check of card requests still waiting for their customer (every
    // DeskContext::cardRequestCheckIntervalMs).
    void checkWaitingCardRequests();
    void openRevokeDialog(qint64 tokenId);
    void openRefundDialog(qint64 paymentId);
    void openRefundOutcomeDialog(qint64 paymentId);
    void openCloseUnfoundDialog(qint64 paymentId);
    void openReconcileDialog(const QList<qint64> &paymentIds);
    void openImportDialog(const QString &path);
    // Writes the history as filtered to path (read and written on the reader); `done` gets the number
    // of payments, or why not. Not called if the window goes first.
    void exportHistory(const QString &path, std::function<void(Result<int>)> done);
    void updateActions();
    // Asks the database whether it answers (DeskContext::databaseCheckIntervalMs): a lost shared
    // database is shown, money actions wait, and the store connects again by itself.
    void checkDatabase();
    // Counts the desks working on the database for the status bar (Store::liveSessions).
    void checkDesks();
    void askOwnerOfCurrentPayment();
    // What the reader found when it asked whether the database answers.
    struct DatabaseProbe
    {
        int reconnections = 0; // the reader's Store::reconnections()
        bool leaseHeld = true; // the services' session lease is alive, as other desks see it
    };
    void showDatabaseState(const Result<DatabaseProbe> &probed);
    void runRecovery();
    // Moves pending payments orphaned by a process that died mid-call to unknown. Runs every
    // DeskContext::recoveryIntervalMs: a charge whose owner still held its lease at start-up (or,
    // unowned, younger than PaymentService::OrphanAfterSecs) may be another desk's live call, and
    // is only an orphan once that desk is gone.
    void recoverInterrupted();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void setupActions();
    void updateActionsByRules(); // what each action's rules say, the database taken as reachable
    void updateActionsByRights(); // what the signed-in person's role includes (StaffRights)
    void retranslate();
    void applyLanguage(const QString &language);
    void showProblem(const QString &message);
    void onCallsInFlightChanged(int count);
    void settledByGateway(PaymentState state);
    bool dialogShowsOutcome(OutcomeNotifier::Call call, qint64 id) const;

    void charge();
    void saveNewCard();
    void askNewCard();
    void checkCardRequest();
    // Calls to Fatora this desk still waits for: charges, verifies, refunds, revokes, card requests.
    int callsInFlight() const;
    void revoke();
    void verify();
    void refund();
    void recordRefundOutcome();
    void closeUnfound();
    void addCustomer();
    void editCustomer();
    void archiveCustomer();
    void addToken();
    void showCustomerHistory();
    void importCsv();
    void exportCsv();
    void settings();
    void reconcile();
    // Billing runs (issue 16): a batch from a CSV file, or of the customers selected.
    BatchWindow *newBillingRunWindow();
    void openBillingRun();
    void chargeSelected();
    void openSavedBillingRun(); // resume, verify or look at a batch already saved
    void askBillingRunToOpen(qint64 newest);
    void reload();
    // What another desk or the CLI did, shown here without a manual refresh (ChangeFollower).
    void showOthersWork(ChangeFeed::Tables tables);
    void about();

    std::unique_ptr<Ui::MainWindow> m_ui;
    DeskContext m_context;
    CustomersPanel *m_customers = nullptr;
    HistoryPanel *m_history = nullptr;
    DeskStatusBar *m_statusBar = nullptr;
    NoticeList *m_notices = nullptr;
    ReceiptActions *m_receipts = nullptr;
    QAction *m_guideAction = nullptr;
    QAction *m_billingRunAction = nullptr;
    QAction *m_chargeSelectedAction = nullptr;
    QAction *m_openBillingRunAction = nullptr;
    QAction *m_activityAction = nullptr;
    QAction *m_staffAction = nullptr;
    QAction *m_refundRequestsAction = nullptr;
    QPointer<HelpWindow> m_guide;
    ApiKeyKeeper *m_keys = nullptr;
    QTimer *m_recoveryTimer = nullptr;
    QTimer *m_cardRequestTimer = nullptr;
    QTimer *m_databaseTimer = nullptr;
    QTimer *m_desksTimer = nullptr;
    ChangeFollower *m_follower = nullptr;
    bool m_desksAsked = false; // a count of the desks at work is on its way
    bool m_databaseAsked = false;  // the reader is asking whether the database answers
    QTimer *m_noAnswerTimer = nullptr;
    // No answer from the database for this long reads as unreachable: with the 2 s probe, a link
    // that drops without a word shows within 5 s. (A probe waits behind the reads before it.)
    static constexpr int NoAnswerMs = 3000;
    bool m_recoveryAsked = false;  // the reader is looking for payments left behind
    int m_readerReconnections = 0; // the reader's Store::reconnections() at its last answer
    // Whose call the selected pending payment is, as last read (askOwnerOfCurrentPayment).
    struct OwnerOfPayment
    {
        qint64 paymentId = 0;
        qint64 session = 0;
        PaymentRules::Owner owner = PaymentRules::Owner::Alive;
    };
    OwnerOfPayment m_ownerOfCurrent;
    QPointer<ChargeDialog> m_chargeDialog;
    bool m_closeWhenIdle = false;
};

} // namespace fatora
