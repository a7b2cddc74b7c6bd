#include "GatewaySimulator.h"

#include "gateway/GatewayClient.h"

#include <QAbstractHttpServer>
#include <QDeadlineTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSimulator, "fatora.simulator")

namespace fatora {

// Lives on the simulator's thread. Every request is answered synchronously inside handleRequest():
// QHttpServer 6.4 crashes when a client gives up before a deferred reply is written, so a slow
// answer is a sleep here followed by a write, never a timer.
class SimulatorHttpServer : public QAbstractHttpServer
{
public:
    explicit SimulatorHttpServer(GatewaySimulator *simulator) : m_simulator(simulator) {}

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        RecordedRequest recorded;
        recorded.method = methodName(request.method());
        recorded.path = request.url().path();
        recorded.headers = request.headers();
        recorded.body = request.body();
        respond(request, socket, m_simulator->handle(recorded));
        return true;
    }

    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        GatewaySimulator::Reply reply;
        reply.status = 404;
        reply.body = R"({"status":"FAILURE","error":{"message":"Not found"}})";
        respond(request, socket, reply);
    }

private:
    static QByteArray methodName(QHttpServerRequest::Method method)
    {
        switch (method) {
        case QHttpServerRequest::Method::Get:
            return "GET";
        case QHttpServerRequest::Method::Put:
            return "PUT";
        case QHttpServerRequest::Method::Delete:
            return "DELETE";
        case QHttpServerRequest::Method::Post:
            return "POST";
        case QHttpServerRequest::Method::Head:
            return "HEAD";
        case QHttpServerRequest::Method::Options:
            return "OPTIONS";
        case QHttpServerRequest::Method::Patch:
            return "PATCH";
        default:
            return "OTHER";
        }
    }

    static void respond(const QHttpServerRequest &request, QTcpSocket *socket,
                        const GatewaySimulator::Reply &reply)
    {
        // After a sleep the client may have given up; there is then nobody to answer.
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
        if (reply.kind == GatewaySimulator::Reply::Kind::Drop) {
            socket->abort();
            return;
        }
        QHttpServerResponder responder = makeResponder(request, socket);
        const auto status = static_cast<QHttpServerResponder::StatusCode>(reply.status);
        if (reply.status == 204)
            responder.write(status);
        else if (!reply.location.isEmpty())
            responder.write(reply.body,
                            {{QByteArrayLiteral("Content-Type"), reply.contentType},
                             {QByteArrayLiteral("Location"), reply.location}},
                            status);
        else
            responder.write(reply.body, {{QByteArrayLiteral("Content-Type"), reply.contentType}}, status);
    }

    GatewaySimulator *m_simulator;
};

