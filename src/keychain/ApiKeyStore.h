#pragma once

#include <QObject>
#include <QString>

namespace fatora {

// Where the merchant's API key is kept between runs. Asynchronous because keychains are.
// The key never goes to SQLite, settings files or logs.
class ApiKeyStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Emits loaded(key, error): key empty when none stored; error non-empty when the keychain failed.
    virtual void load() = 0;
    // Emits saved(persisted, error): persisted false means the key is kept for this run only.
    virtual void save(const QString &key) = 0;
    virtual void remove() = 0;

signals:
    void loaded(const QString &key, const QString &error);
    void saved(bool persisted, const QString &error);
};

// The system keychain through QtKeychain (Secret Service, KWallet, macOS Keychain, Windows).
// On machines without one (CI, SSH sessions) writes fail at once; the key then stays in memory.
class KeychainApiKeyStore final : public ApiKeyStore
{
    Q_OBJECT
public:
    // The service name the desk and the CLI share, so a key saved in one is found by the other.
    static QString defaultService() { return QStringLiteral("Fatora Back Office"); }

    explicit KeychainApiKeyStore(const QString &service, QObject *parent = nullptr);
    void load() override;
    void save(const QString &key) override;
    void remove() override;

private:
    QString m_service;
    QString m_sessionKey; // fallback when the keychain refused to store
};

// Memory only: tests, and the explicit "this run only" choice.
class MemoryApiKeyStore final : public ApiKeyStore
{
    Q_OBJECT
public:
    using ApiKeyStore::ApiKeyStore;
    void load() override;
    void save(const QString &key) override;
    void remove() override;

private:
    QString m_key;
};

} // namespace fatora
