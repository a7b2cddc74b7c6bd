#include "store/AuditStatement.h"

using namespace Qt::StringLiterals;

namespace fatora {

StatementText auditStatement(const AuditQuery &query, const std::function<QVariant(const QDateTime &)> &timestamp)
{
    // Newest first down the primary key (or the person's index); each filter a clause of its own.
    StatementText out;
    QStringList where;
    if (!query.operatorName.isEmpty()) {
        where << u"operator = :person"_s;
        out.bindings.insert(u":person"_s, query.operatorName);
    }
    if (!query.actionPrefix.isEmpty()) {
        where << u"substr(action, 1, length(:prefix)) = :prefix"_s;
        out.bindings.insert(u":prefix"_s, query.actionPrefix);
    }
    if (query.from.isValid()) {
        where << u"at >= :from"_s;
        out.bindings.insert(u":from"_s, timestamp(query.from.startOfDay()));
    }
    if (query.to.isValid()) {
        where << u"at < :to"_s;
        out.bindings.insert(u":to"_s, timestamp(query.to.addDays(1).startOfDay()));
    }
    if (query.beforeId > 0) {
        where << u"id < :before"_s;
        out.bindings.insert(u":before"_s, query.beforeId);
    }
    out.bindings.insert(u":limit"_s, qMax(1, query.limit));
    out.sql = u"SELECT id, at, operator, action, object_type, object_id, detail FROM audit_log"_s +
              (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s)) +
              u" ORDER BY id DESC LIMIT :limit"_s;
    return out;
}

} // namespace fatora
