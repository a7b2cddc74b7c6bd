#pragma once

#include "batches/Batch.h"
#include "batches/BatchSummary.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace fatora::cli {

class CliContext;

// How a billing run looks on a terminal, in --json and in a results file. Tokens only ever masked;
// CSV cells a spreadsheet would run as formulas neutralised (HistoryCsvWriter::neutralise).
class BatchReport
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::BatchReport)
public:
    // The dry run: one line per item (customer, card, amount, or why it is skipped).
    static void printItems(CliContext &context, const QList<BatchItem> &items);
    static void printSummary(CliContext &context, const Batch &batch, const BatchSummary &summary);
    static QJsonObject batchJson(const Batch &batch, const BatchSummary &summary);
    static QJsonObject itemJson(const BatchItem &item);
    static QJsonArray itemsJson(const QList<BatchItem> &items);
    static QByteArray itemsCsv(const QList<BatchItem> &items); // BOM, header, CRLF
    // "QAR 12.50", or "QAR 50.00 (first payment)" for a blank amount.
    static QString amountText(const BatchItem &item);
};

} // namespace fatora::cli
