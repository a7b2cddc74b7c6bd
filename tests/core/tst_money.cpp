#include "domain/Money.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseNamesTheGivenField();
    void decimalsFor_data();
    void decimalsFor();
    void isKnownCurrency();
    void toPlainString_data();
    void toPlainString();
    void toJsonSerialisesExactly_data();
    void toJsonSerialisesExactly();
    void toDisplayString_data();
    void toDisplayString();
    void displayStringParsesBack_data();
    void displayStringParsesBack();
    void equality();
};

void TestMoney::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("errorField");
    QTest::addColumn<QString>("errorFragment");

    auto accept = [](const char *name, const QString &text, const QString &currency, qint64 minor) {
        QTest::newRow(name) << text << currency << true << minor << QString() << QString();
    };
    auto reject = [](const char *name, const QString &text, const QString &currency, const QString &field,
                     const QString &fragment) {
        QTest::newRow(name) << text << currency << false << qint64(0) << field << fragment;
    };
    const QString qar = u"QAR"_s;
    const QString amount = u"amount"_s;

    accept("whole number", u"5"_s, qar, 500);
    accept("two decimals", u"123.45"_s, qar, 12345);
    accept("one decimal is tenths", u"1.1"_s, qar, 110);
    accept("smallest dirham", u"0.01"_s, qar, 1);
    accept("leading decimal point", u".5"_s, qar, 50);
    accept("trailing decimal point", u"5."_s, qar, 500);
    accept("leading zeros", u"007.50"_s, qar, 750);
    accept("comma grouping", u"1,234.50"_s, qar, 123450);
    accept("comma grouping in millions", u"1,234,567.89"_s, qar, 123456789);
    accept("space grouping", u"1 234.50"_s, qar, 123450);
    accept("nbsp grouping", u"1\u00A0234\u00A0567"_s, qar, 123456700);
    accept("narrow nbsp grouping", u"12\u202F345"_s, qar, 1234500);
    accept("surrounding spaces and tab", u"  42.00 \t"_s, qar, 4200);
    accept("surrounding nbsp", u"\u00A042\u00A0"_s, qar, 4200);
    accept("arabic-indic digits with arabic decimal separator", u"\u0661\u0662\u0663\u066B\u0664\u0665"_s,
           qar, 12345);
    accept("arabic-indic digits with arabic thousands separator",
           u"\u0661\u066C\u0662\u0663\u0664\u066B\u0665\u0660"_s, qar, 123450);
    accept("arabic-indic digits with ascii point", u"\u0669\u0669.\u0669\u0669"_s, qar, 9999);
    accept("persian digits", u"\u06F1\u06F2\u06F3.\u06F4\u06F5"_s, qar, 12345);
    accept("direction marks copied from a right-to-left screen", u"\u2066\u0661\u0662\u0663\u2069"_s, qar,
           12300);
    accept("KWD three decimals", u"1.234"_s, u"KWD"_s, 1234);
    accept("KWD ten fils", u"0.010"_s, u"KWD"_s, 10);
    accept("BHD grouped with three decimals", u"12,345.678"_s, u"BHD"_s, 12345678);
    accept("OMR two decimals given", u"2.5"_s, u"OMR"_s, 2500);
    accept("JPY whole yen", u"1,500"_s, u"JPY"_s, 1500);
    accept("largest accepted amount", u"10,000,000,000"_s, qar, 1'000'000'000'000LL);

    reject("empty", QString(), qar, amount, u"Enter an amount"_s);
    reject("spaces only", u"   "_s, qar, amount, u"Enter an amount"_s);
    reject("zero", u"0"_s, qar, amount, u"more than zero"_s);
    reject("zero with decimals", u"0.00"_s, qar, amount, u"more than zero"_s);
    reject("arabic-indic zero", u"\u0660\u066B\u0660\u0660"_s, qar, amount, u"more than zero"_s);
    reject("negative", u"-5"_s, qar, amount, u"positive"_s);
    reject("negative with unicode minus", u"\u22125.00"_s, qar, amount, u"positive"_s);
    reject("trailing minus", u"5-"_s, qar, amount, u"positive"_s);
    reject("three decimals in QAR", u"1.234"_s, qar, amount, u"at most 2 decimal places"_s);
    reject("trailing zero decimal in QAR (a German 12.500 is twelve thousand)", u"12.500"_s, qar, amount,
           u"at most 2 decimal places"_s);
    reject("four decimals in KWD", u"1.2345"_s, u"KWD"_s, amount, u"at most 3 decimal places"_s);
    reject("decimals in JPY", u"100.5"_s, u"JPY"_s, amount, u"no decimal places"_s);
    reject("letter after digits", u"12a"_s, qar, amount, u"\u201Ca\u201D is not allowed"_s);
    reject("letters only", u"abc"_s, qar, amount, u"\u201Ca\u201D is not allowed"_s);
    reject("currency code typed in", u"QAR 12"_s, qar, amount, u"\u201CQ\u201D is not allowed"_s);
    reject("dollar sign", u"$12"_s, qar, amount, u"\u201C$\u201D is not allowed"_s);
    reject("plus sign", u"+5"_s, qar, amount, u"\u201C+\u201D is not allowed"_s);
    reject("exponent", u"1e5"_s, qar, amount, u"\u201Ce\u201D is not allowed"_s);
    reject("control character", u"1\u00012"_s, qar, amount, u"U+0001 is not allowed"_s);
    reject("two decimal points", u"1.2.3"_s, qar, amount, u"more than one decimal point"_s);
    reject("lone decimal point", u"."_s, qar, amount, u"no digits"_s);
    reject("group of two", u"1,23.45"_s, qar, amount, u"grouping"_s);
    reject("group of four", u"1,2345"_s, qar, amount, u"grouping"_s);
    reject("first group of four", u"1234,567"_s, qar, amount, u"grouping"_s);
    reject("leading comma", u",123"_s, qar, amount, u"grouping"_s);
    reject("double comma", u"1,,234"_s, qar, amount, u"grouping"_s);
    reject("decimal comma", u"12,50"_s, qar, amount, u"grouping"_s);
    reject("mixed comma and space grouping", u"1,234 567"_s, qar, amount, u"grouping"_s);
    reject("space inside the number", u"12 34"_s, qar, amount, u"grouping"_s);
    reject("grouping after the decimal point", u"1.234,5"_s, u"KWD"_s, amount, u"cannot be grouped"_s);
    reject("one fils over the maximum", u"10000000000.01"_s, qar, amount, u"too large"_s);
    reject("overflowing qint64", u"99999999999999999999999"_s, qar, amount, u"too large"_s);
    reject("unknown currency", u"5"_s, u"XYZ"_s, u"currency"_s, u"XYZ"_s);
    reject("lower-case currency", u"5"_s, u"qar"_s, u"currency"_s, u"qar"_s);
    reject("missing currency", u"5"_s, QString(), u"currency"_s, u"Choose a currency"_s);
}

