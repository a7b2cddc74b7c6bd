// fatora-cli's record keeping driven as scripts drive it: a separate process per command, a temporary
// database and the loopback simulator. Customers, tokens, history, import, start-up recovery.
#include "CliHarness.h"
#include "payments/PaymentService.h"
#include "store/sqlite/SqliteStore.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <limits>

#ifdef Q_OS_LINUX
#include <csignal>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString approveToken = u"Ab+/\\|==cli-approve9Xq="_s;
const QString declineToken = u"Ab+/\\|==cli-decline7Lm="_s;

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

void setUserVersion(const QString &path, int version)
{
    const QString connection = u"set-user-version"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA user_version = %1"_s.arg(version)));
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

#ifdef Q_OS_LINUX
// As root the kernel lets a process write a file whatever its mode says; dropped from the child's
// bounding set (it survives exec), the mode counts again: chmod 0444 then means read-only. Harmless
// when not root (the drop is refused and not needed).
void withoutFileRightsOverride()
{
    ::prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0);
    ::prctl(PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0);
}

// A full disk without mounting one: no file may grow (RLIMIT_FSIZE 0), and the write fails with an
// error instead of killing the process (SIGXFSZ ignored; the disposition survives exec).
void withFilesThatCannotGrow()
{
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit none{0, 0};
    ::setrlimit(RLIMIT_FSIZE, &none);
}
#endif

// The bytes a terminal would act on, or that would reorder what is shown.
bool hasRawControl(const QByteArray &out, bool crlfAllowed = false)
{
    QByteArray text = out;
    if (crlfAllowed)
        text.replace("\r\n", "\n");
    for (const char c : std::as_const(text)) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\n') || u == 0x7f)
            return true;
    }
    return text.contains("\xE2\x80\xAE") /* U+202E */ || text.contains("\xC2\x9B") /* U+009B CSI */;
}

} // namespace

class TestCli : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void versionAndHelp();
    void customersAddAndList();
    void tokensAddAndListMaskTokens();
    void tokenCanComeFromStdin();
    void historyCsvAndFilters();
    void historyJsonParses();
    void importAddsValidRowsOnceAndNamesBadOnes();
    void interruptedChargeBecomesUnknownAtStart();
    void unusableDatabaseIsAConfigurationProblem();

    // Issue 9
    void damagedDatabaseIsRefusedUntouched_data();
    void damagedDatabaseIsRefusedUntouched();
    void outputThatCannotBeWrittenIsAnError_data();
    void outputThatCannotBeWrittenIsAnError();
    void unprintableTextIsEscaped();
    void readOnlyDatabaseCanBeListed();
    void fullDiskAtOpenIsNamed();
    void everyStderrLineHasThePrefix();
};

void TestCli::init()
{
    openFixture(declineToken);
}

void TestCli::cleanup()
{
    m_store.reset();
    m_cli.reset();
}

