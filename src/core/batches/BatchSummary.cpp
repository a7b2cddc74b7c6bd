#include "batches/BatchSummary.h"

namespace fatora {

BatchSummary BatchSummary::of(const QList<BatchItem> &items)
{
    BatchSummary summary;
    QMap<QString, CurrencyTotal> byCurrency;
    for (const BatchItem &item : items) {
        ++summary.total;
        const BatchOutcome outcome = batchOutcome(item);
        ++summary.counts[outcome];
        if (outcome == BatchOutcome::Skipped || outcome == BatchOutcome::Refused ||
            outcome == BatchOutcome::Cancelled)
            continue; // nothing was or will be charged
        std::optional<Money> money = item.plannedAmount();
        if (item.payment) {
            const CountedAmount counted = countedAmount(*item.payment);
            money = counted.money;
        }
        const QString currency = money ? money->currency() : item.currency;
        CurrencyTotal &total = byCurrency[currency];
        total.currency = currency;
        if (!money) {
            ++total.withoutFigure;
            continue;
        }
        const qint64 minor = money->minorUnits();
        total.plannedMinor += minor;
        switch (outcome) {
        case BatchOutcome::Approved:
            total.approvedMinor += minor;
            break;
        case BatchOutcome::Declined:
            total.declinedMinor += minor;
            break;
        case BatchOutcome::Rejected:
            total.rejectedMinor += minor;
            break;
        case BatchOutcome::NotSent:
            total.notSentMinor += minor;
            break;
        case BatchOutcome::InFlight:
        case BatchOutcome::Unknown:
            total.openMinor += minor;
            break;
        default:
            break;
        }
    }
    summary.currencies = byCurrency.values();
    return summary;
}

} // namespace fatora
