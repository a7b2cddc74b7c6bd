// Payments → Refund requests on a shared database (issue 14): a supervisor's refund above the limit
// is asked for from the refund dialog (nothing sent); the asker's queue cannot approve it; a second
// supervisor's desk approves it and the refund is sent once; the asker's desk sees the decision by
// itself. A clerk's queue says which role deciding needs.

#include "GuiFixture.h"
#include "PostgresStoreBackend.h"
#include "PostgresTestServer.h"

#include "common/ConfirmGuard.h"
#include "common/Display.h"
#include "desk/ChangeFollower.h"
#include "payments/RefundDialog.h"
#include "payments/RefundRequestTableModel.h"
#include "payments/RefundRequestsWindow.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;

namespace {

// One person's desk on the shared database, wired as main.cpp wires it.
struct Desk
{
    std::unique_ptr<PostgresStore> store;
    QNetworkAccessManager network;
    std::unique_ptr<GatewayClient> gateway;
    std::unique_ptr<PaymentService> payments;
    std::unique_ptr<ChangeFollower> changes;
    std::unique_ptr<StoreReader> reader; // the desk's reads, as the person, on a connection of its own
    SystemClock clock; // the database takes a payment dated now only from staff
    DeskContext context;
};

} // namespace

class TestRefundRequests : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aSecondSupervisorApprovesFromTheQueue();

private:
    std::unique_ptr<Desk> deskOf(const QString &login);
    qint64 approvedCharge(Desk &desk, const QString &customer, qint64 minor);

    std::unique_ptr<test::PostgresStoreBackend> m_backend;
    std::unique_ptr<Store> m_owner;
    std::unique_ptr<GatewaySimulator> m_simulator;
    int m_cards = 0;
};

