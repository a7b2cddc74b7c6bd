// Card requests end to end over loopback HTTP against the simulator (never mocked replies): a
// checkout link written ahead, paid on the simulator's own page through its HTML form, checked by
// verify, the card saved byte for byte and charged. Each test owns its database, clock and simulator.

#include "customers/CustomerService.h"
#include "gateway/GatewayClient.h"
#include "payments/CardRequestService.h"
#include "payments/PaymentService.h"
#include "RawHttpServer.h"
#include "TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString SuccessPage = u"https://shop.example/card-saved?from=fatora"_s;
const QString FailurePage = u"https://shop.example/card-failed"_s;

// Everything logged while a test runs, to look for secrets in.
QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        logLines << message;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

class TestCardRequests : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void requestIsWrittenAheadAndTheLinkKept();
    void withoutReturnPagesTheRequestSaysWhatToSet();
    void paidLinkSavesTheCardByteForByteAndItCharges();
    void theSimulatorsPageSpeaksArabic();
    void declinedPaymentSavesNoCard();
    void neverPaidLinkExpiresAndCloses();
    void linkPaidAfterTheDeskGaveUpIsStillRecorded();
    void linkIsSavedOnceTheDatabaseIsFree();
    void interruptedCheckoutCallEndsClosable();
    void linkThatCouldNotBeSavedIsClosableAtOnce();
    void anotherFourOhFourSaysNothingAboutPayment();
    void paidRequestWithoutItsCardIsCheckedAgain();
    void quietCheckAsksOnlyForWaitingRequests();
    void pastedAddressIsReadWithCare_data();
    void pastedAddressIsReadWithCare();
    void pastedAddressIsRefused_data();
    void pastedAddressIsRefused();
    void pastedAddressIsConfirmedByVerify();
    void hostileCheckoutReplies_data();
    void hostileCheckoutReplies();
    void cardAlreadyOnFileIsNotSavedTwice();
    void twoConnectionsCheckingAtOnceSaveOneCard();
    void cardRequestsAreNotChargesOnACard();
    void theApiKeyAppearsNowhere();

private:
    qint64 createAndWait(const CardRequestDraft &draft, CardRequestOutcome *outcome = nullptr);
    CardRequestOutcome checkAndWait(qint64 paymentId);
    // Runs one statement on the database file beside the store (a trigger standing in for a
    // database that refuses a write); empty when it ran.
    CardRequestDraft draft(qint64 minor = 5000) const;
    Payment payment(qint64 id) { return m_db->store().payment(id).value(); }

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<GatewaySimulator> m_sim;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<GatewayClient> m_client;
    std::unique_ptr<CardRequestService> m_service;
    qint64 m_customer = 0;
};

void TestCardRequests::init()
{
    m_db = std::make_unique<TempDatabase>();
    m_sim = startSimulator();
    m_clock = std::make_unique<ManualClock>(fixedNow());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<GatewayClient>(m_nam.get(), simulatorConfig(*m_sim, 5000));
    m_service = std::make_unique<CardRequestService>(m_db->store(), *m_client, *m_clock);
    m_service->setOperatorName(u"Test Operator"_s);
    m_service->setReturnPages(QUrl(SuccessPage), QUrl(FailurePage));
    Customer c;
    c.name = u"Sara Al-Kuwari <b>&</b>"_s;
    c.email = u"sara@example.qa"_s;
    c.phone = u"+974 5550 1234"_s;
    c.createdAt = m_clock->now();
    m_customer = m_db->store().addCustomer(c).value();
}

void TestCardRequests::cleanup()
{
    m_service.reset();
    m_client.reset();
    m_nam.reset();
    m_sim.reset();
    m_db.reset();
}

CardRequestDraft TestCardRequests::draft(qint64 minor) const
{
    CardRequestDraft d;
    d.customerId = m_customer;
    d.amount = Money(minor, u"QAR"_s);
    d.note = u"First month <script>alert(1)</script>"_s;
    return d;
}

qint64 TestCardRequests::createAndWait(const CardRequestDraft &d, CardRequestOutcome *outcome)
{
    QSignalSpy created(m_service.get(), &CardRequestService::created);
    auto id = m_service->create(d);
    if (!id.ok()) {
        qWarning() << "card request refused:" << id.error().toString();
        return 0;
    }
    if (!created.wait(15000) && created.isEmpty())
        return 0;
    if (outcome)
        *outcome = created.first().at(0).value<CardRequestOutcome>();
    return id.value();
}

CardRequestOutcome TestCardRequests::checkAndWait(qint64 paymentId)
{
    QSignalSpy checked(m_service.get(), &CardRequestService::checked);
    if (auto r = m_service->check(paymentId); !r.ok()) {
        CardRequestOutcome refused;
        refused.message = r.error().toString();
        return refused;
    }
    if (!checked.wait(15000) && checked.isEmpty())
        return {};
    return checked.first().at(0).value<CardRequestOutcome>();
}

