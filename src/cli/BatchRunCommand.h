#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace fatora::cli {

class CliContext;

// batch run ID [--parallel N] [--rate R] [--yes]: the billing run's engine (BatchRunner) from a
// terminal, with its review, its progress on stderr and its summary.
class BatchRunCommand
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::BatchRunCommand)
public:
    static int run(CliContext &context, const QStringList &arguments);
};

} // namespace fatora::cli
