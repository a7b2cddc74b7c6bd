#include "batches/BatchService.h"

#include "batches/BatchFile.h"
#include "batches/BatchPlanner.h"
#include "gateway/GatewayReason.h"
#include "store/Store.h"

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// A name or source composed from a translation: translations isolate numbers (U+2066…U+2069) for
// right-to-left display, and a stored name refuses invisible characters (a bad paste, elsewhere).
QString composed(QString text)
{
    text.removeIf([](QChar c) { return c.category() == QChar::Other_Format; });
    return text;
}

} // namespace

BatchService::BatchService(Store &store, const Clock &clock) : m_store(store), m_clock(clock) {}

Result<void> BatchService::audit(const QString &action, const QString &objectType, qint64 objectId,
                                 const QString &detail)
{
    return m_store.audit(m_clock.now(), m_operator, action, objectType, objectId, detail);
}

Result<void> BatchService::mayStart(const Batch &batch)
{
    if (batch.state == BatchState::Cancelled)
        return Error{u"batch"_s,
                     tr("Batch %1 was cancelled: nothing more is sent. Create a new batch.").arg(batch.id),
                     ErrorKind::Conflict};
    if (batch.state == BatchState::Finished)
        return Error{u"batch"_s, tr("Batch %1 is finished: every item was sent or skipped.").arg(batch.id),
                     ErrorKind::Conflict};
    return {};
}

Result<void> BatchService::mayPause(const Batch &batch)
{
    if (batch.state != BatchState::Running)
        return Error{u"batch"_s,
                     tr("Batch %1 is not running (%2).").arg(batch.id).arg(batchStateText(batch.state)),
                     ErrorKind::Conflict};
    return {};
}

Result<void> BatchService::mayCancel(const Batch &batch)
{
    if (batch.state == BatchState::Cancelled || batch.state == BatchState::Finished)
        return mayStart(batch);
    return {};
}

Result<qint64> BatchService::create(const QString &name, const QString &source, const QList<BatchItem> &items,
                                    qint64 retryOf)
{
    if (auto ok = StaffRights::check(m_actor, StaffRights::Action::BillingRuns); !ok)
        return ok.error();
    const auto queued = std::count_if(items.cbegin(), items.cend(),
                                      [](const BatchItem &i) { return i.state == BatchItemState::Queued; });
    if (queued == 0)
        return Error{u"file"_s, tr("No row can be charged: every row is skipped (see the reasons). Nothing "
                                   "was saved.")};
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    const QDateTime now = m_clock.now();
    Batch batch;
    batch.name = name.trimmed().isEmpty()
                     ? composed(tr("Billing run %1").arg(now.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)))
                     : name;
    batch.state = BatchState::Ready;
    batch.operatorName = m_operator;
    batch.source = source;
    batch.retryOf = retryOf;
    batch.createdAt = now;
    batch.updatedAt = now;
    auto id = m_store.insertBatch(batch);
    if (!id.ok())
        return id.error();
    if (auto r = audit(u"batch.created"_s, u"batch"_s, id.value(),
                       u"\"%1\" from %2: %3 items, %4 to charge%5"_s.arg(batch.name, source)
                           .arg(items.size())
                           .arg(queued)
                           .arg(retryOf ? u", retrying batch %1"_s.arg(retryOf) : QString()));
        !r.ok())
        return r.error();
    for (BatchItem item : items) {
        item.batchId = id.value();
        item.updatedAt = now;
        if (item.state == BatchItemState::Queued) {
            // The dry run may be old (a window left open before Start): a card charged since, or
            // given a charge in flight, refuses the whole save, under the write lock.
            auto open = m_store.openChargeForToken(item.tokenId);
            if (!open.ok())
                return open.error();
            auto recent = m_store.lastApprovedCharge(
                item.tokenId, now.addSecs(-BatchPlanner::RecentChargeWindowSecs));
            if (!recent.ok())
                return recent.error();
            if (open.value() || recent.value())
                return Error{u"batch"_s,
                             tr("Line %1: the card was charged, or has a charge in flight, since this dry run; "
                                "nothing was saved. Make the dry run again.")
                                 .arg(item.line),
                             ErrorKind::Conflict};
        }
        auto itemId = m_store.insertBatchItem(item);
        if (!itemId.ok() && itemId.error().is(ErrorKind::Conflict) && item.state == BatchItemState::Queued)
            // One queued item per card (the database's unique index): another run took the card
            // after this dry run was made.
            return Error{u"batch"_s,
                         tr("Line %1: the card was put in another batch after this dry run; nothing was "
                            "saved. Make the dry run again.")
                             .arg(item.line),
                         ErrorKind::Conflict};
        if (!itemId.ok())
            return itemId.error();
        const QString detail =
            item.state == BatchItemState::Queued
                ? u"batch %1 line %2: %3, %4 %5"_s.arg(
                      QString::number(id.value()), QString::number(item.line), item.given, item.currency,
                      item.plannedAmount() ? item.plannedAmount()->toPlainString() : QString())
                : u"batch %1 line %2: skipped (%3)"_s.arg(QString::number(id.value()),
                                                          QString::number(item.line), item.skip);
        if (auto r = audit(item.state == BatchItemState::Queued ? u"batch.item.planned"_s
                                                                : u"batch.item.skipped"_s,
                           u"batch-item"_s, itemId.value(), detail);
            !r.ok())
            return r.error();
    }
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    return id.value();
}

