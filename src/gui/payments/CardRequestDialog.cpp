#include "payments/CardRequestDialog.h"
#include "ui_CardRequestDialog.h"

#include "common/ConfirmGuard.h"
#include "common/Display.h"
#include "common/QrCodeImage.h"
#include "common/Translations.h"
#include "common/UiSupport.h"
#include "desk/DeskContext.h"
#include "domain/Clock.h"
#include "gateway/GatewayReason.h"
#include "payments/CardRequestMessage.h"
#include "payments/CardRequestService.h"
#include "payments/PaymentRules.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QPixmap>

#include <utility>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {
constexpr int QrModulePixels = 4;

const QStringList &currencies()
{
    static const QStringList list{u"QAR"_s, u"SAR"_s, u"AED"_s, u"KWD"_s,
                                  u"BHD"_s, u"OMR"_s, u"USD"_s, u"EUR"_s};
    return list;
}
} // namespace

CardRequestDialog::CardRequestDialog(DeskContext &context, qint64 customerId, qint64 replacesTokenId,
                                     QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CardRequestDialog>()), m_context(context),
      m_customerId(customerId), m_replacesTokenId(replacesTokenId)
{
    m_ui->setupUi(this);
    m_ui->amountEdit->installEventFilter(this);
    m_ui->noteEdit->installEventFilter(this);
    m_ui->addressEdit->installEventFilter(this);
    QFont big = m_ui->reviewQuestion->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setBold(true);
    m_ui->reviewQuestion->setFont(big);
    m_ui->resultTitle->setFont(big);
    UiSupport::prepareErrorLabel(m_ui->inputError);
    for (QLabel *value : std::initializer_list<QLabel *>{m_ui->customerValue, m_ui->orderValue})
        UiSupport::alignWithLayout(value);
    // A link, an address and an order id read left to right in both languages.
    m_ui->linkEdit->setLayoutDirection(Qt::LeftToRight);
    m_ui->addressEdit->setLayoutDirection(Qt::LeftToRight);
    m_ui->orderValue->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ui->qrLabel->setMinimumSize(160, 160);
    // "Create the link" appears where "Review…" was, and "Close" where "Create the link" was: the
    // second click of a double-click must be neither the one that sends nor the one that hides.
    for (QPushButton *button : {m_ui->confirmButton, m_ui->closeButton, m_ui->checkButton})
        ConfirmGuard::arm(button);

    for (const QString &currency : currencies())
        m_ui->currencyCombo->addItem(currency);
    m_ui->languageCombo->addItem(u"English"_s, u"en"_s);
    m_ui->languageCombo->addItem(u"العربية"_s, u"ar"_s);
    m_ui->languageCombo->setCurrentIndex(qMax(0, m_ui->languageCombo->findData(Translations::current())));
    m_orderId = PaymentService::newOrderId(context.clock->now());
    readInput();

    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->reviewButton, &QPushButton::clicked, this, &CardRequestDialog::review);
    connect(m_ui->backButton, &QPushButton::clicked, this, [this] { setStep(Step::Input); });
    connect(m_ui->confirmButton, &QPushButton::clicked, this, &CardRequestDialog::confirm);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_ui->checkButton, &QPushButton::clicked, this, &CardRequestDialog::check);
    connect(m_ui->checkAddressButton, &QPushButton::clicked, this, &CardRequestDialog::checkAddress);
    connect(m_ui->copyLinkButton, &QPushButton::clicked, this, &CardRequestDialog::copyLink);
    connect(m_ui->copyMessageButton, &QPushButton::clicked, this, &CardRequestDialog::copyMessage);
    connect(m_ui->emailButton, &QPushButton::clicked, this, &CardRequestDialog::email);

    if (CardRequestService *service = context.cardRequests) {
        connect(service, &CardRequestService::created, this, [this](const CardRequestOutcome &outcome) {
            if (m_paymentId && outcome.payment.id == m_paymentId)
                showOutcome(outcome);
        });
        connect(service, &CardRequestService::checked, this, [this](const CardRequestOutcome &outcome) {
            if (m_paymentId && outcome.payment.id == m_paymentId)
                showOutcome(outcome);
        });
        connect(service, &CardRequestService::paymentChanged, this, [this](const Payment &payment) {
            // Another window (or the quiet check) settled it: show what it came to.
            if (m_paymentId && payment.id == m_paymentId && m_step == Step::Result)
                showResult();
        });
    }
    setStep(Step::Input);
}

