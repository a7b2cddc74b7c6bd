#include "DelayProxy.h"

#include <QDeadlineTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <deque>

using namespace Qt::StringLiterals;

namespace fatora::bench {

namespace {

// One client connection and its own connection to the target. The client's bytes go on at once;
// the target's are queued with the time they may leave and written when it comes, in order.
class Relay : public QObject
{
public:
    Relay(QTcpSocket *client, const QUrl &target, int delayMs, QObject *parent)
        : QObject(parent), m_client(client), m_upstream(new QTcpSocket(this)), m_delayMs(delayMs)
    {
        client->setParent(this);
        m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &Relay::flushDue);
        connect(m_client, &QTcpSocket::readyRead, this, &Relay::forwardRequest);
        connect(m_client, &QTcpSocket::disconnected, this, &Relay::close);
        connect(m_upstream, &QTcpSocket::connected, this, [this] {
            m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            forwardRequest();
        });
        connect(m_upstream, &QTcpSocket::readyRead, this, &Relay::queueAnswer);
        // Closed by the target, or never reached: what it already answered still goes out.
        const auto upstreamGone = [this] {
            m_upstreamGone = true;
            if (m_due.empty())
                close();
        };
        connect(m_upstream, &QTcpSocket::disconnected, this, upstreamGone);
        connect(m_upstream, &QTcpSocket::errorOccurred, this, upstreamGone);
        m_upstream->connectToHost(target.host(), quint16(target.port()));
    }

private:
    void forwardRequest()
    {
        if (m_upstream->state() == QAbstractSocket::ConnectedState)
            m_upstream->write(m_client->readAll());
    }
    void queueAnswer()
    {
        m_due.push_back({QDeadlineTimer(m_delayMs, Qt::PreciseTimer), m_upstream->readAll()});
        if (!m_timer.isActive())
            m_timer.start(int(m_due.front().first.remainingTime()));
    }
    void flushDue()
    {
        while (!m_due.empty() && m_due.front().first.hasExpired()) {
            m_client->write(m_due.front().second);
            m_due.pop_front();
        }
        if (!m_due.empty())
            m_timer.start(int(qMax<qint64>(0, m_due.front().first.remainingTime())));
        else if (m_upstreamGone)
            close();
    }
    void close()
    {
        if (m_closing)
            return;
        m_closing = true;
        m_timer.stop();
        m_upstream->abort();
        m_client->disconnectFromHost();
        deleteLater();
    }

    QTcpSocket *m_client;
    QTcpSocket *m_upstream;
    const int m_delayMs;
    QTimer m_timer;
    std::deque<std::pair<QDeadlineTimer, QByteArray>> m_due;
    bool m_upstreamGone = false;
    bool m_closing = false;
};

} // namespace

// Lives on the proxy's thread.
class DelayProxyServer : public QTcpServer
{
public:
    DelayProxyServer(const QUrl &target, int delayMs) : m_target(target), m_delayMs(delayMs)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = nextPendingConnection())
                new Relay(client, m_target, m_delayMs, this);
        });
    }

private:
    QUrl m_target;
    int m_delayMs;
};

DelayProxy::DelayProxy(QObject *parent) : QObject(parent) {}

DelayProxy::~DelayProxy()
{
    stop();
}

bool DelayProxy::start(const QUrl &target, int delayMs)
{
    if (m_thread)
        return false;
    auto thread = std::make_unique<QThread>();
    thread->setObjectName(u"DelayProxy"_s);
    thread->start();
    QObject context;
    context.moveToThread(thread.get());
    DelayProxyServer *server = nullptr;
    QMetaObject::invokeMethod(
        &context,
        [&server, &target, delayMs] {
            server = new DelayProxyServer(target, delayMs);
            if (!server->listen(QHostAddress::LocalHost, 0)) {
                delete server;
                server = nullptr;
            }
        },
        Qt::BlockingQueuedConnection);
    if (!server) {
        thread->quit();
        thread->wait();
        return false;
    }
    m_port = server->serverPort();
    m_server = server;
    m_thread = std::move(thread);
    return true;
}

void DelayProxy::stop()
{
    if (!m_thread)
        return;
    // The server and its relays (its children) are deleted on their own thread.
    m_server->deleteLater();
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_server = nullptr;
    m_port = 0;
}

QUrl DelayProxy::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    return url;
}

} // namespace fatora::bench
