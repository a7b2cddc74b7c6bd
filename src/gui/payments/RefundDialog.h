#pragma once

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

private:
    void start();
    void finished(RefundState state);

    std::unique_ptr<Ui::RefundDialog> m_ui;
    DeskContext &m_context;
    const qint64 m_paymentId;
    Payment m_payment;
    bool m_requested = false;
};

} // namespace fatora
