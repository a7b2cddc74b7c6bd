#include "payments/Receipt.h"

#include "settings/AppSettings.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::Receipt)
};

} // namespace

Result<void> Receipt::check(const Payment &payment, const QString &merchantName)
{
    if (payment.id == 0)
        return Error{u"receipt"_s, Tr::tr("Select a payment in the transaction history first.")};
    if (payment.state != PaymentState::Approved)
        return Error{u"receipt"_s,
                     Tr::tr("Only an approved payment has a receipt; this one is not approved.")};
    if (payment.refundState == RefundState::Pending || payment.refundState == RefundState::Unknown)
        return Error{u"receipt"_s, Tr::tr("The refund of this payment is not settled yet: record or verify "
                                          "its outcome before printing a receipt.")};
    if (payment.transactionId.isEmpty())
        return Error{u"receipt"_s, Tr::tr("Fatora gave no transaction id for this payment: verify it before "
                                          "printing a receipt.")};
    const QString merchant = merchantName.trimmed();
    if (merchant.isEmpty())
        return Error{u"merchant_name"_s, Tr::tr("Enter the merchant name for receipts in Settings first.")};
    // The settings' own rule for the name (length, one printable line), on otherwise default settings.
    AppSettings named;
    named.merchantName = merchant;
    if (auto ok = named.validate(); !ok)
        return Error{u"merchant_name"_s, Tr::tr("The merchant name in Settings %1").arg(ok.error().message)};
    return {};
}

Result<Receipt> Receipt::make(const Payment &payment, const Customer &customer, const CardToken &card,
                              const QString &merchantName)
{
    if (auto ok = check(payment, merchantName); !ok)
        return ok.error();
    if (card.id != payment.tokenId || customer.id != payment.customerId)
        return Error{u"receipt"_s,
                     Tr::tr("The card or customer read for this receipt is not the payment's.")};
    Receipt r;
    r.kind = payment.refundState == RefundState::Refunded ? Kind::Refund : Kind::Payment;
    r.merchantName = merchantName.trimmed();
    r.customerName = customer.name;
    r.cardMask = card.masked();
    r.cardLabel = card.label;
    // The one rule for which figure a payment counts as (countedAmount): a receipt prints only a
    // figure Fatora confirmed, or the one sent when Fatora reported no other.
    const CountedAmount counted = countedAmount(payment);
    if (counted.takenDiffers)
        return Error{u"amount"_s,
                     Tr::tr("Fatora reports a different amount taken than this charge sent: check "
                            "the payment in Fatora's dashboard before giving a receipt.")};
    switch (counted.kind) {
    case AmountKind::Sent:
        r.amount = *counted.money;
        break;
    case AmountKind::Taken:
        r.amount = *counted.money;
        r.amountIsFirstPayment = true;
        break;
    case AmountKind::Expected:
    case AmountKind::Unknown:
        return Error{u"amount"_s,
                     Tr::tr("This payment was sent without an amount and Fatora has not confirmed "
                            "the amount it took: verify the payment (it asks Fatora), then print "
                            "the receipt.")};
    }
    r.orderId = payment.orderId;
    r.transactionId = payment.transactionId;
    r.authCode = payment.authCode;
    r.at = r.kind == Kind::Refund && payment.refundedAt.isValid() ? payment.refundedAt : payment.createdAt;
    r.operatorName = payment.operatorName;
    r.refundStatus = payment.refundStatus;
    r.testMode = payment.mode.compare(u"TEST"_s, Qt::CaseInsensitive) == 0 ||
                 payment.mode.compare(u"SANDBOX"_s, Qt::CaseInsensitive) == 0;
    return r;
}

} // namespace fatora
