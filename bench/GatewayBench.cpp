#include "GatewayBench.h"

#include "Clock.h"
#include "DatasetGenerator.h"
#include "GatewayClient.h"
#include "GatewaySimulator.h"
#include "PaymentService.h"
#include "SqliteStore.h"

#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace fatora::bench {

namespace {

constexpr int TimeoutMs = 600'000;

// Starts call i; calls done() once when it ends.
using Starter = std::function<Result<void>(int, std::function<void()>)>;

// Keeps `inFlight` calls going until `total` have finished; `start(i)` begins call i and must
// call `done()` exactly once when it ends. Returns the seconds taken, or an error.
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

} // namespace

Result<FigureTable> runGatewayBenchmarks(const QString &scratchDir, int charges)
{
    const QString path = QDir(scratchDir).filePath(u"gateway-bench.sqlite"_s);
    for (const QString &stale : QStringList{path, path + u"-wal"_s, path + u"-shm"_s})
        QFile::remove(stale);
    DatasetGenerator::Options options;
    options.customers = 200;
    options.seed = 6;
    if (auto generated = DatasetGenerator(options).generate(path); !generated)
        return generated.error();
    auto opened = SqliteStore::open(path);
    if (!opened)
        return opened.error();
    SqliteStore &store = *opened.value();
    TokenQuery activeQuery;
    activeQuery.status = TokenStatus::Active;
    auto active = store.findTokens(activeQuery);
    if (!active)
        return active.error();
    QList<CardToken> tokens;
    // A token with an unknown charge may not be charged again, rightly; leave those out.
    for (const CardToken &t : active.value()) {
        if (auto open = store.openChargeForToken(t.id); open && !open.value())
            tokens.append(t);
    }
    if (tokens.size() < 12)
        return Error{u"benchmark"_s, u"Not enough chargeable tokens in the scratch database."_s};

    GatewaySimulator simulator;
    if (!simulator.start())
        return Error{u"benchmark"_s, u"The simulator could not listen on 127.0.0.1."_s};
    GatewayConfig config;
    config.baseUrl = simulator.baseUrl();
    config.apiKey = GatewaySimulator::defaultApiKey();
    SystemClock clock;

    // The service's path: validation, write-ahead, the call, settle and audit.
    QNetworkAccessManager serviceNetwork;
    GatewayClient client(&serviceNetwork, config);
    PaymentService service(store, client, clock);
    service.setOperatorName(u"bench"_s);
    QHash<qint64, std::function<void()>> waiting;
    QObject context;
    QObject::connect(&service, &PaymentService::chargeFinished, &context,
                     [&waiting](qint64 id, PaymentState) {
                         if (auto done = waiting.take(id))
                             done();
                     });
    int nextToken = 0;
    const Starter serviceCharge = [&](int i, std::function<void()> done) -> Result<void> {
        const CardToken &t = tokens.at(nextToken++ % tokens.size());
        auto id = service.charge(t.id, Money(1000 + i % 5000, t.currency.isEmpty() ? u"QAR"_s : t.currency));
        if (!id)
            return id.error();
        waiting.insert(id.value(), std::move(done));
        return {};
    };

    // The bare loop: the same request bytes and headers, nothing written anywhere.
    QNetworkAccessManager bareNetwork;
    QUrl url = simulator.baseUrl();
    url.setPath(GatewayClient::path(GatewayOperation::Collect));
    int bareSequence = 0;
    const Starter bareCharge = [&](int i, std::function<void()> done) -> Result<void> {
        const CardToken &t = tokens.at(i % tokens.size());
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader(QByteArrayLiteral("api_key"), config.apiKey.toLatin1());
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        const QByteArray body = GatewayClient::encode(
            CollectRequest{t.token, u"BENCH-RAW-%1"_s.arg(++bareSequence), Money(1000 + i % 5000, u"QAR"_s)});
        QNetworkReply *reply = bareNetwork.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done = std::move(done)] {
            reply->readAll();
            reply->deleteLater();
            done();
        });
        return {};
    };

    // The client alone (no store): splits the service's cost into HTTP handling and bookkeeping.
    QNetworkAccessManager clientNetwork;
    GatewayClient bareClient(&clientNetwork, config);
    int clientSequence = 0;
    const Starter clientCharge = [&](int i, std::function<void()> done) -> Result<void> {
        const CardToken &t = tokens.at(i % tokens.size());
        GatewayReply *reply = bareClient.collect(CollectRequest{
            t.token, u"BENCH-CLIENT-%1"_s.arg(++clientSequence), Money(1000 + i % 5000, u"QAR"_s)});
        QObject::connect(reply, &GatewayReply::finished, reply,
                         [done = std::move(done)](const GatewayResult &) { done(); });
        return {};
    };

    FigureTable table;
    const int warmUp = qMin(20, charges);
    for (int inFlight : {1, 6}) {
        // Warm both up (connections, statement caches), then measure, bare first.
        for (const Starter *run : {&bareCharge, &clientCharge, &serviceCharge}) {
            if (auto w = drive(warmUp, inFlight, *run); !w)
                return w.error();
        }
        auto bare = drive(charges, inFlight, bareCharge);
        if (!bare)
            return bare.error();
        auto clientOnly = drive(charges, inFlight, clientCharge);
        if (!clientOnly)
            return clientOnly.error();
        auto served = drive(charges, inFlight, serviceCharge);
        if (!served)
            return served.error();
        const double bareRate = charges / bare.value();
        const double serviceRate = charges / served.value();
        Figure f;
        f.id = inFlight == 1 ? u"6a"_s : u"6b"_s;
        f.what = u"Gateway path: %1 charges, %2 in flight (charges/s)"_s.arg(charges).arg(inFlight);
        f.value = u"%1/s"_s.arg(serviceRate, 0, 'f', 0);
        f.baseline = u"bare QNAM POST loop: %1/s (GatewayClient alone: %2/s)"_s.arg(bareRate, 0, 'f', 0)
                         .arg(charges / clientOnly.value(), 0, 'f', 0);
        f.ratio = u"%1 %"_s.arg(100.0 * serviceRate / bareRate, 0, 'f', 0);
        f.target = u"≥ 80 %"_s;
        f.met = yesNo(serviceRate >= 0.8 * bareRate);
        table.add(f);
    }

    // The same with the simulator taking 20 ms per charge, still far quicker than a real gateway:
    // what the bookkeeping costs once the network is not free. One in flight, because the
    // simulator answers one delayed request at a time.
    SimulatedBehaviour slow;
    slow.delayMs = 20;
    simulator.setDefaultBehaviour(slow);
    const int slowCharges = qMin(charges, 200);
    auto bare = drive(slowCharges, 1, bareCharge);
    if (!bare)
        return bare.error();
    auto served = drive(slowCharges, 1, serviceCharge);
    if (!served)
        return served.error();
    const double bareRate = slowCharges / bare.value();
    const double serviceRate = slowCharges / served.value();
    table.add(
        Figure{u"6c"_s, u"  same, %1 charges, 1 in flight, simulator answering in 20 ms"_s.arg(slowCharges),
               u"%1/s"_s.arg(serviceRate, 0, 'f', 1), u"bare QNAM POST loop: %1/s"_s.arg(bareRate, 0, 'f', 1),
               u"%1 %"_s.arg(100.0 * serviceRate / bareRate, 0, 'f', 0), u"≥ 80 %"_s,
               yesNo(serviceRate >= 0.8 * bareRate)});
    simulator.stop();
    return table;
}

} // namespace fatora::bench
