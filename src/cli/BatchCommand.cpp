#include "BatchCommand.h"

#include "batches/BatchFile.h"
#include "batches/BatchPlanner.h"
#include "batches/BatchService.h"
#include "BatchReport.h"
#include "BatchRunCommand.h"
#include "CliContext.h"
#include "CliFormat.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

// The batch an ID names, or the exit code after saying why not.
std::optional<int> loadBatch(CliContext &context, const QString &text, Batch &batch)
{
    auto id = CliContext::parseId(text, u"ID"_s);
    if (!id.ok())
        return context.fail(BadInput, id.error());
    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    auto loaded = store->batch(id.value());
    if (!loaded.ok())
        return context.lookupFailed(loaded.error(),
                                    BatchCommand::tr("there is no batch %1 (see fatora-cli batch "
                                                     "list).")
                                        .arg(id.value()));
    batch = loaded.value();
    return std::nullopt;
}

BatchService service(CliContext &context, Store &store)
{
    BatchService batches(store, context.clock());
    batches.setActor(context.signedIn());
    return batches;
}

} // namespace

QString BatchCommand::summary() const
{
    return tr("Billing runs: charge many saved cards from a CSV file, resumably.");
}

int BatchCommand::run(CliContext &context, const QStringList &arguments)
{
    const QString action = arguments.value(0);
    if (action == u"create"_s)
        return create(context, arguments.mid(1));
    if (action == u"run"_s)
        return BatchRunCommand::run(context, arguments.mid(1));
    if (action == u"status"_s)
        return status(context, arguments.mid(1));
    if (action == u"list"_s)
        return list(context, arguments.mid(1));
    if (action == u"cancel"_s)
        return cancel(context, arguments.mid(1));
    if (action == u"results"_s)
        return results(context, arguments.mid(1));
    if (action == u"retry"_s)
        return retry(context, arguments.mid(1));
    if (action == u"--help"_s || action == u"-h"_s || action == u"help"_s) {
        context.print(tr(
            "Usage: fatora-cli batch create FILE.csv [--name NAME]   dry run, then save the batch\n"
            "       fatora-cli batch run ID [--parallel N] [--rate R] [--yes]   send (or resume) it\n"
            "       fatora-cli batch status ID\n"
            "       fatora-cli batch list\n"
            "       fatora-cli batch cancel ID\n"
            "       fatora-cli batch results ID [--format csv|json]\n"
            "       fatora-cli batch retry ID [--name NAME]   a new batch of those declined for insufficient "
            "funds\n"
            "The file: UTF-8 CSV, a header naming token_id or customer_reference, amount (blank: the card's\n"
            "first payment amount) and optionally note. Run \"fatora-cli batch create --help\" for "
            "details."));
        return Done;
    }
    if (action.isEmpty())
        return context.fail(BadInput,
                            tr("batch: say what to do: create, run, status, list, cancel, results or "
                               "retry (see fatora-cli batch --help)."));
    return context.fail(BadInput, tr("batch: unknown action \"%1\"; use create, run, status, list, cancel, "
                                     "results or retry.")
                                      .arg(action.left(40)));
}

