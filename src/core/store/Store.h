#pragma once

#include "batches/Batch.h"
#include "domain/AuditEntry.h"
#include "domain/CardToken.h"
#include "domain/Customer.h"
#include "domain/Payment.h"
#include "domain/Result.h"
#include "domain/RefundApproval.h"
#include "domain/StaffMember.h"

#include <QDate>
#include <QHash>
#include <QList>

#include <memory>
#include <optional>

namespace fatora {

class ChangeFeed;

struct CustomerQuery
{
    enum class Sort { Name, Email, Phone, ActiveTokens, LastCharge };
    QString text; // prefix of name, email, phone or reference; empty: everyone
    bool includeArchived = false;
    Sort sort = Sort::Name;
    Qt::SortOrder order = Qt::AscendingOrder;
    int offset = 0;
    int limit = 256;
    QDate today; // decides which tokens count as active (expiry applied); null means the current date
};

struct TokenQuery
{
    qint64 customerId = 0;             // 0: all customers
    std::optional<TokenStatus> status; // compared to the effective status (expiry applied)
    QDate today;                       // for the effective status; null means the current date
    int limit = 10000;
};

struct PaymentQuery
{
    enum class Sort { CreatedAt, Amount, State, Customer, OrderId };
    // By the refund of a payment: refunded; refund asked and not settled (pending or unknown); or no
    // refund standing (never asked, or refused by the gateway).
    enum class Refund { Any, Refunded, InProgress, NotRefunded };
    std::optional<PaymentState> state;
    Refund refund = Refund::Any;
    QDate from; // inclusive, local dates; null: open
    QDate to;   // inclusive
    qint64 customerId = 0;
    qint64 tokenId = 0;
    QString text; // substring of order id, transaction id or description
    Sort sort = Sort::CreatedAt;
    Qt::SortOrder order = Qt::DescendingOrder;
    int offset = 0;
    int limit = 256;
};

// A payment with what the history shows beside it.
struct PaymentRow
{
    Payment payment;
    QString customerName;
    QString tokenLabel;
    QString tokenMask;
};

// The count and money of the payments a PaymentQuery matches (paging and sort ignored), per currency,
// each payment counted by its countedAmount (Payment.h). What a merchant reconciling a day needs:
// - approved: money taken (sent amounts, amounts the gateway reported taken, and expected
//   first-payment amounts of blank charges, counted in approvedExpected because unconfirmed; an
//   approved blank charge with no known figure is counted in approvedWithoutFigure, not in the sum);
// - refunded: the part of the approved money refunded (refund state "refunded"); net = approved - refunded;
// - open: pending or unknown charges, money that may have moved and must be verified.
// - waiting card requests: pending or unknown card requests, links not paid as far as anyone knows.
// Declined, rejected and not-sent payments are only counted in `payments`: they moved no money.
struct PaymentCurrencyTotal
{
    QString currency;
    qint64 payments = 0; // every state
    qint64 approved = 0;
    qint64 approvedMinor = 0;
    qint64 approvedExpected = 0;      // of `approved`: counted by the expected amount, not confirmed
    qint64 approvedWithoutFigure = 0; // of `approved`: no figure known, not in approvedMinor
    qint64 refunded = 0;
    qint64 refundedMinor = 0;
    qint64 open = 0; // charges pending or unknown: may have moved money, verify them
    qint64 openMinor = 0;
    qint64 openWithoutFigure = 0;
    // Card requests whose link waits for the customer (pending, or unknown until checked): no
    // money has moved for them until a check finds them paid, so they are not "open" charges.
    qint64 waitingRequests = 0;
    qint64 waitingRequestsMinor = 0;

