#include "batches/BatchRunner.h"

#include "batches/BatchPlanner.h"
#include "batches/BatchSkip.h"
#include "payments/ChargeGuard.h"
#include "payments/ChargeWindow.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QLoggingCategory>
#include <QScopeGuard>
#include <QTimer>

#include <cmath>

Q_LOGGING_CATEGORY(lcBatches, "fatora.batches")

using namespace Qt::StringLiterals;

namespace fatora {

BatchRunner::BatchRunner(Store &store, PaymentService &payments, const Clock &clock, QObject *parent)
    : QObject(parent), m_store(store), m_payments(payments), m_clock(clock), m_batches(store, clock),
      m_timer(new QTimer(this))
{
    m_batches.setOperatorName(payments.operatorName());
    m_batches.setActor(payments.actor());
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &BatchRunner::pump);
    connect(&m_payments, &PaymentService::chargeFinished, this, &BatchRunner::onChargeFinished);
    connect(&m_payments, &PaymentService::chargeAnswersArrived, this, &BatchRunner::onAnswersArrived);
    connect(&m_payments, &PaymentService::verifyFinished, this, &BatchRunner::onVerifyFinished);
}

Result<void> BatchRunner::checkOptions(const BatchRunOptions &options)
{
    if (options.parallel < 1 || options.parallel > MaxParallel)
        return Error{u"parallel"_s, tr("Charges in flight must be between 1 and %1; %2 was given.")
                                        .arg(MaxParallel)
                                        .arg(options.parallel)};
    if (!(options.ratePerSec >= 0) || options.ratePerSec > MaxRatePerSec)
        return Error{
            u"rate"_s,
            tr("The pace must be between 0 (no limit) and %1 charges per second.").arg(MaxRatePerSec)};
    return {};
}

Result<void> BatchRunner::start(qint64 batchId, const BatchRunOptions &options)
{
    if (auto r = checkOptions(options); !r.ok())
        return r;
    if (m_active)
        return Error{u"batch"_s, tr("This window is already running batch %1.").arg(m_batchId),
                     ErrorKind::Conflict};
    // Charges left pending by a process that died become unknown first (never re-sent), so that
    // they are verified below.
    if (auto recovered = m_payments.recoverInterrupted(); !recovered.ok())
        return recovered.error();
    auto batch = m_batches.batch(batchId);
    if (!batch.ok())
        return batch.error();
    // A cancelled or finished batch sends nothing more, but its unknown items are still verified.
    const bool verifyOnly = !BatchService::mayStart(batch.value()).ok();
    auto items = m_batches.items(batchId);
    if (!items.ok())
        return items.error();
    QList<qint64> toVerify;
    for (const BatchItem &item : items.value()) {
        if (item.payment && item.payment->state == PaymentState::Unknown)
            toVerify << item.paymentId;
    }
    if (verifyOnly && toVerify.isEmpty())
        return BatchService::mayStart(batch.value());
    if (!verifyOnly) {
        auto started = m_batches.start(batchId);
        if (!started.ok())
            return started.error();
    }
    m_batchId = batchId;
    m_options = options;
    m_progress = BatchProgress{};
    m_progress.summary = BatchSummary::of(items.value());
    m_toVerify = toVerify;
    m_sending.clear();
    m_answered.clear();
    m_verifying.clear();
    m_active = true;
    m_stopping = verifyOnly;
    m_nothingQueued = false;
    m_settledHere = 0;
    m_windowFailures = 0;
    m_retryAtMs = 0;
    m_elapsed.start();
    m_nextSendMs = 0;
    qCInfo(lcBatches) << "batch" << batchId << "running:" << m_toVerify.size() << "unknown to verify first,"
                      << m_progress.summary.count(BatchOutcome::Queued) << "queued";
    announce();
    schedule(0);
    return {};
}

Result<void> BatchRunner::pause()
{
    if (auto r = m_batches.pause(m_batchId); !r.ok())
        return r;
    m_stopping = true;
    m_progress.paused = true;
    announce();
    schedule(0);
    return {};
}

Result<void> BatchRunner::resume()
{
    if (!m_active)
        return start(m_batchId, m_options);
    auto started = m_batches.start(m_batchId);
    if (!started.ok())
        return started.error();
    m_stopping = false;
    m_windowFailures = 0;
    m_retryAtMs = 0;
    m_progress.paused = false;
    announce();
    schedule(0);
    return {};
}

