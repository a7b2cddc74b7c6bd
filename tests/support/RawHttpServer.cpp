#include "RawHttpServer.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace fatora::test {

RawHttpServer::RawHttpServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            serve(socket);
    });
}

bool RawHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost);
}

QUrl RawHttpServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()));
}

void RawHttpServer::setScript(const QList<Step> &steps)
{
    m_steps = steps;
}

QByteArray RawHttpServer::head(int status, const QList<QByteArray> &headers)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " Whatever\r\n";
    for (const QByteArray &header : headers)
        out += header + "\r\n";
    return out + "\r\n";
}

void RawHttpServer::setReply(int status, const QByteArray &jsonBody)
{
    setScript(
        {{0, head(status, {"Content-Type: application/json",
                           "Content-Length: " + QByteArray::number(jsonBody.size()), "Connection: close"}) +
                 jsonBody}});
}

void RawHttpServer::serve(QTcpSocket *socket)
{
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    auto received = std::make_shared<QByteArray>();
    auto started = std::make_shared<bool>(false);
    const QList<Step> steps = m_steps;
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket, received, started, steps] {
        *received += socket->readAll();
        const qsizetype headEnd = received->indexOf("\r\n\r\n");
        if (*started || headEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : received->left(headEnd).split('\n')) {
            if (line.trimmed().toLower().startsWith("content-length:"))
                length = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
        }
        if (received->size() < headEnd + 4 + length)
            return;
        *started = true;
        ++m_requests;
        int at = 0;
        for (const Step &step : steps) {
            at += step.delayMs;
            QTimer::singleShot(at, socket, [socket, bytes = step.bytes] {
                socket->write(bytes);
                socket->flush();
            });
        }
        QTimer::singleShot(at, socket, [socket] { socket->disconnectFromHost(); });
    });
}

} // namespace fatora::test
