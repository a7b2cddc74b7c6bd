#include "csv/BatchCsvWriter.h"

#include "csv/HistoryCsvWriter.h"
#include "gateway/GatewayReason.h"
#include "security/PrintableText.h"

using namespace Qt::StringLiterals;

namespace fatora {

QString BatchCsvWriter::reason(const BatchItem &item)
{
    if (!item.reason.isEmpty())
        return item.reason;
    if (item.payment)
        return GatewayReason::explain(*item.payment);
    return {};
}

QByteArray BatchCsvWriter::write(const QList<BatchItem> &items)
{
    const auto row = [](const QStringList &cells) -> QString {
        QStringList out;
        for (const QString &cell : cells)
            out << HistoryCsvWriter::neutralise(PrintableText::escape(cell, PrintableText::LineBreaks::Keep));
        return out.join(u',') + u"\r\n"_s;
    };
    QString text = row({u"line"_s, u"customer"_s, u"card"_s, u"amount"_s, u"currency"_s, u"state"_s,
                        u"order_id"_s, u"transaction_id"_s, u"reason"_s, u"note"_s});
    for (const BatchItem &item : items) {
        const std::optional<Money> money =
            item.payment ? countedAmount(*item.payment).money : item.plannedAmount();
        text += row({QString::number(item.line), item.customerName.isEmpty() ? item.given : item.customerName,
                     item.tokenMask, money ? money->toPlainString() : QString(), item.currency,
                     batchOutcomeName(batchOutcome(item)), item.orderId,
                     item.payment ? item.payment->transactionId : QString(), reason(item), item.note});
    }
    return QByteArray("\xEF\xBB\xBF") + text.toUtf8();
}

} // namespace fatora
