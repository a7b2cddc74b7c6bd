#pragma once

// Internal to the SQLite store: the SQL behind the list queries (customers, payments), built from
// the query values so that the store, EXPLAIN QUERY PLAN and the benchmarks' raw baselines all run
// the very same text.

#include "customers/CustomerSearch.h"
#include "store/Store.h"

#include <QString>
#include <QVariantMap>

namespace fatora::sqlite {

struct BuiltQuery
{
    QString sql;
    QVariantMap bindings;
};

// How a prefix search reaches the customers through one of the email, phone and reference columns
// when the list is in name order (the desk's default). Every way yields that column's matches in
// name order, so only the first offset + limit of each are read; see buildFindCustomers.
enum class PrefixWay {
    Bucket,  // prefix of 1 or 2 characters: its own bucket of an index on (first characters, name)
    Collect, // few matches (a capped count said so): all of them, then sorted by name
    Walk,    // many matches: the 2-character bucket in name order, filtered by the whole prefix
};
struct CustomerSearchPlan
{
    PrefixWay email = PrefixWay::Collect;
    PrefixWay phone = PrefixWay::Collect;
    PrefixWay reference = PrefixWay::Collect;
};
// Above this many matches in one column, walking its bucket in name order beats collecting.
constexpr int CollectLimit = 5000;

// The searched prefix (trimmed) and its length in characters as SQLite counts them.
QString searchPrefix(const CustomerQuery &query);
qsizetype characterCount(const QString &text);
// Whether the search looks inside the fields (CustomerSearch::inside; schema 4) rather than at
// their start.
bool usesInsideSearch(const CustomerQuery &query);
// Whether findCustomers runs the name-ordered prefix search (and so needs a CustomerSearchPlan).
bool usesSearchPlan(const CustomerQuery &query);

// How a search inside the fields reaches its customers. Either way the same LIKE decides which
// customers match; the ways differ only in what they read.
enum class InsideWay {
    Index, // few candidates: the trigram index customers_text proposes them; each is read and
           // tested, and the matches are sorted in the list's order
    Added, // InsideCollectLimit candidates or more: the list is in the order the customers were
           // added (id, the trigram index's own order; descending when the list is), whatever
           // column it is sorted by, and only the candidates up to the page's end are read
};
// Reading and testing a candidate costs about 6 µs at a million customers (a row read by id), so
// this many stay within ~12 ms of a keystroke; far above it, sorting every match by name costs
// seconds (e.g. "moham", "zoe": 2-5 s), and walking the name index instead is just as slow when
// the matches sit late in the alphabet.
constexpr int InsideCollectLimit = 2000;
// The FTS5 MATCH expression proposing the search's customers: every trigram of the text, or
// every trigram of its phone digits.
QString customerMatchExpression(const CustomerSearch &search);
// "SELECT count(*)" of the trigram index's candidates for the search, up to `cap`.
BuiltQuery buildCappedCustomerMatchCount(const CustomerSearch &search, int cap);
// "SELECT count(*)" of the matches of `prefix` in `column`, stopping at `cap`: index only.
BuiltQuery buildCappedPrefixCount(const QString &column, const QString &prefix, int cap);

// With a plan (required when usesSearchPlan), a search in name order reads each column's matches
// through its own index and merges them; otherwise one statement with an OR of the four ranges.
// A search inside the fields takes `inside` instead (a count always goes through the index and
// its candidates, however many).
BuiltQuery buildFindCustomers(const CustomerQuery &query, bool countOnly,
                              const CustomerSearchPlan *plan = nullptr, InsideWay inside = InsideWay::Index);
// How a history page in amount or customer order reaches its rows. Either way gives the same rows
// in the same order; they differ in what they read.
enum class PaymentSortWay {
    Planner, // few payments match the filter: find them through its index, then sort them
    Walk,    // many match (or no filter): walk the order itself (amount index; customers by name)
};
// Below this many matches, sorting the filtered payments beats walking the whole order.
constexpr int SortWalkThreshold = 20000;
bool needsSortPlan(const PaymentQuery &query);
bool hasPaymentFilter(const PaymentQuery &query);

// How the free-text filter (a case-insensitive substring of order id, transaction id or
// description) reaches its payments. Either way the same LIKE decides which payments match.
enum class PaymentTextWay {
    Scan,  // LIKE on every payment the other filters leave, in the page's order: a text shorter
           // than a trigram, or one so common that the page fills within a few rows
    Index, // candidates from the trigram index payments_text (schema 3), then the LIKE on those
};
// The trigram index knows pieces of three characters; a shorter text cannot use it.
constexpr int TrigramLength = 3;
// Above this many candidates, scanning in the page's order finds a page sooner than collecting and
// sorting every candidate (one payment in a hundred matches: a page of 256 within ~25,600 rows).
constexpr int TextIndexLimit = 50000;
// Whether the text is long enough for the trigram index.
bool usesTextIndex(const PaymentQuery &query);
// The FTS5 MATCH expression requiring every trigram of `needle`.
QString trigramMatchExpression(const QString &needle);
// "SELECT count(*)" of the trigram index's candidates for `needle` (3+ characters), up to `cap`.
BuiltQuery buildCappedTextMatchCount(const QString &needle, int cap);

// "SELECT count(*)" of the payments the filter matches, stopping at `cap`.
BuiltQuery buildCappedPaymentCount(const PaymentQuery &query, int cap,
                                   PaymentTextWay textWay = PaymentTextWay::Scan);

BuiltQuery buildFindPayments(const PaymentQuery &query, bool countOnly,
                             PaymentSortWay way = PaymentSortWay::Planner,
                             PaymentTextWay textWay = PaymentTextWay::Scan);
// A deep page (large offset) in two steps: the ids, found on the index alone, then their rows.
BuiltQuery buildFindPaymentIds(const PaymentQuery &query, PaymentSortWay way = PaymentSortWay::Planner,
                               PaymentTextWay textWay = PaymentTextWay::Scan);
BuiltQuery buildPaymentRowsByIds(const QList<qint64> &ids);
// From this offset on, findPayments pages in two steps: skipping millions of index entries is
// cheap, evaluating the joins for each skipped row is not.
constexpr int DeepPaymentOffset = 2000;
BuiltQuery buildFindTokens(const TokenQuery &query);

// countedAmount (Payment.h) in SQL: the minor units a payment counts as, NULL when none is known.
extern const QString CountedMinorSql;
// Whether paymentTotals can sum the per-hour figures of payment_figures (schema 4): filters of state,
// refund and dates only, and the dates' local midnights on whole UTC hours.
bool totalsFromFigures(const PaymentQuery &query);
// Rows of (currency, state, refund_state, payments, counted minor, no figure, expected only), from
// payment_figures or from the payments themselves; the store folds them into PaymentTotals.
BuiltQuery buildPaymentTotals(const PaymentQuery &query, bool fromFigures,
                              PaymentTextWay textWay = PaymentTextWay::Scan);

// Prefix search goes through the NOCASE indexes as a range: [prefix, successor) compared NOCASE.
// The successor of the ASCII-lowercased prefix; null when there is none.
QString prefixUpperBound(const QString &prefix);
QString likeSubstringPattern(const QString &needle);

} // namespace fatora::sqlite
