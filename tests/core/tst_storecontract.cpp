// The store contract: what the payment engine, the desk and the CLI rely on from any Store
// backend, proven by one test body that runs once per backend (main() at the bottom). A backend
// is not finished until this whole suite passes on it. Nothing here knows which backend it talks
// to, except through StoreBackend; the raw statements are plain SQL every backend understands.

#include "EveryBackend.h"
#include "PostgresStoreBackend.h"
#include "PostgresTestServer.h"
#include "SqliteStoreBackend.h"
#include "StoreBackend.h"
#include "StoreRows.h"

#include "domain/FieldLimits.h"
#include "store/ChangeFeed.h"
#include "store/Store.h"
#include "store/StoredText.h"

#include <QSignalSpy>
#include <QTest>

#include <latch>
#include <thread>

using namespace Qt::StringLiterals;
using namespace fatora;
using fatora::test::StoreBackend;

Q_DECLARE_METATYPE(fatora::ErrorKind)
Q_DECLARE_METATYPE(fatora::PaymentState)

namespace {

constexpr int RaceRounds = 50;

const QDate Today(2026, 11, 25);

QDateTime at(int minutes)
{
    return QDateTime(Today, QTime(10, 0), Qt::UTC).addSecs(qint64(minutes) * 60);
}

QString kindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Validation:
        return u"validation"_s;
    case ErrorKind::NotFound:
        return u"not-found"_s;
    case ErrorKind::Conflict:
        return u"conflict"_s;
    case ErrorKind::Busy:
        return u"busy"_s;
    case ErrorKind::Unavailable:
        return u"unavailable"_s;
    case ErrorKind::Permission:
        return u"permission"_s;
    case ErrorKind::Internal:
        return u"internal"_s;
    }
    return u"?"_s;
}

// "<kind>/<field>: message", so a failed comparison says everything at once.
QString describe(const Error &e)
{
    return kindName(e.kind) + u'/' + e.field + u": "_s + e.message;
}

} // namespace

class TestStoreContract : public QObject
{
    Q_OBJECT

public:
    explicit TestStoreContract(StoreBackend &backend) : m_backend(backend) {}

private slots:
    void init();
    void cleanup();

    // Customers
    void customerRoundTrip_data();
    void customerRoundTrip();
    void customerUpdateRoundTrip();
    void customerValidation_data();
    void customerValidation();
    void missingRowsAreNotFound_data();
    void missingRowsAreNotFound();
    void customerByReferenceIsExact();
    void customerPagingIsStableAcrossTies();
    void customerCountAgreesWithFind_data();
    void customerCountAgreesWithFind();
    void archivedCustomersOnlyWhenAsked();

    // Card tokens
    void tokenRoundTrip_data();
    void tokenRoundTrip();
    void tokenValidation_data();
    void tokenValidation();
    void duplicateTokenIsConflictWithoutTheToken();
    void tokenByTextIsExact();
    void tokenUpdateRoundTrip();
    void markTokenUsedStampsOnlyTheLastUse();
    void findTokensByEffectiveStatus_data();
    void findTokensByEffectiveStatus();

    // Payments
    void paymentRoundTrip_data();
    void paymentRoundTrip();
    void paymentSettlementRoundTrip();
    void duplicateOrderIdIsConflict();
    void paymentCustomerMustOwnItsCard();
    void oneOpenChargePerCard_data();
    void oneOpenChargePerCard();
    void settledChargesDoNotBlockTheCard();
    void openChargeForToken();
    void tokenForChargeIsTheCardAndItsOpenCharge();
    void refusedPaymentLeavesTheTransactionUsable_data();
    void refusedPaymentLeavesTheTransactionUsable();
    void lastApprovedChargeSince();
    void paymentsInStateOldestFirst();
    void paymentIntentNeverChanges_data();
    void paymentIntentNeverChanges();
    void outcomesOnlyMoveForward_data();
    void outcomesOnlyMoveForward();
    void paymentsAreNeverDeleted();
    void fullTokenNeverInTextColumns_data();
    void fullTokenNeverInTextColumns();
    void cardsOfUndoneWorkAreForgotten();
    void bodiesAreCapped();
    void nulCharactersAreStored();
    void paymentFilters_data();
    void paymentFilters();
    void paymentPagingIsStableAcrossTies();
    void paymentRowsCarryMaskNeverToken();

    // Audit
    void auditRoundTripInOrder();
    void auditInsideATransactionIsReadBackExactly();
    void refusedAuditEntrySavesNothing();
    void auditOfUndoneWorkIsNotSaved();
    void auditLogIsAppendOnly_data();
    void auditLogIsAppendOnly();
    void findAuditFiltersNewestFirst();

    // Moving a desk in (StoreCopy): every row read in id order, rows written as they were elsewhere
    void rowsAreReadInIdOrderPageByPage();
    void auditIsReadObjectByObject();
    void customersNamedAndAddedIsExact();
    void importKeepsCustomersAndCardsAsTheyWere();
    void importKeepsPaymentsAsTheyWere();
    void importKeepsAuditTimeAndOperator();
    void importNeverWritesACallInFlight_data();
    void importNeverWritesACallInFlight();
    void importIsCheckedLikeEveryWrite_data();
    void importIsCheckedLikeEveryWrite();

    // Transactions
    void transactionRollsBackWhenDestroyed();
    void nestedTransactionJoinsOutermost();
    void failedInnerStepAbortsOuter();
    void uncommittedWorkIsInvisibleToOthers();
    void committedWorkIsVisibleToOthers();
    void writersAreSerialised();

    // Two connections at once, RaceRounds times each
    void raceWriteAheadOneWins();
    void raceSameOrderIdOneWins();
    void raceLateSettleNeverOverwrites();
    void raceRefundOnce();
    void raceRevokeOnce();

    // session leases
    void sessionsAreSeenAcrossConnections();
    void liveSessionsAreTheRunsAtWork();
    void paymentOwnerRoundTrip();

    // Desks follow each other's work (issue 13)
    void changesByOtherConnectionsAreTold();

    // Card requests (issue 15)
    void cardRequestRoundTrip();
    void cardRequestsStayOutOfOneOpenChargePerCard();
    void waitingCardRequestsAreNotOpenCharges();
    void chargeNeedsItsCardAndCardRequestHasNone();
    void checkoutLinkIsSetOnce();
    void savedCardIsOneCardOfItsCustomerOnceApproved();
    void importKeepsCardRequestsAndTheirSavedCard();

private:
    Store &store() { return *m_store; }
    qint64 newCustomer(const QString &name, const QString &reference = {});
    qint64 newToken(qint64 customerId, const QString &text, std::optional<Money> first = std::nullopt);
    Payment draftPayment(qint64 tokenId, const QString &orderId, PaymentState state = PaymentState::Pending);
    Payment draftCardRequest(qint64 customerId, const QString &orderId);
    qint64 insert(const Payment &p);
    // Runs work on two fresh connections, on two threads released at the same moment.
    template <typename Work> std::pair<bool, bool> race(Work work);

    StoreBackend &m_backend;
    std::unique_ptr<Store> m_store;
    qint64 m_customer = 0;
    qint64 m_token = 0;
};

void TestStoreContract::init()
{
    auto fresh = m_backend.createFresh();
    QVERIFY2(fresh.ok(), qPrintable(fresh.error().toString()));
    m_store = std::move(fresh).value();
    m_customer = newCustomer(u"Layla Haddad"_s, u"C-1"_s);
    m_token = newToken(m_customer, u"tok_AbC+/\\|=9Xq"_s, Money(12345, u"QAR"_s));
}

void TestStoreContract::cleanup()
{
    m_store.reset();
}

qint64 TestStoreContract::newCustomer(const QString &name, const QString &reference)
{
    Customer c;
    c.name = name;
    c.reference = reference;
    c.createdAt = at(0);
    auto id = store().addCustomer(c);
    if (!id.ok())
        qFatal("addCustomer: %s", qPrintable(id.error().toString()));
    return id.value();
}

qint64 TestStoreContract::newToken(qint64 customerId, const QString &text, std::optional<Money> first)
{
    CardToken t;
    t.customerId = customerId;
    t.token = text;
    t.label = u"Visa 4242"_s;
    t.issuedOn = Today.addDays(-10);
    t.expiresOn = CardToken::defaultExpiry(t.issuedOn);
    t.firstAmount = first;
    t.currency = first ? first->currency() : u"QAR"_s;
    t.createdAt = at(0);
    auto id = store().addToken(t);
    if (!id.ok())
        qFatal("addToken: %s", qPrintable(id.error().toString()));
    return id.value();
}

Payment TestStoreContract::draftPayment(qint64 tokenId, const QString &orderId, PaymentState state)
{
    Payment p;
    p.orderId = orderId;
    p.tokenId = tokenId;
    auto t = store().token(tokenId);
    p.customerId = t.ok() ? t->customerId : 0;
    p.amount = Money(5000, u"QAR"_s);
    p.currency = u"QAR"_s;
    p.state = state;
    p.operatorName = u"clerk"_s;
    p.createdAt = at(1);
    p.updatedAt = at(1);
    return p;
}

Payment TestStoreContract::draftCardRequest(qint64 customerId, const QString &orderId)
{
    Payment p;
    p.kind = PaymentKind::CardRequest;
    p.orderId = orderId;
    p.customerId = customerId;
    p.amount = Money(5000, u"QAR"_s);
    p.currency = u"QAR"_s;
    p.state = PaymentState::Pending;
    p.operatorName = u"clerk"_s;
    p.createdAt = at(1);
    p.updatedAt = at(1);
    return p;
}

qint64 TestStoreContract::insert(const Payment &p)
{
    auto id = store().insertPayment(p);
    if (!id.ok())
        qFatal("insertPayment: %s", qPrintable(id.error().toString()));
    return id.value();
}

template <typename Work> std::pair<bool, bool> TestStoreContract::race(Work work)
{
    std::latch start(2);
    bool won[2] = {false, false};
    QString trouble[2];
    auto runner = [&](int i) {
        auto connection = m_backend.connectAgain();
        start.arrive_and_wait();
        if (!connection.ok()) {
            trouble[i] = connection.error().toString();
            return;
        }
        won[i] = work(*connection.value(), i, trouble[i]);
    };
    std::thread a(runner, 0);
    std::thread b(runner, 1);
    a.join();
    b.join();
    for (const QString &t : trouble) {
        if (!t.isEmpty())
            qWarning("race: %s", qPrintable(t));
    }
    return {won[0], won[1]};
}

// --- customers -----------------------------------------------------------------------------------

void TestStoreContract::customerRoundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("notes");
    QTest::newRow("latin") << u"Omar Khalid"_s << u"omar@example.qa"_s << u"+974 6610 2290"_s << u"VIP"_s;
    QTest::newRow("arabic") << u"ليلى حداد"_s << u"layla@example.qa"_s << u"٦٦١٠٢٢٩٠"_s
                            << u"عميلة منذ ٢٠٢٠"_s;
    QTest::newRow("markup kept as text")
        << u"<b>Zed</b> & 'Co' \"Ltd\""_s << QString() << QString() << u"<script>x</script>"_s;
    QTest::newRow("outside the BMP") << u"Emoji 😀 Person"_s << u"e@example.qa"_s << QString() << u"😀"_s;
    QTest::newRow("longest name") << QString(FieldLimits::Name, u'n') << QString() << QString()
                                  << QString(FieldLimits::Notes, u'x');
}

void TestStoreContract::customerRoundTrip()
{
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, phone);
    QFETCH(QString, notes);
    Customer c;
    c.name = name;
    c.email = email;
    c.phone = phone;
    c.notes = notes;
    c.reference = u"REF-ü-1"_s;
    c.createdAt = at(5);
    auto id = store().addCustomer(c);
    QVERIFY2(id.ok(), qPrintable(describe(id.error())));
    auto back = store().customer(id.value());
    QVERIFY(back.ok());
    QCOMPARE(back->id, id.value());
    QCOMPARE(back->name, name);
    QCOMPARE(back->email, email);
    QCOMPARE(back->phone, phone);
    QCOMPARE(back->notes, notes);
    QCOMPARE(back->reference, c.reference);
    QCOMPARE(back->archived, false);
    QCOMPARE(back->createdAt, c.createdAt);
}

void TestStoreContract::customerUpdateRoundTrip()
{
    auto c = store().customer(m_customer).value();
    c.name = u"Layla H. Haddad"_s;
    c.email = u"layla@example.qa"_s;
    c.archived = true;
    QVERIFY(store().updateCustomer(c).ok());
    auto back = store().customer(m_customer).value();
    QCOMPARE(back.name, c.name);
    QCOMPARE(back.email, c.email);
    QCOMPARE(back.archived, true);
}

