#include "domain/CardToken.h"
#include "domain/Payment.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;

Q_DECLARE_METATYPE(fatora::TokenStatus)
Q_DECLARE_METATYPE(fatora::PaymentState)
Q_DECLARE_METATYPE(fatora::RefundState)

namespace {

const QString Bullets = u"\u2022\u2022\u2022\u2022"_s;

QString longToken(int length)
{
    const QString alphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\\|="_s;
    QString token;
    for (int i = 0; i < length; ++i)
        token += alphabet.at((i * 7) % alphabet.size());
    return token;
}

} // namespace

class TestCardToken : public QObject
{
    Q_OBJECT

private slots:
    void tokenStatusNames_data();
    void tokenStatusNames();
    void tokenStatusFromUnknownName();
    void effectiveStatus_data();
    void effectiveStatus();
    void defaultExpiryIsSixMonths();
    void maskToken_data();
    void maskToken();
    void validateTokenText_data();
    void validateTokenText();
    void validateNamesTheGivenField();
    void paymentStateNames_data();
    void paymentStateNames();
    void refundStateNames_data();
    void refundStateNames();
    void unknownStateNames();
    void paymentIsOpen_data();
    void paymentIsOpen();
};

void TestCardToken::tokenStatusNames_data()
{
    QTest::addColumn<TokenStatus>("status");
    QTest::addColumn<QString>("name");
    QTest::newRow("active") << TokenStatus::Active << u"active"_s;
    QTest::newRow("revoke pending") << TokenStatus::RevokePending << u"revoke-pending"_s;
    QTest::newRow("deactivated") << TokenStatus::Deactivated << u"deactivated"_s;
    QTest::newRow("expired") << TokenStatus::Expired << u"expired"_s;
    QTest::newRow("invalid") << TokenStatus::Invalid << u"invalid"_s;
}

void TestCardToken::tokenStatusNames()
{
    QFETCH(TokenStatus, status);
    QFETCH(QString, name);
    QCOMPARE(tokenStatusName(status), name);
    QCOMPARE(tokenStatusFromName(name), std::optional<TokenStatus>(status));
}

void TestCardToken::tokenStatusFromUnknownName()
{
    QVERIFY(!tokenStatusFromName(u"Active"_s));
    QVERIFY(!tokenStatusFromName(u"revoked"_s));
    QVERIFY(!tokenStatusFromName(u" active"_s));
    QVERIFY(!tokenStatusFromName(QString()));
}

void TestCardToken::effectiveStatus_data()
{
    QTest::addColumn<TokenStatus>("stored");
    QTest::addColumn<QDate>("expiresOn");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<TokenStatus>("effective");

    const QDate expiry(2026, 11, 25);
    QTest::newRow("active well before expiry")
        << TokenStatus::Active << expiry << QDate(2026, 6, 1) << TokenStatus::Active;
    QTest::newRow("active on the last working day")
        << TokenStatus::Active << expiry << expiry.addDays(-1) << TokenStatus::Active;
    QTest::newRow("active on the expiry date is expired")
        << TokenStatus::Active << expiry << expiry << TokenStatus::Expired;
    QTest::newRow("active after expiry is expired")
        << TokenStatus::Active << expiry << expiry.addYears(1) << TokenStatus::Expired;
    QTest::newRow("revoke pending stays revoke pending")
        << TokenStatus::RevokePending << expiry << expiry.addDays(3) << TokenStatus::RevokePending;
    QTest::newRow("deactivated stays deactivated")
        << TokenStatus::Deactivated << expiry << expiry.addDays(3) << TokenStatus::Deactivated;
    QTest::newRow("invalid stays invalid")
        << TokenStatus::Invalid << expiry << expiry.addDays(-30) << TokenStatus::Invalid;
    QTest::newRow("stored expired before the date")
        << TokenStatus::Expired << expiry << expiry.addDays(-30) << TokenStatus::Expired;
}

void TestCardToken::effectiveStatus()
{
    QFETCH(TokenStatus, stored);
    QFETCH(QDate, expiresOn);
    QFETCH(QDate, today);
    QFETCH(TokenStatus, effective);

    CardToken token;
    token.status = stored;
    token.issuedOn = expiresOn.addMonths(-CardToken::LifetimeMonths);
    token.expiresOn = expiresOn;
    QCOMPARE(token.effectiveStatus(today), effective);
    QCOMPARE(token.isChargeable(today), effective == TokenStatus::Active);
}

