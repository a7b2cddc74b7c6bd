#include "payments/CloseUnfoundDialog.h"
#include "ui_CloseUnfoundDialog.h"

#include "common/ConfirmGuard.h"
#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/DeskContext.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

using namespace Qt::StringLiterals;

namespace fatora {

CloseUnfoundDialog::CloseUnfoundDialog(DeskContext &context, qint64 paymentId, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CloseUnfoundDialog>()), m_context(context),
      m_paymentId(paymentId)
{
    m_ui->setupUi(this);
    // A confirm button accepts no click in its first moment on screen (see ConfirmGuard).
    ConfirmGuard::arm(m_ui->closeUnfoundButton);
    m_ui->question->setTextFormat(Qt::RichText);
    UiSupport::prepareErrorLabel(m_ui->errorLabel);

    UiSupport::readSubject<UiSupport::PaymentSubject>(
        *context.reader, this,
        [paymentId](Store &store) { return UiSupport::readPaymentSubject(store, paymentId); },
        tr("Reading the payment…"), m_ui->question, m_ui->errorLabel, m_ui->closeUnfoundButton, m_reading,
        [this](const UiSupport::PaymentSubject &subject) { showSubject(subject); });

    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->closeUnfoundButton, &QPushButton::clicked, this, &CloseUnfoundDialog::closeUnfound);
    m_ui->reasonEdit->setFocus();
}

CloseUnfoundDialog::~CloseUnfoundDialog() = default;

void CloseUnfoundDialog::showSubject(const UiSupport::PaymentSubject &subject)
{
    m_payment = subject.payment;
    m_ui->question->setText(tr("Close order %1 (%2 for %3, attempted %4) as <b>not charged</b>?")
                                .arg(Display::isolate(m_payment.orderId).toHtmlEscaped(),
                                     Display::amount(m_payment.amount).toHtmlEscaped(),
                                     Display::isolateAuto(subject.customerName).toHtmlEscaped(),
                                     Display::dateTime(m_payment.createdAt).toHtmlEscaped()));
    m_ui->explanation->setText(
        tr("Do this only when Fatora's dashboard does not show this order either. The payment then counts "
           "as never sent and the card can be charged again. It is allowed once a verify made a day or more "
           "after the attempt still finds no such order at Fatora."));
    m_ui->lastCheck->setText(
        m_payment.lastCheckedAt.isValid()
            ? tr("Last verify: %1, %2.")
                  .arg(Display::dateTime(m_payment.lastCheckedAt), m_payment.gatewayStatus == u"NOT_FOUND"_s
                                                                       ? tr("Fatora did not know the order")
                                                                       : tr("the outcome stayed unknown"))
            : tr("Not verified yet."));

    m_ui->closeUnfoundButton->setEnabled(true);
}

void CloseUnfoundDialog::showError(const QString &message)
{
    UiSupport::showMessage(m_ui->errorLabel, message);
}

void CloseUnfoundDialog::closeUnfound()
{
    if (m_reading || m_payment.id == 0)
        return;
    const QString reason = m_ui->reasonEdit->text().trimmed();
    if (reason.isEmpty()) {
        showError(tr("Reason: say why this charge is closed; it is kept in the audit log."));
        m_ui->reasonEdit->setFocus();
        return;
    }
    // The service is the judge of "a day later, still not found": its refusal says when to try.
    auto done = m_context.payments->closeUnfound(m_paymentId, reason);
    if (!done.ok()) {
        showError(done.error().message);
        return;
    }
    emit closedUnfound(m_paymentId);
    accept();
}

} // namespace fatora
