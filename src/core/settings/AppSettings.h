#pragma once

#include "gateway/GatewayTypes.h"
#include "settings/DatabaseSettings.h"

#include <QString>
#include <QUrl>

#include <utility>

class QSettings;
class QProcessEnvironment;

namespace fatora {

// Settings shared by the desk and the CLI (one QSettings scope). The API key is deliberately
// absent: it lives in the keychain, the FATORA_API_KEY environment variable or this run's memory.
struct AppSettings
{
    // Bounds for the gateway timeout: below 100 ms nothing answers; above 5 minutes the operator would
    // think the program hung, and PaymentService::OrphanAfterSecs counts on no call living longer.
    static constexpr int MinTimeoutMs = 100;
    static constexpr int MaxTimeoutMs = 300'000;
    static constexpr int MaxNameChars = 100; // operator and merchant names

    QUrl baseUrl = QUrl(QStringLiteral("https://api.fatora.io"));
    int timeoutMs = GatewayConfig::DefaultTimeoutMs;
    QString currency = QStringLiteral("QAR");
    QString operatorName;
    QString merchantName; // printed at the top of receipts
    QString language; // "" = system, "en", "ar"
    // Card requests (checkout links that save a card): the pages Fatora sends the customer back
    // to after paying, and how long an unpaid link is waited for before it counts as expired.
    // Without both pages no card request can be made (cardRequestPages says what to set).
    QUrl successUrl;
    QUrl failureUrl;
    int linkLifetimeHours = 24;
    static constexpr int MaxLinkLifetimeHours = 24 * 30;
    DatabaseSettings database; // the Settings "Database" page (DatabaseChoice decides what opens)

    // Organisation "Fatora", application "Fatora Back Office" (or the sandbox scope), native format.
    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    // FATORA_BASE_URL, FATORA_TIMEOUT_MS, FATORA_OPERATOR, FATORA_SUCCESS_URL and
    // FATORA_FAILURE_URL override what was loaded.
    // A malformed override is an error naming the variable, never silently ignored.
    Result<AppSettings> withEnvironment(const QProcessEnvironment &env) const;
    // Names the field: base_url, timeout, currency, operator, merchant_name, language or one of
    // DatabaseSettings's.
    Result<void> validate() const;

    GatewayConfig gatewayConfig(const QString &apiKey) const;
    // Both return pages, checked (https; plain http to this computer only with the sandbox
    // gateway), or why a card request cannot be made yet: what to set, in Settings or the
    // environment.
    Result<std::pair<QUrl, QUrl>> cardRequestPages() const;
};

} // namespace fatora
