// The sandbox gateway on its own, spoken to with a bare QNetworkAccessManager over loopback HTTP,
// so what is checked here is the simulator's behaviour, not the gateway client's reading of it.

#include "gateway/GatewayClient.h"
#include "GatewaySimulator.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString collectPath = GatewayClient::path(GatewayOperation::Collect);
const QString deactivatePath = GatewayClient::path(GatewayOperation::Deactivate);
const QString verifyPath = GatewayClient::path(GatewayOperation::Verify);
const QString refundPath = GatewayClient::path(GatewayOperation::Refund);

struct HttpAnswer
{
    bool finished = false;
    int networkError = 0;
    int status = 0;
    QByteArray contentType;
    QByteArray body;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// One HTTP/1.1 exchange on a bare socket, for what QNetworkAccessManager will not do: send no
// Content-Type at all, or show that a connection was dropped (it would silently resend). Returns
// the raw response, empty when the server closed without writing.
QByteArray rawExchange(quint16 port, const QByteArray &headers, const QByteArray &body)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(20000))
        return "no connection";
    socket.write(headers + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray response;
    const auto complete = [&response] {
        const qsizetype end = response.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = response.left(end).toLower();
        const qsizetype at = head.indexOf("content-length:");
        const qint64 length = at < 0 ? 0 : head.mid(at + 15).split('\r').constFirst().trimmed().toLongLong();
        return response.size() >= end + 4 + length;
    };
    (void)QTest::qWaitFor(
        [&] {
            response += socket.readAll();
            return complete() || socket.state() == QAbstractSocket::UnconnectedState;
        },
        20000);
    response += socket.readAll();
    return response;
}

QByteArray rawHeaders(const QString &path, const QByteArray &contentType)
{
    QByteArray h = "POST " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!contentType.isEmpty())
        h += "Content-Type: " + contentType + "\r\n";
    h += "api_key: " + GatewaySimulator::defaultApiKey().toUtf8() + "\r\n";
    return h;
}

SimulatedBehaviour behaviour(SimulatedBehaviour::Kind kind, int delayMs = 0)
{
    SimulatedBehaviour b;
    b.kind = kind;
    b.delayMs = delayMs;
    return b;
}

} // namespace

class TestGatewaySimulator : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listensOnLoopbackOnly();
    void refusesABusyPort();
    void repeatedOrderIdReplaysTheFirstReplyWithoutCharging_data();
    void repeatedOrderIdReplaysTheFirstReplyWithoutCharging();
    void scriptedDeclinesAnswerWithFatorasReasons_data();
    void scriptedDeclinesAnswerWithFatorasReasons();
    void approvedResultCarriesAllFields();
    void failedServerRepliesAreNotRecordedAsCharges_data();
    void failedServerRepliesAreNotRecordedAsCharges();
    void deactivateTwiceAnswers204Then422();
    void deactivateCanBeScriptedToAnswer200();
    void collectWithDeactivatedTokenIsTokenInvalid();
    void verifyAfterBrokenCollectReplyFindsTheCharge_data();
    void verifyAfterBrokenCollectReplyFindsTheCharge();
    void pendingCollectIsRecordedAndVerifiesAsPending();
    void verifyUnknownOrMismatchedOrderIs404();
    void verifyWithoutAmountReportsTheTokensFirstAmount();
    void refundOnlyOnce();
    void refundRefusesDeclinedAndUnknownPayments();
    void contentTypeMustBeJson_data();
    void contentTypeMustBeJson();
    void apiKeyIsChecked_data();
    void apiKeyIsChecked();
    void unknownPathAndMethod();
    void badBodiesAre400_data();
    void badBodiesAre400();
    void requestsAreRecordedRawBeforeTheObserverAndTheAnswer();
    void clientGivingUpOnASlowReplyDoesNotHurtTheServer();
    void stoppingDoesNotWaitForASleepingHandler();
    // Checkout and the simulator's payment page.
    void checkoutNeedsTheKeyAndItsFields_data();
    void checkoutNeedsTheKeyAndItsFields();
    void checkoutPageEscapesWhatItEchoes();
    void paidPageRedirectsWithAnEncodedTokenOnce();
    void sameOrderGetsTheSamePage();

