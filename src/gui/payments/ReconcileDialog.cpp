#include "payments/ReconcileDialog.h"
#include "ui_ReconcileDialog.h"

#include "common/Display.h"
#include "desk/DeskContext.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

#include <QTimer>

#include <utility>

namespace fatora {

ReconcileDialog::ReconcileDialog(DeskContext &context, const QList<qint64> &paymentIds, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ReconcileDialog>()), m_context(context)
{
    m_ui->setupUi(this);
    if (paymentIds.isEmpty())
        setWindowTitle(tr("Reconcile pending payments"));
    m_ui->progress->setVisible(false);
    m_ui->stopButton->setEnabled(false);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &ReconcileDialog::stop);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(context.payments, &PaymentService::verifyFinished, this, &ReconcileDialog::finishedOne);
    // The payment as the verify saved it comes just before verifyFinished: logged from it at once.
    connect(context.payments, &PaymentService::paymentChanged, this, [this](const Payment &p) {
        if (p.id == m_current)
            m_carried = p;
    });

    // The payments to verify and their order ids are read on the desk's reader (issue 13); the
    // verifying starts once they are in and the window is shown.
    ++m_reads;
    context.reader->read<Queue>(
        this,
        [paymentIds](Store &store) -> Result<Queue> {
            Queue queue;
            if (paymentIds.isEmpty()) {
                auto unknown = store.paymentsInState(PaymentState::Unknown);
                if (!unknown.ok())
                    return unknown.error();
                for (const Payment &p : unknown.value()) {
                    queue.ids << p.id;
                    queue.orders.insert(p.id, p.orderId);
                }
                return queue;
            }
            queue.ids = paymentIds;
            for (qint64 id : paymentIds) {
                if (auto p = store.payment(id); p.ok()) // one that cannot be read is named by its id
                    queue.orders.insert(id, p->orderId);
            }
            return queue;
        },
        [this](Result<Queue> queue) {
            --m_reads;
            if (!queue.ok())
                log(queue.error().toString());
            else
                setQueue(queue.value());
            m_ready = true;
            if (isVisible() && !std::exchange(m_started, true))
                QTimer::singleShot(0, this, &ReconcileDialog::next);
        });
}

ReconcileDialog::~ReconcileDialog() = default;

void ReconcileDialog::setQueue(const Queue &queue)
{
    m_queue = queue.ids;
    m_orders = queue.orders;
    m_total = int(m_queue.size());
    m_ui->progress->setRange(0, qMax(m_total, 1));
    m_ui->progress->setValue(0);
    // "0 of 1" would promise a payment to verify where there is none.
    m_ui->progress->setVisible(m_total > 0);
    m_ui->summary->setText(m_total == 0
                               ? tr("No payment has an unknown outcome: nothing to verify.")
                               : tr("Payments with an unknown outcome: %n. Fatora is asked about each "
                                    "one; nothing is charged again.",
                                    nullptr, m_total));
    m_ui->stopButton->setEnabled(m_total > 0 && !m_stopRequested);
}

QString ReconcileDialog::orderOf(qint64 paymentId) const
{
    return m_orders.contains(paymentId) ? Display::isolate(m_orders.value(paymentId)) : QString::number(paymentId);
}

void ReconcileDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (m_ready && !std::exchange(m_started, true))
        QTimer::singleShot(0, this, &ReconcileDialog::next);
}

void ReconcileDialog::log(const QString &line)
{
    m_ui->log->addItem(line);
    m_ui->log->scrollToBottom();
}

void ReconcileDialog::stop()
{
    m_stopRequested = true;
    m_ui->stopButton->setEnabled(false);
    if (!m_running)
        return;
    log(tr("Stopping after the payment being verified now."));
}

void ReconcileDialog::next()
{
    m_running = false;
    m_current = 0;
    while (!m_queue.isEmpty() && !m_stopRequested) {
        const qint64 id = m_queue.takeFirst();
        m_carried.reset();
        auto started = m_context.payments->verify(id);
        if (started.ok()) {
            m_current = id;
            m_running = true;
            return;
        }
        log(tr("%1: not verified: %2").arg(orderOf(id), started.error().message));
        ++m_skipped;
        m_ui->progress->setValue(++m_done);
    }
    m_ui->stopButton->setEnabled(false);
    if (m_total > 0) {
        // Counts of what the payments are now, not of how many were asked: "1 of 1 verified" read as
        // "all settled" while one stayed unknown.
        QString line = m_stopRequested ? tr("Stopped. Settled: %1 of %2. Still unknown: %3.")
                                       : tr("Done. Settled: %1 of %2. Still unknown: %3.");
        line = line.arg(m_settled).arg(m_total).arg(m_stillUnknown);
        if (m_skipped > 0)
            line += u' ' + tr("Not verified: %1.").arg(m_skipped);
        if (m_stopRequested && m_total - m_done > 0)
            line += u' ' + tr("Not asked yet: %1.").arg(m_total - m_done);
        log(line);
    }
    emit allDone();
}

void ReconcileDialog::finishedOne(qint64 paymentId, PaymentState state)
{
    if (paymentId != m_current)
        return;
    m_current = 0;
    // What Fatora's answer left in the payment (its transaction, why it stays unknown): as carried by
    // the service's signal, else read on the reader; the next payment is asked about once it is logged.
    if (m_carried && m_carried->id == paymentId) {
        logAnswer(paymentId, state, *std::exchange(m_carried, std::nullopt));
        m_ui->progress->setValue(++m_done);
        next();
        return;
    }
    ++m_reads;
    m_context.reader->read<Payment>(
        this, [paymentId](Store &store) { return store.payment(paymentId); },
        [this, paymentId, state](Result<Payment> loaded) {
            --m_reads;
            logAnswer(paymentId, state, loaded);
            m_ui->progress->setValue(++m_done);
            next();
        });
}

void ReconcileDialog::logAnswer(qint64 paymentId, PaymentState state, const Result<Payment> &loaded)
{
    const QString order = orderOf(paymentId);
    QString line;
    switch (state) {
    case PaymentState::Approved:
        line = tr("%1: approved (transaction %2). Do not charge it again.")
                   .arg(order, loaded.ok() ? Display::isolate(loaded->transactionId) : QString());
        break;
    case PaymentState::Declined:
        line = tr("%1: declined; no money moved.").arg(order);
        break;
    case PaymentState::Rejected:
    case PaymentState::NotSent:
        line = tr("%1: Fatora has no such charge; no money moved.").arg(order);
        break;
    case PaymentState::Unknown:
    case PaymentState::Pending:
        ++m_stillUnknown;
        line = tr("%1: still unknown: %2")
                   .arg(order, loaded.ok() ? (loaded->note.isEmpty() ? loaded->errorText : loaded->note)
                                           : QString());
        break;
    }
    if (state != PaymentState::Unknown && state != PaymentState::Pending)
        ++m_settled;
    log(line);
}

} // namespace fatora
