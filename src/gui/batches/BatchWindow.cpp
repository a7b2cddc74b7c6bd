#include "batches/BatchWindow.h"

#include "batches/BatchFile.h"
#include "batches/BatchItemModel.h"
#include "batches/BatchPlanner.h"
#include "common/ConfirmGuard.h"
#include "common/Display.h"
#include "csv/BatchCsvWriter.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

#include <QCloseEvent>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace fatora {

BatchWindow::BatchWindow(DeskContext &context, QWidget *parent)
    : QDialog(parent), m_context(context), m_batches(*context.store, *context.clock),
      m_runner(new BatchRunner(*context.store, *context.payments, *context.clock, this)),
      m_model(new BatchItemModel(this))
{
    setObjectName(u"batchWindow"_s);
    setWindowTitle(tr("Billing run"));
    setModal(false);
    resize(820, 560);
    m_batches.setActor(context.payments->actor());
    m_runner->setOperatorName(context.payments->operatorName());

    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"problem"_s);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    layout->addWidget(m_problem);
    buildPreviewPage();
    buildReviewPage();
    buildRunPage();

    connect(m_runner, &BatchRunner::progressChanged, this, &BatchWindow::showProgress);
    connect(m_runner, &BatchRunner::finished, this, &BatchWindow::showSummary);
    connect(m_runner, &BatchRunner::problem, this, &BatchWindow::showProblem);
}

BatchWindow::~BatchWindow() = default;

void BatchWindow::buildPreviewPage()
{
    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);
    auto *top = new QHBoxLayout;
    auto *open = new QPushButton(tr("Open CSV…"), page);
    open->setObjectName(u"openButton"_s);
    m_sourceLabel = new QLabel(tr("No file yet. Columns: token_id or customer_reference, amount (blank: the "
                                  "card's first payment), note."),
                               page);
    m_sourceLabel->setWordWrap(true);
    top->addWidget(open);
    top->addWidget(m_sourceLabel, 1);
    layout->addLayout(top);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(page);
    m_name->setObjectName(u"nameEdit"_s);
    m_name->setPlaceholderText(tr("e.g. November fees"));
    form->addRow(tr("Name:"), m_name);
    layout->addLayout(form);
    m_table = new QTableView(page);
    m_table->setObjectName(u"itemsView"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);
    m_previewTotals = new QLabel(page);
    m_previewTotals->setObjectName(u"previewTotals"_s);
    m_previewTotals->setWordWrap(true);
    layout->addWidget(m_previewTotals);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    auto *close = new QPushButton(tr("Close"), page);
    m_reviewButton = new QPushButton(tr("Review…"), page);
    m_reviewButton->setObjectName(u"reviewButton"_s);
    m_reviewButton->setEnabled(false);
    buttons->addWidget(close);
    buttons->addWidget(m_reviewButton);
    layout->addLayout(buttons);
    m_pages->addWidget(page);

    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a billing run's file"), QString(),
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            loadFile(path);
    });
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_reviewButton, &QPushButton::clicked, this, &BatchWindow::review);
}

void BatchWindow::buildReviewPage()
{
    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);
    m_reviewText = new QLabel(page);
    m_reviewText->setObjectName(u"reviewText"_s);
    m_reviewText->setWordWrap(true);
    m_reviewText->setTextFormat(Qt::PlainText);
    layout->addWidget(m_reviewText);
    auto *form = new QFormLayout;
    m_parallel = new QSpinBox(page);
    m_parallel->setObjectName(u"parallelSpin"_s);
    m_parallel->setRange(1, BatchRunner::MaxParallel);
    m_parallel->setValue(BatchRunner::DefaultParallel);
    form->addRow(tr("Charges at once:"), m_parallel);
    m_rate = new QDoubleSpinBox(page);
    m_rate->setObjectName(u"rateSpin"_s);
    m_rate->setRange(0, BatchRunner::MaxRatePerSec);
    m_rate->setDecimals(1);
    m_rate->setSpecialValueText(tr("no limit"));
    form->addRow(tr("At most per second:"), m_rate);
    layout->addLayout(form);
    layout->addStretch();
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    auto *back = new QPushButton(tr("Back"), page);
    m_startButton = new QPushButton(tr("Start the run"), page);
    m_startButton->setObjectName(u"startButton"_s);
    // The money button: no click for a moment after the page appears (a double-click on Review…).
    ConfirmGuard::arm(m_startButton);
    buttons->addWidget(back);
    buttons->addWidget(m_startButton);
    layout->addLayout(buttons);
    m_pages->addWidget(page);
    connect(back, &QPushButton::clicked, this, [this] { m_pages->setCurrentIndex(int(Page::Preview)); });
    connect(m_startButton, &QPushButton::clicked, this, &BatchWindow::start);
}

