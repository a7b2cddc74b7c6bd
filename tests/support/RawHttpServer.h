#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace fatora::test {

// A gateway that answers every request on 127.0.0.1 with scripted raw bytes: for the replies the
// simulator is too well-behaved to send (duplicate keys, a reply that trickles in, a broken
// chunked encoding). Waits for the whole request (headers and Content-Length body) first.
class RawHttpServer : public QObject
{
public:
    struct Step
    {
        int delayMs = 0;  // after the previous step
        QByteArray bytes; // then written as they are
    };

    explicit RawHttpServer(QObject *parent = nullptr);
    bool listen();
    QUrl url() const;

    // What every following connection receives; the connection is closed after the last step.
    void setScript(const QList<Step> &steps);
    // A complete, well-formed HTTP/1.1 reply with this status and JSON body.
    void setReply(int status, const QByteArray &jsonBody);
    // The HTTP head of a reply (status line and headers, blank line included).
    static QByteArray head(int status, const QList<QByteArray> &headers);

    int requestCount() const { return m_requests; }

private:
    void serve(QTcpSocket *socket);

    QTcpServer m_server;
    QList<Step> m_steps;
    int m_requests = 0;
};

} // namespace fatora::test
