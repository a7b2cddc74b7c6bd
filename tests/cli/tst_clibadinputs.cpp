// Bad input to fatora-cli: every row must exit 2 with exactly one line on stderr that names the
// problem, print nothing on stdout, write nothing to the database and send nothing to the gateway.

#include "CliHarness.h"
#include "store/sqlite/SqliteStore.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString activeToken = u"Ab+/\\|==bad-inputs-active"_s;
const QString declineToken = u"Ab+/\\|==bad-inputs-decline"_s;
const QString revokedToken = u"Ab+/\\|==bad-inputs-revoked"_s;

} // namespace

class TestCliBadInputs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void refusedWithoutSideEffects_data();
    void refusedWithoutSideEffects();
    void tokenFromStdinMustBeUtf8_data();
    void tokenFromStdinMustBeUtf8();

private:
    qint64 runForId(const QStringList &arguments, const QString &key, int expectedExit);

    std::unique_ptr<CliHarness> m_cli;
    QString m_customer;
    QString m_otherCustomer;
    QString m_active;
    QString m_revoked;
    QString m_approvedPayment;
    QString m_declinedPayment;
    QString m_notUtf8File;
    QString m_noNameFile;
};

qint64 TestCliBadInputs::runForId(const QStringList &arguments, const QString &key, int expectedExit)
{
    const CliRun run = m_cli->run(QStringList{u"--json"_s} + arguments);
    if (run.exitCode != expectedExit)
        qFatal("fixture command failed: %s", qPrintable(run.describe()));
    return run.json().object().value(key).toInteger();
}

// The fixture is built through the CLI itself: a customer with a reference, an active token, a
// revoked one, an approved and a declined payment.
void TestCliBadInputs::initTestCase()
{
    m_cli = std::make_unique<CliHarness>();
    SimulatedBehaviour declined;
    declined.kind = SimulatedBehaviour::Kind::InsufficientFunds;
    m_cli->simulator().script(declineToken, declined);

    const qint64 customer = runForId({u"customers"_s, u"add"_s, u"--name"_s, u"Sara"_s, u"--email"_s,
                                      u"sara@example.qa"_s, u"--reference"_s, u"C-1"_s},
                                     u"id"_s, 0);
    m_customer = QString::number(customer);
    m_otherCustomer =
        QString::number(runForId({u"customers"_s, u"add"_s, u"--name"_s, u"Omar"_s}, u"id"_s, 0));
    m_active = QString::number(runForId(
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_customer, u"--token"_s, activeToken}, u"id"_s, 0));
    const QString decline = QString::number(runForId(
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_customer, u"--token"_s, declineToken}, u"id"_s, 0));
    m_revoked = QString::number(runForId(
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_otherCustomer, u"--token"_s, revokedToken}, u"id"_s, 0));
    runForId({u"revoke"_s, u"--token"_s, m_revoked, u"--reason"_s, u"lost"_s, u"--yes"_s}, u"id"_s, 0);
    m_approvedPayment = QString::number(runForId(
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"10"_s, u"--yes"_s}, u"payment_id"_s, 0));
    m_declinedPayment = QString::number(runForId(
        {u"charge"_s, u"--token"_s, decline, u"--amount"_s, u"10"_s, u"--yes"_s}, u"payment_id"_s, 1));

    m_notUtf8File = m_cli->dirPath() + u"/windows-1256.csv"_s;
    QFile notUtf8(m_notUtf8File);
    QVERIFY(notUtf8.open(QIODevice::WriteOnly));
    notUtf8.write("name,email\r\n\xE3\xCD\xE3\xCF,m@example.qa\r\n");
    notUtf8.close();
    m_noNameFile = m_cli->dirPath() + u"/no-name.csv"_s;
    QFile noName(m_noNameFile);
    QVERIFY(noName.open(QIODevice::WriteOnly));
    noName.write("email,phone\r\nx@example.qa,123456\r\n");
    noName.close();
}

void TestCliBadInputs::cleanupTestCase()
{
    m_cli.reset();
}

