#include "settings/AppSettings.h"

#include "domain/Money.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// The keys are shared with the desk's settings dialog; renaming one loses the operator's choice.
constexpr auto KeyBaseUrl = "gateway/base_url";
constexpr auto KeyTimeoutMs = "gateway/timeout_ms";
constexpr auto KeyCurrency = "charges/currency";
constexpr auto KeyOperator = "operator/name";
constexpr auto KeyMerchantName = "receipts/merchant_name";
constexpr auto KeyLanguage = "ui/language";
constexpr auto KeySuccessUrl = "card_requests/success_url";
constexpr auto KeyFailureUrl = "card_requests/failure_url";
constexpr auto KeyLinkLifetimeHours = "card_requests/link_lifetime_hours";

// Messages are translated under the class's context, as if AppSettings were a QObject.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::AppSettings)
};

// Plain http would send the API key in clear text, so it is only allowed to this machine.
Result<void> checkBaseUrl(const QUrl &url, const QString &field)
{
    if (!url.isValid() || url.host().isEmpty())
        return Error{field, Tr::tr("is not a valid web address; expected e.g. https://api.fatora.io.")};
    const QString scheme = url.scheme().toLower();
    if (scheme != u"https"_s && !(scheme == u"http"_s && isLoopbackHost(url.host())))
        return Error{field,
                     Tr::tr("must start with https:// (plain http is only allowed to this computer).")};
    if (!url.userInfo().isEmpty())
        return Error{field, Tr::tr("must not contain a user name or password.")};
    if (url.hasQuery() || url.hasFragment())
        return Error{field, Tr::tr("must not contain a query (?) or fragment (#).")};
    return {};
}

Result<void> checkTimeout(qint64 ms, const QString &field)
{
    if (ms < AppSettings::MinTimeoutMs || ms > AppSettings::MaxTimeoutMs)
        return Error{field, Tr::tr("must be between %1 and %2 milliseconds.")
                                .arg(AppSettings::MinTimeoutMs)
                                .arg(AppSettings::MaxTimeoutMs)};
    return {};
}

Result<void> checkOperator(const QString &name, const QString &field)
{
    static_assert(AppSettings::MaxNameChars == 100, "the message below says 100");
    if (name.size() > AppSettings::MaxNameChars)
        return Error{field, Tr::tr("is longer than 100 characters.")};
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return Error{field, Tr::tr("must not contain control characters such as line breaks.")};
    }
    return {};
}

} // namespace

AppSettings AppSettings::load(QSettings &settings)
{
    AppSettings s;
    const QString url = settings.value(QLatin1String(KeyBaseUrl)).toString().trimmed();
    if (!url.isEmpty())
        s.baseUrl = QUrl(url, QUrl::StrictMode); // an invalid value stays invalid so validate() names it
    const QVariant timeout = settings.value(QLatin1String(KeyTimeoutMs));
    if (timeout.isValid()) {
        bool ok = false;
        const int ms = timeout.toString().trimmed().toInt(&ok);
        s.timeoutMs = ok ? ms : 0; // 0 is out of range: validate() reports it instead of guessing
    }
    const QString currency = settings.value(QLatin1String(KeyCurrency)).toString().trimmed();
    if (!currency.isEmpty())
        s.currency = currency.toUpper();
    s.operatorName = settings.value(QLatin1String(KeyOperator)).toString().trimmed();
    s.language = settings.value(QLatin1String(KeyLanguage)).toString().trimmed();
    s.merchantName = settings.value(QLatin1String(KeyMerchantName)).toString().trimmed();
    s.successUrl = QUrl(settings.value(QLatin1String(KeySuccessUrl)).toString().trimmed(), QUrl::StrictMode);
    s.failureUrl = QUrl(settings.value(QLatin1String(KeyFailureUrl)).toString().trimmed(), QUrl::StrictMode);
    const QVariant lifetime = settings.value(QLatin1String(KeyLinkLifetimeHours));
    if (lifetime.isValid()) {
        bool ok = false;
        const int hours = lifetime.toString().trimmed().toInt(&ok);
        s.linkLifetimeHours = ok ? hours : 0; // out of range: validate() reports it
    }
    s.database = DatabaseSettings::load(settings);
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(QLatin1String(KeyBaseUrl), baseUrl.toString());
    settings.setValue(QLatin1String(KeyTimeoutMs), timeoutMs);
    settings.setValue(QLatin1String(KeyCurrency), currency);
    settings.setValue(QLatin1String(KeyOperator), operatorName);
    settings.setValue(QLatin1String(KeyLanguage), language);
    settings.setValue(QLatin1String(KeyMerchantName), merchantName);
    settings.setValue(QLatin1String(KeySuccessUrl), successUrl.toString(QUrl::FullyEncoded));
    settings.setValue(QLatin1String(KeyFailureUrl), failureUrl.toString(QUrl::FullyEncoded));
    settings.setValue(QLatin1String(KeyLinkLifetimeHours), linkLifetimeHours);
    database.save(settings);
}

