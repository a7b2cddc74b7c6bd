#pragma once

#include "batches/Batch.h"
#include "batches/BatchRunner.h"
#include "batches/BatchService.h"
#include "desk/DeskContext.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QDoubleSpinBox;
class QStackedWidget;
class QTableView;

namespace fatora {

class BatchItemModel;

// A billing run at the desk: the dry run of a CSV file (or of the customers selected), a review with
// the count and total per currency, the pace and who starts it, then the run itself — progress with
// counts per outcome and time left, pause, resume, cancel — and the summary. The engine is
// BatchRunner, the same as fatora-cli batch run's; this window only asks it and shows what it says.
// Not modal: the desk stays usable during a run.
class BatchWindow : public QDialog
{
    Q_OBJECT
public:
    enum class Page { Preview, Review, Run };

    explicit BatchWindow(DeskContext &context, QWidget *parent = nullptr);
    ~BatchWindow() override;

    // The dry run of a file (what "Open CSV…" does after its file dialog). Shows the file's problem
    // when it cannot be read (false); otherwise its rows are checked on the desk's reader and shown
    // when done (isReading()).
    bool loadFile(const QString &path);
    // The dry run of "Charge selected…": each customer's only active card, one amount (empty:
    // each card's first payment). Read on the desk's reader.
    bool loadCustomers(const QList<qint64> &customerIds, const QString &amount);
    // An existing batch (to resume or look at), read on the desk's reader.
    bool openBatch(qint64 batchId);
    // A dry run or the batch's items are being read (issue 13): Review and Start wait for them.
    bool isReading() const { return m_reads > 0; }

    Page page() const;
    qint64 batchId() const { return m_batchId; }
    const BatchItemModel *model() const { return m_model; }
    BatchRunner &runner() { return *m_runner; }
    // Whether this window's run is sending (not paused, cancelled or done).
    bool isSending() const;
    // The desk is closing: a sending run is paused (audited) without a question. Returns whether
    // one was paused.
    bool pauseForDeskClose();

protected:
    // Closing (or Escape) while the run sends asks to pause it first; "Keep running" keeps the
    // window open. Calls in flight are recorded by the desk's PaymentService either way.
    void closeEvent(QCloseEvent *event) override;
    void reject() override;

signals:
    void runFinished(qint64 batchId, fatora::BatchState state);

private:
    void buildPreviewPage();
    void buildReviewPage();
    void buildRunPage();
    void showPreview(const QList<BatchItem> &items, const QString &source);
    void review();
    void start();
    void pauseOrResume();
    bool pauseRun();
    bool mayClose();
    void cancelRun();
    void exportResults();
    void retryInsufficientFunds();
    void showProgress(const BatchProgress &progress);
    void showSummary(const BatchSummary &summary, BatchState state);
    // Reads the batch's items again on the reader; `then` runs once they are shown.
    void reloadItems(std::function<void()> then = {});
    void planOnReader(std::function<Result<QList<BatchItem>>(Store &)> plan, const QString &source);
    // A saved batch and its items, read on the reader; `show` gets them if still wanted.
    void readBatch(qint64 batchId, std::function<void(const Batch &, const QList<BatchItem> &)> show);
    void showProblem(const QString &message);
    static QString totalsText(const BatchSummary &summary);

    DeskContext &m_context;
    BatchService m_batches;
    BatchRunner *m_runner = nullptr;
    BatchItemModel *m_model = nullptr;
    qint64 m_batchId = 0;
    int m_reads = 0;          // dry runs and item reads on their way
    int m_readGeneration = 0; // the read whose answer is shown; older answers are dropped
    QString m_source;
    bool m_paused = false;

    QStackedWidget *m_pages = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_previewTotals = nullptr;
    QPushButton *m_reviewButton = nullptr;
    QSpinBox *m_parallel = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QLabel *m_reviewText = nullptr;
    QPushButton *m_startButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_retryButton = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace fatora