void TestCliBadInputs::refusedWithoutSideEffects_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions"); // the message names the problem

    const QString missingFile = m_cli->dirPath() + u"/does-not-exist.csv"_s;
    auto row = [](const char *name, const QStringList &arguments, const QString &mentions) {
        QTest::newRow(name) << arguments << mentions;
    };

    // Usage
    row("no command", {}, u"no command"_s);
    row("unknown command", {u"charge-all"_s}, u"unknown command"_s);
    row("unknown global option", {u"--bogus"_s, u"history"_s}, u"bogus"_s);
    row("unknown command option", {u"history"_s, u"--bogus"_s}, u"bogus"_s);
    row("extra argument", {u"history"_s, u"everything"_s}, u"everything"_s);
    row("missing option value", {u"charge"_s, u"--token"_s}, u"--token"_s);
    row("customers without action", {u"customers"_s}, u"add or list"_s);
    row("tokens unknown action", {u"tokens"_s, u"delete"_s}, u"delete"_s);

    // Repeated options (issue 9 #3): with two values there is no telling which was meant, so neither
    // is used. The harness always passes --database first, so "--database" below is its second time.
    const QString otherDatabase = m_cli->dirPath() + u"/other.sqlite"_s;
    row("charge with --amount twice, the issue's example",
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"10"_s, u"--amount"_s, u"1000"_s, u"--yes"_s},
        u"--amount was given more than once"_s);
    row("charge with --amount twice as --amount=",
        {u"charge"_s, u"--token"_s, m_active, u"--amount=3"_s, u"--amount=4"_s, u"--yes"_s}, u"--amount"_s);
    row("charge with --token twice",
        {u"charge"_s, u"--token"_s, m_active, u"--token"_s, m_revoked, u"--amount"_s, u"3"_s, u"--yes"_s},
        u"--token"_s);
    row("charge with the flag --yes twice",
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"3"_s, u"--yes"_s, u"--yes"_s}, u"--yes"_s);
    row("charge with --help twice", {u"charge"_s, u"-h"_s, u"--help"_s}, u"--help"_s);
    row("customers add with --name twice",
        {u"customers"_s, u"add"_s, u"--name"_s, u"Ali"_s, u"--name"_s, u"Aly"_s}, u"--name"_s);
    row("tokens add with --token twice",
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_customer, u"--token"_s, u"tok-a"_s, u"--token"_s,
         u"tok-b"_s},
        u"--token"_s);
    row("revoke with --reason twice",
        {u"revoke"_s, u"--token"_s, m_active, u"--reason"_s, u"lost"_s, u"--reason"_s, u"stolen"_s,
         u"--yes"_s},
        u"--reason"_s);
    row("verify with --payment twice",
        {u"verify"_s, u"--payment"_s, m_declinedPayment, u"--payment"_s, m_approvedPayment}, u"--payment"_s);
    row("refund with --payment twice",
        {u"refund"_s, u"--payment"_s, m_approvedPayment, u"--payment"_s, m_declinedPayment, u"--yes"_s},
        u"--payment"_s);
    row("history with --format twice", {u"history"_s, u"--format"_s, u"csv"_s, u"--format"_s, u"json"_s},
        u"--format"_s);
    row("simulator with --port twice", {u"simulator"_s, u"--port"_s, u"1"_s, u"--port"_s, u"2"_s},
        u"--port"_s);
    row("global --database twice before the command", {u"--database"_s, otherDatabase, u"history"_s},
        u"--database"_s);
    row("global --database again after the command", {u"history"_s, u"--database"_s, otherDatabase},
        u"--database"_s);
    row("global --json before and after the command", {u"--json"_s, u"history"_s, u"--json"_s}, u"--json"_s);
    row("global --show-token twice", {u"--show-token"_s, u"--show-token"_s, u"tokens"_s, u"list"_s},
        u"--show-token"_s);
    row("command option placed before the command",
        {u"--amount"_s, u"10"_s, u"charge"_s, u"--token"_s, m_active, u"--yes"_s}, u"amount"_s);

    // Charge
    row("charge without token", {u"charge"_s, u"--amount"_s, u"1"_s, u"--yes"_s}, u"--token"_s);
    row("charge unknown token id", {u"charge"_s, u"--token"_s, u"999"_s, u"--yes"_s}, u"999"_s);
    row("charge non-numeric id", {u"charge"_s, u"--token"_s, u"one"_s, u"--yes"_s}, u"--token"_s);
    row("charge negative id", {u"charge"_s, u"--token=-3"_s, u"--yes"_s}, u"--token"_s);
    row("charge malformed amount",
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"12..5"_s, u"--yes"_s}, u"--amount"_s);
    row("charge amount with letters",
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"ten"_s, u"--yes"_s}, u"--amount"_s);
    row("charge zero amount", {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"0"_s, u"--yes"_s},
        u"--amount"_s);
    row("charge negative amount", {u"charge"_s, u"--token"_s, m_active, u"--amount=-5"_s, u"--yes"_s},
        u"--amount"_s);
    row("charge too many decimals",
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"1.234"_s, u"--yes"_s}, u"--amount"_s);
    row("charge absurd amount",
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"99999999999999999"_s, u"--yes"_s},
        u"--amount"_s);
    // --allow-repeat: the fixture charged this card minutes ago; the missing --yes is the only problem.
    row("charge without --yes and no terminal",
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"2"_s, u"--allow-repeat"_s}, u"--yes"_s);
    row("charge revoked token", {u"charge"_s, u"--token"_s, m_revoked, u"--amount"_s, u"2"_s, u"--yes"_s},
        u"revoked"_s);
    row("charge unknown currency guard",
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"2"_s, u"--currency"_s, u"XYZ"_s, u"--yes"_s},
        u"--currency"_s);
    row("charge other currency guard",
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"2"_s, u"--currency"_s, u"KWD"_s, u"--yes"_s},
        u"KWD"_s);
    row("charge same amount again within minutes",
        {u"charge"_s, u"--token"_s, m_active, u"--amount"_s, u"10"_s, u"--yes"_s}, u"--allow-repeat"_s);

    // Customers and tokens
    row("customer without name", {u"customers"_s, u"add"_s, u"--email"_s, u"a@example.qa"_s}, u"--name"_s);
    row("customer blank name", {u"customers"_s, u"add"_s, u"--name"_s, u"   "_s}, u"name"_s);
    row("customer bad email",
        {u"customers"_s, u"add"_s, u"--name"_s, u"Ali"_s, u"--email"_s, u"ali.example.qa"_s}, u"email"_s);
    row("customer duplicate reference",
        {u"customers"_s, u"add"_s, u"--name"_s, u"Ali"_s, u"--reference"_s, u"C-1"_s}, u"C-1"_s);
    row("customers negative limit", {u"customers"_s, u"list"_s, u"--limit=-1"_s}, u"--limit"_s);
    row("customers non-numeric limit", {u"customers"_s, u"list"_s, u"--limit"_s, u"all"_s}, u"--limit"_s);
    row("token with a space",
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_customer, u"--token"_s, u"Ab+/ cd=="_s}, u"space"_s);
    row("token with a newline",
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_customer, u"--token"_s, u"Ab+/\ncd=="_s}, u"line break"_s);
    row("token already stored",
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_otherCustomer, u"--token"_s, activeToken}, u"already"_s);
    row("token for unknown customer",
        {u"tokens"_s, u"add"_s, u"--customer"_s, u"999"_s, u"--token"_s, u"new-token"_s}, u"999"_s);
    row("token bad issued date",
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_customer, u"--token"_s, u"new-token"_s, u"--issued"_s,
         u"2026-02-30"_s},
        u"--issued"_s);
    row("token issued in the future",
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_customer, u"--token"_s, u"new-token"_s, u"--issued"_s,
         u"2999-01-01"_s},
        u"future"_s);
    row("token unknown currency",
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_customer, u"--token"_s, u"new-token"_s, u"--currency"_s,
         u"XYZ"_s},
        u"--currency"_s);
    row("token bad first amount",
        {u"tokens"_s, u"add"_s, u"--customer"_s, m_customer, u"--token"_s, u"new-token"_s,
         u"--first-amount"_s, u"1,5,0"_s},
        u"--first-amount"_s);
    row("tokens bad status", {u"tokens"_s, u"list"_s, u"--status"_s, u"lost"_s}, u"--status"_s);

    // Revoke, verify, refund
    row("revoke without reason", {u"revoke"_s, u"--token"_s, m_active, u"--yes"_s}, u"--reason"_s);
    row("revoke without --yes and no terminal",
        {u"revoke"_s, u"--token"_s, m_active, u"--reason"_s, u"lost"_s}, u"--yes"_s);
    row("revoke already revoked",
        {u"revoke"_s, u"--token"_s, m_revoked, u"--reason"_s, u"again"_s, u"--yes"_s}, u"already revoked"_s);
    row("verify without target", {u"verify"_s}, u"--pending"_s);
    row("verify with both targets", {u"verify"_s, u"--payment"_s, m_approvedPayment, u"--pending"_s},
        u"--pending"_s);
    row("verify unknown payment", {u"verify"_s, u"--payment"_s, u"999"_s}, u"999"_s);
    row("verify settled payment", {u"verify"_s, u"--payment"_s, m_approvedPayment}, u"approved"_s);
    row("refund unknown payment", {u"refund"_s, u"--payment"_s, u"999"_s, u"--yes"_s}, u"999"_s);
    row("refund declined payment", {u"refund"_s, u"--payment"_s, m_declinedPayment, u"--yes"_s},
        u"declined"_s);
    row("refund without --yes and no terminal", {u"refund"_s, u"--payment"_s, m_approvedPayment}, u"--yes"_s);

    // History
    row("history bad state", {u"history"_s, u"--state"_s, u"paid"_s}, u"--state"_s);
    row("history bad date", {u"history"_s, u"--from"_s, u"2026-13-01"_s}, u"--from"_s);
    row("history day-first date", {u"history"_s, u"--to"_s, u"25/11/2026"_s}, u"--to"_s);
    row("history from after to", {u"history"_s, u"--from"_s, u"2026-11-25"_s, u"--to"_s, u"2026-11-01"_s},
        u"after"_s);
    row("history bad format", {u"history"_s, u"--format"_s, u"xlsx"_s}, u"--format"_s);
    row("history unknown customer", {u"history"_s, u"--customer"_s, u"999"_s}, u"999"_s);

    // Import
    row("import unreadable file", {u"import"_s, missingFile}, u"does-not-exist.csv"_s);
    row("import without file", {u"import"_s}, u"CSV"_s);
    row("import not UTF-8", {u"import"_s, m_notUtf8File}, u"UTF-8"_s);
    row("import without name column", {u"import"_s, m_noNameFile}, u"name"_s);
}

