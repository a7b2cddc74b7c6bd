// Customer and token import from spreadsheet CSV: RFC 4180 parsing as spreadsheets write it, one
// error per problem naming the column, and an import that is atomic, audited and idempotent.

#include "csv/CsvImporter.h"
#include "TestSupport.h"

#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

QDate today()
{
    return fixedNow().date();
}

Result<CsvImporter::Preview> preview(const QByteArray &csv)
{
    return CsvImporter::preview(csv, u"QAR"_s, today());
}

const QByteArray header = "name,email,phone,reference,token,label,issued,first_amount\r\n";

} // namespace

class TestCsvImporter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void parsesWhatSpreadsheetsWrite_data();
    void parsesWhatSpreadsheetsWrite();
    void tokenIsKeptByteForByte();
    void lineNumbersCountPhysicalLines();
    void rowErrorsNameTheColumn_data();
    void rowErrorsNameTheColumn();
    void oneRowCanHaveSeveralErrors();
    void fileErrors_data();
    void fileErrors();
    void importAddsCustomersTokensAndAudit();
    void reimportAddsNothing();
    void customersAreMatchedByReferenceThenEmail();
    void invalidRowsAreSkippedValidOnesImported();
    void importIsOneTransaction();

private:
    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<ManualClock> m_clock;
};

void TestCsvImporter::init()
{
    m_db = std::make_unique<TempDatabase>();
    m_clock = std::make_unique<ManualClock>(fixedNow());
}

void TestCsvImporter::cleanup()
{
    m_db.reset();
    m_clock.reset();
}

void TestCsvImporter::parsesWhatSpreadsheetsWrite_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("rows");

    QTest::newRow("plain CRLF") << header + "Sara,sara@example.qa,,C-1,tok1,Visa,2026-10-01,10\r\n"
                                << u"Sara"_s << u"sara@example.qa"_s << u"tok1"_s << 1;
    QTest::newRow("plain LF, no final newline")
        << QByteArray("name,email,token,issued\nSara,sara@example.qa,tok1,2026-10-01") << u"Sara"_s
        << u"sara@example.qa"_s << u"tok1"_s << 1;
    QTest::newRow("old Mac CR line ends") << QByteArray("name,email\rSara,sara@example.qa\r") << u"Sara"_s
                                          << u"sara@example.qa"_s << QString() << 1;
    QTest::newRow("UTF-8 BOM before the header")
        << QByteArray("\xEF\xBB\xBFname,email\r\nSara,sara@example.qa\r\n") << u"Sara"_s
        << u"sara@example.qa"_s << QString() << 1;
    QTest::newRow("quoted comma in the name")
        << QByteArray("name,email\r\n\"Al-Thani, Mohammed\",m@example.qa\r\n") << u"Al-Thani, Mohammed"_s
        << u"m@example.qa"_s << QString() << 1;
    QTest::newRow("doubled quotes inside quotes")
        << QByteArray("name,email\r\n\"Mohammed \"\"Mo\"\" Ali\",m@example.qa\r\n")
        << u"Mohammed \"Mo\" Ali"_s << u"m@example.qa"_s << QString() << 1;
    QTest::newRow("line breaks inside quotes (CRLF and LF)")
        << QByteArray("name,notes,email\r\nSara,\"VIP\r\ncall first\nthen email\",s@example.qa\r\n")
        << u"Sara"_s << u"s@example.qa"_s << QString() << 1;
    QTest::newRow("header names in any case, padded, reordered")
        << QByteArray(" Email , NAME ,Token,Issued, First Amount \r\ns@example.qa,Sara,tok9,2026-11-01,5\r\n")
        << u"Sara"_s << u"s@example.qa"_s << u"tok9"_s << 1;
    QTest::newRow("unknown columns ignored")
        << QByteArray("notes,name,email,total\r\nVIP,Sara,s@example.qa,99\r\n") << u"Sara"_s
        << u"s@example.qa"_s << QString() << 1;
    QTest::newRow("blank and empty-cell lines skipped")
        << QByteArray("\r\nname,email\r\n\r\nSara,s@example.qa\r\n,\r\n\r\n") << u"Sara"_s
        << u"s@example.qa"_s << QString() << 1;
    QTest::newRow("cells around the values are trimmed")
        << QByteArray("name,email\r\n  Sara  , s@example.qa \r\n") << u"Sara"_s << u"s@example.qa"_s
        << QString() << 1;
    QTest::newRow("fewer cells than columns")
        << QByteArray("name,email,phone,reference\r\nSara\r\n") << u"Sara"_s << QString() << QString() << 1;
    QTest::newRow("Arabic name") << QByteArray("name,email\r\n") +
                                        u"فاطمة الكبيسي,f@example.qa\r\n"_s.toUtf8()
                                 << u"فاطمة الكبيسي"_s << u"f@example.qa"_s << QString() << 1;
}

