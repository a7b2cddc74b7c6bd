#include "store/postgres/PostgresQueries.h"

#include "customers/CustomerSearch.h"
#include "store/postgres/PostgresSupport.h"

using namespace Qt::StringLiterals;

namespace fatora::postgres {

namespace {

QString direction(Qt::SortOrder order)
{
    return order == Qt::AscendingOrder ? u"ASC"_s : u"DESC"_s;
}

// SQLite puts NULL below every value; PostgreSQL above. For a nullable sort key, say it.
QString nullsLikeSqlite(Qt::SortOrder order)
{
    return order == Qt::AscendingOrder ? u" NULLS FIRST"_s : u" NULLS LAST"_s;
}

// A page: LIMIT NULL is "no limit" (PostgreSQL refuses SQLite's -1).
void bindPage(int limit, int offset, QVariantMap &bindings)
{
    bindings.insert(u":limit"_s,
                    limit > 0 ? QVariant(qlonglong(limit)) : QVariant(QMetaType::fromType<qlonglong>()));
    bindings.insert(u":offset"_s, qlonglong(qMax(0, offset)));
}

QString escapedForLike(const QString &text)
{
    QString escaped = text;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return escaped;
}

void addCustomerFilter(const CustomerQuery &query, QStringList &where, QVariantMap &bindings)
{
    if (!query.includeArchived)
        where << u"NOT c.archived"_s;
    const CustomerSearch search = CustomerSearch::parse(query.text);
    if (search.inside) {
        // Each folded column has a trigram index; the LIKE is both what the index serves and
        // what decides.
        QString any = u"fatora_fold(c.name) LIKE :text ESCAPE '\\' OR fatora_fold(c.email) LIKE :text"
                      " ESCAPE '\\' OR fatora_fold(c.reference) LIKE :text ESCAPE '\\'"_s;
        bindings.insert(u":text"_s, likeSubstringPattern(search.text));
        if (!search.phoneDigits.isEmpty()) {
            any += u" OR c.phone_digits LIKE :digits"_s; // digits only: nothing to escape
            bindings.insert(u":digits"_s, QString(u'%' + search.phoneDigits + u'%'));
        }
        where << u'(' + any + u')';
        return;
    }
    const QString prefix = query.text.trimmed();
    if (prefix.isEmpty())
        return;
    // Each column's folded index (COLLATE "C") serves a LIKE prefix as a range.
    bindings.insert(u":prefix"_s, likePrefixPattern(prefix));
    QStringList any;
    for (const QString &column : {u"name"_s, u"email"_s, u"phone"_s, u"reference"_s})
        any << u"fatora_fold(c.%1) COLLATE \"C\" LIKE :prefix ESCAPE '\\'"_s.arg(column);
    where << u'(' + any.join(u" OR "_s) + u')';
}

} // namespace

QString asciiFolded(const QString &text)
{
    QString folded = text;
    for (QChar &c : folded) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + (u'a' - u'A'));
    }
    return folded;
}

QString likeSubstringPattern(const QString &needle)
{
    return u'%' + escapedForLike(asciiFolded(needle)) + u'%';
}

QString likePrefixPattern(const QString &prefix)
{
    return escapedForLike(asciiFolded(prefix)) + u'%';
}

