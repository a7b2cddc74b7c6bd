// Staff accounts and rights (issue 14): every action of the rights table (StaffRights) for each
// role, through the service layer and through raw SQL on that person's own login - the database
// must refuse on its own what the role does not allow. Then what no role may do, the operator the
// database writes, a one-time password, a disabled person, staff management and passwords.

#include "PostgresStoreBackend.h"
#include "PostgresTestServer.h"
#include "TestSupport.h"

#include "batches/BatchService.h"
#include "customers/CustomerService.h"
#include "domain/Clock.h"
#include "gateway/GatewayClient.h"
#include "payments/PaymentService.h"
#include "staff/StaffPassword.h"
#include "staff/StaffRights.h"
#include "session/Session.h"
#include "staff/StaffService.h"
#include "store/postgres/PostgresStore.h"
#include "GatewaySimulator.h"

#include <QCoreApplication>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;
using namespace fatora;

Q_DECLARE_METATYPE(fatora::StaffRole)
Q_DECLARE_METATYPE(fatora::StaffRights::Action)

namespace {

const QDate Today(2026, 11, 25);

QDateTime at(int minutes)
{
    return QDateTime(Today, QTime(10, 0), Qt::UTC).addSecs(qint64(minutes) * 60);
}

// What a person's raw SQL did: allowed, or the database's words for the refusal.
struct RawOutcome
{
    bool allowed = false;
    QString refusal;
    QVariant value; // the first column of the last row, when the statement returned rows
};

} // namespace

class TestStaffRights : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void rightsTable_data();
    void rightsTable();
    void nobodyRewritesHistory_data();
    void nobodyRewritesHistory();
    void operatorIsTheSessionUser();
    void aLiveDesksCallIsThatDesksToSettle_data();
    void aLiveDesksCallIsThatDesksToSettle();
    void aRoleHandedOnGrantsNothing();
    void servicesRefuseBeforeWriting();
    void aModifiedDeskMeetsTheDatabase();
    void oneTimePasswordGrantsNothing();
    void theDesksReaderSignsInWithTheNewPassword();
    void disabledPersonLosesEveryRightAtOnce();
    void staffManagement();
    void verifierSignsIn();
    void aFileKeepsNoStaff();
    // Four eyes on refunds above the limit (schema 12).
    void aLargeRefundWaitsForASecondSupervisor();
    void aDenialSendsNothing();
    void anApprovalIsSpentInItsOwnTransaction();
    void twoApproversAtOnceSendOneRefund();
    void theLimitIsAnAdministrators();

private:
    QString login(StaffRole role) const;
    PostgresStore::ConnectionSettings settingsOf(const QString &login) const;
    std::unique_ptr<PostgresStore> connectAs(const QString &login);
    // Runs `statements` in one transaction on a connection of its own as `login`, deferred checks
    // made at once, and rolls it back (the data every row starts from never changes) unless `keep`.
    RawOutcome raw(const QString &login, const QStringList &statements, bool keep = false);
    // The test server's password-checked login (PostgresTestServer::passwordRole) as a clerk with
    // this password, made by hand (the service keeps names starting with "fatora_"); with a staff
    // row when asked. Empty when that server is not this test's.
    QString passwordLogin(const QString &password, bool staffRow = false);
    // A connection of its own as `login` (the caller removes it), for statements across transactions.
    QString openRaw(const QString &login);
    // A supervisor's desk: their store (its session open), a gateway to the simulator, the service.
    struct Desk
    {
        std::unique_ptr<PostgresStore> store;
        std::unique_ptr<QNetworkAccessManager> network;
        std::unique_ptr<GatewayClient> gateway;
        std::unique_ptr<PaymentService> payments;
    };
    std::unique_ptr<Desk> deskOf(const QString &login, const GatewaySimulator &simulator);
    // An approved charge of `minor` QAR cents made at `desk` through the simulator: its payment id.
    qint64 approvedCharge(Desk &desk, qint64 minor);
    // Adds a person through an administrator's StaffService and gives them their own password.
    QString addPerson(const QString &prefix, StaffRole role);
    // The SQL that takes the action on the seeded data, or empty when only the desk and the CLI can
    // hold it back (reading rows to export them is reading them).
    QStringList probeFor(StaffRights::Action action) const;

    std::unique_ptr<test::PostgresStoreBackend> m_backend;
    std::unique_ptr<Store> m_owner;
    PostgresStore::ConnectionSettings m_ownerSettings;
    QMap<StaffRole, QString> m_logins;
    int m_rawConnections = 0;
    qint64 m_customer = 0;
    qint64 m_freeCard = 0;      // active, no payment
    qint64 m_approved = 0;      // approved charge on its own card
    qint64 m_unknown = 0;       // unknown charge on its own card
    qint64 m_refundUnknown = 0; // approved charge whose refund's outcome is unknown
    qint64 m_pendingCharge = 0; // in flight at the owner's live desk
    qint64 m_pendingRefund = 0; // a refund in flight at the owner's live desk
    qint64 m_revokedCard = 0;   // deactivated
    qint64 m_large = 0;         // approved QAR 2,500.00 whose refund the owner asked for
    qint64 m_ownersRequest = 0; // that request, open
    int m_cards = 0;
    // action name -> role -> "allowed" / "refused" (service | database), for the closing note
    QMap<QString, QMap<StaffRole, QString>> m_table;
};

QString TestStaffRights::login(StaffRole role) const
{
    return m_logins.value(role);
}

PostgresStore::ConnectionSettings TestStaffRights::settingsOf(const QString &login) const
{
    return m_backend->settingsFor(login);
}

std::unique_ptr<PostgresStore> TestStaffRights::connectAs(const QString &login)
{
    auto opened = m_backend->connectAs(login);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().toString()));
        return nullptr;
    }
    return std::move(opened).value();
}

