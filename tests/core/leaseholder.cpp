// Helper process for tst_sessionlease: a desk that charges a card and never hears back, so its
// charge stays pending (written ahead, in flight) for as long as the process lives.
//
//   leaseholder <database> <lease-secs> <heartbeat-ms> <token-id>
//
// <database> is a SQLite file or a postgresql:// URL. Opens its session lease (renewed every
// <heartbeat-ms>), charges the token through PaymentService against a gateway that accepts the
// request and never answers, prints "charged <payment id>" and then waits to be killed.

#include "RawHttpServer.h"

#include "domain/Clock.h"
#include "gateway/GatewayClient.h"
#include "payments/PaymentService.h"
#include "store/postgres/PostgresStore.h"
#include "store/sqlite/SqliteStore.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace fatora;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (args.size() != 5) {
        err << "usage: leaseholder <database> <lease-secs> <heartbeat-ms> <token-id>\n";
        return 2;
    }
    std::unique_ptr<Store> store;
    if (args.at(1).startsWith(u"postgresql://"_s)) {
        auto opened = PostgresStore::open(args.at(1));
        if (!opened) {
            err << "leaseholder: " << opened.error().toString() << '\n';
            return 1;
        }
        store = std::move(opened).value();
    } else {
        auto opened = SqliteStore::open(args.at(1));
        if (!opened) {
            err << "leaseholder: " << opened.error().toString() << '\n';
            return 1;
        }
        store = std::move(opened).value();
    }
    store->setLeaseSecs(args.at(2).toInt());
    SessionInfo info;
    info.host = u"leaseholder"_s;
    info.pid = QCoreApplication::applicationPid();
    info.operatorName = u"desk A"_s;
    if (auto r = store->openSession(info); !r) {
        err << "leaseholder: " << r.error().toString() << '\n';
        return 1;
    }
    QTimer heartbeat;
    heartbeat.setInterval(args.at(3).toInt());
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        if (auto r = store->heartbeat(); !r)
            err << "leaseholder: heartbeat: " << r.error().toString() << '\n';
    });
    heartbeat.start();

    fatora::test::RawHttpServer silent; // takes the request, answers long after the test is over
    silent.setScript({fatora::test::RawHttpServer::Step{600'000, QByteArray("HTTP/1.1 500 Late\r\n\r\n")}});
    if (!silent.listen()) {
        err << "leaseholder: could not listen\n";
        return 1;
    }
    GatewayConfig config;
    config.baseUrl = silent.url();
    config.apiKey = u"test-key"_s;
    config.timeoutMs = 300'000;
    QNetworkAccessManager network;
    GatewayClient gateway(&network, config);
    SystemClock clock;
    PaymentService payments(*store, gateway, clock);
    payments.setOperatorName(u"desk A"_s);
    ChargeRequest request(args.at(4).toLongLong(), Money(2500, u"QAR"_s));
    request.repeatIntended = true;
    auto charged = payments.charge(request);
    if (!charged) {
        err << "leaseholder: " << charged.error().toString() << '\n';
        return 1;
    }
    out << "charged " << charged.value() << Qt::endl;
    return app.exec();
}
