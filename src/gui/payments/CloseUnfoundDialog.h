#pragma once

#include "common/UiSupport.h"
#include "domain/Payment.h"

#include <QDialog>

#include <memory>

namespace Ui {
class CloseUnfoundDialog;
}

namespace fatora {

struct DeskContext;

// Closes a charge whose outcome is unknown as "not charged", with a reason for the audit log, so
// that its card can be charged again. PaymentService decides whether that is allowed yet (a verify a
// day or more after the attempt must still find no such order); its refusal is shown as it says it.
class CloseUnfoundDialog : public QDialog
{
    Q_OBJECT
public:
    CloseUnfoundDialog(DeskContext &context, qint64 paymentId, QWidget *parent = nullptr);
    ~CloseUnfoundDialog() override;

    qint64 paymentId() const { return m_paymentId; }
    // The payment is read on the desk's reader; nothing can be done before it is shown.
    bool isReading() const { return m_reading; }

signals:
    void closedUnfound(qint64 paymentId);

private:
    void showSubject(const UiSupport::PaymentSubject &subject);
    void closeUnfound();
    void showError(const QString &message);

    std::unique_ptr<Ui::CloseUnfoundDialog> m_ui;
    DeskContext &m_context;
    const qint64 m_paymentId;
    Payment m_payment;
    bool m_reading = false;
};

} // namespace fatora
