#include "GatewayText.h"

#include <QList>
#include <QSet>

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

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Reads the JSON string that starts at json[i] == '"'; i ends past the closing quote. The text is
// decoded only when wanted (keys), escapes included, so "st\u0061tus" is the key "status" as it
// is for QJsonDocument.
QString readString(const QByteArray &json, qsizetype &i, bool decode)
{
    QString text;
    qsizetype runStart = ++i;
    const auto flushRun = [&](qsizetype end) {
        if (decode && end > runStart)
            text += QString::fromUtf8(json.constData() + runStart, end - runStart);
    };
    while (i < json.size()) {
        const char c = json.at(i);
        if (c == '"') {
            flushRun(i);
            ++i;
            return text;
        }
        if (c != '\\') {
            ++i;
            continue;
        }
        flushRun(i);
        if (i + 1 >= json.size()) {
            i = json.size();
            return text;
        }
        const char e = json.at(i + 1);
        i += 2;
        if (e == 'u' && i + 4 <= json.size()) {
            int unit = 0;
            for (int k = 0; k < 4; ++k) {
                const int h = hexValue(json.at(i + k));
                unit = unit * 16 + (h < 0 ? 0 : h);
            }
            i += 4;
            if (decode)
                text += QChar(static_cast<char16_t>(unit));
        } else if (decode) {
            switch (e) {
            case 'b':
                text += u'\b';
                break;
            case 'f':
                text += u'\f';
                break;
            case 'n':
                text += u'\n';
                break;
            case 'r':
                text += u'\r';
                break;
            case 't':
                text += u'\t';
                break;
            default:
                text += QChar(QLatin1Char(e));
                break;
            }
        }
        runStart = i;
    }
    flushRun(i);
    return text;
}

struct Frame
{
    bool isObject = false;
    bool expectKey = false;
    QString path;    // of this container
    QString lastKey; // objects: the path of the key whose value comes next
    QSet<QString> keys;
};

} // namespace

QStringList duplicateJsonKeys(const QByteArray &json, qsizetype maxReported)
{
    QStringList found;
    QList<Frame> stack; // an explicit stack: hostile nesting costs memory, never the call stack
    qsizetype i = 0;
    while (i < json.size() && found.size() < maxReported) {
        const char c = json.at(i);
        if (c == '"') {
            const bool isKey = !stack.isEmpty() && stack.last().isObject && stack.last().expectKey;
            const QString text = readString(json, i, isKey);
            if (isKey) {
                Frame &top = stack.last();
                top.expectKey = false;
                top.lastKey = top.path.isEmpty() ? text : top.path + u'.' + text;
                if (top.keys.contains(text)) {
                    if (!found.contains(top.lastKey))
                        found.append(top.lastKey);
                } else {
                    top.keys.insert(text);
                }
            }
            continue;
        }
        if (c == '{' || c == '[') {
            Frame frame;
            frame.isObject = c == '{';
            frame.expectKey = frame.isObject;
            if (!stack.isEmpty())
                frame.path = stack.last().isObject ? stack.last().lastKey : stack.last().path + u"[]"_s;
            stack.append(std::move(frame));
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.removeLast();
        } else if (c == ',') {
            if (!stack.isEmpty() && stack.last().isObject)
                stack.last().expectKey = true;
        }
        ++i;
    }
    return found;
}

} // namespace fatora::GatewayText
