#include "GatewayTypes.h"

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

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    // QUrl::host() gives IPv6 without brackets, which is what QHostAddress wants.
    return address.setAddress(host) && address.isLoopback();
}

} // namespace

Result<void> GatewayConfig::validate() const
{
    const QString urlField = u"base_url"_s;
    if (baseUrl.isEmpty())
        return Error{urlField, u"The gateway address is empty: enter e.g. https://api.fatora.io."_s};
    if (!baseUrl.isValid())
        return Error{urlField, u"The gateway address is not a valid URL: %1"_s.arg(baseUrl.errorString())};
    if (baseUrl.isRelative() || baseUrl.host().isEmpty())
        return Error{urlField, u"The gateway address must be absolute, e.g. https://api.fatora.io."_s};
    const QString scheme = baseUrl.scheme().toLower();
    if (scheme != u"https"_s && scheme != u"http"_s)
        return Error{urlField, u"The gateway address must start with https:// (got \"%1:\")."_s.arg(scheme)};
    if (scheme == u"http"_s && !isLoopbackHost(baseUrl.host()))
        return Error{urlField, u"Plain http:// is only allowed to this computer (127.0.0.1, ::1, localhost); "
                               u"use https:// for %1."_s.arg(baseUrl.host())};
    // Credentials in the URL would end up in error strings and logs.
    if (!baseUrl.userInfo().isEmpty())
        return Error{urlField, u"The gateway address must not contain a user name or password."_s};
    if (baseUrl.hasQuery() || baseUrl.hasFragment())
        return Error{urlField, u"The gateway address must not contain a query (?...) or fragment (#...)."_s};

    const QString keyField = u"api_key"_s;
    if (apiKey.isEmpty())
        return Error{keyField,
                     u"The API key is missing: paste the key from the Fatora dashboard in Settings."_s};
    for (const QChar c : apiKey) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return Error{keyField, u"The API key contains a space, line break or other invisible character: "
                                   u"paste it again without it."_s};
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return Error{keyField,
                         u"The API key contains a character that is not plain ASCII: paste it again."_s};
    }

    if (timeoutMs < 1000 || timeoutMs > 300'000)
        return Error{u"timeout"_s,
                     u"The timeout must be between 1 and 300 seconds (got %1 ms)."_s.arg(timeoutMs)};
    return {};
}

} // namespace fatora