private:
    QJsonObject checkoutBody(const QString &orderId) const;
    HttpAnswer post(const QString &path, const QByteArray &body,
                    const QByteArray &contentType = "application/json",
                    const QByteArray &apiKey = GatewaySimulator::defaultApiKey().toUtf8(),
                    const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    HttpAnswer collect(const QString &token, const QString &orderId, std::optional<double> amount = 10.5);

    std::unique_ptr<GatewaySimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

QJsonObject TestGatewaySimulator::checkoutBody(const QString &orderId) const
{
    return QJsonObject{{u"amount"_s, 50.5},
                       {u"currency"_s, u"QAR"_s},
                       {u"order_id"_s, orderId},
                       {u"client"_s, QJsonObject{{u"name"_s, u"<i>Sara</i> & co"_s}}},
                       {u"language"_s, u"en"_s},
                       {u"success_url"_s, u"https://shop.example/ok?from=sim"_s},
                       {u"failure_url"_s, u"https://shop.example/failed"_s},
                       {u"save_token"_s, true},
                       {u"note"_s, u"\"><script>alert(1)</script>"_s}};
}

void TestGatewaySimulator::init()
{
    m_sim = startSimulator();
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestGatewaySimulator::cleanup()
{
    m_nam.reset();
    m_sim.reset();
}

HttpAnswer TestGatewaySimulator::post(const QString &path, const QByteArray &body,
                                      const QByteArray &contentType, const QByteArray &apiKey,
                                      const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    QUrl url = m_sim->baseUrl();
    url.setPath(path);
    QNetworkRequest request(url);
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    if (!apiKey.isEmpty())
        request.setRawHeader("api_key", apiKey);
    for (const auto &h : extraHeaders)
        request.setRawHeader(h.first, h.second);
    request.setTransferTimeout(20000);
    QNetworkReply *reply = m_nam->post(request, body);
    HttpAnswer answer;
    answer.finished = QTest::qWaitFor([reply] { return reply->isFinished(); }, 25000);
    answer.networkError = reply->error();
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    answer.body = reply->readAll();
    reply->deleteLater();
    return answer;
}

HttpAnswer TestGatewaySimulator::collect(const QString &token, const QString &orderId,
                                         std::optional<double> amount)
{
    QJsonObject body{{u"card_token"_s, token}, {u"order_id"_s, orderId}};
    if (amount)
        body.insert(u"amount"_s, *amount);
    return post(collectPath, compact(body));
}

void TestGatewaySimulator::listensOnLoopbackOnly()
{
    QVERIFY(m_sim->port() != 0);
    QCOMPARE(m_sim->baseUrl().host(), u"127.0.0.1"_s);
    QCOMPARE(m_sim->baseUrl().scheme(), u"http"_s);
    QCOMPARE(m_sim->baseUrl().port(), int(m_sim->port()));
    const HttpAnswer a = collect(u"tok-listen"_s, u"order-listen"_s);
    QVERIFY(a.finished);
    QCOMPARE(a.status, 200);
}

void TestGatewaySimulator::refusesABusyPort()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost));
    GatewaySimulator second;
    QVERIFY(!second.start(squatter.serverPort()));
    QCOMPARE(second.port(), quint16(0));
}

void TestGatewaySimulator::repeatedOrderIdReplaysTheFirstReplyWithoutCharging_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("expectedCharges");
    QTest::newRow("approved") << int(SimulatedBehaviour::Kind::Approve) << 1;
    QTest::newRow("insufficient funds") << int(SimulatedBehaviour::Kind::InsufficientFunds) << 0;
}

void TestGatewaySimulator::repeatedOrderIdReplaysTheFirstReplyWithoutCharging()
{
    QFETCH(int, kind);
    QFETCH(int, expectedCharges);
    const QString token = u"tok+/\\|replay"_s;
    m_sim->script(token, behaviour(SimulatedBehaviour::Kind(kind)));

    const HttpAnswer first = collect(token, u"BO-REPLAY-1"_s, 25.0);
    QCOMPARE(first.status, 200);
    // A retry with the same order id, even with another amount, is the same order.
    const HttpAnswer second = collect(token, u"BO-REPLAY-1"_s, 99.0);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.body, first.body);
    QCOMPARE(m_sim->chargeCount(token), expectedCharges);
    QCOMPARE(m_sim->requestCount(collectPath), 2);

    // A new order id is a new charge attempt with its own transaction id.
    const HttpAnswer third = collect(token, u"BO-REPLAY-2"_s, 25.0);
    QVERIFY(third.body != first.body);
    QVERIFY(third.json()[u"result"_s][u"transaction_id"_s] != first.json()[u"result"_s][u"transaction_id"_s]);
}

void TestGatewaySimulator::scriptedDeclinesAnswerWithFatorasReasons_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("statusCode");
    QTest::addColumn<QString>("description");
    QTest::newRow("insufficient funds")
        << int(SimulatedBehaviour::Kind::InsufficientFunds) << 51 << u"Insufficient credit"_s;
    QTest::newRow("blocked") << int(SimulatedBehaviour::Kind::Blocked) << 59 << u"Transaction Blocked"_s;
    QTest::newRow("bank declined") << int(SimulatedBehaviour::Kind::BankDeclined) << 5 << u"issuing Bank"_s;
    QTest::newRow("token invalid") << int(SimulatedBehaviour::Kind::InvalidToken) << 14 << u"Token invalid"_s;
}

void TestGatewaySimulator::scriptedDeclinesAnswerWithFatorasReasons()
{
    QFETCH(int, kind);
    QFETCH(int, statusCode);
    QFETCH(QString, description);
    m_sim->script(u"tok-decline"_s, behaviour(SimulatedBehaviour::Kind(kind)));
    const HttpAnswer a = collect(u"tok-decline"_s, u"BO-DECLINE"_s);
    QCOMPARE(a.status, 200);
    const QJsonObject o = a.json();
    QCOMPARE(o[u"status"_s].toString(), u"FAILURE"_s);
    QCOMPARE(o[u"result"_s][u"status_code"_s].toInt(), statusCode);
    QVERIFY2(o[u"result"_s][u"description"_s].toString().contains(description), a.body.constData());
    QCOMPARE(m_sim->chargeCount(u"tok-decline"_s), 0);
}

