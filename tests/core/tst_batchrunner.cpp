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
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include <dlfcn.h>

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

// Counts the commits SQLite makes on every open connection to one file, through sqlite3_commit_hook
// of the SQLite library Qt's driver loaded (found at run time: the tests do not link SQLite).
class CommitCounter
{
public:
    explicit CommitCounter(const QString &path)
    {
        void *library = dlopen("libsqlite3.so.0", RTLD_NOLOAD | RTLD_LAZY);
        if (!library)
            return;
        m_hook = reinterpret_cast<HookFn>(dlsym(library, "sqlite3_commit_hook"));
        dlclose(library);
        if (!m_hook)
            return;
        for (const QString &name : QSqlDatabase::connectionNames()) {
            const QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.databaseName() != path || !db.driver())
                continue;
            const QVariant handle = db.driver()->handle();
            if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
                continue;
            void *connection = *static_cast<void *const *>(handle.constData());
            m_hook(connection, &CommitCounter::onCommit, this);
            m_connections << connection;
        }
    }
    ~CommitCounter()
    {
        for (void *connection : std::as_const(m_connections))
            m_hook(connection, nullptr, nullptr);
    }
    bool isCounting() const { return !m_connections.isEmpty(); }
    int count() const { return m_count; }

private:
    using HookFn = void *(*)(void *, int (*)(void *), void *);
    static int onCommit(void *self)
    {
        ++static_cast<CommitCounter *>(self)->m_count;
        return 0; // let it commit
    }
    HookFn m_hook = nullptr;
    QList<void *> m_connections;
    int m_count = 0;
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
    void retryingTwiceNeverChargesACardTwice();
    void aCardInTwoRunsIsChargedOnce();
    void cardChargedAtTheDeskAfterPlanningIsNotChargedAgain();
    void staleDryRunIsNotSavedOnceItsCardsWereCharged();
    void chargeStampedByASlowClockIsStillSeen();
    void revokeInFlightRefusesOnlyItsCard();
    void faultThatDoesNotClearPausesTheRun();
    void answersArrivingWhileTheDatabaseIsLockedAreSavedTogether();
    void answersRideWithTheNextWindow();
    void answersCarriedByAFailedWindowAreStillSaved();
    void lockedDatabaseIsWaitedForOnceWhenAWindowCarriesAnswers();
    void chargeWindowIsRefusedInsideAnotherTransaction();
    void optionsAreChecked();

private:
    // A batch of `count` cards; the token text says how the simulator answers.
    qint64 makeBatch(int count, const std::function<QString(int)> &tokenFor = {});
    BatchSummary runToEnd(Desk &desk, qint64 batchId, BatchRunOptions options = {},
                          BatchState *state = nullptr);
    // runToEnd while another program takes the file's write lock for lockMs once `inFlight` charges
    // are in flight. Returns how long the event loop stood still at most (ms).
    qint64 runWhileLocked(qint64 batchId, BatchRunOptions options, int inFlight, int lockMs,
                          BatchSummary *summary = nullptr, BatchState *state = nullptr);
    QStringList collectOrderIds() const;
    int chargesOf(const QString &cardToken) const;
    // A card of its own customer; the CSV line that charges it 12.50.
    qint64 addCard(const QString &token);
    QList<BatchItem> plan(const QList<qint64> &cards);
    BatchService service();

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

