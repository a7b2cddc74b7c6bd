#include "CliContext.h"

#include "DatabasePassword.h"
#include "SecretStore.h"
#include "gateway/GatewayClient.h"
#include "payments/CardRequestService.h"
#include "payments/PaymentService.h"
#include "security/PrintableText.h"
#include "session/Session.h"
#include "SimulatorSandbox.h"
#include "store/StoreLocation.h"
#include "store/sqlite/SqliteStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSettings>
#include <QTimer>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <string>

#ifdef Q_OS_WIN
#include <io.h>
#define FATORA_ISATTY _isatty
#define FATORA_FILENO _fileno
#else
#include <termios.h>
#include <unistd.h>
#define FATORA_ISATTY isatty
#define FATORA_FILENO fileno
#endif

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

// The keychain may need the operator to unlock it; past this, tell them to use the variable instead.
constexpr int KeychainWaitMs = 30'000;

// Written and flushed at once; false (with the system's reason) when the bytes did not all go out:
// a full disk, /dev/full, a closed pipe.
bool writeTo(FILE *stream, const QByteArray &bytes, QString *reason = nullptr)
{
    errno = 0;
    const size_t written = std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    const bool flushed = std::fflush(stream) == 0;
    if (written == size_t(bytes.size()) && flushed && !std::ferror(stream))
        return true;
    if (reason)
        *reason = errno != 0 ? qt_error_string(errno)
                             : QCoreApplication::translate("fatora::cli::CliContext", "the write failed");
    std::clearerr(stream);
    return false;
}

// One line means one line: a message quoting input must not break a script's "read one line", nor
// may it carry a control character or a bidi override to the terminal.
QString oneLine(QString text)
{
    text.replace(u"\r\n"_s, u" "_s);
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    return PrintableText::escape(text.trimmed());
}

// -h and --help (-v and --version) are one option.
QString canonicalOptionName(const QString &name)
{
    if (name == u"h"_s)
        return u"help"_s;
    if (name == u"v"_s)
        return u"version"_s;
    return name;
}

QString dashed(const QString &name)
{
    return (name.size() == 1 ? u"-"_s : u"--"_s) + name;
}

} // namespace

CliContext::CliContext(QObject *parent) : QObject(parent) {}

CliContext::~CliContext() = default;

QList<QCommandLineOption> CliContext::globalOptions()
{
    return {
        QCommandLineOption(u"database"_s,
                           tr("The database: a file, or postgresql://user@host:port/name for a shared server "
                              "(default: $FATORA_DATABASE, else the desk's Settings → Database, else the desk's file). A "
                              "server's password: $FATORA_DATABASE_PASSWORD, else the system keychain."),
                           u"FILE|URL"_s),
        QCommandLineOption(u"json"_s,
                           tr("Print results as JSON: one object per command, lists as an array.")),
        QCommandLineOption(u"sandbox"_s,
                           tr("Use the built-in gateway simulator and the sandbox database: no real "
                              "money moves.")),
        QCommandLineOption(u"show-token"_s, tr("Print card tokens in full instead of masked.")),
    };
}

void CliContext::applyGlobalOptions(const QCommandLineParser &parser)
{
    for (const QString &name : parser.optionNames()) {
        if (isGlobalOption(name))
            m_globalOptionsGiven << name;
    }
    if (parser.isSet(u"database"_s))
        m_databaseOption = parser.value(u"database"_s);
    m_json = m_json || parser.isSet(u"json"_s);
    m_sandbox = m_sandbox || parser.isSet(u"sandbox"_s);
    m_showToken = m_showToken || parser.isSet(u"show-token"_s);
}

bool CliContext::isGlobalOption(const QString &name)
{
    for (const QCommandLineOption &option : globalOptions()) {
        if (option.names().contains(name))
            return true;
    }
    return false;
}

