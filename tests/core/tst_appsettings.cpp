// Settings shared by the desk and the CLI: what is stored, what the environment overrides, and that
// every bad value is named instead of silently ignored.

#include "settings/AppSettings.h"
#include "store/sqlite/SqliteStore.h"

#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace fatora;
using namespace Qt::StringLiterals;

class TestAppSettings : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreValid();
    void saveAndLoadRoundTrip();
    void missingKeysKeepDefaults();
    void malformedStoredValuesAreReportedByValidate_data();
    void malformedStoredValuesAreReportedByValidate();
    void environmentOverrides_data();
    void environmentOverrides();
    void malformedEnvironmentIsNamed_data();
    void malformedEnvironmentIsNamed();
    void emptyVariablesCountAsUnset();
    void gatewayConfigCarriesTheSettings();
    void timeoutBoundsAreInclusive();
    void cardRequestPages();
    void databaseSettingsRoundTripWithoutPassword();
    void databaseSettingsNameTheField_data();
    void databaseSettingsNameTheField();
    void databaseLocationIsAUrlWithoutPassword();
    void databaseFromLocation();
    void passwordAccountBelongsToUserServerAndDatabase();
    void databaseChoiceOrder();

private:
    std::unique_ptr<QSettings> freshSettings();
    QTemporaryDir m_dir;
    int m_files = 0;
};

std::unique_ptr<QSettings> TestAppSettings::freshSettings()
{
    return std::make_unique<QSettings>(m_dir.filePath(u"settings-%1.ini"_s.arg(++m_files)),
                                       QSettings::IniFormat);
}

void TestAppSettings::defaultsAreValid()
{
    const AppSettings s;
    QVERIFY(s.validate().ok());
    QCOMPARE(s.baseUrl, QUrl(u"https://api.fatora.io"_s));
    QCOMPARE(s.timeoutMs, GatewayConfig::DefaultTimeoutMs);
    QCOMPARE(s.currency, u"QAR"_s);
}

void TestAppSettings::saveAndLoadRoundTrip()
{
    AppSettings s;
    s.baseUrl = QUrl(u"https://sandbox.fatora.io"_s);
    s.timeoutMs = 12'000;
    s.currency = u"KWD"_s;
    s.operatorName = u"عائشة"_s;
    s.language = u"ar"_s;
    auto settings = freshSettings();
    s.save(*settings);
    settings->sync();

    QSettings reread(settings->fileName(), QSettings::IniFormat);
    const AppSettings loaded = AppSettings::load(reread);
    QCOMPARE(loaded.baseUrl, s.baseUrl);
    QCOMPARE(loaded.timeoutMs, 12'000);
    QCOMPARE(loaded.currency, u"KWD"_s);
    QCOMPARE(loaded.operatorName, u"عائشة"_s);
    QCOMPARE(loaded.language, u"ar"_s);
    QVERIFY(loaded.validate().ok());
}

// Card requests need both return pages: unset, the refusal names what to set; set by the environment
// they are checked like links handed to customers (https; http only to this computer with the
// sandbox gateway); they survive a save and load; the link lifetime is bounded.
void TestAppSettings::cardRequestPages()
{
    AppSettings s;
    auto missing = s.cardRequestPages();
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.contains(u"FATORA_SUCCESS_URL"_s));
    QVERIFY(missing.error().message.contains(u"FATORA_FAILURE_URL"_s));

    QProcessEnvironment env;
    env.insert(u"FATORA_SUCCESS_URL"_s, u"https://shop.example/ok?x=1"_s);
    env.insert(u"FATORA_FAILURE_URL"_s, u"https://shop.example/failed"_s);
    auto withPages = s.withEnvironment(env);
    QVERIFY2(withPages.ok(), qPrintable(withPages.error().toString()));
    auto pages = withPages->cardRequestPages();
    QVERIFY(pages.ok());
    QCOMPARE(pages->first, QUrl(u"https://shop.example/ok?x=1"_s));
    QCOMPARE(pages->second, QUrl(u"https://shop.example/failed"_s));

    auto settings = freshSettings();
    withPages->save(*settings);
    settings->sync();
    QSettings reread(settings->fileName(), QSettings::IniFormat);
    QCOMPARE(AppSettings::load(reread).cardRequestPages()->first, pages->first);

    for (const QString &bad : {u"http://shop.example/ok"_s, u"javascript:alert(1)"_s, u"shop.example/ok"_s}) {
        QProcessEnvironment e;
        e.insert(u"FATORA_SUCCESS_URL"_s, bad);
        auto refused = s.withEnvironment(e);
        QVERIFY2(!refused.ok(), qPrintable(bad));
        QCOMPARE(refused.error().field, u"FATORA_SUCCESS_URL"_s);
    }
    QProcessEnvironment sandbox;
    sandbox.insert(u"FATORA_BASE_URL"_s, u"http://127.0.0.1:8080"_s);
    sandbox.insert(u"FATORA_SUCCESS_URL"_s, u"http://127.0.0.1:9000/ok"_s);
    QVERIFY(s.withEnvironment(sandbox).ok());

    s.linkLifetimeHours = 0;
    QCOMPARE(s.validate().error().field, u"link_lifetime_hours"_s);
    s.linkLifetimeHours = AppSettings::MaxLinkLifetimeHours;
    QVERIFY(s.validate().ok());
}

