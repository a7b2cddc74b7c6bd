#include "payments/RefundDialog.h"
#include "ui_RefundDialog.h"

#include "common/ConfirmGuard.h"
#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/DeskContext.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

namespace fatora {

RefundDialog::RefundDialog(DeskContext &context, qint64 paymentId, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RefundDialog>()), m_context(context), m_paymentId(paymentId)
{
    m_ui->setupUi(this);
    // A confirm button accepts no click in its first moment on screen (see ConfirmGuard).
    ConfirmGuard::arm(m_ui->actionButton);
    ConfirmGuard::arm(m_ui->closeButton);
    m_ui->question->setTextFormat(Qt::RichText);
    UiSupport::prepareErrorLabel(m_ui->confirmError);

    const auto subject =
        UiSupport::loadPayment(*context.store, paymentId, m_ui->confirmError, m_ui->actionButton);
    m_payment = subject.payment;
    m_ui->question->setText(tr("Refund <b>%1</b> of order %2 (transaction %3) to %4?")
                                .arg(Display::amount(m_payment.amount).toHtmlEscaped(),
                                     Display::isolate(m_payment.orderId).toHtmlEscaped(),
                                     Display::isolate(m_payment.transactionId).toHtmlEscaped(),
                                     Display::isolateAuto(subject.customerName).toHtmlEscaped()));

    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->actionButton, &QPushButton::clicked, this, &RefundDialog::start);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(context.payments, &PaymentService::refundFinished, this, [this](qint64 id, RefundState state) {
        if (id == m_paymentId && m_requested)
            finished(state);
    });
}

RefundDialog::~RefundDialog() = default;

void RefundDialog::start()
{
    if (m_requested)
        return;
    auto started = m_context.payments->refund(m_paymentId, m_ui->reasonEdit->text().trimmed());
    if (!started.ok()) {
        UiSupport::showMessage(m_ui->confirmError, started.error().message);
        return;
    }
    m_requested = true;
    m_ui->actionButton->setEnabled(false);
    m_ui->pages->setCurrentWidget(m_ui->resultPage);
    m_ui->resultTitle->setText(tr("Refunding…"));
    m_ui->busyBar->show();
    m_ui->resultDetails->setText(tr("The result is recorded in the history even if you close this window."));
}

void RefundDialog::finished(RefundState state)
{
    m_ui->busyBar->hide();
    Payment p = m_payment;
    if (auto loaded = m_context.store->payment(m_paymentId); loaded.ok())
        p = loaded.value();
    p.refundState = state;
    m_ui->resultTitle->setStyleSheet(
        Display::badgeStyleSheet(state == RefundState::Refunded   ? Display::paymentColor(p)
                                 : state == RefundState::Rejected ? Display::errorColor()
                                                                  : Display::warningColor()));
    switch (state) {
    case RefundState::Refunded:
        m_ui->resultTitle->setText(tr("Refunded"));
        m_ui->resultDetails->setText(
            tr("Fatora accepted the refund (%1). The history shows the payment as refunded.")
                .arg(p.refundStatus));
        break;
    case RefundState::Pending:
        m_ui->resultTitle->setText(tr("Refund pending"));
        m_ui->resultDetails->setText(
            tr("The refund's answer is not recorded yet. Check Fatora's dashboard and use “Record refund "
               "outcome…” before refunding again."));
        break;
    case RefundState::Rejected:
        m_ui->resultTitle->setText(tr("Refund refused"));
        m_ui->resultDetails->setText(tr("Fatora refused the refund: %1. No money moved.").arg(p.errorText));
        break;
    case RefundState::Unknown:
    case RefundState::None:
        m_ui->resultTitle->setText(tr("Refund outcome unknown"));
        m_ui->resultDetails->setText(
            tr("Fatora's answer did not arrive: %1. The money may have gone back: check Fatora's "
               "dashboard and use “Record refund outcome…” before refunding again.")
                .arg(p.errorText));
        break;
    }
}

} // namespace fatora
