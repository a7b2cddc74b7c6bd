#pragma once

#include "store/Store.h"

namespace fatora {

// Writes the history that matches a filter to a CSV file through HistoryCsvWriter (which masks
// tokens and neutralises formula cells). Reads in pages, so exporting stays bounded in memory
// per query; the file appears only when complete (QSaveFile).
class HistoryExporter
{
public:
    static constexpr int PageSize = 1000;
    // Returns the number of payments written.
    static Result<int> exportTo(Store &store, PaymentQuery filter, const QString &path);
};

} // namespace fatora
