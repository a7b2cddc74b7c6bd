#include "domain/Payment.h"

using namespace Qt::StringLiterals;

namespace fatora {

// These names are stored in the database (and checked there), printed by the CLI and written to
// CSV: changing one is a schema migration, not a rename.

QString paymentStateName(PaymentState state)
{
    switch (state) {
    case PaymentState::Pending:
        return u"pending"_s;
    case PaymentState::Approved:
        return u"approved"_s;
    case PaymentState::Declined:
        return u"declined"_s;
    case PaymentState::Rejected:
        return u"rejected"_s;
    case PaymentState::NotSent:
        return u"not-sent"_s;
    case PaymentState::Unknown:
        return u"unknown"_s;
    }
    Q_UNREACHABLE();
    return QString();
}

std::optional<PaymentState> paymentStateFromName(const QString &name)
{
    for (PaymentState s : {PaymentState::Pending, PaymentState::Approved, PaymentState::Declined,
                           PaymentState::Rejected, PaymentState::NotSent, PaymentState::Unknown}) {
        if (paymentStateName(s) == name)
            return s;
    }
    return std::nullopt;
}

QString refundStateName(RefundState state)
{
    switch (state) {
    case RefundState::None:
        return u"none"_s;
    case RefundState::Pending:
        return u"pending"_s;
    case RefundState::Refunded:
        return u"refunded"_s;
    case RefundState::Rejected:
        return u"rejected"_s;
    case RefundState::Unknown:
        return u"unknown"_s;
    }
    Q_UNREACHABLE();
    return QString();
}

std::optional<RefundState> refundStateFromName(const QString &name)
{
    for (RefundState s : {RefundState::None, RefundState::Pending, RefundState::Refunded,
                          RefundState::Rejected, RefundState::Unknown}) {
        if (refundStateName(s) == name)
            return s;
    }
    return std::nullopt;
}

QString paymentKindName(PaymentKind kind)
{
    switch (kind) {
    case PaymentKind::Charge:
        return u"charge"_s;
    case PaymentKind::CardRequest:
        return u"card-request"_s;
    }
    Q_UNREACHABLE();
    return QString();
}

std::optional<PaymentKind> paymentKindFromName(const QString &name)
{
    for (PaymentKind k : {PaymentKind::Charge, PaymentKind::CardRequest}) {
        if (paymentKindName(k) == name)
            return k;
    }
    return std::nullopt;
}

QString amountKindName(AmountKind kind)
{
    switch (kind) {
    case AmountKind::Sent:
        return u"sent"_s;
    case AmountKind::Taken:
        return u"taken"_s;
    case AmountKind::Expected:
        return u"expected"_s;
    case AmountKind::Unknown:
        return u"unknown"_s;
    }
    Q_UNREACHABLE();
    return QString();
}

CountedAmount countedAmount(const Payment &payment)
{
    CountedAmount counted;
    if (payment.amount) {
        counted.money = payment.amount;
        counted.kind = AmountKind::Sent;
    } else if (payment.takenAmount) {
        counted.money = payment.takenAmount;
        counted.kind = AmountKind::Taken;
    } else if (payment.expectedAmount) {
        counted.money = payment.expectedAmount;
        counted.kind = AmountKind::Expected;
    }
    // Against what was sent, or for a blank amount against what was expected.
    const std::optional<Money> &promised = payment.amount ? payment.amount : payment.expectedAmount;
    counted.takenDiffers = payment.takenAmount && promised && *payment.takenAmount != *promised;
    return counted;
}

} // namespace fatora
