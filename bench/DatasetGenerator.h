#pragma once

#include "domain/Result.h"

#include <QDate>
#include <QString>

#include <functional>

namespace fatora::bench {

// Writes a merchant's database as it looks after years of use, through the project's schema
// (SqliteStore::open and its bulk writer for a file; PostgresStore::open and PostgresBulkWriter,
// COPY, for a postgresql:// URL): customers with Latin and Arabic names,
// emails, phones and references; about two card tokens each with mixed statuses and issue dates;
// about five payments each in every settled state over the two years before `until`.
//
// The same options give the same rows (QRandomGenerator with the seed; nothing reads the clock).
class DatasetGenerator
{
public:
    struct Options
    {
        int customers = 1'000'000;
        quint32 seed = 1;
        QDate until;          // the newest payment's day; null: today
        bool payments = true; // false: customers and their cards only (enough for the search figures)
    };

    struct Stats
    {
        qint64 customers = 0;
        qint64 tokens = 0;
        qint64 payments = 0;
        qint64 elapsedMs = 0;
        QDate until;
    };

    explicit DatasetGenerator(Options options) : m_options(options) {}

    // Called now and then with a line worth printing (progress), from the calling thread.
    void setProgress(std::function<void(const QString &)> progress) { m_progress = std::move(progress); }

    // Writes `location`: a file, which must not exist yet, or a postgresql:// URL of a database
    // without customers, cards or payments (its schema is created when absent; the password comes
    // from the URL or FATORA_DATABASE_PASSWORD). A file's rows go into `path` + ".partial" first and
    // the file is renamed only once complete; a database's go in one transaction. Either way an
    // interrupted run never leaves a half dataset behind. Both give the same rows, ids included.
    Result<Stats> generate(const QString &location);

    class Sink; // where the rows go: one of the stores' bulk writers

private:
    Result<Stats> generateInto(Sink &sink);

    Options m_options;
    std::function<void(const QString &)> m_progress;
};

} // namespace fatora::bench
