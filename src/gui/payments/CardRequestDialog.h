#pragma once

#include "domain/CardToken.h"
#include "domain/Customer.h"
#include "domain/Money.h"

#include "common/LatestRead.h"
#include "domain/Payment.h"

#include <QDialog>

#include <memory>
#include <optional>

namespace Ui {
class CardRequestDialog;
}

namespace fatora {

struct CardRequestOutcome;
struct DeskContext;

// Asks a customer for a card (issue 15): a Fatora checkout link with save_token on which the
// customer pays a first amount, the card saved when a check finds the payment. Like the charge
// dialog: input, a review step that says what will happen (only its button sends; Enter never
// does; a double-click cannot reach it), then the result, which may be closed while the call is in
// flight (CardRequestService records it). The result hands the link on: Copy, a QR code to scan
// from the screen, a ready message in the page's language, the mail client; and asks Fatora
// whether the customer paid ("Check now", or the address the customer's browser landed on).
// Opened for an existing card request (showPayment), it starts at the result.
class CardRequestDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Step { Input, Review, InFlight, Result };

    // replacesTokenId: the card this request is to replace (expiring, expired or invalid), or 0.
    CardRequestDialog(DeskContext &context, qint64 customerId, qint64 replacesTokenId = 0,
                      QWidget *parent = nullptr);
    ~CardRequestDialog() override;

    // Shows the card request `paymentId` (its link, its state) at the result step.
    void showPayment(qint64 paymentId);

    qint64 customerId() const { return m_customerId; }
    // What it shows is read on the desk's reader (issue 13).
    bool isReading() const { return m_inputReads > 0 || m_resultRead.isReading(); }
    qint64 paymentId() const { return m_paymentId; } // 0 until requested
    QString orderId() const { return m_orderId; }
    Step step() const { return m_step; }
    // The QR code shown for the link (null when none is shown).
    QImage qrImage() const { return m_qrImage; }

signals:
    void cardRequested(qint64 paymentId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void review();
    void confirm();
    void check();
    void checkAddress();
    void copyLink();
    void copyMessage();
    void email();
    void showRefused(const QString &message);
    // The result step in red: nothing to show but why.
    void showFailure(const QString &title, const QString &details);
    void showInFlight(const QString &title);
    // Reads the card request (on the desk's reader) and shows where it stands.
    void showResult();
    void showRequest(const Payment &p);
    void showOutcome(const CardRequestOutcome &outcome);
    void showLink(const Payment &payment);
    void updateCheckButtons(const Payment &payment);
    void setStep(Step step);
    void setInputError(const QString &message);
    // Reads the customer and the card to replace (on the desk's reader), then shows the form.
    void readInput();
    void fillInput();
    QString pageLanguage() const;

    std::unique_ptr<Ui::CardRequestDialog> m_ui;
    DeskContext &m_context;
    qint64 m_customerId;
    qint64 m_replacesTokenId;
    Customer m_customer;
    std::optional<CardToken> m_replaces;
    bool m_loaded = false;
    Money m_amount;           // the reviewed amount
    QString m_language;       // the reviewed page language
    QString m_note;           // the reviewed note
    QString m_orderId;        // generated when the dialog opens, sent with its one request
    bool m_requested = false; // guards the one and only checkout request of this dialog
    qint64 m_paymentId = 0;
    QString m_lastMessage;  // what the last outcome of this request said
    QString m_outcomeToSay; // an outcome to say once the request is read again
    std::optional<Payment> m_shown; // the card request as last read and shown
    int m_inputReads = 0;
    LatestRead<Payment> m_resultRead; // the request, for the result step
    QImage m_qrImage;
    Step m_step = Step::Input;
};

} // namespace fatora
