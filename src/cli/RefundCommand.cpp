#include "RefundCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "HeldAnswerReport.h"
#include "PaymentReport.h"
#include "payments/PaymentRules.h"
#include "payments/PaymentService.h"
#include "staff/StaffService.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fatora::cli {

QString RefundCommand::summary() const
{
    return tr("Refund an approved payment, once (asks first unless --yes); above the shared database's "
              "limit, ask for a second supervisor's approval (refund requests, approve, deny, limit).");
}

int RefundCommand::run(CliContext &context, const QStringList &arguments)
{
    const QString action = arguments.value(0);
    if (action == u"requests"_s)
        return requests(context, arguments.mid(1));
    if (action == u"approve"_s)
        return approve(context, arguments.mid(1));
    if (action == u"deny"_s)
        return deny(context, arguments.mid(1));
    if (action == u"limit"_s)
        return limit(context, arguments.mid(1));
    return refund(context, arguments);
}

int RefundCommand::refund(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Refunds an approved payment in full, once. Above the shared database's approval limit it asks "
           "for a second supervisor's approval instead (--reason is then required) and sends nothing. "
           "Exit code: 0 refunded, 1 refused by the gateway, 2 nothing sent (e.g. already refunded), 3 "
           "outcome unknown, 4 configuration problem, 5 asked for approval (nothing sent yet)."));
    const QCommandLineOption paymentOption(u"payment"_s, tr("The payment to refund (its id)."), u"ID"_s);
    const QCommandLineOption reasonOption(u"reason"_s, tr("Why: kept in the audit log."), u"TEXT"_s);
    const QCommandLineOption yesOption(u"yes"_s, tr("Do not ask for confirmation."));
    parser.addOptions({paymentOption, reasonOption, yesOption});
    if (auto stop = context.parse(parser, name(), u"--payment ID [--reason TEXT] [--yes]"_s, arguments))
        return *stop;

    if (!parser.isSet(paymentOption))
        return context.fail(BadInput, tr("refund: --payment ID is required."));
    auto paymentId = CliContext::parseId(parser.value(paymentOption), u"--payment"_s);
    if (!paymentId.ok())
        return context.fail(BadInput, paymentId.error());

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    auto payment = store->payment(paymentId.value());
    if (!payment.ok())
        return context.lookupFailed(payment.error(),
                                    tr("--payment: there is no payment with id %1.").arg(paymentId.value()));
    const Payment p = payment.value();
    // Said before asking: a refund the engine will refuse is not worth a confirmation.
    if (p.state != PaymentState::Approved)
        return context.fail(BadInput,
                            tr("--payment: payment %1 is %2; only approved payments can be refunded.")
                                .arg(p.id)
                                .arg(paymentStateName(p.state)));
    if (p.refundState == RefundState::Refunded)
        return context.fail(BadInput, tr("--payment: payment %1 was already refunded on %2.")
                                          .arg(p.id)
                                          .arg(format::localDateTime(p.refundedAt)));
    auto customer = store->customer(p.customerId);
    const QString customerName = customer.ok() ? customer->name : tr("customer %1").arg(p.customerId);

    if (context.sandbox())
        return context.sandboxCannotReachEarlierRuns(name());
    PaymentService *service = context.paymentService();
    if (!service)
        return ConfigProblem;
    auto needsApproval = service->refundNeedsApproval(p.id);
    if (!needsApproval.ok())
        return context.fail(ConfigProblem, needsApproval.error());
    if (needsApproval.value())
        return askApproval(context, *service, p, parser.value(reasonOption));
    const QString question = tr("Refund payment %1 (%2, order %3) to %4?")
                                 .arg(p.id)
                                 .arg(format::amount(p.amount), p.orderId, customerName);
    if (auto stop = context.confirm(question, parser.isSet(yesOption), name()))
        return *stop;
    const QString reason = parser.value(reasonOption);
    // The limit may have been lowered since: the refund is then refused, nothing sent.
    return sendAndReport(
        context, *service, *store, p, customerName, [&] { return service->refund(p.id, reason); },
        [&](const Error &error) {
            return error.field == u"approval"_s
                       ? context.fail(BadInput, tr("refund: %1 Nothing was sent.").arg(error.message))
                       : context.refusedBeforeSending(error);
        });
}

