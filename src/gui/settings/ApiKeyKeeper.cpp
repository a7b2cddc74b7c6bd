#include "settings/ApiKeyKeeper.h"

#include "SecretStore.h"
#include "desk/DeskContext.h"
#include "gateway/GatewayClient.h"

#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace fatora {

ApiKeyKeeper::Source ApiKeyKeeper::choose(const QProcessEnvironment &environment, bool sandbox,
                                          const QString &sandboxKey)
{
    if (sandbox)
        return Source{sandboxKey, false, false};
    const QString fromEnvironment = environment.value(u"FATORA_API_KEY"_s).trimmed();
    if (!fromEnvironment.isEmpty())
        return Source{fromEnvironment, true, false};
    return Source{QString(), false, true};
}

QString ApiKeyKeeper::keptForThisRunText(const QString &keychainError)
{
    if (keychainError.isEmpty())
        return tr("The API key is kept for this run only: no keychain stores it.");
    return tr("The system keychain could not store the API key (%1). It is kept for this run only.")
        .arg(keychainError);
}

ApiKeyKeeper::ApiKeyKeeper(DeskContext &context, QObject *parent) : QObject(parent), m_context(context)
{
    if (!context.keyStore)
        return;
    connect(context.keyStore, &SecretStore::saved, this, [this](bool persisted, const QString &error) {
        if (persisted) {
            m_context.keychainProblem.clear();
            emit thisRunOnly(QString());
            emit message(tr("API key saved in the system keychain."));
        } else {
            failed(keptForThisRunText(error), error);
        }
    });
    connect(context.keyStore, &SecretStore::loaded, this, [this](const QString &key, const QString &error) {
        if (!m_loading)
            return;
        m_loading = false;
        if (!key.isEmpty() && m_context.apiKey.isEmpty()) {
            m_context.apiKey = key;
            if (m_context.gateway) {
                GatewayConfig config = m_context.gateway->config();
                config.apiKey = key;
                m_context.gateway->setConfig(config);
            }
        }
        if (!error.isEmpty())
            failed(tr("The system keychain could not be read (%1). Enter the API key in Settings; it is kept "
                      "for this run only.")
                       .arg(error),
                   error);
        else if (m_context.apiKey.isEmpty())
            emit message(tr("No API key yet: enter the merchant key in Settings."));
    });
}

void ApiKeyKeeper::load()
{
    if (m_context.sandbox || m_context.apiKeyFromEnvironment || !m_context.keyStore)
        return;
    m_loading = true;
    m_context.keyStore->load();
}

void ApiKeyKeeper::failed(const QString &text, const QString &error)
{
    // Not a gateway error: the key works for this run; it just will not be there next time.
    m_context.keychainProblem = error.isEmpty() ? tr("no keychain stores it") : error;
    emit thisRunOnly(text);
    emit message(text);
}

} // namespace fatora
