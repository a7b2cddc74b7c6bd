// judgeVerifyReply(): when a verify reply may settle a payment, and what it says when it may not.
// Pure, so tested on its own; tst_paymentservice checks that verify over HTTP goes through it.

#include "gateway/VerifyReplyCheck.h"

#include <QTest>

using namespace fatora;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(fatora::Payment)
Q_DECLARE_METATYPE(fatora::GatewayResult)
Q_DECLARE_METATYPE(std::optional<fatora::PaymentState>)

namespace {

Payment chargeOf(std::optional<Money> amount, const QString &transactionId = QString())
{
    Payment p;
    p.id = 7;
    p.orderId = u"BO-20261125-7K3QH2MX9A"_s;
    p.amount = amount;
    p.currency = u"QAR"_s;
    p.transactionId = transactionId;
    p.state = PaymentState::Unknown;
    return p;
}

GatewayResult reply(const QString &status, const QString &orderId, const QString &amount = QString(),
                    const QString &currency = QString(), const QString &transactionId = QString())
{
    GatewayResult r;
    r.operation = GatewayOperation::Verify;
    r.outcome = GatewayOutcome::Success;
    r.httpStatus = 200;
    r.status = u"SUCCESS"_s;
    r.paymentStatus = status;
    r.orderId = orderId;
    r.verifiedAmount = amount;
    r.verifiedCurrency = currency;
    r.transactionId = transactionId;
    return r;
}

} // namespace

class TestVerifyReplyCheck : public QObject
{
    Q_OBJECT

private slots:
    void judge_data();
    void judge();
};

