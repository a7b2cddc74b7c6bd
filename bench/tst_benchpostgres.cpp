// The benchmarks on PostgreSQL (issue 12): the dataset generator's COPY path gives exactly the rows
// of its SQLite path (ids, figures and scrubbed bodies included), and every benchmark runs on a
// server. A throw-away server of the test's own (PostgresTestServer); FATORA_TEST_POSTGRES=off
// skips it all.

#include "DatasetGenerator.h"
#include "PostgresTestServer.h"
#include "store/StoreLocation.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace fatora;

namespace {

QString money(const std::optional<Money> &m)
{
    return m ? QString::number(m->minorUnits()) + m->currency() : u"-"_s;
}

QString time(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : u"-"_s;
}

QString row(const CustomerSummary &s)
{
    const Customer &c = s.customer;
    return QStringList{QString::number(c.id),
                       c.name,
                       c.email,
                       c.phone,
                       c.reference,
                       c.notes,
                       c.archived ? u"archived"_s : u"-"_s,
                       time(c.createdAt),
                       QString::number(s.activeTokens),
                       time(s.lastChargeAt)}
        .join(u'|');
}

QString row(const CardToken &t)
{
    return QStringList{QString::number(t.id),
                       QString::number(t.customerId),
                       t.token,
                       t.label,
                       t.issuedOn.toString(Qt::ISODate),
                       t.expiresOn.toString(Qt::ISODate),
                       money(t.firstAmount),
                       t.currency,
                       tokenStatusName(t.status),
                       time(t.statusChangedAt),
                       time(t.lastUsedAt),
                       time(t.createdAt)}
        .join(u'|');
}

QString row(const PaymentRow &r)
{
    const Payment &p = r.payment;
    return QStringList{QString::number(p.id),
                       p.orderId,
                       QString::number(p.tokenId),
                       QString::number(p.customerId),
                       money(p.amount),
                       p.currency,
                       paymentStateName(p.state),
                       p.gatewayStatus,
                       p.statusCode,
                       p.transactionId,
                       p.authCode,
                       p.mode,
                       p.description,
                       QString::number(p.httpStatus),
                       p.errorText,
                       p.requestBody,
                       p.responseBody,
                       p.operatorName,
                       p.note,
                       time(p.createdAt),
                       time(p.updatedAt),
                       time(p.lastCheckedAt),
                       refundStateName(p.refundState),
                       p.refundStatus,
                       time(p.refundedAt),
                       r.customerName,
                       r.tokenLabel,
                       r.tokenMask}
        .join(u'|');
}

QString row(const PaymentTotals &totals)
{
    QStringList out{QString::number(totals.payments)};
    for (const PaymentCurrencyTotal &t : totals.currencies)
        out << QStringList{t.currency,
                           QString::number(t.payments),
                           QString::number(t.approved),
                           QString::number(t.approvedMinor),
                           QString::number(t.approvedExpected),
                           QString::number(t.approvedWithoutFigure),
                           QString::number(t.refunded),
                           QString::number(t.refundedMinor),
                           QString::number(t.open),
                           QString::number(t.openMinor),
                           QString::number(t.openWithoutFigure)}
                   .join(u',');
    return out.join(u'|');
}

template <typename T> QStringList rows(const QList<T> &list)
{
    QStringList out;
    for (const T &item : list)
        out << row(item);
    return out;
}

} // namespace

class TestBenchPostgres : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sameRowsAsSqlite();
    void secondFillRefused();
    void everyBenchmarkRuns();

private:
    QString databaseUrl(const QString &name) const;
    // A QPSQL connection (not yet open) to a postgresql:// URL.
    static QSqlDatabase connection(const QString &connectionName, const QString &url);
    void admin(const QString &sql);

    QString m_adminUrl;
    QStringList m_databases;
    QTemporaryDir m_dir;
};

void TestBenchPostgres::initTestCase()
{
    if (!test::PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    auto url = test::PostgresTestServer::adminUrl();
    QVERIFY2(url.ok(), qPrintable(url.error().toString()));
    m_adminUrl = url.value();
    QVERIFY(m_dir.isValid());
    QSqlDatabase db = connection(u"bench-test-admin"_s, m_adminUrl);
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
}

QSqlDatabase TestBenchPostgres::connection(const QString &connectionName, const QString &url)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    const QUrl parsed(url);
    db.setHostName(parsed.host());
    db.setPort(parsed.port(5432));
    db.setDatabaseName(parsed.path().mid(1));
    db.setUserName(parsed.userName());
    db.setPassword(parsed.password());
    return db;
}

