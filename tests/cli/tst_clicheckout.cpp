// fatora-cli card requests, as a separate process per command against a temporary database and the
// loopback simulator: checkout create (text and JSON), the page paid through its form, checkout check
// saving the card (printed masked), decline, no return pages, bad input, and --help.
#include "CliHarness.h"
#include "gateway/GatewayClient.h"
#include "store/sqlite/SqliteStore.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString declineToken = u"Ab+/\\|==cli-decline7Lm="_s;
const QString checkoutPath = u"/v1/payments/checkout"_s;

} // namespace

class TestCliCheckout : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createPrintsTheLinkAndCheckSavesTheCard();
    void createJsonHasTheAgreedFields();
    void twoProcessesCheckingAtOnceSaveOneCard();
    void declinedCheckIsRefused();
    void unpaidCheckIsStillOpen();
    void withoutReturnPagesNothingIsSent();
    void badInputSendsNothing_data();
    void badInputSendsNothing();
    void helpNamesBothActions();

private:
    QProcessEnvironment pagesEnvironment() const;
    CliRun create(qint64 customerId, const QStringList &extra = {});
};

void TestCliCheckout::init()
{
    openFixture(declineToken);
}

void TestCliCheckout::cleanup()
{
    m_store.reset();
    m_cli.reset();
}

QProcessEnvironment TestCliCheckout::pagesEnvironment() const
{
    QProcessEnvironment env = m_cli->environment();
    env.insert(u"FATORA_SUCCESS_URL"_s, u"https://shop.example/card-saved"_s);
    env.insert(u"FATORA_FAILURE_URL"_s, u"https://shop.example/card-failed"_s);
    return env;
}

CliRun TestCliCheckout::create(qint64 customerId, const QStringList &extra)
{
    return m_cli->run(QStringList{u"checkout"_s, u"create"_s, u"--customer"_s, QString::number(customerId),
                                  u"--amount"_s, u"50"_s, u"--yes"_s} +
                          extra,
                      pagesEnvironment());
}

void TestCliCheckout::createPrintsTheLinkAndCheckSavesTheCard()
{
    const qint64 c = customer(u"Sara"_s);
    const CliRun created = create(c, {u"--language"_s, u"ar"_s, u"--note"_s, u"first month"_s});
    QCOMPARE(created.exitCode, 0);
    const QStringList lines = created.outText().trimmed().split(u'\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(u"payment "_s), qPrintable(created.describe()));
    const qint64 id = lines.at(0).mid(8).toLongLong();
    const Payment p = payment(id);
    QCOMPARE(p.kind, PaymentKind::CardRequest);
    QCOMPARE(lines.at(1), u"order "_s + p.orderId);
    QCOMPARE(lines.at(2), u"link "_s + p.checkoutUrl);
    const QList<RecordedRequest> requests = m_cli->simulator().requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().path, checkoutPath);
    const QJsonObject body = QJsonDocument::fromJson(requests.first().body).object();
    QCOMPARE(body.value(u"language").toString(), u"ar"_s);
    QCOMPARE(body.value(u"note").toString(), u"first month"_s);
    QCOMPARE(body.value(u"success_url").toString(), u"https://shop.example/card-saved"_s);
    QCOMPARE(body.value(u"save_token"), QJsonValue(true));

    QCOMPARE(payOnSimulatorPage(p.checkoutUrl, u"approve"_s).status, 303);
    const QString token = m_cli->simulator().checkoutToken(p.orderId);
    const CliRun checked = m_cli->run({u"checkout"_s, u"check"_s, u"--payment"_s, QString::number(id)});
    QCOMPARE(checked.exitCode, 0);
    QCOMPARE(payment(id).state, PaymentState::Approved);
    const qint64 saved = payment(id).savedTokenId;
    QVERIFY(saved != 0);
    QCOMPARE(storedToken(saved).token, token);
    QVERIFY2(checked.outText().contains(storedToken(saved).masked()), qPrintable(checked.describe()));
    QVERIFY(!checked.outText().contains(token));
    QVERIFY(!checked.errText().contains(token));

    // Nothing left to check; the saved card charges.
    const CliRun pending = m_cli->run({u"checkout"_s, u"check"_s, u"--pending"_s});
    QCOMPARE(pending.exitCode, 0);
    QVERIFY2(pending.outText().contains(u"No open card requests"_s), qPrintable(pending.describe()));
    const QJsonObject charged = chargeJson(saved, {u"--amount"_s, u"20"_s}, 0);
    QCOMPARE(charged.value(u"state").toString(), u"approved"_s);
}

