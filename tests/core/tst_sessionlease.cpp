// Session leases across processes (issue 12 #4), on each backend: desk A (the leaseholder helper
// process) charges a card and stays in flight; desk B's recovery never touches that charge while
// A lives, and makes it unknown soon after A is killed with SIGKILL. A short lease keeps it quick;
// production's lease (Store::DefaultLeaseSecs) and the desk's recovery interval bound the same
// path below 60 seconds.

#include "EveryBackend.h"
#include "PostgresStoreBackend.h"
#include "PostgresTestServer.h"
#include "SqliteStoreBackend.h"
#include "StoreBackend.h"

#include "domain/Clock.h"
#include "gateway/GatewayClient.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;
using fatora::test::StoreBackend;

namespace {

// FATORA_LEASE_SECS=30 runs production's lease (and heartbeat ratio); FATORA_LEASE_ROUNDS=50 the
// long proof.
int setting(const char *name, int fallback)
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue(name, &ok);
    return ok && n > 0 ? n : fallback;
}

const int LeaseSecs = setting("FATORA_LEASE_SECS", 2);
const int HeartbeatMs = LeaseSecs * 1000 * Store::HeartbeatSecs / Store::DefaultLeaseSecs;

int rounds()
{
    return setting("FATORA_LEASE_ROUNDS", 3);
}

} // namespace

class TestSessionLease : public QObject
{
    Q_OBJECT

public:
    explicit TestSessionLease(StoreBackend &backend) : m_backend(backend) {}

private slots:
    void init();
    void cleanup();

    void liveDeskChargeIsLeftAloneAndCrashedOneBecomesUnknown();
    void liveDeskRefundIsNeverRecordedByHand();

private:
    qint64 newToken(const QString &text);
    std::unique_ptr<Store> openDesk(const QString &operatorName);

    StoreBackend &m_backend;
    std::unique_ptr<Store> m_store; // the test's own connection, no session
    qint64 m_customer = 0;
    QNetworkAccessManager m_network;
    SystemClock m_clock;
};

void TestSessionLease::init()
{
    auto fresh = m_backend.createFresh();
    QVERIFY2(fresh.ok(), qPrintable(fresh.error().toString()));
    m_store = std::move(fresh).value();
    Customer c;
    c.name = u"Layla Haddad"_s;
    c.createdAt = m_clock.now();
    auto id = m_store->addCustomer(c);
    QVERIFY(id.ok());
    m_customer = id.value();
}

void TestSessionLease::cleanup()
{
    m_store.reset();
}

qint64 TestSessionLease::newToken(const QString &text)
{
    CardToken t;
    t.customerId = m_customer;
    t.token = text;
    t.label = u"Visa 4242"_s;
    t.issuedOn = m_clock.today().addDays(-10);
    t.expiresOn = CardToken::defaultExpiry(t.issuedOn);
    t.firstAmount = Money(2500, u"QAR"_s);
    t.currency = u"QAR"_s;
    t.createdAt = m_clock.now();
    auto id = m_store->addToken(t);
    if (!id.ok())
        qFatal("addToken: %s", qPrintable(id.error().toString()));
    return id.value();
}

std::unique_ptr<Store> TestSessionLease::openDesk(const QString &operatorName)
{
    auto connection = m_backend.connectAgain();
    if (!connection.ok())
        qFatal("connectAgain: %s", qPrintable(connection.error().toString()));
    std::unique_ptr<Store> desk = std::move(connection).value();
    desk->setLeaseSecs(LeaseSecs);
    SessionInfo info;
    info.host = u"test"_s;
    info.pid = QCoreApplication::applicationPid();
    info.operatorName = operatorName;
    if (auto r = desk->openSession(info); !r.ok())
        qFatal("openSession: %s", qPrintable(r.error().toString()));
    return desk;
}

