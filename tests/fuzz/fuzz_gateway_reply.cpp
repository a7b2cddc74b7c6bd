// The gateway reply interpreter: raw network error, HTTP status and body in, outcome out.
//
// Input: byte 0 the operation, byte 1 the network error, byte 2 the HTTP status (both from tables
// of the values that matter), byte 3 flags (bit 0: the body was cut off; bit 1/2: the network error
// text quotes the token / the key); the rest is the body, where $T$, $R$ and $K$ plant the fake
// token (JSON-escaped or raw) and API key, $O$ the order id the request carried.
//
// Asserts, against an independent strict JSON reading of the body (duplicate keys counted):
// - collect and refund: Success only from HTTP 200 and a JSON object with exactly one top-level
//   "status" that is exactly "SUCCESS"; Declined only from exactly one "FAILURE", also at 200;
// - verify: Success only from that same SUCCESS and a "result" object; never Declined;
// - deactivate: Success only from 204, or a 200/201 that is empty or a JSON object with no
//   top-level "status" other than SUCCESS;
// - NotSent only when no HTTP status arrived and the network error proves nothing left (refused,
//   host not found, TLS, proxy); a connection-level error never gives Success or Declined; a cut-off
//   body or a 5xx is Unknown; every outcome but Success carries an explanation;
// - after the client's sanitising step, no text field, error text or body holds the token or the
//   key (nor, on a 2xx, a card_token the reply names) in any form checked.

#include "FuzzSupport.h"
#include "gateway/GatewayReplyInterpreter.h"
#include "GatewayOracle.h"

#include <QNetworkReply>

#include <array>

using namespace fatora;
using namespace fatora::fuzz;
using namespace Qt::StringLiterals;

namespace {

constexpr std::array NetworkErrors = {
    QNetworkReply::NoError,
    QNetworkReply::NoError,
    QNetworkReply::NoError,
    QNetworkReply::NoError,
    QNetworkReply::ConnectionRefusedError,
    QNetworkReply::RemoteHostClosedError,
    QNetworkReply::HostNotFoundError,
    QNetworkReply::TimeoutError,
    QNetworkReply::OperationCanceledError,
    QNetworkReply::SslHandshakeFailedError,
    QNetworkReply::TemporaryNetworkFailureError,
    QNetworkReply::NetworkSessionFailedError,
    QNetworkReply::UnknownNetworkError,
    QNetworkReply::ProxyConnectionRefusedError,
    QNetworkReply::ProxyTimeoutError,
    QNetworkReply::ContentAccessDenied,
    QNetworkReply::ContentNotFoundError,
    QNetworkReply::AuthenticationRequiredError,
    QNetworkReply::ContentReSendError,
    QNetworkReply::ProtocolUnknownError,
    QNetworkReply::ProtocolFailure,
    QNetworkReply::InternalServerError,
    QNetworkReply::ServiceUnavailableError,
    QNetworkReply::UnknownServerError,
};

constexpr std::array HttpStatuses = {200, 200, 200, 200, 201, 204, 400, 401, 403, 404, 406,
                                     409, 415, 422, 500, 502, 503, 0,   -1,  100, 199, 202,
                                     203, 205, 299, 301, 302, 399, 418, 429, 599, 600};

const QString SentOrderId = u"BO-20261125-FUZZ000001"_s;

// Errors after which the request provably never reached the gateway (safe to send again).
bool provesNothingSent(int error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
    case QNetworkReply::ProtocolUnknownError:
        return true;
    default:
        return false;
    }
}

// QNetworkReply's connection-level errors are numbered 1-199.
bool isConnectionLevel(int error)
{
    return error > 0 && error < 200;
}