int BatchCommand::create(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Reads a billing run's CSV file and prints the dry run: every row with its customer, card (masked) "
        "and amount, or why it will be skipped. Then saves the batch (nothing is sent: see batch run). "
        "Columns: token_id (a card's id, see tokens list) or customer_reference (the customer's only active "
        "card), one of them per row; amount, blank for the card's first payment amount; note, optional. "
        "Exit code: 0 saved, 2 no row can be charged or the file is unusable (nothing saved)."));
    parser.addPositionalArgument(u"file"_s, tr("The CSV file."));
    const QCommandLineOption nameOption(u"name"_s, tr("A name for the batch (default: the date and time)."),
                                        u"NAME"_s);
    parser.addOption(nameOption);
    if (auto stop = context.parse(parser, u"batch create"_s, u"FILE.csv [--name NAME]"_s, arguments, 1))
        return *stop;
    const QString path = parser.positionalArguments().value(0);
    if (path.isEmpty())
        return context.fail(BadInput, tr("batch create: give the CSV file."));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return context.fail(BadInput, tr("batch create: cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.read(64 * 1024 * 1024 + 1);
    if (bytes.size() > 64 * 1024 * 1024)
        return context.fail(BadInput, tr("batch create: %1 is larger than 64 MB; split it.").arg(path));
    auto rows = BatchFile::read(bytes);
    if (!rows.ok())
        return context.fail(BadInput, Error{QFileInfo(path).fileName(), rows.error().message});

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    auto planned = BatchPlanner::plan(*store, rows.value(), context.clock());
    if (!planned.ok())
        return context.fail(ConfigProblem, planned.error());
    const QList<BatchItem> &items = planned.value();
    const auto queued = std::count_if(items.cbegin(), items.cend(),
                                      [](const BatchItem &i) { return i.state == BatchItemState::Queued; });
    if (!context.json())
        BatchReport::printItems(context, items);
    if (queued == 0) {
        if (context.json())
            context.printJson(QJsonObject{{u"batch_id"_s, QJsonValue(QJsonValue::Null)},
                                          {u"rows"_s, BatchReport::itemsJson(items)}});
        return context.fail(
            BadInput,
            tr("batch create: no row can be charged (%1 skipped); nothing was saved.").arg(items.size()));
    }
    BatchService batches = service(context, *store);
    auto id = batches.create(parser.value(nameOption), QFileInfo(path).fileName(), items);
    if (!id.ok())
        return context.fail(id.error().isStorageFault() ? ConfigProblem : BadInput, id.error());
    // Saved: from here a read that fails still leaves the batch there; say so and name it.
    auto saved = store->batch(id.value());
    auto savedItems = batches.items(id.value());
    if (!saved.ok() || !savedItems.ok())
        return context.fail(ConfigProblem,
                            tr("batch create: saved as batch %1, but it could not be read back: %2")
                                .arg(id.value())
                                .arg((!saved.ok() ? saved.error() : savedItems.error()).toString()));
    const Batch &batch = saved.value();
    const BatchSummary summary = BatchSummary::of(items);
    if (context.json()) {
        QJsonObject out = BatchReport::batchJson(batch, summary);
        out.insert(u"rows"_s, BatchReport::itemsJson(savedItems.value()));
        context.printJson(out);
    } else {
        context.print(QString());
        BatchReport::printSummary(context, batch, summary);
        context.print(tr("Saved as batch %1; nothing was sent. Start it with: fatora-cli batch run %1")
                          .arg(id.value()));
    }
    return context.finish(Done);
}

int BatchCommand::status(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Shows a batch's state, its counts per outcome and its sums per currency."));
    parser.addPositionalArgument(u"id"_s, tr("The batch's id (see batch list)."));
    if (auto stop = context.parse(parser, u"batch status"_s, u"ID"_s, arguments, 1))
        return *stop;
    Batch batch;
    if (auto stop = loadBatch(context, parser.positionalArguments().value(0), batch))
        return *stop;
    auto summary = service(context, *context.store()).summary(batch.id);
    if (!summary.ok())
        return context.fail(ConfigProblem, summary.error());
    if (context.json())
        context.printJson(BatchReport::batchJson(batch, summary.value()));
    else
        BatchReport::printSummary(context, batch, summary.value());
    return context.finish(Done);
}

int BatchCommand::list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists the batches, newest first."));
    const QCommandLineOption limitOption(u"limit"_s, tr("At most N batches (default 50)."), u"N"_s, u"50"_s);
    parser.addOption(limitOption);
    if (auto stop = context.parse(parser, u"batch list"_s, u"[--limit N]"_s, arguments))
        return *stop;
    auto limit = CliContext::parseLimit(parser.value(limitOption), u"--limit"_s);
    if (!limit.ok())
        return context.fail(BadInput, limit.error());
    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    auto batches = store->findBatches(limit.value());
    if (!batches.ok())
        return context.fail(ConfigProblem, batches.error());
    BatchService service(*store, context.clock());
    QJsonArray array;
    QList<QStringList> rows;
    for (const Batch &batch : batches.value()) {
        auto summary = service.summary(batch.id);
        if (!summary.ok())
            return context.fail(ConfigProblem, summary.error());
        array.append(BatchReport::batchJson(batch, summary.value()));
        rows << QStringList{QString::number(batch.id),
                            batch.name,
                            batchStateName(batch.state),
                            QString::number(summary->total),
                            QString::number(summary->count(BatchOutcome::Approved)),
                            QString::number(summary->open()),
                            batch.operatorName};
    }
    if (context.json())
        context.printJson(array);
    else
        context.print(format::table(
            {tr("ID"), tr("NAME"), tr("STATE"), tr("ITEMS"), tr("APPROVED"), tr("OPEN"), tr("BY")}, rows));
    return context.finish(Done);
}

