#pragma once

#include "batches/Batch.h"
#include "batches/BatchFile.h"
#include "domain/Clock.h"
#include "domain/Result.h"

#include <QList>

namespace fatora {

class Store;

// The dry run: every row of a billing run with its customer, its card (masked) and its amount, or
// why it will be skipped. Nothing is written and nothing is sent. The card is judged by the rules
// a single charge obeys (PaymentRules::mayCharge, ChargeGuard); the runner asks them again, inside
// the write-ahead transaction, when the item's turn comes.
class BatchPlanner
{
public:
    // A billing run has no per-row "charge it again" confirmation as a single charge has: a card
    // with an approved charge this recent is skipped (the same file twice, a colleague's charge).
    static constexpr int RecentChargeWindowSecs = 24 * 60 * 60;

    // Items in file order: Queued, or Skipped with skip and reason set (a skipped item keeps no
    // note: it is never charged, and a file's free text is not kept for nothing). A database fault
    // is an Error.
    static Result<QList<BatchItem>> plan(Store &store, const QList<BatchFile::Row> &rows, const Clock &clock);

    // The desk's "Charge selected…": each customer's only active card, one amount for all (nullopt:
    // each card's first payment). line is the position in the selection, from 1.
    static Result<QList<BatchItem>> planCustomers(Store &store, const QList<qint64> &customerIds,
                                                  const std::optional<QString> &amount, const Clock &clock);
};

} // namespace fatora
