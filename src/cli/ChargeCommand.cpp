#include "ChargeCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "HeldAnswerReport.h"
#include "PaymentReport.h"
#include "payments/ChargeGuard.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QHash>

using namespace Qt::StringLiterals;

namespace fatora::cli {

QString ChargeCommand::summary() const
{
    return tr("Charge a saved card token (asks first unless --yes).");
}

int ChargeCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Charges a saved card token once, under a new order id. Without --amount Fatora charges the amount "
        "of the card's first payment. Exit code: 0 approved, 1 declined or rejected, 2 nothing sent, "
        "3 outcome unknown (verify before anything else), 4 configuration problem."));
    const QCommandLineOption tokenOption(
        u"token"_s, tr("The card token to charge (its id, see \"tokens list\")."), u"ID"_s);
    const QCommandLineOption amountOption(u"amount"_s, tr("Amount in the token's currency, e.g. 123.45."),
                                          u"A"_s);
    const QCommandLineOption currencyOption(
        u"currency"_s, tr("Refuse unless the token charges in this currency (a guard for scripts)."),
        u"CUR"_s);
    const QCommandLineOption yesOption(u"yes"_s, tr("Do not ask for confirmation."));
    const QCommandLineOption repeatOption(
        u"allow-repeat"_s, tr("Charge even though this card was charged in the last %1 minutes.")
                               .arg(ChargeGuard::RepeatWindowSecs / 60));
    const QCommandLineOption largeOption(
        u"allow-large-amount"_s,
        tr("Charge even though the amount is more than %1 times the card's first payment.")
            .arg(ChargeGuard::LargeAmountFactor));
    parser.addOptions({tokenOption, amountOption, currencyOption, yesOption, repeatOption, largeOption});
    if (auto stop = context.parse(parser, name(), u"--token ID [--amount A] [--yes]"_s, arguments))
        return *stop;

    if (!parser.isSet(tokenOption))
        return context.fail(BadInput, tr("charge: --token ID is required (see fatora-cli tokens list)."));
    auto tokenId = CliContext::parseId(parser.value(tokenOption), u"--token"_s);
    if (!tokenId.ok())
        return context.fail(BadInput, tokenId.error());
    QString expectedCurrency;
    if (parser.isSet(currencyOption)) {
        expectedCurrency = parser.value(currencyOption).trimmed().toUpper();
        if (!Money::isKnownCurrency(expectedCurrency))
            return context.fail(BadInput,
                                Error{u"--currency"_s, tr("\"%1\" is not a known currency code (e.g. QAR).")
                                                           .arg(parser.value(currencyOption).left(10))});
    }

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    auto token = store->token(tokenId.value());
    if (!token.ok())
        return context.lookupFailed(token.error(),
                                    tr("--token: there is no card token with id %1.").arg(tokenId.value()));
    const CardToken &card = token.value();
    auto customer = store->customer(card.customerId);
    const QString customerName = customer.ok() ? customer->name : tr("customer %1").arg(card.customerId);
    const QString currency = card.currency.isEmpty() ? u"QAR"_s : card.currency;
    if (!expectedCurrency.isEmpty() && expectedCurrency != currency)
        return context.fail(BadInput,
                            Error{u"--currency"_s, tr("token %1 charges in %2, not %3. Nothing was sent.")
                                                       .arg(card.id)
                                                       .arg(currency, expectedCurrency)});
    std::optional<Money> amount;
    if (parser.isSet(amountOption)) {
        auto parsed = Money::parse(parser.value(amountOption), currency, u"--amount"_s);
        if (!parsed.ok())
            return context.fail(BadInput, parsed.error());
        amount = parsed.value();
    }

    PaymentService *service = context.paymentService();
    if (!service)
        return ConfigProblem;
    if (auto allowed = service->canCharge(card.id); !allowed.ok())
        return context.refusedBeforeSending(allowed.error());
    auto review = service->reviewCharge(card.id, amount);
    if (!review.ok())
        return context.fail(ConfigProblem, review.error());
    // A scheduled job that runs twice must not charge twice: a recent charge on the card needs a
    // second, explicit yes; so does an amount far above the card's first payment (a slipped digit).
    const std::optional<Payment> &recent = review->recentCharge;
    if (recent && !parser.isSet(repeatOption))
        return context.fail(BadInput, tr("--token: this card was charged %1, less than %2 minutes ago. Add "
                                         "--allow-repeat to charge it again.")
                                          .arg(ChargeGuard::describeRecentCharge(*recent))
                                          .arg(ChargeGuard::RepeatWindowSecs / 60));
    if (review->farAboveFirstPayment && !parser.isSet(largeOption))
        return context.fail(BadInput, tr("--amount: %1 is more than %2 times this card's first payment (%3). "
                                         "Add --allow-large-amount if that is right.")
                                          .arg(format::amount(amount, card.firstAmount))
                                          .arg(ChargeGuard::LargeAmountFactor)
                                          .arg(format::amount(card.firstAmount)));

    QString question = tr("Charge %1 to %2's card %3?")
                           .arg(format::amount(amount, card.firstAmount), customerName, card.masked());
    if (recent)
        question = tr("This card was already charged %1. %2")
                       .arg(ChargeGuard::describeRecentCharge(*recent), question);
    if (auto stop = context.confirm(question, parser.isSet(yesOption), name()))
        return *stop;

    // Collect every result: the id is only known once charge() returns.
    QObject scope;
    QHash<qint64, PaymentState> finished;
    QObject::connect(service, &PaymentService::chargeFinished, &scope, [&](qint64 id, PaymentState state) {
        finished.insert(id, state);
        context.wake();
    });
    // What was shown is what is acknowledged: a charge made by someone else while the prompt was
    // open is found again inside the write-ahead transaction and refuses this one (exit 2).
    ChargeRequest request;
    request.tokenId = card.id;
    request.amount = amount;
    request.acknowledgedRecentChargeId = recent ? recent->id : 0;
    request.largeAmountConfirmed = review->farAboveFirstPayment;
    auto paymentId = service->charge(request);
    if (!paymentId.ok())
        return context.refusedBeforeSending(paymentId.error());
    // The client's own timeout ends the call; this only guards against a reply that never comes back.
    const int guardMs = context.gatewayTimeoutMs() + 15'000;
    const bool answered =
        HeldAnswerReport::wait(context, *service, GatewayOperation::Collect, paymentId.value(), guardMs,
                               [&] { return finished.contains(paymentId.value()); });
    // An answer came but the database did not take it: say what it was and where it is kept.
    if (auto code = HeldAnswerReport::report(context, *service, GatewayOperation::Collect, paymentId.value()))
        return *code;
    // Still pending on disk; the next run marks it unknown. Either way: verify first.
    if (!answered)
        context.note(tr("no answer from the payment engine after %1 seconds.").arg(guardMs / 1000));
    return PaymentReport::print(context, *store, paymentId.value());
}

} // namespace fatora::cli
