#pragma once

#include "CardToken.h"
#include "Payment.h"

#include <QCoreApplication>
#include <QString>

namespace fatora {

// Whether an action may run now, and the tooltip that says so (or says why not).
struct ActionState
{
    bool enabled = false;
    QString why;
};

// When the desk's payment and card actions are allowed, in one place. They mirror what
// PaymentService would refuse, so that a disabled action explains itself before the operator
// tries; the service stays the judge (a dialog still shows its refusal when it has one).
class ActionRules
{
    Q_DECLARE_TR_FUNCTIONS(fatora::ActionRules)
public:
    // busy: a call for this payment (or card) is in flight in this desk.
    static ActionState verify(const Payment &payment, bool busy);
    static ActionState refund(const Payment &payment, bool busy);
    static ActionState recordRefundOutcome(const Payment &payment, bool busy, const QDateTime &now);
    static ActionState closeUnfound(const Payment &payment, bool busy);
    static ActionState revoke(const CardToken &token, bool busy);
};

} // namespace fatora
