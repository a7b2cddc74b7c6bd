#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// checkout create --customer ID --amount A [--currency C] [--language en|ar] [--note TEXT] [--yes]
// | checkout check --payment ID | --pending
class CheckoutCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::CheckoutCommand)
public:
    QString name() const override { return QStringLiteral("checkout"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    static int create(CliContext &context, const QStringList &arguments);
    static int check(CliContext &context, const QStringList &arguments);
};

} // namespace fatora::cli
