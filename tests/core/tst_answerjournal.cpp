// An answer is never dropped (issue 9 #4): a gateway answer that the database cannot take — it
// stays locked, or the disk is full — goes to the journal of unsaved answers at once, and the next
// recovery saves it; the pending row never waits 15 minutes to become "unknown" when its answer
// is known. Also the journal file itself: durable lines, torn lines, private mode, no secrets.

#include "gateway/GatewayClient.h"
#include "payments/AnswerJournal.h"
#include "payments/PaymentService.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <sys/stat.h>

using namespace fatora;
using namespace fatora::test;
using namespace Qt::StringLiterals;

namespace {

const QString token = u"Ab+/\\|==journal"_s;

int fileMode(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

GatewayResult approval(const QString &transactionId)
{
    GatewayResult r;
    r.operation = GatewayOperation::Collect;
    r.outcome = GatewayOutcome::Success;
    r.httpStatus = 200;
    r.status = u"SUCCESS"_s;
    r.transactionId = transactionId;
    r.responseBody = R"({"status":"SUCCESS"})";
    return r;
}

} // namespace

class TestAnswerJournal : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void appendedEntriesReadBackUntilSaved();
    void aTornLastLineNeverSwallowsTheNextEntry();
    void journalFileIsPrivate();
    void answerTheDatabaseCannotTakeIsJournaledAndSavedAtTheNextStart();
    void answerSavedByTheRetryIsMarkedSaved();
    void replayNeverOverwritesALaterSettlement();
    void anAnswerForAnotherDatabaseIsLeftAlone();
    void anAnswerTheDatabaseRefusesForGoodDoesNotStopRecovery();

private:
    std::unique_ptr<PaymentService> newService();
    qint64 startCharge(PaymentService &service);

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<GatewaySimulator> m_sim;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<GatewayClient> m_client;
    std::unique_ptr<AnswerJournal> m_journal;
    qint64 m_token = 0;
};

void TestAnswerJournal::init()
{
    m_db = std::make_unique<TempDatabase>();
    m_sim = startSimulator();
    m_clock = std::make_unique<ManualClock>(fixedNow());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<GatewayClient>(m_nam.get(), simulatorConfig(*m_sim, 5000));
    m_journal = std::make_unique<AnswerJournal>(AnswerJournal::pathFor(m_db->path()));
    const qint64 customer = addCustomer(m_db->store(), u"Sara Al-Kuwari"_s);
    m_token = addToken(m_db->store(), customer, token, m_clock->today());
}

void TestAnswerJournal::cleanup()
{
    m_client.reset();
    m_nam.reset();
    m_sim.reset();
    m_journal.reset();
    m_db.reset();
}

std::unique_ptr<PaymentService> TestAnswerJournal::newService()
{
    auto service = std::make_unique<PaymentService>(m_db->store(), *m_client, *m_clock);
    service->setOperatorName(u"Clerk"_s);
    service->setAnswerJournal(m_journal.get());
    return service;
}

qint64 TestAnswerJournal::startCharge(PaymentService &service)
{
    auto id = service.charge(ChargeRequest(m_token, Money(300, u"QAR"_s)));
    if (!id.ok())
        qFatal("charge: %s", qPrintable(id.error().toString()));
    return id.value();
}