qint64 TestBatchRunner::runWhileLocked(qint64 batchId, BatchRunOptions options, int inFlight, int lockMs,
                                       BatchSummary *summary, BatchState *state)
{
    QSqlDatabase locker = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
    locker.setDatabaseName(m_db->path());
    if (!locker.open())
        qFatal("locker: %s", qPrintable(locker.lastError().text()));
    bool locked = false;
    bool released = false;
    const auto connection =
        connect(&m_desk->runner, &BatchRunner::progressChanged, this, [&](const BatchProgress &p) {
            if (locked || p.summary.count(BatchOutcome::InFlight) != inFlight)
                return;
            locked = QSqlQuery(locker).exec(u"BEGIN IMMEDIATE"_s);
            QTimer::singleShot(lockMs, this, [&] { released = QSqlQuery(locker).exec(u"COMMIT"_s); });
        });
    QElapsedTimer sinceTick;
    sinceTick.start();
    qint64 longestStall = 0;
    QTimer tick;
    connect(&tick, &QTimer::timeout, this,
            [&] { longestStall = std::max(longestStall, sinceTick.restart()); });
    tick.start(50);
    const BatchSummary ran = runToEnd(*m_desk, batchId, options, state);
    tick.stop();
    disconnect(connection);
    if (!locked)
        qFatal("the write lock was never taken");
    // A run that paused may end before the lock does: released before the connection goes.
    if (!QTest::qWaitFor([&] { return released; }, lockMs + 2000))
        qFatal("the write lock was never released");
    if (summary)
        *summary = ran;
    locker.close();
    locker = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"locker"_s);
    return longestStall;
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

int TestBatchRunner::chargesOf(const QString &cardToken) const
{
    int n = 0;
    for (const RecordedRequest &r : m_sim->requests()) {
        if (r.path == collectPath &&
            QJsonDocument::fromJson(r.body).object().value(u"card_token"_s).toString() == cardToken)
            ++n;
    }
    return n;
}

qint64 TestBatchRunner::addCard(const QString &token)
{
    Store &s = m_db->store();
    return addToken(s, addCustomer(s, u"Customer "_s + token), token, m_clock->today(), 10,
                    Money(5000, u"QAR"_s));
}

QList<BatchItem> TestBatchRunner::plan(const QList<qint64> &cards)
{
    QString csv = u"token_id,amount\n"_s;
    for (qint64 card : cards)
        csv += u"%1,12.50\n"_s.arg(card);
    auto planned = BatchPlanner::plan(*m_desk->store, BatchFile::read(csv.toUtf8()).value(), *m_clock);
    if (!planned.ok())
        qFatal("plan: %s", qPrintable(planned.error().toString()));
    return planned.value();
}

BatchService TestBatchRunner::service()
{
    BatchService batches(*m_desk->store, *m_clock);
    batches.setOperatorName(u"Batch Tester"_s);
    return batches;
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
        int n = 0;
        for (const BatchItem &item : s.batchItems(batch, query).value()) {
            // The rows a runner's window writes ahead (ChargeWindow), as the crash left them.
            Payment p;
            p.orderId = u"dead-run-%1"_s.arg(++n);
            p.tokenId = item.tokenId;
            p.customerId = item.customerId;
            p.amount = item.amount;
            p.expectedAmount = item.expectedAmount;
            p.currency = item.currency;
            p.state = PaymentState::Pending;
            p.ownerSession = s.sessionId();
            p.createdAt = p.updatedAt = m_clock->now();
            auto id = s.insertPayment(p);
            QVERIFY2(id.ok(), qPrintable(id.error().toString()));
            QVERIFY(s.markBatchItemSent(item.id, p.orderId, id.value(), m_clock->now()).ok());
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

void TestBatchRunner::retryingTwiceNeverChargesACardTwice()
{
    const QString first = u"tok+/\\|batch-1="_s, second = u"tok+/\\|batch-4="_s;
    m_sim->script(first, {SimulatedBehaviour::Kind::InsufficientFunds});
    m_sim->script(second, {SimulatedBehaviour::Kind::InsufficientFunds});
    const qint64 batch = makeBatch(6);
    runToEnd(*m_desk, batch);
    BatchService batches = service();

    // The first retry charges one card; the other is declined again.
    m_sim->script(first, {SimulatedBehaviour::Kind::Approve});
    auto retry = batches.retryInsufficientFunds(batch);
    QVERIFY2(retry.ok(), qPrintable(retry.error().toString()));
    BatchSummary summary = runToEnd(*m_desk, retry.value());
    QCOMPARE(summary.count(BatchOutcome::Approved), 1);
    QCOMPARE(summary.count(BatchOutcome::Declined), 1);

    // Two days later (past any "recent charge" window) the clerk retries the first batch again.
    m_clock->advanceSecs(2 * 24 * 3600);
    auto again = batches.retryInsufficientFunds(batch);
    QVERIFY2(again.ok(), qPrintable(again.error().toString()));
    const QList<BatchItem> items = batches.items(again.value()).value();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).state, BatchItemState::Skipped); // charged by the first retry
    QCOMPARE(items.at(0).skip, u"charged-since"_s);
    QCOMPARE(items.at(1).state, BatchItemState::Queued); // declined twice: nothing was taken
    m_sim->script(second, {SimulatedBehaviour::Kind::Approve});
    summary = runToEnd(*m_desk, again.value());
    QCOMPARE(summary.count(BatchOutcome::Approved), 1);
    QCOMPARE(chargesOf(first), 2);  // declined, approved: never a second approval
    QCOMPARE(chargesOf(second), 3); // declined, declined, approved
}

