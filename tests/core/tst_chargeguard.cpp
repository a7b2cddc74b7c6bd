// The rules that stop an accidental second charge or a mistyped amount (ChargeGuard), and the proof
// that PaymentService checks them again inside the write-ahead transaction: what the operator
// reviewed is compared with the database as it is when the charge is written, so a colleague's
// charge that lands in between refuses this one before anything is sent (issue 9 #1, issue 10 #3).

#include "gateway/GatewayClient.h"
#include "payments/ChargeGuard.h"
#include "payments/PaymentService.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

class TestChargeGuard : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void farAboveFirstPayment_data();
    void farAboveFirstPayment();
    void acknowledgement_data();
    void acknowledgement();

    void chargeWithoutAcknowledgingARecentChargeIsRefusedUnsent();
    void colleaguesChargeDuringTheReviewRefusesTheReviewedCharge();
    void acknowledgedRecentChargeAllowsExactlyThatRepeat();
    void largeAmountNeedsExplicitConfirmation();
    void repeatWindowEndsAfterTenMinutes();

private:
    qint64 chargeAndWait(const ChargeRequest &request);
    ChargeRequest acknowledging(const Money &amount, qint64 recentChargeId) const
    {
        ChargeRequest request(m_token, amount);
        request.acknowledgedRecentChargeId = recentChargeId;
        return request;
    }
    ChargeRequest confirmingLarge(const Money &amount) const
    {
        ChargeRequest request(m_token, amount);
        request.largeAmountConfirmed = true;
        return request;
    }
    int collects() const { return m_sim->requestCount(GatewayClient::path(GatewayOperation::Collect)); }

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<GatewaySimulator> m_sim;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<GatewayClient> m_client;
    std::unique_ptr<PaymentService> m_service;
    qint64 m_token = 0;
};

namespace {

Money qar(qint64 minor)
{
    return Money(minor, u"QAR"_s);
}

Payment recentPayment(qint64 id)
{
    Payment p;
    p.id = id;
    p.orderId = u"BO-20261125-RECENT%1"_s.arg(id);
    p.amount = qar(2000);
    p.operatorName = u"Colleague"_s;
    p.createdAt = fixedNow();
    return p;
}

} // namespace

void TestChargeGuard::init()
{
    m_db = std::make_unique<TempDatabase>();
    m_sim = startSimulator();
    m_clock = std::make_unique<ManualClock>(fixedNow());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<GatewayClient>(m_nam.get(), simulatorConfig(*m_sim, 5000));
    m_service = std::make_unique<PaymentService>(m_db->store(), *m_client, *m_clock);
    m_service->setOperatorName(u"Clerk"_s);
    const qint64 customer = addCustomer(m_db->store(), u"Sara Al-Kuwari"_s);
    m_token = addToken(m_db->store(), customer, u"Ab+/\\|==guard"_s, m_clock->today(), 10, qar(12345));
}

void TestChargeGuard::cleanup()
{
    m_service.reset();
    m_client.reset();
    m_nam.reset();
    m_sim.reset();
    m_db.reset();
}

qint64 TestChargeGuard::chargeAndWait(const ChargeRequest &request)
{
    QSignalSpy finished(m_service.get(), &PaymentService::chargeFinished);
    auto id = m_service->charge(request);
    if (!id.ok())
        qFatal("charge refused: %s", qPrintable(id.error().toString()));
    if (!finished.wait(15000) && finished.isEmpty())
        qFatal("charge did not finish");
    return id.value();
}

void TestChargeGuard::farAboveFirstPayment_data()
{
    QTest::addColumn<std::optional<Money>>("amount");
    QTest::addColumn<std::optional<Money>>("first");
    QTest::addColumn<bool>("far");
    QTest::newRow("three times exactly is not far")
        << std::optional(qar(30000)) << std::optional(qar(10000)) << false;
    QTest::newRow("one fils above three times")
        << std::optional(qar(30001)) << std::optional(qar(10000)) << true;
    QTest::newRow("1000 against 123.45") << std::optional(qar(100000)) << std::optional(qar(12345)) << true;
    QTest::newRow("below the first payment") << std::optional(qar(100)) << std::optional(qar(12345)) << false;
    QTest::newRow("blank amount charges the first amount")
        << std::optional<Money>() << std::optional(qar(100)) << false;
    QTest::newRow("first amount unknown") << std::optional(qar(99999999)) << std::optional<Money>() << false;
    QTest::newRow("first amount zero") << std::optional(qar(1)) << std::optional(qar(0)) << false;
    QTest::newRow("largest amount, no overflow")
        << std::optional(qar(std::numeric_limits<qint64>::max())) << std::optional(qar(1)) << true;
    QTest::newRow("another currency is not compared")
        << std::optional(Money(100000, u"USD"_s)) << std::optional(qar(100)) << false;
}