void TestCliBadInputs::refusedWithoutSideEffects()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);

    const QByteArray before = m_cli->databaseFingerprint();
    const int requestsBefore = m_cli->simulator().requestCount();

    const CliRun run = m_cli->run(arguments);

    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.errText().startsWith(u"fatora-cli: "_s), qPrintable(run.describe()));
    QVERIFY2(run.errText().contains(mentions, Qt::CaseInsensitive), qPrintable(run.describe()));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
    QCOMPARE(m_cli->databaseFingerprint(), before);
    QCOMPARE(m_cli->simulator().requestCount(), requestsBefore);
    QVERIFY2(!QFileInfo::exists(m_cli->dirPath() + u"/other.sqlite"_s), "a second --database was opened");
}

void TestCliBadInputs::tokenFromStdinMustBeUtf8_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("Latin-1 byte") << QByteArray("Ab+/cd\xE9==\n");
    QTest::newRow("cut-off sequence at the end") << QByteArray("Ab+/cd==\xD8\n");
    // Octal escapes: a hex escape would swallow the letters that follow.
    QTest::newRow("overlong encoding of a slash") << QByteArray("Ab+\300\257cd==\n");
    QTest::newRow("encoded surrogate") << QByteArray("Ab+/\355\240\200cd==\n");
    QTest::newRow("stray continuation byte") << QByteArray("\200Ab+/cd==\n");
}

// A token altered by one byte is another token: bytes that are not UTF-8 are refused, never stored
// with U+FFFD in their place (issue 9 #10).
void TestCliBadInputs::tokenFromStdinMustBeUtf8()
{
    QFETCH(QByteArray, input);
    const QByteArray before = m_cli->databaseFingerprint();

    const CliRun run =
        m_cli->run({u"tokens"_s, u"add"_s, u"--customer"_s, m_customer, u"--token"_s, u"-"_s}, input);

    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.errText().startsWith(u"fatora-cli: --token: "_s), qPrintable(run.describe()));
    QVERIFY2(run.errText().contains(u"standard input is not valid UTF-8"_s), qPrintable(run.describe()));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
    QCOMPARE(m_cli->databaseFingerprint(), before);
}

QTEST_GUILESS_MAIN(TestCliBadInputs)
#include "tst_clibadinputs.moc"