void TestAppSettings::missingKeysKeepDefaults()
{
    auto settings = freshSettings();
    const AppSettings loaded = AppSettings::load(*settings);
    const AppSettings defaults;
    QCOMPARE(loaded.baseUrl, defaults.baseUrl);
    QCOMPARE(loaded.timeoutMs, defaults.timeoutMs);
    QCOMPARE(loaded.currency, defaults.currency);
    QVERIFY(loaded.validate().ok());
}

void TestAppSettings::malformedStoredValuesAreReportedByValidate_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("field");

    QTest::newRow("timeout not a number") << u"gateway/timeout_ms"_s << u"soon"_s << u"timeout"_s;
    QTest::newRow("timeout too short") << u"gateway/timeout_ms"_s << u"5"_s << u"timeout"_s;
    QTest::newRow("timeout too long") << u"gateway/timeout_ms"_s << u"86400000"_s << u"timeout"_s;
    QTest::newRow("plain http to a remote host")
        << u"gateway/base_url"_s << u"http://api.fatora.io"_s << u"base_url"_s;
    QTest::newRow("not a URL") << u"gateway/base_url"_s << u"::not a url::"_s << u"base_url"_s;
    QTest::newRow("unknown currency") << u"charges/currency"_s << u"ABC"_s << u"currency"_s;
    QTest::newRow("unknown language") << u"ui/language"_s << u"fr"_s << u"language"_s;
    QTest::newRow("operator with a line break") << u"operator/name"_s << u"Aisha\nAdmin"_s << u"operator"_s;
}

void TestAppSettings::malformedStoredValuesAreReportedByValidate()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, field);
    auto settings = freshSettings();
    settings->setValue(key, value);
    const auto result = AppSettings::load(*settings).validate();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().field, field);
    QVERIFY(!result.error().message.isEmpty());
}

void TestAppSettings::environmentOverrides_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QUrl>("baseUrl");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("operatorName");

    const QUrl stored(u"https://api.fatora.io"_s);
    QTest::newRow("https base url") << u"FATORA_BASE_URL"_s << u"https://sandbox.fatora.io"_s
                                    << QUrl(u"https://sandbox.fatora.io"_s) << 30'000 << u"Stored"_s;
    QTest::newRow("loopback http base url (simulator)")
        << u"FATORA_BASE_URL"_s << u"http://127.0.0.1:8099"_s << QUrl(u"http://127.0.0.1:8099"_s) << 30'000
        << u"Stored"_s;
    QTest::newRow("localhost http base url") << u"FATORA_BASE_URL"_s << u"http://localhost:8099"_s
                                             << QUrl(u"http://localhost:8099"_s) << 30'000 << u"Stored"_s;
    QTest::newRow("timeout") << u"FATORA_TIMEOUT_MS"_s << u"1000"_s << stored << 1000 << u"Stored"_s;
    QTest::newRow("timeout with spaces")
        << u"FATORA_TIMEOUT_MS"_s << u" 2500 "_s << stored << 2500 << u"Stored"_s;
    QTest::newRow("operator") << u"FATORA_OPERATOR"_s << u"nightly-reconcile"_s << stored << 30'000
                              << u"nightly-reconcile"_s;
}

