// The billing run's engine (issue 16 #3) against the simulator over loopback: every item sent once
// under its own order id, each request leaving only after its row is durable; N in flight at most;
// the pace; pause, resume and cancel; a run resumed after a crash verifies what was left unknown
// and sends nothing twice; two runners on one batch; the retry of insufficient funds.
#include "batches/BatchFile.h"
#include "batches/BatchPlanner.h"
#include "batches/BatchRunner.h"
#include "batches/BatchService.h"
#include "gateway/GatewayClient.h"
#include "payments/PaymentService.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString collectPath = u"/v1/payments/collect-payment"_s;

// One desk or CLI process: its own connection, gateway client, payment service and runner.
struct Desk
{
    Desk(const QString &path, const GatewaySimulator &sim, const Clock &clock)
        : store(SqliteStore::open(path).value()), client(&nam, simulatorConfig(sim, 5000)),
          payments(*store, client, clock), runner(*store, payments, clock)
    {
        payments.setOperatorName(u"Batch Tester"_s);
        runner.setOperatorName(u"Batch Tester"_s);
        store->openSession(SessionInfo{u"test"_s, 1, u"Batch Tester"_s}).value();
    }
    std::unique_ptr<SqliteStore> store;
    QNetworkAccessManager nam;
    GatewayClient client;
    PaymentService payments;
    BatchRunner runner;
};

} // namespace

class TestBatchRunner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void everyItemIsSentOnceAndSummed();
    void eachRequestLeavesAfterItsRowIsDurable();
    void neverMoreInFlightThanAsked();
    void paceLimitsChargesPerSecond();
    void pauseThenResume();
    void cancelStopsSendingAndCallsSettle();
    void resumeAfterACrashVerifiesFirstAndNeverResends();
    void twoRunnersNeverSendOneItemTwice();
    void retryTakesOnlyInsufficientFunds();
    void optionsAreChecked();

private:
    // A batch of `count` cards; the token text says how the simulator answers.
    qint64 makeBatch(int count, const std::function<QString(int)> &tokenFor = {});
    BatchSummary runToEnd(Desk &desk, qint64 batchId, BatchRunOptions options = {},
                          BatchState *state = nullptr);
    QStringList collectOrderIds() const;

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<GatewaySimulator> m_sim;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Desk> m_desk;
};

void TestBatchRunner::init()
{
    m_db = std::make_unique<TempDatabase>();
    m_sim = startSimulator();
    m_clock = std::make_unique<ManualClock>(fixedNow());
    m_desk = std::make_unique<Desk>(m_db->path(), *m_sim, *m_clock);
}

void TestBatchRunner::cleanup()
{
    m_desk.reset();
    m_sim.reset();
    m_db.reset();
}

qint64 TestBatchRunner::makeBatch(int count, const std::function<QString(int)> &tokenFor)
{
    Store &s = m_db->store();
    QString csv = u"token_id,amount,note\n"_s;
    for (int i = 0; i < count; ++i) {
        const QString token = tokenFor ? tokenFor(i) : u"tok+/\\|batch-%1="_s.arg(i);
        const qint64 customer = addCustomer(s, u"Customer %1"_s.arg(i));
        const qint64 card = addToken(s, customer, token, m_clock->today(), 10, Money(5000, u"QAR"_s));
        csv += u"%1,%2,row %3\n"_s.arg(card).arg(i % 3 == 0 ? QString() : u"12.50"_s).arg(i);
    }
    auto rows = BatchFile::read(csv.toUtf8());
    if (!rows.ok())
        qFatal("rows: %s", qPrintable(rows.error().toString()));
    auto planned = BatchPlanner::plan(*m_desk->store, rows.value(), *m_clock);
    BatchService service(*m_desk->store, *m_clock);
    service.setOperatorName(u"Batch Tester"_s);
    auto id = service.create(u"Test run"_s, u"test.csv"_s, planned.value());
    if (!id.ok())
        qFatal("create: %s", qPrintable(id.error().toString()));
    return id.value();
}

BatchSummary TestBatchRunner::runToEnd(Desk &desk, qint64 batchId, BatchRunOptions options, BatchState *state)
{
    QSignalSpy finished(&desk.runner, &BatchRunner::finished);
    auto started = desk.runner.start(batchId, options);
    if (!started.ok()) {
        qWarning("start: %s", qPrintable(started.error().toString()));
        return {};
    }
    if (!finished.wait(60000) && finished.isEmpty())
        qWarning("the run did not finish");
    if (finished.isEmpty())
        return {};
    if (state)
        *state = finished.first().at(1).value<BatchState>();
    return finished.first().at(0).value<BatchSummary>();
}

