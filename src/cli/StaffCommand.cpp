#include "StaffCommand.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "staff/StaffService.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

QString stateOf(const StaffMember &m)
{
    if (m.disabled())
        return StaffCommand::tr("disabled");
    if (m.mustChangePassword)
        return StaffCommand::tr("one-time password");
    return StaffCommand::tr("active");
}

QJsonObject personJson(const StaffMember &m)
{
    return QJsonObject{
        {u"login"_s, m.login},
        {u"role"_s, m.role ? QJsonValue(staffRoleName(*m.role)) : QJsonValue()},
        {u"disabled"_s, m.disabled()},
        {u"must_change_password"_s, m.mustChangePassword},
        {u"added_at"_s,
         m.addedAt.isValid() ? QJsonValue(m.addedAt.toUTC().toString(Qt::ISODate)) : QJsonValue()},
        {u"added_by"_s, m.addedBy},
        {u"last_activity"_s,
         m.lastActivity.isValid() ? QJsonValue(m.lastActivity.toUTC().toString(Qt::ISODate)) : QJsonValue()},
    };
}

// A refusal of the service or of the database: bad input when the person typed something wrong
// (a login's shape, a role, two passwords that differ), a set-up problem otherwise (no right, no
// shared database, the server down) - nothing was changed either way.
int refused(CliContext &context, const QString &command, const Error &error)
{
    const bool typo = error.is(ErrorKind::Validation) && error.field != u"database"_s;
    return context.fail(typo ? BadInput : ConfigProblem,
                        StaffCommand::tr("%1: %2 Nothing was changed.").arg(command, error.toString()));
}

Result<StaffRole> parseRole(const QString &text)
{
    if (auto role = staffRoleFromName(text))
        return *role;
    return Error{u"role"_s, StaffCommand::tr("\"%1\" is not a role: use clerk, supervisor or administrator.")
                                .arg(format::printable(text.left(40)))};
}

} // namespace

QString StaffCommand::summary() const
{
    return tr("Staff of a shared database: add people with a role, list them, change a role, disable, "
              "change your own password.");
}

int StaffCommand::run(CliContext &context, const QStringList &arguments)
{
    const QString action = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (action == u"add"_s)
        return add(context, rest);
    if (action == u"list"_s)
        return list(context, rest);
    if (action == u"role"_s)
        return role(context, rest);
    if (action == u"disable"_s)
        return setEnabled(context, rest, false);
    if (action == u"enable"_s)
        return setEnabled(context, rest, true);
    if (action == u"me"_s)
        return me(context, rest);
    if (action == u"password"_s)
        return password(context, rest);
    if (action == u"--help"_s || action == u"-h"_s || action == u"help"_s) {
        context.print(
            tr("Usage: fatora-cli staff add LOGIN --role clerk|supervisor|administrator\n"
               "       fatora-cli staff list\n"
               "       fatora-cli staff role LOGIN clerk|supervisor|administrator\n"
               "       fatora-cli staff disable LOGIN\n"
               "       fatora-cli staff enable LOGIN\n"
               "       fatora-cli staff me\n"
               "       fatora-cli staff password\n"
               "Staff live on a shared (PostgreSQL) database; adding, listing, changing and disabling "
               "people is an administrator's. A new person gets a one-time password, printed once, that "
               "they replace at their first sign-in (desk, or \"staff password\")."));
        return Done;
    }
    if (action.isEmpty())
        return context.fail(BadInput,
                            tr("staff: say what to do: add, list, role, disable, enable, me or password "
                               "(see fatora-cli staff --help)."));
    return context.fail(BadInput,
                        tr("staff: unknown action \"%1\": use add, list, role, disable, enable, me or "
                           "password.")
                            .arg(format::printable(action.left(40))));
}

int StaffCommand::add(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"login"_s, tr("The new person's login: small letters, digits, . _ -"));
    const QCommandLineOption roleOption(u"role"_s, tr("clerk, supervisor or administrator."), u"ROLE"_s);
    parser.addOption(roleOption);
    if (auto stop = context.parse(parser, u"staff add"_s, u"LOGIN --role ROLE"_s, arguments, 1))
        return *stop;
    const QString login = parser.positionalArguments().value(0).trimmed();
    if (login.isEmpty())
        return context.fail(BadInput, tr("staff add: give the new person's login."));
    if (!parser.isSet(roleOption))
        return context.fail(BadInput, tr("staff add: give their role with --role clerk, supervisor or "
                                         "administrator."));
    auto role = parseRole(parser.value(roleOption));
    if (!role)
        return refused(context, u"staff add"_s, role.error());
    if (auto ok = StaffService::checkLogin(login); !ok)
        return refused(context, u"staff add"_s, ok.error());
    StaffService *staff = context.staffService();
    if (!staff)
        return ConfigProblem;
    auto added = staff->add(login, role.value());
    if (!added)
        return refused(context, u"staff add"_s, added.error());
    if (context.json()) {
        QJsonObject out = personJson(added->person);
        out.insert(u"one_time_password"_s, added->oneTimePassword);
        context.printJson(out);
    } else {
        context.print(tr("Added %1 as a %2.").arg(login, staffRoleTitle(role.value())));
        context.print(tr("One-time password: %1").arg(added->oneTimePassword));
        context.print(
            tr("Give it to %1 in person. It is shown only now; they replace it at their first sign-in and "
               "can do nothing before.")
                .arg(login));
    }
    return context.finish(Done);
}

