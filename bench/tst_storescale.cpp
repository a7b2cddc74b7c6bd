// The store's answers to scale (schema 2, the planned prefix search, deep history pages, the
// history's free text through the trigram index of schema 3, the bulk writer behind the benchmark
// dataset) must give exactly what the plain queries gave.

#include "customers/CustomerSearch.h"
#include "DatasetGenerator.h"
#include "store/sqlite/SqliteBulkWriter.h"
#include "store/sqlite/SqliteStore.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace fatora;

namespace {

// SQLite's NOCASE: ASCII letters folded, everything else compared as UTF-8 bytes.
QByteArray nocaseKey(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    for (char &c : utf8) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return utf8;
}

bool hasPrefix(const QString &value, const QString &prefix)
{
    return nocaseKey(value).startsWith(nocaseKey(prefix));
}

// What CustomerSearch says a search finds, checked customer by customer: SQLite's LIKE folds ASCII
// letters only, as nocaseKey does.
bool matchesSearch(const Customer &c, const QString &typed)
{
    const CustomerSearch search = CustomerSearch::parse(typed);
    if (!search.inside) {
        const QString prefix = typed.trimmed();
        return hasPrefix(c.name, prefix) || hasPrefix(c.email, prefix) || hasPrefix(c.phone, prefix) ||
               hasPrefix(c.reference, prefix);
    }
    const QByteArray needle = nocaseKey(search.text);
    return nocaseKey(c.name).contains(needle) || nocaseKey(c.email).contains(needle) ||
           nocaseKey(c.reference).contains(needle) ||
           (!search.phoneDigits.isEmpty() && CustomerSearch::phoneKey(c.phone).contains(search.phoneDigits));
}

QList<qint64> ids(const QList<CustomerSummary> &rows)
{
    QList<qint64> list;
    for (const CustomerSummary &row : rows)
        list << row.customer.id;
    return list;
}

QList<qint64> ids(const QList<PaymentRow> &rows)
{
    QList<qint64> list;
    for (const PaymentRow &row : rows)
        list << row.payment.id;
    return list;
}

// A second connection, for what the store deliberately has no API for.
class RawConnection
{
public:
    explicit RawConnection(const QString &path) : m_name(u"storescale-raw-%1"_s.arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }
    bool exec(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql);
    }

private:
    static inline int s_counter = 0;
    QString m_name;
};

} // namespace

class TestStoreScale : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void prefixSearchMatchesBruteForce_data();
    void prefixSearchMatchesBruteForce();
    void prefixSearchUsesEachWay_data();
    void prefixSearchUsesEachWay();

    void historyOrdersMatchBruteForce_data();
    void historyOrdersMatchBruteForce();
    void deepHistoryPagesMatchShallowOnes_data();
    void deepHistoryPagesMatchShallowOnes();
    void historyTextMatchesBruteForce_data();
    void historyTextMatchesBruteForce();

    void activeTokenSortFollowsTheDay();
    void lastChargeFollowsPaymentsInAnyOrder();

    void generatorIsDeterministic();
    void bulkWriterScrubsTokensAndRestoresWal();
    void bulkWriterNeedsTheFileAlone();

private:
    QByteArray digest(const QString &path);

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<SqliteStore> m_store;
    QList<Customer> m_everyone;
    QList<PaymentRow> m_history;
};

void TestStoreScale::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"scale.sqlite"_s);
    // Enough customers that "+974" and "CUST-" pass InsideCollectLimit and are listed in the order
    // they were added, while a surname or a piece of a phone number is read through the trigram index.
    bench::DatasetGenerator::Options options;
    options.customers = 24000;
    options.seed = 7;
    options.until = QDate(2026, 11, 25);
    auto generated = bench::DatasetGenerator(options).generate(m_path);
    QVERIFY2(generated.ok(), qPrintable(generated.error().toString()));
    auto opened = SqliteStore::open(m_path);
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    m_store = std::move(opened).value();

    CustomerQuery all;
    all.includeArchived = true;
    all.limit = 0;
    auto rows = m_store->findCustomers(all);
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 24000);
    for (const CustomerSummary &row : rows.value())
        m_everyone << row.customer;
    PaymentQuery everything;
    everything.limit = 0;
    auto history = m_store->findPayments(everything);
    QVERIFY(history.ok());
    QVERIFY(history->size() > 100'000);
    m_history = history.value();
}