BuiltQuery buildFindCustomers(const CustomerQuery &query, bool countOnly)
{
    BuiltQuery built;
    QStringList where;
    addCustomerFilter(query, where, built.bindings);
    const QString whereSql = where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);
    if (countOnly) {
        built.sql = u"SELECT count(*) FROM customers c"_s + whereSql;
        return built;
    }
    const QString dir = direction(query.order);
    QString orderBy;
    switch (query.sort) {
    case CustomerQuery::Sort::Name:
        orderBy = u"fatora_fold(c.name) COLLATE \"C\" "_s + dir;
        break;
    case CustomerQuery::Sort::Email:
        orderBy = u"fatora_fold(c.email) COLLATE \"C\" "_s + dir;
        break;
    case CustomerQuery::Sort::Phone:
        orderBy = u"fatora_fold(c.phone) COLLATE \"C\" "_s + dir;
        break;
    // The trigger-kept columns, with indexes; PostgresStore brings c.active_tokens to
    // query.today before sorting on it.
    case CustomerQuery::Sort::ActiveTokens:
        orderBy = u"c.active_tokens "_s + dir;
        break;
    case CustomerQuery::Sort::LastCharge:
        orderBy = u"c.last_charge_at "_s + dir + nullsLikeSqlite(query.order);
        break;
    }
    // The count shown is computed for the page's rows only, so it is exact for query.today even
    // when the list is not sorted by it.
    built.sql = u"SELECT "_s + CustomerColumns +
                u", (SELECT count(*) FROM card_tokens t WHERE t.customer_id = c.id AND t.status = 'active'"
                " AND t.expires_on > :today) AS active_tokens_today, c.last_charge_at FROM customers c"_s +
                whereSql + u" ORDER BY "_s + orderBy + u", c.id "_s + dir + u" LIMIT :limit OFFSET :offset"_s;
    built.bindings.insert(u":today"_s, today(query.today));
    bindPage(query.limit, query.offset, built.bindings);
    return built;
}

BuiltQuery buildFindTokens(const TokenQuery &query)
{
    BuiltQuery built;
    QStringList where;
    if (query.customerId > 0) {
        where << u"t.customer_id = :customer"_s;
        built.bindings.insert(u":customer"_s, query.customerId);
    }
    if (query.status) {
        // Expiry by date is applied here as effectiveStatus does: active until expires_on.
        switch (*query.status) {
        case TokenStatus::Active:
            where << u"t.status = 'active' AND t.expires_on > :today"_s;
            break;
        case TokenStatus::Expired:
            where << u"(t.status = 'expired' OR (t.status = 'active' AND t.expires_on <= :today))"_s;
            break;
        default:
            where << u"t.status = :status"_s;
            built.bindings.insert(u":status"_s, tokenStatusName(*query.status));
            break;
        }
        if (*query.status == TokenStatus::Active || *query.status == TokenStatus::Expired)
            built.bindings.insert(u":today"_s, today(query.today));
    }
    built.sql = u"SELECT "_s + TokenColumns + u" FROM card_tokens t"_s +
                (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s)) +
                u" ORDER BY t.issued_on DESC, t.id DESC LIMIT :limit"_s;
    built.bindings.insert(u":limit"_s, query.limit > 0 ? QVariant(qlonglong(query.limit))
                                                       : QVariant(QMetaType::fromType<qlonglong>()));
    return built;
}

namespace {

// What each refund filter means (as SqliteQueries' refundCondition).
QString refundCondition(PaymentQuery::Refund refund)
{
    switch (refund) {
    case PaymentQuery::Refund::Any:
        return {};
    case PaymentQuery::Refund::Refunded:
        return u"p.refund_state = 'refunded'"_s;
    case PaymentQuery::Refund::InProgress:
        return u"p.refund_state IN ('pending', 'unknown')"_s;
    case PaymentQuery::Refund::NotRefunded:
        return u"p.refund_state IN ('none', 'rejected')"_s;
    }
    return {};
}

QString paymentWhere(const PaymentQuery &query, QVariantMap &bindings)
{
    QStringList where;
    if (query.state) {
        where << u"p.state = :state"_s;
        bindings.insert(u":state"_s, paymentStateName(*query.state));
    }
    if (const QString refund = refundCondition(query.refund); !refund.isEmpty())
        where << refund;
    // The operator picks local calendar days; rows carry instants.
    if (query.from.isValid()) {
        where << u"p.created_at >= :from"_s;
        bindings.insert(u":from"_s, timestampValue(query.from.startOfDay()));
    }
    if (query.to.isValid()) {
        where << u"p.created_at < :to"_s;
        bindings.insert(u":to"_s, timestampValue(query.to.addDays(1).startOfDay()));
    }
    if (query.customerId > 0) {
        where << u"p.customer_id = :customer"_s;
        bindings.insert(u":customer"_s, query.customerId);
    }
    if (query.tokenId > 0) {
        where << u"p.token_id = :token"_s;
        bindings.insert(u":token"_s, query.tokenId);
    }
    const QString needle = query.text.trimmed();
    if (!needle.isEmpty()) {
        // A case-insensitive (ASCII) substring, as SQLite's LIKE; the folded columns' trigram
        // indexes serve it from three characters on.
        where << u"(fatora_fold(p.order_id) LIKE :text ESCAPE '\\' OR fatora_fold(p.transaction_id) LIKE"
                 " :text ESCAPE '\\' OR fatora_fold(p.description) LIKE :text ESCAPE '\\')"_s;
        bindings.insert(u":text"_s, likeSubstringPattern(needle));
    }
    return where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);
}

