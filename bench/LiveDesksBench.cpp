#include "LiveDesksBench.h"

#include "BenchSupport.h"
#include "BenchTarget.h"
#include "DelayProxy.h"
#include "DeskProbes.h"

#include "customers/CustomersPanel.h"
#include "desk/DeskContext.h"
#include "desk/DeskStatusBar.h"
#include "desk/MainWindow.h"
#include "domain/Clock.h"
#include "gateway/GatewayClient.h"
#include "history/HistoryPanel.h"
#include "history/PaymentTableModel.h"
#include "payments/PaymentService.h"
#include "session/Session.h"
#include "settings/AppSettings.h"
#include "SimulatorSandbox.h"
#include "store/Store.h"
#include "store/StoreLocation.h"
#include "store/StoreReader.h"

#include <QAction>
#include <QDateTime>
#include <QElapsedTimer>
#include <QUrl>

#include <cstdio>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace fatora::bench {

QString throughProxy(const QString &location, quint16 proxyPort)
{
    if (!StoreLocation::isServer(location))
        return location;
    QUrl url(location);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(proxyPort);
    return url.toString(QUrl::FullyEncoded);
}

namespace {

// One desk as main.cpp wires it: its session (connection and lease), its reader, its window.
struct LiveDesk
{
    std::unique_ptr<Session> session;
    std::unique_ptr<StoreReader> reader;
    std::unique_ptr<MainWindow> window;

    ~LiveDesk()
    {
        window.reset();
        reader.reset();
    }
    DeskStatusBar *statusBar() const { return window->findChild<DeskStatusBar *>(); }
    bool chargeEnabled() const { return window->action(u"actionCharge"_s)->isEnabled(); }
};

Result<std::unique_ptr<LiveDesk>> openLiveDesk(const QString &location, const QString &password,
                                               const SimulatorSandbox &simulator, const Clock &clock)
{
    auto desk = std::make_unique<LiveDesk>();
    Session::Options options;
    options.location = location;
    options.databasePassword = password;
    options.gateway = AppSettings().gatewayConfig(QString());
    options.gateway.baseUrl = simulator.baseUrl();
    options.gateway.apiKey = simulator.apiKey();
    options.renewLeaseHere = !StoreLocation::isServer(location); // as main.cpp: the window renews it
    auto opened = Session::open(std::move(options), clock);
    if (!opened)
        return opened.error();
    desk->session = std::move(opened).value();
    desk->reader = std::make_unique<StoreReader>(desk->session->readerOpener());
    DeskContext context = deskContextOf(*desk->session, *desk->reader, clock);
    context.apiKey = simulator.apiKey();
    context.appSettings.baseUrl = simulator.baseUrl();
    desk->window = std::make_unique<MainWindow>(context);
    desk->window->resize(1200, 800);
    desk->window->show();
    return desk;
}

// Runs the event loop until `done` holds (checked every millisecond); the time it took, or -1.
double waitFor(const std::function<bool()> &done, int timeoutMs = WaitMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return -1;
        settle(1);
    }
    return msSince(t);
}

} // namespace