void TestMoney::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(bool, ok);
    QFETCH(qint64, minor);
    QFETCH(QString, errorField);
    QFETCH(QString, errorFragment);

    const Result<Money> parsed = Money::parse(text, currency);
    if (ok) {
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
        QCOMPARE(parsed->minorUnits(), minor);
        QCOMPARE(parsed->currency(), currency);
    } else {
        QVERIFY2(!parsed.ok(), qPrintable(u"accepted as "_s + parsed->toPlainString()));
        QCOMPARE(parsed.error().field, errorField);
        QVERIFY2(parsed.error().message.contains(errorFragment), qPrintable(parsed.error().message));
    }
}

void TestMoney::parseNamesTheGivenField()
{
    const auto parsed = Money::parse(u"-1"_s, u"QAR"_s, u"first_amount"_s);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().field, u"first_amount"_s);
}

void TestMoney::decimalsFor_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("decimals");
    QTest::newRow("QAR") << u"QAR"_s << 2;
    QTest::newRow("USD") << u"USD"_s << 2;
    for (const char *code : {"KWD", "BHD", "OMR", "JOD", "TND", "LYD", "IQD"})
        QTest::newRow(code) << QString::fromLatin1(code) << 3;
    QTest::newRow("JPY") << u"JPY"_s << 0;
    QTest::newRow("KRW") << u"KRW"_s << 0;
}

