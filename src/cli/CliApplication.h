#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <memory>
#include <vector>

namespace fatora::cli {

class Command;

// Reads the global options, picks the command and runs it. Knows every command by name; nothing else.
class CliApplication
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::CliApplication)
public:
    CliApplication();
    ~CliApplication();

    int run(const QStringList &arguments); // arguments without the program name

private:
    QString helpText() const;
    Command *find(const QString &name) const;

    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace fatora::cli