void TestStoreContract::customerValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("notes");
    QTest::addColumn<QString>("field");
    QTest::newRow("empty name") << QString() << QString() << u"name"_s;
    QTest::newRow("blank name") << u"   "_s << QString() << u"name"_s;
    QTest::newRow("name too long") << QString(FieldLimits::Name + 1, u'n') << QString() << u"name"_s;
    QTest::newRow("notes too long") << u"Ok"_s << QString(FieldLimits::Notes + 1, u'x') << u"notes"_s;
}

void TestStoreContract::customerValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, notes);
    QFETCH(QString, field);
    Customer c;
    c.name = name;
    c.notes = notes;
    const int before = store().countCustomers(CustomerQuery{}).value();
    auto id = store().addCustomer(c);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().field, field);
    QCOMPARE(id.error().kind, ErrorKind::Validation);
    QCOMPARE(store().countCustomers(CustomerQuery{}).value(), before);
}

void TestStoreContract::missingRowsAreNotFound_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("customer") << u"customer"_s;
    QTest::newRow("token") << u"token"_s;
    QTest::newRow("payment") << u"payment"_s;
    QTest::newRow("update of a missing payment") << u"update-payment"_s;
    QTest::newRow("update of a missing customer") << u"update-customer"_s;
}

void TestStoreContract::missingRowsAreNotFound()
{
    QFETCH(QString, what);
    Error e;
    if (what == u"customer"_s)
        e = store().customer(987654).error();
    else if (what == u"token"_s)
        e = store().token(987654).error();
    else if (what == u"payment"_s)
        e = store().payment(987654).error();
    else if (what == u"update-payment"_s) {
        Payment p = draftPayment(m_token, u"ORD-X"_s);
        p.id = 987654;
        e = store().updatePayment(p).error();
    } else {
        Customer c = store().customer(m_customer).value();
        c.id = 987654;
        e = store().updateCustomer(c).error();
    }
    QCOMPARE(e.kind, ErrorKind::NotFound);
    QVERIFY(!e.message.isEmpty());
}

void TestStoreContract::customerByReferenceIsExact()
{
    QVERIFY(store().customerByReference(u"C-1"_s).value().has_value());
    QCOMPARE(store().customerByReference(u"C-1"_s).value()->id, m_customer);
    QVERIFY(!store().customerByReference(u"C-"_s).value().has_value());
    QVERIFY(!store().customerByReference(u"C-10"_s).value().has_value());
    QVERIFY(!store().customerByReference(u"%"_s).value().has_value());
}

void TestStoreContract::customerPagingIsStableAcrossTies()
{
    // Nine customers with one name: only the id can order them, and pages must neither repeat
    // nor skip anyone.
    QList<qint64> ids;
    for (int i = 0; i < 9; ++i)
        ids << newCustomer(u"Same Name"_s);
    QList<qint64> seen;
    for (int offset = 0; offset < 12; offset += 4) {
        CustomerQuery q;
        q.text = u"Same"_s;
        q.offset = offset;
        q.limit = 4;
        for (const CustomerSummary &s : store().findCustomers(q).value())
            seen << s.customer.id;
    }
    QCOMPARE(seen, ids);
}

void TestStoreContract::customerCountAgreesWithFind_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("archived");
    QTest::newRow("everyone") << QString() << false;
    QTest::newRow("everyone incl. archived") << QString() << true;
    QTest::newRow("a name") << u"Layla"_s << false;
    QTest::newRow("nobody") << u"Zzzz"_s << false;
    QTest::newRow("wildcards are text") << u"%_"_s << false;
}

void TestStoreContract::customerCountAgreesWithFind()
{
    QFETCH(QString, text);
    QFETCH(bool, archived);
    newCustomer(u"Omar Khalid"_s);
    Customer gone;
    gone.name = u"Layla Archived"_s;
    gone.archived = true;
    QVERIFY(store().addCustomer(gone).ok());
    CustomerQuery q;
    q.text = text;
    q.includeArchived = archived;
    q.limit = 1000;
    QCOMPARE(store().countCustomers(q).value(), int(store().findCustomers(q).value().size()));
}

void TestStoreContract::archivedCustomersOnlyWhenAsked()
{
    Customer gone;
    gone.name = u"Layla Archived"_s;
    gone.archived = true;
    const qint64 id = store().addCustomer(gone).value();
    CustomerQuery q;
    q.text = u"Layla"_s;
    auto ids = [&] {
        QList<qint64> list;
        for (const CustomerSummary &s : store().findCustomers(q).value())
            list << s.customer.id;
        return list;
    };
    QVERIFY(!ids().contains(id));
    q.includeArchived = true;
    QVERIFY(ids().contains(id));
}

// --- card tokens ---------------------------------------------------------------------------------

void TestStoreContract::tokenRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("label");
    QTest::addColumn<qint64>("firstMinor");
    QTest::addColumn<QString>("currency");
    QTest::newRow("plus slash backslash pipe") << u"a+b/c\\d|e=="_s << u"Visa"_s << qint64(12345) << u"QAR"_s;
    QTest::newRow("percent and quotes") << u"%2B'\"x;--"_s << u"Mastercard 5454"_s << qint64(1) << u"QAR"_s;
    QTest::newRow("three decimals") << u"tok-kwd-1"_s << u"بطاقة الراتب"_s << qint64(1234567) << u"KWD"_s;
    QTest::newRow("no first amount") << u"tok-none"_s << QString() << qint64(0) << u"QAR"_s;
    QTest::newRow("long token") << QString(512, u'T') << u"Amex"_s << qint64(99) << u"BHD"_s;
}

void TestStoreContract::tokenRoundTrip()
{
    QFETCH(QString, text);
    QFETCH(QString, label);
    QFETCH(qint64, firstMinor);
    QFETCH(QString, currency);
    CardToken t;
    t.customerId = m_customer;
    t.token = text;
    t.label = label;
    t.issuedOn = Today.addDays(-3);
    t.expiresOn = Today.addMonths(2);
    if (firstMinor > 0)
        t.firstAmount = Money(firstMinor, currency);
    t.currency = currency;
    t.createdAt = at(2);
    auto id = store().addToken(t);
    QVERIFY2(id.ok(), qPrintable(describe(id.error())));
    auto back = store().token(id.value()).value();
    QCOMPARE(back.token, text);
    QCOMPARE(back.label, label);
    QCOMPARE(back.issuedOn, t.issuedOn);
    QCOMPARE(back.expiresOn, t.expiresOn);
    QCOMPARE(back.firstAmount.has_value(), firstMinor > 0);
    if (firstMinor > 0) {
        QCOMPARE(back.firstAmount->minorUnits(), firstMinor);
        QCOMPARE(back.firstAmount->currency(), currency);
    }
    QCOMPARE(back.currency, currency);
    QCOMPARE(back.status, TokenStatus::Active);
    QCOMPARE(back.customerId, m_customer);
    auto byText = store().tokenByText(text).value();
    QVERIFY(byText.has_value());
    QCOMPARE(byText->id, id.value());
}

void TestStoreContract::tokenValidation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expiresInDays");
    QTest::addColumn<QString>("field");
    QTest::newRow("empty token") << QString() << 30 << u"token"_s;
    QTest::newRow("space inside") << u"abc def"_s << 30 << u"token"_s;
    QTest::newRow("newline inside") << u"abc\ndef"_s << 30 << u"token"_s;
    QTest::newRow("expires on the issue day") << u"tok-ok"_s << 0 << u"expires"_s;
    QTest::newRow("expires after six months") << u"tok-ok"_s << 200 << u"expires"_s;
    QTest::newRow("expires before issue") << u"tok-ok"_s << -30 << u"expires"_s;
}

void TestStoreContract::tokenValidation()
{
    QFETCH(QString, text);
    QFETCH(int, expiresInDays);
    QFETCH(QString, field);
    CardToken t;
    t.customerId = m_customer;
    t.token = text;
    t.issuedOn = Today;
    t.expiresOn = Today.addDays(expiresInDays);
    t.currency = u"QAR"_s;
    auto id = store().addToken(t);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().field, field);
    QCOMPARE(id.error().kind, ErrorKind::Validation);
}

void TestStoreContract::duplicateTokenIsConflictWithoutTheToken()
{
    const qint64 other = newCustomer(u"Omar"_s);
    CardToken t;
    t.customerId = other;
    t.token = u"tok_AbC+/\\|=9Xq"_s;
    t.issuedOn = Today;
    t.expiresOn = Today.addMonths(6);
    t.currency = u"QAR"_s;
    auto id = store().addToken(t);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().kind, ErrorKind::Conflict);
    QCOMPARE(id.error().field, u"token"_s);
    QVERIFY2(!id.error().message.contains(t.token), "the message must never carry the token");
}

void TestStoreContract::tokenByTextIsExact()
{
    QVERIFY(store().tokenByText(u"tok_AbC+/\\|=9Xq"_s).value().has_value());
    QVERIFY(!store().tokenByText(u"TOK_ABC+/\\|=9XQ"_s).value().has_value());
    QVERIFY(!store().tokenByText(u"tok_AbC+/\\|=9X"_s).value().has_value());
    QVERIFY(!store().tokenByText(u"tok_AbC+/\\|=9Xq "_s).value().has_value());
    QVERIFY(!store().tokenByText(u"tok_%"_s).value().has_value());
}

void TestStoreContract::tokenUpdateRoundTrip()
{
    CardToken t = store().token(m_token).value();
    t.status = TokenStatus::Deactivated;
    t.statusChangedAt = at(30);
    t.label = u"Revoked card"_s;
    QVERIFY(store().updateToken(t).ok());
    CardToken back = store().token(m_token).value();
    QCOMPARE(back.status, TokenStatus::Deactivated);
    QCOMPARE(back.statusChangedAt, at(30));
    QCOMPARE(back.label, t.label);
    QCOMPARE(back.token, t.token);
}

void TestStoreContract::markTokenUsedStampsOnlyTheLastUse()
{
    const CardToken before = store().token(m_token).value();
    QVERIFY(store().markTokenUsed(m_token, at(42)).ok());
    const CardToken after = store().token(m_token).value();
    QCOMPARE(after.lastUsedAt, at(42));
    QCOMPARE(after.status, before.status);
    QCOMPARE(after.label, before.label);
    QCOMPARE(after.statusChangedAt, before.statusChangedAt);
}

void TestStoreContract::findTokensByEffectiveStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("expected");
    QTest::newRow("active (expiry applied)") << int(TokenStatus::Active) << 1;
    QTest::newRow("expired by date") << int(TokenStatus::Expired) << 1;
    QTest::newRow("revoked") << int(TokenStatus::Deactivated) << 1;
}

void TestStoreContract::findTokensByEffectiveStatus()
{
    QFETCH(int, status);
    QFETCH(int, expected);
    CardToken old;
    old.customerId = m_customer;
    old.token = u"tok-old"_s;
    old.issuedOn = Today.addMonths(-8);
    old.expiresOn = Today.addMonths(-2); // stored active, expired by date
    old.currency = u"QAR"_s;
    QVERIFY(store().addToken(old).ok());
    CardToken revoked = old;
    revoked.token = u"tok-revoked"_s;
    revoked.issuedOn = Today.addDays(-5);
    revoked.expiresOn = Today.addMonths(5);
    revoked.status = TokenStatus::Deactivated;
    QVERIFY(store().addToken(revoked).ok());
    TokenQuery q;
    q.customerId = m_customer;
    q.status = TokenStatus(status);
    q.today = Today;
    QCOMPARE(int(store().findTokens(q).value().size()), expected);
}

// --- payments ------------------------------------------------------------------------------------

void TestStoreContract::paymentRoundTrip_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::newRow("QAR") << qint64(12345) << u"QAR"_s;
    QTest::newRow("three-decimal KWD") << qint64(1001) << u"KWD"_s;
    QTest::newRow("large") << qint64(999'999'999'99) << u"QAR"_s;
    QTest::newRow("blank: the first-payment amount") << qint64(0) << u"QAR"_s;
}

void TestStoreContract::paymentRoundTrip()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    Payment p = draftPayment(m_token, u"ORD-2026-0001"_s);
    p.amount = minor > 0 ? std::optional<Money>(Money(minor, currency)) : std::nullopt;
    p.currency = currency;
    p.note = u"ملاحظة"_s;
    const qint64 id = insert(p);
    const Payment back = store().payment(id).value();
    QCOMPARE(back.orderId, p.orderId);
    QCOMPARE(back.tokenId, m_token);
    QCOMPARE(back.customerId, m_customer);
    QCOMPARE(back.amount.has_value(), minor > 0);
    if (minor > 0)
        QCOMPARE(back.amount->minorUnits(), minor);
    QCOMPARE(back.currency, currency);
    QCOMPARE(back.state, PaymentState::Pending);
    QCOMPARE(back.operatorName, test::recordedOperator(store(), u"clerk"_s));
    QCOMPARE(back.note, p.note);
    QCOMPARE(back.createdAt, p.createdAt);
    QCOMPARE(back.refundState, RefundState::None);
    QCOMPARE(store().paymentByOrderId(p.orderId).value()->id, id);
    QVERIFY(!store().paymentByOrderId(u"ORD-2026-000"_s).value().has_value());
}