void TestAnswerJournal::appendedEntriesReadBackUntilSaved()
{
    auto first =
        AnswerJournal::newEntry(GatewayOperation::Collect, 7, u"BO-1"_s, approval(u"T-1"_s), fixedNow());
    auto second =
        AnswerJournal::newEntry(GatewayOperation::Deactivate, 9, u"RV-1"_s, approval({}), fixedNow());
    second.reason = u"lost card\nreported by phone"_s;
    QVERIFY(m_journal->append(first).ok());
    QVERIFY(m_journal->append(second).ok());
    auto unsaved = m_journal->unsaved();
    QVERIFY(unsaved.ok());
    QCOMPARE(unsaved->size(), 2);
    QCOMPARE(unsaved->at(0).objectId, 7);
    QCOMPARE(unsaved->at(0).result.transactionId, u"T-1"_s);
    QCOMPARE(unsaved->at(0).result.outcome, GatewayOutcome::Success);
    QCOMPARE(unsaved->at(1).operation, GatewayOperation::Deactivate);
    QCOMPARE(unsaved->at(1).reason, second.reason);

    QVERIFY(m_journal->compact().ok()); // one unsaved: nothing is removed
    QCOMPARE(m_journal->unsaved()->size(), 2);
    QVERIFY(m_journal->markSaved(first.id).ok());
    QCOMPARE(m_journal->unsaved()->size(), 1);
    QVERIFY(m_journal->markSaved(second.id).ok());
    QVERIFY(m_journal->unsaved()->isEmpty());
    QVERIFY(m_journal->compact().ok());
    QCOMPARE(QFileInfo(m_journal->path()).size(), 0);
}

void TestAnswerJournal::aTornLastLineNeverSwallowsTheNextEntry()
{
    {
        QFile file(m_journal->path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"entry":"torn","operation":"collect","obj)"); // a crash mid-write
    }
    auto entry =
        AnswerJournal::newEntry(GatewayOperation::Collect, 3, u"BO-3"_s, approval(u"T-3"_s), fixedNow());
    QVERIFY(m_journal->append(entry).ok());
    auto unsaved = m_journal->unsaved();
    QVERIFY(unsaved.ok());
    QCOMPARE(unsaved->size(), 1);
    QCOMPARE(unsaved->first().id, entry.id);
}

void TestAnswerJournal::journalFileIsPrivate()
{
    QVERIFY(m_journal
                ->append(AnswerJournal::newEntry(GatewayOperation::Collect, 1, u"BO-1"_s, approval(u"T-1"_s),
                                                 fixedNow()))
                .ok());
    QCOMPARE(fileMode(m_journal->path()), 0600);
}

