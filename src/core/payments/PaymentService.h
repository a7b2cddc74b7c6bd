#pragma once

#include "domain/ChargeRequest.h"
#include "domain/Clock.h"
#include "domain/Payment.h"
#include "domain/RefundApproval.h"
#include "domain/Result.h"
#include "gateway/GatewayTypes.h"
#include "payments/AnswerRecorder.h"
#include "payments/PaymentRules.h"
#include "staff/StaffRights.h"
#include "store/Store.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

namespace fatora {

class AnswerJournal;
class GatewayClient;
class Store;
struct CardToken;

// The state machine that moves money. Every charge is written ahead as *pending* under a fresh
// order id before the request leaves; the reply settles it in one transaction with its audit entry.
// One intent = one order id, forever: nothing here ever re-sends a charge on its own.
//
// Validation and write-ahead happen synchronously (so the caller gets a refusal with its reason at
// once); the gateway call is asynchronous and ends in a signal.
class PaymentService : public QObject
{
    Q_OBJECT
public:
    PaymentService(Store &store, GatewayClient &gateway, const Clock &clock, QObject *parent = nullptr);
    // Answers that arrived but wait for their queued save (which dies with this object) are saved
    // now, or journaled for the next start.
    ~PaymentService() override;

    void setOperatorName(const QString &name);
    QString operatorName() const { return m_operator; }
    // Who acts (the session's signed-in person): names the operator, and their role decides which
    // calls are refused before anything is written (StaffRights, the same table the shared database
    // enforces). Until set: an unnamed administrator, as on a database file.
    void setActor(const StaffMember &actor);
    const StaffMember &actor() const { return m_actor; }
    // Answers that the database cannot take right now (locked, disk full) are written there at once
    // and saved by a later recoverInterrupted(); without a journal they live only in this process's
    // memory while saving is retried. Not owned.
    void setAnswerJournal(AnswerJournal *journal) { m_journal = journal; }

    // An unowned pending row (written before session leases) this old cannot belong to a live
    // call (the longest allowed gateway timeout is 5 minutes), so its process died mid-call.
    // Younger unowned rows may be another desk's or the CLI's call in flight and are left alone.
    static constexpr int OrphanAfterSecs = PaymentRules::OrphanAfterSecs;
    // Verify may close an unknown charge as "not charged" only when the gateway still does not
    // know the order this long after it was attempted.
    static constexpr int CloseUnfoundAfterSecs = PaymentRules::CloseUnfoundAfterSecs;
    // While the database is busy (another process writing), a gateway answer is kept in memory and
    // saving it is retried: an answer that moved money is never dropped.
    static constexpr int SaveRetryMs = 2000;
    static constexpr int SaveAttempts = 30;

    // At start-up (and periodically): answers kept in the journal (or in memory) because the
    // database could not take them are saved first; then payments left pending by a process that
    // died mid-call become unknown (never failed, never re-sent): those whose owner session is gone
    // (Store::isSessionAlive), and unowned ones older than OrphanAfterSecs. A live owner's row is
    // never touched. Returns how many became unknown.
    Result<int> recoverInterrupted();
    // Whether recoverInterrupted() would find anything to do, asked without a transaction on any
    // connection (the desk's reader, off the GUI thread): answers held here or in the journal, or a
    // pending payment left behind (leftBehind). Its busy set is busyPayments() as of the asking.
    bool hasAnswersToSave() const;
    static Result<bool> hasLeftBehind(Store &store, const QSet<qint64> &busyPayments, const QDateTime &now);
    QSet<qint64> busyPayments() const { return m_busyPayments; }

    // A gateway answer that arrived but is not in the database yet: held in memory while saving is
    // retried and, with a journal, kept on disk until saved.
    struct HeldAnswer
    {
        GatewayOperation operation = GatewayOperation::Collect;
        qint64 objectId = 0; // payment (collect, refund) or token (deactivate)
        QString orderId;     // the order id the call was sent under
        QString reason;      // deactivate: the operator's reason
        GatewayResult result;
        QString saveError;    // why the database did not take it
        QString journalEntry; // the journal's entry id; empty: kept in memory only
        QString journalPath;
        QString journalError; // why the journal did not take it either
        bool retrying = true; // false once the in-process retries gave up (recovery takes over)
    };
    std::optional<HeldAnswer> heldAnswer(GatewayOperation operation, qint64 objectId) const;

