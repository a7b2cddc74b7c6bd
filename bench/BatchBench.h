#pragma once

#include "BenchSupport.h"

#include <functional>

namespace fatora::bench {

struct BatchBenchOptions
{
    int items = 10000;       // per billing run against the simulator answering at once
    int delayedItems = 1000; // per billing run against the simulator answering in 50 ms
};

// Benchmark 8 (issue 16): billing runs of generated cards through BatchRunner against the loopback
// GatewaySimulator, answering at once and in 50 ms, with 1, 4 and 16 charges in flight, each beside
// a bare QNetworkAccessManager POST loop over the same cards at the same concurrency against the
// same simulator; and the peak memory of the run's process. Each run gets a fresh store at
// `location` (a file, or an empty PostgreSQL database), made by `reset` and then generated there,
// with its batch created through BatchFile, BatchPlanner and BatchService. Both sides run in a
// fatora-bench-batch process of their own; the simulator runs here.
Result<FigureTable> runBatchBenchmarks(const QString &location, const std::function<Result<void>()> &reset,
                                       const BatchBenchOptions &options);

} // namespace fatora::bench