namespace {

const QString CollectPath = GatewayClient::path(GatewayOperation::Collect);
const QString DeactivatePath = GatewayClient::path(GatewayOperation::Deactivate);
const QString VerifyPath = GatewayClient::path(GatewayOperation::Verify);
const QString RefundPath = GatewayClient::path(GatewayOperation::Refund);
const QString CheckoutPath = GatewayClient::path(GatewayOperation::Checkout);
const QString PagePrefix = u"/pay/"_s;
const QString ShopPrefix = u"/shop/"_s;

// Everything echoed into a page is escaped: the order id, names and notes come from the caller.
QString html(const QString &text)
{
    return text.toHtmlEscaped();
}

// A query value that reaches its reader as written: every byte but the unreserved ones escaped,
// so "+" travels as %2B and can never be read as a space.
QByteArray queryValue(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

QByteArray withQuery(const QString &page, const QList<std::pair<QString, QString>> &items)
{
    QByteArray url = page.toUtf8();
    if (const qsizetype hash = url.indexOf('#'); hash >= 0)
        url.truncate(hash);
    char separator = url.contains('?') ? '&' : '?';
    for (const auto &[key, value] : items) {
        url += separator + queryValue(key) + '=' + queryValue(value);
        separator = '&';
    }
    return url;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void sleepInterruptibly(int ms)
{
    const QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired() && !QThread::currentThread()->isInterruptionRequested())
        QThread::msleep(static_cast<unsigned long>(std::clamp<qint64>(deadline.remainingTime(), 0, 10)));
}

QString amountText(double amount)
{
    return QString::number(amount, 'g', QLocale::FloatingPointShortest);
}

} // namespace

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

// Error replies in Fatora's shape: "error" for most calls, "errors" for deactivate.
GatewaySimulator::Reply GatewaySimulator::failure(int status, const QJsonObject &detail, bool pluralKey)
{
    GatewaySimulator::Reply reply;
    reply.status = status;
    reply.body = compact({{u"status"_s, u"FAILURE"_s}, {pluralKey ? u"errors"_s : u"error"_s, detail}});
    return reply;
}

GatewaySimulator::Reply GatewaySimulator::json(int status, const QJsonObject &object)
{
    GatewaySimulator::Reply reply;
    reply.status = status;
    reply.body = compact(object);
    return reply;
}

std::optional<GatewaySimulator::Reply>
GatewaySimulator::requireString(const QJsonObject &body, const QString &field, QString *out, bool pluralKey)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty()))
        return failure(400, {{field, u"The %1 field is required."_s.arg(field)}}, pluralKey);
    if (!value.isString())
        return failure(400, {{field, u"The %1 field must be a string."_s.arg(field)}}, pluralKey);
    *out = value.toString();
    return std::nullopt;
}

GatewaySimulator::GatewaySimulator(QObject *parent) : QObject(parent), m_apiKey(defaultApiKey()) {}

GatewaySimulator::~GatewaySimulator()
{
    stop();
}

