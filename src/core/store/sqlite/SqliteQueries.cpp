#include "store/sqlite/SqliteQueries.h"

#include "store/sqlite/SqliteSupport.h"

using namespace Qt::StringLiterals;

namespace fatora::sqlite {

namespace {

QString direction(Qt::SortOrder order)
{
    return order == Qt::AscendingOrder ? u"ASC"_s : u"DESC"_s;
}

// A search inside the fields: the LIKE that decides, behind the index's candidates when asked.
void addInsideFilter(const CustomerSearch &search, InsideWay way, QStringList &where, QVariantMap &bindings)
{
    if (way == InsideWay::Index) {
        where << u"c.id IN (SELECT rowid FROM customers_text WHERE customers_text MATCH :match)"_s;
        bindings.insert(u":match"_s, customerMatchExpression(search));
    } else {
        where << u"customers_text MATCH :match"_s; // the index leads the join (see buildFindCustomers)
        bindings.insert(u":match"_s, customerMatchExpression(search));
    }
    QString any = u"c.name LIKE :text ESCAPE '\\' OR c.email LIKE :text ESCAPE '\\'"
                  " OR c.reference LIKE :text ESCAPE '\\'"_s;
    bindings.insert(u":text"_s, likeSubstringPattern(search.text));
    if (!search.phoneDigits.isEmpty()) {
        any += u" OR c.phone_digits LIKE :digits"_s; // digits only: nothing to escape
        bindings.insert(u":digits"_s, QString(u'%' + search.phoneDigits + u'%'));
    }
    where << u'(' + any + u')';
}

void addCustomerFilter(const CustomerQuery &query, QStringList &where, QVariantMap &bindings,
                       InsideWay inside)
{
    if (!query.includeArchived)
        where << u"c.archived = 0"_s;
    if (usesInsideSearch(query)) {
        addInsideFilter(CustomerSearch::parse(query.text), inside, where, bindings);
        return;
    }
    const QString prefix = query.text.trimmed();
    if (prefix.isEmpty())
        return;
    const QString upper = prefixUpperBound(prefix);
    bindings.insert(u":lo"_s, prefix);
    QStringList any;
    for (const QString &column : {u"name"_s, u"email"_s, u"phone"_s, u"reference"_s}) {
        QString term = u"(c.%1 >= :lo COLLATE NOCASE"_s.arg(column);
        if (!upper.isNull())
            term += u" AND c.%1 < :hi COLLATE NOCASE"_s.arg(column);
        any << term + u')';
    }
    if (!upper.isNull())
        bindings.insert(u":hi"_s, upper);
    where << u'(' + any.join(u" OR "_s) + u')';
}

} // namespace

// NOCASE folds ASCII letters only, so the bound is built on the ASCII-lowercased prefix.
QString prefixUpperBound(const QString &prefix)
{
    QList<uint> cps = prefix.toUcs4();
    for (uint &c : cps) {
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
    }
    while (!cps.isEmpty()) {
        uint next = cps.last() + 1;
        if (next >= 0xD800 && next <= 0xDFFF)
            next = 0xE000;
        // Under NOCASE no upper-case letter exists: the successor of '@' is '['.
        if (next >= 'A' && next <= 'Z')
            next = '[';
        if (next <= 0x10FFFF) {
            cps.last() = next;
            return QString::fromUcs4(reinterpret_cast<const char32_t *>(cps.constData()), cps.size());
        }
        cps.removeLast();
    }
    return QString(); // the prefix was all U+10FFFF: no upper bound
}

QString likeSubstringPattern(const QString &needle)
{
    QString escaped = needle;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return u'%' + escaped + u'%';
}

QString searchPrefix(const CustomerQuery &query)
{
    return query.text.trimmed();
}

qsizetype characterCount(const QString &text)
{
    return text.toUcs4().size();
}

bool usesInsideSearch(const CustomerQuery &query)
{
    return CustomerSearch::parse(query.text).inside;
}

bool usesSearchPlan(const CustomerQuery &query)
{
    return query.sort == CustomerQuery::Sort::Name && !searchPrefix(query).isEmpty() &&
           !usesInsideSearch(query);
}

namespace {

// Some of the text's trigrams, all required: every third one counted back from the end, and the
// first. Any of them only narrows (the LIKE decides), and FTS5 pays for an AND by stepping through
// each term's list of customers: a common piece ("974" is in nearly every phone, "moh" in every
// Mohammed) costs milliseconds at a million customers while adding little; pieces three apart
// still cover every character of the text.
QString coveringMatchExpression(const QString &needle)
{
    const QList<uint> cps = needle.toUcs4();
    QList<qsizetype> starts;
    for (qsizetype i = cps.size() - TrigramLength; i >= 0; i -= TrigramLength)
        starts.prepend(i);
    if (!starts.isEmpty() && starts.first() > 0)
        starts.prepend(0);
    QStringList terms;
    for (const qsizetype i : std::as_const(starts)) {
        QString piece =
            QString::fromUcs4(reinterpret_cast<const char32_t *>(cps.constData() + i), TrigramLength);
        piece.replace(u"\""_s, u"\"\""_s);
        const QString term = u'"' + piece + u'"';
        if (!terms.contains(term))
            terms << term;
    }
    return terms.join(u" AND "_s);
}

} // namespace

QString customerMatchExpression(const CustomerSearch &search)
{
    const QString text = coveringMatchExpression(search.text);
    if (search.phoneDigits.isEmpty())
        return text;
    // Qatar's 974 starts nearly every stored phone: after it, the digits typed are what narrows.
    QString digits = search.phoneDigits;
    if (digits.startsWith(u"974"_s) && digits.size() >= 3 + TrigramLength)
        digits.remove(0, 3);
    const QString phone = coveringMatchExpression(digits);
    if (phone == text) // digits typed as digits: the one expression finds both
        return text;
    return u"("_s + text + u") OR ("_s + phone + u')';
}

BuiltQuery buildCappedCustomerMatchCount(const CustomerSearch &search, int cap)
{
    BuiltQuery built;
    built.sql = u"SELECT count(*) FROM (SELECT 1 FROM customers_text WHERE customers_text MATCH :match"
                " LIMIT :cap)"_s;
    built.bindings.insert(u":match"_s, customerMatchExpression(search));
    built.bindings.insert(u":cap"_s, cap);
    return built;
}

BuiltQuery buildCappedPrefixCount(const QString &column, const QString &prefix, int cap)
{
    BuiltQuery built;
    const QString upper = prefixUpperBound(prefix);
    built.sql = u"SELECT count(*) FROM (SELECT 1 FROM customers c INDEXED BY customers_%1"
                " WHERE c.%1 >= :lo COLLATE NOCASE"_s.arg(column) +
                (upper.isNull() ? QString() : u" AND c.%1 < :hi COLLATE NOCASE"_s.arg(column)) +
                u" LIMIT :cap)"_s;
    built.bindings.insert(u":lo"_s, prefix);
    if (!upper.isNull())
        built.bindings.insert(u":hi"_s, upper);
    built.bindings.insert(u":cap"_s, cap);
    return built;
}

namespace {

// The ids of one column's first `:k` matches in list order. Each way is pinned to its index
// (INDEXED BY): the plan was chosen for that index, and a missing one should fail loudly.
QString searchArm(const QString &column, PrefixWay way, qsizetype length, bool hasUpper,
                  const QString &archived, const QString &order)
{
    const QString range = u"c.%1 >= :lo COLLATE NOCASE"_s.arg(column) +
                          (hasUpper ? u" AND c.%1 < :hi COLLATE NOCASE"_s.arg(column) : QString());
    QString from;
    QString where;
    if (column == u"name"_s) {
        from = u"customers c INDEXED BY customers_name"_s;
        where = range;
    } else if (way == PrefixWay::Bucket) {
        from = u"customers c INDEXED BY customers_%1_b%2"_s.arg(column).arg(length);
        where = u"substr(c.%1, 1, %2) = :lo COLLATE NOCASE"_s.arg(column).arg(length);
    } else if (way == PrefixWay::Walk) {
        from = u"customers c INDEXED BY customers_%1_b2"_s.arg(column);
        where = u"substr(c.%1, 1, 2) = :lo2 COLLATE NOCASE AND "_s.arg(column) + range;
    } else {
        from = u"customers c INDEXED BY customers_%1"_s.arg(column);
        where = range;
    }
    return u"c.id IN (SELECT c.id FROM "_s + from + u" WHERE "_s + where + archived + u" ORDER BY "_s +
           order + u" LIMIT :k)"_s;
}

} // namespace

BuiltQuery buildFindCustomers(const CustomerQuery &query, bool countOnly, const CustomerSearchPlan *plan,
                              InsideWay inside)
{
    BuiltQuery built;
    const QString columns =
        u"SELECT "_s + CustomerColumns +
        u", (SELECT count(*) FROM card_tokens t WHERE t.customer_id = c.id AND t.status = 'active'"
        " AND t.expires_on > :today) AS active_tokens_today, c.last_charge_at"
        " FROM customers c"_s;
    if (!countOnly && usesSearchPlan(query)) {
        // A prefix can match a million customers in one column (every phone starts "+974") and
        // a few in another; an OR of four ranges would read all of them to sort by name. Instead
        // each column yields only its first offset + limit matches in name order, through an
        // index that already holds them in that order where there are many, and the page is
        // taken from at most four times that many rows.
        Q_ASSERT(plan);
        const CustomerSearchPlan ways = plan ? *plan : CustomerSearchPlan();
        const QString prefix = searchPrefix(query);
        const QString upper = prefixUpperBound(prefix);
        const qsizetype length = characterCount(prefix);
        const QString dir = direction(query.order);
        const QString order = u"c.name COLLATE NOCASE "_s + dir + u", c.id "_s + dir;
        const QString archived = query.includeArchived ? QString() : u" AND c.archived = 0"_s;
        QStringList arms;
        arms << searchArm(u"name"_s, PrefixWay::Collect, length, !upper.isNull(), archived, order);
        const std::pair<QString, PrefixWay> others[] = {
            {u"email"_s, ways.email}, {u"phone"_s, ways.phone}, {u"reference"_s, ways.reference}};
        for (const auto &[column, way] : others)
            arms << searchArm(column, way, length, !upper.isNull(), archived, order);
        built.sql = columns + u" WHERE "_s + arms.join(u" OR "_s) + u" ORDER BY "_s + order +
                    u" LIMIT :limit OFFSET :offset"_s;
        built.bindings.insert(u":lo"_s, prefix);
        if (!upper.isNull())
            built.bindings.insert(u":hi"_s, upper);
        const QList<uint> cps = prefix.toUcs4();
        if (cps.size() >= 2)
            built.bindings.insert(u":lo2"_s,
                                  QString::fromUcs4(reinterpret_cast<const char32_t *>(cps.constData()), 2));
        const int limit = query.limit > 0 ? query.limit : -1;
        const int offset = qMax(0, query.offset);
        built.bindings.insert(u":k"_s, limit < 0 ? -1 : offset + limit);
        built.bindings.insert(u":today"_s, todayText(query.today));
        built.bindings.insert(u":limit"_s, limit);
        built.bindings.insert(u":offset"_s, offset);
        return built;
    }

    QStringList where;
    if (countOnly)
        inside = InsideWay::Index; // the count reads every match anyway: the fewest rows it can
    addCustomerFilter(query, where, built.bindings, inside);
    const QString whereSql = where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);
    if (countOnly) {
        built.sql = u"SELECT count(*) FROM customers c"_s + whereSql;
        return built;
    }