QStringList TestBatchRunner::collectOrderIds() const
{
    QStringList ids;
    for (const RecordedRequest &r : m_sim->requests()) {
        if (r.path == collectPath)
            ids << QJsonDocument::fromJson(r.body).object().value(u"order_id"_s).toString();
    }
    return ids;
}

void TestBatchRunner::everyItemIsSentOnceAndSummed()
{
    m_sim->script(u"tok+/\\|batch-1="_s, {SimulatedBehaviour::Kind::InsufficientFunds});
    m_sim->script(u"tok+/\\|batch-2="_s, {SimulatedBehaviour::Kind::Blocked});
    m_sim->script(u"tok+/\\|batch-4="_s, {SimulatedBehaviour::Kind::Http500});
    const qint64 batch = makeBatch(30);
    BatchState state = BatchState::Ready;
    const BatchSummary summary = runToEnd(*m_desk, batch, {}, &state);
    QCOMPARE(state, BatchState::Finished);
    QCOMPARE(summary.total, 30);
    QCOMPARE(summary.count(BatchOutcome::Approved), 27);
    QCOMPARE(summary.count(BatchOutcome::Declined), 2);
    QCOMPARE(summary.count(BatchOutcome::NotSent) + summary.count(BatchOutcome::Rejected) +
                 summary.count(BatchOutcome::Unknown),
             1);
    QVERIFY(summary.settled());
    const QStringList orders = collectOrderIds();
    QCOMPARE(orders.size(), 30);
    QCOMPARE(QSet<QString>(orders.cbegin(), orders.cend()).size(), 30);
    // Sums: 10 blank rows at the first payment (50.00), 20 at 12.50; approved = all but 1, 2 and 4.
    QCOMPARE(summary.currencies.size(), 1);
    const auto &qar = summary.currencies.first();
    QCOMPARE(qar.plannedMinor, 10 * 5000 + 20 * 1250);
    QCOMPARE(qar.approvedMinor, 10 * 5000 + 20 * 1250 - 3 * 1250);
    QCOMPARE(qar.declinedMinor, 2 * 1250);
    // Every item has its order id, the one its payment was sent under; audited with the operator.
    for (const BatchItem &item : BatchService(*m_desk->store, *m_clock).items(batch).value()) {
        QVERIFY(orders.contains(item.orderId));
        QCOMPARE(item.payment->orderId, item.orderId);
        const auto audit = m_desk->store->auditFor(u"batch-item"_s, item.id).value();
        QCOMPARE(audit.size(), 2); // planned, sent
        QCOMPARE(audit.last().operatorName, u"Batch Tester"_s);
    }
}

void TestBatchRunner::eachRequestLeavesAfterItsRowIsDurable()
{
    const qint64 batch = makeBatch(12);
    const QString path = m_db->path();
    QMutex mutex;
    QStringList missing;
    int seen = 0;
    m_sim->setRequestObserver([&](const RecordedRequest &r) {
        if (r.path != collectPath)
            return;
        const QString order = QJsonDocument::fromJson(r.body).object().value(u"order_id"_s).toString();
        auto other = SqliteStore::open(path); // another process's view: only what was committed
        const bool there = other.ok() && other.value()->paymentByOrderId(order).ok() &&
                           other.value()->paymentByOrderId(order).value().has_value();
        QMutexLocker lock(&mutex);
        ++seen;
        if (!there)
            missing << order;
    });
    runToEnd(*m_desk, batch, {8, 0});
    m_sim->setRequestObserver({});
    QCOMPARE(seen, 12);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));
}

void TestBatchRunner::neverMoreInFlightThanAsked()
{
    SimulatedBehaviour slow;
    slow.delayMs = 100;
    m_sim->setDefaultBehaviour(slow);
    const qint64 batch = makeBatch(20);
    int most = 0;
    connect(&m_desk->runner, &BatchRunner::progressChanged, this,
            [&](const BatchProgress &p) { most = std::max(most, p.summary.count(BatchOutcome::InFlight)); });
    const BatchSummary summary = runToEnd(*m_desk, batch, {3, 0});
    QCOMPARE(summary.count(BatchOutcome::Approved), 20);
    QCOMPARE(most, 3);
}

void TestBatchRunner::paceLimitsChargesPerSecond()
{
    const qint64 batch = makeBatch(11);
    QElapsedTimer timer;
    timer.start();
    const BatchSummary summary = runToEnd(*m_desk, batch, {16, 10});
    QCOMPARE(summary.count(BatchOutcome::Approved), 11);
    QVERIFY2(timer.elapsed() >= 950, qPrintable(QString::number(timer.elapsed()))); // 10 gaps of 100 ms
}

