#include "customers/TokenDialog.h"
#include "ui_TokenDialog.h"

#include "common/Display.h"
#include "common/UiSupport.h"
#include "customers/CustomerService.h"
#include "desk/DeskContext.h"
#include "domain/CardToken.h"
#include "domain/Clock.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

using namespace Qt::StringLiterals;

namespace fatora {

TokenDialog::TokenDialog(DeskContext &context, const Customer &customer, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::TokenDialog>()), m_context(context), m_customerId(customer.id)
{
    m_ui->setupUi(this);
    UiSupport::prepareErrorLabel(m_ui->errorLabel);
    const QString name = customer.name;
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

void TokenDialog::showProblem(const Error &error)
{
    UiSupport::showFieldProblem(m_ui->errorLabel, error,
                                {
                                    {"token", m_ui->tokenEdit, tr("Token")},
                                    {"label", m_ui->labelEdit, tr("Label")},
                                    {"issued", m_ui->issuedEdit, tr("Issued")},
                                    {"expires", m_ui->expiryEdit, tr("Expires")},
                                    {"currency", m_ui->currencyCombo, tr("Currency")},
                                    {"first_amount", m_ui->firstAmountEdit, tr("First payment")},
                                });
}

void TokenDialog::accept()
{
    CardToken token;
    token.customerId = m_customerId;
    token.token = m_ui->tokenEdit->text(); // deliberately not trimmed: kept byte for byte
    token.label = m_ui->labelEdit->text();
    token.issuedOn = m_ui->issuedEdit->date();
    token.expiresOn = m_ui->expiryEdit->date();
    token.currency = m_ui->currencyCombo->currentText().trimmed().toUpper();
    const QString amountText = m_ui->firstAmountEdit->text();
    if (!amountText.trimmed().isEmpty() && Money::isKnownCurrency(token.currency)) {
        auto amount = Money::parse(amountText, token.currency, u"first_amount"_s);
        if (!amount.ok()) {
            showProblem(amount.error());
            return;
        }
        token.firstAmount = amount.value();
    }
    const ChangeOrigin origin(m_context.payments ? m_context.payments->operatorName() : QString(),
                              ChangeOrigin::Way::Desk);
    auto added = m_context.customers->addToken(token, origin);
    if (!added.ok()) {
        showProblem(added.error());
        return;
    }
    m_tokenId = added.value();
    emit saved(m_tokenId);
    QDialog::accept();
}

} // namespace fatora
