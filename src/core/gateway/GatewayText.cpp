#include "gateway/GatewayText.h"

#include <QList>
#include <QSet>

#include <algorithm>

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

using Problem = JsonScan::Problem;

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

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The length of the strictly valid UTF-8 sequence that starts at json[i] (a byte >= 0x80), 0 when
// there is none: RFC 3629, no overlong forms, no surrogates, nothing beyond U+10FFFF, not cut off.
int utf8SequenceLength(const QByteArray &json, qsizetype i)
{
    const auto b0 = static_cast<unsigned char>(json.at(i));
    int length = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + length > json.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const auto b = static_cast<unsigned char>(json.at(i + k));
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return length;
}

// Reads the JSON string that starts at json[i] == '"'. On success i ends past the closing quote;
// on a problem it is the offending byte (json.size() when the text ends first). The text is decoded
// only when wanted (keys), escapes included, so "st\u0061tus" is the key "status" as it is for
// QJsonDocument.
Problem readString(const QByteArray &json, qsizetype &i, QString *text)
{
    qsizetype runStart = ++i;
    const auto flushRun = [&](qsizetype end) {
        if (text && end > runStart)
            *text += QString::fromUtf8(json.constData() + runStart, end - runStart);
    };
    while (i < json.size()) {
        const auto c = static_cast<unsigned char>(json.at(i));
        if (c == '"') {
            flushRun(i);
            ++i;
            return Problem::None;
        }
        if (c < 0x20)
            return Problem::ControlCharacter;
        if (c >= 0x80) {
            const int length = utf8SequenceLength(json, i);
            if (length == 0)
                return Problem::InvalidUtf8;
            // Qt's reader drops a raw U+FEFF that opens a string, so "\xEF\xBB\xBFFAILURE" would
            // read as the word itself: such a text is not taken for JSON at all.
            if (json.mid(i, 3) == "\xEF\xBB\xBF")
                return Problem::ByteOrderMark;
            i += length;
            continue;
        }
        if (c != '\\') {
            ++i;
            continue;
        }
        flushRun(i);
        if (i + 1 >= json.size()) {
            i = json.size();
            return Problem::UnexpectedEnd;
        }
        char16_t unit = 0;
        qsizetype length = 2;
        switch (json.at(i + 1)) {
        case '"':
            unit = u'"';
            break;
        case '\\':
            unit = u'\\';
            break;
        case '/':
            unit = u'/';
            break;
        case 'b':
            unit = u'\b';
            break;
        case 'f':
            unit = u'\f';
            break;
        case 'n':
            unit = u'\n';
            break;
        case 'r':
            unit = u'\r';
            break;
        case 't':
            unit = u'\t';
            break;
        case 'u':
            for (qsizetype k = i + 2; k < i + 6; ++k) {
                if (k >= json.size()) {
                    i = json.size();
                    return Problem::UnexpectedEnd;
                }
                const int h = hexValue(json.at(k));
                if (h < 0)
                    return Problem::InvalidEscape;
                unit = static_cast<char16_t>(unit * 16 + h);
            }
            length = 6;
            break;
        default:
            return Problem::InvalidEscape;
        }
        if (text)
            *text += QChar(unit);
        i += length;
        runStart = i;
    }
    return Problem::UnexpectedEnd;
}

// RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?, starting at json[i] ('-' or a
// digit). A digit, point, exponent or sign right after it ("01", "1.5.3") belongs to no number.
Problem readNumber(const QByteArray &json, qsizetype &i)
{
    const auto at = [&json](qsizetype k) { return k < json.size() ? json.at(k) : '\0'; };
    const auto digits = [&] {
        const qsizetype start = i;
        while (isDigit(at(i)))
            ++i;
        return i > start;
    };
    if (at(i) == '-')
        ++i;
    if (at(i) == '0')
        ++i;
    else if (!digits())
        return Problem::InvalidNumber;
    if (at(i) == '.') {
        ++i;
        if (!digits())
            return Problem::InvalidNumber;
    }
    if (at(i) == 'e' || at(i) == 'E') {
        ++i;
        if (at(i) == '+' || at(i) == '-')
            ++i;
        if (!digits())
            return Problem::InvalidNumber;
    }
    const char next = at(i);
    if (i < json.size() &&
        (isDigit(next) || next == '.' || next == 'e' || next == 'E' || next == '+' || next == '-'))
        return Problem::InvalidNumber;
    return Problem::None;
}

