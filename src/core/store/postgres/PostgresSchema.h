#pragma once

#include <QList>
#include <QStringList>

namespace fatora::postgres {

// The PostgreSQL schema as versioned migrations: entry n brings the database from version n to
// n + 1. PostgresStore runs each in its own transaction under an advisory lock and records the
// version in the one-row table schema_version. A migration, once released, never changes: a new
// rule is a new entry.
const QList<QStringList> &migrations();

// Fill payment_figures and then payment_totals (as schema 5 counts them, by kind) from the payments
// themselves: that migration, and PostgresBulkWriter, which writes payments with their trigger off.
QStringList paymentFiguresFromPayments();

} // namespace fatora::postgres