std::optional<int> CliContext::refuseRepeatedOptions(const QCommandLineParser &parser, const QString &command)
{
    // Global options given before the command count too: "--database a history --database b".
    QStringList seen = m_globalOptionsGiven;
    for (const QString &given : parser.optionNames()) {
        const QString name = canonicalOptionName(given);
        if (seen.contains(name)) {
            const QString problem =
                tr("%1 was given more than once; give each option once. Nothing was sent or written.")
                    .arg(dashed(name));
            return fail(BadInput, command.isEmpty() ? problem : command + u": "_s + problem);
        }
        seen << name;
    }
    return std::nullopt;
}

std::optional<int> CliContext::parse(QCommandLineParser &parser, const QString &command,
                                     const QString &synopsis, const QStringList &arguments,
                                     int positionalArguments)
{
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s}, tr("Show this help."));
    parser.addOption(help);
    parser.addOptions(globalOptions());
    if (!parser.parse(QStringList{u"fatora-cli"_s} + arguments))
        return fail(BadInput, command + u": "_s + parser.errorText() + u" (see fatora-cli "_s + command +
                                  u" --help)"_s);
    // With two values there is no telling which one was meant ("--amount 10 --amount 1000"): neither.
    if (auto stop = refuseRepeatedOptions(parser, command))
        return stop;
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // Qt's first line names the executable; ours names the command.
        text = u"Usage: fatora-cli [global options] "_s + command + u' ' + synopsis + u'\n' +
               text.mid(text.indexOf(u'\n'));
        writeOutput(text.toUtf8());
        return Done;
    }
    if (parser.isSet(u"database"_s) && parser.value(u"database"_s).isEmpty())
        return fail(BadInput, tr("--database: give a file name."));
    applyGlobalOptions(parser);
    const QStringList extra = parser.positionalArguments().mid(positionalArguments);
    if (!extra.isEmpty())
        return fail(BadInput, tr("%1: unexpected argument \"%2\" (see fatora-cli %1 --help)")
                                  .arg(command, extra.constFirst().left(60)));
    return std::nullopt;
}

void CliContext::print(const QString &line)
{
    writeOutput((PrintableText::escape(line, PrintableText::LineBreaks::Keep) + u'\n').toUtf8());
}

void CliContext::printJson(const QJsonValue &value)
{
    // QJsonDocument already writes control characters as \u escapes; bidi controls stay as they are
    // (a JSON reader gets the stored text; docs/cli.md).
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    writeOutput(document.toJson(QJsonDocument::Indented));
}

void CliContext::writeOutput(const QByteArray &bytes)
{
    if (!m_outputError.isEmpty())
        return; // the first failure is the one to report; what follows would be cut anyway
    QString reason;
    if (!writeTo(stdout, bytes, &reason))
        m_outputError = reason;
}

int CliContext::finish(int code)
{
    if (m_outputError.isEmpty()) {
        QString reason;
        if (!writeTo(stdout, QByteArray(), &reason))
            m_outputError = reason;
    }
    if (m_outputError.isEmpty())
        return code;
    // A code that already says something about money (declined, unknown) is kept; a success whose
    // result could not be written is not a success for the script reading it.
    const int failed = fail(ConfigProblem, tr("could not write the output: %1").arg(m_outputError));
    return code == Done ? failed : code;
}

int CliContext::fail(int code, const QString &message)
{
    endProgress();
    writeTo(stderr, (u"fatora-cli: "_s + oneLine(message) + u'\n').toUtf8());
    return code;
}

void CliContext::note(const QString &line)
{
    endProgress();
    writeTo(stderr, (u"fatora-cli: "_s + oneLine(line) + u'\n').toUtf8());
}

void CliContext::progress(const QString &text)
{
    if (!stderrIsTerminal())
        return;
    // \r and "erase line" redraw one status line instead of scrolling.
    writeTo(stderr, (u"\r\x1b[K"_s + PrintableText::escape(text)).toUtf8());
    m_progressShown = true;
}

void CliContext::endProgress()
{
    if (!m_progressShown)
        return;
    writeTo(stderr, QByteArrayLiteral("\r\x1b[K"));
    m_progressShown = false;
}

bool CliContext::stdinIsTerminal() const
{
    return FATORA_ISATTY(FATORA_FILENO(stdin)) != 0;
}

bool CliContext::stderrIsTerminal() const
{
    return FATORA_ISATTY(FATORA_FILENO(stderr)) != 0;
}