int StaffCommand::list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (auto stop = context.parse(parser, u"staff list"_s, QString(), arguments, 0))
        return *stop;
    StaffService *staff = context.staffService();
    if (!staff)
        return ConfigProblem;
    auto people = staff->list();
    if (!people)
        return refused(context, u"staff list"_s, people.error());
    if (context.json()) {
        QJsonArray out;
        for (const StaffMember &m : people.value())
            out.append(personJson(m));
        context.printJson(out);
        return context.finish(Done);
    }
    QList<QStringList> rows;
    for (const StaffMember &m : people.value()) {
        rows << QStringList{
            m.login,    m.role ? staffRoleTitle(*m.role) : tr("none"),
            stateOf(m), format::localDateTime(m.addedAt),
            m.addedBy,  m.lastActivity.isValid() ? format::localDateTime(m.lastActivity) : tr("never")};
    }
    if (rows.isEmpty())
        context.print(tr("No staff yet: add people with \"fatora-cli staff add LOGIN --role ROLE\"."));
    else
        context.print(format::table(
            {tr("LOGIN"), tr("ROLE"), tr("STATE"), tr("ADDED"), tr("ADDED BY"), tr("LAST ACTIVITY")}, rows));
    return context.finish(Done);
}

int StaffCommand::role(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"login"_s, tr("The person's login."));
    parser.addPositionalArgument(u"role"_s, tr("clerk, supervisor or administrator."));
    if (auto stop = context.parse(parser, u"staff role"_s, u"LOGIN ROLE"_s, arguments, 2))
        return *stop;
    const QStringList given = parser.positionalArguments();
    if (given.size() < 2)
        return context.fail(BadInput,
                            tr("staff role: give the login and the new role, e.g. \"staff role amal "
                               "supervisor\"."));
    auto role = parseRole(given.at(1));
    if (!role)
        return refused(context, u"staff role"_s, role.error());
    StaffService *staff = context.staffService();
    if (!staff)
        return ConfigProblem;
    if (auto r = staff->setRole(given.at(0), role.value()); !r)
        return refused(context, u"staff role"_s, r.error());
    context.print(tr("%1 is now a %2. Their desk applies it at its next sign-in.")
                      .arg(format::printable(given.at(0)), staffRoleTitle(role.value())));
    return context.finish(Done);
}

int StaffCommand::setEnabled(CliContext &context, const QStringList &arguments, bool enabled)
{
    const QString command = enabled ? u"staff enable"_s : u"staff disable"_s;
    QCommandLineParser parser;
    parser.addPositionalArgument(u"login"_s, tr("The person's login."));
    if (auto stop = context.parse(parser, command, u"LOGIN"_s, arguments, 1))
        return *stop;
    const QString login = parser.positionalArguments().value(0);
    if (login.isEmpty())
        return context.fail(BadInput, tr("%1: give the person's login.").arg(command));
    StaffService *staff = context.staffService();
    if (!staff)
        return ConfigProblem;
    if (auto r = staff->setEnabled(login, enabled); !r)
        return refused(context, command, r.error());
    context.print(enabled
                      ? tr("%1 may sign in again.").arg(format::printable(login))
                      : tr("%1 can no longer sign in, and their open desks lost every right; their history "
                           "stays.")
                            .arg(format::printable(login)));
    return context.finish(Done);
}

int StaffCommand::me(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (auto stop = context.parse(parser, u"staff me"_s, QString(), arguments, 0))
        return *stop;
    if (!context.store())
        return ConfigProblem;
    const StaffMember me = context.signedIn();
    if (context.json()) {
        context.printJson(personJson(me));
        return context.finish(Done);
    }
    context.print(
        me.role ? tr("%1, %2 (%3).").arg(format::printable(me.login), staffRoleTitle(*me.role), stateOf(me))
                : tr("%1 is not staff of this database.").arg(format::printable(me.login)));
    return context.finish(Done);
}

int StaffCommand::password(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (auto stop = context.parse(parser, u"staff password"_s, QString(), arguments, 0))
        return *stop;
    StaffService *staff = context.staffService();
    if (!staff)
        return ConfigProblem;
    const QString first = context.readSecret(tr("New password: "));
    const QString second = context.readSecret(tr("The same again: "));
    if (auto r = staff->changeOwnPassword(first, second); !r)
        return refused(context, u"staff password"_s, r.error());
    context.print(tr("Password changed. Use it from now on (the desk asks for it at its next sign-in; update "
                     "FATORA_DATABASE_PASSWORD where a script sets it)."));
    return context.finish(Done);
}

} // namespace fatora::cli
