#include "domain/PeopleText.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace fatora {

// The names share the translation context "Display" with the desk, which shows them everywhere.
#define FATORA_TR(text) QCoreApplication::translate("Display", text)

QString PeopleText::isolate(const QString &leftToRightText)
{
    if (leftToRightText.isEmpty() || QLocale().textDirection() != Qt::RightToLeft)
        return leftToRightText;
    return QChar(0x2066) + leftToRightText + QChar(0x2069); // LRI … PDI
}

QString PeopleText::isolateAuto(const QString &text)
{
    if (text.isEmpty() || QLocale().textDirection() != Qt::RightToLeft)
        return text;
    return QChar(0x2068) + text + QChar(0x2069); // FSI … PDI
}

QString PeopleText::paymentState(PaymentState state)
{
    switch (state) {
    case PaymentState::Pending:
        return FATORA_TR("In flight");
    case PaymentState::Approved:
        return FATORA_TR("Approved");
    case PaymentState::Declined:
        return FATORA_TR("Declined");
    case PaymentState::Rejected:
        return FATORA_TR("Rejected");
    case PaymentState::NotSent:
        return FATORA_TR("Not sent");
    case PaymentState::Unknown:
        return FATORA_TR("Unknown");
    }
    return {};
}

QString PeopleText::refundState(RefundState state)
{
    switch (state) {
    case RefundState::None:
        return {};
    case RefundState::Pending:
        return FATORA_TR("refund pending");
    case RefundState::Refunded:
        return FATORA_TR("refunded");
    case RefundState::Rejected:
        return FATORA_TR("refund rejected");
    case RefundState::Unknown:
        return FATORA_TR("refund unknown");
    }
    return {};
}

QString PeopleText::tokenStatus(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Active:
        return FATORA_TR("Active");
    case TokenStatus::RevokePending:
        return FATORA_TR("Revoke pending");
    case TokenStatus::Deactivated:
        return FATORA_TR("Deactivated");
    case TokenStatus::Expired:
        return FATORA_TR("Expired");
    case TokenStatus::Invalid:
        return FATORA_TR("Invalid");
    }
    return {};
}

QString PeopleText::dateTime(const QDateTime &at)
{
    if (!at.isValid())
        return {};
    return isolate(QLocale().toString(at.toLocalTime(), u"yyyy-MM-dd HH:mm"_s));
}

QString PeopleText::date(const QDate &day)
{
    if (!day.isValid())
        return {};
    return isolate(QLocale().toString(day, u"yyyy-MM-dd"_s));
}

QString PeopleText::amount(const std::optional<Money> &amount)
{
    if (amount)
        return amount->toDisplayString(QLocale());
    return FATORA_TR("first-payment amount");
}

#undef FATORA_TR

} // namespace fatora
