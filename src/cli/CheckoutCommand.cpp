#include "CheckoutCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "PaymentReport.h"
#include "payments/CardRequestService.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

// Exit codes as for charge: the payment's state decides; a paid request whose card could not be
// saved is not done (1), and says why on stderr.
int exitCodeFor(const CardRequestOutcome &outcome)
{
    if (outcome.payment.state == PaymentState::Approved && outcome.problem)
        return Refused;
    return PaymentReport::exitCodeFor(outcome.payment.state);
}

QJsonObject outcomeJson(Store &store, const CardRequestOutcome &outcome)
{
    QJsonObject o = PaymentReport::json(store, outcome.payment);
    o.insert("checkout_url"_L1, outcome.payment.checkoutUrl);
    o.insert("link_expired"_L1, outcome.linkExpired);
    o.insert("message"_L1, outcome.message);
    if (outcome.savedTokenId != 0) {
        o.insert("saved_token_id"_L1, outcome.savedTokenId);
        o.insert("saved_token"_L1, outcome.savedTokenMask);
    }
    return o;
}

QString outcomeLine(const CardRequestOutcome &outcome)
{
    const Payment &p = outcome.payment;
    QString line = CheckoutCommand::tr("payment %1, order %2: %3")
                       .arg(p.id)
                       .arg(format::printable(p.orderId), paymentStateName(p.state));
    if (outcome.savedTokenId != 0)
        line += CheckoutCommand::tr("; card saved: token %1 %2")
                    .arg(outcome.savedTokenId)
                    .arg(outcome.savedTokenMask);
    return line + u"\n"_s + format::printable(outcome.message);
}

} // namespace

QString CheckoutCommand::summary() const
{
    return tr("Send a checkout link that saves the customer's card, and check it (checkout create | check).");
}

