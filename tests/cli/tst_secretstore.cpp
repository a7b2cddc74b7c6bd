// Where the API key lives between runs. CI machines (and SSH sessions) have no keychain: the key must
// then stay usable for the session, reported as not persisted, and never be lost silently.

#include "SecretStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace fatora;
using namespace Qt::StringLiterals;

class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void memoryStoreKeepsTheKeyForTheRun();
    void memoryStoreAnswersAsynchronously();
    void keychainWithoutBackendKeepsTheKeyForTheSession();
    void keychainLoadWithNothingSavedIsEmpty();
};

void TestSecretStore::initTestCase()
{
    // Never the developer's real keychain: point D-Bus nowhere so no backend can answer.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/fatora-test-bus");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
}

void TestSecretStore::memoryStoreKeepsTheKeyForTheRun()
{
    MemorySecretStore store;
    QSignalSpy saved(&store, &SecretStore::saved);
    QSignalSpy loaded(&store, &SecretStore::loaded);
    store.save(u"KEY-1"_s);
    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.at(0).at(0).toBool(), false); // memory never persists
    QVERIFY(saved.at(0).at(1).toString().isEmpty());
    store.load();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(loaded.at(0).at(0).toString(), u"KEY-1"_s);
    store.remove();
    store.load();
    QVERIFY(loaded.wait(5000));
    QVERIFY(loaded.at(1).at(0).toString().isEmpty());
}

void TestSecretStore::memoryStoreAnswersAsynchronously()
{
    MemorySecretStore store;
    QSignalSpy loaded(&store, &SecretStore::loaded);
    store.load();
    QCOMPARE(loaded.size(), 0); // like a keychain: the answer comes from the event loop
    QVERIFY(loaded.wait(5000));
}

void TestSecretStore::keychainWithoutBackendKeepsTheKeyForTheSession()
{
    KeychainSecretStore store(u"Fatora Back Office Test"_s);
    QSignalSpy saved(&store, &SecretStore::saved);
    QSignalSpy loaded(&store, &SecretStore::loaded);
    store.save(u"SECRET-KEY-123"_s);
    QVERIFY(saved.wait(30'000));
    QCOMPARE(saved.at(0).at(0).toBool(), false);
    const QString error = saved.at(0).at(1).toString();
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.contains(u"SECRET-KEY-123"_s), "the key must not appear in the error");

    store.load();
    QVERIFY(loaded.wait(30'000));
    QCOMPARE(loaded.at(0).at(0).toString(), u"SECRET-KEY-123"_s);
    QVERIFY(!loaded.at(0).at(1).toString().isEmpty());

    store.remove();
    store.load();
    QVERIFY(loaded.wait(30'000));
    QVERIFY(loaded.at(1).at(0).toString().isEmpty());
}

void TestSecretStore::keychainLoadWithNothingSavedIsEmpty()
{
    KeychainSecretStore store(u"Fatora Back Office Test"_s);
    QSignalSpy loaded(&store, &SecretStore::loaded);
    store.load();
    QVERIFY(loaded.wait(30'000));
    QVERIFY(loaded.at(0).at(0).toString().isEmpty());
    QVERIFY(!loaded.at(0).at(1).toString().isEmpty()); // the keychain failure is reported, not hidden
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