bool GatewaySimulator::start(quint16 port)
{
    if (m_thread)
        return port == 0 || port == m_port;

    auto thread = std::make_unique<QThread>();
    thread->setObjectName(u"GatewaySimulator"_s);
    thread->start();
    // The server is built on its own thread so that everything QAbstractHttpServer owns lives there.
    QObject context;
    context.moveToThread(thread.get());
    SimulatorHttpServer *server = nullptr;
    quint16 bound = 0;
    QMetaObject::invokeMethod(
        &context,
        [this, &server, &bound, port] {
            server = new SimulatorHttpServer(this);
            bound = server->listen(QHostAddress::LocalHost, port);
            if (bound == 0) {
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
    m_thread = std::move(thread);
    m_server = server;
    m_port = bound;
    qCInfo(lcSimulator) << "gateway simulator listening on 127.0.0.1 port" << m_port;
    return true;
}

void GatewaySimulator::stop()
{
    if (!m_thread)
        return;
    // Cuts short a handler sleeping for a slow token, so stopping never waits for it.
    m_thread->requestInterruption();
    // Pending deferred deletes run when the thread finishes, on that thread.
    m_server->deleteLater();
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_server = nullptr;
    m_port = 0;
}

QUrl GatewaySimulator::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    return url;
}

void GatewaySimulator::setApiKey(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    m_apiKey = key;
}

void GatewaySimulator::setMode(const QString &mode)
{
    QMutexLocker lock(&m_mutex);
    m_mode = mode;
}

void GatewaySimulator::setInactiveApiKey(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    m_inactiveApiKey = key;
}

void GatewaySimulator::script(const QString &cardToken, const SimulatedBehaviour &behaviour)
{
    QMutexLocker lock(&m_mutex);
    m_scripts.insert(cardToken, behaviour);
}

void GatewaySimulator::setFirstPaymentAmount(const QString &cardToken, const QString &amount)
{
    QMutexLocker lock(&m_mutex);
    m_firstAmounts.insert(cardToken, amount);
}

void GatewaySimulator::setDefaultBehaviour(const SimulatedBehaviour &behaviour)
{
    QMutexLocker lock(&m_mutex);
    m_defaultBehaviour = behaviour;
}

QList<RecordedRequest> GatewaySimulator::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

int GatewaySimulator::requestCount(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    if (path.isEmpty())
        return static_cast<int>(m_requests.size());
    return static_cast<int>(std::count_if(m_requests.cbegin(), m_requests.cend(),
                                          [&path](const RecordedRequest &r) { return r.path == path; }));
}

void GatewaySimulator::clearRequests()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
}

void GatewaySimulator::setRequestObserver(std::function<void(const RecordedRequest &)> observer)
{
    QMutexLocker lock(&m_mutex);
    m_observer = std::move(observer);
}

bool GatewaySimulator::isTokenDeactivated(const QString &cardToken) const
{
    QMutexLocker lock(&m_mutex);
    return m_deactivated.value(cardToken, false);
}

void GatewaySimulator::setCheckoutReplyOverride(int status, const QByteArray &body)
{
    QMutexLocker lock(&m_mutex);
    Reply reply;
    reply.kind = Reply::Kind::Raw;
    reply.status = status;
    reply.body = body;
    m_checkoutOverride = reply;
}

void GatewaySimulator::clearCheckoutReplyOverride()
{
    QMutexLocker lock(&m_mutex);
    m_checkoutOverride.reset();
}

QString GatewaySimulator::checkoutToken(const QString &orderId) const
{
    QMutexLocker lock(&m_mutex);
    return m_payments.value(orderId).cardToken;
}

int GatewaySimulator::chargeCount(const QString &cardToken) const
{
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(
        std::count_if(m_payments.cbegin(), m_payments.cend(), [&cardToken](const StoredPayment &p) {
            return p.cardToken == cardToken && p.status == u"SUCCESS"_s;
        }));
}

// Call with m_mutex held.
SimulatedBehaviour GatewaySimulator::behaviourFor(const QString &cardToken) const
{
    return m_scripts.value(cardToken, m_defaultBehaviour);
}

GatewaySimulator::Reply GatewaySimulator::handle(const RecordedRequest &request)
{
    std::function<void(const RecordedRequest &)> observer;
    QString apiKey;
    QString inactiveKey;
    {
        QMutexLocker lock(&m_mutex);
        m_requests.append(request);
        observer = m_observer;
        apiKey = m_apiKey;
        inactiveKey = m_inactiveApiKey;
    }
    // Outside the lock: an observer may well ask the simulator questions.
    if (observer)
        observer(request);

    const QString &path = request.path;
    // The payment page is for the customer's browser: no API key, no JSON.
    if (path.startsWith(PagePrefix))
        return handlePage(request);
    if (path.startsWith(ShopPrefix))
        return handleShopPage(request);
    const bool known = path == CollectPath || path == DeactivatePath || path == VerifyPath ||
                       path == RefundPath || path == CheckoutPath;
    const bool pluralKey = path == DeactivatePath;
    if (!known)
        return failure(404, {{u"message"_s, u"Not found"_s}});
    if (request.method != "POST")
        return failure(405, {{u"message"_s, u"Method not allowed: use POST"_s}}, pluralKey);

    const QByteArray mediaType = request.header("Content-Type").split(';').constFirst().trimmed().toLower();
    if (mediaType != "application/json")
        return failure(415, {{u"message"_s, u"Content-Type must be application/json"_s}}, pluralKey);

    const QByteArray key = request.header("api_key");
    if (!inactiveKey.isEmpty() && key == inactiveKey.toUtf8())
        return failure(403, {{u"message"_s, u"Api key is inactive"_s}}, pluralKey);
    if (key.isEmpty() || key != apiKey.toUtf8())
        return failure(401, {{u"message"_s, u"Invalid api key"_s}}, pluralKey);

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return failure(400, {{u"body"_s, u"The request body must be a JSON object."_s}}, pluralKey);
    const QJsonObject body = doc.object();

    if (path == CollectPath)
        return handleCollect(body);
    if (path == DeactivatePath)
        return handleDeactivate(body);
    if (path == VerifyPath)
        return handleVerify(body);
    if (path == CheckoutPath)
        return handleCheckout(body);
    return handleRefund(body);
}

GatewaySimulator::Reply GatewaySimulator::handleCollect(const QJsonObject &body)
{
    QString token;
    QString orderId;
    if (auto bad = requireString(body, u"card_token"_s, &token))
        return *bad;
    if (auto bad = requireString(body, u"order_id"_s, &orderId))
        return *bad;
    QString amount;
    if (body.contains(u"amount"_s)) {
        const QJsonValue value = body.value(u"amount"_s);
        if (!value.isDouble() || !(value.toDouble() > 0))
            return failure(400, {{u"amount"_s, u"The amount must be a positive number."_s}});
        amount = amountText(value.toDouble());
    }

    using Kind = SimulatedBehaviour::Kind;
    Reply reply;
    int delayMs = 0;
    {
        QMutexLocker lock(&m_mutex);
        // Fatora has no idempotency key; the simulator answers a repeated order id with the first
        // result so a retry can never charge twice.
        if (const auto it = m_payments.constFind(orderId); it != m_payments.cend()) {
            reply.body = it->collectReply;
            return reply;
        }

        const SimulatedBehaviour behaviour = behaviourFor(token);
        delayMs = behaviour.delayMs;
        Kind kind = behaviour.kind;
        if (m_deactivated.value(token, false))
            kind = Kind::InvalidToken;

        if (kind == Kind::Http500) {
            reply = failure(500, {{u"message"_s, u"Internal server error"_s}});
        } else if (kind == Kind::Conflict409) {
            reply = failure(409, {{u"message"_s, u"Conflict: the request could not be completed"_s}});
        } else if (kind == Kind::Html502) {
            reply.status = 502;
            reply.kind = Reply::Kind::Raw;
            reply.contentType = "text/html; charset=utf-8";
            reply.body =
                "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
                "<body><h1>502 Bad Gateway</h1><p>The upstream server is unavailable.</p></body></html>\n";
        } else {
            const quint64 n = m_nextTransaction++;
            StoredPayment payment;
            payment.orderId = orderId;
            payment.transactionId = u"SIM-%1"_s.arg(n, 6, 10, QChar(u'0'));
            payment.cardToken = token;
            payment.chargedAt = QDateTime::currentDateTimeUtc();
            payment.mode = m_mode;
            if (amount.isEmpty()) {
                // Fatora charges the amount of the token's first payment when none is given.
                amount = m_firstAmounts.value(token);
                quint64 first = 0;
                for (const StoredPayment &p : std::as_const(m_payments)) {
                    if (amount.isEmpty() && p.cardToken == token && !p.amount.isEmpty() &&
                        (first == 0 || p.sequence < first)) {
                        first = p.sequence;
                        amount = p.amount;
                    }
                }
            }
            payment.amount = amount;
            payment.sequence = n;

            int statusCode = 200;
            QString description = u"Transaction Approved"_s;
            switch (kind) {
            case Kind::InsufficientFunds:
                statusCode = 51;
                description = u"Transaction Declined, Insufficient credit - insufficient+Funds"_s;
                break;
            case Kind::Blocked:
                statusCode = 59;
                description = u"Transaction Blocked"_s;
                break;
            case Kind::BankDeclined:
                statusCode = 5;
                description = u"Transaction Declined, Contact issuing Bank"_s;
                break;
            case Kind::InvalidToken:
                statusCode = 14;
                description = u"Token invalid"_s;
                break;
            case Kind::Pending:
                statusCode = 1;
                description = u"Transaction Pending"_s;
                break;
            default:
                break;
            }
            const bool approved = statusCode == 200;
            payment.status = kind == Kind::Pending ? u"PENDING"_s : approved ? u"SUCCESS"_s : u"FAILURE"_s;
            payment.authCode =
                approved ? u"%1"_s.arg((n * 7919 + 104729) % 1000000, 6, 10, QChar(u'0')) : QString();
            payment.description = description;
            const QJsonObject result{{u"status_code"_s, statusCode},
                                     {u"transaction_id"_s, payment.transactionId},
                                     {u"auth_code"_s, payment.authCode},
                                     {u"mode"_s, m_mode},
                                     {u"description"_s, description}};
            payment.collectReply = compact({{u"status"_s, payment.status}, {u"result"_s, result}});
            m_payments.insert(orderId, payment);

            reply.body = payment.collectReply;
            if (kind == Kind::TruncatedJson) {
                reply.kind = Reply::Kind::Raw;
                reply.body = payment.collectReply.left(payment.collectReply.size() / 2);
            } else if (kind == Kind::DropConnection || kind == Kind::Pending) {
                reply.kind = Reply::Kind::Drop;
            } else if (kind == Kind::Http500Recorded) {
                // Charged, and then the server failed before it could say so.
                reply = failure(500, {{u"message"_s, u"Internal server error"_s}});
            }
        }
    }
    sleepInterruptibly(delayMs);
    return reply;
}

GatewaySimulator::Reply GatewaySimulator::handleDeactivate(const QJsonObject &body)
{
    QString token;
    QString orderId;
    if (auto bad = requireString(body, u"card_token"_s, &token, true))
        return *bad;
    if (auto bad = requireString(body, u"order_id"_s, &orderId, true))
        return *bad;

    Reply reply;
    int delayMs = 0;
    {
        QMutexLocker lock(&m_mutex);
        const SimulatedBehaviour behaviour = behaviourFor(token);
        delayMs = behaviour.delayMs;
        if (m_deactivated.value(token, false)) {
            reply = failure(422, {{u"card_token"_s, u"Card token already deactivated"_s}}, true);
        } else {
            m_deactivated.insert(token, true);
            if (behaviour.deactivateReply == SimulatedBehaviour::DeactivateReply::Ok200)
                reply = json(200, {{u"result"_s, 1}});
            else
                reply.status = 204;
        }
    }
    sleepInterruptibly(delayMs);
    return reply;
}

GatewaySimulator::Reply GatewaySimulator::handleVerify(const QJsonObject &body)
{
    QString orderId;
    if (auto bad = requireString(body, u"order_id"_s, &orderId))
        return *bad;
    const QJsonValue txValue = body.value(u"transaction_id"_s);
    if (!txValue.isUndefined() && !txValue.isNull() && !txValue.isString())
        return failure(400, {{u"transaction_id"_s, u"The transaction_id field must be a string."_s}});
    const QString transactionId = txValue.toString();

    QMutexLocker lock(&m_mutex);
    const auto it = m_payments.constFind(orderId);
    if (it == m_payments.cend() || (!transactionId.isEmpty() && transactionId != it->transactionId))
        return failure(404, {{u"message"_s, u"Payment not found"_s}});

    const StoredPayment &p = *it;
    const QJsonObject client{{u"name"_s, u"Sandbox Client"_s},
                             {u"email"_s, u"client@sandbox.invalid"_s},
                             {u"phone"_s, u"+97400000000"_s}};
    QJsonObject result{
        {u"order_id"_s, p.orderId},
        {u"transaction_id"_s, p.transactionId},
        {u"amount"_s, p.amount.isEmpty() ? QJsonValue() : QJsonValue(p.amount.toDouble())},
        {u"currency"_s, p.currency},
        {u"client"_s, client},
        {u"note"_s, u"Gateway simulator"_s},
        {u"payment_date"_s, p.chargedAt.toString(Qt::ISODate)},
        {u"payment_status"_s, p.status},
        {u"mode"_s, p.mode},
        {u"auth_code"_s, p.authCode},
        {u"description"_s, p.description},
        {u"card_token"_s, p.cardToken},
    };
    if (!p.cardBrand.isEmpty())
        result.insert(u"card_brand"_s, p.cardBrand);
    return json(200, {{u"status"_s, u"SUCCESS"_s}, {u"result"_s, result}});
}

GatewaySimulator::Reply GatewaySimulator::handleRefund(const QJsonObject &body)
{
    QString transactionId;
    QString orderId;
    if (auto bad = requireString(body, u"transaction_id"_s, &transactionId))
        return *bad;
    if (auto bad = requireString(body, u"order_id"_s, &orderId))
        return *bad;

    QMutexLocker lock(&m_mutex);
    const auto it = m_payments.find(orderId);
    if (it == m_payments.end() || transactionId != it->transactionId)
        return failure(404, {{u"message"_s, u"Payment not found"_s}});
    if (it->status != u"SUCCESS"_s)
        return failure(400, {{u"message"_s, u"Only a successful payment can be refunded"_s}});
    if (it->refunded)
        return failure(409, {{u"message"_s, u"Payment already refunded"_s}});
    it->refunded = true;
    return json(
        200, {{u"status"_s, u"SUCCESS"_s}, {u"result"_s, QJsonObject{{u"refund_status"_s, u"REFUNDED"_s}}}});
}

GatewaySimulator::Reply GatewaySimulator::handleCheckout(const QJsonObject &body)
{
    qCInfo(lcSimulator).noquote() << "checkout request body:"
                                  << QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact));
    {
        QMutexLocker lock(&m_mutex);
        if (m_checkoutOverride)
            return *m_checkoutOverride;
    }
    StoredCheckout checkout;
    if (auto bad = requireString(body, u"order_id"_s, &checkout.orderId))
        return *bad;
    if (auto bad = requireString(body, u"currency"_s, &checkout.currency))
        return *bad;
    if (auto bad = requireString(body, u"success_url"_s, &checkout.successUrl))
        return *bad;
    if (auto bad = requireString(body, u"failure_url"_s, &checkout.failureUrl))
        return *bad;
    const QJsonValue amount = body.value(u"amount"_s);
    if (!amount.isDouble() || !(amount.toDouble() > 0))
        return failure(400, {{u"amount"_s, u"The amount must be a positive number."_s}});
    checkout.amount = amountText(amount.toDouble());
    checkout.language = body.value(u"language"_s).toString(u"en"_s);
    if (checkout.language != u"en"_s && checkout.language != u"ar"_s)
        return failure(400, {{u"language"_s, u"The language must be en or ar."_s}});
    for (const QString &page : {checkout.successUrl, checkout.failureUrl}) {
        const QUrl url(page, QUrl::StrictMode);
        if (!url.isValid() || url.isRelative() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s))
            return failure(400, {{u"success_url"_s, u"The return pages must be absolute http(s) URLs."_s}});
    }
    checkout.clientName = body.value(u"client"_s).toObject().value(u"name"_s).toString();
    checkout.note = body.value(u"note"_s).toString();

    QMutexLocker lock(&m_mutex);
    // The same order asked again gets the same page, as a retry must not make a second one.
    for (const StoredCheckout &c : std::as_const(m_checkouts)) {
        if (c.orderId == checkout.orderId)
            checkout.pageId = c.pageId;
    }
    if (checkout.pageId.isEmpty()) {
        checkout.pageId =
            QString::fromLatin1(QByteArray::number(m_nextTransaction++) + '-' +
                                QByteArray::number(QRandomGenerator::global()->generate64(), 36));
        m_checkouts.insert(checkout.pageId, checkout);
    }
    QUrl link = baseUrl();
    link.setPath(PagePrefix + checkout.pageId);
    return json(200, {{u"status"_s, u"SUCCESS"_s},
                      {u"result"_s, QJsonObject{{u"checkout_url"_s, link.toString(QUrl::FullyEncoded)}}}});
}

