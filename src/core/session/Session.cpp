#include "session/Session.h"

#include "customers/CustomerService.h"
#include "domain/Clock.h"
#include "gateway/GatewayClient.h"
#include "payments/AnswerJournal.h"
#include "payments/CardRequestService.h"
#include "payments/PaymentService.h"
#include "session/SandboxGateway.h"
#include "store/sqlite/SqliteStore.h"

#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace fatora {

Session::Session(const Clock &clock) : m_clock(clock) {}

Session::~Session()
{
    // The service and the client hold replies that point into the network manager: they go first.
    m_cardRequests.reset();
    m_payments.reset();
    m_gateway.reset();
    m_network.reset();
}

QString Session::loginName(const QString &fallback)
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? fallback : user;
}

Result<std::unique_ptr<Session>> Session::open(Options options, const Clock &clock)
{
    std::unique_ptr<Session> session(new Session(clock));
    auto opened = SqliteStore::open(options.location);
    if (!opened.ok())
        return opened.error();
    session->m_store = std::move(opened).value();
    session->m_sandbox = std::move(options.sandbox);
    if (session->m_sandbox) {
        auto seeded = session->m_sandbox->seed(*session->m_store, clock);
        if (!seeded.ok())
            return seeded.error();
        session->m_seeded = seeded.value();
    }

    session->m_network = std::make_unique<QNetworkAccessManager>();
    session->m_gateway = std::make_unique<GatewayClient>(session->m_network.get(), GatewayConfig{});
    session->setGatewayConfig(options.gateway);
    session->m_payments = std::make_unique<PaymentService>(*session->m_store, *session->m_gateway, clock);
    session->m_payments->setOperatorName(options.operatorName.isEmpty()
                                             ? loginName(QString::fromUtf16(DefaultOperator))
                                             : options.operatorName);
    session->m_journal =
        std::make_unique<AnswerJournal>(AnswerJournal::pathFor(session->m_store->location()));
    session->m_payments->setAnswerJournal(session->m_journal.get());
    session->m_cardRequests =
        std::make_unique<CardRequestService>(*session->m_store, *session->m_gateway, clock);
    session->m_cardRequests->setOperatorName(session->m_payments->operatorName());
    session->m_customers = std::make_unique<CustomerService>(*session->m_store, clock);
    return session;
}

Result<int> Session::recover()
{
    if (isReadOnly())
        return 0;
    return m_payments->recoverInterrupted();
}

Store &Session::store()
{
    return *m_store;
}

bool Session::isReadOnly() const
{
    return m_store->isReadOnly();
}

QString Session::operatorName() const
{
    return m_payments->operatorName();
}

void Session::setGatewayConfig(GatewayConfig config)
{
    if (m_sandbox) {
        config.baseUrl = m_sandbox->baseUrl();
        config.apiKey = m_sandbox->apiKey();
    }
    m_gateway->setConfig(config);
}

} // namespace fatora