void TestCardToken::defaultExpiryIsSixMonths()
{
    QCOMPARE(CardToken::defaultExpiry(QDate(2026, 5, 25)), QDate(2026, 11, 25));
    // No 31 November: the lifetime ends on the last day of the month.
    QCOMPARE(CardToken::defaultExpiry(QDate(2026, 5, 31)), QDate(2026, 11, 30));
    QCOMPARE(CardToken::defaultExpiry(QDate(2026, 8, 31)), QDate(2027, 2, 28));
}

void TestCardToken::maskToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("masked");

    QTest::newRow("typical token") << u"tok_8Jd92kXq9Xq="_s << Bullets + u" 9Xq="_s;
    QTest::newRow("special characters") << u"Ab+/\\|==Zz|/+\\"_s << Bullets + u" |/+\\"_s;
    QTest::newRow("arabic text") << u"\u0631\u0645\u0632-\u0627\u0644\u0628\u0637\u0627\u0642\u0629"_s
                                 << Bullets + u" \u0637\u0627\u0642\u0629"_s;
    QTest::newRow("characters outside the BMP stay whole")
        << u"abcdefg\U0001F600\U0001F601"_s << Bullets + u" fg\U0001F600\U0001F601"_s;
    QTest::newRow("2 KB token") << longToken(2048) << Bullets + u' ' + longToken(2048).right(4);
    QTest::newRow("eight characters show the last four") << u"12345678"_s << Bullets + u" 5678"_s;
    QTest::newRow("seven characters are fully bulleted") << u"1234567"_s << Bullets;
    QTest::newRow("four characters are fully bulleted") << u"abcd"_s << Bullets;
    QTest::newRow("one character") << u"x"_s << Bullets;
    QTest::newRow("empty") << QString() << QString();
}

void TestCardToken::maskToken()
{
    QFETCH(QString, token);
    QFETCH(QString, masked);
    QCOMPARE(CardToken::maskToken(token), masked);
    CardToken t;
    t.token = token;
    QCOMPARE(t.masked(), masked);
}

void TestCardToken::validateTokenText_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("fragment");

    QTest::newRow("plus slash backslash pipe") << u"Ab+/\\|=="_s << true << QString();
    QTest::newRow("doubled backslash") << u"x/y\\\\z|w"_s << true << QString();
    QTest::newRow("arabic text") << u"\u0631\u0645\u0632\u0627\u0644\u0628\u0637\u0627\u0642\u0629"_s << true
                                 << QString();
    QTest::newRow("2 KB") << longToken(2048) << true << QString();
    QTest::newRow("exactly 4096 characters") << longToken(4096) << true << QString();
    QTest::newRow("emoji outside the BMP") << u"ab\U0001F600cd"_s << true << QString();

    QTest::newRow("empty") << QString() << false << u"empty"_s;
    QTest::newRow("4097 characters") << longToken(4097) << false << u"4097"_s;
    QTest::newRow("leading space") << u" Ab+/=="_s << false << u"a space at the start"_s;
    QTest::newRow("trailing space") << u"Ab+/== "_s << false << u"a space at the end"_s;
    QTest::newRow("trailing newline") << u"Ab+/==\n"_s << false << u"a line break at the end"_s;
    QTest::newRow("trailing carriage return") << u"Ab+/==\r"_s << false << u"a line break at the end"_s;
    QTest::newRow("space inside") << u"Ab+ /=="_s << false << u"a space at position 4"_s;
    QTest::newRow("tab inside") << u"Ab+/\t=="_s << false << u"a tab at position 5"_s;
    QTest::newRow("newline inside") << u"Ab\n+/=="_s << false << u"a line break at position 3"_s;
    QTest::newRow("non-breaking space")
        << u"Ab\u00A0+/=="_s << false << u"a non-breaking space at position 3"_s;
    QTest::newRow("zero-width space")
        << u"Ab+\u200B/=="_s << false << u"an invisible formatting character (U+200B) at position 4"_s;
    QTest::newRow("byte order mark at the start")
        << u"\uFEFFAb+/=="_s << false << u"a byte order mark at the start"_s;
    QTest::newRow("left-to-right mark")
        << u"Ab+/==\u200E"_s << false << u"an invisible formatting character (U+200E) at the end"_s;
    QTest::newRow("control character")
        << u"Ab\u0001+/=="_s << false << u"a control character (U+0001) at position 3"_s;
    QTest::newRow("NUL character") << QString(u"Ab\0cd"_s) << false << u"a control character (U+0000)"_s;
    QTest::newRow("line separator") << u"Ab\u2028cd"_s << false << u"a line break at position 3"_s;
    QTest::newRow("position counts characters, not UTF-16 units")
        << u"\U0001F600\U0001F600 x"_s << false << u"a space at position 3"_s;
    QTest::newRow("lone surrogate") << QString(QChar(0xD800)) + u"abc"_s << false << u"broken character"_s;
}