void TestCsvImporter::parsesWhatSpreadsheetsWrite()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, token);
    QFETCH(int, rows);

    auto result = preview(csv);
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result->rows.size(), rows);
    const CsvImporter::Row &row = result->rows.constFirst();
    QVERIFY2(row.isValid(), row.errors.isEmpty() ? "" : qPrintable(row.errors.constFirst().toString()));
    QCOMPARE(row.customer.name, name);
    QCOMPARE(row.customer.email, email);
    QCOMPARE(row.token.has_value(), !token.isEmpty());
    if (row.token)
        QCOMPARE(row.token->token, token);
}

void TestCsvImporter::tokenIsKeptByteForByte()
{
    const QString token = u"Ab+/\\|==\"q\",x"_s;
    const QByteArray csv =
        "name,token,issued,first_amount,currency\r\nSara,\"Ab+/\\|==\"\"q\"\",x\",2026-10-01,1.5,KWD\r\n";
    auto result = preview(csv);
    QVERIFY(result.ok());
    const CsvImporter::Row &row = result->rows.constFirst();
    QVERIFY(row.isValid());
    QCOMPARE(row.token->token, token);
    QCOMPARE(row.token->issuedOn, QDate(2026, 10, 1));
    QCOMPARE(row.token->expiresOn, QDate(2027, 4, 1));
    QCOMPARE(row.token->currency, u"KWD"_s);
    QCOMPARE(row.token->firstAmount, std::optional<Money>(Money(1500, u"KWD"_s)));
}

void TestCsvImporter::lineNumbersCountPhysicalLines()
{
    const QByteArray csv = "name,email\r\n"
                           "\"Two\r\nLines\",a@example.qa\r\n"
                           "\r\n"
                           "Bad,not-an-email\r\n";
    auto result = preview(csv);
    QVERIFY(result.ok());
    QCOMPARE(result->rows.size(), 2);
    QCOMPARE(result->rows.at(0).line, 2);
    QCOMPARE(result->rows.at(1).line, 5);
    QCOMPARE(result->rows.at(1).errors.constFirst().field, u"email"_s);
}

