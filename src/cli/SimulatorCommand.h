#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// simulator [--port N]
class SimulatorCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::SimulatorCommand)
public:
    QString name() const override { return QStringLiteral("simulator"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;
};

} // namespace fatora::cli
