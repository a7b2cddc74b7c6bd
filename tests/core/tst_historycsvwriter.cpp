// The history export: what a spreadsheet will read. Formula injection is neutralised, quoting follows
// RFC 4180, tokens appear masked only, amounts are plain numbers.

#include "csv/HistoryCsvWriter.h"

#include <QTest>

using namespace fatora;
using namespace Qt::StringLiterals;

namespace {

const QString fullToken = u"Ab+/\\|==SecretTail9Xq="_s;

PaymentRow sampleRow()
{
    PaymentRow row;
    row.payment.id = 42;
    row.payment.orderId = u"BO-20261125-7K3QH2MX9A"_s;
    row.payment.amount = Money(12345, u"QAR"_s);
    row.payment.currency = u"QAR"_s;
    row.payment.state = PaymentState::Approved;
    row.payment.transactionId = u"T-1"_s;
    row.payment.statusCode = u"000"_s;
    row.payment.authCode = u"123456"_s;
    row.payment.description = u"Transaction Approved"_s;
    row.payment.operatorName = u"Aisha"_s;
    row.payment.createdAt = QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC);
    row.customerName = u"Sara Al-Kuwari"_s;
    row.tokenLabel = u"Visa"_s;
    row.tokenMask = CardToken::maskToken(fullToken);
    return row;
}

// A strict RFC 4180 reader, written independently of the code under test.
QList<QStringList> readCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            fields << field;
            field.clear();
            records << fields;
            fields.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !fields.isEmpty())
        records << (fields << field);
    return records;
}

} // namespace

class TestHistoryCsvWriter : public QObject
{
    Q_OBJECT

private slots:
    void neutralise_data();
    void neutralise();
    void fileStartsWithBomAndUsesCrlf();
    void everyRowHasTheHeadersColumns();
    void tokenAppearsMaskedOnly();
    void amountIsAPlainNumber_data();
    void amountIsAPlainNumber();
    void countedAmountSaysWhichFigure_data();
    void countedAmountSaysWhichFigure();
    void hostileTextFromTheGatewayIsNeutralised();
    void controlCharactersAreEscaped_data();
    void controlCharactersAreEscaped();
};

void TestHistoryCsvWriter::neutralise_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain text unchanged") << u"Sara"_s << u"Sara"_s;
    QTest::newRow("empty stays empty") << QString() << QString();
    QTest::newRow("Arabic unchanged") << u"فاطمة الكبيسي"_s << u"فاطمة الكبيسي"_s;
    QTest::newRow("equals starts a formula") << u"=1+1"_s << u"'=1+1"_s;
    QTest::newRow("plus starts a formula") << u"+974 5512"_s << u"'+974 5512"_s;
    QTest::newRow("minus starts a formula") << u"-2+3"_s << u"'-2+3"_s;
    QTest::newRow("at starts a formula") << u"@SUM(A1:A9)"_s << u"'@SUM(A1:A9)"_s;
    QTest::newRow("tab at the start") << u"\t=1"_s << u"'\t=1"_s;
    QTest::newRow("carriage return at the start is neutralised and quoted") << u"\r=1"_s << u"\"'\r=1\""_s;
    QTest::newRow("equals later in the cell is harmless") << u"a=b"_s << u"a=b"_s;
    QTest::newRow("comma is quoted") << u"Doha, Qatar"_s << u"\"Doha, Qatar\""_s;
    QTest::newRow("quote is doubled and quoted") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
    QTest::newRow("line break is quoted") << u"two\nlines"_s << u"\"two\nlines\""_s;
    QTest::newRow("formula with quotes and commas")
        << u"=HYPERLINK(\"http://x\",\"y\")"_s << u"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""_s;
    QTest::newRow("leading apostrophe kept as is") << u"'quoted"_s << u"'quoted"_s;
}

void TestHistoryCsvWriter::neutralise()
{
    QFETCH(QString, cell);
    QFETCH(QString, expected);
    QCOMPARE(HistoryCsvWriter::neutralise(cell), expected);
}

void TestHistoryCsvWriter::fileStartsWithBomAndUsesCrlf()
{
    const QByteArray csv = HistoryCsvWriter::write({sampleRow(), sampleRow()});
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    QVERIFY(csv.mid(3).startsWith(HistoryCsvWriter::header()));
    QVERIFY(csv.endsWith("\r\n"));
    QCOMPARE(csv.count("\r\n"), 3); // header + two rows
    QCOMPARE(csv.count('\n'), 3);   // no bare LF anywhere
}

