#pragma once

#include "customers/CustomerService.h"
#include "domain/Money.h"
#include "domain/Payment.h"
#include "domain/Result.h"
#include "gateway/GatewayTypes.h"
#include "payments/PaymentRules.h"
#include "staff/StaffRights.h"

#include <QObject>
#include <QSet>
#include <QUrl>

#include <optional>

namespace fatora {

class Clock;
class GatewayClient;
class Store;
struct CardToken;

// What the clerk asks for: a first payment of amount from this customer, on a page in language,
// that saves the card.
struct CardRequestDraft
{
    qint64 customerId = 0;
    Money amount;
    QString language = QStringLiteral("en"); // "en" or "ar"
    QString note;                            // sent to Fatora with the checkout; one line
    QString orderId; // the one a review step showed (PaymentService::newOrderId); empty: generate one
};

// What a card request came to, after its checkout call or a check: the payment as stored, and in
// words what happened. Carried by CardRequestService's signals.
struct CardRequestOutcome
{
    Payment payment;
    bool linkExpired = false; // unpaid past the link's lifetime: closable (PaymentService::closeUnfound)
    qint64 savedTokenId = 0;  // the card this outcome saved (0: none saved now)
    QString savedTokenMask;   // "•••• 9Xq=" of that card
    QString message;          // translated: what happened and what to do next
    bool problem = false;     // message reports something that needs a person (not just "not paid yet")
};

// The parts of the address a customer's browser landed on after paying (the success or failure
// page), read with care: each query value percent-decoded exactly once, "+" kept as "+" (a card
// token may hold it), a repeated key refused rather than one of its values picked.
struct ReturnAddress
{
    QString orderId;
    QString transactionId;
    QString cardToken; // empty on a failure page
};

// Card requests (issue 15): a checkout link with save_token, and the card token it creates saved
// to the customer once the customer paid. The request is written ahead (pending card request) in
// one transaction before the checkout call leaves; the link is stored on the payment; a check asks
// verify by order id and, on SUCCESS with a card token, approves the payment and saves the card
// through CustomerService in one transaction, exactly once even when two desks check at once.
class CardRequestService : public QObject
{
    Q_OBJECT
public:
    CardRequestService(Store &store, GatewayClient &gateway, const Clock &clock, QObject *parent = nullptr);

    void setOperatorName(const QString &name);
    // Who acts (the session's signed-in person): the operator, and the role StaffRights checks.
    void setActor(const StaffMember &actor);
    // How the cards it saves came in, for their audit entry (the desk or fatora-cli).
    void setChangeWay(ChangeOrigin::Way way) { m_way = way; }
    // The pages Fatora sends the customer back to (AppSettings::cardRequestPages): without them
    // create() refuses, saying what to set.
    void setReturnPages(const QUrl &success, const QUrl &failure);
    // An unpaid link older than this counts as expired at its next check.
    void setLinkLifetimeSecs(qint64 secs) { m_lifetimeSecs = secs; }
    qint64 linkLifetimeSecs() const { return m_lifetimeSecs; }

    // Why no card request can be made now (no return pages), or ok.
    Result<void> canCreate() const;
    // Checks the draft and the customer, writes the pending card request, then asks for the link.
    // Returns the payment id; created() follows.
    Result<qint64> create(const CardRequestDraft &draft);
    // Asks Fatora whether the customer paid (PaymentRules::mayCheckCardRequest); checked() follows.
    Result<void> check(qint64 paymentId);
    // The quiet periodic check: starts a check of every card request still waiting for its customer
    // (pending with a link) that may be checked now, and returns how many started. The check after
    // its lifetime marks it expired, after which it is only checked when asked (check()).
    Result<int> checkWaiting();
    // Reads a pasted return address and checks the card request it names; the token it shows is
    // only compared with what verify reports, never saved from the address itself.
    Result<qint64> checkReturnAddress(const QString &address);

    static Result<ReturnAddress> parseReturnAddress(const QString &address);
    // The language ("en" or "ar") a card request's payment page was asked in, as its stored request
    // body says; "en" when it says nothing readable.
    static QString pageLanguage(const Payment &payment);

    // Whether the process that wrote a request still asking for its link lives (PaymentService::ownerOf),
    // as mayCheckCardRequest is handed it here and on the desk's buttons.
    Result<PaymentRules::Owner> ownerOf(const Payment &payment);

    int callsInFlight() const { return int(m_busy.size()); }
    bool isBusy(qint64 paymentId) const { return m_busy.contains(paymentId); }

signals:
    void created(const fatora::CardRequestOutcome &outcome);
    void checked(const fatora::CardRequestOutcome &outcome);
    void paymentChanged(const fatora::Payment &payment);
    void tokenChanged(const fatora::CardToken &token);
    void callsInFlightChanged(int count);
    void problem(const QString &message); // never contains a secret

private:
    // attempt: saving is retried while the database is busy (another process writing).
    void settleCreate(qint64 paymentId, const GatewayResult &result, int attempt = 1);
    void settleCheck(qint64 paymentId, const GatewayResult &result,
                     const std::optional<ReturnAddress> &pasted);
    Result<void> startCheck(const Payment &payment, const std::optional<ReturnAddress> &pasted);
    Result<void> audit(const QString &action, qint64 paymentId, const QString &detail);
    void setBusy(qint64 paymentId, bool busy);

    Store &m_store;
    GatewayClient &m_gateway;
    const Clock &m_clock;
    CustomerService m_customers;
    QString m_operator;
    StaffMember m_actor = StaffMember::withEveryRight();
    ChangeOrigin::Way m_way = ChangeOrigin::Way::Desk;
    QUrl m_successUrl;
    QUrl m_failureUrl;
    qint64 m_lifetimeSecs = PaymentRules::CardRequestLifetimeSecs;
    QSet<qint64> m_busy;
    // Requests written here whose checkout call ended without its link being saved: no call is in
    // flight for them any more, though this process (their owner) lives on (ownerOf).
    QSet<qint64> m_linkLost;
};

} // namespace fatora

Q_DECLARE_METATYPE(fatora::CardRequestOutcome)