int BatchCommand::cancel(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Cancels a batch: its queued items are never sent; charges in flight "
           "(in any runner) settle. A running \"batch run\" stops at its next step."));
    parser.addPositionalArgument(u"id"_s, tr("The batch's id."));
    if (auto stop = context.parse(parser, u"batch cancel"_s, u"ID"_s, arguments, 1))
        return *stop;
    Batch batch;
    if (auto stop = loadBatch(context, parser.positionalArguments().value(0), batch))
        return *stop;
    auto cancelled = service(context, *context.store()).cancel(batch.id);
    if (!cancelled.ok())
        return context.fail(cancelled.error().isStorageFault() ? ConfigProblem : BadInput, cancelled.error());
    if (context.json())
        context.printJson(QJsonObject{{u"batch_id"_s, batch.id}, {u"cancelled_items"_s, cancelled.value()}});
    else
        context.print(tr("Batch %1 cancelled: %2 queued items will never be sent.")
                          .arg(batch.id)
                          .arg(cancelled.value()));
    return context.finish(Done);
}

int BatchCommand::results(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Prints one entry per item with its order_id and state, as CSV (tokens "
           "masked, formulas neutralised) or JSON."));
    parser.addPositionalArgument(u"id"_s, tr("The batch's id."));
    const QCommandLineOption formatOption(u"format"_s, tr("csv (default) or json."), u"FORMAT"_s, u"csv"_s);
    parser.addOption(formatOption);
    if (auto stop = context.parse(parser, u"batch results"_s, u"ID [--format csv|json]"_s, arguments, 1))
        return *stop;
    const QString formatName = parser.value(formatOption).trimmed().toLower();
    if (formatName != u"csv"_s && formatName != u"json"_s)
        return context.fail(BadInput,
                            Error{u"--format"_s, tr("\"%1\" is not csv or json.").arg(formatName.left(20))});
    Batch batch;
    if (auto stop = loadBatch(context, parser.positionalArguments().value(0), batch))
        return *stop;
    auto items = service(context, *context.store()).items(batch.id);
    if (!items.ok())
        return context.fail(ConfigProblem, items.error());
    if (formatName == u"json"_s || context.json())
        context.printJson(BatchReport::itemsJson(items.value()));
    else
        context.writeOutput(BatchReport::itemsCsv(items.value()));
    return context.finish(Done);
}

int BatchCommand::retry(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Creates a new batch of the items Fatora declined for insufficient "
                                        "funds, to be sent under new order ids. Cards declined as invalid, "
                                        "expired or blocked are never retried."));
    parser.addPositionalArgument(u"id"_s, tr("The batch's id."));
    const QCommandLineOption nameOption(u"name"_s, tr("A name for the new batch."), u"NAME"_s);
    parser.addOption(nameOption);
    if (auto stop = context.parse(parser, u"batch retry"_s, u"ID [--name NAME]"_s, arguments, 1))
        return *stop;
    Batch batch;
    if (auto stop = loadBatch(context, parser.positionalArguments().value(0), batch))
        return *stop;
    BatchService batches = service(context, *context.store());
    auto id = batches.retryInsufficientFunds(batch.id, parser.value(nameOption));
    if (!id.ok())
        return context.fail(id.error().isStorageFault() ? ConfigProblem : BadInput, id.error());
    if (context.json()) {
        context.printJson(QJsonObject{{u"batch_id"_s, id.value()}, {u"retry_of"_s, batch.id}});
    } else {
        auto savedItems = batches.items(id.value());
        if (!savedItems.ok())
            return context.fail(ConfigProblem,
                                tr("batch retry: saved as batch %1, but it could not be read back: %2")
                                    .arg(id.value())
                                    .arg(savedItems.error().toString()));
        BatchReport::printItems(context, savedItems.value());
        context.print(tr("Saved as batch %1. Start it with: fatora-cli batch run %1").arg(id.value()));
    }
    return context.finish(Done);
}

} // namespace fatora::cli