void TestCardRequests::requestIsWrittenAheadAndTheLinkKept()
{
    // The simulator looks into the database through its own connection while the checkout call
    // is being served: the card request must already be there, pending, under that order id.
    const QString dbPath = m_db->path();
    QString seen;
    m_sim->setRequestObserver([&](const RecordedRequest &request) {
        const QString orderId = QJsonDocument::fromJson(request.body).object().value(u"order_id").toString();
        auto store = SqliteStore::open(dbPath);
        if (!store.ok())
            return;
        auto row = store.value()->paymentByOrderId(orderId);
        seen = row.ok() && row.value()
                   ? paymentKindName(row.value()->kind) + u' ' + paymentStateName(row.value()->state)
                   : u"missing"_s;
    });
    CardRequestOutcome outcome;
    const qint64 id = createAndWait(draft(12345), &outcome);
    m_sim->setRequestObserver({});
    QVERIFY(id != 0);
    QCOMPARE(seen, u"card-request pending"_s);

    const Payment p = payment(id);
    QCOMPARE(p.kind, PaymentKind::CardRequest);
    QCOMPARE(p.state, PaymentState::Pending);
    QCOMPARE(p.tokenId, qint64(0));
    QVERIFY(p.checkoutUrl.startsWith(m_sim->baseUrl().toString() + u"/pay/"_s));
    QCOMPARE(outcome.payment.checkoutUrl, p.checkoutUrl);
    QVERIFY(!outcome.problem);

    // The wire body, as the simulator received it.
    const QList<RecordedRequest> requests = m_sim->requests();
    QCOMPARE(m_sim->requestCount(GatewayClient::path(GatewayOperation::Checkout)), 1);
    const RecordedRequest &sent = requests.first();
    qInfo().noquote() << "checkout wire body:" << QString::fromUtf8(sent.body);
    const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
    QCOMPARE(body.value(u"amount").toDouble(), 123.45);
    QCOMPARE(body.value(u"currency").toString(), u"QAR"_s);
    QCOMPARE(body.value(u"order_id").toString(), p.orderId);
    QCOMPARE(body.value(u"language").toString(), u"en"_s);
    QCOMPARE(body.value(u"success_url").toString(), SuccessPage);
    QCOMPARE(body.value(u"failure_url").toString(), FailurePage);
    QCOMPARE(body.value(u"save_token"), QJsonValue(true));
    QCOMPARE(body.value(u"note").toString(), u"First month <script>alert(1)</script>"_s);
    const QJsonObject client = body.value(u"client").toObject();
    QCOMPARE(client.value(u"name").toString(), u"Sara Al-Kuwari <b>&</b>"_s);
    QCOMPARE(client.value(u"phone").toString(), u"+974 5550 1234"_s);
    QCOMPARE(client.value(u"email").toString(), u"sara@example.qa"_s);
    QCOMPARE(body.keys().size(), 9);
    QCOMPARE(sent.header("api_key"), GatewaySimulator::defaultApiKey().toUtf8());

    // Audited, with the operator.
    auto audit = m_db->store().auditFor(u"payment"_s, id);
    QVERIFY(audit.ok());
    QStringList actions;
    for (const AuditEntry &e : audit.value())
        actions << e.action;
    QCOMPARE(actions, (QStringList{u"card-request.requested"_s, u"card-request.link"_s}));
}

void TestCardRequests::withoutReturnPagesTheRequestSaysWhatToSet()
{
    m_service->setReturnPages(QUrl(), QUrl());
    auto refused = m_service->create(draft());
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"FATORA_SUCCESS_URL"_s) &&
                 refused.error().message.contains(u"FATORA_FAILURE_URL"_s),
             qPrintable(refused.error().message));
    QCOMPARE(m_sim->requestCount(), 0);
    QCOMPARE(m_db->store().countPayments(PaymentQuery()).value(), 0);

    // Plain http to another host is no return page; only the loopback sandbox may use http.
    m_service->setReturnPages(QUrl(u"http://shop.example/ok"_s), QUrl(FailurePage));
    refused = m_service->create(draft());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field, u"success_url"_s);
}

void TestCardRequests::paidLinkSavesTheCardByteForByteAndItCharges()
{
    const qint64 id = createAndWait(draft(5000));
    QVERIFY(id != 0);
    const Payment p = payment(id);

    const SimulatorPageAnswer paid = payOnSimulatorPage(p.checkoutUrl, u"approve"_s);
    QCOMPARE(paid.status, 303);
    const QString token = m_sim->checkoutToken(p.orderId);
    for (const QChar c : {u'+', u'/', u'\\', u'|'})
        QVERIFY2(token.contains(c), qPrintable(token));
    // The redirect carries the token percent-encoded: "+" as %2B, never as a literal "+".
    const QUrl location(QString::fromUtf8(paid.location));
    QVERIFY2(paid.location.startsWith(QByteArray(SuccessPage.toUtf8() + "&order_id=")),
             paid.location.constData());
    QVERIFY(paid.location.contains("card_token=sim%2B"));
    QVERIFY(!QString::fromUtf8(paid.location.mid(paid.location.indexOf("card_token="))).contains(u'+'));

    const CardRequestOutcome outcome = checkAndWait(id);
    QVERIFY2(!outcome.problem, qPrintable(outcome.message));
    QCOMPARE(outcome.payment.state, PaymentState::Approved);
    QVERIFY(outcome.savedTokenId != 0);
    const CardToken saved = m_db->store().token(outcome.savedTokenId).value();
    QCOMPARE(saved.token, token); // byte for byte
    QCOMPARE(saved.token.toUtf8(), token.toUtf8());
    QCOMPARE(saved.customerId, m_customer);
    QCOMPARE(saved.status, TokenStatus::Active);
    QCOMPARE(saved.label, u"Visa"_s);
    QCOMPARE(saved.firstAmount, std::optional<Money>(Money(5000, u"QAR"_s)));
    QCOMPARE(saved.currency, u"QAR"_s);
    QCOMPARE(saved.issuedOn, m_clock->today());
    QCOMPARE(saved.expiresOn, CardToken::defaultExpiry(saved.issuedOn));
    QCOMPARE(outcome.savedTokenMask, saved.masked());
    const Payment settled = payment(id);
    QCOMPARE(settled.savedTokenId, saved.id);
    QVERIFY(!settled.transactionId.isEmpty());
    // The full token is in no text column of the payment.
    for (const QString &text : {settled.note, settled.responseBody, settled.requestBody, settled.errorText})
        QVERIFY2(!text.contains(token), qPrintable(text));

    // A second check changes nothing.
    const CardRequestOutcome again = checkAndWait(id);
    QCOMPARE(again.savedTokenId, qint64(0));
    QVERIFY(again.message.contains(u"not check"_s) || again.message.contains(u"settled"_s));

    // The saved card charges.
    PaymentService payments(m_db->store(), *m_client, *m_clock);
    QSignalSpy finished(&payments, &PaymentService::chargeFinished);
    auto charge = payments.charge(ChargeRequest(saved.id, Money(2500, u"QAR"_s)));
    QVERIFY2(charge.ok(), qPrintable(charge.error().toString()));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(1).value<PaymentState>(), PaymentState::Approved);
    const QList<RecordedRequest> requests = m_sim->requests();
    const QJsonObject collect = QJsonDocument::fromJson(requests.last().body).object();
    QCOMPARE(collect.value(u"card_token").toString(), token);
}

