// What only the PostgreSQL backend has to prove beyond the store contract (tst_storecontract):
// its URL, that the password stays out of sight, its migrations (two desks at once, a newer
// schema), how server trouble maps to error kinds, and that every list answers exactly as SQLite
// does on the same data.

#include "PostgresStoreBackend.h"
#include "PostgresTestServer.h"
#include "SqliteStoreBackend.h"

#include "store/postgres/PostgresQueries.h"
#include "store/postgres/PostgresStore.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <latch>
#include <thread>

using namespace Qt::StringLiterals;
using namespace fatora;

Q_DECLARE_METATYPE(fatora::ErrorKind)

namespace {

const QDate Today(2026, 11, 25);
const QString Secret = u"s3cr%40t"_s; // as written in a URL: "s3cr@t"

QDateTime at(int minutes)
{
    return QDateTime(Today, QTime(10, 0), Qt::UTC).addSecs(qint64(minutes) * 60);
}

QString withSecret(const QString &url)
{
    return QString(url).replace(u"postgresql://fatora@"_s, u"postgresql://fatora:"_s + Secret + u'@');
}

} // namespace

class TestPostgresStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void parseUrl_data();
    void parseUrl();
    void passwordNeverShown();
    void unreachableServerIsUnavailable();
    void newerSchemaIsRefused();
    void twoDesksStartingAtOnceMigrateOnce();
    void lostConnectionIsUnavailable();
    void writerWaitsThenBusy();
    void refusedRowKeepsTheTransactionUsable();
    void manyStepsInOneTransaction();
    void abortedTransactionNeverCommits();
    void refusedImportedAuditKeepsTheTransactionUsable();
    void commonTextIsListedInTheOrderAdded();
    void collectedTextPagesMeetTheWalk();
    void textWithoutLettersIsWalkedUnfolded();
    void movingTheDayRewritesNoCustomer();
    void searchTextStaysTextWhateverTheServerDefaults();
    void insideSearchTakesSqlitesOrder();
    void pickedPagesTakeSqlitesOrder();
    void narrowsOnlyWhatItHolds_data();
    void narrowsOnlyWhatItHolds();
    void typingNarrowsTheLastMatches();
    void messagesCarryNoRowValues();

    void customersAnswerAsSqlite_data();
    void customersAnswerAsSqlite();
    void paymentsAnswerAsSqlite_data();
    void paymentsAnswerAsSqlite();

private:
    PostgresStore &store() { return static_cast<PostgresStore &>(*m_store); }
    QString addManyCustomers(const QString &reference, int count);
    // `text` (the reference in lower case when empty) is searched.
    void checkAddedPages(const QString &reference, int count, const QList<int> &offsets, const QString &text = {});
    // The same customers, cards and payments in both stores.
    void seed(Store &store);
    // Both stores seeded once for all the comparisons (each on a database of its own).
    bool seedBoth();

    test::SqliteStoreBackend m_sqliteBackend;
    std::unique_ptr<test::PostgresStoreBackend> m_seededBackend;
    std::unique_ptr<Store> m_sqliteSeeded;
    std::unique_ptr<Store> m_postgresSeeded;
    bool m_seeded = false;

    QString m_adminUrl;
    std::unique_ptr<test::PostgresStoreBackend> m_backend;
    std::unique_ptr<Store> m_store;
};

void TestPostgresStore::initTestCase()
{
    if (!test::PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    auto url = test::PostgresTestServer::adminUrl();
    QVERIFY2(url.ok(), qPrintable(url.error().message));
    m_adminUrl = url.value();
    m_backend = std::make_unique<test::PostgresStoreBackend>(m_adminUrl);
}

void TestPostgresStore::init()
{
    // The comparisons read the seeded pair and never write: no fresh database for each of them.
    if (QByteArray(QTest::currentTestFunction()).endsWith("AnswerAsSqlite"))
        return;
    auto fresh = m_backend->createFresh();
    QVERIFY2(fresh.ok(), qPrintable(fresh.error().toString()));
    m_store = std::move(fresh).value();
}

void TestPostgresStore::cleanup()
{
    m_store.reset();
}

// --- the URL ------------------------------------------------------------------------------------

void TestPostgresStore::parseUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("field"); // empty: accepted
    QTest::addColumn<QString>("shown"); // displayUrl when accepted
    QTest::newRow("everything") << u"postgresql://clerk:pw@db.example:6543/fatora?sslmode=verify-full"_s
                                << QString()
                                << u"postgresql://clerk@db.example:6543/fatora?sslmode=verify-full"_s;
    QTest::newRow("no user, default port")
        << u"postgresql://db.example/fatora"_s << QString() << u"postgresql://db.example:5432/fatora"_s;
    QTest::newRow("encoded user and password") << u"postgresql://a%40b:p%2Fw%3A@127.0.0.1/shop"_s << QString()
                                               << u"postgresql://a%40b@127.0.0.1:5432/shop"_s;
    QTest::newRow("sslmode disable") << u"postgresql://h/d?sslmode=disable"_s << QString()
                                     << u"postgresql://h:5432/d?sslmode=disable"_s;
    QTest::newRow("empty") << u"  "_s << u"url"_s << QString();
    QTest::newRow("a file path") << u"/home/clerk/fatora.sqlite"_s << u"url"_s << QString();
    QTest::newRow("another scheme") << u"mysql://h/d"_s << u"url"_s << QString();
    QTest::newRow("no host") << u"postgresql:///fatora"_s << u"host"_s << QString();
    QTest::newRow("no database") << u"postgresql://h"_s << u"database"_s << QString();
    QTest::newRow("database with a slash") << u"postgresql://h/a/b"_s << u"database"_s << QString();
    QTest::newRow("port zero") << u"postgresql://h:0/d"_s << u"port"_s << QString();
    QTest::newRow("port not a number") << u"postgresql://h:abc/d"_s << u"url"_s << QString();
    QTest::newRow("unknown sslmode") << u"postgresql://h/d?sslmode=maybe"_s << u"sslmode"_s << QString();
    QTest::newRow("unknown option") << u"postgresql://h/d?password=x"_s << u"url"_s << QString();
    QTest::newRow("fragment") << u"postgresql://h/d#x"_s << u"url"_s << QString();
}

void TestPostgresStore::parseUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, field);
    QFETCH(QString, shown);
    const auto parsed = PostgresStore::parseUrl(url);
    if (field.isEmpty()) {
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
        QCOMPARE(parsed->displayUrl(), shown);
        return;
    }
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().field, field);
    QCOMPARE(parsed.error().kind, ErrorKind::Validation);
    QVERIFY(!parsed.error().message.contains(u"pw"_s));
}

