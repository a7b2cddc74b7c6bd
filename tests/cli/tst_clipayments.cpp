// fatora-cli moving money, as a separate process per command against a temporary database and the
// loopback simulator: charge (approved, declined, unknown then verify), revoke (204, 422, unconfirmed),
// refund once, configuration problems, and the sandbox. Each test checks output, exit code, database
// and the simulator's request log.
#include "CliHarness.h"
#include "gateway/GatewayClient.h"
#include "store/sqlite/SqliteStore.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString approveToken = u"Ab+/\\|==cli-approve9Xq="_s;
const QString declineToken = u"Ab+/\\|==cli-decline7Lm="_s;
const QString slowToken = u"Ab+/\\|==cli-slow5s0="_s;

const QString collectPath = u"/v1/payments/collect-payment"_s;
const QString deactivatePath = u"/api/v1/payments/deactivate-card-token"_s;
const QString verifyPath = u"/v1/payments/verify"_s;
const QString refundPath = u"/api/v1/payments/refund"_s;

} // namespace

class TestCliPayments : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void chargeApproved();
    void chargeJsonHasTheAgreedFields();
    void chargeWithoutAmountLeavesItOut();
    void chargeDeclined();
    void chargeUnknownThenVerifyPendingSettlesIt();
    void repeatedChargeNeedsAllowRepeat();
    void conflict409IsUnknownInWords();
    void revokeWith204();
    void revokeWith422MeansAlreadyDeactivated();
    void revokeNotConfirmedStaysPendingAndRetries();
    void wrongApiKeyIsRefusedByTheGateway();
    void refundOnceThenRefused();
    void verifyPendingIsQuietWhenPiped();
    void missingApiKeyIsAConfigurationProblem();
    void unreachableGatewayIsNotSent();
    void sandboxRunsAgainstTheSimulator();
    void sharedSimulatorSettlesUnknownAcrossRuns();
};

void TestCliPayments::init()
{
    openFixture(declineToken);
    SimulatedBehaviour slow;
    slow.delayMs = 3000;
    m_cli->simulator().script(slowToken, slow);
}

void TestCliPayments::cleanup()
{
    m_store.reset();
    m_cli.reset();
}

void TestCliPayments::chargeApproved()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    const CliRun run =
        m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"12.50"_s, u"--yes"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.outText().startsWith(u"approved: QAR 12.50 charged to Sara's card "_s),
             qPrintable(run.describe()));
    QVERIFY(!run.outText().contains(approveToken));

    auto rows = m_store->findPayments(PaymentQuery{});
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 1);
    const Payment p = rows->constFirst().payment;
    QCOMPARE(p.state, PaymentState::Approved);
    QCOMPARE(p.amount, std::optional<Money>(Money(1250, u"QAR"_s)));
    QCOMPARE(p.operatorName, u"cli-test"_s);
    QVERIFY(!p.transactionId.isEmpty());
    QCOMPARE(m_cli->simulator().chargeCount(approveToken), 1);
    const QList<RecordedRequest> requests = m_cli->simulator().requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.constFirst().path, collectPath);
    QVERIFY(requests.constFirst().body.contains("\"amount\":12.5"));
    QCOMPARE(requests.constFirst().header("api_key"), GatewaySimulator::defaultApiKey().toUtf8());
}

void TestCliPayments::chargeJsonHasTheAgreedFields()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    const QJsonObject o = chargeJson(t, {u"--amount"_s, u"123.45"_s}, 0);
    for (const QString &key : {u"payment_id"_s, u"order_id"_s, u"state"_s, u"amount"_s, u"currency"_s,
                               u"transaction_id"_s, u"status_code"_s, u"auth_code"_s, u"description"_s})
        QVERIFY2(o.contains(key), qPrintable(key));
    QCOMPARE(o.value(u"state"_s).toString(), u"approved"_s);
    QCOMPARE(o.value(u"amount"_s).toString(), u"123.45"_s); // a string: never a float
    QCOMPARE(o.value(u"currency"_s).toString(), u"QAR"_s);
    const Payment p = payment(o.value(u"payment_id"_s).toInteger());
    QCOMPARE(o.value(u"order_id"_s).toString(), p.orderId);
    QCOMPARE(o.value(u"transaction_id"_s).toString(), p.transactionId);
    QCOMPARE(o.value(u"auth_code"_s).toString(), p.authCode);
    QCOMPARE(o.value(u"description"_s).toString(), p.description);
    QCOMPARE(o.value(u"card"_s).toString(), CardToken::maskToken(approveToken));
}