RawOutcome TestStaffRights::raw(const QString &login, const QStringList &statements, bool keep)
{
    const PostgresStore::ConnectionSettings s = settingsOf(login);
    const QString name = u"staffrights-raw-%1"_s.arg(++m_rawConnections);
    RawOutcome out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(s.host);
        db.setPort(s.port);
        db.setDatabaseName(s.database);
        db.setUserName(s.user);
        if (!db.open()) {
            out.refusal = db.lastError().text();
        } else {
            QSqlQuery q(db);
            out.allowed = q.exec(u"BEGIN"_s) && q.exec(u"SET CONSTRAINTS ALL IMMEDIATE"_s);
            for (const QString &sql : statements) {
                if (!out.allowed)
                    break;
                out.allowed = q.exec(sql);
                if (!out.allowed)
                    out.refusal = q.lastError().databaseText();
                else if (q.next())
                    out.value = q.value(0);
            }
            (void)q.exec(keep && out.allowed ? u"COMMIT"_s : u"ROLLBACK"_s);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

QString TestStaffRights::passwordLogin(const QString &password, bool staffRow)
{
    const QString role = test::PostgresTestServer::passwordRole();
    QStringList statements{u"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1')"
                           " THEN CREATE ROLE %1 LOGIN; END IF; END $$"_s.arg(role),
                           u"GRANT fatora_clerk TO %1"_s.arg(role),
                           u"ALTER ROLE %1 PASSWORD '%2'"_s.arg(role, StaffPassword::verifier(password))};
    if (staffRow)
        statements << u"INSERT INTO staff (login) VALUES ('%1') ON CONFLICT (login) DO NOTHING"_s.arg(role);
    return role.isEmpty() || !raw(m_ownerSettings.user, statements, true).allowed ? QString() : role;
}

QString TestStaffRights::addPerson(const QString &prefix, StaffRole role)
{
    auto added = m_backend->addPerson(*m_owner, prefix, role);
    if (!added) {
        qWarning("%s", qPrintable(added.error().toString()));
        return {};
    }
    return added.value();
}

void TestStaffRights::initTestCase()
{
    if (!test::PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    auto url = test::PostgresTestServer::adminUrl();
    QVERIFY2(url.ok(), qPrintable(url.error().message));
    m_backend = std::make_unique<test::PostgresStoreBackend>(url.value());
    auto fresh = m_backend->createFresh();
    QVERIFY2(fresh.ok(), qPrintable(fresh.error().toString()));
    m_owner = std::move(fresh).value();
    auto parsed = PostgresStore::parseUrl(url.value());
    QVERIFY(parsed.ok());
    m_ownerSettings = parsed.value();
    m_ownerSettings.database = m_owner->location().section(u'/', -1).section(u'?', 0, 0);

    for (StaffRole role : {StaffRole::Clerk, StaffRole::Supervisor, StaffRole::Administrator}) {
        const QString name = addPerson(staffRoleName(role).left(5), role);
        QVERIFY2(!name.isEmpty(), "could not add the staff the table needs");
        m_logins.insert(role, name);
    }

    // The data every row starts from, written by the owner.
    m_customer = test::addCustomer(*m_owner, u"Huda Saleh"_s);
    m_freeCard = test::addToken(*m_owner, m_customer, u"tok_free_card_0001"_s, Today);
    // A payment on a card of its own; owned by the owner's desk session when `inFlight`.
    const auto charge = [&](const QString &token, const QString &orderId, PaymentState state,
                            RefundState refund, bool inFlight = false, qint64 minor = 5000) -> qint64 {
        Payment p;
        p.orderId = orderId;
        p.tokenId = test::addToken(*m_owner, m_customer, token, Today);
        p.customerId = m_customer;
        p.amount = Money(minor, u"QAR"_s);
        p.transactionId = u"tx-"_s + orderId;
        p.currency = u"QAR"_s;
        p.state = state;
        p.refundState = refund;
        p.ownerSession = inFlight ? m_owner->sessionId() : 0;
        p.createdAt = at(1);
        p.updatedAt = at(1);
        auto id = m_owner->insertPayment(p);
        return id.ok() ? id.value() : 0;
    };
    m_approved = charge(u"tok_approved_0002"_s, u"approved-1"_s, PaymentState::Approved, RefundState::None);
    m_unknown = charge(u"tok_unknown_0003"_s, u"unknown-1"_s, PaymentState::Unknown, RefundState::None);
    m_refundUnknown =
        charge(u"tok_refund_0004"_s, u"refund-unknown-1"_s, PaymentState::Approved, RefundState::Unknown);
    m_large = charge(u"tok_large_0008"_s, u"large-1"_s, PaymentState::Approved, RefundState::None, false, 250000);
    {
        // A blank-amount charge: what it took (QAR 4,800.00) is what a refund of it is judged by.
        Payment p;
        p.orderId = u"blank-1"_s;
        p.tokenId = test::addToken(*m_owner, m_customer, u"tok_blank_0009"_s, Today);
        p.customerId = m_customer;
        p.currency = u"QAR"_s;
        p.state = PaymentState::Approved;
        p.transactionId = u"tx-blank-1"_s;
        p.takenAmount = Money(480000, u"QAR"_s);
        p.createdAt = at(1);
        p.updatedAt = at(1);
        QVERIFY(m_owner->insertPayment(p).ok());
    }
    QVERIFY(m_approved && m_unknown && m_refundUnknown && m_large);
    auto asked = m_owner->addRefundApproval(m_large, u"the owner asks"_s);
    QVERIFY2(asked.ok(), qPrintable(asked.error().toString()));
    m_ownersRequest = asked.value();
    // Calls in flight at a desk that is alive (the owner's connection holds its lease).
    SessionInfo desk;
    desk.host = u"front-desk"_s;
    QVERIFY(m_owner->openSession(desk).ok());
    m_pendingCharge =
        charge(u"tok_pending_0005"_s, u"pending-1"_s, PaymentState::Pending, RefundState::None, true);
    m_pendingRefund =
        charge(u"tok_refunding_0006"_s, u"refunding-1"_s, PaymentState::Approved, RefundState::Pending, true);
    QVERIFY(m_pendingCharge && m_pendingRefund);
    m_revokedCard = test::addToken(*m_owner, m_customer, u"tok_revoked_0007"_s, Today);
    {
        CardToken t = m_owner->token(m_revokedCard).value();
        t.status = TokenStatus::Deactivated;
        QVERIFY(m_owner->updateToken(t).ok());
    }
    QVERIFY(m_owner->audit(at(2), u"owner"_s, u"customer.updated"_s, u"customer"_s, m_customer, {}).ok());
}

void TestStaffRights::cleanupTestCase()
{
    if (m_table.isEmpty())
        return;
    // The role x action table the rights test proved, for the README and the closing note.
    QString out = u"\n| Action | clerk | supervisor | administrator |\n|---|---|---|---|\n"_s;
    for (StaffRights::Action action : StaffRights::allActions()) {
        const QString name = StaffRights::actionName(action);
        out += u"| "_s + name;
        for (StaffRole role : {StaffRole::Clerk, StaffRole::Supervisor, StaffRole::Administrator})
            out += u" | "_s + m_table.value(name).value(role);
        out += u" |\n"_s;
    }
    qInfo().noquote() << out;
}

QStringList TestStaffRights::probeFor(StaffRights::Action action) const
{
    using A = StaffRights::Action;
    const QString customer = QString::number(m_customer);
    switch (action) {
    case A::FindCustomers:
        return {u"SELECT count(*) FROM customers"_s};
    case A::ViewHistory:
        return {u"SELECT count(*) FROM payments"_s};
    case A::Charge:
        return {u"INSERT INTO payments (order_id, token_id, customer_id, amount_minor, currency, state, "
                u"created_at,"
                " updated_at) VALUES ('probe-charge', %1, %2, 100, 'QAR', 'pending', now(), now())"_s
                    .arg(m_freeCard)
                    .arg(customer)};
    case A::Verify:
        return {u"UPDATE payments SET state = 'approved', last_checked_at = now() WHERE id = %1"_s.arg(
            m_unknown)};
    case A::Revoke:
        return {u"UPDATE card_tokens SET status = 'revoke-pending' WHERE id = %1"_s.arg(m_freeCard)};
    case A::Refund:
        return {u"UPDATE payments SET refund_state = 'pending' WHERE id = %1"_s.arg(m_approved)};
    case A::ApproveRefunds:
        return {u"UPDATE refund_requests SET state = 'denied', decision_note = 'probe' WHERE id = %1"_s.arg(
            m_ownersRequest)};
    case A::CloseUnfound:
        return {u"UPDATE payments SET state = 'not-sent' WHERE id = %1"_s.arg(m_unknown)};
    case A::ResolveRefund:
        return {u"UPDATE payments SET refund_state = 'refunded', refunded_at = now() WHERE id = %1"_s.arg(
            m_refundUnknown)};
    case A::EditCustomers:
        return {u"UPDATE customers SET notes = 'probe' WHERE id = %1"_s.arg(customer)};
    case A::AddCards:
        return {u"INSERT INTO card_tokens (customer_id, token, issued_on, expires_on, currency, status, "
                u"created_at)"
                " VALUES (%1, 'tok_probe_by_hand', '2026-11-01', '2028-11-01', 'QAR', 'active', now())"_s.arg(
                    customer)};
    case A::Import:
        return {u"INSERT INTO customers (name, phone_digits, created_at) VALUES ('Imported', '', now())"_s};
    case A::BillingRuns:
        return {
            u"INSERT INTO batches (name, state, created_at, updated_at) VALUES ('probe', 'ready', now(), now())"_s};
    case A::ManageStaff:
        return {
            u"SELECT fatora_staff_add('probe_%1', 'clerk', '%2')"_s.arg(QCoreApplication::applicationPid())
                .arg(StaffPassword::verifier(u"probe password 1"_s))};
    case A::SetRefundLimit:
        return {u"UPDATE refund_rules SET approval_above_minor = 50000 WHERE id = 1"_s};
    case A::ReadEveryonesActivity:
        // Allowed when it shows someone else's entry (the owner wrote one); refused when it shows none.
        return {u"SELECT count(*) FROM audit_log WHERE operator <> session_user"_s};
    case A::Export:
    case A::ChangeDeskSettings:
        return {};
    }
    return {};
}

void TestStaffRights::rightsTable_data()
{
    QTest::addColumn<StaffRights::Action>("action");
    QTest::addColumn<StaffRole>("role");
    for (StaffRights::Action action : StaffRights::allActions()) {
        for (StaffRole role : {StaffRole::Clerk, StaffRole::Supervisor, StaffRole::Administrator}) {
            QTest::addRow("%s by %s", qPrintable(StaffRights::actionName(action)),
                          qPrintable(staffRoleName(role)))
                << action << role;
        }
    }
}

void TestStaffRights::rightsTable()
{
    QFETCH(StaffRights::Action, action);
    QFETCH(StaffRole, role);
    const bool expected = role >= StaffRights::needs(action);

    // The service layer: what every service asks before it writes (and the desk's buttons show).
    auto person = connectAs(login(role));
    QVERIFY(person);
    auto me = person->signedIn();
    QVERIFY2(me.ok(), qPrintable(me.error().toString()));
    QCOMPARE(me->login, login(role));
    QCOMPARE(me->role, std::optional<StaffRole>(role));
    const auto verdict = StaffRights::check(me.value(), action);
    QCOMPARE(verdict.ok(), expected);
    if (!expected) {
        QCOMPARE(verdict.error().kind, ErrorKind::Permission);
        QVERIFY2(verdict.error().message.contains(staffRoleTitle(StaffRights::needs(action))),
                 qPrintable(verdict.error().message));
    }

    // The database on its own, with the person's own login.
    const QStringList probe = probeFor(action);
    QString cell;
    if (probe.isEmpty()) {
        cell = expected ? u"allowed (desk and CLI)"_s : u"refused (desk and CLI)"_s;
    } else {
        const RawOutcome got = raw(login(role), probe);
        bool allowed = got.allowed;
        if (action == StaffRights::Action::ReadEveryonesActivity)
            allowed = got.allowed && got.value.toLongLong() > 0;
        QVERIFY2(allowed == expected, qPrintable(u"database said %1 (%2)"_s.arg(
                                          allowed ? u"allowed"_s : u"refused"_s, got.refusal)));
        if (!expected && action != StaffRights::Action::ReadEveryonesActivity)
            QVERIFY2(!got.refusal.isEmpty(), "a refusal says why");
        cell = expected ? u"allowed"_s : u"refused (service and database)"_s;
    }
    m_table[StaffRights::actionName(action)][role] = cell;
}

void TestStaffRights::nobodyRewritesHistory_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("administratorMay"); // what only an administrator may do by hand
    QTest::newRow("delete a payment") << u"DELETE FROM payments"_s << false;
    QTest::newRow("delete the audit log") << u"DELETE FROM audit_log"_s << false;
    QTest::newRow("edit an audit entry") << u"UPDATE audit_log SET detail = 'nothing happened'"_s << false;
    QTest::newRow("truncate payments") << u"TRUNCATE payments"_s << false;
    QTest::newRow("delete a customer") << u"DELETE FROM customers"_s << false;
    QTest::newRow("delete a staff row") << u"DELETE FROM staff"_s << false;
    QTest::newRow("clear a one-time password flag")
        << u"UPDATE staff SET must_change_password = false"_s << false;
    QTest::newRow("switch off the rights trigger")
        << u"ALTER TABLE payments DISABLE TRIGGER payments_rights"_s << false;
    QTest::newRow("drop the rights trigger") << u"DROP TRIGGER payments_rights ON payments"_s << false;
    QTest::newRow("replace the rights function")
        << u"CREATE OR REPLACE FUNCTION fatora_may(need text) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$"_s
        << false;
    QTest::newRow("shadow a function in pg_temp")
        << u"CREATE FUNCTION pg_temp.fatora_may(need text) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$"_s
        << false;
    QTest::newRow("give oneself a role") << u"GRANT fatora_administrator TO CURRENT_USER"_s << false;
    QTest::newRow("act as the owner") << u"SET ROLE %owner%"_s << false;
    QTest::newRow("write a payment's figures") << u"UPDATE payment_totals SET payments = 0"_s << false;
    QTest::newRow("add to the totals by hand")
        << u"SELECT fatora_count_payment(jsonb_populate_record(NULL::payments, '{\"kind\": \"charge\","
           " \"state\": \"approved\", \"refund_state\": \"none\", \"currency\": \"QAR\","
           " \"amount_minor\": 99999999, \"created_at\": \"2026-01-01T00:00:00Z\"}'), 1)"_s
        << false;
    QTest::newRow("shadow payments with a temporary table")
        << u"CREATE TEMP TABLE payments (saved_token_id bigint, kind text)"_s << false;
    QTest::newRow("renumber a payment") << u"UPDATE payments SET id = -id"_s << false;
    QTest::newRow("renumber a card") << u"UPDATE card_tokens SET id = -id"_s << false;
    QTest::newRow("renumber a session") << u"UPDATE sessions SET id = -id"_s << false;
    QTest::newRow("write a payment already approved")
        << u"INSERT INTO payments (order_id, token_id, customer_id, amount_minor, currency, state, "
           u"created_at,"
           " updated_at) SELECT 'probe-settled', id, customer_id, 100, 'QAR', 'approved', now(), now()"
           " FROM card_tokens WHERE token = 'tok_free_card_0001'"_s
        << true;
    QTest::newRow("write a payment in the past")
        << u"INSERT INTO payments (order_id, token_id, customer_id, amount_minor, currency, state, "
           u"created_at,"
           " updated_at) SELECT 'probe-old', id, customer_id, 100, 'QAR', 'pending', now() - interval '2 "
           "days',"
           " now() FROM card_tokens WHERE token = 'tok_free_card_0001'"_s
        << true;
    QTest::newRow("delete a refund request") << u"DELETE FROM refund_requests"_s << false;
    // What a refund is judged and sent by stays as it was (or a large refund slips under the limit,
    // or another payment's money goes back).
    QTest::newRow("lower what a charge took") << u"UPDATE payments SET taken_minor = 1 WHERE order_id = 'blank-1'"_s
                                              << true;
    QTest::newRow("swap an approved charge's transaction id")
        << u"UPDATE payments SET transaction_id = 'tx-large-1' WHERE order_id = 'approved-1'"_s << true;
    // A refund's state moves forward only: nothing shows a refund as undone, or made without a call.
    QTest::newRow("clear an unknown refund")
        << u"UPDATE payments SET refund_state = 'none' WHERE order_id = 'refund-unknown-1'"_s << false;
    QTest::newRow("record a refund that was never asked for")
        << u"UPDATE payments SET refund_state = 'refunded' WHERE order_id = 'approved-1'"_s << false;
    QTest::newRow("write a payment with its refund asked for")
        << u"INSERT INTO payments (order_id, token_id, customer_id, amount_minor, currency, state, refund_state,"
           " created_at, updated_at) SELECT 'probe-refunding', id, customer_id, 100, 'QAR', 'pending', 'pending',"
           " now(), now() FROM card_tokens WHERE token = 'tok_free_card_0001'"_s
        << true;
    QTest::newRow("rewrite a refund request's reason") << u"UPDATE refund_requests SET reason = 'other'"_s
                                                        << false;
    QTest::newRow("reopen a decided refund request")
        << u"DO $$ BEGIN UPDATE refund_requests SET state = 'denied', decision_note = 'x';"
           " UPDATE refund_requests SET state = 'open'; END $$"_s
        << false;
    QTest::newRow("delete the refund approval limit") << u"DELETE FROM refund_rules"_s << false;
    QTest::newRow("make a revoked card active")
        << u"UPDATE card_tokens SET status = 'active' WHERE token = 'tok_revoked_0007'"_s << true;
}

void TestStaffRights::nobodyRewritesHistory()
{
    QFETCH(QString, sql);
    QFETCH(bool, administratorMay);
    sql.replace(u"%owner%"_s, m_ownerSettings.user);
    for (StaffRole role : {StaffRole::Clerk, StaffRole::Supervisor, StaffRole::Administrator}) {
        const RawOutcome got = raw(login(role), {sql});
        if (administratorMay && role == StaffRole::Administrator) {
            QVERIFY2(got.allowed, qPrintable(got.refusal));
            continue;
        }
        if (QByteArray(QTest::currentDataTag()) == "shadow a function in pg_temp" && got.allowed) {
            // A temporary function is the person's own; what matters is that the owner's functions
            // never find it (their search_path puts pg_temp last) and a refund stays refused.
            const RawOutcome refund =
                raw(login(role),
                    {sql, u"UPDATE payments SET refund_state = 'pending' WHERE id = %1"_s.arg(m_approved)});
            QCOMPARE(refund.allowed, role >= StaffRole::Supervisor);
            continue;
        }
        QVERIFY2(!got.allowed, qPrintable(staffRoleName(role) + u" was allowed: "_s + sql));
    }
}

// A call in flight at a live desk (its lease held) is that desk's to settle: anyone else may only
// make it unknown. Closing it would free the card for a second charge, or show a refund as undone,
// while the money may have moved.
void TestStaffRights::aLiveDesksCallIsThatDesksToSettle_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("clerkMay");
    QTest::addColumn<bool>("supervisorMay");
    const QString charge = u"UPDATE payments SET state = '%1' WHERE order_id = 'pending-1'"_s;
    const QString refund = u"UPDATE payments SET refund_state = '%1' WHERE order_id = 'refunding-1'"_s;
    QTest::newRow("charge made unknown") << charge.arg(u"unknown"_s) << true << true;
    QTest::newRow("charge declined") << charge.arg(u"declined"_s) << false << true;
    QTest::newRow("charge approved") << charge.arg(u"approved"_s) << false << true;
    QTest::newRow("charge not sent") << charge.arg(u"not-sent"_s) << false << true;
    QTest::newRow("refund made unknown") << refund.arg(u"unknown"_s) << true << true;
    QTest::newRow("refund undone") << refund.arg(u"none"_s) << false << true;
    QTest::newRow("refund refused") << refund.arg(u"rejected"_s) << false << true;
    QTest::newRow("refund refunded") << refund.arg(u"refunded"_s) << false << true;
    QTest::newRow("call handed to the clerk")
        << u"UPDATE payments SET owner_session = NULL WHERE order_id = 'pending-1'"_s << false << true;
}

void TestStaffRights::aLiveDesksCallIsThatDesksToSettle()
{
    QFETCH(QString, sql);
    QFETCH(bool, clerkMay);
    QFETCH(bool, supervisorMay);
    const RawOutcome clerk = raw(login(StaffRole::Clerk), {sql});
    QVERIFY2(clerk.allowed == clerkMay, qPrintable(clerk.refusal));
    const RawOutcome supervisor = raw(login(StaffRole::Supervisor), {sql});
    QVERIFY2(supervisor.allowed == supervisorMay, qPrintable(supervisor.refusal));
    // Once the desk that made the call is gone (its lease with it), what its answer would have said a
    // verify says now: anyone at work may save it.
}

// Up to PostgreSQL 15 a login may grant itself to another: the other holds no role for it.
void TestStaffRights::aRoleHandedOnGrantsNothing()
{
    const QString giver = addPerson(u"giver"_s, StaffRole::Supervisor);
    const QString taker = addPerson(u"taker"_s, StaffRole::Clerk);
    QVERIFY(!giver.isEmpty() && !taker.isEmpty());
    const RawOutcome granted = raw(giver, {u"GRANT %1 TO %2"_s.arg(giver, taker)}, true);
    auto store = connectAs(taker);
    QVERIFY(store);
    QCOMPARE(store->signedIn()->role, std::optional<StaffRole>(StaffRole::Clerk));
    QVERIFY2(
        !raw(taker, probeFor(StaffRights::Action::Refund)).allowed,
        qPrintable(granted.allowed ? u"the grant went through; the refund must not"_s : granted.refusal));
}

void TestStaffRights::operatorIsTheSessionUser()
{
    const QString clerk = login(StaffRole::Clerk);
    const QString charge =
        u"INSERT INTO payments (order_id, token_id, customer_id, amount_minor, currency, state, created_at,"
        " updated_at, operator) VALUES ('probe-operator', %1, %2, 100, 'QAR', 'pending', now(), now(),"
        " 'the-supervisor') RETURNING operator"_s.arg(m_freeCard)
            .arg(m_customer);
    RawOutcome got = raw(clerk, {charge});
    QVERIFY2(got.allowed, qPrintable(got.refusal));
    QCOMPARE(got.value.toString(), clerk);

    got = raw(clerk,
              {u"INSERT INTO audit_log (at, operator, action, object_type, object_id) VALUES (now(),"
               " 'the-supervisor', 'payment.refunded', 'payment', %1) RETURNING operator"_s.arg(m_approved)});
    QVERIFY2(got.allowed, qPrintable(got.refusal));
    QCOMPARE(got.value.toString(), clerk);

    got =
        raw(clerk, {u"UPDATE payments SET operator = '%1' WHERE id = %2 RETURNING operator"_s.arg(clerk).arg(
                       m_approved)});
    QVERIFY2(got.allowed, qPrintable(got.refusal));
    QCOMPARE(got.value.toString(), m_ownerSettings.user); // the owner's charge stays the owner's

    got = raw(
        clerk,
        {u"INSERT INTO sessions (host, operator) VALUES ('desk-9', 'someone-else') RETURNING operator"_s});
    QVERIFY2(got.allowed, qPrintable(got.refusal));
    QCOMPARE(got.value.toString(), clerk);

    // Through the store, as every desk writes: the name given is not the name kept.
    auto store = connectAs(clerk);
    QVERIFY(store);
    QVERIFY(
        store->audit(at(3), u"the-supervisor"_s, u"customer.viewed"_s, u"customer"_s, m_customer, {}).ok());
    auto entries = store->auditFor(u"customer"_s, m_customer);
    QVERIFY(entries.ok());
    QCOMPARE(entries->size(), 1); // their own; the owner's entry is not theirs to read
    QCOMPARE(entries->first().operatorName, clerk);
}

void TestStaffRights::servicesRefuseBeforeWriting()
{
    auto store = connectAs(login(StaffRole::Clerk));
    QVERIFY(store);
    const StaffMember clerk = store->signedIn().value();
    ManualClock clock(test::fixedNow());
    QNetworkAccessManager network;
    GatewayClient gateway(&network, GatewayConfig{});
    PaymentService payments(*store, gateway, clock);
    payments.setActor(clerk);
    QCOMPARE(payments.operatorName(), clerk.login);

    const auto refusedForRole = [](const Result<void> &r) {
        return !r.ok() && r.error().kind == ErrorKind::Permission && r.error().field == u"role"_s;
    };
    QVERIFY(refusedForRole(payments.refund(m_approved, u"asked by the customer"_s)));
    QVERIFY(refusedForRole(payments.revoke(m_freeCard, u"lost card"_s)));
    QVERIFY(refusedForRole(payments.closeUnfound(m_unknown, u"not in the dashboard"_s)));
    QVERIFY(refusedForRole(payments.resolveRefund(m_refundUnknown, true, u"dashboard says refunded"_s)));
    QVERIFY(payments.canCharge(m_freeCard).ok());

    CustomerService customers(*store, clock);
    customers.setActor(clerk);
    Customer c;
    c.name = u"New Person"_s;
    c.phone = u"55123456"_s;
    auto added = customers.addCustomer(c, ChangeOrigin(clerk.login, ChangeOrigin::Way::Desk));
    QVERIFY(!added.ok());
    QCOMPARE(added.error().field, u"role"_s);

    BatchService batches(*store, clock);
    batches.setActor(clerk);
    auto batch = batches.create(u"December"_s, u"file.csv"_s, {});
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().field, u"role"_s);

    StaffService staff(*store);
    staff.setActor(clerk);
    QCOMPARE(staff.list().error().field, u"role"_s);
    QCOMPARE(staff.add(u"newcomer"_s, StaffRole::Clerk).error().field, u"role"_s);

    // Nothing was written by any of them.
    auto approved = m_owner->payment(m_approved);
    QCOMPARE(approved->refundState, RefundState::None);
    QCOMPARE(m_owner->token(m_freeCard)->status, TokenStatus::Active);
    QCOMPARE(m_owner->payment(m_unknown)->state, PaymentState::Unknown);
}

