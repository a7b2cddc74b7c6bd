#include "gateway/GatewayReason.h"

#include "domain/PeopleText.h"
#include "payments/AnswerRecorder.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::GatewayReason)
};

// ISO 8583 response codes as Fatora passes them on ("51", sometimes "051").
GatewayReason::Kind fromCode(const QString &statusCode)
{
    bool isNumber = false;
    const int code = statusCode.trimmed().toInt(&isNumber);
    if (!isNumber)
        return GatewayReason::Kind::None;
    switch (code) {
    case 51:
        return GatewayReason::Kind::InsufficientFunds;
    case 59:
    case 34:
    case 43:
    case 41:
        return GatewayReason::Kind::Blocked;
    case 54:
    case 33:
        return GatewayReason::Kind::CardExpired;
    case 14:
        return GatewayReason::Kind::TokenInvalid;
    case 1:
    case 2:
    case 5:
        return GatewayReason::Kind::ContactBank;
    case 61:
    case 65:
        return GatewayReason::Kind::LimitExceeded;
    default:
        return GatewayReason::Kind::None;
    }
}

// Fatora's decline descriptions ("Transaction Declined, Insufficient credit", "Transaction Blocked",
// "Token invalid", "Transaction Declined, Contact issuing Bank"): the words decide when the code
// is missing or unknown.
GatewayReason::Kind fromDescription(const QString &description)
{
    if (description.isEmpty())
        return GatewayReason::Kind::None;
    if (AnswerRecorder::describesInvalidToken(description))
        return GatewayReason::Kind::TokenInvalid;
    const auto has = [&description](const char16_t *pattern) {
        return QRegularExpression(QString::fromUtf16(pattern), QRegularExpression::CaseInsensitiveOption)
            .match(description)
            .hasMatch();
    };
    if (has(u"insufficient|not enough (funds|credit|balance)"))
        return GatewayReason::Kind::InsufficientFunds;
    if (has(u"\\bblock|fraud|risk|suspect"))
        return GatewayReason::Kind::Blocked;
    if (has(u"expired card|card (has )?expired|expiry"))
        return GatewayReason::Kind::CardExpired;
    if (has(u"limit"))
        return GatewayReason::Kind::LimitExceeded;
    if (has(u"issuing bank|issuer|do not honou?r"))
        return GatewayReason::Kind::ContactBank;
    return GatewayReason::Kind::None;
}

} // namespace

GatewayReason::Kind GatewayReason::classify(PaymentState state, const QString &statusCode,
                                            const QString &description, int httpStatus)
{
    switch (state) {
    case PaymentState::Declined: {
        if (const Kind byText = fromDescription(description); byText != Kind::None)
            return byText;
        if (const Kind byCode = fromCode(statusCode); byCode != Kind::None)
            return byCode;
        return Kind::BankDeclined;
    }
    case PaymentState::Rejected:
        if (httpStatus == 401)
            return Kind::KeyRefused;
        if (httpStatus == 403)
            return Kind::KeyInactive;
        return Kind::RequestRefused;
    case PaymentState::NotSent:
        return Kind::NotReached;
    case PaymentState::Unknown:
        if (httpStatus == 0)
            return Kind::NoAnswer;
        if (httpStatus >= 500)
            return Kind::ServerTrouble;
        return Kind::UnclearAnswer;
    case PaymentState::Pending:
    case PaymentState::Approved:
        break;
    }
    return Kind::None;
}

QString GatewayReason::plain(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::InsufficientFunds:
        return Tr::tr("Insufficient funds on the card.");
    case Kind::Blocked:
        return Tr::tr("Blocked by the bank's or Fatora's fraud checks.");
    case Kind::CardExpired:
        return Tr::tr("The card has expired.");
    case Kind::TokenInvalid:
        return Tr::tr("This saved card can no longer be charged (expired or cancelled).");
    case Kind::ContactBank:
        return Tr::tr("The customer's bank declined the card and asks the customer to contact it.");
    case Kind::LimitExceeded:
        return Tr::tr("The amount is over the card's limit.");
    case Kind::BankDeclined:
        return Tr::tr("The bank declined the card.");
    case Kind::KeyRefused:
        return Tr::tr("Fatora did not accept the merchant's API key.");
    case Kind::KeyInactive:
        return Tr::tr("The merchant's API key is switched off in the Fatora dashboard.");
    case Kind::RequestRefused:
        return Tr::tr("Fatora refused the request before processing it.");
    case Kind::NotReached:
        return Tr::tr("The request did not reach Fatora, so nothing was charged.");
    case Kind::NoAnswer:
        return Tr::tr("Fatora's answer did not arrive, so nobody can tell yet whether the money moved.");
    case Kind::ServerTrouble:
        return Tr::tr("Fatora had a problem on its side while handling this, so nobody can tell yet "
                      "whether the money moved.");
    case Kind::UnclearAnswer:
        return Tr::tr("Fatora's answer could not be read, so nobody can tell yet whether the money moved.");
    }
    return {};
}

QString GatewayReason::advice(Kind kind)
{
    switch (kind) {
    case Kind::None:
    case Kind::BankDeclined:
        return {};
    case Kind::InsufficientFunds:
    case Kind::LimitExceeded:
        return Tr::tr("Ask the customer for another card or a smaller amount.");
    case Kind::Blocked:
    case Kind::ContactBank:
    case Kind::CardExpired:
        return Tr::tr("Ask the customer to contact their bank or to pay with another card.");
    case Kind::TokenInvalid:
        return Tr::tr("The customer must pay once more online to save the card again.");
    case Kind::KeyRefused:
    case Kind::KeyInactive:
        return Tr::tr("Check the API key in Settings.");
    case Kind::RequestRefused:
        return Tr::tr("Check the amount and the card, then try again.");
    case Kind::NotReached:
        return Tr::tr("It is safe to try again.");
    case Kind::NoAnswer:
    case Kind::ServerTrouble:
    case Kind::UnclearAnswer:
        return Tr::tr("Verify it before charging again.");
    }
    return {};
}

bool GatewayReason::isTechnical(Kind kind)
{
    switch (kind) {
    case Kind::NotReached:
    case Kind::NoAnswer:
    case Kind::ServerTrouble:
    case Kind::UnclearAnswer:
        return true;
    default:
        return false;
    }
}

QString GatewayReason::withOriginal(Kind kind, const QString &original)
{
    const QString reason = plain(kind);
    if (original.isEmpty())
        return reason;
    if (reason.isEmpty())
        return original;
    // Fatora's words are its own (English) text; the technical account is the desk's, translated.
    if (isTechnical(kind))
        return Tr::tr("%1 — technical detail: “%2”").arg(reason, PeopleText::isolateAuto(original));
    return Tr::tr("%1 — Fatora said: “%2”").arg(reason, PeopleText::isolate(original));
}

QString GatewayReason::originalText(const Payment &payment)
{
    return payment.description.isEmpty() ? payment.errorText : payment.description;
}

GatewayReason::Kind GatewayReason::of(const Payment &payment)
{
    return classify(payment.state, payment.statusCode, payment.description, payment.httpStatus);
}

QString GatewayReason::explain(const Payment &payment)
{
    const Kind kind = of(payment);
    if (kind == Kind::None)
        return {};
    return withOriginal(kind, originalText(payment));
}

} // namespace fatora