void TestCliPayments::chargeWithoutAmountLeavesItOut()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken, Money(5000, u"QAR"_s));
    const QJsonObject o = chargeJson(t, {}, 0);
    QVERIFY(o.value(u"amount"_s).isNull());
    QVERIFY(!payment(o.value(u"payment_id"_s).toInteger()).amount.has_value());
    const QByteArray body = m_cli->simulator().requests().constFirst().body;
    QVERIFY2(!body.contains("amount"), body.constData());
}

void TestCliPayments::chargeDeclined()
{
    const qint64 t = token(customer(u"Sara"_s), declineToken);
    const CliRun run =
        m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"10"_s, u"--yes"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.outText().startsWith(u"declined: "_s), qPrintable(run.describe()));
    QVERIFY(run.outText().contains(u"Insufficient credit"_s));
    auto rows = m_store->findPayments(PaymentQuery{});
    QCOMPARE(rows->constFirst().payment.state, PaymentState::Declined);
    QCOMPARE(m_cli->simulator().chargeCount(declineToken), 0);
}

// Issue 9 #11: a 409 to a charge leaves the outcome unknown (an earlier attempt may have reached the
// gateway), but the JSON "error" said "refused": a script reading it would think nothing moved.
void TestCliPayments::conflict409IsUnknownInWords()
{
    const QString conflictToken = u"Ab+/\\|==cli-conflict409="_s;
    SimulatedBehaviour conflict;
    conflict.kind = SimulatedBehaviour::Kind::Conflict409;
    m_cli->simulator().script(conflictToken, conflict);
    const qint64 t = token(customer(u"Sara"_s), conflictToken);

    const QJsonObject o = chargeJson(t, {u"--amount"_s, u"7"_s}, 3);
    QCOMPARE(o.value(u"state"_s).toString(), u"unknown"_s);
    QCOMPARE(o.value(u"http_status"_s).toInt(), 409);
    const QString error = o.value(u"error"_s).toString();
    QVERIFY2(!error.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY2(error.contains(u"unknown"_s) && error.contains(u"Verify"_s), qPrintable(error));
    QCOMPARE(payment(o.value(u"payment_id"_s).toInteger()).errorText, error);

    const CliRun run = m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--yes"_s});
    QCOMPARE(run.exitCode, 2); // unknown: the token is blocked until verified
}

void TestCliPayments::chargeUnknownThenVerifyPendingSettlesIt()
{
    const qint64 t = token(customer(u"Omar"_s), slowToken);
    QProcessEnvironment impatient = m_cli->environment();
    impatient.insert(u"FATORA_TIMEOUT_MS"_s, u"1000"_s);
    CliRun run = m_cli->run(
        {u"--json"_s, u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"45"_s, u"--yes"_s},
        impatient);
    QCOMPARE(run.exitCode, 3);
    const qint64 id = run.json().object().value(u"payment_id"_s).toInteger();
    QCOMPARE(run.json().object().value(u"state"_s).toString(), u"unknown"_s);
    QCOMPARE(payment(id).state, PaymentState::Unknown);
    // The simulator did take the money: exactly the situation verify exists for.
    QTRY_COMPARE_WITH_TIMEOUT(m_cli->simulator().chargeCount(slowToken), 1, 10'000);

    // Until verified, the token refuses another charge: nothing is sent.
    const int before = m_cli->simulator().requestCount();
    run = m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"45"_s, u"--yes"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errText().contains(u"verify"_s), qPrintable(run.describe()));
    QCOMPARE(m_cli->simulator().requestCount(), before);

    // The simulator answers one request at a time and may still be sleeping on the slow charge.
    QProcessEnvironment patient = m_cli->environment();
    patient.insert(u"FATORA_TIMEOUT_MS"_s, u"20000"_s);
    run = m_cli->run({u"verify"_s, u"--pending"_s}, patient);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.outText().contains(u"approved"_s), qPrintable(run.describe()));
    const Payment settled = payment(id);
    QCOMPARE(settled.state, PaymentState::Approved);
    QVERIFY(!settled.transactionId.isEmpty());
    QCOMPARE(m_cli->simulator().requestCount(verifyPath), 1);
    QCOMPARE(m_cli->simulator().requestCount(collectPath), 1); // never re-sent
    QCOMPARE(m_cli->simulator().chargeCount(slowToken), 1);

    // Nothing left to verify.
    run = m_cli->run({u"--json"_s, u"verify"_s, u"--pending"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.json().isArray());
    QCOMPARE(run.json().array().size(), 0);
}

void TestCliPayments::repeatedChargeNeedsAllowRepeat()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    chargeJson(t, {u"--amount"_s, u"20"_s}, 0);
    const int before = m_cli->simulator().requestCount();
    CliRun run =
        m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"20"_s, u"--yes"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.errText().contains(u"--allow-repeat"_s));
    QCOMPARE(m_cli->simulator().requestCount(), before);

    run = m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"20"_s, u"--yes"_s,
                      u"--allow-repeat"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(m_cli->simulator().chargeCount(approveToken), 2);
}

