#include "common/Display.h"

#include "payments/PaymentRules.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLocale>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace fatora {

QString Display::isolate(const QString &leftToRightText)
{
    if (leftToRightText.isEmpty() || QGuiApplication::layoutDirection() != Qt::RightToLeft)
        return leftToRightText;
    return QChar(0x2066) + leftToRightText + QChar(0x2069); // LRI … PDI
}

QString Display::plainToolTip(const QString &text)
{
    if (!Qt::mightBeRichText(text))
        return text;
    // Escaped inside a paragraph: Qt then takes it for rich text that renders the typed characters,
    // line breaks included (<br>), where the raw text would have been rendered as markup.
    return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

QString Display::isolateAuto(const QString &text)
{
    if (text.isEmpty() || QGuiApplication::layoutDirection() != Qt::RightToLeft)
        return text;
    return QChar(0x2068) + text + QChar(0x2069); // FSI … PDI
}

QString Display::card(const QString &label, const QString &maskedToken)
{
    if (label.isEmpty())
        return mask(maskedToken);
    const QString pair = isolateAuto(label) + u' ' + mask(maskedToken);
    if (QGuiApplication::layoutDirection() != Qt::RightToLeft)
        return pair;
    // The pair reads right to left as a whole (RLI…PDI): a label or cell takes its direction from
    // its first strong letter, which the isolates hide, and would show the token first.
    return QChar(0x2067) + pair + QChar(0x2069);
}

QString Display::elidedLabel(const QString &label, const QFontMetrics &metrics, int width)
{
    if (metrics.horizontalAdvance(label) <= width)
        return isolateAuto(label);
    return isolateAuto(metrics.elidedText(label, Qt::ElideRight, qMax(width, 0)));
}

QString Display::elidedCard(const QString &label, const QString &maskedToken, const QFontMetrics &metrics,
                            int width)
{
    const QString whole = card(label, maskedToken);
    if (label.isEmpty() || metrics.horizontalAdvance(whole) <= width)
        return whole;
    // Cut the label alone, outside its isolate, so "…" stays inside it and the token stays whole.
    const int room = width - metrics.horizontalAdvance(u' ' + mask(maskedToken));
    const QString shortLabel = metrics.elidedText(label, Qt::ElideRight, qMax(room, 0));
    if (shortLabel.isEmpty())
        return mask(maskedToken);
    return card(shortLabel, maskedToken);
}

QString Display::date(const QDate &date)
{
    if (!date.isValid())
        return {};
    return isolate(QLocale().toString(date, u"yyyy-MM-dd"_s));
}

QString Display::dateTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    return isolate(QLocale().toString(dateTime.toLocalTime(), u"yyyy-MM-dd HH:mm"_s));
}

QString Display::money(const Money &money)
{
    // Money isolates itself in right-to-left locales; isolating again keeps it whole in an
    // RTL layout running with a left-to-right locale.
    const QString text = money.toDisplayString(QLocale());
    if (text.startsWith(QChar(0x2066)))
        return text;
    return isolate(text);
}

QString Display::amount(const std::optional<Money> &amount)
{
    if (amount)
        return money(*amount);
    return QCoreApplication::translate("Display", "first-payment amount");
}

QString Display::countedAmount(const Payment &payment)
{
    const CountedAmount counted = fatora::countedAmount(payment);
    QString text;
    switch (counted.kind) {
    case AmountKind::Sent:
        text = money(*counted.money);
        break;
    case AmountKind::Taken:
        //: A blank-amount charge: the amount the gateway reported taken.
        text = QCoreApplication::translate("Display", "%1 (taken)").arg(money(*counted.money));
        break;
    case AmountKind::Expected:
        //: A blank-amount charge: the card's first payment, expected but not confirmed by the gateway.
        text = QCoreApplication::translate("Display", "%1 (expected)").arg(money(*counted.money));
        break;
    case AmountKind::Unknown:
        return amount(std::nullopt);
    }
    if (counted.takenDiffers)
        text += u" ⚠"_s;
    return text;
}

QString Display::countedAmountExplained(const Payment &payment)
{
    const CountedAmount counted = fatora::countedAmount(payment);
    QString text;
    switch (counted.kind) {
    case AmountKind::Sent:
        text = QCoreApplication::translate("Display", "%1 sent with the charge.").arg(money(*counted.money));
        break;
    case AmountKind::Taken:
        text = QCoreApplication::translate("Display", "No amount sent: Fatora charged the first-payment "
                                                      "amount and reports %1 taken.")
                   .arg(money(*counted.money));
        break;
    case AmountKind::Expected:
        text = QCoreApplication::translate("Display", "No amount sent: Fatora charges the card's first payment, "
                                                      "expected to be %1 (not confirmed by the gateway; Verify "
                                                      "asks).")
                   .arg(money(*counted.money));
        break;
    case AmountKind::Unknown:
        return QCoreApplication::translate("Display", "No amount sent: Fatora charges the card's first payment, "
                                                      "whose amount is not recorded.");
    }
    if (counted.takenDiffers) {
        const Money &promised = payment.amount ? *payment.amount : *payment.expectedAmount;
        text += u' ' + QCoreApplication::translate("Display", "The gateway reports %1 taken, not %2.")
                           .arg(money(*payment.takenAmount), money(promised));
    }
    return text;
}

