#pragma once

// Internal to the SQLite store: the schema, as an append-only list of migrations.

#include <QList>
#include <QStringList>

namespace fatora::sqlite {

// Schema migrations: entry N-1 brings user_version N-1 to N. Append only; a shipped entry never
// changes, because databases out there already carry it.
const QList<QStringList> &migrations();

} // namespace fatora::sqlite
