#include "store/StoreReader.h"

#include <QElapsedTimer>
#include <QThread>

#include <atomic>

namespace fatora {

// The reader's half that lives on its thread: the connection and the jobs run there.
class StoreReader::Worker : public QObject
{
public:
    explicit Worker(Opener opener) : m_opener(std::move(opener)) {}

    void run(const Job &job, bool reconnectsItself)
    {
        if (m_stopping.load())
            return;
        Store *store = connection(reconnectsItself);
        const std::optional<ErrorKind> failed = job(store, &m_openError);
        // The server went away under this read: the next one first asks it back (reconnects).
        m_lost = store && failed == ErrorKind::Unavailable;
    }

    void close() { m_store.reset(); }
    void stop() { m_stopping.store(true); }

private:
    // Each attempt to connect may wait for the server's connect timeout: after one failed, the
    // next waits RetryMs (the reads meanwhile fail at once).
    bool mayTryAgain() const { return !m_lastFailure.isValid() || m_lastFailure.elapsed() >= RetryMs; }
    void attempted(bool ok)
    {
        if (ok)
            m_lastFailure.invalidate();
        else
            m_lastFailure.start();
    }

    Store *connection(bool reconnectsItself)
    {
        if (!m_store) {
            if (!mayTryAgain())
                return nullptr; // m_openError still says why
            auto opened = m_opener();
            attempted(opened.ok());
            if (!opened.ok()) {
                m_openError = opened.error();
                return nullptr;
            }
            m_store = std::move(opened).value();
            m_lost = false;
        } else if (m_lost && !reconnectsItself && mayTryAgain()) {
            const bool back = m_store->checkReachable().ok();
            attempted(back);
            m_lost = !back;
        }
        return m_store.get();
    }

    Opener m_opener;
    std::unique_ptr<Store> m_store;
    Error m_openError;
    bool m_lost = false;
    QElapsedTimer m_lastFailure; // the last attempt to connect (again) that failed
    std::atomic<bool> m_stopping{false};
};

StoreReader::StoreReader(Opener opener, QObject *parent)
    : QObject(parent), m_thread(new QThread), m_worker(new Worker(std::move(opener)))
{
    m_thread->setObjectName(QStringLiteral("fatora-store-reader"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

StoreReader::~StoreReader()
{
    // Queued reads are skipped; the one running finishes; the connection is closed where it was made.
    m_worker->stop();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
    delete m_thread;
}

void StoreReader::post(QObject *receiver, bool reconnectsItself, Job job, std::function<void()> deliver)
{
    ++m_pending;
    QPointer<QObject> alive(receiver);
    QMetaObject::invokeMethod(
        m_worker,
        [this, worker = m_worker, job = std::move(job), alive, deliver = std::move(deliver),
         reconnectsItself]() mutable {
            worker->run(job, reconnectsItself);
            // Back on the asker's thread, through this object (which outlives every job: its
            // destructor waits for the one running), never straight to a receiver that may be
            // being destroyed over there right now.
            QMetaObject::invokeMethod(
                this,
                [this, alive, deliver = std::move(deliver)] {
                    ++m_completed;
                    if (alive)
                        deliver();
                    delivered();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void StoreReader::delivered()
{
    if (--m_pending == 0)
        emit idle();
}

} // namespace fatora
