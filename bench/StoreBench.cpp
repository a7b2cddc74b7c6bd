#include "StoreBench.h"

#include "store/postgres/PostgresStore.h"
#include "store/sqlite/SqliteStore.h"

#include <QRandomGenerator>

#include <functional>
#include <tuple>

using namespace Qt::StringLiterals;

namespace fatora::bench {

namespace {

// Runs `step` `runs` times after one unmeasured warm-up run (which fills the page cache, SQLite's or
// the server's, the way a desk that has been open a while has it).
Result<Samples> measure(int runs, const std::function<Result<void>(int run)> &step)
{
    if (auto warm = step(-1); !warm)
        return warm.error();
    Samples samples;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        if (auto r = step(i); !r)
            return r.error();
        samples.add(msSince(t));
    }
    return samples;
}

Result<void> rawRun(RawSql &raw, const Result<StatementText> &statement)
{
    if (!statement)
        return statement.error();
    auto rows = raw.run(statement->sql, statement->bindings);
    if (!rows)
        return rows.error();
    return {};
}

Figure timed(const QString &id, const QString &what, const Samples &value, const Samples &baseline,
             const QString &baselineName, double targetMs)
{
    Figure f;
    f.id = id;
    f.what = what;
    f.value = u"p50 %1, p95 %2"_s.arg(formatMs(value.median()), formatMs(value.p95()));
    f.baseline = u"%1: p50 %2"_s.arg(baselineName, formatMs(baseline.median()));
    f.ratio = formatRatio(value.median(), baseline.median());
    if (targetMs > 0) {
        f.target = u"≤ %1 ms"_s.arg(targetMs);
        f.met = yesNo(value.p95() <= targetMs);
    }
    return f;
}

} // namespace