void TestStoreContract::paymentSettlementRoundTrip()
{
    Payment p = draftPayment(m_token, u"ORD-S"_s);
    p.id = insert(p);
    p.state = PaymentState::Approved;
    p.gatewayStatus = u"SUCCESS"_s;
    p.statusCode = u"000"_s;
    p.transactionId = u"TX-٣-1"_s;
    p.authCode = u"A1B2"_s;
    p.mode = u"LIVE"_s;
    p.description = u"Approved – تمت الموافقة"_s;
    p.httpStatus = 200;
    p.updatedAt = at(3);
    p.lastCheckedAt = at(4);
    // A refund's state moves forward a step at a time (the shared database refuses a jump): asked,
    // then answered.
    p.refundState = RefundState::Pending;
    QVERIFY(store().updatePayment(p).ok());
    p.refundState = RefundState::Refunded;
    p.refundStatus = u"REFUNDED"_s;
    p.refundedAt = at(9);
    QVERIFY(store().updatePayment(p).ok());
    const Payment back = store().payment(p.id).value();
    QCOMPARE(back.state, PaymentState::Approved);
    QCOMPARE(back.gatewayStatus, p.gatewayStatus);
    QCOMPARE(back.statusCode, p.statusCode);
    QCOMPARE(back.transactionId, p.transactionId);
    QCOMPARE(back.authCode, p.authCode);
    QCOMPARE(back.mode, p.mode);
    QCOMPARE(back.description, p.description);
    QCOMPARE(back.httpStatus, 200);
    QCOMPARE(back.updatedAt, at(3));
    QCOMPARE(back.lastCheckedAt, at(4));
    QCOMPARE(back.refundState, RefundState::Refunded);
    QCOMPARE(back.refundStatus, p.refundStatus);
    QCOMPARE(back.refundedAt, at(9));
}

void TestStoreContract::duplicateOrderIdIsConflict()
{
    insert(draftPayment(m_token, u"ORD-DUP"_s, PaymentState::Approved));
    const qint64 otherToken = newToken(m_customer, u"tok-second"_s);
    auto again = store().insertPayment(draftPayment(otherToken, u"ORD-DUP"_s));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    QCOMPARE(again.error().field, u"order_id"_s);
    QVERIFY(!store().openChargeForToken(otherToken).value().has_value());
}

void TestStoreContract::paymentCustomerMustOwnItsCard()
{
    const qint64 stranger = newCustomer(u"Stranger"_s);
    Payment p = draftPayment(m_token, u"ORD-OWNER"_s);
    p.customerId = stranger;
    auto id = store().insertPayment(p);
    QVERIFY(!id.ok());
    QVERIFY(id.error().kind != ErrorKind::Internal);
    QVERIFY(!store().paymentByOrderId(p.orderId).value().has_value());
}

void TestStoreContract::oneOpenChargePerCard_data()
{
    QTest::addColumn<PaymentState>("first");
    QTest::addColumn<PaymentState>("second");
    QTest::newRow("pending, then pending") << PaymentState::Pending << PaymentState::Pending;
    QTest::newRow("pending, then unknown") << PaymentState::Pending << PaymentState::Unknown;
    QTest::newRow("unknown, then pending") << PaymentState::Unknown << PaymentState::Pending;
    QTest::newRow("unknown, then unknown") << PaymentState::Unknown << PaymentState::Unknown;
}

void TestStoreContract::oneOpenChargePerCard()
{
    QFETCH(PaymentState, first);
    QFETCH(PaymentState, second);
    insert(draftPayment(m_token, u"ORD-OPEN-1"_s, first));
    auto again = store().insertPayment(draftPayment(m_token, u"ORD-OPEN-2"_s, second));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    QCOMPARE(again.error().field, u"token"_s);
    QVERIFY(!store().paymentByOrderId(u"ORD-OPEN-2"_s).value().has_value());
    // Nor can an update open a second one.
    Payment settled = draftPayment(m_token, u"ORD-OPEN-3"_s, PaymentState::Declined);
    settled.id = insert(settled);
    QVERIFY(!m_backend.execRaw(u"UPDATE payments SET state = 'unknown' WHERE order_id = 'ORD-OPEN-3'"_s)
                 .isEmpty());
    QCOMPARE(store().payment(settled.id).value().state, PaymentState::Declined);
}

void TestStoreContract::settledChargesDoNotBlockTheCard()
{
    const PaymentState settled[] = {PaymentState::Approved, PaymentState::Declined, PaymentState::Rejected,
                                    PaymentState::NotSent};
    int n = 0;
    for (PaymentState s : settled)
        insert(draftPayment(m_token, u"ORD-SET-%1"_s.arg(++n), s));
    QVERIFY(!store().openChargeForToken(m_token).value().has_value());
    auto open = store().insertPayment(draftPayment(m_token, u"ORD-SET-OPEN"_s));
    QVERIFY2(open.ok(), qPrintable(describe(open.error())));
    // Once settled, the card takes the next charge.
    Payment p = store().payment(open.value()).value();
    p.state = PaymentState::Declined;
    QVERIFY(store().updatePayment(p).ok());
    QVERIFY(store().insertPayment(draftPayment(m_token, u"ORD-SET-NEXT"_s)).ok());
}

void TestStoreContract::openChargeForToken()
{
    QVERIFY(!store().openChargeForToken(m_token).value().has_value());
    insert(draftPayment(m_token, u"ORD-A"_s, PaymentState::Approved));
    const qint64 open = insert(draftPayment(m_token, u"ORD-B"_s, PaymentState::Unknown));
    auto found = store().openChargeForToken(m_token).value();
    QVERIFY(found.has_value());
    QCOMPARE(found->id, open);
    QCOMPARE(found->state, PaymentState::Unknown);
}

void TestStoreContract::tokenForChargeIsTheCardAndItsOpenCharge()
{
    auto missing = store().tokenForCharge(m_token + 1000);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);

    auto none = store().tokenForCharge(m_token);
    QVERIFY2(none.ok(), qPrintable(describe(none.error())));
    const CardToken alone = store().token(m_token).value();
    QCOMPARE(none->token.id, alone.id);
    QCOMPARE(none->token.token, alone.token);
    QCOMPARE(none->token.customerId, alone.customerId);
    QCOMPARE(none->token.status, alone.status);
    QCOMPARE(none->token.expiresOn, alone.expiresOn);
    QCOMPARE(none->token.createdAt, alone.createdAt);
    QVERIFY(!none->openCharge.has_value());

    insert(draftPayment(m_token, u"ORD-FC-A"_s, PaymentState::Approved));
    QVERIFY(!store().tokenForCharge(m_token).value().openCharge.has_value());
    const qint64 open = insert(draftPayment(m_token, u"ORD-FC-B"_s, PaymentState::Unknown));
    // Another card's open charge is not this one's.
    const qint64 other = newToken(m_customer, u"tok-fc-other"_s);
    insert(draftPayment(other, u"ORD-FC-C"_s, PaymentState::Pending));
    auto found = store().tokenForCharge(m_token);
    QVERIFY(found.ok());
    QVERIFY(found->openCharge.has_value());
    QCOMPARE(found->openCharge->id, open);
    QCOMPARE(found->openCharge->orderId, u"ORD-FC-B"_s);
    QCOMPARE(found->openCharge->state, PaymentState::Unknown);
    QCOMPARE(found->token.id, m_token);
    QCOMPARE(store().tokenForCharge(other).value().openCharge->orderId, u"ORD-FC-C"_s);
}

void TestStoreContract::refusedPaymentLeavesTheTransactionUsable_data()
{
    QTest::addColumn<bool>("sameOrderId");
    QTest::newRow("order id used before") << true;
    QTest::newRow("card with an open charge") << false;
}

// A charge writes ahead inside a transaction: a row refused by a unique key is a Conflict the
// caller may answer (another order id), and the rest of the transaction is kept.
void TestStoreContract::refusedPaymentLeavesTheTransactionUsable()
{
    QFETCH(bool, sameOrderId);
    insert(draftPayment(m_token, u"ORD-TX-FIRST"_s, PaymentState::Pending));
    const qint64 second = newToken(m_customer, u"tok-tx-second"_s);
    Store::Transaction tx(store());
    QVERIFY(tx.started().ok());
    auto refused = store().insertPayment(
        sameOrderId ? draftPayment(second, u"ORD-TX-FIRST"_s) : draftPayment(m_token, u"ORD-TX-OTHER"_s));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::Conflict);
    QCOMPARE(refused.error().field, sameOrderId ? u"order_id"_s : u"token"_s);
    auto next = store().insertPayment(draftPayment(second, u"ORD-TX-NEXT"_s));
    QVERIFY2(next.ok(), qPrintable(describe(next.error())));
    QVERIFY(store().audit(at(0), u"clerk"_s, u"charge.requested"_s, u"payment"_s, next.value(), u"x"_s).ok());
    QVERIFY2(tx.commit().ok(), "the transaction was spoiled by a refused row");
    QVERIFY(store().paymentByOrderId(u"ORD-TX-NEXT"_s).value().has_value());
    QVERIFY(!store().paymentByOrderId(u"ORD-TX-OTHER"_s).value().has_value());
}

void TestStoreContract::lastApprovedChargeSince()
{
    Payment older = draftPayment(m_token, u"ORD-OLD"_s, PaymentState::Approved);
    older.createdAt = at(-120);
    insert(older);
    Payment recent = draftPayment(m_token, u"ORD-NEW"_s, PaymentState::Approved);
    recent.createdAt = at(-5);
    const qint64 recentId = insert(recent);
    Payment declined = draftPayment(m_token, u"ORD-DECL"_s, PaymentState::Declined);
    declined.createdAt = at(-1);
    insert(declined);
    auto last = store().lastApprovedCharge(m_token, at(-10)).value();
    QVERIFY(last.has_value());
    QCOMPARE(last->id, recentId);
    QVERIFY(!store().lastApprovedCharge(m_token, at(0)).value().has_value());
}

void TestStoreContract::paymentsInStateOldestFirst()
{
    const qint64 second = newToken(m_customer, u"tok-2"_s);
    const qint64 third = newToken(m_customer, u"tok-3"_s);
    Payment late = draftPayment(m_token, u"ORD-LATE"_s, PaymentState::Unknown);
    late.createdAt = at(30);
    Payment early = draftPayment(second, u"ORD-EARLY"_s, PaymentState::Unknown);
    early.createdAt = at(10);
    insert(late);
    insert(early);
    insert(draftPayment(third, u"ORD-PEND"_s, PaymentState::Pending));
    const QList<Payment> unknown = store().paymentsInState(PaymentState::Unknown).value();
    QCOMPARE(unknown.size(), 2);
    QCOMPARE(unknown.at(0).orderId, u"ORD-EARLY"_s);
    QCOMPARE(unknown.at(1).orderId, u"ORD-LATE"_s);
}

void TestStoreContract::paymentIntentNeverChanges_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::newRow("order id") << u"order_id = 'ORD-OTHER'"_s;
    QTest::newRow("amount") << u"amount_minor = 1"_s;
    QTest::newRow("currency") << u"currency = 'KWD'"_s;
    QTest::newRow("created") << u"created_at = '2020-01-01T00:00:00.000Z'"_s;
}

void TestStoreContract::paymentIntentNeverChanges()
{
    QFETCH(QString, assignment);
    Payment p = draftPayment(m_token, u"ORD-INTENT"_s, PaymentState::Approved);
    p.id = insert(p);
    // Through the store: an update carries only the outcome.
    Payment changed = p;
    changed.orderId = u"ORD-OTHER"_s;
    changed.amount = Money(1, u"QAR"_s);
    changed.createdAt = at(500);
    QVERIFY(store().updatePayment(changed).ok());
    // Behind the store's back: the database refuses.
    QVERIFY(!m_backend.execRaw(u"UPDATE payments SET "_s + assignment + u" WHERE order_id = 'ORD-INTENT'"_s)
                 .isEmpty());
    const Payment back = store().payment(p.id).value();
    QCOMPARE(back.orderId, p.orderId);
    QCOMPARE(back.amount->minorUnits(), p.amount->minorUnits());
    QCOMPARE(back.currency, p.currency);
    QCOMPARE(back.createdAt, p.createdAt);
}