void TestPostgresStore::passwordNeverShown()
{
    // The test server trusts loopback, so the password is accepted and ignored.
    PostgresStore::ConnectionSettings settings = PostgresStore::parseUrl(m_adminUrl).value();
    const QString url = withSecret(m_adminUrl);
    auto opened = PostgresStore::open(url);
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    QVERIFY(!opened.value()->location().contains(u"s3cr"_s));
    QCOMPARE(opened.value()->location(), settings.displayUrl());
    // A refused statement's message neither.
    auto missing = opened.value()->customer(12345);
    QVERIFY(!missing.error().message.contains(u"s3cr"_s));
}

void TestPostgresStore::unreachableServerIsUnavailable()
{
    // Port 1 on loopback: nothing listens there.
    auto opened = PostgresStore::open(u"postgresql://fatora:"_s + Secret + u"@127.0.0.1:1/nowhere"_s);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Unavailable);
    QCOMPARE(opened.error().field, u"database"_s);
    QVERIFY2(!opened.error().message.contains(u"s3cr"_s), qPrintable(opened.error().message));
    QVERIFY(opened.error().message.contains(u"postgresql://fatora@127.0.0.1:1/nowhere"_s));
}

// --- schema -------------------------------------------------------------------------------------

void TestPostgresStore::newerSchemaIsRefused()
{
    QVERIFY(
        m_backend->execRaw(u"UPDATE schema_version SET version = %1"_s.arg(PostgresStore::SchemaVersion + 7))
            .isEmpty());
    auto opened = m_backend->connectAgain();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Unavailable);
    QVERIFY2(opened.error().message.contains(u"newer version"_s), qPrintable(opened.error().message));
    QVERIFY(opened.error().message.contains(QString::number(PostgresStore::SchemaVersion + 7)));
    // Left exactly as it was.
    QVERIFY(
        m_backend
            ->execRaw(u"DO $$ BEGIN IF (SELECT version FROM schema_version) <> %1 THEN"
                      " RAISE EXCEPTION 'changed'; END IF; END $$"_s.arg(PostgresStore::SchemaVersion + 7))
            .isEmpty());
}

void TestPostgresStore::twoDesksStartingAtOnceMigrateOnce()
{
    const PostgresStore::ConnectionSettings server = PostgresStore::parseUrl(m_adminUrl).value();
    auto admin = [&](const QString &sql) {
        QString error;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"migrate-admin"_s);
            db.setHostName(server.host);
            db.setPort(server.port);
            db.setDatabaseName(server.database);
            db.setUserName(server.user);
            if (!db.open()) {
                error = db.lastError().text();
            } else {
                QSqlQuery q(db);
                if (!q.exec(sql))
                    error = q.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(u"migrate-admin"_s);
        return error;
    };
    PostgresStore::ConnectionSettings empty = server;
    for (int round = 0; round < 5; ++round) {
        empty.database = u"fatora_migrate_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(round);
        QCOMPARE(admin(u"CREATE DATABASE %1 TEMPLATE template0"_s.arg(empty.database)), QString());
        std::latch start(2);
        QString trouble[2];
        auto desk = [&](int i) {
            start.arrive_and_wait();
            auto opened = PostgresStore::open(empty);
            if (!opened.ok())
                trouble[i] = opened.error().toString();
        };
        std::thread a(desk, 0);
        std::thread b(desk, 1);
        a.join();
        b.join();
        QVERIFY2(trouble[0].isEmpty(), qPrintable(trouble[0]));
        QVERIFY2(trouble[1].isEmpty(), qPrintable(trouble[1]));
        {
            auto again = PostgresStore::open(empty);
            QVERIFY(again.ok());
            QVERIFY(again.value()->findCustomers(CustomerQuery{}).ok());
        }
        QCOMPARE(admin(u"DROP DATABASE %1 WITH (FORCE)"_s.arg(empty.database)), QString());
    }
}

// --- server trouble -----------------------------------------------------------------------------

void TestPostgresStore::lostConnectionIsUnavailable()
{
    QVERIFY(store().findCustomers(CustomerQuery{}).ok());
    // An administrator (or a restart) ends every other session on the database.
    QVERIFY(m_backend
                ->execRaw(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                          " WHERE datname = current_database() AND pid <> pg_backend_pid()"_s)
                .isEmpty());
    auto lost = store().customer(1);
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().kind, ErrorKind::Unavailable);
}

void TestPostgresStore::writerWaitsThenBusy()
{
    Store::Transaction mine(store());
    QVERIFY(mine.started().ok());
    QVERIFY(store().counts().ok()); // the lock travels with the transaction's first statement
    Error theirs;
    QElapsedTimer waited;
    waited.start();
    std::thread other([&] {
        auto connection = m_backend->connectAgain();
        if (!connection.ok()) {
            theirs = connection.error();
            return;
        }
        Store::Transaction tx(*connection.value());
        if (!tx.started().ok()) {
            theirs = tx.started().error();
            return;
        }
        if (auto read = connection.value()->counts(); !read.ok())
            theirs = read.error();
    });
    other.join();
    QCOMPARE(theirs.kind, ErrorKind::Busy);
    QVERIFY2(theirs.message.contains(u"Another desk"_s), qPrintable(theirs.message));
    QVERIFY(waited.elapsed() >= 4000);
}

void TestPostgresStore::refusedRowKeepsTheTransactionUsable()
{
    Customer c;
    c.name = u"Layla"_s;
    const qint64 customer = store().addCustomer(c).value();
    CardToken t;
    t.customerId = customer;
    t.token = u"tok-one"_s;
    t.issuedOn = Today;
    t.expiresOn = Today.addMonths(3);
    t.currency = u"QAR"_s;
    const qint64 token = store().addToken(t).value();
    Payment p;
    p.orderId = u"ORD-1"_s;
    p.tokenId = token;
    p.customerId = customer;
    p.currency = u"QAR"_s;
    p.state = PaymentState::Approved;
    p.createdAt = at(1);
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        QVERIFY(store().insertPayment(p).ok());
        auto twice = store().insertPayment(p);
        QCOMPARE(twice.error().kind, ErrorKind::Conflict);
        QCOMPARE(twice.error().field, u"order_id"_s);
        // As on SQLite: the refused row is gone, the transaction goes on.
        p.orderId = u"ORD-2"_s;
        QVERIFY(store().insertPayment(p).ok());
        QVERIFY(tx.commit().ok());
    }
    PaymentQuery all;
    QCOMPARE(store().countPayments(all).value(), 2);
}

