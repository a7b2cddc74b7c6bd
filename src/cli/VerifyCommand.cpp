#include "VerifyCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "PaymentReport.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace fatora::cli {

QString VerifyCommand::summary() const
{
    return tr("Ask the gateway how a charge with an unknown outcome ended.");
}

int VerifyCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Settles charges whose outcome is unknown (a timeout, a dropped connection, a crash) by asking the "
        "gateway. Nothing is ever charged again. With --pending every unknown charge is checked in turn; "
        "the exit code is then 3 while any stays unknown."));
    const QCommandLineOption paymentOption(u"payment"_s, tr("The payment to verify (its id)."), u"ID"_s);
    const QCommandLineOption pendingOption(u"pending"_s,
                                           tr("Verify every payment whose outcome is unknown."));
    parser.addOptions({paymentOption, pendingOption});
    if (auto stop = context.parse(parser, name(), u"--payment ID | --pending"_s, arguments))
        return *stop;
    if (parser.isSet(paymentOption) == parser.isSet(pendingOption))
        return context.fail(BadInput, tr("verify: give either --payment ID or --pending."));

    std::optional<qint64> single;
    if (parser.isSet(paymentOption)) {
        auto id = CliContext::parseId(parser.value(paymentOption), u"--payment"_s);
        if (!id.ok())
            return context.fail(BadInput, id.error());
        single = id.value();
    }

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    QList<qint64> ids;
    if (single) {
        auto payment = store->payment(*single);
        if (!payment.ok())
            return context.lookupFailed(payment.error(),
                                        tr("--payment: there is no payment with id %1.").arg(*single));
        if (!payment->isOpen())
            return context.fail(BadInput,
                                tr("--payment: payment %1 is %2: only payments with an unknown outcome "
                                   "need verifying.")
                                    .arg(*single)
                                    .arg(paymentStateName(payment->state)));
        ids << *single;
    } else {
        // Only unknown ones: a pending payment belongs to a call another process still has in flight
        // (this run's start-up already turned those of dead processes into unknown).
        auto open = store->paymentsInState(PaymentState::Unknown);
        if (!open.ok())
            return context.fail(ConfigProblem, open.error());
        for (const Payment &p : open.value()) {
            if (!p.isCardRequest()) // checked by "checkout check", which also saves the card
                ids << p.id;
        }
        if (ids.isEmpty()) {
            if (context.json())
                context.printJson(QJsonArray());
            else
                context.print(tr("No payments with an unknown outcome."));
            return Done;
        }
    }

    if (context.sandbox())
        return context.sandboxCannotReachEarlierRuns(name());
    PaymentService *service = context.paymentService();
    if (!service)
        return ConfigProblem;

    QObject scope;
    QHash<qint64, PaymentState> finished;
    QObject::connect(service, &PaymentService::verifyFinished, &scope, [&](qint64 id, PaymentState state) {
        finished.insert(id, state);
        context.wake();
    });
    // A verify that fails at the gateway (5xx, timeout) ends without verifyFinished: problem() then
    // says why, and the payment simply stays unknown.
    QString lastProblem;
    QObject::connect(service, &PaymentService::problem, &scope, [&](const QString &message) {
        lastProblem = message;
        context.wake();
    });

    const int guardMs = context.gatewayTimeoutMs() + 15'000;
    QList<QPair<qint64, QString>> failures;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const qint64 id = ids.at(i);
        if (!single)
            context.progress(tr("verifying %1 of %2 (payment %3)…").arg(i + 1).arg(ids.size()).arg(id));
        lastProblem.clear();
        if (auto started = service->verify(id); !started.ok()) {
            if (single)
                return context.refusedBeforeSending(started.error());
            failures << qMakePair(id, started.error().toString());
            continue;
        }
        context.waitUntil([&] { return finished.contains(id) || !service->isBusy(id); }, guardMs);
        if (!finished.contains(id))
            failures << qMakePair(id, lastProblem.isEmpty() ? tr("no answer") : lastProblem);
    }
    context.endProgress();

    if (single)
        return PaymentReport::print(context, *store, *single);

    QJsonArray results;
    QList<QStringList> rows;
    bool anyOpen = false;
    for (const qint64 id : std::as_const(ids)) {
        auto payment = store->payment(id);
        if (!payment.ok())
            return context.fail(ConfigProblem, payment.error());
        const Payment &p = payment.value();
        anyOpen = anyOpen || p.isOpen();
        results.append(PaymentReport::json(*store, p));
        rows << QStringList{
            QString::number(p.id),     p.orderId,
            paymentStateName(p.state), p.amount ? format::amount(p.amount) : tr("first amount"),
            p.transactionId,           p.note};
    }
    if (context.json()) {
        context.printJson(results);
    } else {
        context.print(format::table(
            {tr("ID"), tr("ORDER"), tr("STATE"), tr("AMOUNT"), tr("TRANSACTION"), tr("NOTE")}, rows));
        for (const auto &[id, why] : std::as_const(failures))
            context.note(tr("payment %1 could not be verified: %2").arg(id).arg(why));
    }
    return anyOpen ? OutcomeUnknown : Done;
}

} // namespace fatora::cli
