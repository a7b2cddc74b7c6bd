#pragma once

#include <QFlags>
#include <QObject>

namespace fatora {

// Tells that other connections - another desk, the CLI, a billing run in another process - changed
// the database, so a desk can show their work without a manual refresh (issue 13). Changes made
// through the store the feed came from are not told: the code that made them already knows.
//
// Made by Store::watchChanges() and bound to that store's connection and thread: destroy it before
// the store. A backend tells what it knows: PostgreSQL which tables a committed transaction wrote
// (LISTEN/NOTIFY, as soon as it commits), SQLite only that the file changed (PRAGMA data_version,
// looked at every PollMs), so every table.
class ChangeFeed : public QObject
{
    Q_OBJECT
public:
    enum class Table {
        Customers = 0x1, // a customer added, edited or archived
        Tokens = 0x2,    // a card added, revoked, used
        Payments = 0x4,  // a charge written ahead or settled, a refund, a card request
        Batches = 0x8,   // a billing run or one of its items
        RefundRequests = 0x10, // a refund asked for, approved or denied; the approval limit (shared database)
    };
    Q_DECLARE_FLAGS(Tables, Table)
    static constexpr Tables AllTables = Tables(0x1F);

    // How often a backend that has to ask (SQLite) asks; well inside the second a desk promises.
    static constexpr int PollMs = 250;

    using QObject::QObject;

signals:
    void changed(fatora::ChangeFeed::Tables tables);
};

Q_DECLARE_OPERATORS_FOR_FLAGS(ChangeFeed::Tables)

} // namespace fatora
