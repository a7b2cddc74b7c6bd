#include "gateway/GatewayReplyInterpreter.h"

#include "gateway/GatewayText.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QVariant>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// One translation context for everything the gateway client tells an operator.
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::GatewayClient)
};

// Texts shown to people are capped so a hostile error object cannot flood a dialog or a table cell.
constexpr qsizetype MaxErrorTextChars = GatewayText::MaxErrorTextChars;
constexpr int MaxFlattenDepth = 8;
constexpr qsizetype MaxQuotedChars = 64;

// What an Unknown outcome means for the person deciding what to do next.
QString unknownAdvice(GatewayOperation op)
{
    switch (op) {
    case GatewayOperation::Collect:
        //: Completes another message after "; ", hence the lower-case start.
        return Tr::tr("the payment may have been taken: verify it before charging again.");
    case GatewayOperation::Refund:
        //: Completes another message after "; ", hence the lower-case start.
        return Tr::tr("the refund may have been made: verify the payment before trying again.");
    case GatewayOperation::Deactivate:
        //: Completes another message after "; ", hence the lower-case start.
        return Tr::tr("the token may already be deactivated: it is safe to try again.");
    case GatewayOperation::Verify:
        //: Completes another message after "; ", hence the lower-case start.
        return Tr::tr("nothing changed: try verifying again later.");
    case GatewayOperation::Checkout:
        //: Completes another message after "; ", hence the lower-case start.
        return Tr::tr("no checkout link was received, so nobody can pay on it: check the card request "
                      "later, or send a new one.");
    }
    return {};
}

QString noDetails()
{
    return Tr::tr("the reply gave no details.");
}

// Integers come out without exponent ("1234567890123"). Doubles beyond 2^53 cannot carry their
// original digits any more, so they are shown in exponent form rather than as invented digits.
QString numberText(const QJsonValue &value)
{
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong)
        return QString::number(variant.toLongLong());
    const double d = value.toDouble();
    if (!std::isfinite(d))
        return {};
    constexpr double MaxExactInteger = 9007199254740992.0; // 2^53
    if (d == std::trunc(d) && std::fabs(d) <= MaxExactInteger)
        return QString::number(static_cast<qint64>(d));
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

// A field that should be text: strings as they are, numbers rendered exactly, anything structured
// (object, array) is not a value we can trust for that field and reads as empty.
QString fieldText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return numberText(value);
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    default:
        return {};
    }
}

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Undefined:
        return {};
    default:
        return fieldText(value);
    }
}

// A received value quoted inside an explanation: short, and recognisably what was received.
QString shownValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        return Tr::tr("none");
    case QJsonValue::String:
        return u"\"%1\""_s.arg(value.toString().left(MaxQuotedChars));
    case QJsonValue::Object:
        return u"{…}"_s;
    case QJsonValue::Array:
        return u"[…]"_s;
    default:
        return scalarText(value);
    }
}

void flattenInto(QStringList &parts, const QString &prefix, const QJsonValue &value, int depth)
{
    const auto add = [&](const QString &text) {
        parts.append(prefix.isEmpty() ? text : prefix + u": "_s + text);
    };
    if (depth > MaxFlattenDepth) {
        add(u"…"_s);
        return;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty() && !prefix.isEmpty())
            add(Tr::tr("(empty)"));
        for (auto it = object.begin(); it != object.end(); ++it)
            flattenInto(parts, prefix.isEmpty() ? it.key() : prefix + u'.' + it.key(), it.value(), depth + 1);
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const bool allScalar = std::all_of(array.begin(), array.end(), [](const QJsonValue &item) {
            return !item.isObject() && !item.isArray();
        });
        if (allScalar) {
            QStringList items;
            for (const QJsonValue &item : array)
                items.append(scalarText(item));
            add(array.isEmpty() ? Tr::tr("(empty)") : items.join(u", "_s));
            return;
        }
        for (qsizetype i = 0; i < array.size(); ++i)
            flattenInto(parts, prefix + u'[' + QString::number(i) + u']', array.at(i), depth + 1);
        return;
    }
    add(scalarText(value));
}

// Turns the gateway's undocumented error object (any shape) into "field: message; field: message".
QString flatten(const QJsonValue &value)
{
    QStringList parts;
    flattenInto(parts, QString(), value, 0);
    parts.removeAll(QString());
    QString text = parts.join(u"; "_s);
    if (text.size() > MaxErrorTextChars)
        text = text.left(MaxErrorTextChars) + u"…"_s;
    return text;
}

