// Billing runs in the store (issue 16 #2), on every backend (main() at the bottom): batches and
// items round-trip; an item is sent once, by the transaction that writes its payment ahead; one
// item = one order id forever; the database itself refuses what breaks those rules; two
// connections claiming one batch's items at once never both take one.

#include "EveryBackend.h"
#include "StoreBackend.h"
#include "StoreRows.h"

#include "store/Store.h"

#include <QSet>
#include <QTest>

#include <latch>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;
using namespace fatora;
using fatora::test::StoreBackend;

namespace {

const QDate Today(2026, 11, 25);

QDateTime at(int minutes)
{
    return QDateTime(Today, QTime(10, 0), Qt::UTC).addSecs(qint64(minutes) * 60);
}

} // namespace

class TestBatchStore : public QObject
{
    Q_OBJECT

public:
    explicit TestBatchStore(StoreBackend &backend) : m_backend(backend) {}

private slots:
    void init();
    void cleanup();

    void batchRoundTrip();
    void itemsRoundTripInFileOrder();
    void itemIsSentOnceWithItsPayment();
    void refusedAndCancelledItemsAreNeverSent();
    void databaseKeepsTheItemRules_data();
    void databaseKeepsTheItemRules();
    void finishedBatchNeverRunsAgain();
    void tokenNeverInItemTexts();
    void twoConnectionsClaimEachItemOnce();

private:
    Store &store() { return *m_store; }
    qint64 newCard(const QString &text, qint64 *customerId = nullptr);
    qint64 newBatch(const QString &name = u"November fees"_s);
    qint64 newItem(qint64 batchId, qint64 tokenId, int line, BatchItemState state = BatchItemState::Queued);
    // What a runner does for one item: the pending payment under a fresh order id, and the claim.
    static Result<void> sendItem(Store &store, const BatchItem &item, const QString &orderId);

    StoreBackend &m_backend;
    std::unique_ptr<Store> m_store;
    int m_cards = 0;
};

void TestBatchStore::init()
{
    auto fresh = m_backend.createFresh();
    QVERIFY2(fresh.ok(), qPrintable(fresh.error().toString()));
    m_store = std::move(fresh).value();
    m_cards = 0;
}

void TestBatchStore::cleanup()
{
    m_store.reset();
}

qint64 TestBatchStore::newCard(const QString &text, qint64 *customerId)
{
    Customer c;
    c.name = u"Customer "_s + QString::number(++m_cards);
    c.reference = u"REF-"_s + QString::number(m_cards);
    c.createdAt = at(0);
    const qint64 customer = store().addCustomer(c).value();
    CardToken t;
    t.customerId = customer;
    t.token = text;
    t.issuedOn = Today.addDays(-10);
    t.expiresOn = CardToken::defaultExpiry(t.issuedOn);
    t.firstAmount = Money(5000, u"QAR"_s);
    t.currency = u"QAR"_s;
    t.createdAt = at(0);
    auto id = store().addToken(t);
    if (!id.ok())
        qFatal("card: %s", qPrintable(id.error().toString()));
    if (customerId)
        *customerId = customer;
    return id.value();
}

qint64 TestBatchStore::newBatch(const QString &name)
{
    Batch b;
    b.name = name;
    b.operatorName = u"Sara"_s;
    b.source = u"fees.csv"_s;
    b.createdAt = at(1);
    auto id = store().insertBatch(b);
    if (!id.ok())
        qFatal("batch: %s", qPrintable(id.error().toString()));
    return id.value();
}

qint64 TestBatchStore::newItem(qint64 batchId, qint64 tokenId, int line, BatchItemState state)
{
    BatchItem item;
    item.batchId = batchId;
    item.line = line;
    item.given = u"token_id "_s + QString::number(tokenId);
    item.tokenId = tokenId;
    item.customerId = tokenId ? store().token(tokenId).value().customerId : 0;
    item.currency = u"QAR"_s;
    item.amount = Money(1000 + line, u"QAR"_s);
    item.state = state;
    if (state == BatchItemState::Skipped) {
        item.skip = u"open-charge"_s;
        item.reason = u"line %1: an open charge"_s.arg(line);
    }
    item.updatedAt = at(1);
    auto id = store().insertBatchItem(item);
    if (!id.ok())
        qFatal("item: %s", qPrintable(id.error().toString()));
    return id.value();
}