void TestCliPayments::revokeWith204()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    const CliRun run = m_cli->run(
        {u"revoke"_s, u"--token"_s, QString::number(t), u"--reason"_s, u"card reported lost"_s, u"--yes"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.outText().startsWith(u"revoked: "_s), qPrintable(run.describe()));
    QCOMPARE(storedToken(t).status, TokenStatus::Deactivated);
    QVERIFY(m_cli->simulator().isTokenDeactivated(approveToken));
    QCOMPARE(m_cli->simulator().requestCount(deactivatePath), 1);
    bool reasonKept = false;
    const auto audit = m_store->auditFor(u"token"_s, t);
    QVERIFY(audit.ok());
    for (const AuditEntry &e : audit.value())
        reasonKept = reasonKept || e.detail.contains(u"card reported lost"_s);
    QVERIFY(reasonKept);
}

void TestCliPayments::revokeWith422MeansAlreadyDeactivated()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    // Someone already deactivated the token at the gateway (from Fatora's dashboard, say).
    QNetworkAccessManager network;
    GatewayClient client(&network, simulatorConfig(m_cli->simulator()));
    GatewayReply *reply = client.deactivate(DeactivateRequest{approveToken, u"elsewhere-1"_s});
    QSignalSpy finished(reply, &GatewayReply::finished);
    QVERIFY(finished.wait(10'000));
    QVERIFY(m_cli->simulator().isTokenDeactivated(approveToken));

    const CliRun run = m_cli->run({u"--json"_s, u"revoke"_s, u"--token"_s, QString::number(t), u"--reason"_s,
                                   u"closing account"_s, u"--yes"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().object().value(u"deactivated"_s).toBool(), true);
    QCOMPARE(run.json().object().value(u"status"_s).toString(), u"deactivated"_s);
    QCOMPARE(storedToken(t).status, TokenStatus::Deactivated);
    QCOMPARE(m_cli->simulator().requestCount(deactivatePath), 2); // the second one answered 422
}

void TestCliPayments::revokeNotConfirmedStaysPendingAndRetries()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    const QStringList revoke{u"revoke"_s,   u"--token"_s, QString::number(t),
                             u"--reason"_s, u"fraud"_s,   u"--yes"_s};

    QProcessEnvironment nowhere = m_cli->environment();
    nowhere.insert(u"FATORA_BASE_URL"_s, u"http://127.0.0.1:1"_s);
    CliRun run = m_cli->run(revoke, nowhere);
    QCOMPARE(run.exitCode, 4); // never reached the gateway
    QVERIFY2(run.outText().contains(u"revoke-pending"_s), qPrintable(run.describe()));
    QCOMPARE(storedToken(t).status, TokenStatus::RevokePending);

    QProcessEnvironment wrongKey = m_cli->environment();
    wrongKey.insert(u"FATORA_API_KEY"_s, u"NOT-THE-MERCHANT-KEY"_s);
    run = m_cli->run(revoke, wrongKey);
    QCOMPARE(run.exitCode, 1); // 401: refused by the gateway
    QCOMPARE(storedToken(t).status, TokenStatus::RevokePending);
    QVERIFY(!m_cli->simulator().isTokenDeactivated(approveToken));

    // A revoke-pending token cannot be charged, and the same command finishes the revoke.
    QCOMPARE(m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"1"_s, u"--yes"_s})
                 .exitCode,
             2);
    run = m_cli->run(revoke);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(storedToken(t).status, TokenStatus::Deactivated);
    QVERIFY(m_cli->simulator().isTokenDeactivated(approveToken));
}

