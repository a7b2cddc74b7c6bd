#pragma once

#include "domain/RefundApproval.h"
#include "domain/Result.h"

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

signals:
    void openPayment(qint64 paymentId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void showLimit();
    void updateButtons();
    void selectRow(int row);
    void approve();
    void deny();
    void changeLimit();
    void refundFinished(qint64 paymentId, int state);
    std::optional<RefundApproval> selected() const;

    std::unique_ptr<Ui::RefundRequestsWindow> m_ui;
    DeskContext &m_context;
    RefundRequestTableModel *m_model = nullptr;
    QList<qint64> m_sentFromHere; // payments whose refund this window approved: their answer is told
};

} // namespace fatora
