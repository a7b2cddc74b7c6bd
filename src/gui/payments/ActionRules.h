#pragma once

#include "domain/CardToken.h"
#include "domain/Payment.h"
#include "domain/Result.h"

#include <QDate>
#include "payments/PaymentRules.h"

#include <QDateTime>
#include <QString>

namespace fatora {

// Whether an action may run now, and the tooltip that says so (or says why not).
struct ActionState
{
    bool enabled = false;
    QString why;
};

// When the desk's payment and card actions are allowed: PaymentRules' verdicts, the same the
// service decides with, so a disabled action explains itself with the refusal the call would get.
class ActionRules
{
public:
    // busy: a call for this payment (or card) is in flight in this desk. owner: of a pending
    // charge or refund (PaymentService::ownerOf).
    static ActionState verify(const Payment &payment, bool busy, const QDateTime &now,
                              PaymentRules::Owner owner = PaymentRules::Owner::NotRecorded);
    static ActionState refund(const Payment &payment, bool busy);
    static ActionState recordRefundOutcome(const Payment &payment, bool busy, const QDateTime &now,
                                           PaymentRules::Owner owner = PaymentRules::Owner::NotRecorded);
    static ActionState closeUnfound(const Payment &payment, bool busy);
    static ActionState revoke(const CardToken &token, bool busy);
    // "Ask for a new card…": for a card that expires within Display::ExpiryWarningDays, has expired
    // or was reported invalid. canCreate: CardRequestService::canCreate (return pages set).
    static ActionState askForNewCard(const CardToken &token, const QDate &today,
                                     const Result<void> &canCreate);
    // "Save a new card…" for a customer (archived customers cannot be asked).
    static ActionState saveNewCard(bool archived, const Result<void> &canCreate);
    // "Check card request…": a card request is checked (which saves its card), never verified.
    static ActionState checkCardRequest(const Payment &payment, bool busy, const QDateTime &now,
                                        PaymentRules::Owner owner);
};

} // namespace fatora
