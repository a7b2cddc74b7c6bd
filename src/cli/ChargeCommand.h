#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// charge --token ID [--amount A] [--currency CUR] [--yes] [--allow-repeat]
class ChargeCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::ChargeCommand)
public:
    QString name() const override { return QStringLiteral("charge"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;
};

} // namespace fatora::cli