Result<FigureTable> runStoreBenchmarks(BenchTarget &target, bool quick)
{
    Store &store = target.store();
    RawSql raw(target.location());
    const int runs = quick ? 2 : 25;

    // The dataset's own "today": the day of its newest payment.
    PaymentQuery newest;
    newest.limit = 1;
    auto latest = store.findPayments(newest);
    if (!latest)
        return latest.error();
    if (latest->isEmpty())
        return Error{u"database"_s, u"The database has no payments; generate the dataset first."_s};
    const QDate today = latest->first().payment.createdAt.date();
    auto total = store.countPayments(PaymentQuery());
    if (!total)
        return total.error();
    auto customers = store.countCustomers([] {
        CustomerQuery q;
        q.includeArchived = true;
        return q;
    }());
    if (!customers)
        return customers.error();

    FigureTable table;

    // 3a: what the history shows after picking a state and the last month.
    PaymentQuery filtered;
    filtered.state = PaymentState::Declined;
    filtered.from = today.addDays(-30);
    filtered.to = today;
    filtered.limit = 256;
    auto history = measure(runs, [&](int) -> Result<void> {
        auto rows = store.findPayments(filtered);
        if (!rows)
            return rows.error();
        return {};
    });
    if (!history)
        return history.error();
    const auto historyStatement = target.paymentsStatement(filtered);
    auto historyRaw = measure(runs, [&](int) { return rawRun(raw, historyStatement); });
    if (!historyRaw)
        return historyRaw.error();
    table.add(timed(u"3a"_s, u"History: first page, declined, last 30 days (256 rows)"_s, *history,
                    *historyRaw, u"bare SQL"_s, 100));

    // 3b: the middle of everything, newest first, as a jump of the scroll bar would ask for it.
    PaymentQuery middle;
    middle.offset = total.value() / 2;
    middle.limit = 256;
    auto deep = measure(quick ? 1 : 5, [&](int) -> Result<void> {
        auto rows = store.findPayments(middle);
        if (!rows)
            return rows.error();
        return {};
    });
    if (!deep)
        return deep.error();
    const auto deepStatement = target.paymentsStatement(middle);
    auto deepRaw = measure(quick ? 1 : 5, [&](int) { return rawRun(raw, deepStatement); });
    if (!deepRaw)
        return deepRaw.error();
    table.add(timed(u"3b"_s,
                    u"History: page at row %1 of %2 (offset paging)"_s.arg(middle.offset).arg(total.value()),
                    *deep, *deepRaw, u"bare SQL"_s, 0));

    // 3c: the whole history re-sorted by a column header (amount, customer).
    for (const auto &[sort, name] : {std::pair{PaymentQuery::Sort::Amount, u"amount"_s},
                                     std::pair{PaymentQuery::Sort::Customer, u"customer"_s}}) {
        PaymentQuery sorted;
        sorted.sort = sort;
        sorted.order = Qt::DescendingOrder;
        sorted.limit = 256;
        auto page = measure(runs, [&](int) -> Result<void> {
            auto rows = store.findPayments(sorted);
            if (!rows)
                return rows.error();
            return {};
        });
        if (!page)
            return page.error();
        const auto statement = target.paymentsStatement(sorted);
        auto pageRaw = measure(runs, [&](int) { return rawRun(raw, statement); });
        if (!pageRaw)
            return pageRaw.error();
        table.add(timed(sort == PaymentQuery::Sort::Amount ? u"3c"_s : u"3d"_s,
                        u"History: all payments sorted by %1, first page"_s.arg(name), *page, *pageRaw,
                        u"bare SQL"_s, 100));
    }

    // 3e, 3f: the history's free-text filter. A piece of one order id (few candidates: through the
    // trigram index), then a decline reason shared by one payment in fifty (too many candidates:
    // scanned in the page's order, which fills the page within a few thousand rows).
    const QString orderPiece = latest->first().payment.orderId.mid(12, 6).toLower();
    for (const auto &[id, text, what] :
         {std::tuple{u"3e"_s, orderPiece,
                     u"History free text: a piece of an order id (\"%1\"), first page"_s},
          std::tuple{u"3f"_s, u"insufficient+funds"_s,
                     u"History free text: a decline reason (\"%1\", 2 % of payments), first page"_s}}) {
        PaymentQuery byText;
        byText.text = text;
        byText.limit = 256;
        auto page = measure(runs, [&](int) -> Result<void> {
            auto rows = store.findPayments(byText);
            if (!rows)
                return rows.error();
            return {};
        });
        if (!page)
            return page.error();
        const auto statement = target.paymentsStatement(byText);
        auto pageRaw = measure(runs, [&](int) { return rawRun(raw, statement); });
        if (!pageRaw)
            return pageRaw.error();
        Figure f = timed(id, what.arg(text), *page, *pageRaw, u"bare SQL"_s, 100);
        if (id == u"3e"_s && target.sqlite()) {
            // What schema 2 ran for it: a LIKE over every payment (the "before").
            const auto scanStatement =
                target.sqlite()->findPaymentsStatement(byText, SqliteStore::TextFilter::Scan);
            auto scan = measure(quick ? 1 : 3, [&](int) { return rawRun(raw, scanStatement); });
            if (!scan)
                return scan.error();
            f.baseline += u"; LIKE scan (schema 2): p50 %1"_s.arg(formatMs(scan->median()));
        }
        table.add(f);
    }

    // 3j: the history's count and totals per currency (schema 4): all payments, and last 30 days
    // approved, from the per-hour figures; the baseline sums the payments themselves.
    for (const auto &[id, lastDays] : {std::pair{u"3j"_s, 0}, std::pair{u"3k"_s, 30}}) {
        PaymentQuery totalsQuery;
        if (lastDays > 0) {
            totalsQuery.state = PaymentState::Approved;
            totalsQuery.from = latest->first().payment.createdAt.toLocalTime().date().addDays(-lastDays);
        }
        auto figures = measure(runs, [&](int) -> Result<void> {
            auto totals = store.paymentTotals(totalsQuery);
            if (!totals)
                return totals.error();
            return {};
        });
        if (!figures)
            return figures.error();
        // SQLite sums per-hour figures and compares with summing the payments; PostgreSQL sums the
        // payments and compares with its bare statement.
        Result<Samples> summed = Samples();
        if (target.sqlite()) {
            summed = measure(quick ? 1 : 3, [&](int) -> Result<void> {
                auto totals = target.sqlite()->paymentTotalsBy(totalsQuery, SqliteStore::TotalsWay::Payments);
                if (!totals)
                    return totals.error();
                return {};
            });
        } else {
            const auto statement = target.postgres()->paymentTotalsStatement(totalsQuery);
            summed = measure(quick ? 1 : 3, [&](int) { return rawRun(raw, statement); });
        }
        if (!summed)
            return summed.error();
        table.add(timed(id,
                        lastDays > 0 ? u"History totals per currency: approved, last 30 days"_s
                                     : u"History totals per currency: all payments"_s,
                        *figures, *summed, target.sqlite() ? u"summing the payments"_s : u"bare SQL"_s, 100));
    }

    // 4: a customer's detail pane: saved cards and the last 50 payments.
    QRandomGenerator rng(42);
    const int customerCount = customers.value();
    QList<qint64> ids;
    for (int i = 0; i < runs * 4 + 1; ++i)
        ids.append(1 + rng.bounded(customerCount));
    const auto tokenQuery = [&ids](int run) {
        TokenQuery q;
        q.customerId = ids.at(run + 1);
        return q;
    };
    const auto paymentQuery = [&ids](int run) {
        PaymentQuery q;
        q.customerId = ids.at(run + 1);
        q.limit = 50;
        return q;
    };
    auto detail = measure(runs * 4, [&](int run) -> Result<void> {
        auto tokens = store.findTokens(tokenQuery(run));
        if (!tokens)
            return tokens.error();
        auto payments = store.findPayments(paymentQuery(run));
        if (!payments)
            return payments.error();
        return {};
    });
    if (!detail)
        return detail.error();
    // Other customers for the baseline, so neither side finds the pages already cached.
    for (qint64 &id : ids)
        id = 1 + rng.bounded(customerCount);
    QList<std::pair<StatementText, Result<StatementText>>> detailStatements;
    for (int run = -1; run < runs * 4; ++run)
        detailStatements.append(
            {target.tokensStatement(tokenQuery(run)), target.paymentsStatement(paymentQuery(run))});
    auto detailRaw = measure(runs * 4, [&](int run) -> Result<void> {
        const auto &[tokens, payments] = detailStatements.at(run + 1);
        if (auto r = rawRun(raw, tokens); !r)
            return r;
        return rawRun(raw, payments);
    });
    if (!detailRaw)
        return detailRaw.error();
    table.add(timed(u"4"_s, u"Customer detail: cards + last 50 payments (random customers)"_s, *detail,
                    *detailRaw, u"bare SQL"_s, 20));
    return table;
}

} // namespace fatora::bench