void TestCardToken::validateTokenText()
{
    QFETCH(QString, token);
    QFETCH(bool, valid);
    QFETCH(QString, fragment);

    const Result<void> result = CardToken::validateTokenText(token);
    QCOMPARE(result.ok(), valid);
    if (!valid) {
        QCOMPARE(result.error().field, u"token"_s);
        QVERIFY2(result.error().message.contains(fragment), qPrintable(result.error().message));
    }
}

void TestCardToken::validateNamesTheGivenField()
{
    const auto result = CardToken::validateTokenText(u" x"_s, u"card_token"_s);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().field, u"card_token"_s);
}

void TestCardToken::paymentStateNames_data()
{
    QTest::addColumn<PaymentState>("state");
    QTest::addColumn<QString>("name");
    QTest::newRow("pending") << PaymentState::Pending << u"pending"_s;
    QTest::newRow("approved") << PaymentState::Approved << u"approved"_s;
    QTest::newRow("declined") << PaymentState::Declined << u"declined"_s;
    QTest::newRow("rejected") << PaymentState::Rejected << u"rejected"_s;
    QTest::newRow("not sent") << PaymentState::NotSent << u"not-sent"_s;
    QTest::newRow("unknown") << PaymentState::Unknown << u"unknown"_s;
}

void TestCardToken::paymentStateNames()
{
    QFETCH(PaymentState, state);
    QFETCH(QString, name);
    QCOMPARE(paymentStateName(state), name);
    QCOMPARE(paymentStateFromName(name), std::optional<PaymentState>(state));
}

void TestCardToken::refundStateNames_data()
{
    QTest::addColumn<RefundState>("state");
    QTest::addColumn<QString>("name");
    QTest::newRow("none") << RefundState::None << u"none"_s;
    QTest::newRow("pending") << RefundState::Pending << u"pending"_s;
    QTest::newRow("refunded") << RefundState::Refunded << u"refunded"_s;
    QTest::newRow("rejected") << RefundState::Rejected << u"rejected"_s;
    QTest::newRow("unknown") << RefundState::Unknown << u"unknown"_s;
}

void TestCardToken::refundStateNames()
{
    QFETCH(RefundState, state);
    QFETCH(QString, name);
    QCOMPARE(refundStateName(state), name);
    QCOMPARE(refundStateFromName(name), std::optional<RefundState>(state));
}

void TestCardToken::unknownStateNames()
{
    QVERIFY(!paymentStateFromName(u"not_sent"_s));
    QVERIFY(!paymentStateFromName(u"APPROVED"_s));
    QVERIFY(!paymentStateFromName(QString()));
    QVERIFY(!refundStateFromName(u"partial"_s));
    QVERIFY(!refundStateFromName(QString()));
}

void TestCardToken::paymentIsOpen_data()
{
    QTest::addColumn<PaymentState>("state");
    QTest::addColumn<bool>("open");
    QTest::newRow("pending is open") << PaymentState::Pending << true;
    QTest::newRow("unknown is open") << PaymentState::Unknown << true;
    QTest::newRow("approved is settled") << PaymentState::Approved << false;
    QTest::newRow("declined is settled") << PaymentState::Declined << false;
    QTest::newRow("rejected is settled") << PaymentState::Rejected << false;
    QTest::newRow("not sent is settled") << PaymentState::NotSent << false;
}

void TestCardToken::paymentIsOpen()
{
    QFETCH(PaymentState, state);
    QFETCH(bool, open);
    Payment p;
    p.state = state;
    QCOMPARE(p.isOpen(), open);
}

QTEST_GUILESS_MAIN(TestCardToken)
#include "tst_cardtoken.moc"
