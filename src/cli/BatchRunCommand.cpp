#include "BatchRunCommand.h"

#include "batches/BatchRunner.h"
#include "batches/BatchService.h"
#include "BatchReport.h"
#include "CliContext.h"
#include "CliFormat.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fatora::cli {

int BatchRunCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Sends a batch's queued items, N at a time, each under its own new order id, written to the database "
        "before it leaves. Run it again after any stop (Ctrl+C, a crash, a power cut): items whose answer "
        "never "
        "came are verified first and never sent again. Two runs on one batch never send one item twice. "
        "Exit code: 0 every item settled, 2 nothing sent (bad input, cancelled or finished batch), "
        "3 some outcomes unknown (run again to verify them), 4 configuration problem."));
    parser.addPositionalArgument(u"id"_s, tr("The batch's id (see batch list)."));
    const QCommandLineOption parallelOption(u"parallel"_s,
                                            tr("Charges in flight at once, 1 to %1 (default %2).")
                                                .arg(BatchRunner::MaxParallel)
                                                .arg(BatchRunner::DefaultParallel),
                                            u"N"_s, QString::number(BatchRunner::DefaultParallel));
    const QCommandLineOption rateOption(u"rate"_s, tr("At most R charges per second (default: no limit)."),
                                        u"R"_s, u"0"_s);
    const QCommandLineOption yesOption(u"yes"_s, tr("Do not ask for confirmation."));
    parser.addOptions({parallelOption, rateOption, yesOption});
    if (auto stop =
            context.parse(parser, u"batch run"_s, u"ID [--parallel N] [--rate R] [--yes]"_s, arguments, 1))
        return *stop;
    auto id = CliContext::parseId(parser.positionalArguments().value(0), u"ID"_s);
    if (!id.ok())
        return context.fail(BadInput, id.error());
    BatchRunOptions options;
    bool ok = false;
    options.parallel = parser.value(parallelOption).toInt(&ok);
    if (!ok)
        return context.fail(
            BadInput, Error{u"--parallel"_s,
                            tr("\"%1\" is not a whole number.").arg(parser.value(parallelOption).left(20))});
    options.ratePerSec = parser.value(rateOption).toDouble(&ok);
    if (!ok)
        return context.fail(
            BadInput,
            Error{u"--rate"_s, tr("\"%1\" is not a number.").arg(parser.value(rateOption).left(20))});
    if (auto checked = BatchRunner::checkOptions(options); !checked.ok())
        return context.fail(BadInput, Error{u"--"_s + checked.error().field, checked.error().message});

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    BatchService batches(*store, context.clock());
    auto batch = batches.batch(id.value());
    if (!batch.ok())
        return context.lookupFailed(batch.error(),
                                    tr("there is no batch %1 (see fatora-cli batch list).").arg(id.value()));
    auto summary = batches.summary(id.value());
    if (!summary.ok())
        return context.fail(ConfigProblem, summary.error());
    // A finished or cancelled batch sends nothing more; its unknown items may still be verified.
    if (auto allowed = BatchService::mayStart(batch.value());
        !allowed.ok() && summary->count(BatchOutcome::Unknown) == 0)
        return context.fail(BadInput, allowed.error());

    PaymentService *payments = context.paymentService();
    if (!payments)
        return ConfigProblem;

    // The review: what will be charged, at what pace, by whom.
    QStringList money;
    for (const BatchSummary::CurrencyTotal &c : summary->currencies)
        money << format::amount(Money(c.plannedMinor, c.currency));
    const QString pace =
        options.ratePerSec > 0 ? tr("at most %1 per second").arg(options.ratePerSec) : tr("no pace limit");
    const QString question =
        tr("Batch %1 \"%2\": charge %3 items (%4), %5 at a time, %6, as %7? %8 unknown to verify first.")
            .arg(QString::number(batch->id), batch->name)
            .arg(summary->count(BatchOutcome::Queued))
            .arg(money.join(u", "_s))
            .arg(options.parallel)
            .arg(pace, context.operatorName())
            .arg(summary->count(BatchOutcome::Unknown) + summary->count(BatchOutcome::InFlight));
    if (auto stop = context.confirm(question, parser.isSet(yesOption), u"batch run"_s))
        return *stop;

    BatchRunner runner(*store, *payments, context.clock());
    runner.setOperatorName(context.operatorName());
    bool done = false;
    BatchSummary finalSummary;
    BatchState finalState = BatchState::Running;
    QObject scope;
    QObject::connect(&runner, &BatchRunner::progressChanged, &scope, [&](const BatchProgress &p) {
        const BatchSummary &s = p.summary;
        QString line =
            tr("batch %1: approved %2, declined %3, rejected %4, unknown %5, in flight %6, queued %7")
                .arg(id.value())
                .arg(s.count(BatchOutcome::Approved))
                .arg(s.count(BatchOutcome::Declined))
                .arg(s.count(BatchOutcome::Rejected) + s.count(BatchOutcome::NotSent))
                .arg(s.count(BatchOutcome::Unknown))
                .arg(s.count(BatchOutcome::InFlight))
                .arg(s.count(BatchOutcome::Queued));
        if (p.verifying > 0)
            line += tr(", verifying %1").arg(p.verifying);
        if (p.secondsLeft >= 0)
            line += tr(", about %1 s left").arg(qRound(p.secondsLeft));
        context.progress(line);
    });
    QObject::connect(&runner, &BatchRunner::problem, &scope,
                     [&](const QString &message) { context.note(message); });
    QObject::connect(&runner, &BatchRunner::finished, &scope, [&](const BatchSummary &s, BatchState state) {
        finalSummary = s;
        finalState = state;
        done = true;
        context.wake();
    });
    if (auto started = runner.start(id.value(), options); !started.ok())
        return context.fail(started.error().isStorageFault() ? ConfigProblem : BadInput, started.error());
    // The runner ends on its own: every call ends by the gateway timeout, and answers the database
    // cannot take are kept (journal) and reported by the payment engine.
    context.waitUntil([&] { return done; }, 24 * 60 * 60 * 1000);
    context.endProgress();
    Batch after = batch.value();
    after.state = finalState;
    if (context.json())
        context.printJson(BatchReport::batchJson(after, finalSummary));
    else
        BatchReport::printSummary(context, after, finalSummary);
    return context.finish(finalSummary.open() > 0 || !finalSummary.settled() ? OutcomeUnknown : Done);
}

} // namespace fatora::cli
