#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QJsonObject;
class QThread;

namespace fatora {

class SimulatorHttpServer;

// How the simulator answers for one card token. Tests and the sandbox seed script these.
struct SimulatedBehaviour
{
    enum class Kind {
        Approve,
        InsufficientFunds, // 200 FAILURE "Transaction Declined, Insufficient credit"
        Blocked,           // 200 FAILURE "Transaction Blocked"
        BankDeclined,      // 200 FAILURE "Transaction Declined, Contact issuing Bank"
        InvalidToken,      // 200 FAILURE "Token invalid"
        Http500,           // 500 JSON error; the charge is not recorded
        Html502,           // 502 with an HTML page; the charge is not recorded
        TruncatedJson,     // 200 with JSON cut in the middle; the charge IS recorded (approved)
        DropConnection,    // connection closed without a reply; the charge IS recorded (approved)
        // Appended kinds (the order above is relied on by scripts and tests):
        Pending,         // connection closed without a reply; the payment is recorded PENDING, which verify
                         // then reports as payment_status "PENDING" (not a charge, not a decline)
        Conflict409,     // 409 Conflict JSON error; the charge is not recorded
        Http500Recorded, // 500 JSON error, yet the charge IS recorded (approved): verify finds it
    };
    enum class DeactivateReply { NoContent204, Ok200 };

    Kind kind = Kind::Approve;
    int delayMs = 0; // sleep before answering collect and deactivate (after the charge is recorded)
    DeactivateReply deactivateReply = DeactivateReply::NoContent204;
};

struct RecordedRequest
{
    QByteArray method;
    QString path;
    QList<QPair<QByteArray, QByteArray>> headers; // as received
    QByteArray body;                              // raw bytes as received

    QByteArray header(const QByteArray &name) const; // case-insensitive, first match
};

// A local stand-in for Fatora ("the simulator", never to be presented as Fatora itself).
// Serves collect, deactivate, verify and refund on 127.0.0.1 with Qt HttpServer in its own thread,
// so handlers may sleep without freezing the caller and without QHttpServer 6.4's crash when a
// client gives up on a delayed reply. Thread-safe: script and read from any thread.
class GatewaySimulator : public QObject
{
    Q_OBJECT
public:
    static QString defaultApiKey() { return QStringLiteral("SANDBOX-0000-4000-8000-SIMULATOR"); }

    explicit GatewaySimulator(QObject *parent = nullptr);
    ~GatewaySimulator() override;

    // Listens on 127.0.0.1:port (0 = ephemeral). Returns false when the port cannot be bound.
    bool start(quint16 port = 0);
    void stop();
    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // http://127.0.0.1:<port>
    // A demo shop's return pages, served here (GET /shop/…): where a sandbox desk without return
    // pages of its own sends its customers back after paying. They only say what happened.
    enum class ShopPage { CardSaved, PaymentFailed };
    QUrl shopPage(ShopPage page) const;

    void setApiKey(const QString &key);         // requests with another key get 401
    void setInactiveApiKey(const QString &key); // requests with this key get 403
    void script(const QString &cardToken, const SimulatedBehaviour &behaviour);
    void setDefaultBehaviour(const SimulatedBehaviour &behaviour);
    // The "mode" the replies carry: "SANDBOX" (the default) marks the simulator's payments, which
    // fatora-cli db copy never moves into a real database. Tests that need a desk's data as a live
    // gateway would leave it set another.
    void setMode(const QString &mode);
    // The amount of the checkout that made this token ("50.00"), which Fatora charges for a collect
    // without an amount; without it, the first amount the simulator charged on the token.
    void setFirstPaymentAmount(const QString &cardToken, const QString &amount);

    QList<RecordedRequest> requests() const;
    int requestCount(const QString &path = QString()) const; // all paths when empty
    void clearRequests();
    // Called on the server thread for each request, after it is recorded and before it is answered.
    void setRequestObserver(std::function<void(const RecordedRequest &)> observer);

