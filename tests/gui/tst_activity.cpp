// The Activity view (issue 14): the audit log by person, kind of action and dates, newest first; an
// entry opens its payment; the export neutralises formulas; what a clerk may not export says why.

#include "GuiFixture.h"

#include "activity/ActivityTableModel.h"
#include "activity/ActivityWindow.h"
#include "customers/CustomersPanel.h"
#include "desk/MainWindow.h"
#include "history/HistoryPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;

class TestActivity : public QObject
{
    Q_OBJECT

private slots:
    void listsFiltersAndOpens();
    void exportIsASupervisorsAndNeutralised();

private:
    void saveShot(QWidget *widget, const QString &name);
};

void TestActivity::saveShot(QWidget *widget, const QString &name)
{
    // FATORA_ACTIVITY_SHOTS=DIR keeps what the person sees, to be looked at (FATORA_ACTIVITY_LANGUAGE=ar).
    const QString dir = qEnvironmentVariable("FATORA_ACTIVITY_SHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + u".png"_s);
}

void TestActivity::listsFiltersAndOpens()
{
    std::unique_ptr<Language> language;
    if (!qEnvironmentVariable("FATORA_ACTIVITY_LANGUAGE").isEmpty())
        language = std::make_unique<Language>(qEnvironmentVariable("FATORA_ACTIVITY_LANGUAGE"));
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok_activity_0001"_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(7500, u"QAR"_s));
    QVERIFY(f.store()
                .audit(f.clock().now(), u"amal"_s, u"customer.updated"_s, u"customer"_s,
                       f.store().token(tokenId)->customerId, u"phone corrected"_s)
                .ok());
    const qint64 customerId = f.store().token(tokenId)->customerId;
    const qint64 second = test::addToken(f.store(), customerId, u"tok_activity_0003"_s, f.today());
    auto window = f.window(tokenId);
    ActivityWindow *activity = window->openActivity();
    QVERIFY(activity);
    ActivityTableModel *model = activity->model();
    QTRY_VERIFY(model->rowCount() >= 3);
    // Newest first: the entry written last leads.
    QCOMPARE(model->entryAt(0)->action, u"customer.updated"_s);
    saveShot(activity, u"activity"_s);

    auto *person = activity->findChild<QLineEdit *>(u"personEdit"_s);
    QTest::keyClicks(person, u"amal"_s);
    QTRY_COMPARE(model->rowCount(), 1);
    person->clear();
    QTRY_VERIFY(model->rowCount() >= 3);
    auto *kind = activity->findChild<QComboBox *>(u"actionCombo"_s);
    kind->setCurrentIndex(kind->findData(u"charge."_s));
    QVERIFY(settled(*window)); // read on the desk's reader
    QVERIFY(model->rowCount() >= 1);
    int paymentRow = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY(model->entryAt(row)->action.startsWith(u"charge."_s));
        if (model->entryAt(row)->objectId == paymentId && model->entryAt(row)->objectType == u"payment"_s)
            paymentRow = row;
    }
    QVERIFY(paymentRow >= 0);

    // Double-click: the payment is shown in the history.
    auto *view = activity->findChild<QTableView *>(u"activityView"_s);
    QSignalSpy opened(activity, &ActivityWindow::openObject);
    view->scrollTo(model->index(paymentRow, ActivityTableModel::Object));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(model->index(paymentRow, 3)).center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {},
                       view->visualRect(model->index(paymentRow, 3)).center());
    QTRY_COMPARE(opened.count(), 1);
    QTRY_VERIFY(window->historyPanel()->currentRow().has_value());
    QCOMPARE(window->historyPanel()->currentRow()->payment.id, paymentId);

    // An entry about a card opens its customer with that card selected (another card is first).
    emit activity->openObject(u"token"_s, second);
    QVERIFY(settled(*window));
    QCOMPARE(window->customersPanel()->currentCustomerId(), customerId);
    QCOMPARE(window->customersPanel()->currentTokenId(), second);

    // Dates the wrong way round say so rather than look like a quiet day.
    activity->findChild<QCheckBox *>(u"datesCheck"_s)->setChecked(true);
    activity->findChild<QDateEdit *>(u"fromEdit"_s)->setDate(f.today());
    activity->findChild<QDateEdit *>(u"toEdit"_s)->setDate(f.today().addDays(-3));
    QVERIFY2(activity->findChild<QLabel *>(u"errorLabel"_s)->text().contains(ActivityWindow::tr("From is after to: nothing can match. Swap the dates.")),
             qPrintable(activity->findChild<QLabel *>(u"errorLabel"_s)->text()));

    // An open Activity window follows a change of the desk's language.
    if (!language) {
        Language arabic(u"ar"_s);
        QCoreApplication::processEvents();
        QCOMPARE(activity->windowTitle(), QCoreApplication::translate("ActivityWindow", "Activity"));
        QVERIFY(activity->windowTitle() != u"Activity"_s);
        QCOMPARE(kind->itemText(0), ActivityWindow::tr("Every action"));
        QVERIFY(kind->itemText(0) != u"Every action"_s);
        saveShot(activity, u"activity-switched"_s);
    }
}

void TestActivity::exportIsASupervisorsAndNeutralised()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Omar"_s, u"tok_activity_0002"_s);
    QVERIFY(f.store()
                .audit(f.clock().now(), u"=cmd|' /C calc'!A0"_s, u"customer.updated"_s, u"customer"_s,
                       f.store().token(tokenId)->customerId, u"+SUM(1,2)"_s)
                .ok());
    StaffMember clerk;
    clerk.login = u"amal"_s;
    clerk.role = StaffRole::Clerk;
    {
        ActivityWindow window(f.reader(), false, clerk, f.today());
        auto *button = window.findChild<QPushButton *>(u"exportButton"_s);
        QVERIFY(!button->isEnabled());
        QVERIFY2(button->toolTip().contains(u"supervisor role"_s), qPrintable(button->toolTip()));
        QTemporaryDir dir;
        std::optional<Result<int>> refused;
        window.exportTo(dir.filePath(u"a.csv"_s), [&refused](Result<int> r) { refused = std::move(r); });
        QVERIFY(refused && !refused->ok()); // at once: nothing is read
        QVERIFY(!QFile::exists(dir.filePath(u"a.csv"_s)));
    }
    ActivityWindow window(f.reader(), false, StaffMember::withEveryRight(u"Tester"_s), f.today());
    QVERIFY(f.settle());
    QTemporaryDir dir;
    const QString path = dir.filePath(u"activity.csv"_s);
    std::optional<Result<int>> written;
    window.exportTo(path, [&written](Result<int> r) { written = std::move(r); });
    QTRY_VERIFY(written.has_value()); // read on the reader, written here
    QVERIFY2(written->ok(), qPrintable(written->error().toString()));
    QCOMPARE(written->value(), window.model()->rowCount());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"
                           "entry_id,at_utc,operator,action,object_type,object_id,detail\r\n"));
    QVERIFY2(csv.contains("'=cmd") && csv.contains("'+SUM(1,2)"), csv.constData());
    QVERIFY(!csv.contains(",=cmd") && !csv.contains(",+SUM"));
}

QTEST_MAIN(TestActivity)
#include "tst_activity.moc"
