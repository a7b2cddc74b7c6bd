#pragma once

// Two desks on one database (issue 13), as fatora-bench-desk --live runs them: how long a charge
// settled at desk A takes to show in desk B's history, and, on a server, how long a cut link takes
// to show "shared database unreachable" at desk B and how long from the link back to B's money
// actions enabled again. A server is reached through a DelayProxy adding `latencyMs` each way (0:
// none, still cuttable). Prints FigureTable JSON lines (ids L2, L3, L4) on stdout.

#include <QString>

namespace fatora::bench {

int runLiveDesksChild(const QString &location, int latencyMs, bool quick);

// A postgresql:// location with its host and port replaced by a proxy's on 127.0.0.1 (the
// password, user and database kept); a file location unchanged.
QString throughProxy(const QString &location, quint16 proxyPort);

} // namespace fatora::bench