QString errorDetail(const QJsonObject &object)
{
    for (const auto key : {"error"_L1, "errors"_L1}) {
        const QJsonValue value = object.value(key);
        if (!value.isUndefined() && !value.isNull()) {
            const QString text = flatten(value);
            if (!text.isEmpty())
                return text;
        }
    }
    const QString message = fieldText(object.value("message"_L1));
    return message.left(MaxErrorTextChars);
}

QString detailOrNone(const QString &detail)
{
    return detail.isEmpty() ? noDetails() : detail;
}

// Fatora documents "result" as an object but calls it an array in one place; accept a one-element
// array holding the object too.
QJsonObject resultObject(const QJsonObject &object, bool *present = nullptr)
{
    const QJsonValue value = object.value("result"_L1);
    if (present)
        *present = value.isObject() || (value.isArray() && value.toArray().at(0).isObject());
    if (value.isObject())
        return value.toObject();
    if (value.isArray() && value.toArray().at(0).isObject())
        return value.toArray().at(0).toObject();
    return {};
}

enum class StatusWord { Success, Failure, Other };

// Only the documented words, exactly as documented, as JSON strings: money is settled on an
// unambiguous word or not at all. "success", " SUCCESS", true or 1 are not guessed at: the
// outcome stays unknown and the operator verifies.
StatusWord statusWord(const QJsonValue &status)
{
    if (!status.isString())
        return StatusWord::Other;
    const QString s = status.toString();
    if (s == u"SUCCESS"_s)
        return StatusWord::Success;
    if (s == u"FAILURE"_s)
        return StatusWord::Failure;
    return StatusWord::Other;
}

// Deactivate's documented {"result": 1}. Anything structured says nothing either way; any other
// scalar (0, false, "0", 2, null) is not a yes.
enum class ResultFlag { Yes, No, Silent };

ResultFlag resultFlag(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Object:
    case QJsonValue::Array:
        return ResultFlag::Silent;
    case QJsonValue::Double:
        return value.toDouble() == 1.0 ? ResultFlag::Yes : ResultFlag::No;
    case QJsonValue::String:
        return value.toString() == u"1"_s ? ResultFlag::Yes : ResultFlag::No;
    case QJsonValue::Bool:
        return value.toBool() ? ResultFlag::Yes : ResultFlag::No;
    default:
        return ResultFlag::No;
    }
}

// Why a body is not JSON, in words; the byte offset is given beside it.
QString jsonProblemText(GatewayText::JsonScan::Problem problem)
{
    using Problem = GatewayText::JsonScan::Problem;
    switch (problem) {
    case Problem::None:
        break;
    case Problem::UnexpectedEnd:
        return Tr::tr("it ends too soon");
    case Problem::UnexpectedCharacter:
        return Tr::tr("an unexpected character");
    case Problem::InvalidEscape:
        return Tr::tr("an escape that JSON does not have");
    case Problem::ControlCharacter:
        return Tr::tr("a control character inside a string");
    case Problem::InvalidNumber:
        return Tr::tr("a malformed number");
    case Problem::InvalidUtf8:
        return Tr::tr("text that is not UTF-8");
    case Problem::ByteOrderMark:
        return Tr::tr("a byte-order mark inside a string");
    case Problem::DataAfterValue:
        return Tr::tr("more after the end of the JSON value");
    }
    return {};
}

// The body as the interpreter may read it: only a text that is JSON exactly as RFC 8259 writes it
// (checked on the raw bytes, before Qt's lenient parser sees them), and an object.
struct Body
{
    GatewayText::JsonScan scan;
    QJsonParseError parseError{};
    bool isObject = false;
    QJsonObject object;
};

Body readBody(const QByteArray &body)
{
    Body b;
    b.scan = GatewayText::scanJson(body);
    if (!b.scan.isJson())
        return b;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &b.parseError);
    b.isObject = b.parseError.error == QJsonParseError::NoError && doc.isObject();
    if (b.isObject)
        b.object = doc.object();
    return b;
}

QString bodyProblem(const QByteArray &body, const Body &read)
{
    const QByteArray head = body.left(512).trimmed().toLower();
    if (body.trimmed().isEmpty())
        return Tr::tr("the reply was empty");
    if (head.startsWith("<!doctype") || head.startsWith("<html") || head.contains("<html"))
        return Tr::tr("the reply was an HTML page, not JSON");
    if (!read.scan.isJson())
        return Tr::tr("the reply was not valid JSON (%1 at byte %2)")
            .arg(jsonProblemText(read.scan.problem), QString::number(read.scan.offset));
    if (read.parseError.error != QJsonParseError::NoError)
        return Tr::tr("the reply was not valid JSON (%1 at byte %2)")
            .arg(read.parseError.errorString(), QString::number(read.parseError.offset));
    return Tr::tr("the reply was JSON but not an object");
}

