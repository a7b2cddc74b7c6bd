#pragma once

#include "domain/Payment.h"

#include <QString>

namespace fatora {

// Why Fatora (or the bank behind it) said no, in words a clerk understands, in the UI language, with
// Fatora's own text kept beside it so nothing the gateway said is lost or reinterpreted. The one
// place that turns a status code, a description and an HTTP status into a reason: the desk's
// charge result, its notices and the CLI all call it.
class GatewayReason
{
public:
    enum class Kind {
        None,              // nothing to explain (approved, in flight)
        InsufficientFunds, // code 51, "insufficient funds / credit"
        Blocked,           // risk checks: code 59, "blocked", "fraud"
        CardExpired,       // code 54, "expired card"
        TokenInvalid,      // code 14, "token invalid / expired": this saved card is no longer usable
        ContactBank,       // code 5 / 1 / 2, "contact issuing bank", "do not honour"
        LimitExceeded,     // code 61 / 65, "exceeds limit"
        BankDeclined,      // a decline Fatora did not explain in a way we know
        KeyRefused,        // HTTP 401
        KeyInactive,       // HTTP 403
        RequestRefused,    // other 4xx: a detail of the request was refused before processing
        // A call that went wrong rather than a refusal; the original text is then the desk's
        // technical account of it (the gateway client's words), not Fatora's.
        NotReached,    // not sent: the request never reached Fatora (nothing was charged)
        NoAnswer,      // unknown: sent, but no answer arrived (timeout, dropped connection)
        ServerTrouble, // unknown: Fatora's side failed while handling it (HTTP 5xx)
        UnclearAnswer, // unknown: an answer came that cannot be trusted (unreadable, cut off, odd)
    };

    // What Fatora said, as it reached the payment: statusCode, description and httpStatus of a
    // declined or rejected charge (for one not sent or left unknown: how the call went wrong).
    // `original` is Fatora's own text (description or error), kept verbatim beside the plain reason.
    static Kind classify(PaymentState state, const QString &statusCode, const QString &description,
                         int httpStatus);
    // The plain-language reason alone ("Insufficient funds on the card."), translated.
    static QString plain(Kind kind);
    // What the clerk should do next, translated; empty when there is nothing particular to do.
    static QString advice(Kind kind);
    // "Insufficient funds on the card. — Fatora said: “Transaction Declined, Insufficient credit”";
    // for the kinds of a call gone wrong, "… — technical detail: “…”". `original` is shown as given
    // (the caller makes it printable), isolated in right-to-left text; empty: the plain reason alone.
    static QString withOriginal(Kind kind, const QString &original);

    // Whether `kind` explains a call gone wrong (not sent, unknown) rather than Fatora's refusal.
    static bool isTechnical(Kind kind);

    // The above for a stored payment: the reason of a declined or rejected charge, Fatora's text beside
    // it, or of one not sent or unknown, the technical text beside it; empty for approved and pending.
    static Kind of(const Payment &payment);
    static QString explain(const Payment &payment);
    // Fatora's own words for a payment: its description, else the error text the reply gave.
    static QString originalText(const Payment &payment);
};

} // namespace fatora
