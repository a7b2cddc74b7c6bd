// The verify reply: GatewayReplyInterpreter::interpret(Verify, ...) and, once the branch that adds
// it is merged, judgeVerifyReply(payment, result), the one rule that lets a verify reply settle an
// unknown payment.
//
// Input: byte 0 the payment's shape (bit 0: an amount was sent, bit 1: the transaction id is known),
// byte 1 the HTTP status; the rest is the body, where $O$ is the payment's order id, $X$ its
// transaction id, $A$ its amount, $C$ its currency, and $T$/$R$/$K$ plant the fake token and key.
//
// Asserts, against an independent strict JSON reading of the body (duplicate keys counted):
// - interpret: Success only from HTTP 200, exactly one top-level "status" that is exactly "SUCCESS",
//   and a "result" object; then its payment_status and order_id are the reply's, as given; never
//   Declined; after the client's sanitising step no text holds the token, the key, or the
//   card_token the reply names;
// - judgeVerifyReply: settles Approved only from a Success whose result has exactly one
//   payment_status, exactly "SUCCESS", exactly one order_id equal to the payment's, and no amount
//   or currency (nor transaction id, when both sides know one) contradicting the payment;
//   Declined likewise from exactly "FAILURE"; a settled verdict names no mismatch.

#include "FuzzSupport.h"
#include "gateway/GatewayReplyInterpreter.h"
#include "GatewayOracle.h"

#if __has_include("VerifyReplyCheck.h")
#include "gateway/VerifyReplyCheck.h"
#define FATORA_FUZZ_HAS_VERIFY_JUDGE 1
#endif

#include "domain/Payment.h"

#include <QNetworkReply>
#include <QRegularExpression>

#include <algorithm>
#include <array>

using namespace fatora;
using namespace fatora::fuzz;
using namespace Qt::StringLiterals;

