// The Fatora gateway client: the bytes it puts on the wire (checked as the simulator received them
// over real loopback HTTP), the outcome it draws from every kind of reply, and the secrets it keeps
// out of results and logs. interpret() is also tested on its own against hostile bodies.

#include "domain/CardToken.h"
#include "gateway/GatewayClient.h"
#include "gateway/GatewayReplyInterpreter.h"
#include "gateway/GatewayText.h"
#include "GatewaySimulator.h"
#include "RawHttpServer.h"
#include "security/SecretMasker.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QTranslator>

#include <QElapsedTimer>

#include <cmath>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(fatora::GatewayOutcome)
Q_DECLARE_METATYPE(fatora::GatewayOperation)

namespace {

const QString collectPath = GatewayClient::path(GatewayOperation::Collect);
const QString deactivatePath = GatewayClient::path(GatewayOperation::Deactivate);
const QString verifyPath = GatewayClient::path(GatewayOperation::Verify);
const QString refundPath = GatewayClient::path(GatewayOperation::Refund);

SimulatedBehaviour behaviour(SimulatedBehaviour::Kind kind, int delayMs = 0)
{
    SimulatedBehaviour b;
    b.kind = kind;
    b.delayMs = delayMs;
    return b;
}

QString longToken()
{
    QString token;
    const QString alphabet = u"ABCdef0123+/\\|=xyz"_s;
    for (int i = 0; i < 2048; ++i)
        token += alphabet.at((i * 7) % alphabet.size());
    return token;
}

// A self-signed certificate for a local TLS server that no client may trust.
const char untrustedCertificate[] = R"(-----BEGIN CERTIFICATE-----
MIIBkTCCATegAwIBAgIUXeVSQM4EaM4cjuyVg/cd5qi15dkwCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSbm90LWZhdG9yYS5pbnZhbGlkMCAXDTI2MTEyNTA4Mjg0OFoY
DzIxMjYxMTAxMDgyODQ4WjAdMRswGQYDVQQDDBJub3QtZmF0b3JhLmludmFsaWQw
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASUsab+D8tYIBsj6U/xKlhSuLpJrtZi
ZmmvajsUmj/+zi3cJ6GYfSG+Xw7sAq0rFIirKWuRK5VNXcGKAM76Mi99o1MwUTAd
BgNVHQ4EFgQUwfnRaDxFNNslTYxVpPEyYOCxuB0wHwYDVR0jBBgwFoAUwfnRaDxF
NNslTYxVpPEyYOCxuB0wDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBF
AiEAy9mizJLrmMh5bVqXGGORgxDEXpuKSlTUbedmC2BfH+MCIG5DUdCT7VaOIpXX
h88fyeYdYsWC8a6zVgDeQ8mgYTi8
-----END CERTIFICATE-----
)";
const char untrustedKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7oI8EY2tlIoiW5cz
0/BR3hKpupSWlrbtS03ykViQwtWhRANCAASUsab+D8tYIBsj6U/xKlhSuLpJrtZi
ZmmvajsUmj/+zi3cJ6GYfSG+Xw7sAq0rFIirKWuRK5VNXcGKAM76Mi99
-----END PRIVATE KEY-----
)";

// Log lines written while a test runs, to prove that no secret reaches them.
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLog.append(QString::fromUtf8(context.category ? context.category : "") + u' ' + message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

// Every text a result carries, by field name: what must never hold a secret.
QList<QPair<QString, QString>> textFields(const GatewayResult &r)
{
    return {{u"status"_s, r.status},
            {u"statusCode"_s, r.statusCode},
            {u"transactionId"_s, r.transactionId},
            {u"authCode"_s, r.authCode},
            {u"mode"_s, r.mode},
            {u"description"_s, r.description},
            {u"paymentStatus"_s, r.paymentStatus},
            {u"orderId"_s, r.orderId},
            {u"verifiedAmount"_s, r.verifiedAmount},
            {u"verifiedCurrency"_s, r.verifiedCurrency},
            {u"refundStatus"_s, r.refundStatus},
            {u"duplicateKeys"_s, r.duplicateKeys.join(u'|')},
            {u"errorText"_s, r.errorText},
            {u"requestBody"_s, QString::fromUtf8(r.requestBody)},
            {u"responseBody"_s, QString::fromUtf8(r.responseBody)}};
}

// Stands in for the Arabic catalogue: a few texts of the client's context, with the placeholders
// moved, to prove that operator texts are looked up and that translators may reorder them.
class ReorderingTranslator : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        if (qstrcmp(context, "fatora::GatewayClient") != 0)
            return {};
        const QByteArray source(sourceText);
        if (source == "The gateway reported a server error (HTTP %1); %2")
            return u"[ar] %2 <- HTTP %1"_s;
        if (source.startsWith("the payment may have been taken"))
            return u"[ar advice]"_s;
        if (source == "The timeout must be between 1 and 300 seconds (got %1 ms).")
            return u"[ar] %1 ms"_s;
        if (source == "The order id is empty.")
            return u"[ar] order id"_s;
        if (source == "Not sent: %1")
            return u"[ar] %1"_s;
        return {};
    }
};

} // namespace

class TestGatewayClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // wire format
    void collectWireFormat_data();
    void collectWireFormat();
    void deactivateWireFormat();
    void verifyWireFormatOmitsEmptyTransactionId();
    void refundWireFormat();
    void basePathPrefixIsKept();

    // one test per outcome
    void approved();
    void declined_data();
    void declined();
    void deactivatedTokenDeclinesAsTokenInvalid();
    void rejected400NamesTheGatewaysError();
    void rejected401SaysTheKeyWasRefused();
    void rejected403SaysTheKeyIsInactive();
    void verifyUnknownOrderIs404();
    void onlyTheGatewaysJson404MeansNotFound();
    void verifySettlesAnApprovedCharge();
    void deactivate204IsSuccess();
    void deactivate200IsSuccess();
    void deactivateTwiceIs422();
    void collectConflictIsRejected409();
    void pendingPaymentVerifiesAsPending();
    void refundOnceThenConflict();
    void timeoutAfterSendingIsUnknown();
    void refusedPortIsNotSent();
    void untrustedCertificateIsNotSent();
    void droppedConnectionIsUnknown();
    void html502IsUnknown();
    void http500IsUnknown();
    void truncatedJsonIsUnknown();
    void ambiguousRepliesOverHttpAreUnknown_data();
    void ambiguousRepliesOverHttpAreUnknown();
    void tricklingReplyEndsAtTheTimeout();
    void brokenChunkedReplySaysItWasCutOff_data();
    void brokenChunkedReplySaysItWasCutOff();
    void plainHttpToRemoteHostIsNotSent();
    void invalidConfigIsNotSent_data();
    void invalidConfigIsNotSent();
    void invalidRequestIsNotSent_data();
    void invalidRequestIsNotSent();

    // configuration, interpretation, secrets, bookkeeping
    void configValidation_data();
    void configValidation();
    void interpretTable_data();
    void interpretTable();
    void interpretCapsHugeBodiesAndErrors();
    void replyAboutAnotherOrderIsUnknown_data();
    void replyAboutAnotherOrderIsUnknown();
    void gatewayFieldsAreCappedAndCleaned();
    void gatewayTextClean_data();
    void gatewayTextClean();
    void gatewayTextIdentifier_data();
    void gatewayTextIdentifier();
    void duplicateJsonKeys_data();
    void duplicateJsonKeys();
    void scanJson_data();
    void scanJson();
    void repliesThatAreNotJsonSettleNothing_data();
    void repliesThatAreNotJsonSettleNothing();
    void secretsStayOutOfResultsAndLogs();
    void secretMaskerFindsEveryEscapedForm_data();
    void secretMaskerFindsEveryEscapedForm();
    void secretMaskerMasksACutOffTokenAndLearnsReplyTokens();
    void secretMaskerEscapesEveryAsciiCharacterAsQtDoes();
    void maskSecretsCoversEveryTextField();
    void operatorTextsAreTranslatable();
    void callsInFlightAreCounted();
    void destroyingTheClientMidCallIsSafe();

private:
    // Waits for the reply's single finished() and for its deletion afterwards.
    std::optional<GatewayResult> await(GatewayReply *reply);
    GatewayClient &client() { return *m_client; }
    RecordedRequest onlyRequest();

    std::unique_ptr<GatewaySimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<GatewayClient> m_client;
};

void TestGatewayClient::init()
{
    m_sim = startSimulator();
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<GatewayClient>(m_nam.get(), simulatorConfig(*m_sim, 10000));
}

void TestGatewayClient::cleanup()
{
    m_client.reset();
    m_nam.reset();
    m_sim.reset();
}

std::optional<GatewayResult> TestGatewayClient::await(GatewayReply *reply)
{
    if (!reply)
        return std::nullopt;
    QPointer<GatewayReply> guard(reply);
    QSignalSpy spy(reply, &GatewayReply::finished);
    if (!spy.wait(30000))
        return std::nullopt;
    // finished() exactly once, then the reply goes away by itself.
    if (!QTest::qWaitFor([&guard] { return guard.isNull(); }, 10000) || spy.count() != 1)
        return std::nullopt;
    return spy.at(0).at(0).value<GatewayResult>();
}

RecordedRequest TestGatewayClient::onlyRequest()
{
    const QList<RecordedRequest> requests = m_sim->requests();
    return requests.size() == 1 ? requests.constFirst() : RecordedRequest();
}

// ---------------------------------------------------------------------------------------------
// Wire format

void TestGatewayClient::collectWireFormat_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("orderId");
    QTest::addColumn<bool>("hasAmount");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QByteArray>("amountText"); // exactly as it must appear in the raw body

    const QString plain = u"tok_123456789"_s;
    const QString order = u"BO-20261125-7K3QH2"_s;
    const QString qar = u"QAR"_s;
    const QString kwd = u"KWD"_s;
    QTest::newRow("amount 0.01") << plain << order << true << qint64(1) << qar << QByteArray("0.01");
    QTest::newRow("amount 1.10 is written 1.1")
        << plain << order << true << qint64(110) << qar << QByteArray("1.1");
    QTest::newRow("amount 123.45") << plain << order << true << qint64(12345) << qar << QByteArray("123.45");
    QTest::newRow("amount 999999.99")
        << plain << order << true << qint64(99999999) << qar << QByteArray("999999.99");
    QTest::newRow("amount 100.00 is written 100")
        << plain << order << true << qint64(10000) << qar << QByteArray("100");
    QTest::newRow("KWD 1.234") << plain << order << true << qint64(1234) << kwd << QByteArray("1.234");
    QTest::newRow("KWD 0.005") << plain << order << true << qint64(5) << kwd << QByteArray("0.005");
    QTest::newRow("amount left blank") << plain << order << false << qint64(0) << qar << QByteArray();
    QTest::newRow("token Ab+/\\|==") << u"Ab+/\\|=="_s << order << true << qint64(500) << qar
                                     << QByteArray("5");
    QTest::newRow("token x/y\\\\z|w")
        << u"x/y\\\\z|w"_s << order << false << qint64(0) << qar << QByteArray();
    QTest::newRow("token with quotes and spaces inside")
        << u"a\"b c'd"_s << order << false << qint64(0) << qar << QByteArray();
    QTest::newRow("Arabic token") << u"رمز+بطاقة/١٢٣٤=="_s << order << true << qint64(2550) << qar
                                  << QByteArray("25.5");
    QTest::newRow("2 KB token") << longToken() << order << true << qint64(1) << qar << QByteArray("0.01");
    QTest::newRow("order id with special characters")
        << plain << u"BO/2026\\11|25+\"q\" &?#% طلب 😀"_s << false << qint64(0) << qar << QByteArray();
    QTest::newRow("order id with a tab and newline")
        << plain << u"BO\t1\n2"_s << false << qint64(0) << qar << QByteArray();
}

void TestGatewayClient::collectWireFormat()
{
    QFETCH(QString, token);
    QFETCH(QString, orderId);
    QFETCH(bool, hasAmount);
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QByteArray, amountText);

    CollectRequest request{token, orderId, std::nullopt};
    if (hasAmount)
        request.amount = Money(minor, currency);
    const auto result = await(client().collect(request));
    QVERIFY(result);
    QCOMPARE(result->outcome, GatewayOutcome::Success);

    const RecordedRequest r = onlyRequest();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, collectPath);
    // The header name is literally api_key; HTTP names are case-insensitive, but Fatora's docs spell it so.
    const auto apiHeader = std::find_if(r.headers.cbegin(), r.headers.cend(),
                                        [](const auto &h) { return h.first.toLower() == "api_key"; });
    QVERIFY(apiHeader != r.headers.cend());
    QCOMPARE(apiHeader->first, QByteArray("api_key"));
    QCOMPARE(apiHeader->second, GatewaySimulator::defaultApiKey().toUtf8());
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));

    // Byte for byte what encode() promises, and compact.
    QCOMPARE(r.body, GatewayClient::encode(request));
    QVERIFY(!r.body.contains(": "));
    QVERIFY(!r.body.contains(", "));

    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject o = doc.object();
    QCOMPARE(o.value(u"card_token"_s).toString(), token);
    QCOMPARE(o.value(u"order_id"_s).toString(), orderId);
    if (hasAmount) {
        QCOMPARE(o.size(), 3);
        const QByteArray amountField = QByteArray("\"amount\":") + amountText;
        QVERIFY2(r.body.contains(QByteArray(amountField + '}')) ||
                     r.body.contains(QByteArray(amountField + ',')),
                 r.body.constData());
        QCOMPARE(qRound64(o.value(u"amount"_s).toDouble() * std::pow(10, Money::decimalsFor(currency))),
                 minor);
    } else {
        QCOMPARE(o.size(), 2);
        QVERIFY(!o.contains(u"amount"_s));
        QVERIFY(!r.body.contains("amount"));
    }
    // The token travels exactly: the UTF-8 of the parsed value equals the original's.
    QCOMPARE(o.value(u"card_token"_s).toString().toUtf8(), token.toUtf8());
}

void TestGatewayClient::deactivateWireFormat()
{
    const QString token = u"Ab+/\\|==deact"_s;
    const auto result = await(client().deactivate(DeactivateRequest{token, u"REVOKE-7"_s}));
    QVERIFY(result);
    QCOMPARE(result->outcome, GatewayOutcome::Success);
    const RecordedRequest r = onlyRequest();
    QCOMPARE(r.path, deactivatePath);
    QCOMPARE(r.header("api_key"), GatewaySimulator::defaultApiKey().toUtf8());
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(o, QJsonObject({{u"card_token"_s, token}, {u"order_id"_s, u"REVOKE-7"_s}}));
}

void TestGatewayClient::verifyWireFormatOmitsEmptyTransactionId()
{
    QVERIFY(await(client().verify(VerifyRequest{u"BO-1"_s, QString()})));
    QVERIFY(await(client().verify(VerifyRequest{u"BO-1"_s, u"SIM-000042"_s})));
    const QList<RecordedRequest> requests = m_sim->requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).path, verifyPath);
    QCOMPARE(requests.at(0).body, QByteArray(R"({"order_id":"BO-1"})"));
    const QJsonObject second = QJsonDocument::fromJson(requests.at(1).body).object();
    QCOMPARE(second, QJsonObject({{u"order_id"_s, u"BO-1"_s}, {u"transaction_id"_s, u"SIM-000042"_s}}));
}

void TestGatewayClient::refundWireFormat()
{
    QVERIFY(await(client().refund(RefundRequest{u"BO-9"_s, u"SIM-000009"_s})));
    const RecordedRequest r = onlyRequest();
    QCOMPARE(r.path, refundPath);
    QCOMPARE(QJsonDocument::fromJson(r.body).object(),
             QJsonObject({{u"order_id"_s, u"BO-9"_s}, {u"transaction_id"_s, u"SIM-000009"_s}}));
}