CardRequestDialog::~CardRequestDialog() = default;

namespace {
struct RequestInput
{
    Customer customer;
    std::optional<CardToken> replaces;
};
} // namespace

void CardRequestDialog::readInput()
{
    m_loaded = false;
    m_ui->reviewButton->setEnabled(false);
    ++m_inputReads;
    m_context.reader->read<RequestInput>(
        this,
        [customerId = m_customerId, replacesTokenId = m_replacesTokenId](Store &store) -> Result<RequestInput> {
            RequestInput input;
            auto customer = store.customer(customerId);
            if (!customer.ok())
                return customer.error();
            input.customer = customer.value();
            if (replacesTokenId) {
                auto token = store.token(replacesTokenId);
                if (!token.ok())
                    return token.error();
                input.replaces = token.value();
            }
            return input;
        },
        [this](Result<RequestInput> input) {
            --m_inputReads;
            if (!input.ok()) {
                setInputError(input.error().toString());
                return;
            }
            m_customer = input->customer;
            m_replaces = input->replaces;
            m_loaded = true;
            m_ui->reviewButton->setEnabled(true);
            fillInput();
        });
}

void CardRequestDialog::fillInput()
{
    if (!m_loaded)
        return;
    QString currency = m_context.appSettings.currency;
    if (m_replaces && !m_replaces->currency.isEmpty())
        currency = m_replaces->currency;
    m_ui->customerValue->setText(m_customer.name);
    m_ui->currencyCombo->setCurrentText(currency);
    if (m_ui->currencyCombo->currentText() != currency) {
        m_ui->currencyCombo->addItem(currency);
        m_ui->currencyCombo->setCurrentText(currency);
    }
    m_ui->orderValue->setText(Display::isolate(m_orderId));
    m_ui->orderValue->setToolTip(tr("Sent with this card request and never with another one."));
    m_ui->noteEdit->setPlaceholderText(tr("optional; shown to Fatora with the payment"));
    const QDate today = m_context.clock->today();
    if (m_replaces) {
        setWindowTitle(tr("Ask for a new card"));
        const QString card = Display::isolateAuto(Display::card(m_replaces->label, m_replaces->masked()));
        const TokenStatus status = m_replaces->effectiveStatus(today);
        QString why;
        if (status == TokenStatus::Expired)
            why = tr("Card %1 has expired.").arg(card);
        else if (status == TokenStatus::Invalid)
            why = tr("Fatora reported card %1 invalid.").arg(card);
        else
            why = tr("Card %1 expires on %2.").arg(card, Display::date(m_replaces->expiresOn));
        m_ui->introLabel->setText(
            why + u' ' +
            tr("Send %1 a Fatora link: paying its first amount saves the card used as a new card. The old "
               "card stays as it is.")
                .arg(Display::isolateAuto(m_customer.name)));
        if (m_replaces->firstAmount)
            m_ui->amountEdit->setPlaceholderText(
                tr("e.g. %1, the old card's first payment").arg(Display::money(*m_replaces->firstAmount)));
    } else {
        setWindowTitle(tr("Save a new card"));
        m_ui->introLabel->setText(
            tr("Send %1 a Fatora link: paying its first amount saves the card used, so that it can be "
               "charged later.")
                .arg(Display::isolateAuto(m_customer.name)));
    }
    if (m_customer.archived) {
        setInputError(tr("Customer %1 is archived: restore the customer first.").arg(m_customer.id));
        m_ui->reviewButton->setEnabled(false);
        return;
    }
    if (!m_context.cardRequests) {
        setInputError(tr("Card requests are not available in this desk."));
        m_ui->reviewButton->setEnabled(false);
        return;
    }
    if (auto allowed = m_context.cardRequests->canCreate(); !allowed.ok()) {
        // Says what to set, in Settings → Card requests; nothing can be sent without it.
        setInputError(allowed.error().message);
        m_ui->reviewButton->setEnabled(false);
    }
}

