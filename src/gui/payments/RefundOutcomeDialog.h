#pragma once

#include "common/UiSupport.h"
#include "domain/Payment.h"

#include <QDialog>

#include <memory>

namespace Ui {
class RefundOutcomeDialog;
}

namespace fatora {

struct DeskContext;

// Records, by hand, what Fatora's dashboard shows for a refund whose answer never arrived (pending
// or unknown): refunded or not, with the operator's reason for the audit log. Nothing is sent to
// Fatora. The choice starts unset and a confirmation page states what will be recorded, because a
// wrong "not refunded" lets the desk refund a second time.
class RefundOutcomeDialog : public QDialog
{
    Q_OBJECT
public:
    RefundOutcomeDialog(DeskContext &context, qint64 paymentId, QWidget *parent = nullptr);
    ~RefundOutcomeDialog() override;

    qint64 paymentId() const { return m_paymentId; }
    // The payment is read on the desk's reader; nothing can be done before it is shown.
    bool isReading() const { return m_reading; }

signals:
    void recorded(qint64 paymentId, bool refunded);

private:
    void showSubject(const UiSupport::PaymentSubject &subject);
    void review();
    void record();
    void showError(const QString &message);

    std::unique_ptr<Ui::RefundOutcomeDialog> m_ui;
    DeskContext &m_context;
    const qint64 m_paymentId;
    Payment m_payment;
    bool m_reading = false;
};

} // namespace fatora
