// Settings: validation naming the field, "Test connection" proving the key without moving money,
// the API key never reaching the settings file, the keychain path (a keychain that fails keeps the
// key for this run only, and the dialog and the status bar say so), FATORA_API_KEY, and notes that
// wrap (long in Arabic) without being drawn over the row below.

#include "common/Translations.h"
#include "desk/DeskStatusBar.h"
#include "desk/MainWindow.h"
#include "GuiFixture.h"
#include "settings/ApiKeyKeeper.h"
#include "settings/DatabasePage.h"
#include "settings/DatabaseProblemDialog.h"
#include "settings/SettingsDialog.h"
#include "PostgresTestServer.h"
#include "store/postgres/PostgresStore.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;

namespace {

// A key store that behaves like a keychain that works (persist) or fails (an error text), and
// counts what the desk asked of it. Answers later, as real keychains do.
class FakeKeyStore final : public SecretStore
{
public:
    QString stored;
    QString loadError; // non-empty: reading fails with this
    QString saveError; // used when !persist
    bool persist = false;
    int loads = 0;
    int saves = 0;

    void load() override
    {
        ++loads;
        QTimer::singleShot(0, this,
                           [this] { emit loaded(loadError.isEmpty() ? stored : QString(), loadError); });
    }
    void save(const QString &key) override
    {
        ++saves;
        QTimer::singleShot(0, this, [this, key] {
            if (persist) {
                stored = key;
                emit saved(true, QString());
            } else {
                emit saved(false, saveError);
            }
        });
    }
    void remove() override { stored.clear(); }
};

const QString NoKeychain = u"no system keychain is available (test: no D-Bus session)"_s;

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void testConnection_data();
    void testConnection();
    void keyIsMaskedAndNeverWrittenToSettings();
    void badBaseUrlNamesTheField();
    void failingKeychainKeepsKeyForThisRun();
    void workingKeychainStoresTheKey();
    void keySourceFollowsEnvironment_data();
    void keySourceFollowsEnvironment();
    void environmentKeyWinsOverKeychain();
    void wrappedNoteGetsItsLines_data();
    void wrappedNoteGetsItsLines();
    void databaseServerIsSavedWithoutItsPassword();
    void databaseFieldProblemShowsTheDatabasePage();
    void databasePasswordTheKeychainRefusesIsSaid();
    void databaseNoteSaysWhoChoseTheDatabase();
    void databaseTestConnectionNeverBlocks();
    void databaseProblemDialogAsksAgain();

private:
    static SettingsDialog *openSettings(MainWindow &window);
};

SettingsDialog *TestSettingsDialog::openSettings(MainWindow &window)
{
    window.action(u"actionSettings"_s)->trigger();
    auto *dialog = window.findChild<SettingsDialog *>();
    if (!dialog)
        qFatal("no settings dialog");
    return dialog;
}

void TestSettingsDialog::testConnection_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("works");
    QTest::addColumn<QString>("words");
    QTest::newRow("valid key: 404 for the test order")
        << GatewaySimulator::defaultApiKey() << true << u"works"_s;
    QTest::newRow("wrong key: 401") << u"WRONG-KEY"_s << false << u"401"_s;
    QTest::newRow("inactive key: 403") << u"INACTIVE-KEY"_s << false << u"403"_s;
}

