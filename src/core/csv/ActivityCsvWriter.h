#pragma once

#include "domain/AuditEntry.h"

#include <QByteArray>
#include <QList>

namespace fatora {

// The Activity view's entries as CSV for an accountant: UTF-8 with BOM, times in UTC, each text cell
// escaped and neutralised as the history's export does (HistoryCsvWriter::line).
class ActivityCsvWriter
{
public:
    static QByteArray write(const QList<AuditEntry> &entries);
};

} // namespace fatora
