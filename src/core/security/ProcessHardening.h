#pragma once

namespace fatora {

// The desk and the CLI hold the API key and full card tokens in memory: a core dump would write
// them to disk, and another process of the same user could read them through ptrace. Both
// executables call this first thing in main().
namespace ProcessHardening {

// RLIMIT_CORE 0 (no core file) and PR_SET_DUMPABLE 0 (no core, no ptrace attach by the same user,
// /proc/<pid>/mem closed). Returns false when the system refused either; the caller goes on.
bool disableCoreDumps();

} // namespace ProcessHardening

} // namespace fatora