    const QString dir = direction(query.order);
    QString orderBy;
    switch (query.sort) {
    case CustomerQuery::Sort::Name:
        orderBy = u"c.name COLLATE NOCASE "_s + dir;
        break;
    case CustomerQuery::Sort::Email:
        orderBy = u"c.email COLLATE NOCASE "_s + dir;
        break;
    case CustomerQuery::Sort::Phone:
        orderBy = u"c.phone COLLATE NOCASE "_s + dir;
        break;
    // The trigger-kept columns (schema 2), with indexes; SqliteStore brings c.active_tokens to
    // query.today before sorting on it.
    case CustomerQuery::Sort::ActiveTokens:
        orderBy = u"c.active_tokens "_s + dir;
        break;
    case CustomerQuery::Sort::LastCharge:
        orderBy = u"c.last_charge_at "_s + dir;
        break;
    }
    // The count shown is computed for the page's rows only, so it is exact for query.today even
    // when the list is not sorted by it.
    // Through the trigram index the candidates lead (by id) and are sorted: left free, the planner
    // may walk an order index for the ORDER BY ... LIMIT and probe the candidates, reading every
    // customer when the text is rare (seconds at a million).
    QString from = columns;
    if (usesInsideSearch(query) && inside == InsideWay::Added) {
        // So many candidates that sorting them is the cost (seconds at a million), and a walk of
        // the name index finds nothing quickly when the matches sit late in the alphabet ("zoe",
        // Arabic names). The trigram index yields its candidates in rowid order, so the page is
        // the first offset + limit matches in that order: the index leads (CROSS JOIN), each
        // candidate is read by id and tested, and reading stops when the page is full.
        Q_ASSERT(from.endsWith(u" FROM customers c"_s));
        from.chop(int(u" FROM customers c"_s.size()));
        from += u" FROM customers_text CROSS JOIN customers c ON c.id = customers_text.rowid"_s;
        orderBy = u"customers_text.rowid "_s + dir;
        built.sql = from + whereSql + u" ORDER BY "_s + orderBy + u" LIMIT :limit OFFSET :offset"_s;
    } else {
        if (usesInsideSearch(query))
            from += u" NOT INDEXED"_s;
        built.sql = from + whereSql + u" ORDER BY "_s + orderBy + u", c.id "_s + dir +
                    u" LIMIT :limit OFFSET :offset"_s;
    }
    built.bindings.insert(u":today"_s, todayText(query.today));
    built.bindings.insert(u":limit"_s, query.limit > 0 ? query.limit : -1);
    built.bindings.insert(u":offset"_s, qMax(0, query.offset));
    return built;
}

