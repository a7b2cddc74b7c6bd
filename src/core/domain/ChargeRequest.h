#pragma once

#include "domain/Money.h"
#include "domain/Payment.h"

#include <QString>

#include <optional>

namespace fatora {

// What the operator saw before confirming a charge: PaymentService::reviewCharge fills it, the desk's
// review step and the CLI's prompt show it, and the ChargeRequest carries back what was acknowledged.
struct ChargeReview
{
    // The newest approved charge on this card within ChargeGuard::RepeatWindowSecs, if any.
    std::optional<Payment> recentCharge;
    // The amount is more than ChargeGuard::LargeAmountFactor times the card's first payment.
    bool farAboveFirstPayment = false;
    std::optional<Money> firstAmount; // the card's first payment, when known
};

// One charge intent, as confirmed. PaymentService::charge checks every guard again inside the
// write-ahead transaction, against what the operator acknowledged here: a colleague's charge that
// lands while this operator reads the review step (or sits at the CLI's [y/N] prompt) is caught
// there and refused, never sent.
struct ChargeRequest
{
    ChargeRequest() = default;
    ChargeRequest(qint64 token, std::optional<Money> chargeAmount, QString order = QString())
        : tokenId(token), amount(std::move(chargeAmount)), orderId(std::move(order))
    {
    }

    qint64 tokenId = 0;
    std::optional<Money> amount; // nullopt: the "amount" key is left out; Fatora charges the first amount
    QString orderId;             // the one shown on the review step; empty: generate one

    // The id of the recent charge the operator was shown and accepted (0: none was shown). A recent
    // charge with any other id at write-ahead time refuses the charge.
    qint64 acknowledgedRecentChargeId = 0;
    // For callers that charge one card repeatedly on purpose (benchmarks, a billing run): no recent
    // charge refuses. Never set from a person's confirmation, which acknowledges one charge by id.
    bool repeatIntended = false;
    // The operator confirmed an amount far above the card's first payment.
    bool largeAmountConfirmed = false;
};

} // namespace fatora