void TestSettingsDialog::testConnection()
{
    QFETCH(QString, key);
    QFETCH(bool, works);
    QFETCH(QString, words);
    GuiFixture f;
    f.simulator().setInactiveApiKey(u"INACTIVE-KEY"_s);
    DeskContext context = f.context();
    SettingsDialog dialog(context);
    dialog.show();
    auto *keyEdit = child<QLineEdit>(&dialog, u"apiKeyEdit"_s);
    keyEdit->setText(key);
    QSignalSpy finished(&dialog, &SettingsDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(&dialog, u"testButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(finished.first().first().toBool(), works);
    const QString shown = child<QLabel>(&dialog, u"testResult"_s)->text();
    QVERIFY2(shown.contains(words), qPrintable(shown));
    QCOMPARE(f.collectRequests(), 0); // no money can move
    QCOMPARE(f.simulator().requestCount(GatewayClient::path(GatewayOperation::Verify)), 1);
}

void TestSettingsDialog::keyIsMaskedAndNeverWrittenToSettings()
{
    GuiFixture f;
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    DeskContext context = f.context();
    context.settings = &settings;
    context.apiKey.clear();
    SettingsDialog dialog(context);
    auto *keyEdit = child<QLineEdit>(&dialog, u"apiKeyEdit"_s);
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
    const QString secret = u"SECRET-KEY-0000-1111"_s;
    keyEdit->setText(secret);
    // Who the entries name is shown, never typed: this desk's operator.
    QVERIFY(child<QLineEdit>(&dialog, u"operatorEdit"_s)->isReadOnly());
    QCOMPARE(child<QLineEdit>(&dialog, u"operatorEdit"_s)->text(), u"Tester"_s);
    dialog.show();
    dialog.accept();
    // The fixture's memory store keeps keys for this run only, and the dialog waits to say so.
    QTRY_VERIFY(!dialog.isSavingKey());
    QVERIFY(dialog.isVisible());
    const QString note = child<QLabel>(&dialog, u"apiKeyNote"_s)->text();
    QVERIFY2(note.contains(u"kept for this run only"_s), qPrintable(note));
    child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Close)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(context.apiKey, secret);
    QCOMPARE(f.gateway().config().apiKey, secret);
    QCOMPARE(f.payments().operatorName(), u"Tester"_s);
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("currency")); // the settings were written, the key not
    QVERIFY2(!written.contains(secret.toUtf8()), "the API key must never reach the settings file");
}

void TestSettingsDialog::badBaseUrlNamesTheField()
{
    GuiFixture f;
    DeskContext context = f.context();
    SettingsDialog dialog(context);
    dialog.show();
    child<QLineEdit>(&dialog, u"baseUrlEdit"_s)->setText(u"http://fatora.example.com"_s);
    dialog.accept();
    QVERIFY(dialog.isVisible());
    const QString error = child<QLabel>(&dialog, u"errorLabel"_s)->text();
    QVERIFY2(error.startsWith(u"Base URL"_s), qPrintable(error));
    QCOMPARE(f.gateway().config().baseUrl, f.simulator().baseUrl()); // unchanged
}

