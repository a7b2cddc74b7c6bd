#include "customers/CustomerSearch.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// QChar::digitValue() knows every Unicode decimal digit; all digits in use here are in the BMP.
int decimalDigit(QChar c)
{
    return c.category() == QChar::Number_DecimalDigit ? c.digitValue() : -1;
}

qsizetype characters(const QString &text)
{
    return text.toUcs4().size();
}

// The digits of a phone number as ASCII, an international "00" dropped; whether it was written
// with "+" or "00" before the country code.
QString internationalDigits(const QString &phone, bool *international)
{
    QString digits;
    digits.reserve(phone.size());
    bool plus = false;
    for (const QChar c : phone) {
        if (const int d = decimalDigit(c); d >= 0)
            digits += QChar(char16_t(u'0' + d));
        else if (c == u'+' && digits.isEmpty())
            plus = true;
    }
    *international = plus || digits.startsWith(u"00"_s);
    if (!plus && digits.startsWith(u"00"_s))
        digits.remove(0, 2);
    return digits;
}

} // namespace

CustomerSearch CustomerSearch::parse(const QString &typed)
{
    CustomerSearch search;
    search.text = foldDigits(typed.trimmed());
    search.inside = characters(search.text) >= InsideLength;
    if (search.inside && readsAsPhone(search.text)) {
        // Typed digits are searched as written: eight digits without the country code are found
        // inside the stored key that has it, so 974 is not added here.
        bool international = false;
        const QString digits = internationalDigits(search.text, &international);
        if (digits.size() >= InsideLength)
            search.phoneDigits = digits;
    }
    return search;
}

QString CustomerSearch::phoneKey(const QString &phone)
{
    bool international = false;
    QString digits = internationalDigits(phone, &international);
    if (!international && digits.size() == 8)
        digits.prepend(u"974"_s);
    return digits;
}

QString CustomerSearch::foldDigits(const QString &text)
{
    QString folded = text;
    for (QChar &c : folded) {
        if (const int d = decimalDigit(c); d >= 0)
            c = QChar(char16_t(u'0' + d));
    }
    return folded;
}

bool CustomerSearch::readsAsPhone(const QString &text)
{
    bool anyDigit = false;
    for (const QChar c : text) {
        if (decimalDigit(c) >= 0)
            anyDigit = true;
        else if (!u" +-()./"_s.contains(c))
            return false;
    }
    return anyDigit;
}

} // namespace fatora