void TestCsvImporter::rowErrorsNameTheColumn_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QString>("field");

    QTest::newRow("missing name") << QByteArray(",a@example.qa,,,,,,") << u"name"_s;
    QTest::newRow("blank name") << QByteArray("   ,a@example.qa,,,,,,") << u"name"_s;
    QTest::newRow("name with a line break") << QByteArray("\"Sa\nra\",a@example.qa,,,,,,") << u"name"_s;
    QTest::newRow("email without at") << QByteArray("Sara,sara.example.qa,,,,,,") << u"email"_s;
    QTest::newRow("email with a space") << QByteArray("Sara,sara @example.qa,,,,,,") << u"email"_s;
    QTest::newRow("phone with letters") << QByteArray("Sara,,call me,,,,,") << u"phone"_s;
    QTest::newRow("token with a space") << QByteArray("Sara,,,,ab cd,,2026-10-01,") << u"token"_s;
    QTest::newRow("token with a tab") << QByteArray("Sara,,,,ab\tcd,,2026-10-01,") << u"token"_s;
    QTest::newRow("token with a line break") << QByteArray("Sara,,,,\"ab\ncd\",,2026-10-01,") << u"token"_s;
    QTest::newRow("token with a trailing space") << QByteArray("Sara,,,,abcd ,,2026-10-01,") << u"token"_s;
    QTest::newRow("card details without a token") << QByteArray("Sara,,,,,Visa,2026-10-01,10") << u"token"_s;
    QTest::newRow("issued missing for a token") << QByteArray("Sara,,,,tok1,,,") << u"issued"_s;
    QTest::newRow("issued in day/month order") << QByteArray("Sara,,,,tok1,,01/10/2026,") << u"issued"_s;
    QTest::newRow("issued not a real day") << QByteArray("Sara,,,,tok1,,2026-02-30,") << u"issued"_s;
    QTest::newRow("issued in the future") << QByteArray("Sara,,,,tok1,,2027-01-01,") << u"issued"_s;
    QTest::newRow("first amount with letters")
        << QByteArray("Sara,,,,tok1,,2026-10-01,ten") << u"first_amount"_s;
    QTest::newRow("first amount with three decimals")
        << QByteArray("Sara,,,,tok1,,2026-10-01,1.234") << u"first_amount"_s;
    QTest::newRow("first amount zero") << QByteArray("Sara,,,,tok1,,2026-10-01,0") << u"first_amount"_s;
    QTest::newRow("first amount negative") << QByteArray("Sara,,,,tok1,,2026-10-01,-5") << u"first_amount"_s;
    QTest::newRow("more values than columns") << QByteArray("Sara,,,,,,,,extra") << u"row"_s;
}

void TestCsvImporter::rowErrorsNameTheColumn()
{
    QFETCH(QByteArray, row);
    QFETCH(QString, field);
    auto result = preview(header + row + "\r\n");
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result->rows.size(), 1);
    const CsvImporter::Row &r = result->rows.constFirst();
    QVERIFY(!r.isValid());
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors.constFirst().field, field);
    QVERIFY(!r.errors.constFirst().message.isEmpty());
    QCOMPARE(result->invalidRows(), 1);
    QCOMPARE(result->validRows(), 0);
}

void TestCsvImporter::oneRowCanHaveSeveralErrors()
{
    auto result = preview(header + ",bad,,,has space,,someday,x\r\nOk,ok@example.qa,,,,,,\r\n");
    QVERIFY(result.ok());
    QStringList fields;
    for (const Error &e : result->rows.at(0).errors)
        fields << e.field;
    fields.sort();
    QCOMPARE(fields, (QStringList{u"email"_s, u"first_amount"_s, u"issued"_s, u"name"_s, u"token"_s}));
    QVERIFY(result->rows.at(1).isValid());
    QCOMPARE(result->validRows(), 1);
}

void TestCsvImporter::fileErrors_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("messageContains");
    const QString notUtf8 = u"is not UTF-8 text"_s;
    QTest::newRow("empty file") << QByteArray() << u"is empty"_s;
    QTest::newRow("only blank lines") << QByteArray("\r\n\r\n") << u"is empty"_s;
    QTest::newRow("no name column") << QByteArray("email,phone\r\na@example.qa,123456\r\n") << QString();
    QTest::newRow("a column twice") << QByteArray("name,email,Name\r\nA,a@example.qa,B\r\n") << u"twice"_s;
    QTest::newRow("not UTF-8 (Windows-1256)") << QByteArray("name\r\n\xE3\xCD\xE3\xCF\xFF\r\n") << notUtf8;
    QTest::newRow("binary file") << QByteArray("name\r\n\x00\x01\x02", 9) << notUtf8;
    // A character cut off by the end of the file is invalid UTF-8: refused, never silently dropped.
    QTest::newRow("last character cut off (1 of 2 bytes)") << QByteArray("name\r\nOmar Had\xD8") << notUtf8;
    QTest::newRow("last character cut off (2 of 3 bytes)")
        << QByteArray("name,label\r\nOmar,Visa \xE2\x82") << notUtf8;
    QTest::newRow("last character cut off (3 of 4 bytes)")
        << QByteArray("name\r\nSara \xF0\x9F\x98") << notUtf8;
    QTest::newRow("last character cut off after a valid row")
        << QByteArray("name,token,issued\r\nAmal,Tkabcdefgh,2026-01-01\r\nOmar Had\xD8") << notUtf8;
    QTest::newRow("only a lead byte after a BOM") << QByteArray("\xEF\xBB\xBF\xD9") << notUtf8;
    QTest::newRow("quote never closed")
        << QByteArray("name,email\r\n\"Sara,s@example.qa\r\nOmar,o@example.qa\r\n") << u"never closed"_s;
}