QString unreadable(int httpStatus, const QByteArray &body, const Body &read, const QString &advice)
{
    return Tr::tr("The gateway's reply (HTTP %1) could not be read: %2; %3")
        .arg(QString::number(httpStatus), bodyProblem(body, read), advice);
}

QString unexpectedStatus(int httpStatus, const QString &advice)
{
    return Tr::tr("The gateway answered with an unexpected HTTP %1; %2")
        .arg(QString::number(httpStatus), advice);
}

// An id is kept whole or dropped, never cut or cleaned into a different id; *dropped says which.
QString identifierField(const QJsonValue &value, bool *dropped)
{
    const QString text = fieldText(value);
    const std::optional<QString> id = GatewayText::identifier(text);
    *dropped = !id.has_value();
    return id.value_or(QString());
}

QString cutOff(int httpStatus, const QString &networkErrorText, const QString &advice)
{
    return Tr::tr("The gateway's reply (HTTP %1) was cut off or malformed: %2; %3")
        .arg(QString::number(httpStatus), networkErrorText, advice);
}

void fillCollectFields(GatewayResult &r, const QJsonObject &result)
{
    r.statusCode = fieldText(result.value("status_code"_L1));
    r.transactionId = identifierField(result.value("transaction_id"_L1), &r.transactionIdDropped);
    r.authCode = fieldText(result.value("auth_code"_L1));
    r.mode = fieldText(result.value("mode"_L1));
    r.description = fieldText(result.value("description"_L1));
}

void fillVerifyFields(GatewayResult &r, const QJsonObject &result)
{
    fillCollectFields(r, result);
    r.paymentStatus = fieldText(result.value("payment_status"_L1));
    r.orderId = identifierField(result.value("order_id"_L1), &r.orderIdDropped);
    r.verifiedTokenPresent = !fieldText(result.value("card_token"_L1)).isEmpty();
    // Only a string is a token: a number would come back in another spelling than the card's.
    // Kept byte for byte; GatewayClient drops it unless the caller asked for it.
    if (const QJsonValue token = result.value("card_token"_L1); token.isString())
        r.cardToken = token.toString();
    r.cardBrand = fieldText(result.value("card_brand"_L1));
    r.paymentDate = fieldText(result.value("payment_date"_L1));
    r.verifiedAmount = fieldText(result.value("amount"_L1));
    r.verifiedCurrency = fieldText(result.value("currency"_L1));
    r.verifiedAmountGiven = result.contains("amount"_L1);
    r.verifiedCurrencyGiven = result.contains("currency"_L1);
}

// Protocol names, as in the RFCs; not translated.
QString httpReason(int status)
{
    switch (status) {
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 406:
        return u"Not Acceptable"_s;
    case 409:
        return u"Conflict"_s;
    case 415:
        return u"Unsupported Media Type"_s;
    case 422:
        return u"Unprocessable Entity"_s;
    default:
        return {};
    }
}

bool isRejectionStatus(int status)
{
    switch (status) {
    case 400:
    case 401:
    case 403:
    case 404:
    case 406:
    case 409:
    case 415:
    case 422:
        return true;
    default:
        return false;
    }
}

