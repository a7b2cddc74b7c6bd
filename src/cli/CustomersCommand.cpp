#include "CustomersCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "customers/CustomerService.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace fatora::cli {

int CustomersCommand::add(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Adds a customer and prints the new customer's id."));
    const QCommandLineOption nameOption(u"name"_s, tr("Full name (required)."), u"NAME"_s);
    const QCommandLineOption emailOption(u"email"_s, tr("Email address."), u"E"_s);
    const QCommandLineOption phoneOption(u"phone"_s, tr("Phone number."), u"P"_s);
    const QCommandLineOption referenceOption(u"reference"_s, tr("Your own customer reference (unique)."),
                                             u"R"_s);
    parser.addOptions({nameOption, emailOption, phoneOption, referenceOption});
    if (auto stop = context.parse(parser, u"customers add"_s,
                                  u"--name NAME [--email E] [--phone P] [--reference R]"_s, arguments))
        return *stop;
    if (!parser.isSet(nameOption))
        return context.fail(BadInput, tr("customers add: --name NAME is required."));

    Customer customer;
    customer.name = parser.value(nameOption);
    customer.email = parser.value(emailOption);
    customer.phone = parser.value(phoneOption);
    customer.reference = parser.value(referenceOption);
    // The values are checked before the database is opened: a typo never waits on a lock.
    if (const QList<Error> problems = CustomerService::problemsWith(customer); !problems.isEmpty())
        return context.refusedChange(problems.constFirst());

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    CustomerService customers(*store, context.clock());
    customers.setActor(context.signedIn());
    auto id = customers.addCustomer(customer, ChangeOrigin(context.operatorName(), ChangeOrigin::Way::Cli));
    if (!id.ok())
        return context.refusedChange(id.error());

    if (auto saved = store->customer(id.value()); saved.ok())
        customer = saved.value();
    customer.id = id.value();
    if (context.json())
        context.printJson(format::customer(customer));
    else
        context.print(QString::number(id.value()));
    return Done;
}

int CustomersCommand::list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists customers by name."));
    const QCommandLineOption searchOption(u"search"_s,
                                          tr("Only customers found by TEXT: the start of the name, "
                                             "email, phone or reference; from 3 characters on, any part "
                                             "of the name, email or reference, or of the phone's digits "
                                             "(a text so common that 2,000 customers or more may match "
                                             "lists them in the order they were added, not by name)."),
                                          u"TEXT"_s);
    const QCommandLineOption limitOption(u"limit"_s, tr("At most N customers (default 256)."), u"N"_s);
    const QCommandLineOption archivedOption(u"archived"_s, tr("Include archived customers."));
    parser.addOptions({searchOption, limitOption, archivedOption});
    if (auto stop = context.parse(parser, u"customers list"_s, u"[--search TEXT] [--limit N]"_s, arguments))
        return *stop;

    CustomerQuery query;
    query.text = parser.value(searchOption).trimmed();
    query.includeArchived = parser.isSet(archivedOption);
    if (parser.isSet(limitOption)) {
        auto limit = CliContext::parseLimit(parser.value(limitOption), u"--limit"_s);
        if (!limit.ok())
            return context.fail(BadInput, limit.error());
        query.limit = limit.value();
    }

    Store *store = context.store();
    if (!store)
        return ConfigProblem;
    query.today = context.clock().today();
    auto found = store->findCustomers(query);
    if (!found.ok())
        return context.fail(ConfigProblem, found.error());

    if (context.json()) {
        QJsonArray array;
        for (const CustomerSummary &s : found.value())
            array.append(format::customer(s));
        context.printJson(array);
        return Done;
    }
    if (found->isEmpty()) {
        context.print(tr("No customers."));
        return Done;
    }
    QList<QStringList> rows;
    for (const CustomerSummary &s : found.value()) {
        const Customer &c = s.customer;
        rows << QStringList{QString::number(c.id),
                            c.name,
                            c.email,
                            c.phone,
                            c.reference,
                            QString::number(s.activeTokens),
                            format::localDateTime(s.lastChargeAt)};
    }
    context.print(format::table({tr("ID"), tr("NAME"), tr("EMAIL"), tr("PHONE"), tr("REFERENCE"),
                                 tr("ACTIVE CARDS"), tr("LAST CHARGE")},
                                rows));
    return Done;
}

QString CustomersCommand::summary() const
{
    return tr("Add a customer, or list customers (customers add | customers list).");
}

int CustomersCommand::run(CliContext &context, const QStringList &arguments)
{
    const QString action = arguments.value(0);
    if (action == u"add"_s)
        return add(context, arguments.mid(1));
    if (action == u"list"_s)
        return list(context, arguments.mid(1));
    if (action == u"--help"_s || action == u"-h"_s || action == u"help"_s) {
        context.print(
            tr("Usage: fatora-cli customers add --name NAME [--email E] [--phone P] [--reference R]\n"
               "       fatora-cli customers list [--search TEXT] [--limit N]\n"
               "Run \"fatora-cli customers add --help\" for the options."));
        return Done;
    }
    if (action.isEmpty())
        return context.fail(BadInput,
                            tr("customers: say what to do: add or list (see fatora-cli customers --help)."));
    return context.fail(BadInput,
                        tr("customers: unknown action \"%1\"; use add or list.").arg(action.left(40)));
}

} // namespace fatora::cli