namespace {

// What each refund filter means, for the payments (alias p) and for their per-hour figures (f).
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

QString paymentWhere(const PaymentQuery &query, QVariantMap &bindings, PaymentTextWay textWay)
{
    QStringList where;
    if (query.state) {
        where << u"p.state = :state"_s;
        bindings.insert(u":state"_s, paymentStateName(*query.state));
    }
    if (const QString refund = refundCondition(query.refund, u"p"_s); !refund.isEmpty())
        where << refund;
    // The operator picks local calendar days; rows carry UTC instants.
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
        // The index only proposes rows; the LIKE below still decides, so both ways match the same
        // payments (LIKE folds ASCII case only, the trigram index folds more: it proposes a superset).
        if (textWay == PaymentTextWay::Index && usesTextIndex(query)) {
            where << u"p.id IN (SELECT rowid FROM payments_text WHERE payments_text MATCH :match)"_s;
            bindings.insert(u":match"_s, trigramMatchExpression(needle));
        }
        where << u"(p.order_id LIKE :text ESCAPE '\\' OR p.transaction_id LIKE :text ESCAPE '\\'"
                 " OR p.description LIKE :text ESCAPE '\\')"_s;
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
        orderBy = u"p.currency "_s + dir + u", p.amount_minor "_s + dir;
        break;
    case PaymentQuery::Sort::State:
        orderBy = u"p.state "_s + dir + u", p.created_at "_s + dir;
        break;
    case PaymentQuery::Sort::Customer:
        // The customer's id after the name keeps one customer's payments together when two share
        // a name, and lets the order be walked customer by customer.
        orderBy = u"c.name COLLATE NOCASE "_s + dir + u", c.id "_s + dir + u", p.created_at "_s + dir;
        break;
    case PaymentQuery::Sort::OrderId:
        orderBy = u"p.order_id "_s + dir;
        break;
    }
    return orderBy + u", p.id "_s + dir;
}