void TestCsvImporter::fileErrors()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, messageContains);
    auto result = preview(csv);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().field, u"file"_s);
    QVERIFY(!result.error().message.isEmpty());
    QVERIFY2(result.error().message.contains(messageContains), qPrintable(result.error().message));
}

void TestCsvImporter::importAddsCustomersTokensAndAudit()
{
    const QByteArray csv =
        header + "Sara Al-Kuwari,sara@example.qa,+974 5512 3401,C-1,tok-sara-1,Visa,2026-10-01,123.45\r\n"
                 "Sara Al-Kuwari,sara@example.qa,+974 5512 3401,C-1,tok-sara-2,Master,2026-11-01,\r\n"
                 "Omar Haddad,omar@example.com,,,,,,\r\n";
    auto parsed = preview(csv);
    QVERIFY(parsed.ok());
    auto summary = CsvImporter::import(m_db->store(), parsed.value(), StaffMember::withEveryRight(u"Importer"_s), *m_clock);
    QVERIFY2(summary.ok(), qPrintable(summary.error().toString()));
    QCOMPARE(summary->customersAdded, 2);
    QCOMPARE(summary->customersExisting, 0);
    QCOMPARE(summary->tokensAdded, 2);
    QCOMPARE(summary->tokensExisting, 0);
    QCOMPARE(summary->rowsSkipped, 0);

    auto sara = m_db->store().customerByReference(u"C-1"_s);
    QVERIFY(sara.ok() && sara.value());
    QCOMPARE(sara.value()->phone, u"+974 5512 3401"_s);
    TokenQuery q;
    q.customerId = sara.value()->id;
    q.today = today();
    auto tokens = m_db->store().findTokens(q);
    QVERIFY(tokens.ok());
    QCOMPARE(tokens->size(), 2);
    auto first = m_db->store().tokenByText(u"tok-sara-1"_s);
    QVERIFY(first.ok() && first.value());
    QCOMPARE(first.value()->firstAmount, std::optional<Money>(Money(12345, u"QAR"_s)));
    QCOMPARE(first.value()->expiresOn, QDate(2027, 4, 1));
    QCOMPARE(first.value()->status, TokenStatus::Active);

    auto customerAudit = m_db->store().auditFor(u"customer"_s, sara.value()->id);
    QVERIFY(customerAudit.ok());
    QCOMPARE(customerAudit->size(), 1);
    QCOMPARE(customerAudit->constFirst().action, u"customer.imported"_s);
    QCOMPARE(customerAudit->constFirst().operatorName, u"Importer"_s);
    auto tokenAudit = m_db->store().auditFor(u"token"_s, first.value()->id);
    QVERIFY(tokenAudit.ok());
    QCOMPARE(tokenAudit->size(), 1);
    QCOMPARE(tokenAudit->constFirst().action, u"token.imported"_s);
    QVERIFY2(!tokenAudit->constFirst().detail.contains(u"tok-sara-1"_s),
             "the audit log holds masked tokens only");
}

