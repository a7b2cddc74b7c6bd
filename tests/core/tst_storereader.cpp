// The store reader (issue 13 item 1): reads run on a thread of their own over a connection of their
// own, answers come back on the asking thread in the order asked, and only to a receiver still
// alive. Once per backend: SQLite, then PostgreSQL.

#include "EveryBackend.h"
#include "StoreBackend.h"

#include "domain/Clock.h"
#include "store/StoreReader.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>

using namespace Qt::StringLiterals;

namespace fatora::test {

class TestStoreReader : public QObject
{
    Q_OBJECT

public:
    explicit TestStoreReader(StoreBackend &backend) : m_backend(backend) {}

private slots:
    void init();
    void cleanup();

    void readsOnItsOwnThreadAndAnswersOnTheAskers();
    void answersInTheOrderAsked();
    void aReceiverGoneGetsNothing();
    void errorsAreHandedBack();
    void seesWhatWasCommittedNotWhatIsStillOpen();
    void theAskingThreadKeepsRunningWhileItReads();
    void anOpeningFailureIsHandedBackAndTriedAgain();
    void destroyedWithReadsQueued();
    void comesBackAfterTheServerRestarted();

private:
    StoreReader::Opener opener()
    {
        return [backend = &m_backend] { return backend->connectAgain(); };
    }
    qint64 addCustomer(const QString &name);
    static bool waitIdle(StoreReader &reader, int timeoutMs = 10000)
    {
        return QTest::qWaitFor([&] { return reader.pending() == 0; }, timeoutMs);
    }