QString Display::paymentState(PaymentState state)
{
    switch (state) {
    case PaymentState::Pending:
        return QCoreApplication::translate("Display", "In flight");
    case PaymentState::Approved:
        return QCoreApplication::translate("Display", "Approved");
    case PaymentState::Declined:
        return QCoreApplication::translate("Display", "Declined");
    case PaymentState::Rejected:
        return QCoreApplication::translate("Display", "Rejected");
    case PaymentState::NotSent:
        return QCoreApplication::translate("Display", "Not sent");
    case PaymentState::Unknown:
        return QCoreApplication::translate("Display", "Unknown");
    }
    return {};
}

QString Display::refundState(RefundState state)
{
    switch (state) {
    case RefundState::None:
        return {};
    case RefundState::Pending:
        return QCoreApplication::translate("Display", "refund pending");
    case RefundState::Refunded:
        return QCoreApplication::translate("Display", "refunded");
    case RefundState::Rejected:
        return QCoreApplication::translate("Display", "refund rejected");
    case RefundState::Unknown:
        return QCoreApplication::translate("Display", "refund unknown");
    }
    return {};
}

QString Display::tokenStatus(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Active:
        return QCoreApplication::translate("Display", "Active");
    case TokenStatus::RevokePending:
        return QCoreApplication::translate("Display", "Revoke pending");
    case TokenStatus::Deactivated:
        return QCoreApplication::translate("Display", "Deactivated");
    case TokenStatus::Expired:
        return QCoreApplication::translate("Display", "Expired");
    case TokenStatus::Invalid:
        return QCoreApplication::translate("Display", "Invalid");
    }
    return {};
}

QString Display::paymentSummary(const Payment &payment)
{
    // A card request whose link is out waits for its customer, not for an answer from Fatora; once a
    // check found it unpaid past its lifetime it is an expired link, not a charge of unknown outcome.
    if (payment.isCardRequest() && !payment.checkoutUrl.isEmpty()) {
        if (payment.state == PaymentState::Pending)
            return QCoreApplication::translate("Display", "Waiting for the customer");
        if (payment.state == PaymentState::Unknown && PaymentRules::cardRequestFoundUnpaid(payment))
            return QCoreApplication::translate("Display", "Link expired");
    }
    const QString refund = refundState(payment.refundState);
    if (refund.isEmpty())
        return paymentState(payment.state);
    return QCoreApplication::translate("Display", "%1 · %2").arg(paymentState(payment.state), refund);
}

QColor Display::paymentColor(const Payment &payment)
{
    if (payment.refundState == RefundState::Refunded)
        return QColor(0x13, 0x6f, 0x78); // teal
    switch (payment.state) {
    case PaymentState::Pending:
        return QColor(0x1f, 0x5f, 0xa8); // blue
    case PaymentState::Approved:
        return successColor();
    case PaymentState::Declined:
        return errorColor();
    case PaymentState::Rejected:
        return QColor(0x7a, 0x2e, 0x8e); // purple
    case PaymentState::NotSent:
        return QColor(0x5f, 0x66, 0x6d); // grey
    case PaymentState::Unknown:
        return warningColor();
    }
    return QColor(0x5f, 0x66, 0x6d);
}

QColor Display::tokenColor(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Active:
        return successColor();
    case TokenStatus::RevokePending:
        return warningColor();
    case TokenStatus::Deactivated:
        return QColor(0x5f, 0x66, 0x6d);
    case TokenStatus::Expired:
        return QColor(0x8a, 0x4b, 0x2a);
    case TokenStatus::Invalid:
        return errorColor();
    }
    return QColor(0x5f, 0x66, 0x6d);
}

QColor Display::sandboxColor()
{
    return QColor(0xb3, 0x4d, 0x00); // deep orange with white text: loud on any palette
}

QColor Display::errorColor()
{
    return QColor(0xb0, 0x2a, 0x37);
}

QColor Display::warningColor()
{
    return QColor(0xa8, 0x5a, 0x00);
}

QColor Display::successColor()
{
    return QColor(0x1b, 0x73, 0x3a);
}

QString Display::badgeStyleSheet(const QColor &colour)
{
    return u"QLabel { background-color: %1; color: white; padding: 6px; border-radius: 4px; }"_s.arg(
        colour.name());
}

QString Display::expiryWarning(const QDate &expiresOn, const QDate &today)
{
    if (!expiresOn.isValid() || !today.isValid())
        return {};
    const qint64 days = today.daysTo(expiresOn);
    if (days < 0)
        return QCoreApplication::translate("Display", "expired");
    if (days == 0)
        return QCoreApplication::translate("Display", "expires today");
    if (days == 1)
        return QCoreApplication::translate("Display", "expires tomorrow");
    if (days <= ExpiryWarningDays)
        return QCoreApplication::translate("Display", "expires in %n days", nullptr, int(days));
    return {};
}

} // namespace fatora