void TestStoreContract::outcomesOnlyMoveForward_data()
{
    QTest::addColumn<PaymentState>("from");
    QTest::addColumn<PaymentState>("to");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("pending -> approved") << PaymentState::Pending << PaymentState::Approved << true;
    QTest::newRow("pending -> unknown") << PaymentState::Pending << PaymentState::Unknown << true;
    QTest::newRow("unknown -> declined") << PaymentState::Unknown << PaymentState::Declined << true;
    QTest::newRow("unknown -> not sent") << PaymentState::Unknown << PaymentState::NotSent << true;
    QTest::newRow("declined -> approved (verify proves it)")
        << PaymentState::Declined << PaymentState::Approved << true;
    QTest::newRow("approved -> declined") << PaymentState::Approved << PaymentState::Declined << false;
    QTest::newRow("approved -> unknown") << PaymentState::Approved << PaymentState::Unknown << false;
    QTest::newRow("approved -> not sent") << PaymentState::Approved << PaymentState::NotSent << false;
    QTest::newRow("unknown -> pending") << PaymentState::Unknown << PaymentState::Pending << false;
    QTest::newRow("declined -> pending") << PaymentState::Declined << PaymentState::Pending << false;
}

void TestStoreContract::outcomesOnlyMoveForward()
{
    QFETCH(PaymentState, from);
    QFETCH(PaymentState, to);
    QFETCH(bool, allowed);
    Payment p = draftPayment(m_token, u"ORD-FWD"_s, from);
    p.id = insert(p);
    p.state = to;
    const Result<void> r = store().updatePayment(p);
    QCOMPARE(r.ok(), allowed);
    if (!allowed)
        QVERIFY2(r.error().kind != ErrorKind::Internal, qPrintable(describe(r.error())));
    QCOMPARE(store().payment(p.id).value().state, allowed ? to : from);
}

void TestStoreContract::paymentsAreNeverDeleted()
{
    const qint64 id = insert(draftPayment(m_token, u"ORD-KEEP"_s, PaymentState::Declined));
    QVERIFY(!m_backend.execRaw(u"DELETE FROM payments"_s).isEmpty());
    QVERIFY(store().payment(id).ok());
}

void TestStoreContract::fullTokenNeverInTextColumns_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("leak"); // the token as it is written in that body
    const QString token = u"tok_AbC+/\\|=9Xq"_s;
    const QString escaped = u"tok_AbC+\\/\\\\|=9Xq"_s;
    QTest::newRow("as is") << u"{\"token\":\"%1\"}"_s.arg(token) << token;
    QTest::newRow("JSON-escaped") << u"{\"token\":\"%1\"}"_s.arg(escaped) << escaped;
    QTest::newRow("in prose") << u"error near "_s + token + u" (retry)"_s << token;
    QTest::newRow("percent-encoded") << u"card_token=tok_AbC%2B%2F%5C%7C%3D9Xq"_s << u"tok_AbC%2B%2F%5C%7C%3D9Xq"_s;
    QTest::newRow("percent-encoded, lower case") << u"card_token=tok_AbC%2b%2f%5c%7c%3d9Xq"_s
                                                 << u"tok_AbC%2b%2f%5c%7c%3d9Xq"_s;
    QTest::newRow("percent-encoded, slash kept") << u"https://x.example/s?card_token=tok_AbC%2B/%5C%7C%3D9Xq"_s
                                                 << u"tok_AbC%2B/%5C%7C%3D9Xq"_s;
    QTest::newRow("percent-encoded as encodeURI") << u"https://x.example/s?card_token=tok_AbC+/%5C%7C=9Xq"_s
                                                  << u"tok_AbC+/%5C%7C=9Xq"_s;
}

void TestStoreContract::fullTokenNeverInTextColumns()
{
    QFETCH(QString, body);
    QFETCH(QString, leak);
    Payment p = draftPayment(m_token, u"ORD-SCRUB"_s);
    p.requestBody = body;
    p.responseBody = body;
    p.errorText = body;
    p.note = u"Verify failed: "_s + body; // a gateway's error text quoted in the note
    p.id = insert(p);
    auto check = [&](const Payment &back) {
        for (const QString &column : {back.requestBody, back.responseBody, back.errorText, back.note})
            QVERIFY2(!column.contains(leak) && !column.contains(u"tok_AbC"_s), qPrintable(column));
    };
    check(store().payment(p.id).value());
    p.state = PaymentState::Unknown;
    QVERIFY(store().updatePayment(p).ok());
    check(store().payment(p.id).value());
}

// The store remembers the text of each card it reads, to clean payments' texts without reading the
// card again; a card written in work that was undone must not lend its text to the next card that
// gets its id (SQLite gives a rolled-back row's id out again).
void TestStoreContract::cardsOfUndoneWorkAreForgotten()
{
    qint64 undone = 0;
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        undone = newToken(m_customer, u"tok_Undone+AAAA1111"_s);
        QCOMPARE(store().token(undone).value().token, u"tok_Undone+AAAA1111"_s);
        QCOMPARE(store().tokenForCharge(undone).value().token.token, u"tok_Undone+AAAA1111"_s);
    }
    const qint64 kept = newToken(m_customer, u"tok_Kept+BBBB2222"_s);
    Payment p = draftPayment(kept, u"ORD-FORGOT"_s);
    p.id = insert(p);
    p.state = PaymentState::Unknown;
    p.responseBody = u"{\"card_token\":\"tok_Kept+BBBB2222\"}"_s;
    QVERIFY(store().updatePayment(p).ok());
    const Payment back = store().payment(p.id).value();
    QVERIFY2(!back.responseBody.contains(u"tok_Kept"_s), qPrintable(back.responseBody));
    Q_UNUSED(undone);
}

void TestStoreContract::bodiesAreCapped()
{
    Payment p = draftPayment(m_token, u"ORD-BIG"_s);
    p.responseBody = QString(4 * 1024 * 1024, u'x');
    // The token straddles the cap: masked before the cut, so not even its first part is kept.
    p.requestBody = QString(StoredText::MaxBodyChars - 5, u'y') + u"tok_AbC+/\\|=9Xq tail"_s;
    p.id = insert(p);
    const Payment back = store().payment(p.id).value();
    QVERIFY(back.responseBody.size() < 1024 * 1024);
    QVERIFY(back.responseBody.startsWith(u"xxxx"_s));
    QVERIFY(!back.requestBody.contains(u"tok_AbC"_s));
}

// A binary or compressed reply body holds NUL characters; some drivers end the statement there
// (QPSQL), so the answer could never be saved. It is kept, with U+FFFD in their place.
void TestStoreContract::nulCharactersAreStored()
{
    Payment p = draftPayment(m_token, u"ORD-NUL"_s);
    p.responseBody = u"\x1f\x8b"_s + QChar(u'\0') + u"gz"_s + QChar(u'\0');
    p.errorText = u"bad"_s + QChar(u'\0') + u"reply"_s;
    p.id = insert(p);
    Payment back = store().payment(p.id).value();
    QCOMPARE(back.responseBody, u"\x1f\x8b\uFFFDgz\uFFFD"_s);
    QCOMPARE(back.errorText, u"bad\uFFFDreply"_s);
    back.state = PaymentState::Unknown;
    back.note = u"note"_s + QChar(u'\0');
    QVERIFY(store().updatePayment(back).ok());
    QCOMPARE(store().payment(p.id)->note, u"note\uFFFD"_s);
}

void TestStoreContract::paymentFilters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("everything, newest first")
        << QString() << QStringList{u"O-4"_s, u"O-3"_s, u"O-2"_s, u"O-1"_s};
    QTest::newRow("state approved") << u"approved"_s << QStringList{u"O-3"_s, u"O-1"_s};
    QTest::newRow("one day") << u"day"_s << QStringList{u"O-2"_s, u"O-1"_s};
    QTest::newRow("customer") << u"customer"_s << QStringList{u"O-4"_s};
    QTest::newRow("token") << u"token"_s << QStringList{u"O-3"_s, u"O-2"_s, u"O-1"_s};
    QTest::newRow("text in a transaction id") << u"text"_s << QStringList{u"O-3"_s};
    QTest::newRow("text is not a pattern") << u"pattern"_s << QStringList{};
}

void TestStoreContract::paymentFilters()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    const qint64 omar = newCustomer(u"Omar"_s);
    const qint64 omarToken = newToken(omar, u"tok-omar"_s);
    auto add = [&](const QString &order, qint64 token, PaymentState state, const QDateTime &when,
                   const QString &tx) {
        Payment p = draftPayment(token, order, state);
        p.createdAt = when;
        p.transactionId = tx;
        insert(p);
    };
    add(u"O-1"_s, m_token, PaymentState::Approved, at(0), u"TX-1"_s);
    add(u"O-2"_s, m_token, PaymentState::Declined, at(60), QString());
    add(u"O-3"_s, m_token, PaymentState::Approved, at(24 * 60 + 5), u"TX-ABCDEF"_s);
    add(u"O-4"_s, omarToken, PaymentState::Unknown, at(24 * 60 + 9), QString());
    PaymentQuery q;
    if (filter == u"approved"_s)
        q.state = PaymentState::Approved;
    else if (filter == u"day"_s)
        q.from = q.to = at(0).toLocalTime().date();
    else if (filter == u"customer"_s)
        q.customerId = omar;
    else if (filter == u"token"_s)
        q.tokenId = m_token;
    else if (filter == u"text"_s)
        q.text = u"bcde"_s;
    else if (filter == u"pattern"_s)
        q.text = u"TX-%"_s;
    QStringList orders;
    for (const PaymentRow &row : store().findPayments(q).value())
        orders << row.payment.orderId;
    QCOMPARE(orders, expected);
    QCOMPARE(store().countPayments(q).value(), int(expected.size()));
}

void TestStoreContract::paymentPagingIsStableAcrossTies()
{
    // Twelve charges at one instant: the id alone orders them, and pages never repeat or skip.
    QStringList all;
    for (int i = 0; i < 12; ++i) {
        const qint64 t = newToken(m_customer, u"tok-tie-%1"_s.arg(i));
        Payment p = draftPayment(t, u"O-TIE-%1"_s.arg(i, 2, 10, QLatin1Char('0')), PaymentState::Approved);
        p.createdAt = at(7);
        insert(p);
        all << p.orderId;
    }
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        QStringList seen;
        for (int offset = 0; offset < 15; offset += 5) {
            PaymentQuery q;
            q.order = order;
            q.offset = offset;
            q.limit = 5;
            for (const PaymentRow &row : store().findPayments(q).value())
                seen << row.payment.orderId;
        }
        QStringList expected = all;
        if (order == Qt::DescendingOrder)
            std::reverse(expected.begin(), expected.end());
        QCOMPARE(seen, expected);
    }
}

void TestStoreContract::paymentRowsCarryMaskNeverToken()
{
    insert(draftPayment(m_token, u"ORD-ROW"_s, PaymentState::Approved));
    const QList<PaymentRow> rows = store().findPayments(PaymentQuery{}).value();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().customerName, u"Layla Haddad"_s);
    QCOMPARE(rows.first().tokenLabel, u"Visa 4242"_s);
    QCOMPARE(rows.first().tokenMask, CardToken::maskToken(u"tok_AbC+/\\|=9Xq"_s));
    QVERIFY(!rows.first().tokenMask.contains(u"tok_AbC"_s));
}

// --- audit ---------------------------------------------------------------------------------------

void TestStoreContract::auditRoundTripInOrder()
{
    for (int i = 0; i < 3; ++i) {
        AuditEntry e;
        e.at = at(i);
        e.operatorName = u"كاتب"_s;
        e.action = u"charge.step-%1"_s.arg(i);
        e.objectType = u"payment"_s;
        e.objectId = 77;
        e.detail = u"why %1"_s.arg(i);
        QVERIFY(store().appendAudit(e).ok());
    }
    const QList<AuditEntry> entries = store().auditFor(u"payment"_s, 77).value();
    QCOMPARE(entries.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(entries.at(i).action, u"charge.step-%1"_s.arg(i));
        QCOMPARE(entries.at(i).at, at(i));
        QCOMPARE(entries.at(i).operatorName, test::recordedOperator(store(), u"كاتب"_s));
        QCOMPARE(entries.at(i).detail, u"why %1"_s.arg(i));
    }
    QVERIFY(store().auditFor(u"payment"_s, 78).value().isEmpty());
}