QString paymentOrder(const PaymentQuery &query)
{
    const QString dir = direction(query.order);
    QString orderBy;
    switch (query.sort) {
    case PaymentQuery::Sort::CreatedAt:
        orderBy = u"p.created_at "_s + dir;
        break;
    case PaymentQuery::Sort::Amount:
        orderBy = u"p.currency COLLATE \"C\" "_s + dir + u", p.amount_minor "_s + dir +
                  nullsLikeSqlite(query.order);
        break;
    case PaymentQuery::Sort::State:
        orderBy = u"p.state COLLATE \"C\" "_s + dir + u", p.created_at "_s + dir;
        break;
    case PaymentQuery::Sort::Customer:
        // The customer's id after the name keeps one customer's payments together when two share
        // a name.
        orderBy = u"fatora_fold(c.name) COLLATE \"C\" "_s + dir + nullsLikeSqlite(query.order) +
                  u", c.id "_s + dir + nullsLikeSqlite(query.order) + u", p.created_at "_s + dir;
        break;
    case PaymentQuery::Sort::OrderId:
        orderBy = u"p.order_id COLLATE \"C\" "_s + dir;
        break;
    }
    return orderBy + u", p.id "_s + dir;
}

} // namespace

BuiltQuery buildFindPayments(const PaymentQuery &query, bool countOnly)
{
    BuiltQuery built;
    const QString whereSql = paymentWhere(query, built.bindings);
    if (countOnly) {
        built.sql = u"SELECT count(*) FROM payments p"_s + whereSql;
        return built;
    }
    built.sql = u"SELECT "_s + PaymentColumns +
                u", c.name, t.label, t.token FROM payments p LEFT JOIN customers c ON c.id = p.customer_id"
                " LEFT JOIN card_tokens t ON t.id = p.token_id"_s +
                whereSql + u" ORDER BY "_s + paymentOrder(query) + u" LIMIT :limit OFFSET :offset"_s;
    bindPage(query.limit, query.offset, built.bindings);
    return built;
}

BuiltQuery buildPaymentTotals(const PaymentQuery &query)
{
    // countedAmount (Payment.h) in SQL: amount, else taken, else expected; NULL when none is known.
    const QString counted = u"coalesce(p.amount_minor, p.taken_minor, p.expected_minor)"_s;
    BuiltQuery built;
    built.sql = u"SELECT p.currency, p.state, p.refund_state, count(*), coalesce(sum("_s + counted +
                u"), 0), count(*) FILTER (WHERE "_s + counted +
                u" IS NULL), count(*) FILTER (WHERE p.amount_minor IS NULL AND p.taken_minor IS NULL"
                " AND p.expected_minor IS NOT NULL) FROM payments p"_s +
                paymentWhere(query, built.bindings) + u" GROUP BY p.currency, p.state, p.refund_state"_s;
    return built;
}

} // namespace fatora::postgres