void TestCsvImporter::reimportAddsNothing()
{
    const QByteArray csv = header + "Sara,sara@example.qa,,C-1,tok-1,Visa,2026-10-01,10\r\n"
                                    "Omar,omar@example.com,,,tok-2,,2026-10-01,\r\n"
                                    "Noor,,+974 1234,,,,,\r\n";
    auto parsed = preview(csv);
    QVERIFY(parsed.ok());
    QVERIFY(CsvImporter::import(m_db->store(), parsed.value(), StaffMember::withEveryRight(u"Importer"_s), *m_clock).ok());
    auto again = CsvImporter::import(m_db->store(), parsed.value(), StaffMember::withEveryRight(u"Importer"_s), *m_clock);
    QVERIFY(again.ok());
    QCOMPARE(again->customersAdded, 0);
    QCOMPARE(again->customersExisting, 3);
    QCOMPARE(again->tokensAdded, 0);
    QCOMPARE(again->tokensExisting, 2);

    CustomerQuery everyone;
    everyone.includeArchived = true;
    QCOMPARE(m_db->store().countCustomers(everyone).value(), 3);
    TokenQuery allTokens;
    allTokens.today = today();
    QCOMPARE(m_db->store().findTokens(allTokens).value().size(), 2);
}

void TestCsvImporter::customersAreMatchedByReferenceThenEmail()
{
    Customer byRef;
    byRef.name = u"Sara Al-Kuwari"_s;
    byRef.reference = u"C-1"_s;
    const qint64 sara = m_db->store().addCustomer(byRef).value();
    Customer byEmail;
    byEmail.name = u"Omar Haddad"_s;
    byEmail.email = u"omar@example.com"_s;
    const qint64 omar = m_db->store().addCustomer(byEmail).value();

    // Different spelling of the name, same reference / same email (other case): the same customers.
    auto parsed = preview(header + "S. Al-Kuwari,,,C-1,tok-a,,2026-10-01,\r\n"
                                   "Omar H.,OMAR@example.com,,,tok-b,,2026-10-01,\r\n");
    QVERIFY(parsed.ok());
    auto summary = CsvImporter::import(m_db->store(), parsed.value(), StaffMember::withEveryRight(u"Importer"_s), *m_clock);
    QVERIFY(summary.ok());
    QCOMPARE(summary->customersAdded, 0);
    QCOMPARE(summary->customersExisting, 2);
    QCOMPARE(summary->tokensAdded, 2);
    QCOMPARE(m_db->store().tokenByText(u"tok-a"_s).value()->customerId, sara);
    QCOMPARE(m_db->store().tokenByText(u"tok-b"_s).value()->customerId, omar);
    // Nothing about the existing customers was overwritten.
    QCOMPARE(m_db->store().customer(sara).value().name, u"Sara Al-Kuwari"_s);
}

void TestCsvImporter::invalidRowsAreSkippedValidOnesImported()
{
    auto parsed = preview(header + "Sara,sara@example.qa,,,tok-1,,2026-10-01,\r\n"
                                   "Bad,not-an-email,,,tok-2,,2026-10-01,\r\n");
    QVERIFY(parsed.ok());
    auto summary = CsvImporter::import(m_db->store(), parsed.value(), StaffMember::withEveryRight(u"Importer"_s), *m_clock);
    QVERIFY(summary.ok());
    QCOMPARE(summary->customersAdded, 1);
    QCOMPARE(summary->tokensAdded, 1);
    QCOMPARE(summary->rowsSkipped, 1);
    QVERIFY(!m_db->store().tokenByText(u"tok-2"_s).value().has_value());
}

void TestCsvImporter::importIsOneTransaction()
{
    auto parsed = preview(header + "Sara,sara@example.qa,,,tok-1,,2026-10-01,\r\n"
                                   "Omar,omar@example.com,,,tok-2,,2026-10-01,\r\n");
    QVERIFY(parsed.ok());
    // A row the store refuses after the first one was written (a hand-built preview bypasses the
    // checks): nothing of the file may remain.
    CsvImporter::Preview broken = parsed.value();
    broken.rows[1].token->issuedOn = QDate();
    auto summary = CsvImporter::import(m_db->store(), broken, StaffMember::withEveryRight(u"Importer"_s), *m_clock);
    QVERIFY(!summary.ok());
    CustomerQuery everyone;
    everyone.includeArchived = true;
    QCOMPARE(m_db->store().countCustomers(everyone).value(), 0);
    QVERIFY(!m_db->store().tokenByText(u"tok-1"_s).value().has_value());
}

QTEST_GUILESS_MAIN(TestCsvImporter)
#include "tst_csvimporter.moc"