void TestCardRequests::theSimulatorsPageSpeaksArabic()
{
    CardRequestDraft d = draft(5000);
    d.language = u"ar"_s;
    const qint64 id = createAndWait(d);
    QVERIFY(id != 0);
    const SimulatorPageAnswer answer = fetchSimulatorPage(payment(id).checkoutUrl);
    QCOMPARE(answer.status, 200);
    const QString page = QString::fromUtf8(answer.page);
    QVERIFY(page.contains(u"dir=\"rtl\""_s));
    QVERIFY(page.contains(u"ادفع"_s));
    // What the caller gave is escaped, never markup.
    QVERIFY(!page.contains(u"<script>"_s));
    QVERIFY(page.contains(u"&lt;script&gt;"_s));
    QVERIFY(page.contains(u"Sara Al-Kuwari &lt;b&gt;&amp;&lt;/b&gt;"_s));
}

void TestCardRequests::declinedPaymentSavesNoCard()
{
    const qint64 id = createAndWait(draft());
    QVERIFY(id != 0);
    const SimulatorPageAnswer paid = payOnSimulatorPage(payment(id).checkoutUrl, u"decline"_s);
    QCOMPARE(paid.status, 303);
    QVERIFY2(paid.location.startsWith(QByteArray(FailurePage.toUtf8() + "?order_id=")),
             paid.location.constData());
    QVERIFY(!paid.location.contains("card_token"));

    const CardRequestOutcome outcome = checkAndWait(id);
    QCOMPARE(outcome.payment.state, PaymentState::Declined);
    QCOMPARE(outcome.savedTokenId, qint64(0));
    auto tokens = m_db->store().findTokens(TokenQuery());
    QVERIFY(tokens.ok() && tokens->isEmpty());
}

void TestCardRequests::neverPaidLinkExpiresAndCloses()
{
    m_service->setLinkLifetimeSecs(6 * 60 * 60);
    const qint64 id = createAndWait(draft());
    QVERIFY(id != 0);
    const SimulatorPageAnswer left = payOnSimulatorPage(payment(id).checkoutUrl, u"never"_s);
    QCOMPARE(left.status, 200);
    QVERIFY(left.location.isEmpty());

    CardRequestOutcome outcome = checkAndWait(id);
    QCOMPARE(outcome.payment.state, PaymentState::Pending);
    QVERIFY(!outcome.linkExpired);
    QVERIFY2(outcome.message.contains(u"Not paid yet"_s), qPrintable(outcome.message));

    PaymentService payments(m_db->store(), *m_client, *m_clock);
    // Not closable while the link may still be paid.
    QVERIFY(!payments.closeUnfound(id, u"customer never paid"_s).ok());
    // Nor turned into "unknown" by a restart: it waits for the customer, not for a reply.
    m_clock->advanceSecs(60 * 60);
    QCOMPARE(payments.recoverInterrupted().value(), 0);
    QCOMPARE(payment(id).state, PaymentState::Pending);

    m_clock->advanceSecs(5 * 60 * 60);
    outcome = checkAndWait(id);
    QCOMPARE(outcome.payment.state, PaymentState::Unknown);
    QVERIFY(outcome.linkExpired);
    QVERIFY2(outcome.message.contains(u"Link expired"_s), qPrintable(outcome.message));
    QVERIFY(!payments.closeUnfound(id, u" "_s).ok()); // a reason is required
    auto closed = payments.closeUnfound(id, u"customer never paid"_s);
    QVERIFY2(closed.ok(), qPrintable(closed.error().toString()));
    QCOMPARE(payment(id).state, PaymentState::NotSent);
    QVERIFY(payment(id).note.contains(u"customer never paid"_s));
}