void TestMoney::decimalsFor()
{
    QFETCH(QString, currency);
    QFETCH(int, decimals);
    QCOMPARE(Money::decimalsFor(currency), decimals);
    QCOMPARE(Money(1, currency).decimals(), decimals);
}

void TestMoney::isKnownCurrency()
{
    QVERIFY(Money::isKnownCurrency(u"QAR"_s));
    QVERIFY(Money::isKnownCurrency(u"KWD"_s));
    QVERIFY(Money::isKnownCurrency(u"SAR"_s));
    QVERIFY(!Money::isKnownCurrency(u"qar"_s));
    QVERIFY(!Money::isKnownCurrency(u"XYZ"_s));
    QVERIFY(!Money::isKnownCurrency(QString()));
    QVERIFY(!Money().isValid());
    QVERIFY(Money(1, u"QAR"_s).isValid());
}

void TestMoney::toPlainString_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");
    QTest::newRow("QAR with dirhams") << qint64(12345) << u"QAR"_s << u"123.45"_s;
    QTest::newRow("QAR one dirham") << qint64(1) << u"QAR"_s << u"0.01"_s;
    QTest::newRow("QAR whole riyal keeps decimals") << qint64(100) << u"QAR"_s << u"1.00"_s;
    QTest::newRow("QAR no grouping") << qint64(123456789) << u"QAR"_s << u"1234567.89"_s;
    QTest::newRow("KWD ten fils") << qint64(10) << u"KWD"_s << u"0.010"_s;
    QTest::newRow("KWD dinar and fils") << qint64(1234) << u"KWD"_s << u"1.234"_s;
    QTest::newRow("JPY") << qint64(5) << u"JPY"_s << u"5"_s;
    QTest::newRow("negative (refund lines)") << qint64(-150) << u"QAR"_s << u"-1.50"_s;
    QTest::newRow("largest qint64 does not overflow")
        << std::numeric_limits<qint64>::max() << u"QAR"_s << u"92233720368547758.07"_s;
    QTest::newRow("smallest qint64 does not overflow")
        << std::numeric_limits<qint64>::min() << u"QAR"_s << u"-92233720368547758.08"_s;
}

void TestMoney::toPlainString()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(Money(minor, currency).toPlainString(), expected);
}

void TestMoney::toJsonSerialisesExactly_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("0.01") << qint64(1) << u"QAR"_s << QByteArray("{\"amount\":0.01}");
    QTest::newRow("1.10 becomes 1.1") << qint64(110) << u"QAR"_s << QByteArray("{\"amount\":1.1}");
    QTest::newRow("123.45") << qint64(12345) << u"QAR"_s << QByteArray("{\"amount\":123.45}");
    QTest::newRow("999999.99") << qint64(99999999) << u"QAR"_s << QByteArray("{\"amount\":999999.99}");
    QTest::newRow("KWD 1.234") << qint64(1234) << u"KWD"_s << QByteArray("{\"amount\":1.234}");
    QTest::newRow("KWD 0.001") << qint64(1) << u"KWD"_s << QByteArray("{\"amount\":0.001}");
    QTest::newRow("whole riyals") << qint64(5000) << u"QAR"_s << QByteArray("{\"amount\":50}");
    QTest::newRow("JPY") << qint64(1500) << u"JPY"_s << QByteArray("{\"amount\":1500}");
    QTest::newRow("largest accepted amount")
        << qint64(1'000'000'000'000LL) << u"QAR"_s << QByteArray("{\"amount\":10000000000}");
    QTest::newRow("largest with dirhams")
        << qint64(999'999'999'999LL) << u"QAR"_s << QByteArray("{\"amount\":9999999999.99}");
}