// What the services write (Store::audit) inside their transactions: a server store may send it
// with the next statement. Every later read sees it, in order, with its texts exactly as given.
void TestStoreContract::auditInsideATransactionIsReadBackExactly()
{
    const QStringList details{u"it's a quote"_s, u"back\\slash \\' and $$ and $1"_s,
                              u"'); DELETE FROM payments; --"_s, u"سطر\nآخر \u2067RTL\u2069"_s,
                              QString(QChar(0x01)) + u"sep"_s, QString()};
    Store::Transaction tx(store());
    QVERIFY(tx.started().ok());
    for (qsizetype i = 0; i < details.size(); ++i) {
        QVERIFY(store().audit(at(int(i)), u"o'clerk"_s, u"charge.step-%1"_s.arg(i), u"payment"_s, 91,
                              details.at(i)).ok());
        if (i == 2) { // a write between the entries keeps its place among them
            auto written = store().insertPayment(draftPayment(m_token, u"ORD-AUDIT-TX"_s));
            QVERIFY2(written.ok(), qPrintable(describe(written.error())));
        }
    }
    const auto check = [&](const char *when) {
        const QList<AuditEntry> entries = store().auditFor(u"payment"_s, 91).value();
        QVERIFY2(entries.size() == details.size(), when);
        for (qsizetype i = 0; i < details.size(); ++i) {
            QCOMPARE(entries.at(i).action, u"charge.step-%1"_s.arg(i));
            QCOMPARE(entries.at(i).detail, details.at(i).isNull() ? u""_s : details.at(i));
            QCOMPARE(entries.at(i).operatorName, test::recordedOperator(store(), u"o'clerk"_s));
            QCOMPARE(entries.at(i).at, at(int(i)));
        }
    };
    check("read inside the transaction");
    QVERIFY(store().audit(at(9), u"clerk"_s, u"charge.last"_s, u"payment"_s, 92, {}).ok());
    QVERIFY(tx.commit().ok());
    check("read after the commit");
    QCOMPARE(store().auditFor(u"payment"_s, 92).value().size(), 1);
}

// An entry the database refuses (no action: the table's check) fails the call or the commit, and
// the transaction saves nothing: neither the entry nor the change it was written for.
void TestStoreContract::refusedAuditEntrySavesNothing()
{
    const Store::Counts before = store().counts().value();
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        auto written = store().insertPayment(draftPayment(m_token, u"ORD-AUDIT-REFUSED"_s));
        QVERIFY(written.ok());
        auto refused = store().audit(at(0), u"clerk"_s, QString(), u"payment"_s, written.value(), {});
        const Result<void> saved = refused.ok() ? tx.commit() : Result<void>(refused.error());
        QVERIFY(!saved.ok());
        QVERIFY(!saved.error().message.isEmpty());
    }
    const Store::Counts after = store().counts().value();
    QCOMPARE(after.payments, before.payments);
    QCOMPARE(after.auditEntries, before.auditEntries);
    QVERIFY(!store().paymentByOrderId(u"ORD-AUDIT-REFUSED"_s).value().has_value());
    // The store goes on: the next change is saved with its entry.
    Store::Transaction tx(store());
    QVERIFY(tx.started().ok());
    auto written = store().insertPayment(draftPayment(m_token, u"ORD-AUDIT-NEXT"_s));
    QVERIFY2(written.ok(), qPrintable(describe(written.error())));
    QVERIFY(store().audit(at(0), u"clerk"_s, u"charge.requested"_s, u"payment"_s, written.value(), {}).ok());
    QVERIFY(tx.commit().ok());
    QCOMPARE(store().auditFor(u"payment"_s, written.value()).value().size(), 1);
}

void TestStoreContract::auditOfUndoneWorkIsNotSaved()
{
    const Store::Counts before = store().counts().value();
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        QVERIFY(store().audit(at(0), u"clerk"_s, u"charge.requested"_s, u"payment"_s, 93, {}).ok());
        // not committed: undone when tx goes
    }
    QCOMPARE(store().counts().value().auditEntries, before.auditEntries);
    QVERIFY(store().auditFor(u"payment"_s, 93).value().isEmpty());
    // Outside a transaction an entry is saved at once.
    QVERIFY(store().audit(at(0), u"clerk"_s, u"charge.requested"_s, u"payment"_s, 93, {}).ok());
    QCOMPARE(store().auditFor(u"payment"_s, 93).value().size(), 1);
}

void TestStoreContract::auditLogIsAppendOnly_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("update") << u"UPDATE audit_log SET detail = 'changed'"_s;
    QTest::newRow("update the operator") << u"UPDATE audit_log SET operator = 'someone else'"_s;
    QTest::newRow("delete") << u"DELETE FROM audit_log"_s;
}

// The Activity view's reading: by person, by kind of action, by local dates, newest first, a page
// at a time; the same entries on every backend.
void TestStoreContract::findAuditFiltersNewestFirst()
{
    const QDateTime day1 = QDateTime(QDate(2026, 11, 20), QTime(9, 0));
    const QDateTime day2 = QDateTime(QDate(2026, 11, 21), QTime(23, 30));
    const QDateTime day3 = QDateTime(QDate(2026, 11, 22), QTime(0, 30));
    const struct
    {
        QDateTime at;
        QString who;
        QString action;
    } rows[] = {
        {day1, u"amal"_s, u"charge.requested"_s}, {day1, u"sami"_s, u"refund.requested"_s},
        {day2, u"amal"_s, u"refund.approved"_s},  {day2, u"amal"_s, u"token.revoked"_s},
        {day3, u"sami"_s, u"charge.requested"_s}, {day3, u"amal_x"_s, u"refund_x.odd"_s},
    };
    for (const auto &row : rows)
        QVERIFY(store().importAudit(AuditEntry{0, row.at, row.who, row.action, u"payment"_s, 5, u"d"_s}).ok());
    const auto actions = [&](const AuditQuery &q) {
        QStringList got;
        for (const AuditEntry &e : store().findAudit(q).value())
            got << e.operatorName + u':' + e.action;
        return got;
    };
    QCOMPARE(actions({}).size(), 6);
    QCOMPARE(actions({}).first(), u"amal_x:refund_x.odd"_s); // newest first
    AuditQuery person;
    person.operatorName = u"amal"_s;
    QCOMPARE(actions(person),
             (QStringList{u"amal:token.revoked"_s, u"amal:refund.approved"_s, u"amal:charge.requested"_s}));
    AuditQuery refunds;
    refunds.actionPrefix = u"refund."_s;
    QCOMPARE(actions(refunds), (QStringList{u"amal:refund.approved"_s, u"sami:refund.requested"_s}));
    AuditQuery dates;
    dates.from = QDate(2026, 11, 21);
    dates.to = QDate(2026, 11, 21); // local days: 23:30 on the 21st in, 00:30 on the 22nd out
    QCOMPARE(actions(dates), (QStringList{u"amal:token.revoked"_s, u"amal:refund.approved"_s}));
    AuditQuery page;
    page.limit = 4;
    const QList<AuditEntry> first = store().findAudit(page).value();
    QCOMPARE(first.size(), 4);
    page.beforeId = first.last().id;
    QCOMPARE(actions(page), (QStringList{u"sami:refund.requested"_s, u"amal:charge.requested"_s}));
}

void TestStoreContract::auditLogIsAppendOnly()
{
    QFETCH(QString, sql);
    AuditEntry e;
    e.at = at(0);
    e.operatorName = u"clerk"_s;
    e.action = u"token.revoked"_s;
    e.objectType = u"token"_s;
    e.objectId = m_token;
    e.detail = u"original"_s;
    QVERIFY(store().appendAudit(e).ok());
    QVERIFY(!m_backend.execRaw(sql).isEmpty());
    const QList<AuditEntry> entries = store().auditFor(u"token"_s, m_token).value();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().detail, u"original"_s);
    QCOMPARE(entries.first().operatorName, test::recordedOperator(store(), u"clerk"_s));
}

// --- moving a desk in ----------------------------------------------------------------------------

void TestStoreContract::rowsAreReadInIdOrderPageByPage()
{
    // Archived customers, cards of every status and payments in every state are all read.
    Customer gone;
    gone.name = u"Archived One"_s;
    gone.archived = true;
    gone.createdAt = at(1);
    QList<qint64> customers{m_customer, store().addCustomer(gone).value()};
    for (int i = 0; i < 3; ++i)
        customers << newCustomer(u"Customer %1"_s.arg(i));
    QList<qint64> tokens{m_token};
    for (int i = 0; i < 4; ++i)
        tokens << newToken(customers.at(i + 1), u"tok-page-%1"_s.arg(i));
    CardToken revoked = store().token(tokens.last()).value();
    revoked.status = TokenStatus::Deactivated;
    QVERIFY(store().updateToken(revoked).ok());
    QList<qint64> payments;
    const PaymentState states[] = {PaymentState::Approved, PaymentState::Declined, PaymentState::Unknown,
                                   PaymentState::NotSent, PaymentState::Pending};
    for (int i = 0; i < 5; ++i)
        payments << insert(draftPayment(tokens.at(i), u"ORD-PAGE-%1"_s.arg(i), states[i]));
    QList<qint64> audit;
    for (int i = 0; i < 5; ++i)
        audit << store()
                     .appendAudit(AuditEntry{0, at(i), u"clerk"_s, u"a.%1"_s.arg(i), u"customer"_s, 1, {}})
                     .value();

    auto pages = [](auto read) {
        QList<qint64> ids;
        qint64 after = 0;
        for (int guard = 0; guard < 20; ++guard) {
            auto page = read(after);
            if (!page.ok())
                qFatal("page: %s", qPrintable(page.error().toString()));
            if (page->isEmpty())
                return ids;
            if (page->size() > 2)
                qFatal("a page holds more than it was allowed");
            for (const auto &row : page.value())
                ids << row.id;
            after = ids.last();
        }
        return ids;
    };
    QCOMPARE(pages([&](qint64 after) { return store().customersAfter(after, 2); }), customers);
    QCOMPARE(pages([&](qint64 after) { return store().tokensAfter(after, 2); }), tokens);
    QCOMPARE(pages([&](qint64 after) { return store().paymentsAfter(after, 2); }), payments);
    // The rows are whole: what payment() reads.
    const Payment last = store().paymentsAfter(payments.at(3), 2).value().constFirst();
    QCOMPARE(last.orderId, u"ORD-PAGE-4"_s);
    QCOMPARE(last.state, PaymentState::Pending);
    QCOMPARE(last.amount, store().payment(payments.at(4)).value().amount);
    QCOMPARE(store().customersAfter(customers.at(0), 1).value().constFirst().archived, true);
    QCOMPARE(store().tokensAfter(tokens.at(3), 1).value().constFirst().status, TokenStatus::Deactivated);
}

void TestStoreContract::auditIsReadObjectByObject()
{
    // Written out of order; read by object type, object id, then in the order written.
    const std::tuple<QString, qint64, QString> written[] = {
        {u"payment"_s, 2, u"p2.first"_s},    {u"customer"_s, 9, u"c9.first"_s},
        {u"payment"_s, 1, u"p1.first"_s},    {u"token"_s, 1, u"t1.first"_s},
        {u"payment"_s, 1, u"p1.second"_s},   {u"payment"_s, 2, u"p2.second"_s},
        {u"customer"_s, 10, u"c10.first"_s},
    };
    for (const auto &[type, object, action] : written)
        QVERIFY(store().appendAudit(AuditEntry{0, at(0), u"clerk"_s, action, type, object, {}}).ok());
    QStringList read;
    AuditEntry after;
    for (int guard = 0; guard < 20; ++guard) {
        auto page = store().auditByObjectAfter(after, 3);
        QVERIFY2(page.ok(), qPrintable(page.error().toString()));
        if (page->isEmpty())
            break;
        QVERIFY(page->size() <= 3);
        for (const AuditEntry &e : page.value())
            read << e.action;
        after = page->constLast();
    }
    QCOMPARE(read, (QStringList{u"c9.first"_s, u"c10.first"_s, u"p1.first"_s, u"p1.second"_s, u"p2.first"_s,
                                u"p2.second"_s, u"t1.first"_s}));
}

void TestStoreContract::customersNamedAndAddedIsExact()
{
    auto ids = [&](const QString &name, const QDateTime &when) {
        QList<qint64> list;
        for (const Customer &c : store().customersNamedAndAdded(name, when).value())
            list << c.id;
        return list;
    };
    const qint64 twin = newCustomer(u"Layla Haddad"_s, u"C-2"_s); // same name, same moment
    QCOMPARE(ids(u"Layla Haddad"_s, at(0)), (QList<qint64>{m_customer, twin}));
    QVERIFY(ids(u"layla haddad"_s, at(0)).isEmpty());
    QVERIFY(ids(u"Layla Haddad "_s, at(0)).isEmpty());
    QVERIFY(ids(u"Layla%"_s, at(0)).isEmpty());
    QVERIFY(ids(u"Layla Haddad"_s, at(0).addMSecs(1)).isEmpty());
}

