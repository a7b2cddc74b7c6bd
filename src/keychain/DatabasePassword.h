#pragma once

#include <QString>

class QProcessEnvironment;

namespace fatora::DatabasePassword {

// A shared database's password for this run, looked for in order: the URL's own (the store uses
// it as it is), FATORA_DATABASE_PASSWORD, then the system keychain's entry for that user, server
// and database (DatabaseSettings::passwordAccount). None found is not an error: the server may
// trust this computer or read ~/.pgpass.
struct Found
{
    QString password;
    bool fromKeychain = false;
    QString keychainError; // the keychain could not be read (what it said); never holds a secret
};

// The keychain is given keychainWaitMs to answer (a locked wallet may ask its owner first).
Found find(const QString &location, const QProcessEnvironment &environment, int keychainWaitMs);

} // namespace fatora::DatabasePassword
