#pragma once

#include "domain/Result.h"
#include "gateway/GatewayTypes.h"

#include <QByteArray>
#include <QString>

namespace fatora {

// What a finished exchange with Fatora proves: the outcome table, and the fields read from a
// reply of any shape. Pure (no network, no secrets known here), so every row is testable on its
// own. The texts it writes are meant for operators and are translated.
class GatewayReplyInterpreter
{
public:
    // Larger replies are not trusted: a body over this is cut and the outcome is Unknown.
    static constexpr qint64 MaxResponseBytes = 256 * 1024;

    // networkError is a QNetworkReply::NetworkError value; networkErrorText is shown to the operator.
    // sentOrderId: the order id the request carried; a collect or refund reply naming another one
    // is not about this call (outcome Unknown). Verify's order id is judged by judgeVerifyReply().
    static GatewayResult interpret(GatewayOperation operation, int networkError,
                                   const QString &networkErrorText, int httpStatus, const QByteArray &body,
                                   bool bodyTruncated, const QString &sentOrderId = QString());

    // The result of a call that was never sent because the configuration or the request is unusable.
    static GatewayResult notSent(GatewayOperation operation, const Error &problem);
};

} // namespace fatora