void TestChargeGuard::farAboveFirstPayment()
{
    QFETCH(std::optional<Money>, amount);
    QFETCH(std::optional<Money>, first);
    QFETCH(bool, far);
    QCOMPARE(ChargeGuard::isFarAboveFirstPayment(amount, first), far);
}

void TestChargeGuard::acknowledgement_data()
{
    QTest::addColumn<qint64>("recentId"); // 0: no recent charge
    QTest::addColumn<bool>("far");
    QTest::addColumn<qint64>("acknowledged");
    QTest::addColumn<bool>("repeatIntended");
    QTest::addColumn<bool>("largeConfirmed");
    QTest::addColumn<bool>("ok");
    QTest::newRow("nothing to acknowledge") << qint64(0) << false << qint64(0) << false << false << true;
    QTest::newRow("recent charge not shown") << qint64(7) << false << qint64(0) << false << false << false;
    QTest::newRow("recent charge shown and accepted")
        << qint64(7) << false << qint64(7) << false << false << true;
    QTest::newRow("a newer charge than the one accepted")
        << qint64(8) << false << qint64(7) << false << false << false;
    QTest::newRow("repeat intended by a billing caller")
        << qint64(8) << false << qint64(0) << true << false << true;
    QTest::newRow("large amount not confirmed") << qint64(0) << true << qint64(0) << false << false << false;
    QTest::newRow("large amount confirmed") << qint64(0) << true << qint64(0) << false << true << true;
    QTest::newRow("repeat intended does not confirm a large amount")
        << qint64(0) << true << qint64(0) << true << false << false;
    QTest::newRow("both, both acknowledged") << qint64(7) << true << qint64(7) << false << true << true;
}

void TestChargeGuard::acknowledgement()
{
    QFETCH(qint64, recentId);
    QFETCH(bool, far);
    QFETCH(qint64, acknowledged);
    QFETCH(bool, repeatIntended);
    QFETCH(bool, largeConfirmed);
    QFETCH(bool, ok);
    ChargeReview review;
    if (recentId)
        review.recentCharge = recentPayment(recentId);
    review.farAboveFirstPayment = far;
    review.firstAmount = qar(12345);
    ChargeRequest request;
    request.amount = qar(100000);
    request.acknowledgedRecentChargeId = acknowledged;
    request.repeatIntended = repeatIntended;
    request.largeAmountConfirmed = largeConfirmed;
    const Result<void> checked = ChargeGuard::checkAcknowledged(review, request);
    QCOMPARE(checked.ok(), ok);
    if (!ok) {
        QCOMPARE(checked.error().field, u"confirmation"_s);
        QVERIFY(checked.error().message.contains(u"Nothing was sent"_s));
        if (recentId && !repeatIntended && recentId != acknowledged) {
            // The warning names the previous charge's time, amount and operator.
            QVERIFY2(checked.error().message.contains(u"QAR 20.00"_s), qPrintable(checked.error().message));
            QVERIFY(checked.error().message.contains(u"Colleague"_s));
            QVERIFY(checked.error().message.contains(recentPayment(recentId).orderId));
        }
    }
}

void TestChargeGuard::chargeWithoutAcknowledgingARecentChargeIsRefusedUnsent()
{
    const qint64 first = chargeAndWait(ChargeRequest(m_token, qar(2000)));
    QCOMPARE(m_db->store().payment(first).value().state, PaymentState::Approved);
    QCOMPARE(collects(), 1);

    auto again = m_service->charge(ChargeRequest(m_token, qar(2000)));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().field, u"confirmation"_s);
    // A different amount is a repeat charge on the card too.
    QVERIFY(!m_service->charge(ChargeRequest(m_token, qar(2500))).ok());
    QCOMPARE(collects(), 1);
    QCOMPARE(m_db->store().countPayments(PaymentQuery{}).value(), 1);
}