void TestBatchRunner::aCardInTwoRunsIsChargedOnce()
{
    const QList<qint64> cards{addCard(u"two-runs-a"_s), addCard(u"two-runs-b"_s), addCard(u"two-runs-c"_s)};
    BatchService batches = service();
    // Two dry runs of the same file before either is saved.
    const QList<BatchItem> planA = plan(cards), planB = plan(cards);
    auto a = batches.create(u"A"_s, u"file.csv"_s, planA);
    QVERIFY2(a.ok(), qPrintable(a.error().toString()));
    // The second is refused as a whole: its cards wait in batch A. Nothing of it is written.
    auto b = batches.create(u"B"_s, u"file.csv"_s, planB);
    QVERIFY(!b.ok());
    QCOMPARE(b.error().kind, ErrorKind::Conflict);
    QCOMPARE(m_desk->store->findBatches(10)->size(), 1);
    // A dry run made now skips every card, naming the batch it waits in.
    for (const BatchItem &item : plan(cards)) {
        QCOMPARE(item.skip, u"in-another-batch"_s);
        QVERIFY2(item.reason.contains(QString::number(a.value())), qPrintable(item.reason));
    }
    QCOMPARE(runToEnd(*m_desk, a.value()).count(BatchOutcome::Approved), 3);
    // Hours later, the same file again: every card was charged in the last 24 hours.
    m_clock->advanceSecs(5 * 3600);
    for (const BatchItem &item : plan(cards))
        QCOMPARE(item.skip, u"recent-charge"_s);
    QVERIFY(!batches.create(u"C"_s, u"file.csv"_s, plan(cards)).ok());
    for (const QString &token : {u"two-runs-a"_s, u"two-runs-b"_s, u"two-runs-c"_s})
        QCOMPARE(chargesOf(token), 1);
}

void TestBatchRunner::cardChargedAtTheDeskAfterPlanningIsNotChargedAgain()
{
    const qint64 atDesk = addCard(u"desk-charged"_s), other = addCard(u"desk-other"_s);
    BatchService batches = service();
    auto batch = batches.create(u"Monthly"_s, u"file.csv"_s, plan({atDesk, other}));
    QVERIFY2(batch.ok(), qPrintable(batch.error().toString()));
    // A clerk charges one of its cards by hand; the batch runs an hour later (past the desk's
    // ten-minute repeat warning).
    m_clock->advanceSecs(60);
    QSignalSpy charged(&m_desk->payments, &PaymentService::chargeFinished);
    QVERIFY(m_desk->payments.charge(ChargeRequest(atDesk, Money(1250, u"QAR"_s))).ok());
    QVERIFY(charged.wait(5000));
    m_clock->advanceSecs(3600);
    const BatchSummary summary = runToEnd(*m_desk, batch.value());
    QCOMPARE(summary.count(BatchOutcome::Approved), 1);
    QCOMPARE(summary.count(BatchOutcome::Refused), 1);
    QCOMPARE(chargesOf(u"desk-charged"_s), 1);
    const BatchItem refused = batches.items(batch.value())->first();
    QCOMPARE(refused.skip, u"charged-since"_s);
    QCOMPARE(m_desk->store->auditFor(u"batch-item"_s, refused.id)->last().action, u"batch.item.refused"_s);
}

