#include "DbCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "DbCopyCommand.h"
#include "store/StoreLocation.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

// A location that cannot be opened: a URL that does not parse is bad input (2); a server that is
// down, a refused login, another program's database or a newer schema is a set-up problem (4).
// The message names the location without its password.
int openFailure(CliContext &context, const QString &command, const QString &location, const Error &error)
{
    // PostgresStore::parseUrl names the part of the URL that is wrong, as a Validation error.
    const bool badInput =
        error.is(ErrorKind::Validation) && (StoreLocation::isServer(location) || error.field == u"url"_s);
    return context.fail(badInput ? BadInput : ConfigProblem,
                        DbCommand::tr("%1: %2: %3 Nothing was written.")
                            .arg(command, StoreLocation::display(location), error.message));
}

} // namespace

QString DbCommand::summary() const
{
    return tr(
        "Set up a database (a file, or a shared PostgreSQL server), show what it holds, move a desk in.");
}

int DbCommand::run(CliContext &context, const QStringList &arguments)
{
    const QString action = arguments.value(0);
    if (action == u"init"_s)
        return init(context, arguments.mid(1));
    if (action == u"status"_s)
        return status(context, arguments.mid(1));
    if (action == u"copy"_s)
        return DbCopyCommand::run(context, arguments.mid(1));
    if (action == u"--help"_s || action == u"-h"_s || action == u"help"_s) {
        context.print(tr("Usage: fatora-cli db init FILE|postgresql://USER@HOST:PORT/DATABASE\n"
                         "       fatora-cli db status [FILE|URL]\n"
                         "       fatora-cli db copy --from FILE --to URL [--dry-run] [--skip-conflicts]\n"
                         "A server's password is read from $FATORA_DATABASE_PASSWORD, else the system keychain (never from the "
                         "command line, where other users could see it)."));
        return Done;
    }
    if (action.isEmpty())
        return context.fail(BadInput,
                            tr("db: say what to do: init, status or copy (see fatora-cli db --help)."));
    return context.fail(BadInput,
                        tr("db: unknown action \"%1\": use init, status or copy.").arg(action.left(40)));
}

int DbCommand::init(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"location"_s, tr("A database file, or postgresql://USER@HOST:PORT/DATABASE."));
    if (auto stop = context.parse(parser, u"db init"_s, u"FILE|URL"_s, arguments, 1))
        return *stop;
    const QString location = parser.positionalArguments().value(0);
    if (location.trimmed().isEmpty())
        return context.fail(BadInput, tr("db init: give the database: a file, or a postgresql:// URL."));

    auto opened = StoreLocation::open(location, context.databasePassword(location));
    if (!opened.ok())
        return openFailure(context, u"db init"_s, location, opened.error());
    const Store::SchemaState state = opened.value()->schemaState();
    const QString shown = opened.value()->location();
    QString what;
    if (state.found == 0)
        what = tr("Set up the Fatora Back Office schema (version %1) in %2.").arg(state.current).arg(shown);
    else if (state.found < state.current)
        what = tr("Upgraded %1 from schema %2 to %3.").arg(shown).arg(state.found).arg(state.current);
    else
        what = tr("%1 already has the Fatora Back Office schema (version %2): nothing changed.")
                   .arg(shown)
                   .arg(state.current);
    if (context.json()) {
        context.printJson(QJsonObject{{u"backend"_s, state.backend},
                                      {u"location"_s, shown},
                                      {u"schema_found"_s, state.found},
                                      {u"schema_version"_s, state.current}});
    } else {
        context.print(what);
    }
    return Done;
}

