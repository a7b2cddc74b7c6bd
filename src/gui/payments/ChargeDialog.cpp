#include "payments/ChargeDialog.h"
#include "ui_ChargeDialog.h"

#include "common/ConfirmGuard.h"
#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/ChangeFollower.h"
#include "desk/DeskContext.h"
#include "domain/Clock.h"
#include "gateway/GatewayReason.h"
#include "payments/AnswerRecorder.h"
#include "payments/ChargeGuard.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

#include <QKeyEvent>
#include <QLocale>
#include <QSignalBlocker>

#include <utility>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {
QString bold(const QString &text)
{
    return u"<b>"_s + text.toHtmlEscaped() + u"</b>"_s;
}
} // namespace

ChargeDialog::ChargeDialog(DeskContext &context, qint64 tokenId, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ChargeDialog>()), m_context(context), m_tokenId(tokenId)
{
    m_ui->setupUi(this);
    m_ui->amountEdit->installEventFilter(this);
    m_ui->reviewQuestion->setTextFormat(Qt::RichText);
    m_ui->resultTitle->setTextFormat(Qt::RichText);
    QFont big = m_ui->reviewQuestion->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_ui->reviewQuestion->setFont(big);
    m_ui->resultTitle->setFont(big);
    m_ui->newChargeButton->hide();
    // Hidden until review() or a refusal has something to say: an empty red bar reads as an error.
    UiSupport::prepareErrorLabel(m_ui->inputError);
    m_ui->similarWarning->setStyleSheet(Display::badgeStyleSheet(Display::warningColor()));
    m_ui->similarWarning->hide();
    for (QLabel *value :
         std::initializer_list<QLabel *>{m_ui->customerValue, m_ui->cardValue, m_ui->orderValue})
        UiSupport::alignWithLayout(value);
    // "Charge now" and the in-flight "Close" appear where "Review…" and "Charge now" were: the second
    // click of a double-click must not be the one that charges, or the one that hides the result.
    for (QPushButton *button : {m_ui->confirmButton, m_ui->closeButton, m_ui->verifyButton})
        ConfirmGuard::arm(button);

    m_ui->currencyCombo->setEnabled(false);
    showCard();
    m_orderId = PaymentService::newOrderId(context.clock->now());
    m_ui->orderValue->setTextInteractionFlags(Qt::TextSelectableByMouse);
    showOrderId();

    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->reviewButton, &QPushButton::clicked, this, &ChargeDialog::review);
    connect(m_ui->backButton, &QPushButton::clicked, this, [this] { setStep(Step::Input); });
    connect(m_ui->confirmButton, &QPushButton::clicked, this, &ChargeDialog::confirm);
    connect(m_ui->verifyButton, &QPushButton::clicked, this, &ChargeDialog::verify);
    connect(m_ui->newChargeButton, &QPushButton::clicked, this, &ChargeDialog::newCharge);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_ui->similarConfirm, &QCheckBox::toggled, this, &ChargeDialog::updateConfirm);
    // A new amount typed while its review is read drops that review: the step shows what was typed.
    connect(m_ui->amountEdit, &QLineEdit::textEdited, this, [this] { m_reviewedText.reset(); });

    PaymentService *payments = context.payments;
    // The payment as the service saved it comes with paymentChanged, just before chargeFinished and
    // verifyFinished: the result is shown from it at once (showResult).
    connect(payments, &PaymentService::paymentChanged, this, [this](const Payment &p) {
        if (m_paymentId && p.id == m_paymentId)
            m_carried = p;
    });
    connect(payments, &PaymentService::chargeFinished, this, [this](qint64 paymentId, PaymentState) {
        if (paymentId == m_paymentId)
            showResult();
    });
    connect(payments, &PaymentService::verifyFinished, this, [this](qint64 paymentId, PaymentState) {
        if (paymentId == m_paymentId)
            showResult();
    });

    if (context.changes)
        connect(context.changes, &ChangeFollower::othersChanged, this, &ChargeDialog::recheck);
    setStep(Step::Input);
    readCard(Purpose::Open);
}