Result<void> TestBatchStore::sendItem(Store &s, const BatchItem &item, const QString &orderId)
{
    Payment p;
    p.orderId = orderId;
    p.tokenId = item.tokenId;
    p.customerId = item.customerId;
    p.amount = item.amount;
    p.currency = item.currency;
    p.state = PaymentState::Pending;
    p.ownerSession = s.sessionId();
    p.createdAt = at(2);
    p.updatedAt = at(2);
    auto id = s.insertPayment(p);
    if (!id.ok())
        return id.error();
    return s.markBatchItemSent(item.id, orderId, id.value(), at(2));
}

void TestBatchStore::batchRoundTrip()
{
    const qint64 first = newBatch(u"October"_s);
    const qint64 second = newBatch(u"  November  "_s);
    auto b = store().batch(second);
    QVERIFY(b.ok());
    QCOMPARE(b->name, u"November"_s);
    QCOMPARE(b->state, BatchState::Ready);
    QCOMPARE(b->operatorName, test::recordedOperator(store(), u"Sara"_s));
    QCOMPARE(b->source, u"fees.csv"_s);
    QCOMPARE(b->createdAt, at(1));
    QVERIFY(store().setBatchState(second, BatchState::Running, at(3)).ok());
    QCOMPARE(store().batch(second)->state, BatchState::Running);
    QCOMPARE(store().batch(second)->updatedAt, at(3));
    auto all = store().findBatches(10);
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).id, second); // newest first
    QCOMPARE(all->at(1).id, first);
    QVERIFY(store().batch(999).error().is(ErrorKind::NotFound));
    Batch nameless;
    nameless.createdAt = at(1);
    QVERIFY(store().insertBatch(nameless).error().is(ErrorKind::Validation));
}

void TestBatchStore::itemsRoundTripInFileOrder()
{
    const qint64 card = newCard(u"tok_Round+/\\|=Trip"_s);
    const qint64 batch = newBatch();
    const qint64 a = newItem(batch, card, 2);
    const qint64 b = newItem(batch, 0, 3, BatchItemState::Skipped);
    auto items = store().batchItems(batch, {});
    QVERIFY2(items.ok(), qPrintable(items.error().toString()));
    QCOMPARE(items->size(), 2);
    const BatchItem &first = items->at(0);
    QCOMPARE(first.id, a);
    QCOMPARE(first.line, 2);
    QCOMPARE(first.state, BatchItemState::Queued);
    QCOMPARE(first.amount, std::optional<Money>(Money(1002, u"QAR"_s)));
    QCOMPARE(first.customerName, u"Customer 1"_s);
    QCOMPARE(first.tokenMask, CardToken::maskToken(u"tok_Round+/\\|=Trip"_s));
    QVERIFY(!first.payment);
    QVERIFY(first.orderId.isEmpty());
    QCOMPARE(items->at(1).id, b);
    QCOMPARE(items->at(1).state, BatchItemState::Skipped);
    QCOMPARE(items->at(1).skip, u"open-charge"_s);
    QCOMPARE(items->at(1).tokenId, 0);

    BatchItemQuery queued;
    queued.state = BatchItemState::Queued;
    QCOMPARE(store().batchItems(batch, queued)->size(), 1);
    BatchItemQuery after;
    after.afterId = a;
    QCOMPARE(store().batchItems(batch, after)->size(), 1);

    BatchItem sent;
    sent.batchId = batch;
    sent.tokenId = card;
    sent.currency = u"QAR"_s;
    sent.state = BatchItemState::Sent;
    QVERIFY(store().insertBatchItem(sent).error().is(ErrorKind::Validation)); // sent only by the runner
}

void TestBatchStore::itemIsSentOnceWithItsPayment()
{
    const qint64 card = newCard(u"tok_Once+/\\|=9Xq"_s);
    const qint64 batch = newBatch();
    newItem(batch, card, 2);
    BatchItem item = store().batchItems(batch, {})->first();
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        auto sent = sendItem(store(), item, u"BO-ONCE-1"_s);
        QVERIFY2(sent.ok(), qPrintable(sent.error().toString()));
        QVERIFY(tx.commit().ok());
    }
    item = store().batchItems(batch, {})->first();
    QCOMPARE(item.state, BatchItemState::Sent);
    QCOMPARE(item.orderId, u"BO-ONCE-1"_s);
    QVERIFY(item.payment);
    QCOMPARE(item.payment->orderId, u"BO-ONCE-1"_s);
    QCOMPARE(item.payment->state, PaymentState::Pending);
    QCOMPARE(batchOutcome(item), BatchOutcome::InFlight);

    // A second claim of the same item: refused, nothing changed.
    auto again = store().markBatchItemSent(item.id, u"BO-ONCE-1"_s, item.paymentId, at(5));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    QVERIFY(
        store().markBatchItemRefused(item.id, u"refused"_s, u"no"_s, at(5)).error().is(ErrorKind::Conflict));
    QCOMPARE(store().batchItems(batch, {})->first().orderId, u"BO-ONCE-1"_s);

    // The payment's outcome is the item's, read with it.
    Payment p = store().payment(item.paymentId).value();
    p.state = PaymentState::Approved;
    QVERIFY(store().updatePayment(p).ok());
    QCOMPARE(batchOutcome(store().batchItems(batch, {})->first()), BatchOutcome::Approved);
}