void TestRefundRequests::initTestCase()
{
    if (!test::PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    auto url = test::PostgresTestServer::adminUrl();
    QVERIFY2(url.ok(), qPrintable(url.error().message));
    m_backend = std::make_unique<test::PostgresStoreBackend>(url.value());
    auto fresh = m_backend->createFresh();
    QVERIFY2(fresh.ok(), qPrintable(fresh.error().toString()));
    m_owner = std::move(fresh).value();
    m_simulator = test::startSimulator();
    ConfirmGuard::setHoldMs(0);
}

void TestRefundRequests::cleanupTestCase()
{
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
}

std::unique_ptr<Desk> TestRefundRequests::deskOf(const QString &login)
{
    auto desk = std::make_unique<Desk>();
    auto opened = m_backend->connectAs(login);
    if (!opened)
        return nullptr;
    desk->store = std::move(opened).value();
    SessionInfo info;
    info.host = login + u"-desk"_s;
    if (!desk->store->openSession(info).ok())
        return nullptr;
    desk->gateway = std::make_unique<GatewayClient>(&desk->network, test::simulatorConfig(*m_simulator));
    desk->payments = std::make_unique<PaymentService>(*desk->store, *desk->gateway, desk->clock);
    desk->payments->setActor(desk->store->signedIn().value());
    desk->changes = std::make_unique<ChangeFollower>(*desk->store);
    desk->reader = std::make_unique<StoreReader>([backend = m_backend.get(), login] {
        auto connection = backend->connectAs(login);
        return connection ? Result<std::unique_ptr<Store>>(std::unique_ptr<Store>(std::move(connection).value()))
                          : Result<std::unique_ptr<Store>>(connection.error());
    });
    desk->context.reader = desk->reader.get();
    desk->context.store = desk->store.get();
    desk->context.payments = desk->payments.get();
    desk->context.gateway = desk->gateway.get();
    desk->context.clock = &desk->clock;
    desk->context.changes = desk->changes.get();
    return desk;
}

qint64 TestRefundRequests::approvedCharge(Desk &desk, const QString &customer, qint64 minor)
{
    const qint64 customerId = test::addCustomer(*m_owner, customer);
    const qint64 card =
        test::addToken(*m_owner, customerId, u"tok_refund_queue_%1"_s.arg(++m_cards), QDate::currentDate());
    QSignalSpy finished(desk.payments.get(), &PaymentService::chargeFinished);
    auto id = desk.payments->charge(ChargeRequest(card, Money(minor, u"QAR"_s)));
    if (!id.ok() || !finished.wait(15000))
        return 0;
    return id.value();
}

void TestRefundRequests::aSecondSupervisorApprovesFromTheQueue()
{
    std::unique_ptr<test::Language> language;
    if (!qEnvironmentVariable("FATORA_REFUND_LANGUAGE").isEmpty())
        language = std::make_unique<test::Language>(qEnvironmentVariable("FATORA_REFUND_LANGUAGE"));
    const QString shots = qEnvironmentVariable("FATORA_REFUND_SHOTS");
    const QString refundPath = GatewayClient::path(GatewayOperation::Refund);
    auto askerName = m_backend->addPerson(*m_owner, u"amal"_s, StaffRole::Supervisor);
    auto approverName = m_backend->addPerson(*m_owner, u"sara"_s, StaffRole::Supervisor);
    auto clerkName = m_backend->addPerson(*m_owner, u"noor"_s, StaffRole::Clerk);
    QVERIFY(askerName.ok() && approverName.ok() && clerkName.ok());
    auto asker = deskOf(askerName.value());
    auto approver = deskOf(approverName.value());
    auto clerk = deskOf(clerkName.value());
    QVERIFY(asker && approver && clerk);

    const qint64 large = approvedCharge(*asker, u"Huda Saleh"_s, 250000);
    const qint64 other = approvedCharge(*asker, u"مريم الكواري"_s, 420000);
    const qint64 own = approvedCharge(*approver, u"Omar Haddad"_s, 180000);
    QVERIFY(large && other && own);

    // The refund dialog asks for approval above the limit; a reason is required; nothing is sent.
    {
        RefundDialog dialog(asker->context, large);
        QTRY_VERIFY(!dialog.isReading()); // the payment and the limit are read on the reader
        QVERIFY(dialog.asksForApproval());
        dialog.show();
        if (!shots.isEmpty())
            dialog.grab().save(shots + u"/refund-ask.png"_s);
        auto *ask = test::child<QPushButton>(&dialog, u"actionButton"_s);
        ask->click();
        QCOMPARE(dialog.requestId(), 0);
        QVERIFY(!test::child<QLabel>(&dialog, u"confirmError"_s)->text().isEmpty());
        test::child<QLineEdit>(&dialog, u"reasonEdit"_s)->setText(u"The customer returned the order"_s);
        ask->click();
        QVERIFY(dialog.requestId() > 0);
        ask->click(); // a second press changes nothing
    }
    QVERIFY(asker->payments->askRefundApproval(other, u"Charged twice by mistake"_s).ok());
    QVERIFY(approver->payments->askRefundApproval(own, u"Order cancelled by phone"_s).ok());
    QCOMPARE(m_simulator->requestCount(refundPath), 0);

    // The asker's queue: three open requests, oldest first; their own cannot be approved by them.
    RefundRequestsWindow askerWindow(asker->context);
    askerWindow.setAttribute(Qt::WA_DeleteOnClose, false);
    askerWindow.show();
    QTRY_VERIFY(!askerWindow.isReading()); // the queue is read on the desk's reader
    QCOMPARE(askerWindow.model()->rowCount(), 3);
    const RefundApproval first = askerWindow.model()->requestAt(0).value();
    QCOMPARE(first.paymentId, large);
    askerWindow.selectRequest(first.id);
    auto *askerApprove = test::child<QPushButton>(&askerWindow, u"approveButton"_s);
    QVERIFY(!askerApprove->isEnabled());
    QVERIFY2(askerApprove->toolTip().contains(
                 PaymentService::tr("You asked for refund request %1, so another supervisor approves it.")
                     .arg(fatora::Display::isolate(QString::number(first.id)))),
             qPrintable(askerApprove->toolTip()));
    QVERIFY(test::child<QPushButton>(&askerWindow, u"denyButton"_s)->isEnabled()); // withdrawing is theirs
    QVERIFY(!askerWindow.approveRequest(first.id, {}).ok());
    QVERIFY(!test::child<QPushButton>(&askerWindow, u"limitButton"_s)->isEnabled()); // an administrator's

    // A clerk sees the queue and may decide nothing.
    {
        RefundRequestsWindow clerkWindow(clerk->context);
        clerkWindow.setAttribute(Qt::WA_DeleteOnClose, false);
        QTRY_VERIFY(!clerkWindow.isReading());
        QCOMPARE(clerkWindow.model()->rowCount(), 3);
        auto *approve = test::child<QPushButton>(&clerkWindow, u"approveButton"_s);
        QVERIFY(!approve->isEnabled());
        QVERIFY2(approve->toolTip().contains(staffRoleTitle(StaffRole::Supervisor)), qPrintable(approve->toolTip()));
    }

    // The second supervisor approves the asker's request: one refund is sent.
    RefundRequestsWindow window(approver->context);
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.resize(1320, 420);
    window.show();
    QTRY_VERIFY(!window.isReading());
    window.selectRequest(first.id);
    auto *approve = test::child<QPushButton>(&window, u"approveButton"_s);
    QVERIFY(approve->isEnabled());
    if (!shots.isEmpty())
        window.grab().save(shots + u"/refund-requests.png"_s);
    // Their own request stays for someone else.
    window.selectRequest(askerWindow.model()->requestAt(2)->id);
    QVERIFY(!approve->isEnabled());
    window.selectRequest(first.id);
    QSignalSpy refunded(approver->payments.get(), &PaymentService::refundFinished);
    auto approved = window.approveRequest(first.id, {});
    QVERIFY2(approved.ok(), qPrintable(approved.error().toString()));
    QVERIFY(refunded.wait(15000));
    QCOMPARE(m_owner->payment(large)->refundState, RefundState::Refunded);
    QCOMPARE(m_simulator->requestCount(refundPath), 1);
    QTRY_COMPARE(window.model()->rowCount(), 2); // decided: out of the open queue
    QTRY_VERIFY(!window.isReading());
    QVERIFY2(test::child<QLabel>(&window, u"verdictLabel"_s)->text().contains(first.orderId),
             qPrintable(test::child<QLabel>(&window, u"verdictLabel"_s)->text()));
    // Approving again from a queue not yet read again is refused and sends nothing.
    QVERIFY(!window.approveRequest(first.id, {}).ok());
    QCOMPARE(m_simulator->requestCount(refundPath), 1);

    // Denying needs a reason; a denial sends nothing.
    const qint64 otherRequest = window.model()->requestAt(0)->id;
    QVERIFY(!window.denyRequest(otherRequest, u" "_s).ok());
    QVERIFY(window.denyRequest(otherRequest, u"Only one charge reached the bank"_s).ok());
    QCOMPARE(m_simulator->requestCount(refundPath), 1);
    QTRY_VERIFY(!window.isReading());

    // The asker's desk sees both decisions by itself (the shared database tells it).
    QTRY_COMPARE_WITH_TIMEOUT(askerWindow.model()->rowCount(), 1, 5000);
    test::child<QCheckBox>(&askerWindow, u"allCheck"_s)->setChecked(true);
    QTRY_COMPARE(askerWindow.model()->rowCount(), 3);
    if (!shots.isEmpty()) {
        askerWindow.resize(1320, 420);
        askerWindow.grab().save(shots + u"/refund-requests-decided.png"_s);
    }

    // An open queue follows a change of the desk's language.
    if (!language) {
        test::Language arabic(u"ar"_s);
        QCoreApplication::processEvents();
        QCOMPARE(window.windowTitle(), QCoreApplication::translate("RefundRequestsWindow", "Refund requests"));
        QVERIFY(window.windowTitle() != u"Refund requests"_s);
        QCOMPARE(window.model()->headerData(RefundRequestTableModel::Reason, Qt::Horizontal).toString(),
                 RefundRequestTableModel::tr("Reason"));
    }
}

QTEST_MAIN(TestRefundRequests)
#include "tst_refundrequests.moc"