int RefundCommand::sendAndReport(CliContext &context, PaymentService &serviceRef, Store &storeRef,
                                 const Payment &p, const QString &customerName,
                                 const std::function<Result<void>()> &start,
                                 const std::function<int(const Error &)> &refused)
{
    PaymentService *service = &serviceRef;
    Store *store = &storeRef;
    QObject scope;
    std::optional<RefundState> result;
    QObject::connect(service, &PaymentService::refundFinished, &scope, [&](qint64 id, RefundState state) {
        if (id == p.id) {
            result = state;
            context.wake();
        }
    });
    if (auto started = start(); !started.ok())
        return refused ? refused(started.error()) : context.refusedBeforeSending(started.error());
    const int guardMs = context.gatewayTimeoutMs() + 15'000;
    HeldAnswerReport::wait(context, *service, GatewayOperation::Refund, p.id, guardMs,
                           [&] { return result.has_value() || !service->isBusy(p.id); });
    if (auto code = HeldAnswerReport::report(context, *service, GatewayOperation::Refund, p.id))
        return *code;

    auto after = store->payment(p.id);
    if (!after.ok())
        return context.fail(ConfigProblem, after.error());
    const Payment &done = after.value();
    const RefundState state = result.value_or(RefundState::Unknown);
    if (context.json()) {
        context.printJson(PaymentReport::json(*store, done));
    } else {
        switch (state) {
        case RefundState::Refunded:
            context.print(tr("refunded: payment %1 (%2, order %3) to %4. Gateway refund status: %5.")
                              .arg(done.id)
                              .arg(format::amount(done.amount), done.orderId, customerName,
                                   done.refundStatus.isEmpty() ? u"-"_s : done.refundStatus));
            break;
        case RefundState::Rejected:
            context.print(tr("refund refused by the gateway for payment %1: %2")
                              .arg(done.id)
                              .arg(format::printable(done.note)));
            break;
        case RefundState::None:
            context.print(tr("refund not sent for payment %1: %2. Nothing happened; trying again is safe (a "
                             "refund that needed an approval needs a new request: the approval was used).")
                              .arg(done.id)
                              .arg(format::printable(done.note)));
            break;
        case RefundState::Pending:
        case RefundState::Unknown:
            context.print(tr("refund outcome UNKNOWN for payment %1: %2. Do not refund again: check the "
                             "refund in Fatora's dashboard and record what it shows (fatora-cli has no "
                             "second refund for a payment whose refund may have been made).")
                              .arg(done.id)
                              .arg(format::printable(done.note)));
            break;
        }
    }
    switch (state) {
    case RefundState::Refunded:
        return Done;
    case RefundState::Rejected:
        return Refused;
    case RefundState::None: // never reached the gateway
        return ConfigProblem;
    case RefundState::Pending:
    case RefundState::Unknown:
        break;
    }
    return OutcomeUnknown;
}


namespace {

QJsonObject requestJson(const RefundApproval &a)
{
    auto time = [](const QDateTime &t) { return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue(); };
    return QJsonObject{
        {u"request_id"_s, a.id},
        {u"payment_id"_s, a.paymentId},
        {u"order_id"_s, a.orderId},
        {u"customer"_s, a.customerName},
        {u"amount"_s, a.amount ? QJsonValue(a.amount->toPlainString()) : QJsonValue()}, // null: not known
        {u"currency"_s, a.currency},
        {u"reason"_s, a.reason},
        {u"requested_by"_s, a.requestedBy},
        {u"requested_at"_s, time(a.requestedAt)},
        {u"state"_s, refundApprovalStateName(a.state)},
        {u"decided_by"_s, a.decidedBy.isEmpty() ? QJsonValue() : QJsonValue(a.decidedBy)},
        {u"decided_at"_s, time(a.decidedAt)},
        {u"decision_note"_s, a.decisionNote},
    };
}

// A refusal before anything was sent: bad input for what the person typed or a request no longer
// open; a set-up problem for a missing right or no shared database.
int refusedDecision(CliContext &context, const QString &command, const Error &error)
{
    const bool typo = (error.is(ErrorKind::Validation) && error.field != u"database"_s) ||
                      error.is(ErrorKind::Conflict) || error.is(ErrorKind::NotFound) ||
                      (error.is(ErrorKind::Permission) && error.field == u"request"_s);
    return context.fail(typo ? BadInput : ConfigProblem,
                        RefundCommand::tr("%1: %2 Nothing was sent.").arg(command, error.toString()));
}

} // namespace