// Network errors that prove no HTTP request reached the gateway.
bool provesNotSent(int networkError)
{
    switch (networkError) {
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

// Connection-level failures (QNetworkReply groups them below 200); content and server errors above
// that are just QNetworkReply's reading of the HTTP status, which we interpret ourselves.
bool isTransportError(int networkError)
{
    return networkError > QNetworkReply::NoError && networkError < QNetworkReply::ContentAccessDenied;
}

// A 2xx to deactivate. Only what says "deactivated" counts: a token wrongly taken for deactivated
// is never revoked again, while one left revoke-pending is simply tried again (and a second try
// on a token that is gone answers 422, which also means revoked).
void interpretDeactivate(GatewayResult &r, const QByteArray &body, const Body &read, const QString &advice)
{
    const QJsonObject &object = read.object;
    const int httpStatus = r.httpStatus;
    // Fatora documents both 204 without content and 200 {"result": 1}.
    if (httpStatus == 204) {
        r.outcome = GatewayOutcome::Success;
        return;
    }
    if (httpStatus != 200 && httpStatus != 201) {
        r.errorText = unexpectedStatus(httpStatus, advice);
        return;
    }
    if (body.trimmed().isEmpty()) {
        r.outcome = GatewayOutcome::Success;
        return;
    }
    if (!read.isObject) {
        r.errorText = unreadable(httpStatus, body, read, advice);
        return;
    }
    const QJsonValue statusValue = object.value("status"_L1);
    const bool hasStatus = !statusValue.isUndefined() && !statusValue.isNull();
    const StatusWord word = statusWord(statusValue);
    if (word == StatusWord::Failure) {
        r.outcome = GatewayOutcome::Rejected;
        r.errorText =
            Tr::tr("The gateway refused to deactivate the token: %1").arg(detailOrNone(errorDetail(object)));
        return;
    }
    const QJsonValue resultValue = object.value("result"_L1);
    const ResultFlag flag = resultFlag(resultValue);
    // A status that is not SUCCESS, or a result that is not 1, contradicts any sign of success.
    const bool contradicted = (hasStatus && word != StatusWord::Success) || flag == ResultFlag::No;
    if (!contradicted && (flag == ResultFlag::Yes || word == StatusWord::Success)) {
        r.outcome = GatewayOutcome::Success;
        return;
    }
    r.errorText =
        Tr::tr("The gateway's reply (HTTP %1) does not confirm the deactivation (status %2, result %3); %4")
            .arg(QString::number(httpStatus), shownValue(statusValue), shownValue(resultValue), advice);
}

} // namespace

GatewayResult GatewayReplyInterpreter::notSent(GatewayOperation operation, const Error &problem)
{
    GatewayResult r;
    r.operation = operation;
    r.outcome = GatewayOutcome::NotSent;
    r.errorText = Tr::tr("Not sent: %1").arg(problem.toString());
    return r;
}

namespace {

// Everything a reply gives to people is capped and rid of control and bidi characters here, once,
// whichever way the reply was read above.
void cleanTexts(GatewayResult &r)
{
    using namespace GatewayText;
    for (QString *field :
         {&r.status, &r.statusCode, &r.authCode, &r.mode, &r.paymentStatus, &r.verifiedAmount,
          &r.verifiedCurrency, &r.refundStatus, &r.cardBrand, &r.paymentDate})
        *field = clean(*field, MaxIdentifierChars);
    r.description = clean(r.description, MaxDescriptionChars);
    r.errorText = clean(r.errorText, MaxErrorTextChars);
    for (QString &key : r.duplicateKeys)
        key = clean(key, MaxIdentifierChars);
    // The ids were kept whole or dropped when read; say what was dropped where people look.
    QStringList dropped;
    if (r.transactionIdDropped)
        dropped.append(Tr::tr("The gateway's transaction id was not kept: it was longer than %1 "
                              "characters or held control or text-direction characters.")
                           .arg(MaxIdentifierChars));
    if (r.orderIdDropped)
        dropped.append(Tr::tr("The gateway's order id was not kept: it was longer than %1 characters "
                              "or held control or text-direction characters.")
                           .arg(MaxIdentifierChars));
    if (!dropped.isEmpty()) {
        dropped.prepend(r.description);
        dropped.removeAll(QString());
        r.description = dropped.join(u' ');
    }
}

GatewayResult interpretReply(GatewayOperation operation, int networkError, const QString &networkErrorText,
                             int httpStatus, const QByteArray &body, bool bodyTruncated,
                             const QString &sentOrderId)
{
    GatewayResult r;
    r.operation = operation;
    r.httpStatus = httpStatus;
    r.outcome = GatewayOutcome::Unknown;
    const bool overSize = bodyTruncated || body.size() > GatewayReplyInterpreter::MaxResponseBytes;
    r.responseBody = body.left(GatewayReplyInterpreter::MaxResponseBytes);
    const QString advice = unknownAdvice(operation);

    if (overSize) {
        r.errorText = Tr::tr("The gateway's reply was larger than %1 KiB and was cut off; %2")
                          .arg(QString::number(GatewayReplyInterpreter::MaxResponseBytes / 1024), advice);
        return r;
    }

    if (isTransportError(networkError) || (httpStatus <= 0 && networkError != QNetworkReply::NoError)) {
        if (httpStatus <= 0 && provesNotSent(networkError)) {
            r.outcome = GatewayOutcome::NotSent;
            r.errorText =
                Tr::tr("The gateway could not be reached (%1); nothing was sent, it is safe to try again.")
                    .arg(networkErrorText);
        } else if (httpStatus > 0) {
            r.errorText = cutOff(httpStatus, networkErrorText, advice);
        } else {
            r.errorText =
                Tr::tr("No reliable answer from the gateway (%1); %2").arg(networkErrorText, advice);
        }
        return r;
    }
    if (httpStatus <= 0) {
        r.errorText = Tr::tr("The gateway's reply had no HTTP status; %1").arg(advice);
        return r;
    }
    // A 2xx whose transfer failed (a broken chunked encoding, a length that did not match): what
    // arrived is not the whole answer, whatever it says or however empty it is.
    if (networkError != QNetworkReply::NoError && httpStatus >= 200 && httpStatus < 300) {
        r.errorText = cutOff(httpStatus, networkErrorText, advice);
        return r;
    }

    const Body read = readBody(body);
    const bool isObject = read.isObject;
    const QJsonObject &object = read.object;
    if (isObject)
        r.status = fieldText(object.value("status"_L1));

    if (isRejectionStatus(httpStatus)) {
        r.outcome = GatewayOutcome::Rejected;
        const QString detail = isObject ? errorDetail(object) : QString();
        if (httpStatus == 401) {
            r.errorText = Tr::tr("The API key was refused (401): check the key in Settings.");
        } else if (httpStatus == 403) {
            r.errorText =
                Tr::tr("The API key is inactive (403): activate it in the Fatora dashboard or enter "
                       "an active key in Settings.");
        } else if (operation == GatewayOperation::Verify && httpStatus == 404 &&
                   (!isObject || statusWord(object.value("status"_L1)) != StatusWord::Failure)) {
            r.errorText = Tr::tr("The verify call got HTTP 404 without the gateway's JSON reply (%1): "
                                 "something other than Fatora answered; check the gateway address in "
                                 "Settings. Nothing was learned about the order.")
                              .arg(isObject ? Tr::tr("a JSON object without \"status\": \"FAILURE\"")
                                            : bodyProblem(body, read));
        } else {
            // Only Fatora's own refusal, {"status":"FAILURE",...}: a JSON 404 from a gateway or
            // proxy in front of it ({"message":"no Route matched"}) says nothing about the order.
            r.orderNotFound = operation == GatewayOperation::Verify && httpStatus == 404 &&
                              statusWord(object.value("status"_L1)) == StatusWord::Failure;
            r.errorText = Tr::tr("The gateway refused the request (HTTP %1 %2): %3")
                              .arg(QString::number(httpStatus), httpReason(httpStatus), detailOrNone(detail));
        }
        if ((httpStatus == 401 || httpStatus == 403) && !detail.isEmpty())
            //: %1 is the message about the API key, %2 the gateway's own words (not translated).
            r.errorText = Tr::tr("%1 The gateway said: %2").arg(r.errorText, detail);
        return r;
    }
    if (httpStatus >= 500) {
        r.errorText = Tr::tr("The gateway reported a server error (HTTP %1); %2")
                          .arg(QString::number(httpStatus), advice);
        return r;
    }
    if (httpStatus >= 300 && httpStatus < 400) {
        r.errorText =
            Tr::tr("The gateway answered with a redirect (HTTP %1), which is not followed; check the "
                   "gateway address in Settings. Meanwhile %2")
                .arg(QString::number(httpStatus), advice);
        return r;
    }
    if (httpStatus >= 400 || httpStatus < 200) {
        r.errorText = unexpectedStatus(httpStatus, advice);
        return r;
    }

    if (isObject) {
        r.duplicateKeys = read.scan.duplicateKeys;
        if (!r.duplicateKeys.isEmpty()) {
            QStringList shown;
            for (const QString &key : std::as_const(r.duplicateKeys))
                shown.append(u"\"%1\""_s.arg(GatewayText::clean(key, MaxQuotedChars)));
            r.errorText = Tr::tr("The gateway's reply (HTTP %1) is ambiguous: the reply gives %2 twice, with "
                                 "possibly different values; %3")
                              .arg(QString::number(httpStatus), shown.join(u", "_s), advice);
            return r;
        }
    }

    if (operation == GatewayOperation::Deactivate) {
        interpretDeactivate(r, body, read, advice);
        return r;
    }

    // Fatora documents 200 for collect, verify and refund: any other 2xx, whatever it says, is not
    // the documented answer and settles nothing. A checkout may create (201): it moves no money.
    if (httpStatus != 200 && !(operation == GatewayOperation::Checkout && httpStatus == 201)) {
        r.errorText = unexpectedStatus(httpStatus, advice);
        return r;
    }
    if (!isObject) {
        r.errorText = unreadable(httpStatus, body, read, advice);
        return r;
    }

    bool hasResult = false;
    const QJsonObject result = resultObject(object, &hasResult);
    const StatusWord word = statusWord(object.value("status"_L1));

    // A collect or refund reply about another order says nothing about ours.
    if (operation == GatewayOperation::Collect || operation == GatewayOperation::Refund) {
        const QJsonValue replyOrder = result.value("order_id"_L1);
        if (!sentOrderId.isEmpty() && !replyOrder.isUndefined() && !replyOrder.isNull() &&
            fieldText(replyOrder) != sentOrderId) {
            r.errorText = Tr::tr("The gateway's reply (HTTP %1) is about order %2, not %3; %4")
                              .arg(QString::number(httpStatus), shownValue(replyOrder),
                                   u"\"%1\""_s.arg(sentOrderId.left(MaxQuotedChars)), advice);
            return r;
        }
    }

    switch (operation) {
    case GatewayOperation::Collect:
        fillCollectFields(r, result);
        if (word == StatusWord::Success) {
            r.outcome = GatewayOutcome::Success;
        } else if (word == StatusWord::Failure) {
            r.outcome = GatewayOutcome::Declined;
            r.errorText = r.description;
            if (r.errorText.isEmpty())
                r.errorText = errorDetail(object);
            if (r.errorText.isEmpty())
                r.errorText = Tr::tr("The payment was declined; the gateway gave no reason.");
        }
        break;
    case GatewayOperation::Verify:
        if (word == StatusWord::Success && hasResult) {
            fillVerifyFields(r, result);
            r.outcome = GatewayOutcome::Success;
        } else if (word == StatusWord::Success) {
            r.errorText = Tr::tr("The gateway confirmed the verify call but sent no result; %1").arg(advice);
            return r;
        } else if (word == StatusWord::Failure) {
            fillVerifyFields(r, result);
            r.outcome = GatewayOutcome::Rejected;
            r.errorText =
                Tr::tr("The gateway could not verify the payment: %1").arg(detailOrNone(errorDetail(object)));
        }
        break;
    case GatewayOperation::Refund:
        r.refundStatus = fieldText(result.value("refund_status"_L1));
        if (word == StatusWord::Success) {
            r.outcome = GatewayOutcome::Success;
        } else if (word == StatusWord::Failure) {
            r.outcome = GatewayOutcome::Declined;
            r.errorText = Tr::tr("The gateway refused the refund: %1").arg(detailOrNone(errorDetail(object)));
        }
        break;
    case GatewayOperation::Checkout:
        // The reply's shape is not documented beyond a link inside "result": only a string there
        // counts; GatewayClient then checks that it is a link a customer may be sent to.
        if (word == StatusWord::Success) {
            const QJsonValue link = result.value("checkout_url"_L1);
            if (link.isString() && !link.toString().isEmpty()) {
                r.checkoutUrl = link.toString();
                r.outcome = GatewayOutcome::Success;
            } else {
                r.outcome = GatewayOutcome::Rejected;
                r.errorText = Tr::tr("The gateway accepted the checkout but its reply holds no checkout link "
                                     "(the link it gave: %1); nobody can pay on it.")
                                  .arg(hasResult ? shownValue(link) : Tr::tr("missing"));
            }
        } else if (word == StatusWord::Failure) {
            r.outcome = GatewayOutcome::Rejected;
            r.errorText =
                Tr::tr("The gateway refused the checkout: %1").arg(detailOrNone(errorDetail(object)));
        }
        break;
    case GatewayOperation::Deactivate:
        break; // handled above
    }
    if (word == StatusWord::Other) {
        const QString statusShown = shownValue(object.value("status"_L1));
        r.errorText = Tr::tr("The gateway's reply (HTTP %1) has no recognisable status (%2); %3")
                          .arg(QString::number(httpStatus), statusShown, advice);
    }
    return r;
}

} // namespace

GatewayResult GatewayReplyInterpreter::interpret(GatewayOperation operation, int networkError,
                                                 const QString &networkErrorText, int httpStatus,
                                                 const QByteArray &body, bool bodyTruncated,
                                                 const QString &sentOrderId)
{
    GatewayResult r = interpretReply(operation, networkError, networkErrorText, httpStatus, body,
                                     bodyTruncated, sentOrderId);
    cleanTexts(r);
    return r;
}

} // namespace fatora
