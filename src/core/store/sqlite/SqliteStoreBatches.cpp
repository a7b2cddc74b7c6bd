// SqliteStore: billing runs (batches and their items). The rules the database keeps are in
// SqliteSchema (schema 10); Store.h says what a caller may rely on.

#include "store/sqlite/SqliteStore.h"

#include "store/sqlite/SqliteSupport.h"

#include <QCoreApplication>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace fatora {

using namespace sqlite;

namespace {

const QString BatchColumns =
    u"b.id, b.name, b.state, b.operator, b.source, b.retry_of, b.created_at, b.updated_at"_s;

Batch readBatch(const QSqlQuery &q)
{
    Batch b;
    b.id = q.value(0).toLongLong();
    b.name = q.value(1).toString();
    b.state = batchStateFromName(q.value(2).toString()).value_or(BatchState::Paused);
    b.operatorName = q.value(3).toString();
    b.source = q.value(4).toString();
    b.retryOf = q.value(5).toLongLong();
    b.createdAt = readTimestamp(q.value(6));
    b.updatedAt = readTimestamp(q.value(7));
    return b;
}

const QString ItemColumns =
    u"i.id, i.batch_id, i.line, i.given, i.customer_id, i.token_id, i.amount_minor, i.expected_minor,"
    " i.currency, i.note, i.state, i.skip, i.reason, i.order_id, i.payment_id, i.updated_at,"
    " c.name, t.token, "_s;
constexpr int ItemColumnCount = 18;

std::optional<Money> moneyOf(const QVariant &minor, const QString &currency)
{
    if (minor.isNull())
        return std::nullopt;
    return Money(minor.toLongLong(), currency);
}

BatchItem readItem(const QSqlQuery &q)
{
    BatchItem i;
    i.id = q.value(0).toLongLong();
    i.batchId = q.value(1).toLongLong();
    i.line = q.value(2).toInt();
    i.given = q.value(3).toString();
    i.customerId = q.value(4).toLongLong();
    i.tokenId = q.value(5).toLongLong();
    i.currency = q.value(8).toString();
    i.amount = moneyOf(q.value(6), i.currency);
    i.expectedAmount = moneyOf(q.value(7), i.currency);
    i.note = q.value(9).toString();
    // A state this version does not know is read as refused: never as queued, which would send it.
    i.state = batchItemStateFromName(q.value(10).toString()).value_or(BatchItemState::Refused);
    i.skip = q.value(11).toString();
    i.reason = q.value(12).toString();
    i.orderId = q.value(13).toString();
    i.paymentId = q.value(14).toLongLong();
    i.updatedAt = readTimestamp(q.value(15));
    i.customerName = q.value(16).toString();
    // The card's full text is read only to mask it here; it never leaves this function.
    if (!q.value(17).isNull())
        i.tokenMask = CardToken::maskToken(q.value(17).toString());
    if (i.paymentId != 0)
        i.payment = readPayment(q, ItemColumnCount);
    return i;
}

} // namespace

Result<qint64> SqliteStore::insertBatchRow(const Batch &batch)
{
    Statement s(*m_statements, u"INSERT INTO batches (name, state, operator, source, retry_of, created_at,"
                               " updated_at) VALUES (:name, :state, :operator, :source, :retry, :created,"
                               " :updated)"_s);
    s.bind(u":name"_s, text(batch.name))
        .bind(u":state"_s, batchStateName(batch.state))
        .bind(u":operator"_s, text(batch.operatorName))
        .bind(u":source"_s, text(batch.source))
        .bind(u":retry"_s,
              batch.retryOf ? QVariant(batch.retryOf) : QVariant(QMetaType::fromType<qlonglong>()))
        .bind(u":created"_s, timestampValue(batch.createdAt))
        .bind(u":updated"_s, timestampValue(batch.updatedAt.isValid() ? batch.updatedAt : batch.createdAt));
    if (auto r = s.exec(u"Could not save the batch"_s); !r)
        return r.error();
    return s.query().lastInsertId().toLongLong();
}

Result<void> SqliteStore::setBatchState(qint64 batchId, BatchState state, const QDateTime &at)
{
    Statement s(*m_statements, u"UPDATE batches SET state = :state, updated_at = :at WHERE id = :id"_s);
    s.bind(u":state"_s, batchStateName(state)).bind(u":at"_s, timestampValue(at)).bind(u":id"_s, batchId);
    // A cancelled or finished batch is refused by the schema (Permission); BatchService checks first.
    return s.execOneRow(u"Could not save the batch"_s, u"Batch %1 does not exist."_s.arg(batchId));
}

Result<Batch> SqliteStore::batch(qint64 id)
{
    Statement s(*m_statements, u"SELECT "_s + BatchColumns + u" FROM batches b WHERE b.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the batch"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::NotFound, u"Batch %1 does not exist."_s.arg(id));
    return readBatch(s.query());
}

Result<QList<Batch>> SqliteStore::findBatches(int limit)
{
    Statement s(*m_statements,
                u"SELECT "_s + BatchColumns + u" FROM batches b ORDER BY b.id DESC LIMIT :limit"_s);
    s.bind(u":limit"_s, limit);
    if (auto r = s.exec(u"Could not read the batches"_s); !r)
        return r.error();
    QList<Batch> batches;
    while (s.next())
        batches << readBatch(s.query());
    return batches;
}