const QString PaymentRowColumns = u", c.name, t.label, t.token"_s;

// FROM and joins of a history page: for a walk in customer order the customers come first, in
// name order, each with its payments from payments_customer_created; for a walk in amount order
// the amount index leads.
QString paymentSource(const PaymentQuery &query, PaymentSortWay way, bool withToken)
{
    const QString token = withToken ? u" LEFT JOIN card_tokens t ON t.id = p.token_id"_s : QString();
    if (way == PaymentSortWay::Walk && query.sort == PaymentQuery::Sort::Customer)
        return u" FROM customers c CROSS JOIN payments p ON p.customer_id = c.id"_s + token;
    const QString payments = way == PaymentSortWay::Walk && query.sort == PaymentQuery::Sort::Amount
                                 ? u" FROM payments p INDEXED BY payments_amount"_s
                                 : u" FROM payments p"_s;
    return payments + u" LEFT JOIN customers c ON c.id = p.customer_id"_s + token;
}

void bindPage(const PaymentQuery &query, QVariantMap &bindings)
{
    bindings.insert(u":limit"_s, query.limit > 0 ? query.limit : -1);
    bindings.insert(u":offset"_s, qMax(0, query.offset));
}

} // namespace

bool needsSortPlan(const PaymentQuery &query)
{
    return query.sort == PaymentQuery::Sort::Amount || query.sort == PaymentQuery::Sort::Customer;
}

