#include "HistoryCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "csv/HistoryCsvWriter.h"
#include "staff/StaffRights.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

QStringList stateNames()
{
    QStringList names;
    for (PaymentState s : {PaymentState::Pending, PaymentState::Approved, PaymentState::Declined,
                           PaymentState::Rejected, PaymentState::NotSent, PaymentState::Unknown})
        names << paymentStateName(s);
    return names;
}

} // namespace

QString HistoryCommand::summary() const
{
    return tr("List payments, newest first, as a table, JSON or CSV.");
}

int HistoryCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists payments, newest first. Dates are local calendar days, both ends included. CSV is UTF-8 "
           "with BOM for spreadsheets; cards are masked; an empty amount means the first-payment amount."));
    const QCommandLineOption customerOption(u"customer"_s, tr("Only this customer's payments (id)."),
                                            u"ID"_s);
    const QCommandLineOption tokenOption(u"token"_s, tr("Only payments with this card token (id)."), u"ID"_s);
    const QCommandLineOption stateOption(
        u"state"_s, tr("Only this state: %1.").arg(stateNames().join(u", "_s)), u"STATE"_s);
    const QCommandLineOption fromOption(u"from"_s, tr("From this day on (YYYY-MM-DD)."), u"DATE"_s);
    const QCommandLineOption toOption(u"to"_s, tr("Up to and including this day (YYYY-MM-DD)."), u"DATE"_s);
    const QCommandLineOption formatOption(u"format"_s, tr("table (default), json or csv."), u"FORMAT"_s);
    const QCommandLineOption limitOption(u"limit"_s, tr("At most N payments (default: all)."), u"N"_s);
    parser.addOptions(
        {customerOption, tokenOption, stateOption, fromOption, toOption, formatOption, limitOption});
    if (auto stop = context.parse(parser, name(),
                                  u"[--customer ID] [--state STATE] [--from DATE] [--to DATE] "
                                  u"[--format table|json|csv]"_s,
                                  arguments))
        return *stop;

    // Everything the operator typed is checked before the database is opened.
    PaymentQuery query;
    query.sort = PaymentQuery::Sort::CreatedAt;
    query.order = Qt::DescendingOrder;
    if (parser.isSet(customerOption)) {
        auto id = CliContext::parseId(parser.value(customerOption), u"--customer"_s);
        if (!id.ok())
            return context.fail(BadInput, id.error());
        query.customerId = id.value();
    }
    if (parser.isSet(tokenOption)) {
        auto id = CliContext::parseId(parser.value(tokenOption), u"--token"_s);
        if (!id.ok())
            return context.fail(BadInput, id.error());
        query.tokenId = id.value();
    }
    if (parser.isSet(stateOption)) {
        const auto state = paymentStateFromName(parser.value(stateOption).trimmed().toLower());
        if (!state)
            return context.fail(
                BadInput, Error{u"--state"_s,
                                tr("\"%1\" is not a payment state; use one of %2.")
                                    .arg(parser.value(stateOption).left(40), stateNames().join(u", "_s))});
        query.state = state;
    }
    if (parser.isSet(fromOption)) {
        auto from = CliContext::parseDate(parser.value(fromOption), u"--from"_s);
        if (!from.ok())
            return context.fail(BadInput, from.error());
        query.from = from.value();
    }
    if (parser.isSet(toOption)) {
        auto to = CliContext::parseDate(parser.value(toOption), u"--to"_s);
        if (!to.ok())
            return context.fail(BadInput, to.error());
        query.to = to.value();
    }
    if (query.from.isValid() && query.to.isValid() && query.from > query.to)
        return context.fail(
            BadInput,
            tr("--from: %1 is after --to %2.").arg(format::date(query.from), format::date(query.to)));
    QString outputFormat = context.json() ? u"json"_s : u"table"_s;
    if (parser.isSet(formatOption)) {
        outputFormat = parser.value(formatOption).trimmed().toLower();
        if (outputFormat != u"table"_s && outputFormat != u"json"_s && outputFormat != u"csv"_s)
            return context.fail(BadInput,
                                Error{u"--format"_s, tr("\"%1\" is not a format; use table, json or csv.")
                                                         .arg(parser.value(formatOption).left(20))});
    }
    int limit = std::numeric_limits<int>::max();
    if (parser.isSet(limitOption)) {
        auto n = CliContext::parseLimit(parser.value(limitOption), u"--limit"_s);
        if (!n.ok())
            return context.fail(BadInput, n.error());
        limit = n.value();
    }

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    // A file for an accountant is an export, a supervisor's (the desk's Export gives the same words).
    if (outputFormat == u"csv"_s) {
        if (auto may = StaffRights::check(context.signedIn(), StaffRights::Action::Export); !may)
            return context.fail(ConfigProblem, tr("history: %1 Nothing was written.").arg(may.error().message));
    }
    if (query.customerId > 0) {
        if (auto c = store->customer(query.customerId); !c.ok())
            return context.lookupFailed(
                c.error(), tr("--customer: there is no customer with id %1.").arg(query.customerId));
    }
    if (query.tokenId > 0) {
        if (auto t = store->token(query.tokenId); !t.ok())
            return context.lookupFailed(t.error(),
                                        tr("--token: there is no card token with id %1.").arg(query.tokenId));
    }

    // Page through: the store caps one query, an export must not.
    constexpr int PageSize = 500;
    QList<PaymentRow> rows;
    while (rows.size() < limit) {
        query.offset = int(rows.size());
        query.limit = std::min(PageSize, limit - int(rows.size()));
        auto page = store->findPayments(query);
        if (!page.ok())
            return context.fail(ConfigProblem, page.error());
        rows << page.value();
        if (page->size() < query.limit)
            break;
    }

    if (outputFormat == u"csv"_s) {
        context.writeOutput(HistoryCsvWriter::write(rows));
    } else if (outputFormat == u"json"_s) {
        QJsonArray array;
        for (const PaymentRow &row : std::as_const(rows))
            array.append(format::payment(row));
        context.printJson(array);
    } else if (rows.isEmpty()) {
        context.print(tr("No payments."));
    } else {
        QList<QStringList> cells;
        for (const PaymentRow &row : std::as_const(rows)) {
            const Payment &p = row.payment;
            cells << QStringList{QString::number(p.id),
                                 format::localDateTime(p.createdAt),
                                 row.customerName,
                                 row.tokenMask,
                                 format::countedAmount(p),
                                 paymentStateName(p.state),
                                 p.refundState == RefundState::None ? QString()
                                                                    : refundStateName(p.refundState),
                                 p.orderId};
        }
        context.print(format::table({tr("ID"), tr("CREATED"), tr("CUSTOMER"), tr("CARD"), tr("AMOUNT"),
                                     tr("STATE"), tr("REFUND"), tr("ORDER")},
                                    cells));
    }
    return Done;
}

} // namespace fatora::cli