// The link's lifetime is this desk's setting; Fatora does not know it. A customer who pays after
// the desk called the link expired and a clerk closed it has paid all the same: a check records
// the payment and saves the card, and a check that finds nothing leaves the request as it was.
void TestCardRequests::linkPaidAfterTheDeskGaveUpIsStillRecorded()
{
    m_service->setLinkLifetimeSecs(60 * 60);
    const qint64 id = createAndWait(draft());
    QVERIFY(id != 0);
    m_clock->advanceSecs(2 * 60 * 60);
    CardRequestOutcome outcome = checkAndWait(id);
    QVERIFY(outcome.linkExpired);
    PaymentService payments(m_db->store(), *m_client, *m_clock);
    QVERIFY(payments.closeUnfound(id, u"customer never paid"_s).ok());
    QCOMPARE(payment(id).state, PaymentState::NotSent);

    // Checked again while still unpaid: nothing changes.
    outcome = checkAndWait(id);
    QCOMPARE(payment(id).state, PaymentState::NotSent);
    QVERIFY2(outcome.message.contains(u"still not paid"_s), qPrintable(outcome.message));
    QCOMPARE(outcome.savedTokenId, qint64(0));

    const SimulatorPageAnswer paid = payOnSimulatorPage(payment(id).checkoutUrl, u"approve"_s);
    QCOMPARE(paid.status, 303);
    outcome = checkAndWait(id);
    QCOMPARE(outcome.payment.state, PaymentState::Approved);
    QVERIFY(outcome.savedTokenId != 0);
    QCOMPARE(payment(id).state, PaymentState::Approved);
    QCOMPARE(payment(id).savedTokenId, outcome.savedTokenId);
    auto tokens = m_db->store().findTokens(TokenQuery());
    QVERIFY(tokens.ok());
    QCOMPARE(tokens->size(), 1);

    // And only once.
    outcome = checkAndWait(id);
    QCOMPARE(outcome.savedTokenId, qint64(0));
    QCOMPARE(m_db->store().findTokens(TokenQuery())->size(), 1);
}

// Another process holds the write lock when the link arrives: the link is kept, saving is retried,
// and it is stored (and only then handed out) once the database is free.
void TestCardRequests::linkIsSavedOnceTheDatabaseIsFree()
{
    QSignalSpy created(m_service.get(), &CardRequestService::created);
    QSignalSpy problems(m_service.get(), &CardRequestService::problem);
    const qint64 id = m_service->create(draft()).value();
    {
        auto other = SqliteStore::open(m_db->path());
        QVERIFY(other.ok());
        Store::Transaction lock(*other.value());
        QVERIFY(lock.started().ok());
        QVERIFY(problems.wait(20000));
        QVERIFY2(problems.first().at(0).toString().contains(u"retried"_s),
                 qPrintable(problems.first().at(0).toString()));
        QVERIFY(created.isEmpty());
        QCOMPARE(m_service->callsInFlight(), 1);
        QVERIFY(payment(id).checkoutUrl.isEmpty());
    }
    QVERIFY(created.wait(20000));
    const auto outcome = created.first().at(0).value<CardRequestOutcome>();
    QVERIFY2(!outcome.problem, qPrintable(outcome.message));
    QVERIFY(!payment(id).checkoutUrl.isEmpty());
    QCOMPARE(outcome.payment.checkoutUrl, payment(id).checkoutUrl);
    QCOMPARE(m_service->callsInFlight(), 0);
}

// The process died while asking for the link: no link reached anyone. Recovery makes it unknown, a
// check finds nothing at Fatora, and it can be closed with a reason.
void TestCardRequests::interruptedCheckoutCallEndsClosable()
{
    Payment p;
    p.kind = PaymentKind::CardRequest;
    p.orderId = u"BO-20261125-INTERRUPT1"_s;
    p.customerId = m_customer;
    p.amount = Money(5000, u"QAR"_s);
    p.currency = u"QAR"_s;
    p.state = PaymentState::Pending;
    p.createdAt = m_clock->now();
    p.updatedAt = m_clock->now();
    const qint64 id = m_db->store().insertPayment(p).value();
    QVERIFY(!m_service->check(id).ok()); // its call may still be in flight elsewhere

    PaymentService payments(m_db->store(), *m_client, *m_clock);
    m_clock->advanceSecs(PaymentRules::OrphanAfterSecs + 60);
    QCOMPARE(payments.recoverInterrupted().value(), 1);
    QCOMPARE(payment(id).state, PaymentState::Unknown);
    QVERIFY(!payments.closeUnfound(id, u"never sent"_s).ok()); // not before a check found nothing

    const CardRequestOutcome outcome = checkAndWait(id);
    QCOMPARE(outcome.payment.state, PaymentState::Unknown);
    QVERIFY(outcome.linkExpired);
    QVERIFY2(payments.closeUnfound(id, u"never sent"_s).ok(), qPrintable(payment(id).note));
    QCOMPARE(payment(id).state, PaymentState::NotSent);
}

// The checkout call ended but its link could not be saved (here: the database refuses the write;
// on a desk, a full disk). Nobody got the link, and this desk no longer has the call in flight: a
// check must not wait for this desk to stop, and it ends the request closable.
void TestCardRequests::linkThatCouldNotBeSavedIsClosableAtOnce()
{
    QCOMPARE(m_db->execRaw(u"CREATE TRIGGER refuse_link BEFORE UPDATE OF checkout_url ON payments"
                     " WHEN NEW.checkout_url <> '' BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"_s),
             QString());
    CardRequestOutcome created;
    const qint64 id = createAndWait(draft(), &created);
    QVERIFY(id != 0);
    QVERIFY(created.problem);
    QVERIFY2(created.message.contains(u"could not be saved"_s), qPrintable(created.message));
    QCOMPARE(payment(id).state, PaymentState::Pending);
    QVERIFY(payment(id).checkoutUrl.isEmpty());
    QCOMPARE(m_service->callsInFlight(), 0);
    QCOMPARE(m_db->execRaw(u"DROP TRIGGER refuse_link"_s), QString());

    // At once, with this desk still running: before, "still being asked for" until it stopped.
    const CardRequestOutcome outcome = checkAndWait(id);
    QCOMPARE(outcome.payment.state, PaymentState::Unknown);
    QVERIFY2(outcome.linkExpired, qPrintable(outcome.message));
    PaymentService payments(m_db->store(), *m_client, *m_clock);
    auto closed = payments.closeUnfound(id, u"link never handed out"_s);
    QVERIFY2(closed.ok(), qPrintable(closed.error().toString()));
    QCOMPARE(payment(id).state, PaymentState::NotSent);
}