void TestStoreScale::prefixSearchMatchesBruteForce_data()
{
    QTest::addColumn<QString>("prefix");
    for (const char *prefix :
         {"m",      "M",       "mo",       "moh", "mohammed", "mohammed.k", "+",        "+9",        "+974",
          "+974 5", "+974 55", "+974 555", "C",   "cu",       "cust-",      "CUST-000", "CUST-0001", "a",
          "ah",     "ahmed.",  "zz",       "x",   "%",        "_",          "@",        " john "}) {
        QTest::newRow(prefix) << QString::fromUtf8(prefix);
    }
    QTest::newRow("arabic letter") << u"م"_s;
    QTest::newRow("arabic first name") << u"محمد"_s;
    QTest::newRow("arabic full prefix") << u"محمد ال"_s;
    // Inside the fields (schema 4).
    for (const char *text : {"haddad", "HADDAD", "al-kuwari", "ali", "kuwari@gm", "smith", "6610", "66102290",
                             "+97455102290", "5510 22", "0042317", "974", "+974 5"})
        QTest::newRow(text) << QString::fromUtf8(text);
    QTest::newRow("arabic surname") << u"حداد"_s;
    QTest::newRow("arabic-indic phone digits") << u"٥٥١٠٢٢"_s;
}

void TestStoreScale::prefixSearchMatchesBruteForce()
{
    QFETCH(QString, prefix);
    const QString trimmed = prefix.trimmed();
    for (bool archived : {false, true}) {
        QList<Customer> matches;
        for (const Customer &c : std::as_const(m_everyone)) {
            if ((archived || !c.archived) && matchesSearch(c, trimmed))
                matches << c;
        }
        // A search inside the fields with InsideCollectLimit trigram candidates or more lists its
        // customers in the order they were added (by id); any other in name order.
        CustomerQuery planned;
        planned.text = prefix;
        planned.includeArchived = archived;
        planned.limit = 50;
        auto statement = m_store->findCustomersStatement(planned);
        QVERIFY2(statement.ok(), qPrintable(statement.error().toString()));
        const bool byId = statement->sql.contains(u"ORDER BY customers_text.rowid"_s);
        std::sort(matches.begin(), matches.end(), [byId](const Customer &a, const Customer &b) {
            if (byId)
                return a.id < b.id;
            const QByteArray ka = nocaseKey(a.name);
            const QByteArray kb = nocaseKey(b.name);
            return ka != kb ? ka < kb : a.id < b.id;
        });
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            QList<qint64> expected;
            for (const Customer &c : std::as_const(matches))
                expected << c.id;
            if (order == Qt::DescendingOrder)
                std::reverse(expected.begin(), expected.end());
            for (const auto &[offset, limit] : {std::pair{0, 50}, std::pair{120, 80}, std::pair{0, 0}}) {
                CustomerQuery q;
                q.text = prefix;
                q.includeArchived = archived;
                q.order = order;
                q.offset = offset;
                q.limit = limit;
                auto found = m_store->findCustomers(q);
                QVERIFY2(found.ok(), qPrintable(found.error().toString()));
                const QList<qint64> want = expected.mid(offset, limit > 0 ? limit : -1);
                if (ids(found.value()) != want) {
                    qWarning() << "archived" << archived << "order" << order << "offset" << offset << "limit"
                               << limit << "got" << ids(found.value()).mid(0, 8) << "want" << want.mid(0, 8);
                }
                QCOMPARE(ids(found.value()), want);
            }
        }
        CustomerQuery count;
        count.text = prefix;
        count.includeArchived = archived;
        QCOMPARE(m_store->countCustomers(count).value(), int(matches.size()));
    }
}

void TestStoreScale::prefixSearchUsesEachWay_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("index");
    QTest::newRow("one letter: bucket of one") << u"m"_s << u"customers_email_b1"_s;
    QTest::newRow("two letters: bucket of two") << u"mo"_s << u"customers_email_b2"_s;
    QTest::newRow("two digits: bucket of two") << u"+9"_s << u"customers_phone_b2"_s;
    // Three characters or more: inside the fields (schema 4).
    QTest::newRow("few candidates: trigram index") << u"6610 22"_s << u"customers_text VIRTUAL TABLE"_s;
    QTest::newRow("a surname: trigram index") << u"haddad"_s << u"customers_text VIRTUAL TABLE"_s;
    QTest::newRow("every qatari phone: candidates in the order added")
        << u"+974"_s << u"SCAN customers_text VIRTUAL TABLE"_s;
    QTest::newRow("every reference: candidates in the order added")
        << u"CUST-"_s << u"SCAN customers_text VIRTUAL TABLE"_s;
}

