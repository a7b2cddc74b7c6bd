#pragma once

#include "domain/Result.h"
#include "store/Store.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QThread;

namespace fatora {

// Reads the store on a thread of its own, over a connection of its own, so that the thread that
// asks - the desk's GUI thread - never waits for a database round trip: on a server across a VPN a
// single query costs tens of milliseconds, and a dropped network can hold one for a minute.
//
// - The connection is opened on the reader's thread at the first read (QSql connections belong to
//   the thread that made them) and lives and dies there. After a read failed because the database
//   is gone, the next one first asks the connection to come back (Store::checkReachable), at most
//   once every RetryMs: while the server stays away, reads fail at once instead of each waiting
//   for a connection attempt.
// - Reads run one at a time, in the order asked; each answer is handed back on the asking thread,
//   in the same order, and only while its receiver lives: a window closed mid-read gets nothing.
// - Only reads belong here (and, on a server, the desk's lease stamp: a note for people, not data
//   anything is decided on). Writes - above all a charge's write-ahead and its answer - stay on
//   the connection of the service that makes them, in their own order, inside their transaction:
//   a second connection would be a second writer, and nothing here may decide about money.
// - A committed write elsewhere is seen by every read asked after its commit returned.
//
// Dropping answers that arrive after the person moved on (a newer search, another customer) is
// the asker's business: it knows what "newer" means (see PagedTableModel's generation).
class StoreReader : public QObject
{
    Q_OBJECT
public:
    // Opens the reader's own connection; called on the reader's thread, again after a failure.
    using Opener = std::function<Result<std::unique_ptr<Store>>()>;

    explicit StoreReader(Opener opener, QObject *parent = nullptr);
    // Waits for the read in progress (never for the queue: queued reads are dropped) and closes the
    // connection on its own thread.
    ~StoreReader() override;
    StoreReader(const StoreReader &) = delete;
    StoreReader &operator=(const StoreReader &) = delete;

    // Runs `work` on the reader's thread with its store, then `done` with the result on this
    // object's thread, if `receiver` still lives then. `work` must be self-contained: it captures
    // values (a copy of the query), never the asker's objects.
    template <typename T>
    void read(QObject *receiver, std::function<Result<T>(Store &)> work, std::function<void(Result<T>)> done)
    {
        run(receiver, std::move(work), std::move(done), false);
    }
    // read() for work about the connection itself (it calls Store::checkReachable, which connects
    // again when it must): no attempt to connect again is made before it, so there is one, not two.
    template <typename T>
    void probe(QObject *receiver, std::function<Result<T>(Store &)> work, std::function<void(Result<T>)> done)
    {
        run(receiver, std::move(work), std::move(done), true);
    }

    static constexpr int RetryMs = 2000;

    // Reads asked and not yet answered (or dropped): 0 when the reader is idle.
    int pending() const { return m_pending; }
    // How many reads have run, all told: tests and benchmarks see that work went here.
    int completed() const { return m_completed; }

signals:
    // pending() dropped to 0: every answer asked for so far has been handed back.
    void idle();

private:
    class Worker;
    using Job = std::function<std::optional<ErrorKind>(Store *store, const Error *notOpen)>;

    template <typename T>
    void run(QObject *receiver, std::function<Result<T>(Store &)> work, std::function<void(Result<T>)> done,
             bool reconnectsItself)
    {
        auto result = std::make_shared<std::optional<Result<T>>>();
        post(
            receiver, reconnectsItself,
            [work = std::move(work), result](Store *store, const Error *notOpen) {
                *result = store ? work(*store) : Result<T>(*notOpen);
                return result->has_value() && !result->value().ok() ? result->value().error().kind
                                                                    : std::optional<ErrorKind>();
            },
            [done = std::move(done), result] { done(std::move(**result)); });
    }
    void post(QObject *receiver, bool reconnectsItself, Job job, std::function<void()> deliver);
    void delivered();

    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr; // lives on m_thread
    int m_pending = 0;
    int m_completed = 0;
};

} // namespace fatora
