#include "store/PaymentTotalsTally.h"

namespace fatora {

void PaymentTotalsTally::add(const QString &currency, const QString &kindName, const QString &stateName,
                             const QString &refundName, qint64 payments, qint64 minor, qint64 noFigure,
                             qint64 expectedOnly)
{
    // An unreadable kind is read as a charge, the cautious reading: an open one asks for a verify.
    const bool cardRequest = paymentKindFromName(kindName) == PaymentKind::CardRequest;
    const std::optional<PaymentState> state = paymentStateFromName(stateName);
    const std::optional<RefundState> refund = refundStateFromName(refundName);
    PaymentCurrencyTotal &t = m_byCurrency[currency];
    t.currency = currency;
    t.payments += payments;
    m_payments += payments;
    // An unreadable state is read as unknown, as the row readers do: money that may have moved.
    switch (state.value_or(PaymentState::Unknown)) {
    case PaymentState::Approved:
        t.approved += payments;
        t.approvedMinor += minor;
        t.approvedExpected += expectedOnly;
        t.approvedWithoutFigure += noFigure;
        if (refund == RefundState::Refunded) {
            t.refunded += payments;
            t.refundedMinor += minor;
        }
        break;
    case PaymentState::Pending:
    case PaymentState::Unknown:
        if (cardRequest) {
            t.waitingRequests += payments;
            t.waitingRequestsMinor += minor;
            break;
        }
        t.open += payments;
        t.openMinor += minor;
        t.openWithoutFigure += noFigure;
        break;
    case PaymentState::Declined:
    case PaymentState::Rejected:
    case PaymentState::NotSent:
        break;
    }
}

PaymentTotals PaymentTotalsTally::totals() const
{
    PaymentTotals totals;
    totals.payments = m_payments;
    totals.currencies = m_byCurrency.values();
    return totals;
}

} // namespace fatora