// Only Fatora's own "no such order" counts as not paid. A 404 from something else (a proxy's page, a
// moved path) says nothing: an expired link checked through it must not become closable, or a
// clerk could close a paid request and send the customer a second one.
void TestCardRequests::anotherFourOhFourSaysNothingAboutPayment()
{
    const qint64 id = createAndWait(draft());
    QVERIFY(id != 0);
    m_clock->advanceSecs(PaymentRules::CardRequestLifetimeSecs + 60);
    RawHttpServer proxy;
    QVERIFY(proxy.listen());
    GatewayConfig config = simulatorConfig(*m_sim, 5000);
    config.baseUrl = proxy.url();
    GatewayClient client(m_nam.get(), config);
    CardRequestService service(m_db->store(), client, *m_clock);
    for (const QByteArray &body : {QByteArray(R"({"message":"Not Found"})"), QByteArray("<h1>Not Found</h1>")}) {
        proxy.setReply(404, body);
        QSignalSpy checked(&service, &CardRequestService::checked);
        QVERIFY(service.check(id).ok());
        QVERIFY(checked.wait(15000));
        const auto outcome = checked.first().at(0).value<CardRequestOutcome>();
        QVERIFY2(!outcome.linkExpired, qPrintable(outcome.message));
        QVERIFY(outcome.problem);
        QCOMPARE(payment(id).state, PaymentState::Pending);
    }
    PaymentService payments(m_db->store(), *m_client, *m_clock);
    QVERIFY(!payments.closeUnfound(id, u"never paid"_s).ok());
    // Fatora's own answer still ends it.
    QVERIFY(checkAndWait(id).linkExpired);
}

// The customer paid, but Fatora's verify named no card at that check. The payment is recorded as
// approved with no card; a later check asks again and saves the card Fatora names then, once.
void TestCardRequests::paidRequestWithoutItsCardIsCheckedAgain()
{
    const qint64 id = createAndWait(draft());
    QVERIFY(id != 0);
    const SimulatorPageAnswer paid = payOnSimulatorPage(payment(id).checkoutUrl, u"approve"_s);
    QCOMPARE(paid.status, 303);
    const QUrlQuery landed(QUrl(QString::fromUtf8(paid.location)));
    const QString transactionId = landed.queryItemValue(u"transaction_id"_s);
    QVERIFY(!transactionId.isEmpty());

    // The same payment as the simulator reports it, without the card token.
    RawHttpServer gateway;
    QVERIFY(gateway.listen());
    gateway.setReply(200, QJsonDocument(QJsonObject{{u"status"_s, u"SUCCESS"_s},
                                                    {u"result"_s, QJsonObject{
                                                                      {u"order_id"_s, payment(id).orderId},
                                                                      {u"transaction_id"_s, transactionId},
                                                                      {u"amount"_s, 50},
                                                                      {u"currency"_s, u"QAR"_s},
                                                                      {u"payment_status"_s, u"SUCCESS"_s},
                                                                  }}})
                              .toJson(QJsonDocument::Compact));
    GatewayConfig config = simulatorConfig(*m_sim, 5000);
    config.baseUrl = gateway.url();
    GatewayClient client(m_nam.get(), config);
    CardRequestService service(m_db->store(), client, *m_clock);
    QSignalSpy checked(&service, &CardRequestService::checked);
    QVERIFY(service.check(id).ok());
    QVERIFY(checked.wait(15000));
    auto outcome = checked.first().at(0).value<CardRequestOutcome>();
    QCOMPARE(outcome.payment.state, PaymentState::Approved);
    QVERIFY(outcome.problem);
    QVERIFY2(outcome.message.contains(u"no card token"_s), qPrintable(outcome.message));
    QCOMPARE(payment(id).savedTokenId, qint64(0));

    outcome = checkAndWait(id);
    QVERIFY2(outcome.savedTokenId != 0, qPrintable(outcome.message));
    QCOMPARE(payment(id).state, PaymentState::Approved);
    QCOMPARE(payment(id).savedTokenId, outcome.savedTokenId);
    QCOMPARE(m_db->store().token(outcome.savedTokenId).value().token,
             m_sim->checkoutToken(payment(id).orderId));

    // Saved: nothing more to ask.
    QVERIFY(!m_service->check(id).ok());
    QCOMPARE(m_db->store().findTokens(TokenQuery()).value().size(), 1);
}

// The periodic check asks about requests waiting for their customer, and stops asking once one
// expired; settled ones and charges are never asked about.
void TestCardRequests::quietCheckAsksOnlyForWaitingRequests()
{
    m_service->setLinkLifetimeSecs(60 * 60);
    const qint64 paid = createAndWait(draft());
    const qint64 waiting = createAndWait(draft());
    QVERIFY(paid != 0 && waiting != 0);
    QCOMPARE(payOnSimulatorPage(payment(paid).checkoutUrl, u"approve"_s).status, 303);
    QCOMPARE(checkAndWait(paid).payment.state, PaymentState::Approved);

    const QString verifyPath = GatewayClient::path(GatewayOperation::Verify);
    QSignalSpy checked(m_service.get(), &CardRequestService::checked);
    m_clock->advanceSecs(2 * 60 * 60);
    int before = m_sim->requestCount(verifyPath);
    QCOMPARE(m_service->checkWaiting().value(), 1);
    QVERIFY(checked.wait(10000));
    QCOMPARE(m_sim->requestCount(verifyPath), before + 1);
    QVERIFY(checked.first().at(0).value<CardRequestOutcome>().linkExpired);
    QCOMPARE(payment(waiting).state, PaymentState::Unknown);

    before = m_sim->requestCount(verifyPath);
    QCOMPARE(m_service->checkWaiting().value(), 0);
    QCOMPARE(m_sim->requestCount(verifyPath), before);
}

