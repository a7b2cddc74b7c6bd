// What Fatora said about a refused charge, in plain words, with its own text kept beside them.

#include "gateway/GatewayReason.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;
using Kind = GatewayReason::Kind;

class TestGatewayReason : public QObject
{
    Q_OBJECT

private slots:
    void plainReasonKeepsFatorasText_data();
    void plainReasonKeepsFatorasText();
    void settledOrOpenPaymentsHaveNoReason_data();
    void settledOrOpenPaymentsHaveNoReason();
    void everyKindHasWords();
    void callGoneWrongKeepsTheTechnicalText_data();
    void callGoneWrongKeepsTheTechnicalText();
};

void TestGatewayReason::plainReasonKeepsFatorasText_data()
{
    QTest::addColumn<PaymentState>("state");
    QTest::addColumn<QString>("statusCode");
    QTest::addColumn<QString>("description");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("errorText");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("plainWords");

    const auto D = PaymentState::Declined;
    const auto R = PaymentState::Rejected;
    QTest::newRow("51 insufficient credit (the sandbox's words)")
        << D << u"51"_s << u"Transaction Declined, Insufficient credit - insufficient+Funds"_s << 200
        << QString() << int(Kind::InsufficientFunds) << u"Insufficient funds on the card."_s;
    QTest::newRow("insufficient funds without a code")
        << D << QString() << u"Insufficient Funds"_s << 200 << QString() << int(Kind::InsufficientFunds)
        << u"Insufficient funds"_s;
    QTest::newRow("code 051 with a word we do not know")
        << D << u"051"_s << u"Declined (R51)"_s << 200 << QString() << int(Kind::InsufficientFunds)
        << u"Insufficient funds"_s;
    QTest::newRow("59 transaction blocked") << D << u"59"_s << u"Transaction Blocked"_s << 200 << QString()
                                            << int(Kind::Blocked) << u"fraud checks"_s;
    QTest::newRow("risk words without a code") << D << QString() << u"Rejected by risk management"_s << 200
                                               << QString() << int(Kind::Blocked) << u"fraud checks"_s;
    QTest::newRow("05 contact issuing bank") << D << u"5"_s << u"Transaction Declined, Contact issuing Bank"_s
                                             << 200 << QString() << int(Kind::ContactBank) << u"contact it"_s;
    QTest::newRow("14 token invalid") << D << u"14"_s << u"Token invalid"_s << 200 << QString()
                                      << int(Kind::TokenInvalid) << u"can no longer be charged"_s;
    QTest::newRow("token has expired, no code")
        << D << QString() << u"Token has expired"_s << 200 << QString() << int(Kind::TokenInvalid)
        << u"can no longer be charged"_s;
    QTest::newRow("54 expired card") << D << u"54"_s << u"Expired card"_s << 200 << QString()
                                     << int(Kind::CardExpired) << u"The card has expired."_s;
    QTest::newRow("61 over the limit") << D << u"61"_s << u"Exceeds withdrawal amount limit"_s << 200
                                       << QString() << int(Kind::LimitExceeded) << u"over the card's limit"_s;
    QTest::newRow("unknown code falls back to the bank declined")
        << D << u"97"_s << u"Transaction Declined, reason 97"_s << 200 << QString() << int(Kind::BankDeclined)
        << u"The bank declined the card."_s;
    QTest::newRow("no code and no description: the error text is kept")
        << D << QString() << QString() << 200 << u"The payment was declined; the gateway gave no reason."_s
        << int(Kind::BankDeclined) << u"The bank declined the card."_s;
    QTest::newRow("Arabic description from the bank is kept verbatim")
        << D << u"05"_s << u"رفض البنك العملية"_s << 200 << QString() << int(Kind::ContactBank)
        << u"contact it"_s;
    QTest::newRow("401 key refused") << R << QString() << QString() << 401
                                     << u"The API key was refused (401): check the key in Settings."_s
                                     << int(Kind::KeyRefused) << u"did not accept the merchant's API key"_s;
    QTest::newRow("403 key inactive")
        << R << QString() << QString() << 403
        << u"The API key is inactive (403): activate it in the Fatora dashboard."_s << int(Kind::KeyInactive)
        << u"switched off"_s;
    QTest::newRow("400 bad parameter")
        << R << QString() << QString() << 400
        << u"The gateway refused the request (HTTP 400 Bad Request): amount: must be positive"_s
        << int(Kind::RequestRefused) << u"before processing it"_s;
}