void TestVerifyReplyCheck::judge_data()
{
    QTest::addColumn<Payment>("payment");
    QTest::addColumn<GatewayResult>("result");
    QTest::addColumn<std::optional<PaymentState>>("settlesAs");
    QTest::addColumn<QStringList>("mismatchHolds");

    const QString order = u"BO-20261125-7K3QH2MX9A"_s;
    const Payment twelve = chargeOf(Money(1200, u"QAR"_s));
    const Payment firstAmount = chargeOf(std::nullopt);
    const Payment known = chargeOf(Money(1200, u"QAR"_s), u"T-1"_s);
    const std::optional<PaymentState> stays;
    const auto approved = std::optional<PaymentState>(PaymentState::Approved);
    const auto declined = std::optional<PaymentState>(PaymentState::Declined);

    QTest::newRow("SUCCESS for this order, same amount and currency settles approved")
        << twelve << reply(u"SUCCESS"_s, order, u"12"_s, u"QAR"_s) << approved << QStringList();
    QTest::newRow("SUCCESS with the amount as 12.00 text settles approved")
        << twelve << reply(u"SUCCESS"_s, order, u"12.00"_s, u"QAR"_s) << approved << QStringList();
    QTest::newRow("SUCCESS with trailing zeros beyond the currency's decimals settles approved")
        << twelve << reply(u"SUCCESS"_s, order, u"12.000"_s) << approved << QStringList();
    QTest::newRow("SUCCESS without amount or currency settles approved")
        << twelve << reply(u"SUCCESS"_s, order) << approved << QStringList();
    QTest::newRow("FAILURE for this order settles declined")
        << twelve << reply(u"FAILURE"_s, order, u"12"_s, u"QAR"_s) << declined << QStringList();
    QTest::newRow("first-payment amount accepts any amount in its currency")
        << firstAmount << reply(u"SUCCESS"_s, order, u"99.5"_s, u"QAR"_s) << approved << QStringList();
    QTest::newRow("same transaction id settles")
        << known << reply(u"SUCCESS"_s, order, u"12"_s, u"QAR"_s, u"T-1"_s) << approved << QStringList();

    QTest::newRow("SUCCESS for another amount stays unknown")
        << twelve << reply(u"SUCCESS"_s, order, u"10"_s, u"QAR"_s) << stays
        << QStringList{u"the gateway reports QAR 10.00, the charge was QAR 12.00"_s};
    QTest::newRow("SUCCESS a minor unit off stays unknown")
        << twelve << reply(u"SUCCESS"_s, order, u"12.01"_s) << stays << QStringList{u"QAR 12.01"_s};
    QTest::newRow("SUCCESS in another currency stays unknown")
        << twelve << reply(u"SUCCESS"_s, order, u"12"_s, u"USD"_s) << stays
        << QStringList{u"currency \"USD\", the charge was in \"QAR\""_s};
    QTest::newRow("first-payment amount in another currency stays unknown")
        << firstAmount << reply(u"SUCCESS"_s, order, u"12"_s, u"USD"_s) << stays << QStringList{u"USD"_s};
    QTest::newRow("amount in exponent form stays unknown")
        << twelve << reply(u"SUCCESS"_s, order, u"1.2e+1"_s) << stays << QStringList{u"\"1.2e+1\""_s};
    QTest::newRow("amount with more decimals than the currency stays unknown")
        << twelve << reply(u"SUCCESS"_s, order, u"12.001"_s) << stays << QStringList{u"\"12.001\""_s};
    // A reply that gives the amount or currency with nothing readable in it ("", null, an object)
    // does not say it is the charge's (fuzz_verify_reply: "currency":"" settled as approved).
    GatewayResult emptyCurrency = reply(u"SUCCESS"_s, order, u"12"_s);
    emptyCurrency.verifiedCurrencyGiven = true;
    QTest::newRow("currency given empty stays unknown")
        << twelve << emptyCurrency << stays << QStringList{u"currency \"\", the charge was in \"QAR\""_s};
    GatewayResult emptyCurrencyFirst = reply(u"SUCCESS"_s, order);
    emptyCurrencyFirst.verifiedCurrencyGiven = true;
    QTest::newRow("currency given empty stays unknown for a first-payment amount too")
        << firstAmount << emptyCurrencyFirst << stays << QStringList{u"currency \"\""_s};
    GatewayResult emptyAmount = reply(u"SUCCESS"_s, order, QString(), u"QAR"_s);
    emptyAmount.verifiedAmountGiven = true;
    QTest::newRow("amount given empty stays unknown")
        << twelve << emptyAmount << stays << QStringList{u"amount \"\", which is not an amount in QAR"_s};
    QTest::newRow("amount given empty is no matter for a first-payment amount")
        << firstAmount << emptyAmount << approved << QStringList();
    QTest::newRow("FAILURE without order id stays unknown")
        << twelve << reply(u"FAILURE"_s, QString()) << stays << QStringList{u"names no order id"_s, order};
    QTest::newRow("SUCCESS without order id stays unknown")
        << twelve << reply(u"SUCCESS"_s, QString(), u"12"_s) << stays << QStringList{u"no order id"_s};
    QTest::newRow("SUCCESS for another order stays unknown")
        << twelve << reply(u"SUCCESS"_s, u"BO-OTHER"_s) << stays
        << QStringList{u"about order \"BO-OTHER\", the charge is \"BO-20261125-7K3QH2MX9A\""_s};
    QTest::newRow("another transaction id stays unknown")
        << known << reply(u"SUCCESS"_s, order, QString(), QString(), u"T-2"_s) << stays
        << QStringList{u"transaction \"T-2\", the charge's is \"T-1\""_s};
    QTest::newRow("lower-case success stays unknown")
        << twelve << reply(u"success"_s, order) << stays << QStringList{u"\"success\", neither"_s};
    QTest::newRow("PENDING stays unknown")
        << twelve << reply(u"PENDING"_s, order) << stays << QStringList{u"\"PENDING\""_s};
    QTest::newRow("no payment status stays unknown")
        << twelve << reply(QString(), order) << stays << QStringList{u"missing"_s};
    QTest::newRow("every mismatch is named at once") << twelve << reply(u"SUCCESS"_s, u"BO-OTHER"_s, u"10"_s)
                                                     << stays << QStringList{u"BO-OTHER"_s, u"QAR 10.00"_s};

    GatewayResult duplicated = reply(u"SUCCESS"_s, order);
    duplicated.duplicateKeys = {u"result.payment_status"_s};
    QTest::newRow("payment_status given twice stays unknown")
        << twelve << duplicated << stays << QStringList{u"\"result.payment_status\" twice"_s};
    GatewayResult orderDropped = reply(u"SUCCESS"_s, QString());
    orderDropped.orderIdDropped = true;
    QTest::newRow("unreadable order id stays unknown")
        << twelve << orderDropped << stays << QStringList{u"order id was unreadable"_s};
    GatewayResult txDropped = reply(u"SUCCESS"_s, order);
    txDropped.transactionIdDropped = true;
    QTest::newRow("unreadable transaction id of a charge with one stays unknown")
        << known << txDropped << stays << QStringList{u"transaction id was unreadable"_s};
    QTest::newRow("unreadable transaction id of a charge without one settles")
        << twelve << txDropped << approved << QStringList();
    GatewayResult failed = reply(u"SUCCESS"_s, order);
    failed.outcome = GatewayOutcome::Unknown;
    failed.errorText = u"No reliable answer from the gateway"_s;
    QTest::newRow("a call that did not succeed stays unknown")
        << twelve << failed << stays << QStringList{u"No reliable answer"_s};
    GatewayResult collect = reply(u"SUCCESS"_s, order);
    collect.operation = GatewayOperation::Collect;
    QTest::newRow("a collect result is not a verify reply")
        << twelve << collect << stays << QStringList{u"not a verify reply"_s};
}

void TestVerifyReplyCheck::judge()
{
    QFETCH(Payment, payment);
    QFETCH(GatewayResult, result);
    QFETCH(std::optional<PaymentState>, settlesAs);
    QFETCH(QStringList, mismatchHolds);

    const VerifyVerdict verdict = judgeVerifyReply(payment, result);
    QCOMPARE(verdict.settlesAs.has_value(), settlesAs.has_value());
    if (settlesAs)
        QCOMPARE(paymentStateName(*verdict.settlesAs), paymentStateName(*settlesAs));
    if (settlesAs)
        QVERIFY2(verdict.mismatch.isEmpty(), qPrintable(verdict.mismatch));
    else
        QVERIFY2(!verdict.mismatch.isEmpty(), "a reply that does not settle says why");
    for (const QString &part : mismatchHolds)
        QVERIFY2(verdict.mismatch.contains(part), qPrintable(verdict.mismatch + u" lacks "_s + part));
}

QTEST_GUILESS_MAIN(TestVerifyReplyCheck)
#include "tst_verifyreplycheck.moc"
