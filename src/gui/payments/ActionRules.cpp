#include "payments/ActionRules.h"

#include "payments/PaymentRules.h"

namespace fatora {

// Each action's verdict comes from PaymentRules, the rules PaymentService decides with: the tooltip
// of a disabled button is the refusal the service would give.
namespace {
ActionState fromVerdict(const RuleVerdict &verdict)
{
    return ActionState{verdict.allowed, verdict.why};
}
} // namespace

ActionState ActionRules::verify(const Payment &p, bool busy, const QDateTime &now, PaymentRules::Owner owner)
{
    return fromVerdict(PaymentRules::mayVerify(p, busy, now, owner));
}

ActionState ActionRules::refund(const Payment &p, bool busy)
{
    return fromVerdict(PaymentRules::mayRefund(p, busy));
}

ActionState ActionRules::recordRefundOutcome(const Payment &p, bool busy, const QDateTime &now,
                                             PaymentRules::Owner owner)
{
    return fromVerdict(PaymentRules::mayRecordRefundOutcome(p, busy, now, owner));
}

ActionState ActionRules::closeUnfound(const Payment &p, bool busy)
{
    return fromVerdict(PaymentRules::mayCloseUnfound(p, busy));
}

ActionState ActionRules::revoke(const CardToken &t, bool busy)
{
    return fromVerdict(PaymentRules::mayRevoke(t, busy));
}

} // namespace fatora