Result<Batch> BatchService::start(qint64 batchId)
{
    if (auto ok = StaffRights::check(m_actor, StaffRights::Action::BillingRuns); !ok)
        return ok.error();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto loaded = m_store.batch(batchId);
    if (!loaded.ok())
        return loaded.error();
    Batch b = loaded.value();
    if (auto allowed = mayStart(b); !allowed.ok())
        return allowed.error();
    const QString action = b.state == BatchState::Ready     ? u"batch.started"_s
                           : b.state == BatchState::Running ? u"batch.joined"_s
                                                            : u"batch.resumed"_s;
    const QDateTime now = m_clock.now();
    if (b.state != BatchState::Running) {
        if (auto r = m_store.setBatchState(batchId, BatchState::Running, now); !r.ok())
            return r.error();
        b.state = BatchState::Running;
        b.updatedAt = now;
    }
    if (auto r = audit(action, u"batch"_s, batchId, u"session %1"_s.arg(m_store.sessionId())); !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    return b;
}

Result<void> BatchService::pause(qint64 batchId)
{
    if (auto ok = StaffRights::check(m_actor, StaffRights::Action::BillingRuns); !ok)
        return ok;
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto loaded = m_store.batch(batchId);
    if (!loaded.ok())
        return loaded.error();
    if (auto allowed = mayPause(loaded.value()); !allowed.ok())
        return allowed;
    if (auto r = m_store.setBatchState(batchId, BatchState::Paused, m_clock.now()); !r.ok())
        return r;
    if (auto r = audit(u"batch.paused"_s, u"batch"_s, batchId, QString()); !r.ok())
        return r;
    return tx.commit();
}

Result<int> BatchService::cancel(qint64 batchId)
{
    if (auto ok = StaffRights::check(m_actor, StaffRights::Action::BillingRuns); !ok)
        return ok.error();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto loaded = m_store.batch(batchId);
    if (!loaded.ok())
        return loaded.error();
    if (auto allowed = mayCancel(loaded.value()); !allowed.ok())
        return allowed.error();
    const QDateTime now = m_clock.now();
    auto cancelled = m_store.cancelQueuedBatchItems(batchId, now);
    if (!cancelled.ok())
        return cancelled.error();
    if (auto r = m_store.setBatchState(batchId, BatchState::Cancelled, now); !r.ok())
        return r.error();
    if (auto r =
            audit(u"batch.cancelled"_s, u"batch"_s, batchId,
                  u"%1 queued items cancelled, never sent; calls in flight settle"_s.arg(cancelled.value()));
        !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    return cancelled.value();
}

Result<bool> BatchService::finishIfDone(qint64 batchId)
{
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto loaded = m_store.batch(batchId);
    if (!loaded.ok())
        return loaded.error();
    if (loaded->state != BatchState::Running)
        return false;
    BatchItemQuery query;
    query.state = BatchItemState::Queued;
    query.limit = 1;
    auto queued = m_store.batchItems(batchId, query);
    if (!queued.ok())
        return queued.error();
    if (!queued->isEmpty())
        return false;
    if (auto r = m_store.setBatchState(batchId, BatchState::Finished, m_clock.now()); !r.ok())
        return r.error();
    if (auto r = audit(u"batch.finished"_s, u"batch"_s, batchId, u"every item sent or skipped"_s); !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    return true;
}

Result<Batch> BatchService::batch(qint64 batchId)
{
    return m_store.batch(batchId);
}

Result<QList<BatchItem>> BatchService::items(qint64 batchId)
{
    QList<BatchItem> all;
    BatchItemQuery query;
    query.limit = 2000;
    for (;;) {
        auto page = m_store.batchItems(batchId, query);
        if (!page.ok())
            return page.error();
        all << page.value();
        if (page->size() < query.limit)
            break;
        query.afterId = page->last().id;
    }
    return all;
}

Result<BatchSummary> BatchService::summary(qint64 batchId)
{
    auto all = items(batchId);
    if (!all.ok())
        return all.error();
    return BatchSummary::of(all.value());
}

Result<qint64> BatchService::retryInsufficientFunds(qint64 batchId, const QString &name)
{
    if (auto ok = StaffRights::check(m_actor, StaffRights::Action::BillingRuns); !ok)
        return ok.error();
    auto all = items(batchId);
    if (!all.ok())
        return all.error();
    QList<BatchFile::Row> rows;
    for (const BatchItem &item : all.value()) {
        if (batchOutcome(item) != BatchOutcome::Declined || !item.payment ||
            GatewayReason::of(*item.payment) != GatewayReason::Kind::InsufficientFunds)
            continue;
        BatchFile::Row row;
        row.line = item.line;
        row.tokenId = QString::number(item.tokenId);
        row.amount = item.amount ? item.amount->toPlainString() : QString();
        row.note = item.note;
        row.declinedAt = item.payment->createdAt;
        rows << row;
    }
    if (rows.isEmpty())
        return Error{u"batch"_s, tr("Batch %1 has no item declined for insufficient funds.").arg(batchId),
                     ErrorKind::NotFound};
    auto planned = BatchPlanner::plan(m_store, rows, m_clock);
    if (!planned.ok())
        return planned.error();
    return create(name.isEmpty() ? composed(tr("Retry of batch %1 (insufficient funds)").arg(batchId)) : name,
                  composed(tr("batch %1, declined for insufficient funds").arg(batchId)), planned.value(), batchId);
}

} // namespace fatora