void TestStoreScale::prefixSearchUsesEachWay()
{
    QFETCH(QString, prefix);
    QFETCH(QString, index);
    CustomerQuery q;
    q.text = prefix;
    auto plan = m_store->explainFindCustomers(q);
    QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
    const QString lines = plan->join(u'\n');
    QVERIFY2(lines.contains(index), qPrintable(lines));
    // The only scans: the walk along the name index (stopping when the page is full) and the
    // trigram index itself.
    for (const QString &line : plan.value())
        QVERIFY2(!line.startsWith(u"SCAN "_s) || line.startsWith(u"SCAN c USING INDEX customers_name"_s) ||
                     line.startsWith(u"SCAN customers_text VIRTUAL TABLE"_s),
                 qPrintable(lines));
}

void TestStoreScale::historyOrdersMatchBruteForce_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<int>("filter");
    // Filters: 0 none (walked), 1 approved (most: walked), 2 unknown (few: sorted), 3 the last 30
    // days (sorted), 4 one customer.
    for (const auto &[sortName, sort] : {std::pair{"amount", PaymentQuery::Sort::Amount},
                                         std::pair{"customer", PaymentQuery::Sort::Customer}}) {
        for (const auto &[filterName, filter] :
             {std::pair{"no filter", 0}, std::pair{"approved", 1}, std::pair{"unknown", 2},
              std::pair{"last 30 days", 3}, std::pair{"one customer", 4}}) {
            QTest::addRow("%s, %s", sortName, filterName) << int(sort) << filter;
        }
    }
}

void TestStoreScale::historyOrdersMatchBruteForce()
{
    QFETCH(int, sort);
    QFETCH(int, filter);
    PaymentQuery q;
    q.sort = PaymentQuery::Sort(sort);
    const qint64 someCustomer = m_history.at(m_history.size() / 2).payment.customerId;
    const QDate from(2026, 10, 26);
    QList<PaymentRow> rows;
    for (const PaymentRow &row : std::as_const(m_history)) {
        const Payment &p = row.payment;
        const bool keep = filter == 0 || (filter == 1 && p.state == PaymentState::Approved) ||
                          (filter == 2 && p.state == PaymentState::Unknown) ||
                          (filter == 3 && p.createdAt >= from.startOfDay()) ||
                          (filter == 4 && p.customerId == someCustomer);
        if (keep)
            rows << row;
    }
    if (filter == 1)
        q.state = PaymentState::Approved;
    else if (filter == 2)
        q.state = PaymentState::Unknown;
    else if (filter == 3)
        q.from = from;
    else if (filter == 4)
        q.customerId = someCustomer;
    std::sort(rows.begin(), rows.end(), [sort](const PaymentRow &a, const PaymentRow &b) {
        const Payment &x = a.payment;
        const Payment &y = b.payment;
        if (PaymentQuery::Sort(sort) == PaymentQuery::Sort::Amount) {
            if (x.currency != y.currency)
                return x.currency < y.currency;
            if (x.amount->minorUnits() != y.amount->minorUnits())
                return x.amount->minorUnits() < y.amount->minorUnits();
            return x.id < y.id;
        }
        const QByteArray kx = nocaseKey(a.customerName);
        const QByteArray ky = nocaseKey(b.customerName);
        if (kx != ky)
            return kx < ky;
        if (x.customerId != y.customerId)
            return x.customerId < y.customerId;
        if (x.createdAt != y.createdAt)
            return x.createdAt < y.createdAt;
        return x.id < y.id;
    });
    QVERIFY(!rows.isEmpty());
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        QList<qint64> expected = ids(rows);
        if (order == Qt::DescendingOrder)
            std::reverse(expected.begin(), expected.end());
        q.order = order;
        // A first page, and one deep enough to be found in two steps.
        for (const auto &[offset, limit] : {std::pair{0, 100}, std::pair{2500, 60}}) {
            q.offset = offset;
            q.limit = limit;
            auto found = m_store->findPayments(q);
            QVERIFY2(found.ok(), qPrintable(found.error().toString()));
            QCOMPARE(ids(found.value()), expected.mid(offset, limit));
        }
    }
}