void CardRequestDialog::setInputError(const QString &message)
{
    UiSupport::showMessage(m_ui->inputError, message);
}

QString CardRequestDialog::pageLanguage() const
{
    return m_ui->languageCombo->currentData().toString() == u"ar"_s ? u"ar"_s : u"en"_s;
}

bool CardRequestDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Enter in a field goes to the review step at most (or checks a pasted address); it never sends.
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if ((watched == m_ui->amountEdit || watched == m_ui->noteEdit) && m_step == Step::Input &&
                m_ui->reviewButton->isEnabled()) {
                review();
                return true;
            }
            if (watched == m_ui->addressEdit && m_step == Step::Result &&
                m_ui->checkAddressButton->isEnabled()) {
                checkAddress();
                return true;
            }
            if (watched == m_ui->amountEdit || watched == m_ui->noteEdit || watched == m_ui->addressEdit)
                return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CardRequestDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        if (m_step == Step::Input || m_step == Step::Review)
            fillInput();
        else
            showResult();
    }
    QDialog::changeEvent(event);
}

void CardRequestDialog::setStep(Step step)
{
    m_step = step;
    switch (step) {
    case Step::Input:
        m_ui->pages->setCurrentWidget(m_ui->inputPage);
        m_ui->amountEdit->setFocus();
        break;
    case Step::Review:
        m_ui->pages->setCurrentWidget(m_ui->reviewPage);
        // Focus on Back: a stray Enter or Space must not be the one that sends.
        m_ui->backButton->setFocus();
        break;
    case Step::InFlight:
    case Step::Result:
        m_ui->pages->setCurrentWidget(m_ui->resultPage);
        m_ui->closeButton->setFocus();
        break;
    }
}

void CardRequestDialog::review()
{
    if (m_requested || !m_loaded || !m_ui->reviewButton->isEnabled())
        return;
    setInputError(QString());
    const QString currency = m_ui->currencyCombo->currentText().trimmed().toUpper();
    const QString text = m_ui->amountEdit->text();
    if (text.trimmed().isEmpty()) {
        setInputError(tr("First payment: enter the amount the customer pays on the link."));
        m_ui->amountEdit->setFocus();
        return;
    }
    auto parsed = Money::parse(text, currency);
    if (!parsed.ok()) {
        setInputError(tr("First payment: %1").arg(parsed.error().message));
        m_ui->amountEdit->setFocus();
        return;
    }
    if (parsed->minorUnits() <= 0) {
        setInputError(tr("First payment: the amount must be above zero."));
        m_ui->amountEdit->setFocus();
        return;
    }
    if (auto allowed = m_context.cardRequests->canCreate(); !allowed.ok()) {
        setInputError(allowed.error().message);
        return;
    }
    m_amount = parsed.value();
    m_language = pageLanguage();
    m_note = m_ui->noteEdit->text().trimmed();

    const QString customer = Display::isolateAuto(m_customer.name);
    m_ui->reviewQuestion->setText(
        tr("Send %1 a link to pay %2 and save the card?").arg(customer, Display::money(m_amount)));
    QStringList details;
    details << (m_language == u"ar"_s ? tr("Fatora's payment page will be in Arabic.")
                                      : tr("Fatora's payment page will be in English."));
    details << tr("Nothing is charged now: only the customer can pay, on the link. Once a check finds the "
                  "payment, the card used is saved to %1.")
                   .arg(customer);
    if (m_replaces)
        details << tr("Card %1 stays as it is: revoke it once the new card is saved, if it should not be "
                      "charged again.")
                       .arg(Display::isolateAuto(Display::card(m_replaces->label, m_replaces->masked())));
    if (!m_note.isEmpty())
        details << tr("Note sent with the payment: %1").arg(Display::isolateAuto(m_note));
    details << tr("Order id: %1. It is saved before the request leaves, so the link is never lost.")
                   .arg(Display::isolate(m_orderId));
    m_ui->reviewDetails->setText(details.join(u'\n'));
    m_ui->confirmButton->setText(tr("Create the link"));
    m_ui->confirmButton->setEnabled(true);
    setStep(Step::Review);
}