    Money approvedAmount() const { return Money(approvedMinor, currency); }
    Money refundedAmount() const { return Money(refundedMinor, currency); }
    Money netAmount() const { return Money(approvedMinor - refundedMinor, currency); }
    Money openAmount() const { return Money(openMinor, currency); }
    Money waitingRequestsAmount() const { return Money(waitingRequestsMinor, currency); }
};

struct PaymentTotals
{
    qint64 payments = 0;                    // all currencies
    QList<PaymentCurrencyTotal> currencies; // in currency code order; only currencies with payments
};

// Which audit entries the Activity view reads: newest first, a page at a time (keyset: entries with
// an id below beforeId). Empty texts and null dates filter nothing.
struct AuditQuery
{
    QString operatorName; // exactly this login
    QString actionPrefix; // e.g. "refund." for every refund step
    QDate from;           // inclusive, local dates
    QDate to;             // inclusive
    qint64 beforeId = 0;  // 0: from the newest
    int limit = 200;
};

// Which items of a billing run to read, in id order (the order they were written: the file's).
struct BatchItemQuery
{
    std::optional<BatchItemState> state;
    qint64 tokenId = 0; // only the items of this card; 0: every card
    qint64 afterId = 0; // only items with a greater id
    int limit = 100000;
};

// Who holds a session lease (Store::openSession): shown to people, never used to decide liveness
// on its own.
struct SessionInfo
{
    QString host;
    qint64 pid = 0;
    QString operatorName;
};

// A session lease as people see it: which computer and process ran it, for whom, and when.
struct SessionRecord
{
    qint64 id = 0;
    SessionInfo info;
    QDateTime startedAt;
    QDateTime closedAt; // null while not closed (running, or stopped without closing)
};

// Everything the application keeps, behind one interface so that a shared PostgreSQL backend can
// sit beside SQLite. No SQL text exists outside implementations of this class.
//
// Reads and writes return Result: a database error is never mistaken for "nothing there".
class Store
{
public:
    virtual ~Store() = default;

    // A write transaction. Nested guards join the outermost one. Destroyed uncommitted: rolled back.
    //
    // What every backend guarantees, and the payment service relies on (the store contract suite,
    // tests/core/tst_storecontract.cpp, proves each on every backend):
    // - Serialised writers. From the transaction's first read or write on, no other connection -
    //   in this process, another process or another desk - commits a write until this transaction
    //   ends, and every read made inside it sees the data as it is at that moment. So "read,
    //   decide, write" inside one transaction (check that a card has no open charge, then write the
    //   charge ahead; load a payment, then settle it only if still open) cannot interleave with
    //   another writer's. SQLite does it with BEGIN IMMEDIATE at started() (the file's write lock is
    //   taken at the start, not at the first write); a server backend may take its lock in the
    //   round trip of the transaction's first statement, before that statement runs.
    // - A writer that cannot get the lock within the backend's busy timeout fails started() or its
    //   first call with ErrorKind::Busy; nothing was read or written.
    // - Durable commit: once commit() returns ok, the change survives a crash or power cut.
    //   commit() can fail (kind Busy, Unavailable, ...); then nothing of the transaction was saved.
    // - The rules below hold whatever the caller does, enforced by the database itself: order ids
    //   are unique; a card has at most one open (pending or unknown) charge; a payment's intent
    //   (order id, card, customer, amount, time) never changes; an approved charge stays approved
    //   and nothing returns to pending; payments are never deleted; the audit log is append-only;
    //   a payment's customer owns its card.
    class Transaction
    {
    public:
        explicit Transaction(Store &store);
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;

        const Result<void> &started() const { return m_started; }
        Result<void> commit();
        // Whether this transaction is the outermost one on its connection: an inner one's commit()
        // only ends its part, and nothing is durable before the outermost commits.
        bool isOutermost() const { return m_outermost; }

    private:
        Store &m_store;
        bool m_outermost = false; // read before beginning
        Result<void> m_started;
        bool m_done = false;
    };

    // Whether a transaction is open on this connection (begun by a Transaction or by the backend
    // itself, e.g. a migration or a bulk writer): the backend's own account, not a count kept here.
    virtual bool inTransaction() const = 0;

    // Where the data lives, for messages and for opening a second connection (e.g. in tests).
    // Never holds a password.
    virtual QString location() const = 0;

    // A feed of the changes other connections commit (ChangeFeed), on this store's connection:
    // destroy it before the store. An error when it cannot watch (the connection is gone).
    virtual Result<std::unique_ptr<ChangeFeed>> watchChanges() = 0;

    // Whether the database answers now (a desk asks every few seconds). A server backend whose
    // connection was lost - the server restarted, the network dropped - connects again here,
    // outside a transaction only, and takes its session lease again under the same id. While it
    // was away the others saw it dead and may have made its calls in flight unknown (the cautious
    // direction: their answers still settle them when saved). Unavailable while it cannot. A SQLite
    // file, once open, is always there.
    virtual Result<void> checkReachable() = 0;
    // How many times this store has connected again (checkReachable): whatever was bound to the
    // old connection (a change feed's subscription) is made again when this moves.
    virtual int reconnections() const { return 0; }

