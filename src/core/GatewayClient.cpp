#include "GatewayClient.h"

#include "CardToken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <QVariant>

#include <cmath>
#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcGateway, "fatora.gateway")

namespace fatora {

namespace {

// Texts shown to people are capped so a hostile error object cannot flood a dialog or a table cell.
constexpr qsizetype MaxErrorTextChars = 2000;
constexpr int MaxFlattenDepth = 8;

// What an Unknown outcome means for the person deciding what to do next.
QString unknownAdvice(GatewayOperation op)
{
    switch (op) {
    case GatewayOperation::Collect:
        return u"the payment may have been taken: verify it before charging again."_s;
    case GatewayOperation::Refund:
        return u"the refund may have been made: verify the payment before trying again."_s;
    case GatewayOperation::Deactivate:
        return u"the token may already be deactivated: it is safe to try again."_s;
    case GatewayOperation::Verify:
        return u"nothing changed: try verifying again later."_s;
    }
    return {};
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
            add(u"(empty)"_s);
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
            add(array.isEmpty() ? u"(empty)"_s : items.join(u", "_s));
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

// The documented values are upper case. Case is ignored: "success" cannot mean anything but
// SUCCESS, and treating it as unreadable would leave a payment unknown that verify could never
// settle either. Any other word is not guessed at.
StatusWord statusWord(const QString &status)
{
    const QString s = status.trimmed();
    if (s.compare(u"SUCCESS"_s, Qt::CaseInsensitive) == 0)
        return StatusWord::Success;
    if (s.compare(u"FAILURE"_s, Qt::CaseInsensitive) == 0)
        return StatusWord::Failure;
    return StatusWord::Other;
}

QString bodyProblem(const QByteArray &body, const QJsonParseError &parseError)
{
    const QByteArray head = body.left(512).trimmed().toLower();
    if (body.trimmed().isEmpty())
        return u"the reply was empty"_s;
    if (head.startsWith("<!doctype") || head.startsWith("<html") || head.contains("<html"))
        return u"the reply was an HTML page, not JSON"_s;
    if (parseError.error != QJsonParseError::NoError)
        return u"the reply was not valid JSON (%1 at byte %2)"_s.arg(parseError.errorString())
            .arg(parseError.offset);
    return u"the reply was JSON but not an object"_s;
}

void fillCollectFields(GatewayResult &r, const QJsonObject &result)
{
    r.statusCode = fieldText(result.value("status_code"_L1));
    r.transactionId = fieldText(result.value("transaction_id"_L1));
    r.authCode = fieldText(result.value("auth_code"_L1));
    r.mode = fieldText(result.value("mode"_L1));
    r.description = fieldText(result.value("description"_L1)).left(MaxErrorTextChars);
}

void fillVerifyFields(GatewayResult &r, const QJsonObject &result)
{
    fillCollectFields(r, result);
    r.paymentStatus = fieldText(result.value("payment_status"_L1));
    r.orderId = fieldText(result.value("order_id"_L1));
    r.verifiedCardToken = fieldText(result.value("card_token"_L1));
    r.verifiedAmount = fieldText(result.value("amount"_L1));
    r.verifiedCurrency = fieldText(result.value("currency"_L1));
}

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

// The content of a JSON string literal as QJsonDocument writes it (without the quotes).
QByteArray jsonEscaped(const QString &text)
{
    const QByteArray doc = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return doc.mid(2, doc.size() - 4);
}

// Other serialisers escape '/' as "\/" and may write non-ASCII as \uXXXX (PHP does both).
QList<QByteArray> escapedForms(const QString &text)
{
    QList<QByteArray> forms;
    const QByteArray qtForm = jsonEscaped(text);
    forms.append(qtForm);
    forms.append(text.toUtf8());
    QByteArray slashForm = qtForm;
    slashForm.replace("/", "\\/");
    forms.append(slashForm);
    for (const bool upper : {false, true}) {
        QByteArray ascii;
        for (const QChar c : text) {
            const ushort u = c.unicode();
            if (u < 0x80) {
                ascii += jsonEscaped(QString(c));
            } else {
                QByteArray hex = QByteArray::number(u, 16).rightJustified(4, '0');
                ascii += "\\u" + (upper ? hex.toUpper() : hex);
            }
        }
        forms.append(ascii);
        QByteArray asciiSlash = ascii;
        asciiSlash.replace("/", "\\/");
        forms.append(asciiSlash);
    }
    std::sort(forms.begin(), forms.end());
    forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
    // Longest first, so an escaped form is replaced before a raw form it contains.
    std::stable_sort(forms.begin(), forms.end(),
                     [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    return forms;
}

const QString RemovedKey = u"[api key removed]"_s;

// What must never be stored or shown in full: the card tokens involved and the API key.
struct Secrets
{
    QStringList tokens;
    QString apiKey;

    bool isIn(const QString &text) const
    {
        return (!apiKey.isEmpty() && text.contains(apiKey)) ||
               std::any_of(tokens.cbegin(), tokens.cend(),
                           [&text](const QString &t) { return text.contains(t); });
    }
    QString mask(QString text) const
    {
        for (const QString &token : tokens)
            text.replace(token, CardToken::maskToken(token));
        if (!apiKey.isEmpty())
            text.replace(apiKey, RemovedKey);
        return text;
    }
};

bool containsSecret(const QJsonValue &value, const Secrets &secrets, int depth = 0)
{
    if (depth > 64)
        return false;
    if (value.isString())
        return secrets.isIn(value.toString());
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (secrets.isIn(it.key()) || containsSecret(it.value(), secrets, depth + 1))
                return true;
        }
    }
    if (value.isArray()) {
        const QJsonArray a = value.toArray();
        return std::any_of(a.begin(), a.end(),
                           [&](const QJsonValue &v) { return containsSecret(v, secrets, depth + 1); });
    }
    return false;
}

QJsonValue maskJson(const QJsonValue &value, const Secrets &secrets, int depth = 0)
{
    if (depth > 64)
        return QJsonValue();
    if (value.isString())
        return secrets.mask(value.toString());
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(secrets.mask(it.key()), maskJson(it.value(), secrets, depth + 1));
        return out;
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(maskJson(v, secrets, depth + 1));
        return out;
    }
    return value;
}

// A reply may carry a token the request did not (verify returns the payment's card_token). They
// are found in the raw text so that a cut-off body gives them up too.
QStringList tokensIn(const QByteArray &body)
{
    static const QRegularExpression complete(uR"re("card_token"\s*:\s*"((?:[^"\\]|\\.)*)")re"_s);
    QStringList tokens;
    const QString text = QString::fromUtf8(body);
    for (auto it = complete.globalMatch(text); it.hasNext();) {
        const QByteArray literal = "[\"" + it.next().captured(1).toUtf8() + "\"]";
        const QString token = QJsonDocument::fromJson(literal).array().at(0).toString();
        if (!token.isEmpty())
            tokens.append(token);
    }
    return tokens;
}

// Replaces card tokens by their mask and removes the API key in every escaped form we know of.
// If the body is JSON and still yields a secret after that (an escaping we did not foresee), the
// body is re-serialised from the parsed, masked values: fidelity is given up, secrecy is not.
QByteArray maskBody(QByteArray body, const Secrets &secrets)
{
    if (body.isEmpty())
        return body;
    for (const QString &token : secrets.tokens) {
        const QByteArray mask = jsonEscaped(CardToken::maskToken(token));
        for (const QByteArray &form : escapedForms(token))
            body.replace(form, mask);
    }
    if (!secrets.apiKey.isEmpty()) {
        for (const QByteArray &form : escapedForms(secrets.apiKey))
            body.replace(form, jsonEscaped(RemovedKey));
    }
    // A token value cut off by the end of the body is masked from its opening quote on.
    static const QRegularExpression cutOff(uR"re(("card_token"\s*:\s*")(?:[^"\\]|\\.)*\\?$)re"_s);
    QString text = QString::fromUtf8(body);
    if (const auto match = cutOff.match(text); match.hasMatch()) {
        text = text.left(match.capturedEnd(1)) + u"•••• (cut off)"_s;
        body = text.toUtf8();
    }
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue root = doc.isObject()  ? QJsonValue(doc.object())
                            : doc.isArray() ? QJsonValue(doc.array())
                                            : QJsonValue();
    if (!root.isNull() && containsSecret(root, secrets)) {
        const QJsonValue masked = maskJson(root, secrets);
        return masked.isObject() ? QJsonDocument(masked.toObject()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(masked.toArray()).toJson(QJsonDocument::Compact);
    }
    return body;
}

void sanitize(GatewayResult &r, const QString &token, const QString &apiKey)
{
    Secrets secrets;
    secrets.apiKey = apiKey;
    if (!token.isEmpty())
        secrets.tokens.append(token);
    // Only a success reply carries tokens as data; in an error object "card_token" names a field.
    if (r.httpStatus >= 200 && r.httpStatus < 300)
        secrets.tokens += tokensIn(r.responseBody);
    secrets.tokens.removeDuplicates();
    // Longest first: one token could contain another.
    std::sort(secrets.tokens.begin(), secrets.tokens.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    r.requestBody = maskBody(r.requestBody, secrets);
    r.responseBody = maskBody(r.responseBody, secrets);
    r.errorText = secrets.mask(r.errorText);
    r.description = secrets.mask(r.description);
}

// Qt's HTTP stack silently sends a request again when its connection closes before any byte of a
// reply arrived (it assumes a stale keep-alive connection). For collect that is a second charge
// attempt the merchant never asked for. A body that cannot be rewound makes such a resend fail
// with ContentReSendError instead, which reads as Unknown: verify, never charge blind.
class SendOnceBody : public QIODevice
{
public:
    SendOnceBody(QByteArray data, QObject *parent) : QIODevice(parent), m_data(std::move(data))
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    qint64 size() const override { return m_data.size(); }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_pos >= m_data.size(); }
    bool reset() override { return false; }

protected:
    qint64 readData(char *out, qint64 maxSize) override
    {
        if (m_pos >= m_data.size())
            return -1;
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_pos);
        std::memcpy(out, m_data.constData() + m_pos, static_cast<size_t>(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

GatewayResult notSentResult(GatewayOperation op, const Error &error)
{
    GatewayResult r;
    r.operation = op;
    r.outcome = GatewayOutcome::NotSent;
    r.errorText = u"Not sent: %1"_s.arg(error.toString());
    return r;
}

} // namespace

GatewayReply::GatewayReply(GatewayOperation operation, QObject *parent)
    : QObject(parent), m_operation(operation)
{
}

GatewayClient::GatewayClient(QNetworkAccessManager *network, GatewayConfig config, QObject *parent)
    : QObject(parent), m_network(network), m_config(std::move(config))
{
}

QString GatewayClient::path(GatewayOperation operation)
{
    switch (operation) {
    case GatewayOperation::Collect:
        return u"/v1/payments/collect-payment"_s;
    case GatewayOperation::Deactivate:
        return u"/api/v1/payments/deactivate-card-token"_s;
    case GatewayOperation::Verify:
        return u"/v1/payments/verify"_s;
    case GatewayOperation::Refund:
        return u"/api/v1/payments/refund"_s;
    }
    return {};
}

QByteArray GatewayClient::encode(const CollectRequest &request)
{
    QJsonObject o;
    o.insert("card_token"_L1, request.cardToken);
    o.insert("order_id"_L1, request.orderId);
    if (request.amount)
        o.insert("amount"_L1, request.amount->toJson());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray GatewayClient::encode(const DeactivateRequest &request)
{
    QJsonObject o;
    o.insert("card_token"_L1, request.cardToken);
    o.insert("order_id"_L1, request.orderId);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray GatewayClient::encode(const VerifyRequest &request)
{
    QJsonObject o;
    o.insert("order_id"_L1, request.orderId);
    if (!request.transactionId.isEmpty())
        o.insert("transaction_id"_L1, request.transactionId);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray GatewayClient::encode(const RefundRequest &request)
{
    QJsonObject o;
    o.insert("transaction_id"_L1, request.transactionId);
    o.insert("order_id"_L1, request.orderId);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

GatewayReply *GatewayClient::collect(const CollectRequest &request)
{
    std::optional<Error> problem;
    if (request.cardToken.isEmpty())
        problem = Error{u"card_token"_s, u"The card token is empty."_s};
    else if (request.orderId.isEmpty())
        problem = Error{u"order_id"_s, u"The order id is empty."_s};
    else if (request.amount && (!request.amount->isValid() || request.amount->minorUnits() <= 0))
        problem =
            Error{u"amount"_s, u"The amount must be a positive amount in a known currency, or left out."_s};
    return post(GatewayOperation::Collect, encode(request), request.cardToken, problem);
}

GatewayReply *GatewayClient::deactivate(const DeactivateRequest &request)
{
    std::optional<Error> problem;
    if (request.cardToken.isEmpty())
        problem = Error{u"card_token"_s, u"The card token is empty."_s};
    else if (request.orderId.isEmpty())
        problem = Error{u"order_id"_s, u"The order id is empty."_s};
    return post(GatewayOperation::Deactivate, encode(request), request.cardToken, problem);
}

GatewayReply *GatewayClient::verify(const VerifyRequest &request)
{
    std::optional<Error> problem;
    if (request.orderId.isEmpty())
        problem = Error{u"order_id"_s, u"The order id is empty."_s};
    return post(GatewayOperation::Verify, encode(request), QString(), problem);
}

GatewayReply *GatewayClient::refund(const RefundRequest &request)
{
    std::optional<Error> problem;
    if (request.orderId.isEmpty())
        problem = Error{u"order_id"_s, u"The order id is empty."_s};
    else if (request.transactionId.isEmpty())
        problem =
            Error{u"transaction_id"_s, u"The transaction id is empty: only a payment with a transaction "
                                       u"id can be refunded."_s};
    return post(GatewayOperation::Refund, encode(request), QString(), problem);
}

// Every call, sent or not, goes through here: one place counts calls in flight and finishes replies.
GatewayReply *GatewayClient::post(GatewayOperation operation, const QByteArray &body,
                                  const QString &cardToken, const std::optional<Error> &requestProblem)
{
    auto *reply = new GatewayReply(operation, this);
    ++m_inFlight;
    emit callsInFlightChanged(m_inFlight);

    const QString apiKey = m_config.apiKey;
    const QString opPath = path(operation);
    auto done = std::make_shared<bool>(false);
    auto complete = [this, reply, done, cardToken, apiKey, opPath](GatewayResult result) {
        if (*done)
            return;
        *done = true;
        sanitize(result, cardToken, apiKey);
        qCInfo(lcGateway).noquote() << gatewayOperationName(result.operation) << opPath << "http"
                                    << result.httpStatus << "->" << gatewayOutcomeName(result.outcome);
        --m_inFlight;
        emit callsInFlightChanged(m_inFlight);
        emit reply->finished(result);
        reply->deleteLater();
    };

    std::optional<Error> problem = requestProblem;
    if (auto valid = m_config.validate(); !problem && !valid.ok()) {
        problem = valid.error();
    } else if (!problem && !m_network) {
        problem = Error{QString(), u"No network access is available to this client."_s};
    }
    if (problem) {
        GatewayResult result = notSentResult(operation, *problem);
        result.requestBody = body;
        // Queued so a caller always has the chance to connect to finished() first.
        QTimer::singleShot(0, reply, [complete, result] { complete(result); });
        return reply;
    }

    QUrl url = m_config.baseUrl;
    QString prefix = url.path(QUrl::FullyEncoded);
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + opPath);

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("api_key"), m_config.apiKey.toLatin1());
    // A redirect could replay a payment elsewhere; it is reported, never followed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // HTTP/1.1 as in Fatora's own samples (CURL_HTTP_VERSION_1_1), and the one path whose resend
    // behaviour SendOnceBody below is proven against.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(m_config.timeoutMs);
    request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
    request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);

    qCDebug(lcGateway).noquote() << "sending" << gatewayOperationName(operation) << opPath;
    auto *upload = new SendOnceBody(body, nullptr);
    QNetworkReply *networkReply = m_network->post(request, upload);
    upload->setParent(networkReply);

    struct Received
    {
        QByteArray body;
        bool truncated = false;
    };
    auto received = std::make_shared<Received>();
    const auto drain = [received](QNetworkReply *nr) {
        if (received->truncated || !nr->isOpen())
            return;
        const qint64 room = MaxResponseBytes - received->body.size();
        received->body += nr->read(room + 1);
        if (received->body.size() > MaxResponseBytes) {
            received->body.truncate(MaxResponseBytes);
            received->truncated = true;
        }
    };

    connect(networkReply, &QNetworkReply::readyRead, reply, [networkReply, received, drain] {
        drain(networkReply);
        if (received->truncated)
            networkReply->abort();
    });
    const int timeoutMs = m_config.timeoutMs;
    connect(networkReply, &QNetworkReply::finished, reply,
            [networkReply, received, drain, complete, operation, body, timeoutMs] {
                drain(networkReply);
                const int httpStatus =
                    networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const int error = networkReply->error();
                QString errorText = networkReply->errorString();
                if (error == QNetworkReply::OperationCanceledError && !received->truncated)
                    errorText = u"no complete answer within %1 ms"_s.arg(timeoutMs);
                else if (error == QNetworkReply::ContentReSendError)
                    errorText = u"the connection closed before any answer; the request was deliberately not "
                                u"sent a second time"_s;
                GatewayResult result =
                    interpret(operation, error, errorText, httpStatus, received->body, received->truncated);
                result.requestBody = body;
                networkReply->deleteLater();
                complete(result);
            });
    // Should the network access manager be destroyed under a running call, the reply dies without
    // finishing; the call still ends, as unknown, because the request may have left.
    connect(networkReply, &QObject::destroyed, reply, [complete, operation, body] {
        GatewayResult result = interpret(operation, QNetworkReply::OperationCanceledError,
                                         u"the network connection was shut down"_s, 0, {}, false);
        result.requestBody = body;
        complete(result);
    });
    // A reply destroyed before its answer (the client is going away) takes the request with it.
    connect(reply, &QObject::destroyed, networkReply, [reply, networkReply] {
        QObject::disconnect(networkReply, nullptr, reply, nullptr);
        networkReply->abort();
        networkReply->deleteLater();
    });
    return reply;
}

GatewayResult GatewayClient::interpret(GatewayOperation operation, int networkError,
                                       const QString &networkErrorText, int httpStatus,
                                       const QByteArray &body, bool bodyTruncated)
{
    GatewayResult r;
    r.operation = operation;
    r.httpStatus = httpStatus;
    r.outcome = GatewayOutcome::Unknown;
    const bool overSize = bodyTruncated || body.size() > MaxResponseBytes;
    r.responseBody = body.left(MaxResponseBytes);
    const QString advice = unknownAdvice(operation);

    if (overSize) {
        r.errorText =
            u"The gateway's reply was larger than %1 KiB and was cut off; "_s.arg(MaxResponseBytes / 1024) +
            advice;
        return r;
    }

    if (isTransportError(networkError) || (httpStatus <= 0 && networkError != QNetworkReply::NoError)) {
        if (httpStatus <= 0 && provesNotSent(networkError)) {
            r.outcome = GatewayOutcome::NotSent;
            r.errorText =
                u"The gateway could not be reached (%1); nothing was sent, it is safe to try again."_s.arg(
                    networkErrorText);
        } else {
            r.errorText = u"No reliable answer from the gateway (%1); "_s.arg(networkErrorText) + advice;
        }
        return r;
    }
    if (httpStatus <= 0) {
        r.errorText = u"The gateway's reply had no HTTP status; "_s + advice;
        return r;
    }

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const bool isObject = parseError.error == QJsonParseError::NoError && doc.isObject();
    const QJsonObject object = isObject ? doc.object() : QJsonObject();
    if (isObject)
        r.status = fieldText(object.value("status"_L1));

    if (isRejectionStatus(httpStatus)) {
        r.outcome = GatewayOutcome::Rejected;
        const QString detail = isObject ? errorDetail(object) : QString();
        if (httpStatus == 401) {
            r.errorText = u"The API key was refused (401): check the key in Settings."_s;
        } else if (httpStatus == 403) {
            r.errorText = u"The API key is inactive (403): activate it in the Fatora dashboard or enter an "
                          u"active key in Settings."_s;
        } else {
            r.errorText =
                u"The gateway refused the request (HTTP %1 %2): %3"_s.arg(httpStatus)
                    .arg(httpReason(httpStatus), detail.isEmpty() ? u"the reply gave no details."_s : detail);
        }
        if ((httpStatus == 401 || httpStatus == 403) && !detail.isEmpty())
            r.errorText += u" The gateway said: "_s + detail;
        return r;
    }
    if (httpStatus >= 500) {
        r.errorText = u"The gateway reported a server error (HTTP %1); "_s.arg(httpStatus) + advice;
        return r;
    }
    if (httpStatus >= 300 && httpStatus < 400) {
        r.errorText =
            u"The gateway answered with a redirect (HTTP %1), which is not followed; check the gateway "
            u"address in Settings. Meanwhile "_s.arg(httpStatus) +
            advice;
        return r;
    }
    if (httpStatus >= 400) {
        r.errorText = u"The gateway answered with an unexpected HTTP %1; "_s.arg(httpStatus) + advice;
        return r;
    }

    if (operation == GatewayOperation::Deactivate && httpStatus >= 200 && httpStatus < 300 &&
        httpStatus != 202) {
        // Fatora documents both 204 without content and 200 {"result": 1}; either means deactivated.
        if (httpStatus == 204 || body.trimmed().isEmpty()) {
            r.outcome = GatewayOutcome::Success;
            return r;
        }
        if (!isObject) {
            r.errorText = u"The gateway's reply (HTTP %1) could not be read: %2; "_s.arg(httpStatus)
                              .arg(bodyProblem(body, parseError)) +
                          advice;
            return r;
        }
        if (statusWord(r.status) == StatusWord::Failure) {
            r.outcome = GatewayOutcome::Rejected;
            const QString detail = errorDetail(object);
            r.errorText = u"The gateway refused to deactivate the token: %1"_s.arg(
                detail.isEmpty() ? u"the reply gave no details."_s : detail);
            return r;
        }
        r.outcome = GatewayOutcome::Success;
        return r;
    }

    if (httpStatus != 200 && httpStatus != 201) {
        r.errorText = u"The gateway answered with an unexpected HTTP %1; "_s.arg(httpStatus) + advice;
        return r;
    }
    if (!isObject) {
        r.errorText = u"The gateway's reply (HTTP %1) could not be read: %2; "_s.arg(httpStatus)
                          .arg(bodyProblem(body, parseError)) +
                      advice;
        return r;
    }

    bool hasResult = false;
    const QJsonObject result = resultObject(object, &hasResult);
    const StatusWord word = statusWord(r.status);
    const QString statusShown = r.status.isEmpty() ? u"none"_s : u"\"%1\""_s.arg(r.status.left(64));

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
                r.errorText = u"The payment was declined; the gateway gave no reason."_s;
        }
        break;
    case GatewayOperation::Verify:
        if (word == StatusWord::Success && hasResult) {
            fillVerifyFields(r, result);
            r.outcome = GatewayOutcome::Success;
        } else if (word == StatusWord::Success) {
            r.errorText = u"The gateway confirmed the verify call but sent no result; "_s + advice;
            return r;
        } else if (word == StatusWord::Failure) {
            fillVerifyFields(r, result);
            r.outcome = GatewayOutcome::Rejected;
            const QString detail = errorDetail(object);
            r.errorText = u"The gateway could not verify the payment: %1"_s.arg(
                detail.isEmpty() ? u"the reply gave no details."_s : detail);
        }
        break;
    case GatewayOperation::Refund:
        r.refundStatus = fieldText(result.value("refund_status"_L1));
        if (word == StatusWord::Success) {
            r.outcome = GatewayOutcome::Success;
        } else if (word == StatusWord::Failure) {
            r.outcome = GatewayOutcome::Declined;
            const QString detail = errorDetail(object);
            r.errorText = u"The gateway refused the refund: %1"_s.arg(
                detail.isEmpty() ? u"the reply gave no details."_s : detail);
        }
        break;
    case GatewayOperation::Deactivate:
        break; // handled above
    }
    if (word == StatusWord::Other)
        r.errorText = u"The gateway's reply (HTTP %1) has no recognisable status (%2); "_s.arg(httpStatus)
                          .arg(statusShown) +
                      advice;
    return r;
}

} // namespace fatora