void TestGatewayClient::basePathPrefixIsKept()
{
    GatewayConfig config = client().config();
    QUrl base = m_sim->baseUrl();
    base.setPath(u"/gateway/"_s);
    config.baseUrl = base;
    client().setConfig(config);
    const auto result = await(client().collect(CollectRequest{u"t1234"_s, u"BO-P"_s, std::nullopt}));
    QVERIFY(result);
    QCOMPARE(onlyRequest().path, u"/gateway"_s + collectPath);
    // The simulator knows no such path: a 404 is a refusal, nothing was charged.
    QCOMPARE(result->outcome, GatewayOutcome::Rejected);
    QCOMPARE(result->httpStatus, 404);
}

// ---------------------------------------------------------------------------------------------
// Outcomes

void TestGatewayClient::approved()
{
    const auto r = await(client().collect(CollectRequest{u"tok-ok"_s, u"BO-OK"_s, Money(12345, u"QAR"_s)}));
    QVERIFY(r);
    QCOMPARE(r->operation, GatewayOperation::Collect);
    QCOMPARE(r->outcome, GatewayOutcome::Success);
    QVERIFY(r->isSuccess());
    QCOMPARE(r->httpStatus, 200);
    QCOMPARE(r->status, u"SUCCESS"_s);
    QCOMPARE(r->statusCode, u"200"_s); // sent as a JSON number, read as its integer text
    QVERIFY(r->transactionId.startsWith(u"SIM-"_s));
    QCOMPARE(r->authCode.size(), 6);
    QCOMPARE(r->mode, u"SANDBOX"_s);
    QVERIFY(!r->description.isEmpty());
    QVERIFY(r->errorText.isEmpty());
    QVERIFY(!r->responseBody.isEmpty());
    QCOMPARE(m_sim->chargeCount(u"tok-ok"_s), 1);
}

void TestGatewayClient::declined_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("statusCode");
    QTest::addColumn<QString>("reason");
    QTest::newRow("insufficient funds")
        << int(SimulatedBehaviour::Kind::InsufficientFunds) << u"51"_s << u"Insufficient credit"_s;
    QTest::newRow("blocked") << int(SimulatedBehaviour::Kind::Blocked) << u"59"_s << u"Transaction Blocked"_s;
    QTest::newRow("declined by the bank")
        << int(SimulatedBehaviour::Kind::BankDeclined) << u"5"_s << u"Contact issuing Bank"_s;
    QTest::newRow("token invalid") << int(SimulatedBehaviour::Kind::InvalidToken) << u"14"_s
                                   << u"Token invalid"_s;
}