    // Checkout (POST /v1/payments/checkout) answers with a link to the simulator's own payment page
    // (GET /pay/<id>), where an outcome is chosen: approve, decline or never pay. Paying redirects
    // (303) to success_url or failure_url with order_id, transaction_id and, on success, card_token
    // in the query, each percent-encoded; verify then reports the payment and its card_token.
    // Tokens made here hold "+ / \ |", as Fatora's do.
    // For tests of hostile replies: answer every checkout with this status and raw body instead.
    void setCheckoutReplyOverride(int status, const QByteArray &body);
    void clearCheckoutReplyOverride();
    // The card token a paid checkout of this order created ("" when none).
    QString checkoutToken(const QString &orderId) const;

    // The simulator's own view, for assertions.
    bool isTokenDeactivated(const QString &cardToken) const;
    int chargeCount(const QString &cardToken) const; // approved charges recorded

private:
    friend class SimulatorHttpServer;

    struct StoredPayment
    {
        QString orderId;
        QString transactionId;
        QString cardToken;
        QString amount; // as received, "" when absent (then the token's first amount, when known)
        QString status; // SUCCESS | FAILURE | PENDING
        QString authCode;
        QString description;
        QDateTime chargedAt;
        QString mode;            // as the collect reply said it, repeated by verify
        quint64 sequence = 0;    // order of arrival
        QByteArray collectReply; // the complete first reply, replayed for a repeated order_id
        bool refunded = false;
        QString currency = QStringLiteral("QAR");
        QString cardBrand; // set for a payment made on the checkout page
    };

    struct StoredCheckout
    {
        QString pageId;
        QString orderId;
        QString amount; // as received, shortest text
        QString currency;
        QString language; // "en" or "ar"
        QString successUrl;
        QString failureUrl;
        QString clientName;
        QString note;
        bool finished = false; // paid, declined or left: the page takes no second answer
    };

    struct Reply
    {
        enum class Kind { Normal, Raw, Drop } kind = Kind::Normal;
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
        QByteArray location; // a redirect's target
    };

    // Runs on the server thread.
    Reply handle(const RecordedRequest &request);
    Reply handleCollect(const QJsonObject &body);
    Reply handleDeactivate(const QJsonObject &body);
    Reply handleVerify(const QJsonObject &body);
    Reply handleRefund(const QJsonObject &body);
    Reply handleCheckout(const QJsonObject &body);
    Reply handlePage(const RecordedRequest &request);
    static Reply handleShopPage(const RecordedRequest &request);
    SimulatedBehaviour behaviourFor(const QString &cardToken) const; // with m_mutex held
    static Reply failure(int status, const QJsonObject &detail, bool pluralKey = false);
    static Reply json(int status, const QJsonObject &object);
    // The value of a required text field, or the 400 reply that names it.
    static std::optional<Reply> requireString(const QJsonObject &body, const QString &field, QString *out,
                                              bool pluralKey = false);

    std::unique_ptr<QThread> m_thread;
    SimulatorHttpServer *m_server = nullptr; // lives on m_thread
    quint16 m_port = 0;

    mutable QMutex m_mutex;
    QString m_apiKey;
    QString m_mode = QStringLiteral("SANDBOX");
    QString m_inactiveApiKey;
    SimulatedBehaviour m_defaultBehaviour;
    QHash<QString, SimulatedBehaviour> m_scripts;
    QList<RecordedRequest> m_requests;
    std::function<void(const RecordedRequest &)> m_observer;
    QHash<QString, StoredPayment> m_payments;   // by order_id
    QHash<QString, bool> m_deactivated;         // by card token
    QHash<QString, QString> m_firstAmounts;     // by card token
    QHash<QString, StoredCheckout> m_checkouts; // by page id
    std::optional<Reply> m_checkoutOverride;
    quint64 m_nextTransaction = 1;
};

} // namespace fatora