    // What opening found and did: which backend, the schema version the data had before this
    // connection opened it (0: empty, just set up) and the one it has now.
    struct SchemaState
    {
        QString backend; // "sqlite" or "postgresql"
        int found = 0;
        int current = 0;
    };
    virtual SchemaState schemaState() const = 0;

    // How much is stored, for "fatora-cli db status" and a copy's check.
    struct Counts
    {
        qint64 customers = 0;
        qint64 tokens = 0;
        qint64 payments = 0;
        qint64 openCharges = 0;     // charges pending or unknown: may have moved money, verify them
        qint64 waitingRequests = 0; // card requests pending or unknown: waiting for their customer
        qint64 auditEntries = 0;
    };
    virtual Result<Counts> counts() = 0;

    // Writes that any backend would have to check or clean the same way are not virtual: they
    // check the fields (CustomerRules, FieldLimits), clean what is stored (StoredText: capped
    // bodies, no full card token in a text column) and only then hand the row to the backend's
    // ...Row method. A backend cannot skip or restate a rule it never sees.

    // Customers
    Result<qint64> addCustomer(const Customer &customer);
    Result<void> updateCustomer(const Customer &customer);
    virtual Result<Customer> customer(qint64 id) = 0;
    virtual Result<std::optional<Customer>> customerByReference(const QString &reference) = 0;
    virtual Result<QList<CustomerSummary>> findCustomers(const CustomerQuery &query) = 0;
    virtual Result<int> countCustomers(const CustomerQuery &query) = 0;

    // Card tokens
    Result<qint64> addToken(const CardToken &token); // the token normalised, then checked
    Result<void> updateToken(const CardToken &token);
    // Stamps the token's last use (a settled charge) and nothing else.
    virtual Result<void> markTokenUsed(qint64 tokenId, const QDateTime &at) = 0;
    virtual Result<CardToken> token(qint64 id) = 0;
    virtual Result<std::optional<CardToken>> tokenByText(const QString &token) = 0;
    virtual Result<QList<CardToken>> findTokens(const TokenQuery &query) = 0;

    // Payments
    Result<qint64> insertPayment(const Payment &payment); // duplicate order_id is an error (Conflict)
    Result<void> updatePayment(const Payment &payment);
    virtual Result<Payment> payment(qint64 id) = 0;
    virtual Result<std::optional<Payment>> paymentByOrderId(const QString &orderId) = 0;
    virtual Result<QList<PaymentRow>> findPayments(const PaymentQuery &query) = 0;
    virtual Result<int> countPayments(const PaymentQuery &query) = 0;
    // Count and totals per currency of what the query matches, computed by the database (never by
    // loading rows): see PaymentTotals for which states count where.
    virtual Result<PaymentTotals> paymentTotals(const PaymentQuery &query) = 0;
    virtual Result<QList<Payment>> paymentsInState(PaymentState state) = 0;
    // A pending or unknown charge on this token: charging again could charge twice.
    virtual Result<std::optional<Payment>> openChargeForToken(qint64 tokenId) = 0;
    // A card and its open charge, as token() and openChargeForToken() read them: what a charge
    // checks before it is written ahead, and the desk before it offers Charge. A server answers
    // both in one round trip.
    struct CardForCharge
    {
        CardToken token;
        std::optional<Payment> openCharge;
    };
    virtual Result<CardForCharge> tokenForCharge(qint64 tokenId);
    virtual Result<std::optional<Payment>> lastApprovedCharge(qint64 tokenId, const QDateTime &since) = 0;