void TestGatewayClient::declined()
{
    QFETCH(int, kind);
    QFETCH(QString, statusCode);
    QFETCH(QString, reason);
    m_sim->script(u"tok-no"_s, behaviour(SimulatedBehaviour::Kind(kind)));
    const auto r = await(client().collect(CollectRequest{u"tok-no"_s, u"BO-NO"_s, Money(100, u"QAR"_s)}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Declined);
    QCOMPARE(r->httpStatus, 200);
    QCOMPARE(r->status, u"FAILURE"_s);
    QCOMPARE(r->statusCode, statusCode);
    QVERIFY2(r->description.contains(reason), qPrintable(r->description));
    QCOMPARE(r->errorText, r->description);
    QCOMPARE(m_sim->chargeCount(u"tok-no"_s), 0);
}

void TestGatewayClient::deactivatedTokenDeclinesAsTokenInvalid()
{
    QVERIFY(await(client().deactivate(DeactivateRequest{u"tok-revoked"_s, u"R-1"_s})));
    const auto r = await(client().collect(CollectRequest{u"tok-revoked"_s, u"BO-R"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Declined);
    QCOMPARE(r->description, u"Token invalid"_s);
}

void TestGatewayClient::rejected400NamesTheGatewaysError()
{
    // Over the wire the client cannot be made to send a malformed body, so the 400 comes from
    // refunding a declined payment.
    m_sim->script(u"tok-poor"_s, behaviour(SimulatedBehaviour::Kind::InsufficientFunds));
    const auto charge = await(client().collect(CollectRequest{u"tok-poor"_s, u"BO-400"_s, std::nullopt}));
    QVERIFY(charge);
    const auto r = await(client().refund(RefundRequest{u"BO-400"_s, charge->transactionId}));
    QVERIFY(r);
    QCOMPARE(r->operation, GatewayOperation::Refund);
    QCOMPARE(r->outcome, GatewayOutcome::Rejected);
    QCOMPARE(r->httpStatus, 400);
    QVERIFY2(r->errorText.contains(u"message: Only a successful payment can be refunded"_s),
             qPrintable(r->errorText));
    QVERIFY(r->errorText.contains(u"400"_s));
}

void TestGatewayClient::rejected401SaysTheKeyWasRefused()
{
    GatewayConfig config = client().config();
    config.apiKey = u"E4B73FEE-F492-4607-A38D-852B0EBC91C9"_s;
    client().setConfig(config);
    const auto r = await(client().collect(CollectRequest{u"tok-401"_s, u"BO-401"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Rejected);
    QCOMPARE(r->httpStatus, 401);
    QVERIFY2(r->errorText.startsWith(u"The API key was refused (401): check the key in Settings."_s),
             qPrintable(r->errorText));
    QVERIFY(r->errorText.contains(u"Invalid api key"_s));
    QCOMPARE(m_sim->chargeCount(u"tok-401"_s), 0);
}

void TestGatewayClient::rejected403SaysTheKeyIsInactive()
{
    m_sim->setInactiveApiKey(u"RETIRED-KEY-0001"_s);
    GatewayConfig config = client().config();
    config.apiKey = u"RETIRED-KEY-0001"_s;
    client().setConfig(config);
    const auto r = await(client().collect(CollectRequest{u"tok-403"_s, u"BO-403"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Rejected);
    QCOMPARE(r->httpStatus, 403);
    QVERIFY2(r->errorText.startsWith(u"The API key is inactive (403)"_s), qPrintable(r->errorText));
}

void TestGatewayClient::verifyUnknownOrderIs404()
{
    const auto r = await(client().verify(VerifyRequest{u"BO-NEVER"_s, QString()}));
    QVERIFY(r);
    QCOMPARE(r->operation, GatewayOperation::Verify);
    QCOMPARE(r->outcome, GatewayOutcome::Rejected);
    QCOMPARE(r->httpStatus, 404);
    QVERIFY(r->paymentStatus.isEmpty());
}

void TestGatewayClient::onlyTheGatewaysJson404MeansNotFound()
{
    const auto interpret = [](GatewayOperation op, const QByteArray &body) {
        return GatewayReplyInterpreter::interpret(op, QNetworkReply::ContentNotFoundError, u"Not Found"_s, 404,
                                                  body, false, u"BO-1"_s);
    };
    const QByteArray json = R"({"status":"FAILURE","error":{"message":"Payment not found"}})";
    QVERIFY(interpret(GatewayOperation::Verify, json).orderNotFound);
    QVERIFY(interpret(GatewayOperation::Verify, R"({"status":"FAILURE"})").orderNotFound);
    // What a gateway or proxy in front of Fatora answers for a route it does not know: JSON, but not
    // Fatora's refusal.
    for (const QByteArray &body :
         {QByteArray(), QByteArray("<html><h1>Not Found</h1></html>"), QByteArray("Not Found"), QByteArray("[]"),
          QByteArray("{\"a\":"), QByteArray("{}"), QByteArray(R"({"message":"no Route matched with those values"})"),
          QByteArray(R"({"message":"Not Found"})"), QByteArray(R"({"status":"NOT_FOUND"})"),
          QByteArray(R"({"status":"failure"})")}) {
        const GatewayResult r = interpret(GatewayOperation::Verify, body);
        QVERIFY2(!r.orderNotFound, body.constData());
        QCOMPARE(r.outcome, GatewayOutcome::Rejected); // refused all the same: nothing was charged by it
        QVERIFY2(r.errorText.contains(u"check the gateway address"_s), qPrintable(r.errorText));
    }
    QVERIFY(!interpret(GatewayOperation::Collect, json).orderNotFound); // verify's answer only
}

void TestGatewayClient::verifySettlesAnApprovedCharge()
{
    const QString token = u"Ab+/\\|==verify"_s;
    const auto charge = await(client().collect(CollectRequest{token, u"BO-VER"_s, Money(4250, u"QAR"_s)}));
    QVERIFY(charge);
    const auto r = await(client().verify(VerifyRequest{u"BO-VER"_s, charge->transactionId}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Success);
    QCOMPARE(r->paymentStatus, u"SUCCESS"_s);
    QCOMPARE(r->orderId, u"BO-VER"_s);
    QCOMPARE(r->transactionId, charge->transactionId);
    QCOMPARE(r->authCode, charge->authCode);
    QCOMPARE(r->verifiedAmount, u"42.5"_s);
    QCOMPARE(r->verifiedCurrency, u"QAR"_s);
    QVERIFY(r->verifiedTokenPresent);
    QCOMPARE(r->mode, u"SANDBOX"_s);
}

void TestGatewayClient::deactivate204IsSuccess()
{
    const auto r = await(client().deactivate(DeactivateRequest{u"tok-204"_s, u"R-204"_s}));
    QVERIFY(r);
    QCOMPARE(r->operation, GatewayOperation::Deactivate);
    QCOMPARE(r->outcome, GatewayOutcome::Success);
    QCOMPARE(r->httpStatus, 204);
    QVERIFY(r->responseBody.isEmpty());
    QVERIFY(m_sim->isTokenDeactivated(u"tok-204"_s));
}

void TestGatewayClient::deactivate200IsSuccess()
{
    SimulatedBehaviour b;
    b.deactivateReply = SimulatedBehaviour::DeactivateReply::Ok200;
    m_sim->script(u"tok-200"_s, b);
    const auto r = await(client().deactivate(DeactivateRequest{u"tok-200"_s, u"R-200"_s}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Success);
    QCOMPARE(r->httpStatus, 200);
    QCOMPARE(r->responseBody, QByteArray(R"({"result":1})"));
}

void TestGatewayClient::deactivateTwiceIs422()
{
    QVERIFY(await(client().deactivate(DeactivateRequest{u"tok-twice"_s, u"R-1"_s})));
    const auto r = await(client().deactivate(DeactivateRequest{u"tok-twice"_s, u"R-2"_s}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Rejected);
    QCOMPARE(r->httpStatus, 422);
    QVERIFY2(r->errorText.contains(u"card_token: Card token already deactivated"_s),
             qPrintable(r->errorText));
}

void TestGatewayClient::collectConflictIsRejected409()
{
    // The client reports what the gateway said; that a 409 to collect cannot prove "not charged"
    // is the payment service's call (it keeps such a charge unknown).
    m_sim->script(u"tok-409"_s, behaviour(SimulatedBehaviour::Kind::Conflict409));
    const auto r = await(client().collect(CollectRequest{u"tok-409"_s, u"BO-409"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Rejected);
    QCOMPARE(r->httpStatus, 409);
    QVERIFY2(r->errorText.contains(u"HTTP 409 Conflict"_s), qPrintable(r->errorText));
    QCOMPARE(m_sim->chargeCount(u"tok-409"_s), 0);
}

void TestGatewayClient::pendingPaymentVerifiesAsPending()
{
    m_sim->script(u"tok-pending"_s, behaviour(SimulatedBehaviour::Kind::Pending));
    const auto charge =
        await(client().collect(CollectRequest{u"tok-pending"_s, u"BO-PEND"_s, Money(1000, u"QAR"_s)}));
    QVERIFY(charge);
    QCOMPARE(charge->outcome, GatewayOutcome::Unknown);
    QCOMPARE(m_sim->requestCount(collectPath), 1);
    const auto r = await(client().verify(VerifyRequest{u"BO-PEND"_s, QString()}));
    QVERIFY(r);
    // The verify call itself succeeded; what it says about the payment is in paymentStatus.
    QCOMPARE(r->outcome, GatewayOutcome::Success);
    QCOMPARE(r->paymentStatus, u"PENDING"_s);
    QCOMPARE(r->verifiedAmount, u"10"_s);
    QVERIFY(r->authCode.isEmpty());
    QVERIFY(r->transactionId.startsWith(u"SIM-"_s));
    QCOMPARE(m_sim->chargeCount(u"tok-pending"_s), 0);
}

void TestGatewayClient::refundOnceThenConflict()
{
    const auto charge = await(client().collect(CollectRequest{u"tok-refund"_s, u"BO-REF"_s, std::nullopt}));
    QVERIFY(charge);
    const auto first = await(client().refund(RefundRequest{u"BO-REF"_s, charge->transactionId}));
    QVERIFY(first);
    QCOMPARE(first->outcome, GatewayOutcome::Success);
    QCOMPARE(first->refundStatus, u"REFUNDED"_s);
    const auto second = await(client().refund(RefundRequest{u"BO-REF"_s, charge->transactionId}));
    QVERIFY(second);
    QCOMPARE(second->outcome, GatewayOutcome::Rejected);
    QCOMPARE(second->httpStatus, 409);
    QVERIFY(second->errorText.contains(u"already refunded"_s));
}

void TestGatewayClient::timeoutAfterSendingIsUnknown()
{
    // The shortest timeout the configuration allows against a token that answers much later.
    m_sim->script(u"tok-slow"_s, behaviour(SimulatedBehaviour::Kind::Approve, 4000));
    GatewayConfig config = client().config();
    config.timeoutMs = 1000;
    client().setConfig(config);
    const auto r = await(client().collect(CollectRequest{u"tok-slow"_s, u"BO-SLOW"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Unknown);
    QCOMPARE(r->httpStatus, 0);
    QVERIFY2(r->errorText.contains(u"verify"_s), qPrintable(r->errorText));
    // And rightly so: the simulator did take the money.
    QCOMPARE(m_sim->chargeCount(u"tok-slow"_s), 1);
}

void TestGatewayClient::refusedPortIsNotSent()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    } // closed: nothing listens there any more
    GatewayConfig config = client().config();
    config.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    client().setConfig(config);
    const auto r = await(client().collect(CollectRequest{u"tok-refused"_s, u"BO-REFUSED"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::NotSent);
    QCOMPARE(r->httpStatus, 0);
    QVERIFY2(r->errorText.contains(u"safe to try again"_s), qPrintable(r->errorText));
}

void TestGatewayClient::untrustedCertificateIsNotSent()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend in this Qt installation");
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(QByteArray(untrustedCertificate)));
    tls.setPrivateKey(QSslKey(QByteArray(untrustedKey), QSsl::Ec));
    QVERIFY(!tls.localCertificate().isNull());
    QVERIFY(!tls.privateKey().isNull());
    QSslServer server;
    server.setSslConfiguration(tls);
    QByteArray decrypted;
    connect(&server, &QSslServer::pendingConnectionAvailable, this, [&server, &decrypted] {
        while (QTcpSocket *socket = server.nextPendingConnection())
            connect(socket, &QTcpSocket::readyRead, socket,
                    [socket, &decrypted] { decrypted += socket->readAll(); });
    });
    QVERIFY(server.listen(QHostAddress::LocalHost));

    GatewayConfig config = client().config();
    config.baseUrl = QUrl(u"https://127.0.0.1:%1"_s.arg(server.serverPort()));
    client().setConfig(config);
    const auto r = await(client().collect(CollectRequest{u"tok-tls"_s, u"BO-TLS"_s, std::nullopt}));
    QVERIFY(r);
    // The certificate error is not ignored: the handshake fails and no HTTP byte is sent.
    QCOMPARE(r->outcome, GatewayOutcome::NotSent);
    QCOMPARE(r->httpStatus, 0);
    QVERIFY2(decrypted.isEmpty(), decrypted.constData());
}

void TestGatewayClient::droppedConnectionIsUnknown()
{
    m_sim->script(u"tok-drop"_s, behaviour(SimulatedBehaviour::Kind::DropConnection));
    const auto r = await(client().collect(CollectRequest{u"tok-drop"_s, u"BO-DROP"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Unknown);
    QCOMPARE(m_sim->chargeCount(u"tok-drop"_s), 1);
    // Qt would quietly send the request again on a connection closed before any reply; it must not.
    QCOMPARE(m_sim->requestCount(collectPath), 1);
    QVERIFY2(r->errorText.contains(u"not sent a second time"_s), qPrintable(r->errorText));
}

void TestGatewayClient::html502IsUnknown()
{
    m_sim->script(u"tok-502"_s, behaviour(SimulatedBehaviour::Kind::Html502));
    const auto r = await(client().collect(CollectRequest{u"tok-502"_s, u"BO-502"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Unknown);
    QCOMPARE(r->httpStatus, 502);
    QVERIFY(r->responseBody.contains("<html>"));
}

void TestGatewayClient::http500IsUnknown()
{
    m_sim->script(u"tok-500"_s, behaviour(SimulatedBehaviour::Kind::Http500));
    const auto r = await(client().collect(CollectRequest{u"tok-500"_s, u"BO-500"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Unknown);
    QCOMPARE(r->httpStatus, 500);
}

void TestGatewayClient::truncatedJsonIsUnknown()
{
    m_sim->script(u"tok-cut"_s, behaviour(SimulatedBehaviour::Kind::TruncatedJson));
    const auto r = await(client().collect(CollectRequest{u"tok-cut"_s, u"BO-CUT"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::Unknown);
    QCOMPARE(r->httpStatus, 200);
    QVERIFY2(r->errorText.contains(u"not valid JSON"_s), qPrintable(r->errorText));
    QVERIFY(r->transactionId.isEmpty());
}

void TestGatewayClient::ambiguousRepliesOverHttpAreUnknown_data()
{
    QTest::addColumn<GatewayOperation>("op");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorContains");

    const auto C = GatewayOperation::Collect;
    QTest::newRow("collect SUCCESS then FAILURE")
        << C << QByteArray(R"({"status":"SUCCESS","status":"FAILURE","result":{"transaction_id":"T-1"}})")
        << u"\"status\" twice"_s;
    QTest::newRow("collect FAILURE then SUCCESS")
        << C << QByteArray(R"({"status":"FAILURE","result":{"description":"Declined"},"status":"SUCCESS"})")
        << u"\"status\" twice"_s;
    QTest::newRow("collect SUCCESS for another order")
        << C
        << QByteArray(R"({"status":"SUCCESS","result":{"order_id":"BO-SOMEONE-ELSE","transaction_id":"T"}})")
        << u"about order \"BO-SOMEONE-ELSE\", not \"BO-AMBIGUOUS\""_s;
    QTest::newRow("collect FAILURE for another order")
        << C << QByteArray(R"({"status":"FAILURE","result":{"order_id":"BO-SOMEONE-ELSE"}})")
        << u"BO-SOMEONE-ELSE"_s;
    QTest::newRow("collect status of the wrong type")
        << C << QByteArray(R"({"status":["SUCCESS"]})") << u"no recognisable status"_s;
    QTest::newRow("verify payment_status twice")
        << GatewayOperation::Verify
        << QByteArray(
               R"({"status":"SUCCESS","result":{"order_id":"BO-AMBIGUOUS","payment_status":"SUCCESS","payment_status":"FAILURE"}})")
        << u"\"result.payment_status\" twice"_s;
    QTest::newRow("refund SUCCESS then FAILURE")
        << GatewayOperation::Refund << QByteArray(R"({"status":"SUCCESS","status":"FAILURE"})")
        << u"\"status\" twice"_s;
}

void TestGatewayClient::ambiguousRepliesOverHttpAreUnknown()
{
    QFETCH(GatewayOperation, op);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorContains);

    RawHttpServer server;
    QVERIFY(server.listen());
    server.setReply(200, body);
    GatewayConfig config = client().config();
    config.baseUrl = server.url();
    client().setConfig(config);
    const QString order = u"BO-AMBIGUOUS"_s;
    GatewayReply *call = nullptr;
    switch (op) {
    case GatewayOperation::Collect:
        call = client().collect(CollectRequest{u"tok-ambiguous"_s, order, Money(1200, u"QAR"_s)});
        break;
    case GatewayOperation::Verify:
        call = client().verify(VerifyRequest{order, QString()});
        break;
    case GatewayOperation::Refund:
        call = client().refund(RefundRequest{order, u"T-1"_s});
        break;
    case GatewayOperation::Deactivate:
    case GatewayOperation::Checkout:
        QFAIL("not a row of this table");
    }
    const auto r = await(call);
    QVERIFY(r);
    QCOMPARE(server.requestCount(), 1);
    QCOMPARE(gatewayOutcomeName(r->outcome), gatewayOutcomeName(GatewayOutcome::Unknown));
    QCOMPARE(r->httpStatus, 200);
    QVERIFY2(r->errorText.contains(errorContains), qPrintable(r->errorText));
    QCOMPARE(r->responseBody, body); // the evidence is kept as it came
}

void TestGatewayClient::tricklingReplyEndsAtTheTimeout()
{
    // Headers at once, then one byte every 300 ms: each byte keeps a transfer timeout alive, so only
    // a deadline for the whole call ends it.
    const QByteArray body = R"({"status":"SUCCESS","result":{"transaction_id":"T-SLOW"}})";
    QList<RawHttpServer::Step> steps{
        {0, RawHttpServer::head(200, {"Content-Type: application/json",
                                      "Content-Length: " + QByteArray::number(body.size())})}};
    for (const char c : body)
        steps.append({300, QByteArray(1, c)});
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setScript(steps);
    GatewayConfig config = client().config();
    config.baseUrl = server.url();
    config.timeoutMs = 1000;
    client().setConfig(config);

    QElapsedTimer clock;
    clock.start();
    const auto r = await(client().collect(CollectRequest{u"tok-trickle"_s, u"BO-TRICKLE"_s, std::nullopt}));
    const qint64 elapsed = clock.elapsed();
    QVERIFY(r);
    QVERIFY2(elapsed < 1000 + 1500, qPrintable(u"took %1 ms"_s.arg(elapsed)));
    QCOMPARE(gatewayOutcomeName(r->outcome), gatewayOutcomeName(GatewayOutcome::Unknown));
    QVERIFY2(r->errorText.contains(u"no complete answer within 1000 ms"_s), qPrintable(r->errorText));
    QVERIFY2(r->errorText.contains(u"verify"_s), qPrintable(r->errorText));
    QVERIFY(r->transactionId.isEmpty());
}

void TestGatewayClient::brokenChunkedReplySaysItWasCutOff_data()
{
    QTest::addColumn<GatewayOperation>("op");
    QTest::addColumn<QByteArray>("afterHead");
    QTest::addColumn<GatewayOutcome>("outcome");

    const QByteArray notHex = "zz\r\n{\"status\":\"SUCCESS\"}\r\n0\r\n\r\n";
    const QByteArray cutChunk = "40\r\n{\"status\":\"SUCC";
    QTest::newRow("collect, chunk size that is not hex")
        << GatewayOperation::Collect << notHex << GatewayOutcome::Unknown;
    QTest::newRow("collect, chunk cut off by the close")
        << GatewayOperation::Collect << cutChunk << GatewayOutcome::Unknown;
    QTest::newRow("deactivate, chunk size that is not hex")
        << GatewayOperation::Deactivate << notHex << GatewayOutcome::Unknown;
    QTest::newRow("verify, chunk size that is not hex")
        << GatewayOperation::Verify << notHex << GatewayOutcome::Unknown;
}

void TestGatewayClient::brokenChunkedReplySaysItWasCutOff()
{
    QFETCH(GatewayOperation, op);
    QFETCH(QByteArray, afterHead);
    QFETCH(GatewayOutcome, outcome);

    RawHttpServer server;
    QVERIFY(server.listen());
    server.setScript(
        {{0, RawHttpServer::head(200, {"Content-Type: application/json", "Transfer-Encoding: chunked"}) +
                 afterHead}});
    GatewayConfig config = client().config();
    config.baseUrl = server.url();
    client().setConfig(config);
    GatewayReply *call = nullptr;
    if (op == GatewayOperation::Collect)
        call = client().collect(CollectRequest{u"tok-chunked"_s, u"BO-CHUNKED"_s, std::nullopt});
    else if (op == GatewayOperation::Deactivate)
        call = client().deactivate(DeactivateRequest{u"tok-chunked"_s, u"R-CHUNKED"_s});
    else
        call = client().verify(VerifyRequest{u"BO-CHUNKED"_s, QString()});
    const auto r = await(call);
    QVERIFY(r);
    QCOMPARE(gatewayOutcomeName(r->outcome), gatewayOutcomeName(outcome));
    QVERIFY2(!r->errorText.contains(u"empty"_s), qPrintable(r->errorText));
    QVERIFY2(r->errorText.contains(u"cut off or malformed"_s), qPrintable(r->errorText));
}

void TestGatewayClient::plainHttpToRemoteHostIsNotSent()
{
    GatewayConfig config = client().config();
    config.baseUrl = QUrl(u"http://api.fatora.io"_s);
    client().setConfig(config);
    const auto r = await(client().collect(CollectRequest{u"tok-http"_s, u"BO-HTTP"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::NotSent);
    QVERIFY2(r->errorText.contains(u"base_url"_s) && r->errorText.contains(u"https://"_s),
             qPrintable(r->errorText));
    QCOMPARE(client().callsInFlight(), 0);
}

void TestGatewayClient::invalidConfigIsNotSent_data()
{
    QTest::addColumn<QString>("apiKey");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("field");
    const QString key = GatewaySimulator::defaultApiKey();
    QTest::newRow("empty api key") << QString() << 5000 << u"api_key"_s;
    QTest::newRow("api key with a space") << u"SANDBOX 0000"_s << 5000 << u"api_key"_s;
    QTest::newRow("api key with a trailing newline") << key + u'\n' << 5000 << u"api_key"_s;
    QTest::newRow("api key with a header injection") << key + u"\r\nX-Evil: 1"_s << 5000 << u"api_key"_s;
    QTest::newRow("timeout too short") << key << 999 << u"timeout"_s;
    QTest::newRow("timeout too long") << key << 300'001 << u"timeout"_s;
}

void TestGatewayClient::invalidConfigIsNotSent()
{
    QFETCH(QString, apiKey);
    QFETCH(int, timeoutMs);
    QFETCH(QString, field);
    GatewayConfig config = client().config();
    config.apiKey = apiKey;
    config.timeoutMs = timeoutMs;
    client().setConfig(config);
    const auto r = await(client().collect(CollectRequest{u"tok-cfg"_s, u"BO-CFG"_s, std::nullopt}));
    QVERIFY(r);
    QCOMPARE(r->outcome, GatewayOutcome::NotSent);
    QVERIFY2(r->errorText.contains(field + u": "_s), qPrintable(r->errorText));
    QCOMPARE(m_sim->requestCount(), 0);
}

void TestGatewayClient::invalidRequestIsNotSent_data()
{
    QTest::addColumn<int>("operation");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("orderId");
    QTest::addColumn<QString>("transactionId");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("field");
    const int collect = int(GatewayOperation::Collect);
    QTest::newRow("collect without token")
        << collect << QString() << u"BO-1"_s << QString() << qint64(100) << u"card_token"_s;
    QTest::newRow("collect without order id")
        << collect << u"tok"_s << QString() << QString() << qint64(100) << u"order_id"_s;
    QTest::newRow("collect with zero amount")
        << collect << u"tok"_s << u"BO-1"_s << QString() << qint64(0) << u"amount"_s;
    QTest::newRow("collect with negative amount")
        << collect << u"tok"_s << u"BO-1"_s << QString() << qint64(-5) << u"amount"_s;
    QTest::newRow("deactivate without token") << int(GatewayOperation::Deactivate) << QString() << u"R-1"_s
                                              << QString() << qint64(0) << u"card_token"_s;
    QTest::newRow("verify without order id") << int(GatewayOperation::Verify) << QString() << QString()
                                             << u"SIM-1"_s << qint64(0) << u"order_id"_s;
    QTest::newRow("refund without transaction id") << int(GatewayOperation::Refund) << QString() << u"BO-1"_s
                                                   << QString() << qint64(0) << u"transaction_id"_s;
    const int checkout = int(GatewayOperation::Checkout);
    const QString page = u"https://shop.example/ok"_s;
    QTest::newRow("checkout without order id")
        << checkout << u"en"_s << QString() << page << qint64(100) << u"order_id"_s;
    QTest::newRow("checkout with zero amount") << checkout << u"en"_s << u"BO-1"_s << page << qint64(0) << u"amount"_s;
    QTest::newRow("checkout in another language")
        << checkout << u"fr"_s << u"BO-1"_s << page << qint64(100) << u"language"_s;
    QTest::newRow("checkout returning to plain http")
        << checkout << u"en"_s << u"BO-1"_s << u"http://shop.example/ok"_s << qint64(100) << u"success_url"_s;
    QTest::newRow("checkout returning to javascript")
        << checkout << u"en"_s << u"BO-1"_s << u"javascript:alert(1)"_s << qint64(100) << u"success_url"_s;
}

void TestGatewayClient::invalidRequestIsNotSent()
{
    QFETCH(int, operation);
    QFETCH(QString, token);
    QFETCH(QString, orderId);
    QFETCH(QString, transactionId);
    QFETCH(qint64, minor);
    QFETCH(QString, field);
    GatewayReply *reply = nullptr;
    switch (GatewayOperation(operation)) {
    case GatewayOperation::Collect:
        reply = client().collect(CollectRequest{token, orderId, Money(minor, u"QAR"_s)});
        break;
    case GatewayOperation::Deactivate:
        reply = client().deactivate(DeactivateRequest{token, orderId});
        break;
    case GatewayOperation::Verify:
        reply = client().verify(VerifyRequest{orderId, transactionId});
        break;
    case GatewayOperation::Refund:
        reply = client().refund(RefundRequest{orderId, transactionId});
        break;
    case GatewayOperation::Checkout: {
        CheckoutRequest request;
        request.amount = Money(minor, u"QAR"_s);
        request.orderId = orderId;
        request.language = token; // the token column carries the page language here
        request.successUrl = QUrl(transactionId); // and the transaction id column the return page
        request.failureUrl = QUrl(u"https://shop.example/failed"_s);
        reply = client().checkout(request);
        break;
    }
    }
    const auto r = await(reply);
    QVERIFY(r);
    QCOMPARE(r->operation, GatewayOperation(operation));
    QCOMPARE(r->outcome, GatewayOutcome::NotSent);
    QVERIFY2(r->errorText.contains(field + u": "_s), qPrintable(r->errorText));
    QCOMPARE(m_sim->requestCount(), 0);
}

// ---------------------------------------------------------------------------------------------
// Configuration

void TestGatewayClient::configValidation_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("apiKey");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("badField"); // empty when valid

    const QString key = u"E4B73FEE-F492-4607-A38D-852B0EBC91C9"_s;
    const QString url = u"https://api.fatora.io"_s;
    QTest::newRow("default Fatora address") << url << key << 30000 << QString();
    QTest::newRow("https with a path prefix")
        << u"https://gw.example.com/fatora/"_s << key << 30000 << QString();
    QTest::newRow("http to 127.0.0.1") << u"http://127.0.0.1:8080"_s << key << 30000 << QString();
    QTest::newRow("http to 127.5.6.7") << u"http://127.5.6.7:8080"_s << key << 30000 << QString();
    QTest::newRow("http to [::1]") << u"http://[::1]:8080"_s << key << 30000 << QString();
    QTest::newRow("http to [::1] with a zone id")
        << u"http://[::1%25%2B%2B1%2FaB%2F9Xq]:8099/"_s << key << 30000 << u"base_url"_s;
    QTest::newRow("http to [::1%eth0]") << u"http://[::1%25eth0]:8080"_s << key << 30000 << u"base_url"_s;
    QTest::newRow("http to localhost") << u"http://localhost:8080"_s << key << 30000 << QString();
    QTest::newRow("http to LOCALHOST") << u"HTTP://LOCALHOST"_s << key << 30000 << QString();
    QTest::newRow("http to a public host") << u"http://api.fatora.io"_s << key << 30000 << u"base_url"_s;
    QTest::newRow("http to a private address") << u"http://10.0.0.1"_s << key << 30000 << u"base_url"_s;
    QTest::newRow("http to a name that starts like loopback")
        << u"http://127.0.0.1.nip.io"_s << key << 30000 << u"base_url"_s;
    QTest::newRow("http to localhost lookalike")
        << u"http://localhost.example.com"_s << key << 30000 << u"base_url"_s;
    QTest::newRow("ftp scheme") << u"ftp://api.fatora.io"_s << key << 30000 << u"base_url"_s;
    QTest::newRow("relative address") << u"api.fatora.io"_s << key << 30000 << u"base_url"_s;
    QTest::newRow("empty address") << QString() << key << 30000 << u"base_url"_s;
    QTest::newRow("credentials in the address")
        << u"https://user:pw@api.fatora.io"_s << key << 30000 << u"base_url"_s;
    QTest::newRow("query in the address") << u"https://api.fatora.io/?x=1"_s << key << 30000 << u"base_url"_s;
    QTest::newRow("empty key") << url << QString() << 30000 << u"api_key"_s;
    QTest::newRow("key with a space") << url << u"E4B73FEE F492"_s << 30000 << u"api_key"_s;
    QTest::newRow("key with a tab") << url << key + u'\t' << 30000 << u"api_key"_s;
    QTest::newRow("key with a zero-width space") << url << key + QChar(0x200B) << 30000 << u"api_key"_s;
    QTest::newRow("key with non-ASCII") << url << key + u"é"_s << 30000 << u"api_key"_s;
    QTest::newRow("key with a control character") << url << key + QChar(0x07) << 30000 << u"api_key"_s;
    QTest::newRow("timeout 999 ms") << url << key << 999 << u"timeout"_s;
    QTest::newRow("timeout 1000 ms") << url << key << 1000 << QString();
    QTest::newRow("timeout 300000 ms") << url << key << 300000 << QString();
    QTest::newRow("timeout 300001 ms") << url << key << 300001 << u"timeout"_s;
    QTest::newRow("negative timeout") << url << key << -1 << u"timeout"_s;
}

void TestGatewayClient::configValidation()
{
    QFETCH(QString, url);
    QFETCH(QString, apiKey);
    QFETCH(int, timeoutMs);
    QFETCH(QString, badField);
    GatewayConfig config;
    config.baseUrl = QUrl(url);
    config.apiKey = apiKey;
    config.timeoutMs = timeoutMs;
    const Result<void> valid = config.validate();
    if (badField.isEmpty()) {
        QVERIFY2(valid.ok(), qPrintable(valid.error().toString()));
    } else {
        QVERIFY(!valid.ok());
        QCOMPARE(valid.error().field, badField);
        QVERIFY(!valid.error().message.isEmpty());
        if (!apiKey.isEmpty())
            QVERIFY2(!valid.error().message.contains(apiKey), "the key must not be echoed");
    }
}

// ---------------------------------------------------------------------------------------------
// interpret(): every row of the outcome table, and bodies written by an adversary

void TestGatewayClient::interpretTable_data()
{
    QTest::addColumn<GatewayOperation>("op");
    QTest::addColumn<int>("networkError");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<GatewayOutcome>("outcome");
    QTest::addColumn<QVariantMap>("fields"); // result fields that must hold exactly these values
    QTest::addColumn<QString>("errorContains");

    const auto C = GatewayOperation::Collect;
    const auto D = GatewayOperation::Deactivate;
    const auto V = GatewayOperation::Verify;
    const auto R = GatewayOperation::Refund;
    const auto Ok = GatewayOutcome::Success;
    const auto No = GatewayOutcome::Declined;
    const auto Rej = GatewayOutcome::Rejected;
    const auto NS = GatewayOutcome::NotSent;
    const auto U = GatewayOutcome::Unknown;
    const int none = QNetworkReply::NoError;
    const QByteArray approved =
        R"({"status":"SUCCESS","result":{"status_code":"000","transaction_id":"T-1","auth_code":"A1B2C3","mode":"LIVE","description":"Approved"}})";

    QTest::newRow("collect approved") << C << none << 200 << approved << Ok
                                      << QVariantMap{{u"statusCode"_s, u"000"_s},
                                                     {u"transactionId"_s, u"T-1"_s},
                                                     {u"authCode"_s, u"A1B2C3"_s},
                                                     {u"mode"_s, u"LIVE"_s},
                                                     {u"status"_s, u"SUCCESS"_s}}
                                      << QString();
    // Fatora documents 200 for collect, verify and refund: a 201 is not the documented answer.
    QTest::newRow("collect SUCCESS at 201 is unknown")
        << C << none << 201 << approved << U << QVariantMap()
        << u"unexpected HTTP 201; the payment may have been taken: verify"_s;
    QTest::newRow("collect FAILURE at 201 is unknown")
        << C << none << 201 << QByteArray(R"({"status":"FAILURE"})") << U << QVariantMap()
        << u"unexpected HTTP 201"_s;
    QTest::newRow("collect numeric ids keep every digit")
        << C << none << 200
        << QByteArray(
               R"({"status":"SUCCESS","result":{"status_code":0,"transaction_id":1234567890123,"auth_code":123456}})")
        << Ok
        << QVariantMap{{u"statusCode"_s, u"0"_s},
                       {u"transactionId"_s, u"1234567890123"_s},
                       {u"authCode"_s, u"123456"_s}}
        << QString();
    QTest::newRow("collect id written as a float with integral value")
        << C << none << 200 << QByteArray(R"({"status":"SUCCESS","result":{"transaction_id":98765.0}})") << Ok
        << QVariantMap{{u"transactionId"_s, u"98765"_s}} << QString();
    QTest::newRow("collect id beyond 64 bits is not given invented digits")
        << C << none << 200
        << QByteArray(R"({"status":"SUCCESS","result":{"transaction_id":123456789012345678901234}})") << Ok
        << QVariantMap{{u"transactionId"_s, u"1.2345678901234569e+23"_s}} << QString();
    QTest::newRow("collect nulls and wrong types read as empty")
        << C << none << 200
        << QByteArray(
               R"({"status":"SUCCESS","result":{"status_code":null,"transaction_id":{"x":1},"auth_code":[1,2],"mode":true,"description":null}})")
        << Ok
        << QVariantMap{{u"statusCode"_s, QString()},
                       {u"transactionId"_s, QString()},
                       {u"authCode"_s, QString()},
                       {u"mode"_s, u"true"_s},
                       {u"description"_s, QString()}}
        << QString();
    QTest::newRow("collect result as a one-element array")
        << C << none << 200 << QByteArray(R"({"status":"SUCCESS","result":[{"transaction_id":"T-9"}]})") << Ok
        << QVariantMap{{u"transactionId"_s, u"T-9"_s}} << QString();
    QTest::newRow("collect result missing") << C << none << 200 << QByteArray(R"({"status":"SUCCESS"})") << Ok
                                            << QVariantMap{{u"transactionId"_s, QString()}} << QString();
    QTest::newRow("collect extra fields ignored")
        << C << none << 200
        << QByteArray(
               R"({"status":"SUCCESS","extra":{"deep":[1,2,3]},"result":{"transaction_id":"T-2","more":null}})")
        << Ok << QVariantMap{{u"transactionId"_s, u"T-2"_s}} << QString();
    // Issue 9: money is settled on the documented word exactly, never on a guess; the rest is unknown.
    QTest::newRow("collect status lower-case success is unknown")
        << C << none << 200 << QByteArray(R"({"status":"success","result":{"transaction_id":"T-3"}})") << U
        << QVariantMap{{u"status"_s, u"success"_s}} << u"no recognisable status (\"success\")"_s;
    QTest::newRow("collect status lower-case failure is unknown")
        << C << none << 200
        << QByteArray(R"({"status":"failure","result":{"description":"Transaction Blocked"}})") << U
        << QVariantMap() << u"\"failure\""_s;
    QTest::newRow("collect status with a trailing space is unknown")
        << C << none << 200 << QByteArray(R"({"status":"SUCCESS ","result":{"transaction_id":"T-3"}})") << U
        << QVariantMap() << u"no recognisable status"_s;
    // Found by fuzz_gateway_reply: Qt's reader drops a raw U+FEFF opening a string, so this read
    // as a plain FAILURE (declined) although the word is not exactly the documented one.
    QTest::newRow("collect status with a byte-order mark before FAILURE is unknown")
        << C << none << 200 << QByteArray("{\"status\":\"\xEF\xBB\xBF" "FAILURE\"}") << U << QVariantMap()
        << u"byte-order mark"_s;
    QTest::newRow("collect status true is unknown") << C << none << 200 << QByteArray(R"({"status":true})")
                                                    << U << QVariantMap() << u"no recognisable status"_s;
    QTest::newRow("collect status SUCCESS then FAILURE is unknown")
        << C << none << 200 << QByteArray(R"({"status":"SUCCESS","result":{},"status":"FAILURE"})") << U
        << QVariantMap() << u"gives \"status\" twice"_s;
    QTest::newRow("collect status FAILURE then SUCCESS is unknown")
        << C << none << 200 << QByteArray(R"({"status":"FAILURE","status":"SUCCESS"})") << U << QVariantMap()
        << u"gives \"status\" twice"_s;
    QTest::newRow("collect status twice, once written with an escape, is unknown")
        << C << none << 200 << QByteArray(R"({"status":"FAILURE","st\u0061tus":"SUCCESS"})") << U
        << QVariantMap() << u"gives \"status\" twice"_s;
    QTest::newRow("collect transaction id twice in the result is unknown")
        << C << none << 200
        << QByteArray(R"({"status":"SUCCESS","result":{"transaction_id":"T-1","transaction_id":"T-2"}})") << U
        << QVariantMap() << u"\"result.transaction_id\""_s;
    QTest::newRow("collect the same status twice is still unknown")
        << C << none << 200 << QByteArray(R"({"status":"SUCCESS","status":"SUCCESS"})") << U << QVariantMap()
        << u"twice"_s;
    QTest::newRow("collect a repeated key in two different objects is fine")
        << C << none << 200
        << QByteArray(R"({"status":"SUCCESS","result":{"status":"x","mode":"LIVE"},"extra":{"mode":"y"}})")
        << Ok << QVariantMap{{u"mode"_s, u"LIVE"_s}} << QString();
    QTest::newRow("collect 200 whose transfer broke is unknown, not empty")
        << C << int(QNetworkReply::ProtocolFailure) << 200 << QByteArray() << U << QVariantMap()
        << u"cut off or malformed: network says 399"_s;
    QTest::newRow("collect 200 closed mid-body says it was cut off")
        << C << int(QNetworkReply::RemoteHostClosedError) << 200 << QByteArray(R"({"status":"SUCC)") << U
        << QVariantMap() << u"(HTTP 200) was cut off or malformed: network says 2"_s;
    QTest::newRow("collect status APPROVED is not guessed")
        << C << none << 200 << QByteArray(R"({"status":"APPROVED"})") << U << QVariantMap() << u"APPROVED"_s;
    QTest::newRow("collect status missing")
        << C << none << 200 << QByteArray(R"({"result":{"transaction_id":"T"}})") << U << QVariantMap()
        << u"no recognisable status"_s;
    QTest::newRow("collect status null") << C << none << 200 << QByteArray(R"({"status":null})") << U
                                         << QVariantMap() << u"no recognisable status"_s;
    QTest::newRow("collect status is a number") << C << none << 200 << QByteArray(R"({"status":1})") << U
                                                << QVariantMap() << u"no recognisable status"_s;
    QTest::newRow("collect status is an object")
        << C << none << 200 << QByteArray(R"({"status":{"value":"SUCCESS"}})") << U << QVariantMap()
        << u"no recognisable status"_s;
    QTest::newRow("collect declined with description")
        << C << none << 200
        << QByteArray(
               R"({"status":"FAILURE","result":{"status_code":51,"description":"Transaction Declined, Insufficient credit"}})")
        << No << QVariantMap{{u"statusCode"_s, u"51"_s}} << u"Insufficient credit"_s;
    QTest::newRow("collect declined with only an error object")
        << C << none << 200 << QByteArray(R"({"status":"FAILURE","error":{"message":"Token invalid"}})") << No
        << QVariantMap() << u"message: Token invalid"_s;
    QTest::newRow("collect declined without any reason")
        << C << none << 200 << QByteArray(R"({"status":"FAILURE"})") << No << QVariantMap() << u"no reason"_s;
    QTest::newRow("collect body is a JSON array")
        << C << none << 200 << QByteArray(R"([{"status":"SUCCESS"}])") << U << QVariantMap()
        << u"not an object"_s;
    QTest::newRow("collect empty 200")
        << C << none << 200 << QByteArray() << U << QVariantMap() << u"empty"_s;
    QTest::newRow("collect HTML 200")
        << C << none << 200 << QByteArray("<!DOCTYPE html><html><body>Welcome</body></html>") << U
        << QVariantMap() << u"HTML"_s;
    QTest::newRow("collect cut-off JSON")
        << C << none << 200 << QByteArray(R"({"status":"SUCCESS","result":{"transaction_)") << U
        << QVariantMap() << u"not valid JSON"_s;
    QTest::newRow("collect number too large for a double")
        << C << none << 200 << QByteArray(R"({"status":"SUCCESS","x":1e400})") << U << QVariantMap()
        << u"not valid JSON"_s;
    QTest::newRow("collect JSON string literal")
        << C << none << 200 << QByteArray(R"("SUCCESS")") << U << QVariantMap() << QString();
    QTest::newRow("collect 202 accepted") << C << none << 202 << approved << U << QVariantMap() << u"202"_s;
    QTest::newRow("collect 204 no content")
        << C << none << 204 << QByteArray() << U << QVariantMap() << u"204"_s;
    QTest::newRow("collect 302 redirect")
        << C << none << 302 << QByteArray() << U << QVariantMap() << u"redirect"_s;
    QTest::newRow("collect 307 redirect")
        << C << none << 307 << approved << U << QVariantMap() << u"redirect"_s;
    QTest::newRow("collect 500 JSON") << C << int(QNetworkReply::InternalServerError) << 500
                                      << QByteArray(R"({"status":"FAILURE","error":{"message":"boom"}})") << U
                                      << QVariantMap() << u"server error"_s;
    QTest::newRow("collect 502 HTML")
        << C << int(QNetworkReply::UnknownServerError) << 502 << QByteArray("<html>Bad gateway</html>") << U
        << QVariantMap() << u"502"_s;
    QTest::newRow("collect 503 claiming success") << C << int(QNetworkReply::ServiceUnavailableError) << 503
                                                  << approved << U << QVariantMap() << u"503"_s;
    QTest::newRow("collect 429 is not a clean refusal") << C << int(QNetworkReply::UnknownContentError) << 429
                                                        << QByteArray() << U << QVariantMap() << u"429"_s;
    QTest::newRow("collect 400 nested error object")
        << C << int(QNetworkReply::ProtocolInvalidOperationError) << 400
        << QByteArray(
               R"({"status":"FAILURE","error":{"card_token":["is required","must be a string"],"amount":{"min":0.01,"got":null},"code":42,"ok":false}})")
        << Rej << QVariantMap{{u"status"_s, u"FAILURE"_s}}
        << u"amount.got: null; amount.min: 0.01; card_token: is required, must be a string; code: 42; ok: false"_s;
    QTest::newRow("collect 400 error is a plain string")
        << C << int(QNetworkReply::ProtocolInvalidOperationError) << 400
        << QByteArray(R"({"status":"FAILURE","error":"order_id is required"})") << Rej << QVariantMap()
        << u"order_id is required"_s;
    QTest::newRow("collect 400 error is an array of objects")
        << C << int(QNetworkReply::ProtocolInvalidOperationError) << 400
        << QByteArray(R"({"error":[{"field":"amount","message":"too small"},{"field":"order_id"}]})") << Rej
        << QVariantMap() << u"[0].field: amount; [0].message: too small; [1].field: order_id"_s;
    QTest::newRow("collect 400 with a top-level message only")
        << C << int(QNetworkReply::ProtocolInvalidOperationError) << 400
        << QByteArray(R"({"message":"Validation failed"})") << Rej << QVariantMap() << u"Validation failed"_s;
    QTest::newRow("collect 400 HTML")
        << C << int(QNetworkReply::ProtocolInvalidOperationError) << 400 << QByteArray("<html>400</html>")
        << Rej << QVariantMap() << u"no details"_s;
    QTest::newRow("collect 400 empty error object")
        << C << int(QNetworkReply::ProtocolInvalidOperationError) << 400
        << QByteArray(R"({"status":"FAILURE","error":{}})") << Rej << QVariantMap() << u"no details"_s;
    QTest::newRow("collect 401") << C << int(QNetworkReply::AuthenticationRequiredError) << 401
                                 << QByteArray(
                                        R"({"status":"FAILURE","error":{"message":"Invalid api key"}})")
                                 << Rej << QVariantMap()
                                 << u"The API key was refused (401): check the key in Settings."_s;
    QTest::newRow("collect 403") << C << int(QNetworkReply::ContentAccessDenied) << 403 << QByteArray() << Rej
                                 << QVariantMap() << u"The API key is inactive (403)"_s;
    QTest::newRow("collect 404") << C << int(QNetworkReply::ContentNotFoundError) << 404 << QByteArray()
                                 << Rej << QVariantMap() << u"404"_s;
    QTest::newRow("collect 406") << C << int(QNetworkReply::UnknownContentError) << 406 << QByteArray() << Rej
                                 << QVariantMap() << u"406"_s;
    QTest::newRow("collect 409") << C << int(QNetworkReply::ContentConflictError) << 409 << QByteArray()
                                 << Rej << QVariantMap() << u"409"_s;
    QTest::newRow("collect 415") << C << int(QNetworkReply::UnknownContentError) << 415 << QByteArray() << Rej
                                 << QVariantMap() << u"415"_s;
    QTest::newRow("collect 422") << C << int(QNetworkReply::UnknownContentError) << 422 << QByteArray() << Rej
                                 << QVariantMap() << u"422"_s;

    QTest::newRow("deactivate 204") << D << none << 204 << QByteArray() << Ok << QVariantMap() << QString();
    QTest::newRow("deactivate 200 result 1")
        << D << none << 200 << QByteArray(R"({"result":1})") << Ok << QVariantMap() << QString();
    QTest::newRow("deactivate 200 empty body")
        << D << none << 200 << QByteArray() << Ok << QVariantMap() << QString();
    QTest::newRow("deactivate 200 whitespace body")
        << D << none << 200 << QByteArray(" \r\n") << Ok << QVariantMap() << QString();
    QTest::newRow("deactivate 201 empty body")
        << D << none << 201 << QByteArray() << Ok << QVariantMap() << QString();
    QTest::newRow("deactivate 200 result 1.0")
        << D << none << 200 << QByteArray(R"({"result":1.0})") << Ok << QVariantMap() << QString();
    QTest::newRow("deactivate 200 result string 1")
        << D << none << 200 << QByteArray(R"({"result":"1"})") << Ok << QVariantMap() << QString();
    QTest::newRow("deactivate 200 result true")
        << D << none << 200 << QByteArray(R"({"result":true})") << Ok << QVariantMap() << QString();
    QTest::newRow("deactivate 201 result 1")
        << D << none << 201 << QByteArray(R"({"result":1})") << Ok << QVariantMap() << QString();
    QTest::newRow("deactivate 200 status SUCCESS")
        << D << none << 200 << QByteArray(R"({"status":"SUCCESS"})") << Ok << QVariantMap() << QString();
    QTest::newRow("deactivate 200 status SUCCESS and result 1")
        << D << none << 200 << QByteArray(R"({"status":"SUCCESS","result":1})") << Ok << QVariantMap()
        << QString();
    QTest::newRow("deactivate 200 status SUCCESS with a result object")
        << D << none << 200 << QByteArray(R"({"status":"SUCCESS","result":{"message":"done"}})") << Ok
        << QVariantMap() << QString();
    // Anything else in a 2xx does not prove the token is gone: it stays revoke-pending, retryable.
    QTest::newRow("deactivate 200 empty object")
        << D << none << 200 << QByteArray("{}") << U << QVariantMap()
        << u"does not confirm the deactivation (status none, result none)"_s;
    QTest::newRow("deactivate 200 result 0")
        << D << none << 200 << QByteArray(R"({"result":0})") << U << QVariantMap()
        << u"(status none, result 0); the token may already be deactivated: it is safe to try again."_s;
    QTest::newRow("deactivate 200 status ERROR result 0")
        << D << none << 200 << QByteArray(R"({"status":"ERROR","result":0})") << U
        << QVariantMap{{u"status"_s, u"ERROR"_s}} << u"(status \"ERROR\", result 0)"_s;
    QTest::newRow("deactivate 200 status ERROR but result 1")
        << D << none << 200 << QByteArray(R"({"status":"ERROR","result":1})") << U << QVariantMap()
        << u"does not confirm"_s;
    QTest::newRow("deactivate 200 status SUCCESS but result 0")
        << D << none << 200 << QByteArray(R"({"status":"SUCCESS","result":0})") << U << QVariantMap()
        << u"does not confirm"_s;
    QTest::newRow("deactivate 200 status OK")
        << D << none << 200 << QByteArray(R"({"status":"OK"})") << U << QVariantMap() << u"\"OK\""_s;
    QTest::newRow("deactivate 200 result false")
        << D << none << 200 << QByteArray(R"({"result":false})") << U << QVariantMap() << u"result false"_s;
    QTest::newRow("deactivate 200 result string 0")
        << D << none << 200 << QByteArray(R"({"result":"0"})") << U << QVariantMap() << u"does not confirm"_s;
    QTest::newRow("deactivate 200 result 2")
        << D << none << 200 << QByteArray(R"({"result":2})") << U << QVariantMap() << u"result 2"_s;
    QTest::newRow("deactivate 200 result null")
        << D << none << 200 << QByteArray(R"({"result":null})") << U << QVariantMap() << u"result null"_s;
    QTest::newRow("deactivate 200 result yes") << D << none << 200 << QByteArray(R"({"result":"yes"})") << U
                                               << QVariantMap() << u"does not confirm"_s;
    QTest::newRow("deactivate 200 result object without status")
        << D << none << 200 << QByteArray(R"({"result":{"deactivated":true}})") << U << QVariantMap()
        << u"does not confirm"_s;
    QTest::newRow("deactivate 200 only a message")
        << D << none << 200 << QByteArray(R"({"message":"Token deactivated"})") << U << QVariantMap()
        << u"does not confirm"_s;
    QTest::newRow("deactivate 200 JSON array")
        << D << none << 200 << QByteArray("[1]") << U << QVariantMap() << u"not an object"_s;
    QTest::newRow("deactivate 202 result 1") << D << none << 202 << QByteArray(R"({"result":1})") << U
                                             << QVariantMap() << u"unexpected HTTP 202"_s;
    QTest::newRow("deactivate 203 result 1") << D << none << 203 << QByteArray(R"({"result":1})") << U
                                             << QVariantMap() << u"unexpected HTTP 203"_s;
    QTest::newRow("deactivate 200 saying FAILURE")
        << D << none << 200 << QByteArray(R"({"status":"FAILURE","errors":{"card_token":"unknown token"}})")
        << Rej << QVariantMap() << u"card_token: unknown token"_s;
    QTest::newRow("deactivate 200 HTML")
        << D << none << 200 << QByteArray("<html>maintenance</html>") << U << QVariantMap() << u"HTML"_s;
    QTest::newRow("deactivate 422 already deactivated")
        << D << int(QNetworkReply::UnknownContentError) << 422
        << QByteArray(R"({"status":"FAILURE","errors":{"card_token":"Card token already deactivated"}})")
        << Rej << QVariantMap() << u"card_token: Card token already deactivated"_s;
    QTest::newRow("deactivate 200 empty body whose transfer broke is unknown")
        << D << int(QNetworkReply::ProtocolFailure) << 200 << QByteArray() << U << QVariantMap()
        << u"cut off or malformed"_s;
    QTest::newRow("deactivate status given twice is unknown")
        << D << none << 200 << QByteArray(R"({"status":"FAILURE","status":"SUCCESS"})") << U << QVariantMap()
        << u"twice"_s;
    QTest::newRow("deactivate status lower-case success does not confirm")
        << D << none << 200 << QByteArray(R"({"status":"success"})") << U << QVariantMap()
        << u"does not confirm"_s;
    QTest::newRow("deactivate 500") << D << int(QNetworkReply::InternalServerError) << 500 << QByteArray()
                                    << U << QVariantMap() << u"safe to try again"_s;

    QTest::newRow("verify success")
        << V << none << 200
        << QByteArray(
               R"({"status":"SUCCESS","result":{"order_id":"BO-1","transaction_id":77,"amount":123.45,"currency":"QAR","payment_status":"PENDING","card_token":"tok","client":{"name":"x"}}})")
        << Ok << QVariantMap{{u"orderId"_s, u"BO-1"_s},          {u"transactionId"_s, u"77"_s},
                             {u"verifiedAmount"_s, u"123.45"_s}, {u"verifiedCurrency"_s, u"QAR"_s},
                             {u"paymentStatus"_s, u"PENDING"_s}, {u"verifiedTokenPresent"_s, u"true"_s}}
        << QString();
    QTest::newRow("verify amount given as text")
        << V << none << 200 << QByteArray(R"({"status":"SUCCESS","result":{"amount":"10.50"}})") << Ok
        << QVariantMap{{u"verifiedAmount"_s, u"10.50"_s}, {u"verifiedTokenPresent"_s, u"false"_s}}
        << QString();
    // Given but with nothing readable in it is not the same as not given: judgeVerifyReply decides.
    QTest::newRow("verify amount and currency given empty or null")
        << V << none << 200 << QByteArray(R"({"status":"SUCCESS","result":{"amount":null,"currency":""}})")
        << Ok
        << QVariantMap{{u"verifiedAmount"_s, QString()},
                       {u"verifiedCurrency"_s, QString()},
                       {u"verifiedAmountGiven"_s, u"true"_s},
                       {u"verifiedCurrencyGiven"_s, u"true"_s}}
        << QString();
    QTest::newRow("verify amount and currency not given")
        << V << none << 200 << QByteArray(R"({"status":"SUCCESS","result":{"order_id":"BO-1"}})") << Ok
        << QVariantMap{{u"verifiedAmountGiven"_s, u"false"_s}, {u"verifiedCurrencyGiven"_s, u"false"_s}}
        << QString();
    QTest::newRow("verify success without result")
        << V << none << 200 << QByteArray(R"({"status":"SUCCESS"})") << U << QVariantMap() << u"no result"_s;
    QTest::newRow("verify result null")
        << V << none << 200 << QByteArray(R"({"status":"SUCCESS","result":null})") << U << QVariantMap()
        << u"no result"_s;
    QTest::newRow("verify result is a string")
        << V << none << 200 << QByteArray(R"({"status":"SUCCESS","result":"SUCCESS"})") << U << QVariantMap()
        << u"no result"_s;
    QTest::newRow("verify SUCCESS at 201 is unknown")
        << V << none << 201
        << QByteArray(R"({"status":"SUCCESS","result":{"order_id":"BO-1","payment_status":"SUCCESS"}})") << U
        << QVariantMap() << u"unexpected HTTP 201; nothing changed"_s;
    QTest::newRow("verify FAILURE") << V << none << 200
                                    << QByteArray(R"({"status":"FAILURE","error":{"message":"not found"}})")
                                    << Rej << QVariantMap() << u"message: not found"_s;
    QTest::newRow("verify 404") << V << int(QNetworkReply::ContentNotFoundError) << 404
                                << QByteArray(
                                       R"({"status":"FAILURE","error":{"message":"Payment not found"}})")
                                << Rej << QVariantMap() << u"Payment not found"_s;

    QTest::newRow("verify payment_status given twice is unknown")
        << V << none << 200
        << QByteArray(
               R"({"status":"SUCCESS","result":{"order_id":"BO-1","payment_status":"FAILURE","payment_status":"SUCCESS"}})")
        << U << QVariantMap() << u"\"result.payment_status\" twice"_s;
    QTest::newRow("verify order id with control characters is dropped")
        << V << none << 200
        << QByteArray(
               R"({"status":"SUCCESS","result":{"order_id":"BO-1\u001b[2K","payment_status":"SUCCESS"}})")
        << Ok << QVariantMap{{u"orderId"_s, QString()}, {u"paymentStatus"_s, u"SUCCESS"_s}} << QString();
    QTest::newRow("refund status given twice is unknown")
        << R << none << 200 << QByteArray(R"({"status":"SUCCESS","status":"FAILURE"})") << U << QVariantMap()
        << u"refund may have been made"_s;
    QTest::newRow("refund success") << R << none << 200
                                    << QByteArray(
                                           R"({"status":"SUCCESS","result":{"refund_status":"REFUNDED"}})")
                                    << Ok << QVariantMap{{u"refundStatus"_s, u"REFUNDED"_s}} << QString();
    QTest::newRow("refund SUCCESS at 201 is unknown")
        << R << none << 201 << QByteArray(R"({"status":"SUCCESS","result":{"refund_status":"REFUNDED"}})")
        << U << QVariantMap() << u"unexpected HTTP 201; the refund may have been made"_s;
    QTest::newRow("refund FAILURE at 201 is unknown")
        << R << none << 201 << QByteArray(R"({"status":"FAILURE","error":{"message":"too late"}})") << U
        << QVariantMap() << u"unexpected HTTP 201"_s;
    QTest::newRow("refund FAILURE") << R << none << 200
                                    << QByteArray(R"({"status":"FAILURE","error":{"message":"too late"}})")
                                    << No << QVariantMap() << u"too late"_s;
    QTest::newRow("refund 409")
        << R << int(QNetworkReply::ContentConflictError) << 409
        << QByteArray(R"({"status":"FAILURE","error":{"message":"Payment already refunded"}})") << Rej
        << QVariantMap() << u"already refunded"_s;
    QTest::newRow("refund timeout") << R << int(QNetworkReply::OperationCanceledError) << 0 << QByteArray()
                                    << U << QVariantMap() << u"refund may have been made"_s;

    QTest::newRow("connection refused") << C << int(QNetworkReply::ConnectionRefusedError) << 0
                                        << QByteArray() << NS << QVariantMap() << u"safe to try again"_s;
    QTest::newRow("host not found") << C << int(QNetworkReply::HostNotFoundError) << 0 << QByteArray() << NS
                                    << QVariantMap() << QString();
    QTest::newRow("TLS handshake failed") << C << int(QNetworkReply::SslHandshakeFailedError) << 0
                                          << QByteArray() << NS << QVariantMap() << QString();
    QTest::newRow("proxy refused") << C << int(QNetworkReply::ProxyConnectionRefusedError) << 0
                                   << QByteArray() << NS << QVariantMap() << QString();
    QTest::newRow("proxy not found") << C << int(QNetworkReply::ProxyNotFoundError) << 0 << QByteArray() << NS
                                     << QVariantMap() << QString();
    QTest::newRow("unknown proxy error") << C << int(QNetworkReply::UnknownProxyError) << 0 << QByteArray()
                                         << NS << QVariantMap() << QString();
    QTest::newRow("cancelled by the transfer timeout")
        << C << int(QNetworkReply::OperationCanceledError) << 0 << QByteArray() << U << QVariantMap()
        << u"verify it before charging again"_s;
    QTest::newRow("socket timeout") << C << int(QNetworkReply::TimeoutError) << 0 << QByteArray() << U
                                    << QVariantMap() << QString();
    QTest::newRow("remote host closed") << C << int(QNetworkReply::RemoteHostClosedError) << 0 << QByteArray()
                                        << U << QVariantMap() << QString();
    QTest::newRow("closed in the middle of a 200 body") << C << int(QNetworkReply::RemoteHostClosedError)
                                                        << 200 << approved << U << QVariantMap() << QString();
    QTest::newRow("temporary network failure") << C << int(QNetworkReply::TemporaryNetworkFailureError) << 0
                                               << QByteArray() << U << QVariantMap() << QString();
    QTest::newRow("unknown network error") << C << int(QNetworkReply::UnknownNetworkError) << 0
                                           << QByteArray() << U << QVariantMap() << QString();
    QTest::newRow("proxy timeout") << C << int(QNetworkReply::ProxyTimeoutError) << 0 << QByteArray() << U
                                   << QVariantMap() << QString();
    QTest::newRow("no status and no error")
        << C << none << 0 << QByteArray() << U << QVariantMap() << QString();
}

void TestGatewayClient::interpretTable()
{
    QFETCH(GatewayOperation, op);
    QFETCH(int, networkError);
    QFETCH(int, httpStatus);
    QFETCH(QByteArray, body);
    QFETCH(GatewayOutcome, outcome);
    QFETCH(QVariantMap, fields);
    QFETCH(QString, errorContains);

    const QString networkText = u"network says %1"_s.arg(networkError);
    const GatewayResult r =
        GatewayReplyInterpreter::interpret(op, networkError, networkText, httpStatus, body, false);
    // The client's own interpret() only forwards.
    const GatewayResult forwarded =
        GatewayClient::interpret(op, networkError, networkText, httpStatus, body, false);
    QCOMPARE(forwarded.outcome, r.outcome);
    QCOMPARE(forwarded.errorText, r.errorText);
    QCOMPARE(gatewayOutcomeName(r.outcome), gatewayOutcomeName(outcome));
    QCOMPARE(r.operation, op);
    QCOMPARE(r.httpStatus, httpStatus);
    QCOMPARE(r.responseBody, body);
    if (outcome == GatewayOutcome::Success)
        QVERIFY2(r.errorText.isEmpty(), qPrintable(r.errorText));
    else
        QVERIFY2(!r.errorText.isEmpty(), "every outcome but success explains itself");
    if (!errorContains.isEmpty())
        QVERIFY2(r.errorText.contains(errorContains), qPrintable(r.errorText));

    const QHash<QString, QString> actual{
        {u"status"_s, r.status},
        {u"statusCode"_s, r.statusCode},
        {u"transactionId"_s, r.transactionId},
        {u"authCode"_s, r.authCode},
        {u"mode"_s, r.mode},
        {u"description"_s, r.description},
        {u"paymentStatus"_s, r.paymentStatus},
        {u"orderId"_s, r.orderId},
        {u"verifiedTokenPresent"_s, r.verifiedTokenPresent ? u"true"_s : u"false"_s},
        {u"verifiedAmount"_s, r.verifiedAmount},
        {u"verifiedCurrency"_s, r.verifiedCurrency},
        {u"verifiedAmountGiven"_s, r.verifiedAmountGiven ? u"true"_s : u"false"_s},
        {u"verifiedCurrencyGiven"_s, r.verifiedCurrencyGiven ? u"true"_s : u"false"_s},
        {u"refundStatus"_s, r.refundStatus},
    };
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        QVERIFY2(actual.contains(it.key()), qPrintable(it.key()));
        QCOMPARE(actual.value(it.key()), it.value().toString());
    }
}

void TestGatewayClient::interpretCapsHugeBodiesAndErrors()
{
    // A 300 KB body that would parse as approval is still not trusted: it was over the cap.
    QByteArray huge = R"({"status":"SUCCESS","result":{"transaction_id":"T-1"},"pad":")";
    huge += QByteArray(300 * 1024, 'x');
    huge += R"("})";
    GatewayResult r =
        GatewayReplyInterpreter::interpret(GatewayOperation::Collect, 0, QString(), 200, huge, false);
    QCOMPARE(r.outcome, GatewayOutcome::Unknown);
    QCOMPARE(r.responseBody.size(), GatewayClient::MaxResponseBytes);
    QVERIFY(r.errorText.contains(u"256 KiB"_s));

    r = GatewayReplyInterpreter::interpret(GatewayOperation::Collect, 0, QString(), 200, huge.left(1000),
                                           true);
    QCOMPARE(r.outcome, GatewayOutcome::Unknown);

    // An error object with an enormous message or absurd nesting is summarised, not echoed whole.
    const QByteArray longError =
        R"({"status":"FAILURE","error":{"message":")" + QByteArray(200 * 1024, 'e') + R"("}})";
    r = GatewayReplyInterpreter::interpret(GatewayOperation::Collect, 0, QString(), 400, longError, false);
    QCOMPARE(r.outcome, GatewayOutcome::Rejected);
    QVERIFY2(r.errorText.size() < 3000, qPrintable(QString::number(r.errorText.size())));

    QByteArray deep = R"({"error":)";
    for (int i = 0; i < 200; ++i)
        deep += R"({"a":)";
    deep += "1";
    for (int i = 0; i < 200; ++i)
        deep += "}";
    deep += "}";
    r = GatewayReplyInterpreter::interpret(GatewayOperation::Collect, 0, QString(), 400, deep, false);
    QCOMPARE(r.outcome, GatewayOutcome::Rejected);
    QVERIFY(r.errorText.size() < 3000);
}

void TestGatewayClient::replyAboutAnotherOrderIsUnknown_data()
{
    QTest::addColumn<GatewayOperation>("op");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<GatewayOutcome>("outcome");

    const auto C = GatewayOperation::Collect;
    QTest::newRow("collect SUCCESS naming our order is approved")
        << C << QByteArray(R"({"status":"SUCCESS","result":{"order_id":"BO-1"}})") << GatewayOutcome::Success;
    QTest::newRow("collect SUCCESS naming no order is approved")
        << C << QByteArray(R"({"status":"SUCCESS","result":{}})") << GatewayOutcome::Success;
    QTest::newRow("collect SUCCESS naming another order is unknown")
        << C << QByteArray(R"({"status":"SUCCESS","result":{"order_id":"BO-2"}})") << GatewayOutcome::Unknown;
    QTest::newRow("collect SUCCESS naming our order as a number is unknown")
        << C << QByteArray(R"({"status":"SUCCESS","result":{"order_id":1}})") << GatewayOutcome::Unknown;
    QTest::newRow("collect FAILURE naming another order is unknown")
        << C << QByteArray(R"({"status":"FAILURE","result":{"order_id":"BO-2"}})") << GatewayOutcome::Unknown;
    QTest::newRow("refund SUCCESS naming another order is unknown")
        << GatewayOperation::Refund << QByteArray(R"({"status":"SUCCESS","result":{"order_id":"BO-2"}})")
        << GatewayOutcome::Unknown;
}

void TestGatewayClient::replyAboutAnotherOrderIsUnknown()
{
    QFETCH(GatewayOperation, op);
    QFETCH(QByteArray, body);
    QFETCH(GatewayOutcome, outcome);
    const GatewayResult r = GatewayReplyInterpreter::interpret(op, 0, QString(), 200, body, false, u"BO-1"_s);
    QCOMPARE(gatewayOutcomeName(r.outcome), gatewayOutcomeName(outcome));
    if (outcome == GatewayOutcome::Unknown)
        QVERIFY2(r.errorText.contains(u"not \"BO-1\""_s), qPrintable(r.errorText));
}

void TestGatewayClient::gatewayFieldsAreCappedAndCleaned()
{
    const QString bidi = QString(QChar(0x202e));
    const QByteArray hostile =
        R"({"status":"SUCCESS","result":{"status_code":"00\u001b]0;pwned\u0007","transaction_id":"T-\u202e1",)"
        R"("auth_code":")" +
        QByteArray(5000, 'A') + R"(","mode":"LIVE\r\nX","description":")" + QByteArray(300 * 1024 / 2, 'd') +
        R"("}})";
    GatewayResult r =
        GatewayReplyInterpreter::interpret(GatewayOperation::Collect, 0, QString(), 200, hostile, false);
    // Money moved: still approved, but without an id that is not the gateway's.
    QCOMPARE(gatewayOutcomeName(r.outcome), gatewayOutcomeName(GatewayOutcome::Success));
    QVERIFY(r.transactionId.isEmpty());
    QVERIFY(r.transactionIdDropped);
    QVERIFY2(r.description.contains(u"transaction id was not kept"_s), qPrintable(r.description.right(200)));
    QCOMPARE(r.statusCode, u"00\uFFFD]0;pwned\uFFFD"_s);
    QCOMPARE(r.mode, u"LIVE\uFFFD\uFFFDX"_s);
    QVERIFY(r.authCode.size() <= GatewayText::MaxIdentifierChars + 1);
    QVERIFY(r.description.size() <= GatewayText::MaxDescriptionChars + 200);
    QCOMPARE(r.responseBody, hostile); // the evidence stays as it came (capped, masked later)

    const auto unsafe = [](const QString &text) {
        return std::any_of(text.cbegin(), text.cend(),
                           [](QChar c) { return GatewayText::isUnsafe(c.unicode()); });
    };
    const QByteArray declined =
        R"({"status":"FAILURE","result":{"description":"No\u0000 funds \u202e\u2066\u009b"}})";
    r = GatewayReplyInterpreter::interpret(GatewayOperation::Collect, 0, QString(), 200, declined, false);
    QCOMPARE(gatewayOutcomeName(r.outcome), gatewayOutcomeName(GatewayOutcome::Declined));
    QVERIFY2(!unsafe(r.description) && !unsafe(r.errorText), qPrintable(r.errorText));
    QVERIFY(!r.errorText.contains(bidi));

    // A network error text is the network's, but reaches the same screens.
    r = GatewayReplyInterpreter::interpret(GatewayOperation::Collect, QNetworkReply::RemoteHostClosedError,
                                           u"closed\r\x1b[2J"_s, 0, QByteArray(), false);
    QVERIFY2(!unsafe(r.errorText), qPrintable(r.errorText));

    const QByteArray longId = R"({"status":"SUCCESS","result":{"order_id":")" + QByteArray(129, '7') +
                              R"(","transaction_id":")" + QByteArray(128, '8') +
                              R"(","payment_status":"SUCCESS"}})";
    r = GatewayReplyInterpreter::interpret(GatewayOperation::Verify, 0, QString(), 200, longId, false);
    QVERIFY(r.orderId.isEmpty());
    QVERIFY(r.orderIdDropped);
    QCOMPARE(r.transactionId, QString(128, u'8')); // at the cap: kept whole
    QVERIFY(!r.transactionIdDropped);
    QVERIFY(r.description.contains(u"order id was not kept"_s));
}

void TestGatewayClient::gatewayTextClean_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("cap");
    QTest::addColumn<QString>("cleaned");

    const QString fffd = QString(QChar(QChar::ReplacementCharacter));
    QTest::newRow("plain text stays") << u"Approved"_s << 128 << u"Approved"_s;
    QTest::newRow("Arabic stays") << u"تمت الموافقة"_s << 128 << u"تمت الموافقة"_s;
    QTest::newRow("ESC sequence") << u"\x1b[31mred"_s << 128 << fffd + u"[31mred"_s;
    QTest::newRow("CR and LF") << u"a\r\nb"_s << 128 << u"a"_s + fffd + fffd + u"b"_s;
    QTest::newRow("NUL") << QString(u"a\0b"_s) << 128 << u"a"_s + fffd + u"b"_s;
    QTest::newRow("tab") << u"a\tb"_s << 128 << u"a"_s + fffd + u"b"_s;
    QTest::newRow("DEL") << u"a\x7f"_s << 128 << u"a"_s + fffd;
    QTest::newRow("C1 CSI") << u"a\u009b2J"_s << 128 << u"a"_s + fffd + u"2J"_s;
    QTest::newRow("right-to-left override") << u"gpj.\u202eexe"_s << 128 << u"gpj."_s + fffd + u"exe"_s;
    QTest::newRow("LRM and RLM") << u"\u200e1\u200f"_s << 128 << fffd + u"1"_s + fffd;
    QTest::newRow("embeddings and pop") << u"\u202a\u202b\u202c\u202d"_s << 128 << fffd.repeated(4);
    QTest::newRow("isolates") << u"\u2066\u2067\u2068\u2069"_s << 128 << fffd.repeated(4);
    QTest::newRow("over the cap is cut with an ellipsis") << u"abcdef"_s << 4 << u"abcd…"_s;
    QTest::newRow("at the cap stays whole") << u"abcd"_s << 4 << u"abcd"_s;
    QTest::newRow("empty") << QString() << 4 << QString();
}

void TestGatewayClient::gatewayTextClean()
{
    QFETCH(QString, text);
    QFETCH(int, cap);
    QFETCH(QString, cleaned);
    QCOMPARE(GatewayText::clean(text, cap), cleaned);
}

void TestGatewayClient::gatewayTextIdentifier_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("kept");

    QTest::newRow("ordinary id") << u"SIM-000042"_s << true;
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("128 characters") << QString(128, u'x') << true;
    QTest::newRow("129 characters is dropped, not cut") << QString(129, u'x') << false;
    QTest::newRow("ESC inside") << u"T-\x1b[1m"_s << false;
    QTest::newRow("trailing CR") << u"T-1\r"_s << false;
    QTest::newRow("NUL inside") << QString(u"T-\0001"_s) << false;
    QTest::newRow("bidi override inside") << u"T-\u202e1"_s << false;
    QTest::newRow("isolate inside") << u"T-\u20661"_s << false;
}

void TestGatewayClient::gatewayTextIdentifier()
{
    QFETCH(QString, text);
    QFETCH(bool, kept);
    const std::optional<QString> id = GatewayText::identifier(text);
    QCOMPARE(id.has_value(), kept);
    if (kept)
        QCOMPARE(*id, text);
}

void TestGatewayClient::duplicateJsonKeys_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("duplicates");

    QTest::newRow("none") << QByteArray(R"({"status":"SUCCESS","result":{"status":"x"}})") << QStringList();
    QTest::newRow("top-level twice") << QByteArray(R"({"status":"A","status":"B"})")
                                     << QStringList{u"status"_s};
    QTest::newRow("three times is reported once")
        << QByteArray(R"({"a":1,"a":2,"a":3})") << QStringList{u"a"_s};
    QTest::newRow("in result") << QByteArray(
                                      R"({"result":{"payment_status":"A","x":{},"payment_status":"B"}})")
                               << QStringList{u"result.payment_status"_s};
    QTest::newRow("in error and errors")
        << QByteArray(R"({"error":{"m":1,"m":2},"errors":{"n":[1,{"k":1}],"n":0}})")
        << QStringList{u"error.m"_s, u"errors.n"_s};
    QTest::newRow("in objects inside an array")
        << QByteArray(R"({"result":[{"id":1,"id":2}]})") << QStringList{u"result[].id"_s};
    QTest::newRow("separate objects in an array may repeat keys")
        << QByteArray(R"({"items":[{"id":1},{"id":2}]})") << QStringList();
    QTest::newRow("escaped key equals plain key")
        << QByteArray(R"({"status":"A","\u0073tatus":"B"})") << QStringList{u"status"_s};
    QTest::newRow("keys that are values elsewhere do not count")
        << QByteArray(R"({"status":"status","x":"status"})") << QStringList();
    QTest::newRow("braces and quotes inside strings do not confuse it")
        << QByteArray(R"({"a":"}{\",\"a\":","b":"[","a":1})") << QStringList{u"a"_s};
    QTest::newRow("whitespace around keys")
        << QByteArray("{ \"a\" : 1 ,\n \"a\" : 2 }") << QStringList{u"a"_s};
    QByteArray deep;
    for (int i = 0; i < 5000; ++i)
        deep += R"({"k":)";
    deep += "1";
    for (int i = 0; i < 5000; ++i)
        deep += "}";
    QTest::newRow("deep nesting, no recursion") << deep << QStringList();
}

void TestGatewayClient::duplicateJsonKeys()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, duplicates);
    const GatewayText::JsonScan scan = GatewayText::scanJson(json);
    QVERIFY2(scan.isJson(), qPrintable(u"problem %1 at byte %2"_s.arg(int(scan.problem)).arg(scan.offset)));
    QCOMPARE(scan.duplicateKeys, duplicates);
}

void TestGatewayClient::scanJson_data()
{
    using Problem = GatewayText::JsonScan::Problem;
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("problem");
    QTest::addColumn<qsizetype>("offset"); // -1: it is JSON

    const auto json = [](const char *name, const QByteArray &text) {
        QTest::newRow(name) << text << int(Problem::None) << qsizetype(-1);
    };
    const auto notJson = [](const char *name, const QByteArray &text, Problem problem, qsizetype offset) {
        QTest::newRow(name) << text << int(problem) << offset;
    };

    // RFC 8259 texts, including the corners a strict reader could get wrong.
    json("object",
         R"({"status":"SUCCESS","result":{"amount":12.5,"ok":true,"none":null,"list":[1,"a",false]}})");
    json("every valid escape", R"(["\" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00 \u0000"])");
    json("a lone surrogate escape (the grammar allows it)", R"(["\uD800"])");
    json("numbers", "[0,-0,1,-1,0.5,-0.5,10,1e5,1E5,1e+5,1e-5,1.25E-10,123456789012345678901234,1e400]");
    json("whitespace is space, tab, LF, CR", " \t\r\n{ \"a\" :\t[ 1 ,2 ] }\r\n ");
    json("a byte order mark before the value", "\xEF\xBB\xBF{\"a\":1}");
    json("UTF-8 of two, three and four bytes",
         "[\"\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF\"]");
    json("DEL inside a string", "[\"a\x7F\"]");
    json("a scalar document", "\"SUCCESS\"");
    json("empty containers", R"([{},[],{"a":{}}])");

    // Not JSON: Qt's parser reads several of these anyway.
    notJson("empty", "", Problem::UnexpectedEnd, 0);
    notJson("only whitespace", " \r\n", Problem::UnexpectedEnd, 3);
    notJson("unknown escape \\E", R"({"status":"SUCC\ESS"})", Problem::InvalidEscape, 15);
    notJson("unknown escape \\|", R"({"a":"x\|y"})", Problem::InvalidEscape, 7);
    notJson("upper-case \\U", R"(["\U0041"])", Problem::InvalidEscape, 2);
    notJson("\\u with three hex digits", R"(["\u004"])", Problem::InvalidEscape, 2);
    notJson("\\u with a letter that is not hex", R"(["\u00G1"])", Problem::InvalidEscape, 2);
    notJson("backslash before a control character", "[\"a\\\x1F\"]", Problem::InvalidEscape, 3);
    notJson("backslash at the very end", "[\"a\\", Problem::UnexpectedEnd, 4);
    notJson("raw tab inside a string", "[\"a\tb\"]", Problem::ControlCharacter, 3);
    notJson("raw line feed inside a string", "[\"a\nb\"]", Problem::ControlCharacter, 3);
    notJson("raw NUL inside a string", QByteArray("[\"a\0b\"]", 7), Problem::ControlCharacter, 3);
    notJson("raw 0x1F inside a key", "{\"st\x1Fus\":1}", Problem::ControlCharacter, 4);
    notJson("number without integer part", R"({"a":.5})", Problem::InvalidNumber, 5);
    notJson("negative number without integer part", R"({"a":-.5})", Problem::InvalidNumber, 6);
    notJson("number without fraction digits", R"({"a":1.})", Problem::InvalidNumber, 7);
    notJson("fraction point before the exponent", R"({"a":1.e5})", Problem::InvalidNumber, 7);
    notJson("exponent without digits", R"({"a":1e})", Problem::InvalidNumber, 7);
    notJson("exponent sign without digits", R"({"a":1e+})", Problem::InvalidNumber, 8);
    notJson("minus alone", R"({"a":-})", Problem::InvalidNumber, 6);
    notJson("leading zero", R"({"a":01})", Problem::InvalidNumber, 6);
    notJson("plus sign", R"({"a":+1})", Problem::InvalidNumber, 5);
    notJson("two fraction points", R"({"a":1.5.3})", Problem::InvalidNumber, 8);
    notJson("hexadecimal", R"({"a":0x10})", Problem::UnexpectedCharacter, 6);
    notJson("NaN", R"({"a":NaN})", Problem::UnexpectedCharacter, 5);
    notJson("a literal cut short", R"({"a":tru})", Problem::UnexpectedCharacter, 8);
    notJson("a literal in capitals", R"({"a":True})", Problem::UnexpectedCharacter, 5);
    notJson("overlong UTF-8", "[\"\xC0\xAF\"]", Problem::InvalidUtf8, 2);
    notJson("UTF-8 of a surrogate", "[\"\xED\xA0\x80\"]", Problem::InvalidUtf8, 2);
    notJson("UTF-8 beyond U+10FFFF", "[\"\xF4\x90\x80\x80\"]", Problem::InvalidUtf8, 2);
    notJson("UTF-8 sequence cut short", "[\"\xE2\x82\"]", Problem::InvalidUtf8, 2);
    notJson("a byte that is never UTF-8", "[\"\xFF\"]", Problem::InvalidUtf8, 2);
    notJson("a byte-order mark inside a string", "[\"\xEF\xBB\xBFSUCCESS\"]", Problem::ByteOrderMark, 2);
    notJson("a non-ASCII byte outside strings", "[1,\xC3\xA9]", Problem::UnexpectedCharacter, 3);
    notJson("trailing comma in an object", R"({"a":1,})", Problem::UnexpectedCharacter, 7);
    notJson("trailing comma in an array", "[1,]", Problem::UnexpectedCharacter, 3);
    notJson("single quotes", "{'a':1}", Problem::UnexpectedCharacter, 1);
    notJson("key without quotes", "{a:1}", Problem::UnexpectedCharacter, 1);
    notJson("missing colon", R"({"a" 1})", Problem::UnexpectedCharacter, 5);
    notJson("missing comma", R"({"a":1 "b":2})", Problem::UnexpectedCharacter, 7);
    notJson("mismatched brackets", R"({"a":[1}})", Problem::UnexpectedCharacter, 7);
    notJson("form feed as whitespace", "{\"a\":\f1}", Problem::UnexpectedCharacter, 5);
    notJson("string never closed", R"({"a":"SUCC)", Problem::UnexpectedEnd, 10);
    notJson("object never closed", R"({"a":1)", Problem::UnexpectedEnd, 6);
    notJson("garbage after the value", R"({"status":"SUCCESS"}x)", Problem::DataAfterValue, 20);
    notJson("a second value", R"({"status":"FAILURE"} {"status":"SUCCESS"})", Problem::DataAfterValue, 21);
    notJson("NUL after the value", QByteArray("{}\0", 3), Problem::DataAfterValue, 2);
    notJson("a second byte order mark", "\xEF\xBB\xBF\xEF\xBB\xBF{}", Problem::UnexpectedCharacter, 3);
    notJson("a byte order mark after whitespace", " \xEF\xBB\xBF{}", Problem::UnexpectedCharacter, 1);
    QByteArray deep(100000, '[');
    notJson("deep nesting never closed, no recursion", deep, Problem::UnexpectedEnd, deep.size());
}

void TestGatewayClient::scanJson()
{
    QFETCH(QByteArray, json);
    QFETCH(int, problem);
    QFETCH(qsizetype, offset);
    const GatewayText::JsonScan scan = GatewayText::scanJson(json);
    QCOMPARE(int(scan.problem), problem);
    QCOMPARE(scan.offset, offset);
    QCOMPARE(scan.isJson(), problem == int(GatewayText::JsonScan::Problem::None));
}

// Whatever Qt's lenient parser would read in them, bodies that are not JSON never decide an outcome.
void TestGatewayClient::repliesThatAreNotJsonSettleNothing_data()
{
    QTest::addColumn<GatewayOperation>("op");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<GatewayOutcome>("outcome");
    QTest::addColumn<QString>("errorContains");

    const auto C = GatewayOperation::Collect;
    const auto D = GatewayOperation::Deactivate;
    const auto V = GatewayOperation::Verify;
    const auto R = GatewayOperation::Refund;
    const auto U = GatewayOutcome::Unknown;
    const auto Rej = GatewayOutcome::Rejected;
    const QString notJson = u"could not be read: the reply was not valid JSON ("_s;

    QTest::newRow("collect, SUCC\\ESS") << C << 200 << QByteArray(R"({"status":"SUCC\ESS"})") << U << notJson;
    QTest::newRow("collect, FAILURE with an unknown escape in the description")
        << C << 200 << QByteArray(R"({"status":"FAILURE","result":{"description":"bad \| escape"}})") << U
        << notJson;
    QTest::newRow("collect, SUCCESS with \\U0041")
        << C << 200 << QByteArray(R"({"status":"SUCCESS","result":{"transaction_id":"\U0041"}})") << U
        << notJson;
    QTest::newRow("collect, SUCCESS with a raw tab in a string")
        << C << 200 << QByteArray("{\"status\":\"SUCCESS\",\"result\":{\"description\":\"a\tb\"}}") << U
        << notJson;
    QTest::newRow("collect, FAILURE with raw NULs in a key")
        << C << 200
        << QByteArray(QByteArray(R"({"status":"FAILURE","result":{"descr)") + QByteArray(2, '\0') +
                      R"(iption":"x"}})")
        << U << notJson;
    QTest::newRow("collect, FAILURE with a backslash before a control character")
        << C << 200 << QByteArray("{\"status\":\"FAILURE\",\"result\":{\"d\\\x1F\":\"x\"}}") << U << notJson;
    QTest::newRow("collect, SUCCESS with .5")
        << C << 200 << QByteArray(R"({"status":"SUCCESS","result":{"transaction_id":.5}})") << U << notJson;
    QTest::newRow("collect, SUCCESS with 1.")
        << C << 200 << QByteArray(R"({"status":"SUCCESS","result":{"transaction_id":1.}})") << U << notJson;
    QTest::newRow("collect, SUCCESS with 1.e5")
        << C << 200 << QByteArray(R"({"status":"SUCCESS","result":{"transaction_id":1.e5}})") << U << notJson;
    QTest::newRow("collect, SUCCESS with an overlong UTF-8 byte pair")
        << C << 200 << QByteArray("{\"status\":\"SUCCESS\",\"result\":{\"description\":\"\xC0\xAF\"}}") << U
        << notJson;
    QTest::newRow("collect, SUCCESS then garbage")
        << C << 200 << QByteArray(R"({"status":"SUCCESS"}garbage)") << U << notJson;
    QTest::newRow("collect, FAILURE then a second object")
        << C << 200 << QByteArray(R"({"status":"FAILURE"}{"status":"SUCCESS"})") << U << notJson;
    QTest::newRow("verify, SUCCESS with order_id .55021")
        << V << 200
        << QByteArray(R"({"status":"SUCCESS","result":{"order_id":.55021,"payment_status":"SUCCESS"}})") << U
        << notJson;
    QTest::newRow("verify, payment_status SUCC\\ESS")
        << V << 200
        << QByteArray(R"({"status":"SUCCESS","result":{"order_id":"BO-1","payment_status":"SUCC\ESS"}})") << U
        << notJson;
    QTest::newRow("verify, FAILURE with a raw line feed")
        << V << 200 << QByteArray("{\"status\":\"FAILURE\",\"error\":{\"message\":\"not\nfound\"}}") << U
        << notJson;
    QTest::newRow("refund, SUCC\\ESS") << R << 200 << QByteArray(R"({"status":"SUCC\ESS"})") << U << notJson;
    QTest::newRow("refund, FAILURE with -.5")
        << R << 200 << QByteArray(R"({"status":"FAILURE","error":{"code":-.5}})") << U << notJson;
    // Deactivate reads garbage as it always has: the token stays revoke-pending, to be tried again.
    QTest::newRow("deactivate, status SUCC\\ESS")
        << D << 200 << QByteArray(R"({"status":"SUCC\ESS"})") << U << notJson;
    QTest::newRow("deactivate, result 1 beside an unknown escape")
        << D << 200 << QByteArray(R"({"result":1,"note":"a\qb"})") << U << notJson;
    QTest::newRow("deactivate, result 1. at 201")
        << D << 201 << QByteArray(R"({"result":1.})") << U << notJson;
    QTest::newRow("deactivate, result 1 then garbage")
        << D << 200 << QByteArray(R"({"result":1} trailing)") << U << notJson;
    // A refusal is a refusal whatever its body; a body that is not JSON just gives no details.
    QTest::newRow("collect 400 whose body is not JSON gives no details")
        << C << 400 << QByteArray(R"({"error":{"message":"order_id \q is required"}})") << Rej
        << u"no details"_s;
}

