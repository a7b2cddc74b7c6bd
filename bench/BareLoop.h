#pragma once

#include "domain/Result.h"
#include "gateway/GatewayTypes.h"

#include <QNetworkRequest>
#include <QString>
#include <QStringList>

#include <functional>

class QNetworkAccessManager;

namespace fatora::bench {

// Starts call i; calls done() once when it ends.
using Starter = std::function<Result<void>(int, std::function<void()>)>;

// Keeps `inFlight` calls going until `total` have finished; `start(i)` begins call i and must call
// `done()` exactly once when it ends. Returns the seconds taken, or an error (also after 10 minutes
// without the last call ending).
Result<double> drive(int total, int inFlight, const Starter &start);

// The request a collect goes out with, built by hand: the gateway's URL and collect path, the same
// headers as GatewayClient, HTTP/1.1.
QNetworkRequest bareCollectRequest(const GatewayConfig &config);

// The bare baseline of the charge benchmarks: a QNetworkAccessManager POST loop sending collect's
// bytes and headers for each card token in turn (order ids `orderPrefix`-1, -2, …, amount
// 10.00 + i % 5000 minor units in QAR), reading the answer and nothing else. Nothing is validated
// or written anywhere. `network` and `tokens` must outlive the starter.
Starter barePostLoop(QNetworkAccessManager &network, const GatewayConfig &config, const QStringList &tokens,
                     const QString &orderPrefix);

} // namespace fatora::bench