// A desk modified to skip its own checks (its actor claims every right) meets the database's.
void TestStaffRights::aModifiedDeskMeetsTheDatabase()
{
    auto store = connectAs(login(StaffRole::Clerk));
    QVERIFY(store);
    auto p = store->payment(m_approved);
    QVERIFY(p.ok());
    Payment asked = p.value();
    asked.refundState = RefundState::Pending;
    auto r = store->updatePayment(asked);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Permission);
    QVERIFY2(r.error().message.contains(u"supervisor"_s), qPrintable(r.error().message));
    QVERIFY2(!r.error().message.contains(u"ERROR:"_s), qPrintable(r.error().message));

    auto card = store->token(m_freeCard);
    QVERIFY(card.ok());
    CardToken revoked = card.value();
    revoked.status = TokenStatus::RevokePending;
    auto rr = store->updateToken(revoked);
    QVERIFY(!rr.ok());
    QCOMPARE(rr.error().kind, ErrorKind::Permission);
    QCOMPARE(m_owner->payment(m_approved)->refundState, RefundState::None);
    QCOMPARE(m_owner->token(m_freeCard)->status, TokenStatus::Active);

    // The supervisor's desk may.
    auto supervisor = connectAs(login(StaffRole::Supervisor));
    QVERIFY(supervisor);
    {
        Store::Transaction tx(*supervisor);
        QVERIFY(tx.started().ok());
        QVERIFY(supervisor->updatePayment(asked).ok());
        // rolled back: the data stays as seeded
    }
    QCOMPARE(m_owner->payment(m_approved)->refundState, RefundState::None);
}