void TestGatewaySimulator::approvedResultCarriesAllFields()
{
    const HttpAnswer a = collect(u"tok-fields"_s, u"BO-FIELDS"_s, 123.45);
    QCOMPARE(a.status, 200);
    QVERIFY(a.contentType.startsWith("application/json"));
    const QJsonObject o = a.json();
    QCOMPARE(o[u"status"_s].toString(), u"SUCCESS"_s);
    const QJsonObject r = o[u"result"_s].toObject();
    QCOMPARE(r[u"status_code"_s].toInt(), 200);
    QVERIFY(r[u"transaction_id"_s].toString().startsWith(u"SIM-"_s));
    QCOMPARE(r[u"auth_code"_s].toString().size(), 6);
    QCOMPARE(r[u"mode"_s].toString(), u"SANDBOX"_s);
    QVERIFY(!r[u"description"_s].toString().isEmpty());
    QCOMPARE(m_sim->chargeCount(u"tok-fields"_s), 1);
}

void TestGatewaySimulator::failedServerRepliesAreNotRecordedAsCharges_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("HTTP 500") << int(SimulatedBehaviour::Kind::Http500) << 500
                              << QByteArray("application/json");
    QTest::newRow("HTML 502") << int(SimulatedBehaviour::Kind::Html502) << 502 << QByteArray("text/html");
    QTest::newRow("409 conflict") << int(SimulatedBehaviour::Kind::Conflict409) << 409
                                  << QByteArray("application/json");
}

void TestGatewaySimulator::failedServerRepliesAreNotRecordedAsCharges()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    const QString token = u"tok-5xx"_s;
    m_sim->script(token, behaviour(SimulatedBehaviour::Kind(kind)));
    const HttpAnswer a = collect(token, u"BO-5XX"_s);
    QCOMPARE(a.status, status);
    QVERIFY2(a.contentType.startsWith(contentType), a.contentType.constData());
    if (contentType == "application/json") {
        QCOMPARE(a.json()[u"status"_s].toString(), u"FAILURE"_s);
        QVERIFY2(a.json()[u"error"_s].isObject(), a.body.constData());
    }
    QCOMPARE(m_sim->chargeCount(token), 0);
    QCOMPARE(post(verifyPath, compact({{u"order_id"_s, u"BO-5XX"_s}})).status, 404);

    // Nothing was recorded, so the same order id is processed afresh once the gateway recovers.
    m_sim->script(token, behaviour(SimulatedBehaviour::Kind::Approve));
    const HttpAnswer retry = collect(token, u"BO-5XX"_s);
    QCOMPARE(retry.status, 200);
    QCOMPARE(retry.json()[u"status"_s].toString(), u"SUCCESS"_s);
    QCOMPARE(m_sim->chargeCount(token), 1);
}

void TestGatewaySimulator::deactivateTwiceAnswers204Then422()
{
    const QByteArray body = compact({{u"card_token"_s, u"tok-deact"_s}, {u"order_id"_s, u"REVOKE-1"_s}});
    QVERIFY(!m_sim->isTokenDeactivated(u"tok-deact"_s));
    const HttpAnswer first = post(deactivatePath, body);
    QCOMPARE(first.status, 204);
    QVERIFY(first.body.isEmpty());
    QVERIFY(m_sim->isTokenDeactivated(u"tok-deact"_s));

    const HttpAnswer second = post(deactivatePath, body);
    QCOMPARE(second.status, 422);
    const QJsonObject o = second.json();
    QCOMPARE(o[u"status"_s].toString(), u"FAILURE"_s);
    QCOMPARE(o[u"errors"_s][u"card_token"_s].toString(), u"Card token already deactivated"_s);
    QVERIFY(m_sim->isTokenDeactivated(u"tok-deact"_s));
    QVERIFY(!m_sim->isTokenDeactivated(u"tok-other"_s));
}

void TestGatewaySimulator::deactivateCanBeScriptedToAnswer200()
{
    SimulatedBehaviour b;
    b.deactivateReply = SimulatedBehaviour::DeactivateReply::Ok200;
    m_sim->script(u"tok-200"_s, b);
    const HttpAnswer a =
        post(deactivatePath, compact({{u"card_token"_s, u"tok-200"_s}, {u"order_id"_s, u"REVOKE-2"_s}}));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.json(), QJsonObject({{u"result"_s, 1}}));
    QVERIFY(m_sim->isTokenDeactivated(u"tok-200"_s));
}

void TestGatewaySimulator::collectWithDeactivatedTokenIsTokenInvalid()
{
    QCOMPARE(
        post(deactivatePath, compact({{u"card_token"_s, u"tok-gone"_s}, {u"order_id"_s, u"R"_s}})).status,
        204);
    const HttpAnswer a = collect(u"tok-gone"_s, u"BO-AFTER-REVOKE"_s);
    QCOMPARE(a.status, 200);
    QCOMPARE(a.json()[u"status"_s].toString(), u"FAILURE"_s);
    QCOMPARE(a.json()[u"result"_s][u"description"_s].toString(), u"Token invalid"_s);
    QCOMPARE(m_sim->chargeCount(u"tok-gone"_s), 0);
}