std::optional<int> CliContext::confirm(const QString &question, bool yes, const QString &what)
{
    if (yes)
        return std::nullopt;
    if (!stdinIsTerminal())
        return fail(BadInput,
                    tr("%1: not confirmed: there is no terminal to ask on. Add --yes to confirm from a "
                       "script. Nothing was sent.")
                        .arg(what));
    writeTo(stderr, (PrintableText::escape(question) + u" [y/N] "_s).toUtf8());
    std::string answer;
    if (!std::getline(std::cin, answer))
        answer.clear();
    const QString reply = QString::fromStdString(answer).trimmed().toLower();
    if (reply == u"y"_s || reply == u"yes"_s)
        return std::nullopt;
    return fail(BadInput, tr("%1: cancelled. Nothing was sent.").arg(what));
}

QString CliContext::readSecret(const QString &prompt)
{
    std::string line;
    if (!stdinIsTerminal()) {
        if (!std::getline(std::cin, line))
            line.clear();
        return QString::fromStdString(line);
    }
    writeTo(stderr, PrintableText::escape(prompt).toUtf8());
#ifdef Q_OS_UNIX
    termios before{};
    const bool quiet = tcgetattr(STDIN_FILENO, &before) == 0;
    if (quiet) {
        termios silent = before;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
#endif
    if (!std::getline(std::cin, line))
        line.clear();
#ifdef Q_OS_UNIX
    if (quiet)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
#endif
    writeTo(stderr, QByteArrayLiteral("\n"));
    return QString::fromStdString(line);
}

const AppSettings *CliContext::settings()
{
    if (m_settings)
        return &*m_settings;
    if (m_settingsFailed)
        return nullptr;
    // The same scopes as the desk, so both use one gateway address, timeout and default currency.
    QSettings stored(u"Fatora"_s, m_sandbox ? u"Fatora Back Office Sandbox"_s : u"Fatora Back Office"_s);
    const AppSettings loaded = AppSettings::load(stored);
    if (auto ok = loaded.validate(); !ok) {
        m_settingsFailed = true;
        fail(ConfigProblem, tr("settings (%1): %2").arg(stored.fileName(), ok.error().toString()));
        return nullptr;
    }
    auto withEnv = loaded.withEnvironment(QProcessEnvironment::systemEnvironment());
    if (!withEnv.ok()) {
        m_settingsFailed = true;
        fail(ConfigProblem, withEnv.error());
        return nullptr;
    }
    m_settings = withEnv.value();
    return &*m_settings;
}

QString CliContext::operatorName()
{
    if (m_session)
        return m_session->operatorName();
    const AppSettings *s = settings();
    if (s && !s->operatorName.isEmpty())
        return s->operatorName;
    return Session::loginName(QString::fromUtf16(Session::DefaultOperator));
}

StaffMember CliContext::signedIn()
{
    if (m_session)
        return m_session->signedIn();
    return StaffMember::withEveryRight(operatorName());
}

StaffService *CliContext::staffService()
{
    if (!store())
        return nullptr;
    return &m_session->staff();
}

int CliContext::gatewayTimeoutMs()
{
    const AppSettings *s = settings();
    return s ? s->timeoutMs : GatewayConfig::DefaultTimeoutMs;
}

QString CliContext::databaseLocation()
{
    DatabaseSettings saved;
    if (!m_sandbox && m_databaseOption.isEmpty() && qEnvironmentVariable("FATORA_DATABASE").isEmpty()) {
        const AppSettings *s = settings();
        if (!s)
            return {};
        saved = s->database;
    }
    return DatabaseChoice::choose(m_databaseOption, QProcessEnvironment::systemEnvironment(), saved, m_sandbox)
        .location;
}

QString CliContext::databasePassword(const QString &location)
{
    const DatabasePassword::Found found =
        DatabasePassword::find(location, QProcessEnvironment::systemEnvironment(), KeychainWaitMs);
    if (!found.keychainError.isEmpty())
        note(tr("the database password could not be read from the system keychain (%1); set "
                "FATORA_DATABASE_PASSWORD if the server asks for one.")
                 .arg(found.keychainError));
    return found.password;
}

Store *CliContext::store()
{
    if (m_session)
        return &m_session->store();
    if (m_storeFailed)
        return nullptr;
    m_storeFailed = true; // until proven otherwise

    if (m_sandbox)
        note(tr("SANDBOX: talking to the built-in gateway simulator, not Fatora. No real money moves."));
    const AppSettings *s = settings();
    if (!s)
        return nullptr;

    const QString path = databaseLocation();
    if (path.isEmpty())
        return nullptr;
    const bool server = StoreLocation::isServer(path);
    const bool existed = server || QFileInfo::exists(path);
    const QString shown = StoreLocation::display(path); // never a password
    Session::Options options;
    options.location = path;
    options.databasePassword = databasePassword(path);
    // On a database file the operator is this computer's login; a script may name itself with
    // FATORA_OPERATOR (a name typed in the desk's Settings no longer counts). A shared database
    // names the login that signed in, whatever is given here.
    if (!qEnvironmentVariable("FATORA_OPERATOR").trimmed().isEmpty())
        options.operatorName = s->operatorName;
    if (m_sandbox) {
        auto started = SimulatorSandbox::start();
        if (!started.ok()) {
            fail(ConfigProblem, tr("sandbox: %1").arg(started.error().message));
            return nullptr;
        }
        options.sandbox = std::move(started).value();
    }
    // The client gets its address and key only when a command needs the gateway; recovery needs neither.
    auto opened = Session::open(std::move(options), m_clock);
    if (!opened.ok()) {
        fail(ConfigProblem, tr("database %1: %2").arg(shown, opened.error().message));
        return nullptr;
    }
    std::unique_ptr<Session> session = std::move(opened).value();
    if (!existed && !m_sandbox)
        note(tr("created a new, empty database at %1").arg(shown));
    if (session->seededCustomers() > 0)
        note(tr("sandbox: added %1 demo customers to %2").arg(session->seededCustomers()).arg(shown));

    if (session->isReadOnly()) {
        // Listing works; a write is refused by the store with a message that says why.
        note(tr("database %1 is read-only for this user: reading only (charges left in flight by a "
                "stopped run are not checked).")
                 .arg(shown));
    } else {
        auto recovered = session->recover();
        if (!recovered.ok()) {
            fail(ConfigProblem, tr("database %1: %2").arg(shown, recovered.error().toString()));
            return nullptr;
        }
        if (recovered.value() > 0)
            note(tr("%n charge(s) left in flight by an interrupted run now have an unknown outcome: run "
                    "\"fatora-cli verify --pending\".",
                    nullptr, recovered.value()));
    }
    m_session = std::move(session);
    m_storeFailed = false;
    return &m_session->store();
}

QString CliContext::resolveApiKey(QString *problem)
{
    const QString fromEnvironment = qEnvironmentVariable("FATORA_API_KEY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;

    KeychainSecretStore keychain(KeychainSecretStore::defaultService());
    bool answered = false;
    QString key;
    QString keychainError;
    connect(&keychain, &SecretStore::loaded, this, [&](const QString &loadedKey, const QString &error) {
        key = loadedKey;
        keychainError = error;
        answered = true;
        wake();
    });
    keychain.load();
    if (!waitUntil([&] { return answered; }, KeychainWaitMs)) {
        *problem =
            tr("api_key: the system keychain did not answer within %1 seconds; set FATORA_API_KEY instead.")
                .arg(KeychainWaitMs / 1000);
        return {};
    }
    if (key.isEmpty()) {
        *problem =
            keychainError.isEmpty()
                ? tr("api_key: no API key. Set FATORA_API_KEY, or save the key in the desk's settings.")
                : tr("api_key: no API key: %1. Set FATORA_API_KEY.").arg(keychainError);
    }
    return key;
}

PaymentService *CliContext::paymentService()
{
    if (!store())
        return nullptr;
    if (m_serviceReady)
        return &m_session->payments();
    const AppSettings *s = settings();
    if (!s)
        return nullptr;

    GatewayConfig config;
    if (m_session->isSandbox()) {
        config = s->gatewayConfig(QString());
        m_session->setGatewayConfig(config); // the sandbox's own address and key
        config = m_session->gateway().config();
    } else {
        QString problem;
        const QString key = resolveApiKey(&problem);
        if (key.isEmpty()) {
            fail(ConfigProblem, problem);
            return nullptr;
        }
        config = s->gatewayConfig(key);
    }
    if (auto ok = config.validate(); !ok) {
        fail(ConfigProblem, ok.error());
        return nullptr;
    }
    m_session->setGatewayConfig(config);
    m_serviceReady = true;
    return &m_session->payments();
}

CardRequestService *CliContext::cardRequestService()
{
    if (!paymentService())
        return nullptr;
    const AppSettings *s = settings();
    CardRequestService &service = m_session->cardRequests();
    if (auto pages = s->cardRequestPages(); pages.ok())
        service.setReturnPages(pages->first, pages->second);
    service.setLinkLifetimeSecs(qint64(s->linkLifetimeHours) * 60 * 60);
    service.setChangeWay(ChangeOrigin::Way::Cli);
    return &service;
}

bool CliContext::waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        m_loop = &loop;
        QTimer::singleShot(std::max<qint64>(1, deadline.remainingTime()), &loop, &QEventLoop::quit);
        loop.exec();
        m_loop = nullptr;
    }
    return true;
}

