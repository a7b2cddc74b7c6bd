#include "store/postgres/PostgresChangeFeed.h"

#include "store/Store.h"
#include "store/postgres/PostgresSupport.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace fatora {

PostgresChangeFeed::PostgresChangeFeed(const Store &store, QString connectionName)
    : m_store(store), m_connectionName(std::move(connectionName)), m_reconnections(store.reconnections())
{
    // A new connection (Store::checkReachable) knows nothing of this subscription: made again there,
    // and everything told as changed, since changes committed while it was down were never told.
    m_rejoin.setInterval(RejoinCheckMs);
    connect(&m_rejoin, &QTimer::timeout, this, [this] {
        if (m_store.reconnections() == m_reconnections || m_store.inTransaction())
            return;
        if (subscribe().ok()) {
            m_reconnections = m_store.reconnections();
            emit changed(AllTables);
        }
    });
    m_rejoin.start();
}

Result<std::unique_ptr<ChangeFeed>> PostgresChangeFeed::listen(const Store &store, const QString &connectionName)
{
    // LISTEN inside a transaction would start listening only at its commit, and be undone by a
    // rollback: refused, as a programming error.
    if (store.inTransaction())
        return postgres::storeError(ErrorKind::Internal,
                                    u"Changes watched from inside a transaction (a programming error)."_s);
    std::unique_ptr<PostgresChangeFeed> feed(new PostgresChangeFeed(store, connectionName));
    if (auto subscribed = feed->subscribe(); !subscribed)
        return subscribed.error();
    return std::unique_ptr<ChangeFeed>(std::move(feed));
}

Result<void> PostgresChangeFeed::subscribe()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return postgres::storeError(ErrorKind::Unavailable,
                                    QCoreApplication::translate("fatora::PostgresStore",
                                                                "The connection to the database is closed; "
                                                                "changes made at other desks cannot be followed."));
    QSqlDriver *driver = db.driver();
    // Once per driver (a connection's): a new connection has a new driver.
    disconnect(driver, &QSqlDriver::notification, this, &PostgresChangeFeed::onNotification);
    connect(driver, &QSqlDriver::notification, this, &PostgresChangeFeed::onNotification);
    const QString channel = QString::fromLatin1(Channel);
    // Two feeds on one connection share its subscription: the first one made it.
    if (!driver->subscribedToNotifications().contains(channel) && !driver->subscribeToNotification(channel))
        return postgres::storeError(ErrorKind::Unavailable,
                                    QCoreApplication::translate("fatora::PostgresStore",
                                                                "Could not follow the changes made at other "
                                                                "desks: %1")
                                        .arg(driver->lastError().text()));
    return {};
}

PostgresChangeFeed::~PostgresChangeFeed() = default;

ChangeFeed::Tables PostgresChangeFeed::tablesNamed(const QString &payload)
{
    if (payload == u"customers" || payload == u"customer_card_counts")
        return Table::Customers;
    if (payload == u"card_tokens")
        return Table::Tokens;
    if (payload == u"payments")
        return Table::Payments;
    if (payload == u"batches" || payload == u"batch_items")
        return Table::Batches;
    if (payload == u"refund_requests" || payload == u"refund_rules")
        return Table::RefundRequests;
    return {};
}

void PostgresChangeFeed::onNotification(const QString &name, QSqlDriver::NotificationSource source,
                                        const QVariant &payload)
{
    if (name != QLatin1String(Channel) || source == QSqlDriver::SelfSource)
        return;
    if (const Tables tables = tablesNamed(payload.toString()))
        emit changed(tables);
}

} // namespace fatora
