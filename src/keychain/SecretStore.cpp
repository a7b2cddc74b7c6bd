#include "SecretStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// QtKeychain's own text can be terse ("Unknown error"); the code says which kind of failure it was.
// Neither ever contains the secret.
QString describe(const QKeychain::Job &job)
{
    const QString detail = job.errorString();
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return QCoreApplication::translate("fatora::KeychainSecretStore",
                                           "no system keychain is available (%1)")
            .arg(detail);
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return QCoreApplication::translate("fatora::KeychainSecretStore",
                                           "the system keychain refused access (%1)")
            .arg(detail);
    default:
        return QCoreApplication::translate("fatora::KeychainSecretStore", "the system keychain failed (%1)")
            .arg(detail);
    }
}

} // namespace

SecretStore::Loaded SecretStore::loadAndWait(int timeoutMs)
{
    Loaded result;
    QEventLoop loop;
    bool answered = false;
    const auto connection = connect(this, &SecretStore::loaded, &loop,
                                    [&](const QString &secret, const QString &error) {
                                        result = Loaded{secret, error};
                                        answered = true;
                                        loop.quit();
                                    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    load();
    if (!answered)
        loop.exec();
    disconnect(connection);
    // Computed apart: Qt 6.4's lupdate loops for ever on a division inside translate()'s arguments.
    const int seconds = qMax(1, timeoutMs / 1000);
    if (!answered)
        result.error = QCoreApplication::translate("fatora::SecretStore",
                                                   "the system keychain did not answer within %n second(s)",
                                                   nullptr, seconds);
    return result;
}

KeychainSecretStore::KeychainSecretStore(const QString &service, const QString &account, QObject *parent)
    : SecretStore(parent), m_service(service), m_account(account)
{
}

void KeychainSecretStore::load()
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(m_account);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *finished) {
        const auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (read->error() == QKeychain::NoError)
            emit loaded(read->textData(), QString());
        else if (read->error() == QKeychain::EntryNotFound)
            emit loaded(m_sessionSecret, QString());
        else
            emit loaded(m_sessionSecret, describe(*read)); // the key typed earlier this run, if any
    });
    job->start();
}

void KeychainSecretStore::save(const QString &secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(m_account);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, secret](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError) {
            m_sessionSecret.clear();
            emit saved(true, QString());
        } else {
            m_sessionSecret = secret; // still usable until the application quits
            emit saved(false, describe(*finished));
        }
    });
    job->start();
}

void KeychainSecretStore::remove()
{
    m_sessionSecret.clear();
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(m_account);
    job->start();
}

// Answers later, like a keychain would, so callers have one code path for both stores.
void MemorySecretStore::load()
{
    QTimer::singleShot(0, this, [this] { emit loaded(m_secret, QString()); });
}

void MemorySecretStore::save(const QString &secret)
{
    m_secret = secret;
    QTimer::singleShot(0, this, [this] { emit saved(false, QString()); });
}

void MemorySecretStore::remove()
{
    m_secret.clear();
}

} // namespace fatora