QUrl GatewaySimulator::shopPage(ShopPage page) const
{
    QUrl url = baseUrl();
    url.setPath(ShopPrefix + (page == ShopPage::CardSaved ? u"card-saved"_s : u"payment-failed"_s));
    return url;
}

GatewaySimulator::Reply GatewaySimulator::handleShopPage(const RecordedRequest &request)
{
    // The shop is not the gateway: it shows its page and keeps nothing of the query.
    Reply reply;
    reply.kind = Reply::Kind::Raw;
    reply.contentType = "text/html; charset=utf-8";
    const bool saved = request.path == ShopPrefix + u"card-saved"_s;
    const bool failed = request.path == ShopPrefix + u"payment-failed"_s;
    if (!saved && !failed) {
        reply.status = 404;
        reply.body = "<!DOCTYPE html>\n<html><body><p>No such page.</p></body></html>\n";
        return reply;
    }
    reply.body = saved
                     ? QByteArrayLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                         "<title>Demo shop</title></head><body><h1>Thank you</h1>"
                                         "<p>Your payment went through and your card is saved. You may close "
                                         "this page.</p><p dir=\"rtl\" lang=\"ar\">شكرًا لك: تم الدفع وحُفظت "
                                         "بطاقتك. يمكنك إغلاق هذه الصفحة.</p></body></html>\n")
                     : QByteArrayLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                         "<title>Demo shop</title></head><body><h1>Payment not completed</h1>"
                                         "<p>Nothing was charged and no card was saved.</p><p dir=\"rtl\" "
                                         "lang=\"ar\">لم يكتمل الدفع ولم تُحفظ أي بطاقة.</p></body></html>\n");
    return reply;
}

