#pragma once

#include "domain/Result.h"
#include "store/ChangeFeed.h"

#include <QSqlDriver>
#include <QString>
#include <QTimer>

#include <memory>

namespace fatora {

class Store;

// PostgreSQL's ChangeFeed: LISTEN on the store's own connection. Every statement that writes one of
// the watched tables queues NOTIFY fatora_changes with the table's name (PostgresSchema, schema 7);
// the server delivers it when that transaction commits, never when it rolls back, and folds repeats
// within one transaction. QPSQL watches the connection's socket, so a notification arrives through
// the event loop while the desk is idle, and is picked up after any statement the store runs.
// Notifications from this connection's own transactions are left out (QSqlDriver::SelfSource).
class PostgresChangeFeed final : public ChangeFeed
{
    Q_OBJECT
public:
    static constexpr const char *Channel = "fatora_changes";

    // Subscribes on the connection named `connectionName`, owned by `store`; both outlive the feed.
    static Result<std::unique_ptr<ChangeFeed>> listen(const Store &store, const QString &connectionName);
    // The subscription stays with the connection (a later feed reuses it); it only costs
    // notifications nobody reads.
    ~PostgresChangeFeed() override;

    // The tables a notification's payload names (a table name; unknown names: none).
    static Tables tablesNamed(const QString &payload);

private:
    static constexpr int RejoinCheckMs = 1000;

    PostgresChangeFeed(const Store &store, QString connectionName);
    // LISTEN on the store's current connection (again after it connected anew).
    Result<void> subscribe();
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);

    const Store &m_store;
    QString m_connectionName;
    int m_reconnections = 0; // the store's count when this feed last subscribed
    QTimer m_rejoin;
};

} // namespace fatora