void CliContext::wake()
{
    if (m_loop)
        m_loop->quit();
}

int CliContext::lookupFailed(const Error &error, const QString &notFoundMessage)
{
    if (error.is(ErrorKind::NotFound))
        return fail(BadInput, notFoundMessage);
    return fail(ConfigProblem, error);
}

int CliContext::refusedBeforeSending(const Error &error)
{
    return fail(error.isStorageFault() ? ConfigProblem : BadInput, error);
}

int CliContext::refusedChange(const Error &error)
{
    if (error.isStorageFault())
        return fail(ConfigProblem, error);
    // The rules name fields; the person typed options.
    static const QHash<QString, QString> options = {
        {u"name"_s, u"--name"_s},         {u"email"_s, u"--email"_s},
        {u"phone"_s, u"--phone"_s},       {u"reference"_s, u"--reference"_s},
        {u"token"_s, u"--token"_s},       {u"label"_s, u"--label"_s},
        {u"issued"_s, u"--issued"_s},     {u"expires"_s, u"--issued"_s},
        {u"currency"_s, u"--currency"_s}, {u"first_amount"_s, u"--first-amount"_s},
        {u"customer"_s, u"--customer"_s},
    };
    Error named = error;
    named.field = options.value(error.field, error.field);
    return fail(BadInput, named);
}

