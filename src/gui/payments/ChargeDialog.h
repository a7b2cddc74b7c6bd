#pragma once

#include "domain/CardToken.h"
#include "domain/ChargeRequest.h"
#include "domain/Customer.h"
#include "domain/Payment.h"
#include "common/LatestRead.h"
#include "payments/PaymentService.h"

#include <QDialog>

#include <memory>
#include <optional>

namespace Ui {
class ChargeDialog;
}

namespace fatora {

struct DeskContext;

// Charges one saved card, in three steps: input, review (states exactly what will happen; nothing
// is sent before the explicit confirm button), then the result. The order id is generated when the
// dialog opens, shown on the form and the review step, and is the one sent: what the operator
// reviewed is what Fatora sees. Each intent is requested at most once; only "New charge" (offered
// when nothing reached Fatora) starts another intent, under a fresh order id. The dialog may be
// closed while in flight and the result still lands in the history, because PaymentService (not
// this dialog) records it.
class ChargeDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Step { Input, Review, InFlight, Result };

    ChargeDialog(DeskContext &context, qint64 tokenId, QWidget *parent = nullptr);
    ~ChargeDialog() override;

    qint64 tokenId() const { return m_tokenId; }
    qint64 paymentId() const { return m_paymentId; } // 0 until the charge was requested
    QString orderId() const { return m_orderId; }    // of the current intent
    Step step() const { return m_step; }
    // A read of the card (opening, review, a colleague's change) or of the result is on its way:
    // every read runs on the desk's reader, off the GUI thread (issue 13).
    bool isReading() const { return m_cardRead.isReading() || m_resultRead.isReading(); }

signals:
    void chargeRequested(qint64 paymentId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Why the card is read: each answer is shown for the step that asked, if still current.
    enum class Purpose { Open, Review, Recheck, NewCharge };
    void readCard(Purpose purpose);
    void cardRead(Purpose purpose, const PaymentService::ChargeCheck &check);
    void showCard();
    void review();
    void showReview(const PaymentService::ChargeCheck &check);
    void confirm();
    // The review found a recent charge or a large amount: the operator must tick the confirmation.
    bool needsConfirmation() const;
    // Another desk changed the database while this dialog is open (ChangeFollower): the card may
    // have been revoked or charged there. Said here before anything can be sent; the write-ahead
    // decides again in any case.
    void recheck();
    void showBlocked(const QString &reason);
    // Charge now is on only on the review step, with nothing read on its way and all acknowledged.
    void updateConfirm();
    void verify();
    void newCharge();
    void showOrderId();
    void showRefused(const QString &message);
    void showInFlight(const QString &title);
    // Reads the payment again (on the reader) and shows where it stands.
    void showResult();
    void showPayment(const Payment &p);
    void setStep(Step step);
    void setInputError(const QString &message);
    QString cardText() const;

    std::unique_ptr<Ui::ChargeDialog> m_ui;
    DeskContext &m_context;
    const qint64 m_tokenId;
    CardToken m_token;
    Customer m_customer;
    QString m_currency;
    bool m_loaded = false;
    std::optional<Money> m_amount; // the reviewed amount; nullopt = first-payment amount
    QString m_orderId;             // generated when the intent starts, sent with its one request
    bool m_requested = false;      // guards the one and only charge request of this intent
    ChargeReview m_review;         // what the review step showed; acknowledged by the request
    QString m_blocked;             // why the card cannot be charged now, as shown; empty: it can
    qint64 m_paymentId = 0;
    std::optional<Payment> m_payment; // as last shown, for the result step
    std::optional<Payment> m_carried; // as last carried by PaymentService::paymentChanged
    Step m_step = Step::Input;
    struct OpenedCard
    {
        PaymentService::ChargeCheck check;
        Customer customer; // read when the dialog opens only
    };
    LatestRead<OpenedCard> m_cardRead; // the card, for the verdict and the review
    LatestRead<Payment> m_resultRead;  // the payment, for the result step
    bool m_recheckAfterRead = false; // another desk's change arrived while a card read was on its way
    bool m_reviewAfterRead = false;  // Review was pressed while the card was read
    std::optional<QString> m_reviewedText; // the amount as typed when Review was pressed; reset: edited since
};

} // namespace fatora