Result<int> BatchRunner::cancel()
{
    auto cancelled = m_batches.cancel(m_batchId);
    if (!cancelled.ok())
        return cancelled.error();
    m_stopping = true;
    m_progress.cancelled = true;
    m_progress.summary.counts[BatchOutcome::Queued] -= cancelled.value();
    m_progress.summary.counts[BatchOutcome::Cancelled] += cancelled.value();
    announce();
    if (m_active)
        schedule(0);
    return cancelled.value();
}

void BatchRunner::schedule(int ms)
{
    if (!m_timer->isActive() || m_timer->remainingTime() > ms)
        m_timer->start(std::max(0, ms));
}

int BatchRunner::paceAllows(int room)
{
    if (m_options.ratePerSec <= 0 || room <= 0)
        return room;
    const double interval = 1000.0 / m_options.ratePerSec;
    const double now = double(m_elapsed.elapsed());
    if (m_nextSendMs < now - interval)
        m_nextSendMs = now; // no burst after a quiet spell
    int allowed = 0;
    while (allowed < room && m_nextSendMs <= now) {
        ++allowed;
        m_nextSendMs += interval;
    }
    if (allowed < room)
        schedule(int(std::ceil(m_nextSendMs - now)));
    return allowed;
}

void BatchRunner::pump()
{
    if (!m_active)
        return;
    if (m_inWindow) { // called back from inside a window (a nested event loop): after it
        schedule(0);
        return;
    }
    const int parallel = m_options.parallel;
    // Unknown items first: what the gateway knows about them is learnt before anything new leaves.
    while (!m_toVerify.isEmpty() && awaitingAnswer() + m_verifying.size() < parallel) {
        const qint64 paymentId = m_toVerify.takeFirst();
        if (auto r = m_payments.verify(paymentId); r.ok())
            m_verifying.insert(paymentId);
        else
            qCInfo(lcBatches) << "not verified now:" << paymentId << r.error().toString();
    }
    m_progress.verifying = int(m_verifying.size() + m_toVerify.size());
    // After a failed window the next waits its turn, whatever answers arrive meanwhile.
    const qint64 backoffMs = m_retryAtMs - m_elapsed.elapsed();
    if (backoffMs > 0)
        schedule(int(backoffMs));
    if (!m_stopping && !m_nothingQueued && m_toVerify.isEmpty() && m_verifying.isEmpty() && backoffMs <= 0) {
        // Refilled by windows, not one slot at a time: each window is one durable commit, so with
        // many in flight the runner waits until a quarter of the slots is free (the others keep the
        // gateway busy meanwhile). With nothing in flight any free slot is filled at once.
        const int room = parallel - awaitingAnswer();
        const int minWindow = awaitingAnswer() == 0 ? 1 : std::max(1, parallel / 4);
        const int wanted = room >= minWindow ? paceAllows(room) : 0;
        if (wanted > 0) {
            auto sent = sendWindow(wanted);
            if (!sent.ok()) {
                windowFailed(sent.error());
            } else {
                m_windowFailures = 0;
                if (sent.value() > 0 && awaitingAnswer() < parallel)
                    schedule(0); // refused items freed room
            }
        }
    }
    if (m_sending.isEmpty() && m_verifying.isEmpty() && m_toVerify.isEmpty() &&
        (m_stopping || m_nothingQueued))
        finish();
}

