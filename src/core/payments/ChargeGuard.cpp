#include "payments/ChargeGuard.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace fatora::ChargeGuard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::ChargeGuard)
};

QString amountText(const std::optional<Money> &amount)
{
    return amount ? amount->currency() + u' ' + amount->toPlainString() : Tr::tr("the first-payment amount");
}

} // namespace

bool isFarAboveFirstPayment(const std::optional<Money> &amount, const std::optional<Money> &firstAmount)
{
    if (!amount || !firstAmount || firstAmount->minorUnits() <= 0 ||
        amount->currency() != firstAmount->currency())
        return false;
    // Divide rather than multiply: no overflow for any pair of qint64 amounts.
    const qint64 first = firstAmount->minorUnits();
    const qint64 whole = amount->minorUnits() / first;
    return whole > LargeAmountFactor || (whole == LargeAmountFactor && amount->minorUnits() % first != 0);
}

ChargeReview review(const std::optional<Payment> &recentCharge, const std::optional<Money> &amount,
                    const std::optional<Money> &firstAmount)
{
    ChargeReview r;
    r.recentCharge = recentCharge;
    r.firstAmount = firstAmount;
    r.farAboveFirstPayment = isFarAboveFirstPayment(amount, firstAmount);
    return r;
}

QString describeRecentCharge(const Payment &recent)
{
    const QString when = QLocale::c().toString(recent.createdAt.toLocalTime(), u"yyyy-MM-dd HH:mm"_s);
    const QString who = recent.operatorName.isEmpty() ? Tr::tr("an unnamed operator") : recent.operatorName;
    //: %1 amount, %2 date and time, %3 operator, %4 order id
    return Tr::tr("%1 at %2 by %3 (order %4)").arg(amountText(recent.amount), when, who, recent.orderId);
}

Result<void> checkAcknowledged(const ChargeReview &review, const ChargeRequest &request)
{
    const QString field = u"confirmation"_s;
    if (review.recentCharge && !request.repeatIntended &&
        review.recentCharge->id != request.acknowledgedRecentChargeId) {
        const QString recent = describeRecentCharge(*review.recentCharge);
        if (request.acknowledgedRecentChargeId == 0)
            return Error{field,
                         Tr::tr("This card was charged %1, less than %2 minutes ago. Nothing was sent: "
                                "review the charge again and confirm that it is meant to be charged "
                                "again.")
                             .arg(recent)
                             .arg(RepeatWindowSecs / 60)};
        return Error{field, Tr::tr("This card was charged again, %1, after you confirmed. Nothing was sent: "
                                   "review the charge again.")
                                .arg(recent)};
    }
    if (review.farAboveFirstPayment && !request.largeAmountConfirmed)
        return Error{field, Tr::tr("%1 is more than %2 times this card's first payment (%3). Nothing was "
                                   "sent: check the amount and confirm it explicitly.")
                                .arg(amountText(request.amount))
                                .arg(LargeAmountFactor)
                                .arg(amountText(review.firstAmount))};
    return {};
}

} // namespace fatora::ChargeGuard
