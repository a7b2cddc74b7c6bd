#include "batches/BatchFile.h"

#include "batches/BatchSkip.h"
#include "csv/CsvRecords.h"
#include "domain/FieldLimits.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::BatchFile)
};

enum class Column { TokenId, Reference, Amount, Note };

QString columnsHelp()
{
    return Tr::tr("The first line must name the columns: token_id or customer_reference, amount, and "
                  "optionally note.");
}

std::optional<Column> columnFromHeader(const QString &cell)
{
    QString name = cell.trimmed().toLower();
    name.replace(u' ', u'_').replace(u'-', u'_');
    static const QHash<QString, Column> names = {
        {u"token_id"_s, Column::TokenId},
        {u"customer_reference"_s, Column::Reference},
        {u"amount"_s, Column::Amount},
        {u"note"_s, Column::Note},
    };
    const auto it = names.constFind(name);
    if (it == names.cend())
        return std::nullopt;
    return *it;
}

void skipRow(BatchFile::Row &row, BatchSkip skip, const QString &reason)
{
    if (!row.skip.isEmpty())
        return; // the first problem is the one to fix first
    row.skip = batchSkipName(skip);
    row.reason = reason;
}

BatchFile::Row makeRow(const CsvRecord &record, const QHash<Column, int> &columns, int headerSize)
{
    BatchFile::Row row;
    row.line = record.line;
    for (qsizetype i = 0; i < record.fields.size(); ++i) {
        if (record.fields.at(i).size() > FieldLimits::CsvCell) {
            skipRow(row, BatchSkip::CellTooLong,
                    Tr::tr("line %1: value %2 is %3 characters long; a cell may hold at most %4.")
                        .arg(row.line)
                        .arg(i + 1)
                        .arg(record.fields.at(i).size())
                        .arg(FieldLimits::CsvCell));
            return row;
        }
    }
    for (qsizetype i = headerSize; i < record.fields.size(); ++i) {
        if (!record.fields.at(i).trimmed().isEmpty()) {
            skipRow(row, BatchSkip::TooManyColumns,
                    Tr::tr("line %1 has %2 values but the header names only %3 columns: quote a value "
                           "that holds a comma.")
                        .arg(row.line)
                        .arg(record.fields.size())
                        .arg(headerSize));
            break;
        }
    }
    auto cell = [&](Column column) -> std::optional<QString> {
        const int index = columns.value(column, -1);
        if (index < 0)
            return std::nullopt;
        const QString value = index < record.fields.size() ? record.fields.at(index).trimmed() : QString();
        return value.isEmpty() ? std::nullopt : std::optional<QString>(value);
    };
    row.tokenId = cell(Column::TokenId);
    row.reference = cell(Column::Reference);
    row.amount = cell(Column::Amount).value_or(QString());
    row.note = cell(Column::Note).value_or(QString());
    if (row.tokenId && row.reference)
        skipRow(
            row, BatchSkip::BothCardsNamed,
            Tr::tr("line %1 gives both token_id and customer_reference: keep one of them.").arg(row.line));
    else if (!row.tokenId && !row.reference)
        skipRow(row, BatchSkip::NoCardNamed,
                Tr::tr("line %1 names no card: fill in token_id or customer_reference.").arg(row.line));
    if (auto checked = FieldLimits::check(u"note"_s, row.note, FieldLimits::Reason); !checked.ok())
        skipRow(row, BatchSkip::BadNote,
                Tr::tr("line %1, note: %2").arg(row.line).arg(checked.error().message));
    return row;
}

} // namespace

Result<QList<BatchFile::Row>> BatchFile::read(const QByteArray &csv)
{
    auto decoded = CsvRecords::decodeUtf8(csv);
    if (!decoded.ok())
        return decoded.error();
    auto parsed = CsvRecords::parse(decoded.value());
    if (!parsed.ok())
        return parsed.error();
    QList<CsvRecord> records = std::move(parsed).value();
    records.removeIf([](const CsvRecord &r) { return r.isBlank(); });
    if (records.isEmpty())
        return Error{u"file"_s, Tr::tr("is empty. %1").arg(columnsHelp())};

    const CsvRecord header = records.takeFirst();
    QHash<Column, int> columns;
    for (int i = 0; i < header.fields.size(); ++i) {
        const QString cellText = header.fields.at(i).trimmed();
        if (cellText.isEmpty() && i == header.fields.size() - 1)
            continue; // a trailing comma
        const auto column = columnFromHeader(cellText);
        // A file without its header row has data here, perhaps a card token: only a cell that
        // reads like a column name is repeated.
        static const QRegularExpression columnLike(u"^[A-Za-z][A-Za-z _-]{0,23}$"_s);
        if (!column && !columnLike.match(cellText).hasMatch())
            return Error{u"file"_s, Tr::tr("line %1, column %2: not a column name; the first line names the "
                                           "columns. %3")
                                        .arg(header.line)
                                        .arg(i + 1)
                                        .arg(columnsHelp())};
        if (!column)
            return Error{u"file"_s, Tr::tr("line %1: the column \"%2\" is not one a billing run knows. %3")
                                        .arg(header.line)
                                        .arg(cellText, columnsHelp())};
        if (columns.contains(*column))
            return Error{u"file"_s, Tr::tr("line %1: the column \"%2\" appears twice. %3")
                                        .arg(header.line)
                                        .arg(cellText.left(40), columnsHelp())};
        columns.insert(*column, i);
    }
    if (!columns.contains(Column::TokenId) && !columns.contains(Column::Reference))
        return Error{u"file"_s, Tr::tr("line %1 names no token_id or customer_reference column. %2")
                                    .arg(header.line)
                                    .arg(columnsHelp())};
    // A missing column is not "blank": a blank amount charges the card's first payment, which a
    // file must say on purpose, one row at a time.
    if (!columns.contains(Column::Amount))
        return Error{u"file"_s,
                     Tr::tr("line %1 has no amount column; leave a cell blank to charge the card's first "
                            "payment amount. %2")
                         .arg(header.line)
                         .arg(columnsHelp())};
    if (records.size() > MaxRows)
        return Error{u"file"_s, Tr::tr("has %1 rows; a billing run takes at most %2. Split the file.")
                                    .arg(records.size())
                                    .arg(MaxRows)};
    QList<Row> rows;
    rows.reserve(records.size());
    for (const CsvRecord &record : std::as_const(records))
        rows << makeRow(record, columns, int(header.fields.size()));
    return rows;
}

} // namespace fatora
