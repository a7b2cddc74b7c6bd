#include "TokensCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "customers/CustomerService.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QHash>
#include <QJsonArray>
#include <QStringDecoder>

#include <iostream>
#include <string>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

QStringList statusNames()
{
    QStringList names;
    for (TokenStatus s : {TokenStatus::Active, TokenStatus::RevokePending, TokenStatus::Deactivated,
                          TokenStatus::Expired, TokenStatus::Invalid})
        names << tokenStatusName(s);
    return names;
}

// "--token -": the token comes on stdin, so it stays out of the shell history and the process list.
// Only the line break that ends the line is dropped; anything else is kept and validated. Bytes that
// are not UTF-8 are refused, never replaced: a token altered by one byte is another token.
Result<QString> readTokenFromStdin()
{
    std::string line;
    if (!std::getline(std::cin, line))
        return QString();
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(QByteArrayView(line.data(), qsizetype(line.size())));
    if (decoder.hasError())
        return Error{u"--token"_s,
                     TokensCommand::tr("the token read from standard input is not valid UTF-8; nothing was "
                                       "stored. Give the token exactly as Fatora returned it.")};
    if (text.endsWith(u'\r'))
        text.chop(1);
    return text;
}

} // namespace

QString TokensCommand::summary() const
{
    return tr("Store a card token for a customer, or list tokens (tokens add | tokens list).");
}

int TokensCommand::add(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Stores a card token Fatora returned for a customer and prints its id. The token is kept byte for "
           "byte: a token with spaces or line breaks is refused. Give --token - to read it from stdin."));
    const QCommandLineOption customerOption(u"customer"_s, tr("The customer (id)."), u"ID"_s);
    const QCommandLineOption tokenOption(
        u"token"_s, tr("The card token exactly as Fatora returned it, or - for stdin."), u"TOKEN"_s);
    const QCommandLineOption labelOption(u"label"_s,
                                         tr("A label staff will recognise, e.g. \"Visa business\"."), u"L"_s);
    const QCommandLineOption issuedOption(u"issued"_s,
                                          tr("The day Fatora issued it (default today); it expires six "
                                             "months later."),
                                          u"YYYY-MM-DD"_s);
    const QCommandLineOption firstAmountOption(u"first-amount"_s,
                                               tr("The amount of the first payment, if known."), u"A"_s);
    const QCommandLineOption currencyOption(
        u"currency"_s, tr("The token's currency (default from the settings, QAR)."), u"CUR"_s);
    parser.addOptions(
        {customerOption, tokenOption, labelOption, issuedOption, firstAmountOption, currencyOption});
    if (auto stop =
            context.parse(parser, u"tokens add"_s,
                          u"--customer ID --token TOKEN [--label L] [--issued YYYY-MM-DD] [--first-amount A] "
                          u"[--currency CUR]"_s,
                          arguments))
        return *stop;

    if (!parser.isSet(customerOption))
        return context.fail(BadInput, tr("tokens add: --customer ID is required."));
    if (!parser.isSet(tokenOption))
        return context.fail(BadInput, tr("tokens add: --token TOKEN is required."));
    auto customerId = CliContext::parseId(parser.value(customerOption), u"--customer"_s);
    if (!customerId.ok())
        return context.fail(BadInput, customerId.error());

    CardToken token;
    token.customerId = customerId.value();
    if (parser.value(tokenOption) == u"-"_s) {
        auto fromStdin = readTokenFromStdin();
        if (!fromStdin.ok())
            return context.fail(BadInput, fromStdin.error());
        token.token = fromStdin.value();
    } else {
        token.token = parser.value(tokenOption);
    }
    token.label = parser.value(labelOption);
    token.issuedOn = context.clock().today();
    if (parser.isSet(issuedOption)) {
        auto issued = CliContext::parseDate(parser.value(issuedOption), u"--issued"_s);
        if (!issued.ok())
            return context.fail(BadInput, issued.error());
        token.issuedOn = issued.value();
    }
    token.expiresOn = CardToken::defaultExpiry(token.issuedOn);

    const AppSettings *settings = context.settings();
    if (!settings)
        return ConfigProblem;
    token.currency = parser.isSet(currencyOption) ? parser.value(currencyOption) : settings->currency;
    token.currency = token.currency.trimmed().toUpper();
    // An unknown currency is reported by the token rules below; an amount needs a known one to be read.
    if (parser.isSet(firstAmountOption) && Money::isKnownCurrency(token.currency)) {
        auto amount = Money::parse(parser.value(firstAmountOption), token.currency, u"--first-amount"_s);
        if (!amount.ok())
            return context.fail(BadInput, amount.error());
        token.firstAmount = amount.value();
    }

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    CustomerService customers(*store, context.clock());
    customers.setActor(context.signedIn());
    if (const QList<Error> problems = customers.problemsWith(token); !problems.isEmpty())
        return context.refusedChange(problems.constFirst());
    auto id = customers.addToken(token, ChangeOrigin(context.operatorName(), ChangeOrigin::Way::Cli));
    if (!id.ok())
        return context.refusedChange(id.error());
    auto customer = store->customer(token.customerId);
    if (!customer.ok())
        return context.fail(ConfigProblem, customer.error());

    token.id = id.value();
    if (context.json())
        context.printJson(format::token(token, customer->name, context.showToken(), context.clock().today()));
    else
        context.print(QString::number(id.value()));
    return Done;
}

