#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// history [--customer ID] [--token ID] [--state STATE] [--from DATE] [--to DATE] [--format table|json|csv]
// [--limit N]
class HistoryCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::HistoryCommand)
public:
    QString name() const override { return QStringLiteral("history"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;
};

} // namespace fatora::cli