int RefundCommand::askApproval(CliContext &context, PaymentService &service, const Payment &p,
                               const QString &reason)
{
    // A refund that cannot start now (pending, unknown) says so first.
    if (auto may = PaymentRules::mayRefund(p, service.isBusy(p.id)).asResult(u"payment"_s); !may.ok())
        return context.refusedBeforeSending(may.error());
    if (reason.trimmed().isEmpty())
        return context.fail(BadInput,
                            tr("refund: refunding %1 of payment %2 needs a second supervisor's approval: give "
                               "--reason TEXT, which the approver reads. Nothing was sent.")
                                .arg(format::amount(p.amount))
                                .arg(p.id));
    auto asked = service.askRefundApproval(p.id, reason);
    if (!asked.ok())
        return refusedDecision(context, u"refund"_s, asked.error());
    if (context.json()) {
        auto request = context.store()->refundApproval(asked.value());
        if (request.ok())
            context.printJson(requestJson(request.value()));
    } else {
        context.print(tr("asked for approval: refund request %1 for payment %2 (%3). Nothing is sent until "
                         "another supervisor runs \"fatora-cli refund approve %1\".")
                          .arg(asked.value())
                          .arg(p.id)
                          .arg(format::amount(p.amount)));
    }
    return context.finish(AwaitingApproval);
}

int RefundCommand::requests(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("The refund requests waiting for a second supervisor's approval, "
                                        "oldest first; with --all every request, newest first."));
    const QCommandLineOption allOption(u"all"_s, tr("Every request, decided ones too."));
    parser.addOption(allOption);
    if (auto stop = context.parse(parser, u"refund requests"_s, u"[--all]"_s, arguments))
        return *stop;
    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    RefundApprovalQuery query;
    query.openOnly = !parser.isSet(allOption);
    auto list = store->refundApprovals(query);
    if (!list.ok())
        return refusedDecision(context, u"refund requests"_s, list.error());
    if (context.json()) {
        QJsonArray out;
        for (const RefundApproval &a : list.value())
            out.append(requestJson(a));
        context.printJson(out);
        return context.finish(Done);
    }
    if (list.value().isEmpty()) {
        context.print(query.openOnly ? tr("No refund request is waiting for approval.") : tr("No refund requests yet."));
        return context.finish(Done);
    }
    QList<QStringList> rows;
    for (const RefundApproval &a : list.value())
        rows << QStringList{QString::number(a.id),
                            format::localDateTime(a.requestedAt),
                            a.requestedBy,
                            QString::number(a.paymentId),
                            a.customerName,
                            format::amount(a.amount),
                            refundApprovalStateName(a.state),
                            a.decidedBy,
                            a.isOpen() ? a.reason : a.reason + u" / "_s + a.decisionNote};
    context.print(format::table({tr("ID"), tr("ASKED"), tr("BY"), tr("PAYMENT"), tr("CUSTOMER"), tr("AMOUNT"),
                                 tr("STATE"), tr("DECIDED BY"), tr("REASON")},
                                rows));
    return context.finish(Done);
}

