#pragma once

#include "store/Store.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fatora::cli {

// How records look on a terminal and in --json. JSON keys are snake_case and stable: scripts read them.
// Money in JSON is a string ("123.45"), never a float; an absent amount is null.
namespace format {

QJsonObject customer(const CustomerSummary &summary);
QJsonObject customer(const Customer &customer);
// The token text is masked unless showToken; "token_masked" is always present.
QJsonObject token(const CardToken &token, const QString &customerName, bool showToken, const QDate &today);
QJsonObject payment(const Payment &payment, const QString &customerName, const QString &tokenMask,
                    const QString &tokenLabel);
QJsonObject payment(const PaymentRow &row);

// "QAR 123.45", or the words for "the first-payment amount" when none was given.
QString amount(const std::optional<Money> &amount);
QString amount(const std::optional<Money> &amount, const std::optional<Money> &firstAmount);
// The figure a payment counts as (countedAmount) and which it is: "QAR 100.00", "QAR 123.45 (expected
// first payment)", "QAR 120.00 (taken)", "the first-payment amount (figure not known)"; a taken
// amount that differs is named beside it.
QString countedAmount(const Payment &payment);
QString localDateTime(const QDateTime &at); // "2026-11-25 13:00", local time
QString date(const QDate &date);

// Text from the gateway, labels or the database as one line on a terminal: control characters (line
// breaks included) and bidi overrides escaped (PrintableText::escape).
QString printable(const QString &text);

// Columns padded to the widest cell; the last column is not padded. Cells are shown printable().
QString table(const QStringList &headers, const QList<QStringList> &rows);

} // namespace format

} // namespace fatora::cli