void BatchWindow::buildRunPage()
{
    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);
    m_progress = new QProgressBar(page);
    m_progress->setObjectName(u"progressBar"_s);
    layout->addWidget(m_progress);
    m_counts = new QLabel(page);
    m_counts->setObjectName(u"countsLabel"_s);
    m_counts->setWordWrap(true);
    layout->addWidget(m_counts);
    m_summary = new QLabel(page);
    m_summary->setObjectName(u"summaryLabel"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);
    auto *table = new QTableView(page);
    table->setObjectName(u"resultsView"_s);
    table->setModel(m_model);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    layout->addWidget(table, 1);
    auto *buttons = new QHBoxLayout;
    m_exportButton = new QPushButton(tr("Export results…"), page);
    m_exportButton->setObjectName(u"exportButton"_s);
    m_retryButton = new QPushButton(tr("Retry the declined for insufficient funds…"), page);
    m_retryButton->setObjectName(u"retryButton"_s);
    m_retryButton->setEnabled(false);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_retryButton);
    buttons->addStretch();
    m_pauseButton = new QPushButton(tr("Pause"), page);
    m_pauseButton->setObjectName(u"pauseButton"_s);
    m_cancelButton = new QPushButton(tr("Cancel the run…"), page);
    m_cancelButton->setObjectName(u"cancelButton"_s);
    buttons->addWidget(m_pauseButton);
    buttons->addWidget(m_cancelButton);
    layout->addLayout(buttons);
    m_pages->addWidget(page);
    connect(m_pauseButton, &QPushButton::clicked, this, &BatchWindow::pauseOrResume);
    connect(m_cancelButton, &QPushButton::clicked, this, &BatchWindow::cancelRun);
    connect(m_exportButton, &QPushButton::clicked, this, &BatchWindow::exportResults);
    connect(m_retryButton, &QPushButton::clicked, this, &BatchWindow::retryInsufficientFunds);
}

BatchWindow::Page BatchWindow::page() const
{
    return Page(m_pages->currentIndex());
}

void BatchWindow::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
}

QString BatchWindow::totalsText(const BatchSummary &summary)
{
    QStringList money;
    for (const BatchSummary::CurrencyTotal &c : summary.currencies)
        money << Display::money(Money(c.plannedMinor, c.currency));
    return tr("%1 to charge (%2), %3 skipped.")
        .arg(summary.count(BatchOutcome::Queued))
        .arg(money.isEmpty() ? tr("nothing") : money.join(u", "_s))
        .arg(summary.count(BatchOutcome::Skipped));
}

bool BatchWindow::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showProblem(tr("Cannot read %1: %2").arg(Display::path(path), file.errorString()));
        return false;
    }
    auto rows = BatchFile::read(file.read(64 * 1024 * 1024));
    if (!rows.ok()) {
        showProblem(tr("%1 %2").arg(QFileInfo(path).fileName(), rows.error().message));
        return false;
    }
    // The dry run reads every card: on the desk's reader (issue 13), at the moment it was asked.
    planOnReader(
        [rows = rows.value(), now = m_context.clock->now()](Store &store) {
            return BatchPlanner::plan(store, rows, FixedClock(now));
        },
        QFileInfo(path).fileName());
    return true;
}

bool BatchWindow::loadCustomers(const QList<qint64> &customerIds, const QString &amount)
{
    const std::optional<QString> each =
        amount.trimmed().isEmpty() ? std::nullopt : std::optional<QString>(amount.trimmed());
    planOnReader(
        [customerIds, each, now = m_context.clock->now()](Store &store) {
            return BatchPlanner::planCustomers(store, customerIds, each, FixedClock(now));
        },
        tr("%n customers selected", nullptr, int(customerIds.size())));
    return true;
}

