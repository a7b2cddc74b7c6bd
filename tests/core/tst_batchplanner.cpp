// The billing run's dry run (issue 16 #1): every bad row of a batch file is listed with the right
// reason (BatchSkip), never silently dropped, and nothing is written or sent. File-level problems
// name the line and the fix.
#include "batches/BatchFile.h"
#include "batches/BatchPlanner.h"
#include "batches/BatchService.h"
#include "TestSupport.h"

#include <QHash>
#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

class TestBatchPlanner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void eachRowGetsItsReason_data();
    void eachRowGetsItsReason();
    void fileProblemsNameTheLine_data();
    void fileProblemsNameTheLine();
    void everyRowIsListedAndNothingIsWritten();
    void selectedCustomersShareTheRules();
    void textsFromTheFileNeverRepeatAToken();
    void skippedRowsKeepNoNoteAndAreSaved();

private:
    qint64 customer(const QString &name, const QString &reference);
    QByteArray withIds(QString csv) const;

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<ManualClock> m_clock;
    QHash<QString, qint64> m_ids; // placeholder -> card id
};

qint64 TestBatchPlanner::customer(const QString &name, const QString &reference)
{
    Customer c;
    c.name = name;
    c.reference = reference;
    c.createdAt = m_clock->now();
    auto id = m_db->store().addCustomer(c);
    if (!id.ok())
        qFatal("customer: %s", qPrintable(id.error().toString()));
    return id.value();
}

QByteArray TestBatchPlanner::withIds(QString csv) const
{
    for (auto it = m_ids.cbegin(); it != m_ids.cend(); ++it)
        csv.replace(it.key(), QString::number(it.value()));
    return csv.toUtf8();
}

void TestBatchPlanner::init()
{
    m_db = std::make_unique<TempDatabase>();
    m_clock = std::make_unique<ManualClock>(fixedNow());
    Store &s = m_db->store();
    const QDate today = m_clock->today();
    const Money fifty(5000, u"QAR"_s);
    m_ids[u"%ACTIVE%"_s] =
        addToken(s, customer(u"Active One"_s, u"ACT-1"_s), u"tok-active-0001"_s, today, 10, fifty);
    const qint64 two = customer(u"Two Cards"_s, u"TWO"_s);
    addToken(s, two, u"tok-two-a-0001"_s, today, 10, fifty);
    addToken(s, two, u"tok-two-b-0002"_s, today, 10, fifty);
    customer(u"No Card"_s, u"NONE"_s);
    const qint64 archived = customer(u"Archived"_s, u"ARCH"_s);
    addToken(s, archived, u"tok-archived-01"_s, today, 10, fifty);
    Customer a = s.customer(archived).value();
    a.archived = true;
    QVERIFY(s.updateCustomer(a).ok());
    m_ids[u"%EXPIRED%"_s] =
        addToken(s, customer(u"Expired"_s, u"EXP"_s), u"tok-expired-001"_s, today, 200, fifty);
    const qint64 revokedId =
        addToken(s, customer(u"Revoked"_s, u"REV"_s), u"tok-revoked-001"_s, today, 10, fifty);
    m_ids[u"%REVOKED%"_s] = revokedId;
    CardToken revoked = s.token(revokedId).value();
    revoked.status = TokenStatus::Deactivated;
    revoked.statusChangedAt = m_clock->now();
    QVERIFY(s.updateToken(revoked).ok());
    addToken(s, customer(u"No First"_s, u"NOFIRST"_s), u"tok-nofirst-001"_s, today, 10);

    auto charge = [&](const QString &ref, const QString &token, PaymentState state, const QString &order) {
        const qint64 tokenId = addToken(s, customer(ref, ref), token, today, 10, fifty);
        Payment p;
        p.orderId = order;
        p.tokenId = tokenId;
        p.customerId = s.token(tokenId).value().customerId;
        p.amount = Money(1000, u"QAR"_s);
        p.currency = u"QAR"_s;
        p.state = state;
        p.createdAt = m_clock->now().addSecs(-120);
        p.updatedAt = p.createdAt;
        auto id = s.insertPayment(p);
        QVERIFY2(id.ok(), qPrintable(id.error().toString()));
    };
    charge(u"OPEN"_s, u"tok-open-00001"_s, PaymentState::Unknown, u"BO-OPEN-1"_s);
    charge(u"RECENT"_s, u"tok-recent-0001"_s, PaymentState::Approved, u"BO-RECENT-1"_s);
}