void TestAppSettings::environmentOverrides()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QUrl, baseUrl);
    QFETCH(int, timeoutMs);
    QFETCH(QString, operatorName);

    AppSettings stored;
    stored.operatorName = u"Stored"_s;
    QProcessEnvironment env;
    env.insert(variable, value);
    auto result = stored.withEnvironment(env);
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result->baseUrl, baseUrl);
    QCOMPARE(result->timeoutMs, timeoutMs);
    QCOMPARE(result->operatorName, operatorName);
    QVERIFY(result->validate().ok());
}

void TestAppSettings::malformedEnvironmentIsNamed_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");

    QTest::newRow("base url plain http to a remote host")
        << u"FATORA_BASE_URL"_s << u"http://api.fatora.io"_s;
    QTest::newRow("base url ftp") << u"FATORA_BASE_URL"_s << u"ftp://api.fatora.io"_s;
    QTest::newRow("base url not a url") << u"FATORA_BASE_URL"_s << u"api fatora io"_s;
    QTest::newRow("base url with credentials")
        << u"FATORA_BASE_URL"_s << u"https://me:secret@api.fatora.io"_s;
    QTest::newRow("base url with a query") << u"FATORA_BASE_URL"_s << u"https://api.fatora.io/?key=1"_s;
    QTest::newRow("timeout letters") << u"FATORA_TIMEOUT_MS"_s << u"10s"_s;
    QTest::newRow("timeout negative") << u"FATORA_TIMEOUT_MS"_s << u"-1000"_s;
    QTest::newRow("timeout zero") << u"FATORA_TIMEOUT_MS"_s << u"0"_s;
    QTest::newRow("timeout above five minutes") << u"FATORA_TIMEOUT_MS"_s << u"300001"_s;
    QTest::newRow("timeout beyond int") << u"FATORA_TIMEOUT_MS"_s << u"99999999999999"_s;
    QTest::newRow("operator with a line break") << u"FATORA_OPERATOR"_s << u"ops\nroot"_s;
    QTest::newRow("operator too long") << u"FATORA_OPERATOR"_s << QString(101, u'x');
}

void TestAppSettings::malformedEnvironmentIsNamed()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QProcessEnvironment env;
    env.insert(variable, value);
    const auto result = AppSettings().withEnvironment(env);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().field, variable);
    QVERIFY(!result.error().message.isEmpty());
    QVERIFY2(!result.error().message.contains(u"secret"_s), "credentials must not be echoed");
}

void TestAppSettings::emptyVariablesCountAsUnset()
{
    AppSettings stored;
    stored.timeoutMs = 7000;
    stored.operatorName = u"Stored"_s;
    QProcessEnvironment env;
    env.insert(u"FATORA_BASE_URL"_s, QString());
    env.insert(u"FATORA_TIMEOUT_MS"_s, QString());
    env.insert(u"FATORA_OPERATOR"_s, u"   "_s);
    auto result = stored.withEnvironment(env);
    QVERIFY(result.ok());
    QCOMPARE(result->baseUrl, stored.baseUrl);
    QCOMPARE(result->timeoutMs, 7000);
    QCOMPARE(result->operatorName, u"Stored"_s);
}

void TestAppSettings::gatewayConfigCarriesTheSettings()
{
    AppSettings s;
    s.baseUrl = QUrl(u"http://127.0.0.1:9"_s);
    s.timeoutMs = 1500;
    const GatewayConfig config = s.gatewayConfig(u"KEY-1234"_s);
    QCOMPARE(config.baseUrl, s.baseUrl);
    QCOMPARE(config.timeoutMs, 1500);
    QCOMPARE(config.apiKey, u"KEY-1234"_s);
    QVERIFY(config.validate().ok());
}

void TestAppSettings::timeoutBoundsAreInclusive()
{
    for (int ms : {AppSettings::MinTimeoutMs, AppSettings::MaxTimeoutMs}) {
        QProcessEnvironment env;
        env.insert(u"FATORA_TIMEOUT_MS"_s, QString::number(ms));
        auto result = AppSettings().withEnvironment(env);
        QVERIFY(result.ok());
        QCOMPARE(result->timeoutMs, ms);
    }
}

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"

