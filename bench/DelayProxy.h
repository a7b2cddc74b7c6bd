#pragma once

#include <QObject>
#include <QUrl>

#include <memory>

class QThread;

namespace fatora::bench {

class DelayProxyServer;

// A loopback TCP relay in front of the simulator that holds every answer `delayMs` before passing
// it on, on its own thread, without blocking: a gateway that takes that long to answer each call,
// however many calls are in flight. (The simulator's own SimulatedBehaviour::delayMs sleeps on its
// one server thread, so its slow answers come one at a time whatever the client's concurrency.)
// Requests go through at once and every byte is passed on unchanged, keep-alive included.
// With bothWays, what the client sends waits `delayMs` too: a link `delayMs` long each way, as a
// database server across an office network or a VPN (the live desks benchmark).
class DelayProxy : public QObject
{
public:
    explicit DelayProxy(QObject *parent = nullptr);
    ~DelayProxy() override;

    // Listens on 127.0.0.1 (an ephemeral port) and relays to `target`'s host and port.
    bool start(const QUrl &target, int delayMs, bool bothWays = false);
    void stop();
    QUrl baseUrl() const; // http://127.0.0.1:<port>
    quint16 port() const { return m_port; }
    // The link goes down: every connection through it is cut and new ones are refused, as when
    // the server stops or the network drops. resume() listens again on the same port.
    void cut();
    bool resume();

private:
    std::unique_ptr<QThread> m_thread;
    DelayProxyServer *m_server = nullptr; // lives on m_thread
    quint16 m_port = 0;
};

} // namespace fatora::bench