int CliContext::sandboxCannotReachEarlierRuns(const QString &what)
{
    return fail(BadInput,
                tr("%1: each --sandbox run starts a fresh simulator that never saw earlier runs' charges. "
                   "Start \"fatora-cli simulator\" and point FATORA_BASE_URL at it instead (see "
                   "docs/cli.md). Nothing was sent.")
                    .arg(what));
}

Result<qint64> CliContext::parseId(const QString &text, const QString &option)
{
    static const QRegularExpression digits(u"^[0-9]{1,15}$"_s);
    if (!digits.match(text).hasMatch() || text.toLongLong() <= 0)
        return Error{option, tr("\"%1\" is not an id: give a positive whole number.").arg(text.left(40))};
    return text.toLongLong();
}

Result<QDate> CliContext::parseDate(const QString &text, const QString &option)
{
    static const QRegularExpression shape(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!shape.match(text).hasMatch() || !date.isValid())
        return Error{option,
                     tr("\"%1\" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25.").arg(text.left(40))};
    return date;
}

Result<int> CliContext::parseLimit(const QString &text, const QString &option)
{
    static const QRegularExpression digits(u"^[0-9]{1,7}$"_s);
    if (!digits.match(text).hasMatch() || text.toInt() <= 0)
        return Error{option,
                     tr("\"%1\" is not a count: give a whole number from 1 to 9999999.").arg(text.left(40))};
    return text.toInt();
}

} // namespace fatora::cli
