#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// verify --payment ID | --pending
class VerifyCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::VerifyCommand)
public:
    QString name() const override { return QStringLiteral("verify"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;
};

} // namespace fatora::cli