void TestMoney::toJsonSerialisesExactly()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QByteArray, expected);
    const QJsonObject body{{u"amount"_s, Money(minor, currency).toJson()}};
    QCOMPARE(QJsonDocument(body).toJson(QJsonDocument::Compact), expected);
}

void TestMoney::toDisplayString_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("expected");

    const QLocale english(QLocale::English, QLocale::UnitedStates);
    const QLocale arabic(QLocale::Arabic, QLocale::Qatar);
    QTest::newRow("english grouped") << qint64(123450) << u"QAR"_s << english << u"QAR 1,234.50"_s;
    QTest::newRow("english small") << qint64(5) << u"QAR"_s << english << u"QAR 0.05"_s;
    QTest::newRow("english millions") << qint64(123456789) << u"QAR"_s << english << u"QAR 1,234,567.89"_s;
    QTest::newRow("english KWD") << qint64(1234567) << u"KWD"_s << english << u"KWD 1,234.567"_s;
    QTest::newRow("english JPY") << qint64(1500) << u"JPY"_s << english << u"JPY 1,500"_s;
    QTest::newRow("C locale has no grouping")
        << qint64(123450) << u"QAR"_s << QLocale::c() << u"QAR 1234.50"_s;
    QTest::newRow("arabic digits isolated left-to-right")
        << qint64(123450) << u"QAR"_s << arabic
        << u"QAR \u2066\u0661\u066C\u0662\u0663\u0664\u066B\u0665\u0660\u2069"_s;
    QTest::newRow("arabic KWD") << qint64(1234) << u"KWD"_s << arabic
                                << u"KWD \u2066\u0661\u066B\u0662\u0663\u0664\u2069"_s;
    QTest::newRow("arabic zero dirhams kept")
        << qint64(700) << u"QAR"_s << arabic << u"QAR \u2066\u0667\u066B\u0660\u0660\u2069"_s;
}

void TestMoney::toDisplayString()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QLocale, locale);
    QFETCH(QString, expected);
    QCOMPARE(Money(minor, currency).toDisplayString(locale), expected);
}

void TestMoney::displayStringParsesBack_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    for (const auto &[name, locale] : {std::pair{"english", QLocale(QLocale::English, QLocale::UnitedStates)},
                                       std::pair{"arabic", QLocale(QLocale::Arabic, QLocale::Qatar)},
                                       std::pair{"persian", QLocale(QLocale::Persian, QLocale::Iran)}}) {
        QTest::addRow("%s QAR", name) << locale << qint64(123456789) << u"QAR"_s;
        QTest::addRow("%s KWD", name) << locale << qint64(1001) << u"KWD"_s;
    }
}

// What the desk shows in the languages it ships (and Persian, whose digits parse() accepts),
// copied back into an amount field, must mean the same money.
void TestMoney::displayStringParsesBack()
{
    QFETCH(QLocale, locale);
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    const QString shown = Money(minor, currency).toDisplayString(locale);
    QVERIFY(shown.startsWith(currency + u' '));
    const auto parsed = Money::parse(shown.mid(currency.size() + 1), currency);
    QVERIFY2(parsed.ok(), qPrintable(shown + u" -> "_s + parsed.error().message));
    QCOMPARE(parsed->minorUnits(), minor);
}

void TestMoney::equality()
{
    QCOMPARE(Money(100, u"QAR"_s), Money(100, u"QAR"_s));
    QVERIFY(Money(100, u"QAR"_s) != Money(100, u"KWD"_s));
    QVERIFY(Money(100, u"QAR"_s) != Money(101, u"QAR"_s));
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
