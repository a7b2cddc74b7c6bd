// The desk's billing run (issue 16 #1-#5) offscreen with the real widgets: create from a CSV file,
// preview (skipped rows listed with their reason), review and start (the start button armed by
// ConfirmGuard), progress, pause, resume, summary; "Charge selected…" from the customers list.
// Each step is checked on the screen and in the database. FATORA_BATCH_PNG_DIR: screenshots.
#include "GuiFixture.h"

#include "batches/BatchItemModel.h"
#include "batches/BatchService.h"
#include "batches/BatchWindow.h"
#include "common/ConfirmGuard.h"
#include "customers/CustomersPanel.h"
#include "desk/MainWindow.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

class TestBatchWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void previewRunPauseResumeSummary();
    void startButtonIsArmedAgainstADoubleClick();
    void chargeSelectedCustomers();
    void savedBatchOpensAndResumes();
    void closingMidRunAsksThenPauses();
    void arabicRunReadsRightToLeft();
    void closingTheDeskPausesItsRuns();

private:
    QString writeCsv(const QString &text);
    BatchWindow *openFromMenu(MainWindow &window);
    // A started run of the eight cards, answered slowly enough to close the window mid-run.
    BatchWindow *startSlowRun(MainWindow &window);
    static void clickButtonOfNextBox(const QString &text);
    void screenshot(QWidget *widget, const QString &name);

    std::unique_ptr<GuiFixture> m_fixture;
    QTemporaryDir m_dir;
    QList<qint64> m_cards;
};

void TestBatchWindow::init()
{
    ConfirmGuard::setHoldMs(0);
    m_fixture = std::make_unique<GuiFixture>();
    m_cards.clear();
    for (int i = 0; i < 8; ++i)
        m_cards << m_fixture->addCustomerWithToken(u"Member %1"_s.arg(i), u"tok+/\\|member-%1="_s.arg(i),
                                                   i == 3 ? SimulatedBehaviour::Kind::InsufficientFunds
                                                          : SimulatedBehaviour::Kind::Approve,
                                                   60, Money(5000, u"QAR"_s));
}

void TestBatchWindow::cleanup()
{
    m_fixture.reset();
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
}

