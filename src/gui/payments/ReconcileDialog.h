#pragma once

#include "domain/Payment.h"
#include "domain/Result.h"

#include <QDialog>
#include <QHash>
#include <QList>

#include <memory>
#include <optional>

namespace Ui {
class ReconcileDialog;
}

namespace fatora {

struct DeskContext;

// Verifies payments whose outcome is unknown, one after the other, with progress and a line per
// payment. Used for one payment (Verify) and for all of them (Tools → Reconcile pending payments).
class ReconcileDialog : public QDialog
{
    Q_OBJECT
public:
    // Empty paymentIds: every payment whose outcome is unknown.
    ReconcileDialog(DeskContext &context, const QList<qint64> &paymentIds, QWidget *parent = nullptr);
    ~ReconcileDialog() override;

    bool isRunning() const { return m_running; }
    int doneCount() const { return m_done; }
    qint64 currentPaymentId() const { return m_current; } // 0 when no verify of it is in flight
    // What to verify, and each answer's details, are read on the desk's reader.
    bool isReading() const { return m_reads > 0; }

signals:
    void allDone();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Queue
    {
        QList<qint64> ids;
        QHash<qint64, QString> orders; // order id by payment id
    };
    void setQueue(const Queue &queue);
    QString orderOf(qint64 paymentId) const;
    void next();
    void finishedOne(qint64 paymentId, PaymentState state);
    void logAnswer(qint64 paymentId, PaymentState state, const Result<Payment> &loaded);
    void stop();
    void log(const QString &line);

    std::unique_ptr<Ui::ReconcileDialog> m_ui;
    DeskContext &m_context;
    QList<qint64> m_queue;
    QHash<qint64, QString> m_orders;
    std::optional<Payment> m_carried; // the payment being verified, as its verify saved it
    int m_total = 0;
    int m_done = 0;
    int m_settled = 0;      // Fatora's answer closed it (approved, declined, no such charge)
    int m_stillUnknown = 0; // asked, and the outcome stays unknown
    int m_skipped = 0;      // not asked: the service refused to verify it (see its log line)
    qint64 m_current = 0;
    bool m_started = false;
    bool m_ready = false; // the queue was read
    int m_reads = 0;
    bool m_running = false;
    bool m_stopRequested = false;
};

} // namespace fatora