void TestGatewayClient::repliesThatAreNotJsonSettleNothing()
{
    QFETCH(GatewayOperation, op);
    QFETCH(int, httpStatus);
    QFETCH(QByteArray, body);
    QFETCH(GatewayOutcome, outcome);
    QFETCH(QString, errorContains);

    const int networkError =
        httpStatus == 400 ? int(QNetworkReply::ProtocolInvalidOperationError) : int(QNetworkReply::NoError);
    const GatewayResult r =
        GatewayReplyInterpreter::interpret(op, networkError, QString(), httpStatus, body, false, u"BO-1"_s);
    QCOMPARE(gatewayOutcomeName(r.outcome), gatewayOutcomeName(outcome));
    QVERIFY2(r.errorText.contains(errorContains), qPrintable(r.errorText));
    // Nothing read from the body is handed on as if it had been said.
    QVERIFY2(r.status.isEmpty(), qPrintable(r.status));
    QVERIFY(r.transactionId.isEmpty() && r.orderId.isEmpty() && r.paymentStatus.isEmpty());
    QVERIFY(r.description.isEmpty() && r.refundStatus.isEmpty());
    QCOMPARE(r.responseBody, body);
}

// ---------------------------------------------------------------------------------------------
// Secrets and bookkeeping

void TestGatewayClient::secretsStayOutOfResultsAndLogs()
{
    const QString key = u"SECRET-KEY-7f3a9c1e-5b2d"_s;
    const QString token = u"Ab+/\\|==SECRET\"TOKEN/9Xq="_s;
    const QString mask = CardToken::maskToken(token);
    m_sim->setApiKey(key);
    GatewayConfig config = client().config();
    config.apiKey = key;
    client().setConfig(config);

    {
        QMutexLocker lock(&logMutex);
        capturedLog.clear();
    }
    previousHandler = qInstallMessageHandler(captureMessage);
    QLoggingCategory::setFilterRules(u"fatora.*=true"_s);

    QList<GatewayResult> results;
    const auto collect = await(client().collect(CollectRequest{token, u"BO-SECRET"_s, Money(100, u"QAR"_s)}));
    QVERIFY(collect);
    results << *collect;
    const auto verify = await(client().verify(VerifyRequest{u"BO-SECRET"_s, collect->transactionId}));
    QVERIFY(verify);
    results << *verify;
    m_sim->script(token, behaviour(SimulatedBehaviour::Kind::BankDeclined));
    const auto declined = await(client().collect(CollectRequest{token, u"BO-SECRET-2"_s, std::nullopt}));
    QVERIFY(declined);
    results << *declined;
    const auto deactivate = await(client().deactivate(DeactivateRequest{token, u"R-SECRET"_s}));
    QVERIFY(deactivate);
    results << *deactivate;
    const auto again = await(client().deactivate(DeactivateRequest{token, u"R-SECRET-2"_s}));
    QVERIFY(again);
    results << *again;
    m_sim->setApiKey(u"ANOTHER-KEY"_s);
    const auto refused = await(client().collect(CollectRequest{token, u"BO-SECRET-3"_s, std::nullopt}));
    QVERIFY(refused);
    QCOMPARE(refused->httpStatus, 401);
    results << *refused;

    qInstallMessageHandler(previousHandler);
    QLoggingCategory::setFilterRules(QString());

    QCOMPARE(verify->outcome, GatewayOutcome::Success);
    QVERIFY(verify->verifiedTokenPresent); // the token itself never leaves the client
    const QByteArray tokenUtf8 = token.toUtf8();
    const QByteArray tokenEscaped =
        QJsonDocument(QJsonArray{token}).toJson(QJsonDocument::Compact).mid(2).chopped(2);
    const QByteArray maskEscaped =
        QJsonDocument(QJsonArray{mask}).toJson(QJsonDocument::Compact).mid(2).chopped(2);
    for (const GatewayResult &r : std::as_const(results)) {
        const QString where = gatewayOperationName(r.operation) + u' ' + gatewayOutcomeName(r.outcome);
        for (const QByteArray &bytes : {r.requestBody, r.responseBody}) {
            QVERIFY2(!bytes.contains(key.toUtf8()), qPrintable(where));
            QVERIFY2(!bytes.contains(tokenUtf8), qPrintable(where));
            QVERIFY2(!bytes.contains(tokenEscaped), qPrintable(where));
        }
        for (const auto &[field, text] : textFields(r)) {
            QVERIFY2(!text.contains(key), qPrintable(where + u' ' + field));
            QVERIFY2(!text.contains(token), qPrintable(where + u' ' + field));
        }
        // Masked bodies are still well-formed JSON where the original was.
        if (!r.requestBody.isEmpty())
            QVERIFY2(QJsonDocument::fromJson(r.requestBody).isObject(), r.requestBody.constData());
    }
    // Where the token was, its mask is.
    QVERIFY(collect->requestBody.contains(maskEscaped));
    QCOMPARE(QJsonDocument::fromJson(collect->requestBody).object().value(u"card_token"_s).toString(), mask);
    QVERIFY2(verify->responseBody.contains(maskEscaped), verify->responseBody.constData());
    QVERIFY(deactivate->requestBody.contains(maskEscaped));

    QMutexLocker lock(&logMutex);
    QVERIFY2(capturedLog.size() >= results.size(), "each call logs one line");
    for (const QString &line : std::as_const(capturedLog)) {
        QVERIFY2(!line.contains(key), qPrintable(line));
        QVERIFY2(!line.contains(token), qPrintable(line));
        QVERIFY2(!line.contains(mask), qPrintable(line)); // not even the tail: logs carry no token at all
    }
    const bool loggedCollect = std::any_of(capturedLog.cbegin(), capturedLog.cend(), [](const QString &l) {
        return l.startsWith(u"fatora.gateway collect /v1/payments/collect-payment"_s) &&
               l.contains(u"success"_s);
    });
    QVERIFY2(loggedCollect, qPrintable(capturedLog.join(u'\n')));
}

