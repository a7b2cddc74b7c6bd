#pragma once

#include <QString>
#include <QStringList>

namespace fatora::cli {

class CliContext;

// One subcommand of fatora-cli. run() gets the arguments after the command's name and returns the
// exit code (see ExitCode in CliContext.h); it reports its own problems through the context.
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0; // one line for "fatora-cli --help"
    virtual int run(CliContext &context, const QStringList &arguments) = 0;
};

} // namespace fatora::cli
