#pragma once

#include "store/StatementText.h"
#include "store/Store.h"

#include <functional>

namespace fatora {

// Store::findAudit's statement, the same on every backend (standard SQL: substr, LIMIT); each
// backend binds its own timestamps (timestamp: how it stores a moment).
StatementText auditStatement(const AuditQuery &query, const std::function<QVariant(const QDateTime &)> &timestamp);

} // namespace fatora