Result<int> BatchRunner::sendWindow(int wanted)
{
    m_inWindow = true;
    const auto windowOver = qScopeGuard([this] { m_inWindow = false; });
    QList<qint64> written;
    int refused = 0;
    {
        // One write transaction for the window; its charges leave only once it is committed.
        ChargeWindow window(m_payments);
        if (!window.started().ok())
            return window.started().error();
        // The window's rows, then its commit; should anything fail, the window is given up with the
        // reason (the answers it carries go their own way: held at once if the database is at fault).
        const auto fill = [&]() -> Result<int> {
            // Another runner's pause or cancel is seen here, under the write lock.
            auto batch = m_store.batch(m_batchId);
            if (!batch.ok())
                return batch.error();
            // With nothing to write ahead, the window still commits: the answers it carries are saved.
            if (batch->state != BatchState::Running) {
                m_stopping = true;
                m_progress.paused = batch->state == BatchState::Paused;
                m_progress.cancelled = batch->state == BatchState::Cancelled;
                if (auto r = window.commitAndSend(); !r.ok())
                    return r.error();
                return 0;
            }
            BatchItemQuery query;
            query.state = BatchItemState::Queued;
            query.limit = wanted;
            auto items = m_store.batchItems(m_batchId, query);
            if (!items.ok())
                return items.error();
            if (items->isEmpty()) {
                m_nothingQueued = true;
                if (auto r = window.commitAndSend(); !r.ok())
                    return r.error();
                return 0;
            }
            const QDateTime now = m_clock.now();
            const auto refuse = [&](const BatchItem &item, const QString &skip,
                                    const QString &why) -> Result<void> {
                if (auto r = m_store.markBatchItemRefused(item.id, skip, why, now); !r.ok())
                    return r;
                ++refused;
                return m_store.audit(now, m_batches.operatorName(), u"batch.item.refused"_s, u"batch-item"_s,
                                     item.id,
                                     u"batch %1 line %2: %3"_s.arg(QString::number(m_batchId),
                                                                   QString::number(item.line), why));
            };
            for (const BatchItem &item : items.value()) {
                // A card charged since the run was planned (at the desk, by another run) is not charged
                // again, however long ago: the run has no "charge it again" confirmation to ask for.
                // Looked back from a day before the batch was saved: the dry run skipped every card
                // charged in the day before it, so nothing is refused wrongly, and a charge stamped by
                // a desk whose clock runs behind, or one approved later than it was made, is seen.
                auto since = m_store.lastApprovedCharge(
                    item.tokenId, batch->createdAt.addSecs(-BatchPlanner::RecentChargeWindowSecs));
                if (!since.ok())
                    return since.error();
                if (since.value()) {
                    if (auto r =
                            refuse(item, batchSkipName(BatchSkip::ChargedSince),
                                   tr("line %1: this card was charged after the batch was planned (%2); it "
                                      "is not charged again.")
                                       .arg(QString::number(item.line),
                                            ChargeGuard::describeRecentCharge(*since.value())));
                        !r.ok())
                        return r.error();
                    continue;
                }
                // The rules of a single charge, asked again now: the card may have been revoked or
                // given an open charge since the dry run. No acknowledgement is given: an amount far
                // above the first payment refuses the item.
                ChargeRequest request(item.tokenId, item.amount);
                // The check for a recent charge was the one just above, over a longer time: the single
                // charge's own (ten minutes, with an acknowledgement to give) is not asked again.
                request.repeatIntended = true;
                auto planned = window.plan(request);
                if (!planned.ok()) {
                    // A revoke of the card in flight here is a refusal of the item, not a fault of the
                    // database to wait out.
                    if (planned.error().isStorageFault() && !m_payments.isTokenBusy(item.tokenId))
                        return planned.error();
                    if (auto r = refuse(item, u"refused"_s, planned.error().message); !r.ok())
                        return r.error();
                    continue;
                }
                auto ahead = window.writeAhead(planned.value());
                if (!ahead.ok())
                    return ahead.error();
                const Payment &p = ahead.value();
                if (auto r = m_store.markBatchItemSent(item.id, p.orderId, p.id, now); !r.ok())
                    return r.error();
                if (auto r = m_store.audit(
                        now, m_batches.operatorName(), u"batch.item.sent"_s, u"batch-item"_s, item.id,
                        u"batch %1 line %2: order %3, payment %4"_s.arg(QString::number(m_batchId),
                                                                        QString::number(item.line), p.orderId,
                                                                        QString::number(p.id)));
                    !r.ok())
                    return r.error();
                written << p.id;
            }
            return window.commitAndSend();
        };
        if (auto filled = fill(); !filled.ok()) {
            window.abandon(filled.error());
            return filled.error();
        }
    }
    // Their answers come through the event loop, after this.
    m_progress.summary.counts[BatchOutcome::Queued] -= refused;
    m_progress.summary.counts[BatchOutcome::Refused] += refused;
    for (qint64 paymentId : std::as_const(written)) {
        m_sending.insert(paymentId);
        move(BatchOutcome::Queued, BatchOutcome::InFlight);
    }
    if (refused > 0 || !written.isEmpty())
        announce();
    return int(written.size()) + refused;
}