void TestBatchPlanner::cleanup()
{
    m_db.reset();
    m_ids.clear();
}

void TestBatchPlanner::eachRowGetsItsReason_data()
{
    QTest::addColumn<QString>("rows");  // after the header; the last row is the one judged
    QTest::addColumn<QString>("skip");  // "" when it is charged
    QTest::addColumn<QString>("words"); // part of the reason

    QTest::newRow("charged") << u"ACT-1,,10.00,monthly"_s << QString() << QString();
    QTest::newRow("blank amount: the first payment") << u"ACT-1,,,"_s << QString() << QString();
    QTest::newRow("by token_id") << u",%ACTIVE%,10,"_s << QString() << QString();
    QTest::newRow("arabic digits are an amount") << u"ACT-1,,١٠٫٥٠,"_s << QString() << QString();
    QTest::newRow("formula-looking note is data")
        << u"ACT-1,,10,=HYPERLINK(\"x\")"_s << QString() << QString();
    QTest::newRow("no card named") << u",,10.00,"_s << u"no-card-named"_s << u"names no card"_s;
    QTest::newRow("both cards named") << u"ACT-1,%ACTIVE%,10.00,"_s << u"both-cards-named"_s << u"keep one"_s;
    QTest::newRow("token_id not a number") << u",abc,10.00,"_s << u"bad-token-id"_s << u"token_id"_s;
    QTest::newRow("token_id negative") << u",-4,10.00,"_s << u"bad-token-id"_s << u"token_id"_s;
    QTest::newRow("unknown token") << u",999999,10.00,"_s << u"unknown-token"_s << u"999999"_s;
    QTest::newRow("unknown reference") << u"NOPE,,10.00,"_s << u"unknown-reference"_s << u"no customer has this reference"_s;
    QTest::newRow("archived customer") << u"ARCH,,10,"_s << u"customer-archived"_s << u"archived"_s;
    QTest::newRow("no active card") << u"NONE,,10,"_s << u"no-active-card"_s << u"no active card"_s;
    QTest::newRow("expired card by reference: none active")
        << u"EXP,,10,"_s << u"no-active-card"_s << u"no active card"_s;
    QTest::newRow("several active cards") << u"TWO,,10,"_s << u"several-cards"_s << u"token_id"_s;
    QTest::newRow("expired card") << u",%EXPIRED%,10,"_s << u"card-expired"_s << u"expired"_s;
    QTest::newRow("revoked card") << u",%REVOKED%,10,"_s << u"card-not-active"_s << u"revoked"_s;
    QTest::newRow("open charge") << u"OPEN,,10,"_s << u"open-charge"_s << u"BO-OPEN-1"_s;
    QTest::newRow("duplicate row") << u"ACT-1,,10,\nACT-1,,11,"_s << u"duplicate-row"_s << u"line 2"_s;
    QTest::newRow("duplicate by id and reference")
        << u"ACT-1,,10,\n,%ACTIVE%,11,"_s << u"duplicate-row"_s << u"line 2"_s;
    QTest::newRow("negative amount") << u"ACT-1,,-5,"_s << u"bad-amount"_s << u"amount"_s;
    QTest::newRow("zero amount") << u"ACT-1,,0,"_s << u"bad-amount"_s << u"amount"_s;
    QTest::newRow("letters for amount") << u"ACT-1,,ten,"_s << u"bad-amount"_s << u"amount"_s;
    QTest::newRow("too many decimals") << u"ACT-1,,10.001,"_s << u"bad-amount"_s << u"amount"_s;
    QTest::newRow("no first amount for a blank")
        << u"NOFIRST,,,"_s << u"no-first-amount"_s << u"write the amount"_s;
    QTest::newRow("far above the first payment")
        << u"ACT-1,,500.00,"_s << u"far-above-first-payment"_s << u"first payment"_s;
    QTest::newRow("charged minutes ago") << u"RECENT,,10,"_s << u"recent-charge"_s << u"BO-RECENT-1"_s;
    QTest::newRow("too many columns") << u"ACT-1,,10,note,extra"_s << u"too-many-columns"_s << u"quote"_s;
    QTest::newRow("cell too long") << u"ACT-1,,10,"_s + QString(5000, u'x') << u"cell-too-long"_s
                                   << u"4096"_s;
    QTest::newRow("control character in note") << u"ACT-1,,10,a\u001b[2Jb"_s << u"bad-note"_s << u"note"_s;
}

