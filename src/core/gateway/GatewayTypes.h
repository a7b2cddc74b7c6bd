#pragma once

#include "domain/Money.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace fatora {

class SecretMasker;

// Where and how to reach Fatora. The API key is a secret: never logged, never stored in SQL.
struct GatewayConfig
{
    static constexpr int DefaultTimeoutMs = 30'000;
    QUrl baseUrl = QUrl(QStringLiteral("https://api.fatora.io"));
    QString apiKey;
    int timeoutMs = DefaultTimeoutMs;

    // https anywhere; plain http only to a loopback host (the sandbox). Names the bad field.
    Result<void> validate() const;
    // Whether the gateway is the loopback sandbox (plain http to this computer).
    bool isLoopbackSandbox() const;
};

// Whether a URL's host is this computer: "localhost" or a loopback address without a zone id. The
// one rule for where plain http may go (the sandbox), for the gateway, its settings and links.
bool isLoopbackHost(const QString &host);

// A link that may be handed to a customer or opened as a return page: absolute, https with a host
// (plain http only to this computer, and only when allowLoopbackHttp: the sandbox), no user name or
// password, no spaces, control or text-direction characters, at most 2048 characters.
// field names the refusal.
Result<QUrl> checkWebLink(const QString &text, bool allowLoopbackHttp, const QString &field);

struct CollectRequest
{
    QString cardToken;
    QString orderId;
    std::optional<Money> amount; // absent: the "amount" key is left out and Fatora charges the first amount
};

struct DeactivateRequest
{
    QString cardToken;
    QString orderId;
};

struct VerifyRequest
{
    QString orderId;
    QString transactionId; // empty when the collect reply never arrived
    // A card request's check: the result keeps the card token the payment created (cardToken).
    // Any other verify drops it at once, so no other caller ever holds a full token from a reply.
    bool keepCardToken = false;
};

struct RefundRequest
{
    QString orderId;
    QString transactionId;
};

// A checkout that asks Fatora to save the card (save_token: true): the customer pays amount on the
// page at the returned link, and the card token of that payment is learnt by verify.
struct CheckoutRequest
{
    Money amount;
    QString orderId;
    QString clientName;
    QString clientPhone;
    QString clientEmail;
    QString language = QStringLiteral("en"); // "en" or "ar": the payment page's language
    QUrl successUrl;
    QUrl failureUrl;
    QString note;
};

struct VerifyRequest;

enum class GatewayOperation { Collect, Deactivate, Verify, Refund, Checkout };

// What a reply proves about money. The split between NotSent and Unknown is the one that matters:
// NotSent is safe to retry, Unknown must be verified first.
enum class GatewayOutcome {
    Success,  // 200 SUCCESS (collect, verify, refund); deactivate: 204, empty 200/201, "result": 1 or SUCCESS
    Declined, // 200 FAILURE: processed and refused (declined, blocked, insufficient funds, token invalid)
    Rejected, // 4xx: refused before processing (bad parameter, bad key, not found, already deactivated)
    NotSent,  // the gateway never saw the request (connection refused, host not found, TLS failure)
    Unknown,  // sent, but no trustworthy answer (timeout, dropped connection, 5xx, garbage body)
};

QString gatewayOperationName(GatewayOperation op); // "collect", "deactivate", "verify", "refund", "checkout"
QString gatewayOutcomeName(GatewayOutcome outcome);

struct GatewayResult
{
    GatewayOperation operation = GatewayOperation::Collect;
    GatewayOutcome outcome = GatewayOutcome::Unknown;
    int httpStatus = 0; // 0 when no HTTP status arrived

    QString status; // top-level "status" as received, e.g. "SUCCESS", "FAILURE"
    // collect's "result" (and verify's, which shares these names)
    QString statusCode;
    QString transactionId;
    QString authCode;
    QString mode;
    QString description;
    // verify's result
    QString paymentStatus; // SUCCESS | PENDING | FAILURE
    QString orderId;
    bool verifiedTokenPresent = false; // the reply named the payment's card token (never kept here)
    QString verifiedAmount;            // as text, as received
    QString verifiedCurrency;
    // Whether the result has these members at all: given as null, "" or an object they read as
    // empty text, which is not the same as not given.
    bool verifiedAmountGiven = false;
    bool verifiedCurrencyGiven = false;
    // refund's result
    QString refundStatus;
    // checkout's result: the payment page's link, checked by GatewayClient (checkCheckoutLink)
    // before the result leaves it; empty when the reply held none that passed.
    QString checkoutUrl;
    // verify's result.card_token exactly as received, only for a VerifyRequest with keepCardToken
    // (the one field that holds a secret on purpose: maskSecrets leaves it, nothing logs it).
    QString cardToken;
    QString cardBrand;   // verify's result.card_brand, when given (cleaned, capped)
    QString paymentDate; // verify's result.payment_date as received (cleaned, capped)

    // Why a reply cannot be taken at its word. Keys the reply gives more than once, as paths
    // ("status", "result.payment_status"): JSON parsers keep one value silently, so either may be
    // the one meant. And ids the reply held that were dropped rather than kept cut or patched
    // (longer than GatewayText::MaxIdentifierChars, or with control or bidi characters).
    QStringList duplicateKeys;
    bool transactionIdDropped = false;
    bool orderIdDropped = false;
    // Verify only: the gateway itself said it does not know the order (HTTP 404 with its JSON
    // reply). A 404 that is an HTML page or empty comes from something in between (a wrong
    // address, a proxy) and says nothing about the order: closing a charge as "not charged" on it
    // could let the card be charged twice.
    bool orderNotFound = false;

    // A readable explanation when outcome is not Success: the network error, or the gateway's
    // error object flattened to "field: message; ...". Never contains the API key.
    QString errorText;

    QByteArray requestBody;  // as sent, with the card token masked
    QByteArray responseBody; // as received (capped), with the card token masked

    bool isSuccess() const { return outcome == GatewayOutcome::Success; }
    // Masks every text field and both bodies. A field added above must be added there too.
    void maskSecrets(const SecretMasker &masker);
};

} // namespace fatora
