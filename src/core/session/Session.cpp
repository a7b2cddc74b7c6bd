#include "session/Session.h"

#include <QMutex>

#include "customers/CustomerService.h"
#include "domain/Clock.h"
#include "gateway/GatewayClient.h"
#include "payments/AnswerJournal.h"
#include "payments/CardRequestService.h"
#include "payments/PaymentService.h"
#include "security/PrivateFiles.h"
#include "session/SandboxGateway.h"
#include "staff/StaffService.h"
#include "store/StoreLocation.h"
#include "store/postgres/PostgresStore.h"
#include "store/sqlite/SqliteStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSession, "fatora.session")

using namespace Qt::StringLiterals;

namespace fatora {

Session::Session(const Clock &clock) : m_clock(clock) {}

Session::~Session()
{
    m_heartbeat.reset();
    // The service and the client hold replies that point into the network manager: they go first.
    m_cardRequests.reset();
    m_payments.reset();
    m_gateway.reset();
    m_network.reset();
}

struct Session::SharedPassword
{
    void set(const QString &value)
    {
        QMutexLocker locker(&lock);
        password = value;
    }
    QString get() const
    {
        QMutexLocker locker(&lock);
        return password;
    }
    mutable QMutex lock;
    QString password;
};

StoreReader::Opener Session::readerOpener() const
{
    return [location = m_location, password = m_databasePassword] {
        return StoreLocation::open(location, password->get());
    };
}

QString Session::loginName(const QString &fallback)
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? fallback : user;
}

Result<std::unique_ptr<Session>> Session::open(Options options, const Clock &clock)
{
    std::unique_ptr<Session> session(new Session(clock));
    auto opened = StoreLocation::open(options.location, options.databasePassword);
    if (!opened.ok())
        return opened.error();
    session->m_store = std::move(opened).value();
    session->m_shared = StoreLocation::isServer(options.location);
    session->m_location = options.location;
    session->m_databasePassword = std::make_shared<SharedPassword>();
    session->m_databasePassword->set(options.databasePassword);
    if (const auto *file = dynamic_cast<const SqliteStore *>(session->m_store.get()))
        session->m_readOnly = file->isReadOnly();
    session->m_sandbox = std::move(options.sandbox);
    if (session->m_sandbox) {
        auto seeded = session->m_sandbox->seed(*session->m_store, clock);
        if (!seeded.ok())
            return seeded.error();
        session->m_seeded = seeded.value();
    }

    session->m_network = std::make_unique<QNetworkAccessManager>();
    session->m_gateway = std::make_unique<GatewayClient>(session->m_network.get(), GatewayConfig{});
    session->setGatewayConfig(options.gateway);
    session->m_payments = std::make_unique<PaymentService>(*session->m_store, *session->m_gateway, clock);
    session->m_journal =
        std::make_unique<AnswerJournal>(answerJournalPath(session->m_store->location()));
    session->m_payments->setAnswerJournal(session->m_journal.get());
    session->m_cardRequests =
        std::make_unique<CardRequestService>(*session->m_store, *session->m_gateway, clock);
    session->m_customers = std::make_unique<CustomerService>(*session->m_store, clock);
    session->m_staff = std::make_unique<StaffService>(*session->m_store);
    session->m_staff->setPasswordChanged(
        [password = session->m_databasePassword](const QString &changed) { password->set(changed); });
    if (session->m_store->keepsStaffAccounts()) {
        if (auto r = session->refreshSignedIn(); !r.ok())
            return r.error();
    } else {
        session->m_signedIn = StaffMember::withEveryRight(options.operatorName.isEmpty()
                                                              ? loginName(QString::fromUtf16(DefaultOperator))
                                                              : options.operatorName);
        session->tellServices();
    }
    if (!session->isReadOnly()) {
        // The lease that tells other desks this process's calls are live (Store.h); a read-only
        // database takes no charges, so it needs none.
        SessionInfo info;
        info.host = QSysInfo::machineHostName();
        info.pid = QCoreApplication::applicationPid();
        info.operatorName = session->operatorName();
        if (auto r = session->m_store->openSession(info); !r.ok())
            return r.error();
    }
    if (!session->m_readOnly && options.renewLeaseHere) {
        session->m_heartbeat = std::make_unique<QTimer>();
        session->m_heartbeat->setInterval(Store::HeartbeatSecs * 1000);
        Store *store = session->m_store.get();
        QObject::connect(session->m_heartbeat.get(), &QTimer::timeout, session->m_heartbeat.get(), [store] {
            // A missed beat is retried at the next; only a lease that stays silent past
            // Store::leaseSecs lets another desk recover this one's calls (as unknown, never lost).
            if (auto r = store->heartbeat(); !r.ok())
                qCWarning(lcSession) << "session lease not renewed:" << r.error().toString();
        });
        session->m_heartbeat->start();
    }
    return session;
}

Result<int> Session::recover()
{
    if (isReadOnly())
        return 0;
    return m_payments->recoverInterrupted();
}

Store &Session::store()
{
    return *m_store;
}

QString Session::answerJournalPath(const QString &location)
{
    if (!StoreLocation::isServer(location))
        return AnswerJournal::pathFor(location);
    // Named by a hash of the server and database alone (not the login or the SSL mode, which may
    // change while answers wait), so two shared databases never share a journal, the same one
    // always finds its own, and the file name carries no host or login.
    const auto settings = PostgresStore::parseUrl(location.trimmed());
    const QByteArray key = settings.ok() ? (settings->host.toLower() + u':' + QString::number(settings->port) +
                                            u'/' + settings->database)
                                               .toUtf8()
                                         : StoreLocation::display(location).toUtf8();
    const QString name = QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    PrivateFiles::makePrivateFolder(dir);
    return AnswerJournal::pathFor(QDir(dir).filePath(u"shared-database-"_s + name));
}

QString Session::operatorName() const
{
    return m_payments->operatorName();
}

Result<void> Session::refreshSignedIn()
{
    auto me = m_store->signedIn();
    if (!me)
        return me.error();
    m_signedIn = me.value();
    tellServices();
    return {};
}

void Session::tellServices()
{
    m_payments->setActor(m_signedIn);
    m_cardRequests->setActor(m_signedIn);
    m_customers->setActor(m_signedIn);
    m_staff->setActor(m_signedIn);
}

void Session::setGatewayConfig(GatewayConfig config)
{
    if (m_sandbox) {
        config.baseUrl = m_sandbox->baseUrl();
        config.apiKey = m_sandbox->apiKey();
    }
    m_gateway->setConfig(config);
}

} // namespace fatora
