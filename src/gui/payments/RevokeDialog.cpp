#include "payments/RevokeDialog.h"
#include "ui_RevokeDialog.h"

#include "common/ConfirmGuard.h"
#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/DeskContext.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

namespace fatora {

RevokeDialog::RevokeDialog(DeskContext &context, qint64 tokenId, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RevokeDialog>()), m_context(context), m_tokenId(tokenId)
{
    m_ui->setupUi(this);
    // A confirm button accepts no click in its first moment on screen (see ConfirmGuard).
    ConfirmGuard::arm(m_ui->actionButton);
    ConfirmGuard::arm(m_ui->retryButton);
    ConfirmGuard::arm(m_ui->closeButton);
    m_ui->question->setTextFormat(Qt::RichText);
    UiSupport::prepareErrorLabel(m_ui->confirmError);
    m_ui->retryButton->hide();

    UiSupport::readSubject<UiSupport::CardSubject>(
        *context.reader, this, [tokenId](Store &store) { return UiSupport::readCardSubject(store, tokenId); },
        tr("Reading the card…"), m_ui->question, m_ui->confirmError, m_ui->actionButton, m_reading,
        [this](const UiSupport::CardSubject &subject) { showSubject(subject); });

    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->actionButton, &QPushButton::clicked, this, &RevokeDialog::start);
    connect(m_ui->retryButton, &QPushButton::clicked, this, &RevokeDialog::start);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(context.payments, &PaymentService::revokeFinished, this, [this](qint64 id, bool deactivated) {
        if (id == m_tokenId && m_inFlight)
            finished(deactivated);
    });
    m_ui->reasonEdit->setFocus();
}

RevokeDialog::~RevokeDialog() = default;

void RevokeDialog::showSubject(const UiSupport::CardSubject &subject)
{
    m_token = subject.token;
    m_customerName = subject.customerName;
    const QString card = Display::card(m_token.label, m_token.masked());
    m_ui->question->setText(
        tr("Revoke %1's card <b>%2</b>?")
            .arg(Display::isolateAuto(m_customerName).toHtmlEscaped(), card.toHtmlEscaped()));
    if (m_token.status == TokenStatus::RevokePending)
        m_ui->actionButton->setText(tr("&Retry revoke"));
    m_ui->actionButton->setEnabled(true);
}

void RevokeDialog::showError(const QString &message)
{
    UiSupport::showMessage(m_ui->confirmError, message);
}

void RevokeDialog::start()
{
    if (m_inFlight || m_reading || m_token.id == 0)
        return;
    const QString reason = m_ui->reasonEdit->text().trimmed();
    if (reason.isEmpty()) {
        showError(tr("Reason: say why this card is revoked; it is kept in the audit log."));
        m_ui->pages->setCurrentWidget(m_ui->confirmPage);
        m_ui->reasonEdit->setFocus();
        return;
    }
    auto started = m_context.payments->revoke(m_tokenId, reason);
    if (!started.ok()) {
        m_ui->pages->setCurrentWidget(m_ui->confirmPage);
        showError(started.error().message);
        return;
    }
    m_inFlight = true;
    m_ui->pages->setCurrentWidget(m_ui->resultPage);
    m_ui->resultTitle->setStyleSheet(QString());
    m_ui->resultTitle->setText(tr("Revoking…"));
    m_ui->busyBar->show();
    m_ui->retryButton->hide();
    m_ui->resultDetails->setText(
        tr("Fatora is asked to deactivate the card. The card cannot be charged from now "
           "on, whatever the answer."));
}

void RevokeDialog::finished(bool deactivated)
{
    m_inFlight = false;
    m_ui->busyBar->hide();
    if (deactivated) {
        m_ui->resultTitle->setStyleSheet(
            Display::badgeStyleSheet(Display::tokenColor(TokenStatus::Deactivated)));
        m_ui->resultTitle->setText(tr("Deactivated"));
        m_ui->resultDetails->setText(tr("Fatora confirmed: this card can never be charged again."));
        m_ui->retryButton->hide();
    } else {
        m_ui->resultTitle->setStyleSheet(
            Display::badgeStyleSheet(Display::tokenColor(TokenStatus::RevokePending)));
        m_ui->resultTitle->setText(tr("Revoke pending"));
        m_ui->resultDetails->setText(
            tr("Fatora did not confirm the revoke. The card stays revoke pending and "
               "cannot be charged. Retry now or later with “Revoke token…”."));
        m_ui->retryButton->show();
        m_ui->retryButton->setFocus();
    }
}

} // namespace fatora
