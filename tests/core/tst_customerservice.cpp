// CustomerService and CustomerRules: the one way customers and card tokens come in (desk, CLI, CSV).

#include "customers/CustomerRules.h"
#include "customers/CustomerService.h"
#include "domain/AuditEntry.h"
#include "domain/Clock.h"
#include "TestSupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;

class TestCustomerService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void emailRule_data();
    void emailRule();
    void phoneRule_data();
    void phoneRule();
    void tokenRules_data();
    void tokenRules();

    void addCustomerTrimsSavesAndAuditsOnce();
    void addCustomerRefusesBadFieldsAndSavesNothing_data();
    void addCustomerRefusesBadFieldsAndSavesNothing();
    void referenceBelongsToOneCustomer();
    void oldRecordWithBadEmailCanStillBeArchived();
    void changedEmailMustBeValid();
    void archiveIsAuditedOnce();
    void addTokenSavesByteForByteAndAudits();
    void addTokenRefusesDuplicateNamingOnlyTheMask();
    void addTokenToMissingCustomerIsNotFound();
    void addTokenIssuedInTheFutureRefused();
    void importOriginKeepsItsVerb();
    void failedAuditSavesNothing();

private:
    QStringList actions(const QString &type, qint64 id);

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<CustomerService> m_service;
    const ChangeOrigin m_desk{u"Layla"_s, ChangeOrigin::Way::Desk};
};

void TestCustomerService::init()
{
    m_db = std::make_unique<TempDatabase>();
    m_clock = std::make_unique<ManualClock>(fixedNow());
    m_service = std::make_unique<CustomerService>(m_db->store(), *m_clock);
}

void TestCustomerService::cleanup()
{
    m_service.reset();
    m_db.reset();
}

QStringList TestCustomerService::actions(const QString &type, qint64 id)
{
    QStringList list;
    for (const AuditEntry &e : m_db->store().auditFor(type, id).value())
        list << e.action;
    return list;
}

void TestCustomerService::emailRule_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("ok");
    QTest::newRow("empty is allowed") << QString() << true;
    QTest::newRow("plain") << u"layla@example.qa"_s << true;
    QTest::newRow("subdomain and plus") << u"l.h+bills@mail.example.qa"_s << true;
    QTest::newRow("no at") << u"layla.example.qa"_s << false;
    QTest::newRow("no domain dot") << u"layla@localhost"_s << false;
    QTest::newRow("space inside") << u"lay la@example.qa"_s << false;
    QTest::newRow("two ats") << u"a@b@example.qa"_s << false;
    QTest::newRow("only an at") << u"@"_s << false;
}

void TestCustomerService::emailRule()
{
    QFETCH(QString, email);
    QFETCH(bool, ok);
    QCOMPARE(CustomerRules::checkEmail(email).ok(), ok);
    if (!ok)
        QCOMPARE(CustomerRules::checkEmail(email).error().field, u"email"_s);
}

void TestCustomerService::phoneRule_data()
{
    QTest::addColumn<QString>("phone");
    QTest::addColumn<bool>("ok");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("international") << u"+974 6610 2290"_s << true;
    QTest::newRow("arabic-indic digits") << u"٦٦١٠٢٢٩٠"_s << true;
    QTest::newRow("brackets and dashes") << u"(974) 6610-2290"_s << true;
    QTest::newRow("letters") << u"call me"_s << false;
    QTest::newRow("two digits") << u"+12"_s << false;
}

void TestCustomerService::phoneRule()
{
    QFETCH(QString, phone);
    QFETCH(bool, ok);
    QCOMPARE(CustomerRules::checkPhone(phone).ok(), ok);
}

void TestCustomerService::tokenRules_data()
{
    QTest::addColumn<int>("expiresAfterDays");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<qint64>("firstMinor");
    QTest::addColumn<QString>("firstCurrency");
    QTest::addColumn<QString>("field");
    QTest::newRow("fine") << 90 << u"QAR"_s << qint64(100) << u"QAR"_s << QString();
    QTest::newRow("expires on the issue day") << 0 << u"QAR"_s << qint64(0) << QString() << u"expires"_s;
    QTest::newRow("expires before issue") << -1 << u"QAR"_s << qint64(0) << QString() << u"expires"_s;
    QTest::newRow("expires after six months") << 200 << u"QAR"_s << qint64(0) << QString() << u"expires"_s;
    QTest::newRow("unknown currency") << 90 << u"XYZ"_s << qint64(0) << QString() << u"currency"_s;
    QTest::newRow("first amount in another currency")
        << 90 << u"QAR"_s << qint64(100) << u"KWD"_s << u"first_amount"_s;
}

