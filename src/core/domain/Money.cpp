#include "domain/Money.h"

#include <QCoreApplication>
#include <QLocale>

#include <array>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// ISO 4217 codes an operator of a Gulf merchant can plausibly meet. A code outside this list is
// refused rather than guessed at, because its decimals decide how many minor units go on the wire.
constexpr std::array KnownCurrencies = {
    u"AED", u"AUD", u"BHD", u"CAD", u"CHF", u"CNY", u"DKK", u"DZD", u"EGP", u"EUR", u"GBP",
    u"HKD", u"INR", u"IQD", u"JOD", u"JPY", u"KRW", u"KWD", u"LBP", u"LKR", u"LYD", u"MAD",
    u"MYR", u"NOK", u"NPR", u"NZD", u"OMR", u"PHP", u"PKR", u"QAR", u"SAR", u"SDG", u"SEK",
    u"SGD", u"SYP", u"TND", u"TRY", u"USD", u"YER", u"ZAR", u"BDT", u"IDR",
};

constexpr std::array ThreeDecimalCurrencies = {u"KWD", u"BHD", u"OMR", u"JOD", u"TND", u"LYD", u"IQD"};
constexpr std::array ZeroDecimalCurrencies = {u"JPY", u"KRW"};

template <std::size_t N> bool contains(const std::array<const char16_t *, N> &list, const QString &code)
{
    for (const char16_t *entry : list) {
        if (code == QStringView(entry))
            return true;
    }
    return false;
}

qint64 pow10(int exponent)
{
    qint64 value = 1;
    for (int i = 0; i < exponent; ++i)
        value *= 10;
    return value;
}

// Operator-facing messages are translated under the Money context.
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::Money)
};

// Invisible direction marks that come along when an amount is copied from a right-to-left
// screen (including our own toDisplayString output). They carry no value, so they are dropped.
bool isBidiMark(char16_t c)
{
    return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

enum class Separator { None, Comma, Space };

Separator groupingKind(char16_t c)
{
    if (c == u',' || c == 0x066C) // ASCII comma, Arabic thousands separator
        return Separator::Comma;
    if (c == u' ' || c == 0x00A0 || c == 0x202F || c == 0x2009) // space, NBSP, narrow NBSP, thin space
        return Separator::Space;
    return Separator::None;
}

// ASCII value of a digit in any script we accept, or -1.
int digitValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= 0x0660 && c <= 0x0669) // Arabic-Indic
        return c - 0x0660;
    if (c >= 0x06F0 && c <= 0x06F9) // Extended Arabic-Indic (Persian, Urdu)
        return c - 0x06F0;
    return -1;
}

QString describeChar(QChar c)
{
    if (c.isPrint() && !c.isSpace())
        return u"\u201C"_s + c + u"\u201D"_s;
    return u"U+%1"_s.arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
}

} // namespace

Money::Money(qint64 minorUnits, const QString &currency) : m_minor(minorUnits), m_currency(currency) {}

int Money::decimalsFor(const QString &currency)
{
    if (contains(ThreeDecimalCurrencies, currency))
        return 3;
    if (contains(ZeroDecimalCurrencies, currency))
        return 0;
    return 2;
}

bool Money::isKnownCurrency(const QString &currency)
{
    return contains(KnownCurrencies, currency);
}

QString Money::toPlainString() const
{
    const int d = decimals();
    // Magnitude as unsigned so that even the most negative qint64 cannot overflow on negation.
    const quint64 magnitude = m_minor < 0 ? 0 - quint64(m_minor) : quint64(m_minor);
    const quint64 scale = quint64(pow10(d));
    QString text = m_minor < 0 ? u"-"_s : QString();
    text += QString::number(magnitude / scale);
    if (d > 0)
        text += u'.' + u"%1"_s.arg(magnitude % scale, d, 10, QLatin1Char('0'));
    return text;
}

QJsonValue Money::toJson() const
{
    // minor and 10^d are both exact doubles and IEEE division rounds correctly, so the result is
    // the double nearest to the decimal amount and its shortest representation is that decimal.
    return QJsonValue(double(m_minor) / double(pow10(decimals())));
}

QString Money::toDisplayString(const QLocale &locale) const
{
    const int d = decimals();
    const quint64 magnitude = m_minor < 0 ? 0 - quint64(m_minor) : quint64(m_minor);
    const quint64 scale = quint64(pow10(d));

    // Whole part through the locale (its digits and grouping); the fraction digit by digit in the
    // locale's digits, so that no floating point step can round a fils away.
    QString number = locale.toString(qulonglong(magnitude / scale));
    if (d > 0) {
        const QString fraction = u"%1"_s.arg(magnitude % scale, d, 10, QLatin1Char('0'));
        number += locale.decimalPoint();
        for (QChar c : fraction)
            number += locale.toString(c.digitValue());
    }
    if (m_minor < 0)
        number.prepend(locale.negativeSign());
    if (locale.textDirection() == Qt::RightToLeft)
        number = QChar(0x2066) + number + QChar(0x2069); // LRI … PDI
    return m_currency + u' ' + number;
}

