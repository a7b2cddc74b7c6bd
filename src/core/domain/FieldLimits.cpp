#include "domain/FieldLimits.h"

#include <QCoreApplication>

#include <tuple>

using namespace Qt::StringLiterals;

namespace fatora::FieldLimits {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::FieldLimits)
};

bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

} // namespace

Result<void> check(const QString &field, const QString &value, int maxChars, Lines lines)
{
    if (value.size() > maxChars)
        return Error{field, Tr::tr("is %1 characters long; at most %2 are allowed. Check that only this "
                                   "field was pasted.")
                                .arg(value.size())
                                .arg(maxChars)};
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char16_t c = value.at(i).unicode();
        const bool lineBreakOrTab = c == u'\n' || c == u'\r' || c == u'\t';
        if (lines == Lines::Several && lineBreakOrTab)
            continue;
        if (value.at(i).category() == QChar::Other_Control || isBidiControl(c))
            return Error{field, lineBreakOrTab
                                    ? Tr::tr("must fit on one line: remove the line break or tab.")
                                    : Tr::tr("contains an invisible control character (U+%1) at position %2: "
                                             "type it again rather than pasting it.")
                                          .arg(uint(c), 4, 16, QLatin1Char('0'))
                                          .arg(i + 1)};
    }
    return {};
}

QList<Error> checkCustomer(const Customer &customer)
{
    QList<Error> errors;
    for (const auto &[field, value, max, lines] :
         {std::tuple{u"name"_s, &customer.name, Name, Lines::One},
          std::tuple{u"email"_s, &customer.email, Email, Lines::One},
          std::tuple{u"phone"_s, &customer.phone, Phone, Lines::One},
          std::tuple{u"reference"_s, &customer.reference, Reference, Lines::One},
          std::tuple{u"notes"_s, &customer.notes, Notes, Lines::Several}}) {
        if (auto ok = check(field, *value, max, lines); !ok)
            errors << ok.error();
    }
    return errors;
}

} // namespace fatora::FieldLimits