void TestBatchRunner::staleDryRunIsNotSavedOnceItsCardsWereCharged()
{
    const QList<qint64> cards{addCard(u"stale-a"_s), addCard(u"stale-b"_s)};
    BatchService batches = service();
    // Two windows load the same file; the first runs it to the end; the second's Start comes later.
    const QList<BatchItem> planA = plan(cards), planB = plan(cards);
    auto a = batches.create(u"A"_s, u"file.csv"_s, planA);
    QVERIFY(a.ok());
    QCOMPARE(runToEnd(*m_desk, a.value()).count(BatchOutcome::Approved), 2);
    m_clock->advanceSecs(40 * 60); // past the desk's ten-minute warning
    auto b = batches.create(u"B"_s, u"file.csv"_s, planB);
    QVERIFY(!b.ok());
    QCOMPARE(b.error().kind, ErrorKind::Conflict);
    QVERIFY2(b.error().message.contains(u"dry run again"_s), qPrintable(b.error().message));
    QCOMPARE(m_desk->store->findBatches(10)->size(), 1);
    // A card charged at the desk between another dry run and its Start, likewise.
    const qint64 third = addCard(u"stale-c"_s);
    const QList<BatchItem> planC = plan({third});
    QSignalSpy charged(&m_desk->payments, &PaymentService::chargeFinished);
    QVERIFY(m_desk->payments.charge(ChargeRequest(third, Money(1250, u"QAR"_s))).ok());
    QVERIFY(charged.wait(5000));
    m_clock->advanceSecs(30 * 60);
    QVERIFY(!batches.create(u"C"_s, u"file.csv"_s, planC).ok());
    QCOMPARE(chargesOf(u"stale-a"_s), 1);
    QCOMPARE(chargesOf(u"stale-c"_s), 1);
}

void TestBatchRunner::chargeStampedByASlowClockIsStillSeen()
{
    const qint64 card = addCard(u"skewed"_s);
    BatchService batches = service();
    auto batch = batches.create(u"Monthly"_s, u"file.csv"_s, plan({card}));
    QVERIFY(batch.ok());
    // Another desk whose clock runs five minutes behind charges the card right after; its payment
    // is stamped before the batch was saved.
    m_clock->advanceSecs(-5 * 60);
    QSignalSpy charged(&m_desk->payments, &PaymentService::chargeFinished);
    QVERIFY(m_desk->payments.charge(ChargeRequest(card, Money(1250, u"QAR"_s))).ok());
    QVERIFY(charged.wait(5000));
    m_clock->advanceSecs(65 * 60);
    const BatchSummary summary = runToEnd(*m_desk, batch.value());
    QCOMPARE(summary.count(BatchOutcome::Refused), 1);
    QCOMPARE(chargesOf(u"skewed"_s), 1);
}

void TestBatchRunner::revokeInFlightRefusesOnlyItsCard()
{
    const qint64 batch = makeBatch(4);
    const qint64 card = service().items(batch)->first().tokenId;
    SimulatedBehaviour slow;
    slow.delayMs = 1500;
    m_sim->script(m_desk->store->token(card)->token, slow);
    QVERIFY(m_desk->payments.revoke(card, u"customer asked"_s).ok());
    const BatchSummary summary = runToEnd(*m_desk, batch);
    QCOMPARE(summary.count(BatchOutcome::Approved), 3);
    QCOMPARE(summary.count(BatchOutcome::Refused), 1);
    QCOMPARE(chargesOf(m_desk->store->token(card)->token), 0);
}

