#include "customers/CustomerSearch.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;

// The one rule that turns a phone number (stored or typed) into searchable digits, and what a
// typed text is searched for.
class TestCustomerSearch : public QObject
{
    Q_OBJECT
private slots:
    void phoneKey_data();
    void phoneKey();
    void parse_data();
    void parse();
};

void TestCustomerSearch::phoneKey_data()
{
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("key");
    QTest::newRow("international with spaces") << u"+974 6610 2290"_s << u"97466102290"_s;
    QTest::newRow("00 instead of +") << u"0097466102290"_s << u"97466102290"_s;
    QTest::newRow("(00974) and a dash") << u"(00974) 6610-2290"_s << u"97466102290"_s;
    QTest::newRow("eight digits: a qatari number without its code") << u"6610 2290"_s << u"97466102290"_s;
    QTest::newRow("arabic-indic digits") << u"٦٦١٠ ٢٢٩٠"_s << u"97466102290"_s;
    QTest::newRow("eastern arabic-indic digits with +") << u"+۹۷۴ ۶۶۱۰ ۲۲۹۰"_s << u"97466102290"_s;
    QTest::newRow("another country keeps its code") << u"+44 20 7946 0958"_s << u"442079460958"_s;
    QTest::newRow("eight digits after + are not given 974") << u"+12345678"_s << u"12345678"_s;
    QTest::newRow("short extension") << u"3333"_s << u"3333"_s;
    QTest::newRow("no digits") << u"n/a"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestCustomerSearch::phoneKey()
{
    QFETCH(QString, phone);
    QFETCH(QString, key);
    QCOMPARE(CustomerSearch::phoneKey(phone), key);
}

void TestCustomerSearch::parse_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("phoneDigits");
    QTest::addColumn<bool>("inside");
    QTest::newRow("two characters: prefix only") << u" ha "_s << u"ha"_s << QString() << false;
    QTest::newRow("two arabic-indic digits: prefix only") << u"٦٦"_s << u"66"_s << QString() << false;
    QTest::newRow("a surname") << u"haddad"_s << u"haddad"_s << QString() << true;
    QTest::newRow("arabic name") << u"حداد"_s << u"حداد"_s << QString() << true;
    QTest::newRow("phone part") << u"6610"_s << u"6610"_s << u"6610"_s << true;
    // Typed eight digits stay eight: they are found inside the stored key that has 974.
    QTest::newRow("national number") << u"66102290"_s << u"66102290"_s << u"66102290"_s << true;
    QTest::newRow("+974 and spaces") << u"+974 6610 2290"_s << u"+974 6610 2290"_s << u"97466102290"_s
                                     << true;
    QTest::newRow("arabic-indic digits") << u"٦٦١٠"_s << u"6610"_s << u"6610"_s << true;
    QTest::newRow("00 then too few digits") << u"0042"_s << u"0042"_s << QString() << true;
    QTest::newRow("letters: not a phone") << u"CUST-0042"_s << u"CUST-0042"_s << QString() << true;
    QTest::newRow("punctuation only: no digits") << u"+()"_s << u"+()"_s << QString() << true;
}

void TestCustomerSearch::parse()
{
    QFETCH(QString, typed);
    QFETCH(QString, text);
    QFETCH(QString, phoneDigits);
    QFETCH(bool, inside);
    const CustomerSearch search = CustomerSearch::parse(typed);
    QCOMPARE(search.text, text);
    QCOMPARE(search.phoneDigits, phoneDigits);
    QCOMPARE(search.inside, inside);
}

QTEST_GUILESS_MAIN(TestCustomerSearch)
#include "tst_customersearch.moc"