    // Session leases: which desk or CLI process is alive, so that recovery can tell another
    // process's call in flight from a call left by a process that died.
    //
    // Why a lease and not an age: a pending payment not in flight in this process is either in
    // flight elsewhere (its answer is on its way; turning it into "unknown" invites a second
    // charge by hand) or left by a process that stopped. Without knowing which, the only safe
    // rule was waiting until no call could still be running (PaymentRules::OrphanAfterSecs, 15
    // minutes). With a lease, each process proves it is alive and each pending row names its owner
    // (Payment::ownerSession), so a dead owner's rows are recovered at once and a live owner's
    // never.
    // - PostgreSQL: the proof is a session-level advisory lock keyed by the session id, held by
    //   the store's connection for its whole life. The server releases it when the connection
    //   ends - a clean exit, kill -9, a crash, a lost network - so "alive" is "some backend holds
    //   that lock" (pg_locks), exact and immediate, with no clock involved. A desk whose
    //   connection dropped is dead to the others while it is away even if its process runs: it
    //   cannot write its answer then, and its calls become unknown (to verify), never lost. Once it
    //   connects again (checkReachable) it holds the same lease again, alive to the others.
    // - SQLite (desk and CLI on one machine, one file): its locks cover the whole file, so no
    //   process can hold one for its life without stopping every writer; the proof is a
    //   heartbeat: the session row's heartbeat_at is renewed every HeartbeatSecs, and a session is
    //   dead when closed or when its heartbeat is older than the lease (leaseSecs()). The pid is
    //   kept for people only: a pid can be reused by an unrelated process, so "pid running"
    //   proves nothing either way. Worst case from a crash to "unknown": the lease plus one
    //   recovery interval (30 + 20 s). A desk stalled past the lease (its event loop blocked)
    //   counts as dead too: its calls become unknown elsewhere and its late answers still settle
    //   them - the cautious direction, never a lost or doubled charge.
    // A row with no owner (0: written before sessions existed, or by a store that opened none)
    // falls back to the age rule (PaymentRules::OrphanAfterSecs).
    static constexpr int HeartbeatSecs = 10;
    static constexpr int DefaultLeaseSecs = 30;
    // Opens this process's session (once; again after closeSession) and returns its id.
    virtual Result<qint64> openSession(const SessionInfo &info) = 0;
    // 0 until openSession succeeded, and after closeSession.
    virtual qint64 sessionId() const = 0;
    // Renews the lease (SQLite: the proof; PostgreSQL: a stamp for people, whose failure shows a
    // lost connection). Without a session: nothing to do.
    Result<void> heartbeat() { return sessionId() == 0 ? Result<void>() : renewSession(sessionId()); }
    // The same for a session this connection did not open: the desk renews its lease through its
    // reader's connection (StoreReader), so the GUI thread never waits for it.
    virtual Result<void> renewSession(qint64 sessionId) = 0;
    // Ends the session: its rows are recoverable by others at once. The destructor does it too.
    virtual Result<void> closeSession() = 0;
    // Whether session id is held by a live process (this store's own session included). An id
    // this database never issued is "not alive".
    virtual Result<bool> isSessionAlive(qint64 sessionId) = 0;
    // The sessions alive now (as isSessionAlive says), in the order they opened: the desks and CLI
    // runs working on this database, this store's own included.
    virtual Result<QList<SessionRecord>> liveSessions() = 0;
    // The sessions of these ids, alive or not (which desk made a payment: Payment::ownerSession);
    // an id this database never issued is left out.
    virtual Result<QList<SessionRecord>> sessions(const QList<qint64> &ids) = 0;
    // How old a heartbeat may be before its session counts as dead (SQLite; PostgreSQL ignores it).
    // Tests shorten it; every process on one database must agree, so production never changes it.
    void setLeaseSecs(int secs) { m_leaseSecs = secs; }
    int leaseSecs() const { return m_leaseSecs; }

    // Staff (issue 14). Who this connection acts as: on a shared database, the login it signed in
    // with and the role the server gives it (every right there is the server's to enforce, whatever
    // this process believes); on a file, nobody in particular with every right, as the session
    // names the computer's login.
    virtual Result<StaffMember> signedIn();
    // Whether the database keeps staff accounts of its own: a shared server does; a file does not,
    // and the staff calls below are refused there (ErrorKind::Validation, field "database").
    virtual bool keepsStaffAccounts() const { return false; }
    // Every staff row with its role and last activity, by login.
    virtual Result<QList<StaffMember>> staff();
    // A new login with a role and a one-time password the person must replace before they may act.
    // Returns the staff row's id. A server is handed only a password's verifier (StaffPassword).
    virtual Result<qint64> addStaff(const QString &login, StaffRole role, const QString &oneTimePassword);
    virtual Result<void> setStaffRole(const QString &login, StaffRole role);
    // Disabled: they cannot sign in, and their open connections lose every right; history stays.
    virtual Result<void> setStaffEnabled(const QString &login, bool enabled);
    // The signed-in person's own new password (ends a one-time one); this connection uses it from
    // then on when it connects again.
    virtual Result<void> changeOwnPassword(const QString &newPassword);