void TestBatchPlanner::eachRowGetsItsReason()
{
    QFETCH(QString, rows);
    QFETCH(QString, skip);
    QFETCH(QString, words);
    const QByteArray csv = withIds(u"customer_reference,token_id,amount,note\n"_s + rows + u"\n"_s);
    auto read = BatchFile::read(csv);
    QVERIFY2(read.ok(), qPrintable(read.error().toString()));
    auto planned = BatchPlanner::plan(m_db->store(), read.value(), *m_clock);
    QVERIFY2(planned.ok(), qPrintable(planned.error().toString()));
    QCOMPARE(planned->size(), read->size()); // never dropped
    const BatchItem &item = planned->last();
    QCOMPARE(item.skip, skip);
    QCOMPARE(item.state, skip.isEmpty() ? BatchItemState::Queued : BatchItemState::Skipped);
    if (skip.isEmpty()) {
        QVERIFY(item.tokenId > 0);
        QVERIFY(item.plannedAmount().has_value());
        QVERIFY(!item.tokenMask.contains(u"tok-"_s)); // masked
        QVERIFY(!item.customerName.isEmpty());
    } else {
        QVERIFY2(item.reason.contains(words), qPrintable(item.reason));
        QVERIFY2(item.reason.contains(u"line %1"_s.arg(item.line)), qPrintable(item.reason));
    }
}

void TestBatchPlanner::fileProblemsNameTheLine_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("words");

    QTest::newRow("not UTF-8") << QByteArray("customer_reference,amount\nACT-1,10\nR\xe9sum\xe9,10\n")
                               << u"line 3 is not UTF-8"_s;
    QTest::newRow("cut multibyte at the end")
        << QByteArray("customer_reference,amount\nACT-1,\xd9") << u"line 2 is not UTF-8"_s;
    QTest::newRow("NUL byte") << QByteArray("customer_reference,amount\nAC\0T,10\n", 34) << u"not UTF-8"_s;
    QTest::newRow("empty") << QByteArray("\n\n") << u"is empty"_s;
    QTest::newRow("misspelt column") << QByteArray("customer_reference,ammount\nACT-1,10\n")
                                     << u"\"ammount\""_s;
    QTest::newRow("repeated column") << QByteArray("token_id,amount,amount\n1,2,3\n") << u"appears twice"_s;
    QTest::newRow("no amount column") << QByteArray("customer_reference\nACT-1\n") << u"no amount column"_s;
    QTest::newRow("no card column") << QByteArray("amount,note\n10,x\n")
                                    << u"token_id or customer_reference"_s;
    QTest::newRow("quote never closed")
        << QByteArray("customer_reference,amount\n\"ACT-1,10\n") << u"never closed"_s;
}

void TestBatchPlanner::fileProblemsNameTheLine()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, words);
    auto read = BatchFile::read(csv);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().field, u"file"_s);
    QVERIFY2(read.error().message.contains(words), qPrintable(read.error().message));
}

