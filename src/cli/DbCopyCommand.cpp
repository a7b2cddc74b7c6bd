#include "DbCopyCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "payments/AnswerJournal.h"
#include "store/postgres/PostgresStore.h"
#include "store/sqlite/SqliteStore.h"
#include "store/StoreCopy.h"
#include "store/StoreLocation.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

const QString Command = u"db copy"_s;

QString tableTitle(StoreCopy::Table table)
{
    switch (table) {
    case StoreCopy::Table::Customers:
        return u"customers"_s;
    case StoreCopy::Table::Tokens:
        return u"card tokens"_s;
    case StoreCopy::Table::Payments:
        return u"payments"_s;
    case StoreCopy::Table::Audit:
        break;
    }
    return u"audit entries"_s;
}

constexpr StoreCopy::Table Tables[] = {StoreCopy::Table::Customers, StoreCopy::Table::Tokens,
                                       StoreCopy::Table::Payments, StoreCopy::Table::Audit};

QJsonObject reportJson(const StoreCopy::Report &report, const QString &from, const QString &to, bool dryRun)
{
    QJsonObject tables;
    for (StoreCopy::Table table : Tables) {
        const StoreCopy::TableCount &c = report.count(table);
        tables.insert(StoreCopy::tableName(table), QJsonObject{{u"read"_s, c.read},
                                                               {u"copied"_s, c.copied},
                                                               {u"already_there"_s, c.alreadyThere},
                                                               {u"conflicts"_s, c.conflicts},
                                                               {u"before"_s, c.before},
                                                               {u"after"_s, c.after}});
    }
    QJsonArray conflicts;
    for (const StoreCopy::Conflict &c : report.conflicts)
        conflicts.append(QJsonObject{{u"table"_s, StoreCopy::tableName(c.table)},
                                     {u"source_id"_s, c.sourceId},
                                     {u"key"_s, c.key},
                                     {u"reason"_s, c.reason}});
    return QJsonObject{{u"from"_s, from},
                       {u"to"_s, to},
                       {u"dry_run"_s, dryRun},
                       {u"committed"_s, report.committed},
                       {u"tables"_s, tables},
                       {u"charges_made_unknown"_s, report.madeUnknown},
                       {u"refunds_made_unknown"_s, report.refundsMadeUnknown},
                       {u"conflicts"_s, conflicts}};
}

void printReport(CliContext &context, const StoreCopy::Report &report, const QString &from, const QString &to,
                 bool dryRun)
{
    context.print(DbCopyCommand::tr("From: %1").arg(from));
    context.print(DbCopyCommand::tr("To:   %1").arg(to));
    QList<QStringList> rows;
    for (StoreCopy::Table table : Tables) {
        const StoreCopy::TableCount &c = report.count(table);
        rows << QStringList{tableTitle(table),
                            QString::number(c.read),
                            QString::number(c.copied),
                            QString::number(c.alreadyThere),
                            QString::number(c.conflicts),
                            QString::number(c.before),
                            QString::number(c.after)};
    }
    // Without a commit the last column is what the server would hold: nothing was written.
    context.print(format::table({u"TABLE"_s, u"READ"_s, u"COPIED"_s, u"ALREADY THERE"_s, u"CONFLICTS"_s,
                                 u"BEFORE"_s, report.committed ? u"AFTER"_s : u"WOULD BE"_s},
                                rows));
    if (report.madeUnknown > 0)
        context.print(
            DbCopyCommand::tr("%n charge(s) still pending in the file (their desk stopped before the "
                              "answer was saved) arrive(s) as unknown: verify them before charging "
                              "those cards again (fatora-cli verify --pending).",
                              nullptr, int(report.madeUnknown)));
    if (report.refundsMadeUnknown > 0)
        context.print(DbCopyCommand::tr("%n refund(s) still pending in the file arrive(s) with an unknown "
                                        "outcome: check Fatora's dashboard and record what it shows.",
                                        nullptr, int(report.refundsMadeUnknown)));
    if (!report.conflicts.isEmpty()) {
        context.print(DbCopyCommand::tr("Not copied (nothing was merged):"));
        QList<QStringList> conflicts;
        for (const StoreCopy::Conflict &c : report.conflicts)
            conflicts << QStringList{tableTitle(c.table), c.key, c.reason};
        context.print(format::table({u"TABLE"_s, u"ROW"_s, u"WHY"_s}, conflicts));
    }
    if (dryRun)
        context.print(DbCopyCommand::tr("Dry run: nothing was written. This is what the copy would do."));
    else if (report.committed)
        context.print(report.copiedRows() == 0
                          ? DbCopyCommand::tr("Nothing to copy: everything in the file is there already.")
                          : DbCopyCommand::tr("Copied in one transaction; the server's counts were checked "
                                              "(before + copied = after, and one audit entry says who copied "
                                              "what)."));
}

// A file to copy from that cannot be used: the wrong file named is bad input (2); one in use, of
// another version or unreadable is for the operator to sort out first (4).
int sourceFailure(CliContext &context, const QString &from, const Error &error)
{
    const bool badInput =
        error.is(ErrorKind::NotFound) || error.is(ErrorKind::Validation) || error.is(ErrorKind::Conflict);
    return context.fail(badInput ? BadInput : ConfigProblem,
                        DbCopyCommand::tr("%1: --from %2: %3 Nothing was written.")
                            .arg(Command, StoreLocation::display(from), error.message));
}

} // namespace

int DbCopyCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Copies one desk's database file into the shared PostgreSQL database: customers, card tokens, "
           "payments and the audit log, with their order ids, amounts, states, times and operators, in one "
           "transaction. Rows already there (from an earlier copy) are recognised and not copied again; a "
           "customer reference, card token or order id the server holds for something else is a conflict: "
           "listed, never merged, and nothing is written unless --skip-conflicts is given. The file is only "
           "read. The server's password comes from the URL, $FATORA_DATABASE_PASSWORD or the system keychain."));
    const QCommandLineOption fromOption(u"from"_s, tr("The desk's database file to copy from."), u"FILE"_s);
    const QCommandLineOption toOption(
        u"to"_s, tr("The shared database: postgresql://USER@HOST:PORT/DATABASE."), u"URL"_s);
    const QCommandLineOption dryRunOption(u"dry-run"_s,
                                          tr("Do everything and check it, then write nothing: shows what the "
                                             "copy would do."));
    const QCommandLineOption skipOption(
        u"skip-conflicts"_s, tr("Copy the rest when some rows conflict with the server's (those rows, "
                                "and what depends on them, stay out)."));
    parser.addOptions({fromOption, toOption, dryRunOption, skipOption});
    if (auto stop = context.parse(parser, Command, u"--from FILE --to URL [--dry-run] [--skip-conflicts]"_s,
                                  arguments))
        return *stop;
    const QString from = parser.value(fromOption);
    const QString to = parser.value(toOption);
    const bool dryRun = parser.isSet(dryRunOption);
    if (from.trimmed().isEmpty())
        return context.fail(BadInput, tr("%1: give --from FILE, the desk's database file.").arg(Command));
    if (to.trimmed().isEmpty())
        return context.fail(BadInput, tr("%1: give --to postgresql://USER@HOST:PORT/DATABASE, the shared "
                                         "database.")
                                          .arg(Command));
    // The sandbox's demo data never goes into a real database (StoreCopy also refuses any file
    // holding the simulator's payments).
    if (context.sandbox())
        return context.fail(
            BadInput, tr("%1: the sandbox's demo data is never copied into a real database.").arg(Command));
    if (StoreLocation::isServer(from))
        return context.fail(BadInput,
                            tr("%1: --from must be a desk's database file, not a server.").arg(Command));
    // Never shown: a text that is not our URL may still carry a password somewhere.
    if (!StoreLocation::isServer(to))
        return context.fail(BadInput,
                            tr("%1: --to must be the shared database's address, "
                               "postgresql://USER@HOST:PORT/DATABASE (a desk's file is not a target).")
                                .arg(Command));
    // The whole address is checked before anything is opened.
    if (auto url = PostgresStore::parseUrl(to.trimmed()); !url)
        return context.fail(BadInput, tr("%1: --to %2: %3 Nothing was written.")
                                          .arg(Command, StoreLocation::display(to), url.error().toString()));

    // The file first, read only: a wrong file never gets as far as the server.
    auto source = SqliteStore::openToRead(from);
    if (!source)
        return sourceFailure(context, from, source.error());
    // Answers the gateway gave that the file has not taken yet: opening it with the desk or the CLI
    // saves them; copying before would carry those payments as still open.
    auto held = AnswerJournal(AnswerJournal::pathFor(from)).unsaved();
    if (!held)
        return sourceFailure(context, from, held.error());
    if (!held->isEmpty())
        return context.fail(
            ConfigProblem,
            tr("%1: --from %2: %n gateway answer(s) kept beside the file (%3) are not saved in it "
               "yet. Open the file once with the desk or \"fatora-cli --database FILE db status\", "
               "which saves them, then copy. Nothing was written.",
               nullptr, int(held->size()))
                .arg(Command, StoreLocation::display(from),
                     QFileInfo(AnswerJournal::pathFor(from)).fileName()));

    auto target = StoreLocation::open(to, context.databasePassword(to));
    if (!target) {
        const Error &error = target.error();
        return context.fail(error.is(ErrorKind::Validation) ? BadInput : ConfigProblem,
                            tr("%1: --to %2: %3 Nothing was written.")
                                .arg(Command, StoreLocation::display(to), error.message));
    }
    Store &server = *target.value();
    const QString fromShown = StoreLocation::display(from);

    StoreCopy copy(*source.value(), server, context.clock());
    StoreCopy::Options options;
    options.dryRun = dryRun;
    options.skipConflicts = parser.isSet(skipOption);
    options.operatorName = context.operatorName();
    options.sourceName = QFileInfo(from).fileName();
    SqliteStore *file = source.value().get();
    options.sourceUnchanged = [file] { return file->checkUnchanged(); };
    options.progress = [&context](StoreCopy::Table table, qint64 done, qint64 total) {
        context.progress(tr("copying %1: %2 of %3…").arg(tableTitle(table)).arg(done).arg(total));
    };
    auto report = copy.run(options);
    context.endProgress();
    if (!report) {
        const Error &error = report.error();
        return context.fail(error.isStorageFault() ? ConfigProblem : BadInput,
                            tr("%1: %2 Nothing was written.").arg(Command, error.message));
    }
    if (context.json())
        context.printJson(reportJson(report.value(), fromShown, server.location(), dryRun));
    else
        printReport(context, report.value(), fromShown, server.location(), dryRun);
    if (!report->committed && !dryRun)
        return context.fail(
            BadInput, tr("%1: %n row(s) conflict with what the server holds (listed above): nothing was "
                         "written. Sort them out and copy again, or add --skip-conflicts to copy the rest.",
                         nullptr, int(report->conflictRows()))
                          .arg(Command));
    return Done;
}

} // namespace fatora::cli