void TestHistoryCsvWriter::everyRowHasTheHeadersColumns()
{
    PaymentRow awkward = sampleRow();
    awkward.customerName = u"Al-Thani, \"Mo\"\nDoha"_s;
    awkward.payment.description = u"=cmd|' /C calc'!A0"_s;
    awkward.payment.amount.reset();
    const QString text = QString::fromUtf8(HistoryCsvWriter::write({sampleRow(), awkward}).mid(3));
    const QList<QStringList> records = readCsv(text);
    QCOMPARE(records.size(), 3);
    const QStringList header = records.at(0);
    QVERIFY(header.contains(u"amount"_s));
    QVERIFY(header.contains(u"card"_s));
    for (const QStringList &r : records)
        QCOMPARE(r.size(), header.size());
    const QStringList row = records.at(2);
    QCOMPARE(row.at(header.indexOf(u"customer"_s)), u"Al-Thani, \"Mo\"\nDoha"_s);
    QCOMPARE(row.at(header.indexOf(u"description"_s)), u"'=cmd|' /C calc'!A0"_s);
    QCOMPARE(row.at(header.indexOf(u"state"_s)), u"approved"_s);
    QCOMPARE(row.at(header.indexOf(u"payment_id"_s)), u"42"_s);
}

void TestHistoryCsvWriter::tokenAppearsMaskedOnly()
{
    const QByteArray csv = HistoryCsvWriter::write({sampleRow()});
    QVERIFY(!csv.contains(fullToken.toUtf8()));
    QVERIFY(!csv.contains("SecretTail"));
    QVERIFY(csv.contains(CardToken::maskToken(fullToken).toUtf8()));
}

void TestHistoryCsvWriter::amountIsAPlainNumber_data()
{
    QTest::addColumn<std::optional<Money>>("amount");
    QTest::addColumn<QString>("expected");
    QTest::newRow("QAR two decimals") << std::optional<Money>(Money(12345, u"QAR"_s)) << u"123.45"_s;
    QTest::newRow("no grouping for thousands")
        << std::optional<Money>(Money(123456789, u"QAR"_s)) << u"1234567.89"_s;
    QTest::newRow("KWD three decimals") << std::optional<Money>(Money(1500, u"KWD"_s)) << u"1.500"_s;
    QTest::newRow("no amount sent: empty cell") << std::optional<Money>() << QString();
}

void TestHistoryCsvWriter::amountIsAPlainNumber()
{
    QFETCH(std::optional<Money>, amount);
    QFETCH(QString, expected);
    PaymentRow row = sampleRow();
    row.payment.amount = amount;
    const QList<QStringList> records =
        readCsv(QString::fromUtf8(HistoryCsvWriter::header() + HistoryCsvWriter::row(row)));
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(1).at(records.at(0).indexOf(u"amount"_s)), expected);
}

void TestHistoryCsvWriter::countedAmountSaysWhichFigure_data()
{
    QTest::addColumn<std::optional<Money>>("sent");
    QTest::addColumn<std::optional<Money>>("expected");
    QTest::addColumn<std::optional<Money>>("taken");
    QTest::addColumn<QStringList>("cells"); // amount, counted_amount, amount_kind, expected, taken, differs
    const std::optional<Money> none;
    const auto qar = [](qint64 minor) { return std::optional<Money>(Money(minor, u"QAR"_s)); };
    QTest::newRow("sent") << qar(10000) << none << none
                          << QStringList{u"100.00"_s, u"100.00"_s, u"sent"_s, {}, {}, {}};
    QTest::newRow("blank, expected first payment")
        << none << qar(12345) << none << QStringList{{}, u"123.45"_s, u"expected"_s, u"123.45"_s, {}, {}};
    QTest::newRow("blank, taken as expected")
        << none << qar(12345) << qar(12345)
        << QStringList{{}, u"123.45"_s, u"taken"_s, u"123.45"_s, u"123.45"_s, {}};
    QTest::newRow("blank, taken other than expected")
        << none << qar(12345) << qar(20000)
        << QStringList{{}, u"200.00"_s, u"taken"_s, u"123.45"_s, u"200.00"_s, u"yes"_s};
    QTest::newRow("sent, gateway reports another amount: the sent one counts")
        << qar(10000) << none << qar(9000)
        << QStringList{u"100.00"_s, u"100.00"_s, u"sent"_s, {}, u"90.00"_s, u"yes"_s};
    QTest::newRow("blank, nothing known") << none << none << none
                                          << QStringList{{}, {}, u"unknown"_s, {}, {}, {}};
}