void TestGatewaySimulator::verifyAfterBrokenCollectReplyFindsTheCharge_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("dropped connection") << int(SimulatedBehaviour::Kind::DropConnection);
    QTest::newRow("truncated JSON") << int(SimulatedBehaviour::Kind::TruncatedJson);
}

void TestGatewaySimulator::verifyAfterBrokenCollectReplyFindsTheCharge()
{
    QFETCH(int, kind);
    const QString token = u"tok-broken"_s;
    m_sim->script(token, behaviour(SimulatedBehaviour::Kind(kind)));
    if (SimulatedBehaviour::Kind(kind) == SimulatedBehaviour::Kind::DropConnection) {
        // A bare socket: QNetworkAccessManager would quietly resend the request and hide the drop.
        const QByteArray body =
            compact({{u"card_token"_s, token}, {u"order_id"_s, u"BO-BROKEN"_s}, {u"amount"_s, 42}});
        const QByteArray response =
            rawExchange(m_sim->port(), rawHeaders(collectPath, "application/json"), body);
        QVERIFY2(response.isEmpty(), response.constData());
    } else {
        const HttpAnswer a = collect(token, u"BO-BROKEN"_s, 42.0);
        QVERIFY(a.finished);
        QCOMPARE(a.status, 200);
        QJsonParseError error{};
        QJsonDocument::fromJson(a.body, &error);
        QVERIFY(error.error != QJsonParseError::NoError);
        QVERIFY(a.body.startsWith(R"({"result":{)"));
    }
    QCOMPARE(m_sim->requestCount(collectPath), 1);
    QCOMPARE(m_sim->chargeCount(token), 1);

    const HttpAnswer v = post(verifyPath, compact({{u"order_id"_s, u"BO-BROKEN"_s}}));
    QCOMPARE(v.status, 200);
    const QJsonObject o = v.json();
    QCOMPARE(o[u"status"_s].toString(), u"SUCCESS"_s);
    const QJsonObject r = o[u"result"_s].toObject();
    QCOMPARE(r[u"payment_status"_s].toString(), u"SUCCESS"_s);
    QCOMPARE(r[u"order_id"_s].toString(), u"BO-BROKEN"_s);
    QCOMPARE(r[u"card_token"_s].toString(), token);
    QCOMPARE(r[u"amount"_s].toDouble(), 42.0);
    QCOMPARE(r[u"currency"_s].toString(), u"QAR"_s);
    QVERIFY(r[u"client"_s].isObject());
    QVERIFY(r[u"transaction_id"_s].toString().startsWith(u"SIM-"_s));

    // The lost reply is replayed complete for the same order id.
    const HttpAnswer replay = collect(token, u"BO-BROKEN"_s, 42.0);
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.json()[u"result"_s][u"transaction_id"_s], r[u"transaction_id"_s]);
    QCOMPARE(m_sim->chargeCount(token), 1);
}

void TestGatewaySimulator::pendingCollectIsRecordedAndVerifiesAsPending()
{
    const QString token = u"tok-pending"_s;
    m_sim->script(token, behaviour(SimulatedBehaviour::Kind::Pending));
    // A bare socket: QNetworkAccessManager would quietly resend the request and hide the drop.
    const QByteArray body =
        compact({{u"card_token"_s, token}, {u"order_id"_s, u"BO-PENDING"_s}, {u"amount"_s, 42}});
    const QByteArray response = rawExchange(m_sim->port(), rawHeaders(collectPath, "application/json"), body);
    QVERIFY2(response.isEmpty(), response.constData());
    QCOMPARE(m_sim->requestCount(collectPath), 1);
    QCOMPARE(m_sim->chargeCount(token), 0); // pending is not an approved charge

    const HttpAnswer v = post(verifyPath, compact({{u"order_id"_s, u"BO-PENDING"_s}}));
    QCOMPARE(v.status, 200);
    QCOMPARE(v.json()[u"status"_s].toString(), u"SUCCESS"_s);
    const QJsonObject r = v.json()[u"result"_s].toObject();
    QCOMPARE(r[u"payment_status"_s].toString(), u"PENDING"_s);
    QCOMPARE(r[u"order_id"_s].toString(), u"BO-PENDING"_s);
    QCOMPARE(r[u"card_token"_s].toString(), token);
    QCOMPARE(r[u"amount"_s].toDouble(), 42.0);
    QCOMPARE(r[u"auth_code"_s].toString(), QString());
    const QString tx = r[u"transaction_id"_s].toString();
    QVERIFY(tx.startsWith(u"SIM-"_s));
    const HttpAnswer byBoth =
        post(verifyPath, compact({{u"order_id"_s, u"BO-PENDING"_s}, {u"transaction_id"_s, tx}}));
    QCOMPARE(byBoth.json()[u"result"_s][u"payment_status"_s].toString(), u"PENDING"_s);

    // The same order id again is not a new payment: the pending one is answered, still pending.
    m_sim->script(token, behaviour(SimulatedBehaviour::Kind::Approve));
    const HttpAnswer replay = collect(token, u"BO-PENDING"_s, 42.0);
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.json()[u"status"_s].toString(), u"PENDING"_s);
    QCOMPARE(replay.json()[u"result"_s][u"transaction_id"_s].toString(), tx);
    QCOMPARE(m_sim->chargeCount(token), 0);
    QCOMPARE(post(verifyPath, compact({{u"order_id"_s, u"BO-PENDING"_s}}))
                 .json()[u"result"_s][u"payment_status"_s]
                 .toString(),
             u"PENDING"_s);

    // Only a successful payment can be refunded.
    QCOMPARE(post(refundPath, compact({{u"transaction_id"_s, tx}, {u"order_id"_s, u"BO-PENDING"_s}})).status,
             400);
}

