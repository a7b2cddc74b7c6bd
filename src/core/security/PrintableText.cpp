#include "security/PrintableText.h"

using namespace Qt::StringLiterals;

namespace fatora {

bool PrintableText::needsEscape(char16_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return true;
    switch (c) {
    case 0x061c: // Arabic letter mark
    case 0x200e: // left-to-right mark
    case 0x200f: // right-to-left mark
    case 0x2028: // line separator
    case 0x2029: // paragraph separator
        return true;
    default:
        break;
    }
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

QString PrintableText::escape(QStringView text, LineBreaks lineBreaks)
{
    // The usual case has nothing to escape: no copy.
    bool clean = true;
    for (const QChar c : text) {
        if (needsEscape(c.unicode()) && !(lineBreaks == LineBreaks::Keep && c == u'\n')) {
            clean = false;
            break;
        }
    }
    if (clean)
        return text.toString();

    QString out;
    out.reserve(text.size() + 16);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (lineBreaks == LineBreaks::Keep) {
            if (c == u'\n') {
                out += u'\n';
                continue;
            }
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                continue; // the "\n" that follows stands for the pair
        }
        if (!needsEscape(c)) {
            out += QChar(c);
        } else if (c <= 0xff) {
            out += u"\\x"_s + QString::number(c, 16).rightJustified(2, u'0');
        } else {
            out += u"\\u"_s + QString::number(c, 16).rightJustified(4, u'0');
        }
    }
    return out;
}

} // namespace fatora