void TestHistoryCsvWriter::countedAmountSaysWhichFigure()
{
    QFETCH(std::optional<Money>, sent);
    QFETCH(std::optional<Money>, expected);
    QFETCH(std::optional<Money>, taken);
    QFETCH(QStringList, cells);
    PaymentRow row = sampleRow();
    row.payment.amount = sent;
    row.payment.expectedAmount = expected;
    row.payment.takenAmount = taken;
    const QList<QStringList> records =
        readCsv(QString::fromUtf8(HistoryCsvWriter::header() + HistoryCsvWriter::row(row)));
    QCOMPARE(records.size(), 2);
    const QStringList &header = records.at(0);
    // The first release's columns keep their places; the new ones come after them.
    QCOMPARE(header.indexOf(u"operator"_s), 14);
    QStringList got;
    for (const QString &column : {u"amount"_s, u"counted_amount"_s, u"amount_kind"_s, u"expected_amount"_s,
                                  u"taken_amount"_s, u"taken_differs"_s}) {
        QVERIFY2(header.indexOf(column) > 0, qPrintable(column));
        got << records.at(1).at(header.indexOf(column));
    }
    QCOMPARE(got, cells);
}

void TestHistoryCsvWriter::hostileTextFromTheGatewayIsNeutralised()
{
    PaymentRow row = sampleRow();
    row.payment.description = u"@SUM(1+1)*cmd"_s;
    row.payment.operatorName = u"+Aisha"_s;
    row.customerName = u"-Sara"_s;
    row.payment.authCode = u"=1"_s;
    const QString line = QString::fromUtf8(HistoryCsvWriter::row(row));
    const QStringList cells = readCsv(line).constFirst();
    for (const QString &cell : cells) {
        QVERIFY2(cell.isEmpty() || !u"=+-@\t\r"_s.contains(cell.front()), qPrintable(cell));
    }
}

void TestHistoryCsvWriter::controlCharactersAreEscaped_data()
{
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("expected"); // the cell as a spreadsheet reads it
    QTest::newRow("escape sequence") << u"Approved\x1b[2J"_s << u"Approved\\x1b[2J"_s;
    QTest::newRow("carriage return inside") << u"Approved\rDeclined"_s << u"Approved\\x0dDeclined"_s;
    QTest::newRow("NUL") << (u"Appro"_s + QChar(u'\0') + u"ved"_s) << u"Appro\\x00ved"_s;
    QTest::newRow("right-to-left override") << u"gpj\x202E.exe"_s << u"gpj\\u202e.exe"_s;
    QTest::newRow("isolates and marks") << u"\x2066"
                                           "a\x2069\x200F"_s
                                        << u"\\u2066a\\u2069\\u200f"_s;
    QTest::newRow("C1 control (CSI)") << u"a\x9b"
                                         "31mb"_s
                                      << u"a\\x9b31mb"_s;
    QTest::newRow("DEL") << u"a\x7f"_s << u"a\\x7f"_s;
    QTest::newRow("tab inside") << u"a\tb"_s << u"a\\x09b"_s;
    QTest::newRow("line break kept, quoted") << u"two\nlines"_s << u"two\nlines"_s;
    QTest::newRow("CRLF kept as one line break") << u"two\r\nlines"_s << u"two\nlines"_s;
    QTest::newRow("escape then formula neutralised") << u"=1+1\x1b"_s << u"'=1+1\\x1b"_s;
    QTest::newRow("leading tab escaped, not a formula") << u"\t=1"_s << u"\\x09=1"_s;
    QTest::newRow("Arabic untouched") << u"فاطمة الكبيسي"_s << u"فاطمة الكبيسي"_s;
}

// Issue 9 #9: a CSV opened in a terminal (cat, less) or a spreadsheet shows the text, never acts on it.
void TestHistoryCsvWriter::controlCharactersAreEscaped()
{
    QFETCH(QString, description);
    QFETCH(QString, expected);
    PaymentRow row = sampleRow();
    row.payment.description = description;
    row.customerName = description;
    const QByteArray csv = HistoryCsvWriter::row(row);
    const QList<QStringList> records = readCsv(QString::fromUtf8(HistoryCsvWriter::header() + csv));
    QCOMPARE(records.size(), 2);
    const QStringList header = records.at(0);
    QCOMPARE(records.at(1).size(), header.size());
    QCOMPARE(records.at(1).at(header.indexOf(u"description"_s)), expected);
    QCOMPARE(records.at(1).at(header.indexOf(u"customer"_s)), expected);
    QCOMPARE(csv.count('\r'), 1); // only the line end's
    QVERIFY(!csv.contains('\x1b') && !csv.contains('\0') && !csv.contains("\xE2\x80\xAE"));
}

QTEST_GUILESS_MAIN(TestHistoryCsvWriter)
#include "tst_historycsvwriter.moc"