void CardRequestDialog::confirm()
{
    // The guard that makes a double click (or a click after a slow answer) harmless.
    if (m_requested || m_step != Step::Review)
        return;
    m_requested = true;
    m_ui->confirmButton->setEnabled(false);
    m_ui->backButton->setEnabled(false);

    CardRequestDraft draft;
    draft.customerId = m_customerId;
    draft.amount = m_amount;
    draft.language = m_language;
    draft.note = m_note;
    draft.orderId = m_orderId;
    auto created = m_context.cardRequests->create(draft);
    if (!created.ok()) {
        showRefused(created.error().message);
        return;
    }
    m_paymentId = created.value();
    emit cardRequested(m_paymentId);
    showInFlight(tr("Asking Fatora for the link…"));
    if (!m_context.cardRequests->isBusy(m_paymentId)) // answered already (it never is today)
        showResult();
}

void CardRequestDialog::showPayment(qint64 paymentId)
{
    // Its order id and customer come with the read (showRequest).
    m_paymentId = paymentId;
    m_requested = true;
    showResult();
}

void CardRequestDialog::showRefused(const QString &message)
{
    showFailure(tr("No card request made"), tr("%1\nNothing was sent to Fatora.").arg(message));
}

void CardRequestDialog::showFailure(const QString &title, const QString &details)
{
    setStep(Step::Result);
    m_ui->busyBar->hide();
    m_ui->linkPanel->hide();
    m_ui->checkBox->hide();
    m_ui->resultTitle->setStyleSheet(Display::badgeStyleSheet(Display::errorColor()));
    m_ui->resultTitle->setText(title);
    m_ui->resultDetails->setText(details);
}

void CardRequestDialog::showInFlight(const QString &title)
{
    setStep(Step::InFlight);
    m_ui->resultTitle->setStyleSheet(QString());
    m_ui->resultTitle->setText(title);
    m_ui->busyBar->show();
    m_ui->linkPanel->hide();
    m_ui->checkBox->hide();
    m_ui->resultDetails->setText(
        tr("Order %1 is with Fatora. You may close this window: the link is kept with "
           "the card request in the history either way.")
            .arg(Display::isolate(m_orderId)));
}

void CardRequestDialog::showOutcome(const CardRequestOutcome &outcome)
{
    m_lastMessage = outcome.message;
    m_outcomeToSay = outcome.message; // said once the request is read again (showResult)
    showResult();
}

void CardRequestDialog::showResult()
{
    if (!m_paymentId)
        return;
    m_resultRead.ask(
        *m_context.reader, this, [paymentId = m_paymentId](Store &store) { return store.payment(paymentId); },
        [this](Result<Payment> loaded) {
            if (!loaded.ok() || !loaded->isCardRequest()) {
                showFailure(tr("Could not read the card request"),
                            loaded.ok() ? tr("Payment %1 is not a card request.").arg(m_paymentId)
                                        : loaded.error().toString());
                return;
            }
            showRequest(loaded.value());
            if (const QString said = std::exchange(m_outcomeToSay, QString()); !said.isEmpty() && m_step == Step::Result)
                m_ui->checkResult->setText(said);
        });
}

