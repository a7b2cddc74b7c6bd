#include "Store.h"

namespace fatora {

Store::Transaction::Transaction(Store &store) : m_store(store), m_started(store.beginTransaction()) {}

Store::Transaction::~Transaction()
{
    if (m_started.ok() && !m_done)
        m_store.rollbackTransaction();
}

Result<void> Store::Transaction::commit()
{
    if (!m_started.ok())
        return m_started.error();
    m_done = true;
    auto committed = m_store.commitTransaction();
    if (!committed.ok())
        m_store.rollbackTransaction();
    return committed;
}

Result<void> Store::audit(const QDateTime &at, const QString &operatorName, const QString &action,
                          const QString &objectType, qint64 objectId, const QString &detail)
{
    AuditEntry entry;
    entry.at = at;
    entry.operatorName = operatorName;
    entry.action = action;
    entry.objectType = objectType;
    entry.objectId = objectId;
    entry.detail = detail;
    auto id = appendAudit(entry);
    if (!id.ok())
        return id.error();
    return {};
}

} // namespace fatora
