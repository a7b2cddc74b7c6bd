#include "GuiFixture.h"

#include "common/ConfirmGuard.h"
#include "common/Translations.h"
#include "customers/CustomersPanel.h"
#include "desk/MainWindow.h"
#include "store/StoreLocation.h"

#include <QApplication>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace fatora::test {

GuiFixture::GuiFixture(int timeoutMs) : m_clock(fixedNow()), m_simulator(startSimulator())
{
    m_gateway = std::make_unique<GatewayClient>(&m_network, simulatorConfig(*m_simulator, timeoutMs));
    m_payments = std::make_unique<PaymentService>(m_db.store(), *m_gateway, m_clock);
    m_payments->setOperatorName(u"Tester"_s);
    m_cardRequests = std::make_unique<CardRequestService>(m_db.store(), *m_gateway, m_clock);
    m_cardRequests->setOperatorName(u"Tester"_s);
    m_customers = std::make_unique<CustomerService>(m_db.store(), m_clock);
    m_reader = std::make_unique<StoreReader>([path = m_db.path()] { return StoreLocation::open(path); });
    // Tests click a confirm button the moment it appears; the tests of the arming rule itself set
    // ConfirmGuard::DefaultHoldMs back.
    ConfirmGuard::setHoldMs(0);
}

GuiFixture::~GuiFixture()
{
    // Let replies still in flight land before the service and the store go away.
    QTRY_COMPARE_WITH_TIMEOUT(m_payments->callsInFlight(), 0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_cardRequests->callsInFlight(), 0, 20000);
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
}

DeskContext GuiFixture::context()
{
    DeskContext context;
    context.store = &m_db.store();
    context.reader = m_reader.get();
    context.payments = m_payments.get();
    context.cardRequests = m_cardRequests.get();
    context.customers = m_customers.get();
    context.gateway = m_gateway.get();
    context.clock = &m_clock;
    context.keyStore = &m_keys;
    context.simulator = m_simulator.get();
    context.apiKey = GatewaySimulator::defaultApiKey();
    context.appSettings.baseUrl = m_simulator->baseUrl();
    // The simulator's demo shop: plain http on loopback, allowed only with the loopback sandbox.
    context.appSettings.successUrl = m_simulator->shopPage(GatewaySimulator::ShopPage::CardSaved);
    context.appSettings.failureUrl = m_simulator->shopPage(GatewaySimulator::ShopPage::PaymentFailed);
    context.sandbox = false;
    return context;
}

qint64 GuiFixture::addCustomerWithToken(const QString &name, const QString &token,
                                        SimulatedBehaviour::Kind kind, int delayMs,
                                        std::optional<Money> firstAmount)
{
    const qint64 customerId = addCustomer(m_db.store(), name);
    const qint64 tokenId = addToken(m_db.store(), customerId, token, today(), 10, firstAmount);
    SimulatedBehaviour behaviour;
    behaviour.kind = kind;
    behaviour.delayMs = delayMs;
    m_simulator->script(token, behaviour);
    return tokenId;
}

qint64 GuiFixture::tokenIdOf(const QString &token)
{
    auto found = m_db.store().tokenByText(token);
    return found.ok() && found.value() ? found.value()->id : 0;
}

std::unique_ptr<MainWindow> GuiFixture::window(qint64 tokenId)
{
    auto window = std::make_unique<MainWindow>(context());
    window->show();
    if (tokenId) {
        auto token = m_db.store().token(tokenId);
        if (!token.ok())
            qFatal("no token %lld", tokenId);
        window->customersPanel()->selectCustomer(token->customerId);
        if (!settle())
            qFatal("the desk did not finish reading");
        window->customersPanel()->selectToken(tokenId);
    }
    if (!settle())
        qFatal("the desk did not finish reading");
    return window;
}

bool GuiFixture::settle(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_reader->pending() == 0; }, timeoutMs);
}

int GuiFixture::collectRequests() const
{
    return m_simulator->requestCount(GatewayClient::path(GatewayOperation::Collect));
}

namespace {

// Fixture payments set up history: the card may be charged repeatedly and any amount on purpose.
ChargeRequest fixtureRequest(qint64 tokenId, const std::optional<Money> &amount)
{
    ChargeRequest request(tokenId, amount);
    request.repeatIntended = true;
    request.largeAmountConfirmed = true;
    return request;
}

} // namespace

qint64 GuiFixture::chargeAndWait(qint64 tokenId, const std::optional<Money> &amount)
{
    qint64 finished = 0;
    QObject guard;
    QObject::connect(m_payments.get(), &PaymentService::chargeFinished, &guard,
                     [&finished](qint64 paymentId) { finished = paymentId; });
    auto id = m_payments->charge(fixtureRequest(tokenId, amount));
    if (!id.ok())
        qFatal("charge: %s", qPrintable(id.error().toString()));
    if (!QTest::qWaitFor([&] { return finished == id.value(); }, 15000))
        qFatal("charge %lld did not finish", id.value());
    return id.value();
}

bool settled(MainWindow &window, int timeoutMs)
{
    StoreReader *reader = window.context().reader;
    return QTest::qWaitFor([reader] { return reader->pending() == 0; }, timeoutMs);
}

Language::Language(const QString &language)
{
    if (!Translations::apply(language))
        qFatal("cannot switch the desk to %s", qPrintable(language));
}

Language::~Language()
{
    Translations::apply(u"en"_s);
}

void clickAt(QWidget *window, QPoint pos)
{
    QTest::mouseClick(window->windowHandle(), Qt::LeftButton, {}, pos);
}

void doubleClickAt(QWidget *window, QPoint pos)
{
    QTest::mouseDClick(window->windowHandle(), Qt::LeftButton, {}, pos);
}

QPoint centreInWindow(QWidget *widget)
{
    return widget->mapTo(widget->window(), widget->rect().center());
}

void onNextModal(std::function<void(QWidget *)> action)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, action] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            action(modal);
        }
    });
    timer->start();
}

} // namespace fatora::test