namespace {

constexpr std::array HttpStatuses = {200, 200, 200, 200, 200, 200, 201, 404, 400, 500, 204, 202};

const QString OrderId = u"BO-20261125-7K3QH2MX9A"_s;
const QString TransactionId = u"TX-55021"_s;

// A decimal literal (JSON number or numeric string) as an exact value scaled to `decimals` places;
// nullopt when it is not a plain decimal or has more places than that.
[[maybe_unused]] std::optional<qint64> scaledDecimal(QString text, int decimals)
{
    static const QRegularExpression shape(u"^(\\d{1,12})(?:\\.(\\d+))?$"_s);
    const auto match = shape.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    QString fraction = match.captured(2);
    while (fraction.size() > decimals && fraction.endsWith(u'0'))
        fraction.chop(1);
    if (fraction.size() > decimals)
        return std::nullopt;
    fraction = fraction.leftJustified(decimals, u'0');
    return QString(match.captured(1) + fraction).toLongLong();
}

[[maybe_unused]] QString scalar(const JsonValue *value)
{
    if (!value)
        return {};
    if (value->type == JsonValue::Type::String)
        return value->string;
    if (value->type == JsonValue::Type::Number)
        return QString::fromLatin1(value->number);
    return {};
}

// Short text without control or format characters (direction marks are format characters).
bool isPlain(const QString &text)
{
    return text.size() <= 128 && std::none_of(text.cbegin(), text.cend(), [](QChar c) {
               return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
           });
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
    const uint8_t shape = in.byte();
    const int status = HttpStatuses[in.byte() % HttpStatuses.size()];

    Payment payment;
    payment.id = 7;
    payment.orderId = OrderId;
    payment.currency = u"QAR"_s;
    if (shape & 1)
        payment.amount = Money(1250, u"QAR"_s);
    if (shape & 2)
        payment.transactionId = TransactionId;
    payment.state = PaymentState::Unknown;

    QByteArray body = in.rest();
    body.replace("$O$", OrderId.toUtf8());
    body.replace("$X$", TransactionId.toUtf8());
    body.replace("$A$", "12.50");
    body.replace("$C$", "QAR");
    body = withSecrets(body);

    GatewayResult r = GatewayReplyInterpreter::interpret(GatewayOperation::Verify, QNetworkReply::NoError,
                                                         QString(), status, body, false);
    const QString what = u"verify, HTTP %1 -> %2 (%3); body: %4"_s.arg(
        QString::number(status), gatewayOutcomeName(r.outcome), r.errorText.left(200),
        QString::fromUtf8(body.left(400)));
    const StatusReading reading = readStatus(body);

    FUZZ_CHECK(r.outcome != GatewayOutcome::Declined && r.outcome != GatewayOutcome::NotSent, what);
    FUZZ_CHECK(r.outcome == GatewayOutcome::Success || !r.errorText.isEmpty(), what);

    // The reply's result object, when the oracle can name exactly one.
    const JsonValue *result = nullptr;
    bool resultAmbiguous = false;
    if (reading.isObject) {
        const auto results = reading.json->all(u"result"_s);
        resultAmbiguous = results.size() > 1;
        if (!results.isEmpty()) {
            const JsonValue *last = results.last();
            if (last->type == JsonValue::Type::Object)
                result = last;
            else if (last->type == JsonValue::Type::Array && !last->items.isEmpty() &&
                     last->items.first().type == JsonValue::Type::Object)
                result = &last->items.first();
        }
    }
    auto membersOf = [&](const QString &key) {
        return result ? result->all(key) : QList<const JsonValue *>();
    };

    if (r.outcome == GatewayOutcome::Success) {
        const bool word = status == 200 && reading.exactly(u"SUCCESS"_s);
        FUZZ_CHECK(word && result && !resultAmbiguous, what);
        // What the interpreter hands on is what the reply said, when it said it once as text.
        // (The interpreter caps texts and replaces control and direction characters: those are
        // compared only when plain.)
        const auto paymentStatuses = membersOf(u"payment_status"_s);
        if (paymentStatuses.size() == 1 && paymentStatuses.first()->type == JsonValue::Type::String &&
            isPlain(paymentStatuses.first()->string) && !resultAmbiguous)
            FUZZ_CHECK(r.paymentStatus == paymentStatuses.first()->string, what);
        const auto orderIds = membersOf(u"order_id"_s);
        if (orderIds.size() == 1 && orderIds.first()->type == JsonValue::Type::String &&
            isPlain(orderIds.first()->string) && !resultAmbiguous)
            FUZZ_CHECK(r.orderId == orderIds.first()->string, what);
    }

#ifdef FATORA_FUZZ_HAS_VERIFY_JUDGE
    const VerifyVerdict verdict = judgeVerifyReply(payment, r);
    const QString judged =
        what + u"; settles as "_s + (verdict.settlesAs ? paymentStateName(*verdict.settlesAs) : u"nothing"_s);
    if (verdict.settlesAs) {
        FUZZ_CHECK(*verdict.settlesAs == PaymentState::Approved ||
                       *verdict.settlesAs == PaymentState::Declined,
                   judged);
        FUZZ_CHECK(verdict.mismatch.isEmpty(), judged);
        FUZZ_CHECK(r.outcome == GatewayOutcome::Success && result && !resultAmbiguous, judged);
        const QString word = *verdict.settlesAs == PaymentState::Approved ? u"SUCCESS"_s : u"FAILURE"_s;
        const auto paymentStatuses = membersOf(u"payment_status"_s);
        FUZZ_CHECK(paymentStatuses.size() == 1 && paymentStatuses.first()->isString(word), judged);
        const auto orderIds = membersOf(u"order_id"_s);
        FUZZ_CHECK(orderIds.size() == 1 && orderIds.first()->isString(OrderId), judged);
        const auto amounts = membersOf(u"amount"_s);
        FUZZ_CHECK(amounts.size() <= 1, judged);
        if (amounts.size() == 1 && payment.amount) {
            const auto value = scaledDecimal(scalar(amounts.first()), 2);
            // A literal this oracle cannot read (an exponent) is not judged here.
            if (value || !scalar(amounts.first()).contains(u'e', Qt::CaseInsensitive))
                FUZZ_CHECK(value == payment.amount->minorUnits(), judged);
        }
        const auto currencies = membersOf(u"currency"_s);
        FUZZ_CHECK(currencies.size() <= 1, judged);
        if (currencies.size() == 1)
            FUZZ_CHECK(scalar(currencies.first()).compare(payment.currency, Qt::CaseInsensitive) == 0,
                       judged);
        const auto transactionIds = membersOf(u"transaction_id"_s);
        FUZZ_CHECK(transactionIds.size() <= 1, judged);
        if (transactionIds.size() == 1 && !payment.transactionId.isEmpty() &&
            !scalar(transactionIds.first()).isEmpty())
            FUZZ_CHECK(scalar(transactionIds.first()) == payment.transactionId, judged);
    }
#endif

    r.requestBody = R"({"order_id":")" + OrderId.toUtf8() + R"("})";
    QList<QString> namedTokens;
    if (status >= 200 && status < 300 && reading.json) {
        for (const QString &token : cardTokensIn(*reading.json)) {
            if (token.size() >= 8 && !token.contains(u'\u2022') && !token.contains(u' '))
                namedTokens << token;
        }
    }
    sanitizeAsClient(r);
    checkNoSecrets(r, namedTokens);
    return 0;
}
