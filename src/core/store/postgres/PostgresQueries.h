#pragma once

// Internal to the PostgreSQL store: the SQL behind the list queries (customers, tokens, payments,
// totals), built from the query values. The meaning of every filter and order is SqliteQueries'
// (the store contract suite holds both to it); only the way the server gets there differs.

#include "store/Store.h"

#include <QElapsedTimer>
#include <QString>
#include <QVariantMap>

namespace fatora::postgres {

struct BuiltQuery
{
    QString sql;
    QVariantMap bindings;
};

// SQLite's NOCASE and LIKE fold ASCII letters only; so do fatora_fold() in the schema and this.
QString asciiFolded(const QString &text);
// A LIKE pattern (escape character '\') matching `needle` anywhere, folded.
QString likeSubstringPattern(const QString &needle);
// A LIKE pattern matching text that starts with `prefix`, folded.
QString likePrefixPattern(const QString &prefix);

// Whether the search looks inside the fields (CustomerSearch::inside) rather than at their start.
bool usesInsideSearch(const CustomerQuery &query);
// Whether a page in name order is taken from each column's first matches (a prefix of one or two
// characters, the list in name order).
bool usesPrefixArms(const CustomerQuery &query);

// How a search inside the fields is listed. Either way the same LIKE decides which customers match.
enum class InsideWay {
    Sorted, // fewer than InsideCollectLimit matches: all of them collected (the trigram indexes
            // propose them), and the page sorted from them in the list's order
    Picked, // the same, in a list sorted by name, email or phone: collected with that column's
            // sort key (textSortKey), the page picked from them by the store (pickPage)
    Added,  // InsideCollectLimit matches or more: in the order the customers were added (id;
            // descending when the list is), whatever column the list is sorted by, as SQLite's store
};
// Collecting a match costs a few microseconds at a million customers (a row read through the
// trigram index's bitmap), so this many stay within a few milliseconds of a keystroke; a common
// text ("moham": 22,000 at a million) sorted by name costs tens of milliseconds, and walking the
// name index instead seconds when the matches sit late in the alphabet. SQLite's store switches at
// the same count, of its trigram candidates (a few more than the matches).
constexpr int InsideCollectLimit = 2000;
// The Added way walks the customers by id in ranges of this many ids (doubling after each), a
// statement each, until the page is full: a text with InsideCollectLimit matches fills a page of
// 64 within about 32,000 customers, a common one within the first few thousand. Bounded ranges
// because, given the whole table, the planner would rather read and sort all of it (100-200 ms)
// when it guesses the text rare.
constexpr qint64 AddedWalkIds = 32768;
struct InsidePlan
{
    InsideWay way = InsideWay::Sorted;
    QList<qint64> ids; // Sorted: every match; Picked and Added: the page's matches, in the list's order
};
// The folded column a list sorted by name, email or phone is ordered by (its index's expression;
// ties by id); empty for the other sorts.
QString textSortKey(CustomerQuery::Sort sort);
// A collected match with its textSortKey, as the server's UTF-8.
struct KeyedMatch
{
    QByteArray key;
    qint64 id = 0;
};
// The ids of the page `offset`, `limit` (0: all from offset) of the matches in the list's order:
// by key byte by byte, as COLLATE "C" compares, then by id; both descending when the list is.
QList<qint64> pickPage(QList<KeyedMatch> matches, Qt::SortOrder order, int offset, int limit);
// A text whose matches the planner's statistics put at twice the cap or more is listed the Added
// way without collecting: its collect would read thousands of candidates through the trigram
// index (20-40 ms at a million customers) only to reach the cap, and the walk then reads its page
// again. Schema 8 gives the index a statistics target of 1,000 (steps of 0.1 % of the customers),
// so the estimate is near the count for most texts, though near the cap it can be out by half
// either way. Twice the cap because the two mistakes do not cost the same: a text collected with
// more matches than estimated costs a few milliseconds more (and reaching the cap is listed in
// the order added all the same), while one walked with half its estimated matches reads twice the
// customers for its page ("6610": put at 2,000 with 959, 70 ms walked, 7 ms collected). One put
// past that with fewer matches than the cap is listed in the order added too, as SQLite's store
// does for a text past the cap in candidates.
constexpr qint64 CommonTextRows = 2 * InsideCollectLimit;
// EXPLAIN (FORMAT JSON) of the search's collect without its cap: the planner's estimate of its
// matches is the top plan's "Plan Rows".
BuiltQuery buildEstimateInside(const CustomerQuery &query);
// The ids of the search's matches, at most `cap` (the first in the list's id order): all of them
// when fewer. In a list sorted by a text column each id comes with its textSortKey.
BuiltQuery buildCollectInside(const CustomerQuery &query, int cap);
// The same among the customers `among` only, read by id: the trigram indexes are not asked.
BuiltQuery buildCollectAmong(const CustomerQuery &query, int cap, const QList<qint64> &among);

// Whether every customer `later` finds inside the fields is one `earlier` finds too, whatever the
// customers hold: both search inside, with the same archived customers, and `later`'s text holds
// `earlier`'s (folded as the LIKE folds), and so do its phone digits when it has any. The same
// text (folded) is not narrowed: reading it again is asking the database again.
bool narrows(const CustomerQuery &earlier, const CustomerQuery &later);

// The last search inside the fields whose matches were all collected (fewer than the cap). While
// the clerk types on, each character narrows the text (narrows()), so its matches are among these:
// they are collected by id (buildCollectAmong) instead of through the trigram indexes, which for a
// long text of common pieces cost 8-15 ms before the first candidate is read (at a million
// customers, "ahmed.kuwari@": 13 trigrams, 14 ms in the index for 922 candidates; "ahmed.kuw":
// 14 ms collected, 9.9 ms among the 1,102 matches of "ahmed.ku"). Kept RecentMatchesMs from the
// collect that asked the indexes, never inside a transaction, and dropped by any write of this
// connection: a customer another desk adds or changes meanwhile is found by the list's next
// reading of the same text, which the desk makes on the other desk's notification (ChangeFeed).
struct RecentMatches
{
    CustomerQuery query;
    QList<qint64> ids; // every match, in the list's id order
    QElapsedTimer collected;
};
constexpr qint64 RecentMatchesMs = 3000;
// A customer read by id costs 5-10 us here, a candidate of the trigram indexes about as much: from
// more matches than this, reading them all by id costs more than the indexes' fixed part saves.
constexpr qsizetype RecentMatchesMost = 1500;
// The first `wanted` matches with ids from `from` to `to`, in the list's id order.
BuiltQuery buildWalkInside(const CustomerQuery &query, qint64 from, qint64 to, qint64 wanted);

// Customers: a prefix of name, email, phone or reference (up to two characters), or the text
// anywhere inside name, email, reference and phone digits (CustomerSearch); see CustomerQuery.
BuiltQuery buildFindCustomers(const CustomerQuery &query, bool countOnly, const InsidePlan &inside = {});
BuiltQuery buildFindTokens(const TokenQuery &query);
// From this offset a page of payments is found in two steps (its ids, then their rows).
constexpr int DeepPageOffset = 2000;
BuiltQuery buildFindPayments(const PaymentQuery &query, bool countOnly);
// Whether the totals can be summed from the per-hour figures (schema 3): filters of state, refund
// and days that start on a whole hour in UTC only.
bool totalsFromFigures(const PaymentQuery &query);
// Rows of (currency, state, refund_state, payments, counted minor, no figure, expected only);
// PaymentTotalsTally folds them into PaymentTotals.
BuiltQuery buildPaymentTotals(const PaymentQuery &query);

} // namespace fatora::postgres