ChargeDialog::~ChargeDialog() = default;

QString ChargeDialog::cardText() const
{
    return Display::card(m_token.label, m_token.masked());
}

void ChargeDialog::showCard()
{
    if (!m_loaded) {
        m_ui->customerValue->setText(tr("Reading the card…"));
        m_ui->cardValue->clear();
        m_ui->reviewButton->setEnabled(false);
        return;
    }
    m_currency = m_token.currency.isEmpty() ? m_context.appSettings.currency : m_token.currency;
    m_ui->customerValue->setText(m_customer.name);
    m_ui->cardValue->setText(cardText());
    m_ui->currencyCombo->clear();
    m_ui->currencyCombo->addItem(m_currency);
    m_ui->currencyCombo->setToolTip(Display::plainToolTip(tr("This card charges in %1.").arg(m_currency)));
    if (m_token.firstAmount) {
        m_ui->amountEdit->setPlaceholderText(
            tr("blank: first-payment amount (%1)").arg(Display::money(*m_token.firstAmount)));
        m_ui->amountHint->setText(tr("Leave blank and Fatora charges the first-payment amount, %1.")
                                      .arg(Display::money(*m_token.firstAmount)));
    } else {
        m_ui->amountEdit->setPlaceholderText(tr("blank: first-payment amount"));
        m_ui->amountHint->setText(
            tr("Leave blank and Fatora charges the amount of the first payment made with "
               "this card (not known here)."));
    }
    m_ui->reviewButton->setEnabled(true);
}

void ChargeDialog::readCard(Purpose purpose)
{
    m_recheckAfterRead = false;
    const bool withCustomer = purpose == Purpose::Open;
    m_cardRead.ask(
        *m_context.reader, this,
        [tokenId = m_tokenId, now = m_context.clock->now(), withCustomer](Store &store) -> Result<OpenedCard> {
            auto check = PaymentService::readChargeCheck(store, tokenId, now);
            if (!check.ok())
                return check.error();
            OpenedCard card{check.value(), Customer{}};
            if (withCustomer) {
                auto customer = store.customer(card.check.token.customerId);
                if (!customer.ok())
                    return customer.error();
                card.customer = customer.value();
            }
            return card;
        },
        [this, purpose](Result<OpenedCard> card) {
            if (!card.ok()) {
                // Nothing can be confirmed on a card that could not be read; Review asks again
                // (once the card was read at all: close and open the dialog again otherwise).
                if (purpose == Purpose::Open)
                    m_ui->customerValue->clear();
                showBlocked(card.error().message);
            } else {
                if (purpose == Purpose::Open)
                    m_customer = card->customer;
                cardRead(purpose, card->check);
            }
            updateConfirm();
            if (m_recheckAfterRead)
                recheck();
            else if (std::exchange(m_reviewAfterRead, false))
                review();
        });
    updateConfirm(); // off while the card is read
}

void ChargeDialog::cardRead(Purpose purpose, const PaymentService::ChargeCheck &check)
{
    m_token = check.token;
    if (purpose == Purpose::Open) {
        m_loaded = true;
        showCard();
    }
    // The verdict the write-ahead gives again in its transaction (PaymentService::canChargeCard).
    const auto allowed = m_context.payments->canChargeCard(check.token, check.openCharge);
    switch (purpose) {
    case Purpose::Open:
    case Purpose::NewCharge:
        if (!allowed.ok())
            showBlocked(allowed.error().message);
        return;
    case Purpose::Review:
        // The clerk moved on (typed another amount, went on) while this was read: nothing shown.
        if (m_requested || m_step != Step::Input || m_reviewedText != m_ui->amountEdit->text())
            return;
        if (!allowed.ok()) {
            showBlocked(allowed.error().message);
            return;
        }
        m_blocked.clear();
        showReview(check);
        return;
    case Purpose::Recheck:
        break;
    }
    if (m_requested || (m_step != Step::Input && m_step != Step::Review))
        return;
    if (!allowed.ok()) {
        if (allowed.error().message != m_blocked || m_step == Step::Review)
            showBlocked(allowed.error().message);
        return;
    }
    if (!m_blocked.isEmpty()) { // chargeable again (a charge elsewhere was settled): say nothing more
        m_blocked.clear();
        setInputError(QString());
    }
    if (m_step != Step::Review)
        return;
    // What the review warned about may have changed (a charge of this card made elsewhere since):
    // then it is shown again, and its confirmation asked for again.
    const ChargeReview reviewed = PaymentService::reviewOf(check, m_amount);
    const auto recentId = [](const ChargeReview &r) { return r.recentCharge ? r.recentCharge->id : 0; };
    if (recentId(reviewed) != recentId(m_review) || reviewed.farAboveFirstPayment != m_review.farAboveFirstPayment)
        showReview(check);
}

