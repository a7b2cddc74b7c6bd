#pragma once

#include "store/Store.h"

#include <QByteArray>
#include <QList>

namespace fatora {

// Transaction history as CSV for spreadsheets: UTF-8 with BOM, tokens masked, amounts as plain
// numbers, and any text cell that a spreadsheet would run as a formula neutralised. Control characters
// and bidi overrides are escaped (PrintableText); a line break stays, inside a quoted cell.
class HistoryCsvWriter
{
public:
    static QByteArray header();
    static QByteArray row(const PaymentRow &row);
    static QByteArray write(const QList<PaymentRow> &rows); // BOM + header + rows, CRLF line ends

    // Prefixes a cell starting with = + - @, tab or CR with an apostrophe, then quotes as needed.
    static QString neutralise(const QString &cell);
    // One CSV line of these cells, each escaped (PrintableText) and neutralised, CRLF-ended: every
    // file the back office writes for a spreadsheet writes its lines here.
    static QByteArray line(const QStringList &cells);
};

} // namespace fatora
