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

} // namespace fatora
