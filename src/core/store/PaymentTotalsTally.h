#pragma once

#include "store/Store.h"

#include <QMap>

namespace fatora {

// Folds grouped rows of payments - one per (currency, kind, state, refund state), as every backend's
// totals query returns them - into PaymentTotals by the rule PaymentTotals documents. Written
// once, so no backend can count a state in the wrong place.
class PaymentTotalsTally
{
public:
    // kindName, stateName and refundName as stored ("charge", "approved", "refunded"); minor is
    // the sum of the counted amounts, noFigure the payments with none known, expectedOnly those
    // counted by the expected amount.
    void add(const QString &currency, const QString &kindName, const QString &stateName,
             const QString &refundName, qint64 payments, qint64 minor, qint64 noFigure, qint64 expectedOnly);
    PaymentTotals totals() const;

private:
    QMap<QString, PaymentCurrencyTotal> m_byCurrency;
    qint64 m_payments = 0;
};

} // namespace fatora
