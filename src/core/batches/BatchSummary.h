#pragma once

#include "batches/Batch.h"

#include <QList>
#include <QMap>

namespace fatora {

// What a billing run came to: how many items ended each way, and the money per currency. A sent
// item counts by its payment's countedAmount (Payment.h: the amount sent, else what the gateway
// reported taken, else the first payment expected); an item never sent, by its planned amount.
struct BatchSummary
{
    struct CurrencyTotal
    {
        QString currency;
        qint64 plannedMinor = 0; // everything to charge: queued and sent items
        qint64 approvedMinor = 0;
        qint64 declinedMinor = 0;
        qint64 rejectedMinor = 0;
        qint64 notSentMinor = 0;
        qint64 openMinor = 0;  // in flight or unknown: may have moved money, verify
        int withoutFigure = 0; // sent items whose amount is not known (counted nowhere above)
    };

    int total = 0;
    QMap<BatchOutcome, int> counts;
    QList<CurrencyTotal> currencies; // in currency code order

    int count(BatchOutcome outcome) const { return counts.value(outcome, 0); }
    // Items that may still have moved money without our knowing: in flight or unknown.
    int open() const { return count(BatchOutcome::InFlight) + count(BatchOutcome::Unknown); }
    // Every item reached an end the runner leaves it at: nothing queued, nothing in flight.
    bool settled() const { return count(BatchOutcome::Queued) == 0 && count(BatchOutcome::InFlight) == 0; }

    static BatchSummary of(const QList<BatchItem> &items);
};

} // namespace fatora
