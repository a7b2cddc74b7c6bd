// fatora-cli batch (issue 16 #3-#5) as scripts use it, each command a separate process against a
// temporary database and the loopback simulator: the dry run and its exit codes, run / status /
// results / cancel / retry, and the kill test: a 300-item batch (some cards slow, some
// connections dropped) killed with SIGKILL at five random moments and resumed each time. The
// simulator must see each order id at most once, every item must end settled, and the counts and
// sums must add up. Also two runs of one batch at once.
#include "CliHarness.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString collectPath = u"/v1/payments/collect-payment"_s;
const QString verifyPath = u"/v1/payments/verify"_s;

struct Collect
{
    QString orderId;
    QString token;
    QString amount; // "" when the body had none
};

} // namespace

class TestCliBatch : public CliTestCase
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createPrintsTheDryRunAndSaves();
    void createWithNoValidRowExits2AndSavesNothing();
    void runStatusAndResults();
    void cancelledBatchNeverRuns();
    void retryTakesTheInsufficientFunds();
    void helpNamesEveryAction();
    void twoRunsOfOneBatchSendEachItemOnce();
    void killedAtFiveRandomMomentsAndResumed();

private:
    QString writeCsv(const QString &text);
    // n cards; the token of card i is tokenText(i).
    QList<qint64> cards(int n, const QString &prefix);
    qint64 createBatch(const QString &csv);
    QList<Collect> collects() const;
    QProcess *startRun(qint64 batchId, const QStringList &extra = {});

    int m_files = 0;
};

void TestCliBatch::init()
{
    openFixture(u"tok+/\\|decline-insufficient="_s);
    m_files = 0;
}

void TestCliBatch::cleanup()
{
    m_store.reset();
    m_cli.reset();
}

QString TestCliBatch::writeCsv(const QString &text)
{
    const QString path = m_cli->dirPath() + u"/batch-%1.csv"_s.arg(++m_files);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text.toUtf8());
    return path;
}

QList<qint64> TestCliBatch::cards(int n, const QString &prefix)
{
    QList<qint64> ids;
    for (int i = 0; i < n; ++i)
        ids << token(customer(u"%1 customer %2"_s.arg(prefix).arg(i)), u"tok+/\\|%1-%2="_s.arg(prefix).arg(i),
                     Money(5000, u"QAR"_s));
    return ids;
}

qint64 TestCliBatch::createBatch(const QString &csv)
{
    const CliRun run = m_cli->run({u"--json"_s, u"batch"_s, u"create"_s, writeCsv(csv)});
    if (run.exitCode != 0 || !run.json().isObject()) {
        QTest::qFail(qPrintable(u"batch create: "_s + run.describe()), __FILE__, __LINE__);
        return 0;
    }
    return run.json().object().value(u"batch_id"_s).toInteger();
}

QList<Collect> TestCliBatch::collects() const
{
    QList<Collect> list;
    for (const RecordedRequest &r : m_cli->simulator().requests()) {
        if (r.path != collectPath)
            continue;
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        list << Collect{body.value(u"order_id"_s).toString(), body.value(u"card_token"_s).toString(),
                        body.contains(u"amount"_s)
                            ? QString::number(body.value(u"amount"_s).toDouble(), 'f', 2)
                            : QString()};
    }
    return list;
}

