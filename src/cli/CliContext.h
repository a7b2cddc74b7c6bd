#pragma once

#include "domain/CardToken.h"
#include "domain/Clock.h"
#include "domain/Result.h"
#include "domain/StaffMember.h"
#include "settings/AppSettings.h"

#include <QCommandLineOption>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QCommandLineParser;
class QEventLoop;
class QJsonValue;
class QNetworkAccessManager;

namespace fatora {
class CardRequestService;
class PaymentService;
class Session;
class StaffService;
class Store;
} // namespace fatora

namespace fatora::cli {

// The contract with scripts (issue 4): never renumber.
enum ExitCode : int {
    Done = 0,           // done / approved
    Refused = 1,        // declined or refused by the gateway
    BadInput = 2,       // bad usage or input: nothing sent, nothing written
    OutcomeUnknown = 3, // the money may have moved: verify before anything else
    ConfigProblem = 4,  // no API key, unusable settings, unreachable database or gateway
    AwaitingApproval = 5, // a refund above the limit was asked for: nothing sent until a second supervisor approves
};

// What every command shares: the global options, output, the database, the settings, the key and the
// payment engine. Resources are opened on first use, so "customers list" never needs an API key and a
// usage error never opens the database.
class CliContext : public QObject
{
    Q_OBJECT
public:
    explicit CliContext(QObject *parent = nullptr);
    ~CliContext() override;

    // --database, --json, --sandbox, --show-token: accepted before the command and after it.
    static QList<QCommandLineOption> globalOptions();
    void applyGlobalOptions(const QCommandLineParser &parser);

    // BadInput (reported) when an option was given twice, here or among the global options before the
    // command; command is empty for the global options themselves. parse() calls it.
    std::optional<int> refuseRepeatedOptions(const QCommandLineParser &parser, const QString &command);

    bool json() const { return m_json; }
    bool showToken() const { return m_showToken; }
    bool sandbox() const { return m_sandbox; }

    // Parses a command's own arguments (help and global options included). Returns an exit code when
    // the command must stop here: Done after --help, BadInput after a usage error (already reported).
    // command is e.g. "tokens add", synopsis its arguments for the usage line.
    std::optional<int> parse(QCommandLineParser &parser, const QString &command, const QString &synopsis,
                             const QStringList &arguments, int positionalArguments = 0);

    // stdout: results only, so that pipes and --json stay clean. Text is shown with its control
    // characters and bidi overrides escaped (PrintableText); line breaks are kept. Every write is
    // flushed and checked: the first failure is kept for finish().
    void print(const QString &line);
    void printJson(const QJsonValue &value);
    void writeOutput(const QByteArray &bytes); // as is (CSV)
    // The exit code to return once the command is done: ConfigProblem, after one line on stderr, when
    // the output could not be written and the command would otherwise have returned Done.
    int finish(int code);
    // stderr: exactly one line, "fatora-cli: <problem>", then the exit code to return.
    int fail(int code, const QString &message);
    int fail(int code, const Error &error) { return fail(code, error.toString()); }
    void note(const QString &line);
    // Progress on a terminal only (stderr); silent when stderr is piped or redirected.
    void progress(const QString &text);
    void endProgress();

    bool stdinIsTerminal() const;
    bool stderrIsTerminal() const;

    // Charge, revoke and refund ask first. Returns nullopt when the operator said yes (or --yes was
    // given); otherwise the exit code, already reported: no terminal to ask on, or the answer was no.
    std::optional<int> confirm(const QString &question, bool yes, const QString &what);
    // One line of standard input that is a secret: on a terminal the prompt is shown on stderr and
    // what is typed is not echoed; from a pipe, the next line as it is (no prompt). Empty at the end.
    QString readSecret(const QString &prompt);

    // Each returns nullptr after reporting why; the command then exits with ConfigProblem.
    const AppSettings *settings();
    Store *store();                   // opened, migrated, interrupted charges recovered
    // --database, else $FATORA_DATABASE (never in the sandbox), else the desk's Settings "Database"
    // page, else the desk's file (DatabaseChoice). Empty after reporting unreadable settings.
    QString databaseLocation();
    // A shared database's password: $FATORA_DATABASE_PASSWORD, else the keychain entry the desk
    // saved (DatabasePassword); a keychain that cannot be read is said once on stderr.
    QString databasePassword(const QString &location);
    PaymentService *paymentService(); // also needs the API key
    // Also needs the API key; return pages and link lifetime from the settings (FATORA_SUCCESS_URL,
    // FATORA_FAILURE_URL), left unset when missing so that create() says what to set.
    CardRequestService *cardRequestService();
    const Clock &clock() const { return m_clock; }
    QString operatorName();
    // Who acts: the database's signed-in person once the store is open (store() opens it); before
    // that, the operator with every right, as on a database file.
    StaffMember signedIn();
    // The staff service of the open session; nullptr after reporting why the store did not open.
    StaffService *staffService();
    int gatewayTimeoutMs();

    // Runs the event loop until done() holds or timeoutMs passes; false on timeout.
    bool waitUntil(const std::function<bool()> &done, int timeoutMs);
    // Call from a slot when done() may have become true.
    void wake();

    // A stored token as this run may show it.
    QString tokenText(const CardToken &token) const { return m_showToken ? token.token : token.masked(); }

    // A failed lookup of an id the operator typed: "no such row" is bad input, a broken database is
    // a configuration problem.
    int lookupFailed(const Error &error, const QString &notFoundMessage);
    // The engine refused before sending anything (a revoked token, an open charge, ...): bad input,
    // unless the database itself failed.
    int refusedBeforeSending(const Error &error);
    // A customer or token change refused by its rules or by the data (exit BadInput, the field
    // named as the option that set it: "first_amount" -> "--first-amount"), or failed in the
    // database (exit ConfigProblem).
    int refusedChange(const Error &error);

    // --sandbox starts a fresh simulator in every run, which never saw the charges of earlier runs: a
    // verify or refund there could only come back "not found". Reported, exit BadInput.
    int sandboxCannotReachEarlierRuns(const QString &what);

    static Result<qint64> parseId(const QString &text, const QString &option);
    static Result<QDate> parseDate(const QString &text, const QString &option);
    static Result<int> parseLimit(const QString &text, const QString &option);

private:
    QString resolveApiKey(QString *problem);
    static bool isGlobalOption(const QString &name);

    bool m_json = false;
    bool m_showToken = false;
    bool m_sandbox = false;
    QString m_databaseOption;
    QStringList m_globalOptionsGiven; // before the command, to refuse them again after it
    QString m_outputError;            // why stdout could not be written, empty while all is well
    bool m_progressShown = false;

    SystemClock m_clock;
    std::optional<AppSettings> m_settings;
    bool m_settingsFailed = false;
    std::unique_ptr<Session> m_session; // the start-up path the desk shares
    bool m_storeFailed = false;
    bool m_serviceReady = false;
    QPointer<QEventLoop> m_loop;
};

} // namespace fatora::cli