void TestStoreScale::deepHistoryPagesMatchShallowOnes_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<int>("order");
    QTest::addColumn<bool>("declinedOnly");
    QTest::newRow("newest first") << int(PaymentQuery::Sort::CreatedAt) << int(Qt::DescendingOrder) << false;
    QTest::newRow("oldest first") << int(PaymentQuery::Sort::CreatedAt) << int(Qt::AscendingOrder) << false;
    QTest::newRow("by amount") << int(PaymentQuery::Sort::Amount) << int(Qt::AscendingOrder) << false;
    QTest::newRow("by customer") << int(PaymentQuery::Sort::Customer) << int(Qt::DescendingOrder) << false;
    QTest::newRow("by state") << int(PaymentQuery::Sort::State) << int(Qt::AscendingOrder) << false;
    QTest::newRow("by order id") << int(PaymentQuery::Sort::OrderId) << int(Qt::AscendingOrder) << false;
    QTest::newRow("approved, newest first")
        << int(PaymentQuery::Sort::CreatedAt) << int(Qt::DescendingOrder) << true;
}

void TestStoreScale::deepHistoryPagesMatchShallowOnes()
{
    QFETCH(int, sort);
    QFETCH(int, order);
    QFETCH(bool, declinedOnly);
    PaymentQuery q;
    q.sort = PaymentQuery::Sort(sort);
    q.order = Qt::SortOrder(order);
    if (declinedOnly)
        q.state = PaymentState::Approved;
    // One statement up to the threshold...
    q.offset = 1900;
    q.limit = 300;
    auto shallow = m_store->findPayments(q);
    QVERIFY2(shallow.ok(), qPrintable(shallow.error().toString()));
    QCOMPARE(shallow->size(), 300);
    // ... two steps beyond it: the same rows, in the same order, with their joined columns.
    q.offset = 2000;
    q.limit = 150;
    auto deep = m_store->findPayments(q);
    QVERIFY2(deep.ok(), qPrintable(deep.error().toString()));
    QCOMPARE(ids(deep.value()), ids(shallow.value()).mid(100, 150));
    for (int i = 0; i < deep->size(); ++i) {
        const PaymentRow &a = deep->at(i);
        const PaymentRow &b = shallow->at(100 + i);
        QCOMPARE(a.customerName, b.customerName);
        QCOMPARE(a.tokenMask, b.tokenMask);
        QCOMPARE(a.tokenLabel, b.tokenLabel);
        QCOMPARE(a.payment.createdAt, b.payment.createdAt);
    }
    // Past the end: empty, not an error.
    q.offset = 10'000'000;
    QVERIFY(m_store->findPayments(q)->isEmpty());
}

void TestStoreScale::historyTextMatchesBruteForce_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("indexed"); // the trigram index (schema 3) finds the candidates
    // Texts taken from the generated rows, so they match what a real history holds.
    const Payment &some = m_history.at(m_history.size() / 3).payment;
    QTest::newRow("1 char (scan)") << u"q"_s << false;
    QTest::newRow("2 chars (scan)") << u"zq"_s << false;
    QTest::newRow("order id piece, lower case") << some.orderId.mid(12, 6).toLower() << true;
    QTest::newRow("whole order id") << some.orderId << true;
    QTest::newRow("transaction id prefix (hundreds)") << some.transactionId.left(9) << true;
    // The generator's decline reasons (DatasetGenerator.cpp), in another case.
    QTest::newRow("decline reason, upper case (thousands)") << u"INSUFFICIENT+FUNDS"_s << true;
    QTest::newRow("decline reason, lower case") << u"contact issuing"_s << true;
    // More candidates than TextIndexLimit: scanned in the page's order instead.
    QTest::newRow("common word (scan)") << u"approved"_s << false;
    QTest::newRow("percent and underscore") << u"%_%"_s << true;
    QTest::newRow("arabic (not in these columns)") << u"\u0645\u062d\u0645\u062f"_s << true;
}