// A token with everything serialisers treat differently: '/', a quote and a backslash (in the
// tail the mask shows), non-ASCII in the BMP and beyond it.
const QString trickyToken = u"Ab+/|é😀==9X\"/\\"_s;

void TestGatewayClient::secretMaskerFindsEveryEscapedForm_data()
{
    QTest::addColumn<QByteArray>("written"); // the token as some serialiser put it in a JSON string
    // Spelled out by hand, so the masker's own list of forms is not what the test trusts.
    QTest::newRow("Qt's JSON") << QByteArray(R"x(Ab+/|é😀==9X\"/\\)x");
    QTest::newRow("slash escaped") << QByteArray(R"x(Ab+\/|é😀==9X\"\/\\)x");
    QTest::newRow("\\u lower case") << QByteArray(R"x(Ab+/|\u00e9\ud83d\ude00==9X\"/\\)x");
    QTest::newRow("\\u upper case") << QByteArray(R"x(Ab+/|\u00E9\uD83D\uDE00==9X\"/\\)x");
    QTest::newRow("\\u and slash escaped (PHP)") << QByteArray(R"x(Ab+\/|\u00e9\ud83d\ude00==9X\"\/\\)x");
    QTest::newRow("\\u upper case and slash escaped")
        << QByteArray(R"x(Ab+\/|\u00E9\uD83D\uDE00==9X\"\/\\)x");
}

