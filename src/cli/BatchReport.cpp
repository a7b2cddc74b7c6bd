#include "BatchReport.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "csv/BatchCsvWriter.h"

#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

QJsonValue moneyJson(const std::optional<Money> &m)
{
    return m ? QJsonValue(m->toPlainString()) : QJsonValue(QJsonValue::Null);
}

QString why(const BatchItem &item)
{
    return BatchCsvWriter::reason(item);
}

} // namespace

QString BatchReport::amountText(const BatchItem &item)
{
    if (item.payment)
        return format::countedAmount(*item.payment);
    if (item.amount)
        return format::amount(item.amount);
    if (item.expectedAmount)
        return tr("%1 (first payment)").arg(format::amount(item.expectedAmount));
    return QString();
}

void BatchReport::printItems(CliContext &context, const QList<BatchItem> &items)
{
    QList<QStringList> rows;
    for (const BatchItem &item : items) {
        const bool skipped = item.state == BatchItemState::Skipped || item.state == BatchItemState::Refused;
        rows << QStringList{QString::number(item.line),
                            item.customerName.isEmpty() ? item.given : item.customerName, item.tokenMask,
                            skipped ? QString() : amountText(item),
                            skipped ? tr("skip: %1").arg(item.reason) : batchOutcomeName(batchOutcome(item))};
    }
    context.print(
        format::table({tr("LINE"), tr("CUSTOMER"), tr("CARD"), tr("AMOUNT"), tr("WHAT HAPPENS")}, rows));
}

void BatchReport::printSummary(CliContext &context, const Batch &batch, const BatchSummary &summary)
{
    context.print(tr("Batch %1 \"%2\": %3, %4 items (created by %5, %6)")
                      .arg(QString::number(batch.id), batch.name, batchStateName(batch.state))
                      .arg(summary.total)
                      .arg(batch.operatorName, format::localDateTime(batch.createdAt)));
    QStringList counts;
    for (BatchOutcome outcome :
         {BatchOutcome::Approved, BatchOutcome::Declined, BatchOutcome::Rejected, BatchOutcome::NotSent,
          BatchOutcome::Unknown, BatchOutcome::InFlight, BatchOutcome::Queued, BatchOutcome::Skipped,
          BatchOutcome::Refused, BatchOutcome::Cancelled}) {
        if (summary.count(outcome) > 0)
            counts << u"%1 %2"_s.arg(batchOutcomeName(outcome)).arg(summary.count(outcome));
    }
    context.print(counts.join(u", "_s));
    for (const BatchSummary::CurrencyTotal &c : summary.currencies) {
        context.print(tr("%1: planned %2, approved %3, declined %4, rejected %5, not sent %6, open %7")
                          .arg(c.currency, Money(c.plannedMinor, c.currency).toPlainString(),
                               Money(c.approvedMinor, c.currency).toPlainString(),
                               Money(c.declinedMinor, c.currency).toPlainString(),
                               Money(c.rejectedMinor, c.currency).toPlainString(),
                               Money(c.notSentMinor, c.currency).toPlainString(),
                               Money(c.openMinor, c.currency).toPlainString()));
    }
    if (summary.open() > 0)
        context.print(
            tr("%1 items may have moved money without an answer: run \"fatora-cli batch run %2\" again "
               "to verify them; they are never sent again.")
                .arg(summary.open())
                .arg(batch.id));
}

QJsonObject BatchReport::batchJson(const Batch &batch, const BatchSummary &summary)
{
    QJsonObject counts;
    for (auto it = summary.counts.cbegin(); it != summary.counts.cend(); ++it)
        counts.insert(batchOutcomeName(it.key()), it.value());
    QJsonArray currencies;
    for (const BatchSummary::CurrencyTotal &c : summary.currencies) {
        currencies.append(QJsonObject{
            {u"currency"_s, c.currency},
            {u"planned"_s, Money(c.plannedMinor, c.currency).toPlainString()},
            {u"approved"_s, Money(c.approvedMinor, c.currency).toPlainString()},
            {u"declined"_s, Money(c.declinedMinor, c.currency).toPlainString()},
            {u"rejected"_s, Money(c.rejectedMinor, c.currency).toPlainString()},
            {u"not_sent"_s, Money(c.notSentMinor, c.currency).toPlainString()},
            {u"open"_s, Money(c.openMinor, c.currency).toPlainString()},
            {u"without_figure"_s, c.withoutFigure},
        });
    }
    return QJsonObject{
        {u"batch_id"_s, batch.id},
        {u"name"_s, batch.name},
        {u"state"_s, batchStateName(batch.state)},
        {u"operator"_s, batch.operatorName},
        {u"source"_s, batch.source},
        {u"retry_of"_s, batch.retryOf ? QJsonValue(batch.retryOf) : QJsonValue(QJsonValue::Null)},
        {u"created_at"_s, batch.createdAt.toUTC().toString(Qt::ISODateWithMs)},
        {u"items"_s, summary.total},
        {u"counts"_s, counts},
        {u"totals"_s, currencies},
        {u"settled"_s, summary.settled() && summary.open() == 0},
    };
}

QJsonObject BatchReport::itemJson(const BatchItem &item)
{
    QJsonObject o{
        {u"line"_s, item.line},
        {u"item_id"_s, item.id},
        {u"given"_s, item.given},
        {u"customer_id"_s, item.customerId ? QJsonValue(item.customerId) : QJsonValue(QJsonValue::Null)},
        {u"customer"_s, item.customerName},
        {u"token_id"_s, item.tokenId ? QJsonValue(item.tokenId) : QJsonValue(QJsonValue::Null)},
        {u"token_masked"_s, item.tokenMask},
        {u"amount"_s, moneyJson(item.amount)},
        {u"expected_amount"_s, moneyJson(item.expectedAmount)},
        {u"currency"_s, item.currency},
        {u"note"_s, item.note},
        {u"state"_s, batchOutcomeName(batchOutcome(item))},
        {u"skip"_s, item.skip.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(item.skip)},
        {u"reason"_s, why(item)},
        {u"order_id"_s, item.orderId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(item.orderId)},
    };
    if (item.payment) {
        o.insert(u"payment_id"_s, item.payment->id);
        o.insert(u"transaction_id"_s, item.payment->transactionId);
        const CountedAmount counted = countedAmount(*item.payment);
        o.insert(u"counted_amount"_s, moneyJson(counted.money));
    }
    return o;
}

QJsonArray BatchReport::itemsJson(const QList<BatchItem> &items)
{
    QJsonArray array;
    for (const BatchItem &item : items)
        array.append(itemJson(item));
    return array;
}

QByteArray BatchReport::itemsCsv(const QList<BatchItem> &items)
{
    return BatchCsvWriter::write(items);
}

} // namespace fatora::cli