GatewaySimulator::Reply GatewaySimulator::handlePage(const RecordedRequest &request)
{
    const QString pageId = request.path.mid(PagePrefix.size());
    Reply reply;
    reply.kind = Reply::Kind::Raw;
    reply.contentType = "text/html; charset=utf-8";
    QMutexLocker lock(&m_mutex);
    const auto it = m_checkouts.find(pageId);
    if (it == m_checkouts.end()) {
        reply.status = 404;
        reply.body = "<!DOCTYPE html>\n<html><body><p>No such payment page.</p></body></html>\n";
        return reply;
    }
    StoredCheckout &c = *it;
    const bool ar = c.language == u"ar"_s;
    const auto t = [ar](const char *en, const QString &arabic) {
        return ar ? arabic : QString::fromUtf8(en);
    };
    const QString head =
        u"<!DOCTYPE html>\n<html lang=\"%1\" dir=\"%2\"><head><meta charset=\"utf-8\">"
        "<title>%3</title></head><body>"_s.arg(ar ? u"ar"_s : u"en"_s, ar ? u"rtl"_s : u"ltr"_s,
                                               t("Gateway simulator: pay", u"محاكي البوابة: الدفع"_s));
    if (c.finished) {
        reply.status = 409;
        reply.body = (head + u"<p>%1</p></body></html>\n"_s.arg(t("This payment link was already used.",
                                                                  u"تم استخدام رابط الدفع هذا من قبل."_s)))
                         .toUtf8();
        return reply;
    }
    if (request.method == "GET") {
        QString page = head;
        page += u"<h1>%1</h1>"_s.arg(t("Gateway simulator (not Fatora)", u"محاكي البوابة (ليس فاتورة)"_s));
        page +=
            u"<p>%1 <bdi>%2 %3</bdi></p>"_s.arg(t("Amount:", u"المبلغ:"_s), html(c.amount), html(c.currency));
        page += u"<p>%1 <bdi>%2</bdi></p>"_s.arg(t("Order:", u"الطلب:"_s), html(c.orderId));
        if (!c.clientName.isEmpty())
            page += u"<p>%1 <bdi>%2</bdi></p>"_s.arg(t("Client:", u"العميل:"_s), html(c.clientName));
        if (!c.note.isEmpty())
            page += u"<p>%1 <bdi>%2</bdi></p>"_s.arg(t("Note:", u"ملاحظة:"_s), html(c.note));
        page += u"<form method=\"post\" action=\"%1\">"_s.arg(html(PagePrefix + c.pageId));
        page +=
            u"<p><label><input type=\"radio\" name=\"outcome\" value=\"approve\" checked> %1</label></p>"_s
                .arg(t("Approve the payment (and save the card)", u"الموافقة على الدفع (وحفظ البطاقة)"_s));
        page += u"<p><label><input type=\"radio\" name=\"outcome\" value=\"decline\"> %1</label></p>"_s.arg(
            t("Decline the payment", u"رفض الدفع"_s));
        page += u"<p><label><input type=\"radio\" name=\"outcome\" value=\"never\"> %1</label></p>"_s.arg(
            t("Never pay (leave the page)", u"عدم الدفع (مغادرة الصفحة)"_s));
        page +=
            u"<p><button type=\"submit\">%1</button></p></form></body></html>\n"_s.arg(t("Pay", u"ادفع"_s));
        reply.body = page.toUtf8();
        return reply;
    }
    if (request.method != "POST") {
        reply.status = 405;
        reply.body = (head + u"<p>Method not allowed.</p></body></html>\n"_s).toUtf8();
        return reply;
    }
    // A plain HTML form: application/x-www-form-urlencoded, where "+" is a space.
    QString formBody = QString::fromUtf8(request.body);
    formBody.replace(u'+', u' ');
    const QString outcome = QUrlQuery(formBody).queryItemValue(u"outcome"_s, QUrl::FullyDecoded);
    if (outcome != u"approve"_s && outcome != u"decline"_s && outcome != u"never"_s) {
        reply.status = 400;
        reply.body = (head + u"<p>Choose an outcome.</p></body></html>\n"_s).toUtf8();
        return reply;
    }
    c.finished = true;
    if (outcome == u"never"_s) {
        reply.body = (head + u"<p>%1</p></body></html>\n"_s.arg(
                                 t("You left without paying.", u"غادرت دون أن تدفع."_s)))
                         .toUtf8();
        return reply;
    }
    const quint64 n = m_nextTransaction++;
    StoredPayment payment;
    payment.orderId = c.orderId;
    payment.transactionId = u"SIM-%1"_s.arg(n, 6, 10, QChar(u'0'));
    payment.amount = c.amount;
    payment.currency = c.currency;
    payment.chargedAt = QDateTime::currentDateTimeUtc();
    payment.sequence = n;
    const bool approved = outcome == u"approve"_s;
    payment.status = approved ? u"SUCCESS"_s : u"FAILURE"_s;
    payment.description =
        approved ? u"Transaction Approved"_s : u"Transaction Declined, Contact issuing Bank"_s;
    QList<std::pair<QString, QString>> query{{u"order_id"_s, c.orderId},
                                             {u"transaction_id"_s, payment.transactionId}};
    if (approved) {
        // Random base64 (itself holding "+" and "/") around the characters Fatora names: + / \ |
        QByteArray random(12, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(random.data()), 3);
        const QString b64 = QString::fromLatin1(random.toBase64());
        payment.cardToken = u"sim+%1/%2\\|%3"_s.arg(b64.left(8), b64.mid(8), QString::number(n));
        payment.authCode = u"%1"_s.arg((n * 7919 + 104729) % 1000000, 6, 10, QChar(u'0'));
        payment.cardBrand = u"Visa"_s;
        m_firstAmounts.insert(payment.cardToken, c.amount);
        query.append({u"card_token"_s, payment.cardToken});
    }
    m_payments.insert(c.orderId, payment);
    // See Other: the browser follows with a GET, never re-posting the payment.
    reply.status = 303;
    reply.location = withQuery(approved ? c.successUrl : c.failureUrl, query);
    reply.body = (head + u"<p><a href=\"%1\">%2</a></p></body></html>\n"_s.arg(
                             html(QString::fromUtf8(reply.location)), t("Continue", u"متابعة"_s)))
                     .toUtf8();
    return reply;
}

} // namespace fatora
