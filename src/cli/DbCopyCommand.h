#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace fatora::cli {

class CliContext;

// db copy --from FILE --to URL [--dry-run] [--skip-conflicts]: moves one desk's file into the shared
// PostgreSQL database (StoreCopy does the work, in one transaction on the server) and prints what
// each table had, got and already held. DbCommand hands "db copy" here.
//
// Exit codes: 0 copied (or a dry run); 2 bad input, nothing written - an option missing or given
// wrong, a --to that is not a postgresql:// URL or does not parse, a --from that is missing or not a
// Fatora database, or rows that conflict with the server's (listed; --skip-conflicts copies the
// rest); 4 the file or the server cannot be used as they are, nothing written - the file in use,
// older or newer than this version, answers still kept beside it; the server unreachable, the
// login refused, another program's database, a newer schema, busy; or a failure during the copy.
class DbCopyCommand
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::DbCopyCommand)
public:
    static int run(CliContext &context, const QStringList &arguments);
};

} // namespace fatora::cli