void TestCardRequests::pastedAddressIsReadWithCare_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("orderId");
    QTest::addColumn<QString>("token");
    QTest::newRow("raw + / \\ |")
        << u"https://shop.example/ok?order_id=BO-1&transaction_id=SIM-9&card_token=a+b/c\\d|e"_s << u"BO-1"_s
        << u"a+b/c\\d|e"_s;
    QTest::newRow("%2B is one plus, + stays")
        << u"https://shop.example/ok?card_token=x%2By+z%2Fw%5C%7Cq&order_id=BO-2"_s << u"BO-2"_s
        << u"x+y+z/w\\|q"_s;
    QTest::newRow("decoded once: %252B stays %2B")
        << u"https://shop.example/ok?order_id=BO-3&card_token=k%252Bm"_s << u"BO-3"_s << u"k%2Bm"_s;
    QTest::newRow("spaces around the paste")
        << u"  https://shop.example/ok?order_id=BO-4&card_token=t%3D%3D\n"_s << u"BO-4"_s << u"t=="_s;
    QTest::newRow("fragment ignored")
        << u"https://shop.example/ok?order_id=BO-5&card_token=abc#card_token=zzz"_s << u"BO-5"_s << u"abc"_s;
    QTest::newRow("failure page") << u"https://shop.example/failed?order_id=BO-6&transaction_id=SIM-1"_s
                                  << u"BO-6"_s << QString();
}

void TestCardRequests::pastedAddressIsReadWithCare()
{
    QFETCH(QString, address);
    QFETCH(QString, orderId);
    QFETCH(QString, token);
    auto parsed = CardRequestService::parseReturnAddress(address);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    QCOMPARE(parsed->orderId, orderId);
    QCOMPARE(parsed->cardToken, token);
}

void TestCardRequests::pastedAddressIsRefused_data()
{
    QTest::addColumn<QString>("address");
    QTest::newRow("empty") << QString();
    QTest::newRow("no query") << u"https://shop.example/ok"_s;
    QTest::newRow("no order") << u"https://shop.example/ok?card_token=abc"_s;
    QTest::newRow("order twice") << u"https://shop.example/ok?order_id=A&order_id=B&card_token=abc"_s;
    QTest::newRow("token twice") << u"https://shop.example/ok?order_id=A&card_token=a&card_token=b"_s;
    QTest::newRow("broken escape") << u"https://shop.example/ok?order_id=A&card_token=ab%2"_s;
    QTest::newRow("not an escape") << u"https://shop.example/ok?order_id=A&card_token=ab%zz"_s;
    QTest::newRow("escaped line break in token")
        << u"https://shop.example/ok?order_id=A&card_token=ab%0Acd"_s;
    QTest::newRow("invalid utf-8") << u"https://shop.example/ok?order_id=A&card_token=ab%FFcd"_s;
}

void TestCardRequests::pastedAddressIsRefused()
{
    QFETCH(QString, address);
    auto parsed = CardRequestService::parseReturnAddress(address);
    QVERIFY(!parsed.ok());
    QVERIFY(!parsed.error().message.isEmpty());
}

void TestCardRequests::pastedAddressIsConfirmedByVerify()
{
    const qint64 id = createAndWait(draft());
    QVERIFY(id != 0);
    const SimulatorPageAnswer paid = payOnSimulatorPage(payment(id).checkoutUrl, u"approve"_s);
    QCOMPARE(paid.status, 303);
    const QString token = m_sim->checkoutToken(payment(id).orderId);

    QSignalSpy checked(m_service.get(), &CardRequestService::checked);
    const int verifiesBefore = m_sim->requestCount(GatewayClient::path(GatewayOperation::Verify));
    auto started = m_service->checkReturnAddress(QString::fromUtf8(paid.location));
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    QCOMPARE(started.value(), id);
    QVERIFY(checked.wait(10000));
    QCOMPARE(m_sim->requestCount(GatewayClient::path(GatewayOperation::Verify)), verifiesBefore + 1);
    const auto outcome = checked.first().at(0).value<CardRequestOutcome>();
    QVERIFY2(!outcome.problem, qPrintable(outcome.message));
    QCOMPARE(m_db->store().token(outcome.savedTokenId).value().token, token);

    // An address naming no card request of this database is refused before any call.
    auto unknown = m_service->checkReturnAddress(u"https://shop.example/ok?order_id=BO-NOPE&card_token=x"_s);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
}

