#pragma once

#include "BenchSupport.h"

namespace fatora::bench {

// Benchmark 6: charges through PaymentService (write-ahead, request, reply, settle, audit) against
// the loopback GatewaySimulator, with 1 and 6 charges in flight, beside a bare QNetworkAccessManager
// POST loop against the same simulator, and beside that loop with the same two durable writes by
// plain SQL on the same database. The store is a fresh small dataset generated into `location` (a
// file that does not exist yet, or an empty PostgreSQL database): the benchmark dataset itself is
// never written to. `flushDir`, when given, is where the disk's flush is timed (6h).
Result<FigureTable> runGatewayBenchmarks(const QString &location, const QString &flushDir, int charges);

} // namespace fatora::bench
