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
    Relay(QTcpSocket *client, const QUrl &target, int delayMs, bool bothWays, QObject *parent)
        : QObject(parent), m_client(client), m_upstream(new QTcpSocket(this)), m_delayMs(delayMs),
          m_bothWays(bothWays)
    {
        client->setParent(this);
        m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &Relay::flushDue);
        m_requestTimer.setSingleShot(true);
        m_requestTimer.setTimerType(Qt::PreciseTimer);
        connect(&m_requestTimer, &QTimer::timeout, this, &Relay::flushRequests);
        connect(m_client, &QTcpSocket::readyRead, this, &Relay::forwardRequest);
        connect(m_client, &QTcpSocket::disconnected, this, &Relay::finish);
        connect(m_upstream, &QTcpSocket::connected, this, [this] {
            m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            forwardRequest();
        });
        connect(m_upstream, &QTcpSocket::readyRead, this, &Relay::queueAnswer);
        // Closed by the target, or never reached: what it already answered still goes out.
        const auto upstreamGone = [this] {
            m_upstreamGone = true;
            if (m_due.empty())
                finish();
        };
        connect(m_upstream, &QTcpSocket::disconnected, this, upstreamGone);
        connect(m_upstream, &QTcpSocket::errorOccurred, this, upstreamGone);
        m_upstream->connectToHost(target.host(), quint16(target.port()));
    }

    void close()
    {
        if (m_closing)
            return;
        m_closing = true;
        m_timer.stop();
        m_requestTimer.stop();
        m_upstream->abort();
        m_client->abort();
        deleteLater();
    }

private:
    void forwardRequest()
    {
        if (m_upstream->state() != QAbstractSocket::ConnectedState)
            return;
        if (!m_bothWays) {
            m_upstream->write(m_client->readAll());
            return;
        }
        const QByteArray bytes = m_client->readAll();
        if (bytes.isEmpty())
            return;
        m_requests.push_back({QDeadlineTimer(m_delayMs, Qt::PreciseTimer), bytes});
        if (!m_requestTimer.isActive())
            m_requestTimer.start(int(m_requests.front().first.remainingTime()));
    }
    void flushRequests()
    {
        while (!m_requests.empty() && m_requests.front().first.hasExpired()) {
            m_upstream->write(m_requests.front().second);
            m_requests.pop_front();
        }
        if (!m_requests.empty())
            m_requestTimer.start(int(qMax<qint64>(0, m_requests.front().first.remainingTime())));
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
            finish();
    }
    // The target is done: what it answered has gone out, the client is let go.
    void finish()
    {
        if (m_closing)
            return;
        m_closing = true;
        m_timer.stop();
        m_requestTimer.stop();
        m_upstream->abort();
        m_client->disconnectFromHost();
        deleteLater();
    }

    QTcpSocket *m_client;
    QTcpSocket *m_upstream;
    const int m_delayMs;
    const bool m_bothWays;
    QTimer m_timer;
    QTimer m_requestTimer;
    std::deque<std::pair<QDeadlineTimer, QByteArray>> m_due;
    std::deque<std::pair<QDeadlineTimer, QByteArray>> m_requests;
    bool m_upstreamGone = false;
    bool m_closing = false;
};

} // namespace

// Lives on the proxy's thread.
class DelayProxyServer : public QTcpServer
{
public:
    DelayProxyServer(const QUrl &target, int delayMs, bool bothWays)
        : m_target(target), m_delayMs(delayMs), m_bothWays(bothWays)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = nextPendingConnection())
                m_relays.append(new Relay(client, m_target, m_delayMs, m_bothWays, this));
        });
    }
    void cutAll()
    {
        close();
        for (const QPointer<Relay> &relay : std::as_const(m_relays)) {
            if (relay)
                relay->close();
        }
        m_relays.clear();
    }

private:
    QUrl m_target;
    int m_delayMs;
    bool m_bothWays;
    QList<QPointer<Relay>> m_relays; // those relaying now (deleted ones read as null)
};

DelayProxy::DelayProxy(QObject *parent) : QObject(parent) {}

DelayProxy::~DelayProxy()
{
    stop();
}

bool DelayProxy::start(const QUrl &target, int delayMs, bool bothWays)
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
        [&server, &target, delayMs, bothWays] {
            server = new DelayProxyServer(target, delayMs, bothWays);
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

void DelayProxy::cut()
{
    if (m_server)
        QMetaObject::invokeMethod(m_server, [server = m_server] { server->cutAll(); }, Qt::BlockingQueuedConnection);
}

bool DelayProxy::resume()
{
    bool listening = false;
    if (m_server)
        QMetaObject::invokeMethod(
            m_server,
            [server = m_server, port = m_port, &listening] {
                listening = server->isListening() || server->listen(QHostAddress::LocalHost, port);
            },
            Qt::BlockingQueuedConnection);
    return listening;
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