int RefundCommand::approve(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Approves another supervisor's refund request and sends the refund. Exit codes as refund's."));
    parser.addPositionalArgument(u"id"_s, tr("The refund request's id (refund requests)."));
    const QCommandLineOption noteOption(u"note"_s, tr("A note kept with the approval."), u"TEXT"_s);
    const QCommandLineOption yesOption(u"yes"_s, tr("Do not ask for confirmation."));
    parser.addOptions({noteOption, yesOption});
    if (auto stop = context.parse(parser, u"refund approve"_s, u"ID [--note TEXT] [--yes]"_s, arguments, 1))
        return *stop;
    auto id = CliContext::parseId(parser.positionalArguments().value(0), u"ID"_s);
    if (!id.ok())
        return context.fail(BadInput, id.error());
    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    auto request = store->refundApproval(id.value());
    if (!request.ok())
        return context.lookupFailed(request.error(), tr("refund approve: there is no refund request %1.").arg(id.value()));
    const RefundApproval a = request.value();
    auto payment = store->payment(a.paymentId);
    if (!payment.ok())
        return context.fail(ConfigProblem, payment.error());
    if (context.sandbox())
        return context.sandboxCannotReachEarlierRuns(name());
    PaymentService *service = context.paymentService();
    if (!service)
        return ConfigProblem;
    // Said before asking: an approval the service will refuse is not worth a confirmation.
    if (auto may = service->mayDecideRefund(a.id, true); !may.ok())
        return refusedDecision(context, u"refund approve"_s, may.error());
    const QString question = tr("Approve refund request %1 of %2 and refund payment %3 (%4, order %5) to %6 now? "
                                "Reason given: %7")
                                 .arg(a.id)
                                 .arg(a.requestedBy)
                                 .arg(a.paymentId)
                                 .arg(format::amount(a.amount), a.orderId, a.customerName,
                                      format::printable(a.reason));
    if (auto stop = context.confirm(question, parser.isSet(yesOption), u"refund approve"_s))
        return *stop;
    const QString note = parser.value(noteOption);
    return sendAndReport(
        context, *service, *store, payment.value(), a.customerName,
        [&] { return service->approveRefund(a.id, note); },
        [&](const Error &error) { return refusedDecision(context, u"refund approve"_s, error); });
}

int RefundCommand::deny(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Denies a refund request (or withdraws your own); nothing is sent."));
    parser.addPositionalArgument(u"id"_s, tr("The refund request's id (refund requests)."));
    const QCommandLineOption reasonOption(u"reason"_s, tr("Why: the person who asked reads it."), u"TEXT"_s);
    parser.addOption(reasonOption);
    if (auto stop = context.parse(parser, u"refund deny"_s, u"ID --reason TEXT"_s, arguments, 1))
        return *stop;
    auto id = CliContext::parseId(parser.positionalArguments().value(0), u"ID"_s);
    if (!id.ok())
        return context.fail(BadInput, id.error());
    if (parser.value(reasonOption).trimmed().isEmpty())
        return context.fail(BadInput, tr("refund deny: give --reason TEXT: the person who asked reads it."));
    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    PaymentService *service = context.paymentService();
    if (!service)
        return ConfigProblem;
    if (auto r = service->denyRefund(id.value(), parser.value(reasonOption)); !r.ok())
        return refusedDecision(context, u"refund deny"_s, r.error());
    auto after = store->refundApproval(id.value());
    if (context.json() && after.ok())
        context.printJson(requestJson(after.value()));
    else
        context.print(tr("denied: refund request %1. Nothing was sent.").arg(id.value()));
    return context.finish(Done);
}

int RefundCommand::limit(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Shows the amount above which a refund needs a second supervisor's "
                                        "approval; an administrator sets it with AMOUNT in riyals (0: every "
                                        "refund)."));
    parser.addPositionalArgument(u"amount"_s, tr("The new limit in QAR, e.g. 1000 or 2,500.00."), u"[AMOUNT]"_s);
    if (auto stop = context.parse(parser, u"refund limit"_s, u"[AMOUNT]"_s, arguments, 1))
        return *stop;
    StaffService *staff = context.staffService();
    if (!staff)
        return ConfigProblem;
    Result<Money> limit = parser.positionalArguments().isEmpty()
                              ? staff->refundApprovalLimit()
                              : staff->setRefundApprovalLimit(parser.positionalArguments().value(0));
    if (!limit.ok())
        return refusedDecision(context, u"refund limit"_s, limit.error());
    if (context.json())
        context.printJson(QJsonObject{{u"approval_above"_s, limit.value().toPlainString()},
                                      {u"currency"_s, limit.value().currency()}});
    else if (limit.value().minorUnits() == 0)
        context.print(tr("Every refund needs a second supervisor's approval."));
    else
        context.print(tr("Refunds above %1 need a second supervisor's approval.").arg(format::amount(limit.value())));
    return context.finish(Done);
}

} // namespace fatora::cli
