#include "GatewayOracle.h"

#include "FuzzSupport.h"
#include "security/SecretMasker.h"

using namespace Qt::StringLiterals;

namespace fatora::fuzz {

namespace {

// The planted token as JSON writers put it inside a string: Qt's way, and PHP's ("\/").
const QByteArray TokenJson = R"(Tk+7/aB\\|9Xq=Zp)";
const QByteArray TokenJsonSlash = R"(Tk+7\/aB\\|9Xq=Zp)";

// JSON string escapes undone wherever they appear, also outside strings: a body that hides a
// secret behind escapes still hides it from nobody.
QString unescapedEverywhere(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u'\\' || i + 1 >= text.size()) {
            out += c;
            continue;
        }
        const QChar e = text.at(i + 1);
        if (e == u'u' && i + 5 < text.size()) {
            bool ok = false;
            const ushort unit = text.mid(i + 2, 4).toUShort(&ok, 16);
            if (ok) {
                out += QChar(unit);
                i += 5;
                continue;
            }
        }
        if (e == u'/' || e == u'\\' || e == u'"') {
            out += e;
            ++i;
            continue;
        }
        out += c;
    }
    return out;
}

QStringList secretForms(const QString &secret)
{
    QStringList forms{secret};
    if (secret == plantedToken())
        forms << QString::fromUtf8(TokenJson) << QString::fromUtf8(TokenJsonSlash);
    return forms;
}

void checkText(const QString &what, const QString &text, const QList<QString> &secrets, bool unescape)
{
    for (const QString &secret : secrets) {
        for (const QString &form : secretForms(secret))
            FUZZ_CHECK(!text.contains(form), what + u" reveals a secret: "_s + text.left(300));
        if (unescape)
            FUZZ_CHECK(!unescapedEverywhere(text).contains(secret),
                       what + u" reveals an escaped secret: "_s + text.left(300));
    }
}

} // namespace

QString plantedToken()
{
    return u"Tk+7/aB\\|9Xq=Zp"_s;
}

QString plantedApiKey()
{
    return u"FK-5f1c2a9e-7b3d-4e2a-9c1f-0a8b7c6d5e4f"_s;
}

QByteArray withSecrets(QByteArray body)
{
    body.replace("$T$", TokenJson);
    body.replace("$R$", plantedToken().toUtf8());
    body.replace("$K$", plantedApiKey().toUtf8());
    return body;
}

void sanitizeAsClient(GatewayResult &result)
{
    SecretMasker masker(plantedToken(), plantedApiKey());
    if (result.httpStatus >= 200 && result.httpStatus < 300)
        masker.addCardTokensFoundIn(result.responseBody);
    result.maskSecrets(masker);
}

void checkNoSecrets(const GatewayResult &r, const QList<QString> &extraTokens)
{
    QList<QString> secrets{plantedToken(), plantedApiKey()};
    secrets << extraTokens;
    const std::pair<const char *, const QString *> fields[] = {
        {"status", &r.status},
        {"statusCode", &r.statusCode},
        {"transactionId", &r.transactionId},
        {"authCode", &r.authCode},
        {"mode", &r.mode},
        {"description", &r.description},
        {"paymentStatus", &r.paymentStatus},
        {"orderId", &r.orderId},
        {"verifiedAmount", &r.verifiedAmount},
        {"verifiedCurrency", &r.verifiedCurrency},
        {"refundStatus", &r.refundStatus},
        {"errorText", &r.errorText},
    };
    for (const auto &[name, text] : fields)
        checkText(QString::fromLatin1(name), *text, secrets, false);
    for (const QString &path : r.duplicateKeys)
        checkText(u"duplicateKeys"_s, path, secrets, false);
    // A body that is JSON must not hold a secret behind any escape (SecretMasker re-serialises such
    // a body); any other body is checked for the forms writers actually produce.
    for (const auto &[name, body] :
         {std::pair{"requestBody", &r.requestBody}, std::pair{"responseBody", &r.responseBody}}) {
        const bool isJson = parseStrictJson(*body).has_value();
        checkText(QString::fromLatin1(name), QString::fromUtf8(*body), secrets, isJson);
    }
}

bool StatusReading::anyStatusLooselyIs(const QString &word) const
{
    for (const QString &text : statusTexts) {
        if (text.trimmed().compare(word, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

StatusReading readStatus(const QByteArray &body)
{
    StatusReading reading;
    reading.json = parseStrictJson(body);
    reading.isObject = reading.json && reading.json->type == JsonValue::Type::Object;
    if (!reading.isObject)
        return reading;
    const auto statuses = reading.json->all(u"status"_s);
    reading.statusCount = int(statuses.size());
    for (const JsonValue *status : statuses) {
        if (status->type == JsonValue::Type::String)
            reading.statusTexts << status->string;
    }
    if (statuses.size() == 1 && statuses.first()->type == JsonValue::Type::String)
        reading.onlyStatus = statuses.first()->string;
    return reading;
}

QList<QString> cardTokensIn(const JsonValue &value)
{
    QList<QString> tokens;
    for (const JsonValue &item : value.items)
        tokens << cardTokensIn(item);
    for (const auto &[key, member] : value.members) {
        if (key == u"card_token"_s && member.type == JsonValue::Type::String)
            tokens << member.string;
        tokens << cardTokensIn(member);
    }
    return tokens;
}

} // namespace fatora::fuzz
