#pragma once

#include "GatewayTypes.h"
#include "Payment.h"

#include <QString>

#include <optional>

namespace fatora {

// What a verify reply proves about one payment.
struct VerifyVerdict
{
    std::optional<PaymentState> settlesAs; // Approved or Declined; nullopt: the payment stays unknown
    QString mismatch;                      // translated; what did not match, empty when it settles
};

// The one rule for letting a verify reply settle money. It settles only a successful call whose
// payment_status is exactly SUCCESS (Approved) or FAILURE (Declined), given once, about this very
// payment: the order id present and equal, the transaction id equal when both sides know one, and
// the amount and currency equal when the reply gives them, even as "" or null (a charge of the
// first-payment amount accepts any amount, in the payment's currency). Anything else names every mismatch.
// Pure: no store, no network, any input.
VerifyVerdict judgeVerifyReply(const Payment &payment, const GatewayResult &result);

} // namespace fatora
