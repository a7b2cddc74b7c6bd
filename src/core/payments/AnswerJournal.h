#pragma once

#include "domain/Result.h"
#include "gateway/GatewayTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace fatora {

// Gateway answers that moved (or may have moved) money but could not be saved in the database
// yet — it stayed locked, or the disk was full — kept in an append-only file beside the database
// until a later recovery saves them. The database stays the record; this file only carries an
// answer across a failure so that it is never dropped.
//
// One JSON object per line, appended with one write() and flushed to disk (fdatasync) before
// append() returns; a line {"saved": id} marks an entry as saved. Every access holds an exclusive
// flock() on the file, so processes sharing the database (desks, the CLI) never lose each other's
// lines, and the file is emptied only when every entry in it is saved. Bodies are stored as the
// client masked them: the file never holds the API key or a full card token. Created 0600.
class AnswerJournal
{
public:
    struct Entry
    {
        QString id;                 // unique per entry
        GatewayOperation operation; // Collect, Refund or Deactivate
        qint64 objectId = 0;        // the payment (collect, refund) or the token (deactivate)
        QString orderId;            // for people reading the file
        QString reason;             // deactivate: the operator's reason, kept in the audit entry
        QDateTime receivedAt;
        GatewayResult result;
    };

    explicit AnswerJournal(QString path);

    // "<database>.unsaved-answers" beside a database file.
    static QString pathFor(const QString &databaseLocation);
    QString path() const { return m_path; }

    // Durable when it returns ok: written, and flushed to the disk.
    Result<void> append(const Entry &entry);
    Result<void> markSaved(const QString &entryId);
    // Entries not marked saved, oldest first. A torn last line (a crash mid-write) is skipped: that
    // append never returned, so its answer was never reported as kept.
    Result<QList<Entry>> unsaved() const;
    // Empties the file when every entry in it is saved.
    Result<void> compact();

    static Entry newEntry(GatewayOperation operation, qint64 objectId, const QString &orderId,
                          const GatewayResult &result, const QDateTime &receivedAt);

private:
    QString m_path;
};

} // namespace fatora
