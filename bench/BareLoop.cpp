#include "BareLoop.h"

#include "gateway/GatewayClient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace fatora::bench {

namespace {
constexpr int TimeoutMs = 600'000;
} // namespace

Result<double> drive(int total, int inFlight, const Starter &start)
{
    QEventLoop loop;
    int started = 0;
    int finished = 0;
    std::optional<Error> failure;
    std::function<void()> launch;
    launch = [&] {
        if (failure || started >= total)
            return;
        const int i = started++;
        auto r = start(i, [&] {
            ++finished;
            if (finished == total)
                loop.quit();
            else
                launch();
        });
        if (!r) {
            failure = r.error();
            loop.quit();
        }
    };
    QElapsedTimer timer;
    timer.start();
    QTimer::singleShot(0, &loop, [&] {
        for (int k = 0; k < inFlight; ++k)
            launch();
    });
    QTimer::singleShot(TimeoutMs, &loop, [&] {
        failure = Error{u"benchmark"_s, u"Timed out after %1 of %2 calls."_s.arg(finished).arg(total)};
        loop.quit();
    });
    loop.exec();
    if (failure)
        return *failure;
    return double(timer.nsecsElapsed()) / 1e9;
}

QNetworkRequest bareCollectRequest(const GatewayConfig &config)
{
    QUrl url = config.baseUrl;
    url.setPath(GatewayClient::path(GatewayOperation::Collect));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("api_key"), config.apiKey.toLatin1());
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return request;
}

Starter barePostLoop(QNetworkAccessManager &network, const GatewayConfig &config, const QStringList &tokens,
                     const QString &orderPrefix)
{
    auto sequence = std::make_shared<int>(0);
    return [&network, &tokens, request = bareCollectRequest(config), orderPrefix,
            sequence](int i, std::function<void()> done) -> Result<void> {
        if (tokens.isEmpty())
            return Error{u"benchmark"_s, u"The bare loop has no card tokens to send."_s};
        const QByteArray body = GatewayClient::encode(
            CollectRequest{tokens.at(i % tokens.size()), orderPrefix + u'-' + QString::number(++*sequence),
                           Money(1000 + i % 5000, u"QAR"_s)});
        QNetworkReply *reply = network.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done = std::move(done)] {
            reply->readAll();
            reply->deleteLater();
            done();
        });
        return {};
    };
}

} // namespace fatora::bench
