#include "store/postgres/PostgresQueries.h"

#include "customers/CustomerSearch.h"
#include "store/postgres/PostgresSupport.h"

#include <algorithm>

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

// The separator of name, email and reference in customers_text_trgm's expression.
constexpr QChar InsideSeparator = QChar(0x01);

// The patterns of a search inside the fields: :text, and :digits when it reads as a phone number.
void bindInsideText(const CustomerSearch &search, QVariantMap &bindings)
{
    bindings.insert(u":text"_s, likeSubstringPattern(search.text));
    if (!search.phoneDigits.isEmpty())
        bindings.insert(u":digits"_s, QString(u'%' + search.phoneDigits + u'%')); // digits: nothing to escape
}

// What decides a search inside the fields, for the customers under `alias`: the text anywhere in
// name, email or reference, or its digits in the phone's (CustomerSearch).
QString insideMatch(const CustomerSearch &search, const QString &alias, QVariantMap &bindings)
{
    QString any =
        u"fatora_fold(%1.name) LIKE :text ESCAPE E'\\\\' OR fatora_fold(%1.email) LIKE :text ESCAPE E'\\\\'"
        " OR fatora_fold(%1.reference) LIKE :text ESCAPE E'\\\\'"_s.arg(alias);
    bindInsideText(search, bindings);
    if (!search.phoneDigits.isEmpty())
        any += u" OR %1.phone_digits LIKE :digits"_s.arg(alias);
    return u'(' + any + u')';
}

// Whether `text` holds a letter fatora_fold changes or yields (ASCII A-Z, a-z).
bool hasAsciiLetter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
    });
}

// What a walk by id tests on each customer it reads (buildWalkInside): the fields joined by a
// separator no index is built on, so the planner has no trigram index to turn to, and one LIKE a
// customer instead of three (half the walk's time). A text holding that separator could match
// across two fields: the LIKE of each column then.
QString walkMatch(const CustomerSearch &search, QVariantMap &bindings)
{
    constexpr QChar WalkSeparator = QChar(0x02);
    if (search.text.contains(WalkSeparator))
        return insideMatch(search, u"c"_s, bindings);
    bindInsideText(search, bindings);
    // Folding only turns A-Z into a-z: a text without ASCII letters ("+974 551", "٥٥١") matches the
    // folded fields exactly where it matches the fields, so they are tested as they are, a third
    // less per customer walked.
    const QString fields = u"c.name || E'\\x02' || c.email || E'\\x02' || c.reference"_s;
    return u'(' + (hasAsciiLetter(search.text) ? u"fatora_fold("_s + fields + u')' : fields) +
           u" LIKE :text ESCAPE E'\\\\'"_s +
           (search.phoneDigits.isEmpty() ? QString() : u" OR c.phone_digits LIKE :digits"_s) + u')';
}

// What the trigram indexes serve (customers_text_trgm, customers_phone_digits_trgm): true for every
// match, and besides only where the text holds the separator and straddles two fields, which
// insideMatch then leaves out.
QString insideCandidates(const CustomerSearch &search)
{
    return u"(fatora_fold(c.name || E'\\x01' || c.email || E'\\x01' || c.reference) LIKE :text ESCAPE E'\\\\'"_s +
           (search.phoneDigits.isEmpty() ? QString() : u" OR c.phone_digits LIKE :digits"_s) + u')';
}

void addCustomerFilter(const CustomerQuery &query, QStringList &where, QVariantMap &bindings)
{
    if (!query.includeArchived)
        where << u"NOT c.archived"_s;
    const CustomerSearch search = CustomerSearch::parse(query.text);
    if (search.inside) {
        where << insideCandidates(search) << insideMatch(search, u"c"_s, bindings);
        return;
    }
    const QString prefix = query.text.trimmed();
    if (prefix.isEmpty())
        return;
    // Each column's folded index (COLLATE "C") serves a LIKE prefix as a range.
    bindings.insert(u":prefix"_s, likePrefixPattern(prefix));
    QStringList any;
    for (const QString &column : {u"name"_s, u"email"_s, u"phone"_s, u"reference"_s})
        any << u"fatora_fold(c.%1) COLLATE \"C\" LIKE :prefix ESCAPE E'\\\\'"_s.arg(column);
    where << u'(' + any.join(u" OR "_s) + u')';
}