Result<qint64> SqliteStore::insertBatchItemRow(const BatchItem &item)
{
    Statement s(*m_statements,
                u"INSERT INTO batch_items (batch_id, line, given, customer_id, token_id, amount_minor,"
                " expected_minor, currency, note, state, skip, reason, updated_at) VALUES (:batch, :line,"
                " :given, :customer, :token, :amount, :expected, :currency, :note, :state, :skip, :reason,"
                " :updated)"_s);
    const auto id = [](qint64 v) { return v ? QVariant(v) : QVariant(QMetaType::fromType<qlonglong>()); };
    s.bind(u":batch"_s, item.batchId)
        .bind(u":line"_s, item.line)
        .bind(u":given"_s, text(item.given))
        .bind(u":customer"_s, id(item.customerId))
        .bind(u":token"_s, id(item.tokenId))
        .bind(u":amount"_s, optionalMinor(item.amount))
        .bind(u":expected"_s, optionalMinor(item.expectedAmount))
        .bind(u":currency"_s, text(item.currency))
        .bind(u":note"_s, text(item.note))
        .bind(u":state"_s, batchItemStateName(item.state))
        .bind(u":skip"_s, text(item.skip))
        .bind(u":reason"_s, text(item.reason))
        .bind(u":updated"_s, timestampValue(item.updatedAt));
    if (auto r = s.exec(u"Could not save the batch item"_s); !r)
        return r.error();
    return s.query().lastInsertId().toLongLong();
}

Result<void> SqliteStore::markBatchItemSent(qint64 itemId, const QString &orderId, qint64 paymentId,
                                            const QDateTime &at)
{
    Statement s(*m_statements,
                u"UPDATE batch_items SET state = 'sent', order_id = :order, payment_id = :payment,"
                " updated_at = :at WHERE id = :id AND state = 'queued'"_s);
    s.bind(u":order"_s, orderId)
        .bind(u":payment"_s, paymentId)
        .bind(u":at"_s, timestampValue(at))
        .bind(u":id"_s, itemId);
    if (auto r = s.exec(u"Could not save the batch item"_s); !r)
        return r;
    if (s.query().numRowsAffected() != 1)
        return Error{u"batch_item"_s,
                     u"Batch item %1 is not queued any more: another runner took it."_s.arg(itemId),
                     ErrorKind::Conflict};
    return {};
}

Result<void> SqliteStore::markBatchItemRefusedRow(qint64 itemId, const QString &skip, const QString &reason,
                                                  const QDateTime &at)
{
    Statement s(*m_statements, u"UPDATE batch_items SET state = 'refused', skip = :skip, reason = :reason,"
                               " updated_at = :at WHERE id = :id AND state = 'queued'"_s);
    s.bind(u":skip"_s, text(skip))
        .bind(u":reason"_s, text(reason))
        .bind(u":at"_s, timestampValue(at))
        .bind(u":id"_s, itemId);
    if (auto r = s.exec(u"Could not save the batch item"_s); !r)
        return r;
    if (s.query().numRowsAffected() != 1)
        return Error{u"batch_item"_s,
                     u"Batch item %1 is not queued any more: another runner took it."_s.arg(itemId),
                     ErrorKind::Conflict};
    return {};
}

Result<int> SqliteStore::cancelQueuedBatchItems(qint64 batchId, const QDateTime &at)
{
    Statement s(*m_statements, u"UPDATE batch_items SET state = 'cancelled', updated_at = :at"
                               " WHERE batch_id = :batch AND state = 'queued'"_s);
    s.bind(u":at"_s, timestampValue(at)).bind(u":batch"_s, batchId);
    if (auto r = s.exec(u"Could not cancel the batch's items"_s); !r)
        return r.error();
    return s.query().numRowsAffected();
}

Result<QList<BatchItem>> SqliteStore::batchItems(qint64 batchId, const BatchItemQuery &query)
{
    QString sql = u"SELECT "_s + ItemColumns + PaymentColumns +
                  u" FROM batch_items i LEFT JOIN customers c ON c.id = i.customer_id"
                  " LEFT JOIN card_tokens t ON t.id = i.token_id LEFT JOIN payments p ON p.id = i.payment_id"
                  " WHERE i.id > :after"_s;
    if (batchId != 0)
        sql += u" AND i.batch_id = :batch"_s;
    if (query.tokenId != 0)
        sql += u" AND i.token_id = :token"_s;
    // The state as a literal, not a parameter: with a partial index on the state (queued items,
    // one per card) SQLite prepares the statement again at every run whose parameter could decide
    // whether that index applies. It was a tenth of a billing run's time.
    if (query.state)
        sql += u" AND i.state = '%1'"_s.arg(batchItemStateName(*query.state));
    sql += u" ORDER BY i.id LIMIT :limit"_s;
    Statement s(*m_statements, sql);
    s.bind(u":after"_s, query.afterId).bind(u":limit"_s, query.limit);
    if (batchId != 0)
        s.bind(u":batch"_s, batchId);
    if (query.tokenId != 0)
        s.bind(u":token"_s, query.tokenId);
    if (auto r = s.exec(u"Could not read the batch's items"_s); !r)
        return r.error();
    QList<BatchItem> items;
    while (s.next())
        items << readItem(s.query());
    return items;
}

} // namespace fatora
