#include "DatabasePassword.h"

#include "SecretStore.h"
#include "settings/DatabaseSettings.h"
#include "store/postgres/PostgresStore.h"

#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace fatora::DatabasePassword {

Found find(const QString &location, const QProcessEnvironment &environment, int keychainWaitMs)
{
    const QString account = DatabaseSettings::passwordAccountOf(location);
    if (account.isEmpty())
        return {}; // a file, or a URL that does not parse (opening it says what is wrong)
    if (auto parsed = PostgresStore::parseUrl(location); parsed && !parsed->password.isEmpty())
        return {};
    const QString fromEnvironment = environment.value(u"FATORA_DATABASE_PASSWORD"_s);
    if (!fromEnvironment.isEmpty())
        return Found{fromEnvironment, false, QString()};
    KeychainSecretStore keychain(KeychainSecretStore::defaultService(), account);
    const SecretStore::Loaded loaded = keychain.loadAndWait(keychainWaitMs);
    return Found{loaded.secret, !loaded.secret.isEmpty(), loaded.error};
}

} // namespace fatora::DatabasePassword