void TestGatewayClient::secretMaskerFindsEveryEscapedForm()
{
    QFETCH(QByteArray, written);
    const QByteArray body = R"({"card_token":")" + written + R"(","note":"kept"})";
    // The fixture itself: the body says what the test claims it says.
    QCOMPARE(QJsonDocument::fromJson(body).object().value(u"card_token"_s).toString(), trickyToken);

    const SecretMasker masker(trickyToken);
    const QString mask = CardToken::maskToken(trickyToken);
    QCOMPARE(mask, u"•••• X\"/\\"_s);
    QVERIFY(masker.reveals(body));

    const QByteArray masked = masker.maskBody(body);
    QVERIFY2(!masked.contains(written), masked.constData());
    QVERIFY2(!masker.reveals(masked), masked.constData());
    // Still JSON, with the mask where the token was and everything else as it was.
    const QJsonObject o = QJsonDocument::fromJson(masked).object();
    QCOMPARE(o.value(u"card_token"_s).toString(), mask);
    QCOMPARE(o.value(u"note"_s).toString(), u"kept"_s);

    // The same body kept as text (as the store keeps it) is masked the same way.
    const QString maskedText = masker.mask(QString::fromUtf8(body));
    QVERIFY2(!maskedText.contains(QString::fromUtf8(written)), qPrintable(maskedText));
    QCOMPARE(QJsonDocument::fromJson(maskedText.toUtf8()).object().value(u"card_token"_s).toString(), mask);
    // Plain text holds the token raw and gets the mask raw.
    QCOMPARE(masker.mask(u"token "_s + trickyToken + u" refused"_s), u"token "_s + mask + u" refused"_s);
}