    // Four eyes on refunds (issue 14), a shared database's: the database holds the limit, fills in
    // every request's asker and amount, refuses an approval by the asker, and refuses a refund above
    // the limit written ahead anywhere but in the transaction that approved its request. On a file
    // (one person) refunds need no approval and the calls below are refused as the staff calls are.
    // The limit above which a refund needs an approval (0: every refund), in riyals.
    virtual Result<Money> refundApprovalLimit();
    // An administrator's; audited by the database.
    virtual Result<void> setRefundApprovalLimit(const Money &limit);
    // Whether refunding this payment now needs an approved request (the database's own rule: over
    // the limit, in another currency, or of no known amount). Always false on a file.
    virtual Result<bool> refundNeedsApproval(qint64 paymentId);
    // Asks for a refund of the payment with a reason. Returns the request's id; a Conflict when one
    // is open for it already.
    virtual Result<qint64> addRefundApproval(qint64 paymentId, const QString &reason);
    virtual Result<QList<RefundApproval>> refundApprovals(const RefundApprovalQuery &query);
    virtual Result<RefundApproval> refundApproval(qint64 id);
    // Approves or denies an open request in the caller's transaction (an approval is spent by the
    // refund written ahead in that same transaction). A Conflict when another supervisor decided it
    // first.
    virtual Result<void> decideRefundApproval(qint64 id, RefundApproval::State decision, const QString &note);

    // Audit log (append only)
    virtual Result<qint64> appendAudit(const AuditEntry &entry) = 0;
    // An entry whose id nobody reads (what Store::audit writes). Inside a transaction a server
    // store may hold it back and send it with the transaction's next statement or its COMMIT, a
    // round trip less per change: a refusal of the entry then comes from that call instead, and
    // the transaction saves nothing either way. Statements read what was held back.
    virtual Result<void> appendAuditUnnumbered(const AuditEntry &entry);
    // One entry from its parts: what the services write after each change, in its transaction.
    Result<void> audit(const QDateTime &at, const QString &operatorName, const QString &action,
                       const QString &objectType, qint64 objectId, const QString &detail);
    virtual Result<QList<AuditEntry>> auditFor(const QString &objectType, qint64 objectId) = 0;
    // The entries a query matches, newest first. On a shared database each person reads their own
    // entries and an administrator everyone's (row-level security): the same query, fewer rows.
    virtual Result<QList<AuditEntry>> findAudit(const AuditQuery &query) = 0;

    // Billing runs (src/core/batches). A batch and all its items are written before anything is sent.
    // An item is sent by turning it from queued to sent, with its order id and payment, in the write
    // transaction that writes that payment ahead (markBatchItemSent): serialised writers make it a
    // claim, so two runners (two desks, a desk and the CLI) never both send one item. The database
    // keeps: an item's order id and payment are set once, together, and unique; an item leaves
    // "queued" once and never changes again; batches and items are never deleted.
    Result<qint64> insertBatch(const Batch &batch); // checked: name, operator, source
    // The batch's state; Conflict when it is cancelled or finished (those never change again).
    virtual Result<void> setBatchState(qint64 batchId, BatchState state, const QDateTime &at) = 0;
    virtual Result<Batch> batch(qint64 id) = 0;
    virtual Result<QList<Batch>> findBatches(int limit) = 0; // newest first
    // Only a queued or skipped item is written; texts checked (FieldLimits) and capped.
    Result<qint64> insertBatchItem(const BatchItem &item);
    // Queued -> sent, with the order id and payment written ahead for it. Conflict (nothing
    // changed) when the item is not queued any more: another runner took it.
    virtual Result<void> markBatchItemSent(qint64 itemId, const QString &orderId, qint64 paymentId,
                                           const QDateTime &at) = 0;
    // Queued -> refused: the charge rules said no when its turn came; nothing was sent.
    Result<void> markBatchItemRefused(qint64 itemId, const QString &skip, const QString &reason,
                                      const QDateTime &at);
    // Every queued item of the batch -> cancelled. Returns how many.
    virtual Result<int> cancelQueuedBatchItems(qint64 batchId, const QDateTime &at) = 0;
    // With each item: its customer's name, its card's mask and (sent) its payment as it stands.
    // batchId 0: the items of every batch (with query.tokenId: where a card is queued).
    virtual Result<QList<BatchItem>> batchItems(qint64 batchId, const BatchItemQuery &query) = 0;