void TestBatchPlanner::everyRowIsListedAndNothingIsWritten()
{
    const auto before = m_db->store().counts().value();
    const QByteArray csv =
        withIds(u"\uFEFFtoken_id,amount,note\r\n%ACTIVE%,10,a\r\n\r\n,5,b\r\n%REVOKED%,5,c\r\n"_s);
    auto read = BatchFile::read(csv);
    QVERIFY2(read.ok(), qPrintable(read.error().toString()));
    auto planned = BatchPlanner::plan(m_db->store(), read.value(), *m_clock);
    QVERIFY(planned.ok());
    QCOMPARE(planned->size(), 3);
    QCOMPARE(planned->at(0).state, BatchItemState::Queued);
    QCOMPARE(planned->at(0).note, u"a"_s);
    QCOMPARE(planned->at(1).line, 4);
    QCOMPARE(planned->at(1).skip, u"no-card-named"_s);
    QCOMPARE(planned->at(2).skip, u"card-not-active"_s);
    const auto after = m_db->store().counts().value();
    QCOMPARE(after.payments, before.payments);
    QCOMPARE(after.auditEntries, before.auditEntries);
}

void TestBatchPlanner::selectedCustomersShareTheRules()
{
    const qint64 active = m_db->store().token(m_ids.value(u"%ACTIVE%"_s)).value().customerId;
    const qint64 none = m_db->store().customerByReference(u"NONE"_s).value().value().id;
    auto planned = BatchPlanner::planCustomers(m_db->store(), {active, none, active}, u"20.00"_s, *m_clock);
    QVERIFY(planned.ok());
    QCOMPARE(planned->size(), 3);
    QCOMPARE(planned->at(0).amount, std::optional<Money>(Money(2000, u"QAR"_s)));
    QCOMPARE(planned->at(1).skip, u"no-active-card"_s);
    QCOMPARE(planned->at(2).skip, u"duplicate-row"_s);
}

void TestBatchPlanner::textsFromTheFileNeverRepeatAToken()
{
    // A file without its header row: its first cell may be a card token of any database.
    const QString token = u"cardToken+/\\|9f8e7d6c5b4a3210"_s;
    auto headerless = BatchFile::read((token + u",10.00\n"_s).toUtf8());
    QVERIFY(!headerless.ok());
    QVERIFY2(!headerless.error().message.contains(u"cardToken"_s), qPrintable(headerless.error().message));
    QVERIFY2(headerless.error().message.contains(u"column 1"_s), qPrintable(headerless.error().message));
    // A token of another database in the reference column (this one has no such card).
    auto read = BatchFile::read((u"customer_reference,amount,note\n"_s + token + u",10,x\n"_s).toUtf8());
    QVERIFY(read.ok());
    auto planned = BatchPlanner::plan(m_db->store(), read.value(), *m_clock);
    QVERIFY(planned.ok());
    const BatchItem &item = planned->first();
    QCOMPARE(item.skip, u"unknown-reference"_s);
    for (const QString &text : {item.given, item.reason, item.note})
        QVERIFY2(!text.contains(u"cardToken"_s), qPrintable(text));
}

void TestBatchPlanner::skippedRowsKeepNoNoteAndAreSaved()
{
    // A note the store would refuse (control characters) on a skipped row, beside a good row: the
    // dry run lists it skipped and the batch is saved.
    const QByteArray csv = withIds(u"token_id,amount,note\n%ACTIVE%,10,fine\n%REVOKED%,5,bad\anote\n"
                                   ",5,another\x01\n"_s);
    auto read = BatchFile::read(csv);
    QVERIFY(read.ok());
    auto planned = BatchPlanner::plan(m_db->store(), read.value(), *m_clock);
    QVERIFY(planned.ok());
    QCOMPARE(planned->at(0).note, u"fine"_s);
    QCOMPARE(planned->at(1).state, BatchItemState::Skipped);
    QCOMPARE(planned->at(1).note, QString());
    QCOMPARE(planned->at(2).skip, u"no-card-named"_s); // the first problem of the row is named
    BatchService batches(m_db->store(), *m_clock);
    auto id = batches.create(u"Notes"_s, u"notes.csv"_s, planned.value());
    QVERIFY2(id.ok(), qPrintable(id.error().toString()));
    QCOMPARE(batches.items(id.value())->size(), 3);
}

QTEST_GUILESS_MAIN(TestBatchPlanner)
#include "tst_batchplanner.moc"
