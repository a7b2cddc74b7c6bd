#include "RevokeCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "gateway/GatewayTypes.h"
#include "HeldAnswerReport.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

// Why a revoke was not confirmed decides the exit code: refused, never sent, or no answer.
int exitCodeForFailedRevoke(GatewayOutcome outcome)
{
    switch (outcome) {
    case GatewayOutcome::Rejected:
    case GatewayOutcome::Declined:
        return Refused;
    case GatewayOutcome::NotSent:
        return ConfigProblem;
    case GatewayOutcome::Success:
    case GatewayOutcome::Unknown:
        break;
    }
    return OutcomeUnknown;
}

} // namespace

QString RevokeCommand::summary() const
{
    return tr("Deactivate a card token at the gateway for good (asks first unless --yes).");
}

int RevokeCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Deactivates a card token at Fatora; it can never be charged again. The token is marked "
        "revoke-pending before the request leaves; if the gateway does not confirm, run the same command "
        "again. Exit code: 0 deactivated, 1 refused by the gateway, 2 nothing sent, 3 not confirmed (retry), "
        "4 configuration problem."));
    const QCommandLineOption tokenOption(u"token"_s, tr("The card token to revoke (its id)."), u"ID"_s);
    const QCommandLineOption reasonOption(u"reason"_s, tr("Why: kept in the audit log."), u"TEXT"_s);
    const QCommandLineOption yesOption(u"yes"_s, tr("Do not ask for confirmation."));
    parser.addOptions({tokenOption, reasonOption, yesOption});
    if (auto stop = context.parse(parser, name(), u"--token ID --reason TEXT [--yes]"_s, arguments))
        return *stop;

    if (!parser.isSet(tokenOption))
        return context.fail(BadInput, tr("revoke: --token ID is required."));
    auto tokenId = CliContext::parseId(parser.value(tokenOption), u"--token"_s);
    if (!tokenId.ok())
        return context.fail(BadInput, tokenId.error());
    const QString reason = parser.value(reasonOption).trimmed();
    if (reason.isEmpty())
        return context.fail(BadInput,
                            tr("--reason: say why the token is revoked; it is kept in the audit log."));

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    auto token = store->token(tokenId.value());
    if (!token.ok())
        return context.lookupFailed(token.error(),
                                    tr("--token: there is no card token with id %1.").arg(tokenId.value()));
    const CardToken card = token.value();
    if (card.status == TokenStatus::Deactivated)
        return context.fail(BadInput, tr("--token: token %1 was already revoked on %2.")
                                          .arg(card.id)
                                          .arg(format::localDateTime(card.statusChangedAt)));
    auto customer = store->customer(card.customerId);
    const QString customerName = customer.ok() ? customer->name : tr("customer %1").arg(card.customerId);

    PaymentService *service = context.paymentService();
    if (!service)
        return ConfigProblem;
    const QString question =
        tr("Revoke %1's card %2%3? It can never be charged again.")
            .arg(customerName, card.masked(), card.label.isEmpty() ? QString() : u" ("_s + card.label + u')');
    if (auto stop = context.confirm(question, parser.isSet(yesOption), name()))
        return *stop;

    QObject scope;
    std::optional<bool> deactivated;
    GatewayOutcome outcome = GatewayOutcome::Unknown;
    QString why;
    QObject::connect(service, &PaymentService::revokeFinished, &scope,
                     [&](qint64 id, bool done, GatewayOutcome answer, const QString &errorText) {
                         if (id == card.id) {
                             deactivated = done;
                             outcome = answer;
                             why = errorText;
                             context.wake();
                         }
                     });
    if (auto started = service->revoke(card.id, reason); !started.ok())
        return context.refusedBeforeSending(started.error());
    const int guardMs = context.gatewayTimeoutMs() + 15'000;
    HeldAnswerReport::wait(context, *service, GatewayOperation::Deactivate, card.id, guardMs,
                           [&] { return deactivated.has_value(); });
    if (auto code = HeldAnswerReport::report(context, *service, GatewayOperation::Deactivate, card.id))
        return *code;

    auto after = store->token(card.id);
    if (!after.ok())
        return context.fail(ConfigProblem, after.error());
    const int code = deactivated.value_or(false) ? Done : exitCodeForFailedRevoke(outcome);
    if (code == Done)
        why.clear();
    if (context.json()) {
        QJsonObject result =
            format::token(after.value(), customerName, context.showToken(), context.clock().today());
        result.insert(u"deactivated"_s, code == Done);
        if (!why.isEmpty())
            result.insert(u"error"_s, why);
        context.printJson(result);
    } else if (code == Done) {
        context.print(tr("revoked: %1's card %2 is deactivated at the gateway (token %3).")
                          .arg(customerName, card.masked())
                          .arg(card.id));
    } else {
        context.print(
            tr("NOT confirmed: token %1 stays revoke-pending and cannot be charged. %2 Run the same "
               "command again to retry.")
                .arg(card.id)
                .arg(format::printable(why)));
    }
    return code;
}

} // namespace fatora::cli