void TestPostgresStore::manyStepsInOneTransaction()
{
    // Each write's savepoint stays set until COMMIT, and the store releases them in batches: a long
    // transaction with a refused step here and there keeps every other step, whatever the count.
    // Refused both by the store's own duplicate check and by the server itself (a CHECK it runs
    // inside the INSERT), at depths below and beyond a batch of savepoints.
    QVERIFY(
        m_backend->execRaw(u"ALTER TABLE card_tokens ADD CONSTRAINT no_refused CHECK (label <> 'refused')"_s)
            .isEmpty());
    Customer c;
    c.name = u"Batch"_s;
    const qint64 customer = store().addCustomer(c).value();
    QSet<QString> saved;
    int refusedDeep = 0; // refused by the server beyond the first batch of savepoints
    int repeatedDeep = 0;
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        for (int i = 0; i < 120; ++i) {
            CardToken t;
            t.customerId = customer;
            const bool serverRefuses = i % 9 == 4;
            // From step 100 on, the tokens of steps 0-19 again: refused where they were saved.
            t.token =
                serverRefuses ? u"tok-refused-%1"_s.arg(i) : u"tok-batch-%1"_s.arg(i >= 100 ? i - 100 : i);
            t.label = serverRefuses ? u"refused"_s : QString();
            t.issuedOn = Today;
            t.expiresOn = Today.addMonths(3);
            t.currency = u"QAR"_s;
            const bool repeat = saved.contains(t.token);
            auto added = store().addToken(t);
            QVERIFY2(added.ok() == (!serverRefuses && !repeat), qPrintable(u"step %1"_s.arg(i)));
            if (added.ok())
                saved.insert(t.token);
            refusedDeep += serverRefuses && i >= 40 ? 1 : 0;
            repeatedDeep += repeat ? 1 : 0;
        }
        QVERIFY(tx.commit().ok());
    }
    QVERIFY(refusedDeep > 5 && repeatedDeep > 5);
    TokenQuery theirs;
    theirs.customerId = customer;
    QCOMPARE(store().findTokens(theirs).value().size(), saved.size());
}

void TestPostgresStore::abortedTransactionNeverCommits()
{
    Customer c;
    c.name = u"Omar"_s;
    Store::Transaction tx(store());
    QVERIFY(tx.started().ok());
    QVERIFY(store().addCustomer(c).ok());
    // A read the server refuses (its table was renamed meanwhile) aborts the whole transaction on
    // PostgreSQL, whose COMMIT would then quietly roll back: the store must say so.
    QVERIFY(m_backend->execRaw(u"ALTER TABLE audit_log RENAME TO audit_log_gone"_s).isEmpty());
    QVERIFY(!store().auditFor(u"customer"_s, 1).ok());
    auto committed = tx.commit();
    QVERIFY(!committed.ok());
    QVERIFY(!committed.error().message.isEmpty());
    QCOMPARE(store().countCustomers(CustomerQuery{}).value(), 0);
}

// Pages of a search inside the fields listed in the order added: each holds the right customers,
// archived ones left out unless asked for, in id order either way. `reference` is in every match.
void TestPostgresStore::checkAddedPages(const QString &reference, int count, const QList<int> &offsets,
                                        const QString &text)
{
    QList<qint64> matches; // every customer the text finds, in the order added
    QList<qint64> shown;   // of those, the ones not archived
    CustomerQuery everyone;
    everyone.includeArchived = true;
    everyone.limit = 0;
    for (const CustomerSummary &s : store().findCustomers(everyone).value()) {
        if (s.customer.reference.startsWith(reference)) {
            matches << s.customer.id;
            if (!s.customer.archived)
                shown << s.customer.id;
        }
    }
    std::sort(matches.begin(), matches.end());
    std::sort(shown.begin(), shown.end());
    QCOMPARE(matches.size(), count);
    QVERIFY(shown.size() >= postgres::InsideCollectLimit);
    for (const bool archived : {false, true}) {
        const QList<qint64> &expected = archived ? matches : shown;
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            for (const int offset : offsets) {
                CustomerQuery q;
                q.text = text.isEmpty() ? reference.toLower() : text;
                q.includeArchived = archived;
                q.order = order; // by name: the names run against the ids, the order added wins
                q.limit = 64;
                q.offset = offset;
                auto page = store().findCustomers(q);
                QVERIFY2(page.ok(), qPrintable(page.error().toString()));
                QList<qint64> ids;
                for (const CustomerSummary &s : page.value())
                    ids << s.customer.id;
                QList<qint64> want = expected;
                if (order == Qt::DescendingOrder)
                    std::reverse(want.begin(), want.end());
                QCOMPARE(ids, want.mid(offset, 64));
            }
        }
    }
}

// Customers whose reference starts with `reference`, every tenth archived, names against ids.
QString TestPostgresStore::addManyCustomers(const QString &reference, int count)
{
    return m_backend->execRaw(
        u"INSERT INTO customers (name, email, phone, phone_digits, reference, notes, archived, created_at)"
        " SELECT 'Name ' || (20000 - g), '', '', '', '%1' || g, '', g %% 10 = 0, now()"
        " FROM generate_series(1, %2) g"_s.arg(reference)
            .arg(count)
            .replace(u"%%"_s, u"%"_s));
}

// A text the planner's statistics put at CommonTextRows matches or more is listed in the order
// the customers were added without being collected first (PostgresQueries).
void TestPostgresStore::commonTextIsListedInTheOrderAdded()
{
    const QString added = addManyCustomers(u"ZQ-common-"_s, 6000);
    QVERIFY2(added.isEmpty(), qPrintable(added));
    QVERIFY(m_backend->execRaw(u"ANALYZE customers"_s).isEmpty());
    checkAddedPages(u"ZQ-common-"_s, 6000, {0, 64, 3000});
}

// Without statistics the planner guesses a text rare: its matches are collected in id order, up to
// the cap, and reaching it the pages below the cap are taken from them, those past it walked. The
// two ways agree where they meet.
void TestPostgresStore::collectedTextPagesMeetTheWalk()
{
    const QString added = addManyCustomers(u"ZQ-uncounted-"_s, 2400);
    QVERIFY2(added.isEmpty(), qPrintable(added));
    checkAddedPages(u"ZQ-uncounted-"_s, 2400, {0, 64, 1900, 1950, 2000, 2100});
}

// A text without ASCII letters is walked against the fields as they are, not folded
// (PostgresQueries' walkMatch): the same pages, found among references in capitals.
void TestPostgresStore::textWithoutLettersIsWalkedUnfolded()
{
    const QString added = addManyCustomers(u"ZQ-9731-"_s, 2400);
    QVERIFY2(added.isEmpty(), qPrintable(added));
    checkAddedPages(u"ZQ-9731-"_s, 2400, {0, 1950, 2100}, u"-9731-"_s);
    CustomerQuery q;
    q.text = u"-9731-"_s;
    q.offset = 2100;
    q.limit = 64;
    const auto statement = store().findCustomersStatement(q);
    QVERIFY(statement.ok());
    QVERIFY(!statement.value().sql.contains(u"fatora_fold"_s));
}