    // Why this token cannot be charged right now, or an ok result when it can.
    Result<void> canCharge(qint64 tokenId);
    // The same verdict on a card and its open charge as already read (the desk's card list, read
    // off the GUI thread): no round trip. The write-ahead checks again in its transaction.
    Result<void> canChargeCard(const CardToken &token, const std::optional<Payment> &openCharge);
    // What the operator must see before confirming a charge of amount on this token (a recent
    // charge on the card, an amount far above its first payment): see ChargeGuard.
    Result<ChargeReview> reviewCharge(qint64 tokenId, const std::optional<Money> &amount);
    // What Charge's verdict and its review are judged on, read in one go on any connection (the
    // charge dialog's, on the desk's reader, off the GUI thread): the card, its open charge, and its
    // newest approved charge within ChargeGuard's repeat window. Judge it with canChargeCard and
    // reviewOf; the write-ahead reads and judges again in its transaction.
    struct ChargeCheck
    {
        CardToken token;
        std::optional<Payment> openCharge;
        std::optional<Payment> recentCharge;
    };
    static Result<ChargeCheck> readChargeCheck(Store &store, qint64 tokenId, const QDateTime &now);
    static ChargeReview reviewOf(const ChargeCheck &check, const std::optional<Money> &amount);

    // Checks the token and every ChargeGuard rule again inside one write transaction, writes the
    // pending payment and only then sends collect. Returns the payment id; chargeFinished follows.
    // request.orderId: one the charge dialog generated (newOrderId) and showed on its review step;
    // empty: generate one here. An order id already used by any payment is refused, never reused.
    Result<qint64> charge(const ChargeRequest &request);
    // A charge planned and written ahead by a ChargeWindow (several in one transaction: a billing
    // run's window), sent by it once that transaction is committed.
    struct WrittenCharge
    {
        Payment payment;   // pending; its id once written ahead
        QString cardToken; // to send; never logged or stored in a text
        QString tokenMask;
    };

    // Asks the gateway about an unknown (or approved) payment; verifyFinished follows.
    Result<void> verify(qint64 paymentId);
    // Writes revoke-pending, then deactivates; revokeFinished follows. Also retries a revoke-pending token.
    Result<void> revoke(qint64 tokenId, const QString &reason);
    // Refunds an approved payment once; refundFinished follows. Refused while an earlier refund
    // is pending or its outcome unknown: Fatora documents no protection against a second refund.
    // Refused, with field "approval", when the refund needs a second supervisor's approval (above
    // the shared database's limit): askRefundApproval instead.
    Result<void> refund(qint64 paymentId, const QString &reason = QString());
    // Four eyes on refunds (issue 14; a shared database's, see Store::refundApprovalLimit).
    Result<bool> refundNeedsApproval(qint64 paymentId);
    // Asks for a refund that needs an approval, with the reason the approver reads. Returns the
    // request's id. Nothing is sent.
    Result<qint64> askRefundApproval(qint64 paymentId, const QString &reason);
    // Approves another supervisor's open request and sends its refund (refundFinished follows):
    // one transaction decides the request and writes the refund ahead, so two approvers at once
    // send one refund, and the asker can never approve their own.
    Result<void> approveRefund(qint64 requestId, const QString &note = QString());
    // Denies an open request with a reason; nothing is sent. The asker may withdraw their own so.
    Result<void> denyRefund(qint64 requestId, const QString &reason);
    // Whether the actor may approve (approving) or deny the request now - the verdict the desk's
    // buttons show and the CLI says before asking for confirmation; the request when they may.
    Result<RefundApproval> mayDecideRefund(qint64 requestId, bool approving);
    // The same verdict on a request and its payment as already read (the desk's queue, read off the
    // GUI thread): no round trip. payment: the request's; nullopt when it could not be read.
    Result<RefundApproval> judgeRefundDecision(const RefundApproval &request, const std::optional<Payment> &payment,
                                               bool approving) const;
    // Whether each action may run is decided by PaymentRules (inside the write transaction), the
    // same verdict the desk shows on its buttons; isBusy()/isTokenBusy() are the rules' "busy".
    // The operator checked an unknown refund in Fatora's dashboard and records what it shows.
    Result<void> resolveRefund(qint64 paymentId, bool refunded, const QString &reason);
    // Closes an unknown charge that the gateway still did not know a day after it was attempted
    // (last verify: not found) as not-sent, so the token can be used again. Audited with the reason.
    Result<void> closeUnfound(qint64 paymentId, const QString &reason);

    // Whether a decline's description says the token itself is unusable (invalid or expired).
    static bool describesInvalidToken(const QString &description)
    {
        return AnswerRecorder::describesInvalidToken(description);
    }

    static QString newOrderId(const QDateTime &now); // "BO-20261125-7K3QH2MX9A"

