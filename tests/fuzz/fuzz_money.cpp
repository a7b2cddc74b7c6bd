// Money::parse on arbitrary text. Byte 0 picks the currency (known ones with 0, 2 and 3 decimals,
// and unknown or empty ones); byte 1 bit 0 reads the rest as UTF-16 (lone surrogates included)
// instead of UTF-8.
//
// Asserts: only a known currency parses; a parsed amount is positive, at most MaxMajorUnits, in the
// given currency; its plain text is digits with exactly the currency's decimals and parses back to
// the same minor units, and so does its English and Arabic display text (currency code removed);
// text with a letter or a minus sign is refused; and where the text is plain digits with at most
// one decimal point (any digit script, no grouping), the value equals an independent exact reading.
// Every refusal names the field and says why.

#include "domain/Money.h"
#include "FuzzSupport.h"

#include <QLocale>
#include <QRegularExpression>

#include <array>

using namespace fatora;
using namespace fatora::fuzz;
using namespace Qt::StringLiterals;

namespace {

constexpr std::array Currencies = {u"QAR", u"USD", u"KWD",  u"BHD", u"JPY", u"KRW", u"EUR", u"",
                                   u"qar", u"XXX", u"QAR ", u"OMR", u"SAR", u"AED", u"JOD", u"IDR"};

int digitOf(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= 0x0660 && c <= 0x0669)
        return c - 0x0660;
    if (c >= 0x06F0 && c <= 0x06F9)
        return c - 0x06F0;
    return -1;
}

// The exact value in minor units of text that is only digits and at most one '.' or U+066B, after
// dropping spaces and direction marks at the ends; nullopt for anything else or beyond 30 digits.
std::optional<__int128> plainValue(const QString &text, int decimals, bool *tooManyPlaces)
{
    QString s;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool mark = u == 0x200E || u == 0x200F || u == 0x061C || (u >= 0x202A && u <= 0x202E) ||
                          (u >= 0x2066 && u <= 0x2069);
        if (!mark)
            s += c;
    }
    s = s.trimmed();
    __int128 whole = 0;
    __int128 fraction = 0;
    int places = 0;
    int digits = 0;
    bool point = false;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u == u'.' || u == 0x066B) {
            if (point)
                return std::nullopt;
            point = true;
            continue;
        }
        const int d = digitOf(u);
        if (d < 0 || ++digits > 30)
            return std::nullopt;
        if (point) {
            fraction = fraction * 10 + d;
            ++places;
        } else {
            whole = whole * 10 + d;
        }
    }
    if (digits == 0)
        return std::nullopt;
    *tooManyPlaces = places > decimals;
    if (*tooManyPlaces)
        return std::nullopt;
    for (int i = places; i < decimals; ++i)
        fraction *= 10;
    __int128 scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    return whole * scale + fraction;
}

QString withoutCode(const QString &display, const QString &currency)
{
    return display.startsWith(currency + u' ') ? display.mid(currency.size() + 1) : display;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    initialize();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Reader in(data, size);
    const QString currency = QString::fromUtf16(Currencies[in.byte() % Currencies.size()]);
    const bool utf16 = in.byte() & 1;
    const QByteArray raw = in.rest();
    const QString text =
        utf16 ? QString::fromUtf16(reinterpret_cast<const char16_t *>(raw.constData()), raw.size() / 2)
              : QString::fromUtf8(raw);
    const QString what = u"\""_s + text.left(200) + u"\" in \""_s + currency + u'"';

    const auto parsed = Money::parse(text, currency);
    const int decimals = Money::decimalsFor(currency);
    bool tooManyPlaces = false;
    const auto expected = plainValue(text, decimals, &tooManyPlaces);
    __int128 max = Money::MaxMajorUnits;
    for (int i = 0; i < decimals; ++i)
        max *= 10;

    if (!parsed.ok()) {
        FUZZ_CHECK(!parsed.error().field.isEmpty() && !parsed.error().message.isEmpty(), what);
        if (Money::isKnownCurrency(currency) && expected)
            FUZZ_CHECK(*expected == 0 || *expected > max,
                       what + u" was refused: "_s + parsed.error().message);
        return 0;
    }

    const Money money = parsed.value();
    FUZZ_CHECK(Money::isKnownCurrency(currency) && money.currency() == currency, what);
    FUZZ_CHECK(money.minorUnits() > 0 && money.minorUnits() <= max, what);
    if (expected)
        FUZZ_CHECK(*expected == money.minorUnits(), what);
    FUZZ_CHECK(!tooManyPlaces, what);
    for (QChar c : text)
        FUZZ_CHECK(!c.isLetter() && c != u'-' && c != QChar(0x2212), what);

    const QString plain = money.toPlainString();
    static const QRegularExpression plainShape(u"^[1-9]\\d*$|^\\d+\\.\\d+$"_s);
    FUZZ_CHECK(plainShape.match(plain).hasMatch(), what + u" -> "_s + plain);
    FUZZ_CHECK(decimals == 0 ? !plain.contains(u'.') : plain.section(u'.', 1).size() == decimals,
               what + u" -> "_s + plain);
    const auto again = Money::parse(plain, currency);
    FUZZ_CHECK(again.ok() && again->minorUnits() == money.minorUnits(), what + u" -> "_s + plain);

    for (const QLocale &locale :
         {QLocale(QLocale::English, QLocale::UnitedStates), QLocale(QLocale::Arabic, QLocale::Qatar)}) {
        const QString shown = withoutCode(money.toDisplayString(locale), currency);
        const auto back = Money::parse(shown, currency);
        FUZZ_CHECK(back.ok() && back->minorUnits() == money.minorUnits(), what + u" shown as "_s + shown);
    }
    return 0;
}