void CardRequestDialog::showRequest(const Payment &p)
{
    m_shown = p;
    m_orderId = p.orderId;
    if (p.customerId != m_customerId) { // opened from the history for another customer's request
        m_customerId = p.customerId;
        m_replacesTokenId = 0;
        readInput();
    }
    const bool busy = m_context.cardRequests->isBusy(p.id);
    if (p.state == PaymentState::Pending && p.checkoutUrl.isEmpty() && busy) {
        showInFlight(tr("Asking Fatora for the link…"));
        return;
    }
    setStep(Step::Result);
    const QString order = Display::isolate(p.orderId);
    const QString customer = Display::isolateAuto(m_customer.name);
    QString title;
    QColor colour;
    QStringList lines;
    switch (p.state) {
    case PaymentState::Pending:
        if (p.checkoutUrl.isEmpty()) {
            title = tr("No link yet");
            colour = Display::warningColor();
            lines << tr(
                "The checkout call of this card request was interrupted, or is still running at another "
                "desk. Check it after a while: a request without a link is closed then.");
        } else {
            title = tr("Link ready: waiting for the customer to pay");
            colour = Display::warningColor();
            lines
                << tr("Send the link to %1: copy it, let them scan the QR code, or send the message. Once a "
                      "check finds the payment the card is saved (the desk also checks every few minutes).")
                       .arg(customer);
        }
        break;
    case PaymentState::Approved:
        title = p.savedTokenId ? tr("Card saved") : tr("Paid; no card saved");
        colour = p.savedTokenId ? Display::successColor() : Display::warningColor();
        lines << tr("%1 paid %2.").arg(customer, Display::amount(p.amount));
        if (!p.transactionId.isEmpty())
            lines << tr("Transaction id: %1").arg(Display::isolate(p.transactionId));
        break;
    case PaymentState::Declined:
        title = tr("Payment failed");
        colour = Display::errorColor();
        lines << tr("The customer's payment failed, so no card was saved. Send a new card request if they "
                    "want to try again.");
        break;
    case PaymentState::Rejected:
    case PaymentState::NotSent:
        title = tr("No link");
        colour = Display::errorColor();
        lines << (p.state == PaymentState::NotSent ? GatewayReason::explain(p)
                                                   : tr("Fatora refused the checkout: %1").arg(p.errorText));
        lines << tr("Nothing was charged. Send a new card request.");
        break;
    case PaymentState::Unknown:
        if (PaymentRules::mayCloseUnfound(p, busy).allowed) {
            title = tr("Link expired");
            lines << tr("The customer did not pay on the link in time. Close the card request with a reason "
                        "(history: “Close as not charged…”), or check again if the customer says they paid.");
        } else {
            title = tr("Outcome unknown");
            lines << tr("Check the card request: the customer may have paid.");
        }
        colour = Display::warningColor();
        break;
    }
    // The stored note says what the last answer was; while the link waits, the title says it already.
    // (The last outcome's own words are under "Did the customer pay?".)
    const bool waiting = p.state == PaymentState::Pending && !p.checkoutUrl.isEmpty();
    if (!p.note.isEmpty() && !waiting)
        lines << p.note;
    lines << tr("Order id: %1").arg(order);
    m_ui->resultTitle->setStyleSheet(Display::badgeStyleSheet(colour));
    m_ui->resultTitle->setText(title);
    m_ui->resultDetails->setText(lines.join(u'\n'));
    m_ui->busyBar->setVisible(busy);
    showLink(p);
    updateCheckButtons(p);
    UiSupport::growToFit(this);
}

void CardRequestDialog::showLink(const Payment &p)
{
    // Only a link the customer may still pay on is handed out.
    const bool open = p.state == PaymentState::Pending && !p.checkoutUrl.isEmpty();
    m_ui->linkPanel->setVisible(open);
    if (!open) {
        m_qrImage = QImage();
        m_ui->qrLabel->clear();
        return;
    }
    m_ui->linkEdit->setText(p.checkoutUrl);
    m_ui->linkEdit->setCursorPosition(0);
    m_qrImage = QrCodeImage::render(p.checkoutUrl, QrModulePixels);
    if (m_qrImage.isNull()) {
        m_ui->qrLabel->setPixmap(QPixmap());
        m_ui->qrLabel->setText(tr("This link is too long for a QR code: copy it instead."));
    } else {
        m_ui->qrLabel->setPixmap(QPixmap::fromImage(m_qrImage));
        m_ui->qrLabel->setToolTip(tr("Let the customer scan this with their phone's camera."));
    }
    CardRequestMessage::Parts parts;
    parts.language = CardRequestService::pageLanguage(p);
    parts.customerName = m_customer.name;
    parts.merchantName = m_context.appSettings.merchantName;
    parts.amount = p.amount.value_or(Money());
    parts.link = p.checkoutUrl;
    m_ui->messageEdit->setPlainText(CardRequestMessage::body(parts));
    m_ui->messageEdit->setLayoutDirection(parts.language == u"ar"_s ? Qt::RightToLeft : Qt::LeftToRight);
    m_ui->emailButton->setToolTip(
        m_customer.email.isEmpty()
            ? tr("Opens your mail program with the message; this customer has no "
                 "email address on file.")
            : Display::plainToolTip(tr("Opens your mail program with the message to %1.")
                                        .arg(Display::isolate(m_customer.email))));
}