void TestCli::versionAndHelp()
{
    CliRun run = m_cli->run({u"--version"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.outText().startsWith(u"fatora-cli "_s));

    run = m_cli->run({u"--help"_s});
    QCOMPARE(run.exitCode, 0);
    for (const QString &command : {u"customers"_s, u"tokens"_s, u"charge"_s, u"revoke"_s, u"verify"_s,
                                   u"refund"_s, u"history"_s, u"import"_s})
        QVERIFY2(run.outText().contains(u"\n  "_s + command + u' '), qPrintable(command));
    QVERIFY(run.err.isEmpty());

    run = m_cli->run({u"charge"_s, u"--help"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.outText().startsWith(u"Usage: fatora-cli [global options] charge --token ID"_s));
    QVERIFY(run.outText().contains(u"--amount <A>"_s));
    QVERIFY(run.outText().contains(u"--yes"_s));
}

void TestCli::customersAddAndList()
{
    CliRun run =
        m_cli->run({u"customers"_s, u"add"_s, u"--name"_s, u"Sara Al-Kuwari"_s, u"--email"_s,
                    u"sara@example.qa"_s, u"--phone"_s, u"+974 5512 3401"_s, u"--reference"_s, u"C-1"_s});
    QCOMPARE(run.exitCode, 0);
    bool isNumber = false;
    const qint64 sara = run.outText().trimmed().toLongLong(&isNumber);
    QVERIFY2(isNumber, qPrintable(run.describe()));
    QCOMPARE(m_store->customer(sara).value().reference, u"C-1"_s);
    auto audit = m_store->auditFor(u"customer"_s, sara);
    QVERIFY(audit.ok());
    QCOMPARE(audit->size(), 1);
    QCOMPARE(audit->constFirst().operatorName, u"cli-test"_s);

    run = m_cli->run({u"--json"_s, u"customers"_s, u"add"_s, u"--name"_s, u"فاطمة الكبيسي"_s});
    QCOMPARE(run.exitCode, 0);
    const qint64 fatima = run.json().object().value(u"id"_s).toInteger();
    QVERIFY(fatima > sara);
    QCOMPARE(run.json().object().value(u"name"_s).toString(), u"فاطمة الكبيسي"_s);

    run = m_cli->run({u"customers"_s, u"list"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.outText().contains(u"Sara Al-Kuwari"_s));
    QVERIFY(run.outText().contains(u"فاطمة الكبيسي"_s));

    run = m_cli->run({u"customers"_s, u"list"_s, u"--json"_s, u"--search"_s, u"sara"_s});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray found = run.json().array();
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).toObject().value(u"id"_s).toInteger(), sara);
    QCOMPARE(found.at(0).toObject().value(u"email"_s).toString(), u"sara@example.qa"_s);

    run = m_cli->run({u"--json"_s, u"customers"_s, u"list"_s, u"--limit"_s, u"1"_s});
    QCOMPARE(run.json().array().size(), 1);
}

void TestCli::tokensAddAndListMaskTokens()
{
    const qint64 c = customer(u"Sara"_s);
    CliRun run = m_cli->run({u"tokens"_s, u"add"_s, u"--customer"_s, QString::number(c), u"--token"_s,
                             approveToken, u"--label"_s, u"Visa"_s, u"--first-amount"_s, u"123.45"_s,
                             u"--issued"_s, QDate::currentDate().addDays(-3).toString(Qt::ISODate)});
    QCOMPARE(run.exitCode, 0);
    const qint64 id = run.outText().trimmed().toLongLong();
    QVERIFY2(id > 0, qPrintable(run.describe()));
    const CardToken stored = storedToken(id);
    QCOMPARE(stored.token, approveToken); // byte for byte, backslash and bar included
    QCOMPARE(stored.firstAmount, std::optional<Money>(Money(12345, u"QAR"_s)));
    QCOMPARE(stored.issuedOn, QDate::currentDate().addDays(-3));
    QCOMPARE(stored.expiresOn, CardToken::defaultExpiry(stored.issuedOn));
    auto audit = m_store->auditFor(u"token"_s, id);
    QVERIFY(audit.ok() && audit->size() == 1);
    QVERIFY(!audit->constFirst().detail.contains(approveToken));

    run = m_cli->run({u"tokens"_s, u"list"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.outText().contains(CardToken::maskToken(approveToken)));
    QVERIFY(!run.outText().contains(approveToken));

    run = m_cli->run({u"--json"_s, u"tokens"_s, u"list"_s, u"--customer"_s, QString::number(c)});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.outText().contains(approveToken));
    const QJsonObject listed = run.json().array().at(0).toObject();
    QCOMPARE(listed.value(u"token"_s).toString(), CardToken::maskToken(approveToken));
    QCOMPARE(listed.value(u"status"_s).toString(), u"active"_s);
    QCOMPARE(listed.value(u"first_amount"_s).toString(), u"123.45"_s);

    run = m_cli->run({u"--show-token"_s, u"--json"_s, u"tokens"_s, u"list"_s});
    QCOMPARE(run.json().array().at(0).toObject().value(u"token"_s).toString(), approveToken);

    run = m_cli->run({u"--json"_s, u"tokens"_s, u"list"_s, u"--status"_s, u"deactivated"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().array().size(), 0);
}

void TestCli::tokenCanComeFromStdin()
{
    const qint64 c = customer(u"Omar"_s);
    const CliRun run =
        m_cli->run({u"tokens"_s, u"add"_s, u"--customer"_s, QString::number(c), u"--token"_s, u"-"_s},
                   approveToken.toUtf8() + "\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(storedToken(run.outText().trimmed().toLongLong()).token, approveToken);
}

void TestCli::historyCsvAndFilters()
{
    const qint64 sara = customer(u"Sara, \"the\" =first"_s);
    const qint64 approved = token(sara, approveToken);
    const qint64 declined = token(customer(u"Omar"_s), declineToken);
    chargeJson(approved, {u"--amount"_s, u"1234.50"_s}, 0);
    chargeJson(declined, {u"--amount"_s, u"10"_s}, 1);

    CliRun run = m_cli->run({u"history"_s, u"--format"_s, u"csv"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("\xEF\xBB\xBF"
                               "payment_id,"));
    QCOMPARE(run.out.count("\r\n"), 3);
    QVERIFY(run.out.contains("1234.50"));
    QVERIFY(run.out.contains("\"Sara, \"\"the\"\" =first\""));
    QVERIFY(run.out.contains(CardToken::maskToken(approveToken).toUtf8()));
    QVERIFY(!run.out.contains(approveToken.toUtf8()));
    QVERIFY(!run.out.contains(declineToken.toUtf8()));

    run = m_cli->run({u"history"_s, u"--format"_s, u"csv"_s, u"--state"_s, u"declined"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.count("\r\n"), 2);
    QVERIFY(run.out.contains(",declined,"));

    run = m_cli->run({u"--json"_s, u"history"_s, u"--customer"_s, QString::number(sara)});
    QCOMPARE(run.json().array().size(), 1);
    QCOMPARE(run.json().array().at(0).toObject().value(u"amount"_s).toString(), u"1234.50"_s);

    const QString today = QDate::currentDate().toString(Qt::ISODate);
    run = m_cli->run({u"--json"_s, u"history"_s, u"--from"_s, today, u"--to"_s, today});
    QCOMPARE(run.json().array().size(), 2);
    const QString tomorrow = QDate::currentDate().addDays(1).toString(Qt::ISODate);
    run = m_cli->run({u"--json"_s, u"history"_s, u"--from"_s, tomorrow});
    QCOMPARE(run.json().array().size(), 0);

    run = m_cli->run({u"history"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.outText().contains(u"QAR 1234.50"_s));
    QVERIFY(run.outText().contains(u"declined"_s));
}

void TestCli::historyJsonParses()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    chargeJson(t, {u"--amount"_s, u"5"_s}, 0);
    const CliRun run = m_cli->run({u"history"_s, u"--format"_s, u"json"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.json().isArray(), qPrintable(run.describe()));
    const QJsonObject o = run.json().array().at(0).toObject();
    QCOMPARE(o.value(u"state"_s).toString(), u"approved"_s);
    QCOMPARE(o.value(u"customer"_s).toString(), u"Sara"_s);
    QCOMPARE(o.value(u"amount"_s).toString(), u"5.00"_s);
}

void TestCli::importAddsValidRowsOnceAndNamesBadOnes()
{
    const QString path = m_cli->dirPath() + u"/customers.csv"_s;
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QString issued = QDate::currentDate().addDays(-5).toString(Qt::ISODate);
    file.write("\xEF\xBB\xBFName,Email,Phone,Reference,Token,Label,Issued,First_Amount\r\n");
    file.write(
        u"\"Al-Kuwari, Sara\",sara@example.qa,+974 5512,C-1,%1,Visa,%2,10.50\r\n"_s.arg(approveToken, issued)
            .toUtf8());
    file.write(u"Omar,not-an-email,,C-2,,,,\r\n"_s.toUtf8());
    file.write(u"Noor,noor@example.qa,,C-3,%1,,%2,\r\n"_s.arg(declineToken, issued).toUtf8());
    file.close();

    CliRun run = m_cli->run({u"import"_s, path});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.outText().contains(u"customers added: 2"_s), qPrintable(run.describe()));
    QVERIFY(run.outText().contains(u"card tokens added: 2"_s));
    QVERIFY(run.outText().contains(u"skipped because of problems: 1"_s));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY(run.errText().contains(u"line 3: email:"_s));
    QCOMPARE(m_store->tokenByText(approveToken).value()->firstAmount,
             std::optional<Money>(Money(1050, u"QAR"_s)));
    QVERIFY(!m_store->customerByReference(u"C-2"_s).value().has_value());

    run = m_cli->run({u"--json"_s, u"import"_s, path});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject summary = run.json().object();
    QCOMPARE(summary.value(u"customers_added"_s).toInt(), 0);
    QCOMPARE(summary.value(u"customers_existing"_s).toInt(), 2);
    QCOMPARE(summary.value(u"tokens_added"_s).toInt(), 0);
    QCOMPARE(summary.value(u"tokens_existing"_s).toInt(), 2);
    QCOMPARE(summary.value(u"problems"_s).toArray().size(), 1);
    QCOMPARE(summary.value(u"problems"_s).toArray().at(0).toObject().value(u"field"_s).toString(),
             u"email"_s);
    CustomerQuery everyone;
    QCOMPARE(m_store->countCustomers(everyone).value(), 2);
}

void TestCli::interruptedChargeBecomesUnknownAtStart()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    // What a process killed mid-charge leaves behind: a pending row and no answer.
    Payment p;
    p.orderId = u"BO-20261125-CRASHED001"_s;
    p.tokenId = t;
    p.customerId = storedToken(t).customerId;
    p.amount = Money(900, u"QAR"_s);
    p.currency = u"QAR"_s;
    p.state = PaymentState::Pending;
    // Older than PaymentService::OrphanAfterSecs: no live process can still be waiting for it.
    p.createdAt = QDateTime::currentDateTimeUtc().addSecs(-PaymentService::OrphanAfterSecs - 60);
    p.updatedAt = p.createdAt;
    const qint64 id = m_store->insertPayment(p).value();

    const CliRun run = m_cli->run({u"customers"_s, u"list"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.errText().contains(u"verify --pending"_s), qPrintable(run.describe()));
    QCOMPARE(payment(id).state, PaymentState::Unknown);
    QCOMPARE(m_cli->simulator().requestCount(), 0); // recovery never re-sends

    // A young pending row may be another desk's call in flight: left alone. (On another card: a
    // card has one open charge at most, and the first one is still unknown.)
    p.tokenId = token(storedToken(t).customerId, u"tok+inflight/2nd="_s);
    p.orderId = u"BO-20261125-INFLIGHT01"_s;
    p.createdAt = QDateTime::currentDateTimeUtc();
    p.updatedAt = p.createdAt;
    const qint64 young = m_store->insertPayment(p).value();
    QCOMPARE(m_cli->run({u"customers"_s, u"list"_s}).exitCode, 0);
    QCOMPARE(payment(young).state, PaymentState::Pending);
}

void TestCli::unusableDatabaseIsAConfigurationProblem()
{
    // A directory where the file should be: SQLite cannot open it.
    const CliRun run =
        m_cli->runRaw({u"--database"_s, m_cli->dirPath(), u"customers"_s, u"list"_s}, m_cli->environment());
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY(run.errText().startsWith(u"fatora-cli: database "_s));
}

void TestCli::damagedDatabaseIsRefusedUntouched_data()
{
    QTest::addColumn<int>("userVersion"); // 0: the file is not a database at all
    QTest::addColumn<QString>("mentions");
    QTest::newRow("schema version -1") << -1 << u"schema version -1"_s;
    QTest::newRow("most negative schema version")
        << std::numeric_limits<int>::min() << u"schema version -2147483648"_s;
    QTest::newRow("schema version 999 (newer)") << 999 << u"newer version"_s;
    QTest::newRow("not a database") << 0 << u"not a database"_s;
}

// Issue 9 #6: a negative schema version crashed the migration. Any version we do not know: exit 4,
// one line, and the file byte for byte as it was.
void TestCli::damagedDatabaseIsRefusedUntouched()
{
    QFETCH(int, userVersion);
    QFETCH(QString, mentions);
    const QString path = m_cli->dirPath() + u"/damaged.sqlite"_s;
    if (userVersion == 0) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'n'));
    } else {
        {
            auto opened = SqliteStore::open(path);
            QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
            addCustomer(*opened.value(), u"Written Before"_s);
        }
        setUserVersion(path, userVersion);
    }
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
    const QByteArray before = fileDigest(path);
    QVERIFY(!before.isEmpty());

    for (const QString &command : {u"customers"_s, u"history"_s}) {
        const QStringList arguments = command == u"customers"_s
                                          ? QStringList{u"--database"_s, path, u"customers"_s, u"list"_s}
                                          : QStringList{u"--database"_s, path, u"history"_s};
        const CliRun run = m_cli->runRaw(arguments, m_cli->environment());
        QVERIFY2(run.exitCode == 4, qPrintable(run.describe()));
        QVERIFY2(run.errLines().size() == 1, qPrintable(run.describe()));
        QVERIFY2(run.errText().startsWith(u"fatora-cli: database "_s), qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(mentions), qPrintable(run.describe()));
        QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
        QCOMPARE(fileDigest(path), before);
        QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
    }
}

void TestCli::outputThatCannotBeWrittenIsAnError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("expectedExit");
    QTest::newRow("history as CSV, the issue's example")
        << QStringList{u"history"_s, u"--format"_s, u"csv"_s} << 4;
    QTest::newRow("history as a table") << QStringList{u"history"_s} << 4;
    QTest::newRow("history as JSON") << QStringList{u"--json"_s, u"history"_s} << 4;
    QTest::newRow("customers list") << QStringList{u"customers"_s, u"list"_s} << 4;
    QTest::newRow("customers add prints the id")
        << QStringList{u"customers"_s, u"add"_s, u"--name"_s, u"Ali"_s} << 4;
    QTest::newRow("version") << QStringList{u"--version"_s} << 4;
    QTest::newRow("a command's help") << QStringList{u"charge"_s, u"--help"_s} << 4;
    QTest::newRow("declined charge keeps its exit code")
        << QStringList{u"charge"_s, u"--token"_s, u"DECLINE"_s, u"--amount"_s, u"3"_s, u"--yes"_s} << 1;
}

// Issue 9 #7: "history --format csv > /dev/full" exited 0 with nothing written.
void TestCli::outputThatCannotBeWrittenIsAnError()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, expectedExit);
    if (!QFileInfo::exists(u"/dev/full"_s))
        QSKIP("no /dev/full on this system");
    const qint64 sara = customer(u"Sara"_s);
    chargeJson(token(sara, approveToken), {u"--amount"_s, u"5"_s}, 0);
    const qint64 decline = token(sara, declineToken);
    arguments.replaceInStrings(u"DECLINE"_s, QString::number(decline));

    RunOptions toFullDisk;
    toFullDisk.stdoutFile = u"/dev/full"_s;
    const CliRun run = m_cli->run(arguments, toFullDisk);
    QVERIFY2(run.exitCode == expectedExit, qPrintable(run.describe()));
    QVERIFY2(run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.errText().startsWith(u"fatora-cli: could not write the output: "_s),
             qPrintable(run.describe()));
    QVERIFY2(run.errText().contains(u"No space left on device"_s), qPrintable(run.describe()));
}

