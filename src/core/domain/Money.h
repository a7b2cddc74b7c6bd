#pragma once

#include "domain/Result.h"

#include <QJsonValue>
#include <QString>
#include <QtGlobal>

class QLocale;

namespace fatora {

// An amount of money as integer minor units plus an ISO 4217 currency code.
// Money never travels as a double; the only floating point step is the last one of JSON
// encoding (toJson), where minor / 10^decimals is exactly representable as shortest text.
class Money
{
public:
    // The gateway takes amounts far below this; anything above is a typo, not a payment.
    static constexpr qint64 MaxMajorUnits = 10'000'000'000LL;

    Money() = default;
    Money(qint64 minorUnits, const QString &currency);

    qint64 minorUnits() const { return m_minor; }
    QString currency() const { return m_currency; }
    int decimals() const { return decimalsFor(m_currency); }
    bool isValid() const { return !m_currency.isEmpty(); }

    // Plain, locale independent text: "123.45", "0.010" for KWD. Used on the wire, in CSV and SQL.
    QString toPlainString() const;
    // The JSON number for the gateway's "amount" field.
    QJsonValue toJson() const;
    // For people: locale digits and grouping, currency code in front, e.g. "QAR 1,234.50".
    // In right-to-left locales the number is wrapped in LRI…PDI so it never reorders.
    QString toDisplayString(const QLocale &locale) const;

    // 2 for QAR and most currencies, 3 for KWD, BHD, OMR, JOD, TND, LYD, IQD; 0 for JPY and KRW.
    static int decimalsFor(const QString &currency);
    static bool isKnownCurrency(const QString &currency);

    // Parses what an operator typed. Accepts ASCII and Arabic-Indic digits (also Persian),
    // '.' or the Arabic decimal separator '٫', ',' / '٬' / NBSP grouping, surrounding spaces.
    // Rejects, naming the field: empty, zero, negative, too many decimals, letters, overflow.
    static Result<Money> parse(const QString &text, const QString &currency,
                               const QString &field = QStringLiteral("amount"));

    friend bool operator==(const Money &, const Money &) = default;

private:
    qint64 m_minor = 0;
    QString m_currency;
};

} // namespace fatora
