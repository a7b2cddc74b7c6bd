#include "security/SecretMasker.h"

#include "domain/CardToken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

constexpr int MaxJsonDepth = 64;

// One ASCII character as QJsonDocument writes it inside a string: '"', '\\' and control characters
// escaped, the rest as is. Written out because a masker is built for every gateway call and every
// stored body, and going through QJsonDocument for each character of each secret cost more than
// the call itself (tests compare this with QJsonDocument for all 128 characters).
void appendJsonEscapedAscii(QByteArray &out, char16_t u)
{
    static constexpr char hex[] = "0123456789abcdef";
    switch (u) {
    case u'"':
        out += "\\\"";
        return;
    case u'\\':
        out += "\\\\";
        return;
    case u'\b':
        out += "\\b";
        return;
    case u'\f':
        out += "\\f";
        return;
    case u'\n':
        out += "\\n";
        return;
    case u'\r':
        out += "\\r";
        return;
    case u'\t':
        out += "\\t";
        return;
    default:
        break;
    }
    if (u < 0x20) {
        out += "\\u00";
        out += hex[u >> 4];
        out += hex[u & 0xf];
    } else {
        out += char(u);
    }
}

bool isAscii(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

// The content of a JSON string literal as QJsonDocument writes it (without the quotes).
QByteArray jsonEscaped(const QString &text)
{
    if (isAscii(text)) {
        QByteArray out;
        out.reserve(text.size() + 8);
        for (const QChar c : text)
            appendJsonEscapedAscii(out, c.unicode());
        return out;
    }
    // Non-ASCII (UTF-8 output, lone surrogates): Qt's own writer decides.
    const QByteArray doc = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return doc.mid(2, doc.size() - 4);
}

} // namespace

SecretMasker::SecretMasker(const QString &cardToken, const QString &apiKey)
{
    addCardToken(cardToken);
    setApiKey(apiKey);
}

QString SecretMasker::removedApiKeyText()
{
    return u"[api key removed]"_s;
}

