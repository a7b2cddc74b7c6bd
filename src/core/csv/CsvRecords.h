#pragma once

#include "domain/Result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace fatora {

// One record of a CSV file and the line it starts on (1-based; the header is line 1).
struct CsvRecord
{
    int line = 0;
    QStringList fields;

    bool isBlank() const;
};

// Reading a spreadsheet's CSV export, shared by every file the back office takes in (customers and
// cards, billing runs), so that both read quotes, line breaks and encodings alike.
namespace CsvRecords {

// UTF-8 with or without a BOM, as a whole: a character cut off at the end is an error too, and so
// is a NUL. The error names the first line that is not UTF-8.
Result<QString> decodeUtf8(const QByteArray &csv);

// RFC 4180, read leniently the way spreadsheets write it: quoted fields may hold commas, doubled
// quotes and line breaks; records end in CRLF, LF or a lone CR; a quote inside an unquoted field is
// kept as a character. Only a quote left open at the end of the file is an error, because then the
// rest of the file would silently become one cell.
Result<QList<CsvRecord>> parse(const QString &text);

} // namespace CsvRecords

} // namespace fatora