void TestBatchRunner::faultThatDoesNotClearPausesTheRun()
{
    const qint64 batch = makeBatch(5);
    // Every window fails when it turns its items sent, as a broken database would.
    QCOMPARE(m_db->execRaw(u"CREATE TRIGGER broken BEFORE UPDATE ON batch_items WHEN NEW.state = 'sent'"
                           " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"_s),
             QString());
    QSignalSpy problems(&m_desk->runner, &BatchRunner::problem);
    BatchState state = BatchState::Running;
    BatchSummary summary = runToEnd(*m_desk, batch, {}, &state);
    QCOMPARE(state, BatchState::Paused); // not trying for ever
    QCOMPARE(problems.size(), BatchRunner::MaxWindowFailures);
    QVERIFY2(problems.last().at(0).toString().contains(u"paused"_s),
             qPrintable(problems.last().at(0).toString()));
    QCOMPARE(collectOrderIds().size(), 0);
    QCOMPARE(summary.count(BatchOutcome::Queued), 5);
    QCOMPARE(m_desk->store->auditFor(u"batch"_s, batch)->last().action, u"batch.paused"_s);
    // Mended: the run resumes and sends each item once.
    QCOMPARE(m_db->execRaw(u"DROP TRIGGER broken"_s), QString());
    summary = runToEnd(*m_desk, batch, {}, &state);
    QCOMPARE(state, BatchState::Finished);
    QCOMPARE(summary.count(BatchOutcome::Approved), 5);
    QCOMPARE(collectOrderIds().size(), 5);
}

void TestBatchRunner::answersArrivingWhileTheDatabaseIsLockedAreSavedTogether()
{
    SimulatedBehaviour slow;
    slow.delayMs = 300;
    m_sim->setDefaultBehaviour(slow);
    const qint64 batch = makeBatch(8);
    // Another program holds the write lock from the moment all eight are in flight, for 8 s.
    BatchSummary summary;
    const qint64 longestStall = runWhileLocked(batch, {8, 0}, 8, 8000, &summary);
    QCOMPARE(summary.count(BatchOutcome::Approved), 8);
    QCOMPARE(collectOrderIds().size(), 8);
    // One wait for the lock per attempt (the database's busy timeout), not one per answer.
    QVERIFY2(longestStall < 12000, qPrintable(QString::number(longestStall)));
    for (const BatchItem &item : service().items(batch).value())
        QCOMPARE(item.payment->state, PaymentState::Approved);
}

void TestBatchRunner::answersRideWithTheNextWindow()
{
    // One in flight: each answer arrives while the next item waits. The window that writes the
    // next charge ahead saves the answer in its transaction; nothing is saved twice or lost.
    const qint64 batch = makeBatch(6);
    QList<qint64> arrived;
    connect(&m_desk->payments, &PaymentService::chargeAnswersArrived, this,
            [&](const QList<qint64> &ids) { arrived << ids; });
    // When an answer is finished, the next charge is already written ahead: it was carried.
    int finished = 0;
    int carried = 0;
    connect(&m_desk->payments, &PaymentService::chargeFinished, this, [&](qint64, PaymentState) {
        ++finished;
        if (m_desk->store->countPayments(PaymentQuery{}).value() > finished)
            ++carried;
    });
    // Durable commits on the file while the run goes (SQLite's own count, by its commit hook).
    CommitCounter commits(m_db->path());
    QVERIFY2(commits.isCounting(), "SQLite's commit hook could not be set");
    BatchState state = BatchState::Running;
    const BatchSummary summary = runToEnd(*m_desk, batch, {1, 0}, &state);
    // Six windows (the first alone, each next one with the answer before it), the last answer's
    // window with nothing left to send, and the run's own bookkeeping (recovery, start, finish). Saved on
    // their own, the answers would add six more.
    qInfo() << "commits during the run:" << commits.count();
    QVERIFY2(commits.count() <= 10, qPrintable(QString::number(commits.count())));
    QCOMPARE(state, BatchState::Finished);
    QCOMPARE(summary.count(BatchOutcome::Approved), 6);
    QCOMPARE(collectOrderIds().size(), 6);
    QCOMPARE(arrived.size(), 6);
    QCOMPARE(carried, 5); // every answer but the last rode with the next window
    for (const BatchItem &item : service().items(batch).value()) {
        QCOMPARE(item.payment->state, PaymentState::Approved);
        QCOMPARE(m_desk->store->auditFor(u"payment"_s, item.paymentId)->size(), 2); // requested, settled
    }
}

