#include "StrictJson.h"

using namespace Qt::StringLiterals;

namespace fatora::fuzz {

namespace {

constexpr int MaxDepth = 1024;

class Parser
{
public:
    explicit Parser(const QByteArray &text) : m_s(text) {}

    std::optional<JsonValue> document()
    {
        if (m_s.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        JsonValue v;
        if (!value(v, 0))
            return std::nullopt;
        skipSpace();
        if (m_pos != m_s.size())
            return std::nullopt;
        return v;
    }

private:
    const QByteArray &m_s;
    qsizetype m_pos = 0;

    bool atEnd() const { return m_pos >= m_s.size(); }
    unsigned char peek() const { return atEnd() ? 0 : static_cast<unsigned char>(m_s.at(m_pos)); }

    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    bool literal(const char *word)
    {
        for (const char *p = word; *p; ++p) {
            if (atEnd() || m_s.at(m_pos) != *p)
                return false;
            ++m_pos;
        }
        return true;
    }

    bool value(JsonValue &out, int depth)
    {
        if (depth > MaxDepth)
            return false;
        skipSpace();
        switch (peek()) {
        case '{':
            return object(out, depth);
        case '[':
            return array(out, depth);
        case '"':
            out.type = JsonValue::Type::String;
            return string(out.string);
        case 't':
            out.type = JsonValue::Type::Bool;
            out.boolean = true;
            return literal("true");
        case 'f':
            out.type = JsonValue::Type::Bool;
            return literal("false");
        case 'n':
            out.type = JsonValue::Type::Null;
            return literal("null");
        default:
            out.type = JsonValue::Type::Number;
            return number(out.number);
        }
    }

    bool digits()
    {
        const qsizetype start = m_pos;
        while (peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos > start;
    }

    bool number(QByteArray &out)
    {
        const qsizetype start = m_pos;
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0')
            ++m_pos;
        else if (!digits())
            return false;
        if (peek() == '.') {
            ++m_pos;
            if (!digits())
                return false;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!digits())
                return false;
        }
        out = m_s.mid(start, m_pos - start);
        return true;
    }

    bool hex4(char16_t &unit)
    {
        unit = 0;
        for (int i = 0; i < 4; ++i) {
            const unsigned char c = peek();
            int v = -1;
            if (c >= '0' && c <= '9')
                v = c - '0';
            else if (c >= 'a' && c <= 'f')
                v = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                v = c - 'A' + 10;
            if (v < 0)
                return false;
            unit = char16_t(unit * 16 + v);
            ++m_pos;
        }
        return true;
    }

    // One UTF-8 sequence, strictly (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
    bool utf8(QString &out)
    {
        const unsigned char b0 = peek();
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
            return false;
        }
        ++m_pos;
        for (int i = 1; i < length; ++i) {
            const unsigned char b = peek();
            if ((b & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (b & 0x3F);
            ++m_pos;
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        // Not QString::fromUcs4: it would drop a U+FEFF as a byte order mark.
        if (cp < 0x10000) {
            out += QChar(char16_t(cp));
        } else {
            out += QChar(QChar::highSurrogate(cp));
            out += QChar(QChar::lowSurrogate(cp));
        }
        return true;
    }

    bool string(QString &out)
    {
        ++m_pos; // the opening quote
        for (;;) {
            if (atEnd())
                return false;
            const unsigned char c = peek();
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                ++m_pos;
                const unsigned char e = peek();
                ++m_pos;
                switch (e) {
                case '"':
                    out += u'"';
                    break;
                case '\\':
                    out += u'\\';
                    break;
                case '/':
                    out += u'/';
                    break;
                case 'b':
                    out += u'\b';
                    break;
                case 'f':
                    out += u'\f';
                    break;
                case 'n':
                    out += u'\n';
                    break;
                case 'r':
                    out += u'\r';
                    break;
                case 't':
                    out += u'\t';
                    break;
                case 'u': {
                    char16_t unit = 0;
                    if (!hex4(unit))
                        return false;
                    out += QChar(unit); // a lone surrogate is kept as it is: JSON allows it
                    break;
                }
                default:
                    return false; // an escape JSON does not have (or the text ended)
                }
                continue;
            }
            if (c < 0x80) {
                out += QLatin1Char(char(c));
                ++m_pos;
                continue;
            }
            if (!utf8(out))
                return false;
        }
    }

    bool array(JsonValue &out, int depth)
    {
        out.type = JsonValue::Type::Array;
        ++m_pos;
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            return true;
        }
        for (;;) {
            JsonValue item;
            if (!value(item, depth + 1))
                return false;
            out.items.append(std::move(item));
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return true;
            }
            return false;
        }
    }

    bool object(JsonValue &out, int depth)
    {
        out.type = JsonValue::Type::Object;
        ++m_pos;
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            if (peek() != '"')
                return false;
            QString key;
            if (!string(key))
                return false;
            skipSpace();
            if (peek() != ':')
                return false;
            ++m_pos;
            JsonValue member;
            if (!value(member, depth + 1))
                return false;
            out.members.append({key, std::move(member)});
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                return true;
            }
            return false;
        }
    }
};

} // namespace

QList<const JsonValue *> JsonValue::all(const QString &key) const
{
    QList<const JsonValue *> found;
    for (const auto &member : members) {
        if (member.first == key)
            found.append(&member.second);
    }
    return found;
}

const JsonValue *JsonValue::single(const QString &key) const
{
    const auto found = all(key);
    return found.size() == 1 ? found.first() : nullptr;
}

std::optional<JsonValue> parseStrictJson(const QByteArray &text)
{
    return Parser(text).document();
}

} // namespace fatora::fuzz
