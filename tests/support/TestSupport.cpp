#include "TestSupport.h"

#include "gateway/GatewayTypes.h"

#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QTest>

namespace fatora::test {

TempDatabase::TempDatabase()
{
    reopen();
}

QString TempDatabase::execRaw(const QString &sql) const
{
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw-exec"));
        db.setDatabaseName(path());
        if (!db.open())
            error = db.lastError().text();
        else if (QSqlQuery q(db); !q.exec(sql))
            error = q.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw-exec"));
    return error;
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

namespace {

QByteArray waitForPage(QNetworkReply *reply, int *status, QByteArray *location = nullptr)
{
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(10000);
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (location)
        *location = reply->rawHeader("Location");
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

} // namespace

SimulatorPageAnswer fetchSimulatorPage(const QString &link)
{
    QNetworkAccessManager nam;
    SimulatorPageAnswer answer;
    answer.page = waitForPage(nam.get(QNetworkRequest(QUrl(link))), &answer.status);
    return answer;
}

SimulatorPageAnswer payOnSimulatorPage(const QString &link, const QString &outcome)
{
    SimulatorPageAnswer answer = fetchSimulatorPage(link);
    if (answer.status != 200)
        return answer;
    const QString html = QString::fromUtf8(answer.page);
    const auto form =
        QRegularExpression(QStringLiteral(R"x(<form method="post" action="([^"]+)">)x")).match(html);
    if (!form.hasMatch() || !html.contains(QStringLiteral("name=\"outcome\" value=\"%1\"").arg(outcome))) {
        answer.status = -1;
        return answer;
    }
    const QString action = form.captured(1); // "/pay/<id>": nothing in it is escaped
    QNetworkAccessManager nam;
    QNetworkRequest post(QUrl(link).resolved(QUrl(action)));
    post.setHeader(QNetworkRequest::ContentTypeHeader,
                   QByteArrayLiteral("application/x-www-form-urlencoded"));
    post.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    answer.page =
        waitForPage(nam.post(post, "outcome=" + outcome.toUtf8()), &answer.status, &answer.location);
    return answer;
}

QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC);
}

} // namespace fatora::test