void TestBatchRunner::pauseThenResume()
{
    SimulatedBehaviour slow;
    slow.delayMs = 50;
    m_sim->setDefaultBehaviour(slow);
    const qint64 batch = makeBatch(20);
    bool paused = false;
    connect(&m_desk->runner, &BatchRunner::progressChanged, this, [&](const BatchProgress &p) {
        if (!paused && p.summary.count(BatchOutcome::Approved) >= 3) {
            paused = true;
            QVERIFY(m_desk->runner.pause().ok());
        }
    });
    BatchState state = BatchState::Ready;
    BatchSummary summary = runToEnd(*m_desk, batch, {2, 0}, &state);
    QCOMPARE(state, BatchState::Paused);
    QVERIFY(summary.count(BatchOutcome::Queued) > 0);
    QCOMPARE(summary.count(BatchOutcome::InFlight), 0); // calls in flight settled
    const int sentWhilePaused = int(collectOrderIds().size());
    QTest::qWait(200);
    QCOMPARE(collectOrderIds().size(), sentWhilePaused);
    const auto audit = m_desk->store->auditFor(u"batch"_s, batch).value();
    QCOMPARE(audit.last().action, u"batch.paused"_s);

    summary = runToEnd(*m_desk, batch, {4, 0}, &state);
    QCOMPARE(state, BatchState::Finished);
    QCOMPARE(summary.count(BatchOutcome::Approved), 20);
    QCOMPARE(collectOrderIds().size(), 20);
    QCOMPARE(m_desk->store->auditFor(u"batch"_s, batch)->at(3).action, u"batch.resumed"_s);
}

void TestBatchRunner::cancelStopsSendingAndCallsSettle()
{
    SimulatedBehaviour slow;
    slow.delayMs = 100;
    m_sim->setDefaultBehaviour(slow);
    const qint64 batch = makeBatch(20);
    bool cancelled = false;
    connect(&m_desk->runner, &BatchRunner::progressChanged, this, [&](const BatchProgress &p) {
        if (!cancelled && p.summary.count(BatchOutcome::InFlight) >= 4) {
            cancelled = true;
            QVERIFY(m_desk->runner.cancel().ok());
        }
    });
    BatchState state = BatchState::Ready;
    const BatchSummary summary = runToEnd(*m_desk, batch, {4, 0}, &state);
    QCOMPARE(state, BatchState::Cancelled);
    QCOMPARE(summary.count(BatchOutcome::InFlight), 0);
    QCOMPARE(summary.count(BatchOutcome::Approved), 4); // the four in flight settled
    QCOMPARE(summary.count(BatchOutcome::Cancelled), 16);
    QCOMPARE(collectOrderIds().size(), 4);
    QVERIFY(!m_desk->runner.start(batch, {}).ok()); // a cancelled batch never runs again
}

void TestBatchRunner::resumeAfterACrashVerifiesFirstAndNeverResends()
{
    const qint64 batch = makeBatch(6);
    // A runner that died: it wrote ahead two items; the request of one reached the gateway, the
    // other never left. Its session is gone.
    {
        Desk dead(m_db->path(), *m_sim, *m_clock);
        Store &s = *dead.store;
        Store::Transaction tx(s);
        QVERIFY(tx.started().ok());
        BatchItemQuery query;
        query.state = BatchItemState::Queued;
        query.limit = 2;
        for (const BatchItem &item : s.batchItems(batch, query).value()) {
            auto planned = dead.payments.planCharge(ChargeRequest(item.tokenId, item.amount));
            QVERIFY(planned.ok());
            auto written = dead.payments.writeAheadCharge(planned.value());
            QVERIFY(written.ok());
            QVERIFY(
                s.markBatchItemSent(item.id, written->payment.orderId, written->payment.id, m_clock->now())
                    .ok());
        }
        QVERIFY(tx.commit().ok());
        const BatchItem first = s.batchItems(batch, {})->first();
        GatewayReply *reply =
            dead.client.collect(CollectRequest{s.token(first.tokenId)->token, first.orderId, first.amount});
        QSignalSpy answered(reply, &GatewayReply::finished);
        QVERIFY(answered.wait(5000));
        QVERIFY(s.closeSession().ok()); // the process is gone
    }
    QCOMPARE(collectOrderIds().size(), 1);
    QSignalSpy verified(&m_desk->payments, &PaymentService::verifyFinished);
    const BatchSummary summary = runToEnd(*m_desk, batch, {4, 0});
    QCOMPARE(verified.size(), 2);                       // both asked about before anything new left
    QCOMPARE(summary.count(BatchOutcome::Approved), 5); // the one that reached the gateway, and 4 new
    QCOMPARE(summary.count(BatchOutcome::Unknown), 1);  // never left: the gateway does not know it
    const QStringList orders = collectOrderIds();
    QCOMPARE(orders.size(), 5);
    QCOMPARE(QSet<QString>(orders.cbegin(), orders.cend()).size(), 5); // nothing re-sent
    const auto requests = m_sim->requests();
    qsizetype firstCollectAfterCrash = -1, lastVerify = -1;
    for (qsizetype i = 1; i < requests.size(); ++i) {
        if (requests.at(i).path == collectPath && firstCollectAfterCrash < 0)
            firstCollectAfterCrash = i;
        if (requests.at(i).path == u"/v1/payments/verify"_s)
            lastVerify = i;
    }
    QVERIFY(lastVerify < firstCollectAfterCrash); // verified first
}