void TestStaffRights::oneTimePasswordGrantsNothing()
{
    StaffService admin(*m_owner);
    admin.setActor(m_owner->signedIn().value());
    const QString name = u"fresh_%1"_s.arg(QCoreApplication::applicationPid());
    auto added = admin.add(name, StaffRole::Supervisor);
    QVERIFY2(added.ok(), qPrintable(added.error().toString()));
    QVERIFY(added->person.mustChangePassword);
    QCOMPARE(added->oneTimePassword.size(), 19); // 16 characters in groups of four

    auto store = connectAs(name);
    QVERIFY(store);
    auto me = store->signedIn();
    QVERIFY(me.ok());
    QVERIFY(me->mustChangePassword);
    QVERIFY(!StaffRights::check(me.value(), StaffRights::Action::Charge).ok());
    RawOutcome got = raw(name, probeFor(StaffRights::Action::Charge));
    QVERIFY(!got.allowed);
    QVERIFY2(got.refusal.contains(u"one-time password"_s), qPrintable(got.refusal));

    StaffService self(*store);
    self.setActor(me.value());
    QCOMPARE(self.changeOwnPassword(u"twelve chars!"_s, u"twelve chars?"_s).error().field, u"password"_s);
    QCOMPARE(self.changeOwnPassword(u"short"_s, u"short"_s).error().field, u"password"_s);
    QCOMPARE(self.changeOwnPassword(name + u"-password"_s, name + u"-password"_s).error().field,
             u"password"_s);
    QVERIFY(self.changeOwnPassword(u"a long and private one"_s, u"a long and private one"_s).ok());
    me = store->signedIn();
    QVERIFY(!me->mustChangePassword);
    got = raw(name, probeFor(StaffRights::Action::Refund));
    QVERIFY2(got.allowed, qPrintable(got.refusal));
}

