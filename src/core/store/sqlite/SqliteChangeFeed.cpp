#include "store/sqlite/SqliteChangeFeed.h"

#include "store/Store.h"

#include <QSqlDatabase>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace fatora {

SqliteChangeFeed::SqliteChangeFeed(const Store &store, QString connectionName)
    : m_store(store), m_connectionName(std::move(connectionName))
{
    poll(); // the number as it is now: what changes from here on is told
    m_timer.setInterval(PollMs);
    connect(&m_timer, &QTimer::timeout, this, &SqliteChangeFeed::poll);
    m_timer.start();
}

void SqliteChangeFeed::poll()
{
    // Inside a transaction of this connection the number would describe the snapshot it reads,
    // and a nested event loop (a dialog) may run while one is open: the next tick asks again.
    if (m_store.inTransaction())
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return;
    QSqlQuery query(db);
    // A failed read (the file locked for a moment) tells nothing; the next tick asks again.
    if (!query.exec(u"PRAGMA data_version"_s) || !query.next())
        return;
    const qint64 version = query.value(0).toLongLong();
    const bool first = m_version < 0;
    const bool moved = version != m_version;
    m_version = version;
    if (!first && moved)
        emit changed(AllTables);
}

} // namespace fatora
