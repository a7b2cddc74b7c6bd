#pragma once

#include "domain/Money.h"
#include "domain/Payment.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace fatora {

// A billing run: many saved cards charged in one go, each item its own charge (a Payment written
// ahead under its own order id by PaymentService), never sent twice.
enum class BatchState {
    Ready,     // created and reviewed, nothing sent yet
    Running,   // a runner sends its queued items (several runners may share it)
    Paused,    // no new item is sent; calls in flight settle
    Cancelled, // no item will be sent any more; calls in flight settled
    Finished,  // every item was sent or skipped (some may still be open: verify them)
};

// One line of a batch. Queued items are sent exactly once: a runner turns one into Sent in the same
// transaction that writes its payment ahead (its order id, for ever), so two runners cannot both
// take it. What became of a sent item is its payment's state, never a copy of it.
enum class BatchItemState {
    Queued,    // to be sent
    Skipped,   // the dry run found it unchargeable (skip and reason say why); never sent
    Sent,      // written ahead as a payment: see payment for its outcome
    Refused,   // the charge rules refused it when its turn came (reason); nothing was sent
    Cancelled, // the batch was cancelled before its turn; nothing was sent
};

QString batchStateName(BatchState state); // "ready", "running", "paused", "cancelled", "finished"
QString batchStateText(BatchState state); // the same for people, translated ("finished" in the desk's language)
std::optional<BatchState> batchStateFromName(const QString &name);
QString batchItemStateName(BatchItemState state); // "queued", "skipped", "sent", "refused", "cancelled"
std::optional<BatchItemState> batchItemStateFromName(const QString &name);

struct Batch
{
    qint64 id = 0;
    QString name;
    BatchState state = BatchState::Ready;
    QString operatorName; // who created it
    QString source;       // the file name it came from, or what the desk selected
    qint64 retryOf = 0;   // the batch whose declined items this one retries (0: none)
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct BatchItem
{
    qint64 id = 0;
    qint64 batchId = 0;
    int line = 0;                // the file's line (header = 1), or the position in a selection
    QString given;               // how the row named its card: "token_id 12", "customer_reference ACME-7"
    qint64 customerId = 0;       // 0: not found
    qint64 tokenId = 0;          // 0: not found
    std::optional<Money> amount; // nullopt: the card's first-payment amount (not sent)
    std::optional<Money> expectedAmount; // blank amount: the card's first payment when planned
    QString currency;
    QString note;
    BatchItemState state = BatchItemState::Queued;
    QString skip;    // Skipped or Refused: the kind (BatchSkip's name), for scripts and filters
    QString reason;  // Skipped or Refused: the words for people, naming the field and the fix
    QString orderId; // set once, when the item is written ahead; never changes, never reused
    qint64 paymentId = 0;
    QDateTime updatedAt;

    // Read with the item, never stored with it.
    QString customerName;
    QString tokenMask;
    std::optional<Payment> payment; // Sent: the payment as it stands now

    // The figure this item charges: the amount, else the first payment expected.
    std::optional<Money> plannedAmount() const { return amount ? amount : expectedAmount; }
};

// What became of an item, as a runner and a summary count it.
enum class BatchOutcome {
    Queued,
    Skipped,
    Refused,
    Cancelled,
    InFlight,
    Approved,
    Declined,
    Rejected,
    NotSent,
    Unknown
};
BatchOutcome batchOutcome(PaymentState state); // a sent item's, by its payment's state
BatchOutcome batchOutcome(const BatchItem &item);
QString batchOutcomeName(BatchOutcome outcome); // "queued", ..., "in-flight", "approved", ..., "not-sent"

} // namespace fatora
