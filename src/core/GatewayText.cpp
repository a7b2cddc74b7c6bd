#include "GatewayText.h"

using namespace Qt::StringLiterals;

namespace fatora::GatewayText {

bool isUnsafe(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x200e || c == 0x200f ||
           (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

QString clean(const QString &text, qsizetype maxChars)
{
    QString out;
    const bool cut = text.size() > maxChars;
    const QString kept = cut ? text.left(maxChars) : text;
    out.reserve(kept.size() + 1);
    for (const QChar c : kept)
        out.append(isUnsafe(c.unicode()) ? QChar(QChar::ReplacementCharacter) : c);
    if (cut)
        out.append(u'…');
    return out;
}

std::optional<QString> identifier(const QString &text, qsizetype maxChars)
{
    if (text.size() > maxChars)
        return std::nullopt;
    for (const QChar c : text) {
        if (isUnsafe(c.unicode()))
            return std::nullopt;
    }
    return text;
}

} // namespace fatora::GatewayText
