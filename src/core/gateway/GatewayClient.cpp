#include "gateway/GatewayClient.h"

#include "security/SecretMasker.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcGateway, "fatora.gateway")

namespace fatora {

namespace {

// Nothing a result carries may reveal the API key or a full card token: neither the one the
// request was about nor any a successful reply names (verify returns the payment's card_token).
void sanitize(GatewayResult &r, const QString &token, const QString &apiKey)
{
    SecretMasker masker(token, apiKey);
    // Only a success reply carries tokens as data; in an error object "card_token" names a field.
    if (r.httpStatus >= 200 && r.httpStatus < 300)
        masker.addCardTokensFoundIn(r.responseBody);
    r.maskSecrets(masker);
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

// A checkout link goes to a customer: one that is not a web page this application may hand out,
// or that carries the API key, is refused and dropped, never passed on.
void checkLink(GatewayResult &r, bool sandbox, const QString &apiKey)
{
    auto link = checkWebLink(r.checkoutUrl, sandbox, u"checkout_url"_s);
    if (link && !apiKey.isEmpty() &&
        (r.checkoutUrl.contains(apiKey, Qt::CaseInsensitive) ||
         QUrl::fromPercentEncoding(r.checkoutUrl.toUtf8()).contains(apiKey, Qt::CaseInsensitive)))
        link = Error{u"checkout_url"_s, GatewayClient::tr("The link contains the API key.")};
    if (link)
        return;
    r.outcome = GatewayOutcome::Rejected;
    r.checkoutUrl.clear();
    r.errorText =
        GatewayClient::tr("The gateway's checkout link cannot be given to a customer: %1 Nothing "
                          "was handed out; send a new request, and tell Fatora if it happens again.")
            .arg(link.error().message);
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
    case GatewayOperation::Checkout:
        return u"/v1/payments/checkout"_s;
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

QByteArray GatewayClient::encode(const CheckoutRequest &request)
{
    QJsonObject client;
    client.insert("name"_L1, request.clientName);
    client.insert("phone"_L1, request.clientPhone);
    client.insert("email"_L1, request.clientEmail);
    QJsonObject o;
    o.insert("amount"_L1, request.amount.toJson());
    o.insert("currency"_L1, request.amount.currency());
    o.insert("order_id"_L1, request.orderId);
    o.insert("client"_L1, client);
    o.insert("language"_L1, request.language);
    o.insert("success_url"_L1, request.successUrl.toString(QUrl::FullyEncoded));
    o.insert("failure_url"_L1, request.failureUrl.toString(QUrl::FullyEncoded));
    o.insert("save_token"_L1, true);
    o.insert("note"_L1, request.note);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

GatewayReply *GatewayClient::collect(const CollectRequest &request)
{
    std::optional<Error> problem;
    if (request.cardToken.isEmpty())
        problem = Error{u"card_token"_s, tr("The card token is empty.")};
    else if (request.orderId.isEmpty())
        problem = Error{u"order_id"_s, tr("The order id is empty.")};
    else if (request.amount && (!request.amount->isValid() || request.amount->minorUnits() <= 0))
        problem =
            Error{u"amount"_s, tr("The amount must be a positive amount in a known currency, or left out.")};
    return post(GatewayOperation::Collect, encode(request), request.cardToken, request.orderId, problem);
}

GatewayReply *GatewayClient::deactivate(const DeactivateRequest &request)
{
    std::optional<Error> problem;
    if (request.cardToken.isEmpty())
        problem = Error{u"card_token"_s, tr("The card token is empty.")};
    else if (request.orderId.isEmpty())
        problem = Error{u"order_id"_s, tr("The order id is empty.")};
    return post(GatewayOperation::Deactivate, encode(request), request.cardToken, request.orderId, problem);
}

GatewayReply *GatewayClient::verify(const VerifyRequest &request)
{
    std::optional<Error> problem;
    if (request.orderId.isEmpty())
        problem = Error{u"order_id"_s, tr("The order id is empty.")};
    return post(GatewayOperation::Verify, encode(request), QString(), request.orderId, problem,
                request.keepCardToken);
}

GatewayReply *GatewayClient::refund(const RefundRequest &request)
{
    std::optional<Error> problem;
    if (request.orderId.isEmpty())
        problem = Error{u"order_id"_s, tr("The order id is empty.")};
    else if (request.transactionId.isEmpty())
        problem =
            Error{u"transaction_id"_s,
                  tr("The transaction id is empty: only a payment with a transaction id can be refunded.")};
    return post(GatewayOperation::Refund, encode(request), QString(), request.orderId, problem);
}

GatewayReply *GatewayClient::checkout(const CheckoutRequest &request)
{
    std::optional<Error> problem;
    const bool sandbox = m_config.isLoopbackSandbox();
    if (request.orderId.isEmpty())
        problem = Error{u"order_id"_s, tr("The order id is empty.")};
    else if (!request.amount.isValid() || request.amount.minorUnits() <= 0)
        problem = Error{u"amount"_s, tr("The amount must be a positive amount in a known currency.")};
    else if (request.language != u"en"_s && request.language != u"ar"_s)
        problem = Error{u"language"_s, tr("The page language must be \"en\" or \"ar\".")};
    else if (auto ok =
                 checkWebLink(request.successUrl.toString(QUrl::FullyEncoded), sandbox, u"success_url"_s);
             !ok)
        problem = ok.error();
    else if (auto bad =
                 checkWebLink(request.failureUrl.toString(QUrl::FullyEncoded), sandbox, u"failure_url"_s);
             !bad)
        problem = bad.error();
    return post(GatewayOperation::Checkout, encode(request), QString(), request.orderId, problem);
}

// Every call, sent or not, goes through here: one place counts calls in flight and finishes replies.
GatewayReply *GatewayClient::post(GatewayOperation operation, const QByteArray &body,
                                  const QString &cardToken, const QString &orderId,
                                  const std::optional<Error> &requestProblem, bool keepCardToken)
{
    auto *reply = new GatewayReply(operation, this);
    ++m_inFlight;
    emit callsInFlightChanged(m_inFlight);

    const QString apiKey = m_config.apiKey;
    const QString opPath = path(operation);
    auto done = std::make_shared<bool>(false);
    const bool sandbox = m_config.isLoopbackSandbox();
    auto complete = [this, reply, done, cardToken, apiKey, opPath, keepCardToken,
                     sandbox](GatewayResult result) {
        if (*done)
            return;
        *done = true;
        const QString newToken = keepCardToken ? result.cardToken : QString();
        result.cardToken.clear();
        if (result.operation == GatewayOperation::Checkout && result.isSuccess())
            checkLink(result, sandbox, apiKey);
        sanitize(result, cardToken, apiKey);
        result.cardToken = newToken;
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
        problem = Error{QString(), tr("No network access is available to this client.")};
    }
    if (problem) {
        GatewayResult result = GatewayReplyInterpreter::notSent(operation, *problem);
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
        bool pastDeadline = false;
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
    // The transfer timeout above only ends a transfer that stalls; a reply that trickles in a byte
    // at a time would keep it alive for ever. The timeout bounds the whole call, send to last byte.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    deadline->setTimerType(Qt::PreciseTimer);
    connect(deadline, &QTimer::timeout, networkReply, [networkReply, received] {
        received->pastDeadline = true;
        networkReply->abort();
    });
    deadline->start(timeoutMs);
    connect(networkReply, &QNetworkReply::finished, reply,
            [networkReply, received, drain, complete, operation, body, timeoutMs, orderId, deadline] {
                deadline->stop();
                drain(networkReply);
                const int httpStatus =
                    networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                int error = networkReply->error();
                QString errorText = networkReply->errorString();
                if (received->pastDeadline) {
                    // Whatever arrived before the deadline is not the whole answer.
                    error = QNetworkReply::OperationCanceledError;
                    errorText = tr("no complete answer within %1 ms").arg(timeoutMs);
                } else if (error == QNetworkReply::OperationCanceledError && !received->truncated) {
                    errorText = tr("no complete answer within %1 ms").arg(timeoutMs);
                } else if (error == QNetworkReply::NoError && received->body.isEmpty() &&
                           networkReply->rawHeader("Transfer-Encoding").toLower().contains("chunked")) {
                    // Qt reads a chunk size it cannot parse as the last chunk and reports no error;
                    // a chunked reply without a single byte of content is taken as a broken one.
                    error = QNetworkReply::ProtocolFailure;
                    errorText = tr("a chunked reply ended before any content (its chunk sizes may be "
                                   "malformed)");
                } else if (error == QNetworkReply::ContentReSendError) {
                    errorText =
                        tr("the connection closed before any answer; the request was deliberately not sent a "
                           "second time");
                }
                GatewayResult result = interpret(operation, error, errorText, httpStatus, received->body,
                                                 received->truncated, orderId);
                result.requestBody = body;
                networkReply->deleteLater();
                complete(result);
            });
    // Should the network access manager be destroyed under a running call, the reply dies without
    // finishing; the call still ends, as unknown, because the request may have left.
    connect(networkReply, &QObject::destroyed, reply, [complete, operation, body] {
        GatewayResult result = interpret(operation, QNetworkReply::OperationCanceledError,
                                         tr("the network connection was shut down"), 0, {}, false);
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
                                       const QByteArray &body, bool bodyTruncated, const QString &sentOrderId)
{
    return GatewayReplyInterpreter::interpret(operation, networkError, networkErrorText, httpStatus, body,
                                              bodyTruncated, sentOrderId);
}

} // namespace fatora