void TestBenchPostgres::cleanupTestCase()
{
    if (!QSqlDatabase::contains(u"bench-test-admin"_s))
        return;
    for (const QString &name : std::as_const(m_databases))
        admin(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(name));
    QSqlDatabase::database(u"bench-test-admin"_s, false).close();
    QSqlDatabase::removeDatabase(u"bench-test-admin"_s);
}

void TestBenchPostgres::admin(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(u"bench-test-admin"_s, false));
    QVERIFY2(q.exec(sql), qPrintable(sql + u": "_s + q.lastError().text()));
}

QString TestBenchPostgres::databaseUrl(const QString &name) const
{
    QUrl url(m_adminUrl);
    url.setPath(u'/' + name);
    return url.toString();
}

void TestBenchPostgres::sameRowsAsSqlite()
{
    const QString name = u"fatora_bench_same_%1"_s.arg(QCoreApplication::applicationPid());
    admin(u"CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8'"_s.arg(name));
    m_databases << name;
    bench::DatasetGenerator::Options options;
    options.customers = 2500; // "cust-" is in every reference: past the 2,000 matches of the "added" way
    options.seed = 11;
    options.until = QDate(2026, 6, 30);
    const QString file = m_dir.filePath(u"same.sqlite"_s);
    auto sqlite = bench::DatasetGenerator(options).generate(file);
    QVERIFY2(sqlite.ok(), qPrintable(sqlite.error().toString()));
    auto postgres = bench::DatasetGenerator(options).generate(databaseUrl(name));
    QVERIFY2(postgres.ok(), qPrintable(postgres.error().toString()));
    QCOMPARE(postgres->customers, sqlite->customers);
    QCOMPARE(postgres->tokens, sqlite->tokens);
    QCOMPARE(postgres->payments, sqlite->payments);
    QVERIFY(sqlite->payments > 1000);
    {
        // The bulk write rebuilt the indexes: schema 8's statistics target came back with them.
        QSqlDatabase raw = connection(u"bench-test-raw"_s, databaseUrl(name));
        QVERIFY2(raw.open(), qPrintable(raw.lastError().text()));
        QSqlQuery q(raw);
        QVERIFY(q.exec(u"SELECT attstattarget FROM pg_attribute"
                       " WHERE attrelid = 'customers_text_trgm'::regclass AND attnum = 1"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1000);
        q.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase(u"bench-test-raw"_s);

    auto a = StoreLocation::open(file);
    QVERIFY2(a.ok(), qPrintable(a.error().toString()));
    auto b = StoreLocation::open(databaseUrl(name));
    QVERIFY2(b.ok(), qPrintable(b.error().toString()));
    Store &lite = *a.value();
    Store &server = *b.value();

    // Customers with the figures the triggers keep: the list sorted by each of them must agree.
    for (const CustomerQuery::Sort sort :
         {CustomerQuery::Sort::Name, CustomerQuery::Sort::ActiveTokens, CustomerQuery::Sort::LastCharge}) {
        CustomerQuery everyone;
        everyone.includeArchived = true;
        everyone.limit = 0;
        everyone.sort = sort;
        everyone.order = Qt::DescendingOrder;
        everyone.today = options.until.addDays(-20);
        auto x = lite.findCustomers(everyone);
        auto y = server.findCustomers(everyone);
        QVERIFY(x.ok() && y.ok());
        QCOMPARE(y->size(), options.customers);
        QCOMPARE(rows(y.value()), rows(x.value()));
    }
    // Searches as the desk types them, both ways of listing: few matches in the list's order, a
    // text in every reference (2,000 matches or more) in the order the customers were added.
    for (const QString &text : {u"m"_s, u"+9"_s, u"مح"_s, u"moh"_s, u"haddad"_s, u"cust-"_s, u"5510"_s}) {
        for (const CustomerQuery::Sort sort : {CustomerQuery::Sort::Name, CustomerQuery::Sort::LastCharge}) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                CustomerQuery q;
                q.text = text;
                q.sort = sort;
                q.order = order;
                q.limit = 64;
                q.offset = 64;
                q.today = options.until;
                auto x = lite.findCustomers(q);
                auto y = server.findCustomers(q);
                QVERIFY(x.ok() && y.ok());
                QVERIFY2(rows(y.value()) == rows(x.value()), qPrintable(text));
            }
        }
    }
    TokenQuery tokens;
    tokens.limit = 0;
    auto tx = lite.findTokens(tokens);
    auto ty = server.findTokens(tokens);
    QVERIFY(tx.ok() && ty.ok());
    QCOMPARE(ty->size(), sqlite->tokens);
    QCOMPARE(rows(ty.value()), rows(tx.value()));
    PaymentQuery payments;
    payments.limit = 0;
    auto px = lite.findPayments(payments);
    auto py = server.findPayments(payments);
    QVERIFY(px.ok() && py.ok());
    QCOMPARE(py->size(), sqlite->payments);
    QCOMPARE(rows(py.value()), rows(px.value()));

    // The history's totals: PostgreSQL sums the per-hour figures the bulk writer filled in one
    // statement, SQLite those its triggers kept row by row.
    for (int filter = 0; filter < 5; ++filter) {
        PaymentQuery q;
        if (filter == 1) {
            q.state = PaymentState::Approved;
            q.from = options.until.addDays(-30);
        } else if (filter == 2) {
            q.state = PaymentState::Declined;
        } else if (filter == 3) {
            q.refund = PaymentQuery::Refund::Refunded;
        } else if (filter == 4) {
            q.from = options.until.addDays(-200);
            q.to = options.until.addDays(-100);
        }
        auto x = lite.paymentTotals(q);
        auto y = server.paymentTotals(q);
        QVERIFY(x.ok() && y.ok());
        QCOMPARE(row(y.value()), row(x.value()));
    }

    // The next row written the ordinary way gets the next id.
    Customer extra;
    extra.name = u"After the bulk write"_s;
    auto id = server.addCustomer(extra);
    QVERIFY2(id.ok(), qPrintable(id.error().toString()));
    QCOMPARE(id.value(), qint64(options.customers + 1));
}