// The first sign-in replaces the one-time password; the desk's reader (a second connection, made
// on its own thread when the desk first reads) must sign in with the new one, or every list fails.
void TestStaffRights::theDesksReaderSignsInWithTheNewPassword()
{
    // A login the test server checks passwords for (every other login is trusted there).
    const QString role = test::PostgresTestServer::passwordRole();
    if (role.isEmpty())
        QSKIP("the server is FATORA_TEST_POSTGRES_URL's: its logins are not the test's to arrange");
    const QString first = u"the first of two passwords"_s;
    QCOMPARE(passwordLogin(first, true), role);
    const PostgresStore::ConnectionSettings settings = settingsOf(role);
    Session::Options options;
    options.location = u"postgresql://%1@%2:%3/%4"_s.arg(role, settings.host).arg(settings.port).arg(settings.database);
    options.databasePassword = first;
    SystemClock clock;
    auto session = Session::open(std::move(options), clock);
    QVERIFY2(session.ok(), qPrintable(session.error().toString()));
    const QString second = u"a reader's own new words"_s;
    auto changed = session.value()->staff().changeOwnPassword(second, second);
    QVERIFY2(changed.ok(), qPrintable(changed.error().toString()));
    auto reader = session.value()->readerOpener()();
    QVERIFY2(reader.ok(), qPrintable(reader.error().toString()));
    QCOMPARE(reader.value()->signedIn()->login, role);
}

