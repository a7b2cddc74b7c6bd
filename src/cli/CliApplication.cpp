#include "CliApplication.h"

#include "BatchCommand.h"
#include "ChargeCommand.h"
#include "CheckoutCommand.h"
#include "CliContext.h"
#include "CustomersCommand.h"
#include "DbCommand.h"
#include "StaffCommand.h"
#include "HistoryCommand.h"
#include "ImportCommand.h"
#include "RefundCommand.h"
#include "RevokeCommand.h"
#include "SimulatorCommand.h"
#include "TokensCommand.h"
#include "VerifyCommand.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace fatora::cli {

CliApplication::CliApplication()
{
    m_commands.push_back(std::make_unique<CustomersCommand>());
    m_commands.push_back(std::make_unique<TokensCommand>());
    m_commands.push_back(std::make_unique<ChargeCommand>());
    m_commands.push_back(std::make_unique<CheckoutCommand>());
    m_commands.push_back(std::make_unique<RevokeCommand>());
    m_commands.push_back(std::make_unique<VerifyCommand>());
    m_commands.push_back(std::make_unique<RefundCommand>());
    m_commands.push_back(std::make_unique<HistoryCommand>());
    m_commands.push_back(std::make_unique<BatchCommand>());
    m_commands.push_back(std::make_unique<ImportCommand>());
    m_commands.push_back(std::make_unique<DbCommand>());
    m_commands.push_back(std::make_unique<StaffCommand>());
    m_commands.push_back(std::make_unique<SimulatorCommand>());
}

CliApplication::~CliApplication() = default;

Command *CliApplication::find(const QString &name) const
{
    for (const auto &command : m_commands) {
        if (command->name() == name)
            return command.get();
    }
    return nullptr;
}

QString CliApplication::helpText() const
{
    QString text =
        tr("Usage: fatora-cli [--database FILE] [--json] [--sandbox] [--show-token] COMMAND [OPTIONS]\n\n"
           "Fatora Back Office from a terminal: the same database and payment engine as the desk.\n\n"
           "Global options:\n"
           "  --database FILE  the database: a file or a postgresql:// URL (default: $FATORA_DATABASE,\n"
           "                   else the desk's Settings → Database, else the desk's file)\n"
           "  --json           print results as JSON (one object per command, lists as an array)\n"
           "  --sandbox        use the built-in gateway simulator and the sandbox database\n"
           "  --show-token     print card tokens in full instead of masked\n"
           "  -h, --help       show this help (or COMMAND --help for a command's options)\n"
           "  -v, --version    show the version\n\n"
           "Commands:\n");
    for (const auto &command : m_commands)
        text += u"  "_s + command->name().leftJustified(11) + command->summary() + u'\n';
    text +=
        tr("\nEnvironment: FATORA_API_KEY (else the system keychain), FATORA_BASE_URL, FATORA_TIMEOUT_MS,\n"
           "FATORA_OPERATOR, FATORA_DATABASE, FATORA_DATABASE_PASSWORD (else the system keychain).\n"
           "Exit codes: 0 done or approved; 1 declined or refused by the gateway; 2 bad usage or input\n"
           "(nothing sent, nothing written); 3 outcome unknown (verify before anything else);\n"
           "4 configuration problem (no API key, unusable settings, database or gateway unreachable).\n");
    return text;
}

int CliApplication::run(const QStringList &arguments)
{
    CliContext context;
    QCommandLineParser parser;
    // Everything after the command's name belongs to the command.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s});
    const QCommandLineOption version(QStringList{u"v"_s, u"version"_s});
    parser.addOption(help);
    parser.addOption(version);
    parser.addOptions(CliContext::globalOptions());
    if (!parser.parse(QStringList{u"fatora-cli"_s} + arguments))
        return context.fail(BadInput, parser.errorText() + tr(" (see fatora-cli --help)"));
    if (auto stop = context.refuseRepeatedOptions(parser, QString()))
        return *stop;
    if (parser.isSet(u"database"_s) && parser.value(u"database"_s).isEmpty())
        return context.fail(BadInput, tr("--database: give a file name."));
    context.applyGlobalOptions(parser);

    const QStringList rest = parser.positionalArguments();
    if (parser.isSet(version)) {
        context.print(u"fatora-cli "_s + QCoreApplication::applicationVersion());
        return context.finish(Done);
    }
    if (parser.isSet(help) || rest.value(0) == u"help"_s) {
        if (Command *command = find(rest.value(1)))
            return context.finish(command->run(context, {u"--help"_s}));
        context.print(helpText().trimmed());
        return context.finish(Done);
    }
    if (rest.isEmpty())
        return context.fail(BadInput, tr("no command given (see fatora-cli --help for the list)."));
    Command *command = find(rest.constFirst());
    if (!command)
        return context.fail(BadInput, tr("unknown command \"%1\" (see fatora-cli --help for the list).")
                                          .arg(rest.constFirst().left(40)));
    return context.finish(command->run(context, rest.mid(1)));
}

} // namespace fatora::cli