// Issue 9 #9: escape sequences, CR, NUL and bidi overrides from labels, names and the gateway reached
// the terminal and the CSV raw.
void TestCli::unprintableTextIsEscaped()
{
    const QString hostileName = u"Sara\x1b[2J\rMallory"_s + QChar(u'\0') + u"\x202Etxt.exe\x9b"_s;
    const QString hostileLabel = u"Visa\x1b]0;pwned\x07"_s;
    const QString hostileDescription = u"Approved\r\nOK\x1b[31m\x202E"_s;
    // The store refuses such text now (issue 9 #9), so it is planted with plain SQL, as an older
    // version or another tool could have left it: the output must stay safe whatever is stored.
    const qint64 sara = customer(u"Sara"_s);
    const qint64 t = token(sara, approveToken);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"plant"_s);
        db.setDatabaseName(m_cli->databasePath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.prepare(u"UPDATE customers SET name = ? WHERE id = ?"_s));
        q.addBindValue(hostileName);
        q.addBindValue(sara);
        QVERIFY(q.exec());
        QVERIFY(q.prepare(u"UPDATE card_tokens SET label = ? WHERE id = ?"_s));
        q.addBindValue(hostileLabel);
        q.addBindValue(t);
        QVERIFY(q.exec());
    }
    QSqlDatabase::removeDatabase(u"plant"_s);

    // The plain charge report names the customer and the card label.
    CliRun run =
        m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"5"_s, u"--yes"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(!hasRawControl(run.out), run.out.constData());
    QVERIFY2(run.outText().contains(u"Sara\\x1b[2J\\x0dMallory\\x00\\u202etxt.exe\\x9b"_s),
             qPrintable(run.outText()));
    QVERIFY2(run.outText().contains(u"Visa\\x1b]0;pwned\\x07"_s), qPrintable(run.outText()));

    // A gateway's description, stored as it came.
    auto rows = m_store->findPayments(PaymentQuery{});
    QVERIFY(rows.ok());
    Payment p = rows->constFirst().payment;
    p.description = hostileDescription;
    QVERIFY(m_store->updatePayment(p).ok());

    for (const QStringList &arguments : {QStringList{u"customers"_s, u"list"_s},
                                         QStringList{u"tokens"_s, u"list"_s}, QStringList{u"history"_s}}) {
        run = m_cli->run(arguments);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(!hasRawControl(run.out), run.out.constData());
        QVERIFY2(run.outText().contains(u"\\x1b[2J"_s), qPrintable(run.outText()));
    }

    run = m_cli->run({u"history"_s, u"--format"_s, u"csv"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(!hasRawControl(run.out, true), run.out.constData());
    QCOMPARE(run.out.count("\r\n"), 2); // the line ends, and no other CR
    QVERIFY2(run.out.contains("Approved\nOK\\x1b[31m\\u202e"), run.out.constData()); // quoted cell
    QVERIFY2(run.out.contains("Visa\\x1b]0;pwned\\x07"), run.out.constData());

    // JSON keeps the stored text exactly: its control characters come as \u escapes, which a
    // terminal shows as text; a bidi override stays itself (docs/cli.md).
    run = m_cli->run({u"--json"_s, u"history"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.out.contains('\x1b') && !run.out.contains('\r'));
    const QJsonObject o = run.json().array().at(0).toObject();
    QCOMPARE(o.value(u"customer"_s).toString(), hostileName);
    QCOMPARE(o.value(u"description"_s).toString(), hostileDescription);

    // A message quoting what was typed.
    run = m_cli->run({u"history"_s, u"--state"_s, u"\x1b[31mpaid\r"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(!hasRawControl(run.err), run.err.constData());
    QVERIFY2(run.errText().contains(u"\\x1b[31mpaid"_s), qPrintable(run.errText()));
}

// Issue 9 #11: a database this user may not write could not even be listed.
void TestCli::readOnlyDatabaseCanBeListed()
{
#ifndef Q_OS_LINUX
    QSKIP("uses Linux process rights to make the file read-only for root too");
#else
    customer(u"Sara"_s);
    m_store.reset(); // closed: no -wal, no -shm
    const QString path = m_cli->databasePath();
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const QByteArray before = fileDigest(path);
    RunOptions readOnly;
    readOnly.childSetup = withoutFileRightsOverride;

    CliRun run = m_cli->run({u"customers"_s, u"list"_s}, readOnly);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.outText().contains(u"Sara"_s), qPrintable(run.describe()));
    QVERIFY2(run.errText().startsWith(u"fatora-cli: "_s) && run.errText().contains(u"read-only"_s),
             qPrintable(run.describe()));
    run = m_cli->run({u"--json"_s, u"history"_s}, readOnly);
    QVERIFY2(run.exitCode == 0 && run.json().isArray(), qPrintable(run.describe()));

    run = m_cli->run({u"customers"_s, u"add"_s, u"--name"_s, u"Omar"_s}, readOnly);
    QVERIFY2(run.exitCode == 4, qPrintable(run.describe()));
    QVERIFY2(run.errLines().size() == 2, qPrintable(run.describe())); // the note, then the refusal
    QVERIFY2(run.errLines().constLast().contains(u"read-only for this user: nothing was written"_s),
             qPrintable(run.describe()));
    QVERIFY(run.out.isEmpty());

    QCOMPARE(fileDigest(path), before);
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
    QVERIFY(!QFileInfo::exists(path + u"-shm"_s));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
#endif
}

// Issue 9 #11: a full disk at open said "could not read the database settings".
void TestCli::fullDiskAtOpenIsNamed()
{
#ifndef Q_OS_LINUX
    QSKIP("simulates a full disk with Linux resource limits");
#else
    customer(u"Sara"_s);
    m_store.reset(); // closed: the next open must create the -wal and -shm files again
    const QByteArray before = fileDigest(m_cli->databasePath());
    RunOptions fullDisk;
    fullDisk.childSetup = withFilesThatCannotGrow;

    const CliRun run = m_cli->run({u"customers"_s, u"list"_s}, fullDisk);
    QVERIFY2(run.exitCode == 4, qPrintable(run.describe()));
    QVERIFY2(run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.errText().startsWith(u"fatora-cli: database "_s), qPrintable(run.describe()));
    QVERIFY2(run.errText().contains(u"Could not open the database"_s), qPrintable(run.describe()));
    QVERIFY2(run.errText().contains(u"disk may be full"_s), qPrintable(run.describe()));
    QVERIFY2(!run.errText().contains(u"settings"_s), qPrintable(run.describe()));
    QCOMPARE(fileDigest(m_cli->databasePath()), before);
#endif
}

// Issue 9 #11: "some stderr lines lack the fatora-cli: prefix". The core's log lines too.
void TestCli::everyStderrLineHasThePrefix()
{
    QProcessEnvironment env = m_cli->environment();
    env.insert(u"QT_LOGGING_RULES"_s, u"fatora.*=true"_s);
    const QString fresh = m_cli->dirPath() + u"/fresh.sqlite"_s;
    const CliRun run = m_cli->runRaw({u"--database"_s, fresh, u"customers"_s, u"list"_s}, env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.errLines().size() > 1, qPrintable(run.describe())); // the core did log something
    for (const QString &line : run.errLines())
        QVERIFY2(line.startsWith(u"fatora-cli: "_s), qPrintable(run.describe()));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