void ChargeDialog::updateConfirm()
{
    // Never while the card is read: what is being read may be a colleague's revoke or charge.
    m_ui->confirmButton->setEnabled(m_step == Step::Review && !m_requested && !m_cardRead.isReading() &&
                                    m_blocked.isEmpty() &&
                                    (!needsConfirmation() || m_ui->similarConfirm->isChecked()));
}

void ChargeDialog::showOrderId()
{
    m_ui->orderValue->setText(Display::isolate(m_orderId));
    m_ui->orderValue->setToolTip(
        tr("Sent with this charge and never with another one: Fatora and the history know the charge "
           "by it."));
}

void ChargeDialog::setInputError(const QString &message)
{
    UiSupport::showMessage(m_ui->inputError, message);
    m_ui->reviewButton->setEnabled(message.isEmpty() || m_loaded);
}

bool ChargeDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Enter in the amount field goes to the review step at most; it can never send.
    if (watched == m_ui->amountEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (m_step == Step::Input && m_ui->reviewButton->isEnabled())
                review();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ChargeDialog::setStep(Step step)
{
    m_step = step;
    switch (step) {
    case Step::Input:
        m_ui->pages->setCurrentWidget(m_ui->inputPage);
        m_ui->amountEdit->setFocus();
        break;
    case Step::Review:
        m_ui->pages->setCurrentWidget(m_ui->reviewPage);
        // Focus on Back: a stray Enter or Space must not be the one that charges.
        m_ui->backButton->setFocus();
        break;
    case Step::InFlight:
    case Step::Result:
        m_ui->pages->setCurrentWidget(m_ui->resultPage);
        m_ui->closeButton->setFocus();
        break;
    }
}

void ChargeDialog::review()
{
    if (m_requested || m_step != Step::Input)
        return;
    if (m_cardRead.isReading()) {
        // Pressed while the card is read (opening, a colleague's change): reviewed once it is in.
        m_reviewAfterRead = true;
        return;
    }
    if (!m_loaded)
        return;
    UiSupport::showMessage(m_ui->inputError, QString());
    const QString text = m_ui->amountEdit->text();
    m_amount.reset();
    if (!text.trimmed().isEmpty()) {
        auto parsed = Money::parse(text, m_currency);
        if (!parsed.ok()) {
            setInputError(tr("Amount: %1").arg(parsed.error().message));
            m_ui->amountEdit->setFocus();
            return;
        }
        m_amount = parsed.value();
    }
    // The card is read again first, off the GUI thread: the review shows what it finds.
    m_reviewedText = text;
    readCard(Purpose::Review);
}

void ChargeDialog::showReview(const PaymentService::ChargeCheck &check)
{
    const QString customer = bold(Display::isolateAuto(m_customer.name));
    const QString card = bold(Display::isolateAuto(cardText()));
    if (m_amount) {
        m_ui->reviewQuestion->setText(
            tr("Charge %1 to %2's card %3?").arg(bold(Display::money(*m_amount)), customer, card));
    } else if (m_token.firstAmount) {
        m_ui->reviewQuestion->setText(tr("Charge the first-payment amount (%1) to %2's card %3?")
                                          .arg(bold(Display::money(*m_token.firstAmount)), customer, card));
    } else {
        m_ui->reviewQuestion->setText(
            tr("Charge the first-payment amount to %1's card %2?").arg(customer, card));
    }
    QStringList details;
    details
        << (m_amount
                ? tr("Fatora takes %1 from this card as soon as you confirm.").arg(Display::money(*m_amount))
                : tr("No amount is sent: Fatora charges the same amount as the first payment made with "
                     "this card."));
    details << tr("Order id: %1. It is saved before the request leaves, so the result is never lost.")
                   .arg(Display::isolate(m_orderId));
    details << tr("Only a refund can undo an approved charge.");
    m_ui->reviewDetails->setText(details.join(u'\n'));

    // The same rules the CLI applies (ChargeGuard); PaymentService checks them again when the
    // charge is written ahead, against what is acknowledged here.
    m_review = PaymentService::reviewOf(check, m_amount);
    QStringList warnings;
    if (m_review.recentCharge) {
        // Built from isolated parts, so that each number, id and name reads right in Arabic too.
        const Payment &recent = *m_review.recentCharge;
        //: %1 amount, %2 date and time, %3 operator, %4 order id
        warnings << tr("Careful: this card was already charged %1 at %2 by %3 (order %4). Charging "
                       "again takes the money a second time.")
                        .arg(Display::amount(recent.amount), Display::dateTime(recent.createdAt),
                             Display::isolateAuto(recent.operatorName.isEmpty() ? tr("an unnamed operator")
                                                                                : recent.operatorName),
                             Display::isolate(recent.orderId));
    }
    if (m_review.farAboveFirstPayment)
        warnings << tr("Careful: %1 is more than %2 times this card's first payment (%3). Check the "
                       "amount.")
                        .arg(Display::amount(m_amount),
                             Display::isolate(QLocale().toString(ChargeGuard::LargeAmountFactor)),
                             Display::amount(m_review.firstAmount));
    UiSupport::showMessage(m_ui->similarWarning, warnings.join(u'\n'));
    m_ui->similarConfirm->setText(m_review.recentCharge && m_review.farAboveFirstPayment
                                      ? tr("Yes, charge this card again, and this amount is right")
                                  : m_review.recentCharge ? tr("Yes, charge this card again")
                                                          : tr("Yes, this amount is right"));
    m_ui->similarConfirm->setVisible(needsConfirmation());
    {
        const QSignalBlocker quiet(m_ui->similarConfirm);
        m_ui->similarConfirm->setChecked(false);
    }
    m_ui->confirmButton->setText(m_amount ? tr("Charge %1 now").arg(Display::money(*m_amount))
                                          : tr("Charge first-payment amount now"));
    setStep(Step::Review);
    updateConfirm();
}

void ChargeDialog::showBlocked(const QString &reason)
{
    m_blocked = reason;
    // Shown on the input step, and the review's confirm button off: whichever step asked (a review
    // made again after another desk's work), confirming is never left one click away.
    m_ui->confirmButton->setEnabled(false);
    if (m_step == Step::Review)
        setStep(Step::Input);
    setInputError(reason);
}

void ChargeDialog::recheck()
{
    if (m_requested || !m_loaded || (m_step != Step::Input && m_step != Step::Review))
        return;
    if (m_cardRead.isReading()) {
        m_recheckAfterRead = true; // the read on its way may have been made before the change
        return;
    }
    readCard(Purpose::Recheck); // confirming waits for the answer (updateConfirm)
}

bool ChargeDialog::needsConfirmation() const
{
    return m_review.recentCharge.has_value() || m_review.farAboveFirstPayment;
}

void ChargeDialog::confirm()
{
    // The guard that makes a double click (or a second click after a slow answer) harmless.
    if (m_requested || m_step != Step::Review || m_cardRead.isReading() || !m_blocked.isEmpty())
        return; // the same conditions as the button's (updateConfirm), checked again here
    if (needsConfirmation() && !m_ui->similarConfirm->isChecked())
        return;
    m_requested = true;
    m_ui->confirmButton->setEnabled(false);
    m_ui->backButton->setEnabled(false);

    ChargeRequest request;
    request.tokenId = m_tokenId;
    request.amount = m_amount;
    request.orderId = m_orderId;
    request.acknowledgedRecentChargeId = m_review.recentCharge ? m_review.recentCharge->id : 0;
    request.largeAmountConfirmed = m_review.farAboveFirstPayment;
    auto charged = m_context.payments->charge(request);
    if (!charged.ok()) {
        showRefused(charged.error().message);
        return;
    }
    m_paymentId = charged.value();
    emit chargeRequested(m_paymentId);
    showInFlight(tr("Charging…"));
    // The answer may already be saved (it never is synchronously today, but the dialog must not hang).
    if (!m_context.payments->isBusy(m_paymentId))
        showResult();
}

void ChargeDialog::showRefused(const QString &message)
{
    setStep(Step::Result);
    m_ui->busyBar->hide();
    m_ui->verifyButton->hide();
    m_ui->newChargeButton->show();
    m_ui->resultTitle->setStyleSheet(QString());
    m_ui->resultTitle->setText(bold(tr("Not charged")));
    m_ui->resultDetails->setText(tr("%1\nNothing was sent to Fatora.").arg(message));
}

void ChargeDialog::newCharge()
{
    // Only offered when nothing reached Fatora. A new intent gets a new order id: the old one may
    // already sit in the history, and an order id is never sent for two intents.
    if (!m_requested || (m_paymentId && m_context.payments->isBusy(m_paymentId)))
        return;
    // The result shown said "not sent" (nothing reached Fatora), or there is no payment at all.
    if (m_paymentId && (!m_payment || m_payment->id != m_paymentId || m_payment->state != PaymentState::NotSent))
        return;
    m_requested = false;
    m_paymentId = 0;
    m_payment.reset();
    m_carried.reset();
    m_resultRead.drop(); // a result read still on its way belongs to the old intent
    m_orderId = PaymentService::newOrderId(m_context.clock->now());
    showOrderId();
    m_ui->newChargeButton->hide();
    m_ui->backButton->setEnabled(true);
    m_blocked.clear();
    UiSupport::showMessage(m_ui->inputError, QString());
    setStep(Step::Input);
    readCard(Purpose::NewCharge);
}

void ChargeDialog::showInFlight(const QString &title)
{
    setStep(Step::InFlight);
    m_ui->resultTitle->setStyleSheet(QString());
    m_ui->resultTitle->setText(bold(title));
    m_ui->busyBar->show();
    m_ui->verifyButton->hide();
    m_ui->newChargeButton->hide();
    // m_orderId is the payment's: the charge was written ahead under it (ChargeRequest::orderId).
    m_ui->resultDetails->setText(
        tr("Order %1 is with Fatora. You may close this window: the result is recorded "
           "in the history either way.")
            .arg(Display::isolate(m_orderId)));
}

void ChargeDialog::showResult()
{
    // Settled as carried by the service's signal: shown now, with no read (the clerk may close the
    // window at any moment; what they were shown is what was saved). Without it (its read failed,
    // or nothing is settled yet) the payment is read on the reader.
    if (m_carried && m_carried->id == m_paymentId && m_carried->state != PaymentState::Pending) {
        m_resultRead.drop();
        showPayment(*m_carried);
        return;
    }
    m_resultRead.ask(
        *m_context.reader, this, [paymentId = m_paymentId](Store &store) { return store.payment(paymentId); },
        [this](Result<Payment> loaded) {
            if (!loaded.ok()) {
                setStep(Step::Result);
                m_ui->busyBar->hide();
                m_ui->resultTitle->setText(bold(tr("Could not read the result")));
                m_ui->resultDetails->setText(loaded.error().toString());
                return;
            }
            showPayment(loaded.value());
        });
}

void ChargeDialog::showPayment(const Payment &p)
{
    m_payment = p;
    const auto held = m_context.payments->heldAnswer(GatewayOperation::Collect, p.id);
    if (p.state == PaymentState::Pending && held && !m_context.payments->isBusy(p.id)) {
        // Fatora answered but the database would not take the answer: say what it was, and where
        // it is kept until it is saved (never "waiting" for an answer that already came).
        setStep(Step::Result);
        m_ui->busyBar->hide();
        m_ui->verifyButton->hide();
        m_ui->newChargeButton->hide();
        m_ui->resultTitle->setStyleSheet(Display::badgeStyleSheet(Display::warningColor()));
        m_ui->resultTitle->setText(bold(tr("Answer not saved yet")));
        m_ui->resultDetails->setText(
            tr("Fatora answered %1 for order %2, but the database could not save it: %3\n%4\nDo not "
               "charge again.")
                .arg(Display::paymentState(AnswerRecorder::chargeStateFor(held->result)),
                     Display::isolate(p.orderId), held->saveError,
                     held->journalPath.isEmpty()
                         ? tr("Keep the desk open: saving is retried.")
                         : tr("The answer is kept in %1 and saved as soon as the database takes it.")
                               .arg(Display::isolate(held->journalPath))));
        return;
    }
    if (p.state == PaymentState::Pending || m_context.payments->isBusy(p.id)) {
        showInFlight(tr("Waiting for Fatora…"));
        return;
    }
    setStep(Step::Result);
    m_ui->busyBar->hide();
    m_ui->verifyButton->setVisible(p.state == PaymentState::Unknown);
    m_ui->verifyButton->setEnabled(true);
    m_ui->newChargeButton->setVisible(p.state == PaymentState::NotSent);

    const QString order = Display::isolate(p.orderId);
    const QString amount = Display::amount(p.amount);
    QString title;
    QStringList lines;
    switch (p.state) {
    case PaymentState::Approved:
        title = tr("Approved");
        lines << tr("%1 was charged to %2.").arg(amount, Display::isolateAuto(cardText()));
        lines << tr("Transaction id: %1").arg(Display::isolate(p.transactionId));
        lines << tr("Auth code: %1").arg(Display::isolate(p.authCode));
        break;
    case PaymentState::Declined:
        title = tr("Declined");
        lines << tr("Fatora declined the charge: %1").arg(GatewayReason::explain(p));
        if (const QString next = GatewayReason::advice(GatewayReason::of(p)); !next.isEmpty())
            lines << next;
        lines << tr("No money moved.");
        break;
    case PaymentState::Rejected:
        title = tr("Rejected");
        lines << GatewayReason::explain(p);
        if (const QString next = GatewayReason::advice(GatewayReason::of(p)); !next.isEmpty())
            lines << next;
        lines << tr("No money moved.");
        break;
    case PaymentState::NotSent:
        title = tr("Not sent");
        // In plain words, the client's technical account beside them (GatewayReason).
        lines << GatewayReason::explain(p);
        lines << tr("No money moved. It is safe to try again: “New charge” starts one under a new order id.");
        break;
    case PaymentState::Unknown:
        title = tr("Outcome unknown");
        lines << GatewayReason::explain(p);
        lines << tr("The money may have moved. Do not charge again — Verify first.");
        break;
    case PaymentState::Pending:
        break;
    }
    lines << tr("Order id: %1").arg(order);
    // A badge, like the history's state column: white on a saturated colour reads in any palette.
    m_ui->resultTitle->setStyleSheet(Display::badgeStyleSheet(Display::paymentColor(p)));
    m_ui->resultTitle->setText(bold(title));
    m_ui->resultDetails->setText(lines.join(u'\n'));
}

void ChargeDialog::verify()
{
    if (!m_paymentId)
        return;
    m_ui->verifyButton->setEnabled(false);
    m_carried.reset(); // only what the verify's answer brings counts from here
    auto started = m_context.payments->verify(m_paymentId);
    if (!started.ok()) {
        m_ui->verifyButton->setEnabled(true);
        m_ui->resultDetails->setText(m_ui->resultDetails->text() + u'\n' + started.error().message);
        return;
    }
    showInFlight(tr("Verifying…"));
}

} // namespace fatora