void TestStoreContract::importKeepsCustomersAndCardsAsTheyWere()
{
    Customer c;
    c.name = u"ليلى حداد"_s;
    c.email = u"layla@example.qa"_s;
    c.phone = u"+974 6610 2290"_s;
    c.reference = u"DESK-7"_s;
    c.notes = u"moved in"_s;
    c.archived = true;
    c.createdAt = QDateTime(QDate(2025, 3, 4), QTime(5, 6, 7, 89), Qt::UTC);
    auto customerId = store().importCustomer(c);
    QVERIFY2(customerId.ok(), qPrintable(describe(customerId.error())));
    const Customer back = store().customer(customerId.value()).value();
    QCOMPARE(back.name, c.name);
    QCOMPARE(back.phone, c.phone);
    QCOMPARE(back.reference, c.reference);
    QCOMPARE(back.notes, c.notes);
    QCOMPARE(back.archived, true);
    QCOMPARE(back.createdAt, c.createdAt);

    // A card long expired and revoked: stored as it was, not refused for its age.
    CardToken t;
    t.customerId = customerId.value();
    t.token = u"tok-moved+/="_s;
    t.label = u"Visa 4242"_s;
    t.issuedOn = QDate(2025, 3, 4);
    t.expiresOn = QDate(2025, 9, 1);
    t.firstAmount = Money(1001, u"KWD"_s);
    t.currency = u"KWD"_s;
    t.status = TokenStatus::Deactivated;
    t.statusChangedAt = QDateTime(QDate(2025, 5, 1), QTime(9, 0, 0, 1), Qt::UTC);
    t.lastUsedAt = QDateTime(QDate(2025, 4, 30), QTime(8, 0), Qt::UTC);
    t.createdAt = c.createdAt.addSecs(60);
    auto tokenId = store().importToken(t);
    QVERIFY2(tokenId.ok(), qPrintable(describe(tokenId.error())));
    const CardToken token = store().token(tokenId.value()).value();
    QCOMPARE(token.customerId, customerId.value());
    QCOMPARE(token.token, t.token);
    QCOMPARE(token.label, t.label);
    QCOMPARE(token.issuedOn, t.issuedOn);
    QCOMPARE(token.expiresOn, t.expiresOn);
    QCOMPARE(token.firstAmount, t.firstAmount);
    QCOMPARE(token.status, TokenStatus::Deactivated);
    QCOMPARE(token.statusChangedAt, t.statusChangedAt);
    QCOMPARE(token.lastUsedAt, t.lastUsedAt);
    QCOMPARE(token.createdAt, t.createdAt);
}

void TestStoreContract::importKeepsPaymentsAsTheyWere()
{
    Payment p = draftPayment(m_token, u"BO-20250304-MOVED00001"_s, PaymentState::Approved);
    p.amount = std::nullopt;
    p.expectedAmount = Money(12345, u"QAR"_s);
    p.takenAmount = Money(12000, u"QAR"_s);
    p.gatewayStatus = u"SUCCESS"_s;
    p.statusCode = u"000"_s;
    p.transactionId = u"TX-1"_s;
    p.authCode = u"A1"_s;
    p.mode = u"LIVE"_s;
    p.description = u"Approved"_s;
    p.httpStatus = 200;
    p.requestBody = u"{\"amount\":null}"_s;
    p.responseBody = u"{\"status\":\"SUCCESS\"}"_s;
    p.operatorName = u"desk-7 clerk"_s;
    p.note = u"from the old desk"_s;
    p.createdAt = QDateTime(QDate(2025, 3, 4), QTime(5, 6, 7, 89), Qt::UTC);
    p.updatedAt = p.createdAt.addSecs(3);
    p.lastCheckedAt = p.createdAt.addSecs(600);
    p.refundState = RefundState::Refunded;
    p.refundStatus = u"REFUNDED"_s;
    p.refundedAt = p.createdAt.addDays(2);
    auto id = store().importPayment(p);
    QVERIFY2(id.ok(), qPrintable(describe(id.error())));
    const Payment back = store().payment(id.value()).value();
    QCOMPARE(back.orderId, p.orderId);
    QCOMPARE(back.tokenId, m_token);
    QCOMPARE(back.customerId, m_customer);
    QVERIFY(!back.amount.has_value());
    QCOMPARE(back.expectedAmount, p.expectedAmount);
    QCOMPARE(back.takenAmount, p.takenAmount);
    QCOMPARE(back.state, PaymentState::Approved);
    QCOMPARE(back.gatewayStatus, p.gatewayStatus);
    QCOMPARE(back.statusCode, p.statusCode);
    QCOMPARE(back.transactionId, p.transactionId);
    QCOMPARE(back.authCode, p.authCode);
    QCOMPARE(back.mode, p.mode);
    QCOMPARE(back.description, p.description);
    QCOMPARE(back.httpStatus, 200);
    QCOMPARE(back.requestBody, p.requestBody);
    QCOMPARE(back.responseBody, p.responseBody);
    QCOMPARE(back.operatorName, p.operatorName);
    QCOMPARE(back.note, p.note);
    QCOMPARE(back.createdAt, p.createdAt);
    QCOMPARE(back.updatedAt, p.updatedAt);
    QCOMPARE(back.lastCheckedAt, p.lastCheckedAt);
    QCOMPARE(back.refundState, RefundState::Refunded);
    QCOMPARE(back.refundStatus, p.refundStatus);
    QCOMPARE(back.refundedAt, p.refundedAt);
    // An unknown charge comes in unknown, and holds its card as any open charge does.
    Payment open = draftPayment(m_token, u"BO-20250304-MOVED00002"_s, PaymentState::Unknown);
    QVERIFY(store().importPayment(open).ok());
    QCOMPARE(store().openChargeForToken(m_token).value()->orderId, open.orderId);
}

void TestStoreContract::importKeepsAuditTimeAndOperator()
{
    const QDateTime then(QDate(2025, 3, 4), QTime(5, 6, 7, 89), Qt::UTC);
    auto id =
        store().importAudit(AuditEntry{0, then, u"كاتب"_s, u"charge.approved"_s, u"payment"_s, 41, u"why"_s});
    QVERIFY2(id.ok(), qPrintable(describe(id.error())));
    const QList<AuditEntry> entries = store().auditFor(u"payment"_s, 41).value();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().id, id.value());
    QCOMPARE(entries.first().at, then);
    QCOMPARE(entries.first().operatorName, u"كاتب"_s);
    QCOMPARE(entries.first().detail, u"why"_s);
}

void TestStoreContract::importNeverWritesACallInFlight_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("refund");
    QTest::newRow("charge pending") << int(PaymentState::Pending) << int(RefundState::None);
    QTest::newRow("refund pending") << int(PaymentState::Approved) << int(RefundState::Pending);
}

// Nothing in this process sends an imported row: in flight there means unknown here (StoreCopy).
void TestStoreContract::importNeverWritesACallInFlight()
{
    QFETCH(int, state);
    QFETCH(int, refund);
    Payment p = draftPayment(m_token, u"ORD-IN-FLIGHT"_s, PaymentState(state));
    p.refundState = RefundState(refund);
    auto id = store().importPayment(p);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().kind, ErrorKind::Validation);
    QVERIFY(!store().paymentByOrderId(p.orderId).value().has_value());
}

void TestStoreContract::importIsCheckedLikeEveryWrite_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<ErrorKind>("kind");
    QTest::newRow("customer without a name") << u"customer-name"_s << ErrorKind::Validation;
    QTest::newRow("customer without its time") << u"customer-time"_s << ErrorKind::Validation;
    QTest::newRow("token with a space") << u"token-text"_s << ErrorKind::Validation;
    QTest::newRow("token already on file") << u"token-duplicate"_s << ErrorKind::Conflict;
    QTest::newRow("token without its time") << u"token-time"_s << ErrorKind::Validation;
    QTest::newRow("payment order id used") << u"payment-duplicate"_s << ErrorKind::Conflict;
    QTest::newRow("second open charge on a card") << u"payment-open"_s << ErrorKind::Conflict;
    QTest::newRow("payment without its time") << u"payment-time"_s << ErrorKind::Validation;
    QTest::newRow("audit without its time") << u"audit-time"_s << ErrorKind::Validation;
    QTest::newRow("audit without an action") << u"audit-action"_s << ErrorKind::Validation;
}

void TestStoreContract::importIsCheckedLikeEveryWrite()
{
    QFETCH(QString, what);
    QFETCH(ErrorKind, kind);
    insert(draftPayment(m_token, u"ORD-USED"_s, PaymentState::Unknown));
    const Store::Counts before = store().counts().value();
    Customer c;
    c.name = u"Moved"_s;
    c.createdAt = at(0);
    CardToken t = store().token(m_token).value();
    t.id = 0;
    t.token = u"tok-new"_s;
    Payment p = draftPayment(m_token, u"ORD-NEW"_s, PaymentState::Declined);
    AuditEntry e{0, at(0), u"clerk"_s, u"customer.added"_s, u"customer"_s, m_customer, {}};
    Error error;
    if (what == u"customer-name"_s) {
        c.name.clear();
        error = store().importCustomer(c).error();
    } else if (what == u"customer-time"_s) {
        c.createdAt = QDateTime();
        error = store().importCustomer(c).error();
    } else if (what == u"token-text"_s) {
        t.token = u"tok new"_s;
        error = store().importToken(t).error();
    } else if (what == u"token-duplicate"_s) {
        t.token = u"tok_AbC+/\\|=9Xq"_s;
        error = store().importToken(t).error();
        QVERIFY(!error.message.contains(t.token));
    } else if (what == u"token-time"_s) {
        t.createdAt = QDateTime();
        error = store().importToken(t).error();
    } else if (what == u"payment-duplicate"_s) {
        p.orderId = u"ORD-USED"_s;
        error = store().importPayment(p).error();
    } else if (what == u"payment-open"_s) {
        p.state = PaymentState::Unknown;
        error = store().importPayment(p).error();
    } else if (what == u"payment-time"_s) {
        p.createdAt = QDateTime();
        error = store().importPayment(p).error();
    } else if (what == u"audit-time"_s) {
        e.at = QDateTime();
        error = store().importAudit(e).error();
    } else {
        e.action.clear();
        error = store().importAudit(e).error();
    }
    QCOMPARE(kindName(error.kind), kindName(kind));
    QVERIFY(!error.message.isEmpty());
    const Store::Counts after = store().counts().value();
    QCOMPARE(after.customers, before.customers);
    QCOMPARE(after.tokens, before.tokens);
    QCOMPARE(after.payments, before.payments);
    QCOMPARE(after.auditEntries, before.auditEntries);
}

// --- transactions --------------------------------------------------------------------------------

void TestStoreContract::transactionRollsBackWhenDestroyed()
{
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        insert(draftPayment(m_token, u"ORD-ROLLBACK"_s));
    }
    QVERIFY(!store().paymentByOrderId(u"ORD-ROLLBACK"_s).value().has_value());
}

void TestStoreContract::nestedTransactionJoinsOutermost()
{
    {
        Store::Transaction outer(store());
        QVERIFY(outer.started().ok());
        {
            Store::Transaction inner(store());
            QVERIFY(inner.started().ok());
            insert(draftPayment(m_token, u"ORD-INNER"_s));
            QVERIFY(inner.commit().ok());
        }
        // The inner commit saved nothing on its own: the outer one decides.
    }
    QVERIFY(!store().paymentByOrderId(u"ORD-INNER"_s).value().has_value());
}

void TestStoreContract::failedInnerStepAbortsOuter()
{
    Store::Transaction outer(store());
    QVERIFY(outer.started().ok());
    insert(draftPayment(m_token, u"ORD-OUTER"_s));
    {
        Store::Transaction inner(store());
        QVERIFY(inner.started().ok());
        // Dropped without commit: the whole change must go.
    }
    QVERIFY(!outer.commit().ok());
    QVERIFY(!store().paymentByOrderId(u"ORD-OUTER"_s).value().has_value());
}

void TestStoreContract::uncommittedWorkIsInvisibleToOthers()
{
    auto other = m_backend.connectAgain();
    QVERIFY(other.ok());
    Store::Transaction tx(store());
    QVERIFY(tx.started().ok());
    insert(draftPayment(m_token, u"ORD-HIDDEN"_s));
    QVERIFY(!other.value()->paymentByOrderId(u"ORD-HIDDEN"_s).value().has_value());
}

void TestStoreContract::committedWorkIsVisibleToOthers()
{
    auto other = m_backend.connectAgain();
    QVERIFY(other.ok());
    {
        Store::Transaction tx(store());
        QVERIFY(tx.started().ok());
        insert(draftPayment(m_token, u"ORD-SHOWN"_s));
        QVERIFY(tx.commit().ok());
    }
    QVERIFY(other.value()->paymentByOrderId(u"ORD-SHOWN"_s).value().has_value());
}

