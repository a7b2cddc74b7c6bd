#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace fatora::cli {

// staff add LOGIN --role ROLE | list | role LOGIN ROLE | disable LOGIN | enable LOGIN: an
// administrator's staff management on a shared database (StaffService; the database checks the
// role again). staff me: who this run signs in as. staff password: the signed-in person's own new
// password, read twice from the terminal (not echoed) or from two lines of standard input.
class StaffCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::StaffCommand)
public:
    QString name() const override { return QStringLiteral("staff"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    int add(CliContext &context, const QStringList &arguments);
    int list(CliContext &context, const QStringList &arguments);
    int role(CliContext &context, const QStringList &arguments);
    int setEnabled(CliContext &context, const QStringList &arguments, bool enabled);
    int me(CliContext &context, const QStringList &arguments);
    int password(CliContext &context, const QStringList &arguments);
};

} // namespace fatora::cli