void TestCliPayments::wrongApiKeyIsRefusedByTheGateway()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    QProcessEnvironment wrongKey = m_cli->environment();
    wrongKey.insert(u"FATORA_API_KEY"_s, u"NOT-THE-MERCHANT-KEY"_s);
    const CliRun run = m_cli->run(
        {u"--json"_s, u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"3"_s, u"--yes"_s},
        wrongKey);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.json().object().value(u"state"_s).toString(), u"rejected"_s);
    QCOMPARE(run.json().object().value(u"http_status"_s).toInt(), 401);
    QVERIFY(!run.outText().contains(u"NOT-THE-MERCHANT-KEY"_s));
    QCOMPARE(m_cli->simulator().chargeCount(approveToken), 0);
}

void TestCliPayments::refundOnceThenRefused()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    const qint64 id = chargeJson(t, {u"--amount"_s, u"30"_s}, 0).value(u"payment_id"_s).toInteger();
    const QByteArray beforeRefund = m_cli->databaseFingerprint();
    CliRun run = m_cli->run({u"refund"_s, u"--payment"_s, QString::number(id), u"--yes"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(m_cli->databaseFingerprint() != beforeRefund); // the fingerprint does see writes
    QVERIFY2(run.outText().startsWith(u"refunded: "_s), qPrintable(run.describe()));
    QCOMPARE(payment(id).refundState, RefundState::Refunded);
    QCOMPARE(m_cli->simulator().requestCount(refundPath), 1);

    const QByteArray before = m_cli->databaseFingerprint();
    run = m_cli->run({u"refund"_s, u"--payment"_s, QString::number(id), u"--yes"_s});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY(run.errText().contains(u"already refunded"_s));
    QCOMPARE(m_cli->simulator().requestCount(refundPath), 1);
    QCOMPARE(m_cli->databaseFingerprint(), before);
}

void TestCliPayments::verifyPendingIsQuietWhenPiped()
{
    const qint64 t = token(customer(u"Omar"_s), slowToken);
    QProcessEnvironment impatient = m_cli->environment();
    impatient.insert(u"FATORA_TIMEOUT_MS"_s, u"1000"_s);
    QCOMPARE(m_cli
                 ->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"1"_s, u"--yes"_s},
                       impatient)
                 .exitCode,
             3);
    QTRY_COMPARE_WITH_TIMEOUT(m_cli->simulator().chargeCount(slowToken), 1, 10'000);
    QProcessEnvironment patient = m_cli->environment();
    patient.insert(u"FATORA_TIMEOUT_MS"_s, u"20000"_s);
    const CliRun run = m_cli->run({u"verify"_s, u"--pending"_s}, patient);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe())); // no progress line, no escape codes
}

void TestCliPayments::missingApiKeyIsAConfigurationProblem()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    QProcessEnvironment noKey = m_cli->environment();
    noKey.remove(u"FATORA_API_KEY"_s);
    const QByteArray before = m_cli->databaseFingerprint();
    const CliRun run =
        m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"1"_s, u"--yes"_s}, noKey);
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.errText().contains(u"FATORA_API_KEY"_s), qPrintable(run.describe()));
    QCOMPARE(m_cli->simulator().requestCount(), 0);
    QCOMPARE(m_cli->databaseFingerprint(), before);

    // Reading needs no key.
    QCOMPARE(m_cli->run({u"tokens"_s, u"list"_s}, noKey).exitCode, 0);
}

void TestCliPayments::unreachableGatewayIsNotSent()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    QProcessEnvironment nowhere = m_cli->environment();
    nowhere.insert(u"FATORA_BASE_URL"_s, u"http://127.0.0.1:1"_s); // nothing listens on port 1
    const CliRun run = m_cli->run(
        {u"--json"_s, u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"7"_s, u"--yes"_s},
        nowhere);
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.json().object().value(u"state"_s).toString(), u"not-sent"_s);
    // Safe to try again: the token is not blocked by an open charge.
    QCOMPARE(m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"7"_s, u"--yes"_s})
                 .exitCode,
             0);
}

