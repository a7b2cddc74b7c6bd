#include "payments/RefundDialog.h"
#include "ui_RefundDialog.h"

#include "common/ConfirmGuard.h"
#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/DeskContext.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

using namespace Qt::StringLiterals;

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

    UiSupport::readSubject<Subject>(
        *context.reader, this,
        [paymentId](Store &store) -> Result<Subject> {
            auto subject = UiSupport::readPaymentSubject(store, paymentId);
            if (!subject.ok())
                return subject.error();
            // Above the shared database's limit the refund is asked for instead (its own rule).
            auto needs = store.refundNeedsApproval(paymentId);
            if (!needs.ok())
                return needs.error();
            Subject read{subject.value(), needs.value(), std::nullopt};
            if (read.needsApproval) {
                if (auto limit = store.refundApprovalLimit(); limit.ok())
                    read.limit = limit.value();
            }
            return read;
        },
        tr("Reading the payment…"), m_ui->question, m_ui->confirmError, m_ui->actionButton, m_reading,
        [this](const Subject &read) { showSubject(read); });

    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->actionButton, &QPushButton::clicked, this, &RefundDialog::start);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(context.payments, &PaymentService::paymentChanged, this, [this](const Payment &p) {
        if (p.id == m_paymentId && m_requested)
            m_payment = p;
    });
    connect(context.payments, &PaymentService::refundFinished, this, [this](qint64 id, RefundState state) {
        if (id == m_paymentId && m_requested)
            finished(state);
    });
}

RefundDialog::~RefundDialog() = default;

void RefundDialog::showSubject(const Subject &read)
{
    m_payment = read.subject.payment;
    const QString customerName = read.subject.customerName;
    m_ui->question->setText(tr("Refund <b>%1</b> of order %2 (transaction %3) to %4?")
                                .arg(Display::amount(m_payment.amount).toHtmlEscaped(),
                                     Display::isolate(m_payment.orderId).toHtmlEscaped(),
                                     Display::isolate(m_payment.transactionId).toHtmlEscaped(),
                                     Display::isolateAuto(customerName).toHtmlEscaped()));
    m_ui->actionButton->setEnabled(true);
    if (!read.needsApproval)
        return;
    // Above the shared database's limit the refund is asked for, with a reason, and a second supervisor
    // approves it (Payments → Refund requests): this dialog then sends nothing.
    m_askApproval = true;
    setWindowTitle(tr("Ask for a refund approval"));
    const QString rule = !read.limit ? QString()
                         : read.limit->minorUnits() == 0
                             ? tr("Every refund needs a second supervisor's approval.")
                             : tr("Refunds above %1 need a second supervisor's approval.")
                                   .arg(Display::money(*read.limit).toHtmlEscaped());
    m_ui->question->setText(tr("Ask for a refund of <b>%1</b> of order %2 to %3?")
                                .arg(Display::amount(m_payment.amount).toHtmlEscaped(),
                                     Display::isolate(m_payment.orderId).toHtmlEscaped(),
                                     Display::isolateAuto(customerName).toHtmlEscaped()) +
                            u"<br>"_s + rule);
    m_ui->explanation->setText(tr("Nothing is sent now. Another supervisor approves the request under "
                                  "Payments → Refund requests, which sends the refund, or denies it."));
    m_ui->reasonEdit->setPlaceholderText(tr("Required: the supervisor who approves reads it."));
    m_ui->actionButton->setText(tr("&Ask for approval"));
}

void RefundDialog::start()
{
    if (m_requested || m_reading || m_payment.id == 0)
        return;
    if (m_askApproval) {
        askApproval();
        return;
    }
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

void RefundDialog::askApproval()
{
    auto asked = m_context.payments->askRefundApproval(m_paymentId, m_ui->reasonEdit->text());
    if (!asked.ok()) {
        UiSupport::showFieldProblem(m_ui->confirmError, asked.error(), {{"reason", m_ui->reasonEdit, tr("Reason")}});
        return;
    }
    m_requested = true;
    m_requestId = asked.value();
    m_ui->actionButton->setEnabled(false);
    m_ui->pages->setCurrentWidget(m_ui->resultPage);
    m_ui->busyBar->hide();
    m_ui->resultTitle->setStyleSheet(Display::badgeStyleSheet(Display::warningColor()));
    m_ui->resultTitle->setText(tr("Waiting for approval"));
    m_ui->resultDetails->setText(tr("Refund request %1 is in Payments → Refund requests. Nothing was sent: the "
                                    "refund leaves once another supervisor approves it.")
                                     .arg(Display::isolate(QString::number(m_requestId))));
}

void RefundDialog::finished(RefundState state)
{
    m_ui->busyBar->hide();
    // What the answer said is carried by paymentChanged, just before refundFinished.
    Payment p = m_payment;
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
