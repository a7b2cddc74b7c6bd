#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// revoke --token ID --reason TEXT [--yes]
class RevokeCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::RevokeCommand)
public:
    QString name() const override { return QStringLiteral("revoke"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;
};

} // namespace fatora::cli