void TestCliPayments::sandboxRunsAgainstTheSimulator()
{
    const QString sandboxDb = m_cli->dirPath() + u"/sandbox.sqlite"_s;
    QProcessEnvironment env = m_cli->environment();
    env.remove(u"FATORA_API_KEY"_s); // the sandbox needs no key
    env.remove(u"FATORA_BASE_URL"_s);
    CliRun run =
        m_cli->runRaw({u"--sandbox"_s, u"--database"_s, sandboxDb, u"--json"_s, u"tokens"_s, u"list"_s}, env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.errText().contains(u"SANDBOX"_s), qPrintable(run.describe()));
    qint64 approving = 0;
    for (const QJsonValue &v : run.json().array()) {
        if (v.toObject().value(u"label"_s).toString() == u"Visa (approves)"_s)
            approving = v.toObject().value(u"id"_s).toInteger();
    }
    QVERIFY2(approving > 0, qPrintable(run.describe()));

    run = m_cli->runRaw({u"--sandbox"_s, u"--database"_s, sandboxDb, u"--json"_s, u"charge"_s, u"--token"_s,
                         QString::number(approving), u"--amount"_s, u"10"_s, u"--yes"_s},
                        env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().object().value(u"state"_s).toString(), u"approved"_s);
    QCOMPARE(m_cli->simulator().requestCount(), 0); // its own simulator, not the test's
    // The real database was not touched.
    QCOMPARE(m_store->countPayments(PaymentQuery{}).value(), 0);

    // A later --sandbox run has a fresh simulator that never saw that charge: refused, not "rejected".
    const QString paymentId = QString::number(run.json().object().value(u"payment_id"_s).toInteger());
    run = m_cli->runRaw(
        {u"--sandbox"_s, u"--database"_s, sandboxDb, u"refund"_s, u"--payment"_s, paymentId, u"--yes"_s},
        env);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errText().contains(u"fatora-cli simulator"_s), qPrintable(run.describe()));
}

void TestCliPayments::sharedSimulatorSettlesUnknownAcrossRuns()
{
    const QString sandboxDb = m_cli->dirPath() + u"/shared.sqlite"_s;
    QProcessEnvironment env = m_cli->environment();
    // Seed the demo customers and tokens.
    CliRun run =
        m_cli->runRaw({u"--sandbox"_s, u"--database"_s, sandboxDb, u"--json"_s, u"tokens"_s, u"list"_s}, env);
    QCOMPARE(run.exitCode, 0);
    qint64 dropping = 0;
    for (const QJsonValue &v : run.json().array()) {
        if (v.toObject().value(u"label"_s).toString().contains(u"connection drops"_s))
            dropping = v.toObject().value(u"id"_s).toInteger();
    }
    QVERIFY(dropping > 0);

    QProcess simulator;
    simulator.setProgram(QStringLiteral(FATORA_CLI_PATH));
    simulator.setArguments({u"simulator"_s});
    simulator.setProcessEnvironment(env);
    simulator.start();
    QVERIFY(simulator.waitForStarted(10'000));
    QTRY_VERIFY_WITH_TIMEOUT(simulator.canReadLine(), 10'000);
    const QString announced = QString::fromUtf8(simulator.readLine()).trimmed();
    const QString url = announced.section(u' ', -1);
    QVERIFY2(url.startsWith(u"http://127.0.0.1:"_s), qPrintable(announced));
    env.insert(u"FATORA_BASE_URL"_s, url);

    const QStringList database{u"--database"_s, sandboxDb};
    run = m_cli->runRaw(database + QStringList{u"--json"_s, u"charge"_s, u"--token"_s,
                                               QString::number(dropping), u"--amount"_s, u"88"_s, u"--yes"_s},
                        env);
    QCOMPARE(run.exitCode, 3);
    run = m_cli->runRaw(database + QStringList{u"--json"_s, u"verify"_s, u"--pending"_s}, env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().array().size(), 1);
    QCOMPARE(run.json().array().at(0).toObject().value(u"state"_s).toString(), u"approved"_s);

    simulator.kill();
    simulator.waitForFinished(10'000);
}

QTEST_GUILESS_MAIN(TestCliPayments)
#include "tst_clipayments.moc"
