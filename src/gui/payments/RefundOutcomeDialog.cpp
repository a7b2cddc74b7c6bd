#include "payments/RefundOutcomeDialog.h"
#include "ui_RefundOutcomeDialog.h"

#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/DeskContext.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

using namespace Qt::StringLiterals;

namespace fatora {

RefundOutcomeDialog::RefundOutcomeDialog(DeskContext &context, qint64 paymentId, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RefundOutcomeDialog>()), m_context(context),
      m_paymentId(paymentId)
{
    m_ui->setupUi(this);
    m_ui->question->setTextFormat(Qt::RichText);
    m_ui->confirmQuestion->setTextFormat(Qt::RichText);
    UiSupport::prepareErrorLabel(m_ui->errorLabel);

    UiSupport::readSubject<UiSupport::PaymentSubject>(
        *context.reader, this,
        [paymentId](Store &store) { return UiSupport::readPaymentSubject(store, paymentId); },
        tr("Reading the payment…"), m_ui->question, m_ui->errorLabel, m_ui->reviewButton, m_reading,
        [this](const UiSupport::PaymentSubject &subject) { showSubject(subject); });

    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->reviewButton, &QPushButton::clicked, this, &RefundOutcomeDialog::review);
    connect(m_ui->backButton, &QPushButton::clicked, this,
            [this] { m_ui->pages->setCurrentWidget(m_ui->formPage); });
    connect(m_ui->recordButton, &QPushButton::clicked, this, &RefundOutcomeDialog::record);
    m_ui->pages->setCurrentWidget(m_ui->formPage);
}

RefundOutcomeDialog::~RefundOutcomeDialog() = default;

void RefundOutcomeDialog::showSubject(const UiSupport::PaymentSubject &subject)
{
    m_payment = subject.payment;
    const QString what = m_payment.refundState == RefundState::Pending
                             ? tr("A refund of order %1 was started but its answer was never recorded.")
                             : tr("Fatora's answer to the refund of order %1 did not arrive or could not be "
                                  "trusted.");
    m_ui->question->setText(
        what.arg(u"<b>"_s + Display::isolate(m_payment.orderId).toHtmlEscaped() + u"</b>"_s) + u"<br>"_s +
        tr("%1 charged to %2, transaction %3. Find the order in Fatora's dashboard and record what it "
           "shows; nothing is sent to Fatora.")
            .arg(Display::amount(m_payment.amount).toHtmlEscaped(),
                 Display::isolateAuto(subject.customerName).toHtmlEscaped(),
                 Display::isolate(m_payment.transactionId).toHtmlEscaped()));

    m_ui->reviewButton->setEnabled(true);
}

void RefundOutcomeDialog::showError(const QString &message)
{
    UiSupport::showMessage(m_ui->errorLabel, message);
}

void RefundOutcomeDialog::review()
{
    if (m_reading || m_payment.id == 0)
        return;
    if (!m_ui->refundedRadio->isChecked() && !m_ui->notRefundedRadio->isChecked()) {
        showError(tr("Outcome: choose what Fatora's dashboard shows."));
        return;
    }
    const QString reason = m_ui->reasonEdit->text().trimmed();
    if (reason.isEmpty()) {
        showError(tr("Reason: say what Fatora's dashboard shows; it is kept in the audit log."));
        m_ui->reasonEdit->setFocus();
        return;
    }
    showError(QString());
    const QString order = u"<b>"_s + Display::isolate(m_payment.orderId).toHtmlEscaped() + u"</b>"_s;
    if (m_ui->refundedRadio->isChecked()) {
        m_ui->confirmQuestion->setText(tr("Record that order %1 <b>was refunded</b>?").arg(order));
        m_ui->confirmDetails->setText(
            tr("The history then shows the payment as refunded, and the desk never refunds it again.\n"
               "Reason: %1")
                .arg(reason));
    } else {
        m_ui->confirmQuestion->setText(tr("Record that order %1 was <b>not refunded</b>?").arg(order));
        m_ui->confirmDetails->setText(
            tr("The history then shows the refund as refused, and “Refund…” becomes available again: if "
               "Fatora did refund it, a second refund pays the money back twice.\nReason: %1")
                .arg(reason));
    }
    m_ui->pages->setCurrentWidget(m_ui->confirmPage);
    m_ui->backButton->setFocus(); // a stray Enter must not be the one that records
}

void RefundOutcomeDialog::record()
{
    if (m_reading || m_payment.id == 0)
        return;
    const bool refunded = m_ui->refundedRadio->isChecked();
    auto done = m_context.payments->resolveRefund(m_paymentId, refunded, m_ui->reasonEdit->text().trimmed());
    if (!done.ok()) {
        m_ui->pages->setCurrentWidget(m_ui->formPage);
        showError(done.error().message);
        return;
    }
    emit recorded(m_paymentId, refunded);
    accept();
}

} // namespace fatora
