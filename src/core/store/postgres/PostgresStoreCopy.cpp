// PostgresStore: reading every row for a copy (StoreCopy).

#include "store/postgres/PostgresStore.h"

#include "store/postgres/PostgresQueries.h"
#include "store/postgres/PostgresSupport.h"

using namespace Qt::StringLiterals;

namespace fatora {

using namespace postgres;

namespace {

// One page of a table in id order: rows read by `read` from the statement's result.
template <typename Row, typename Read>
Result<QList<Row>> pageAfter(Session &session, const QString &sql, qint64 afterId, int limit, Read read)
{
    Statement s(session, sql);
    s.bind(u":after"_s, afterId).bind(u":limit"_s, limit);
    if (auto r = s.exec(u"Could not read the database"_s); !r)
        return r.error();
    QList<Row> rows;
    while (s.next())
        rows.append(read(s.query()));
    return rows;
}

} // namespace

Result<QList<Customer>> PostgresStore::customersAfter(qint64 afterId, int limit)
{
    return pageAfter<Customer>(*m_session,
                               u"SELECT "_s + CustomerColumns +
                                   u" FROM customers c WHERE c.id > :after ORDER BY c.id LIMIT :limit"_s,
                               afterId, limit, [](const QSqlQuery &q) { return readCustomer(q); });
}

Result<QList<CardToken>> PostgresStore::tokensAfter(qint64 afterId, int limit)
{
    return pageAfter<CardToken>(*m_session,
                                u"SELECT "_s + TokenColumns +
                                    u" FROM card_tokens t WHERE t.id > :after ORDER BY t.id LIMIT :limit"_s,
                                afterId, limit, [](const QSqlQuery &q) { return readToken(q); });
}

Result<QList<Payment>> PostgresStore::paymentsAfter(qint64 afterId, int limit)
{
    return pageAfter<Payment>(*m_session,
                              u"SELECT "_s + PaymentColumns +
                                  u" FROM payments p WHERE p.id > :after ORDER BY p.id LIMIT :limit"_s,
                              afterId, limit, [](const QSqlQuery &q) { return readPayment(q); });
}

Result<QList<AuditEntry>> PostgresStore::auditByObjectAfter(const AuditEntry &after, int limit)
{
    // The object index (object_type, object_id, id) in its own collation: the row comparison and
    // the order agree, so pages neither repeat nor skip an entry.
    const bool fromStart = after.id == 0;
    Statement s(
        *m_session,
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
        entries.append(readAudit(s.query()));
    return entries;
}

Result<QList<Customer>> PostgresStore::customersNamedAndAdded(const QString &name, const QDateTime &createdAt)
{
    // The folded comparison finds the rows through the name index; the plain one keeps them exact.
    Statement s(*m_session, u"SELECT "_s + CustomerColumns +
                                u" FROM customers c WHERE fatora_fold(c.name) COLLATE \"C\" = :folded"
                                " AND c.name = :exact AND c.created_at = :created ORDER BY c.id"_s);
    s.bind(u":folded"_s, asciiFolded(name))
        .bind(u":exact"_s, name)
        .bind(u":created"_s, timestampValue(createdAt));
    if (auto r = s.exec(u"Could not look up the customer"_s); !r)
        return r.error();
    QList<Customer> customers;
    while (s.next())
        customers.append(readCustomer(s.query()));
    return customers;
}

} // namespace fatora