int DbCommand::status(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"location"_s,
                                 tr("A database file or postgresql:// URL (default: --database, "
                                    "$FATORA_DATABASE, else the desk's file)."));
    if (auto stop = context.parse(parser, u"db status"_s, u"[FILE|URL]"_s, arguments, 1))
        return *stop;
    QString location = parser.positionalArguments().value(0);
    if (location.isEmpty())
        location = context.databaseLocation();
    if (location.isEmpty())
        return ConfigProblem; // the settings could not be read, already said
    // Status reads; it never creates a file that is not there.
    if (!StoreLocation::isServer(location) && !QFileInfo::exists(location))
        return context.fail(ConfigProblem, tr("db status: there is no database at %1 (\"fatora-cli db init FILE\" "
                                              "creates one).")
                                               .arg(StoreLocation::display(location)));

    auto opened = StoreLocation::open(location, context.databasePassword(location));
    if (!opened.ok())
        return openFailure(context, u"db status"_s, location, opened.error());
    Store &store = *opened.value();
    auto counts = store.counts();
    if (!counts.ok())
        return context.fail(ConfigProblem, tr("db status: %1: %2").arg(store.location(), counts.error().message));
    // The desks (and other command-line runs) working on it now; this one holds no session. Not
    // knowing them spoils none of the other figures.
    auto live = store.liveSessions();
    if (!live.ok())
        context.note(tr("the desks at work could not be read: %1").arg(format::printable(live.error().message)));
    const QList<SessionRecord> desksAtWork = live.ok() ? live.value() : QList<SessionRecord>();
    const Store::SchemaState state = store.schemaState();
    const Store::Counts &c = counts.value();
    if (context.json()) {
        QJsonArray desks;
        for (const SessionRecord &desk : desksAtWork)
            desks.append(QJsonObject{{u"host"_s, desk.info.host},
                                     {u"pid"_s, desk.info.pid},
                                     {u"operator"_s, desk.info.operatorName},
                                     {u"started_at"_s, desk.startedAt.toUTC().toString(Qt::ISODate)}});
        context.printJson(QJsonObject{{u"backend"_s, state.backend},
                                      {u"location"_s, store.location()},
                                      {u"schema_version"_s, state.current},
                                      {u"customers"_s, c.customers},
                                      {u"card_tokens"_s, c.tokens},
                                      {u"payments"_s, c.payments},
                                      {u"open_charges"_s, c.openCharges},
                                      {u"waiting_card_requests"_s, c.waitingRequests},
                                      {u"audit_entries"_s, c.auditEntries},
                                      {u"desks_at_work"_s, live.ok() ? QJsonValue(desks) : QJsonValue()}});
        return Done;
    }
    context.print(tr("Backend:        %1").arg(state.backend));
    context.print(tr("Location:       %1").arg(store.location()));
    context.print(tr("Schema version: %1").arg(state.current));
    context.print(tr("Customers:      %1").arg(c.customers));
    context.print(tr("Card tokens:    %1").arg(c.tokens));
    context.print(tr("Payments:       %1").arg(c.payments));
    context.print(tr("Open charges:   %1 (pending or unknown: verify them)").arg(c.openCharges));
    context.print(tr("Card requests:  %1 waiting for their customer (check them)").arg(c.waitingRequests));
    context.print(tr("Audit entries:  %1").arg(c.auditEntries));
    context.print(live.ok() ? tr("Desks at work:  %1").arg(desksAtWork.size()) : tr("Desks at work:  unknown"));
    // Each desk named as it named itself: one line on the terminal whatever it wrote there (one
    // arg() for all, so a "%2" in a name stays as written).
    for (const SessionRecord &desk : desksAtWork)
        context.print(tr("  %1 (process %2), %3, since %4")
                          .arg(desk.info.host.isEmpty() ? tr("unnamed computer") : format::printable(desk.info.host),
                               QString::number(desk.info.pid),
                               desk.info.operatorName.isEmpty() ? tr("nobody named")
                                                                : format::printable(desk.info.operatorName),
                               desk.startedAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s)));
    if (state.found < state.current)
        context.note(tr("the database was upgraded from schema %1 to %2 on opening.").arg(state.found).arg(state.current));
    return Done;
}

} // namespace fatora::cli
