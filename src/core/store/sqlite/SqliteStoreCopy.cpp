// SqliteStore: reading every row for a copy (StoreCopy); opening a file only to read it is in
// SqliteStore.cpp, with the other ways of opening.

#include "store/sqlite/SqliteStore.h"

#include "store/sqlite/SqliteSupport.h"

using namespace Qt::StringLiterals;

namespace fatora {

using namespace sqlite;

namespace {

// One page of a table in id order: rows read by `read` from the statement's result.
template <typename Row, typename Read>
Result<QList<Row>> pageAfter(StatementCache &statements, const QString &sql, qint64 afterId, int limit,
                             Read read)
{
    Statement s(statements, sql);
    s.bind(u":after"_s, afterId).bind(u":limit"_s, limit);
    if (auto r = s.exec(u"Could not read the database"_s); !r)
        return r.error();
    QList<Row> rows;
    while (s.next())
        rows.append(read(s));
    return rows;
}

} // namespace

Result<QList<Customer>> SqliteStore::customersAfter(qint64 afterId, int limit)
{
    return pageAfter<Customer>(*m_statements,
                               u"SELECT "_s + CustomerColumns +
                                   u" FROM customers c WHERE c.id > :after ORDER BY c.id LIMIT :limit"_s,
                               afterId, limit, [](const Statement &s) { return readCustomer(s); });
}

Result<QList<CardToken>> SqliteStore::tokensAfter(qint64 afterId, int limit)
{
    return pageAfter<CardToken>(*m_statements,
                                u"SELECT "_s + TokenColumns +
                                    u" FROM card_tokens t WHERE t.id > :after ORDER BY t.id LIMIT :limit"_s,
                                afterId, limit, [](const Statement &s) { return readToken(s); });
}

Result<QList<Payment>> SqliteStore::paymentsAfter(qint64 afterId, int limit)
{
    return pageAfter<Payment>(*m_statements,
                              u"SELECT "_s + PaymentColumns +
                                  u" FROM payments p WHERE p.id > :after ORDER BY p.id LIMIT :limit"_s,
                              afterId, limit, [](const Statement &s) { return readPayment(s); });
}

Result<QList<AuditEntry>> SqliteStore::auditByObjectAfter(const AuditEntry &after, int limit)
{
    // The object index (object_type, object_id, then the rowid) gives this order as it stands.
    const bool fromStart = after.id == 0;
    Statement s(
        *m_statements,
        u"SELECT id, at, operator, action, object_type, object_id, detail FROM audit_log"_s +
            (fromStart ? QString() : u" WHERE (object_type, object_id, id) > (:type, :object, :id)"_s) +
            u" ORDER BY object_type, object_id, id LIMIT :limit"_s);
    if (!fromStart)
        s.bind(u":type"_s, after.objectType).bind(u":object"_s, after.objectId).bind(u":id"_s, after.id);
    s.bind(u":limit"_s, limit);
    if (auto r = s.exec(u"Could not read the audit log"_s); !r)
        return r.error();
    QList<AuditEntry> entries;
    while (s.next())
        entries.append(readAudit(s));
    return entries;
}

Result<QList<Customer>> SqliteStore::customersNamedAndAdded(const QString &name, const QDateTime &createdAt)
{
    // The NOCASE comparison finds the rows through the name index; the plain one keeps them exact.
    Statement s(*m_statements,
                u"SELECT "_s + CustomerColumns +
                    u" FROM customers c WHERE c.name = :name COLLATE NOCASE AND c.name = :exact"
                    " AND c.created_at = :created ORDER BY c.id"_s);
    s.bind(u":name"_s, name).bind(u":exact"_s, name).bind(u":created"_s, timestampValue(createdAt));
    if (auto r = s.exec(u"Could not look up the customer"_s); !r)
        return r.error();
    QList<Customer> customers;
    while (s.next())
        customers.append(readCustomer(s));
    return customers;
}

} // namespace fatora