void TestCliCheckout::createJsonHasTheAgreedFields()
{
    const qint64 c = customer(u"Sara"_s);
    const CliRun created = create(c, {u"--json"_s});
    QCOMPARE(created.exitCode, 0);
    const QJsonObject o = created.json().object();
    QCOMPARE(o.keys(), (QStringList{u"checkout_url"_s, u"order_id"_s, u"payment_id"_s}));
    const Payment p = payment(o.value(u"payment_id").toInteger());
    QCOMPARE(o.value(u"order_id").toString(), p.orderId);
    QCOMPARE(o.value(u"checkout_url").toString(), p.checkoutUrl);
    QVERIFY(!created.outText().contains(GatewaySimulator::defaultApiKey()));
}

// Two fatora-cli processes check the same paid request at the same moment, each with its own
// connection: the database's write lock lets one save the card; the other finds it settled.
void TestCliCheckout::twoProcessesCheckingAtOnceSaveOneCard()
{
    const CliRun created = create(customer(u"Sara"_s), {u"--json"_s});
    QCOMPARE(created.exitCode, 0);
    const qint64 id = created.json().object().value(u"payment_id").toInteger();
    QCOMPARE(payOnSimulatorPage(payment(id).checkoutUrl, u"approve"_s).status, 303);
    const QString token = m_cli->simulator().checkoutToken(payment(id).orderId);

    QProcess first;
    QProcess second;
    for (QProcess *p : {&first, &second}) {
        p->setProgram(QStringLiteral(FATORA_CLI_PATH));
        p->setArguments({u"--database"_s, m_cli->databasePath(), u"checkout"_s, u"check"_s, u"--payment"_s,
                         QString::number(id)});
        p->setProcessEnvironment(pagesEnvironment());
    }
    first.start();
    second.start();
    QVERIFY(first.waitForFinished(120'000));
    QVERIFY(second.waitForFinished(120'000));
    const QList<int> codes{first.exitCode(), second.exitCode()};
    const QString said = QString::fromUtf8(first.readAllStandardError() + second.readAllStandardError());
    // Both saw it paid (0), or the later one was told it is settled before asking (2).
    QVERIFY2(codes.contains(0) && (codes.contains(2) || codes.count(0) == 2), qPrintable(said));
    const QList<CardToken> tokens = m_store->findTokens(TokenQuery()).value();
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(tokens.first().token, token);
    QCOMPARE(payment(id).savedTokenId, tokens.first().id);
    qInfo() << "verify calls seen:" << m_cli->simulator().requestCount(u"/v1/payments/verify"_s);
}

void TestCliCheckout::declinedCheckIsRefused()
{
    const CliRun created = create(customer(u"Sara"_s), {u"--json"_s});
    QCOMPARE(created.exitCode, 0);
    const qint64 id = created.json().object().value(u"payment_id").toInteger();
    QCOMPARE(payOnSimulatorPage(payment(id).checkoutUrl, u"decline"_s).status, 303);
    const CliRun checked =
        m_cli->run({u"--json"_s, u"checkout"_s, u"check"_s, u"--payment"_s, QString::number(id)});
    QCOMPARE(checked.exitCode, 1);
    QCOMPARE(checked.json().object().value(u"state").toString(), u"declined"_s);
    QVERIFY(m_store->findTokens(TokenQuery())->isEmpty());
}

void TestCliCheckout::unpaidCheckIsStillOpen()
{
    const CliRun created = create(customer(u"Sara"_s), {u"--json"_s});
    QCOMPARE(created.exitCode, 0);
    const CliRun checked = m_cli->run({u"checkout"_s, u"check"_s, u"--pending"_s});
    QCOMPARE(checked.exitCode, 3);
    QVERIFY2(checked.outText().contains(u"Not paid yet"_s), qPrintable(checked.describe()));
    // verify --pending leaves card requests to checkout check.
    const CliRun verified = m_cli->run({u"verify"_s, u"--pending"_s});
    QCOMPARE(verified.exitCode, 0);
}

void TestCliCheckout::withoutReturnPagesNothingIsSent()
{
    const qint64 c = customer(u"Sara"_s);
    const QByteArray before = m_cli->databaseFingerprint();
    const CliRun run = m_cli->run({u"checkout"_s, u"create"_s, u"--customer"_s, QString::number(c),
                                   u"--amount"_s, u"50"_s, u"--yes"_s});
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.errText().contains(u"FATORA_SUCCESS_URL"_s) &&
                 run.errText().contains(u"FATORA_FAILURE_URL"_s),
             qPrintable(run.describe()));
    QCOMPARE(m_cli->simulator().requestCount(), 0);
    QCOMPARE(m_cli->databaseFingerprint(), before);

    QProcessEnvironment env = pagesEnvironment();
    env.insert(u"FATORA_SUCCESS_URL"_s, u"http://shop.example/ok"_s);
    const CliRun plain = m_cli->run(
        {u"checkout"_s, u"create"_s, u"--customer"_s, QString::number(c), u"--amount"_s, u"50"_s, u"--yes"_s},
        env);
    QCOMPARE(plain.exitCode, 4);
    QVERIFY2(plain.errText().contains(u"FATORA_SUCCESS_URL"_s), qPrintable(plain.describe()));
    QCOMPARE(m_cli->simulator().requestCount(), 0);
}

void TestCliCheckout::badInputSendsNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no action") << QStringList{u"checkout"_s};
    QTest::newRow("unknown action") << QStringList{u"checkout"_s, u"pay"_s};
    QTest::newRow("no customer") << QStringList{u"checkout"_s, u"create"_s, u"--amount"_s, u"5"_s,
                                                u"--yes"_s};
    QTest::newRow("no amount") << QStringList{u"checkout"_s, u"create"_s, u"--customer"_s, u"1"_s,
                                              u"--yes"_s};
    QTest::newRow("zero amount") << QStringList{u"checkout"_s, u"create"_s, u"--customer"_s, u"1"_s,
                                                u"--amount"_s, u"0"_s,      u"--yes"_s};
    QTest::newRow("bad language") << QStringList{u"checkout"_s,   u"create"_s,   u"--customer"_s,
                                                 u"1"_s,          u"--amount"_s, u"5"_s,
                                                 u"--language"_s, u"fr"_s,       u"--yes"_s};
    QTest::newRow("unknown customer") << QStringList{u"checkout"_s, u"create"_s, u"--customer"_s, u"999"_s,
                                                     u"--amount"_s, u"5"_s,      u"--yes"_s};
    QTest::newRow("check both") << QStringList{u"checkout"_s, u"check"_s, u"--payment"_s, u"1"_s,
                                               u"--pending"_s};
    QTest::newRow("check an unknown payment")
        << QStringList{u"checkout"_s, u"check"_s, u"--payment"_s, u"999"_s};
}

void TestCliCheckout::badInputSendsNothing()
{
    QFETCH(QStringList, arguments);
    customer(u"Sara"_s);
    const CliRun run = m_cli->run(arguments, pagesEnvironment());
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.errLines().size(), 1);
    QCOMPARE(m_cli->simulator().requestCount(), 0);
}

void TestCliCheckout::helpNamesBothActions()
{
    const CliRun all = m_cli->run({u"--help"_s});
    QCOMPARE(all.exitCode, 0);
    QVERIFY2(all.outText().contains(u"checkout"_s), qPrintable(all.describe()));
    const CliRun own = m_cli->run({u"checkout"_s, u"--help"_s});
    QCOMPARE(own.exitCode, 0);
    QVERIFY(own.outText().contains(u"checkout create --customer ID --amount A"_s));
    QVERIFY(own.outText().contains(u"checkout check --payment ID | --pending"_s));
    const CliRun create = m_cli->run({u"checkout"_s, u"create"_s, u"--help"_s});
    QCOMPARE(create.exitCode, 0);
    QVERIFY(create.outText().contains(u"--language"_s));
}

QTEST_MAIN(TestCliCheckout)
#include "tst_clicheckout.moc"