QString describe(GatewayOperation op, int error, int status, const QByteArray &body, const GatewayResult &r)
{
    return u"%1, network error %2, HTTP %3 -> %4 (%5); body: %6"_s.arg(
        gatewayOperationName(op), QString::number(error), QString::number(status),
        gatewayOutcomeName(r.outcome), r.errorText.left(200), QString::fromUtf8(body.left(300)));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    initialize();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Reader in(data, size);
    const auto op = static_cast<GatewayOperation>(in.byte() % 4);
    const int error = NetworkErrors[in.byte() % NetworkErrors.size()];
    const int status = HttpStatuses[in.byte() % HttpStatuses.size()];
    const uint8_t flags = in.byte();
    const bool truncated = flags & 1;
    QString errorText = u"connection trouble"_s;
    if (flags & 2)
        errorText += u" for "_s + plantedToken();
    if (flags & 4)
        errorText += u" with key "_s + plantedApiKey();
    QByteArray body = in.rest();
    body.replace("$O$", SentOrderId.toUtf8());
    body = withSecrets(body);

    // As the client calls it: with the order id the request carried.
    GatewayResult r =
        GatewayReplyInterpreter::interpret(op, error, errorText, status, body, truncated, SentOrderId);
    const QString what = describe(op, error, status, body, r);
    const StatusReading reading = readStatus(body);

    FUZZ_CHECK(r.operation == op && r.httpStatus == status, what);
    FUZZ_CHECK(r.outcome == GatewayOutcome::Success || !r.errorText.isEmpty(), what);
    if (truncated)
        FUZZ_CHECK(r.outcome == GatewayOutcome::Unknown, what);
    if (r.outcome == GatewayOutcome::NotSent)
        FUZZ_CHECK(status <= 0 && provesNothingSent(error), what);
    if (isConnectionLevel(error))
        FUZZ_CHECK(r.outcome == GatewayOutcome::Unknown || r.outcome == GatewayOutcome::NotSent, what);
    if (status >= 500 && !isConnectionLevel(error))
        FUZZ_CHECK(r.outcome == GatewayOutcome::Unknown, what);
    if (r.outcome == GatewayOutcome::Rejected) {
        const bool refusedStatus = status >= 400 && status < 500;
        const bool failureWord = status >= 200 && status < 300 && reading.anyStatusLooselyIs(u"FAILURE"_s);
        FUZZ_CHECK(refusedStatus || failureWord, what);
    }

    // What an unambiguous word looks like: at HTTP 200 (Fatora documents no other status for these
    // calls), in a body that is JSON, exactly one top-level "status", exactly the word.
    auto unambiguous = [&](const QString &word) { return status == 200 && reading.exactly(word); };

    switch (op) {
    case GatewayOperation::Collect:
    case GatewayOperation::Refund:
        if (r.outcome == GatewayOutcome::Success)
            FUZZ_CHECK(unambiguous(u"SUCCESS"_s), what);
        if (r.outcome == GatewayOutcome::Declined)
            FUZZ_CHECK(unambiguous(u"FAILURE"_s), what);
        break;
    case GatewayOperation::Verify: {
        FUZZ_CHECK(r.outcome != GatewayOutcome::Declined, what);
        if (r.outcome == GatewayOutcome::Success) {
            FUZZ_CHECK(unambiguous(u"SUCCESS"_s), what);
            const auto results = reading.json->all(u"result"_s);
            const bool hasResult =
                !results.isEmpty() &&
                (results.last()->type == JsonValue::Type::Object ||
                 (results.last()->type == JsonValue::Type::Array && !results.last()->items.isEmpty() &&
                  results.last()->items.first().type == JsonValue::Type::Object));
            FUZZ_CHECK(hasResult && results.size() == 1, what);
        }
        break;
    }
    case GatewayOperation::Deactivate:
        FUZZ_CHECK(r.outcome != GatewayOutcome::Declined, what);
        if (r.outcome == GatewayOutcome::Success && status != 204) {
            FUZZ_CHECK(status == 200 || status == 201, what);
            if (!body.trimmed().isEmpty()) {
                FUZZ_CHECK(reading.isObject, what);
                for (const QString &text : reading.statusTexts)
                    FUZZ_CHECK(text == u"SUCCESS"_s, what);
                FUZZ_CHECK(reading.statusCount == int(reading.statusTexts.size()), what);
            }
        }
        break;
    case GatewayOperation::Checkout:
        // Not drawn above (op is byte % 4, kept so the corpus still reproduces): the checkout
        // reply's oracle is still to be written; tst_cardrequests covers its hostile replies.
        break;
    }

    // The client's sanitising step, then: no secret anywhere.
    r.requestBody =
        R"({"card_token":")" + withSecrets("$T$") + R"(","order_id":")" + SentOrderId.toUtf8() + R"("})";
    QList<QString> namedTokens;
    if (status >= 200 && status < 300 && reading.json) {
        for (const QString &token : cardTokensIn(*reading.json)) {
            // A token too short or made of mask characters cannot be told apart from its own mask.
            if (token.size() >= 8 && !token.contains(u'\u2022') && !token.contains(u' '))
                namedTokens << token;
        }
    }
    sanitizeAsClient(r);
    checkNoSecrets(r, namedTokens);
    return 0;
}
