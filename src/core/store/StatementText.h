#pragma once

#include <QString>
#include <QVariantMap>

namespace fatora {

// The SQL text and bindings behind one of a store's list queries (SqliteStore, PostgresStore), so a
// benchmark can time the bare statement (or a QSqlQueryModel over it) as the baseline beside the
// store. Only the benchmarks and tests ask for it; the desk never runs SQL of its own.
struct StatementText
{
    QString sql;
    QVariantMap bindings;
};

} // namespace fatora
