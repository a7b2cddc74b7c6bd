#pragma once

#include <QObject>
#include <QString>

namespace fatora {

// Where one secret is kept between runs: the merchant's API key, or a shared database's password.
// Asynchronous because keychains are. A secret never goes to a database, settings files or logs.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Emits loaded(secret, error): secret empty when none stored; error non-empty when the keychain
    // failed.
    virtual void load() = 0;
    // Emits saved(persisted, error): persisted false means the secret is kept for this run only.
    virtual void save(const QString &secret) = 0;
    virtual void remove() = 0;

    // What load() answers, waited for in a local event loop (start-up and the CLI, before anything
    // else can run): the secret, or why there is none. A keychain that does not answer within
    // timeoutMs (a locked wallet nobody unlocks) is an error too.
    struct Loaded
    {
        QString secret;
        QString error;
    };
    Loaded loadAndWait(int timeoutMs);

signals:
    void loaded(const QString &key, const QString &error);
    void saved(bool persisted, const QString &error);
};

// The system keychain through QtKeychain (Secret Service, KWallet, macOS Keychain, Windows).
// On machines without one (CI, SSH sessions) writes fail at once; the key then stays in memory.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
public:
    // The service name the desk and the CLI share, so a secret saved in one is found by the other.
    static QString defaultService() { return QStringLiteral("Fatora Back Office"); }
    // The merchant's API key's entry under the service (a database password's: DatabaseSettings).
    static QString apiKeyAccount() { return QStringLiteral("api_key"); }

    explicit KeychainSecretStore(const QString &service, const QString &account = apiKeyAccount(),
                                 QObject *parent = nullptr);
    void load() override;
    void save(const QString &key) override;
    void remove() override;

private:
    QString m_service;
    QString m_account;
    QString m_sessionSecret; // fallback when the keychain refused to store
};

// Memory only: tests, and the explicit "this run only" choice.
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    void load() override;
    void save(const QString &secret) override;
    void remove() override;

private:
    QString m_secret;
};

} // namespace fatora