QProcess *TestCliBatch::startRun(qint64 batchId, const QStringList &extra)
{
    auto *process = new QProcess(this);
    process->setProgram(QStringLiteral(FATORA_CLI_PATH));
    process->setArguments(QStringList{u"--database"_s, m_cli->databasePath(), u"batch"_s, u"run"_s,
                                      QString::number(batchId), u"--yes"_s} +
                          extra);
    process->setProcessEnvironment(m_cli->environment());
    process->start();
    process->closeWriteChannel();
    if (!process->waitForStarted(30'000))
        qFatal("fatora-cli did not start");
    return process;
}

void TestCliBatch::createPrintsTheDryRunAndSaves()
{
    const QList<qint64> ids = cards(3, u"dry"_s);
    const QString csv =
        u"\uFEFFtoken_id,amount,note\n%1,12.50,=HYPERLINK(\"x\")\n%2,,\n999999,5,\n%1,3,\n"_s.arg(ids[0]).arg(
            ids[1]);
    const CliRun text = m_cli->run({u"batch"_s, u"create"_s, writeCsv(csv), u"--name"_s, u"Fees"_s});
    QVERIFY2(text.exitCode == 0, qPrintable(text.describe()));
    QVERIFY(text.outText().contains(u"dry customer 0"_s));
    QVERIFY(text.outText().contains(u"QAR 50.00 (first payment)"_s));
    QVERIFY(text.outText().contains(u"skip: line 4, token_id: no card has id 999999"_s));
    QVERIFY(text.outText().contains(u"skip: line 5: the same card as line 2"_s));
    QVERIFY(!text.outText().contains(u"tok+/"_s)); // masked
    QVERIFY(text.outText().contains(u"fatora-cli batch run 1"_s));
    QCOMPARE(m_cli->simulator().requestCount(), 0); // nothing sent

    // The same file again: its cards wait in batch 1, so no row can be charged; nothing is saved.
    const CliRun again = m_cli->run({u"--json"_s, u"batch"_s, u"create"_s, writeCsv(csv)});
    QCOMPARE(again.exitCode, 2);
    QCOMPARE(again.json().object().value(u"rows"_s).toArray().at(0).toObject().value(u"skip"_s).toString(),
             u"in-another-batch"_s);

    const QList<qint64> others = cards(3, u"json"_s);
    const QString csv2 =
        u"token_id,amount,note\n%1,12.50,x\n%2,,\n999999,5,\n%1,3,\n"_s.arg(others[0]).arg(others[1]);
    const CliRun json = m_cli->run({u"--json"_s, u"batch"_s, u"create"_s, writeCsv(csv2)});
    QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
    const QJsonObject o = json.json().object();
    QCOMPARE(o.value(u"batch_id"_s).toInteger(), 2);
    QCOMPARE(o.value(u"rows"_s).toArray().size(), 4);
    QCOMPARE(o.value(u"counts"_s).toObject().value(u"queued"_s).toInt(), 2);
    QCOMPARE(o.value(u"counts"_s).toObject().value(u"skipped"_s).toInt(), 2);
    QCOMPARE(o.value(u"rows"_s).toArray().at(2).toObject().value(u"skip"_s).toString(), u"unknown-token"_s);
}

void TestCliBatch::createWithNoValidRowExits2AndSavesNothing()
{
    const QByteArray before = m_cli->databaseFingerprint();
    const CliRun run =
        m_cli->run({u"batch"_s, u"create"_s, writeCsv(u"customer_reference,amount\nNOPE,10\n,5\n"_s)});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.errText().contains(u"no row can be charged"_s));
    QVERIFY(run.outText().contains(u"line 2, customer_reference: no customer has this reference"_s));
    QVERIFY(!run.outText().contains(u"NOPE"_s)); // an unknown reference is never repeated
    QCOMPARE(m_cli->databaseFingerprint(), before);

    const CliRun bad =
        m_cli->run({u"batch"_s, u"create"_s, writeCsv(u"customer_reference,ammount\nX,1\n"_s)});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.errText().contains(u"\"ammount\""_s), qPrintable(bad.describe()));
    const CliRun missing = m_cli->run({u"batch"_s, u"create"_s, m_cli->dirPath() + u"/none.csv"_s});
    QCOMPARE(missing.exitCode, 2);
}

