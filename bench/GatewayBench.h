#pragma once

#include "BenchSupport.h"

namespace fatora::bench {

// Benchmark 6: charges through PaymentService (write-ahead, request, reply, settle, audit) against
// the loopback GatewaySimulator, with 1 and 6 charges in flight, beside a bare QNetworkAccessManager
// POST loop against the same simulator. The store is a fresh generated database in `scratchDir`
// (the benchmark dataset itself is never written to).
Result<FigureTable> runGatewayBenchmarks(const QString &scratchDir, int charges);

} // namespace fatora::bench
