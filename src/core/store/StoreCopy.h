#pragma once

#include "domain/Result.h"
#include "store/Store.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>

namespace fatora {

class Clock;

// Moving one desk in: every customer, card token, payment and audit entry of one store (a desk's
// SQLite file) written into another (the shared PostgreSQL database), each row as it was there -
// order ids, amounts, states, times, operators - under the target's own ids. What "fatora-cli db
// copy" runs; the desk, the CLI and the tests all go through this one class.
//
// One transaction on the target, all or nothing: the target's writers' lock is held from the first
// read to the commit (other desks' writes wait, then say the database is busy), the target's counts
// are read before and after inside it, and a failure, a counts check that does not add up, or a
// kill -9 leaves the target as it was. Nothing is ever written to the source.
//
// Each row is recognised again by what identifies it outside any one database, so a second run
// adds nothing and a run after new work at the desk adds only the new rows:
// - a customer by its reference, name and the moment it was added (to the millisecond: kept
//   verbatim by the copy, written once by the desk that created it). Without a reference, by name
//   and moment alone. A customer there with the same reference that was not copied from here (added
//   at another moment, or by another desk) is a conflict: never merged, and none of its cards,
//   payments or audit entries are copied;
// - a card token by its text (unique in every Fatora database): already there under the customer
//   it maps to, or a conflict when another customer holds it there;
// - a payment by its order id (unique forever): already there when the card, customer, amount,
//   currency and time agree (its state there may have moved on since: verified at another desk, it
//   is never overwritten), else a conflict;
// - an audit entry by its object, time, action, operator and detail, counted: entries there that
//   match are not copied again; no mapping table is kept, because the entries themselves carry
//   everything that identifies them and a table would be one more schema change on every backend.
//
// A sandbox database (payments the built-in simulator answered) is refused whole: its demo
// charges moved no money and never join a real database's.
//
// Rows that were in flight in the source are never carried as in flight: a charge still pending
// there (its desk stopped before the answer was saved) arrives as *unknown* - it may have moved
// money and must be verified - and a pending refund as a refund of unknown outcome. Nothing is ever
// made to look settled. A payment's session owner, should the schema gain one, is not copied
// either (Store::importPayment): the source's processes mean nothing on the target.
class StoreCopy
{
public:
    enum class Table { Customers, Tokens, Payments, Audit };

    // What happened to one table's rows: read = copied + alreadyThere + conflicts. before and after
    // are the target's counts inside the copy's transaction.
    struct TableCount
    {
        qint64 read = 0;
        qint64 copied = 0;
        qint64 alreadyThere = 0;
        qint64 conflicts = 0; // not copied: see the conflicts' reasons
        qint64 before = 0;
        qint64 after = 0;
    };

    // One row (for audit entries: one object's entries) that was not copied, and why. key names the
    // row for people: a customer's reference or name, a card's mask (never the token), an order id.
    struct Conflict
    {
        Table table = Table::Customers;
        qint64 sourceId = 0; // the row's id in the source (for audit: the object's id there)
        QString key;
        QString reason;
    };

    struct Report
    {
        TableCount customers;
        TableCount tokens;
        TableCount payments;
        TableCount audit;
        QList<Conflict> conflicts;
        qint64 madeUnknown = 0;        // charges pending in the source, copied as unknown
        qint64 refundsMadeUnknown = 0; // refunds pending in the source, copied as of unknown outcome
        bool committed = false;        // false: a dry run, or stopped by conflicts; nothing written

        const TableCount &count(Table table) const;
        qint64 copiedRows() const
        {
            return customers.copied + tokens.copied + payments.copied + audit.copied;
        }
        qint64 conflictRows() const
        {
            return customers.conflicts + tokens.conflicts + payments.conflicts + audit.conflicts;
        }
    };

    struct Options
    {
        bool dryRun = false;        // everything is done and checked, then rolled back
        bool skipConflicts = false; // commit the rest when some rows conflict (else: nothing written)
        QString operatorName;       // for the copy's own audit entry
        QString sourceName;         // e.g. the file's name: in that entry and in copied rows' notes
        // Asked just before the commit: is the source still what was read? (A desk that started on
        // the file meanwhile.) An error stops the copy, nothing written.
        std::function<Result<void>()> sourceUnchanged;
        // Rows of a table handled so far, for a progress line.
        std::function<void(Table table, qint64 done, qint64 total)> progress;
    };

    // Rows are read from source page by page and written to target; neither is owned. clock stamps
    // the copy's own audit entry and the rows whose state the copy changes (pending to unknown).
    StoreCopy(Store &source, Store &target, const Clock &clock);

    // A Report when the copy ran to the end (committed or not, see Report::committed); an Error when
    // it could not: the target's or the source's trouble (kinds Busy, Unavailable, ...), a sandbox
    // source (Validation) or counts that do not add up (Internal). Without commit nothing was written.
    Result<Report> run(const Options &options);

    static QString tableName(Table table); // "customers", "card_tokens", "payments", "audit_entries"

private:
    enum class Fate { Copied, AlreadyThere, NotCopied };
    struct Mapped
    {
        qint64 targetId = 0;
        Fate fate = Fate::NotCopied;
        QString key; // for the reasons of rows that depend on this one
    };

    Result<void> copyCustomers(Report &report);
    Result<void> copyTokens(Report &report);
    Result<void> copyPayments(Report &report);
    Result<void> copyAudit(Report &report);
    Result<void> copyAuditOf(const QList<AuditEntry> &entries, Report &report);
    Result<void> checkCounts(Report &report, const Store::Counts &before, bool ownEntry);
    void conflict(Report &report, Table table, qint64 sourceId, const QString &key, const QString &reason);
    void tick(Table table, qint64 done, qint64 total) const;

    Store &m_source;
    Store &m_target;
    const Clock &m_clock;
    Options m_options;
    Store::Counts m_sourceCounts;
    QHash<qint64, Mapped> m_customers; // by source id
    QHash<qint64, Mapped> m_tokens;
    QHash<qint64, Mapped> m_payments;
    QSet<qint64> m_claimedCustomers; // target customers this run matched or wrote
    qint64 m_copiedOpen = 0;         // copied payments still open (unknown): the open charges added
};

} // namespace fatora
