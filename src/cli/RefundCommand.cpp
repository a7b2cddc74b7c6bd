#include "RefundCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "HeldAnswerReport.h"
#include "PaymentReport.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace fatora::cli {

QString RefundCommand::summary() const
{
    return tr("Refund an approved payment, once (asks first unless --yes).");
}

int RefundCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Refunds an approved payment in full, once. Exit code: 0 refunded, 1 refused by the gateway, "
           "2 nothing sent (e.g. already refunded), 3 outcome unknown, 4 configuration problem."));
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
    const QString question = tr("Refund payment %1 (%2, order %3) to %4?")
                                 .arg(p.id)
                                 .arg(format::amount(p.amount), p.orderId, customerName);
    if (auto stop = context.confirm(question, parser.isSet(yesOption), name()))
        return *stop;

    QObject scope;
    std::optional<RefundState> result;
    QObject::connect(service, &PaymentService::refundFinished, &scope, [&](qint64 id, RefundState state) {
        if (id == p.id) {
            result = state;
            context.wake();
        }
    });
    if (auto started = service->refund(p.id, parser.value(reasonOption)); !started.ok())
        return context.refusedBeforeSending(started.error());
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
            context.print(tr("refund not sent for payment %1: %2. Nothing happened; trying again is safe.")
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

} // namespace fatora::cli