int CheckoutCommand::create(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Asks Fatora for a checkout link on which the customer pays a first amount; the card is saved when "
        "\"checkout check\" finds the payment. Prints the payment id, order id and link. The return pages "
        "come "
        "from FATORA_SUCCESS_URL and FATORA_FAILURE_URL (or the desk's settings). Exit code: 0 link ready, "
        "1 refused by the gateway, 2 nothing sent, 3 no answer (check it later), 4 configuration problem."));
    const QCommandLineOption customerOption(u"customer"_s, tr("The customer (id)."), u"ID"_s);
    const QCommandLineOption amountOption(u"amount"_s, tr("The first payment, e.g. 50.00."), u"A"_s);
    const QCommandLineOption currencyOption(u"currency"_s,
                                            tr("Its currency (default from the settings, QAR)."), u"CUR"_s);
    const QCommandLineOption languageOption(u"language"_s, tr("The payment page's language: en or ar."),
                                            u"en|ar"_s);
    const QCommandLineOption noteOption(u"note"_s, tr("A note sent with the checkout."), u"TEXT"_s);
    const QCommandLineOption yesOption(u"yes"_s, tr("Do not ask for confirmation."));
    parser.addOptions({customerOption, amountOption, currencyOption, languageOption, noteOption, yesOption});
    if (auto stop = context.parse(
            parser, u"checkout create"_s,
            u"--customer ID --amount A [--currency C] [--language en|ar] [--note TEXT] [--yes]"_s, arguments))
        return *stop;
    if (!parser.isSet(customerOption))
        return context.fail(BadInput, tr("checkout create: --customer ID is required."));
    if (!parser.isSet(amountOption))
        return context.fail(BadInput, tr("checkout create: --amount A is required (the first payment)."));
    auto customerId = CliContext::parseId(parser.value(customerOption), u"--customer"_s);
    if (!customerId.ok())
        return context.fail(BadInput, customerId.error());
    const AppSettings *settings = context.settings();
    if (!settings)
        return ConfigProblem;
    const QString currency =
        parser.isSet(currencyOption) ? parser.value(currencyOption).trimmed().toUpper() : settings->currency;
    if (!Money::isKnownCurrency(currency))
        return context.fail(BadInput,
                            Error{u"--currency"_s, tr("\"%1\" is not a known currency code (e.g. QAR).")
                                                       .arg(parser.value(currencyOption).left(10))});
    auto amount = Money::parse(parser.value(amountOption), currency, u"--amount"_s);
    if (!amount.ok())
        return context.fail(BadInput, amount.error());
    const QString language = parser.isSet(languageOption) ? parser.value(languageOption).trimmed() : u"en"_s;
    if (language != u"en"_s && language != u"ar"_s)
        return context.fail(BadInput, Error{u"--language"_s, tr("give en or ar.")});
    if (auto pages = settings->cardRequestPages(); !pages.ok())
        return context.fail(ConfigProblem, pages.error());
    if (context.sandbox())
        return context.fail(BadInput,
                            tr("checkout create: the --sandbox simulator stops when this run ends, so "
                               "its link could never be paid. Start \"fatora-cli simulator\" and point "
                               "FATORA_BASE_URL at it instead. Nothing was sent."));

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    auto customer = store->customer(customerId.value());
    if (!customer.ok())
        return context.lookupFailed(
            customer.error(), tr("--customer: there is no customer with id %1.").arg(customerId.value()));
    CardRequestService *service = context.cardRequestService();
    if (!service)
        return ConfigProblem;
    if (auto stop =
            context.confirm(tr("Send %1 a checkout link for a first payment of %2 that saves the card?")
                                .arg(customer->name, format::amount(amount.value())),
                            parser.isSet(yesOption), u"checkout create"_s))
        return *stop;

    QObject scope;
    std::optional<CardRequestOutcome> outcome;
    QObject::connect(service, &CardRequestService::created, &scope, [&](const CardRequestOutcome &o) {
        outcome = o;
        context.wake();
    });
    CardRequestDraft draft;
    draft.customerId = customer->id;
    draft.amount = amount.value();
    draft.language = language;
    draft.note = parser.value(noteOption);
    auto paymentId = service->create(draft);
    if (!paymentId.ok())
        return context.refusedBeforeSending(paymentId.error());
    const int guardMs = context.gatewayTimeoutMs() + 15'000;
    if (!context.waitUntil([&] { return outcome.has_value(); }, guardMs)) {
        context.note(tr("no answer from the payment engine after %1 seconds; check payment %2 later.")
                         .arg(guardMs / 1000)
                         .arg(paymentId.value()));
        return OutcomeUnknown;
    }
    const Payment &p = outcome->payment;
    if (p.checkoutUrl.isEmpty()) {
        context.note(format::printable(outcome->message));
        return context.finish(
            PaymentReport::exitCodeFor(p.state == PaymentState::Pending ? PaymentState::Unknown : p.state));
    }
    if (context.json()) {
        context.printJson(QJsonObject{
            {"payment_id"_L1, p.id}, {"order_id"_L1, p.orderId}, {"checkout_url"_L1, p.checkoutUrl}});
    } else {
        context.print(tr("payment %1\norder %2\nlink %3").arg(p.id).arg(p.orderId, p.checkoutUrl));
    }
    return context.finish(Done);
}

