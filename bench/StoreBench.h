#pragma once

#include "BenchSupport.h"
#include "BenchTarget.h"

namespace fatora::bench {

// Benchmarks 3 (history: a filtered first page, the middle of everything) and 4 (customer detail:
// tokens and the last 50 payments) through Store, each beside the bare SQL of the same statement
// on the target's own kind of connection.
Result<FigureTable> runStoreBenchmarks(BenchTarget &target, bool quick);

} // namespace fatora::bench
