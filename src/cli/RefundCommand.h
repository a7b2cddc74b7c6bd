#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// refund --payment ID [--reason TEXT] [--yes]
class RefundCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::RefundCommand)
public:
    QString name() const override { return QStringLiteral("refund"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;
};

} // namespace fatora::cli