Result<AppSettings> AppSettings::withEnvironment(const QProcessEnvironment &env) const
{
    AppSettings s = *this;
    // An exported but empty variable counts as unset, as in the shell's ${VAR:-default}.
    const QString url = env.value(u"FATORA_BASE_URL"_s).trimmed();
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (auto ok = checkBaseUrl(parsed, u"FATORA_BASE_URL"_s); !ok)
            return ok.error();
        s.baseUrl = parsed;
    }
    const QString timeout = env.value(u"FATORA_TIMEOUT_MS"_s).trimmed();
    if (!timeout.isEmpty()) {
        bool isNumber = false;
        const qint64 ms = timeout.toLongLong(&isNumber);
        if (!isNumber)
            return Error{u"FATORA_TIMEOUT_MS"_s,
                         Tr::tr("must be a whole number of milliseconds, not \"%1\".").arg(timeout.left(40))};
        if (auto ok = checkTimeout(ms, u"FATORA_TIMEOUT_MS"_s); !ok)
            return ok.error();
        s.timeoutMs = int(ms);
    }
    const QString op = env.value(u"FATORA_OPERATOR"_s).trimmed();
    if (!op.isEmpty()) {
        if (auto ok = checkOperator(op, u"FATORA_OPERATOR"_s); !ok)
            return ok.error();
        s.operatorName = op;
    }
    for (const auto &[name, page] : {std::pair{u"FATORA_SUCCESS_URL"_s, &s.successUrl},
                                     std::pair{u"FATORA_FAILURE_URL"_s, &s.failureUrl}}) {
        const QString value = env.value(name).trimmed();
        if (value.isEmpty())
            continue;
        auto checked = checkWebLink(value, s.gatewayConfig(QString()).isLoopbackSandbox(), name);
        if (!checked)
            return checked.error();
        *page = checked.value();
    }
    return s;
}

Result<std::pair<QUrl, QUrl>> AppSettings::cardRequestPages() const
{
    const bool sandbox = gatewayConfig(QString()).isLoopbackSandbox();
    QList<QUrl> pages;
    for (const auto &[field, page] :
         {std::pair{u"success_url"_s, successUrl}, std::pair{u"failure_url"_s, failureUrl}}) {
        if (page.isEmpty())
            return Error{field,
                         Tr::tr("No return page is set for card requests: set the success and failure pages "
                                "(the addresses Fatora sends the customer back to after paying) in Settings, "
                                "or FATORA_SUCCESS_URL and FATORA_FAILURE_URL for fatora-cli.")};
        auto checked = checkWebLink(page.toString(QUrl::FullyEncoded), sandbox, field);
        if (!checked)
            return checked.error();
        pages << checked.value();
    }
    return std::pair{pages.at(0), pages.at(1)};
}

Result<void> AppSettings::validate() const
{
    if (auto ok = checkBaseUrl(baseUrl, u"base_url"_s); !ok)
        return ok;
    if (auto ok = checkTimeout(timeoutMs, u"timeout"_s); !ok)
        return ok;
    if (!Money::isKnownCurrency(currency))
        return Error{u"currency"_s,
                     Tr::tr("\"%1\" is not a currency this application knows (e.g. QAR, USD, KWD).")
                         .arg(currency.left(10))};
    if (auto ok = checkOperator(operatorName, u"operator"_s); !ok)
        return ok;
    // Same rule as the operator's name: one line, printable, of a length a receipt's heading holds.
    if (auto ok = checkOperator(merchantName, u"merchant_name"_s); !ok)
        return ok;
    if (!language.isEmpty() && language != u"en"_s && language != u"ar"_s)
        return Error{u"language"_s, Tr::tr("must be empty (system language), \"en\" or \"ar\".")};
    if (linkLifetimeHours < 1 || linkLifetimeHours > MaxLinkLifetimeHours)
        return Error{u"link_lifetime_hours"_s,
                     Tr::tr("must be between 1 and %1 hours.").arg(MaxLinkLifetimeHours)};
    return database.validate();
}

GatewayConfig AppSettings::gatewayConfig(const QString &apiKey) const
{
    GatewayConfig config;
    config.baseUrl = baseUrl;
    config.apiKey = apiKey;
    config.timeoutMs = timeoutMs;
    return config;
}

} // namespace fatora
