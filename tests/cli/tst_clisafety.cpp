// fatora-cli where money could move twice or an answer could be lost (issue 9): a clerk at the
// [y/N] prompt while a colleague charges the same card (#1), a gateway answer the database cannot
// take (#4), and a charging process that must leave no core file behind (#8). Each run is a real
// process; the prompt gets a real terminal through script(1).

#include "CliHarness.h"
#include "payments/AnswerJournal.h"
#include "TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString approveToken = u"Ab+/\\|==safety-approve9Xq="_s;
const QString slowToken = u"Ab+/\\|==safety-slow5s0="_s;
const QString collectPath = u"/v1/payments/collect-payment"_s;

QString shellQuote(const QString &word)
{
    QString quoted = word;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u"'"_s + quoted + u"'"_s;
}

} // namespace

class TestCliSafety : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void clerkAtThePromptAfterAColleaguesChargeIsRefused();
    void answerTheDatabaseCannotTakeIsReportedAndSavedByTheNextRun();
    void theCliWritesNoCoreFile();

private:
    std::unique_ptr<QProcess> startCli(const QStringList &arguments, bool terminal);
};

void TestCliSafety::init()
{
    openFixture(u"Ab+/\\|==safety-decline"_s);
    SimulatedBehaviour slow;
    slow.delayMs = 3000;
    m_cli->simulator().script(slowToken, slow);
}

void TestCliSafety::cleanup()
{
    m_store.reset();
    m_cli.reset();
}

std::unique_ptr<QProcess> TestCliSafety::startCli(const QStringList &arguments, bool terminal)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(m_cli->environment());
    const QStringList full = QStringList{u"--database"_s, m_cli->databasePath()} + arguments;
    if (terminal) {
        // script(1) gives the CLI a terminal, as a clerk at a desk has: the prompt is asked there.
        QStringList words{shellQuote(QStringLiteral(FATORA_CLI_PATH))};
        for (const QString &a : full)
            words << shellQuote(a);
        process->setProgram(u"script"_s);
        process->setArguments({u"-qfec"_s, words.join(u' '), u"/dev/null"_s});
    } else {
        process->setProgram(QStringLiteral(FATORA_CLI_PATH));
        process->setArguments(full);
    }
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->start();
    if (!process->waitForStarted(10000))
        qFatal("could not start %s", qPrintable(process->program()));
    return process;
}

void TestCliSafety::clerkAtThePromptAfterAColleaguesChargeIsRefused()
{
    const qint64 t = token(customer(u"Sara"_s), approveToken);
    auto clerk = startCli({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"10"_s}, true);
    QByteArray screen;
    QVERIFY(QTest::qWaitFor(
        [&] {
            screen += clerk->readAll();
            return screen.contains("[y/N]");
        },
        20000));
    QVERIFY2(!screen.contains("already charged"), screen.constData()); // nothing recent when asked

    // A colleague charges the same card the same amount while the clerk reads the question.
    const CliRun colleague =
        m_cli->run({u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"10"_s, u"--yes"_s});
    QCOMPARE(colleague.exitCode, 0);
    QCOMPARE(m_cli->simulator().requestCount(collectPath), 1);

    clerk->write("y\n");
    QVERIFY(clerk->waitForFinished(30000));
    screen += clerk->readAll();
    QCOMPARE(clerk->exitCode(), 2);
    QVERIFY2(screen.contains("less than 10 minutes ago"), screen.constData());
    QVERIFY2(screen.contains("Nothing was sent"), screen.constData());
    QCOMPARE(m_cli->simulator().requestCount(collectPath), 1);
    QCOMPARE(m_cli->simulator().chargeCount(approveToken), 1);
}

void TestCliSafety::answerTheDatabaseCannotTakeIsReportedAndSavedByTheNextRun()
{
    const qint64 t = token(customer(u"Omar"_s), slowToken);
    auto cli = startCli(
        {u"--json"_s, u"charge"_s, u"--token"_s, QString::number(t), u"--amount"_s, u"88"_s, u"--yes"_s},
        false);
    // Once the charge is written ahead (the request is at the slow gateway), another process takes
    // the write lock and keeps it past the CLI's own patience.
    QVERIFY(QTest::qWaitFor(
        [&] { return !m_store->paymentsInState(PaymentState::Pending).value().isEmpty(); }, 10000));
    const Payment pending = m_store->paymentsInState(PaymentState::Pending).value().first();
    {
        Store::Transaction lock(*m_store);
        QVERIFY(lock.started().ok());
        QVERIFY(cli->waitForFinished(60000));
    }
    const QString output = QString::fromUtf8(cli->readAll());
    // Not "no reliable answer": it says what the gateway answered, and where that answer is kept.
    QCOMPARE(cli->exitCode(), 3); // verify before anything else: not in the database yet
    QVERIFY2(output.contains(u"APPROVED"_s), qPrintable(output));
    QVERIFY2(output.contains(pending.orderId), qPrintable(output));
    const QString journal = AnswerJournal::pathFor(m_cli->databasePath());
    QVERIFY2(output.contains(journal), qPrintable(output));
    QVERIFY2(!output.contains(u"no reliable answer"_s), qPrintable(output));
    QVERIFY(QFile::exists(journal));
    QCOMPARE(m_store->payment(pending.id).value().state, PaymentState::Pending);

    // The next run (any command) saves it first: the row leaves pending with the gateway's ids.
    const CliRun next = m_cli->run({u"history"_s});
    QCOMPARE(next.exitCode, 0);
    const Payment saved = m_store->payment(pending.id).value();
    QCOMPARE(saved.state, PaymentState::Approved);
    QVERIFY(!saved.transactionId.isEmpty());
    QCOMPARE(QFileInfo(journal).size(), 0);
    QCOMPARE(m_cli->simulator().requestCount(collectPath), 1);
}

void TestCliSafety::theCliWritesNoCoreFile()
{
    // A run that stays up (the simulator command) is looked at from outside.
    QTcpServer probe; // a free port for it
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const QString port = QString::number(probe.serverPort());
    probe.close();
    auto cli = startCli({u"simulator"_s, u"--port"_s, port}, false);
    QByteArray out;
    QVERIFY(QTest::qWaitFor(
        [&] {
            out += cli->readAll();
            return out.contains("listening");
        },
        10000));
    QFile limits(u"/proc/%1/limits"_s.arg(cli->processId()));
    QVERIFY(limits.open(QIODevice::ReadOnly));
    const QByteArray text = limits.readAll();
    const qsizetype at = text.indexOf("Max core file size");
    QVERIFY(at >= 0);
    const QList<QByteArray> words = text.mid(at, text.indexOf('\n', at) - at).simplified().split(' ');
    QCOMPARE(words.value(4), QByteArray("0")); // soft
    QCOMPARE(words.value(5), QByteArray("0")); // hard
    cli->kill();
    cli->waitForFinished(5000);
}

QTEST_GUILESS_MAIN(TestCliSafety)
#include "tst_clisafety.moc"