int CheckoutCommand::check(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Asks Fatora whether the customer paid a card request's link. Paid: the payment is approved and the "
        "card "
        "saved to the customer (printed masked). Failed: declined. Unpaid past the link's lifetime: \"link "
        "expired\" (close it with a reason in the desk). Exit code as for charge: 0 paid and saved, 1 "
        "declined or "
        "the card not saved, 3 not paid yet or expired, 4 configuration problem."));
    const QCommandLineOption paymentOption(u"payment"_s, tr("The card request (its payment id)."), u"ID"_s);
    const QCommandLineOption pendingOption(u"pending"_s, tr("Check every open card request."));
    parser.addOptions({paymentOption, pendingOption});
    if (auto stop = context.parse(parser, u"checkout check"_s, u"--payment ID | --pending"_s, arguments))
        return *stop;
    if (parser.isSet(paymentOption) == parser.isSet(pendingOption))
        return context.fail(BadInput, tr("checkout check: give either --payment ID or --pending."));
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
    QList<Payment> todo;
    if (single) {
        auto payment = store->payment(*single);
        if (!payment.ok())
            return context.lookupFailed(payment.error(),
                                        tr("--payment: there is no payment with id %1.").arg(*single));
        todo << payment.value();
    } else {
        for (PaymentState state : {PaymentState::Pending, PaymentState::Unknown}) {
            auto open = store->paymentsInState(state);
            if (!open.ok())
                return context.fail(ConfigProblem, open.error());
            for (const Payment &p : open.value()) {
                if (p.isCardRequest())
                    todo << p;
            }
        }
        if (todo.isEmpty()) {
            if (context.json())
                context.printJson(QJsonArray());
            else
                context.print(tr("No open card requests."));
            return context.finish(Done);
        }
    }
    if (context.sandbox())
        return context.sandboxCannotReachEarlierRuns(u"checkout check"_s);
    CardRequestService *service = context.cardRequestService();
    if (!service)
        return ConfigProblem;

    QObject scope;
    QHash<qint64, CardRequestOutcome> outcomes;
    QObject::connect(service, &CardRequestService::checked, &scope, [&](const CardRequestOutcome &o) {
        outcomes.insert(o.payment.id, o);
        context.wake();
    });
    const int guardMs = context.gatewayTimeoutMs() + 15'000;
    QList<CardRequestOutcome> results;
    for (const Payment &p : std::as_const(todo)) {
        if (auto started = service->check(p.id); !started.ok()) {
            if (single)
                return context.refusedBeforeSending(started.error());
            CardRequestOutcome skipped;
            skipped.payment = p;
            skipped.message = started.error().message;
            results << skipped;
            continue;
        }
        context.waitUntil([&] { return outcomes.contains(p.id); }, guardMs);
        if (!outcomes.contains(p.id)) {
            CardRequestOutcome silent;
            silent.payment = p;
            silent.problem = true;
            silent.message = tr("no answer from the payment engine after %1 seconds.").arg(guardMs / 1000);
            results << silent;
            continue;
        }
        results << outcomes.value(p.id);
    }

    int code = Done;
    QJsonArray array;
    for (const CardRequestOutcome &o : std::as_const(results)) {
        const int c = exitCodeFor(o);
        // The most serious first: unknown (3) over refused (1) over done.
        if (c == OutcomeUnknown || (c != Done && code == Done))
            code = c;
        if (o.problem)
            context.note(format::printable(o.message));
        if (context.json())
            array.append(outcomeJson(*store, o));
        else
            context.print(outcomeLine(o));
    }
    if (context.json())
        context.printJson(single ? QJsonValue(array.first()) : QJsonValue(array));
    return context.finish(code);
}

int CheckoutCommand::run(CliContext &context, const QStringList &arguments)
{
    const QString action = arguments.value(0);
    if (action == u"create"_s)
        return create(context, arguments.mid(1));
    if (action == u"check"_s)
        return check(context, arguments.mid(1));
    if (action == u"--help"_s || action == u"-h"_s || action == u"help"_s) {
        context.print(tr("Usage: fatora-cli checkout create --customer ID --amount A [--currency C]\n"
                         "                                [--language en|ar] [--note TEXT] [--yes]\n"
                         "       fatora-cli checkout check --payment ID | --pending\n"
                         "Run \"fatora-cli checkout create --help\" for the options."));
        return Done;
    }
    if (action.isEmpty())
        return context.fail(
            BadInput, tr("checkout: say what to do: create or check (see fatora-cli checkout --help)."));
    return context.fail(BadInput,
                        tr("checkout: unknown action \"%1\"; use create or check.").arg(action.left(40)));
}

} // namespace fatora::cli