void TestStoreScale::historyTextMatchesBruteForce()
{
    QFETCH(QString, text);
    QFETCH(bool, indexed);
    const QByteArray needle = nocaseKey(text);
    const auto matches = [&needle](const Payment &p) {
        return nocaseKey(p.orderId).contains(needle) || nocaseKey(p.transactionId).contains(needle) ||
               nocaseKey(p.description).contains(needle);
    };
    // m_history is newest first (created_at, then id, descending).
    QList<PaymentRow> newest;
    for (const PaymentRow &row : std::as_const(m_history)) {
        if (matches(row.payment))
            newest << row;
    }
    PaymentQuery q;
    q.text = text;
    auto plan = m_store->explainFindPayments(q);
    QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
    QVERIFY2(plan->join(u'\n').contains(u"payments_text"_s) == indexed, qPrintable(plan->join(u'\n')));
    QCOMPARE(m_store->countPayments(q).value(), newest.size());
    // A first page, a next one, and one deep enough to be found in two steps.
    for (const auto &[offset, limit] : {std::pair{0, 100}, std::pair{100, 100}, std::pair{2500, 60}}) {
        q.offset = offset;
        q.limit = limit;
        auto found = m_store->findPayments(q);
        QVERIFY2(found.ok(), qPrintable(found.error().toString()));
        QCOMPARE(ids(found.value()), ids(newest).mid(offset, limit));
    }

    // With a state, sorted by amount (walked or sorted, whichever the counts choose).
    QList<PaymentRow> declined;
    for (const PaymentRow &row : std::as_const(newest)) {
        if (row.payment.state == PaymentState::Declined)
            declined << row;
    }
    std::sort(declined.begin(), declined.end(), [](const PaymentRow &a, const PaymentRow &b) {
        const Payment &x = a.payment;
        const Payment &y = b.payment;
        if (x.currency != y.currency)
            return x.currency < y.currency;
        if (x.amount->minorUnits() != y.amount->minorUnits())
            return x.amount->minorUnits() < y.amount->minorUnits();
        return x.id < y.id;
    });
    q.state = PaymentState::Declined;
    q.sort = PaymentQuery::Sort::Amount;
    q.order = Qt::AscendingOrder;
    q.offset = 0;
    q.limit = 200;
    auto found = m_store->findPayments(q);
    QVERIFY2(found.ok(), qPrintable(found.error().toString()));
    QCOMPARE(ids(found.value()), ids(declined).mid(0, 200));
    QCOMPARE(m_store->countPayments(q).value(), declined.size());
}

void TestStoreScale::activeTokenSortFollowsTheDay()
{
    test::TempDatabase db;
    Store &store = db.store();
    const QDate today(2026, 11, 25);
    const qint64 early = test::addCustomer(store, u"Early Expiry"_s);
    const qint64 steady = test::addCustomer(store, u"Steady"_s);
    const qint64 none = test::addCustomer(store, u"No Cards"_s);
    // Early: two cards, one expiring tomorrow. Steady: one card for months.
    test::addToken(store, early, u"tok-early-a1"_s, today, 10);
    CardToken expiring;
    expiring.customerId = early;
    expiring.token = u"tok-early-b2"_s;
    expiring.issuedOn = today.addDays(-20);
    expiring.expiresOn = today.addDays(1);
    expiring.currency = u"QAR"_s;
    QVERIFY(store.addToken(expiring).ok());
    test::addToken(store, steady, u"tok-steady-c3"_s, today, 10);

    const auto sorted = [&store](const QDate &day) {
        CustomerQuery q;
        q.sort = CustomerQuery::Sort::ActiveTokens;
        q.order = Qt::DescendingOrder;
        q.today = day;
        auto rows = store.findCustomers(q);
        QList<std::pair<qint64, int>> out;
        for (const CustomerSummary &row : rows.value())
            out << std::pair{row.customer.id, row.activeTokens};
        return out;
    };
    using Rows = QList<std::pair<qint64, int>>;
    // Ties fall back to the id, in the same direction as the sort.
    QCOMPARE(sorted(today), (Rows{{early, 2}, {steady, 1}, {none, 0}}));
    QCOMPARE(sorted(today.addDays(2)), (Rows{{steady, 1}, {early, 1}, {none, 0}}));
    // The day can go back (a clock fixed by a test, a corrected system clock).
    QCOMPARE(sorted(today), (Rows{{early, 2}, {steady, 1}, {none, 0}}));

    // A revoked card stops counting at once; a new one counts at once.
    auto revoked = store.tokenByText(u"tok-early-a1"_s);
    QVERIFY(revoked.ok() && revoked.value());
    CardToken r = *revoked.value();
    r.status = TokenStatus::Deactivated;
    QVERIFY(store.updateToken(r).ok());
    QCOMPARE(sorted(today), (Rows{{steady, 1}, {early, 1}, {none, 0}}));
    test::addToken(store, none, u"tok-none-d4"_s, today, 1);
    test::addToken(store, none, u"tok-none-e5"_s, today, 1);
    QCOMPARE(sorted(today), (Rows{{none, 2}, {steady, 1}, {early, 1}}));
}