void TestSettingsDialog::failingKeychainKeepsKeyForThisRun()
{
    GuiFixture f;
    FakeKeyStore keychain;
    keychain.loadError = NoKeychain;
    keychain.saveError = NoKeychain;
    DeskContext context = f.context();
    context.keyStore = &keychain;
    context.apiKey.clear(); // as main.cpp starts without FATORA_API_KEY
    MainWindow window(context);
    window.show();

    // At start-up: the keychain cannot be read. The badge and the status bar say the key is kept
    // for this run only; it is no gateway error.
    QTRY_COMPARE(keychain.loads, 1);
    auto *badge = child<QLabel>(&window, u"keyLabel"_s);
    QTRY_VERIFY(badge->isVisible());
    QVERIFY2(badge->toolTip().contains(u"kept for this run only"_s), qPrintable(badge->toolTip()));
    QVERIFY2(window.statusBar()->currentMessage().contains(u"kept for this run only"_s),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(static_cast<DeskStatusBar *>(window.statusBar())->lastError().isEmpty());

    SettingsDialog *dialog = openSettings(window);
    auto *note = child<QLabel>(dialog, u"apiKeyNote"_s);
    QVERIFY2(note->text().contains(u"kept for this run only"_s) && note->text().contains(NoKeychain),
             qPrintable(note->text()));

    // A key typed now works at once, and saving it fails: the dialog stays open and says so.
    const QString key = u"MERCHANT-KEY-1234"_s;
    child<QLineEdit>(dialog, u"apiKeyEdit"_s)->setText(key);
    window.statusBar()->clearMessage();
    QTest::mouseClick(child<QDialogButtonBox>(dialog, u"buttonBox"_s)->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
    QCOMPARE(f.gateway().config().apiKey, key);
    QCOMPARE(window.context().apiKey, key);
    QTRY_COMPARE(keychain.saves, 1);
    QTRY_VERIFY(!dialog->isSavingKey());
    QVERIFY(dialog->isVisible());
    QVERIFY2(note->text().contains(u"could not store the API key"_s) &&
                 note->text().contains(u"kept for this run only"_s) && note->text().contains(NoKeychain),
             qPrintable(note->text()));
    QVERIFY2(!note->text().contains(key), "the key itself is never shown");
    QVERIFY2(window.statusBar()->currentMessage().contains(u"kept for this run only"_s),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(badge->isVisible());

    QPointer<SettingsDialog> closing = dialog;
    child<QDialogButtonBox>(dialog, u"buttonBox"_s)->button(QDialogButtonBox::Close)->click();
    QTRY_VERIFY(closing.isNull());
    QCOMPARE(f.gateway().config().apiKey, key); // still in use for this run
}

void TestSettingsDialog::workingKeychainStoresTheKey()
{
    GuiFixture f;
    FakeKeyStore keychain;
    keychain.persist = true;
    keychain.stored = u"STORED-KEY-0001"_s;
    DeskContext context = f.context();
    context.keyStore = &keychain;
    context.apiKey.clear();
    MainWindow window(context);
    window.show();
    QTRY_COMPARE(f.gateway().config().apiKey, u"STORED-KEY-0001"_s); // read from the keychain
    auto *badge = child<QLabel>(&window, u"keyLabel"_s);
    QVERIFY(!badge->isVisible());

    QPointer<SettingsDialog> dialog = openSettings(window);
    const QString note = child<QLabel>(dialog, u"apiKeyNote"_s)->text();
    QVERIFY2(note.contains(u"system keychain"_s) && !note.contains(u"this run only"_s), qPrintable(note));
    child<QLineEdit>(dialog, u"apiKeyEdit"_s)->setText(u"NEW-KEY-0002"_s);
    QTest::mouseClick(child<QDialogButtonBox>(dialog, u"buttonBox"_s)->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull()); // closes once the keychain has the key
    QCOMPARE(keychain.stored, u"NEW-KEY-0002"_s);
    QCOMPARE(f.gateway().config().apiKey, u"NEW-KEY-0002"_s);
    QVERIFY(!badge->isVisible());
}

void TestSettingsDialog::keySourceFollowsEnvironment_data()
{
    QTest::addColumn<bool>("sandbox");
    QTest::addColumn<QString>("variable"); // "<unset>" leaves FATORA_API_KEY out
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("fromEnvironment");
    QTest::addColumn<bool>("useKeychain");
    const QString unset = u"<unset>"_s;
    QTest::newRow("no variable: the keychain") << false << unset << QString() << false << true;
    QTest::newRow("empty variable: the keychain") << false << QString() << QString() << false << true;
    QTest::newRow("variable set: it wins, nothing stored")
        << false << u"ENV-KEY-1"_s << u"ENV-KEY-1"_s << true << false;
    QTest::newRow("pasted with a newline: trimmed")
        << false << u"  ENV-KEY-2\n"_s << u"ENV-KEY-2"_s << true << false;
    QTest::newRow("sandbox: the simulator's key, whatever the variable")
        << true << u"ENV-KEY-3"_s << GatewaySimulator::defaultApiKey() << false << false;
}

void TestSettingsDialog::keySourceFollowsEnvironment()
{
    QFETCH(bool, sandbox);
    QFETCH(QString, variable);
    QFETCH(QString, key);
    QFETCH(bool, fromEnvironment);
    QFETCH(bool, useKeychain);
    QProcessEnvironment environment;
    environment.insert(u"PATH"_s, u"/usr/bin"_s);
    if (variable != u"<unset>"_s)
        environment.insert(u"FATORA_API_KEY"_s, variable);
    const auto source = ApiKeyKeeper::choose(environment, sandbox, GatewaySimulator::defaultApiKey());
    QCOMPARE(source.key, key);
    QCOMPARE(source.fromEnvironment, fromEnvironment);
    QCOMPARE(source.useKeychain, useKeychain);
}

void TestSettingsDialog::environmentKeyWinsOverKeychain()
{
    GuiFixture f;
    FakeKeyStore keychain;
    keychain.persist = true;
    keychain.stored = u"KEYCHAIN-KEY"_s;
    f.gateway().setConfig([&] {
        GatewayConfig c = f.gateway().config();
        c.apiKey = u"ENV-KEY-9"_s;
        return c;
    }());
    DeskContext context = f.context();
    context.keyStore = &keychain;
    context.apiKey = u"ENV-KEY-9"_s;
    context.apiKeyFromEnvironment = true;
    MainWindow window(context);
    window.show();
    QCOMPARE(keychain.loads, 0); // the keychain is not even asked
    QCOMPARE(f.gateway().config().apiKey, u"ENV-KEY-9"_s);

    QPointer<SettingsDialog> dialog = openSettings(window);
    auto *keyEdit = child<QLineEdit>(dialog, u"apiKeyEdit"_s);
    QVERIFY(!keyEdit->isEnabled());
    const QString note = child<QLabel>(dialog, u"apiKeyNote"_s)->text();
    QVERIFY2(note.contains(u"FATORA_API_KEY"_s), qPrintable(note));
    QVERIFY(child<QLineEdit>(dialog, u"operatorEdit"_s)->isReadOnly());
    QTest::mouseClick(child<QDialogButtonBox>(dialog, u"buttonBox"_s)->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    QCOMPARE(keychain.saves, 0); // never stored
    QCOMPARE(keychain.stored, u"KEYCHAIN-KEY"_s);
    QCOMPARE(f.gateway().config().apiKey, u"ENV-KEY-9"_s);
    QCOMPARE(f.payments().operatorName(), u"Tester"_s);
}

void TestSettingsDialog::wrappedNoteGetsItsLines_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("keychainProblem");
    QTest::newRow("English, keychain missing") << u"en"_s << NoKeychain;
    QTest::newRow("Arabic, keychain works") << u"ar"_s << QString();
    QTest::newRow("Arabic, keychain missing") << u"ar"_s << NoKeychain;
}

void TestSettingsDialog::wrappedNoteGetsItsLines()
{
    QFETCH(QString, language);
    QFETCH(QString, keychainProblem);
    GuiFixture f;
    FakeKeyStore keys;
    DeskContext context = f.context();
    context.keyStore = &keys;
    context.keychainProblem = keychainProblem;
    QVERIFY(Translations::apply(language));
    SettingsDialog dialog(context);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *note = child<QLabel>(&dialog, u"apiKeyNote"_s);
    const int height = note->height();
    const int needed = note->heightForWidth(note->width());
    QVERIFY(Translations::apply(u"en"_s));
    QVERIFY2(height >= needed, qPrintable(u"%1 px for %2 px of text"_s.arg(height).arg(needed)));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"

namespace {

// Fills the Database page with a shared server.
void enterServer(QWidget *dialog, const QString &host, int port, const QString &database, const QString &user,
                 const QString &password)
{
    child<QRadioButton>(dialog, u"serverRadio"_s)->setChecked(true);
    child<QLineEdit>(dialog, u"hostEdit"_s)->setText(host);
    child<QSpinBox>(dialog, u"portSpin"_s)->setValue(port);
    child<QLineEdit>(dialog, u"nameEdit"_s)->setText(database);
    child<QLineEdit>(dialog, u"userEdit"_s)->setText(user);
    auto *passwordEdit = child<QLineEdit>(dialog, u"passwordEdit"_s);
    passwordEdit->setFocus();
    passwordEdit->selectAll();
    QTest::keyClicks(passwordEdit, password); // typed, as a person does (an edit, not a preset)
}

} // namespace

void TestSettingsDialog::databaseServerIsSavedWithoutItsPassword()
{
    GuiFixture f;
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    DeskContext context = f.context();
    context.settings = &settings;
    context.sandbox = false;
    QStringList accounts;
    QPointer<FakeKeyStore> passwords;
    context.passwordStoreFor = [&](const QString &account, QObject *parent) -> SecretStore * {
        accounts << account;
        auto *store = new FakeKeyStore;
        store->setParent(parent);
        store->persist = true;
        passwords = store;
        return store;
    };
    SettingsDialog dialog(context);
    dialog.show();
    auto *password = child<QLineEdit>(&dialog, u"passwordEdit"_s);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    const QString secret = u"Db-Pa55-word"_s;
    enterServer(&dialog, u"db.office.lan"_s, 6543, u"fatora_backoffice"_s, u"amal"_s, secret);
    child<QComboBox>(&dialog, u"sslCombo"_s)->setCurrentIndex(
        child<QComboBox>(&dialog, u"sslCombo"_s)->findData(u"require"_s));
    QPointer<SettingsDialog> open = &dialog;
    dialog.accept();
    QTRY_VERIFY(!dialog.isSavingKey());
    QVERIFY(!dialog.isVisible()); // the keychain kept it: nothing more to say
    QCOMPARE(accounts, QStringList{u"database:postgresql://amal@db.office.lan:6543/fatora_backoffice"_s});
    QVERIFY(passwords);
    QCOMPARE(passwords->stored, secret);
    QCOMPARE(context.appSettings.database.location(),
             u"postgresql://amal@db.office.lan:6543/fatora_backoffice?sslmode=require"_s);
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY2(written.contains("db.office.lan") && written.contains("6543"), written.constData());
    QVERIFY2(!written.contains(secret.toUtf8()), "the database password must never reach the settings file");
    QCOMPARE(AppSettings::load(settings).database, context.appSettings.database);
}

void TestSettingsDialog::databaseFieldProblemShowsTheDatabasePage()
{
    GuiFixture f;
    DeskContext context = f.context();
    context.sandbox = false;
    SettingsDialog dialog(context);
    dialog.show();
    auto *tabs = child<QTabWidget>(&dialog, u"settingsTabs"_s);
    QCOMPARE(tabs->currentIndex(), 0);
    child<QRadioButton>(&dialog, u"serverRadio"_s)->setChecked(true);
    child<QLineEdit>(&dialog, u"nameEdit"_s)->setText(u"fatora"_s);
    dialog.accept(); // no server named
    QVERIFY(dialog.isVisible());
    QCOMPARE(tabs->currentWidget(), dialog.databasePage());
    const QString error = child<QLabel>(&dialog, u"errorLabel"_s)->text();
    QVERIFY2(error.startsWith(u"Server: "_s), qPrintable(error));
    QCOMPARE(context.appSettings.database, DatabaseSettings()); // nothing applied

    child<QLineEdit>(&dialog, u"hostEdit"_s)->setText(u"db office"_s);
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY2(child<QLabel>(&dialog, u"errorLabel"_s)->text().contains(u"spaces"_s),
             qPrintable(child<QLabel>(&dialog, u"errorLabel"_s)->text()));
}

void TestSettingsDialog::databasePasswordTheKeychainRefusesIsSaid()
{
    GuiFixture f;
    DeskContext context = f.context();
    context.sandbox = false;
    context.passwordStoreFor = [&](const QString &, QObject *parent) -> SecretStore * {
        auto *store = new FakeKeyStore;
        store->setParent(parent);
        store->saveError = NoKeychain;
        return store;
    };
    SettingsDialog dialog(context);
    dialog.show();
    enterServer(&dialog, u"db"_s, 5432, u"shop"_s, QString(), u"pw-1"_s);
    dialog.accept();
    QTRY_VERIFY(!dialog.isSavingKey());
    QVERIFY(dialog.isVisible()); // stays open: the password will not be there next time
    QCOMPARE(child<QTabWidget>(&dialog, u"settingsTabs"_s)->currentWidget(), dialog.databasePage());
    const QString note = child<QLabel>(&dialog, u"databaseNote"_s)->text();
    QVERIFY2(note.contains(u"could not store the database password"_s) && note.contains(NoKeychain) &&
                 note.contains(u"FATORA_DATABASE_PASSWORD"_s) && !note.contains(u"pw-1"_s),
             qPrintable(note));
    QPointer<SettingsDialog> closing = &dialog;
    child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Close)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestSettingsDialog::databaseNoteSaysWhoChoseTheDatabase()
{
    GuiFixture f;
    DeskContext context = f.context();
    context.sandbox = false;
    context.databaseInUse = u"postgresql://amal@db:5432/shop"_s;
    context.databaseSource = DatabaseChoice::Source::Environment;
    {
        SettingsDialog dialog(context);
        const QString note = child<QLabel>(&dialog, u"databaseNote"_s)->text();
        QVERIFY2(note.contains(u"postgresql://amal@db:5432/shop"_s) && note.contains(u"FATORA_DATABASE"_s) &&
                     note.contains(u"next time"_s),
                 qPrintable(note));
        QVERIFY(dialog.databasePage()->isEnabled());
    }
    context.sandbox = true;
    SettingsDialog sandboxDialog(context);
    QVERIFY(!sandboxDialog.databasePage()->isEnabled());
    QVERIFY(child<QLabel>(&sandboxDialog, u"databaseNote"_s)->text().contains(u"Sandbox"_s));
}

void TestSettingsDialog::databaseTestConnectionNeverBlocks()
{
    // A port that accepts connections and never answers: the probe waits in its worker while the
    // dialog keeps painting; the answer arrives as an error once the server side closes.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    DatabasePage page;
    page.show();
    enterServer(&page, u"127.0.0.1"_s, silent.serverPort(), u"shop"_s, QString(), QString());
    QSignalSpy finished(&page, &DatabasePage::testFinished);
    child<QPushButton>(&page, u"databaseTestButton"_s)->click();
    QVERIFY(page.isTesting());
    QVERIFY(silent.waitForNewConnection(5000));
    QTcpSocket *connection = silent.nextPendingConnection();
    QTest::qWait(200); // the event loop runs while the worker waits
    QVERIFY(page.isTesting());
    QCOMPARE(finished.count(), 0);
    QVERIFY(!child<QPushButton>(&page, u"databaseTestButton"_s)->isEnabled()); // one test at a time
    connection->close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(!child<QLabel>(&page, u"databaseTestResult"_s)->text().isEmpty());

    if (!PostgresTestServer::wanted())
        return;
    auto admin = PostgresTestServer::adminUrl();
    QVERIFY2(admin.ok(), qPrintable(admin.error().toString()));
    const auto server = PostgresStore::parseUrl(admin.value());
    QVERIFY(server.ok());
    enterServer(&page, server->host, server->port, server->database, server->user, server->password);
    finished.clear();
    child<QPushButton>(&page, u"databaseTestButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    const QString said = child<QLabel>(&page, u"databaseTestResult"_s)->text();
    QVERIFY2(finished.at(0).at(0).toBool() && said.startsWith(u"Connected"_s), qPrintable(said));
}

void TestSettingsDialog::databaseProblemDialogAsksAgain()
{
    DatabaseSettings tried;
    tried.kind = DatabaseSettings::Kind::SharedServer;
    tried.host = u"db"_s;
    tried.database = u"shop"_s;
    DatabaseProblemDialog dialog(u"Cannot open the database postgresql://db:5432/shop: refused"_s, tried);
    dialog.show();
    QCOMPARE(child<QLabel>(&dialog, u"problemLabel"_s)->text(),
             u"Cannot open the database postgresql://db:5432/shop: refused"_s);
    QVERIFY(child<QCheckBox>(&dialog, u"rememberBox"_s)->isVisible());
    QCOMPARE(dialog.page()->enteredSettings().value(), tried);
    child<QLineEdit>(&dialog, u"hostEdit"_s)->clear();
    dialog.accept();
    QVERIFY(dialog.isVisible()); // the field in error is named, nothing tried
    QVERIFY(child<QLabel>(&dialog, u"errorLabel"_s)->text().startsWith(u"Server: "_s));
    enterServer(&dialog, u"db2"_s, 5432, u"shop"_s, u"amal"_s, u"pw"_s);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.page()->enteredSettings()->host, u"db2"_s);
    QCOMPARE(dialog.page()->enteredPassword(), u"pw"_s);
    QVERIFY(dialog.page()->rememberPassword());
}