QString TestBatchWindow::writeCsv(const QString &text)
{
    const QString path = m_dir.filePath(u"fees.csv"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the file");
    file.write(text.toUtf8());
    return path;
}

BatchWindow *TestBatchWindow::openFromMenu(MainWindow &window)
{
    window.findChild<QAction *>(u"actionBillingRun"_s)->trigger();
    return window.findChild<BatchWindow *>();
}

void TestBatchWindow::screenshot(QWidget *widget, const QString &name)
{
    if (const QString out = qEnvironmentVariable("FATORA_BATCH_PNG_DIR"); !out.isEmpty())
        QVERIFY(widget->grab().save(out + u"/"_s + name + u".png"_s));
}

void TestBatchWindow::previewRunPauseResumeSummary()
{
    QString csv = u"token_id,amount,note\n"_s;
    for (int i = 0; i < m_cards.size(); ++i)
        csv += u"%1,%2,November\n"_s.arg(m_cards[i]).arg(i % 2 ? u"25.00"_s : QString());
    csv += u"999999,5,\n%1,3,\n"_s.arg(m_cards[0]);
    auto window = m_fixture->window();
    BatchWindow *batch = openFromMenu(*window);
    QVERIFY(batch);
    QTRY_VERIFY(batch->isVisible());
    QVERIFY(batch->loadFile(writeCsv(csv)));
    QTRY_VERIFY(!batch->isReading()); // the dry run is read on the desk's reader
    QCOMPARE(batch->page(), BatchWindow::Page::Preview);
    QCOMPARE(batch->model()->rowCount(), 10);
    const QString skipped = batch->model()->index(8, BatchItemModel::Outcome).data().toString();
    QVERIFY2(skipped.contains(u"no card has id 999999"_s), qPrintable(skipped));
    QVERIFY(batch->model()->index(9, BatchItemModel::Outcome).data().toString().contains(u"same card"_s));
    QVERIFY(batch->findChild<QLabel *>(u"previewTotals"_s)->text().contains(u"8 to charge"_s));
    QCOMPARE(m_fixture->collectRequests(), 0);
    screenshot(batch, u"batch-preview-en"_s);

    batch->findChild<QPushButton *>(u"reviewButton"_s)->click();
    QCOMPARE(batch->page(), BatchWindow::Page::Review);
    QVERIFY(batch->findChild<QLabel *>(u"reviewText"_s)->text().contains(u"8 to charge"_s));
    batch->findChild<QSpinBox *>(u"parallelSpin"_s)->setValue(2);
    screenshot(batch, u"batch-review-en"_s);
    QCOMPARE(m_fixture->collectRequests(), 0);

    // Start, then pause once two are approved; calls in flight settle, nothing new leaves.
    bool paused = false;
    connect(&batch->runner(), &BatchRunner::progressChanged, this, [&](const BatchProgress &p) {
        if (!paused && p.summary.count(BatchOutcome::Approved) >= 2) {
            paused = true;
            batch->findChild<QPushButton *>(u"pauseButton"_s)->click();
        }
    });
    QSignalSpy finished(batch, &BatchWindow::runFinished);
    batch->findChild<QPushButton *>(u"startButton"_s)->click();
    QCOMPARE(batch->page(), BatchWindow::Page::Run);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(1).value<BatchState>(), BatchState::Paused);
    const qint64 batchId = batch->batchId();
    QCOMPARE(m_fixture->store().batch(batchId)->state, BatchState::Paused);
    const int sentWhenPaused = m_fixture->collectRequests();
    QVERIFY(sentWhenPaused < 8);
    QCOMPARE(batch->findChild<QPushButton *>(u"pauseButton"_s)->text(), u"Resume"_s);
    screenshot(batch, u"batch-paused-en"_s);

    batch->findChild<QPushButton *>(u"pauseButton"_s)->click(); // resume
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(1).value<BatchState>(), BatchState::Finished);
    QCOMPARE(m_fixture->collectRequests(), 8);
    const QString summary = batch->findChild<QLabel *>(u"summaryLabel"_s)->text();
    QVERIFY2(summary.contains(u"Approved 7, declined 1"_s), qPrintable(summary));
    QVERIFY(batch->findChild<QPushButton *>(u"retryButton"_s)->isEnabled());
    screenshot(batch, u"batch-summary-en"_s);
    const BatchSummary stored = BatchService(m_fixture->store(), m_fixture->clock()).summary(batchId).value();
    QCOMPARE(stored.count(BatchOutcome::Approved), 7);
    QCOMPARE(stored.count(BatchOutcome::Declined), 1);
    QCOMPARE(stored.count(BatchOutcome::Skipped), 2);
    const auto audit = m_fixture->store().auditFor(u"batch"_s, batchId).value();
    QStringList actions;
    for (const AuditEntry &e : audit)
        actions << e.action;
    QCOMPARE(actions, (QStringList{u"batch.created"_s, u"batch.started"_s, u"batch.paused"_s,
                                   u"batch.resumed"_s, u"batch.finished"_s}));

    // The desk stayed usable: the history shows the batch's charges.
    // A double click makes one retry batch: the second click lands while the new one is read.
    const int batchesBefore = int(m_fixture->store().findBatches(100)->size());
    batch->findChild<QPushButton *>(u"retryButton"_s)->click();
    batch->findChild<QPushButton *>(u"retryButton"_s)->click();
    QTRY_VERIFY(!batch->isReading()); // the new batch is read on the desk's reader
    QCOMPARE(int(m_fixture->store().findBatches(100)->size()), batchesBefore + 1);
    QCOMPARE(batch->page(), BatchWindow::Page::Preview);
    QCOMPARE(batch->model()->rowCount(), 1);
}