void TestBatchRunner::answersCarriedByAFailedWindowAreStillSaved()
{
    // The window after the first two carries their answers, then fails on its own row: its
    // transaction is undone, and the answers it carried must be saved all the same.
    const qint64 batch = makeBatch(5);
    QCOMPARE(m_db->execRaw(u"CREATE TRIGGER third_fails BEFORE UPDATE ON batch_items WHEN NEW.state = 'sent'"
                           " AND (SELECT count(*) FROM batch_items WHERE state = 'sent') >= 2"
                           " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"_s),
             QString());
    int arrivals = 0;
    connect(&m_desk->payments, &PaymentService::chargeAnswersArrived, this, [&] { ++arrivals; });
    BatchState state = BatchState::Running;
    const BatchSummary summary = runToEnd(*m_desk, batch, {2, 0}, &state);
    QVERIFY(arrivals > 0);
    QCOMPARE(state, BatchState::Paused); // the window kept failing
    QCOMPARE(collectOrderIds().size(), 2);
    QCOMPARE(summary.count(BatchOutcome::Approved), 2);
    QCOMPARE(summary.count(BatchOutcome::Queued), 3);
    int approved = 0;
    for (const BatchItem &item : service().items(batch).value()) {
        if (item.payment) {
            QCOMPARE(item.payment->state, PaymentState::Approved);
            // Saved once: requested and settled, no second settle ("late reply").
            QCOMPARE(m_desk->store->auditFor(u"payment"_s, item.paymentId)->size(), 2);
            ++approved;
        }
    }
    QCOMPARE(approved, 2);
    auto open = m_desk->store->counts();
    QCOMPARE(open->openCharges, 0);
}

void TestBatchRunner::lockedDatabaseIsWaitedForOnceWhenAWindowCarriesAnswers()
{
    // Two in flight, more queued, and another program holds the write lock when both are in
    // flight. The answers arrive; the window meant to carry them cannot begin. That failed
    // attempt is theirs too: they are kept and retried, not made to wait for the lock again.
    SimulatedBehaviour slow;
    slow.delayMs = 300;
    m_sim->setDefaultBehaviour(slow);
    const qint64 batch = makeBatch(6);
    BatchState state = BatchState::Running;
    const qint64 longestStall = runWhileLocked(batch, {2, 0}, 2, 7000, nullptr, &state);
    // One busy timeout (5 s) at a time, never two back to back.
    QVERIFY2(longestStall < 8000, qPrintable(QString::number(longestStall)));
    if (state == BatchState::Paused) // the lock outlasted the window's retries: resumed once free
        QCOMPARE(runToEnd(*m_desk, batch, {2, 0}, &state).count(BatchOutcome::Queued), 0);
    QCOMPARE(state, BatchState::Finished);
    QCOMPARE(collectOrderIds().size(), 6);
    for (const BatchItem &item : service().items(batch).value())
        QCOMPARE(item.payment->state, PaymentState::Approved);
}

void TestBatchRunner::chargeWindowIsRefusedInsideAnotherTransaction()
{
    // Inside a transaction of the caller's, the window's commit would only end its part: the
    // charge would leave before its row is durable (and be lost with a rollback). Refused.
    const qint64 card = addCard(u"tok-outer"_s);
    {
        Store::Transaction outer(*m_desk->store);
        QVERIFY(outer.started().ok());
        auto charged = m_desk->payments.charge(ChargeRequest(card, Money(1250, u"QAR"_s)));
        QVERIFY(!charged.ok());
        QCOMPARE(charged.error().kind, ErrorKind::Internal);
    } // rolled back
    QTest::qWait(300);
    QCOMPARE(collectOrderIds().size(), 0);
    QCOMPARE(m_desk->store->counts()->payments, 0);
    // Outside one, the same charge goes.
    QVERIFY(m_desk->payments.charge(ChargeRequest(card, Money(1250, u"QAR"_s))).ok());
    QTRY_COMPARE(collectOrderIds().size(), 1);
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