void CardRequestDialog::updateCheckButtons(const Payment &p)
{
    const bool busy = m_context.cardRequests->isBusy(p.id);
    // Unreadable: taken as alive, the cautious reading (the service's own check then says why).
    auto owner = m_context.cardRequests->ownerOf(p);
    const RuleVerdict verdict = PaymentRules::mayCheckCardRequest(
        p, busy, m_context.clock->now(), owner.ok() ? owner.value() : PaymentRules::Owner::Alive);
    m_ui->checkBox->setVisible(p.isOpen());
    m_ui->checkButton->setEnabled(verdict.allowed);
    m_ui->checkButton->setToolTip(Display::plainToolTip(verdict.why));
    m_ui->checkAddressButton->setEnabled(verdict.allowed);
    m_ui->checkAddressButton->setToolTip(Display::plainToolTip(verdict.why));
    m_ui->addressEdit->setPlaceholderText(
        tr("or paste the address the customer's browser showed after paying"));
    m_ui->checkHint->setText(tr("Check now asks Fatora by order id. The customer's address is only a hint: "
                                "Fatora's answer decides, and the card is saved from it."));
    if (busy)
        m_ui->checkResult->setText(tr("Asking Fatora…"));
}

void CardRequestDialog::check()
{
    if (!m_paymentId || m_step != Step::Result)
        return;
    if (auto started = m_context.cardRequests->check(m_paymentId); !started.ok()) {
        m_ui->checkResult->setText(started.error().message);
        return;
    }
    m_ui->checkResult->setText(tr("Asking Fatora…"));
    showResult();
}

void CardRequestDialog::checkAddress()
{
    if (!m_paymentId || m_step != Step::Result)
        return;
    const QString address = m_ui->addressEdit->text();
    auto parsed = CardRequestService::parseReturnAddress(address);
    if (!parsed.ok()) {
        m_ui->checkResult->setText(parsed.error().message);
        return;
    }
    if (parsed->orderId != m_orderId) {
        m_ui->checkResult->setText(tr("This address is about order %1, not this card request's order %2.")
                                       .arg(Display::isolate(parsed->orderId), Display::isolate(m_orderId)));
        return;
    }
    if (auto started = m_context.cardRequests->checkReturnAddress(address); !started.ok()) {
        m_ui->checkResult->setText(started.error().message);
        return;
    }
    m_ui->checkResult->setText(tr("Asking Fatora…"));
    showResult();
}

void CardRequestDialog::copyLink()
{
    if (m_ui->linkEdit->text().isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_ui->linkEdit->text());
    m_ui->checkResult->setText(tr("Link copied."));
}

void CardRequestDialog::copyMessage()
{
    if (m_ui->messageEdit->toPlainText().isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_ui->messageEdit->toPlainText());
    m_ui->checkResult->setText(tr("Message copied: paste it into an SMS or WhatsApp chat."));
}

void CardRequestDialog::email()
{
    const std::optional<Payment> &loaded = m_shown; // as shown, with its link
    if (!loaded || loaded->id != m_paymentId || loaded->checkoutUrl.isEmpty())
        return;
    CardRequestMessage::Parts parts;
    parts.language = CardRequestService::pageLanguage(loaded.value());
    parts.customerName = m_customer.name;
    parts.merchantName = m_context.appSettings.merchantName;
    parts.amount = loaded->amount.value_or(Money());
    parts.link = loaded->checkoutUrl;
    if (!QDesktopServices::openUrl(CardRequestMessage::mailto(m_customer.email, parts)))
        m_ui->checkResult->setText(tr("No mail program answered: copy the message instead."));
}

} // namespace fatora