void TestSessionLease::liveDeskChargeIsLeftAloneAndCrashedOneBecomesUnknown()
{
    std::unique_ptr<Store> deskB = openDesk(u"desk B"_s);
    GatewayConfig config;
    config.baseUrl = QUrl(u"http://127.0.0.1:9"_s); // recovery and the refusals below send nothing
    config.apiKey = u"test-key"_s;
    GatewayClient gateway(&m_network, config);
    PaymentService serviceB(*deskB, gateway, m_clock);
    const int n = rounds();
    qint64 worstMs = 0;
    for (int round = 0; round < n; ++round) {
        const qint64 token = newToken(u"tok-lease-%1"_s.arg(round));
        QProcess deskA;
        deskA.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        deskA.start(QStringLiteral(LEASEHOLDER_PATH), {m_store->location(), QString::number(LeaseSecs),
                                                       QString::number(HeartbeatMs), QString::number(token)});
        QVERIFY(deskA.waitForStarted(10000));
        QByteArray line;
        QElapsedTimer waiting;
        waiting.start();
        while (!line.contains('\n') && waiting.elapsed() < 60000) {
            deskA.waitForReadyRead(200);
            line += deskA.readAllStandardOutput();
        }
        QVERIFY2(line.startsWith("charged "), line.constData());
        const qint64 id = line.mid(8).trimmed().toLongLong();
        QCOMPARE(m_store->payment(id).value().state, PaymentState::Pending);
        QCOMPARE(m_store->payment(id).value().ownerSession > 0, true);

        // While A lives, B never touches its charge: watched for over two leases in the first
        // round (a stale heartbeat would show by then), briefly after.
        QElapsedTimer alive;
        alive.start();
        const int watchMs = round == 0 ? (2 * LeaseSecs + 1) * 1000 : 300;
        do {
            auto moved = serviceB.recoverInterrupted();
            QVERIFY2(moved.ok(), qPrintable(moved.error().toString()));
            QCOMPARE(moved.value(), 0);
            auto verify = serviceB.verify(id);
            QVERIFY(!verify.ok());
            QCOMPARE(verify.error().kind, ErrorKind::Busy);
            QTest::qWait(100);
        } while (alive.elapsed() < watchMs);
        QCOMPARE(m_store->payment(id).value().state, PaymentState::Pending);
        QCOMPARE(deskA.state(), QProcess::Running);

        deskA.kill(); // SIGKILL: no clean exit, the session is not closed
        QVERIFY(deskA.waitForFinished(10000));
        QElapsedTimer sinceKill;
        sinceKill.start();
        PaymentState state = PaymentState::Pending;
        while (state == PaymentState::Pending && sinceKill.elapsed() < 60000) {
            auto moved = serviceB.recoverInterrupted();
            QVERIFY2(moved.ok(), qPrintable(moved.error().toString()));
            state = m_store->payment(id).value().state;
            if (state == PaymentState::Pending)
                QTest::qWait(50);
        }
        const qint64 ms = sinceKill.elapsed();
        worstMs = std::max(worstMs, ms);
        QCOMPARE(state, PaymentState::Unknown);
        QVERIFY2(ms < 60000, qPrintable(u"%1 ms"_s.arg(ms)));
    }
    qInfo("%s: kill -9 to unknown, worst of %d rounds: %lld ms (lease %d s)", qPrintable(m_backend.name()), n,
          worstMs, LeaseSecs);
}

void TestSessionLease::liveDeskRefundIsNeverRecordedByHand()
{
    std::unique_ptr<Store> deskA = openDesk(u"desk A"_s);
    std::unique_ptr<Store> deskB = openDesk(u"desk B"_s);
    GatewayConfig config;
    config.baseUrl = QUrl(u"http://127.0.0.1:9"_s);
    config.apiKey = u"test-key"_s;
    GatewayClient gateway(&m_network, config);
    PaymentService serviceB(*deskB, gateway, m_clock);
    // A refund desk A asked for: its answer is on its way.
    Payment p;
    p.orderId = u"ORD-REFUND-1"_s;
    p.tokenId = newToken(u"tok-refund"_s);
    p.customerId = m_customer;
    p.amount = Money(2500, u"QAR"_s);
    p.currency = u"QAR"_s;
    p.state = PaymentState::Approved;
    p.transactionId = u"TX-1"_s;
    p.createdAt = p.updatedAt = m_clock.now().addSecs(-2 * PaymentRules::OrphanAfterSecs);
    p.id = deskA->insertPayment(p).value();
    p.refundState = RefundState::Pending;
    p.ownerSession = deskA->sessionId();
    // Even older than the age rule's limit: a live owner is what counts.
    QVERIFY(deskA->updatePayment(p).ok());
    auto refused = serviceB.resolveRefund(p.id, false, u"dashboard shows none"_s);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::Busy);
    QCOMPARE(m_store->payment(p.id).value().refundState, RefundState::Pending);
    QVERIFY(!PaymentRules::mayRefund(m_store->payment(p.id).value(), false).allowed);
    deskA.reset(); // A stops: no answer is coming any more
    QVERIFY(serviceB.resolveRefund(p.id, false, u"dashboard shows none"_s).ok());
    QCOMPARE(m_store->payment(p.id).value().refundState, RefundState::Rejected);
}

int main(int argc, char **argv)
{
    return fatora::test::runOnEveryBackend<TestSessionLease>(argc, argv, "session lease on");
}

#include "tst_sessionlease.moc"