void TestStoreContract::writersAreSerialised()
{
    // A second writer started while the first holds its transaction waits for it (or gives up
    // with Busy), and then reads what the first committed: never the state before it.
    Store::Transaction tx(store());
    QVERIFY(tx.started().ok());
    QVERIFY(store().counts().ok()); // a server store takes its lock with the first statement
    std::latch second(1);
    bool sawFirst = false;
    Error trouble;
    std::thread other([&] {
        auto connection = m_backend.connectAgain();
        second.count_down();
        if (!connection.ok()) {
            trouble = connection.error();
            return;
        }
        Store::Transaction theirs(*connection.value());
        if (!theirs.started().ok()) {
            trouble = theirs.started().error();
            return;
        }
        auto found = connection.value()->paymentByOrderId(u"ORD-FIRST"_s);
        if (!found.ok()) {
            trouble = found.error();
            return;
        }
        sawFirst = found.value().has_value();
    });
    second.wait();
    QTest::qWait(150); // let the other writer block on our lock
    insert(draftPayment(m_token, u"ORD-FIRST"_s));
    QVERIFY(tx.commit().ok());
    other.join();
    if (trouble.message.isEmpty())
        QVERIFY(sawFirst);
    else
        QCOMPARE(trouble.kind, ErrorKind::Busy);
}

// --- races -------------------------------------------------------------------------------------

void TestStoreContract::raceWriteAheadOneWins()
{
    // The payment service's write-ahead: in one transaction, check that the card has no open
    // charge, then insert one. Two connections doing it at once: exactly one charge is written.
    for (int round = 0; round < RaceRounds; ++round) {
        const qint64 token = newToken(m_customer, u"tok-race-%1"_s.arg(round));
        const qint64 customer = m_customer;
        const auto [a, b] = race([&](Store &s, int i, QString &trouble) {
            Store::Transaction tx(s);
            if (!tx.started().ok()) {
                trouble = tx.started().error().toString();
                return false;
            }
            auto open = s.openChargeForToken(token);
            if (!open.ok() || open.value().has_value())
                return false;
            Payment p;
            p.orderId = u"ORD-R%1-%2"_s.arg(round).arg(i);
            p.tokenId = token;
            p.customerId = customer;
            p.amount = Money(100, u"QAR"_s);
            p.currency = u"QAR"_s;
            p.createdAt = at(round);
            p.updatedAt = p.createdAt;
            if (!s.insertPayment(p).ok())
                return false;
            return tx.commit().ok();
        });
        QVERIFY2(a != b, qPrintable(u"round %1: %2 writers won"_s.arg(round).arg(int(a) + int(b))));
        PaymentQuery q;
        q.tokenId = token;
        QCOMPARE(store().countPayments(q).value(), 1);
    }
}

void TestStoreContract::raceSameOrderIdOneWins()
{
    // Even without the check, the database keeps an order id to one payment.
    for (int round = 0; round < RaceRounds; ++round) {
        const qint64 tokens[2] = {newToken(m_customer, u"tok-oa-%1"_s.arg(round)),
                                  newToken(m_customer, u"tok-ob-%1"_s.arg(round))};
        const qint64 customer = m_customer;
        const QString orderId = u"ORD-SAME-%1"_s.arg(round);
        const auto [a, b] = race([&](Store &s, int i, QString &) {
            Payment p;
            p.orderId = orderId;
            p.tokenId = tokens[i];
            p.customerId = customer;
            p.currency = u"QAR"_s;
            p.createdAt = at(round);
            p.updatedAt = p.createdAt;
            return s.insertPayment(p).ok();
        });
        QVERIFY2(a != b, qPrintable(u"round %1"_s.arg(round)));
        QVERIFY(store().paymentByOrderId(orderId).value().has_value());
    }
}

void TestStoreContract::raceLateSettleNeverOverwrites()
{
    // Two answers for one charge arrive at two desks (a charge reply and a verify): each loads
    // the payment inside its transaction and settles it only while it is still open. Exactly one
    // settles; the other sees the settled row and leaves it alone.
    for (int round = 0; round < RaceRounds; ++round) {
        const qint64 token = newToken(m_customer, u"tok-settle-%1"_s.arg(round));
        Payment p = draftPayment(token, u"ORD-SETTLE-%1"_s.arg(round), PaymentState::Unknown);
        const qint64 id = insert(p);
        const PaymentState answers[2] = {PaymentState::Approved, PaymentState::Declined};
        const auto [a, b] = race([&](Store &s, int i, QString &trouble) {
            Store::Transaction tx(s);
            if (!tx.started().ok()) {
                trouble = tx.started().error().toString();
                return false;
            }
            auto loaded = s.payment(id);
            if (!loaded.ok() || !loaded->isOpen())
                return false;
            Payment settled = loaded.value();
            settled.state = answers[i];
            settled.description = u"desk %1"_s.arg(i);
            if (!s.updatePayment(settled).ok())
                return false;
            return tx.commit().ok();
        });
        QVERIFY2(a != b, qPrintable(u"round %1"_s.arg(round)));
        const Payment back = store().payment(id).value();
        QCOMPARE(back.state, a ? answers[0] : answers[1]);
        QCOMPARE(back.description, u"desk %1"_s.arg(a ? 0 : 1));
    }
}

void TestStoreContract::raceRefundOnce()
{
    // Two desks refund one approved payment at once: each loads it inside its transaction and
    // marks the refund pending only if none is standing. Exactly one asks Fatora.
    for (int round = 0; round < RaceRounds; ++round) {
        const qint64 token = newToken(m_customer, u"tok-refund-%1"_s.arg(round));
        Payment p = draftPayment(token, u"ORD-REFUND-%1"_s.arg(round), PaymentState::Approved);
        p.transactionId = u"TX-%1"_s.arg(round);
        const qint64 id = insert(p);
        const auto [a, b] = race([&](Store &s, int i, QString &trouble) {
            Store::Transaction tx(s);
            if (!tx.started().ok()) {
                trouble = tx.started().error().toString();
                return false;
            }
            auto loaded = s.payment(id);
            if (!loaded.ok() || loaded->refundState != RefundState::None)
                return false;
            Payment asked = loaded.value();
            asked.refundState = RefundState::Pending;
            asked.note = u"desk %1"_s.arg(i);
            if (!s.updatePayment(asked).ok())
                return false;
            return tx.commit().ok();
        });
        QVERIFY2(a != b, qPrintable(u"round %1"_s.arg(round)));
        const Payment back = store().payment(id).value();
        QCOMPARE(back.refundState, RefundState::Pending);
        QCOMPARE(back.note, u"desk %1"_s.arg(a ? 0 : 1));
    }
}

void TestStoreContract::raceRevokeOnce()
{
    // Two desks revoke one card at once: each marks it revoke-pending only while it is active.
    for (int round = 0; round < RaceRounds; ++round) {
        const qint64 token = newToken(m_customer, u"tok-revoke-%1"_s.arg(round));
        const auto [a, b] = race([&](Store &s, int, QString &trouble) {
            Store::Transaction tx(s);
            if (!tx.started().ok()) {
                trouble = tx.started().error().toString();
                return false;
            }
            auto loaded = s.token(token);
            if (!loaded.ok() || loaded->status != TokenStatus::Active)
                return false;
            CardToken revoking = loaded.value();
            revoking.status = TokenStatus::RevokePending;
            revoking.statusChangedAt = at(round);
            if (!s.updateToken(revoking).ok())
                return false;
            return tx.commit().ok();
        });
        QVERIFY2(a != b, qPrintable(u"round %1"_s.arg(round)));
        QCOMPARE(store().token(token).value().status, TokenStatus::RevokePending);
    }
}

// --- following other desks ----------------------------------------------------------------------

