#include "DelayProxy.h"

#include <QDeadlineTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <deque>
#include <functional>

using namespace Qt::StringLiterals;

namespace fatora::bench {

namespace {

// Bytes held `delayMs` before they go on, in order: one direction of a relay.
class HeldBytes : public QObject
{
public:
    HeldBytes(int delayMs, std::function<void(const QByteArray &)> write, QObject *parent)
        : QObject(parent), m_delayMs(delayMs), m_write(std::move(write))
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &HeldBytes::flush);
    }
    void hold(const QByteArray &bytes)
    {
        if (bytes.isEmpty())
            return;
        m_due.push_back({QDeadlineTimer(m_delayMs, Qt::PreciseTimer), bytes});
        if (!m_timer.isActive())
            m_timer.start(int(m_due.front().first.remainingTime()));
    }
    bool isEmpty() const { return m_due.empty(); }
    void stop() { m_timer.stop(); }
    std::function<void()> drained; // called when the last held bytes went out

private:
    void flush()
    {
        while (!m_due.empty() && m_due.front().first.hasExpired()) {
            m_write(m_due.front().second);
            m_due.pop_front();
        }
        if (!m_due.empty())
            m_timer.start(int(qMax<qint64>(0, m_due.front().first.remainingTime())));
        else if (drained)
            drained();
    }

    const int m_delayMs;
    std::function<void(const QByteArray &)> m_write;
    QTimer m_timer;
    std::deque<std::pair<QDeadlineTimer, QByteArray>> m_due;
};

// One client connection and its own connection to the target. The client's bytes go on at once;
// the target's are queued with the time they may leave and written when it comes, in order.
class Relay : public QObject
{
public:
    Relay(QTcpSocket *client, const QUrl &target, int delayMs, bool bothWays, QObject *parent)
        : QObject(parent), m_client(client), m_upstream(new QTcpSocket(this)),
          m_answers(new HeldBytes(delayMs, [this](const QByteArray &b) { m_client->write(b); }, this)),
          m_requests(bothWays ? new HeldBytes(delayMs, [this](const QByteArray &b) { m_upstream->write(b); }, this)
                              : nullptr)
    {
        client->setParent(this);
        m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_answers->drained = [this] {
            if (m_upstreamGone)
                finish();
        };
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
            if (m_answers->isEmpty())
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
        stopHolding();
        m_upstream->abort();
        m_client->abort();
        deleteLater();
    }

private:
    void forwardRequest()
    {
        if (m_upstream->state() != QAbstractSocket::ConnectedState)
            return;
        if (m_requests)
            m_requests->hold(m_client->readAll());
        else
            m_upstream->write(m_client->readAll());
    }
    void queueAnswer() { m_answers->hold(m_upstream->readAll()); }
    void stopHolding()
    {
        m_answers->stop();
        if (m_requests)
            m_requests->stop();
    }
    // The target is done: what it answered has gone out, the client is let go.
    void finish()
    {
        if (m_closing)
            return;
        m_closing = true;
        stopHolding();
        m_upstream->abort();
        m_client->disconnectFromHost();
        deleteLater();
    }

    QTcpSocket *m_client;
    QTcpSocket *m_upstream;
    HeldBytes *m_answers;  // target -> client
    HeldBytes *m_requests; // client -> target; null: not held
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
