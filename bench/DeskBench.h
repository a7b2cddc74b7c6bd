#pragma once

#include "BenchSupport.h"

namespace fatora::bench {

// The desk benchmarks run in child processes of fatora-bench, so that each one's peak RSS and
// start-up are its own.

// Benchmarks 1 (open and show the first customers page in the real MainWindow, vs. a bare
// QSqlQueryModel + QTableView over the same statement), 2 (search-as-you-type in the real search
// field, vs. the bare SQL per prefix), the desk's history filter, customer selection, sorting and
// scrolling, each with the GUI thread's lateness. Prints FIGURE lines and "RSS <KiB>" on stdout.
int runDeskChild(const QString &databasePath, bool quick);

// Benchmark 7's child: opens the desk like fatora-backoffice does, prints "SHOWN" once the main
// window has painted its customer list, and exits.
int runStartupChild(const QString &databasePath);

} // namespace fatora::bench