void TestGatewaySimulator::verifyUnknownOrMismatchedOrderIs404()
{
    QCOMPARE(post(verifyPath, compact({{u"order_id"_s, u"NEVER-SEEN"_s}})).status, 404);
    const HttpAnswer c = collect(u"tok-v"_s, u"BO-V"_s);
    const QString tx = c.json()[u"result"_s][u"transaction_id"_s].toString();
    QCOMPARE(post(verifyPath, compact({{u"order_id"_s, u"BO-V"_s}, {u"transaction_id"_s, u"SIM-999999"_s}}))
                 .status,
             404);
    const HttpAnswer ok = post(verifyPath, compact({{u"order_id"_s, u"BO-V"_s}, {u"transaction_id"_s, tx}}));
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json()[u"result"_s][u"transaction_id"_s].toString(), tx);
}

void TestGatewaySimulator::verifyWithoutAmountReportsTheTokensFirstAmount()
{
    QCOMPARE(collect(u"tok-first"_s, u"BO-FIRST"_s, 77.5).status, 200);
    QCOMPARE(collect(u"tok-first"_s, u"BO-AGAIN"_s, std::nullopt).status, 200);
    const HttpAnswer v = post(verifyPath, compact({{u"order_id"_s, u"BO-AGAIN"_s}}));
    QCOMPARE(v.json()[u"result"_s][u"amount"_s].toDouble(), 77.5);
    QCOMPARE(m_sim->chargeCount(u"tok-first"_s), 2);
}

void TestGatewaySimulator::refundOnlyOnce()
{
    const HttpAnswer c = collect(u"tok-refund"_s, u"BO-REFUND"_s);
    const QString tx = c.json()[u"result"_s][u"transaction_id"_s].toString();
    const QByteArray body = compact({{u"transaction_id"_s, tx}, {u"order_id"_s, u"BO-REFUND"_s}});
    const HttpAnswer first = post(refundPath, body);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json()[u"status"_s].toString(), u"SUCCESS"_s);
    QCOMPARE(first.json()[u"result"_s][u"refund_status"_s].toString(), u"REFUNDED"_s);
    const HttpAnswer second = post(refundPath, body);
    QCOMPARE(second.status, 409);
    QCOMPARE(second.json()[u"status"_s].toString(), u"FAILURE"_s);
    QVERIFY(second.json()[u"error"_s].isObject());
}

void TestGatewaySimulator::refundRefusesDeclinedAndUnknownPayments()
{
    m_sim->script(u"tok-poor"_s, behaviour(SimulatedBehaviour::Kind::InsufficientFunds));
    const HttpAnswer c = collect(u"tok-poor"_s, u"BO-POOR"_s);
    const QString tx = c.json()[u"result"_s][u"transaction_id"_s].toString();
    QCOMPARE(post(refundPath, compact({{u"transaction_id"_s, tx}, {u"order_id"_s, u"BO-POOR"_s}})).status,
             400);
    QCOMPARE(
        post(refundPath, compact({{u"transaction_id"_s, u"SIM-1"_s}, {u"order_id"_s, u"NOPE"_s}})).status,
        404);
    QCOMPARE(
        post(refundPath, compact({{u"transaction_id"_s, u"SIM-000777"_s}, {u"order_id"_s, u"BO-POOR"_s}}))
            .status,
        404);
}

void TestGatewaySimulator::contentTypeMustBeJson_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::newRow("application/json") << QByteArray("application/json") << 200;
    QTest::newRow("with charset parameter") << QByteArray("application/json; charset=utf-8") << 200;
    QTest::newRow("text/plain") << QByteArray("text/plain") << 415;
    QTest::newRow("form encoded") << QByteArray("application/x-www-form-urlencoded") << 415;
    QTest::newRow("missing") << QByteArray() << 415;
}

void TestGatewaySimulator::contentTypeMustBeJson()
{
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    const QByteArray body = compact({{u"card_token"_s, u"t"_s}, {u"order_id"_s, u"BO-CT"_s}});
    if (contentType.isEmpty()) {
        // QNetworkAccessManager always sends some Content-Type; a bare socket can leave it out.
        const QByteArray response = rawExchange(m_sim->port(), rawHeaders(collectPath, QByteArray()), body);
        QVERIFY2(response.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status))),
                 response.constData());
        QCOMPARE(m_sim->requests().constFirst().header("Content-Type"), QByteArray());
        return;
    }
    const HttpAnswer a = post(collectPath, body, contentType);
    QCOMPARE(a.status, status);
    if (status == 415)
        QCOMPARE(a.json()[u"status"_s].toString(), u"FAILURE"_s);
}

