#include "SqliteStoreBackend.h"

#include "store/sqlite/SqliteStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace fatora::test {

Result<std::unique_ptr<Store>> SqliteStoreBackend::createFresh()
{
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return Error{QStringLiteral("database"), QStringLiteral("no temporary directory"),
                     ErrorKind::Unavailable};
    m_path = m_dir->filePath(QStringLiteral("contract.sqlite"));
    return connectAgain();
}

Result<std::unique_ptr<Store>> SqliteStoreBackend::connectAgain()
{
    auto opened = SqliteStore::open(m_path);
    if (!opened.ok())
        return opened.error();
    return std::unique_ptr<Store>(std::move(opened).value());
}

QString SqliteStoreBackend::execRaw(const QString &sql)
{
    const QString connection = QStringLiteral("contract-raw-%1").arg(++m_rawConnections);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA foreign_keys = ON")) || !q.exec(sql))
                error = q.lastError().text();
            if (error.isEmpty() && q.lastError().isValid())
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

} // namespace fatora::test
