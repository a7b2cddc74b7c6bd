// Unbounded and unprintable text (issue 9 #9): every text a person or a file gives has a length limit
// and no control characters or bidi overrides, enforced where it is stored (so the desk, the CLI and
// the importer all get it) with an error that names the field.

#include "csv/CsvImporter.h"
#include "domain/FieldLimits.h"
#include "TestSupport.h"

#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

class TestFieldLimits : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void storeRefusesOverlongAndControlText_data();
    void storeRefusesOverlongAndControlText();
    void storeRefusesAnOverlongTokenLabel();
    void csvCellOverTheLimitRefusesTheRow();
};

void TestFieldLimits::check_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("max");
    QTest::addColumn<bool>("severalLines");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("says");
    QTest::newRow("Arabic name") << u"سارة الكواري"_s << 200 << false << true << QString();
    QTest::newRow("exactly at the limit") << QString(200, u'a') << 200 << false << true << QString();
    QTest::newRow("one over the limit") << QString(201, u'a') << 200 << false << false << u"201"_s;
    QTest::newRow("120000 characters") << QString(120000, u'x') << 200 << false << false << u"120000"_s;
    QTest::newRow("ESC sequence") << u"Zed\x1b[31m"_s << 200 << false << false << u"U+001b"_s;
    QTest::newRow("NUL") << u"Ze"_s + QChar(0) + u"d"_s << 200 << false << false << u"U+0000"_s;
    QTest::newRow("DEL") << u"Zed\x7f"_s << 200 << false << false << u"U+007f"_s;
    QTest::newRow("C1 control") << u"Zed\u0085"_s << 200 << false << false << u"U+0085"_s;
    QTest::newRow("right-to-left override") << u"Zed\u202Efdp.exe"_s << 200 << false << false << u"U+202e"_s;
    QTest::newRow("isolate") << u"\u2066Zed"_s << 200 << false << false << u"U+2066"_s;
    QTest::newRow("line break in a one-line field")
        << u"Zed\nSmith"_s << 200 << false << false << u"one line"_s;
    QTest::newRow("CR in a one-line field") << u"Zed\rSmith"_s << 200 << false << false << u"one line"_s;
    QTest::newRow("line breaks and tabs in notes")
        << u"line 1\r\nline\t2"_s << 2000 << true << true << QString();
    QTest::newRow("ESC in notes") << u"line 1\n\x1b]0;pwned\x07"_s << 2000 << true << false << u"U+001b"_s;
    QTest::newRow("right-to-left mark is text") << u"\u200Fسارة"_s << 200 << false << true << QString();
}

void TestFieldLimits::check()
{
    QFETCH(QString, value);
    QFETCH(int, max);
    QFETCH(bool, severalLines);
    QFETCH(bool, ok);
    QFETCH(QString, says);
    const auto checked = FieldLimits::check(
        u"name"_s, value, max, severalLines ? FieldLimits::Lines::Several : FieldLimits::Lines::One);
    QCOMPARE(checked.ok(), ok);
    if (!ok) {
        QCOMPARE(checked.error().field, u"name"_s);
        QVERIFY2(checked.error().message.contains(says), qPrintable(checked.error().message));
        QVERIFY(checked.error().message.size() < 300); // never quotes the offending value back
    }
}

void TestFieldLimits::storeRefusesOverlongAndControlText_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::newRow("reference of 120000") << u"reference"_s << QString(120000, u'R');
    QTest::newRow("email of 120000") << u"email"_s << QString(119990, u'e') + u"@example.com"_s;
    QTest::newRow("phone of 500") << u"phone"_s << QString(500, u'5');
    QTest::newRow("name with ESC") << u"name"_s << u"Zed\x1b[2J"_s;
    QTest::newRow("notes of 10000") << u"notes"_s << QString(10000, u'n');
}

void TestFieldLimits::storeRefusesOverlongAndControlText()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    TempDatabase db;
    Customer c;
    c.name = u"Sara"_s;
    if (field == u"reference"_s)
        c.reference = value;
    else if (field == u"email"_s)
        c.email = value;
    else if (field == u"phone"_s)
        c.phone = value;
    else if (field == u"name"_s)
        c.name = value;
    else
        c.notes = value;
    auto added = db.store().addCustomer(c);
    QVERIFY(!added.ok());
    QCOMPARE(added.error().field, field);
    QCOMPARE(db.store().countCustomers(CustomerQuery{}).value(), 0);
    // The same rule for an update of an existing customer.
    Customer fine;
    fine.name = u"Omar"_s;
    fine.id = db.store().addCustomer(fine).value();
    c.id = fine.id;
    auto updated = db.store().updateCustomer(c);
    QVERIFY(!updated.ok());
    QCOMPARE(updated.error().field, field);
    QCOMPARE(db.store().customer(fine.id).value().name, u"Omar"_s);
}

void TestFieldLimits::storeRefusesAnOverlongTokenLabel()
{
    TempDatabase db;
    const qint64 customer = addCustomer(db.store(), u"Sara"_s);
    CardToken t;
    t.customerId = customer;
    t.token = u"Ab+/\\|==label"_s;
    t.label = QString(120000, u'L');
    t.issuedOn = fixedNow().date();
    t.currency = u"QAR"_s;
    auto added = db.store().addToken(t);
    QVERIFY(!added.ok());
    QCOMPARE(added.error().field, u"label"_s);
    t.label = u"Visa \u202Egpj.exe"_s;
    QCOMPARE(db.store().addToken(t).error().field, u"label"_s);
}

void TestFieldLimits::csvCellOverTheLimitRefusesTheRow()
{
    QByteArray csv = "name,email,notes_we_ignore\r\nSara,sara@example.com,";
    csv += QByteArray(10 * 1024 * 1024, 'x'); // a 10 MB cell, in a column the importer does not use
    csv += "\r\nOmar,omar@example.com,ok\r\n";
    auto preview = CsvImporter::preview(csv, u"QAR"_s, fixedNow().date());
    QVERIFY(preview.ok());
    QCOMPARE(preview->rows.size(), 2);
    QVERIFY(!preview->rows.at(0).isValid());
    QVERIFY2(preview->rows.at(0).errors.first().message.contains(QString::number(FieldLimits::CsvCell)),
             qPrintable(preview->rows.at(0).errors.first().message));
    QVERIFY(preview->rows.at(1).isValid());
}

QTEST_GUILESS_MAIN(TestFieldLimits)
#include "tst_fieldlimits.moc"