    // Moving a desk in (StoreCopy, "fatora-cli db copy").
    //
    // Reading everything: each table's rows in id order, a page at a time after the row with id
    // afterId (0: from the start). Archived customers, cards of every status and payments in every
    // state included; rows as customer(), token() and payment() read them.
    virtual Result<QList<Customer>> customersAfter(qint64 afterId, int limit) = 0;
    virtual Result<QList<CardToken>> tokensAfter(qint64 afterId, int limit) = 0;
    virtual Result<QList<Payment>> paymentsAfter(qint64 afterId, int limit) = 0;
    // The audit log object by object: ordered by object type, object id, then id (the order the
    // entries were written), a page at a time after the entry `after` (a default AuditEntry: from
    // the start). Each object's entries come together, so they can be compared with another
    // database's entries for that object without holding the whole log.
    virtual Result<QList<AuditEntry>> auditByObjectAfter(const AuditEntry &after, int limit) = 0;
    // The customers named exactly `name` (case and spaces included) who were added at exactly
    // createdAt, in id order: how a copy finds again a customer it copied before.
    virtual Result<QList<Customer>> customersNamedAndAdded(const QString &name,
                                                           const QDateTime &createdAt) = 0;

    // Writing rows kept elsewhere exactly as they were there - their times, operator, states,
    // gateway texts - never stamped with this process's clock or context. Checked as every write is
    // (the same rules and cleaning as addCustomer, addToken, insertPayment; duplicates are
    // Conflicts) and, besides:
    // - every row keeps its own time: a customer's, card's or payment's created time, a payment's
    //   updated time and an audit entry's time must be given (Validation otherwise);
    // - nothing imported is in flight here, as no process here sends it: a pending charge or a
    //   pending refund is refused (Validation). The caller decides what such a row becomes
    //   (StoreCopy: unknown, to verify); a row's live-only context (a process's session, should the
    //   payments table gain one) is never imported.
    // The card is written with its status as given (an expired or revoked card included), a payment
    // with its state and refund as given: the rules that decide those at the desk (PaymentRules)
    // judged them where they happened.
    Result<qint64> importCustomer(const Customer &customer);
    Result<qint64> importToken(const CardToken &token);
    Result<qint64> importPayment(const Payment &payment);
    Result<qint64> importAudit(const AuditEntry &entry);

protected:
    // The backend's half of the checked writes above: the values are valid and clean by now.
    virtual Result<qint64> insertCustomerRow(const Customer &customer) = 0;
    // An imported entry the database refuses must leave the transaction usable, so a copy can
    // report the row and go on (appendAudit need not: every service gives up on a failed entry).
    virtual Result<qint64> insertImportedAuditRow(const AuditEntry &entry) { return appendAudit(entry); }
    virtual Result<void> updateCustomerRow(const Customer &customer) = 0;
    virtual Result<qint64> insertTokenRow(const CardToken &token) = 0;
    virtual Result<void> updateTokenRow(const CardToken &token) = 0;
    virtual Result<qint64> insertPaymentRow(const Payment &payment) = 0;
    // As insertImportedAuditRow: a copied payment the database refuses leaves the transaction usable
    // (a service gives up on any refusal but a unique key's, which insertPaymentRow reports as a
    // Conflict without spoiling the transaction).
    virtual Result<qint64> insertImportedPaymentRow(const Payment &payment) { return insertPaymentRow(payment); }
    virtual Result<void> updatePaymentRow(const Payment &payment) = 0;
    virtual Result<void> updateImportedPaymentRow(const Payment &payment) { return updatePaymentRow(payment); }

    virtual Result<qint64> insertBatchRow(const Batch &batch) = 0;
    virtual Result<qint64> insertBatchItemRow(const BatchItem &item) = 0;
    virtual Result<void> markBatchItemRefusedRow(qint64 itemId, const QString &skip, const QString &reason,
                                                 const QDateTime &at) = 0;

    virtual Result<void> beginTransaction() = 0;
    virtual Result<void> commitTransaction() = 0;
    virtual void rollbackTransaction() = 0;

    // A backend tells each card it reads, so that cleaning a payment's texts need not read the card
    // again: a card's text never changes (a different token is a new card). Forgotten when a
    // transaction is undone.
    void rememberTokenText(const CardToken &token);
    void forgetTokenTexts() { m_tokenTexts.clear(); }

private:
    static constexpr qsizetype MaxTokenTexts = 4096;
    Result<Payment> storable(const Payment &payment);

    int m_leaseSecs = DefaultLeaseSecs;
    QHash<qint64, QString> m_tokenTexts; // card id -> its token text, as read on this connection
};

} // namespace fatora
