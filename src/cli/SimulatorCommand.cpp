#include "SimulatorCommand.h"

#include "CliContext.h"
#include "GatewaySimulator.h"
#include "SandboxSeed.h"

#include <QCommandLineParser>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace fatora::cli {

QString SimulatorCommand::summary() const
{
    return tr("Serve the sandbox gateway simulator on 127.0.0.1 until stopped (for trying and testing).");
}

// --sandbox starts a fresh simulator inside each run, so a charge whose outcome was lost cannot be
// verified by a later run: that simulator never saw it. A long-running one, shared by several runs
// through FATORA_BASE_URL, remembers every charge like the real gateway does.
int SimulatorCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs the sandbox gateway simulator (not Fatora: no real money) on 127.0.0.1 until interrupted, "
           "answering for the sandbox demo tokens as --sandbox does. Point other runs at it with "
           "FATORA_BASE_URL=http://127.0.0.1:PORT and FATORA_API_KEY=%1.")
            .arg(GatewaySimulator::defaultApiKey()));
    const QCommandLineOption portOption(u"port"_s, tr("The port to listen on (default: any free port)."),
                                        u"N"_s);
    parser.addOption(portOption);
    if (auto stop = context.parse(parser, name(), u"[--port N]"_s, arguments))
        return *stop;

    quint16 port = 0;
    if (parser.isSet(portOption)) {
        static const QRegularExpression digits(u"^[0-9]{1,5}$"_s);
        const QString text = parser.value(portOption);
        if (!digits.match(text).hasMatch() || text.toInt() < 1 || text.toInt() > 65535)
            return context.fail(
                BadInput,
                Error{u"--port"_s, tr("\"%1\" is not a port number (1-65535).").arg(text.left(20))});
        port = quint16(text.toInt());
    }

    GatewaySimulator simulator;
    if (!simulator.start(port))
        return context.fail(ConfigProblem,
                            Error{u"--port"_s, tr("cannot listen on 127.0.0.1:%1 (in use?).").arg(port)});
    SandboxSeed::scriptSimulator(simulator);
    context.print(tr("Sandbox gateway simulator (not Fatora, no real money) listening on %1")
                      .arg(simulator.baseUrl().toString()));
    context.print(tr("Stop it with Ctrl+C."));
    return QCoreApplication::exec();
}

} // namespace fatora::cli
