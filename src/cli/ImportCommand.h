#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// import FILE.csv
class ImportCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::ImportCommand)
public:
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;
};

} // namespace fatora::cli
