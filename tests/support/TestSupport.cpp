#include "TestSupport.h"

#include "gateway/GatewayTypes.h"

#include <QTest>

namespace fatora::test {

TempDatabase::TempDatabase()
{
    reopen();
}

void TempDatabase::reopen()
{
    m_store.reset();
    auto opened = SqliteStore::open(path());
    if (!opened.ok())
        qFatal("cannot open test database: %s", qPrintable(opened.error().toString()));
    m_store = std::move(opened).value();
}

qint64 addCustomer(Store &store, const QString &name)
{
    Customer c;
    c.name = name;
    c.email = name.toLower().remove(QLatin1Char(' ')) + QStringLiteral("@example.qa");
    auto id = store.addCustomer(c);
    if (!id.ok())
        qFatal("addCustomer: %s", qPrintable(id.error().toString()));
    return id.value();
}

qint64 addToken(Store &store, qint64 customerId, const QString &tokenText, const QDate &today,
                int issuedDaysAgo, std::optional<Money> firstAmount)
{
    CardToken t;
    t.customerId = customerId;
    t.token = tokenText;
    t.label = QStringLiteral("Visa");
    t.issuedOn = today.addDays(-issuedDaysAgo);
    t.expiresOn = CardToken::defaultExpiry(t.issuedOn);
    t.firstAmount = firstAmount;
    t.currency = firstAmount ? firstAmount->currency() : QStringLiteral("QAR");
    auto id = store.addToken(t);
    if (!id.ok())
        qFatal("addToken: %s", qPrintable(id.error().toString()));
    return id.value();
}

std::unique_ptr<GatewaySimulator> startSimulator()
{
    auto sim = std::make_unique<GatewaySimulator>();
    if (!sim->start())
        qFatal("simulator did not start");
    return sim;
}

GatewayConfig simulatorConfig(const GatewaySimulator &simulator, int timeoutMs)
{
    GatewayConfig c;
    c.baseUrl = simulator.baseUrl();
    c.apiKey = GatewaySimulator::defaultApiKey();
    c.timeoutMs = timeoutMs;
    return c;
}

QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC);
}

} // namespace fatora::test