void TestStaffRights::disabledPersonLosesEveryRightAtOnce()
{
    const QString name = addPerson(u"leaver"_s, StaffRole::Supervisor);
    QVERIFY(!name.isEmpty());
    auto open = connectAs(name);
    QVERIFY(open);
    auto adminStore = connectAs(login(StaffRole::Administrator));
    StaffService byAdmin(*adminStore);
    byAdmin.setActor(adminStore->signedIn().value());
    QVERIFY(byAdmin.setEnabled(name, false).ok());

    // Their open connection: ended by the server, or left without a right.
    auto p = open->payment(m_approved);
    if (p.ok()) {
        Payment asked = p.value();
        asked.refundState = RefundState::Pending;
        QVERIFY(!open->updatePayment(asked).ok());
    }
    // A new sign-in is refused.
    QVERIFY(!PostgresStore::open(settingsOf(name)).ok());
    auto listed = byAdmin.list();
    QVERIFY(listed.ok());
    bool found = false;
    for (const StaffMember &m : listed.value()) {
        if (m.login == name) {
            found = true;
            QVERIFY(m.disabled());
        }
    }
    QVERIFY(found);
    QVERIFY(byAdmin.setEnabled(name, true).ok());
    QVERIFY(PostgresStore::open(settingsOf(name)).ok());
    // Everything was audited, each under the name of whoever did it.
    qint64 staffId = 0;
    for (const StaffMember &m : listed.value()) {
        if (m.login == name)
            staffId = m.id;
    }
    auto mine = adminStore->auditFor(u"staff"_s, staffId);
    QVERIFY(mine.ok());
    QStringList actions;
    for (const AuditEntry &e : mine.value()) {
        actions << e.action;
        QVERIFY(e.operatorName == login(StaffRole::Administrator) || e.operatorName == m_ownerSettings.user ||
                e.operatorName == name);
    }
    QVERIFY2(actions.contains(u"staff.disabled"_s) && actions.contains(u"staff.enabled"_s),
             qPrintable(actions.join(u", "_s)));
}

void TestStaffRights::staffManagement()
{
    auto adminStore = connectAs(login(StaffRole::Administrator));
    QVERIFY(adminStore);
    StaffService admin(*adminStore);
    admin.setActor(adminStore->signedIn().value());

    // Logins the server would take badly, or that are kept.
    for (const QString &bad : {u"A"_s, u"Amal"_s, u"1amal"_s, u"amal smith"_s, u"amal;drop"_s, u"pg_amal"_s,
                               u"fatora_clerk"_s, u"a"_s, QString(41, u'a')}) {
        auto r = admin.add(bad, StaffRole::Clerk);
        QVERIFY2(!r.ok(), qPrintable(bad));
        QCOMPARE(r.error().field, u"login"_s);
    }
    // A login that exists on the server already is not taken over.
    auto taken = admin.add(login(StaffRole::Clerk), StaffRole::Administrator);
    QVERIFY(!taken.ok());
    QCOMPARE(adminStore->signedIn()->role, std::optional<StaffRole>(StaffRole::Administrator));

    // An administrator's own role and account are another administrator's to change.
    QCOMPARE(admin.setRole(login(StaffRole::Administrator), StaffRole::Clerk).error().field, u"login"_s);
    QCOMPARE(admin.setEnabled(login(StaffRole::Administrator), false).error().field, u"login"_s);
    RawOutcome got =
        raw(login(StaffRole::Administrator),
            {u"SELECT fatora_staff_set_role('%1', 'clerk')"_s.arg(login(StaffRole::Administrator))});
    QVERIFY(!got.allowed);

    // A role changes at once for the database.
    const QString name = addPerson(u"mover"_s, StaffRole::Clerk);
    QVERIFY(!name.isEmpty());
    QVERIFY(!raw(name, probeFor(StaffRights::Action::Refund)).allowed);
    QVERIFY(admin.setRole(name, StaffRole::Supervisor).ok());
    QVERIFY(raw(name, probeFor(StaffRights::Action::Refund)).allowed);
    QCOMPARE(connectAs(name)->signedIn()->role, std::optional<StaffRole>(StaffRole::Supervisor));
    QVERIFY(admin.setRole(name, StaffRole::Clerk).ok());
    QVERIFY(!raw(name, probeFor(StaffRights::Action::Refund)).allowed);
    QVERIFY(!admin.setRole(u"nobody_here"_s, StaffRole::Clerk).ok());
}

// The server gets a verifier, never the password; the person signs in with the password.
void TestStaffRights::verifierSignsIn()
{
    const QString role = test::PostgresTestServer::passwordRole();
    if (role.isEmpty())
        QSKIP("the server is FATORA_TEST_POSTGRES_URL's: its logins are not the test's to arrange");
    const QString password = u"ünïcode and spaces 42"_s;
    QCOMPARE(passwordLogin(password), role);
    PostgresStore::ConnectionSettings s = settingsOf(role);
    s.password = password;
    auto in = PostgresStore::open(s);
    QVERIFY2(in.ok(), qPrintable(in.error().toString()));
    QCOMPARE(in.value()->signedIn()->login, role);
    s.password = password + u'x';
    QVERIFY(!PostgresStore::open(s).ok());
    // A known vector: the verifier's form and its determinism for one salt.
    const QString v = StaffPassword::verifier(u"pencil"_s, QByteArray(16, 'a'), 4096);
    QVERIFY(v.startsWith(u"SCRAM-SHA-256$4096:YWFhYWFhYWFhYWFhYWFhYQ==$"_s));
    QCOMPARE(v, StaffPassword::verifier(u"pencil"_s, QByteArray(16, 'a'), 4096));
    QVERIFY(v != StaffPassword::verifier(u"pencil"_s));
}

void TestStaffRights::aFileKeepsNoStaff()
{
    test::TempDatabase db;
    QVERIFY(!db.store().keepsStaffAccounts());
    auto me = db.store().signedIn();
    QVERIFY(me.ok());
    QCOMPARE(me->role, std::optional<StaffRole>(StaffRole::Administrator));
    for (StaffRights::Action action : StaffRights::allActions())
        QVERIFY(StaffRights::check(me.value(), action).ok());
    StaffService staff(db.store());
    staff.setActor(me.value());
    auto listed = staff.list();
    QVERIFY(!listed.ok());
    QCOMPARE(listed.error().field, u"database"_s);
    QVERIFY2(listed.error().message.contains(u"shared database"_s), qPrintable(listed.error().message));
}

QTEST_GUILESS_MAIN(TestStaffRights)
#include "tst_staffrights.moc"

QString TestStaffRights::openRaw(const QString &login)
{
    const PostgresStore::ConnectionSettings s = settingsOf(login);
    const QString name = u"staffrights-raw-%1"_s.arg(++m_rawConnections);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db.setHostName(s.host);
    db.setPort(s.port);
    db.setDatabaseName(s.database);
    db.setUserName(s.user);
    if (!db.open())
        qWarning("%s", qPrintable(db.lastError().text()));
    return name;
}