void TestGatewayClient::secretMaskerMasksACutOffTokenAndLearnsReplyTokens()
{
    // A body capped in the middle of a token the masker was never told about.
    const SecretMasker nothingKnown;
    const QByteArray cut = R"({"status":"SUCCESS","result":{"card_token":"Zz+\/9Xq==SEC)";
    const QByteArray masked = nothingKnown.maskBody(cut);
    QVERIFY2(!masked.contains("Zz+"), masked.constData());
    QVERIFY2(masked.endsWith(R"("card_token":"•••• (cut off))"), masked.constData());

    // A verify reply names the payment's token; once learnt it is masked everywhere, in every form.
    SecretMasker masker(u"tok-request-1234"_s, u"KEY-abc-123"_s);
    masker.addCardTokensFoundIn(R"({"result":{"card_token":"Zz+\/9Xq==abc","order_id":"BO-1"}})");
    QCOMPARE(masker.mask(u"was Zz+/9Xq==abc"_s), u"was "_s + CardToken::maskToken(u"Zz+/9Xq==abc"_s));
    QCOMPARE(masker.mask(u"tok-request-1234 with KEY-abc-123"_s),
             CardToken::maskToken(u"tok-request-1234"_s) + u" with "_s + SecretMasker::removedApiKeyText());
    QVERIFY(!masker.reveals(masker.maskBody(R"({"a":"Zz+\/9Xq==abc","b":"Zz+/9Xq==abc"})")));
}

