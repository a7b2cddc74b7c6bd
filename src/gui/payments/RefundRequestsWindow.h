#pragma once

#include "domain/Payment.h"
#include "domain/RefundApproval.h"
#include "domain/Result.h"

#include <QHash>
#include <QDialog>

#include <memory>

namespace Ui {
class RefundRequestsWindow;
}

namespace fatora {

struct DeskContext;
class RefundRequestTableModel;

// Payments → Refund requests: the refunds above the shared database's limit waiting for a second
// supervisor (issue 14). A supervisor other than the one who asked approves - which sends the
// refund, once - or denies with a reason; the asker may only withdraw (deny) their own. The queue
// follows the other desks' decisions as they are made; an administrator changes the limit here.
// On a database file one person works with every right and refunds are not reviewed: the window
// says so.
class RefundRequestsWindow : public QDialog
{
    Q_OBJECT
public:
    RefundRequestsWindow(DeskContext &context, QWidget *parent = nullptr);
    ~RefundRequestsWindow() override;

    RefundRequestTableModel *model() const { return m_model; }
    void selectRequest(qint64 id);
    // What the buttons do once confirmed (the tests take these steps without the dialogs).
    Result<void> approveRequest(qint64 id, const QString &note);
    Result<void> denyRequest(qint64 id, const QString &reason);
    Result<void> setLimit(const QString &amountText);
    // The queue, its payments and the limit are read on the desk's reader (issue 13).
    bool isReading() const { return m_reading > 0; }

signals:
    void openPayment(qint64 paymentId);

protected:
    void changeEvent(QEvent *event) override;

private:
    // What one read of the queue brings: the requests, the payment of each open one (for the
    // buttons' verdicts) and the limit.
    struct Queue
    {
        QList<RefundApproval> requests;
        QHash<qint64, Payment> payments; // by payment id
        std::optional<Money> limit;
        QString limitProblem;
    };
    void reload();
    void showQueue(const Queue &queue);
    void showLimit();
    void updateButtons();
    void showOutcome(const QString &text);
    void selectRow(int row);
    void approve();
    void deny();
    void changeLimit();
    void refundFinished(qint64 paymentId, int state);
    std::optional<RefundApproval> selected() const;

    std::unique_ptr<Ui::RefundRequestsWindow> m_ui;
    DeskContext &m_context;
    RefundRequestTableModel *m_model = nullptr;
    // Payments whose refund this window approved, with their order id: their answer is told.
    QHash<qint64, QString> m_sentFromHere;
    QHash<qint64, Payment> m_payments; // of the open requests, as last read
    std::optional<Money> m_limit;      // as last read
    QString m_limitProblem;            // why it could not be read
    int m_reading = 0;
    bool m_readAgain = false;    // a change arrived while a read was on its way
    bool m_showingQueue = false; // the queue read again is being put in place
    bool m_shownOnce = false;    // the queue was shown once (its first request then selected)
    QString m_outcome;           // what was last said of a decision here
};

} // namespace fatora
