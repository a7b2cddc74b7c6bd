#include "ImportCommand.h"

#include "CliContext.h"
#include "csv/CsvImporter.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

// A customer list is kilobytes; anything this large is the wrong file.
constexpr qint64 MaxFileBytes = 64 * 1024 * 1024;

} // namespace

QString ImportCommand::summary() const
{
    return tr("Import customers and card tokens from a CSV file (the desk's import format).");
}

int ImportCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Imports customers and card tokens from a UTF-8 CSV file whose first line names the columns: name, "
        "email, phone, reference, token, label, issued (YYYY-MM-DD), first_amount, currency. Rows with "
        "problems are listed on stderr and skipped; the valid rows are imported together. Importing the "
        "same file again adds nothing."));
    parser.addPositionalArgument(u"FILE.csv"_s, tr("The file to import."));
    if (auto stop = context.parse(parser, name(), u"FILE.csv"_s, arguments, 1))
        return *stop;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return context.fail(BadInput, tr("import: name the CSV file to import."));

    const QString path = files.constFirst();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return context.fail(BadInput, Error{path, tr("cannot be read: %1").arg(file.errorString())});
    if (file.size() > MaxFileBytes)
        return context.fail(
            BadInput, Error{path, tr("is larger than %1 MB; is it the right file?").arg(MaxFileBytes >> 20)});
    const QByteArray csv = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return context.fail(BadInput, Error{path, tr("cannot be read: %1").arg(file.errorString())});

    const AppSettings *settings = context.settings();
    if (!settings)
        return ConfigProblem;
    context.progress(tr("checking %1…").arg(path));
    auto preview = CsvImporter::preview(csv, settings->currency, context.clock().today());
    if (!preview.ok())
        return context.fail(BadInput, Error{path, preview.error().toString()});

    QJsonArray problems;
    for (const CsvImporter::Row &row : preview->rows) {
        for (const Error &error : row.errors) {
            problems.append(
                QJsonObject{{u"line"_s, row.line}, {u"field"_s, error.field}, {u"message"_s, error.message}});
            context.note(tr("%1 line %2: %3").arg(path).arg(row.line).arg(error.toString()));
        }
    }
    const int valid = preview->validRows();
    if (valid == 0 && preview->invalidRows() > 0)
        return context.fail(BadInput,
                            tr("%1: no row can be imported (%2 with problems, listed above). Nothing "
                               "was written.")
                                .arg(path)
                                .arg(preview->invalidRows()));

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    context.progress(tr("importing %n row(s)…", nullptr, valid));
    auto summary = CsvImporter::import(*store, preview.value(), context.signedIn(), context.clock());
    context.endProgress();
    if (!summary.ok())
        return context.fail(ConfigProblem,
                            tr("%1: nothing was imported: %2").arg(path, summary.error().toString()));

    const CsvImporter::Summary &s = summary.value();
    if (context.json()) {
        context.printJson(QJsonObject{
            {u"file"_s, path},
            {u"customers_added"_s, s.customersAdded},
            {u"customers_existing"_s, s.customersExisting},
            {u"tokens_added"_s, s.tokensAdded},
            {u"tokens_existing"_s, s.tokensExisting},
            {u"rows_skipped"_s, s.rowsSkipped},
            {u"problems"_s, problems},
        });
    } else {
        context.print(
            tr("customers added: %1, already there: %2").arg(s.customersAdded).arg(s.customersExisting));
        context.print(
            tr("card tokens added: %1, already there: %2").arg(s.tokensAdded).arg(s.tokensExisting));
        context.print(tr("rows skipped because of problems: %1").arg(s.rowsSkipped));
    }
    return Done;
}

} // namespace fatora::cli