    // Whether the process named by p.ownerSession (a pending charge's or refund's) is alive, as
    // the rules are handed it here and on the desk's buttons.
    Result<PaymentRules::Owner> ownerOf(const Payment &p) { return ownerOf(m_store, p); }
    static Result<PaymentRules::Owner> ownerOf(Store &store, const Payment &p);
    // A pending payment recovery turns unknown: its call is not in flight anywhere (the rules of
    // PaymentRules::isInterrupted) and it does not wait for a customer with a link in hand.
    static bool isLeftBehind(const Payment &p, bool busy, PaymentRules::Owner owner, const QDateTime &now);

    int callsInFlight() const { return m_busyPayments.size() + m_busyTokens.size(); }
    bool isBusy(qint64 paymentId) const { return m_busyPayments.contains(paymentId); }
    bool isTokenBusy(qint64 tokenId) const { return m_busyTokens.contains(tokenId); }

signals:
    void chargeFinished(qint64 paymentId, fatora::PaymentState state);
    // Answers to these charges arrived and are about to be saved (chargeFinished follows for each).
    // A receiver may open a ChargeWindow at once: it carries them into its transaction.
    // someUnknown: one of them says nothing of the charge's fate (no answer, a timeout); it is to be
    // verified before anything new leaves, so a billing run lets them be saved first.
    void chargeAnswersArrived(const QList<qint64> &paymentIds, bool someUnknown);
    void verifyFinished(qint64 paymentId, fatora::PaymentState state);
    // outcome and errorText say why a revoke was not confirmed (refused, not sent, no answer).
    void revokeFinished(qint64 tokenId, bool deactivated, fatora::GatewayOutcome outcome,
                        const QString &errorText);
    void refundFinished(qint64 paymentId, fatora::RefundState state);
    // A refund request was asked for, approved or denied here.
    void refundApprovalsChanged();
    // A payment or a card changed (written ahead, settled, refunded, closed, revoked): the value
    // as it now stands, read once here, so no listener reads the store again for it.
    void paymentChanged(const fatora::Payment &payment);
    void tokenChanged(const fatora::CardToken &token);
    void callsInFlightChanged(int count);
    // An answer arrived but could not be saved yet; heldAnswer() says what it was and where it is kept.
    void answerHeld(fatora::GatewayOperation operation, qint64 objectId);
    // A gateway or store problem worth showing in the status bar (never contains secrets).
    void problem(const QString &message);

private:
    // Announce a change by id: the value is read once and carried by the signal.
    void announcePayment(qint64 paymentId);
    // charge() in its three steps, which only a ChargeWindow takes, in their order.
    friend class ChargeWindow;
    // Inside the window's write transaction: every rule charge() checks, against the database as it
    // is now. Reads only. request.orderId: the order id to use; empty: writeAheadCharge makes one.
    Result<WrittenCharge> planCharge(const ChargeRequest &request);
    // In the same transaction: the pending payment under its order id, and its audit entry.
    Result<WrittenCharge> writeAheadCharge(const WrittenCharge &planned);
    // After the window's commit: sends it; chargeFinished follows.
    void sendCharge(const WrittenCharge &charge);

