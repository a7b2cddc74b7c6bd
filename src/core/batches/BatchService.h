#pragma once

#include "batches/Batch.h"
#include "batches/BatchSummary.h"
#include "domain/Clock.h"
#include "domain/Result.h"
#include "staff/StaffRights.h"

#include <QCoreApplication>
#include <QList>

namespace fatora {

class Store;

// A billing run's life outside its sending (BatchRunner sends): created from a dry run, started,
// paused, resumed, cancelled, summed up, retried. Each action is one write transaction with its
// audit entry naming the operator; whether it may happen is decided here once, for the desk and
// the CLI alike.
class BatchService
{
    Q_DECLARE_TR_FUNCTIONS(fatora::BatchService)
public:
    BatchService(Store &store, const Clock &clock);

    void setOperatorName(const QString &name) { m_operator = name; }
    QString operatorName() const { return m_operator; }
    // Who acts: the operator, and the role that may create and steer billing runs (StaffRights).
    void setActor(const StaffMember &actor)
    {
        m_actor = actor;
        if (!actor.login.isEmpty())
            m_operator = actor.login;
    }

    // Writes the batch and every item of the dry run (queued and skipped alike: a skipped row is
    // listed, never dropped) in one transaction, each audited. Refused, nothing written, when no
    // item is queued.
    Result<qint64> create(const QString &name, const QString &source, const QList<BatchItem> &items,
                          qint64 retryOf = 0);

    // Ready or paused -> running (audited "batch.started" / "batch.resumed"); a running batch stays
    // running (another runner joins it, audited "batch.joined"). Cancelled or finished: refused.
    Result<Batch> start(qint64 batchId);
    // Running -> paused: no new item is sent; calls in flight settle.
    Result<void> pause(qint64 batchId);
    // Every queued item -> cancelled, the batch -> cancelled. Calls in flight settle. Returns how
    // many items were cancelled.
    Result<int> cancel(qint64 batchId);
    // Running, nothing queued any more -> finished. Returns whether it finished now.
    Result<bool> finishIfDone(qint64 batchId);

    Result<Batch> batch(qint64 batchId);
    Result<QList<BatchItem>> items(qint64 batchId);
    Result<BatchSummary> summary(qint64 batchId);

    // "Retry the declined for insufficient funds": a new batch of the items Fatora declined for
    // insufficient funds, with new order ids when they are sent, planned again by today's rules.
    // Cards declined as invalid, expired or blocked are never retried, nor is a card charged since
    // it was declined (by an earlier retry, at the desk): retrying twice never charges a card twice.
    Result<qint64> retryInsufficientFunds(qint64 batchId, const QString &name = QString());

    // The words a refused action gives (the desk's disabled buttons give the same).
    static Result<void> mayStart(const Batch &batch);
    static Result<void> mayPause(const Batch &batch);
    static Result<void> mayCancel(const Batch &batch);

private:
    Result<void> audit(const QString &action, const QString &objectType, qint64 objectId,
                       const QString &detail);

    Store &m_store;
    const Clock &m_clock;
    QString m_operator;
    StaffMember m_actor = StaffMember::withEveryRight();
};

} // namespace fatora