void TestBenchPostgres::secondFillRefused()
{
    const QString name = u"fatora_bench_second_%1"_s.arg(QCoreApplication::applicationPid());
    admin(u"CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8'"_s.arg(name));
    m_databases << name;
    bench::DatasetGenerator::Options options;
    options.customers = 30;
    QVERIFY(bench::DatasetGenerator(options).generate(databaseUrl(name)).ok());
    auto again = bench::DatasetGenerator(options).generate(databaseUrl(name));
    QVERIFY(!again.ok());
    QVERIFY2(again.error().message.contains(u"empty"_s), qPrintable(again.error().toString()));
    // Refused untouched: the indexes dropped for a bulk write are back (one transaction).
    auto store = StoreLocation::open(databaseUrl(name));
    QVERIFY(store.ok());
    auto counts = store.value()->counts();
    QVERIFY(counts.ok());
    QCOMPARE(counts->customers, qint64(30));
}

void TestBenchPostgres::everyBenchmarkRuns()
{
    const QString name = u"fatora_bench_run_%1"_s.arg(QCoreApplication::applicationPid());
    admin(u"CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8'"_s.arg(name));
    m_databases << name << name + u"_scratch"_s;
    QProcess generate;
    generate.setProcessChannelMode(QProcess::MergedChannels);
    generate.start(QStringLiteral(GENERATE_PATH),
                   {u"--customers"_s, u"200"_s, u"--seed"_s, u"3"_s, u"--database"_s, databaseUrl(name)});
    QVERIFY(generate.waitForFinished(120'000));
    QVERIFY2(generate.exitCode() == 0, generate.readAll().constData());

    QProcess bench;
    bench.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    bench.setProcessEnvironment(env);
    bench.start(QStringLiteral(BENCH_PATH),
                {u"--database"_s, databaseUrl(name), u"--quick"_s, u"--only"_s, QStringLiteral(BENCH_ONLY)});
    QVERIFY(bench.waitForFinished(280'000));
    const QString out = QString::fromUtf8(bench.readAllStandardOutput());
    QVERIFY2(bench.exitCode() == 0, qPrintable(out));
    for (const QString &id : QStringLiteral(BENCH_FIGURES).split(u','))
        QVERIFY2(out.contains(u"\n| "_s + id + u' '), qPrintable(u"figure "_s + id + u" missing:\n"_s + out));
    QVERIFY2(!out.contains(u"\n| 6h "_s), "6h times a file's disk, not a server's");
    QVERIFY(out.contains(u"Dataset (PostgreSQL)"_s));
    if (QStringLiteral(BENCH_ONLY).contains(u"live"_s)) {
        // The live desks table: the link cut and back, and a column over a link 20 ms each way.
        for (const QString &id : {u"L3"_s, u"L4"_s})
            QVERIFY2(out.contains(u"\n| "_s + id + u' '), qPrintable(u"figure "_s + id + u" missing:\n"_s + out));
        QVERIFY2(out.contains(u"PostgreSQL + 20 ms each way"_s), qPrintable(out));
    }
}

QTEST_GUILESS_MAIN(TestBenchPostgres)
#include "tst_benchpostgres.moc"