void TestStoreScale::lastChargeFollowsPaymentsInAnyOrder()
{
    test::TempDatabase db;
    Store &store = db.store();
    const QDate today(2026, 11, 25);
    const qint64 a = test::addCustomer(store, u"A"_s);
    const qint64 b = test::addCustomer(store, u"B"_s);
    const qint64 tokenA = test::addToken(store, a, u"tok-a-1111"_s, today);
    const qint64 tokenB = test::addToken(store, b, u"tok-b-2222"_s, today);
    const auto pay = [&store](qint64 customer, qint64 token, const QString &order, const QString &at) {
        Payment p;
        p.orderId = order;
        p.customerId = customer;
        p.tokenId = token;
        p.amount = Money(1000, u"QAR"_s);
        p.state = PaymentState::Declined;
        p.createdAt = QDateTime::fromString(at, Qt::ISODateWithMs);
        return store.insertPayment(p).ok();
    };
    // Newest first, then an older one arriving later (an import): the newest must stay.
    QVERIFY(pay(a, tokenA, u"BO-1"_s, u"2026-11-24T10:00:00.000Z"_s));
    QVERIFY(pay(a, tokenA, u"BO-2"_s, u"2026-10-01T10:00:00.000Z"_s));
    QVERIFY(pay(b, tokenB, u"BO-3"_s, u"2026-11-20T10:00:00.000Z"_s));
    CustomerQuery q;
    q.sort = CustomerQuery::Sort::LastCharge;
    q.order = Qt::DescendingOrder;
    auto rows = store.findCustomers(q);
    QVERIFY(rows.ok());
    QCOMPARE(ids(rows.value()), (QList<qint64>{a, b}));
    QCOMPARE(rows->at(0).lastChargeAt,
             QDateTime::fromString(u"2026-11-24T10:00:00.000Z"_s, Qt::ISODateWithMs));
    QVERIFY(pay(b, tokenB, u"BO-4"_s, u"2026-11-25T09:00:00.000Z"_s));
    QCOMPARE(ids(store.findCustomers(q).value()), (QList<qint64>{b, a}));
}

QByteArray TestStoreScale::digest(const QString &path)
{
    // The rows, not the file: page layout may differ while the data is the same.
    auto opened = SqliteStore::open(path);
    if (!opened)
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    CustomerQuery customers;
    customers.includeArchived = true;
    customers.limit = 0;
    const auto customerRows = opened.value()->findCustomers(customers);
    for (const CustomerSummary &row : customerRows.value()) {
        const Customer &c = row.customer;
        hash.addData(
            QStringList{c.name, c.email, c.phone, c.reference, c.createdAt.toString(Qt::ISODateWithMs)}
                .join(u'|')
                .toUtf8());
    }
    TokenQuery tokens;
    tokens.limit = 0;
    const auto tokenRows = opened.value()->findTokens(tokens);
    for (const CardToken &t : tokenRows.value())
        hash.addData((t.token + tokenStatusName(t.status) + t.issuedOn.toString(Qt::ISODate)).toUtf8());
    PaymentQuery payments;
    payments.limit = 0;
    const auto paymentRows = opened.value()->findPayments(payments);
    for (const PaymentRow &row : paymentRows.value())
        hash.addData(
            (row.payment.orderId + paymentStateName(row.payment.state) + row.payment.requestBody).toUtf8());
    return hash.result();
}