    // Ok when the actor may take the action; the rights table's refusal otherwise.
    Result<void> mayTake(StaffRights::Action action) const;
    void announceToken(qint64 tokenId);
    // canCharge for a token already read inside the caller's transaction.
    Result<void> checkChargeable(const CardToken &token, const std::optional<Payment> &openCharge);
    Result<ChargeReview> reviewChargeOf(const CardToken &token, const std::optional<Money> &amount);
    void settleCharge(qint64 paymentId, const QString &orderId, const GatewayResult &result, int attempt = 1);
    // Collect answers arriving in one turn of the event loop are saved together, in one transaction
    // (a billing run's bookkeeping keeps up with its calls). While the database cannot take them
    // the group is held (journaled) and retried as a group, one wait per attempt for all of them;
    // an answer the database itself refuses (not a fault of the database) sends each its own way.
    struct ArrivedAnswer
    {
        qint64 paymentId = 0;
        QString orderId;
        GatewayResult result;
    };
    void queueChargeAnswer(const ArrivedAnswer &answer);
    void saveArrivedAnswers();
    void saveAnswerGroup(const QList<ArrivedAnswer> &arrived, int attempt);
    // A group the database could not take (a storage fault) at this attempt: held (journaled) at
    // the first, retried as a group, finished as kept once the attempts end.
    void answerGroupNotSaved(const QList<ArrivedAnswer> &arrived, const Error &error, int attempt);
    // Inside the caller's transaction, in order; stops at the first one that fails.
    Result<QList<AnswerRecorder::ChargeRecord>> recordArrived(const QList<ArrivedAnswer> &arrived);
    Result<QList<AnswerRecorder::ChargeRecord>> recordTogether(const QList<ArrivedAnswer> &arrived);
    // A ChargeWindow's share: the answers waiting to be saved, taken into its transaction; handed
    // back (saved on their own, at once) when it did not commit; finished once it committed.
    QList<ArrivedAnswer> takeArrivedAnswers();
    // why: the reason the window gave up, if any; a database too busy or gone to take them holds
    // them at once (answerGroupNotSaved) instead of trying again now, and says so (true).
    bool giveBackAnswers(const QList<ArrivedAnswer> &answers, const std::optional<Error> &why);
    // The window's transaction could not begin: a storage fault is the waiting answers' first
    // failed attempt (held, retried later), not a reason to wait for the lock again at once.
    void answersNotCarried(const Error &error);
    void finishCarried(const QList<ArrivedAnswer> &answers,
                       const QList<AnswerRecorder::ChargeRecord> &records);
    static HeldAnswer heldCharge(const ArrivedAnswer &answer);
    void finishCharge(qint64 paymentId, const AnswerRecorder::ChargeRecord &record,
                      const GatewayResult &result);
    void settleVerify(qint64 paymentId, const GatewayResult &result, int attempt = 1);
    void settleRevoke(qint64 tokenId, const QString &orderId, const QString &reason,
                      const GatewayResult &result, int attempt = 1);
    void settleRefund(qint64 paymentId, const QString &orderId, const GatewayResult &result, int attempt = 1);
    // The payment, when a refund of it may start now (PaymentRules::mayRefund, this process's calls
    // in flight included).
    Result<Payment> refundablePayment(qint64 paymentId);
    // Writes the refund ahead (pending, owned by this session) with its audit entry, commits tx and
    // sends it: every refund's one way out, approved or not.
    Result<void> startRefund(Store::Transaction &tx, Payment p, const QString &auditDetail);
    // An open request, for approving (not the actor's own) or denying.
    Result<RefundApproval> openRefundApproval(qint64 requestId, bool approving);
    Result<RefundApproval> checkOpenApproval(const RefundApproval &request, bool approving) const;
    // Ok when a refund of p may start now (PaymentRules::mayRefund, this process's calls included).
    Result<void> checkRefundable(const Payment &p) const;
    Error decisionError(qint64 requestId, const Error &error);
    // A reason the audit keeps: given (whenMissing says what to give otherwise) and within bounds.
    static Result<void> requireReason(const QString &reason, const QString &whenMissing);
    // Runs apply inside one write transaction. On failure, schedules retry() while attempts remain
    // and returns false; the caller then keeps its call marked busy.
    // answer: the gateway answer being saved; held (and journaled) when the first attempt fails.
    bool commitOrRetry(const std::function<Result<void>()> &apply, int attempt, const QString &what,
                       const std::function<void()> &retry, const HeldAnswer *answer = nullptr);
    void holdAnswer(const HeldAnswer &answer, const Error &saveError);
    // A kept answer names a row of this database, and for a payment the same order id.
    // Whether the row the answer was given for is in this database; a failed read is an error,
    // never "not here" (the answer would be skipped and its charge turned unknown).
    Result<bool> belongsHere(const HeldAnswer &held);
    void releaseAnswer(GatewayOperation operation, qint64 objectId);
    // Saves answers from the journal and from memory whose retries ended, each in a transaction of
    // its own; stops at a locked or unreachable database, leaves in the journal (and reports) an
    // answer the database refuses.
    Result<int> replayHeldAnswers(QList<qint64> &payments, QList<qint64> &tokens);
    Result<void> audit(const QString &action, const QString &objectType, qint64 objectId,
                       const QString &detail);
    void setBusy(QSet<qint64> &set, qint64 id, bool busy);

    Store &m_store;
    GatewayClient &m_gateway;
    const Clock &m_clock;
    AnswerRecorder m_recorder;
    AnswerJournal *m_journal = nullptr;
    QHash<QString, HeldAnswer> m_held; // by heldKey(operation, objectId)
    QString m_operator;
    StaffMember m_actor = StaffMember::withEveryRight();
    QSet<qint64> m_busyPayments;
    QSet<qint64> m_busyTokens;
    QList<ArrivedAnswer> m_arrived;
    bool m_saveScheduled = false;
};

} // namespace fatora
