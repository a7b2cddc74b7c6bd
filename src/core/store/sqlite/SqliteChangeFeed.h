#pragma once

#include "store/ChangeFeed.h"

#include <QString>
#include <QTimer>

namespace fatora {

class Store;

// SQLite's ChangeFeed: PRAGMA data_version on the store's own connection, every PollMs. SQLite
// changes that number exactly when another connection commits to the file (never for this
// connection's own commits), so the poll costs one tiny statement and reads no table. SQLite cannot
// say which table changed: every change is told as all tables.
class SqliteChangeFeed final : public ChangeFeed
{
    Q_OBJECT
public:
    // `store` owns the connection named `connectionName`; both outlive the feed.
    SqliteChangeFeed(const Store &store, QString connectionName);

private:
    void poll();

    const Store &m_store;
    QString m_connectionName;
    qint64 m_version = -1;
    QTimer m_timer;
};

} // namespace fatora