Problem readLiteral(const QByteArray &json, qsizetype &i, QByteArrayView word)
{
    for (const char expected : word) {
        if (i >= json.size())
            return Problem::UnexpectedEnd;
        if (json.at(i) != expected)
            return Problem::UnexpectedCharacter;
        ++i;
    }
    return Problem::None;
}

struct Frame
{
    bool isObject = false;
    QString key; // objects: the key whose value is being read
    QSet<QString> keys;
};

// The path of the key being read in the innermost object ("result[].id"). Built only when a key
// repeats: keeping every frame's full path would cost memory quadratic in the nesting.
QString keyPath(const QList<Frame> &stack)
{
    QString path;
    for (const Frame &frame : stack) {
        if (!frame.isObject) {
            path += u"[]"_s;
            continue;
        }
        if (!path.isEmpty())
            path += u'.';
        path += frame.key;
    }
    return path;
}

// What may come next.
enum class Expect { Value, ValueOrClose, Key, KeyOrClose, Colon, CommaOrClose, Nothing };

} // namespace

JsonScan scanJson(const QByteArray &json, qsizetype maxReported)
{
    JsonScan scan;
    QList<Frame> stack; // an explicit stack: hostile nesting costs memory, never the call stack
    const qsizetype n = json.size();
    qsizetype i = json.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    Expect expect = Expect::Value;
    const auto fail = [&](Problem problem) {
        scan.problem = problem;
        scan.offset = std::min(i, n);
        return scan;
    };
    const auto afterValue = [&] { return stack.isEmpty() ? Expect::Nothing : Expect::CommaOrClose; };
    const auto close = [&] {
        ++i;
        stack.removeLast();
        expect = afterValue();
    };

    for (;;) {
        while (i < n && isJsonSpace(json.at(i)))
            ++i;
        if (i >= n)
            break;
        const char c = json.at(i);
        switch (expect) {
        case Expect::Nothing:
            return fail(Problem::DataAfterValue);
        case Expect::Colon:
            if (c != ':')
                return fail(Problem::UnexpectedCharacter);
            ++i;
            expect = Expect::Value;
            continue;
        case Expect::CommaOrClose:
            if (c == ',') {
                ++i;
                expect = stack.last().isObject ? Expect::Key : Expect::Value;
            } else if (c == (stack.last().isObject ? '}' : ']')) {
                close();
            } else {
                return fail(Problem::UnexpectedCharacter);
            }
            continue;
        case Expect::KeyOrClose:
            if (c == '}') {
                close();
                continue;
            }
            [[fallthrough]];
        case Expect::Key: {
            if (c != '"')
                return fail(Problem::UnexpectedCharacter);
            QString key;
            if (const Problem p = readString(json, i, &key); p != Problem::None)
                return fail(p);
            Frame &top = stack.last();
            top.key = key;
            if (top.keys.contains(key)) {
                if (scan.duplicateKeys.size() < maxReported) {
                    const QString path = keyPath(stack);
                    if (!scan.duplicateKeys.contains(path))
                        scan.duplicateKeys.append(path);
                }
            } else {
                top.keys.insert(std::move(key));
            }
            expect = Expect::Colon;
            continue;
        }
        case Expect::ValueOrClose:
            if (c == ']') {
                close();
                continue;
            }
            [[fallthrough]];
        case Expect::Value: {
            Problem p = Problem::None;
            if (c == '{' || c == '[') {
                Frame frame;
                frame.isObject = c == '{';
                stack.append(std::move(frame));
                ++i;
                expect = c == '{' ? Expect::KeyOrClose : Expect::ValueOrClose;
                continue;
            }
            if (c == '"')
                p = readString(json, i, nullptr);
            else if (c == '-' || isDigit(c))
                p = readNumber(json, i);
            else if (c == '.' || c == '+')
                p = Problem::InvalidNumber;
            else if (c == 't')
                p = readLiteral(json, i, "true");
            else if (c == 'f')
                p = readLiteral(json, i, "false");
            else if (c == 'n')
                p = readLiteral(json, i, "null");
            else
                p = Problem::UnexpectedCharacter;
            if (p != Problem::None)
                return fail(p);
            expect = afterValue();
            continue;
        }
        }
    }
    if (expect != Expect::Nothing)
        return fail(Problem::UnexpectedEnd);
    return scan;
}

} // namespace fatora::GatewayText