int TokensCommand::list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists card tokens, masked unless --show-token is given."));
    const QCommandLineOption customerOption(u"customer"_s, tr("Only this customer's tokens (id)."), u"ID"_s);
    const QCommandLineOption statusOption(
        u"status"_s, tr("Only tokens in this status: %1.").arg(statusNames().join(u", "_s)), u"STATUS"_s);
    const QCommandLineOption limitOption(u"limit"_s, tr("At most N tokens."), u"N"_s);
    parser.addOptions({customerOption, statusOption, limitOption});
    if (auto stop =
            context.parse(parser, u"tokens list"_s, u"[--customer ID] [--status STATUS]"_s, arguments))
        return *stop;

    TokenQuery query;
    if (parser.isSet(customerOption)) {
        auto id = CliContext::parseId(parser.value(customerOption), u"--customer"_s);
        if (!id.ok())
            return context.fail(BadInput, id.error());
        query.customerId = id.value();
    }
    if (parser.isSet(statusOption)) {
        const auto status = tokenStatusFromName(parser.value(statusOption).trimmed().toLower());
        if (!status)
            return context.fail(
                BadInput, Error{u"--status"_s,
                                tr("\"%1\" is not a token status; use one of %2.")
                                    .arg(parser.value(statusOption).left(40), statusNames().join(u", "_s))});
        query.status = status;
    }
    if (parser.isSet(limitOption)) {
        auto limit = CliContext::parseLimit(parser.value(limitOption), u"--limit"_s);
        if (!limit.ok())
            return context.fail(BadInput, limit.error());
        query.limit = limit.value();
    }

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    if (query.customerId > 0) {
        if (auto c = store->customer(query.customerId); !c.ok())
            return context.lookupFailed(
                c.error(), tr("--customer: there is no customer with id %1.").arg(query.customerId));
    }
    const QDate today = context.clock().today();
    query.today = today;
    auto found = store->findTokens(query);
    if (!found.ok())
        return context.fail(ConfigProblem, found.error());

    QHash<qint64, QString> names;
    auto customerName = [&](qint64 id) {
        if (!names.contains(id)) {
            auto c = store->customer(id);
            names.insert(id, c.ok() ? c->name : QString());
        }
        return names.value(id);
    };

    if (context.json()) {
        QJsonArray array;
        for (const CardToken &t : found.value())
            array.append(format::token(t, customerName(t.customerId), context.showToken(), today));
        context.printJson(array);
        return Done;
    }
    if (found->isEmpty()) {
        context.print(tr("No card tokens."));
        return Done;
    }
    QList<QStringList> rows;
    for (const CardToken &t : found.value()) {
        rows << QStringList{QString::number(t.id),
                            customerName(t.customerId),
                            context.tokenText(t),
                            t.label,
                            tokenStatusName(t.effectiveStatus(today)),
                            format::date(t.issuedOn),
                            format::date(t.expiresOn),
                            t.firstAmount ? format::amount(t.firstAmount) : t.currency};
    }
    context.print(format::table({tr("ID"), tr("CUSTOMER"), tr("CARD"), tr("LABEL"), tr("STATUS"),
                                 tr("ISSUED"), tr("EXPIRES"), tr("FIRST AMOUNT")},
                                rows));
    return Done;
}

int TokensCommand::run(CliContext &context, const QStringList &arguments)
{
    const QString action = arguments.value(0);
    if (action == u"add"_s)
        return add(context, arguments.mid(1));
    if (action == u"list"_s)
        return list(context, arguments.mid(1));
    if (action == u"--help"_s || action == u"-h"_s || action == u"help"_s) {
        context.print(
            tr("Usage: fatora-cli tokens add --customer ID --token TOKEN [--label L] [--issued YYYY-MM-DD]\n"
               "                             [--first-amount A] [--currency CUR]\n"
               "       fatora-cli tokens list [--customer ID] [--status STATUS]\n"
               "Run \"fatora-cli tokens add --help\" for the options."));
        return Done;
    }
    if (action.isEmpty())
        return context.fail(BadInput,
                            tr("tokens: say what to do: add or list (see fatora-cli tokens --help)."));
    return context.fail(BadInput, tr("tokens: unknown action \"%1\"; use add or list.").arg(action.left(40)));
}

} // namespace fatora::cli