// The count of active cards moves to the day asked for in customer_card_counts (schema 9): the
// customers' own rows, with their sixteen indexes, are not written.
void TestPostgresStore::movingTheDayRewritesNoCustomer()
{
    QList<qint64> customers;
    for (int n = 0; n < 3; ++n) {
        Customer c;
        c.name = u"Card holder %1"_s.arg(n);
        c.createdAt = at(n);
        customers << store().addCustomer(c).value();
        CardToken t;
        t.customerId = customers.last();
        t.token = u"tok-day-%1"_s.arg(n);
        t.issuedOn = Today.addDays(-30);
        t.expiresOn = Today.addDays(n + 1); // the first expires tomorrow, the next the day after
        t.status = TokenStatus::Active;
        t.currency = u"QAR"_s;
        QVERIFY(store().addToken(t).ok());
    }
    CustomerQuery q;
    q.sort = CustomerQuery::Sort::ActiveTokens;
    q.today = Today;
    auto counts = [&]() {
        QList<int> found;
        for (const CustomerSummary &row : store().findCustomers(q).value())
            found << row.activeTokens;
        return found;
    };
    QCOMPARE(counts(), (QList<int>{1, 1, 1}));
    QCOMPARE(m_backend->execRaw(u"CREATE TABLE written_before AS SELECT id, xmin::text AS version FROM customers"_s),
             QString());
    q.today = Today.addDays(2); // two cards expired
    QCOMPARE(counts(), (QList<int>{0, 0, 1}));
    QCOMPARE(store().findCustomers(q).value().last().customer.id, customers.last());
    QCOMPARE(m_backend->execRaw(u"DO $$ BEGIN IF EXISTS (SELECT 1 FROM customers c JOIN written_before w"
                                " USING (id) WHERE c.xmin::text <> w.version) THEN"
                                " RAISE EXCEPTION 'a customer row was written'; END IF; END $$"_s),
             QString());
    q.order = Qt::DescendingOrder;
    QCOMPARE(counts(), (QList<int>{1, 0, 0}));
}

void TestPostgresStore::refusedImportedAuditKeepsTheTransactionUsable()
{
    // db copy --skip-conflicts reports a row the database refuses and goes on in the same
    // transaction: an imported audit entry keeps its savepoint, unlike the services' own entries.
    QVERIFY(
        m_backend->execRaw(u"ALTER TABLE audit_log ADD CONSTRAINT no_refused CHECK (detail <> 'refused')"_s)
            .isEmpty());
    AuditEntry entry;
    entry.at = at(1);
    entry.operatorName = u"amal"_s;
    entry.action = u"customer.add"_s;
    entry.objectType = u"customer"_s;
    entry.objectId = 7;
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        entry.detail = u"refused"_s;
        QVERIFY(!store().importAudit(entry).ok());
        entry.detail = u"kept"_s;
        QVERIFY(store().importAudit(entry).ok());
        QVERIFY(tx.commit().ok());
    }
    const auto entries = store().auditFor(u"customer"_s, 7).value();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().detail, u"kept"_s);
}

void TestPostgresStore::searchTextStaysTextWhateverTheServerDefaults()
{
    // The lists' statements carry their values written in. On a database whose default reads a
    // backslash in a string as an escape (standard_conforming_strings = off, still allowed per
    // database or role), a search text must still be only text: no row it does not match, no
    // statement of its own.
    Customer c;
    c.name = u"Victim"_s;
    const qint64 customer = store().addCustomer(c).value();
    CardToken t;
    t.customerId = customer;
    t.token = u"tok-secret-0001"_s;
    t.issuedOn = Today.addDays(-1);
    t.expiresOn = Today.addMonths(3);
    t.currency = u"QAR"_s;
    auto added = store().addToken(t);
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().toString()));
    const qint64 token = added.value();
    Payment p;
    p.orderId = u"ORD-1"_s;
    p.tokenId = token;
    p.customerId = customer;
    p.amount = Money(1000, u"QAR"_s);
    p.currency = u"QAR"_s;
    p.state = PaymentState::Approved;
    p.createdAt = p.updatedAt = at(1);
    auto imported = store().importPayment(p);
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().toString()));
    m_store.reset();
    QCOMPARE(m_backend->execRaw(u"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET "
                                "standard_conforming_strings = off', current_database()); END $$"_s),
             QString());
    auto again = m_backend->connectAgain();
    QVERIFY2(again.ok(), qPrintable(again.error().toString()));
    m_store = std::move(again).value();

    const QStringList texts{u"null || ') or true --"_s, u"x\\' or true --"_s, u"\\"_s,
                            u"null || ''); create table injected (); --"_s};
    for (const QString &text : texts) {
        PaymentQuery q;
        q.text = text;
        auto rows = store().findPayments(q);
        QVERIFY2(rows.ok(), qPrintable(text + u": "_s + (rows.ok() ? QString() : rows.error().message)));
        QVERIFY2(rows.value().isEmpty(), qPrintable(text));
        CustomerQuery cq;
        cq.text = text;
        auto found = store().findCustomers(cq);
        QVERIFY2(found.ok(), qPrintable(text));
        QVERIFY2(found.value().isEmpty(), qPrintable(text));
    }
    QVERIFY(!m_backend->execRaw(u"SELECT 1 FROM injected"_s).isEmpty()); // an error: no such table
    PaymentQuery byOrder;
    byOrder.text = u"ord-1"_s;
    QCOMPARE(store().findPayments(byOrder).value().size(), 1);
}

void TestPostgresStore::insideSearchTakesSqlitesOrder()
{
    // Past InsideCollectLimit matches a search inside the fields is listed in the order added,
    // below it sorted by the list's column: the same customers in the same order on both stores.
    // (SQLite decides by its trigram index's candidates, archived customers included, PostgreSQL
    // by the matches shown: with many archived matches the two can choose differently; see
    // docs/performance.md, "Limits on PostgreSQL".)
    test::SqliteStoreBackend sqliteBackend;
    auto sqlite = sqliteBackend.createFresh();
    QVERIFY2(sqlite.ok(), qPrintable(sqlite.error().toString()));
    for (Store *s : {sqlite.value().get(), m_store.get()}) {
        Store::Transaction tx(*s);
        QVERIFY(tx.started().ok());
        for (int i = 0; i < 2100; ++i) {
            Customer c;
            // Name order is the reverse of id order; the last 1,100 also hold "Wwvy".
            c.name = u"Qqzx %1%2"_s.arg(3000 - i, 4, 10, QChar(u'0')).arg(i >= 1000 ? u" Wwvy"_s : QString());
            c.createdAt = at(i);
            QVERIFY(s->addCustomer(c).ok());
        }
        QVERIFY(tx.commit().ok());
    }
    const std::pair<QString, QString> cases[] = {
        {u"qqzx"_s, u"Qqzx 3000"_s},      // 2,100 matches: the order added
        {u"wwvy"_s, u"Qqzx 0901 Wwvy"_s}, // 1,100: by name
    };
    for (const auto &[text, first] : cases) {
        CustomerQuery q;
        q.text = text;
        q.sort = CustomerQuery::Sort::Name;
        q.limit = 5;
        auto names = [](const QList<CustomerSummary> &rows) {
            QStringList out;
            for (const auto &r : rows)
                out << r.customer.name;
            return out;
        };
        const auto expected = sqlite.value()->findCustomers(q);
        const auto got = store().findCustomers(q);
        QVERIFY(expected.ok() && got.ok());
        QCOMPARE(names(got.value()), names(expected.value()));
        QCOMPARE(got.value().first().customer.name, first);
    }
}