std::unique_ptr<TestStaffRights::Desk> TestStaffRights::deskOf(const QString &login,
                                                               const GatewaySimulator &simulator)
{
    static SystemClock clock; // the database takes a clerk's or supervisor's payment dated now only
    auto desk = std::make_unique<Desk>();
    desk->store = connectAs(login);
    if (!desk->store)
        return nullptr;
    SessionInfo info;
    info.host = login + u"-desk"_s;
    if (!desk->store->openSession(info).ok())
        return nullptr;
    desk->network = std::make_unique<QNetworkAccessManager>();
    desk->gateway = std::make_unique<GatewayClient>(desk->network.get(), test::simulatorConfig(simulator));
    desk->payments = std::make_unique<PaymentService>(*desk->store, *desk->gateway, clock);
    desk->payments->setActor(desk->store->signedIn().value());
    return desk;
}

qint64 TestStaffRights::approvedCharge(Desk &desk, qint64 minor)
{
    const qint64 card = test::addToken(*m_owner, m_customer, u"tok_four_eyes_%1"_s.arg(++m_cards),
                                       QDate::currentDate());
    QSignalSpy finished(desk.payments.get(), &PaymentService::chargeFinished);
    auto id = desk.payments->charge(ChargeRequest(card, Money(minor, u"QAR"_s)));
    if (!id.ok()) {
        qWarning("%s", qPrintable(id.error().toString()));
        return 0;
    }
    if (!finished.wait(15000) || finished.first().at(1).value<PaymentState>() != PaymentState::Approved)
        return 0;
    return id.value();
}

// Request by A, approval by A refused (service and database), approval by B sends exactly one
// refund; every step audited under the person who took it.
void TestStaffRights::aLargeRefundWaitsForASecondSupervisor()
{
    auto simulator = test::startSimulator();
    const QString refundPath = GatewayClient::path(GatewayOperation::Refund);
    const QString asker = login(StaffRole::Supervisor);
    const QString approver = addPerson(u"second"_s, StaffRole::Supervisor);
    QVERIFY(!approver.isEmpty());
    auto a = deskOf(asker, *simulator);
    auto b = deskOf(approver, *simulator);
    QVERIFY(a && b);
    const qint64 id = approvedCharge(*a, 250000); // QAR 2,500.00, above the default QAR 1,000.00
    QVERIFY(id);
    QVERIFY(a->payments->refundNeedsApproval(id).value());

    // Straight refund: refused in words by the service, and by the database on its own.
    auto straight = a->payments->refund(id, u"customer returned the goods"_s);
    QVERIFY(!straight.ok());
    QCOMPARE(straight.error().field, u"approval"_s);
    const RawOutcome byHand =
        raw(asker, {u"UPDATE payments SET refund_state = 'pending' WHERE id = %1"_s.arg(id)});
    QVERIFY(!byHand.allowed);
    QVERIFY2(byHand.refusal.contains(u"second supervisor"_s), qPrintable(byHand.refusal));

    // Asking: a reason is required; the database writes who asked and how much, whatever is sent.
    QCOMPARE(a->payments->askRefundApproval(id, u"  "_s).error().field, u"reason"_s);
    auto asked = a->payments->askRefundApproval(id, u"customer returned the goods"_s);
    QVERIFY2(asked.ok(), qPrintable(asked.error().toString()));
    const qint64 request = asked.value();
    auto again = a->payments->askRefundApproval(id, u"asked twice"_s);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    const RefundApproval open = m_owner->refundApproval(request).value();
    QCOMPARE(open.requestedBy, asker);
    QCOMPARE(open.amount, std::optional<Money>(Money(250000, u"QAR"_s)));
    QVERIFY(open.isOpen());
    const RawOutcome underAnotherName =
        raw(approver, {u"INSERT INTO refund_requests (payment_id, currency, reason, requested_by, amount_minor)"
                       " VALUES (%1, 'QAR', 'by hand', '%2', 1) RETURNING requested_by || ' ' || amount_minor"_s
                           .arg(m_approved)
                           .arg(asker)});
    QVERIFY2(underAnotherName.allowed, qPrintable(underAnotherName.refusal));
    QCOMPARE(underAnotherName.value.toString(), approver + u" 5000"_s);

    // The asker cannot approve: not through the service, not by hand.
    auto own = a->payments->approveRefund(request);
    QVERIFY(!own.ok());
    QCOMPARE(own.error().field, u"request"_s);
    const RawOutcome ownByHand =
        raw(asker, {u"UPDATE refund_requests SET state = 'approved' WHERE id = %1"_s.arg(request),
                    u"UPDATE payments SET refund_state = 'pending' WHERE id = %1"_s.arg(id)});
    QVERIFY(!ownByHand.allowed);
    QVERIFY2(ownByHand.refusal.contains(u"another supervisor approves"_s), qPrintable(ownByHand.refusal));
    // A clerk cannot either.
    QVERIFY(!raw(login(StaffRole::Clerk), {u"UPDATE refund_requests SET state = 'approved' WHERE id = %1"_s.arg(
                                              request)})
                 .allowed);
    QCOMPARE(simulator->requestCount(refundPath), 0);

    // B approves: the refund is sent once.
    QSignalSpy refunded(b->payments.get(), &PaymentService::refundFinished);
    auto approved = b->payments->approveRefund(request, u"receipt checked"_s);
    QVERIFY2(approved.ok(), qPrintable(approved.error().toString()));
    QVERIFY(refunded.wait(15000));
    QCOMPARE(refunded.first().at(1).value<RefundState>(), RefundState::Refunded);
    QCOMPARE(m_owner->payment(id)->refundState, RefundState::Refunded);
    QCOMPARE(simulator->requestCount(refundPath), 1);
    const RefundApproval decided = m_owner->refundApproval(request).value();
    QCOMPARE(decided.state, RefundApproval::State::Approved);
    QCOMPARE(decided.decidedBy, approver);
    QCOMPARE(decided.decisionNote, u"receipt checked"_s);

    // Approving again (B, or the administrator) sends nothing more.
    auto twice = b->payments->approveRefund(request);
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().kind, ErrorKind::Conflict);
    QVERIFY2(twice.error().message.contains(approver), qPrintable(twice.error().message));
    QCOMPARE(simulator->requestCount(refundPath), 1);

    // Refunded stays refunded, for everyone: shown as not refunded, it could be refunded again.
    for (StaffRole role : {StaffRole::Supervisor, StaffRole::Administrator}) {
        const RawOutcome undone =
            raw(login(role), {u"UPDATE payments SET refund_state = 'none', refunded_at = NULL WHERE id = %1"_s.arg(id)});
        QVERIFY2(!undone.allowed && undone.refusal.contains(u"forward"_s), qPrintable(undone.refusal));
    }

    // Audited on the payment, each step under its own person.
    QStringList steps;
    for (const AuditEntry &e : m_owner->auditFor(u"payment"_s, id).value())
        steps << e.action + u" by "_s + e.operatorName;
    QVERIFY2(steps.contains(u"refund.approval-asked by "_s + asker), qPrintable(steps.join(u", "_s)));
    QVERIFY2(steps.contains(u"refund.approved by "_s + approver), qPrintable(steps.join(u", "_s)));
    QVERIFY2(steps.contains(u"refund.requested by "_s + approver), qPrintable(steps.join(u", "_s)));
    QVERIFY2(steps.contains(u"refund.refunded by "_s + approver), qPrintable(steps.join(u", "_s)));
}