void TestGatewaySimulator::apiKeyIsChecked_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("status");
    QTest::newRow("sandbox key") << GatewaySimulator::defaultApiKey().toUtf8() << 200;
    QTest::newRow("missing key") << QByteArray() << 401;
    QTest::newRow("wrong key") << QByteArray("E4B73FEE-F492-4607-A38D-852B0EBC91C9") << 401;
    QTest::newRow("key differing in case") << GatewaySimulator::defaultApiKey().toLower().toUtf8() << 401;
    QTest::newRow("inactive key") << QByteArray("RETIRED-KEY") << 403;
}

void TestGatewaySimulator::apiKeyIsChecked()
{
    QFETCH(QByteArray, key);
    QFETCH(int, status);
    m_sim->setInactiveApiKey(u"RETIRED-KEY"_s);
    const HttpAnswer a = post(collectPath, compact({{u"card_token"_s, u"t"_s}, {u"order_id"_s, u"BO-KEY"_s}}),
                              "application/json", key);
    QCOMPARE(a.status, status);
    if (status == 401)
        QCOMPARE(a.body, QByteArray(R"({"error":{"message":"Invalid api key"},"status":"FAILURE"})"));
    if (status != 200)
        QCOMPARE(m_sim->chargeCount(u"t"_s), 0);
}

void TestGatewaySimulator::unknownPathAndMethod()
{
    QCOMPARE(post(u"/v1/payments/charge"_s, "{}").status, 404);
    QCOMPARE(post(u"/api/v1/payments/collect-payment"_s, "{}").status, 404); // collect has no /api prefix

    QUrl url = m_sim->baseUrl();
    url.setPath(collectPath);
    QNetworkReply *reply = m_nam->get(QNetworkRequest(url));
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
    reply->deleteLater();
    QCOMPARE(m_sim->requestCount(), 3);
}

void TestGatewaySimulator::badBodiesAre400_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorKey");
    QTest::addColumn<QString>("field");

    const QString e = u"error"_s;
    QTest::newRow("not JSON") << collectPath << QByteArray("card_token=a&order_id=b") << e << u"body"_s;
    QTest::newRow("JSON array") << collectPath << QByteArray(R"([{"card_token":"a"}])") << e << u"body"_s;
    QTest::newRow("empty body") << collectPath << QByteArray() << e << u"body"_s;
    QTest::newRow("collect without card_token")
        << collectPath << QByteArray(R"({"order_id":"o"})") << e << u"card_token"_s;
    QTest::newRow("collect with empty card_token")
        << collectPath << QByteArray(R"({"card_token":"","order_id":"o"})") << e << u"card_token"_s;
    QTest::newRow("collect with numeric card_token")
        << collectPath << QByteArray(R"({"card_token":123,"order_id":"o"})") << e << u"card_token"_s;
    QTest::newRow("collect without order_id")
        << collectPath << QByteArray(R"({"card_token":"t"})") << e << u"order_id"_s;
    QTest::newRow("amount as string")
        << collectPath << QByteArray(R"({"card_token":"t","order_id":"o","amount":"5"})") << e << u"amount"_s;
    QTest::newRow("amount zero") << collectPath
                                 << QByteArray(R"({"card_token":"t","order_id":"o","amount":0})") << e
                                 << u"amount"_s;
    QTest::newRow("amount negative") << collectPath
                                     << QByteArray(R"({"card_token":"t","order_id":"o","amount":-1.5})") << e
                                     << u"amount"_s;
    QTest::newRow("amount null") << collectPath
                                 << QByteArray(R"({"card_token":"t","order_id":"o","amount":null})") << e
                                 << u"amount"_s;
    QTest::newRow("deactivate without card_token")
        << deactivatePath << QByteArray(R"({"order_id":"o"})") << u"errors"_s << u"card_token"_s;
    QTest::newRow("deactivate without order_id")
        << deactivatePath << QByteArray(R"({"card_token":"t"})") << u"errors"_s << u"order_id"_s;
    QTest::newRow("verify without order_id")
        << verifyPath << QByteArray(R"({"transaction_id":"SIM-1"})") << e << u"order_id"_s;
    QTest::newRow("refund without transaction_id")
        << refundPath << QByteArray(R"({"order_id":"o"})") << e << u"transaction_id"_s;
    QTest::newRow("refund without order_id")
        << refundPath << QByteArray(R"({"transaction_id":"SIM-1"})") << e << u"order_id"_s;
}

void TestGatewaySimulator::badBodiesAre400()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorKey);
    QFETCH(QString, field);
    const HttpAnswer a = post(path, body);
    QCOMPARE(a.status, 400);
    const QJsonObject o = a.json();
    QCOMPARE(o[u"status"_s].toString(), u"FAILURE"_s);
    QVERIFY2(o[errorKey].toObject().contains(field), a.body.constData());
    QVERIFY(!o[errorKey].toObject().value(field).toString().isEmpty());
    QCOMPARE(m_sim->chargeCount(u"t"_s), 0);
}

