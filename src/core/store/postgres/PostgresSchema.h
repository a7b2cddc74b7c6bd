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

// The first key of every session lease's advisory lock (two-key form; the second is the session id):
// the store takes it, and schema 10's rights read it to tell a live desk's call from a dead one's.
constexpr int SessionLockSpace = 0x46617401;

// Schema 10: staff roles, their grants and row checks, and the staff management functions.
QStringList staffRightsMigration();

// Schema 12: refund requests, their approval by a second supervisor, and the limit above which a
// refund needs one.
QStringList refundApprovalMigration();

} // namespace fatora::postgres