void TestGatewayClient::secretMaskerEscapesEveryAsciiCharacterAsQtDoes()
{
    // The masker escapes ASCII itself (speed); what it writes must be what QJsonDocument writes,
    // or a secret serialised by Qt would slip past it. Every character, alone and inside a token.
    const auto qtForm = [](const QString &text) {
        const QByteArray doc = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        return doc.mid(2, doc.size() - 4);
    };
    for (char16_t u = 0; u < 0x80; ++u) {
        const QString alone(QChar{u});
        const QString inside = u"tok"_s + QChar{u} + u"/9Xq="_s;
        for (const QString &text : {alone, inside}) {
            const QList<QByteArray> forms = SecretMasker::escapedForms(text);
            QVERIFY2(forms.contains(qtForm(text)),
                     qPrintable(u"U+%1: Qt writes %2"_s.arg(int(u), 4, 16, QChar(u'0')).arg(QString::fromLatin1(qtForm(text)))));
            const SecretMasker masker(text);
            const QByteArray serialised = QJsonDocument(QJsonObject{{u"card_token"_s, text}}).toJson();
            QVERIFY2(!masker.reveals(masker.maskBody(serialised)), qPrintable(u"U+%1"_s.arg(int(u), 4, 16, QChar(u'0'))));
        }
    }
}

void TestGatewayClient::maskSecretsCoversEveryTextField()
{
    const QString key = u"SECRET-KEY-7f3a9c1e"_s;
    const QList<QByteArray> forms = SecretMasker::escapedForms(trickyToken);
    QVERIFY(forms.size() >= 5);
    const auto holding = [&forms](int i) -> QString {
        return u"before "_s + QString::fromUtf8(forms.at(i % forms.size())) + u" after"_s;
    };
    GatewayResult r;
    r.status = u"before "_s + trickyToken + u" after"_s; // raw in plain text gets the raw mask
    r.statusCode = holding(1);
    r.transactionId = holding(2);
    r.authCode = holding(3);
    r.mode = holding(0) + holding(4);
    r.description = holding(5);
    r.paymentStatus = holding(6);
    r.orderId = holding(7);
    r.verifiedAmount = holding(8);
    r.verifiedCurrency = holding(9) + key;
    r.refundStatus = key + holding(10);
    r.duplicateKeys = {holding(12) + key};
    r.errorText = u"gateway said: "_s + holding(11) + u", key "_s + key;
    r.requestBody = R"({"card_token":")" + forms.at(0) + R"(","order_id":"BO-1"})";
    r.responseBody = R"({"errors":{"card_token":")" + forms.at(1) + R"("},"key":")" + key.toUtf8() + R"("})";

    r.maskSecrets(SecretMasker(trickyToken, key));
    const QString mask = CardToken::maskToken(trickyToken);
    for (const auto &[field, text] : textFields(r)) {
        QVERIFY2(!text.contains(key), qPrintable(field + u": "_s + text));
        for (const QByteArray &form : forms)
            QVERIFY2(!text.contains(QString::fromUtf8(form)), qPrintable(field + u": "_s + text));
        QVERIFY2(text.contains(u"•••• X"_s), qPrintable(field + u": "_s + text));
    }
    QCOMPARE(r.status, u"before "_s + mask + u" after"_s);
    QCOMPARE(QJsonDocument::fromJson(r.requestBody).object().value(u"card_token"_s).toString(), mask);
    QCOMPARE(QJsonDocument::fromJson(r.responseBody).object().value(u"key"_s).toString(),
             SecretMasker::removedApiKeyText());
}

void TestGatewayClient::operatorTextsAreTranslatable()
{
    ReorderingTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const auto uninstall = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });

    // Placeholders, not concatenation: the translation puts the advice first and the status last.
    const GatewayResult r = GatewayReplyInterpreter::interpret(
        GatewayOperation::Collect, QNetworkReply::InternalServerError, QString(), 500, QByteArray(), false);
    QCOMPARE(r.errorText, u"[ar] [ar advice] <- HTTP 500"_s);

    GatewayConfig config = client().config();
    config.timeoutMs = 5;
    const Result<void> valid = config.validate();
    QVERIFY(!valid.ok());
    QCOMPARE(valid.error().field, u"timeout"_s); // field names stay as they are: they are not prose
    QCOMPARE(valid.error().message, u"[ar] 5 ms"_s);

    const auto notSent = await(client().verify(VerifyRequest{QString(), QString()}));
    QVERIFY(notSent);
    QCOMPARE(notSent->errorText, u"[ar] order_id: [ar] order id"_s);
}

void TestGatewayClient::callsInFlightAreCounted()
{
    QSignalSpy changed(&client(), &GatewayClient::callsInFlightChanged);
    QCOMPARE(client().callsInFlight(), 0);
    GatewayReply *a = client().collect(CollectRequest{u"tok-a"_s, u"BO-A"_s, std::nullopt});
    GatewayReply *b = client().verify(VerifyRequest{u"BO-A"_s, QString()});
    GatewayReply *c =
        client().collect(CollectRequest{QString(), u"BO-C"_s, std::nullopt}); // not sent, still counted
    QCOMPARE(client().callsInFlight(), 3);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(changed.last().at(0).toInt(), 3);
    QSignalSpy spyA(a, &GatewayReply::finished);
    QSignalSpy spyB(b, &GatewayReply::finished);
    QSignalSpy spyC(c, &GatewayReply::finished);
    QTRY_COMPARE_WITH_TIMEOUT(client().callsInFlight(), 0, 30000);
    QCOMPARE(spyA.count(), 1);
    QCOMPARE(spyB.count(), 1);
    QCOMPARE(spyC.count(), 1);
    QCOMPARE(changed.count(), 6);
    QCOMPARE(changed.last().at(0).toInt(), 0);
}

void TestGatewayClient::destroyingTheClientMidCallIsSafe()
{
    m_sim->script(u"tok-late"_s, behaviour(SimulatedBehaviour::Kind::Approve, 1000));
    QPointer<GatewayReply> reply =
        client().collect(CollectRequest{u"tok-late"_s, u"BO-LATE"_s, std::nullopt});
    QSignalSpy finished(reply.data(), &GatewayReply::finished);
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->requestCount(collectPath), 1, 20000);
    m_client.reset();
    QVERIFY(reply.isNull());
    QCOMPARE(finished.count(), 0);
    // The network access manager survives and keeps working for the next client.
    m_client = std::make_unique<GatewayClient>(m_nam.get(), simulatorConfig(*m_sim, 10000));
    const auto r = await(client().verify(VerifyRequest{u"BO-LATE"_s, QString()}));
    QVERIFY(r);
    QVERIFY(r->outcome == GatewayOutcome::Success || r->outcome == GatewayOutcome::Rejected);
}

QTEST_GUILESS_MAIN(TestGatewayClient)
#include "tst_gatewayclient.moc"