void TestGatewaySimulator::requestsAreRecordedRawBeforeTheObserverAndTheAnswer()
{
    std::atomic<int> seenCount{-1};
    std::atomic<bool> onServerThread{false};
    QThread *testThread = QThread::currentThread();
    GatewaySimulator *sim = m_sim.get();
    m_sim->setRequestObserver([&, sim, testThread](const RecordedRequest &r) {
        seenCount = sim->requestCount(r.path); // already recorded when the observer runs
        onServerThread = QThread::currentThread() != testThread;
    });

    // Deliberately not compact: the simulator keeps what arrived, byte for byte.
    const QByteArray body =
        "{ \"card_token\" : \"A b+/\\\\|==\",\n  \"order_id\":\"BO-RAW\", \"amount\": 1.10 }";
    const HttpAnswer a = post(collectPath, body, "application/json",
                              GatewaySimulator::defaultApiKey().toUtf8(), {{"X-Desk", "counter 3"}});
    QCOMPARE(a.status, 200);
    QCOMPARE(seenCount.load(), 1);
    QVERIFY(onServerThread.load());

    const QList<RecordedRequest> recorded = m_sim->requests();
    QCOMPARE(recorded.size(), 1);
    const RecordedRequest &r = recorded.constFirst();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, collectPath);
    QCOMPARE(r.body, body);
    QCOMPARE(r.header("api_key"), GatewaySimulator::defaultApiKey().toUtf8());
    QCOMPARE(r.header("API_KEY"), GatewaySimulator::defaultApiKey().toUtf8());
    QCOMPARE(r.header("x-desk"), QByteArray("counter 3"));
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    QVERIFY(r.header("no-such-header").isEmpty());
    QCOMPARE(m_sim->requestCount(collectPath), 1);
    QCOMPARE(m_sim->requestCount(verifyPath), 0);

    // Rejected requests are recorded too.
    post(verifyPath, "{}", "text/plain");
    QCOMPARE(m_sim->requestCount(), 2);
    QCOMPARE(seenCount.load(), 1); // the verify path had one request when it was observed
    m_sim->clearRequests();
    QCOMPARE(m_sim->requestCount(), 0);
    QVERIFY(m_sim->requests().isEmpty());
}

