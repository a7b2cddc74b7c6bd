#include "payments/AnswerJournal.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::AnswerJournal)
};

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

Error journalError(const QString &path, const QString &what)
{
    return Error{u"journal"_s,
                 Tr::tr("%1 (%2): %3").arg(what, QDir::toNativeSeparators(path), systemError())};
}

// An open, exclusively locked journal file, closed (and so unlocked) on destruction.
class LockedFile
{
public:
    LockedFile(const QString &path, int flags)
        : m_fd(::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC, 0600))
    {
        if (m_fd >= 0 && ::flock(m_fd, LOCK_EX) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~LockedFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    LockedFile(const LockedFile &) = delete;
    LockedFile &operator=(const LockedFile &) = delete;
    bool isOpen() const { return m_fd >= 0; }
    int fd() const { return m_fd; }

    QByteArray readAll() const
    {
        QByteArray all;
        if (::lseek(m_fd, 0, SEEK_SET) < 0)
            return all;
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            all.append(buffer, n);
        }
        return all;
    }

private:
    int m_fd;
};

// One line, one write(): O_APPEND keeps concurrent lines whole. A torn last line (a crash mid-write)
// is ended first, so that it cannot swallow this one.
bool appendLine(int fd, const QByteArray &line)
{
    QByteArray data = line + '\n';
    char last = '\n';
    const off_t end = ::lseek(fd, 0, SEEK_END);
    if (end > 0 && ::pread(fd, &last, 1, end - 1) == 1 && last != '\n')
        data.prepend('\n');
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        written += n;
    }
    return ::fdatasync(fd) == 0;
}

QJsonObject resultToJson(const GatewayResult &r)
{
    return QJsonObject{
        {u"operation"_s, gatewayOperationName(r.operation)},
        {u"outcome"_s, gatewayOutcomeName(r.outcome)},
        {u"http_status"_s, r.httpStatus},
        {u"status"_s, r.status},
        {u"status_code"_s, r.statusCode},
        {u"transaction_id"_s, r.transactionId},
        {u"auth_code"_s, r.authCode},
        {u"mode"_s, r.mode},
        {u"description"_s, r.description},
        {u"payment_status"_s, r.paymentStatus},
        {u"order_id"_s, r.orderId},
        {u"refund_status"_s, r.refundStatus},
        {u"error_text"_s, r.errorText},
        {u"request_body"_s, QString::fromUtf8(r.requestBody)},
        {u"response_body"_s, QString::fromUtf8(r.responseBody)},
    };
}

std::optional<GatewayOperation> operationFromName(const QString &name)
{
    for (GatewayOperation op : {GatewayOperation::Collect, GatewayOperation::Deactivate,
                                GatewayOperation::Verify, GatewayOperation::Refund})
        if (gatewayOperationName(op) == name)
            return op;
    return std::nullopt;
}

std::optional<GatewayOutcome> outcomeFromName(const QString &name)
{
    for (GatewayOutcome o : {GatewayOutcome::Success, GatewayOutcome::Declined, GatewayOutcome::Rejected,
                             GatewayOutcome::NotSent, GatewayOutcome::Unknown})
        if (gatewayOutcomeName(o) == name)
            return o;
    return std::nullopt;
}

std::optional<GatewayResult> resultFromJson(const QJsonObject &o)
{
    const auto op = operationFromName(o.value(u"operation"_s).toString());
    const auto outcome = outcomeFromName(o.value(u"outcome"_s).toString());
    if (!op || !outcome)
        return std::nullopt;
    GatewayResult r;
    r.operation = *op;
    r.outcome = *outcome;
    r.httpStatus = o.value(u"http_status"_s).toInt();
    r.status = o.value(u"status"_s).toString();
    r.statusCode = o.value(u"status_code"_s).toString();
    r.transactionId = o.value(u"transaction_id"_s).toString();
    r.authCode = o.value(u"auth_code"_s).toString();
    r.mode = o.value(u"mode"_s).toString();
    r.description = o.value(u"description"_s).toString();
    r.paymentStatus = o.value(u"payment_status"_s).toString();
    r.orderId = o.value(u"order_id"_s).toString();
    r.refundStatus = o.value(u"refund_status"_s).toString();
    r.errorText = o.value(u"error_text"_s).toString();
    r.requestBody = o.value(u"request_body"_s).toString().toUtf8();
    r.responseBody = o.value(u"response_body"_s).toString().toUtf8();
    return r;
}

struct Parsed
{
    QList<AnswerJournal::Entry> unsaved;
    int entries = 0;
};