bool hasPaymentFilter(const PaymentQuery &query)
{
    return query.state || query.refund != PaymentQuery::Refund::Any || query.from.isValid() ||
           query.to.isValid() || query.customerId > 0 || query.tokenId > 0 || !query.text.trimmed().isEmpty();
}

bool usesTextIndex(const PaymentQuery &query)
{
    return characterCount(query.text.trimmed()) >= TrigramLength;
}

QString trigramMatchExpression(const QString &needle)
{
    // Every three-character piece as its own quoted term (a quote inside doubled), all required.
    // detail=none has no positions, so a phrase cannot be asked for; the LIKE re-check restores
    // the order and adjacency the terms leave out.
    const QList<uint> cps = needle.toUcs4();
    QStringList terms;
    for (qsizetype i = 0; i + TrigramLength <= cps.size(); ++i) {
        QString piece =
            QString::fromUcs4(reinterpret_cast<const char32_t *>(cps.constData() + i), TrigramLength);
        piece.replace(u"\""_s, u"\"\""_s);
        const QString term = u'"' + piece + u'"';
        if (!terms.contains(term))
            terms << term;
    }
    return terms.join(u" AND "_s);
}

BuiltQuery buildCappedTextMatchCount(const QString &needle, int cap)
{
    BuiltQuery built;
    built.sql =
        u"SELECT count(*) FROM (SELECT 1 FROM payments_text WHERE payments_text MATCH :match LIMIT :cap)"_s;
    built.bindings.insert(u":match"_s, trigramMatchExpression(needle));
    built.bindings.insert(u":cap"_s, cap);
    return built;
}

BuiltQuery buildCappedPaymentCount(const PaymentQuery &query, int cap, PaymentTextWay textWay)
{
    BuiltQuery built;
    built.sql = u"SELECT count(*) FROM (SELECT 1 FROM payments p"_s +
                paymentWhere(query, built.bindings, textWay) + u" LIMIT :cap)"_s;
    built.bindings.insert(u":cap"_s, cap);
    return built;
}

BuiltQuery buildFindPayments(const PaymentQuery &query, bool countOnly, PaymentSortWay way,
                             PaymentTextWay textWay)
{
    BuiltQuery built;
    const QString whereSql = paymentWhere(query, built.bindings, textWay);
    if (countOnly) {
        built.sql = u"SELECT count(*) FROM payments p"_s + whereSql;
        return built;
    }
    built.sql = u"SELECT "_s + PaymentColumns + PaymentRowColumns + paymentSource(query, way, true) +
                whereSql + u" ORDER BY "_s + paymentOrder(query) + u" LIMIT :limit OFFSET :offset"_s;
    bindPage(query, built.bindings);
    return built;
}