void TestBatchRunner::twoRunnersNeverSendOneItemTwice()
{
    SimulatedBehaviour slow;
    slow.delayMs = 20;
    m_sim->setDefaultBehaviour(slow);
    const qint64 batch = makeBatch(40);
    Desk other(m_db->path(), *m_sim, *m_clock);
    QSignalSpy finishedA(&m_desk->runner, &BatchRunner::finished);
    QSignalSpy finishedB(&other.runner, &BatchRunner::finished);
    QVERIFY(m_desk->runner.start(batch, {4, 0}).ok());
    QVERIFY(other.runner.start(batch, {4, 0}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!finishedA.isEmpty() && !finishedB.isEmpty(), 60000);
    const QStringList orders = collectOrderIds();
    QCOMPARE(orders.size(), 40);
    QCOMPARE(QSet<QString>(orders.cbegin(), orders.cend()).size(), 40);
    const BatchSummary summary = BatchService(*m_desk->store, *m_clock).summary(batch).value();
    QCOMPARE(summary.count(BatchOutcome::Approved), 40);
    // Both took part.
    int byA = 0;
    for (const BatchItem &item : BatchService(*m_desk->store, *m_clock).items(batch).value())
        byA += item.payment->ownerSession == m_desk->store->sessionId() ? 1 : 0;
    QVERIFY2(byA > 0 && byA < 40, qPrintable(QString::number(byA)));
}

void TestBatchRunner::retryTakesOnlyInsufficientFunds()
{
    m_sim->script(u"tok+/\\|batch-1="_s, {SimulatedBehaviour::Kind::InsufficientFunds});
    m_sim->script(u"tok+/\\|batch-2="_s, {SimulatedBehaviour::Kind::Blocked});
    m_sim->script(u"tok+/\\|batch-3="_s, {SimulatedBehaviour::Kind::InvalidToken});
    m_sim->script(u"tok+/\\|batch-4="_s, {SimulatedBehaviour::Kind::InsufficientFunds});
    const qint64 batch = makeBatch(6);
    runToEnd(*m_desk, batch);
    BatchService service(*m_desk->store, *m_clock);
    const QList<BatchItem> before = service.items(batch).value();
    auto retry = service.retryInsufficientFunds(batch);
    QVERIFY2(retry.ok(), qPrintable(retry.error().toString()));
    const QList<BatchItem> items = service.items(retry.value()).value();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).tokenId, before.at(1).tokenId);
    QCOMPARE(items.at(1).tokenId, before.at(4).tokenId);
    QCOMPARE(service.batch(retry.value())->retryOf, batch);
    m_sim->script(u"tok+/\\|batch-1="_s, {SimulatedBehaviour::Kind::Approve});
    m_sim->script(u"tok+/\\|batch-4="_s, {SimulatedBehaviour::Kind::Approve});
    const BatchSummary summary = runToEnd(*m_desk, retry.value());
    QCOMPARE(summary.count(BatchOutcome::Approved), 2);
    const QList<BatchItem> after = service.items(retry.value()).value();
    QVERIFY(after.at(0).orderId != before.at(1).orderId); // new order ids
    QVERIFY(after.at(1).orderId != before.at(4).orderId);
}

void TestBatchRunner::optionsAreChecked()
{
    QVERIFY(!BatchRunner::checkOptions({0, 0}).ok());
    QVERIFY(!BatchRunner::checkOptions({17, 0}).ok());
    QVERIFY(!BatchRunner::checkOptions({4, -1}).ok());
    QVERIFY(BatchRunner::checkOptions({16, 2.5}).ok());
    QCOMPARE(BatchRunner::checkOptions({17, 0}).error().field, u"parallel"_s);
}

QTEST_GUILESS_MAIN(TestBatchRunner)
#include "tst_batchrunner.moc"
