// fatora-backoffice: parses the options, opens a Session (the start-up path the CLI shares) and
// hands it to the desk.

#include "DatabasePassword.h"
#include "SecretStore.h"
#include "common/Display.h"
#include "common/Translations.h"
#include "desk/DeskContext.h"
#include "desk/MainWindow.h"
#include "desk/ScreenshotTour.h"
#include "domain/Clock.h"
#include "GatewaySimulator.h"
#include "domain/LocalTimeZone.h"
#include "security/ProcessHardening.h"
#include "session/Session.h"
#include "settings/ApiKeyKeeper.h"
#include "settings/AppSettings.h"
#include "settings/DatabaseProblemDialog.h"
#include "settings/DatabasePage.h"
#include "staff/ChangePasswordDialog.h"
#include "SimulatorSandbox.h"
#include "store/StoreLocation.h"
#include "store/StoreReader.h"
#include "store/sqlite/SqliteStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace fatora;

namespace {

// Start-up problems are shown in a window (the desk is usually started from a menu) and on stderr.
int fail(const QString &message)
{
    std::fprintf(stderr, "fatora-backoffice: %s\n", qPrintable(message));
    if (qEnvironmentVariable("QT_QPA_PLATFORM") != u"offscreen"_s) {
        // Plain text: the message may quote a path or an address as it was typed.
        QMessageBox box(QMessageBox::Critical, QCoreApplication::translate("main", "Fatora Back Office"), message,
                        QMessageBox::Ok);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything holds a secret: no core file, no ptrace by another process (see ProcessHardening).
    fatora::ProcessHardening::disableCoreDumps();
    fatora::keepLocalTimeZone();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Fatora"_s);
    QCoreApplication::setApplicationName(u"Fatora Back Office"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FATORA_VERSION));
    QGuiApplication::setDesktopFileName(u"fatora-backoffice"_s);
    QGuiApplication::setWindowIcon(QIcon(u":/icons/fatora-backoffice.svg"_s));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Charge saved card tokens through Fatora, revoke them and follow every "
                "payment."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandboxOption(
        u"sandbox"_s,
        QCoreApplication::translate("main", "Use the local simulator and a separate demo database: "
                                            "no real money moves."));
    const QCommandLineOption databaseOption(
        u"database"_s,
        QCoreApplication::translate("main", "Use this database: a file, or postgresql://user@host:port/name for "
                                            "a server several desks share (its password: "
                                            "$FATORA_DATABASE_PASSWORD)."),
        u"file|url"_s);
    const QCommandLineOption languageOption(
        u"language"_s,
        QCoreApplication::translate("main", "Language: system, en or ar (overrides the settings)."),
        u"language"_s);
    QCommandLineOption screenshotOption(
        u"screenshot"_s, u"Write the documentation screenshots into <dir> and quit."_s, u"dir"_s);
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({sandboxOption, databaseOption, languageOption, screenshotOption});
    parser.process(app);

    const bool screenshots = parser.isSet(screenshotOption);
    const bool sandbox = parser.isSet(sandboxOption) || screenshots;

    // Screenshots run against a throw-away sandbox: they never touch the operator's files.
    QTemporaryDir scratch;
    std::unique_ptr<QSettings> settings;
    if (screenshots)
        settings = std::make_unique<QSettings>(scratch.filePath(u"settings.ini"_s), QSettings::IniFormat);
    else if (sandbox)
        settings = std::make_unique<QSettings>(u"Fatora"_s, u"Fatora Back Office Sandbox"_s);
    else
        settings = std::make_unique<QSettings>(u"Fatora"_s, u"Fatora Back Office"_s);

    auto loaded = AppSettings::load(*settings).withEnvironment(QProcessEnvironment::systemEnvironment());
    if (!loaded.ok())
        return fail(loaded.error().toString());
    AppSettings appSettings = loaded.value();

    QString language = appSettings.language;
    if (parser.isSet(languageOption)) {
        language = parser.value(languageOption).trimmed().toLower();
        if (language == u"system"_s)
            language.clear();
        if (!language.isEmpty() && language != u"en"_s && language != u"ar"_s)
            return fail(QCoreApplication::translate("main", "--language: use system, en or ar, not “%1”.")
                            .arg(parser.value(languageOption)));
    }
    Translations::apply(screenshots ? u"en"_s : language);

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    DatabaseChoice choice = screenshots
                                ? DatabaseChoice{scratch.filePath(u"sandbox.sqlite"_s), DatabaseChoice::Source::Default}
                                : DatabaseChoice::choose(parser.value(databaseOption), environment,
                                                         appSettings.database, sandbox);
    // The keychain may ask its owner to unlock it first: give them time, as the CLI does.
    constexpr int KeychainWaitMs = 30'000;
    QString password = DatabasePassword::find(choice.location, environment, KeychainWaitMs).password;
    SystemClock clock;
    const ApiKeyKeeper::Source key =
        ApiKeyKeeper::choose(environment, sandbox, GatewaySimulator::defaultApiKey());
    std::unique_ptr<Session> session;
    SimulatorSandbox *simulatorSandbox = nullptr;
    for (;;) {
        Session::Options options;
        options.location = choice.location;
        options.databasePassword = password;
        // Every payment and audit entry names who made it: on a shared database the login that
        // signed in (the database writes it), on a file this computer's login - never a name typed
        // in Settings.
        options.gateway = appSettings.gatewayConfig(key.key);
        // On a server the desk renews its lease through its reader, off the GUI thread.
        options.renewLeaseHere = !StoreLocation::isServer(choice.location);
        if (sandbox) {
            // The simulator lives as long as the desk: its thread answers every sandbox call.
            auto started = SimulatorSandbox::start();
            if (!started.ok())
                return fail(started.error().message);
            options.sandbox = std::move(started).value();
        }
        simulatorSandbox = static_cast<SimulatorSandbox *>(options.sandbox.get());
        auto opened = Session::open(std::move(options), clock);
        if (opened.ok()) {
            session = std::move(opened).value();
            break;
        }
        const QString problem = QCoreApplication::translate("main", "Cannot open the database %1: %2")
                                    .arg(StoreLocation::display(choice.location), opened.error().message);
        // The sandbox and a headless start stop here; a person at the desk may correct the
        // database or type its password and try again.
        if (sandbox || qEnvironmentVariable("QT_QPA_PLATFORM") == u"offscreen"_s)
            return fail(problem);
        std::fprintf(stderr, "fatora-backoffice: %s\n", qPrintable(problem));
        const auto tried = DatabaseSettings::fromLocation(choice.location);
        // In the window the address is isolated: a URL inside right-to-left text keeps its order.
        DatabaseProblemDialog dialog(QCoreApplication::translate("main", "Cannot open the database %1: %2")
                                         .arg(fatora::Display::path(StoreLocation::display(choice.location)),
                                              opened.error().message),
                                     tried.ok() ? tried.value() : DatabaseSettings());
        if (dialog.exec() != QDialog::Accepted)
            return 1;
        const DatabaseSettings chosen = dialog.page()->enteredSettings().value();
        appSettings.database = chosen;
        chosen.save(*settings);
        settings->sync();
        choice = DatabaseChoice{chosen.location().isEmpty() ? SqliteStore::defaultPath(false) : chosen.location(),
                                DatabaseChoice::Source::Settings};
        const QString account = chosen.passwordAccount();
        if (!dialog.page()->enteredPassword().isEmpty()) {
            password = dialog.page()->enteredPassword();
            if (dialog.page()->rememberPassword() && !account.isEmpty()) {
                // Stored while the desk starts; a keychain that refuses is said on stderr (the
                // password still works for this run).
                auto *store = new KeychainSecretStore(KeychainSecretStore::defaultService(), account, &app);
                QObject::connect(store, &SecretStore::saved, store, [](bool persisted, const QString &error) {
                    if (!persisted)
                        std::fprintf(stderr, "fatora-backoffice: the database password was not remembered: %s\n",
                                     qPrintable(error));
                });
                store->save(password);
            }
        } else {
            password = DatabasePassword::find(choice.location, environment, KeychainWaitMs).password;
        }
    }
    if (simulatorSandbox)
        appSettings.baseUrl = simulatorSandbox->baseUrl();
    // Signed in with the one-time password an administrator handed over: it allows nothing but
    // choosing one's own (the database holds every right back until then).
    if (session->signedIn().mustChangePassword) {
        const QString login = session->signedIn().login;
        if (qEnvironmentVariable("QT_QPA_PLATFORM") == u"offscreen"_s)
            return fail(QCoreApplication::translate("main", "%1 signed in with a one-time password: choose your own "
                                                            "first (\"fatora-cli staff password\").")
                            .arg(login));
        ChangePasswordDialog dialog(session->staff(), login);
        if (dialog.exec() != QDialog::Accepted)
            return fail(QCoreApplication::translate("main", "No password of your own was chosen: the desk does "
                                                            "nothing for a one-time password."));
        if (auto again = session->refreshSignedIn(); !again.ok())
            return fail(again.error().toString());
        const auto database = DatabaseSettings::fromLocation(choice.location);
        const QString account = database.ok() ? database->passwordAccount() : QString();
        if (!account.isEmpty()) {
            // Remembered, or forgotten: the one-time password a keychain may hold no longer signs in.
            auto *store = new KeychainSecretStore(KeychainSecretStore::defaultService(), account, &app);
            QObject::connect(store, &SecretStore::saved, store, [](bool persisted, const QString &error) {
                if (!persisted)
                    std::fprintf(stderr, "fatora-backoffice: the new password was not remembered: %s\n",
                                 qPrintable(error));
            });
            if (dialog.remember())
                store->save(dialog.newPassword());
            else
                store->remove();
        }
    }
    auto recovered = session->recover();
    if (!recovered.ok())
        return fail(recovered.error().toString());

    std::unique_ptr<KeychainSecretStore> keyStore;
    if (key.useKeychain)
        keyStore = std::make_unique<KeychainSecretStore>(KeychainSecretStore::defaultService());

    // The desk's lists read through a connection of their own on a thread of their own.
    StoreReader reader(session->readerOpener());

    DeskContext context;
    context.store = &session->store();
    context.reader = &reader;
    context.payments = &session->payments();
    context.cardRequests = &session->cardRequests();
    context.customers = &session->customers();
    context.gateway = &session->gateway();
    context.clock = &clock;
    context.keyStore = keyStore.get();
    context.settings = settings.get();
    context.simulator = simulatorSandbox ? &simulatorSandbox->simulator() : nullptr;
    context.appSettings = appSettings;
    context.apiKey = key.key;
    context.apiKeyFromEnvironment = key.fromEnvironment;
    context.sandbox = sandbox;
    context.databaseInUse = session->store().location();
    context.databaseSource = choice.source;
    if (!sandbox)
        context.passwordStoreFor = [](const QString &account, QObject *parent) -> SecretStore * {
            return new KeychainSecretStore(KeychainSecretStore::defaultService(), account, parent);
        };

    MainWindow window(context);
    if (recovered.value() > 0)
        window.statusBar()->showMessage(
            QCoreApplication::translate("main",
                                        "Payments in flight when the desk last stopped: %n. Their outcome "
                                        "is unknown: verify them (Tools → Reconcile pending payments).",
                                        nullptr, recovered.value()));

    if (screenshots) {
        const QString directory = parser.value(screenshotOption);
        QTimer::singleShot(0, &window, [&window, &app, directory] {
            auto written = ScreenshotTour::run(window, directory);
            if (!written.ok()) {
                std::fprintf(stderr, "fatora-backoffice: screenshots: %s\n",
                             qPrintable(written.error().toString()));
                app.exit(1);
                return;
            }
            for (const QString &file : written.value())
                std::printf("%s\n", qPrintable(file));
            app.exit(0);
        });
    }
    window.show();
    return app.exec();
}