void TestChargeGuard::colleaguesChargeDuringTheReviewRefusesTheReviewedCharge()
{
    // The clerk reviews: nothing recent on the card.
    auto review = m_service->reviewCharge(m_token, qar(2000));
    QVERIFY(review.ok());
    QVERIFY(!review->recentCharge);
    // While the clerk reads (or sits at the CLI's prompt), a colleague at another desk charges the
    // same card the same amount; an independent service stands for the other desk.
    PaymentService colleague(m_db->store(), *m_client, *m_clock);
    colleague.setOperatorName(u"Colleague"_s);
    QSignalSpy colleagueDone(&colleague, &PaymentService::chargeFinished);
    QVERIFY(colleague.charge(ChargeRequest(m_token, qar(2000))).ok());
    QVERIFY(colleagueDone.wait(15000));
    QCOMPARE(collects(), 1);

    // The clerk confirms what was reviewed: refused inside the write-ahead transaction, not sent.
    auto confirmed = m_service->charge(ChargeRequest(m_token, qar(2000)));
    QVERIFY(!confirmed.ok());
    QCOMPARE(confirmed.error().field, u"confirmation"_s);
    QVERIFY2(confirmed.error().message.contains(u"Colleague"_s), qPrintable(confirmed.error().message));
    QTest::qWait(200);
    QCOMPARE(collects(), 1);
    QCOMPARE(m_db->store().countPayments(PaymentQuery{}).value(), 1);
}

void TestChargeGuard::acknowledgedRecentChargeAllowsExactlyThatRepeat()
{
    const qint64 first = chargeAndWait(ChargeRequest(m_token, qar(2000)));
    auto review = m_service->reviewCharge(m_token, qar(2000));
    QCOMPARE(review->recentCharge->id, first);
    const qint64 second = chargeAndWait(acknowledging(qar(2000), first));
    QCOMPARE(m_db->store().payment(second).value().state, PaymentState::Approved);
    QCOMPARE(collects(), 2);
    // Acknowledging the first no longer covers the second, newer charge.
    auto third = m_service->charge(acknowledging(qar(2000), first));
    QVERIFY(!third.ok());
    QVERIFY2(third.error().message.contains(u"after you confirmed"_s), qPrintable(third.error().message));
    QCOMPARE(collects(), 2);
}

void TestChargeGuard::largeAmountNeedsExplicitConfirmation()
{
    auto review = m_service->reviewCharge(m_token, qar(100000));
    QVERIFY(review->farAboveFirstPayment);
    QCOMPARE(review->firstAmount, std::optional(qar(12345)));
    auto refused = m_service->charge(ChargeRequest(m_token, qar(100000)));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"123.45"_s), qPrintable(refused.error().message));
    QCOMPARE(collects(), 0);
    const qint64 id = chargeAndWait(confirmingLarge(qar(100000)));
    QCOMPARE(m_db->store().payment(id).value().state, PaymentState::Approved);
    // The blank amount (the first payment's) is never "far above" it.
    QVERIFY(!m_service->reviewCharge(m_token, std::nullopt)->farAboveFirstPayment);
}

void TestChargeGuard::repeatWindowEndsAfterTenMinutes()
{
    chargeAndWait(ChargeRequest(m_token, qar(2000)));
    m_clock->advanceSecs(ChargeGuard::RepeatWindowSecs - 1);
    QVERIFY(!m_service->charge(ChargeRequest(m_token, qar(2000))).ok());
    m_clock->advanceSecs(2);
    QVERIFY(m_service->reviewCharge(m_token, qar(2000))->recentCharge == std::nullopt);
    chargeAndWait(ChargeRequest(m_token, qar(2000)));
    QCOMPARE(collects(), 2);
}

QTEST_GUILESS_MAIN(TestChargeGuard)
#include "tst_chargeguard.moc"
