#pragma once

#include "batches/Batch.h"

#include <QByteArray>
#include <QList>

namespace fatora {

// A billing run's results for spreadsheets, written the way the history is (HistoryCsvWriter): UTF-8
// with BOM, CRLF, one row per item with its order_id and state, cards masked (only the mask is ever
// read), and every cell a spreadsheet would run as a formula neutralised. The desk's export and
// fatora-cli batch results write the same file.
class BatchCsvWriter
{
public:
    static QByteArray write(const QList<BatchItem> &items);
    // What happened to an item in words: the skip or refusal reason, or the gateway's.
    static QString reason(const BatchItem &item);
};

} // namespace fatora