void TestCustomerService::tokenRules()
{
    QFETCH(int, expiresAfterDays);
    QFETCH(QString, currency);
    QFETCH(qint64, firstMinor);
    QFETCH(QString, firstCurrency);
    QFETCH(QString, field);
    CardToken t;
    t.token = u"tok+/\\|="_s;
    t.issuedOn = QDate(2026, 11, 1);
    t.expiresOn = t.issuedOn.addDays(expiresAfterDays);
    t.currency = currency;
    if (firstMinor > 0)
        t.firstAmount = Money(firstMinor, firstCurrency);
    const QList<Error> problems = CustomerRules::checkToken(t);
    if (field.isEmpty()) {
        QVERIFY(problems.isEmpty());
    } else {
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().field, field);
        QCOMPARE(problems.first().kind, ErrorKind::Validation);
    }
}

void TestCustomerService::addCustomerTrimsSavesAndAuditsOnce()
{
    Customer c;
    c.name = u"  Layla Haddad  "_s;
    c.email = u" layla@example.qa "_s;
    c.reference = u" C-7 "_s;
    auto id = m_service->addCustomer(c, m_desk);
    QVERIFY2(id.ok(), qPrintable(id.error().toString()));
    const Customer saved = m_db->store().customer(id.value()).value();
    QCOMPARE(saved.name, u"Layla Haddad"_s);
    QCOMPARE(saved.email, u"layla@example.qa"_s);
    QCOMPARE(saved.reference, u"C-7"_s);
    QCOMPARE(saved.createdAt, fixedNow());
    const QList<AuditEntry> audit = m_db->store().auditFor(u"customer"_s, id.value()).value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, u"customer.added"_s);
    QCOMPARE(audit.first().operatorName, u"Layla"_s);
}

void TestCustomerService::addCustomerRefusesBadFieldsAndSavesNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("field");
    QTest::newRow("no name") << u"  "_s << QString() << QString() << u"name"_s;
    QTest::newRow("desk used to accept this email")
        << u"Ali"_s << u"ali@localhost"_s << QString() << u"email"_s;
    QTest::newRow("bad phone") << u"Ali"_s << QString() << u"n/a"_s << u"phone"_s;
    QTest::newRow("control character") << u"Ali\x1b[31m"_s << QString() << QString() << u"name"_s;
}

void TestCustomerService::addCustomerRefusesBadFieldsAndSavesNothing()
{
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, phone);
    QFETCH(QString, field);
    Customer c;
    c.name = name;
    c.email = email;
    c.phone = phone;
    auto id = m_service->addCustomer(c, m_desk);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().field, field);
    QCOMPARE(id.error().kind, ErrorKind::Validation);
    QCOMPARE(m_db->store().countCustomers(CustomerQuery{}).value(), 0);
}

void TestCustomerService::referenceBelongsToOneCustomer()
{
    Customer a;
    a.name = u"Omar"_s;
    a.reference = u"C-1"_s;
    const qint64 omar = m_service->addCustomer(a, m_desk).value();
    Customer b;
    b.name = u"Sara"_s;
    b.reference = u"C-1"_s;
    auto taken = m_service->addCustomer(b, m_desk);
    QVERIFY(!taken.ok());
    QCOMPARE(taken.error().field, u"reference"_s);
    QCOMPARE(taken.error().kind, ErrorKind::Conflict);
    QVERIFY(taken.error().message.contains(u"Omar"_s));
    // Saving Omar again with his own reference is fine.
    Customer again = m_db->store().customer(omar).value();
    again.notes = u"VIP"_s;
    QVERIFY(m_service->updateCustomer(again, m_desk).ok());
}

void TestCustomerService::oldRecordWithBadEmailCanStillBeArchived()
{
    // A record saved before the email rule (straight into the store).
    Customer old;
    old.name = u"Legacy"_s;
    old.email = u"legacy@localhost"_s;
    const qint64 id = m_db->store().addCustomer(old).value();
    QVERIFY(m_service->archiveCustomer(id, m_desk).ok());
    QVERIFY(m_db->store().customer(id).value().archived);
    Customer renamed = m_db->store().customer(id).value();
    renamed.name = u"Legacy Two"_s;
    QVERIFY(m_service->updateCustomer(renamed, m_desk).ok());
}

void TestCustomerService::changedEmailMustBeValid()
{
    Customer c;
    c.name = u"Omar"_s;
    const qint64 id = m_service->addCustomer(c, m_desk).value();
    Customer changed = m_db->store().customer(id).value();
    changed.email = u"omar at example"_s;
    auto r = m_service->updateCustomer(changed, m_desk);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().field, u"email"_s);
    QCOMPARE(m_db->store().customer(id).value().email, QString());
    QCOMPARE(actions(u"customer"_s, id), QStringList{u"customer.added"_s});
}