void TestStoreScale::generatorIsDeterministic()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto generate = [&dir](const QString &name, quint32 seed) {
        bench::DatasetGenerator::Options options;
        options.customers = 150;
        options.seed = seed;
        options.until = QDate(2026, 11, 25);
        return bench::DatasetGenerator(options).generate(dir.filePath(name));
    };
    auto first = generate(u"a.sqlite"_s, 11);
    QVERIFY2(first.ok(), qPrintable(first.error().toString()));
    QCOMPARE(first->customers, 150);
    QVERIFY(first->tokens > 150);
    QVERIFY(first->payments > 300);
    QVERIFY(generate(u"b.sqlite"_s, 11).ok());
    QVERIFY(generate(u"c.sqlite"_s, 12).ok());
    const QByteArray a = digest(dir.filePath(u"a.sqlite"_s));
    QVERIFY(!a.isEmpty());
    QCOMPARE(digest(dir.filePath(u"b.sqlite"_s)), a);
    QVERIFY(digest(dir.filePath(u"c.sqlite"_s)) != a);
    // Never over an existing file.
    auto again = generate(u"a.sqlite"_s, 11);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().field, u"output"_s);
}

void TestStoreScale::bulkWriterScrubsTokensAndRestoresWal()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"bulk.sqlite"_s);
    const QString tokenText = u"tok/with\\slash+9Xq="_s;
    {
        auto opened = SqliteStore::open(path);
        QVERIFY(opened.ok());
        auto started = opened.value()->startBulkWrite();
        QVERIFY2(started.ok(), qPrintable(started.error().toString()));
        SqliteBulkWriter &writer = *started.value();
        Customer c;
        c.name = u"Bulk"_s;
        c.createdAt = test::fixedNow();
        auto customer = writer.addCustomer(c);
        QVERIFY(customer.ok());
        CardToken t;
        t.customerId = customer.value();
        t.token = tokenText;
        t.issuedOn = test::fixedNow().date();
        t.currency = u"QAR"_s;
        t.createdAt = test::fixedNow();
        auto token = writer.addToken(t);
        QVERIFY(token.ok());
        Payment p;
        p.orderId = u"BO-BULK-1"_s;
        p.customerId = customer.value();
        p.tokenId = token.value();
        p.amount = Money(500, u"QAR"_s);
        p.state = PaymentState::Approved;
        p.createdAt = test::fixedNow();
        // Raw and JSON-escaped, as a careless caller might pass them.
        p.requestBody = u"{\"card_token\":\"tok\\/with\\\\slash+9Xq=\"} "_s + tokenText;
        QVERIFY(writer.addPayment(p).ok());
        Customer nameless;
        nameless.createdAt = test::fixedNow();
        QCOMPARE(writer.addCustomer(nameless).error().field, u"name"_s);
        QVERIFY(writer.finish().ok());
        QVERIFY(!writer.addCustomer(c).ok());
        auto stored = opened.value()->paymentByOrderId(u"BO-BULK-1"_s);
        QVERIFY(stored.ok() && stored.value());
        QVERIFY2(!stored.value()->requestBody.contains(u"slash"_s), qPrintable(stored.value()->requestBody));
        QVERIFY(stored.value()->requestBody.contains(CardToken::maskToken(tokenText)));
        // The store works normally afterwards, through its own statements and triggers.
        QVERIFY(opened.value()->addCustomer(c).ok());
    }
    RawConnection raw(path);
    QCOMPARE(raw.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(raw.scalar(u"SELECT count(*) FROM customers"_s).toInt(), 2);
}

void TestStoreScale::bulkWriterNeedsTheFileAlone()
{
    test::TempDatabase db;
    RawConnection other(db.path());
    QVERIFY(other.exec(u"BEGIN"_s));
    QVERIFY(other.scalar(u"SELECT count(*) FROM customers"_s).isValid()); // holds a read lock
    auto started = db.store().startBulkWrite();
    QVERIFY(!started.ok());
    QCOMPARE(started.error().field, u"database"_s);
    QVERIFY(other.exec(u"COMMIT"_s));
    // Refused, and nothing changed: the store still writes in WAL with its usual settings.
    QVERIFY(test::addCustomer(db.store(), u"After"_s) > 0);
    QCOMPARE(other.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
}

QTEST_GUILESS_MAIN(TestStoreScale)
#include "tst_storescale.moc"