// The smallest text above every text that starts with `prefix`, in code point order (COLLATE
// "C" compares UTF-8 bytes, which is that order); null when there is none.
QString prefixUpperBound(const QString &prefix)
{
    QList<uint> cps = prefix.toUcs4();
    while (!cps.isEmpty() && cps.last() >= 0x10FFFF)
        cps.removeLast();
    if (cps.isEmpty())
        return {};
    uint &last = cps.last();
    last = last + 1 == 0xD800 ? 0xE000 : last + 1; // surrogates are no characters
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(cps.constData()), cps.size());
}

// A prefix of one or two characters in name order: each column's first offset + limit matches in
// name order, through an index that holds them in that order (customers_name for the name, the
// bucket indexes of schema 3 for the others), and the page taken from at most four times that
// many rows. An OR of the four prefixes would read every match to sort them: "+" starts every
// phone, "c" every reference, "m" a tenth of the names and emails.
QString prefixArms(const CustomerQuery &query, QVariantMap &bindings)
{
    const QString folded = asciiFolded(query.text.trimmed());
    const qsizetype length = folded.toUcs4().size();
    const QString dir = direction(query.order);
    const QString order = u"fatora_fold(c.name) COLLATE \"C\" "_s + dir + u", c.id "_s + dir;
    const QString archived = query.includeArchived ? QString() : u" AND NOT c.archived"_s;
    const QString upper = prefixUpperBound(folded);
    QStringList arms;
    arms << u"(SELECT c.id FROM customers c WHERE fatora_fold(c.name) COLLATE \"C\" >= :lo"_s +
                (upper.isNull() ? QString() : u" AND fatora_fold(c.name) COLLATE \"C\" < :hi"_s) + archived +
                u" ORDER BY "_s + order + u" LIMIT :k)"_s;
    for (const QString &column : {u"email"_s, u"phone"_s, u"reference"_s})
        arms << u"(SELECT c.id FROM customers c WHERE left(fatora_fold(c.%1), %2) COLLATE \"C\" = :lo"_s
                        .arg(column)
                        .arg(length) +
                    archived + u" ORDER BY "_s + order + u" LIMIT :k)"_s;
    bindings.insert(u":lo"_s, folded);
    if (!upper.isNull())
        bindings.insert(u":hi"_s, upper);
    const int offset = qMax(0, query.offset);
    bindings.insert(u":k"_s, query.limit > 0 ? QVariant(qlonglong(offset + query.limit))
                                             : QVariant(QMetaType::fromType<qlonglong>()));
    return u"c.id IN ("_s + arms.join(u" UNION ALL "_s) + u')';
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

bool usesInsideSearch(const CustomerQuery &query)
{
    return CustomerSearch::parse(query.text).inside;
}

bool usesPrefixArms(const CustomerQuery &query)
{
    if (query.sort != CustomerQuery::Sort::Name || usesInsideSearch(query))
        return false;
    const qsizetype length = query.text.trimmed().toUcs4().size();
    return length >= 1 && length <= 2;
}

namespace {

// What a search inside the fields collects: its matches, found through the trigram indexes.
QString collectFilter(const CustomerQuery &query, QVariantMap &bindings)
{
    QStringList where;
    const CustomerSearch search = CustomerSearch::parse(query.text);
    if (!query.includeArchived)
        where << u"NOT c.archived"_s;
    where << insideCandidates(search);
    // The candidates' LIKE over name, email and reference joined by a control character is true
    // exactly when one of them holds the text, unless the text itself holds that character (the
    // columns are NOT NULL, and folding works byte by byte): then each column's LIKE decides too.
    // Each of those LIKEs costs as much again per customer read, and a common text reads 2,000.
    bindInsideText(search, bindings);
    if (search.text.contains(InsideSeparator))
        where << insideMatch(search, u"c"_s, bindings);
    return where.join(u" AND "_s);
}

// Collects from `from`: the customers table, or a subquery of some of its rows.
BuiltQuery buildCollect(const CustomerQuery &query, int cap, const QString &from)
{
    BuiltQuery built;
    // In the list's id order: when the text has the cap's matches or more, they are the first of
    // the Added way, and a page among them needs no walk. A text that reaches the collect is
    // estimated below the cap, so its candidates are read and sorted whole either way.
    // The sort key comes with each match from the row the LIKE just read: reading the matches
    // again by id to sort them cost as much as collecting them (10 us each at a million).
    const QString key = textSortKey(query.sort);
    built.sql = u"SELECT c.id"_s + (key.isEmpty() ? QString() : u", "_s + key) + u" FROM "_s + from +
                u" WHERE "_s + collectFilter(query, built.bindings) + u" ORDER BY c.id "_s +
                direction(query.order) + u" LIMIT :cap"_s;
    built.bindings.insert(u":cap"_s, cap);
    return built;
}

// Customers by id, in a subquery of their own (OFFSET 0 keeps the planner from merging it and
// turning to an index of the conditions around it), the ids bound as :ids.
QString customersByIds(const QList<qint64> &ids, QVariantMap &bindings)
{
    QStringList numbers;
    numbers.reserve(ids.size());
    for (const qint64 id : ids)
        numbers << QString::number(id);
    bindings.insert(u":ids"_s, QString(u'{' + numbers.join(u',') + u'}'));
    return u"(SELECT * FROM customers c WHERE c.id = ANY (CAST(:ids AS bigint[])) OFFSET 0) c"_s;
}

} // namespace

BuiltQuery buildEstimateInside(const CustomerQuery &query)
{
    BuiltQuery built;
    built.sql =
        u"EXPLAIN (FORMAT JSON) SELECT c.id FROM customers c WHERE "_s + collectFilter(query, built.bindings);
    return built;
}

QString textSortKey(CustomerQuery::Sort sort)
{
    switch (sort) {
    case CustomerQuery::Sort::Name:
        return u"fatora_fold(c.name)"_s;
    case CustomerQuery::Sort::Email:
        return u"fatora_fold(c.email)"_s;
    case CustomerQuery::Sort::Phone:
        return u"fatora_fold(c.phone)"_s;
    case CustomerQuery::Sort::ActiveTokens:
    case CustomerQuery::Sort::LastCharge:
        break;
    }
    return {};
}

QList<qint64> pickPage(QList<KeyedMatch> matches, Qt::SortOrder order, int offset, int limit)
{
    // QByteArray compares unsigned bytes, as memcmp and so COLLATE "C" do; a QString would put
    // the characters past U+FFFF (two UTF-16 units from 0xD800) before U+E000 to U+FFFF.
    const auto before = [](const KeyedMatch &a, const KeyedMatch &b) {
        const int byKey = a.key.compare(b.key);
        return byKey != 0 ? byKey < 0 : a.id < b.id;
    };
    if (order == Qt::AscendingOrder)
        std::sort(matches.begin(), matches.end(), before);
    else
        std::sort(matches.begin(), matches.end(), [&](const KeyedMatch &a, const KeyedMatch &b) { return before(b, a); });
    QList<qint64> page;
    const qsizetype from = qMax(0, offset);
    const qsizetype to = limit > 0 ? qMin(matches.size(), from + limit) : matches.size();
    for (qsizetype i = from; i < to; ++i)
        page << matches.at(i).id;
    return page;
}

BuiltQuery buildCollectInside(const CustomerQuery &query, int cap)
{
    return buildCollect(query, cap, u"customers c"_s);
}

BuiltQuery buildCollectAmong(const CustomerQuery &query, int cap, const QList<qint64> &among)
{
    QVariantMap ids;
    BuiltQuery built = buildCollect(query, cap, customersByIds(among, ids));
    built.bindings.insert(ids);
    return built;
}

bool narrows(const CustomerQuery &earlier, const CustomerQuery &later)
{
    if (earlier.includeArchived != later.includeArchived)
        return false;
    const CustomerSearch before = CustomerSearch::parse(earlier.text);
    const CustomerSearch after = CustomerSearch::parse(later.text);
    if (!before.inside || !after.inside)
        return false;
    // A field holds the later text (folded) only where it holds every piece of it. The same text
    // as the LIKE folds it ("Ali@x", "ali@x") is read afresh.
    const QString earlierText = asciiFolded(before.text);
    const QString laterText = asciiFolded(after.text);
    if (laterText == earlierText || !laterText.contains(earlierText))
        return false;
    // The later text also finds phones by their digits: the earlier must have, with fewer of them.
    return after.phoneDigits.isEmpty() ||
           (!before.phoneDigits.isEmpty() && after.phoneDigits.contains(before.phoneDigits));
}

BuiltQuery buildWalkInside(const CustomerQuery &query, qint64 from, qint64 to, qint64 wanted)
{
    BuiltQuery built;
    QStringList where{u"c.id >= :from AND c.id <= :to"_s};
    if (!query.includeArchived)
        where << u"NOT c.archived"_s;
    // No indexed expression (walkMatch): the planner can only read this range by id (or all of
    // it), never collect the text's 20,000 matches through the trigram index to sort them.
    where << walkMatch(CustomerSearch::parse(query.text), built.bindings);
    built.sql = u"SELECT c.id FROM customers c WHERE "_s + where.join(u" AND "_s) + u" ORDER BY c.id "_s +
                direction(query.order) + u" LIMIT :wanted"_s;
    built.bindings.insert(u":from"_s, from);
    built.bindings.insert(u":to"_s, to);
    built.bindings.insert(u":wanted"_s, wanted);
    return built;
}

BuiltQuery buildFindCustomers(const CustomerQuery &query, bool countOnly, const InsidePlan &inside)
{
    BuiltQuery built;
    QStringList where;
    QString from = u"customers c"_s;
    const bool searchesInside = !countOnly && usesInsideSearch(query);
    const QString dir = direction(query.order);
    if (searchesInside) {
        // The customers are known by id: every match (Sorted) or the page's own (Added), read by
        // id in a subquery of their own (OFFSET 0 keeps the planner from merging it). Left free,
        // the planner may walk the order's index and probe each customer against the list,
        // betting that the matches are spread over the alphabet (1 s for "john.s" at a million).
        from = customersByIds(inside.ids, built.bindings);
    } else if (!countOnly && usesPrefixArms(query)) {
        where << prefixArms(query, built.bindings);
    } else {
        addCustomerFilter(query, where, built.bindings);
    }
    const QString whereSql = where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);
    if (countOnly) {
        built.sql = u"SELECT count(*) FROM customers c"_s + whereSql;
        return built;
    }
    QString orderBy;
    switch (query.sort) {
    case CustomerQuery::Sort::Name:
    case CustomerQuery::Sort::Email:
    case CustomerQuery::Sort::Phone:
        orderBy = textSortKey(query.sort) + u" COLLATE \"C\" "_s + dir;
        break;
    // The trigger-kept figures, with indexes; PostgresStore brings the count of active cards
    // (customer_card_counts, schema 9) to query.today before sorting on it.
    case CustomerQuery::Sort::ActiveTokens:
        from += u" JOIN customer_card_counts cc ON cc.customer_id = c.id"_s;
        orderBy = u"cc.active_tokens "_s + dir;
        break;
    case CustomerQuery::Sort::LastCharge:
        orderBy = u"c.last_charge_at "_s + dir + nullsLikeSqlite(query.order);
        break;
    }
    // The count shown is computed for the page's rows only, so it is exact for query.today even
    // when the list is not sorted by it.
    built.sql = u"SELECT "_s + CustomerColumns +
                u", (SELECT count(*) FROM card_tokens t WHERE t.customer_id = c.id AND t.status = 'active'"
                " AND t.expires_on > :today) AS active_tokens_today, c.last_charge_at FROM "_s +
                from + whereSql;
    built.bindings.insert(u":today"_s, today(query.today));
    if (searchesInside && inside.way == InsideWay::Added) {
        built.sql += u" ORDER BY c.id "_s + dir; // the ids are the page's, found by walking
        return built;
    }
    if (searchesInside && inside.way == InsideWay::Picked) {
        built.sql += u" ORDER BY "_s + orderBy + u", c.id "_s + dir; // the ids are the page's, picked
        return built;
    }
    built.sql += u" ORDER BY "_s + orderBy + u", c.id "_s + dir + u" LIMIT :limit OFFSET :offset"_s;
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

// What each refund filter means (as SqliteQueries' refundCondition), for the payments (alias p)
// and for their per-hour figures (f).
QString refundCondition(PaymentQuery::Refund refund, const QString &alias)
{
    switch (refund) {
    case PaymentQuery::Refund::Any:
        return {};
    case PaymentQuery::Refund::Refunded:
        return alias + u".refund_state = 'refunded'"_s;
    case PaymentQuery::Refund::InProgress:
        return alias + u".refund_state IN ('pending', 'unknown')"_s;
    case PaymentQuery::Refund::NotRefunded:
        return alias + u".refund_state IN ('none', 'rejected')"_s;
    }
    return {};
}

// The first instant of a local calendar day, when it falls on a whole hour in UTC (every zone
// but a few, e.g. India's +05:30): where the per-hour figures can start or end.
bool onWholeHour(const QDate &day)
{
    const QTime utc = day.startOfDay().toUTC().time();
    return utc.minute() == 0 && utc.second() == 0 && utc.msec() == 0;
}

QString paymentWhere(const PaymentQuery &query, QVariantMap &bindings)
{
    QStringList where;
    if (query.state) {
        where << u"p.state = :state"_s;
        bindings.insert(u":state"_s, paymentStateName(*query.state));
    }
    if (const QString refund = refundCondition(query.refund, u"p"_s); !refund.isEmpty())
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
        where << u"(fatora_fold(p.order_id) LIKE :text ESCAPE E'\\\\' OR fatora_fold(p.transaction_id) LIKE"
                 " :text ESCAPE E'\\\\' OR fatora_fold(p.description) LIKE :text ESCAPE E'\\\\')"_s;
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
        // a name. Every payment has its customer (a foreign key), so no name is NULL: the order
        // is the customers_name index's, walked customer by customer (see buildFindPayments).
        orderBy =
            u"fatora_fold(c.name) COLLATE \"C\" "_s + dir + u", c.id "_s + dir + u", p.created_at "_s + dir;
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
    const QString columns = u"SELECT "_s + PaymentColumns + u", c.name, t.label, t.token"_s;
    const QString tokenJoin = u" LEFT JOIN card_tokens t ON t.id = p.token_id"_s;
    const QString order = paymentOrder(query);
    if (query.sort == PaymentQuery::Sort::Customer) {
        // An inner join (every payment has its customer), so the planner may walk the customers in
        // name order and each one's payments by (customer_id, created_at), sorting only within a
        // customer, instead of joining and sorting five million payments for one page.
        built.sql = columns + u" FROM payments p JOIN customers c ON c.id = p.customer_id"_s + tokenJoin +
                    whereSql + u" ORDER BY "_s + order + u" LIMIT :limit OFFSET :offset"_s;
    } else if (query.offset >= DeepPageOffset) {
        // A deep page in two steps: the page's ids from the order's index alone (skipping millions
        // of index entries is cheap; reading and joining each skipped row was not), then their rows.
        built.sql = columns + u" FROM payments p LEFT JOIN customers c ON c.id = p.customer_id"_s +
                    tokenJoin + u" WHERE p.id IN (SELECT p.id FROM payments p"_s + whereSql +
                    u" ORDER BY "_s + order + u" LIMIT :limit OFFSET :offset) ORDER BY "_s + order;
    } else {
        built.sql = columns + u" FROM payments p LEFT JOIN customers c ON c.id = p.customer_id"_s +
                    tokenJoin + whereSql + u" ORDER BY "_s + order + u" LIMIT :limit OFFSET :offset"_s;
    }
    bindPage(query.limit, query.offset, built.bindings);
    return built;
}

bool totalsFromFigures(const PaymentQuery &query)
{
    if (query.customerId > 0 || query.tokenId > 0 || !query.text.trimmed().isEmpty())
        return false;
    return (!query.from.isValid() || onWholeHour(query.from)) &&
           (!query.to.isValid() || onWholeHour(query.to.addDays(1)));
}

BuiltQuery buildPaymentTotals(const PaymentQuery &query)
{
    BuiltQuery built;
    if (totalsFromFigures(query)) {
        QStringList where;
        if (query.state) {
            where << u"f.state = :state"_s;
            built.bindings.insert(u":state"_s, paymentStateName(*query.state));
        }
        if (const QString refund = refundCondition(query.refund, u"f"_s); !refund.isEmpty())
            where << refund;
        if (query.from.isValid()) {
            where << u"f.hour >= :from"_s;
            built.bindings.insert(u":from"_s, timestampValue(query.from.startOfDay()));
        }
        if (query.to.isValid()) {
            where << u"f.hour < :to"_s;
            built.bindings.insert(u":to"_s, timestampValue(query.to.addDays(1).startOfDay()));
        }
        // With no dates, the all-time row of each state, refund state and currency.
        const bool allTime = !query.from.isValid() && !query.to.isValid();
        built.sql = u"SELECT f.currency, f.kind, f.state, f.refund_state, sum(f.payments)::bigint,"
                    " sum(f.counted_minor)::bigint, sum(f.no_figure)::bigint, sum(f.expected_only)::bigint"
                    " FROM "_s +
                    (allTime ? u"payment_totals f"_s : u"payment_figures f"_s) +
                    (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s)) +
                    u" GROUP BY f.currency, f.kind, f.state, f.refund_state HAVING sum(f.payments) > 0"_s;
        return built;
    }
    // countedAmount (Payment.h) in SQL: amount, else taken, else expected; NULL when none is known.
    const QString counted = u"coalesce(p.amount_minor, p.taken_minor, p.expected_minor)"_s;
    built.sql = u"SELECT p.currency, p.kind, p.state, p.refund_state, count(*), coalesce(sum("_s + counted +
                u"), 0), count(*) FILTER (WHERE "_s + counted +
                u" IS NULL), count(*) FILTER (WHERE p.amount_minor IS NULL AND p.taken_minor IS NULL"
                " AND p.expected_minor IS NOT NULL) FROM payments p"_s +
                paymentWhere(query, built.bindings) +
                u" GROUP BY p.currency, p.kind, p.state, p.refund_state"_s;
    return built;
}

} // namespace fatora::postgres
