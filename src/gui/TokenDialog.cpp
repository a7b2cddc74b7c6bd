#include "TokenDialog.h"
#include "ui_TokenDialog.h"

#include "CardToken.h"
#include "Clock.h"
#include "DeskContext.h"
#include "Display.h"
#include "PaymentService.h"
#include "Store.h"
#include "UiSupport.h"

using namespace Qt::StringLiterals;

namespace fatora {

TokenDialog::TokenDialog(DeskContext &context, qint64 customerId, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::TokenDialog>()), m_context(context), m_customerId(customerId)
{
    m_ui->setupUi(this);
    UiSupport::prepareErrorLabel(m_ui->errorLabel);
    QString name;
    if (auto customer = context.store->customer(customerId); customer.ok())
        name = customer->name;
    m_ui->intro->setText(
        tr("Save a card for %1. Paste the card token exactly as Fatora gave it after the customer paid "
           "online and agreed to keep the card on file.")
            .arg(Display::isolateAuto(name)));
    const QDate today = context.clock->today();
    m_ui->issuedEdit->setDate(today);
    m_ui->expiryEdit->setDate(CardToken::defaultExpiry(today));
    for (const QString &currency :
         {u"QAR"_s, u"SAR"_s, u"AED"_s, u"KWD"_s, u"BHD"_s, u"OMR"_s, u"USD"_s, u"EUR"_s})
        m_ui->currencyCombo->addItem(currency);
    m_ui->currencyCombo->setCurrentText(context.appSettings.currency);

    connect(m_ui->tokenEdit, &QLineEdit::textChanged, this, &TokenDialog::updatePreview);
    connect(m_ui->issuedEdit, &QDateEdit::dateChanged, this, [this](const QDate &issued) {
        if (!m_expiryTouched) {
            const QSignalBlocker blocker(m_ui->expiryEdit);
            m_ui->expiryEdit->setDate(CardToken::defaultExpiry(issued));
        }
    });
    connect(m_ui->expiryEdit, &QDateEdit::dateChanged, this, [this] { m_expiryTouched = true; });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &TokenDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updatePreview();
}

TokenDialog::~TokenDialog() = default;

void TokenDialog::updatePreview()
{
    const QString token = m_ui->tokenEdit->text();
    m_ui->tokenPreview->setText(
        token.isEmpty() ? QString()
                        : tr("Shown in lists as %1").arg(Display::mask(CardToken::maskToken(token))));
}

void TokenDialog::showError(const QString &message)
{
    UiSupport::showMessage(m_ui->errorLabel, message);
}

void TokenDialog::accept()
{
    const QString text = m_ui->tokenEdit->text(); // deliberately not trimmed
    if (text.isEmpty()) {
        showError(tr("Token: paste the card token."));
        return;
    }
    if (auto valid = CardToken::validateTokenText(text); !valid.ok()) {
        showError(tr("Token: %1").arg(valid.error().message));
        m_ui->tokenEdit->setFocus();
        return;
    }
    auto existing = m_context.store->tokenByText(text);
    if (!existing.ok()) {
        showError(existing.error().toString());
        return;
    }
    if (existing.value()) {
        showError(tr("Token: this card token is already saved (%1).")
                      .arg(Display::mask(existing.value()->masked())));
        return;
    }
    CardToken token;
    token.customerId = m_customerId;
    token.token = text;
    token.label = m_ui->labelEdit->text().trimmed();
    token.issuedOn = m_ui->issuedEdit->date();
    token.expiresOn = m_ui->expiryEdit->date();
    token.currency = m_ui->currencyCombo->currentText().trimmed().toUpper();
    if (token.expiresOn <= token.issuedOn) {
        showError(tr("Expires: the expiry date must be after the issue date."));
        return;
    }
    if (token.expiresOn > CardToken::defaultExpiry(token.issuedOn)) {
        showError(tr("Expires: Fatora tokens stop working six months after issue at the latest."));
        return;
    }
    if (!Money::isKnownCurrency(token.currency)) {
        showError(tr("Currency: “%1” is not a known currency code.").arg(token.currency));
        return;
    }
    const QString amountText = m_ui->firstAmountEdit->text();
    if (!amountText.trimmed().isEmpty()) {
        auto amount = Money::parse(amountText, token.currency, u"first_amount"_s);
        if (!amount.ok()) {
            showError(tr("First payment: %1").arg(amount.error().message));
            return;
        }
        token.firstAmount = amount.value();
    }
    token.status = TokenStatus::Active;
    token.createdAt = m_context.clock->now();
    token.statusChangedAt = token.createdAt;

    Store::Transaction tx(*m_context.store);
    auto added = m_context.store->addToken(token);
    if (!added.ok()) {
        showError(added.error().toString());
        return;
    }
    AuditEntry audit;
    audit.at = m_context.clock->now();
    audit.operatorName = m_context.payments ? m_context.payments->operatorName() : QString();
    audit.action = u"token.added"_s;
    audit.objectType = u"token"_s;
    audit.objectId = added.value();
    audit.detail = token.label + u' ' + token.masked();
    if (auto written = m_context.store->appendAudit(audit); !written.ok()) {
        showError(written.error().toString());
        return;
    }
    if (auto committed = tx.commit(); !committed.ok()) {
        showError(committed.error().toString());
        return;
    }
    m_tokenId = added.value();
    emit saved(m_tokenId);
    QDialog::accept();
}

} // namespace fatora