void TestCustomerService::archiveIsAuditedOnce()
{
    Customer c;
    c.name = u"Omar"_s;
    const qint64 id = m_service->addCustomer(c, m_desk).value();
    QVERIFY(m_service->archiveCustomer(id, m_desk).ok());
    QVERIFY(m_service->archiveCustomer(id, m_desk).ok()); // already archived: nothing more
    QCOMPARE(actions(u"customer"_s, id), (QStringList{u"customer.added"_s, u"customer.archived"_s}));
}

void TestCustomerService::addTokenSavesByteForByteAndAudits()
{
    const qint64 customer = addCustomer(m_db->store(), u"Layla"_s);
    CardToken t;
    t.customerId = customer;
    t.token = u" tok+/\\|=9Xq"_s.mid(1);
    t.label = u"  Visa  "_s;
    t.issuedOn = m_clock->today();
    t.currency = u"qar"_s;
    t.firstAmount = Money(12345, u"QAR"_s);
    auto id = m_service->addToken(t, ChangeOrigin(u"cli-user"_s, ChangeOrigin::Way::Cli));
    QVERIFY2(id.ok(), qPrintable(id.error().toString()));
    const CardToken saved = m_db->store().token(id.value()).value();
    QCOMPARE(saved.token, u"tok+/\\|=9Xq"_s);
    QCOMPARE(saved.label, u"Visa"_s);
    QCOMPARE(saved.currency, u"QAR"_s);
    QCOMPARE(saved.expiresOn, CardToken::defaultExpiry(m_clock->today()));
    QCOMPARE(saved.status, TokenStatus::Active);
    const QList<AuditEntry> audit = m_db->store().auditFor(u"token"_s, id.value()).value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, u"token.added"_s);
    QCOMPARE(audit.first().operatorName, u"cli-user"_s);
    QVERIFY(!audit.first().detail.contains(saved.token));
    QVERIFY(audit.first().detail.contains(saved.masked()));
}

void TestCustomerService::addTokenRefusesDuplicateNamingOnlyTheMask()
{
    const qint64 a = addCustomer(m_db->store(), u"Layla"_s);
    const qint64 b = addCustomer(m_db->store(), u"Omar"_s);
    addToken(m_db->store(), a, u"tok-secret-1234"_s, m_clock->today());
    CardToken t;
    t.customerId = b;
    t.token = u"tok-secret-1234"_s;
    t.issuedOn = m_clock->today();
    t.currency = u"QAR"_s;
    auto id = m_service->addToken(t, m_desk);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().field, u"token"_s);
    QCOMPARE(id.error().kind, ErrorKind::Conflict);
    QVERIFY(!id.error().message.contains(u"tok-secret-1234"_s));
    QVERIFY(id.error().message.contains(CardToken::maskToken(t.token)));
}

void TestCustomerService::addTokenToMissingCustomerIsNotFound()
{
    CardToken t;
    t.customerId = 4242;
    t.token = u"tok-orphan"_s;
    t.issuedOn = m_clock->today();
    t.currency = u"QAR"_s;
    auto id = m_service->addToken(t, m_desk);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().field, u"customer"_s);
    QCOMPARE(id.error().kind, ErrorKind::NotFound);
}

void TestCustomerService::addTokenIssuedInTheFutureRefused()
{
    const qint64 customer = addCustomer(m_db->store(), u"Layla"_s);
    CardToken t;
    t.customerId = customer;
    t.token = u"tok-future"_s;
    t.issuedOn = m_clock->today().addDays(1);
    t.currency = u"QAR"_s;
    auto id = m_service->addToken(t, m_desk);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().field, u"issued"_s);
    QVERIFY(!m_db->store().tokenByText(t.token).value().has_value());
}

void TestCustomerService::importOriginKeepsItsVerb()
{
    Customer c;
    c.name = u"Imported"_s;
    const ChangeOrigin csv(u"Layla"_s, ChangeOrigin::Way::Import, u"imported from CSV line 3"_s);
    const qint64 id = m_service->addCustomer(c, csv).value();
    const QList<AuditEntry> audit = m_db->store().auditFor(u"customer"_s, id).value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, u"customer.imported"_s);
    QVERIFY(audit.first().detail.contains(u"line 3"_s));
}

void TestCustomerService::failedAuditSavesNothing()
{
    // The change and its audit entry share one transaction: when the outer transaction is dropped
    // (as a failed later step drops it), neither is kept.
    {
        Store::Transaction outer(m_db->store());
        QVERIFY(outer.started().ok());
        Customer c;
        c.name = u"Ghost"_s;
        QVERIFY(m_service->addCustomer(c, m_desk).ok());
    }
    QCOMPARE(m_db->store().countCustomers(CustomerQuery{}).value(), 0);
}

QTEST_GUILESS_MAIN(TestCustomerService)
#include "tst_customerservice.moc"