Parsed parse(const QByteArray &all)
{
    QList<AnswerJournal::Entry> entries;
    QSet<QString> saved;
    for (const QByteArray &line : all.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty())
            continue; // a torn line: its append never returned
        if (o.contains(u"saved"_s)) {
            saved.insert(o.value(u"saved"_s).toString());
            continue;
        }
        const auto result = resultFromJson(o.value(u"result"_s).toObject());
        const auto op = operationFromName(o.value(u"operation"_s).toString());
        if (!result || !op)
            continue;
        AnswerJournal::Entry e;
        e.id = o.value(u"entry"_s).toString();
        e.operation = *op;
        e.objectId = o.value(u"object_id"_s).toInteger();
        e.orderId = o.value(u"order_id"_s).toString();
        e.reason = o.value(u"reason"_s).toString();
        e.receivedAt = QDateTime::fromString(o.value(u"received_at"_s).toString(), Qt::ISODateWithMs);
        e.result = *result;
        entries << e;
    }
    Parsed p;
    p.entries = int(entries.size());
    for (const AnswerJournal::Entry &e : std::as_const(entries))
        if (!saved.contains(e.id))
            p.unsaved << e;
    return p;
}

} // namespace

AnswerJournal::AnswerJournal(QString path) : m_path(std::move(path)) {}

QString AnswerJournal::pathFor(const QString &databaseLocation)
{
    return databaseLocation + u".unsaved-answers"_s;
}

AnswerJournal::Entry AnswerJournal::newEntry(GatewayOperation operation, qint64 objectId,
                                             const QString &orderId, const GatewayResult &result,
                                             const QDateTime &receivedAt)
{
    Entry e;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.operation = operation;
    e.objectId = objectId;
    e.orderId = orderId;
    e.receivedAt = receivedAt;
    e.result = result;
    return e;
}

Result<void> AnswerJournal::append(const Entry &entry)
{
    const bool existed = QFile::exists(m_path);
    LockedFile file(m_path, O_RDWR | O_APPEND | O_CREAT);
    if (!file.isOpen())
        return journalError(m_path, Tr::tr("Could not open the journal of unsaved answers"));
    const QJsonObject line{
        {u"entry"_s, entry.id},
        {u"operation"_s, gatewayOperationName(entry.operation)},
        {u"object_id"_s, entry.objectId},
        {u"order_id"_s, entry.orderId},
        {u"reason"_s, entry.reason},
        {u"received_at"_s, entry.receivedAt.toUTC().toString(Qt::ISODateWithMs)},
        {u"result"_s, resultToJson(entry.result)},
    };
    if (!appendLine(file.fd(), QJsonDocument(line).toJson(QJsonDocument::Compact)))
        return journalError(m_path, Tr::tr("Could not write the journal of unsaved answers"));
    if (!existed) {
        // A new file's name must survive a power cut too.
        const int dir = ::open(QFile::encodeName(QFileInfo(m_path).absolutePath()).constData(),
                               O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            ::fsync(dir);
            ::close(dir);
        }
    }
    return {};
}

Result<void> AnswerJournal::markSaved(const QString &entryId)
{
    LockedFile file(m_path, O_RDWR | O_APPEND);
    if (!file.isOpen())
        return journalError(m_path, Tr::tr("Could not open the journal of unsaved answers"));
    if (!appendLine(file.fd(),
                    QJsonDocument(QJsonObject{{u"saved"_s, entryId}}).toJson(QJsonDocument::Compact)))
        return journalError(m_path, Tr::tr("Could not write the journal of unsaved answers"));
    return {};
}

Result<QList<AnswerJournal::Entry>> AnswerJournal::unsaved() const
{
    if (!QFile::exists(m_path))
        return QList<Entry>();
    LockedFile file(m_path, O_RDONLY);
    if (!file.isOpen())
        return journalError(m_path, Tr::tr("Could not read the journal of unsaved answers"));
    return parse(file.readAll()).unsaved;
}

Result<void> AnswerJournal::compact()
{
    if (!QFile::exists(m_path))
        return {};
    LockedFile file(m_path, O_RDWR);
    if (!file.isOpen())
        return journalError(m_path, Tr::tr("Could not open the journal of unsaved answers"));
    // Under the lock: no other process can append between this read and the truncation.
    if (!parse(file.readAll()).unsaved.isEmpty())
        return {};
    if (::ftruncate(file.fd(), 0) != 0 || ::fdatasync(file.fd()) != 0)
        return journalError(m_path, Tr::tr("Could not empty the journal of unsaved answers"));
    return {};
}

} // namespace fatora
