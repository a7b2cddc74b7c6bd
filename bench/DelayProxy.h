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
class DelayProxy : public QObject
{
public:
    explicit DelayProxy(QObject *parent = nullptr);
    ~DelayProxy() override;

    // Listens on 127.0.0.1 (an ephemeral port) and relays to `target`'s host and port.
    bool start(const QUrl &target, int delayMs);
    void stop();
    QUrl baseUrl() const; // http://127.0.0.1:<port>

private:
    std::unique_ptr<QThread> m_thread;
    DelayProxyServer *m_server = nullptr; // lives on m_thread
    quint16 m_port = 0;
};

} // namespace fatora::bench