BuiltQuery buildFindPaymentIds(const PaymentQuery &query, PaymentSortWay way, PaymentTextWay textWay)
{
    BuiltQuery built;
    const QString whereSql = paymentWhere(query, built.bindings, textWay);
    // Only the customer order needs a join to find the ids.
    const QString source = query.sort == PaymentQuery::Sort::Customer ? paymentSource(query, way, false)
                           : way == PaymentSortWay::Walk && query.sort == PaymentQuery::Sort::Amount
                               ? u" FROM payments p INDEXED BY payments_amount"_s
                               : u" FROM payments p"_s;
    built.sql = u"SELECT p.id"_s + source + whereSql + u" ORDER BY "_s + paymentOrder(query) +
                u" LIMIT :limit OFFSET :offset"_s;
    bindPage(query, built.bindings);
    return built;
}

BuiltQuery buildPaymentRowsByIds(const QList<qint64> &ids)
{
    // Integers written by us, never text from outside: safe to place in the statement.
    QStringList list;
    list.reserve(ids.size());
    for (qint64 id : ids)
        list << QString::number(id);
    return BuiltQuery{u"SELECT "_s + PaymentColumns + PaymentRowColumns +
                          paymentSource(PaymentQuery(), PaymentSortWay::Planner, true) +
                          u" WHERE p.id IN ("_s + list.join(u',') + u')',
                      {}};
}

namespace {

// The start of an hour of payment_figures ("2026-11-25T10") for a filter's bound, when the bound
// falls exactly on an hour in UTC; empty when it does not (e.g. a time zone at UTC+05:30).
std::optional<QString> hourBound(const QDate &day)
{
    const QString instant = timestampValue(day.startOfDay()).toString();
    if (instant.size() != 24 || !instant.endsWith(u":00:00.000Z"_s))
        return std::nullopt;
    return instant.left(13);
}

} // namespace

const QString CountedMinorSql = u"coalesce(p.amount_minor, p.taken_minor, p.expected_minor)"_s;

bool totalsFromFigures(const PaymentQuery &query)
{
    if (query.customerId > 0 || query.tokenId > 0 || !query.text.trimmed().isEmpty())
        return false;
    return (!query.from.isValid() || hourBound(query.from)) &&
           (!query.to.isValid() || hourBound(query.to.addDays(1)));
}

BuiltQuery buildPaymentTotals(const PaymentQuery &query, bool fromFigures, PaymentTextWay textWay)
{
    BuiltQuery built;
    if (fromFigures) {
        QStringList where;
        if (query.state) {
            where << u"f.state = :state"_s;
            built.bindings.insert(u":state"_s, paymentStateName(*query.state));
        }
        if (const QString refund = refundCondition(query.refund, u"f"_s); !refund.isEmpty())
            where << refund;
        if (query.from.isValid()) {
            where << u"f.hour >= :from"_s;
            built.bindings.insert(u":from"_s, hourBound(query.from).value_or(QString()));
        }
        if (query.to.isValid()) {
            where << u"f.hour < :to"_s;
            built.bindings.insert(u":to"_s, hourBound(query.to.addDays(1)).value_or(QString()));
        }
        built.sql = u"SELECT f.currency, f.kind, f.state, f.refund_state, sum(f.payments), sum(f.counted_minor),"
                    " sum(f.no_figure), sum(f.expected_only) FROM payment_figures f"_s +
                    (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s)) +
                    u" GROUP BY f.currency, f.kind, f.state, f.refund_state HAVING sum(f.payments) > 0"_s;
        return built;
    }
    built.sql =
        u"SELECT p.currency, p.kind, p.state, p.refund_state, count(*), sum(coalesce("_s + CountedMinorSql +
        u", 0)), sum("_s + CountedMinorSql +
        u" IS NULL), sum(p.amount_minor IS NULL AND p.taken_minor IS NULL AND p.expected_minor IS NOT "
        u"NULL) FROM payments p"_s +
        paymentWhere(query, built.bindings, textWay) +
        u" GROUP BY p.currency, p.kind, p.state, p.refund_state"_s;
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
            built.bindings.insert(u":today"_s, todayText(query.today));
    }
    built.bindings.insert(u":limit"_s, query.limit > 0 ? query.limit : -1);
    built.sql = u"SELECT "_s + TokenColumns + u" FROM card_tokens t"_s +
                (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s)) +
                u" ORDER BY t.issued_on DESC, t.id DESC LIMIT :limit"_s;
    return built;
}

} // namespace fatora::sqlite
