#pragma once

#include "domain/Payment.h"
#include "gateway/GatewayTypes.h"

#include <QString>

#include <optional>

namespace fatora {

// What a verify reply proves about one payment.
struct VerifyVerdict
{
    std::optional<PaymentState> settlesAs; // Approved or Declined; nullopt: the payment stays unknown
    QString mismatch;                      // translated; what did not match, empty when it settles
    // The amount the reply reports taken: only from a reply about this very payment (order and
    // transaction ids, no key given twice, the payment's currency) whose payment_status is SUCCESS,
    // with an amount readable in that currency. Set even when it differs from the amount sent (then
    // the reply does not settle, and mismatch says so): the caller records it, visibly, beside the
    // amount sent, never in its place.
    std::optional<Money> takenAmount;
};

// The one rule for letting a verify reply settle money. It settles only a successful call whose
// payment_status is exactly SUCCESS (Approved) or FAILURE (Declined), given once, about this very
// payment: the order id present and equal, the transaction id equal when both sides know one, and
// the amount and currency equal when the reply gives them, even as "" or null (a charge of the
// first-payment amount accepts any amount, in the payment's currency). Anything else names every mismatch.
// Pure: no store, no network, any input.
VerifyVerdict judgeVerifyReply(const Payment &payment, const GatewayResult &result);

// Writes onto the payment what a reply judgeVerifyReply let settle it as (settlesAs) says: the state,
// the gateway's payment status, and the ids and texts the reply gives. An empty one never erases
// what the payment already knows. The taken amount is the caller's to record (see takenAmount).
void settleFromVerify(Payment &payment, const GatewayResult &result, PaymentState settlesAs);

} // namespace fatora