void TestPostgresStore::narrowsOnlyWhatItHolds_data()
{
    QTest::addColumn<QString>("earlier");
    QTest::addColumn<QString>("later");
    QTest::addColumn<bool>("archivedLater"); // the later search includes archived customers
    QTest::addColumn<bool>("narrows");
    QTest::newRow("a character more") << u"kuwa"_s << u"kuwar"_s << false << true;
    QTest::newRow("a character before") << u"uwari"_s << u"kuwari"_s << false << true;
    QTest::newRow("case folded as the LIKE folds") << u"KUWA"_s << u"kuwari"_s << false << true;
    QTest::newRow("Arabic-Indic digits read as ASCII") << u"٥٥١"_s << u"5510"_s << false << true;
    QTest::newRow("phone digits, more of them") << u"+974 55"_s << u"+974 5510"_s << false << true;
    QTest::newRow("eight digits gain the country code") << u"5510 229"_s << u"5510 2290"_s << false << true;
    QTest::newRow("phone text then a letter") << u"5510"_s << u"5510a"_s << false << true;
    QTest::newRow("a character less (backspace)") << u"kuwari"_s << u"kuwar"_s << false << false;
    QTest::newRow("the same text: read again") << u"kuwari"_s << u"kuwari"_s << false << false;
    QTest::newRow("the same text in other letters: read again") << u"Ali@x"_s << u"ali@X"_s << false << false;
    QTest::newRow("another text") << u"kuwari"_s << u"haddad"_s << false << false;
    QTest::newRow("archived customers added") << u"kuwa"_s << u"kuwar"_s << true << false;
    QTest::newRow("from a prefix search") << u"ku"_s << u"kuw"_s << false << false;
    QTest::newRow("letters then digits: still no phone") << u"abc"_s << u"abc 551"_s << false << true;
    QTest::newRow("a text that becomes a phone") << u"-55"_s << u"-551"_s << false << false;
    QTest::newRow("a phone that stops being one") << u"551"_s << u"551-x"_s << false << true;
    QTest::newRow("LIKE's own characters") << u"50%"_s << u"50%_"_s << false << true;
}

// Whether a text's matches are all among an earlier text's, whatever the customers hold (narrows).
void TestPostgresStore::narrowsOnlyWhatItHolds()
{
    QFETCH(QString, earlier);
    QFETCH(QString, later);
    QFETCH(bool, archivedLater);
    QFETCH(bool, narrows);
    CustomerQuery before;
    before.text = earlier;
    CustomerQuery after;
    after.text = later;
    after.includeArchived = archivedLater;
    QCOMPARE(postgres::narrows(before, after), narrows);
}

// While a clerk types on, each text is collected among the last one's matches (RecentMatches): the
// very customers the same text finds when asked again, in every sort, with and without archived
// customers. Only among them: a customer another desk adds meanwhile waits for the list's next
// reading of the text (which the desk's ChangeFeed makes), while this desk's own writes, and any
// text typed after a pause, are searched afresh.
void TestPostgresStore::typingNarrowsTheLastMatches()
{
    {
        Store::Transaction tx(store());
        for (int n = 0; n < 60; ++n) {
            Customer c;
            c.name = n % 3 == 0 ? u"Sara Al-Kuwari %1"_s.arg(n) : u"Kuwaiti Trading %1"_s.arg(n);
            c.email = u"s.kuwari%1@mail.qa"_s.arg(n);
            c.phone = u"+974 5510 22%1"_s.arg(n, 2, 10, QLatin1Char('0'));
            c.reference = n % 4 == 0 ? u"KUW-%1"_s.arg(n) : u"REF-%1"_s.arg(n);
            c.archived = n % 7 == 0;
            c.createdAt = at(n);
            QVERIFY(store().addCustomer(c).ok());
        }
        QVERIFY(tx.commit().ok());
    }
    const QList<QStringList> typings{
        {u"kuw"_s, u"kuwa"_s, u"kuwar"_s, u"kuwari"_s, u"kuwari1"_s, u"kuwari1@"_s, u"kuwari1"_s, u"kuwar"_s},
        {u"KUW"_s, u"KUW-"_s, u"KUW-2"_s},
        {u"+974 55"_s, u"+974 551"_s, u"+974 5510 2"_s, u"+974 5510 22"_s, u"+974 5510 221"_s},
        {u"551"_s, u"٥٥١٠"_s, u"5510 22"_s, u"5510 2201"_s, u"5510 2201x"_s},
        {u"ari"_s, u"wari"_s, u"l-kuwari"_s, u"al-kuwari 3"_s}};
    const auto idsOf = [](const QList<CustomerSummary> &rows) {
        QList<qint64> ids;
        for (const CustomerSummary &row : rows)
            ids << row.customer.id;
        return ids;
    };
    for (const CustomerQuery::Sort sort :
         {CustomerQuery::Sort::Name, CustomerQuery::Sort::Email, CustomerQuery::Sort::ActiveTokens}) {
        for (const bool archived : {false, true}) {
            for (const QStringList &typing : typings) {
                for (const QString &text : typing) {
                    CustomerQuery q;
                    q.text = text;
                    q.sort = sort;
                    q.includeArchived = archived;
                    q.limit = 7;
                    const auto typed = store().findCustomers(q);
                    QVERIFY2(typed.ok(), qPrintable(typed.error().toString()));
                    const auto again = store().findCustomers(q); // the same text: read afresh
                    QVERIFY(again.ok());
                    QCOMPARE(idsOf(typed.value()), idsOf(again.value()));
                    QCOMPARE(!typed.value().isEmpty(), !text.contains(u'x')); // not empty lists alike
                }
            }
        }
    }

    // Only among the last matches: another desk's new customer is found when the text is read again.
    CustomerQuery q;
    q.limit = 0;
    // A customer another desk adds, by its own connection.
    const auto addedElsewhere = [&](const QString &name, const QString &email) {
        return m_backend->execRaw(u"INSERT INTO customers (name, email, phone, phone_digits, reference, notes,"
                                  " archived, created_at) VALUES ('%1', '%2', '', '', '', '', false, now())"_s
                                      .arg(name, email));
    };
    const auto found = [&](const QString &text, const QString &name) {
        q.text = text;
        for (const CustomerSummary &row : store().findCustomers(q).value()) {
            if (row.customer.name == name)
                return true;
        }
        return false;
    };
    QVERIFY(!found(u"kuwari4"_s, u"Late Kuwari"_s));
    QCOMPARE(addedElsewhere(u"Late Kuwari"_s, u"s.kuwari40@late.qa"_s), QString());
    QVERIFY(!found(u"kuwari40"_s, u"Late Kuwari"_s)); // narrowed from "kuwari4"
    QVERIFY(found(u"kuwari40"_s, u"Late Kuwari"_s));  // read again
    // This desk's own write is seen at once.
    QVERIFY(!found(u"kuwari5"_s, u"Own Kuwari"_s));
    Customer own;
    own.name = u"Own Kuwari"_s;
    own.email = u"s.kuwari50@own.qa"_s;
    own.createdAt = at(100);
    QVERIFY(store().addCustomer(own).ok());
    QVERIFY(found(u"kuwari50"_s, u"Own Kuwari"_s));
    // And so is another desk's after a pause in the typing.
    QVERIFY(!found(u"kuwari3"_s, u"Paused Kuwari"_s));
    QCOMPARE(addedElsewhere(u"Paused Kuwari"_s, u"s.kuwari30@late.qa"_s), QString());
    QTest::qWait(int(postgres::RecentMatchesMs) + 100);
    QVERIFY(found(u"kuwari30"_s, u"Paused Kuwari"_s));

    // A text typed again in other letters is read afresh too.
    QVERIFY(!found(u"kuwari7"_s, u"Cased Kuwari"_s));
    QCOMPARE(addedElsewhere(u"Cased Kuwari"_s, u"s.kuwari70@late.qa"_s), QString());
    QVERIFY(found(u"KUWARI7"_s, u"Cased Kuwari"_s));

    // Inside a transaction nothing is narrowed: an import looks a customer up, adds it, and its
    // next row (the same email in other letters, or a longer text) must find it.
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        QVERIFY(!found(u"ali@x"_s, u"Imported Ali"_s));
        Customer ali;
        ali.name = u"Imported Ali"_s;
        ali.email = u"ali@x.com"_s;
        ali.createdAt = at(200);
        QVERIFY(store().addCustomer(ali).ok());
        QVERIFY(found(u"Ali@x.com"_s, u"Imported Ali"_s));
        QVERIFY(tx.commit().ok());
    }
    // And a search made inside one is not narrowed from afterwards.
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        QVERIFY(!found(u"bilal"_s, u"Late Bilal"_s));
    } // rolled back
    QCOMPARE(addedElsewhere(u"Late Bilal"_s, u"bilal.q@late.qa"_s), QString());
    QVERIFY(found(u"bilal.q"_s, u"Late Bilal"_s));
}