void BatchWindow::planOnReader(std::function<Result<QList<BatchItem>>(Store &)> plan, const QString &source)
{
    // Nothing can be reviewed or started from the rows of an earlier dry run meanwhile.
    const int generation = ++m_readGeneration;
    ++m_reads;
    m_reviewButton->setEnabled(false);
    m_previewTotals->setText(tr("Checking every row…"));
    m_pages->setCurrentIndex(int(Page::Preview));
    m_context.reader->read<QList<BatchItem>>(
        this, std::move(plan), [this, generation, source](Result<QList<BatchItem>> planned) {
            --m_reads;
            if (generation != m_readGeneration)
                return; // another dry run (or batch) was asked for since
            if (!planned.ok()) {
                m_previewTotals->clear();
                showProblem(planned.error().toString());
                return;
            }
            showPreview(planned.value(), source);
        });
}

bool BatchWindow::openBatch(qint64 batchId)
{
    m_pauseButton->setEnabled(false);
    readBatch(batchId, [this, batchId](const Batch &batch, const QList<BatchItem> &items) {
        m_batchId = batchId;
        m_source = batch.source;
        m_name->setText(batch.name);
        m_model->setItems(items);
        const BatchSummary summary = BatchSummary::of(m_model->items());
        m_summary->setText(totalsText(summary));
        m_pages->setCurrentIndex(int(Page::Run));
        m_pauseButton->setText(tr("Resume"));
        m_paused = true;
        m_pauseButton->setEnabled(BatchService::mayStart(batch).ok());
    });
    return true;
}

void BatchWindow::readBatch(qint64 batchId, std::function<void(const Batch &, const QList<BatchItem> &)> show)
{
    struct Read
    {
        Batch batch;
        QList<BatchItem> items;
    };
    const int generation = ++m_readGeneration;
    ++m_reads;
    m_context.reader->read<Read>(
        this,
        [batchId, now = m_context.clock->now()](Store &store) -> Result<Read> {
            const FixedClock at(now);
            BatchService batches(store, at);
            auto batch = batches.batch(batchId);
            if (!batch.ok())
                return batch.error();
            auto items = batches.items(batchId);
            if (!items.ok())
                return items.error();
            return Read{batch.value(), items.value()};
        },
        [this, generation, show = std::move(show)](Result<Read> read) {
            --m_reads;
            if (generation != m_readGeneration)
                return; // another batch or dry run was asked for since
            if (!read.ok()) {
                showProblem(read.error().toString());
                return;
            }
            show(read->batch, read->items);
        });
}

void BatchWindow::showPreview(const QList<BatchItem> &items, const QString &source)
{
    showProblem(QString());
    m_source = source;
    m_batchId = 0;
    m_model->setItems(items);
    m_table->resizeColumnsToContents();
    m_sourceLabel->setText(Display::path(source));
    const BatchSummary summary = BatchSummary::of(items);
    m_previewTotals->setText(totalsText(summary));
    m_reviewButton->setEnabled(summary.count(BatchOutcome::Queued) > 0);
    m_reviewButton->setToolTip(summary.count(BatchOutcome::Queued) > 0
                                   ? QString()
                                   : tr("No row can be charged: see why each one is skipped."));
    m_pages->setCurrentIndex(int(Page::Preview));
}

void BatchWindow::review()
{
    if (m_reads > 0)
        return; // the rows shown are about to be replaced
    const BatchSummary summary = BatchSummary::of(m_model->items());
    m_reviewText->setText(
        tr("%1\nEach card is charged once, under its own order id, written down before it is "
           "sent. Started by %2. If the desk stops, open the batch again (Payments, Open a billing "
           "run…) and resume: nothing is sent twice.")
            .arg(totalsText(summary), m_context.payments->operatorName()));
    m_pages->setCurrentIndex(int(Page::Review));
}

