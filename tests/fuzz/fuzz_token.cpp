// Pasted text the operator gives us: a card token (CardToken::validateTokenText, maskToken and
// SecretMasker on it) and a gateway address (trimmed, QUrl strict mode, GatewayConfig::validate, as
// the settings dialog and AppSettings read it; and FATORA_BASE_URL through
// AppSettings::withEnvironment). Byte 0 bit 0 picks which; bit 1 reads the rest as UTF-16 (lone
// surrogates included) instead of UTF-8.
//
// Asserts for a token: an accepted token is the pasted text unchanged (nothing trimmed or cleaned):
// non-empty, at most 4096 UTF-16 units, well-formed UTF-16, with no white space, control, format,
// line or paragraph separator character (checked against Unicode categories here, not by the code
// under test); a refusal names the field and says why; the mask never shows the whole token, keeps
// the last four characters whole, and the masker removes the token from a JSON body holding it.
// Asserts for an address: an accepted one is absolute https://, or http:// to a loopback host
// (localhost, 127.0.0.0/8, ::1, IPv4-mapped 127.x, checked with inet_pton); it carries no user
// name, password, query or fragment; and saved (toString) then read back it is still accepted with
// the same host.

#include "domain/CardToken.h"
#include "FuzzSupport.h"
#include "gateway/GatewayTypes.h"
#include "security/SecretMasker.h"
#include "settings/AppSettings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

#include <arpa/inet.h>

using namespace fatora;
using namespace fatora::fuzz;
using namespace Qt::StringLiterals;

namespace {

bool isLoopback(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QByteArray ascii = host.toLatin1();
    unsigned char v4[4];
    if (inet_pton(AF_INET, ascii.constData(), v4) == 1)
        return v4[0] == 127;
    unsigned char v6[16];
    if (inet_pton(AF_INET6, ascii.constData(), v6) == 1) {
        static const unsigned char one[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        return std::equal(v6, v6 + 16, one) || (std::equal(v6, v6 + 12, mapped) && v6[12] == 127);
    }
    return false;
}

void checkToken(const QString &token)
{
    const QString what = u"token \""_s + token.left(200) + u'"';
    const auto valid = CardToken::validateTokenText(token);
    if (!valid.ok()) {
        FUZZ_CHECK(valid.error().field == u"token"_s && !valid.error().message.isEmpty(), what);
        return;
    }
    FUZZ_CHECK(!token.isEmpty() && token.size() <= 4096 && token.isValidUtf16(), what);
    for (const char32_t c : token.toUcs4()) {
        const auto category = QChar::category(c);
        FUZZ_CHECK(!QChar::isSpace(c) && category != QChar::Other_Control &&
                       category != QChar::Other_Format && category != QChar::Separator_Line &&
                       category != QChar::Separator_Paragraph && category != QChar::Separator_Space,
                   what);
    }

    const QString mask = CardToken::maskToken(token);
    FUZZ_CHECK(mask.isValidUtf16() && mask.startsWith(u"\u2022\u2022\u2022\u2022"_s),
               what + u" -> "_s + mask);
    const QList<uint> codePoints = token.toUcs4();
    if (codePoints.size() >= 8) {
        const QList<uint> tail = codePoints.mid(codePoints.size() - 4);
        FUZZ_CHECK(mask.endsWith(QString::fromUcs4(reinterpret_cast<const char32_t *>(tail.constData()), 4)),
                   what + u" -> "_s + mask);
        if (!token.contains(u'\u2022'))
            FUZZ_CHECK(!mask.contains(token), what + u" -> "_s + mask);
    }

    // The request body as JSON carries it; the masker must take it out of there and of plain text.
    if (codePoints.size() >= 8 && !token.contains(u'\u2022')) {
        const QByteArray body = QJsonDocument(QJsonObject{{u"card_token"_s, token},
                                                          {u"order_id"_s, u"BO-1"_s},
                                                          {u"note"_s, QString(u"x"_s + token + u"y"_s)}})
                                    .toJson(QJsonDocument::Compact);
        const SecretMasker masker(token);
        const QByteArray masked = masker.maskBody(body);
        // Judged on the decoded strings: the raw bytes of a token such as eight backslashes equal the
        // JSON escape of the four-character tail the mask shows on purpose (found by this target).
        const QJsonObject decoded = QJsonDocument::fromJson(masked).object();
        FUZZ_CHECK(!decoded.isEmpty(), what + u" -> "_s + QString::fromUtf8(masked));
        for (const QJsonValue &value : decoded)
            FUZZ_CHECK(!value.toString().contains(token) && !masker.reveals(value.toString()),
                       what + u" -> "_s + QString::fromUtf8(masked));
        const QString maskedText = masker.mask(u"declined for "_s + token);
        FUZZ_CHECK(!maskedText.contains(token), what + u" -> "_s + maskedText);
    }
}

void checkAcceptedUrl(const QUrl &url, const QString &what)
{
    FUZZ_CHECK(url.isValid() && !url.isRelative() && !url.host().isEmpty(), what);
    const QString scheme = url.scheme().toLower();
    FUZZ_CHECK(scheme == u"https"_s || scheme == u"http"_s, what);
    if (scheme == u"http"_s)
        FUZZ_CHECK(isLoopback(url.host()), what + u" host "_s + url.host());
    FUZZ_CHECK(url.userInfo().isEmpty() && !url.hasQuery() && !url.hasFragment(), what);
}

void checkAddress(const QString &pasted)
{
    const QString what = u"address \""_s + pasted.left(300) + u'"';
    GatewayConfig config;
    config.apiKey = u"FK-5f1c2a9e-7b3d"_s;
    config.baseUrl = QUrl(pasted.trimmed(), QUrl::StrictMode);
    const auto valid = config.validate();
    if (!valid.ok()) {
        FUZZ_CHECK(!valid.error().field.isEmpty() && !valid.error().message.isEmpty(), what);
    } else {
        checkAcceptedUrl(config.baseUrl, what);
        // Settings store the address as text and read it back the same way.
        GatewayConfig reloaded = config;
        reloaded.baseUrl = QUrl(config.baseUrl.toString().trimmed(), QUrl::StrictMode);
        FUZZ_CHECK(reloaded.validate().ok() && reloaded.baseUrl.host() == config.baseUrl.host(),
                   what + u" saved as "_s + config.baseUrl.toString());
    }

    QProcessEnvironment env;
    env.insert(u"FATORA_BASE_URL"_s, pasted);
    const auto settings = AppSettings().withEnvironment(env);
    if (settings.ok() && !pasted.trimmed().isEmpty())
        checkAcceptedUrl(settings->baseUrl, what + u" (FATORA_BASE_URL)"_s);
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
    const uint8_t mode = in.byte();
    const QByteArray raw = in.rest();
    const QString text =
        (mode & 2) ? QString::fromUtf16(reinterpret_cast<const char16_t *>(raw.constData()), raw.size() / 2)
                   : QString::fromUtf8(raw);
    if (mode & 1)
        checkAddress(text);
    else
        checkToken(text);
    return 0;
}