void TestAppSettings::databaseSettingsRoundTripWithoutPassword()
{
    AppSettings s;
    s.database.kind = DatabaseSettings::Kind::SharedServer;
    s.database.host = u"db.office.lan"_s;
    s.database.port = 6543;
    s.database.database = u"fatora_backoffice"_s;
    s.database.user = u"amal"_s;
    s.database.sslMode = u"verify-full"_s;
    QVERIFY(s.validate().ok());
    auto stored = freshSettings();
    s.save(*stored);
    stored->sync();
    const AppSettings loaded = AppSettings::load(*stored);
    QCOMPARE(loaded.database, s.database);
    // No key of the settings file so much as names a password.
    for (const QString &k : stored->allKeys())
        QVERIFY2(!k.contains(u"pass"_s, Qt::CaseInsensitive), qPrintable(k));

    AppSettings file;
    file.database.filePath = u"/srv/desk/fatora.sqlite"_s;
    auto second = freshSettings();
    file.save(*second);
    QCOMPARE(AppSettings::load(*second).database, file.database);
    QCOMPARE(AppSettings::load(*second).database.kind, DatabaseSettings::Kind::ThisComputer);
}

void TestAppSettings::databaseSettingsNameTheField_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("field");
    QTest::newRow("no host") << u"database/host"_s << QString() << u"database_host"_s;
    QTest::newRow("host with a user") << u"database/host"_s << u"amal@db"_s << u"database_host"_s;
    QTest::newRow("host with a space") << u"database/host"_s << u"db office"_s << u"database_host"_s;
    QTest::newRow("port zero") << u"database/port"_s << u"0"_s << u"database_port"_s;
    QTest::newRow("port not a number") << u"database/port"_s << u"54x"_s << u"database_port"_s;
    QTest::newRow("port too big") << u"database/port"_s << u"70000"_s << u"database_port"_s;
    QTest::newRow("no database") << u"database/name"_s << QString() << u"database_name"_s;
    QTest::newRow("database too long") << u"database/name"_s << QString(64, u'd') << u"database_name"_s;
    QTest::newRow("user with a line break") << u"database/user"_s << u"am\nal"_s << u"database_user"_s;
    QTest::newRow("unknown sslmode") << u"database/sslmode"_s << u"prefer"_s << u"database_sslmode"_s;
}

void TestAppSettings::databaseSettingsNameTheField()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, field);
    auto stored = freshSettings();
    stored->setValue(u"database/kind"_s, u"server"_s);
    stored->setValue(u"database/host"_s, u"db.office.lan"_s);
    stored->setValue(u"database/name"_s, u"fatora"_s);
    QVERIFY(AppSettings::load(*stored).validate().ok());
    stored->setValue(key, value);
    const auto valid = AppSettings::load(*stored).validate();
    QVERIFY(!valid.ok());
    QCOMPARE(valid.error().field, field);
    QVERIFY(!valid.error().message.isEmpty());

    // A file choice with a server's address is refused, naming the file field.
    AppSettings file;
    file.database.filePath = u"postgresql://db/fatora"_s;
    QCOMPARE(file.validate().error().field, u"database_file"_s);
}

void TestAppSettings::databaseLocationIsAUrlWithoutPassword()
{
    DatabaseSettings s;
    QCOMPARE(s.location(), QString()); // the default file
    s.filePath = u"/tmp/desk.sqlite"_s;
    QCOMPARE(s.location(), u"/tmp/desk.sqlite"_s);
    s.kind = DatabaseSettings::Kind::SharedServer;
    s.host = u"db.office.lan"_s;
    s.database = u"fatora"_s;
    QCOMPARE(s.location(), u"postgresql://db.office.lan:5432/fatora"_s);
    s.user = u"amal"_s;
    s.port = 6543;
    s.sslMode = u"require"_s;
    QCOMPARE(s.location(), u"postgresql://amal@db.office.lan:6543/fatora?sslmode=require"_s);
    // What the location names comes back as entered (a file path is not part of a server's).
    s.filePath.clear();
    QCOMPARE(DatabaseSettings::fromLocation(s.location()).value(), s);
}