void TestGatewayReason::plainReasonKeepsFatorasText()
{
    QFETCH(PaymentState, state);
    QFETCH(QString, statusCode);
    QFETCH(QString, description);
    QFETCH(int, httpStatus);
    QFETCH(QString, errorText);
    QFETCH(int, kind);
    QFETCH(QString, plainWords);

    Payment p;
    p.state = state;
    p.statusCode = statusCode;
    p.description = description;
    p.httpStatus = httpStatus;
    p.errorText = errorText;
    QCOMPARE(int(GatewayReason::of(p)), kind);
    const QString text = GatewayReason::explain(p);
    QVERIFY2(text.contains(plainWords), qPrintable(text));
    // Fatora's own words stay, whole, after the plain reason.
    const QString original = description.isEmpty() ? errorText : description;
    QVERIFY2(text.contains(u"Fatora said: “"_s + original + u'”'), qPrintable(text));
    QVERIFY2(text.indexOf(plainWords) < text.indexOf(original), qPrintable(text));
    // Everything the clerk reads is plain: no API vocabulary in the reason itself.
    const QString reason = GatewayReason::plain(GatewayReason::of(p));
    for (const QString &jargon : {u"save_token"_s, u"card_token"_s, u"HTTP"_s, u"JSON"_s, u"status_code"_s})
        QVERIFY2(!reason.contains(jargon), qPrintable(reason));
}

void TestGatewayReason::settledOrOpenPaymentsHaveNoReason_data()
{
    QTest::addColumn<PaymentState>("state");
    QTest::newRow("approved") << PaymentState::Approved;
    QTest::newRow("pending") << PaymentState::Pending;
}

void TestGatewayReason::settledOrOpenPaymentsHaveNoReason()
{
    QFETCH(PaymentState, state);
    Payment p;
    p.state = state;
    p.statusCode = u"51"_s;
    p.description = u"Transaction Approved"_s;
    QCOMPARE(GatewayReason::of(p), Kind::None);
    QVERIFY(GatewayReason::explain(p).isEmpty());
}

void TestGatewayReason::everyKindHasWords()
{
    for (Kind k :
         {Kind::InsufficientFunds, Kind::Blocked, Kind::CardExpired, Kind::TokenInvalid, Kind::ContactBank,
          Kind::LimitExceeded, Kind::BankDeclined, Kind::KeyRefused, Kind::KeyInactive, Kind::RequestRefused,
          Kind::NotReached, Kind::NoAnswer, Kind::ServerTrouble, Kind::UnclearAnswer}) {
        QVERIFY(!GatewayReason::plain(k).isEmpty());
        QCOMPARE(GatewayReason::withOriginal(k, QString()), GatewayReason::plain(k));
    }
    QCOMPARE(GatewayReason::withOriginal(Kind::None, u"as is"_s), u"as is"_s);
}

void TestGatewayReason::callGoneWrongKeepsTheTechnicalText_data()
{
    QTest::addColumn<PaymentState>("state");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("errorText");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("advice");
    QTest::newRow("connection refused: not sent")
        << PaymentState::NotSent << 0
        << u"The gateway could not be reached (Connection refused); nothing was sent, it is safe to try again."_s
        << int(Kind::NotReached) << u"safe to try again"_s;
    QTest::newRow("dropped connection: no answer")
        << PaymentState::Unknown << 0 << u"No reliable answer from the gateway (Connection closed)"_s
        << int(Kind::NoAnswer) << u"Verify"_s;
    QTest::newRow("HTTP 500: Fatora's side")
        << PaymentState::Unknown << 500 << u"The gateway reported a server error (HTTP 500); ..."_s
        << int(Kind::ServerTrouble) << u"Verify"_s;
    QTest::newRow("not JSON: unreadable")
        << PaymentState::Unknown << 200
        << u"The gateway's reply (HTTP 200) could not be read: the reply was not valid JSON"_s
        << int(Kind::UnclearAnswer) << u"Verify"_s;
}

void TestGatewayReason::callGoneWrongKeepsTheTechnicalText()
{
    QFETCH(PaymentState, state);
    QFETCH(int, httpStatus);
    QFETCH(QString, errorText);
    QFETCH(int, kind);
    QFETCH(QString, advice);
    Payment p;
    p.state = state;
    p.httpStatus = httpStatus;
    p.errorText = errorText;
    QCOMPARE(int(GatewayReason::of(p)), kind);
    QVERIFY(GatewayReason::isTechnical(GatewayReason::of(p)));
    const QString reason = GatewayReason::plain(GatewayReason::of(p));
    // Plain words first, the client's technical account beside them, never called Fatora's.
    QCOMPARE(GatewayReason::explain(p), reason + u" — technical detail: “"_s + errorText + u"”"_s);
    QVERIFY2(GatewayReason::advice(GatewayReason::of(p)).contains(advice),
             qPrintable(GatewayReason::advice(GatewayReason::of(p))));
    for (const QString &jargon : {u"HTTP"_s, u"JSON"_s, u"gateway"_s})
        QVERIFY2(!reason.contains(jargon), qPrintable(reason));
}

QTEST_GUILESS_MAIN(TestGatewayReason)
#include "tst_gatewayreason.moc"
