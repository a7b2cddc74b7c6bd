#pragma once

#include "domain/CardToken.h"
#include "domain/Money.h"
#include "domain/Payment.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace fatora {

// How core words values for people (the desk's labels and tooltips, the CLI's messages), in the
// current default locale: one rule for a state's name, a date, an amount, and for keeping ids and
// numbers whole inside right-to-left text. The desk's Display builds on these.
namespace PeopleText {

// Left-to-right text (an order id, a masked token, a date) inside a sentence: wrapped in LRI…PDI
// when the default locale is right-to-left, so it never reorders; unchanged otherwise.
QString isolate(const QString &leftToRightText);
// Text of either direction (a name, a sentence that may be translated) inside a sentence: wrapped in
// FSI…PDI when the default locale is right-to-left; unchanged otherwise.
QString isolateAuto(const QString &text);

QString paymentState(PaymentState state);           // "Approved", "Unknown", ...
QString refundState(RefundState state);             // "refunded", ...; empty for None
QString tokenStatus(TokenStatus status);            // "Active", "Revoked", ...
QString dateTime(const QDateTime &at);              // local "yyyy-MM-dd HH:mm", isolated
QString date(const QDate &day);                     // "yyyy-MM-dd", isolated
QString amount(const std::optional<Money> &amount); // "QAR 12.50", or "first-payment amount"

} // namespace PeopleText

} // namespace fatora