void TestCardRequests::hostileCheckoutReplies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<PaymentState>("state");
    QTest::addColumn<QString>("says");
    QTest::newRow("no result") << 200 << QByteArray(R"({"status":"SUCCESS"})") << PaymentState::Rejected
                               << u"no checkout link"_s;
    QTest::newRow("result without link") << 200 << QByteArray(R"({"status":"SUCCESS","result":{}})")
                                         << PaymentState::Rejected << u"no checkout link"_s;
    QTest::newRow("link is a number")
        << 200 << QByteArray(R"({"status":"SUCCESS","result":{"checkout_url":42}})") << PaymentState::Rejected
        << u"no checkout link"_s;
    QTest::newRow("not a url") << 200
                               << QByteArray(R"({"status":"SUCCESS","result":{"checkout_url":"pay here"}})")
                               << PaymentState::Rejected << u"cannot be given to a customer"_s;
    QTest::newRow("http elsewhere")
        << 200 << QByteArray(R"({"status":"SUCCESS","result":{"checkout_url":"http://pay.example/x"}})")
        << PaymentState::Rejected << u"https://"_s;
    QTest::newRow("javascript")
        << 200 << QByteArray(R"x({"status":"SUCCESS","result":{"checkout_url":"javascript:alert(1)"}})x")
        << PaymentState::Rejected << u"cannot be given to a customer"_s;
    QTest::newRow("user info")
        << 200 << QByteArray(R"({"status":"SUCCESS","result":{"checkout_url":"https://a:b@pay.example/x"}})")
        << PaymentState::Rejected << u"user name"_s;
    QTest::newRow("carries the api key")
        << 200
        << QByteArray(R"({"status":"SUCCESS","result":{"checkout_url":"https://pay.example/x?k=)") +
               GatewaySimulator::defaultApiKey().toUtf8() + R"("}})"
        << PaymentState::Rejected << u"API key"_s;
    // A link refused for its form is never quoted back: the key must not reach the note.
    QTest::newRow("the api key as a broken link")
        << 200
        << QByteArray(R"({"status":"SUCCESS","result":{"checkout_url":")") +
               GatewaySimulator::defaultApiKey().toUtf8() + R"(:pay"}})"
        << PaymentState::Rejected << u"not a complete web address"_s;
    QTest::newRow("zero-width space")
        << 200 << QByteArray(R"({"status":"SUCCESS","result":{"checkout_url":"https://pay.exam\u200bple/x"}})")
        << PaymentState::Rejected << u"invisible"_s;
    QTest::newRow("byte-order mark inside")
        << 200 << QByteArray(R"({"status":"SUCCESS","result":{"checkout_url":"https://pay.example/\ufeffx"}})")
        << PaymentState::Rejected << u"invisible"_s;
    QTest::newRow("arabic letter mark")
        << 200 << QByteArray(R"({"status":"SUCCESS","result":{"checkout_url":"https://pay.example/\u061cx"}})")
        << PaymentState::Rejected << u"invisible"_s;
    QTest::newRow("failure") << 200 << QByteArray(R"({"status":"FAILURE","error":{"amount":"too small"}})")
                             << PaymentState::Rejected << u"refused the checkout"_s;
    QTest::newRow("400") << 400 << QByteArray(R"({"status":"FAILURE","error":{"language":"bad"}})")
                         << PaymentState::Rejected << u"400"_s;
    QByteArray huge = R"({"status":"SUCCESS","result":{"checkout_url":"https://pay.example/)";
    huge += QByteArray(400 * 1024, 'a') + R"("}})";
    QTest::newRow("huge body") << 200 << huge << PaymentState::Unknown << u"no checkout link"_s;
    QTest::newRow("garbage") << 200 << QByteArray("<html>ok</html>") << PaymentState::Unknown
                             << u"could not be read"_s;
}

void TestCardRequests::hostileCheckoutReplies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(PaymentState, state);
    QFETCH(QString, says);
    m_sim->setCheckoutReplyOverride(status, body);
    QSignalSpy problems(m_service.get(), &CardRequestService::problem);
    CardRequestOutcome outcome;
    const qint64 id = createAndWait(draft(), &outcome);
    QVERIFY(id != 0);
    QVERIFY(outcome.problem);
    QVERIFY2(outcome.message.contains(says), qPrintable(outcome.message));
    QCOMPARE(problems.size(), 1);
    const Payment p = payment(id);
    QCOMPARE(p.state, state);
    QVERIFY(p.checkoutUrl.isEmpty());
    QVERIFY(!p.errorText.isEmpty());
    QVERIFY(!p.errorText.contains(GatewaySimulator::defaultApiKey()));
    QVERIFY(!p.responseBody.contains(GatewaySimulator::defaultApiKey()));
    QVERIFY(m_db->store().findTokens(TokenQuery())->isEmpty());
}

void TestCardRequests::cardAlreadyOnFileIsNotSavedTwice()
{
    const qint64 id = createAndWait(draft());
    QVERIFY(id != 0);
    QCOMPARE(payOnSimulatorPage(payment(id).checkoutUrl, u"approve"_s).status, 303);
    const QString token = m_sim->checkoutToken(payment(id).orderId);
    // Someone pasted the token by hand before the check.
    CustomerService customers(m_db->store(), *m_clock);
    CardToken pasted;
    pasted.customerId = m_customer;
    pasted.token = token;
    pasted.issuedOn = m_clock->today();
    pasted.currency = u"QAR"_s;
    const qint64 existing =
        customers.addToken(pasted, ChangeOrigin(u"Clerk"_s, ChangeOrigin::Way::Desk)).value();

    const CardRequestOutcome outcome = checkAndWait(id);
    QCOMPARE(outcome.payment.state, PaymentState::Approved);
    QCOMPARE(outcome.savedTokenId, qint64(0));
    QVERIFY2(outcome.message.contains(u"already on file"_s), qPrintable(outcome.message));
    const QList<CardToken> tokens = m_db->store().findTokens(TokenQuery()).value();
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(tokens.first().id, existing);
}

