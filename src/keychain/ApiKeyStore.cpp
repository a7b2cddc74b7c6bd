#include "ApiKeyStore.h"

#include <QCoreApplication>
#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// The account name under the service; one merchant key per installation.
const QString KeyName = u"api_key"_s;

// QtKeychain's own text can be terse ("Unknown error"); the code says which kind of failure it was.
// Neither ever contains the secret.
QString describe(const QKeychain::Job &job)
{
    const QString detail = job.errorString();
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return QCoreApplication::translate("fatora::KeychainApiKeyStore",
                                           "no system keychain is available (%1)")
            .arg(detail);
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return QCoreApplication::translate("fatora::KeychainApiKeyStore",
                                           "the system keychain refused access (%1)")
            .arg(detail);
    default:
        return QCoreApplication::translate("fatora::KeychainApiKeyStore", "the system keychain failed (%1)")
            .arg(detail);
    }
}

} // namespace

KeychainApiKeyStore::KeychainApiKeyStore(const QString &service, QObject *parent)
    : ApiKeyStore(parent), m_service(service)
{
}

void KeychainApiKeyStore::load()
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(KeyName);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *finished) {
        const auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (read->error() == QKeychain::NoError)
            emit loaded(read->textData(), QString());
        else if (read->error() == QKeychain::EntryNotFound)
            emit loaded(m_sessionKey, QString());
        else
            emit loaded(m_sessionKey, describe(*read)); // the key typed earlier this run, if any
    });
    job->start();
}

void KeychainApiKeyStore::save(const QString &key)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(KeyName);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError) {
            m_sessionKey.clear();
            emit saved(true, QString());
        } else {
            m_sessionKey = key; // still usable until the application quits
            emit saved(false, describe(*finished));
        }
    });
    job->start();
}

void KeychainApiKeyStore::remove()
{
    m_sessionKey.clear();
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(KeyName);
    job->start();
}

// Answers later, like a keychain would, so callers have one code path for both stores.
void MemoryApiKeyStore::load()
{
    QTimer::singleShot(0, this, [this] { emit loaded(m_key, QString()); });
}

void MemoryApiKeyStore::save(const QString &key)
{
    m_key = key;
    QTimer::singleShot(0, this, [this] { emit saved(false, QString()); });
}

void MemoryApiKeyStore::remove()
{
    m_key.clear();
}

} // namespace fatora