    StoreBackend &m_backend;
    std::unique_ptr<Store> m_store; // the asking thread's own connection
    SystemClock m_clock;
};

void TestStoreReader::init()
{
    auto fresh = m_backend.createFresh();
    QVERIFY2(fresh.ok(), qPrintable(fresh.error().toString()));
    m_store = std::move(fresh).value();
}

void TestStoreReader::cleanup()
{
    m_store.reset();
}

qint64 TestStoreReader::addCustomer(const QString &name)
{
    Customer c;
    c.name = name;
    c.createdAt = m_clock.now();
    auto id = m_store->addCustomer(c);
    return id.ok() ? id.value() : 0;
}

void TestStoreReader::readsOnItsOwnThreadAndAnswersOnTheAskers()
{
    const qint64 id = addCustomer(u"Layla Haddad"_s);
    QVERIFY(id);
    StoreReader reader(opener());
    QObject receiver;
    std::atomic<QThread *> workedOn{nullptr};
    QThread *answeredOn = nullptr;
    std::optional<QString> name;
    reader.read<Customer>(
        &receiver,
        [&workedOn, id](Store &store) {
            workedOn = QThread::currentThread();
            return store.customer(id);
        },
        [&](Result<Customer> found) {
            answeredOn = QThread::currentThread();
            name = found.ok() ? found->name : found.error().toString();
        });
    QCOMPARE(reader.pending(), 1);
    QSignalSpy idle(&reader, &StoreReader::idle);
    QVERIFY(waitIdle(reader));
    QCOMPARE(idle.count(), 1);
    QCOMPARE(name, std::optional<QString>(u"Layla Haddad"_s));
    QVERIFY(workedOn.load() != nullptr);
    QVERIFY2(workedOn.load() != QThread::currentThread(), "the read ran on the asking thread");
    QCOMPARE(answeredOn, QThread::currentThread());
    QCOMPARE(reader.completed(), 1);
}

void TestStoreReader::answersInTheOrderAsked()
{
    for (int i = 0; i < 5; ++i)
        QVERIFY(addCustomer(u"Customer %1"_s.arg(i)));
    StoreReader reader(opener());
    QObject receiver;
    QList<int> order;
    for (int i = 0; i < 30; ++i) {
        reader.read<int>(
            &receiver,
            [i](Store &store) -> Result<int> {
                auto n = store.countCustomers(CustomerQuery{});
                if (!n)
                    return n.error();
                return i * 100 + n.value();
            },
            [&order](Result<int> r) { order << (r.ok() ? r.value() : -1); });
    }
    QVERIFY(waitIdle(reader));
    QCOMPARE(order.size(), 30);
    for (int i = 0; i < 30; ++i)
        QCOMPARE(order[i], i * 100 + 5);
}

void TestStoreReader::aReceiverGoneGetsNothing()
{
    QVERIFY(addCustomer(u"Omar Farouk"_s));
    StoreReader reader(opener());
    bool answered = false;
    int answeredToSurvivor = 0;
    QObject survivor;
    {
        // A window closed while its read is on its way: the answer must not reach it.
        auto *closing = new QObject;
        auto *flag = &answered;
        reader.read<int>(
            closing,
            [](Store &store) {
                QThread::msleep(150);
                return store.countCustomers(CustomerQuery{});
            },
            [closing, flag](Result<int>) {
                *flag = true;
                closing->setObjectName(u"touched after deletion"_s);
            });
        reader.read<int>(
            &survivor, [](Store &store) { return store.countCustomers(CustomerQuery{}); },
            [&answeredToSurvivor](Result<int> r) { answeredToSurvivor = r.ok() ? r.value() : -1; });
        delete closing;
    }
    QVERIFY(waitIdle(reader));
    QVERIFY(!answered);
    QCOMPARE(answeredToSurvivor, 1);
    QCOMPARE(reader.completed(), 2);
}

void TestStoreReader::errorsAreHandedBack()
{
    StoreReader reader(opener());
    QObject receiver;
    std::optional<ErrorKind> kind;
    reader.read<Customer>(
        &receiver, [](Store &store) { return store.customer(987654); },
        [&kind](Result<Customer> r) { kind = r.ok() ? std::optional<ErrorKind>() : r.error().kind; });
    QVERIFY(waitIdle(reader));
    QCOMPARE(kind, std::optional<ErrorKind>(ErrorKind::NotFound));
}

void TestStoreReader::seesWhatWasCommittedNotWhatIsStillOpen()
{
    StoreReader reader(opener());
    QObject receiver;
    const auto count = [&] {
        int seen = -1;
        reader.read<int>(
            &receiver, [](Store &store) { return store.countCustomers(CustomerQuery{}); },
            [&seen](Result<int> r) { seen = r.ok() ? r.value() : -2; });
        return waitIdle(reader) ? seen : -3;
    };
    QCOMPARE(count(), 0);
    QVERIFY(addCustomer(u"Committed"_s));
    QCOMPARE(count(), 1); // asked after the commit returned: seen
    {
        // Its own connection: a write still open on the asker's is not read (nor waited for).
        Store::Transaction tx(*m_store);
        QVERIFY(tx.started().ok());
        QVERIFY(addCustomer(u"Not yet"_s));
        QCOMPARE(count(), 1);
        QVERIFY(tx.commit().ok());
    }
    QCOMPARE(count(), 2);
}

void TestStoreReader::theAskingThreadKeepsRunningWhileItReads()
{
    StoreReader reader(opener());
    QObject receiver;
    // A slow read (a slow network): the asking thread's 5 ms timer keeps ticking meanwhile. Each
    // read holds the reader 100 ms; seven of them in a row take 0.7 s on the reader's thread.
    int ticks = 0;
    QTimer timer;
    timer.setInterval(5);
    QObject::connect(&timer, &QTimer::timeout, [&ticks] { ++ticks; });
    timer.start();
    QElapsedTimer asked;
    asked.start();
    for (int i = 0; i < 7; ++i) {
        reader.read<int>(
            &receiver,
            [](Store &store) {
                QThread::msleep(100);
                return store.countCustomers(CustomerQuery{});
            },
            [](Result<int>) {});
    }
    QVERIFY2(asked.elapsed() < 100, "asking waited for the reads");
    QVERIFY(waitIdle(reader));
    // At 5 ms, 0.7 s is 140 ticks; on a loaded machine far fewer, but a blocked thread gets none.
    QVERIFY2(ticks >= 20, qPrintable(u"the asking thread ticked %1 times"_s.arg(ticks)));
}

void TestStoreReader::anOpeningFailureIsHandedBackAndTriedAgain()
{
    std::atomic<int> attempts{0};
    StoreReader reader([&attempts, backend = &m_backend]() -> Result<std::unique_ptr<Store>> {
        if (++attempts == 1)
            return Error{u"database"_s, u"The server is not answering."_s, ErrorKind::Unavailable};
        return backend->connectAgain();
    });
    QObject receiver;
    const auto count = [&] {
        QString seen;
        reader.read<int>(
            &receiver, [](Store &store) { return store.countCustomers(CustomerQuery{}); },
            [&seen](Result<int> r) { seen = r.ok() ? QString::number(r.value()) : r.error().toString(); });
        return waitIdle(reader) ? seen : u"no answer"_s;
    };
    QCOMPARE(count(), u"database: The server is not answering."_s);
    // Right after a failed attempt a read fails at once with the same words (no attempt each: each
    // may wait for the server's connect timeout)...
    QCOMPARE(count(), u"database: The server is not answering."_s);
    QCOMPARE(attempts.load(), 1);
    // ...and a read after RetryMs tries again.
    QTest::qWait(StoreReader::RetryMs + 100);
    QCOMPARE(count(), u"0"_s);
    QCOMPARE(attempts.load(), 2);
}

void TestStoreReader::destroyedWithReadsQueued()
{
    std::atomic<int> ran{0};
    int answered = 0;
    QObject receiver;
    QElapsedTimer took;
    {
        StoreReader reader(opener());
        for (int i = 0; i < 10; ++i) {
            reader.read<int>(
                &receiver,
                [&ran](Store &store) {
                    ++ran;
                    QThread::msleep(200);
                    return store.countCustomers(CustomerQuery{});
                },
                [&answered](Result<int>) { ++answered; });
        }
        QTRY_VERIFY(ran.load() >= 1);
        took.start();
    }
    // The read running was finished; the nine behind it were dropped, and nothing was answered.
    QCOMPARE(ran.load(), 1);
    QVERIFY2(took.elapsed() < 1500, "closing waited for the queued reads");
    QCoreApplication::processEvents();
    QCOMPARE(answered, 0);
}

void TestStoreReader::comesBackAfterTheServerRestarted()
{
    if (m_backend.name() != u"postgresql"_s)
        QSKIP("a database file does not go away");
    QVERIFY(addCustomer(u"Before the restart"_s));
    StoreReader reader(opener());
    QObject receiver;
    const auto count = [&] {
        QString seen;
        reader.read<int>(
            &receiver, [](Store &store) { return store.countCustomers(CustomerQuery{}); },
            [&seen](Result<int> r) {
                seen = r.ok() ? QString::number(r.value())
                              : u"unavailable:%1"_s.arg(r.error().is(ErrorKind::Unavailable));
            });
        return waitIdle(reader, 30000) ? seen : u"no answer"_s;
    };
    QCOMPARE(count(), u"1"_s);
    auto paused = PostgresTestServer::pause();
    QVERIFY2(paused.ok(), qPrintable(paused.error().message));
    QCOMPARE(count(), u"unavailable:1"_s);
    auto resumed = PostgresTestServer::resume();
    QVERIFY2(resumed.ok(), qPrintable(resumed.error().message));
    // The read after a lost connection connects again first.
    QCOMPARE(count(), u"1"_s);
    m_store.reset(); // the test's own connection died with the server too
}

} // namespace fatora::test

int main(int argc, char **argv)
{
    return fatora::test::runOnEveryBackend<fatora::test::TestStoreReader>(argc, argv, "store reader on");
}

#include "tst_storereader.moc"