// Two desks (two connections to one file, two clients, two services) check the same paid request
// at the same moment: both verify calls are out before either answer is saved. One card is saved.
void TestCardRequests::twoConnectionsCheckingAtOnceSaveOneCard()
{
    const qint64 id = createAndWait(draft());
    QVERIFY(id != 0);
    QCOMPARE(payOnSimulatorPage(payment(id).checkoutUrl, u"approve"_s).status, 303);
    const QString token = m_sim->checkoutToken(payment(id).orderId);

    auto second = SqliteStore::open(m_db->path());
    QVERIFY(second.ok());
    QNetworkAccessManager otherNam;
    GatewayClient otherClient(&otherNam, simulatorConfig(*m_sim, 5000));
    CardRequestService other(*second.value(), otherClient, *m_clock);
    other.setOperatorName(u"Other Desk"_s);

    QSignalSpy firstChecked(m_service.get(), &CardRequestService::checked);
    QSignalSpy otherChecked(&other, &CardRequestService::checked);
    QVERIFY(m_service->check(id).ok());
    QVERIFY(other.check(id).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!firstChecked.isEmpty() && !otherChecked.isEmpty(), 15000);
    QCOMPARE(m_sim->requestCount(GatewayClient::path(GatewayOperation::Verify)), 2);

    const auto a = firstChecked.first().at(0).value<CardRequestOutcome>();
    const auto b = otherChecked.first().at(0).value<CardRequestOutcome>();
    QCOMPARE(a.payment.state, PaymentState::Approved);
    QCOMPARE(b.payment.state, PaymentState::Approved);
    QCOMPARE(int(a.savedTokenId != 0) + int(b.savedTokenId != 0), 1);
    const QList<CardToken> tokens = m_db->store().findTokens(TokenQuery()).value();
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(tokens.first().token, token);
    QCOMPARE(payment(id).savedTokenId, tokens.first().id);
    // One audit entry says the card was added.
    QCOMPARE(m_db->store().auditFor(u"token"_s, tokens.first().id).value().size(), 1);
}

// The database keeps card requests apart from charges on a card.
void TestCardRequests::cardRequestsAreNotChargesOnACard()
{
    // Two open card requests for one customer stand side by side (no card, no "one open charge").
    const qint64 first = createAndWait(draft());
    const qint64 second = createAndWait(draft());
    QVERIFY(first != 0 && second != 0);
    QCOMPARE(payment(first).state, PaymentState::Pending);
    QCOMPARE(payment(second).state, PaymentState::Pending);

    // A charge without a card, a card request with one, a second link, a saved card set by hand.
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw-card-requests"_s);
    db.setDatabaseName(m_db->path());
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA foreign_keys = ON"_s));
        QVERIFY(!q.exec(
            u"INSERT INTO payments (order_id, token_id, customer_id, currency, state, created_at,"
            " updated_at) VALUES ('X-1', NULL, %1, 'QAR', 'pending', 'now', 'now')"_s.arg(m_customer)));
        QVERIFY(!q.exec(
            u"UPDATE payments SET checkout_url = 'https://other.example/' WHERE id = %1"_s.arg(first)));
        QVERIFY(!q.exec(u"UPDATE payments SET kind = 'charge' WHERE id = %1"_s.arg(first)));
        QVERIFY(!q.exec(u"UPDATE payments SET saved_token_id = 1 WHERE id = %1"_s.arg(first)));
        QVERIFY(!q.exec(u"DELETE FROM payments WHERE id = %1"_s.arg(first)));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"raw-card-requests"_s);

    // A card request is checked, never verified.
    PaymentService payments(m_db->store(), *m_client, *m_clock);
    m_clock->advanceSecs(60 * 60);
    auto verify = payments.verify(first);
    QVERIFY(!verify.ok());
    QVERIFY2(verify.error().message.contains(u"card request"_s), qPrintable(verify.error().message));
}

void TestCardRequests::theApiKeyAppearsNowhere()
{
    {
        QMutexLocker lock(&logMutex);
        logLines.clear();
    }
    previousHandler = qInstallMessageHandler(captureMessage);
    QLoggingCategory::setFilterRules(u"fatora.*=true"_s);
    QStringList seen;
    connect(m_service.get(), &CardRequestService::problem, this, [&seen](const QString &m) { seen << m; });
    CardRequestOutcome created;
    const qint64 id = createAndWait(draft(), &created);
    const QString link = payment(id).checkoutUrl;
    const SimulatorPageAnswer paid = payOnSimulatorPage(link, u"approve"_s);
    const CardRequestOutcome checked = checkAndWait(id);
    m_sim->setCheckoutReplyOverride(400, R"({"status":"FAILURE","error":{"api_key":")" +
                                             GatewaySimulator::defaultApiKey().toUtf8() + R"(" }})");
    CardRequestOutcome refused;
    createAndWait(draft(), &refused);
    qInstallMessageHandler(previousHandler);
    QLoggingCategory::setFilterRules(QString());

    const QString key = GatewaySimulator::defaultApiKey();
    seen << link << created.message << checked.message << refused.message << QString::fromUtf8(paid.location)
         << QString::fromUtf8(paid.page);
    {
        QMutexLocker lock(&logMutex);
        seen << logLines;
    }
    for (const Payment &p : {payment(id), refused.payment})
        seen << p.requestBody << p.responseBody << p.note << p.errorText << p.checkoutUrl;
    for (const AuditEntry &e : m_db->store().auditFor(u"payment"_s, id).value())
        seen << e.detail;
    for (const QString &text : std::as_const(seen))
        QVERIFY2(!text.contains(key, Qt::CaseInsensitive), qPrintable(text));
    QVERIFY(!refused.message.isEmpty());
}

QTEST_MAIN(TestCardRequests)
#include "tst_cardrequests.moc"
