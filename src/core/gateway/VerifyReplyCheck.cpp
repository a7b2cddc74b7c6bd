#include "gateway/VerifyReplyCheck.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::VerifyReplyCheck)
};

constexpr qsizetype MaxShownChars = 64;

QString quoted(const QString &text)
{
    return u"\"%1\""_s.arg(text.size() > MaxShownChars ? text.left(MaxShownChars) + u'…' : text);
}

// The reported amount as exact minor units of `currency`. Trailing zeros beyond the currency's
// decimals ("12.000" for QAR) say nothing more and are accepted; anything else unreadable is not.
std::optional<Money> reportedAmount(const QString &text, const QString &currency)
{
    QString plain = text;
    if (plain.contains(u'.')) {
        while (plain.endsWith(u'0'))
            plain.chop(1);
        if (plain.endsWith(u'.'))
            plain.chop(1);
    }
    // Only plain ASCII decimals, as JSON numbers and Fatora's texts are: no grouping, no exponent.
    if (plain.isEmpty())
        return std::nullopt;
    for (const QChar c : std::as_const(plain)) {
        if (!(c.unicode() >= u'0' && c.unicode() <= u'9') && c != u'.')
            return std::nullopt;
    }
    auto parsed = Money::parse(plain, currency);
    if (!parsed.ok())
        return std::nullopt;
    return parsed.value();
}

} // namespace

VerifyVerdict judgeVerifyReply(const Payment &payment, const GatewayResult &result)
{
    VerifyVerdict verdict;
    if (result.operation != GatewayOperation::Verify) {
        verdict.mismatch = Tr::tr("The reply is not a verify reply.");
        return verdict;
    }
    if (result.outcome != GatewayOutcome::Success) {
        verdict.mismatch =
            result.errorText.isEmpty()
                ? Tr::tr("The verify call did not succeed (%1).").arg(gatewayOutcomeName(result.outcome))
                : result.errorText;
        return verdict;
    }

    QStringList problems;
    if (!result.duplicateKeys.isEmpty()) {
        QStringList keys;
        for (const QString &key : result.duplicateKeys)
            keys.append(quoted(key));
        problems.append(Tr::tr("the reply gives %1 twice").arg(keys.join(u", "_s)));
    }

    if (result.orderIdDropped)
        problems.append(Tr::tr("the reply's order id was unreadable (too long or with control characters), "
                               "the charge's is %1")
                            .arg(quoted(payment.orderId)));
    else if (result.orderId.isEmpty())
        problems.append(
            Tr::tr("the reply names no order id, the charge's is %1").arg(quoted(payment.orderId)));
    else if (result.orderId != payment.orderId)
        problems.append(Tr::tr("the reply is about order %1, the charge is %2")
                            .arg(quoted(result.orderId), quoted(payment.orderId)));

    if (!payment.transactionId.isEmpty()) {
        if (result.transactionIdDropped)
            problems.append(Tr::tr("the reply's transaction id was unreadable, the charge's is %1")
                                .arg(quoted(payment.transactionId)));
        else if (!result.transactionId.isEmpty() && result.transactionId != payment.transactionId)
            problems.append(Tr::tr("the reply names transaction %1, the charge's is %2")
                                .arg(quoted(result.transactionId), quoted(payment.transactionId)));
    }

    // Up to here: whether the reply is about this payment at all.
    const bool aboutThisPayment = problems.isEmpty();

    // Given as "", null or an object, the amount or currency is not the charge's either: only one
    // the reply does not give at all is not compared.
    const bool currencyGiven = result.verifiedCurrencyGiven || !result.verifiedCurrency.isEmpty();
    const bool amountGiven = result.verifiedAmountGiven || !result.verifiedAmount.isEmpty();
    const QString currency = payment.amount ? payment.amount->currency() : payment.currency;
    bool currencyMatches = true;
    if (currencyGiven && result.verifiedCurrency != currency) {
        currencyMatches = false;
        problems.append(Tr::tr("the gateway reports the currency %1, the charge was in %2")
                            .arg(quoted(result.verifiedCurrency), quoted(currency)));
    }
    const std::optional<Money> reported =
        amountGiven && currencyMatches ? reportedAmount(result.verifiedAmount, currency) : std::nullopt;
    if (aboutThisPayment && reported && result.paymentStatus == u"SUCCESS"_s)
        verdict.takenAmount = reported;
    if (amountGiven && payment.amount && currencyMatches) {
        if (!reported)
            problems.append(
                Tr::tr("the gateway reports the amount %1, which is not an amount in %2; the "
                       "charge was %2 %3")
                    .arg(quoted(result.verifiedAmount), currency, payment.amount->toPlainString()));
        else if (*reported != *payment.amount)
            problems.append(Tr::tr("the gateway reports %1 %2, the charge was %1 %3")
                                .arg(currency, reported->toPlainString(), payment.amount->toPlainString()));
    }

    std::optional<PaymentState> state;
    if (result.paymentStatus == u"SUCCESS"_s)
        state = PaymentState::Approved;
    else if (result.paymentStatus == u"FAILURE"_s)
        state = PaymentState::Declined;
    else
        problems.append(
            Tr::tr("the payment status is %1, neither SUCCESS nor FAILURE")
                .arg(result.paymentStatus.isEmpty() ? Tr::tr("missing") : quoted(result.paymentStatus)));

    if (problems.isEmpty()) {
        verdict.settlesAs = state;
        return verdict;
    }
    //: The problems found, joined by "; ", each starting in lower case.
    verdict.mismatch = Tr::tr("The verify reply does not settle the charge: %1.").arg(problems.join(u"; "_s));
    return verdict;
}

void settleFromVerify(Payment &payment, const GatewayResult &result, PaymentState settlesAs)
{
    payment.state = settlesAs;
    payment.gatewayStatus = result.paymentStatus;
    const auto keep = [](QString &field, const QString &given) {
        if (!given.isEmpty())
            field = given;
    };
    keep(payment.transactionId, result.transactionId);
    keep(payment.authCode, result.authCode);
    keep(payment.mode, result.mode);
    keep(payment.description, result.description);
    keep(payment.statusCode, result.statusCode);
}

} // namespace fatora