void TestBatchWindow::startButtonIsArmedAgainstADoubleClick()
{
    ConfirmGuard::setHoldMs(ConfirmGuard::DefaultHoldMs);
    auto window = m_fixture->window();
    BatchWindow *batch = openFromMenu(*window);
    QVERIFY(batch->loadFile(writeCsv(u"token_id,amount\n%1,10\n"_s.arg(m_cards[0]))));
    QTRY_VERIFY(!batch->isReading()); // the dry run is read on the desk's reader
    batch->findChild<QPushButton *>(u"reviewButton"_s)->click();
    QTest::mouseClick(batch->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
    QTest::qWait(100);
    QCOMPARE(batch->page(), BatchWindow::Page::Review); // the second click of a double-click is ignored
    QCOMPARE(m_fixture->collectRequests(), 0);
    QTest::qWait(ConfirmGuard::DefaultHoldMs);
    QTest::mouseClick(batch->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
    QCOMPARE(batch->page(), BatchWindow::Page::Run);
}

void TestBatchWindow::chargeSelectedCustomers()
{
    auto window = m_fixture->window(m_cards[0]);
    QTableView *customers = window->customersPanel()->customersView();
    customers->selectAll();
    QCOMPARE(window->customersPanel()->selectedCustomerIds().size(), 8);
    auto *batch = new BatchWindow(window->context(), window.get());
    QVERIFY(batch->loadCustomers(window->customersPanel()->selectedCustomerIds(), u"12.00"_s));
    QTRY_VERIFY(!batch->isReading()); // the dry run is read on the desk's reader
    QCOMPARE(batch->model()->rowCount(), 8);
    QCOMPARE(batch->model()->index(0, BatchItemModel::Amount).data().toString().contains(u"12.00"_s), true);
    QCOMPARE(m_fixture->collectRequests(), 0);
    QVERIFY(window->findChild<QAction *>(u"actionChargeSelected"_s));
}

void TestBatchWindow::savedBatchOpensAndResumes()
{
    // A batch saved (by the CLI, or a desk that stopped) is opened from the Payments menu's id and
    // resumed; what was already sent is never sent again.
    auto window = m_fixture->window();
    BatchWindow *first = openFromMenu(*window);
    QVERIFY(first->loadFile(writeCsv(u"token_id,amount\n%1,10\n%2,11\n"_s.arg(m_cards[0]).arg(m_cards[1]))));
    QTRY_VERIFY(!first->isReading()); // the dry run is read on the desk's reader
    first->findChild<QPushButton *>(u"reviewButton"_s)->click();
    bool paused = false;
    connect(&first->runner(), &BatchRunner::progressChanged, this, [&](const BatchProgress &p) {
        if (!paused && p.summary.count(BatchOutcome::InFlight) > 0) {
            paused = true;
            QVERIFY(first->runner().pause().ok());
        }
    });
    first->findChild<QSpinBox *>(u"parallelSpin"_s)->setValue(1);
    QSignalSpy firstDone(first, &BatchWindow::runFinished);
    first->findChild<QPushButton *>(u"startButton"_s)->click();
    QVERIFY(firstDone.wait(20000));
    const qint64 batchId = first->batchId();
    first->close();
    QCOMPARE(m_fixture->collectRequests(), 1);

    auto *again = new BatchWindow(window->context(), window.get());
    QVERIFY(again->openBatch(batchId));
    QTRY_VERIFY(!again->isReading()); // the dry run is read on the desk's reader
    QCOMPARE(again->page(), BatchWindow::Page::Run);
    QCOMPARE(again->model()->rowCount(), 2);
    QPushButton *resume = again->findChild<QPushButton *>(u"pauseButton"_s);
    QCOMPARE(resume->text(), u"Resume"_s);
    QSignalSpy done(again, &BatchWindow::runFinished);
    resume->click();
    QVERIFY(done.wait(20000));
    QCOMPARE(done.last().at(1).value<BatchState>(), BatchState::Finished);
    QCOMPARE(m_fixture->collectRequests(), 2);
    QVERIFY(window->findChild<QAction *>(u"actionOpenBillingRun"_s));
}

BatchWindow *TestBatchWindow::startSlowRun(MainWindow &window)
{
    SimulatedBehaviour slow;
    slow.delayMs = 400;
    m_fixture->simulator().setDefaultBehaviour(slow);
    QString csv = u"token_id,amount\n"_s;
    for (qint64 card : std::as_const(m_cards))
        csv += u"%1,10.00\n"_s.arg(card);
    BatchWindow *batch = openFromMenu(window);
    if (!batch || !batch->loadFile(writeCsv(csv)))
        return nullptr;
    if (!QTest::qWaitFor([batch] { return !batch->isReading(); }, 10000)) // the dry run, on the reader
        return nullptr;
    batch->findChild<QPushButton *>(u"reviewButton"_s)->click();
    batch->findChild<QSpinBox *>(u"parallelSpin"_s)->setValue(1);
    batch->findChild<QPushButton *>(u"startButton"_s)->click();
    return batch;
}

void TestBatchWindow::clickButtonOfNextBox(const QString &text)
{
    onNextModal([text](QWidget *modal) {
        for (QPushButton *button : modal->findChildren<QPushButton *>()) {
            if (button->text() == text) {
                button->click();
                return;
            }
        }
        qWarning("no button %s", qPrintable(text));
    });
}

void TestBatchWindow::closingMidRunAsksThenPauses()
{
    auto window = m_fixture->window();
    QPointer<BatchWindow> batch = startSlowRun(*window);
    QVERIFY(batch);
    QTRY_VERIFY(batch->isSending());
    const qint64 batchId = batch->batchId();
    // Escape, then "Keep running": the window stays and the run goes on.
    clickButtonOfNextBox(u"Keep running"_s);
    QTest::keyClick(batch, Qt::Key_Escape);
    QVERIFY(batch && batch->isVisible());
    QVERIFY(batch->isSending());
    // Closing, then "Pause and close": paused (audited), the window goes, calls in flight settle.
    clickButtonOfNextBox(u"Pause and close"_s);
    batch->close();
    QTRY_VERIFY(!batch);
    QCOMPARE(m_fixture->store().batch(batchId)->state, BatchState::Paused);
    QCOMPARE(m_fixture->store().auditFor(u"batch"_s, batchId)->last().action, u"batch.paused"_s);
    QTRY_COMPARE(m_fixture->payments().callsInFlight(), 0);
    const int sent = m_fixture->collectRequests();
    QVERIFY2(sent < 8, qPrintable(QString::number(sent)));
    QTest::qWait(600);
    QCOMPARE(m_fixture->collectRequests(), sent); // nothing more left
    for (const BatchItem &item : BatchService(m_fixture->store(), m_fixture->clock()).items(batchId).value()) {
        if (item.state == BatchItemState::Sent)
            QCOMPARE(item.payment->state, PaymentState::Approved); // every answer recorded
    }
}

void TestBatchWindow::closingTheDeskPausesItsRuns()
{
    auto window = m_fixture->window();
    BatchWindow *batch = startSlowRun(*window);
    QVERIFY(batch);
    QTRY_VERIFY(batch->isSending());
    const qint64 batchId = batch->batchId();
    clickButtonOfNextBox(u"Pause and close"_s);
    window->close();
    QCOMPARE(m_fixture->store().batch(batchId)->state, BatchState::Paused);
    // The desk closes once the charge in flight is recorded.
    QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 5000);
    QCOMPARE(m_fixture->payments().callsInFlight(), 0);
    const int sent = m_fixture->collectRequests();
    QVERIFY2(sent < 8, qPrintable(QString::number(sent)));
}

void TestBatchWindow::arabicRunReadsRightToLeft()
{
    Language arabic(u"ar"_s);
    const auto isArabic = [](const QString &text) {
        return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.script() == QChar::Script_Arabic; });
    };
    QString csv = u"token_id,amount,note\n"_s;
    for (int i = 0; i < m_cards.size(); ++i)
        csv += u"%1,%2,\n"_s.arg(m_cards[i]).arg(i % 2 ? u"25.00"_s : QString());
    csv += u"999999,5,\n%1,3,\n"_s.arg(m_cards[0]);
    auto window = m_fixture->window();
    BatchWindow *batch = openFromMenu(*window);
    QVERIFY(batch);
    QCOMPARE(batch->layoutDirection(), Qt::RightToLeft);
    QVERIFY(batch->loadFile(writeCsv(csv)));
    QTRY_VERIFY(!batch->isReading()); // the dry run is read on the desk's reader
    const QString skipped = batch->model()->index(8, BatchItemModel::Outcome).data().toString();
    QVERIFY2(isArabic(skipped), qPrintable(skipped));
    QVERIFY2(skipped.contains(u"\u2066999999\u2069"_s), qPrintable(skipped)); // the id isolated
    screenshot(batch, u"batch-preview-ar"_s);
    batch->findChild<QPushButton *>(u"reviewButton"_s)->click();
    QVERIFY(isArabic(batch->findChild<QLabel *>(u"reviewText"_s)->text()));
    screenshot(batch, u"batch-review-ar"_s);
    QSignalSpy finished(batch, &BatchWindow::runFinished);
    batch->findChild<QPushButton *>(u"startButton"_s)->click();
    QVERIFY2(finished.wait(20000), qPrintable(batch->findChild<QLabel *>(u"problem"_s)->text()));
    const QString summary = batch->findChild<QLabel *>(u"summaryLabel"_s)->text();
    QVERIFY2(isArabic(summary), qPrintable(summary));
    QCOMPARE(m_fixture->collectRequests(), 8);
    qInfo("%s", qPrintable(summary));
    QTest::qWait(100);
    screenshot(batch, u"batch-summary-ar"_s);
}

QTEST_MAIN(TestBatchWindow)
#include "tst_batchwindow.moc"