void TestGatewaySimulator::clientGivingUpOnASlowReplyDoesNotHurtTheServer()
{
    m_sim->script(u"tok-slow"_s, behaviour(SimulatedBehaviour::Kind::Approve, 1500));
    QUrl url = m_sim->baseUrl();
    url.setPath(collectPath);
    QNetworkRequest request(url);
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("api_key", GatewaySimulator::defaultApiKey().toUtf8());
    QNetworkReply *reply =
        m_nam->post(request, compact({{u"card_token"_s, u"tok-slow"_s}, {u"order_id"_s, u"BO-SLOW"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->requestCount(collectPath), 1, 20000);
    reply->abort();
    QVERIFY(reply->isFinished());
    reply->deleteLater();

    // The server thread wakes up, finds nobody to answer, and goes on serving.
    const HttpAnswer next = collect(u"tok-next"_s, u"BO-NEXT"_s);
    QVERIFY(next.finished);
    QCOMPARE(next.status, 200);
    QCOMPARE(m_sim->chargeCount(u"tok-slow"_s), 1);
    QCOMPARE(m_sim->chargeCount(u"tok-next"_s), 1);
}

void TestGatewaySimulator::stoppingDoesNotWaitForASleepingHandler()
{
    // Ten minutes: if stopping waited for the handler, ctest's timeout would fail this test.
    m_sim->script(u"tok-forever"_s, behaviour(SimulatedBehaviour::Kind::Approve, 600'000));
    QUrl url = m_sim->baseUrl();
    url.setPath(collectPath);
    QNetworkRequest request(url);
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("api_key", GatewaySimulator::defaultApiKey().toUtf8());
    QPointer<QNetworkReply> reply = m_nam->post(
        request, compact({{u"card_token"_s, u"tok-forever"_s}, {u"order_id"_s, u"BO-FOREVER"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->requestCount(collectPath), 1, 20000);
    m_sim->stop();
    QCOMPARE(m_sim->port(), quint16(0));
    // The interrupted handler found its client still there and answered; either way the reply ends.
    QTRY_VERIFY_WITH_TIMEOUT(!reply || reply->isFinished(), 20000);
}

QTEST_GUILESS_MAIN(TestGatewaySimulator)
void TestGatewaySimulator::checkoutNeedsTheKeyAndItsFields_data()
{
    QTest::addColumn<QString>("drop");
    QTest::addColumn<QByteArray>("apiKey");
    QTest::addColumn<int>("status");
    QTest::newRow("complete") << QString() << GatewaySimulator::defaultApiKey().toUtf8() << 200;
    QTest::newRow("wrong key") << QString() << QByteArray("nope") << 401;
    QTest::newRow("no order id") << u"order_id"_s << GatewaySimulator::defaultApiKey().toUtf8() << 400;
    QTest::newRow("no amount") << u"amount"_s << GatewaySimulator::defaultApiKey().toUtf8() << 400;
    QTest::newRow("no success page") << u"success_url"_s << GatewaySimulator::defaultApiKey().toUtf8() << 400;
}

void TestGatewaySimulator::checkoutNeedsTheKeyAndItsFields()
{
    QFETCH(QString, drop);
    QFETCH(QByteArray, apiKey);
    QFETCH(int, status);
    QJsonObject body = checkoutBody(u"BO-CHECKOUT-1"_s);
    body.remove(drop);
    const HttpAnswer answer =
        post(GatewayClient::path(GatewayOperation::Checkout), compact(body), "application/json", apiKey);
    QCOMPARE(answer.status, status);
    if (status == 200) {
        const QString link = answer.json().value(u"result").toObject().value(u"checkout_url").toString();
        QVERIFY2(link.startsWith(m_sim->baseUrl().toString() + u"/pay/"_s), qPrintable(link));
        QVERIFY(!link.contains(GatewaySimulator::defaultApiKey()));
    }
}

void TestGatewaySimulator::checkoutPageEscapesWhatItEchoes()
{
    const HttpAnswer answer =
        post(GatewayClient::path(GatewayOperation::Checkout), compact(checkoutBody(u"BO-<b>"_s)));
    QCOMPARE(answer.status, 200);
    const SimulatorPageAnswer page =
        fetchSimulatorPage(answer.json().value(u"result").toObject().value(u"checkout_url").toString());
    QCOMPARE(page.status, 200);
    const QString html = QString::fromUtf8(page.page);
    QVERIFY(!html.contains(u"<script>"_s));
    QVERIFY(!html.contains(u"<i>"_s));
    QVERIFY(!html.contains(u"BO-<b>"_s));
    QVERIFY(html.contains(u"&quot;&gt;&lt;script&gt;"_s));
    QVERIFY(html.contains(u"&lt;i&gt;Sara&lt;/i&gt; &amp; co"_s));
    QVERIFY(html.contains(u"50.5"_s));
    QVERIFY(html.contains(u"<button type=\"submit\">Pay</button>"_s));
    QVERIFY(!html.contains(GatewaySimulator::defaultApiKey()));
    QCOMPARE(fetchSimulatorPage(m_sim->baseUrl().toString() + u"/pay/nope"_s).status, 404);
}

void TestGatewaySimulator::paidPageRedirectsWithAnEncodedTokenOnce()
{
    const HttpAnswer answer =
        post(GatewayClient::path(GatewayOperation::Checkout), compact(checkoutBody(u"BO-PAY"_s)));
    const QString link = answer.json().value(u"result").toObject().value(u"checkout_url").toString();
    // Not found until paid.
    QCOMPARE(post(verifyPath, compact({{u"order_id"_s, u"BO-PAY"_s}})).status, 404);
    const SimulatorPageAnswer paid = payOnSimulatorPage(link, u"approve"_s);
    QCOMPARE(paid.status, 303);
    const QString token = m_sim->checkoutToken(u"BO-PAY"_s);
    QVERIFY(token.contains(u'+') && token.contains(u'/') && token.contains(u'\\') && token.contains(u'|'));
    QVERIFY2(paid.location.startsWith("https://shop.example/ok?from=sim&order_id=BO-PAY&transaction_id=SIM-"),
             paid.location.constData());
    // Each value percent-encoded, so the page reads the token back byte for byte.
    const QByteArray query = paid.location.mid(paid.location.indexOf("card_token=") + 11);
    QCOMPARE(QByteArray::fromPercentEncoding(query), token.toUtf8());
    QVERIFY(!query.contains('+') && !query.contains('/') && !query.contains('\\') && !query.contains('|'));

    const HttpAnswer verified = post(verifyPath, compact({{u"order_id"_s, u"BO-PAY"_s}}));
    QCOMPARE(verified.status, 200);
    const QJsonObject result = verified.json().value(u"result").toObject();
    QCOMPARE(result.value(u"payment_status").toString(), u"SUCCESS"_s);
    QCOMPARE(result.value(u"card_token").toString(), token);
    QCOMPARE(result.value(u"amount").toDouble(), 50.5);
    QCOMPARE(result.value(u"card_brand").toString(), u"Visa"_s);

    // The page takes one answer only; the token charges, at the checkout's amount when none is sent.
    QCOMPARE(payOnSimulatorPage(link, u"approve"_s).status, 409);
    const HttpAnswer charged = collect(token, u"BO-AFTER"_s, std::nullopt);
    QCOMPARE(charged.json().value(u"status").toString(), u"SUCCESS"_s);
    QCOMPARE(post(verifyPath, compact({{u"order_id"_s, u"BO-AFTER"_s}}))
                 .json()
                 .value(u"result")
                 .toObject()
                 .value(u"amount")
                 .toDouble(),
             50.5);
}

void TestGatewaySimulator::sameOrderGetsTheSamePage()
{
    const QString path = GatewayClient::path(GatewayOperation::Checkout);
    const QString first = post(path, compact(checkoutBody(u"BO-TWICE"_s)))
                              .json()
                              .value(u"result")
                              .toObject()
                              .value(u"checkout_url")
                              .toString();
    const QString second = post(path, compact(checkoutBody(u"BO-TWICE"_s)))
                               .json()
                               .value(u"result")
                               .toObject()
                               .value(u"checkout_url")
                               .toString();
    QVERIFY(!first.isEmpty());
    QCOMPARE(second, first);
}

#include "tst_gatewaysimulator.moc"
