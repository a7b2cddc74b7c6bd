#pragma once

#include "common/UiSupport.h"
#include "domain/Payment.h"

#include <QDialog>

#include <memory>

namespace Ui {
class RefundDialog;
}

namespace fatora {

struct DeskContext;

// Refunds one approved payment after an explicit confirmation, then shows the outcome.
class RefundDialog : public QDialog
{
    Q_OBJECT
public:
    RefundDialog(DeskContext &context, qint64 paymentId, QWidget *parent = nullptr);
    ~RefundDialog() override;

    qint64 paymentId() const { return m_paymentId; }
    // Whether the refund needs a second supervisor's approval: the dialog asks for it instead.
    bool asksForApproval() const { return m_askApproval; }
    qint64 requestId() const { return m_requestId; } // the request it asked for; 0 before

    // The payment is read on the desk's reader; nothing can be started before it is shown.
    bool isReading() const { return m_reading; }

private:
    struct Subject
    {
        UiSupport::PaymentSubject subject;
        bool needsApproval = false;
        std::optional<Money> limit; // the shared database's approval limit, when it needs one
    };
    void showSubject(const Subject &read);
    void start();
    void finished(RefundState state);
    void askApproval();

    std::unique_ptr<Ui::RefundDialog> m_ui;
    DeskContext &m_context;
    const qint64 m_paymentId;
    Payment m_payment;
    bool m_requested = false;
    bool m_askApproval = false;
    bool m_reading = false;
    qint64 m_requestId = 0;
};

} // namespace fatora