QList<QByteArray> SecretMasker::escapedForms(const QString &text)
{
    QList<QByteArray> forms;
    const QByteArray qtForm = jsonEscaped(text);
    forms.append(qtForm);
    forms.append(text.toUtf8());
    QByteArray slashForm = qtForm;
    slashForm.replace("/", "\\/");
    forms.append(slashForm);
    for (const bool upper : {false, true}) {
        // UTF-16 units, so a character outside the BMP comes out as a surrogate pair, as PHP writes it.
        QByteArray ascii;
        for (const QChar c : text) {
            const ushort u = c.unicode();
            if (u < 0x80) {
                appendJsonEscapedAscii(ascii, u);
            } else {
                const QByteArray hex = QByteArray::number(u, 16).rightJustified(4, '0');
                ascii += "\\u" + (upper ? hex.toUpper() : hex);
            }
        }
        forms.append(ascii);
        QByteArray asciiSlash = ascii;
        asciiSlash.replace("/", "\\/");
        forms.append(asciiSlash);
    }
    // In a URL (a redirect address, a query string in an error page) the token is percent-encoded:
    // '+' '/' '\' '|' '=' become %2B %2F %5C %7C %3D, in upper or lower case hex - all of them
    // (Qt, encodeURIComponent), all but '/' (Python's quote) or all but '+' '/' '=' (encodeURI).
    for (const QByteArray &keep : {QByteArray(), QByteArray("/"), QByteArray("+/=")}) {
        const QByteArray percent = QUrl::toPercentEncoding(text, keep);
        if (percent == text.toUtf8())
            continue;
        forms.append(percent);
        QByteArray lower;
        for (qsizetype i = 0; i < percent.size(); ++i) {
            lower += percent.at(i);
            if (percent.at(i) == '%' && i + 2 < percent.size()) {
                lower += QByteArray(percent.constData() + i + 1, 2).toLower();
                i += 2;
            }
        }
        forms.append(lower);
    }
    std::sort(forms.begin(), forms.end());
    forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
    std::stable_sort(forms.begin(), forms.end(),
                     [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    return forms;
}

void SecretMasker::addSecret(const QString &secret, const QString &replacement)
{
    if (secret.isEmpty())
        return;
    const QByteArray raw = secret.toUtf8();
    if (std::any_of(m_forms.cbegin(), m_forms.cend(), [&raw](const Form &f) { return f.bytes == raw; }))
        return;
    const QByteArray escapedReplacement = jsonEscaped(replacement);
    for (const QByteArray &form : escapedForms(secret)) {
        // An escaped form only occurs inside JSON text, where the replacement must be escaped too.
        const bool isRaw = form == raw;
        m_forms.append(Form{form, QString::fromUtf8(form), escapedReplacement,
                            isRaw ? replacement : QString::fromUtf8(escapedReplacement)});
    }
    // Longest first across all secrets: one token may contain another, or the key.
    std::stable_sort(m_forms.begin(), m_forms.end(),
                     [](const Form &a, const Form &b) { return a.bytes.size() > b.bytes.size(); });
}

void SecretMasker::addCardToken(const QString &cardToken)
{
    addSecret(cardToken, CardToken::maskToken(cardToken));
}

void SecretMasker::setApiKey(const QString &apiKey)
{
    addSecret(apiKey, removedApiKeyText());
}

void SecretMasker::addCardTokensFoundIn(const QByteArray &jsonText)
{
    static const QRegularExpression complete(uR"re("card_token"\s*:\s*"((?:[^"\\]|\\.)*)")re"_s);
    const QString text = QString::fromUtf8(jsonText);
    for (auto it = complete.globalMatch(text); it.hasNext();) {
        const QByteArray literal = "[\"" + it.next().captured(1).toUtf8() + "\"]";
        addCardToken(QJsonDocument::fromJson(literal).array().at(0).toString());
    }
}

QString SecretMasker::mask(const QString &text) const
{
    if (text.isEmpty())
        return text;
    QString out = text;
    for (const Form &form : m_forms)
        out.replace(form.text, form.textReplacement);
    return out;
}

bool SecretMasker::reveals(const QString &text) const
{
    return std::any_of(m_forms.cbegin(), m_forms.cend(),
                       [&text](const Form &form) { return text.contains(form.text); });
}

bool SecretMasker::reveals(const QByteArray &bytes) const
{
    return std::any_of(m_forms.cbegin(), m_forms.cend(),
                       [&bytes](const Form &form) { return bytes.contains(form.bytes); });
}

namespace {

bool jsonReveals(const QJsonValue &value, const SecretMasker &masker, int depth = 0)
{
    if (depth > MaxJsonDepth)
        return false;
    if (value.isString())
        return masker.reveals(value.toString());
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (masker.reveals(it.key()) || jsonReveals(it.value(), masker, depth + 1))
                return true;
        }
    }
    if (value.isArray()) {
        const QJsonArray a = value.toArray();
        return std::any_of(a.begin(), a.end(),
                           [&](const QJsonValue &v) { return jsonReveals(v, masker, depth + 1); });
    }
    return false;
}

QJsonValue maskJson(const QJsonValue &value, const SecretMasker &masker, int depth = 0)
{
    if (depth > MaxJsonDepth)
        return QJsonValue();
    if (value.isString())
        return masker.mask(value.toString());
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(masker.mask(it.key()), maskJson(it.value(), masker, depth + 1));
        return out;
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(maskJson(v, masker, depth + 1));
        return out;
    }
    return value;
}

} // namespace

QByteArray SecretMasker::maskBody(const QByteArray &body) const
{
    if (body.isEmpty())
        return body;
    QByteArray out = body;
    for (const Form &form : m_forms)
        out.replace(form.bytes, form.bytesReplacement);

    // A "card_token" value cut off by the end of the body: whatever it held is a token, or part of one.
    static const QRegularExpression cutOff(uR"re(("card_token"\s*:\s*")(?:[^"\\]|\\.)*\\?$)re"_s);
    QString text = QString::fromUtf8(out);
    if (const auto match = cutOff.match(text); match.hasMatch()) {
        text = text.left(match.capturedEnd(1)) + u"•••• (cut off)"_s;
        out = text.toUtf8();
    }

    if (m_forms.isEmpty())
        return out;
    const QJsonDocument doc = QJsonDocument::fromJson(out);
    const QJsonValue root = doc.isObject()  ? QJsonValue(doc.object())
                            : doc.isArray() ? QJsonValue(doc.array())
                                            : QJsonValue();
    if (!root.isNull() && jsonReveals(root, *this)) {
        const QJsonValue masked = maskJson(root, *this);
        return masked.isObject() ? QJsonDocument(masked.toObject()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(masked.toArray()).toJson(QJsonDocument::Compact);
    }
    return out;
}

} // namespace fatora