void TestBatchStore::refusedAndCancelledItemsAreNeverSent()
{
    const qint64 batch = newBatch();
    const qint64 a = newItem(batch, newCard(u"tok_refused_0001"_s), 2);
    newItem(batch, newCard(u"tok_cancel_00001"_s), 3);
    newItem(batch, newCard(u"tok_cancel_00002"_s), 4);
    QVERIFY(store().markBatchItemRefused(a, u"refused"_s, u"line 2: card revoked"_s, at(3)).ok());
    auto cancelled = store().cancelQueuedBatchItems(batch, at(4));
    QVERIFY(cancelled.ok());
    QCOMPARE(cancelled.value(), 2);
    const auto items = store().batchItems(batch, {}).value();
    QCOMPARE(items.at(0).state, BatchItemState::Refused);
    QCOMPARE(items.at(0).reason, u"line 2: card revoked"_s);
    QCOMPARE(items.at(1).state, BatchItemState::Cancelled);
    const BatchItem cancelledItem = items.at(2);
    QVERIFY(!sendItem(store(), cancelledItem, u"BO-LATE-1"_s).ok());
    QCOMPARE(store().cancelQueuedBatchItems(batch, at(5)).value(), 0);
}

void TestBatchStore::databaseKeepsTheItemRules_data()
{
    QTest::addColumn<QString>(
        "statement"); // %1 a sent item, %2 a queued item, %3 its batch, %4 another payment

    QTest::newRow("sent item back to queued") << u"UPDATE batch_items SET state = 'queued' WHERE id = %1"_s;
    QTest::newRow("sent item's order id swapped")
        << u"UPDATE batch_items SET order_id = 'BO-OTHER' WHERE id = %1"_s;
    QTest::newRow("sent item's amount changed") << u"UPDATE batch_items SET amount_minor = 1 WHERE id = %1"_s;
    QTest::newRow("item deleted") << u"DELETE FROM batch_items WHERE id = %2"_s;
    QTest::newRow("batch deleted") << u"DELETE FROM batches WHERE id = %3"_s;
    QTest::newRow("queued item sent without a payment")
        << u"UPDATE batch_items SET state = 'sent' WHERE id = %2"_s;
    QTest::newRow("queued item sent as another card's payment")
        << u"UPDATE batch_items SET state = 'sent', order_id = 'BO-RULE-0', payment_id = %4 WHERE id = %2"_s;
    QTest::newRow("second item with the same order id")
        << u"UPDATE batch_items SET state = 'sent', order_id = 'BO-RULE-1', payment_id = %4 WHERE id = %2"_s;
    QTest::newRow("written already sent")
        << u"INSERT INTO batch_items (batch_id, line, state, token_id, order_id, payment_id, updated_at)"
           " VALUES (%3, 9, 'sent', NULL, 'BO-X', %4, '2026-11-25T10:00:00.000Z')"_s;
    QTest::newRow("queued without a card") << u"INSERT INTO batch_items (batch_id, line, state, updated_at)"
                                              " VALUES (%3, 9, 'queued', '2026-11-25T10:00:00.000Z')"_s;
}

void TestBatchStore::databaseKeepsTheItemRules()
{
    QFETCH(QString, statement);
    const qint64 batch = newBatch();
    newItem(batch, newCard(u"tok_rule_sent_01"_s), 2);
    const qint64 queued = newItem(batch, newCard(u"tok_rule_queue_1"_s), 3);
    BatchItem sent = store().batchItems(batch, {})->first();
    QVERIFY(sendItem(store(), sent, u"BO-RULE-1"_s).ok());
    sent = store().batchItems(batch, {})->first();
    const qint64 other = sent.paymentId;
    const QString sql = statement.arg(QString::number(sent.id), QString::number(queued),
                                      QString::number(batch), QString::number(other));
    const QString refused = m_backend.execRaw(sql);
    QVERIFY2(!refused.isEmpty(), qPrintable(u"the database took: "_s + sql));
    const auto after = store().batchItems(batch, {}).value();
    QCOMPARE(after.size(), 2);
    QCOMPARE(after.at(0).orderId, u"BO-RULE-1"_s);
    QCOMPARE(after.at(1).state, BatchItemState::Queued);
}

