#pragma once

#include "domain/ChargeRequest.h"
#include "domain/Result.h"

#include <QDateTime>

namespace fatora {

// The rules that stop an accidental second charge or a mistyped amount, written once for the desk,
// the CLI and the payment service. Pure: the caller reads the store and passes what it found.
namespace ChargeGuard {

// A charge approved on the same card this recently needs an explicit "yes, again".
constexpr int RepeatWindowSecs = 10 * 60;
inline QDateTime repeatWindowStart(const QDateTime &now)
{
    return now.addSecs(-RepeatWindowSecs);
}
// An amount more than this many times the card's first payment needs an explicit confirmation.
constexpr int LargeAmountFactor = 3;

bool isFarAboveFirstPayment(const std::optional<Money> &amount, const std::optional<Money> &firstAmount);

// What the review shows for a card whose newest approved charge in the window is recentCharge.
ChargeReview review(const std::optional<Payment> &recentCharge, const std::optional<Money> &amount,
                    const std::optional<Money> &firstAmount);

// Ok when the request acknowledges everything the review (made inside the write-ahead transaction)
// found; otherwise an Error on field "confirmation" that says what happened and what to do.
Result<void> checkAcknowledged(const ChargeReview &review, const ChargeRequest &request);

// "QAR 50.00 at 2026-11-25 14:02 by Sara (order BO-…)": for warnings in the desk and the CLI.
QString describeRecentCharge(const Payment &recent);

} // namespace ChargeGuard

} // namespace fatora