void BatchWindow::start()
{
    if (m_reads > 0)
        return; // never from rows about to be replaced
    showProblem(QString());
    if (m_batchId == 0) {
        auto id = m_batches.create(m_name->text(), m_source, m_model->items());
        if (!id.ok()) {
            showProblem(id.error().toString());
            return;
        }
        m_batchId = id.value();
    }
    BatchRunOptions options;
    options.parallel = m_parallel->value();
    options.ratePerSec = m_rate->value();
    if (auto started = m_runner->start(m_batchId, options); !started.ok()) {
        showProblem(started.error().toString());
        return;
    }
    reloadItems();
    m_paused = false;
    m_pauseButton->setText(tr("Pause"));
    m_pauseButton->setEnabled(true);
    m_cancelButton->setEnabled(true);
    m_retryButton->setEnabled(false);
    m_pages->setCurrentIndex(int(Page::Run));
}

void BatchWindow::pauseOrResume()
{
    showProblem(QString());
    if (!m_paused) {
        pauseRun();
        return;
    }
    BatchRunOptions options;
    options.parallel = m_parallel->value();
    options.ratePerSec = m_rate->value();
    auto resumed = m_runner->isActive() ? m_runner->resume() : m_runner->start(m_batchId, options);
    if (!resumed.ok()) {
        showProblem(resumed.error().toString());
        return;
    }
    m_paused = false;
    m_pauseButton->setText(tr("Pause"));
}

