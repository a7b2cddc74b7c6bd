#pragma once

#include "gateway/GatewayReplyInterpreter.h"
#include "gateway/GatewayTypes.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;

namespace fatora {

// One call in flight. Emits finished() exactly once, then deletes itself (deleteLater).
class GatewayReply : public QObject
{
    Q_OBJECT
public:
    GatewayOperation operation() const { return m_operation; }

signals:
    void finished(const fatora::GatewayResult &result);

private:
    friend class GatewayClient;
    explicit GatewayReply(GatewayOperation operation, QObject *parent);
    GatewayOperation m_operation;
};

// Speaks Fatora's REST API over an injected QNetworkAccessManager, asynchronously.
// Each call takes a request value and ends in one GatewayResult. Nothing here touches the store.
// What a reply means is GatewayReplyInterpreter's job; keeping secrets out of the result is
// SecretMasker's; this class carries the bytes.
class GatewayClient : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxResponseBytes = GatewayReplyInterpreter::MaxResponseBytes;

    GatewayClient(QNetworkAccessManager *network, GatewayConfig config, QObject *parent = nullptr);

    const GatewayConfig &config() const { return m_config; }
    void setConfig(const GatewayConfig &config) { m_config = config; }
    int callsInFlight() const { return m_inFlight; }

    // Each returns a reply owned by this client; connect to finished() right away. When the
    // configuration is invalid the reply still finishes (queued) with outcome NotSent.
    GatewayReply *collect(const CollectRequest &request);
    GatewayReply *deactivate(const DeactivateRequest &request);
    GatewayReply *verify(const VerifyRequest &request);
    GatewayReply *refund(const RefundRequest &request);
    // Asks for a payment page that saves the card. The result's checkoutUrl is a link checked by
    // checkWebLink (https; plain http only from the loopback sandbox) that holds no API key;
    // a reply with any other link is Rejected, with the reason, and carries no link.
    GatewayReply *checkout(const CheckoutRequest &request);

    // The exact bytes that go on the wire for a request (compact JSON). Public for tests.
    static QByteArray encode(const CollectRequest &request);
    static QByteArray encode(const DeactivateRequest &request);
    static QByteArray encode(const VerifyRequest &request);
    static QByteArray encode(const RefundRequest &request);
    static QByteArray encode(const CheckoutRequest &request);

    // Forwards to GatewayReplyInterpreter::interpret(), where the outcome table lives.
    static GatewayResult interpret(GatewayOperation operation, int networkError,
                                   const QString &networkErrorText, int httpStatus, const QByteArray &body,
                                   bool bodyTruncated, const QString &sentOrderId = QString());

    static QString path(GatewayOperation operation);

signals:
    void callsInFlightChanged(int count);

private:
    // requestProblem: the request itself is unusable; the reply then finishes NotSent without sending.
    // keepCardToken: the result keeps verify's card token (VerifyRequest::keepCardToken).
    GatewayReply *post(GatewayOperation operation, const QByteArray &body, const QString &cardToken,
                       const QString &orderId, const std::optional<Error> &requestProblem = std::nullopt,
                       bool keepCardToken = false);

    QPointer<QNetworkAccessManager> m_network;
    GatewayConfig m_config;
    int m_inFlight = 0;
};

} // namespace fatora

Q_DECLARE_METATYPE(fatora::GatewayResult)