int runLiveDesksChild(const QString &location, int latencyMs, bool quick)
{
    const auto fail = [](const QString &message) {
        std::fprintf(stderr, "live desks benchmark: %s\n", qPrintable(message));
        return 1;
    };
    const bool server = StoreLocation::isServer(location);
    // A server is reached through the proxy, even without latency: it is what cuts the link.
    DelayProxy proxy;
    QString reached = location;
    if (server) {
        const QUrl url(location);
        QUrl target;
        target.setScheme(u"tcp"_s);
        target.setHost(url.host());
        target.setPort(url.port(5432));
        if (!proxy.start(target, latencyMs, true))
            return fail(u"The proxy could not listen on 127.0.0.1."_s);
        reached = throughProxy(location, proxy.port());
    }
    auto simulator = SimulatorSandbox::start();
    if (!simulator)
        return fail(simulator.error().message);
    SystemClock clock;
    const QString password = server ? serverPassword(location) : QString();
    auto a = openLiveDesk(reached, password, *simulator.value(), clock);
    if (!a)
        return fail(a.error().toString());
    auto b = openLiveDesk(reached, password, *simulator.value(), clock);
    if (!b)
        return fail(b.error().toString());
    LiveDesk &deskA = *a.value();
    LiveDesk &deskB = *b.value();

    // A customer and a card of this run's own, charged again and again on purpose.
    Store &store = deskA.session->store();
    const QString stamp = QString::number(QDateTime::currentMSecsSinceEpoch());
    Customer customer;
    customer.name = u"Live desks bench "_s + stamp;
    customer.createdAt = clock.now();
    auto customerId = store.addCustomer(customer);
    if (!customerId)
        return fail(customerId.error().toString());
    CardToken card;
    card.customerId = customerId.value();
    card.token = u"tok+live-bench/"_s + stamp + u"="_s;
    card.label = u"Visa 4242"_s;
    card.issuedOn = clock.today();
    card.expiresOn = CardToken::defaultExpiry(card.issuedOn);
    card.firstAmount = Money(1000, u"QAR"_s);
    card.currency = u"QAR"_s;
    auto tokenId = store.addToken(card);
    if (!tokenId)
        return fail(tokenId.error().toString());

    deskB.window->showHistoryTab();
    PaymentTableModel *history = deskB.window->historyPanel()->model();
    if (waitFor([&] { return deskA.reader->pending() == 0 && deskB.reader->pending() == 0; }) < 0)
        return fail(u"The desks never finished reading."_s);

    FigureTable table;
    // L2: a charge settled at A, shown approved in B's history (B's own feed, no reload pressed).
    Samples shown;
    const int charges = quick ? 3 : 20;
    for (int i = 0; i < charges; ++i) {
        qint64 finished = 0;
        QObject guard;
        QObject::connect(&deskA.session->payments(), &PaymentService::chargeFinished, &guard,
                         [&finished](qint64 id) { finished = id; });
        ChargeRequest request(tokenId.value(), Money(100 + i, u"QAR"_s));
        request.repeatIntended = true;
        request.largeAmountConfirmed = true;
        auto id = deskA.session->payments().charge(request);
        if (!id)
            return fail(id.error().toString());
        if (waitFor([&] { return finished == id.value(); }) < 0)
            return fail(u"Charge %1 never settled at desk A."_s.arg(id.value()));
        const double ms = waitFor([&] {
            const int row = history->rowOfPayment(id.value());
            return row >= 0 && history->paymentRow(row)->payment.state == PaymentState::Approved;
        });
        if (ms < 0)
            return fail(u"Desk B never showed charge %1."_s.arg(id.value()));
        shown.add(ms);
        settle(300); // the next charge starts from a quiet desk B
    }
    table.add(Figure{u"L2"_s,
                     u"A charge settled at desk A, shown approved at desk B (%1 charges)"_s.arg(charges),
                     u"p50 %1, p95 %2"_s.arg(formatMs(shown.median()), formatMs(shown.p95())), QString(),
                     QString(), u"≤ 1 s"_s, yesNo(shown.p95() <= 1000)});

    // L3, L4: the link cut (server stopped, network dropped) and back, seen at desk B with the
    // card selected: the badge, then Charge enabled again.
    if (server) {
        deskB.window->showCustomersTab();
        deskB.window->customersPanel()->selectCustomer(customerId.value());
        deskB.window->customersPanel()->selectToken(tokenId.value());
        if (waitFor([&] { return deskB.chargeEnabled(); }) < 0)
            return fail(u"Charge never became enabled at desk B."_s);
        Samples down;
        Samples back;
        for (int i = 0; i < (quick ? 1 : 5); ++i) {
            settle(500);
            proxy.cut();
            const double toBadge = waitFor([&] { return !deskB.statusBar()->databaseProblem().isEmpty(); });
            if (toBadge < 0)
                return fail(u"Desk B never said the database was unreachable."_s);
            down.add(toBadge);
            if (deskB.chargeEnabled())
                return fail(u"Charge stayed enabled at desk B with the database unreachable."_s);
            settle(1000);
            if (!proxy.resume())
                return fail(u"The proxy could not listen again."_s);
            const double toCharge = waitFor(
                [&] { return deskB.statusBar()->databaseProblem().isEmpty() && deskB.chargeEnabled(); });
            if (toCharge < 0)
                return fail(u"Desk B never enabled Charge again."_s);
            back.add(toCharge);
        }
        table.add(Figure{
            u"L3"_s,
            u"Link to the server cut: \"shared database unreachable\" shown at desk B (%1 times)"_s.arg(
                down.count()),
            u"p50 %1, max %2"_s.arg(formatMs(down.median()), formatMs(down.max())), QString(), QString(),
            u"≤ 5 s"_s, yesNo(down.max() <= 5000)});
        table.add(Figure{u"L4"_s,
                         u"Link back: desk B's money actions enabled again (%1 times)"_s.arg(back.count()),
                         u"p50 %1, max %2"_s.arg(formatMs(back.median()), formatMs(back.max())), QString(),
                         QString(), u"≤ 5 s"_s, yesNo(back.max() <= 5000)});
    }
    std::fwrite(table.toJsonLines().constData(), 1, size_t(table.toJsonLines().size()), stdout);
    std::fflush(stdout);
    b.value().reset();
    a.value().reset();
    return 0;
}

} // namespace fatora::bench
