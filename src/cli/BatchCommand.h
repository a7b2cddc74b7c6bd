#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// batch create FILE.csv [--name NAME] | run ID [--parallel N] [--rate R] [--yes] | status ID | list
//       | cancel ID | results ID [--format csv|json] | retry ID [--name NAME]
class BatchCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::BatchCommand)
public:
    QString name() const override { return QStringLiteral("batch"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    int create(CliContext &context, const QStringList &arguments);
    int status(CliContext &context, const QStringList &arguments);
    int list(CliContext &context, const QStringList &arguments);
    int cancel(CliContext &context, const QStringList &arguments);
    int results(CliContext &context, const QStringList &arguments);
    int retry(CliContext &context, const QStringList &arguments);
};

} // namespace fatora::cli
