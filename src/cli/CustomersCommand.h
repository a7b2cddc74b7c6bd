#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// customers add --name NAME [--email E] [--phone P] [--reference R] | customers list [--search TEXT] [--limit
// N]
class CustomersCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::CustomersCommand)
public:
    QString name() const override { return QStringLiteral("customers"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    static int add(CliContext &context, const QStringList &arguments);
    static int list(CliContext &context, const QStringList &arguments);
};

} // namespace fatora::cli
