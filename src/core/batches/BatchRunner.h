#pragma once

#include "batches/Batch.h"
#include "batches/BatchService.h"
#include "batches/BatchSummary.h"
#include "domain/Clock.h"
#include "domain/Result.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSet>

class QTimer;

namespace fatora {

class PaymentService;
class Store;

struct BatchRunOptions
{
    int parallel = 4;      // charges in flight at once, 1..MaxParallel
    double ratePerSec = 0; // at most this many charges leave per second; 0: no limit
};

// Where a run stands, as this runner counts it (other runners' items appear at the next start).
struct BatchProgress
{
    BatchSummary summary;
    int verifying = 0;       // unknown items asked about before anything new is sent
    double secondsLeft = -1; // estimate from this run's pace; -1: not known yet
    bool paused = false;
    bool cancelled = false;
};

// Sends a billing run's queued items through PaymentService, N at a time, never one twice.
//
// - Write-ahead by window: the items about to leave (up to the free slots and the pace) are claimed
//   and written ahead as pending payments in ONE write transaction (PaymentService's planCharge and
//   writeAheadCharge: every rule of a single charge, asked again now); each request leaves only
//   after that commit returned. Claiming is turning the item from queued to sent in that same
//   transaction, so a second runner (another desk, the CLI) cannot send it too.
// - Answers arriving together are saved together, and with the next window: as they arrive the
//   runner writes the next charges ahead at once, and the window carries the answers into its
//   transaction (one flush for both). What a window does not take, PaymentService saves alone.
// - Crash-proof: at start, pending charges left by a process that died become unknown (recovery,
//   by session lease) and every unknown item of the batch is verified before anything new is sent.
//   Nothing is ever re-sent on its own: a sent item stays sent, whatever its outcome.
// - Pause stops sending and lets calls in flight settle; cancel also cancels the queued items.
//   Another runner's pause or cancel is seen at the next window.
class BatchRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultParallel = 4;
    static constexpr int MaxParallel = 16;
    static constexpr double MaxRatePerSec = 1000;
    // A window that cannot be written ahead is tried again after 0.25, 0.5, 1 and 2 s (each try
    // also waits out the database's own busy timeout); the fifth failure in a row pauses the run.
    static constexpr int MaxWindowFailures = 5;
    static constexpr int FirstRetryMs = 250;

    BatchRunner(Store &store, PaymentService &payments, const Clock &clock, QObject *parent = nullptr);

    void setOperatorName(const QString &name) { m_batches.setOperatorName(name); }

    // Options checked, the batch started (or resumed, or joined), then running asynchronously:
    // progressChanged as items settle, finished once this runner sends nothing more and its calls
    // settled. A cancelled or finished batch with unknown items is only verified (nothing is sent);
    // without any, it is refused with the reason, as is everything else that cannot start.
    static Result<void> checkOptions(const BatchRunOptions &options);
    Result<void> start(qint64 batchId, const BatchRunOptions &options);
    Result<void> pause();
    Result<void> resume();
    Result<int> cancel();

    bool isActive() const { return m_active; }
    // Active and neither paused nor cancelled (here or, as last seen, by another runner).
    bool isSending() const { return m_active && !m_stopping; }
    qint64 batchId() const { return m_batchId; }
    const BatchProgress &progress() const { return m_progress; }

signals:
    void progressChanged(const fatora::BatchProgress &progress);
    // Nothing in flight here and nothing more to send (done, paused or cancelled, here or by
    // another runner). The summary is read from the store: every runner's items.
    void finished(const fatora::BatchSummary &summary, fatora::BatchState state);
    void problem(const QString &message);

private:
    void pump();
    // Claims and writes ahead up to `wanted` items in one transaction, then sends them. Returns
    // how many left, or an error (nothing sent).
    Result<int> sendWindow(int wanted);
    void windowFailed(const Error &error);
    int paceAllows(int room);
    void onChargeFinished(qint64 paymentId, PaymentState state);
    void onAnswersArrived(const QList<qint64> &paymentIds, bool someUnknown);
    // Charges of this run whose answer has not arrived yet: what the free slots are counted from.
    int awaitingAnswer() const { return int(m_sending.size() - m_answered.size()); }
    void onVerifyFinished(qint64 paymentId, PaymentState state);
    void move(BatchOutcome from, BatchOutcome to);
    void announce();
    void finish();
    void schedule(int ms);

    Store &m_store;
    PaymentService &m_payments;
    const Clock &m_clock;
    BatchService m_batches;
    BatchRunOptions m_options;
    qint64 m_batchId = 0;
    bool m_active = false;
    bool m_stopping = false; // paused or cancelled: nothing more leaves
    bool m_nothingQueued = false;
    QSet<qint64> m_sending;   // payments of this run in flight
    QSet<qint64> m_answered;  // of those, answered just now: free for the window that carries them
    bool m_inWindow = false;  // sendWindow is on the stack
    QSet<qint64> m_verifying; // unknown payments asked about
    QList<qint64> m_toVerify;
    BatchProgress m_progress;
    QElapsedTimer m_elapsed;
    double m_nextSendMs = 0; // the pace: when the next charge may leave
    int m_settledHere = 0;
    int m_windowFailures = 0; // in a row
    qint64 m_retryAtMs = 0;   // after a failed window: no window before this (m_elapsed's clock)
    QTimer *m_timer = nullptr;
};

} // namespace fatora
