#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// db init LOCATION: sets up (or upgrades) the schema in an empty database or a new file and says
// what it did. db status [LOCATION]: backend, schema version and counts. LOCATION is a file or a
// postgresql:// URL; a server's password comes from $FATORA_DATABASE_PASSWORD when the URL has none.
// db copy: see DbCopyCommand.
class DbCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::DbCommand)
public:
    QString name() const override { return QStringLiteral("db"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    int init(CliContext &context, const QStringList &arguments);
    int status(CliContext &context, const QStringList &arguments);
};

} // namespace fatora::cli