void TestCliBatch::runStatusAndResults()
{
    const QList<qint64> ids = cards(5, u"run"_s);
    const qint64 decline =
        token(customer(u"Decliner"_s), u"tok+/\\|decline-insufficient="_s, Money(5000, u"QAR"_s));
    QString csv = u"token_id,amount,note\n"_s;
    for (qint64 id : ids)
        csv += u"%1,10.00,\"=cmd|' /C calc'!A0\"\n"_s.arg(id);
    csv += u"%1,,\n"_s.arg(decline);
    const qint64 batch = createBatch(csv);
    const CliRun run =
        m_cli->run({u"batch"_s, u"run"_s, QString::number(batch), u"--yes"_s, u"--parallel"_s, u"3"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(run.outText().contains(u"approved 5, declined 1"_s));
    QVERIFY(run.errText().isEmpty()); // progress only on a terminal

    const CliRun status = m_cli->run({u"--json"_s, u"batch"_s, u"status"_s, QString::number(batch)});
    QCOMPARE(status.exitCode, 0);
    const QJsonObject s = status.json().object();
    QCOMPARE(s.value(u"state"_s).toString(), u"finished"_s);
    QCOMPARE(s.value(u"counts"_s).toObject().value(u"approved"_s).toInt(), 5);
    QCOMPARE(s.value(u"totals"_s).toArray().at(0).toObject().value(u"approved"_s).toString(), u"50.00"_s);
    QCOMPARE(s.value(u"totals"_s).toArray().at(0).toObject().value(u"declined"_s).toString(), u"50.00"_s);

    const CliRun json =
        m_cli->run({u"batch"_s, u"results"_s, QString::number(batch), u"--format"_s, u"json"_s});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray items = json.json().array();
    QCOMPARE(items.size(), 6);
    QSet<QString> orders;
    for (const QJsonValue &v : items) {
        const QJsonObject item = v.toObject();
        QVERIFY(!item.value(u"order_id"_s).toString().isEmpty());
        orders.insert(item.value(u"order_id"_s).toString());
    }
    QCOMPARE(orders.size(), 6);
    QCOMPARE(items.last().toObject().value(u"state"_s).toString(), u"declined"_s);
    QVERIFY(items.last().toObject().value(u"reason"_s).toString().contains(u"nsufficient"_s));

    const CliRun csvOut = m_cli->run({u"batch"_s, u"results"_s, QString::number(batch)});
    QVERIFY2(csvOut.exitCode == 0, qPrintable(csvOut.describe()));
    QVERIFY(csvOut.out.startsWith("\xEF\xBB\xBF"));
    QVERIFY(!csvOut.outText().contains(u"tok+/"_s));
    QVERIFY2(csvOut.outText().contains(u",'=cmd|' /C calc'!A0\r\n"_s),
             qPrintable(csvOut.outText())); // neutralised
    QVERIFY(!csvOut.outText().contains(u",=cmd"_s));
    QCOMPARE(csvOut.outText().count(u"\r\n"_s), 7);
    for (const QString &order : std::as_const(orders))
        QVERIFY(csvOut.outText().contains(order));

    const CliRun again = m_cli->run({u"batch"_s, u"run"_s, QString::number(batch), u"--yes"_s});
    QCOMPARE(again.exitCode, 2); // finished: nothing more to send
    const CliRun list = m_cli->run({u"batch"_s, u"list"_s});
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.outText().contains(u"finished"_s));
}

void TestCliBatch::cancelledBatchNeverRuns()
{
    const QList<qint64> ids = cards(2, u"cancel"_s);
    const qint64 batch = createBatch(u"token_id,amount\n%1,1\n%2,2\n"_s.arg(ids[0]).arg(ids[1]));
    const CliRun cancel = m_cli->run({u"batch"_s, u"cancel"_s, QString::number(batch)});
    QVERIFY2(cancel.exitCode == 0, qPrintable(cancel.describe()));
    QVERIFY(cancel.outText().contains(u"2 queued items will never be sent"_s));
    const CliRun run = m_cli->run({u"batch"_s, u"run"_s, QString::number(batch), u"--yes"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.errText().contains(u"cancelled"_s));
    QCOMPARE(m_cli->simulator().requestCount(), 0);
    const auto audit = m_store->auditFor(u"batch"_s, batch).value();
    QCOMPARE(audit.last().action, u"batch.cancelled"_s);
    QCOMPARE(audit.last().operatorName, u"cli-test"_s);
    QCOMPARE(m_cli->run({u"batch"_s, u"status"_s, u"99"_s}).exitCode, 2);
}

void TestCliBatch::retryTakesTheInsufficientFunds()
{
    const QList<qint64> ids = cards(2, u"retry"_s);
    const qint64 decline =
        token(customer(u"Decliner"_s), u"tok+/\\|decline-insufficient="_s, Money(5000, u"QAR"_s));
    const qint64 batch =
        createBatch(u"token_id,amount\n%1,1\n%2,,\n%3,2\n"_s.arg(ids[0]).arg(decline).arg(ids[1]));
    QCOMPARE(m_cli->run({u"batch"_s, u"run"_s, QString::number(batch), u"--yes"_s}).exitCode, 0);
    const CliRun retry = m_cli->run({u"--json"_s, u"batch"_s, u"retry"_s, QString::number(batch)});
    QVERIFY2(retry.exitCode == 0, qPrintable(retry.describe()));
    const qint64 second = retry.json().object().value(u"batch_id"_s).toInteger();
    QVERIFY(second > batch);
    const CliRun items =
        m_cli->run({u"batch"_s, u"results"_s, QString::number(second), u"--format"_s, u"json"_s});
    QCOMPARE(items.json().array().size(), 1);
    QCOMPARE(items.json().array().at(0).toObject().value(u"token_id"_s).toInteger(), decline);
}

void TestCliBatch::helpNamesEveryAction()
{
    const CliRun help = m_cli->run({u"batch"_s, u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    for (const QString &action : {u"create"_s, u"run"_s, u"status"_s, u"list"_s, u"cancel"_s, u"results"_s})
        QVERIFY(help.outText().contains(u"batch "_s + action));
    const CliRun runHelp = m_cli->run({u"batch"_s, u"run"_s, u"--help"_s});
    QCOMPARE(runHelp.exitCode, 0);
    QVERIFY(runHelp.outText().contains(u"--parallel"_s));
    QCOMPARE(m_cli->run({u"batch"_s, u"run"_s, u"1"_s, u"--parallel"_s, u"17"_s}).exitCode, 2);
    QCOMPARE(m_cli->run({u"batch"_s, u"frobnicate"_s}).exitCode, 2);
    const CliRun top = m_cli->run({u"--help"_s});
    QVERIFY(top.outText().contains(u"batch"_s));
}

void TestCliBatch::twoRunsOfOneBatchSendEachItemOnce()
{
    SimulatedBehaviour slow;
    slow.delayMs = 30;
    m_cli->simulator().setDefaultBehaviour(slow);
    const QList<qint64> ids = cards(60, u"two"_s);
    QString csv = u"token_id,amount\n"_s;
    for (qint64 id : ids)
        csv += u"%1,7.25\n"_s.arg(id);
    const qint64 batch = createBatch(csv);
    QProcess *a = startRun(batch);
    QProcess *b = startRun(batch);
    QVERIFY(a->waitForFinished(120'000));
    QVERIFY(b->waitForFinished(120'000));
    QVERIFY2(a->exitCode() == 0 || a->exitCode() == 3, a->readAllStandardError().constData());
    QVERIFY2(b->exitCode() == 0 || b->exitCode() == 3, b->readAllStandardError().constData());
    const QList<Collect> sent = collects();
    QSet<QString> orders;
    for (const Collect &c : sent)
        orders.insert(c.orderId);
    QCOMPARE(sent.size(), 60);
    QCOMPARE(orders.size(), 60);
    const CliRun status = m_cli->run({u"--json"_s, u"batch"_s, u"status"_s, QString::number(batch)});
    QCOMPARE(status.json().object().value(u"counts"_s).toObject().value(u"approved"_s).toInt(), 60);
    QCOMPARE(
        status.json().object().value(u"totals"_s).toArray().at(0).toObject().value(u"approved"_s).toString(),
        u"435.00"_s);
}

void TestCliBatch::killedAtFiveRandomMomentsAndResumed()
{
    constexpr int Items = 300;
    GatewaySimulator &sim = m_cli->simulator();
    const QList<qint64> ids = cards(Items, u"kill"_s);
    // Every 7th card answers slowly, every 11th drops the connection after charging, every 13th is
    // declined for insufficient funds.
    QHash<QString, bool> declines;
    QString csv = u"token_id,amount,note\n"_s;
    qint64 plannedMinor = 0;
    for (int i = 0; i < Items; ++i) {
        const QString text = u"tok+/\\|kill-%1="_s.arg(i);
        SimulatedBehaviour b;
        if (i % 13 == 0) {
            b.kind = SimulatedBehaviour::Kind::InsufficientFunds;
            declines.insert(text, true);
        } else if (i % 11 == 0) {
            b.kind = SimulatedBehaviour::Kind::DropConnection;
        }
        if (i % 7 == 0)
            b.delayMs = 400;
        sim.script(text, b);
        const qint64 minor = i % 5 == 0 ? 5000 : 100 + i;
        plannedMinor += minor;
        csv += u"%1,%2,kill %3\n"_s.arg(ids[i])
                   .arg(i % 5 == 0 ? QString() : Money(minor, u"QAR"_s).toPlainString())
                   .arg(i);
    }
    const qint64 batch = createBatch(csv);
    QVERIFY(batch > 0);

    // Five moments: after a random number of charges reached the simulator, plus a random delay.
    QList<int> moments;
    for (int k = 0; k < 5; ++k)
        moments << 10 + int(QRandomGenerator::global()->bounded(Items - 40));
    std::sort(moments.begin(), moments.end());
    int kills = 0;
    for (int moment : std::as_const(moments)) {
        QProcess *run = startRun(batch, {u"--parallel"_s, u"8"_s});
        QElapsedTimer waited;
        waited.start();
        while (sim.requestCount(collectPath) < moment && run->state() != QProcess::NotRunning &&
               waited.elapsed() < 60'000)
            QTest::qWait(5);
        QTest::qWait(int(QRandomGenerator::global()->bounded(60)));
        if (run->state() != QProcess::NotRunning) {
            run->kill(); // SIGKILL: no clean-up of any kind
            ++kills;
        }
        QVERIFY(run->waitForFinished(30'000));
        qInfo("kill at %d charges sent: %d collects seen, exit status %d", moment,
              sim.requestCount(collectPath), int(run->exitStatus()));
    }
    QVERIFY2(kills >= 3, qPrintable(QString::number(kills)));

    // Resume until nothing is queued; a killed run's session holds its lease for up to
    // Store::DefaultLeaseSecs, so its charges wait until then to be verified.
    int lastExit = -1;
    for (int round = 0; round < 4; ++round) {
        QProcess *run = startRun(batch, {u"--parallel"_s, u"8"_s});
        QVERIFY(run->waitForFinished(120'000));
        lastExit = run->exitCode();
        const QJsonObject s =
            m_cli->run({u"--json"_s, u"batch"_s, u"status"_s, QString::number(batch)}).json().object();
        const QJsonObject counts = s.value(u"counts"_s).toObject();
        qInfo("resume %d: exit %d, %s", round, lastExit,
              QJsonDocument(counts).toJson(QJsonDocument::Compact).constData());
        if (counts.value(u"queued"_s).toInt() == 0 && counts.value(u"in-flight"_s).toInt() == 0)
            break;
        QTest::qWait((Store::DefaultLeaseSecs + 2) * 1000);
    }

    // The simulator saw each order id at most once.
    const QList<Collect> sent = collects();
    QHash<QString, Collect> byOrder;
    for (const Collect &c : sent) {
        QVERIFY2(!byOrder.contains(c.orderId), qPrintable(u"sent twice: "_s + c.orderId));
        byOrder.insert(c.orderId, c);
    }
    // Every item settled; an unknown one is one whose request never left (the gateway never saw it).
    const CliRun results =
        m_cli->run({u"batch"_s, u"results"_s, QString::number(batch), u"--format"_s, u"json"_s});
    const QJsonArray items = results.json().array();
    QCOMPARE(items.size(), Items);
    int approved = 0, declined = 0, unknown = 0;
    qint64 approvedMinor = 0, seenApprovedMinor = 0;
    QSet<QString> itemOrders;
    for (const QJsonValue &v : items) {
        const QJsonObject item = v.toObject();
        const QString state = item.value(u"state"_s).toString();
        const QString order = item.value(u"order_id"_s).toString();
        QVERIFY2(!order.isEmpty(), qPrintable(state));
        itemOrders.insert(order);
        const qint64 minor = Money::parse(item.value(u"counted_amount"_s).toString(), u"QAR"_s)->minorUnits();
        if (state == u"approved"_s) {
            ++approved;
            approvedMinor += minor;
            QVERIFY(byOrder.contains(order));
            QVERIFY(!declines.contains(byOrder.value(order).token));
        } else if (state == u"declined"_s) {
            ++declined;
            QVERIFY(declines.contains(byOrder.value(order).token));
        } else {
            QCOMPARE(state, u"unknown"_s);
            ++unknown;
            QVERIFY2(!byOrder.contains(order), qPrintable(u"the gateway saw unknown order "_s + order));
        }
    }
    QCOMPARE(approved + declined + unknown, Items);
    QCOMPARE(itemOrders.size(), Items);
    for (const Collect &c : sent) {
        QVERIFY(itemOrders.contains(c.orderId));
        if (!declines.contains(c.token))
            seenApprovedMinor += c.amount.isEmpty() ? 5000 : Money::parse(c.amount, u"QAR"_s)->minorUnits();
    }
    QCOMPARE(approvedMinor, seenApprovedMinor);
    QCOMPARE(sent.size(), approved + declined);
    QVERIFY(unknown <= kills * 8); // at most one window per killed run never left
    const QJsonObject s =
        m_cli->run({u"--json"_s, u"batch"_s, u"status"_s, QString::number(batch)}).json().object();
    QCOMPARE(s.value(u"totals"_s).toArray().at(0).toObject().value(u"planned"_s).toString(),
             Money(plannedMinor, u"QAR"_s).toPlainString());
    QCOMPARE(s.value(u"state"_s).toString(), u"finished"_s);
    QCOMPARE(lastExit, unknown > 0 ? 3 : 0);
    qInfo("kill test: %d kills, %d collects, %d approved (QAR %s), %d declined, %d unknown (never left)",
          kills, int(sent.size()), approved, qPrintable(Money(approvedMinor, u"QAR"_s).toPlainString()),
          declined, unknown);
}

QTEST_GUILESS_MAIN(TestCliBatch)
#include "tst_clibatch.moc"