void BatchRunner::windowFailed(const Error &error)
{
    // Nothing of the window was written or sent. The database may be busy a moment: tried again a
    // few times, waiting longer each time; a fault that does not clear pauses the run instead of
    // trying for ever.
    ++m_windowFailures;
    if (m_windowFailures < MaxWindowFailures) {
        const int waitMs = FirstRetryMs << (m_windowFailures - 1);
        m_retryAtMs = m_elapsed.elapsed() + waitMs;
        emit problem(tr("Batch %1: the next charges could not be written ahead (%2); nothing of them was "
                        "sent. Trying again in %3 s.")
                         .arg(m_batchId)
                         .arg(error.toString())
                         .arg(waitMs / 1000.0, 0, 'g', 2));
        schedule(waitMs);
        return;
    }
    m_stopping = true;
    m_progress.paused = true;
    if (auto paused = m_batches.pause(m_batchId); !paused.ok())
        qCWarning(lcBatches) << "batch" << m_batchId << "not marked paused:" << paused.error().toString();
    emit problem(tr("Batch %1 paused: the next charges could not be written ahead %2 times (%3). Nothing "
                    "of them was sent. Resume the batch once the database is working again.")
                     .arg(m_batchId)
                     .arg(m_windowFailures)
                     .arg(error.toString()));
    announce();
    schedule(0);
}

void BatchRunner::move(BatchOutcome from, BatchOutcome to)
{
    QMap<BatchOutcome, int> &counts = m_progress.summary.counts;
    counts[from] -= 1;
    counts[to] += 1;
}

void BatchRunner::onAnswersArrived(const QList<qint64> &paymentIds, bool someUnknown)
{
    // An answer that says nothing is saved first, then verified before anything new leaves.
    if (someUnknown || !m_active || m_inWindow)
        return;
    for (qint64 paymentId : paymentIds) {
        if (m_sending.contains(paymentId))
            m_answered.insert(paymentId);
    }
    // Their slots are free: the next window is written ahead now, and carries these answers into
    // its transaction instead of a transaction of their own first.
    if (!m_answered.isEmpty())
        pump();
    // What no window carried is saved on its own; until then (a locked database may hold it for a
    // while) its slot counts as taken again.
    m_answered.clear();
}

void BatchRunner::onChargeFinished(qint64 paymentId, PaymentState state)
{
    m_answered.remove(paymentId);
    if (!m_sending.remove(paymentId))
        return;
    const BatchOutcome outcome = batchOutcome(state);
    move(BatchOutcome::InFlight, outcome);
    ++m_settledHere;
    // An answer that never came (a dropped connection, a timeout) is asked about before the next
    // charge leaves; it is never sent again.
    if (outcome == BatchOutcome::Unknown)
        m_toVerify << paymentId;
    announce();
    schedule(0);
}

void BatchRunner::onVerifyFinished(qint64 paymentId, PaymentState state)
{
    if (!m_verifying.remove(paymentId))
        return;
    const BatchOutcome outcome = batchOutcome(state);
    if (outcome != BatchOutcome::Unknown)
        move(BatchOutcome::Unknown, outcome);
    announce();
    schedule(0);
}

void BatchRunner::announce()
{
    const int left =
        m_progress.summary.count(BatchOutcome::Queued) + m_progress.summary.count(BatchOutcome::InFlight);
    const double secs = double(m_elapsed.isValid() ? m_elapsed.elapsed() : 0) / 1000.0;
    m_progress.secondsLeft = m_settledHere > 0 && secs > 0 ? left / (m_settledHere / secs) : -1;
    m_progress.verifying = int(m_verifying.size() + m_toVerify.size());
    emit progressChanged(m_progress);
}

void BatchRunner::finish()
{
    m_active = false;
    m_timer->stop();
    if (!m_stopping) {
        if (auto done = m_batches.finishIfDone(m_batchId); !done.ok())
            emit problem(done.error().toString());
    }
    auto batch = m_batches.batch(m_batchId);
    auto summary = m_batches.summary(m_batchId);
    if (!batch.ok() || !summary.ok()) {
        emit problem((!batch.ok() ? batch.error() : summary.error()).toString());
        emit finished(m_progress.summary, BatchState::Paused);
        return;
    }
    m_progress.summary = summary.value();
    // Paused here though the database could not be told (the fault that paused it): the window
    // offers Resume all the same.
    const BatchState state =
        m_progress.paused && batch->state == BatchState::Running ? BatchState::Paused : batch->state;
    qCInfo(lcBatches) << "batch" << m_batchId << batchStateName(state) << "- runner done";
    emit finished(summary.value(), state);
}

} // namespace fatora
