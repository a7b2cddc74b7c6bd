#pragma once

#include "domain/CardToken.h"
#include "domain/Customer.h"
#include "domain/Money.h"
#include "domain/Payment.h"
#include "domain/Result.h"

#include <QDateTime>
#include <QString>

namespace fatora {

// What a receipt says, as a value: made from a payment, its customer and its card, and the merchant's
// name from the settings. Only an approved payment (or a refunded one) has a receipt; make() refuses
// anything else with the reason the desk shows on its disabled receipt actions. The card is its mask
// alone ("•••• 9Xq="): a receipt never holds the full token, and never the API key.
struct Receipt
{
    enum class Kind { Payment, Refund };

    Kind kind = Kind::Payment;
    QString merchantName;
    QString customerName;
    QString cardMask;  // CardToken::maskToken
    QString cardLabel; // "Visa business card"; may be empty
    Money amount;
    // The payment was sent without an amount: Fatora charged the first payment's, as its verify
    // reported it (countedAmount's "taken"); shown here.
    bool amountIsFirstPayment = false;
    QString orderId;
    QString transactionId;
    QString authCode;
    QDateTime at; // when charged, or when refunded
    QString operatorName;
    QString refundStatus; // Fatora's refund_status, refunds only
    bool testMode = false; // Fatora's mode said TEST / the sandbox

    // Refunded payments give a refund receipt, approved ones a payment receipt.
    static Result<Receipt> make(const Payment &payment, const Customer &customer, const CardToken &card,
                                const QString &merchantName);
    // Whether make() would succeed, and if not why: the same reason, without needing the card.
    static Result<void> check(const Payment &payment, const QString &merchantName);
};

} // namespace fatora