// Below the cap, in a list sorted by name, email or phone, the store sorts the collected matches
// itself and reads only the page (InsideWay::Picked): byte by byte as the server's COLLATE "C"
// and SQLite's BINARY, so past U+FFFF after U+E000-U+FFFF (not as UTF-16 would), ties by id.
void TestPostgresStore::pickedPagesTakeSqlitesOrder()
{
    test::SqliteStoreBackend sqliteBackend;
    auto sqlite = sqliteBackend.createFresh();
    QVERIFY2(sqlite.ok(), qPrintable(sqlite.error().toString()));
    const QStringList starts{u"Zed"_s, u"zed"_s,           u"Émile"_s, u"émile"_s, u"\U0001F600"_s, u"\uFFFD"_s,
                             u"\uE000"_s, u"a"_s,         u"ZED"_s,   u"حداد"_s,  u"b"_s,            u"zed"_s};
    for (Store *s : {sqlite.value().get(), m_store.get()}) {
        Store::Transaction tx(*s);
        QVERIFY(tx.started().ok());
        for (qsizetype i = 0; i < starts.size(); ++i) {
            Customer c;
            const QString start = starts.at(i);
            c.name = start + u" Yyqk"_s;
            c.email = starts.at(starts.size() - 1 - i) + u".yyqk@example.com"_s;
            c.phone = u"+974 55%1"_s.arg(i % 3);
            c.archived = i == 4;
            c.createdAt = at(int(i));
            QVERIFY(s->addCustomer(c).ok());
        }
        QVERIFY(tx.commit().ok());
    }
    auto describe = [](const QList<CustomerSummary> &rows) {
        QStringList out;
        for (const CustomerSummary &row : rows)
            out << u"%1 #%2"_s.arg(row.customer.name).arg(row.customer.id);
        return out;
    };
    for (int sort = 0; sort < 5; ++sort) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            for (const bool archived : {false, true}) {
                CustomerQuery q;
                q.text = u"yyqk"_s;
                q.sort = CustomerQuery::Sort(sort);
                q.order = order;
                q.includeArchived = archived;
                q.today = Today;
                const QString what = u"sort %1 %2%3"_s.arg(sort).arg(order == Qt::AscendingOrder ? u"asc"_s : u"desc"_s,
                                                                archived ? u" +archived"_s : QString());
                const auto expected = sqlite.value()->findCustomers(q);
                QVERIFY(expected.ok());
                QCOMPARE(expected.value().size(), archived ? starts.size() : starts.size() - 1);
                QStringList paged;
                for (q.offset = 0, q.limit = 2; q.offset < starts.size(); q.offset += 2) {
                    const auto page = store().findCustomers(q);
                    QVERIFY2(page.ok(), qPrintable(page.error().toString()));
                    paged << describe(page.value());
                }
                QVERIFY2(paged == describe(expected.value()),
                         qPrintable(what + u":\n"_s + paged.join(u'\n') + u"\n--\n"_s + describe(expected.value()).join(u'\n')));
                // The page was picked here for the text columns: the statement holds its ids only.
                const auto statement = store().findCustomersStatement(q);
                QVERIFY(statement.ok());
                QCOMPARE(statement.value().sql.contains(u"OFFSET :offset"_s), sort > 2);
            }
        }
    }
}

void TestPostgresStore::messagesCarryNoRowValues()
{
    // A CHECK the row breaks: PostgreSQL's DETAIL would print the whole row, token text included.
    Customer c;
    c.name = u"Layla"_s;
    const qint64 customer = store().addCustomer(c).value();
    CardToken t;
    t.customerId = customer;
    t.token = u"tok-SECRET-9"_s;
    t.issuedOn = Today;
    t.expiresOn = Today.addMonths(3);
    t.currency = u"QAR"_s;
    QVERIFY(store().addToken(t).ok());
    QVERIFY(m_backend->execRaw(u"ALTER TABLE card_tokens ADD CONSTRAINT no_more CHECK (label <> 'refused')"_s)
                .isEmpty());
    t.token = u"tok-SECRET-10"_s;
    t.label = u"refused"_s;
    auto refused = store().addToken(t);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::Validation);
    QVERIFY2(!refused.error().message.contains(u"SECRET"_s), qPrintable(refused.error().message));
}

// --- the same answers as SQLite -----------------------------------------------------------------