void TestBatchStore::finishedBatchNeverRunsAgain()
{
    const qint64 batch = newBatch();
    QVERIFY(store().setBatchState(batch, BatchState::Finished, at(3)).ok());
    QVERIFY(!store().setBatchState(batch, BatchState::Running, at(4)).ok());
    QCOMPARE(store().batch(batch)->state, BatchState::Finished);
    const qint64 cancelled = newBatch();
    QVERIFY(store().setBatchState(cancelled, BatchState::Cancelled, at(3)).ok());
    QVERIFY(!store().setBatchState(cancelled, BatchState::Paused, at(4)).ok());
}

void TestBatchStore::tokenNeverInItemTexts()
{
    const QString token = u"tok_Secret+/\\|=Zz9"_s;
    const qint64 card = newCard(token);
    const qint64 batch = newBatch();
    BatchItem item;
    item.batchId = batch;
    item.line = 2;
    item.tokenId = card;
    item.customerId = store().token(card)->customerId;
    item.currency = u"QAR"_s;
    item.given = u"token_id 1 "_s + token;
    item.note = u"card "_s + token;
    item.updatedAt = at(1);
    QVERIFY(store().insertBatchItem(item).ok());
    const BatchItem back = store().batchItems(batch, {})->first();
    QVERIFY(!back.given.contains(token));
    QVERIFY(!back.note.contains(token));
    QVERIFY(back.note.contains(CardToken::maskToken(token)));
}

void TestBatchStore::twoConnectionsClaimEachItemOnce()
{
    constexpr int Items = 40;
    const qint64 batch = newBatch();
    for (int i = 0; i < Items; ++i)
        newItem(batch, newCard(u"tok_race_%1_abcd"_s.arg(i)), i + 2);

    std::latch start(2);
    std::mutex mutex;
    QList<qint64> claimed[2];
    QString trouble[2];
    auto runner = [&](int who) {
        auto connection = m_backend.connectAgain();
        start.arrive_and_wait();
        if (!connection.ok()) {
            trouble[who] = connection.error().toString();
            return;
        }
        Store &s = *connection.value();
        for (int round = 0; round < 200; ++round) {
            Store::Transaction tx(s);
            if (!tx.started().ok())
                continue; // busy: the other runner holds the lock a moment
            BatchItemQuery query;
            query.state = BatchItemState::Queued;
            query.limit = 3;
            auto items = s.batchItems(batch, query);
            if (!items.ok()) {
                trouble[who] = items.error().toString();
                return;
            }
            if (items->isEmpty())
                return;
            QList<qint64> mine;
            bool failed = false;
            for (const BatchItem &item : items.value()) {
                auto sent = sendItem(s, item, u"BO-R%1-%2"_s.arg(who).arg(item.id));
                if (!sent.ok()) {
                    std::lock_guard lock(mutex);
                    trouble[who] = sent.error().toString();
                    failed = true;
                    break;
                }
                mine << item.id;
            }
            if (failed)
                return;
            if (tx.commit().ok())
                claimed[who] << mine;
        }
    };
    std::thread a(runner, 0);
    std::thread b(runner, 1);
    a.join();
    b.join();
    QVERIFY2(trouble[0].isEmpty(), qPrintable(trouble[0]));
    QVERIFY2(trouble[1].isEmpty(), qPrintable(trouble[1]));
    QSet<qint64> all;
    for (const auto &list : claimed) {
        for (qint64 id : list)
            QVERIFY2(!all.contains(id), "an item was claimed twice");
        all.unite(QSet<qint64>(list.cbegin(), list.cend()));
    }
    QCOMPARE(all.size(), Items);
    const auto items = store().batchItems(batch, {}).value();
    QSet<QString> orders;
    for (const BatchItem &item : items) {
        QCOMPARE(item.state, BatchItemState::Sent);
        QVERIFY(item.payment);
        orders.insert(item.orderId);
    }
    QCOMPARE(orders.size(), Items);
    QCOMPARE(store().counts()->payments, Items);
}

int main(int argc, char **argv)
{
    return fatora::test::runOnEveryBackend<TestBatchStore>(argc, argv, "batch store on");
}

#include "tst_batchstore.moc"