void TestStaffRights::aDenialSendsNothing()
{
    auto simulator = test::startSimulator();
    const QString refundPath = GatewayClient::path(GatewayOperation::Refund);
    auto a = deskOf(login(StaffRole::Supervisor), *simulator);
    auto admin = deskOf(login(StaffRole::Administrator), *simulator);
    QVERIFY(a && admin);
    const qint64 id = approvedCharge(*a, 180000);
    QVERIFY(id);
    const qint64 request = a->payments->askRefundApproval(id, u"goods never arrived"_s).value();

    QCOMPARE(admin->payments->denyRefund(request, u" "_s).error().field, u"reason"_s);
    QVERIFY(admin->payments->denyRefund(request, u"the parcel was delivered"_s).ok());
    const RefundApproval denied = m_owner->refundApproval(request).value();
    QCOMPARE(denied.state, RefundApproval::State::Denied);
    QCOMPARE(denied.decidedBy, login(StaffRole::Administrator));
    QCOMPARE(m_owner->payment(id)->refundState, RefundState::None);
    // A denied request is never approved afterwards.
    auto late = admin->payments->approveRefund(request);
    QVERIFY(!late.ok());
    QCOMPARE(late.error().kind, ErrorKind::Conflict);
    QCOMPARE(simulator->requestCount(refundPath), 0);

    // The asker may withdraw their own next request (a denial by them); asking again is allowed.
    const qint64 second = a->payments->askRefundApproval(id, u"second try"_s).value();
    QVERIFY(a->payments->denyRefund(second, u"asked by mistake"_s).ok());
    QCOMPARE(m_owner->refundApproval(second)->decidedBy, login(StaffRole::Supervisor));
    QCOMPARE(simulator->requestCount(refundPath), 0);
}

// An approval committed on its own does not let a later transaction write the refund ahead: it is
// spent by the one refund of the transaction that approved it (a refund Fatora rejected needs a new
// request).
void TestStaffRights::anApprovalIsSpentInItsOwnTransaction()
{
    const QString approver = login(StaffRole::Supervisor);
    // The owner's request on the large payment, still open (the rights table's probes roll back).
    const qint64 request = m_ownersRequest;
    QVERIFY(m_owner->refundApproval(request)->isOpen());
    const RawOutcome approved =
        raw(approver, {u"UPDATE refund_requests SET state = 'approved' WHERE id = %1"_s.arg(request)}, true);
    QVERIFY2(approved.allowed, qPrintable(approved.refusal));
    const RawOutcome later =
        raw(approver, {u"UPDATE payments SET refund_state = 'pending' WHERE id = %1"_s.arg(m_large)});
    QVERIFY(!later.allowed);
    QVERIFY2(later.refusal.contains(u"second supervisor"_s), qPrintable(later.refusal));
    QCOMPARE(m_owner->payment(m_large)->refundState, RefundState::None);
}

// Two supervisors approving the same request at the same moment: the second waits for the first's
// row lock, then finds the request decided and writes nothing; the database refuses its refund too.
void TestStaffRights::twoApproversAtOnceSendOneRefund()
{
    auto simulator = test::startSimulator();
    auto a = deskOf(login(StaffRole::Supervisor), *simulator);
    QVERIFY(a);
    const qint64 id = approvedCharge(*a, 300000);
    QVERIFY(id);
    const qint64 request = a->payments->askRefundApproval(id, u"double shipment"_s).value();
    const QString first = openRaw(login(StaffRole::Administrator));
    const QString second = openRaw(addPerson(u"third"_s, StaffRole::Supervisor));
    const QString decide = u"UPDATE refund_requests SET state = 'approved' WHERE id = %1 AND state = 'open'"
                           " RETURNING id"_s.arg(request);
    const QString writeAhead = u"UPDATE payments SET refund_state = 'pending' WHERE id = %1"_s.arg(id);
    {
        QSqlDatabase db1 = QSqlDatabase::database(first);
        QSqlQuery q1(db1);
        QVERIFY(q1.exec(u"BEGIN"_s));
        QVERIFY2(q1.exec(decide) && q1.next(), qPrintable(q1.lastError().text()));

        // The second approver, on a thread of its own (its own connection), blocks on the row.
        std::atomic<int> secondDecided{-1};
        std::thread other([&] {
            const QString name = second + u"-thread"_s;
            {
                QSqlDatabase db2 = QSqlDatabase::cloneDatabase(second, name);
                if (!db2.open())
                    return;
                QSqlQuery q2(db2);
                q2.exec(u"BEGIN"_s);
                if (q2.exec(decide))
                    secondDecided = q2.next() ? 1 : 0;
                q2.exec(u"ROLLBACK"_s);
                db2.close();
            }
            QSqlDatabase::removeDatabase(name);
        });
        QTest::qWait(300); // the second is now waiting for the lock
        QCOMPARE(secondDecided.load(), -1);
        QVERIFY2(q1.exec(writeAhead), qPrintable(q1.lastError().text()));
        QVERIFY(q1.exec(u"COMMIT"_s));
        other.join();
        QCOMPARE(secondDecided.load(), 0); // found it decided: touched nothing
    }
    QSqlDatabase::removeDatabase(first);
    QSqlDatabase::removeDatabase(second);
    QCOMPARE(m_owner->refundApproval(request)->decidedBy, login(StaffRole::Administrator));
    QCOMPARE(m_owner->payment(id)->refundState, RefundState::Pending);
    // A desk approving late is told who decided first.
    auto late = a->payments->approveRefund(request);
    QVERIFY(!late.ok());
    QCOMPARE(late.error().kind, ErrorKind::Conflict);
}

void TestStaffRights::theLimitIsAnAdministrators()
{
    auto supervisorStore = connectAs(login(StaffRole::Supervisor));
    QVERIFY(supervisorStore);
    StaffService supervisor(*supervisorStore);
    supervisor.setActor(supervisorStore->signedIn().value());
    QCOMPARE(supervisor.refundApprovalLimit().value(), Money(100000, u"QAR"_s));
    QCOMPARE(supervisor.setRefundApprovalLimit(u"5000"_s).error().field, u"role"_s);

    auto adminStore = connectAs(login(StaffRole::Administrator));
    QVERIFY(adminStore);
    StaffService admin(*adminStore);
    admin.setActor(adminStore->signedIn().value());
    QCOMPARE(admin.setRefundApprovalLimit(u"-5"_s).error().field, u"limit"_s);
    QCOMPARE(admin.setRefundApprovalLimit(u"abc"_s).error().field, u"limit"_s);
    // 0: every refund, the small one too.
    QCOMPARE(admin.setRefundApprovalLimit(u"0"_s).value(), Money(0, u"QAR"_s));
    QVERIFY(supervisorStore->refundNeedsApproval(m_approved).value());
    QVERIFY(!raw(login(StaffRole::Supervisor),
                 {u"UPDATE payments SET refund_state = 'pending' WHERE id = %1"_s.arg(m_approved)})
                 .allowed);
    QCOMPARE(admin.setRefundApprovalLimit(u"٣٬٠٠٠٫٠٠"_s).value(), Money(300000, u"QAR"_s));
    QVERIFY(!supervisorStore->refundNeedsApproval(m_approved).value());
    QVERIFY(!supervisorStore->refundNeedsApproval(m_large).value()); // 2,500.00 is within 3,000.00
    QVERIFY(admin.setRefundApprovalLimit(u"1,000.00"_s).ok());
    // Audited under the administrator, with the old and the new limit.
    AuditQuery query;
    query.actionPrefix = u"refund.limit"_s;
    auto entries = m_owner->findAudit(query);
    QVERIFY(entries.ok());
    QVERIFY(entries->size() >= 3);
    QCOMPARE(entries->first().operatorName, login(StaffRole::Administrator));
    QCOMPARE(entries->first().detail, u"approval above QAR 1000.00, was QAR 3000.00"_s);
}