void TestPostgresStore::seed(Store &s)
{
    struct Person
    {
        QString name, email, phone, reference;
        bool archived;
    };
    const Person people[] = {
        {u"Alice Smith"_s, u"a.smith@example.qa"_s, u"+974 5550 1234"_s, u"QA-001"_s, false},
        {u"bob jones"_s, u"BOB@example.qa"_s, u"5551 9999"_s, u"ALI-77"_s, false},
        {u"Carol"_s, u"carol@example.qa"_s, u"+974 6666 0000"_s, u"X-9"_s, true},
        {u"Alina"_s, u"alina@mail.qa"_s, u"3333"_s, QString(), false},
        {u"علي حسن"_s, u"ali.hassan@example.qa"_s, u"7777"_s, QString(), false},
        {u"bob_builder"_s, u"builder@example.qa"_s, u"8888"_s, u"B-1"_s, false},
        {u"Omar Khalid Haddad"_s, u"omar.k@fatora-mail.qa"_s, u"+974 6610 2290"_s, u"CUST-0042"_s, false},
        {u"محمد عبدالله الحداد"_s, u"m.haddad@example.qa"_s, u"٣٣٤٤ ٥٥٦٦"_s, QString(), false},
        {u"Layla Nasser"_s, u"layla@mail.qa"_s, u"(00974) 7012-3456"_s, QString(), false},
        {u"alice smith"_s, QString(), QString(), QString(), false}, // ties with Alice Smith, folded
        {u"Émile Zola"_s, u"emile@example.fr"_s, QString(), u"FR-1"_s, false},
        {u"_under"_s, QString(), QString(), QString(), false},
    };
    QList<qint64> tokens;
    int n = 0;
    for (const Person &p : people) {
        Customer c;
        c.name = p.name;
        c.email = p.email;
        c.phone = p.phone;
        c.reference = p.reference;
        c.archived = p.archived;
        c.createdAt = at(n);
        const qint64 id = s.addCustomer(c).value();
        for (int k = 0; k < 2; ++k) {
            CardToken t;
            t.customerId = id;
            t.token = u"tok-%1-%2"_s.arg(n).arg(k);
            t.label = u"Card %1"_s.arg(k);
            // An expired card was issued a month before it expired (CustomerRules refuses an expiry
            // on or before the issue date).
            const bool expired = n % 3 == 0 && k == 1;
            t.issuedOn = Today.addDays(-10 * (n % 4) - k - (expired ? 30 : 0));
            t.expiresOn = expired ? Today.addDays(-1) : Today.addMonths(2);
            t.status = n % 5 == 4 && k == 0 ? TokenStatus::Deactivated : TokenStatus::Active;
            t.currency = u"QAR"_s;
            if (n % 2 == 0)
                t.firstAmount = Money(1000 + n, u"QAR"_s);
            auto added = s.addToken(t);
            QVERIFY2(added.ok(), qPrintable(added.error().toString()));
            tokens << added.value();
        }
        ++n;
    }
    // Customers without cards or charges: no last charge to sort on.
    for (const QString &name : {u"Zed Nobody"_s, u"aaron none"_s}) {
        Customer c;
        c.name = name;
        c.createdAt = at(n++);
        QVERIFY(s.addCustomer(c).ok());
    }
    const PaymentState states[] = {PaymentState::Approved, PaymentState::Declined, PaymentState::Approved,
                                   PaymentState::Rejected, PaymentState::NotSent,  PaymentState::Approved};
    for (int i = 0; i < 30; ++i) {
        const qint64 token = tokens.at((i * 7) % tokens.size());
        Payment p;
        p.orderId = i % 4 == 0 ? u"ord-%1"_s.arg(i, 3, 10, QLatin1Char('0'))
                               : u"ORD-%1"_s.arg(i, 3, 10, QLatin1Char('0'));
        p.tokenId = token;
        p.customerId = s.token(token).value().customerId;
        if (i % 5 != 0)
            p.amount = Money(100 * (i % 7 + 1), i % 6 == 0 ? u"KWD"_s : u"QAR"_s);
        p.currency = p.amount ? p.amount->currency() : u"QAR"_s;
        if (!p.amount && i % 2 == 0)
            p.expectedAmount = Money(4200, u"QAR"_s);
        p.state = states[i % 6];
        p.transactionId = p.state == PaymentState::Approved ? u"TX-%1-AbC"_s.arg(i) : QString();
        p.description = i % 3 == 0 ? u"Monthly plan – خطة"_s : u"Top-up 100%"_s;
        p.createdAt = at(i % 10 == 0 ? 60 : i * 37); // a few share one instant
        p.updatedAt = p.createdAt;
        if (p.state == PaymentState::Approved && i % 4 == 2)
            p.refundState = RefundState::Refunded;
        QVERIFY(s.insertPayment(p).ok());
    }
    // One open charge (pending) and one unknown, on cards without another.
    for (int i = 0; i < 2; ++i) {
        Payment p;
        p.orderId = u"OPEN-%1"_s.arg(i);
        p.tokenId = tokens.at(1 + i * 2);
        p.customerId = s.token(p.tokenId).value().customerId;
        p.amount = Money(777, u"QAR"_s);
        p.currency = u"QAR"_s;
        p.state = i == 0 ? PaymentState::Pending : PaymentState::Unknown;
        p.createdAt = at(900 + i);
        p.updatedAt = p.createdAt;
        QVERIFY(s.insertPayment(p).ok());
    }
}

bool TestPostgresStore::seedBoth()
{
    if (m_postgresSeeded)
        return m_seeded; // a seed that failed once fails every row that needs it
    auto sqlite = m_sqliteBackend.createFresh();
    if (!sqlite.ok())
        return false;
    m_sqliteSeeded = std::move(sqlite).value();
    m_seededBackend = std::make_unique<test::PostgresStoreBackend>(m_adminUrl);
    auto postgres = m_seededBackend->createFresh();
    if (!postgres.ok())
        return false;
    m_postgresSeeded = std::move(postgres).value();
    seed(*m_sqliteSeeded);
    seed(*m_postgresSeeded);
    m_seeded = !QTest::currentTestFailed();
    return m_seeded;
}

