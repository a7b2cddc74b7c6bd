#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// tokens add --customer ID --token TOKEN [--label L] [--issued YYYY-MM-DD] [--first-amount A] [--currency
// CUR] | tokens list [--customer ID] [--status STATUS]
class TokensCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::TokensCommand)
public:
    QString name() const override { return QStringLiteral("tokens"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    static int add(CliContext &context, const QStringList &arguments);
    static int list(CliContext &context, const QStringList &arguments);
};

} // namespace fatora::cli