void TestAnswerJournal::answerTheDatabaseCannotTakeIsJournaledAndSavedAtTheNextStart()
{
    auto service = newService();
    QSignalSpy held(service.get(), &PaymentService::answerHeld);
    QSignalSpy finished(service.get(), &PaymentService::chargeFinished);
    const qint64 id = startCharge(*service);
    QString orderId = m_db->store().payment(id).value().orderId;
    {
        // Another process holds the write lock when the approval arrives, and keeps it.
        auto other = SqliteStore::open(m_db->path());
        QVERIFY(other.ok());
        Store::Transaction lock(*other.value());
        QVERIFY(lock.started().ok());
        QVERIFY(held.wait(20000));
        QVERIFY(finished.isEmpty());

        const auto answer = service->heldAnswer(GatewayOperation::Collect, id);
        QVERIFY(answer);
        QCOMPARE(answer->orderId, orderId);
        QCOMPARE(answer->result.outcome, GatewayOutcome::Success);
        QVERIFY(!answer->result.transactionId.isEmpty());
        QCOMPARE(answer->journalPath, m_journal->path());
        QVERIFY2(!answer->saveError.isEmpty(), "the reason the database refused is kept");

        // On disk, durable, private, and without the card token or the API key.
        auto unsaved = m_journal->unsaved();
        QVERIFY(unsaved.ok());
        QCOMPARE(unsaved->size(), 1);
        QCOMPARE(unsaved->first().objectId, id);
        QCOMPARE(unsaved->first().orderId, orderId);
        QCOMPARE(unsaved->first().result.transactionId, answer->result.transactionId);
        QCOMPARE(fileMode(m_journal->path()), 0600);
        QFile file(m_journal->path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(!text.contains(token.toUtf8()));
        QVERIFY(!text.contains(
            QJsonDocument(QJsonArray{token}).toJson(QJsonDocument::Compact).mid(2).chopped(2)));
        QVERIFY(!text.contains(GatewaySimulator::defaultApiKey().toUtf8()));

        // The process dies while the database is still locked: only the journal has the answer.
        service.reset();
        QCOMPARE(m_db->store().payment(id).value().state, PaymentState::Pending);
    }
    const QString transactionId = m_journal->unsaved()->first().result.transactionId;

    // The next start saves it — before pending rows are looked at — and empties the journal.
    m_clock->advanceSecs(PaymentService::OrphanAfterSecs + 60); // would otherwise become "unknown"
    auto restarted = newService();
    auto recovered = restarted->recoverInterrupted();
    QVERIFY2(recovered.ok(), qPrintable(recovered.error().toString()));
    const Payment p = m_db->store().payment(id).value();
    QCOMPARE(p.state, PaymentState::Approved);
    QCOMPARE(p.transactionId, transactionId);
    QVERIFY(m_journal->unsaved()->isEmpty());
    QCOMPARE(QFileInfo(m_journal->path()).size(), 0);
    const auto audit = m_db->store().auditFor(u"payment"_s, id).value();
    QVERIFY(std::any_of(audit.cbegin(), audit.cend(), [](const AuditEntry &e) {
        return e.action == u"charge.approved"_s && e.detail.contains(u"journal"_s);
    }));
    // Exactly one collect ever reached the gateway.
    QCOMPARE(m_sim->requestCount(GatewayClient::path(GatewayOperation::Collect)), 1);
    // A second recovery finds nothing more to do.
    QCOMPARE(restarted->recoverInterrupted().value(), 0);
}

void TestAnswerJournal::answerSavedByTheRetryIsMarkedSaved()
{
    auto service = newService();
    QSignalSpy held(service.get(), &PaymentService::answerHeld);
    QSignalSpy finished(service.get(), &PaymentService::chargeFinished);
    const qint64 id = startCharge(*service);
    {
        auto other = SqliteStore::open(m_db->path());
        QVERIFY(other.ok());
        Store::Transaction lock(*other.value());
        QVERIFY(lock.started().ok());
        QVERIFY(held.wait(20000));
        QCOMPARE(m_journal->unsaved()->size(), 1);
    }
    QVERIFY(finished.wait(20000));
    QCOMPARE(m_db->store().payment(id).value().state, PaymentState::Approved);
    QVERIFY(!service->heldAnswer(GatewayOperation::Collect, id));
    QVERIFY(m_journal->unsaved()->isEmpty());
}

void TestAnswerJournal::replayNeverOverwritesALaterSettlement()
{
    auto service = newService();
    QSignalSpy finished(service.get(), &PaymentService::chargeFinished);
    const qint64 id = startCharge(*service);
    QVERIFY(finished.wait(15000));
    QCOMPARE(m_db->store().payment(id).value().state, PaymentState::Approved);
    const auto auditBefore = m_db->store().auditFor(u"payment"_s, id).value().size();
    // A stale decline for the same payment sits in the journal (saved meanwhile by another path).
    GatewayResult decline = approval({});
    decline.outcome = GatewayOutcome::Declined;
    decline.status = u"FAILURE"_s;
    QVERIFY(m_journal
                ->append(AnswerJournal::newEntry(GatewayOperation::Collect, id,
                                                 m_db->store().payment(id)->orderId, decline, fixedNow()))
                .ok());
    QVERIFY(service->recoverInterrupted().ok());
    QCOMPARE(m_db->store().payment(id).value().state, PaymentState::Approved);
    QCOMPARE(m_db->store().auditFor(u"payment"_s, id).value().size(), auditBefore);
    QVERIFY(m_journal->unsaved()->isEmpty());
}

void TestAnswerJournal::anAnswerForAnotherDatabaseIsLeftAlone()
{
    // A backup was restored beside a journal written for the database as it was: the entry names a
    // payment that is not there, and another whose order id differs. Neither is applied, and the
    // recovery of everything else goes on.
    auto service = newService();
    QSignalSpy finished(service.get(), &PaymentService::chargeFinished);
    const qint64 id = startCharge(*service);
    QVERIFY(finished.wait(15000));
    const auto before = m_db->store().payment(id).value();
    QVERIFY(m_journal
                ->append(AnswerJournal::newEntry(GatewayOperation::Collect, 999, u"BO-GONE"_s,
                                                 approval(u"T-9"_s), fixedNow()))
                .ok());
    QVERIFY(m_journal
                ->append(AnswerJournal::newEntry(GatewayOperation::Collect, id, u"BO-OTHER"_s,
                                                 approval(u"T-8"_s), fixedNow()))
                .ok());
    QSignalSpy problems(service.get(), &PaymentService::problem);
    auto recovered = service->recoverInterrupted();
    QVERIFY2(recovered.ok(), qPrintable(recovered.error().toString()));
    QCOMPARE(problems.size(), 2);
    QCOMPARE(m_db->store().payment(id).value().transactionId, before.transactionId);
    QCOMPARE(m_journal->unsaved()->size(), 2); // left there, not lost
}

void TestAnswerJournal::anAnswerTheDatabaseRefusesForGoodDoesNotStopRecovery()
{
    // Two charges left pending by a desk that died, each with its answer kept in the journal. The
    // database refuses the first answer for good (here a rule of its own; in life, a figure it can
    // never take). Recovery saves the second, keeps the first in the journal and says so, and still
    // turns what is left pending into unknown: before, the one refusal failed the whole recovery at
    // every start (and so every billing run's start).
    Store &store = m_db->store();
    const qint64 other =
        addToken(store, addCustomer(store, u"Hamad Al-Thani"_s), u"tok-second"_s, m_clock->today());
    QList<qint64> ids;
    for (qint64 card : {m_token, other}) {
        Payment p;
        p.orderId = u"BO-KEPT-%1"_s.arg(card);
        p.tokenId = card;
        p.customerId = store.token(card)->customerId;
        p.amount = Money(300, u"QAR"_s);
        p.currency = u"QAR"_s;
        p.state = PaymentState::Pending;
        p.createdAt = fixedNow().addSecs(-3600);
        p.updatedAt = p.createdAt;
        ids << store.insertPayment(p).value();
        QVERIFY(m_journal
                    ->append(AnswerJournal::newEntry(GatewayOperation::Collect, ids.last(), p.orderId,
                                                     approval(u"T-%1"_s.arg(card)), fixedNow()))
                    .ok());
    }
    QCOMPARE(
        m_db->execRaw(u"CREATE TRIGGER refused_for_good BEFORE UPDATE ON payments"
                      " WHEN NEW.id = %1 AND NEW.state = 'approved'"
                      " BEGIN SELECT RAISE(ABORT, 'this answer cannot be taken'); END"_s.arg(ids.first())),
        QString());
    auto service = newService();
    QSignalSpy problems(service.get(), &PaymentService::problem);
    auto recovered = service->recoverInterrupted();
    QVERIFY2(recovered.ok(), qPrintable(recovered.error().toString()));
    QCOMPARE(store.payment(ids.at(1))->state, PaymentState::Approved); // saved from the journal
    QCOMPARE(store.payment(ids.at(1))->transactionId, u"T-%1"_s.arg(other));
    QCOMPARE(store.payment(ids.at(0))->state, PaymentState::Unknown); // to verify, never re-sent
    const auto left = m_journal->unsaved().value();
    QCOMPARE(left.size(), 1); // kept, not lost
    QCOMPARE(left.first().objectId, ids.first());
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().at(0).toString().contains(u"BO-KEPT-%1"_s.arg(m_token)),
             qPrintable(problems.first().at(0).toString()));
    // The next start tries it again, and refuses it again without failing.
    QVERIFY(service->recoverInterrupted().ok());
    QCOMPARE(m_journal->unsaved()->size(), 1);
}

QTEST_GUILESS_MAIN(TestAnswerJournal)
#include "tst_answerjournal.moc"