void BatchWindow::cancelRun()
{
    const auto answer = QMessageBox::question(
        this, tr("Cancel the run"),
        tr("Cancel this run? The cards not charged yet will not be charged; charges on their way finish."),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    auto cancelled = m_runner->isActive() ? m_runner->cancel() : m_batches.cancel(m_batchId);
    if (!cancelled.ok()) {
        showProblem(cancelled.error().toString());
        return;
    }
    m_pauseButton->setEnabled(false);
    m_cancelButton->setEnabled(false);
    if (!m_runner->isActive()) // summed up from the items as they now stand
        reloadItems([this] { showSummary(BatchSummary::of(m_model->items()), BatchState::Cancelled); });
}

void BatchWindow::showProgress(const BatchProgress &progress)
{
    const BatchSummary &s = progress.summary;
    const int toCharge = s.total - s.count(BatchOutcome::Skipped);
    const int done = toCharge - s.count(BatchOutcome::Queued) - s.count(BatchOutcome::InFlight);
    m_progress->setRange(0, std::max(1, toCharge));
    m_progress->setValue(done);
    QString text =
        tr("Approved %1 · Declined %2 · Rejected or not sent %3 · Unknown %4 · In flight %5 · Waiting %6")
            .arg(s.count(BatchOutcome::Approved))
            .arg(s.count(BatchOutcome::Declined))
            .arg(s.count(BatchOutcome::Rejected) + s.count(BatchOutcome::NotSent) +
                 s.count(BatchOutcome::Refused))
            .arg(s.count(BatchOutcome::Unknown))
            .arg(s.count(BatchOutcome::InFlight))
            .arg(s.count(BatchOutcome::Queued));
    if (progress.verifying > 0)
        text += tr(" · Verifying %1").arg(progress.verifying);
    if (progress.secondsLeft >= 0)
        text += tr(" · About %n s left", nullptr, qRound(progress.secondsLeft));
    if (progress.paused)
        text += tr(" · Paused: charges on their way finish");
    m_counts->setText(text);
    // The runner pauses on its own too (a database fault that does not clear): Resume then.
    if (progress.paused && !m_paused) {
        m_paused = true;
        m_pauseButton->setText(tr("Resume"));
    }
}

bool BatchWindow::isSending() const
{
    return m_runner->isSending();
}

bool BatchWindow::pauseRun()
{
    if (auto r = m_runner->pause(); !r.ok()) {
        showProblem(r.error().toString());
        return false;
    }
    m_paused = true;
    m_pauseButton->setText(tr("Resume"));
    return true;
}

bool BatchWindow::mayClose()
{
    if (!isSending())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Billing run in progress"),
                    tr("Batch %1 is still sending charges. Pause it and close this window?").arg(m_batchId),
                    QMessageBox::NoButton, this);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(tr("Charges on their way finish and are recorded. Resume the batch later with "
                              "Open a billing run…"));
    QPushButton *pause = box.addButton(tr("Pause and close"), QMessageBox::AcceptRole);
    QPushButton *keep = box.addButton(tr("Keep running"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);
    box.exec();
    return box.clickedButton() == pause && pauseRun();
}

bool BatchWindow::pauseForDeskClose()
{
    return isSending() && pauseRun();
}

void BatchWindow::closeEvent(QCloseEvent *event)
{
    if (!mayClose()) {
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

void BatchWindow::reject()
{
    // Escape reaches here without a close event.
    if (mayClose())
        QDialog::reject();
}

void BatchWindow::showSummary(const BatchSummary &summary, BatchState state)
{
    reloadItems();
    QStringList lines;
    lines << tr("Batch %1 is %2.").arg(m_batchId).arg(batchStateText(state));
    for (const BatchSummary::CurrencyTotal &c : summary.currencies)
        lines << tr("%1: approved %2, declined %3, rejected %4, unknown %5.")
                     .arg(c.currency, Display::money(Money(c.approvedMinor, c.currency)),
                          Display::money(Money(c.declinedMinor, c.currency)),
                          Display::money(Money(c.rejectedMinor + c.notSentMinor, c.currency)),
                          Display::money(Money(c.openMinor, c.currency)));
    lines << tr("Approved %1, declined %2, rejected or not sent %3, unknown %4, skipped %5, cancelled %6.")
                 .arg(summary.count(BatchOutcome::Approved))
                 .arg(summary.count(BatchOutcome::Declined))
                 .arg(summary.count(BatchOutcome::Rejected) + summary.count(BatchOutcome::NotSent) +
                      summary.count(BatchOutcome::Refused))
                 .arg(summary.open())
                 .arg(summary.count(BatchOutcome::Skipped))
                 .arg(summary.count(BatchOutcome::Cancelled));
    if (summary.open() > 0)
        lines << tr(
            "%n charges have no answer yet: resume the batch to verify them; they are never sent again.",
            nullptr, summary.open());
    m_summary->setText(lines.join(u'\n'));
    m_progress->setValue(m_progress->maximum());
    const bool paused = state == BatchState::Paused;
    m_paused = paused;
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    m_pauseButton->setEnabled(paused || (state == BatchState::Finished && summary.open() > 0));
    if (state == BatchState::Finished && summary.open() > 0) {
        m_paused = true;
        m_pauseButton->setText(tr("Resume"));
    }
    m_cancelButton->setEnabled(paused);
    m_retryButton->setEnabled(summary.count(BatchOutcome::Declined) > 0);
    emit runFinished(m_batchId, state);
}

void BatchWindow::reloadItems(std::function<void()> then)
{
    if (m_batchId == 0)
        return;
    const int generation = ++m_readGeneration;
    ++m_reads;
    m_context.reader->read<QList<BatchItem>>(
        this,
        [batchId = m_batchId, now = m_context.clock->now()](Store &store) {
            const FixedClock at(now);
            return BatchService(store, at).items(batchId);
        },
        [this, generation, then = std::move(then)](Result<QList<BatchItem>> items) {
            --m_reads;
            if (generation != m_readGeneration)
                return;
            if (!items.ok()) {
                showProblem(items.error().toString());
                return;
            }
            m_model->setItems(items.value());
            if (then)
                then();
        });
}

void BatchWindow::exportResults()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the results"), tr("batch-%1-results.csv").arg(m_batchId), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    // The items as they now stand (read again on the reader), not as last shown.
    reloadItems([this, path] {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(BatchCsvWriter::write(m_model->items())) < 0 ||
            !file.commit())
            showProblem(tr("Could not write %1: %2").arg(Display::path(path), file.errorString()));
    });
}

void BatchWindow::retryInsufficientFunds()
{
    // One retry batch per click: off before the write (a second click of a double-click lands here
    // while the new batch is read), on again only if nothing was written.
    if (!m_retryButton->isEnabled())
        return;
    m_retryButton->setEnabled(false);
    auto id = m_batches.retryInsufficientFunds(m_batchId);
    if (!id.ok()) {
        m_retryButton->setEnabled(true);
        showProblem(id.error().message);
        return;
    }
    // The new batch, as written, is shown for review: read on the reader.
    readBatch(id.value(), [this, from = m_batchId, retry = id.value()](const Batch &batch,
                                                                       const QList<BatchItem> &items) {
        showPreview(items, tr("retry of batch %1").arg(from));
        m_batchId = retry;
        m_name->setText(batch.name);
    });
}

} // namespace fatora