void TestAppSettings::databaseFromLocation()
{
    const auto server = DatabaseSettings::fromLocation(u"postgres://sara:S3cret@db:5433/shop"_s);
    QVERIFY(server.ok());
    QCOMPARE(server->kind, DatabaseSettings::Kind::SharedServer);
    QCOMPARE(server->user, u"sara"_s);
    QCOMPARE(server->port, 5433);
    QVERIFY(!server->location().contains(u"S3cret"_s)); // the password is never kept
    const auto bad = DatabaseSettings::fromLocation(u"postgresql://db:0/shop"_s);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().field, u"port"_s);
    const auto file = DatabaseSettings::fromLocation(u"/tmp/a.sqlite"_s);
    QCOMPARE(file->kind, DatabaseSettings::Kind::ThisComputer);
    QCOMPARE(file->filePath, u"/tmp/a.sqlite"_s);
}

void TestAppSettings::passwordAccountBelongsToUserServerAndDatabase()
{
    const QString a = DatabaseSettings::passwordAccountOf(u"postgresql://amal@db:5432/shop"_s);
    QCOMPARE(a, u"database:postgresql://amal@db:5432/shop"_s);
    // The host's letter case and options do not make another entry; user, port or database do.
    QCOMPARE(DatabaseSettings::passwordAccountOf(u"postgresql://amal@DB:5432/shop?sslmode=require"_s), a);
    QVERIFY(DatabaseSettings::passwordAccountOf(u"postgresql://sara@db:5432/shop"_s) != a);
    QVERIFY(DatabaseSettings::passwordAccountOf(u"postgresql://amal@db:5433/shop"_s) != a);
    QVERIFY(DatabaseSettings::passwordAccountOf(u"postgresql://amal@db:5432/other"_s) != a);
    // A password in the URL never becomes part of the entry's name.
    QCOMPARE(DatabaseSettings::passwordAccountOf(u"postgresql://amal:pw@db:5432/shop"_s), a);
    QCOMPARE(DatabaseSettings::passwordAccountOf(u"/tmp/a.sqlite"_s), QString());
    QCOMPARE(DatabaseSettings::passwordAccountOf(u"postgresql://db:0/x"_s), QString());
}

void TestAppSettings::databaseChoiceOrder()
{
    DatabaseSettings saved;
    saved.kind = DatabaseSettings::Kind::SharedServer;
    saved.host = u"db"_s;
    saved.database = u"shop"_s;
    QProcessEnvironment env;
    using Source = DatabaseChoice::Source;

    auto choice = DatabaseChoice::choose(u"/opt/a.sqlite"_s, env, saved, false);
    QCOMPARE(choice.location, u"/opt/a.sqlite"_s);
    QCOMPARE(choice.source, Source::Option);
    env.insert(u"FATORA_DATABASE"_s, u"/opt/env.sqlite"_s);
    choice = DatabaseChoice::choose(QString(), env, saved, false);
    QCOMPARE(choice.location, u"/opt/env.sqlite"_s);
    QCOMPARE(choice.source, Source::Environment);
    env.remove(u"FATORA_DATABASE"_s);
    choice = DatabaseChoice::choose(QString(), env, saved, false);
    QCOMPARE(choice.location, u"postgresql://db:5432/shop"_s);
    QCOMPARE(choice.source, Source::Settings);
    choice = DatabaseChoice::choose(QString(), env, DatabaseSettings(), false);
    QCOMPARE(choice.source, Source::Default);
    QVERIFY(!choice.location.isEmpty());

    // The sandbox never opens the real database from the environment or the settings.
    env.insert(u"FATORA_DATABASE"_s, u"/opt/env.sqlite"_s);
    env.insert(u"FATORA_SANDBOX_DATABASE"_s, u"/tmp/demo.sqlite"_s);
    choice = DatabaseChoice::choose(QString(), env, saved, true);
    QCOMPARE(choice.location, u"/tmp/demo.sqlite"_s);
    QCOMPARE(choice.source, Source::Default);
    QCOMPARE(DatabaseChoice::choose(u"/opt/a.sqlite"_s, env, saved, true).location, u"/opt/a.sqlite"_s);
}
