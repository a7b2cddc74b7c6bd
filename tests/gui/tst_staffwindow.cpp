// Tools → Staff… on a shared database (issue 14): an administrator adds a person (the one-time
// password shown once), changes a role, disables and enables; a bad login is refused, nothing added.

#include "GuiFixture.h"
#include "PostgresStoreBackend.h"
#include "PostgresTestServer.h"

#include "staff/StaffWindow.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QStandardItemModel>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;

class TestStaffWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void administratorManagesStaff();

private:
    std::unique_ptr<test::PostgresStoreBackend> m_backend;
};

void TestStaffWindow::initTestCase()
{
    if (!test::PostgresTestServer::wanted())
        QSKIP("FATORA_TEST_POSTGRES=off");
    auto url = test::PostgresTestServer::adminUrl();
    QVERIFY2(url.ok(), qPrintable(url.error().message));
    m_backend = std::make_unique<test::PostgresStoreBackend>(url.value());
}

void TestStaffWindow::administratorManagesStaff()
{
    std::unique_ptr<test::Language> language;
    if (!qEnvironmentVariable("FATORA_STAFF_LANGUAGE").isEmpty())
        language = std::make_unique<test::Language>(qEnvironmentVariable("FATORA_STAFF_LANGUAGE"));
    auto fresh = m_backend->createFresh();
    QVERIFY2(fresh.ok(), qPrintable(fresh.error().toString()));
    std::unique_ptr<Store> store = std::move(fresh).value();
    // The list is read on a connection of its own, as the desk's reader reads it.
    StoreReader reader([backend = m_backend.get()] { return backend->connectAgain(); });
    StaffWindow window(*store, reader, store->signedIn().value());
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    window.show();
    QTRY_VERIFY(!window.isReading());
    auto *login = window.findChild<QLineEdit *>(u"loginEdit"_s);
    auto *result = window.findChild<QLabel *>(u"resultLabel"_s);
    auto *add = window.findChild<QPushButton *>(u"addButton"_s);

    login->setText(u"Not A Login"_s);
    add->click();
    QCOMPARE(result->text(), StaffService::checkLogin(u"Not A Login"_s).error().message);
    QCOMPARE(window.model()->rowCount(), 0);

    const QString name = u"amal_%1"_s.arg(QCoreApplication::applicationPid());
    login->setText(name);
    add->click();
    // The one-time password, in its groups of four, shown once.
    auto *password = window.findChild<QLineEdit *>(u"passwordEdit"_s);
    QVERIFY(password->isVisible());
    const QString oneTime = password->text();
    QVERIFY2(QRegularExpression(u"^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$"_s)
                 .match(oneTime)
                 .hasMatch(),
             qPrintable(oneTime));
    // A second click (or Enter) right after: nothing to add, and the password stays on show.
    QVERIFY(!add->isEnabled());
    add->click();
    QTest::keyClick(login, Qt::Key_Return);
    QCOMPARE(password->text(), oneTime);
    QTRY_VERIFY(!window.isReading()); // the list is read again on the reader
    QCOMPARE(window.model()->rowCount(), 1);
    // The person just added is the one selected, so "Change role" acts on them.
    const QModelIndex current = window.findChild<QTableView *>(u"staffView"_s)->currentIndex();
    QVERIFY(current.isValid());
    QVERIFY(window.model()->item(current.row(), StaffWindow::Login)->text().contains(name));
    QVERIFY(window.model()->item(0, StaffWindow::Login)->text().contains(name));
    QCOMPARE(window.model()->item(0, StaffWindow::State)->text(), StaffWindow::tr("one-time password"));
    const QString shots = qEnvironmentVariable("FATORA_STAFF_SHOTS");
    if (!shots.isEmpty())
        window.grab().save(shots + u"/staff.png"_s);

    window.selectLogin(name);
    auto *role = window.findChild<QComboBox *>(u"roleCombo"_s);
    role->setCurrentIndex(role->findData(int(StaffRole::Supervisor)));
    window.findChild<QPushButton *>(u"setRoleButton"_s)->click();
    QTRY_VERIFY(!window.isReading());
    QVERIFY2(store->staff()->first().role == std::optional<StaffRole>(StaffRole::Supervisor),
             qPrintable(result->text()));
    window.selectLogin(name);
    window.findChild<QPushButton *>(u"enableButton"_s)->click();
    QTRY_VERIFY(!window.isReading());
    QVERIFY(store->staff()->first().disabled());
    window.selectLogin(name);
    QCOMPARE(window.findChild<QPushButton *>(u"enableButton"_s)->text(), StaffWindow::tr("&Enable"));
    window.findChild<QPushButton *>(u"enableButton"_s)->click();
    QTRY_VERIFY(!window.isReading());
    QVERIFY(!store->staff()->first().disabled());
    // What the window asked for, the audit names its administrator for.
    auto entries = store->findAudit(AuditQuery{});
    QVERIFY(entries.ok());
    QStringList actions;
    for (const AuditEntry &e : entries.value())
        actions << e.action;
    QVERIFY2(actions.contains(u"staff.added"_s) && actions.contains(u"staff.role"_s) &&
                 actions.contains(u"staff.disabled"_s) && actions.contains(u"staff.enabled"_s),
             qPrintable(actions.join(u", "_s)));

    // An open Staff window follows a change of the desk's language: headers, roles, states.
    if (!language) {
        test::Language arabic(u"ar"_s);
        QCoreApplication::processEvents();
        QCOMPARE(window.model()->horizontalHeaderItem(StaffWindow::Login)->text(), StaffWindow::tr("Login"));
        QVERIFY(window.model()->horizontalHeaderItem(StaffWindow::Login)->text() != u"Login"_s);
        QCOMPARE(role->itemText(0), staffRoleTitle(StaffRole::Clerk));
        QVERIFY(role->itemText(0) != u"Clerk"_s && role->itemText(0) != u"clerk"_s);
    }
}

QTEST_MAIN(TestStaffWindow)
#include "tst_staffwindow.moc"
