#include "csv/CsvRecords.h"

#include <QCoreApplication>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// The words were the customer importer's before they were shared: its translation context is kept.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::CsvImporter)
};

} // namespace

bool CsvRecord::isBlank() const
{
    for (const QString &f : fields) {
        if (!f.trimmed().isEmpty())
            return false;
    }
    return true;
}

Result<QString> CsvRecords::decodeUtf8(const QByteArray &csv)
{
    QByteArrayView bytes(csv);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);
    // Stateless: the whole file is one call, so a character cut off at its end is an error too, not
    // state kept for a next call that never comes (the partial character would silently vanish).
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (!decoder.hasError() && !text.contains(QChar(0)))
        return text;
    // Which line: the first one that does not decode on its own (or holds a NUL).
    int line = 1;
    for (QByteArrayView rest = bytes; !rest.isEmpty(); ++line) {
        const qsizetype end = rest.indexOf('\n');
        const QByteArrayView one = end < 0 ? rest : rest.first(end);
        QStringDecoder check(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = check.decode(one);
        if (check.hasError() || decoded.contains(QChar(0)))
            break;
        rest = end < 0 ? QByteArrayView() : rest.sliced(end + 1);
    }
    return Error{u"file"_s, Tr::tr("line %1 is not UTF-8 text. Save the file from the spreadsheet as \"CSV "
                                   "UTF-8\".")
                                .arg(line)};
}

// How the records are read: CsvRecords.h.
Result<QList<CsvRecord>> CsvRecords::parse(const QString &text)
{
    QList<CsvRecord> records;
    CsvRecord current{1, {}};
    QString field;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    int line = 1;
    const qsizetype n = text.size();

    auto endField = [&] {
        current.fields << field;
        field.clear();
        fieldWasQuoted = false;
    };
    auto endRecord = [&] {
        endField();
        records << current;
        current = CsvRecord{line, {}};
    };

    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else if (c == u'\r') {
                if (i + 1 < n && text.at(i + 1) == u'\n')
                    ++i;
                field += u'\n'; // line breaks inside a cell are stored as LF whatever the file used
                ++line;
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"' && field.isEmpty() && !fieldWasQuoted) {
            inQuotes = true;
            fieldWasQuoted = true;
        } else if (c == u',') {
            endField();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n')
                ++i;
            ++line;
            endRecord();
        } else {
            field += c;
        }
    }
    if (inQuotes)
        return Error{u"file"_s,
                     Tr::tr("line %1: a quoted value is never closed (a \" is missing).").arg(current.line)};
    if (!field.isEmpty() || fieldWasQuoted || !current.fields.isEmpty())
        endRecord();
    return records;
}

} // namespace fatora