Result<Money> Money::parse(const QString &text, const QString &currency, const QString &field)
{
    if (currency.isEmpty())
        return Error{u"currency"_s, Tr::tr("Choose a currency for the amount.")};
    if (!isKnownCurrency(currency)) {
        return Error{
            u"currency"_s,
            Tr::tr("\u201C%1\u201D is not a currency this application knows; use a three-letter ISO code "
                   "such as QAR.")
                .arg(currency)};
    }
    const int d = decimalsFor(currency);

    QString cleaned;
    cleaned.reserve(text.size());
    for (QChar c : text) {
        if (!isBidiMark(c.unicode()))
            cleaned += c;
    }
    // QString::trimmed treats NBSP and the other Unicode spaces as white space too.
    cleaned = cleaned.trimmed();

    if (cleaned.isEmpty())
        return Error{field, Tr::tr("Enter an amount.")};

    const char16_t first = cleaned.front().unicode();
    if (first == u'-' || first == 0x2212 || cleaned.back() == u'-')
        return Error{field, Tr::tr("The amount must be positive; to give money back, refund the payment.")};

    // Split into whole part and fraction at the (single) decimal separator.
    qsizetype decimalAt = -1;
    for (qsizetype i = 0; i < cleaned.size(); ++i) {
        const char16_t c = cleaned.at(i).unicode();
        if (c == u'.' || c == 0x066B) { // '.' or Arabic decimal separator
            if (decimalAt >= 0)
                return Error{field, Tr::tr("The amount has more than one decimal point.")};
            decimalAt = i;
        }
    }
    const QStringView whole = decimalAt < 0 ? QStringView(cleaned) : QStringView(cleaned).left(decimalAt);
    const QStringView fraction = decimalAt < 0 ? QStringView() : QStringView(cleaned).mid(decimalAt + 1);

    // Anything that is neither a digit nor a separator is refused by name before grouping is
    // judged, so "12a" says "a", not "malformed grouping".
    for (QChar c : cleaned) {
        const char16_t u = c.unicode();
        if (digitValue(u) < 0 && groupingKind(u) == Separator::None && u != u'.' && u != 0x066B) {
            return Error{field,
                         Tr::tr("The amount may contain only digits and a decimal point; %1 is not allowed.")
                             .arg(describeChar(c))};
        }
    }

    // Whole part: digits, optionally grouped in threes with one kind of separator.
    QString wholeDigits;
    Separator kind = Separator::None;
    int groupLength = 0;
    bool sawSeparator = false;
    for (qsizetype i = 0; i < whole.size(); ++i) {
        const char16_t u = whole.at(i).unicode();
        const int digit = digitValue(u);
        if (digit >= 0) {
            wholeDigits += QChar(u'0' + digit);
            ++groupLength;
            continue;
        }
        const Separator sep = groupingKind(u);
        const bool badGroup = groupLength == 0 || (sawSeparator ? groupLength != 3 : groupLength > 3);
        if ((kind != Separator::None && sep != kind) || badGroup) {
            return Error{field,
                         Tr::tr("The digit grouping of the amount is malformed; write it as 1234.50 or "
                                "1,234.50.")};
        }
        kind = sep;
        sawSeparator = true;
        groupLength = 0;
    }
    if (sawSeparator && groupLength != 3) {
        return Error{
            field, Tr::tr("The digit grouping of the amount is malformed; write it as 1234.50 or 1,234.50.")};
    }

    QString fractionDigits;
    for (QChar c : fraction) {
        const int digit = digitValue(c.unicode());
        if (digit < 0) {
            return Error{field,
                         Tr::tr("Digits after the decimal point cannot be grouped; write it as 1234.50.")};
        }
        fractionDigits += QChar(u'0' + digit);
    }

    if (wholeDigits.isEmpty() && fractionDigits.isEmpty())
        return Error{field, Tr::tr("The amount has no digits.")};

    if (fractionDigits.size() > d) {
        if (d == 0)
            return Error{field, Tr::tr("%1 amounts have no decimal places.").arg(currency)};
        return Error{field, Tr::tr("%1 amounts have at most %2 decimal places; \u201C%3\u201D has %4.")
                                .arg(currency, QString::number(d), text.trimmed(),
                                     QString::number(fractionDigits.size()))};
    }

    // Leading zeros carry no value; past that, more digits than MaxMajorUnits has is an overflow,
    // checked before conversion so that no qint64 arithmetic can wrap.
    qsizetype firstSignificant = 0;
    while (firstSignificant < wholeDigits.size() && wholeDigits.at(firstSignificant) == u'0')
        ++firstSignificant;
    const QString significant = wholeDigits.mid(firstSignificant);
    const QString tooLarge = Tr::tr("The amount is too large; the most this application accepts is %1.")
                                 .arg(Money(MaxMajorUnits * pow10(d), currency).toPlainString());
    if (significant.size() > QString::number(MaxMajorUnits).size())
        return Error{field, tooLarge};

    const qint64 major = significant.isEmpty() ? 0 : significant.toLongLong();
    const qint64 minorFraction =
        fractionDigits.isEmpty() ? 0 : fractionDigits.toLongLong() * pow10(d - int(fractionDigits.size()));
    const qint64 minor = major * pow10(d) + minorFraction;
    if (minor > MaxMajorUnits * pow10(d))
        return Error{field, tooLarge};
    if (minor == 0)
        return Error{field, Tr::tr("The amount must be more than zero.")};

    return Money(minor, currency);
}

} // namespace fatora
