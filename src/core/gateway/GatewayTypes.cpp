#include "gateway/GatewayTypes.h"

#include "gateway/GatewayText.h"
#include "security/SecretMasker.h"

#include <QCoreApplication>
#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace fatora {

QString gatewayOperationName(GatewayOperation op)
{
    switch (op) {
    case GatewayOperation::Collect:
        return u"collect"_s;
    case GatewayOperation::Deactivate:
        return u"deactivate"_s;
    case GatewayOperation::Verify:
        return u"verify"_s;
    case GatewayOperation::Refund:
        return u"refund"_s;
    case GatewayOperation::Checkout:
        return u"checkout"_s;
    }
    return u"unknown"_s;
}

QString gatewayOutcomeName(GatewayOutcome outcome)
{
    switch (outcome) {
    case GatewayOutcome::Success:
        return u"success"_s;
    case GatewayOutcome::Declined:
        return u"declined"_s;
    case GatewayOutcome::Rejected:
        return u"rejected"_s;
    case GatewayOutcome::NotSent:
        return u"not-sent"_s;
    case GatewayOutcome::Unknown:
        return u"unknown"_s;
    }
    return u"unknown"_s;
}

namespace {

// The client's context: these messages reach operators through it.
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::GatewayClient)
};

} // namespace

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    // QUrl::host() gives IPv6 without brackets, which is what QHostAddress wants. A zone id
    // ("[::1%25eth0]") names an interface, which loopback never needs: such an address is refused
    // rather than read through a parser's leniency (the fuzzer found "::1%<any text>" accepted).
    return address.setAddress(host) && address.isLoopback() && address.scopeId().isEmpty();
}

bool GatewayConfig::isLoopbackSandbox() const
{
    return baseUrl.isValid() && baseUrl.scheme().compare(u"http"_s, Qt::CaseInsensitive) == 0 &&
           isLoopbackHost(baseUrl.host());
}

Result<QUrl> checkWebLink(const QString &text, bool allowLoopbackHttp, const QString &field)
{
    constexpr qsizetype MaxLinkChars = 2048;
    if (text.isEmpty())
        return Error{field, Tr::tr("The link is empty.")};
    if (text.size() > MaxLinkChars)
        return Error{field, Tr::tr("The link is longer than %1 characters.").arg(MaxLinkChars)};
    // Invisible format characters (zero-width space, byte-order mark, Arabic letter mark, soft
    // hyphen...) have no place in an address a customer is sent to: they could make two links look
    // alike.
    for (const QChar c : text) {
        if (c.isSpace() || GatewayText::isUnsafe(c.unicode()) || c.category() == QChar::Other_Format)
            return Error{field, Tr::tr("The link holds spaces, control, invisible or text-direction characters.")};
    }
    // The messages below never quote the link: a refused link may hold what must not be shown or
    // stored (the API key, a token), and the message ends up in the payment's note.
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return Error{field, Tr::tr("The link is not a complete web address (https://…).")};
    if (!url.userInfo().isEmpty())
        return Error{field, Tr::tr("The link must not carry a user name or password.")};
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https"_s)
        return url;
    if (scheme == u"http"_s && allowLoopbackHttp && isLoopbackHost(url.host()))
        return url;
    if (scheme == u"http"_s && isLoopbackHost(url.host()))
        return Error{field, Tr::tr("A plain http:// link to this computer is only accepted from the sandbox "
                                   "gateway; use https://.")};
    return Error{field, Tr::tr("The link must start with https://.")};
}

Result<void> GatewayConfig::validate() const
{
    const QString urlField = u"base_url"_s;
    if (baseUrl.isEmpty())
        return Error{urlField, Tr::tr("The gateway address is empty: enter e.g. https://api.fatora.io.")};
    if (!baseUrl.isValid())
        return Error{urlField,
                     Tr::tr("The gateway address is not a valid URL: %1").arg(baseUrl.errorString())};
    if (baseUrl.isRelative() || baseUrl.host().isEmpty())
        return Error{urlField, Tr::tr("The gateway address must be absolute, e.g. https://api.fatora.io.")};
    const QString scheme = baseUrl.scheme().toLower();
    if (scheme != u"https"_s && scheme != u"http"_s)
        return Error{urlField,
                     Tr::tr("The gateway address must start with https:// (got \"%1:\").").arg(scheme)};
    if (scheme == u"http"_s && !isLoopbackHost(baseUrl.host()))
        return Error{urlField,
                     Tr::tr("Plain http:// is only allowed to this computer (127.0.0.1, ::1, localhost); "
                            "use https:// for %1.")
                         .arg(baseUrl.host())};
    // Credentials in the URL would end up in error strings and logs.
    if (!baseUrl.userInfo().isEmpty())
        return Error{urlField, Tr::tr("The gateway address must not contain a user name or password.")};
    if (baseUrl.hasQuery() || baseUrl.hasFragment())
        return Error{urlField,
                     Tr::tr("The gateway address must not contain a query (?...) or fragment (#...).")};

    const QString keyField = u"api_key"_s;
    if (apiKey.isEmpty())
        return Error{keyField,
                     Tr::tr("The API key is missing: paste the key from the Fatora dashboard in Settings.")};
    for (const QChar c : apiKey) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return Error{keyField,
                         Tr::tr("The API key contains a space, line break or other invisible character: "
                                "paste it again without it.")};
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return Error{keyField,
                         Tr::tr("The API key contains a character that is not plain ASCII: paste it again.")};
    }

    if (timeoutMs < 1000 || timeoutMs > 300'000)
        return Error{u"timeout"_s,
                     Tr::tr("The timeout must be between 1 and 300 seconds (got %1 ms).").arg(timeoutMs)};
    return {};
}

void GatewayResult::maskSecrets(const SecretMasker &masker)
{
    if (masker.isEmpty())
        return;
    for (QString *field : {&status, &statusCode, &transactionId, &authCode, &mode, &description,
                           &paymentStatus, &orderId, &verifiedAmount, &verifiedCurrency, &refundStatus,
                           &checkoutUrl, &cardBrand, &paymentDate, &errorText})
        *field = masker.mask(*field);
    for (QString &key : duplicateKeys)
        key = masker.mask(key);
    requestBody = masker.maskBody(requestBody);
    responseBody = masker.maskBody(responseBody);
}

} // namespace fatora