void TestStoreContract::changesByOtherConnectionsAreTold()
{
    auto watched = store().watchChanges();
    QVERIFY2(watched.ok(), qPrintable(watched.error().toString()));
    std::unique_ptr<ChangeFeed> feed = std::move(watched).value();
    QSignalSpy told(feed.get(), &ChangeFeed::changed);
    const auto toldTables = [&] {
        ChangeFeed::Tables tables;
        for (const QList<QVariant> &signal : told)
            tables |= signal.at(0).value<ChangeFeed::Tables>();
        return tables;
    };
    // Long enough for a poll (SQLite) or a notification (PostgreSQL) to have come in.
    const int quiet = 3 * ChangeFeed::PollMs;

    // This connection's own work is not told: the code that did it knows.
    newCustomer(u"Own Work"_s);
    QTest::qWait(quiet);
    QCOMPARE(told.count(), 0);

    // Another connection's committed work is, within a second, naming what it wrote (SQLite cannot
    // tell which table: all of them).
    std::unique_ptr<Store> other = m_backend.connectAgain().value();
    Customer c;
    c.name = u"Desk B's customer"_s;
    c.createdAt = at(1);
    QVERIFY(other->addCustomer(c).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!told.isEmpty(), 1000);
    QVERIFY(toldTables().testFlag(ChangeFeed::Table::Customers));

    told.clear();
    QVERIFY(other->markTokenUsed(m_token, at(5)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(toldTables().testFlag(ChangeFeed::Table::Tokens), 1000);

    told.clear();
    QVERIFY(other->insertPayment(draftPayment(m_token, u"ord-live-1"_s)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(toldTables().testFlag(ChangeFeed::Table::Payments), 1000);

    // Work rolled back never happened: nothing is told.
    QTest::qWait(quiet);
    told.clear();
    {
        Store::Transaction tx(*other);
        QVERIFY(tx.started().ok());
        c.name = u"Never committed"_s;
        QVERIFY(other->addCustomer(c).ok());
    }
    QTest::qWait(quiet);
    QCOMPARE(told.count(), 0);

    // A transaction of many writes is told, however many statements it made.
    {
        Store::Transaction tx(*other);
        QVERIFY(tx.started().ok());
        for (int i = 0; i < 20; ++i) {
            c.name = u"Batch customer %1"_s.arg(i);
            QVERIFY(other->addCustomer(c).ok());
        }
        QVERIFY(tx.commit().ok());
    }
    QTRY_VERIFY_WITH_TIMEOUT(toldTables().testFlag(ChangeFeed::Table::Customers), 1000);
    QTest::qWait(quiet);
    QVERIFY2(told.count() <= 2, qPrintable(u"told %1 times"_s.arg(told.count())));

    // A second feed on the same store works beside the first, and the first still works after
    // the second is gone.
    auto second = store().watchChanges();
    QVERIFY(second.ok());
    QSignalSpy toldSecond(second.value().get(), &ChangeFeed::changed);
    second.value().reset();
    told.clear();
    c.name = u"After the second feed"_s;
    QVERIFY(other->addCustomer(c).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!told.isEmpty(), 1000);

    // Watching from inside a transaction is refused, not silently late.
    Store::Transaction tx(store());
    QVERIFY(tx.started().ok());
    auto inside = store().watchChanges();
    QVERIFY(!inside.ok());
    QCOMPARE(inside.error().kind, ErrorKind::Internal);
}

// --- session leases ------------------------------------------------------------------------------

void TestStoreContract::sessionsAreSeenAcrossConnections()
{
    // Liveness as another connection sees it; a killed process is proven by tst_sessionlease.
    auto openDesk = [&](const QString &name) {
        std::unique_ptr<Store> desk = m_backend.connectAgain().value();
        SessionInfo info;
        info.host = u"test"_s;
        info.pid = 4242;
        info.operatorName = name;
        if (auto r = desk->openSession(info); !r.ok())
            qFatal("openSession: %s", qPrintable(r.error().toString()));
        return desk;
    };
    QCOMPARE(store().sessionId(), 0); // none until opened
    std::unique_ptr<Store> a = openDesk(u"desk A"_s);
    std::unique_ptr<Store> b = openDesk(u"desk B"_s);
    const qint64 idA = a->sessionId();
    QVERIFY(idA > 0);
    QVERIFY(b->sessionId() > 0 && b->sessionId() != idA);
    QCOMPARE(a->openSession(SessionInfo()).value(), idA); // once per store
    QVERIFY(a->isSessionAlive(idA).value());
    QVERIFY(b->isSessionAlive(idA).value());
    QVERIFY(store().isSessionAlive(idA).value());
    QVERIFY(!b->isSessionAlive(idA + 1000).value()); // never issued
    QVERIFY(!b->isSessionAlive(0).value());
    QVERIFY(a->heartbeat().ok());
    QVERIFY(b->isSessionAlive(idA).value());
    a.reset(); // a clean exit closes the session
    QVERIFY(!b->isSessionAlive(idA).value());
    const qint64 idB = b->sessionId();
    QVERIFY(b->closeSession().ok());
    QCOMPARE(b->sessionId(), 0);
    QVERIFY(!store().isSessionAlive(idB).value());
    QVERIFY(b->heartbeat().ok()); // no session: nothing to renew
    // Opened again after closing: a new session, never the old one revived.
    const qint64 again = b->openSession(SessionInfo()).value();
    QVERIFY(again != idB);
    QVERIFY(store().isSessionAlive(again).value());
    QVERIFY(!store().isSessionAlive(idB).value());
}

// What the desk's status bar counts (liveSessions) and what the history names for each payment
// (sessions): the runs working on the database now, and any run by id, ended or not.
void TestStoreContract::liveSessionsAreTheRunsAtWork()
{
    QVERIFY(store().liveSessions().value().isEmpty());
    auto openDesk = [&](const QString &host, const QString &name) {
        std::unique_ptr<Store> desk = m_backend.connectAgain().value();
        SessionInfo info;
        info.host = host;
        info.pid = 4242;
        info.operatorName = name;
        if (auto r = desk->openSession(info); !r.ok())
            qFatal("openSession: %s", qPrintable(r.error().toString()));
        return desk;
    };
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    std::unique_ptr<Store> a = openDesk(u"front-desk"_s, u"amal"_s);
    std::unique_ptr<Store> b = openDesk(u"back-office"_s, u"بدر"_s);
    const qint64 idA = a->sessionId();
    const qint64 idB = b->sessionId();
    const auto ids = [](const QList<SessionRecord> &records) {
        QList<qint64> found;
        for (const SessionRecord &r : records)
            found << r.id;
        return found;
    };
    QCOMPARE(ids(store().liveSessions().value()), (QList<qint64>{idA, idB}));
    const SessionRecord first = a->liveSessions().value().first();
    QCOMPARE(first.info.host, u"front-desk"_s);
    QCOMPARE(first.info.pid, 4242);
    QCOMPARE(first.info.operatorName, test::recordedOperator(*a, u"amal"_s));
    QVERIFY(first.startedAt >= before && first.startedAt <= QDateTime::currentDateTimeUtc().addSecs(1));
    QVERIFY(first.closedAt.isNull());

    a.reset(); // a clean exit closes the session: no longer at work, still known by id
    QCOMPARE(ids(store().liveSessions().value()), (QList<qint64>{idB}));
    const QList<SessionRecord> known = store().sessions({idA, idB, idB + 1000}).value();
    QCOMPARE(known.size(), 2); // the id never issued is left out
    const auto ofA = std::find_if(known.cbegin(), known.cend(), [&](const SessionRecord &r) { return r.id == idA; });
    QVERIFY(ofA != known.cend());
    QCOMPARE(ofA->info.host, u"front-desk"_s);
    QVERIFY(!ofA->closedAt.isNull());
    const auto ofB = std::find_if(known.cbegin(), known.cend(), [&](const SessionRecord &r) { return r.id == idB; });
    QVERIFY(ofB != known.cend());
    QCOMPARE(ofB->info.operatorName, test::recordedOperator(*b, u"بدر"_s));
    QVERIFY(ofB->closedAt.isNull());
    QVERIFY(store().sessions({}).value().isEmpty());

    if (m_backend.name() == u"sqlite"_s) {
        // A run that stopped without closing is at work until its heartbeat is older than the lease.
        store().setLeaseSecs(1);
        QTRY_VERIFY_WITH_TIMEOUT(store().liveSessions().value().isEmpty(), 3000);
        QVERIFY(b->heartbeat().ok());
        QCOMPARE(ids(store().liveSessions().value()), (QList<qint64>{idB}));
    }
}

void TestStoreContract::paymentOwnerRoundTrip()
{
    const qint64 session = store().openSession(SessionInfo()).value();
    Payment p = draftPayment(m_token, u"ORD-OWNED"_s);
    p.ownerSession = session;
    const qint64 id = insert(p);
    QCOMPARE(store().payment(id).value().ownerSession, session);
    QCOMPARE(store().paymentByOrderId(u"ORD-OWNED"_s).value()->ownerSession, session);
    QCOMPARE(store().paymentsInState(PaymentState::Pending).value().first().ownerSession, session);
    Payment settled = store().payment(id).value();
    settled.state = PaymentState::Approved;
    QVERIFY(store().updatePayment(settled).ok());
    QCOMPARE(store().payment(id).value().ownerSession, session); // kept by a settle
    const qint64 other = newToken(m_customer, u"tok-unowned"_s);
    const qint64 unowned = insert(draftPayment(other, u"ORD-UNOWNED"_s));
    QCOMPARE(store().payment(unowned).value().ownerSession, 0);
}

// --- card requests -------------------------------------------------------------------------------

void TestStoreContract::cardRequestRoundTrip()
{
    const qint64 session = store().openSession(SessionInfo()).value();
    Payment p = draftCardRequest(m_customer, u"ORD-CR-1"_s);
    p.ownerSession = session;
    const qint64 id = insert(p);
    const Payment read = store().payment(id).value();
    QCOMPARE(read.kind, PaymentKind::CardRequest);
    QCOMPARE(read.tokenId, 0);
    QCOMPARE(read.customerId, m_customer);
    QCOMPARE(read.ownerSession, session);
    QVERIFY(read.checkoutUrl.isEmpty());
    QCOMPARE(read.savedTokenId, 0);
    // A charge reads as a charge.
    QCOMPARE(store().payment(insert(draftPayment(m_token, u"ORD-CH-1"_s))).value().kind, PaymentKind::Charge);
    // The history lists it (no card to join), with its customer and no card.
    PaymentQuery query;
    query.customerId = m_customer;
    auto rows = store().findPayments(query);
    QVERIFY2(rows.ok(), qPrintable(rows.error().toString()));
    bool listed = false;
    for (const PaymentRow &row : rows.value()) {
        if (row.payment.id == id) {
            listed = true;
            QCOMPARE(row.payment.kind, PaymentKind::CardRequest);
            QCOMPARE(row.customerName, u"Layla Haddad"_s);
            QVERIFY(row.tokenMask.isEmpty());
        }
    }
    QVERIFY(listed);
    QCOMPARE(store().countPayments(query).value(), 2);
    QCOMPARE(store().paymentsAfter(0, 10).value().first().kind, PaymentKind::CardRequest);
    QCOMPARE(store().paymentsInState(PaymentState::Pending).value().size(), 2);
}

void TestStoreContract::cardRequestsStayOutOfOneOpenChargePerCard()
{
    // A card request has no card, so it never blocks one, and any number may wait at once.
    insert(draftPayment(m_token, u"ORD-OPEN"_s));
    insert(draftCardRequest(m_customer, u"ORD-CR-A"_s));
    insert(draftCardRequest(m_customer, u"ORD-CR-B"_s));
    QCOMPARE(store().openChargeForToken(m_token).value()->orderId, u"ORD-OPEN"_s);
    // The rule still holds for charges.
    auto second = store().insertPayment(draftPayment(m_token, u"ORD-OPEN-2"_s));
    QVERIFY(!second.ok());
    QVERIFY2(second.error().is(ErrorKind::Conflict), qPrintable(describe(second.error())));
}

void TestStoreContract::waitingCardRequestsAreNotOpenCharges()
{
    // A link waiting for its customer moved no money: the totals and the counts keep it apart from
    // a charge whose outcome is unknown, by every way the backends total (all time, a day's hours,
    // one customer's payments), and an approved card request is money taken like a charge.
    insert(draftPayment(m_token, u"ORD-OPEN"_s));
    insert(draftCardRequest(m_customer, u"ORD-CR-WAIT"_s));
    Payment lost = draftCardRequest(m_customer, u"ORD-CR-LOST"_s);
    lost.amount = Money(700, u"QAR"_s);
    const qint64 lostId = insert(lost);
    lost = store().payment(lostId).value();
    lost.state = PaymentState::Unknown;
    QVERIFY(store().updatePayment(lost).ok());
    Payment paid = draftCardRequest(m_customer, u"ORD-CR-PAID"_s);
    paid.amount = Money(2500, u"QAR"_s);
    const qint64 paidId = insert(paid);
    paid = store().payment(paidId).value();
    paid.state = PaymentState::Approved;
    QVERIFY(store().updatePayment(paid).ok());

    PaymentQuery day;
    day.from = at(1).toLocalTime().date();
    day.to = day.from;
    PaymentQuery customer;
    customer.customerId = m_customer;
    for (const PaymentQuery &query : {PaymentQuery(), day, customer}) {
        auto totals = store().paymentTotals(query);
        QVERIFY2(totals.ok(), qPrintable(describe(totals.error())));
        QCOMPARE(totals->payments, 4);
        QCOMPARE(totals->currencies.size(), 1);
        const PaymentCurrencyTotal &t = totals->currencies.first();
        QCOMPARE(t.open, 1);
        QCOMPARE(t.openMinor, 5000);
        QCOMPARE(t.waitingRequests, 2);
        QCOMPARE(t.waitingRequestsMinor, 5700);
        QCOMPARE(t.approved, 1);
        QCOMPARE(t.approvedMinor, 2500);
    }
    auto counts = store().counts();
    QVERIFY2(counts.ok(), qPrintable(describe(counts.error())));
    QCOMPARE(counts->openCharges, 1);
    QCOMPARE(counts->waitingRequests, 2);
}

void TestStoreContract::chargeNeedsItsCardAndCardRequestHasNone()
{
    Payment noCard = draftPayment(m_token, u"ORD-NOCARD"_s);
    noCard.tokenId = 0;
    QVERIFY(!store().insertPayment(noCard).ok());
    QVERIFY(!store().paymentByOrderId(u"ORD-NOCARD"_s).value().has_value());
}

void TestStoreContract::checkoutLinkIsSetOnce()
{
    const qint64 id = insert(draftCardRequest(m_customer, u"ORD-LINK"_s));
    Payment p = store().payment(id).value();
    p.checkoutUrl = u"https://pay.example/checkout/abc+1?x=1&y=2"_s;
    QVERIFY(store().updatePayment(p).ok());
    QCOMPARE(store().payment(id).value().checkoutUrl, p.checkoutUrl);
    p.note = u"waiting"_s;
    QVERIFY(store().updatePayment(p).ok()); // the same link again is no change
    p.checkoutUrl = u"https://pay.example/checkout/other"_s;
    auto swapped = store().updatePayment(p);
    QVERIFY(!swapped.ok());
    QCOMPARE(store().payment(id).value().checkoutUrl, u"https://pay.example/checkout/abc+1?x=1&y=2"_s);
}

void TestStoreContract::savedCardIsOneCardOfItsCustomerOnceApproved()
{
    const qint64 id = insert(draftCardRequest(m_customer, u"ORD-SAVE"_s));
    const qint64 fresh = newToken(m_customer, u"tok+new/\\|card"_s);
    Payment p = store().payment(id).value();
    // Not while it is open.
    p.savedTokenId = fresh;
    QVERIFY(!store().updatePayment(p).ok());
    p.state = PaymentState::Approved;
    // Not another customer's card.
    const qint64 stranger = newCustomer(u"Someone Else"_s);
    const qint64 strangersCard = newToken(stranger, u"tok-stranger"_s);
    p.savedTokenId = strangersCard;
    QVERIFY(!store().updatePayment(p).ok());
    QCOMPARE(store().payment(id).value().state, PaymentState::Pending); // refused whole
    p.savedTokenId = fresh;
    QVERIFY(store().updatePayment(p).ok());
    QCOMPARE(store().payment(id).value().savedTokenId, fresh);
    // Once: never swapped for another card, and a card comes from one request only.
    p.savedTokenId = m_token;
    QVERIFY(!store().updatePayment(p).ok());
    const qint64 other = insert(draftCardRequest(m_customer, u"ORD-SAVE-2"_s));
    Payment q = store().payment(other).value();
    q.state = PaymentState::Approved;
    q.savedTokenId = fresh;
    QVERIFY(!store().updatePayment(q).ok());
    // A charge never saves a card.
    const qint64 charge = insert(draftPayment(m_token, u"ORD-CHARGE"_s));
    Payment c = store().payment(charge).value();
    c.state = PaymentState::Approved;
    c.savedTokenId = fresh;
    QVERIFY(!store().updatePayment(c).ok());
}

void TestStoreContract::importKeepsCardRequestsAndTheirSavedCard()
{
    const qint64 card = newToken(m_customer, u"tok-imported-card"_s);
    Payment p = draftCardRequest(m_customer, u"ORD-IMP-CR"_s);
    p.state = PaymentState::Approved;
    p.checkoutUrl = u"https://pay.example/checkout/imp"_s;
    p.savedTokenId = card;
    p.transactionId = u"T-1"_s;
    auto id = store().importPayment(p);
    QVERIFY2(id.ok(), qPrintable(id.error().toString()));
    const Payment read = store().payment(id.value()).value();
    QCOMPARE(read.kind, PaymentKind::CardRequest);
    QCOMPARE(read.tokenId, 0);
    QCOMPARE(read.checkoutUrl, p.checkoutUrl);
    QCOMPARE(read.savedTokenId, card);
    QCOMPARE(read.createdAt, p.createdAt);
}

// Runs the whole contract once per backend. PostgreSQL runs on a throw-away server of this
// process (PostgresTestServer); without one it fails loudly unless FATORA_TEST_POSTGRES=off.
int main(int argc, char **argv)
{
    return fatora::test::runOnEveryBackend<TestStoreContract>(argc, argv, "store contract on");
}

#include "tst_storecontract.moc"