void TestPostgresStore::customersAnswerAsSqlite_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("archived");
    QTest::addColumn<int>("sort");
    QTest::addColumn<int>("order");
    const QStringList texts{QString(),
                            u"al"_s,
                            u"AL"_s,
                            u"عل"_s,
                            u"ha"_s,
                            u"ali"_s,
                            u"HADDAD"_s,
                            u"had"_s,
                            u"khalid hadd"_s,
                            u"حداد"_s,
                            u"a.smith@"_s,
                            u"example"_s,
                            u"cust-0042"_s,
                            u"٠٠٤٢"_s,
                            u"6610"_s,
                            u"+974 6610 2290"_s,
                            u"0097466102290"_s,
                            u"۶۶۱۰۲۲"_s,
                            u"3344 55"_s,
                            u"+974 5551 99"_s,
                            u"7012 3456"_s,
                            u"+974"_s,
                            u"a555"_s,
                            u"carol"_s,
                            u"%"_s,
                            u"a%h"_s,
                            u"bob_"_s,
                            u"_"_s,
                            u"o\"ma"_s,
                            u"émile"_s,
                            u"ÉMILE"_s,
                            u"  alina "_s,
                            u"qa-0"_s};
    for (const QString &text : texts) {
        for (bool archived : {false, true})
            QTest::addRow("'%s'%s", qPrintable(text), archived ? " +archived" : "")
                << text << archived << int(CustomerQuery::Sort::Name) << int(Qt::AscendingOrder);
    }
    const char *sorts[] = {"name", "email", "phone", "active tokens", "last charge"};
    for (int sort = 0; sort < 5; ++sort) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            QTest::addRow("everyone by %s %s", sorts[sort], order == Qt::AscendingOrder ? "asc" : "desc")
                << QString() << true << sort << int(order);
            // Inside the fields, each sort: the text columns' pages are picked by the store.
            for (const QString &text : {u"ali"_s, u"example"_s, u"6610"_s})
                QTest::addRow("'%s' by %s %s", qPrintable(text), sorts[sort],
                              order == Qt::AscendingOrder ? "asc" : "desc")
                    << text << true << sort << int(order);
        }
    }
}

void TestPostgresStore::customersAnswerAsSqlite()
{
    QFETCH(QString, text);
    QFETCH(bool, archived);
    QFETCH(int, sort);
    QFETCH(int, order);
    QVERIFY(seedBoth());
    Store &sqlite = *m_sqliteSeeded;
    Store &postgres = *m_postgresSeeded;
    CustomerQuery q;
    q.text = text;
    q.includeArchived = archived;
    q.sort = CustomerQuery::Sort(sort);
    q.order = Qt::SortOrder(order);
    q.today = Today;
    auto describe = [](const QList<CustomerSummary> &rows) {
        QStringList out;
        for (const CustomerSummary &row : rows)
            out << u"%1 #%2 tokens=%3 last=%4"_s.arg(row.customer.name)
                       .arg(row.customer.id)
                       .arg(row.activeTokens)
                       .arg(row.lastChargeAt.toString(Qt::ISODateWithMs));
        return out;
    };
    const auto expected = sqlite.findCustomers(q);
    const auto got = postgres.findCustomers(q);
    QVERIFY2(got.ok(), qPrintable(got.error().toString()));
    QCOMPARE(describe(got.value()), describe(expected.value()));
    QCOMPARE(postgres.countCustomers(q).value(), sqlite.countCustomers(q).value());
    // Pages put together give the same list.
    QStringList paged;
    for (q.offset = 0, q.limit = 3; q.offset < 20; q.offset += 3)
        paged << describe(postgres.findCustomers(q).value());
    QCOMPARE(paged, describe(expected.value()));
}

void TestPostgresStore::paymentsAnswerAsSqlite_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("sort");
    QTest::addColumn<int>("order");
    const QStringList filters{u"all"_s,     u"approved"_s, u"refunded"_s, u"in progress"_s, u"not refunded"_s,
                              u"day"_s,     u"customer"_s, u"token"_s,    u"text ord"_s,    u"text abc"_s,
                              u"text ab"_s, u"text %"_s,   u"text خطة"_s, u"text x"_s};
    const char *sorts[] = {"created", "amount", "state", "customer", "order id"};
    for (const QString &filter : filters) {
        for (int sort = 0; sort < 5; ++sort) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder})
                QTest::addRow("%s by %s %s", qPrintable(filter), sorts[sort],
                              order == Qt::AscendingOrder ? "asc" : "desc")
                    << filter << sort << int(order);
        }
    }
}

void TestPostgresStore::paymentsAnswerAsSqlite()
{
    QFETCH(QString, filter);
    QFETCH(int, sort);
    QFETCH(int, order);
    QVERIFY(seedBoth());
    Store &sqlite = *m_sqliteSeeded;
    Store &postgres = *m_postgresSeeded;
    PaymentQuery q;
    q.sort = PaymentQuery::Sort(sort);
    q.order = Qt::SortOrder(order);
    if (filter == u"approved"_s)
        q.state = PaymentState::Approved;
    else if (filter == u"refunded"_s)
        q.refund = PaymentQuery::Refund::Refunded;
    else if (filter == u"in progress"_s)
        q.refund = PaymentQuery::Refund::InProgress;
    else if (filter == u"not refunded"_s)
        q.refund = PaymentQuery::Refund::NotRefunded;
    else if (filter == u"day"_s)
        q.from = q.to = at(300).toLocalTime().date();
    else if (filter == u"customer"_s)
        q.customerId = 7;
    else if (filter == u"token"_s)
        q.tokenId = 8;
    else if (filter.startsWith(u"text "_s))
        q.text = filter.mid(5);
    auto describe = [](const QList<PaymentRow> &rows) {
        QStringList out;
        for (const PaymentRow &row : rows)
            out << u"%1 %2 %3 %4 %5 %6"_s.arg(
                row.payment.orderId, row.customerName, row.tokenLabel, row.tokenMask,
                row.payment.createdAt.toString(Qt::ISODateWithMs),
                row.payment.amount ? QString::number(row.payment.amount->minorUnits()) : u"-"_s);
        return out;
    };
    const auto expected = sqlite.findPayments(q);
    const auto got = postgres.findPayments(q);
    QVERIFY2(got.ok(), qPrintable(got.error().toString()));
    QCOMPARE(describe(got.value()), describe(expected.value()));
    QCOMPARE(postgres.countPayments(q).value(), sqlite.countPayments(q).value());
    QStringList paged;
    for (q.offset = 0, q.limit = 7; q.offset < 40; q.offset += 7)
        paged << describe(postgres.findPayments(q).value());
    QCOMPARE(paged, describe(expected.value()));

    // Totals, per currency, field by field.
    const PaymentTotals mine = postgres.paymentTotals(q).value();
    const PaymentTotals theirs = sqlite.paymentTotals(q).value();
    QCOMPARE(mine.payments, theirs.payments);
    QCOMPARE(mine.currencies.size(), theirs.currencies.size());
    for (qsizetype i = 0; i < mine.currencies.size(); ++i) {
        const PaymentCurrencyTotal &a = mine.currencies.at(i);
        const PaymentCurrencyTotal &b = theirs.currencies.at(i);
        QCOMPARE(a.currency, b.currency);
        QCOMPARE(QList<qint64>({a.payments, a.approved, a.approvedMinor, a.approvedExpected,
                                a.approvedWithoutFigure, a.refunded, a.refundedMinor, a.open, a.openMinor,
                                a.openWithoutFigure}),
                 QList<qint64>({b.payments, b.approved, b.approvedMinor, b.approvedExpected,
                                b.approvedWithoutFigure, b.refunded, b.refundedMinor, b.open, b.openMinor,
                                b.openWithoutFigure}));
    }
}

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "tst_postgresstore.moc"
