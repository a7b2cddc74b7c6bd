#include "store/postgres/PostgresStore.h"

#include "customers/CustomerSearch.h"
#include "store/postgres/PostgresChangeFeed.h"
#include "store/postgres/PostgresQueries.h"
#include "store/postgres/PostgresSchema.h"
#include "store/postgres/PostgresSupport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <cmath>
#include <QUrlQuery>

#include <atomic>
#include <limits>

using namespace Qt::StringLiterals;

namespace fatora {

using namespace postgres;

namespace {

// Advisory lock keys, per database: "Fatora" in ASCII, then what the lock guards.
constexpr qint64 WriterLockKey = 0x466174'6F7261'01;
constexpr qint64 MigrationLockKey = 0x466174'6F7261'02;
// Session leases use the two-key form: postgres::SessionLockSpace, then the session id (why, in
// Store.h). The one-key locks above cannot collide with them (pg_locks tells the forms apart by
// objsubid).
using postgres::SessionLockSpace;

QString newConnectionName()
{
    static std::atomic<int> counter{0};
    return u"fatora-postgres-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(++counter);
}

Error urlError(const QString &field, const QString &message)
{
    return Error{field, message, ErrorKind::Validation};
}

} // namespace

// --- the URL ----------------------------------------------------------------------------------

QString PostgresStore::ConnectionSettings::displayUrl() const
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + database);
    if (!sslMode.isEmpty())
        url.setQuery(u"sslmode="_s + sslMode);
    return url.toString();
}

Result<PostgresStore::ConnectionSettings> PostgresStore::parseUrl(const QString &text)
{
    // No message below repeats the URL: it may hold a password.
    const QString example = u"postgresql://user@host:5432/database"_s;
    if (text.trimmed().isEmpty())
        return urlError(u"url"_s, translated("No database URL was given, e.g. %1.").arg(example));
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid())
        return urlError(u"url"_s,
                        translated("The database URL is not a valid URL; write it as %1.").arg(example));
    if (url.scheme() != u"postgresql"_s && url.scheme() != u"postgres"_s)
        return urlError(u"url"_s,
                        translated("A shared database URL starts with postgresql://, e.g. %1.").arg(example));
    if (url.hasFragment())
        return urlError(u"url"_s, translated("The database URL cannot have a '#' part."));
    ConnectionSettings settings;
    settings.host = url.host(QUrl::FullyDecoded);
    if (settings.host.isEmpty())
        return urlError(u"host"_s,
                        translated("The database URL names no server: write it as %1.").arg(example));
    settings.port = url.port(5432);
    if (settings.port < 1 || settings.port > 65535)
        return urlError(u"port"_s, translated("The port must be a number from 1 to 65535."));
    const QString path = url.path(QUrl::FullyDecoded);
    settings.database = path.startsWith(u'/') ? path.mid(1) : path;
    if (settings.database.isEmpty() || settings.database.contains(u'/'))
        return urlError(
            u"database"_s,
            translated("The database URL must name one database after the server, as in %1.").arg(example));
    settings.user = url.userName(QUrl::FullyDecoded);
    settings.password = url.password(QUrl::FullyDecoded);
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key != u"sslmode"_s)
            return urlError(u"url"_s, translated("The database URL has an unknown option %1; only sslmode is "
                                                 "understood.")
                                          .arg(key));
        if (value != u"disable"_s && value != u"require"_s && value != u"verify-full"_s)
            return urlError(u"sslmode"_s, translated("sslmode must be disable, require or verify-full."));
        settings.sslMode = value;
    }
    return settings;
}

// --- opening ----------------------------------------------------------------------------------

PostgresStore::PostgresStore(const QString &connectionName, const QString &displayUrl)
    : m_session(std::make_unique<Session>(connectionName)), m_location(displayUrl)
{
}

PostgresStore::~PostgresStore()
{
    if (m_session->depth > 0) {
        m_session->depth = 1;
        rollbackTransaction();
    }
    if (m_sessionId != 0) // a clean exit says so at once (the lock would go with the connection anyway)
        (void)closeSession();
    m_session->clearStatements(); // deallocated before their connection closes
    const QString name = m_session->connectionName();
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

static Error newerSchemaError(const QString &location, int found);

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const QString &url)
{
    auto settings = parseUrl(url);
    if (!settings)
        return settings.error();
    return open(settings.value());
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const ConnectionSettings &settings)
{
    auto connected = connect(settings);
    if (!connected)
        return connected.error();
    std::unique_ptr<PostgresStore> store = std::move(connected).value();
    if (auto migrated = store->migrate(); !migrated)
        return migrated.error();
    return store;
}

Result<Store::SchemaState> PostgresStore::probe(const ConnectionSettings &settings)
{
    auto connected = connect(settings);
    if (!connected)
        return connected.error();
    auto found = connected.value()->schemaVersion();
    if (!found)
        return found.error();
    if (found.value() > SchemaVersion)
        return newerSchemaError(connected.value()->m_location, found.value());
    return SchemaState{u"postgresql"_s, found.value(), SchemaVersion};
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::connect(const ConnectionSettings &settings)
{
    std::unique_ptr<PostgresStore> store(new PostgresStore(newConnectionName(), settings.displayUrl()));
    if (auto opened = store->openConnection(settings); !opened)
        return opened.error();
    if (auto agreed = store->checkSession(); !agreed)
        return agreed.error();
    store->m_settings = settings;
    return store;
}

Result<void> PostgresStore::openConnection(const ConnectionSettings &settings)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_session->connectionName());
    if (!db.isValid())
        return storeError(ErrorKind::Unavailable,
                          translated("Qt's PostgreSQL driver (QPSQL) is not installed; install the package "
                                     "libqt6sql6-psql."));
    db.setHostName(settings.host);
    db.setPort(settings.port);
    db.setDatabaseName(settings.database);
    db.setUserName(settings.user);
    db.setPassword(settings.password);
    // A server that does not answer fails the open in seconds rather than hanging the desk.
    // Keepalives and a user timeout: a connection the network dropped overnight fails the
    // next call within a minute instead of hanging it for the kernel's default (hours).
    QString options =
        u"connect_timeout=10;application_name=fatora-backoffice;keepalives=1;"
        "keepalives_idle=30;keepalives_interval=10;keepalives_count=3;tcp_user_timeout=60000"_s;
    // The session's settings travel with the connection request, not as statements after it: five round
    // trips less on every open. Timestamps are read back in UTC whatever the server's zone; a commit is
    // durable (the contract) even on a server whose default says otherwise; a writer waits LockTimeoutMs
    // for another desk, then reports Busy. No parallel workers: a desk's statements read a page, and
    // starting workers for one costs more than it saves (at a million customers: a search walking 7,000
    // customers took 5 ms in its workers and 90 ms in all). String literals keep backslashes as they are
    // (standard_conforming_strings): the lists' statements carry their values written in, and one rule
    // for literals leaves no way for a search text to end its own and become SQL. A server that refuses a
    // setting refuses the connection; one that drops them silently (a connection pooler that ignores the
    // options) is caught by checkSession.
    options += u";options='-c TimeZone=UTC -c synchronous_commit=on -c lock_timeout=%1"
               " -c standard_conforming_strings=on -c client_min_messages=warning"
               " -c max_parallel_workers_per_gather=0'"_s.arg(LockTimeoutMs);
    if (!settings.sslMode.isEmpty())
        options += u";sslmode="_s + settings.sslMode;
    db.setConnectOptions(options);
    const bool opened = db.open();
    db.setPassword(QString()); // the driver's copy; m_settings keeps the one reconnect() needs
    if (!opened)
        return databaseError(translated("Could not connect to %1").arg(m_location), db.lastError());
    return {};
}

Result<void> PostgresStore::checkReachable()
{
    // Inside a transaction its own statements report a lost connection, and the transaction could
    // not be carried over to a new one anyway.
    if (m_session->depth > 0)
        return {};
    {
        QSqlDatabase db = QSqlDatabase::database(m_session->connectionName(), false);
        if (db.isOpen()) {
            QSqlQuery ping(db);
            if (ping.exec(u"SELECT 1"_s))
                return m_leaseWanted && !m_leaseHeld ? retakeLease() : Result<void>();
            if (errorKindOf(ping.lastError()) != ErrorKind::Unavailable)
                return databaseError(translated("Could not reach %1").arg(m_location), ping.lastError());
        }
    }
    return reconnect();
}

Result<void> PostgresStore::reconnect()
{
    m_leaseHeld = false; // the lease was the old connection's lock: gone with it
    // The server met again may not be the one left (a restored backup, a replica promoted behind):
    // a card id it knows may now name another card, so no text read before is trusted.
    forgetTokenTexts();
    m_session->clearStatements();
    m_session->held.clear();
    m_commonTexts.clear(); // another server's statistics
    m_recentMatches.reset();
    m_session->rollbackOnly = false;
    m_session->aborted = false;
    m_session->inSavepoint = false;
    m_session->savepoints = 0;
    const QString name = m_session->connectionName();
    const auto dropConnection = [&name] {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    };
    dropConnection();
    if (auto opened = openConnection(m_settings); !opened)
        return opened.error();
    // A connection that fails its checks is not kept: the next call connects again from the start,
    // rather than a ping later passing one whose settings were never agreed (a pooler in between).
    if (auto agreed = checkSession(); !agreed) {
        dropConnection();
        return agreed.error();
    }
    ++m_reconnections;
    qCInfo(lcPostgres).noquote() << "connected again to" << m_location;
    if (m_leaseWanted)
        return retakeLease();
    return {};
}

Result<void> PostgresStore::retakeLease()
{
    // The same session as before, never a new one: the payments this desk wrote ahead name it, and
    // their calls may still be in flight here. Under a new id the others would take them for a dead
    // desk's at once (unknown; a refund's outcome recordable by hand while its answer is on its
    // way). Session ids are never reused, so nobody else can hold this lock - unless the server has
    // not yet noticed that the old connection is gone: then the old backend still holds it, the
    // others still see this desk alive, and the next check tries again.
    Statement lock(*m_session, u"SELECT pg_try_advisory_lock(:space, :id)"_s);
    lock.bind(u":space"_s, SessionLockSpace).bind(u":id"_s, int(m_sessionId));
    if (auto r = lock.exec(u"Could not take this desk's session lock again"_s); !r)
        return r.error();
    if (!lock.next() || !lock.value(0).toBool()) {
        qCInfo(lcPostgres) << "session" << m_sessionId << "still held by the lost connection; tried again later";
        return {};
    }
    m_leaseHeld = true;
    qCInfo(lcPostgres) << "session" << m_sessionId << "held again";
    return heartbeat();
}

static Error newerSchemaError(const QString &location, int found)
{
    return storeError(
        ErrorKind::Unavailable,
        QCoreApplication::translate(
            "fatora::PostgresStore",
            "The database %1 was set up by a newer version of Fatora Back Office (schema %2); "
            "this version understands up to %3; nothing was changed. Install the newer "
            "version on this computer to use it.")
            .arg(location, QString::number(found), QString::number(PostgresStore::SchemaVersion)));
}

static Error unknownSchemaError(const QString &location, int found)
{
    return storeError(ErrorKind::Unavailable,
                      QCoreApplication::translate(
                          "fatora::PostgresStore",
                          "The database %1 has schema version %2, which no version of Fatora Back Office "
                          "writes: it is damaged or belongs to another program; nothing was changed.")
                          .arg(location, QString::number(found)));
}

// The session must run with the settings the connection asked for (connect): a commit that is
// not durable lets a charge leave whose write-ahead a crash can lose, and the lists' statements
// are only safe with standard strings. A pooler that ignores the connection's options (pgbouncer's
// ignore_startup_parameters) would leave the server's defaults in force without a word, so they are
// read back here, with the clock, in the same round trip.
//
// The rules that keep a charge in flight at another desk from being taken for abandoned (a young
// pending charge, a refund just sent) compare times written by one computer with another's clock.
// Desks whose clocks disagree with the server by more than a minute could decide wrongly, and
// charge or refund twice: such a desk is refused until its clock is set right.
Result<void> PostgresStore::checkSession()
{
    // Once per open: sent as it is (Fresh), one round trip rather than PREPARE then EXECUTE.
    Statement now(*m_session,
                  u"SELECT extract(epoch FROM clock_timestamp())::float8,"
                  " current_setting('synchronous_commit'), current_setting('standard_conforming_strings'),"
                  " current_setting('TimeZone'),"
                  " (extract(epoch FROM current_setting('lock_timeout')::interval) * 1000)::bigint"_s,
                  Statement::Plan::Fresh);
    if (auto r = now.exec(u"Could not read the server's clock"_s); !r)
        return r;
    if (!now.next())
        return storeError(ErrorKind::Unavailable,
                          translated("The database %1 did not answer with its clock.").arg(m_location));
    const std::pair<QString, QString> wanted[] = {
        {u"synchronous_commit"_s, u"on"_s},
        {u"standard_conforming_strings"_s, u"on"_s},

        {u"TimeZone"_s, u"UTC"_s},
        {u"lock_timeout"_s, QString::number(LockTimeoutMs)},
    };
    for (int i = 0; i < int(std::size(wanted)); ++i) {
        const QString found = now.value(i + 1).toString();
        if (found.compare(wanted[i].second, Qt::CaseInsensitive) == 0)
            continue;
        return storeError(
            ErrorKind::Unavailable,
            translated("The database %1 runs this connection with %2 = %3, not %4 as Fatora Back Office "
                       "asked when connecting; nothing was changed. A connection pooler between this "
                       "computer and the server may be dropping the connection's options (pgbouncer: "
                       "remove \"options\" from ignore_startup_parameters), or connect to the server "
                       "directly.")
                .arg(m_location, wanted[i].first, found, wanted[i].second));
    }
    const double server = now.value(0).toDouble();
    const double here = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    const double apart = std::abs(server - here);
    if (apart <= MaxClockSkewSecs)
        return {};
    return storeError(ErrorKind::Unavailable,
                      translated("This computer's clock is %1 seconds %2 the database server's (%3). "
                                 "Desks must agree on the time to tell a charge still in flight from an "
                                 "abandoned one: set this computer's clock (e.g. turn on automatic time) "
                                 "and start again.")
                          .arg(QString::number(qRound(apart)),
                               here > server ? translated("ahead of") : translated("behind"), m_location));
}

// 0 for a database without our schema_version table (empty, about to be set up).
Result<int> PostgresStore::schemaVersion()
{
    Statement exists(*m_session, u"SELECT to_regclass('schema_version') IS NOT NULL"_s,
                     Statement::Plan::Fresh);
    if (auto r = exists.exec(u"Could not read the schema version"_s); !r)
        return r.error();
    if (!exists.next() || !exists.value(0).toBool())
        return 0;
    Statement version(*m_session, u"SELECT version FROM schema_version WHERE id = 1"_s,
                      Statement::Plan::Fresh);
    if (auto r = version.exec(u"Could not read the schema version"_s); !r)
        return r.error();
    return version.next() ? version.value(0).toInt() : 0;
}

Result<void> PostgresStore::migrate()
{
    const QList<QStringList> &steps = migrations();
    Q_ASSERT(steps.size() == SchemaVersion);
    // The usual case takes no lock, so opening never waits for another desk.
    auto before = schemaVersion();
    if (!before)
        return before.error();
    m_schemaFound = before.value();
    if (before.value() == SchemaVersion)
        return {};
    if (before.value() > SchemaVersion)
        return newerSchemaError(m_location, before.value());
    for (;;) {
        // One transaction per migration, under a lock of its own: two desks starting at once on a
        // new database never both create the tables; the second finds the work done. It waits
        // for as long as a migration takes (no lock_timeout here).
        const QString what = u"Could not set up the database schema"_s;
        if (auto r = execPlain(*m_session, u"BEGIN"_s, what); !r)
            return r;
        m_session->depth = 1; // a failure below is rolled back by rollbackTransaction
        auto fail = [this](const Error &error) -> Result<void> {
            rollbackTransaction();
            return error;
        };
        for (const QString &sql :
             {u"SET LOCAL lock_timeout = 0"_s, u"SELECT pg_advisory_xact_lock(%1)"_s.arg(MigrationLockKey),
              u"CREATE TABLE IF NOT EXISTS schema_version ("
              " id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)"_s,
              u"INSERT INTO schema_version (id, version) VALUES (1, 0)"
              " ON CONFLICT (id) DO NOTHING"_s}) {
            if (auto r = execPlain(*m_session, sql, what); !r)
                return fail(r.error());
        }
        auto version = schemaVersion();
        if (!version)
            return fail(version.error());
        const int current = version.value();
        if (current < 0)
            return fail(unknownSchemaError(m_location, current));
        if (current == 0) {
            // Read under the migration lock: another desk's committed set-up shows as a version,
            // never as "someone else's tables". Tables without our version are another program's.
            Statement others(*m_session,
                             u"SELECT table_name::text FROM information_schema.tables"
                             " WHERE table_schema = current_schema() AND table_name <> 'schema_version'"
                             " ORDER BY table_name LIMIT 3"_s);
            if (auto r = others.exec(what); !r)
                return fail(r.error());
            QStringList names;
            while (others.next())
                names << others.value(0).toString();
            if (!names.isEmpty())
                return fail(Error{u"database"_s,
                                  QCoreApplication::translate(
                                      "fatora::PostgresStore",
                                      "The database %1 is not a Fatora Back Office database: it holds tables "
                                      "of another program (%2). Nothing was changed. Create an empty "
                                      "database for Fatora Back Office and point the desks at it.")
                                      .arg(m_location, names.join(u", "_s)),
                                  ErrorKind::Conflict});
        }
        if (current >= SchemaVersion) {
            rollbackTransaction();
            if (current > SchemaVersion)
                return newerSchemaError(m_location, current);
            return {};
        }
        const int target = current + 1;
        const QString stepWhat = u"Could not upgrade the database to schema %1"_s.arg(target);
        for (const QString &sql : steps.at(current)) {
            if (auto r = execPlain(*m_session, sql, stepWhat); !r)
                return fail(r.error());
        }
        if (auto r = execPlain(
                *m_session, u"UPDATE schema_version SET version = %1 WHERE id = 1"_s.arg(target), stepWhat);
            !r)
            return fail(r.error());
        if (auto r = execPlain(*m_session, u"COMMIT"_s, stepWhat); !r)
            return fail(r.error());
        m_session->depth = 0;
        m_session->aborted = false;
        qCInfo(lcPostgres) << "database" << m_location << "migrated to schema" << target;
    }
}

// --- transactions -----------------------------------------------------------------------------

Result<void> PostgresStore::beginTransaction()
{
    Session &s = *m_session;
    if (s.depth == 0) {
        m_recentMatches.reset(); // what this transaction writes may match (RecentMatches)
        m_keepingOperators = false; // the last transaction's setting ended with it
        // BEGIN and the writers' lock (taken before the first statement rather than at the first
        // write, see the class comment) wait for the transaction's first statement and travel in
        // its round trip, the lock's own result read before that statement's (execWithHeld): a
        // round trip less per transaction, and none for one that ends before any statement.
        const QString what = u"Could not start a database transaction"_s;
        s.held = {HeldStatement{u"BEGIN ISOLATION LEVEL READ COMMITTED"_s, what, {}, true},
                  HeldStatement{u"SELECT pg_advisory_xact_lock(%1)"_s.arg(WriterLockKey), what,
                                translated("Another desk is saving changes to the database; try again in a "
                                           "moment. Nothing was changed."),
                                true}};
        s.depth = 1;
        s.aborted = false;
        s.rollbackOnly = false;
        s.savepoints = 0;
        return {};
    }
    ++s.depth;
    return {};
}

Result<void> PostgresStore::commitTransaction()
{
    Session &s = *m_session;
    if (s.depth == 0)
        return storeError(ErrorKind::Internal, u"Commit without a transaction (a programming error)."_s);
    if (s.depth > 1) {
        --s.depth;
        return {};
    }
    // Leave depth at 1 on failure: Transaction::commit rolls back.
    if (s.rollbackOnly || s.aborted)
        return storeError(ErrorKind::Internal,
                          translated("A step of this change failed, so none of it was saved."));
    if (!s.transactionWrote()) { // nothing was sent: nothing to end on the server
        s.held.clear();
    } else if (auto r = execPlain(s, u"COMMIT"_s, u"Could not save the changes"_s); !r) {
        return r;
    }
    s.depth = 0;
    s.savepoints = 0;
    return {};
}

bool PostgresStore::inTransaction() const
{
    return m_session->depth > 0;
}

Result<std::unique_ptr<ChangeFeed>> PostgresStore::watchChanges()
{
    return PostgresChangeFeed::listen(*this, m_session->connectionName());
}

void PostgresStore::rollbackTransaction()
{
    Session &s = *m_session;
    if (s.depth == 0)
        return;
    if (s.depth > 1) {
        --s.depth;
        s.rollbackOnly = true;
        return;
    }
    const bool sent = s.transactionSent();
    s.held.clear(); // never sent: nothing to undo on the server
    QSqlQuery q(QSqlDatabase::database(s.connectionName(), false));
    if (sent && !q.exec(u"ROLLBACK"_s)) // e.g. the connection is gone: the server rolls back by itself
        qCWarning(lcPostgres) << databaseError(u"rollback failed"_s, q.lastError()).message;
    s.depth = 0;
    s.rollbackOnly = false;
    s.aborted = false;
    s.inSavepoint = false;
    s.savepoints = 0;
}

Result<qint64> PostgresStore::writeStep(const std::function<Result<qint64>()> &step, Refusable refusable)
{
    Session &s = *m_session;
    if (s.depth == 0) {
        Transaction tx(*this);
        if (!tx.started())
            return tx.started().error();
        Result<qint64> done = step();
        if (!done)
            return done; // rolled back by tx
        if (auto r = tx.commit(); !r)
            return r.error();
        return done;
    }
    if (s.aborted)
        return storeError(ErrorKind::Internal,
                          translated("A step of this change failed, so none of it was saved."));
    if (refusable == Refusable::No)
        return step(); // a failure marks the transaction aborted (Session::noteFailure)
    const QString what = u"Could not save the change"_s;
    // Each step's savepoint stays set, nested in the previous one's, and COMMIT releases them all:
    // a RELEASE after every step would be one more round trip per write (a charge makes five).
    // Now and then the first of them is released, which releases those after it too.
    if (s.savepoints >= Session::MaxSavepoints) {
        if (auto r = execPlain(s, u"RELEASE SAVEPOINT fatora_step_1"_s, what); !r)
            return r.error();
        s.savepoints = 0;
    }
    const QString savepoint = u"fatora_step_%1"_s.arg(++s.savepoints);
    if (auto r = execPlain(s, u"SAVEPOINT "_s + savepoint, what); !r)
        return r.error();
    s.inSavepoint = true;
    Result<qint64> done = step();
    s.inSavepoint = false;
    if (!done) {
        // Undo the step only; the transaction goes on (or the caller gives it up).
        if (auto r = execPlain(s, u"ROLLBACK TO SAVEPOINT "_s + savepoint, what); !r)
            s.aborted = true;
    }
    return done;
}

// --- customers --------------------------------------------------------------------------------

Result<qint64> PostgresStore::insertCustomerRow(const Customer &customer)
{
    return writeStep([&]() -> Result<qint64> {
        Statement s(*m_session,
                    u"INSERT INTO customers (name, email, phone, phone_digits, reference, notes, archived,"
                    " created_at) VALUES (:name, :email, :phone, :digits, :reference, :notes, :archived,"
                    " :created) RETURNING id"_s);
        s.bind(u":name"_s, customer.name)
            .bind(u":email"_s, text(customer.email))
            .bind(u":phone"_s, text(customer.phone))
            .bind(u":digits"_s, text(CustomerSearch::phoneKey(customer.phone)))
            .bind(u":reference"_s, text(customer.reference))
            .bind(u":notes"_s, text(customer.notes))
            .bind(u":archived"_s, customer.archived)
            .bind(u":created"_s,
                  timestampValue(customer.createdAt.isValid() ? customer.createdAt
                                                              : QDateTime::currentDateTimeUtc()));
        return s.execReturningId(u"Could not save the customer"_s, u"The customer was not saved."_s);
    });
}

Result<void> PostgresStore::updateCustomerRow(const Customer &customer)
{
    return withoutId(writeStep([&]() -> Result<qint64> {
        Statement s(
            *m_session,
            u"UPDATE customers SET name = :name, email = :email, phone = :phone, phone_digits = :digits,"
            " reference = :reference, notes = :notes, archived = :archived WHERE id = :id RETURNING id"_s);
        s.bind(u":name"_s, customer.name)
            .bind(u":email"_s, text(customer.email))
            .bind(u":phone"_s, text(customer.phone))
            .bind(u":digits"_s, text(CustomerSearch::phoneKey(customer.phone)))
            .bind(u":reference"_s, text(customer.reference))
            .bind(u":notes"_s, text(customer.notes))
            .bind(u":archived"_s, customer.archived)
            .bind(u":id"_s, customer.id);
        return s.execReturningId(u"Could not save the customer"_s,
                                 u"Customer %1 does not exist."_s.arg(customer.id));
    }));
}

Result<Customer> PostgresStore::customer(qint64 id)
{
    Statement s(*m_session, u"SELECT "_s + CustomerColumns + u" FROM customers c WHERE c.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the customer"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::NotFound, u"Customer %1 does not exist."_s.arg(id));
    return readCustomer(s.query());
}

Result<std::optional<Customer>> PostgresStore::customerByReference(const QString &reference)
{
    if (reference.isEmpty())
        return std::optional<Customer>();
    // The folded comparison finds the row through the reference index; the plain one keeps the
    // match exact.
    Statement s(*m_session, u"SELECT "_s + CustomerColumns +
                                u" FROM customers c WHERE fatora_fold(c.reference) COLLATE \"C\" = :folded"
                                " AND c.reference = :exact ORDER BY c.id LIMIT 1"_s);
    s.bind(u":folded"_s, asciiFolded(reference)).bind(u":exact"_s, reference);
    if (auto r = s.exec(u"Could not look up the customer"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<Customer>();
    return std::optional<Customer>(readCustomer(s.query()));
}

Result<void> PostgresStore::bringActiveTokensTo(const QDate &day)
{
    Transaction tx(*this);
    if (!tx.started())
        return tx.started();
    QDate was;
    {
        Statement current(*m_session, u"SELECT active_on FROM customer_figures WHERE id = 1"_s);
        if (auto r = current.exec(u"Could not read the customer figures"_s); !r)
            return r;
        if (current.next())
            was = current.value(0).toDate();
    }
    if (was == day)
        return {};
    // Only customers with an active token expiring between the two days can have a new count,
    // whichever way the day moved.
    auto moved = writeStep([&]() -> Result<qint64> {
        Statement recount(*m_session,
                          u"UPDATE customer_card_counts SET active_tokens = (SELECT count(*) FROM card_tokens t"
                          " WHERE t.customer_id = customer_card_counts.customer_id AND t.status = 'active'"
                          " AND t.expires_on > :day)"
                          " WHERE customer_id IN (SELECT customer_id FROM card_tokens WHERE status = 'active'"
                          " AND expires_on > :lo AND expires_on <= :hi)"_s);
        recount.bind(u":day"_s, day)
            .bind(u":lo"_s, was.isValid() ? qMin(was, day) : day)
            .bind(u":hi"_s, was.isValid() ? qMax(was, day) : day);
        if (auto r = recount.exec(u"Could not update the customer figures"_s); !r)
            return r.error();
        Statement stamp(*m_session, u"UPDATE customer_figures SET active_on = :day WHERE id = 1"_s);
        stamp.bind(u":day"_s, day);
        if (auto r = stamp.exec(u"Could not update the customer figures"_s); !r)
            return r.error();
        return qint64(0);
    });
    if (!moved)
        return moved.error();
    return tx.commit();
}

namespace {

// Texts whose estimate is remembered (PostgresStore::m_commonTexts), a day's typing at a desk.
constexpr qsizetype MaxRememberedTexts = 4096;

// The planner's estimate of a statement's rows, from EXPLAIN (FORMAT JSON); 0 when unreadable.
qint64 estimatedRows(const QString &explained)
{
    const QJsonArray plans = QJsonDocument::fromJson(explained.toUtf8()).array();
    return qint64(plans.first().toObject().value(u"Plan"_s).toObject().value(u"Plan Rows"_s).toDouble());
}

// How a search inside the fields lists its customers: its matches collected up to the cap (the
// trigram indexes propose, the LIKE decides) tell whether they are few enough to sort in the
// list's order. The cap does not depend on the page, so every page of one text is in one order.
// With more, the page's matches are found by walking the customers by id (InsideWay::Added); so
// they are, without collecting, for a text the planner puts at CommonTextRows or more.
Result<InsidePlan> insidePlanOf(Session &session, const CustomerQuery &query,
                                QHash<QString, bool> &commonTexts, std::optional<RecentMatches> &recent)
{
    InsidePlan plan;
    if (!usesInsideSearch(query))
        return plan;
    const QString what = u"Could not search the customers"_s;
    // Inside a transaction the matches are neither narrowed nor kept: what it writes next (an
    // import adding the customer it just looked for) must be found by its next search.
    const bool inTransaction = session.depth > 0;
    if (inTransaction)
        recent.reset();
    bool among = recent && recent->ids.size() <= RecentMatchesMost &&
                 recent->collected.elapsed() <= RecentMatchesMs && narrows(recent->query, query);
    // The estimate as first asked for this text: pages read after an ANALYZE (autovacuum's, say)
    // must not switch ways and show a customer twice or never.
    const QString key = (query.includeArchived ? u"a:"_s : u"n:"_s) + query.text;
    auto known = commonTexts.constFind(key);
    if (known == commonTexts.cend()) {
        bool estimatedCommon = false; // narrowed: fewer matches than a text whose were all collected
        if (!among) {
            const BuiltQuery estimate = buildEstimateInside(query);
            Statement s(session, estimate.sql, Statement::Plan::Fresh);
            s.bindAll(estimate.bindings);
            if (auto r = s.exec(what); !r)
                return r.error();
            estimatedCommon = s.next() && estimatedRows(s.value(0).toString()) >= CommonTextRows;
        }
        if (commonTexts.size() >= MaxRememberedTexts)
            commonTexts.clear();
        known = commonTexts.insert(key, estimatedCommon);
    }
    const bool common = known.value();
    among = among && !common; // a text first taken for common keeps that way for all its pages
    const bool keyed = !textSortKey(query.sort).isEmpty();
    QList<KeyedMatch> keyedMatches;
    if (!common && !(among && recent->ids.isEmpty())) {
        const BuiltQuery collect = among ? buildCollectAmong(query, InsideCollectLimit, recent->ids)
                                         : buildCollectInside(query, InsideCollectLimit);
        Statement s(session, collect.sql, Statement::Plan::Fresh);
        s.bindAll(collect.bindings);
        if (auto r = s.exec(what); !r)
            return r.error();
        while (s.next()) {
            plan.ids << s.value(0).toLongLong();
            if (keyed)
                keyedMatches.append(KeyedMatch{s.value(1).toString().toUtf8(), plan.ids.constLast()});
        }
    }
    if (!inTransaction && !common && plan.ids.size() < InsideCollectLimit) {
        // Narrowed matches are as old as those they came from: the age counts from the collect
        // that asked the indexes.
        QElapsedTimer collected = among ? recent->collected : QElapsedTimer();
        if (!among)
            collected.start();
        recent = RecentMatches{query, plan.ids, collected};
    } else {
        recent.reset();
    }
    if (!common && plan.ids.size() < InsideCollectLimit) {
        if (keyed) {
            plan.way = InsideWay::Picked;
            plan.ids = pickPage(std::move(keyedMatches), query.order, query.offset, query.limit);
        }
        return plan;
    }
    plan.way = InsideWay::Added;
    const qint64 offset = qMax(0, query.offset);
    if (!common && query.limit > 0 && offset + query.limit <= plan.ids.size()) {
        // The collect read its matches in the list's id order: the page is among them.
        plan.ids = plan.ids.mid(offset, query.limit);
        return plan;
    }
    plan.ids.clear();
    qint64 first = 0;
    qint64 last = -1;
    {
        Statement bounds(session, u"SELECT min(id), max(id) FROM customers"_s);
        if (auto r = bounds.exec(what); !r)
            return r.error();
        if (bounds.next() && !bounds.value(0).isNull()) {
            first = bounds.value(0).toLongLong();
            last = bounds.value(1).toLongLong();
        }
    }
    const qint64 wanted = query.limit > 0 ? offset + query.limit : std::numeric_limits<qint64>::max();
    const bool up = query.order == Qt::AscendingOrder;
    QList<qint64> found;
    qint64 span = AddedWalkIds;
    for (qint64 lo = first, hi = last; lo <= hi && found.size() < wanted; span *= 2) {
        const qint64 from = up ? lo : qMax(lo, hi - span + 1);
        const qint64 to = up ? qMin(hi, lo + span - 1) : hi;
        const qint64 cap = qMin<qint64>(wanted - found.size(), 1'000'000);
        const BuiltQuery walk = buildWalkInside(query, from, to, cap);
        Statement s(session, walk.sql, Statement::Plan::Fresh);
        s.bindAll(walk.bindings);
        if (auto r = s.exec(what); !r)
            return r.error();
        qint64 read = 0;
        qint64 lastId = 0;
        while (s.next()) {
            lastId = s.value(0).toLongLong();
            found << lastId;
            ++read;
        }
        // A range may hold more matches than one statement reads: then it goes on after the last.
        const bool rangeLeft = read == cap;
        if (up)
            lo = rangeLeft ? lastId + 1 : to + 1;
        else
            hi = rangeLeft ? lastId - 1 : from - 1;
    }
    plan.ids = found.mid(qsizetype(qMin<qint64>(offset, found.size())));
    return plan;
}

} // namespace

Result<StatementText> PostgresStore::findCustomersStatement(const CustomerQuery &query)
{
    auto plan = insidePlanOf(*m_session, query, m_commonTexts, m_recentMatches);
    if (!plan)
        return plan.error();
    BuiltQuery built = buildFindCustomers(query, false, plan.value());
    return StatementText{std::move(built.sql), std::move(built.bindings)};
}

Result<QList<CustomerSummary>> PostgresStore::findCustomers(const CustomerQuery &query)
{
    if (query.sort == CustomerQuery::Sort::ActiveTokens) {
        if (auto r = bringActiveTokensTo(today(query.today)); !r)
            return r.error();
    }
    auto plan = insidePlanOf(*m_session, query, m_commonTexts, m_recentMatches);
    if (!plan)
        return plan.error();
    const BuiltQuery built = buildFindCustomers(query, false, plan.value());
    Statement s(*m_session, built.sql, Statement::Plan::Fresh);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not search the customers"_s); !r)
        return r.error();
    QList<CustomerSummary> rows;
    while (s.next()) {
        CustomerSummary row;
        row.customer = readCustomer(s.query());
        row.activeTokens = s.value(CustomerColumnCount).toInt();
        row.lastChargeAt = readTimestamp(s.value(CustomerColumnCount + 1));
        rows.append(row);
    }
    return rows;
}

Result<Store::Counts> PostgresStore::counts()
{
    Statement s(
        *m_session,
        u"SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM card_tokens),"
        " (SELECT count(*) FROM payments),"
        " (SELECT count(*) FROM payments WHERE state IN ('pending', 'unknown') AND kind = 'charge'),"
        " (SELECT count(*) FROM payments WHERE state IN ('pending', 'unknown') AND kind = 'card-request'),"
        " (SELECT count(*) FROM audit_log)"_s);
    if (auto r = s.exec(u"Could not count what the database holds"_s); !r)
        return r.error();
    Counts c;
    if (s.next()) {
        c.customers = s.value(0).toLongLong();
        c.tokens = s.value(1).toLongLong();
        c.payments = s.value(2).toLongLong();
        c.openCharges = s.value(3).toLongLong();
        c.waitingRequests = s.value(4).toLongLong();
        c.auditEntries = s.value(5).toLongLong();
    }
    return c;
}

Result<int> PostgresStore::countCustomers(const CustomerQuery &query)
{
    const BuiltQuery built = buildFindCustomers(query, true);
    Statement s(*m_session, built.sql, Statement::Plan::Fresh);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not count the customers"_s); !r)
        return r.error();
    return s.next() ? s.value(0).toInt() : 0;
}

// --- card tokens ------------------------------------------------------------------------------

Result<qint64> PostgresStore::insertTokenRow(const CardToken &token)
{
    const QString currency = token.firstAmount ? token.firstAmount->currency() : token.currency;
    const Error onFile{u"token"_s, translated("This card token is already on file."), ErrorKind::Conflict};
    auto id = writeStep([&]() -> Result<qint64> {
        // Asked first, under the writers' lock, so the unique index below is only the backstop:
        // a refused duplicate would make the server log its DETAIL, the token in full.
        Statement known(*m_session, u"SELECT 1 FROM card_tokens WHERE token = :token"_s);
        known.bind(u":token"_s, token.token);
        if (auto r = known.exec(u"Could not save the card token"_s); !r)
            return r.error();
        if (known.next())
            return onFile;
        Statement s(*m_session,
                    u"INSERT INTO card_tokens (customer_id, token, label, issued_on, expires_on,"
                    " first_amount_minor, currency, status, status_changed_at, last_used_at, created_at)"
                    " VALUES (:customer, :token, :label, :issued, :expires, :first, :currency, :status,"
                    " :status_changed, :last_used, :created) RETURNING id"_s);
        s.bind(u":customer"_s, token.customerId)
            .bind(u":token"_s, token.token)
            .bind(u":label"_s, text(token.label))
            .bind(u":issued"_s, dateValue(token.issuedOn))
            .bind(u":expires"_s, dateValue(token.expiresOn))
            .bind(u":first"_s, optionalMinor(token.firstAmount))
            .bind(u":currency"_s, currency)
            .bind(u":status"_s, tokenStatusName(token.status))
            .bind(u":status_changed"_s, timestampValue(token.statusChangedAt))
            .bind(u":last_used"_s, timestampValue(token.lastUsedAt))
            .bind(u":created"_s, timestampValue(token.createdAt.isValid() ? token.createdAt
                                                                          : QDateTime::currentDateTimeUtc()));
        return s.execReturningId(u"Could not save the card token"_s, u"The card token was not saved."_s);
    });
    // The token is the table's only unique key besides the id. PostgreSQL's own message names the
    // constraint and its DETAIL the value, so neither is passed on.
    if (!id && id.error().is(ErrorKind::Conflict))
        return onFile;
    return id;
}

Result<void> PostgresStore::markTokenUsed(qint64 tokenId, const QDateTime &at)
{
    Session &s = *m_session;
    if (s.depth > 0 && !s.aborted) {
        // Inside a transaction (a settled charge) the stamp is held back like an audit entry and
        // travels with the next statement or the COMMIT. Nothing reads its answer: the settled
        // payment names the card, and a card with payments is never deleted (foreign key).
        const QString sql = withValues(u"UPDATE card_tokens SET last_used_at = :last_used WHERE id = :id"_s,
                                       {{u":last_used"_s, timestampValue(at)}, {u":id"_s, tokenId}},
                                       QSqlDatabase::database(s.connectionName(), false).driver());
        s.held.append(HeldStatement{sql, u"Could not save the card token"_s});
        return {};
    }
    return withoutId(writeStep(
        [&]() -> Result<qint64> {
            Statement stamp(*m_session,
                            u"UPDATE card_tokens SET last_used_at = :last_used WHERE id = :id RETURNING id"_s);
            stamp.bind(u":last_used"_s, timestampValue(at)).bind(u":id"_s, tokenId);
            return stamp.execReturningId(u"Could not save the card token"_s,
                                     u"Card token %1 does not exist."_s.arg(tokenId));
        },
        Refusable::No));
}

Result<void> PostgresStore::updateTokenRow(const CardToken &token)
{
    // The token text and its owner never change: a different token is a new row.
    const QString currency = token.firstAmount ? token.firstAmount->currency() : token.currency;
    return withoutId(writeStep([&]() -> Result<qint64> {
        Statement s(
            *m_session,
            u"UPDATE card_tokens SET label = :label, expires_on = :expires, first_amount_minor = :first,"
            " currency = :currency, status = :status, status_changed_at = :status_changed,"
            " last_used_at = :last_used WHERE id = :id RETURNING id"_s);
        s.bind(u":label"_s, text(token.label))
            .bind(u":expires"_s, dateValue(token.expiresOn))
            .bind(u":first"_s, optionalMinor(token.firstAmount))
            .bind(u":currency"_s, currency)
            .bind(u":status"_s, tokenStatusName(token.status))
            .bind(u":status_changed"_s, timestampValue(token.statusChangedAt))
            .bind(u":last_used"_s, timestampValue(token.lastUsedAt))
            .bind(u":id"_s, token.id);
        return s.execReturningId(u"Could not save the card token"_s,
                                 u"Card token %1 does not exist."_s.arg(token.id));
    }));
}

Result<CardToken> PostgresStore::token(qint64 id)
{
    Statement s(*m_session, u"SELECT "_s + TokenColumns + u" FROM card_tokens t WHERE t.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the card token"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::NotFound, u"Card token %1 does not exist."_s.arg(id));
    CardToken token = readToken(s.query());
    rememberTokenText(token);
    return token;
}

Result<std::optional<CardToken>> PostgresStore::tokenByText(const QString &tokenText)
{
    Statement s(*m_session, u"SELECT "_s + TokenColumns + u" FROM card_tokens t WHERE t.token = :token"_s);
    s.bind(u":token"_s, tokenText);
    if (auto r = s.exec(u"Could not look up the card token"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<CardToken>();
    return std::optional<CardToken>(readToken(s.query()));
}

Result<QList<CardToken>> PostgresStore::findTokens(const TokenQuery &query)
{
    const BuiltQuery built = buildFindTokens(query);
    Statement s(*m_session, built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not read the card tokens"_s); !r)
        return r.error();
    QList<CardToken> tokens;
    while (s.next())
        tokens.append(readToken(s.query()));
    return tokens;
}

// --- session leases (why an advisory lock, in Store.h) ---------------------------------------

Result<qint64> PostgresStore::openSession(const SessionInfo &info)
{
    if (m_sessionId != 0)
        return m_sessionId;
    if (m_session->depth > 0) // a session lock taken there would outlive a rollback of its row
        return storeError(ErrorKind::Internal,
                          u"Session opened inside a transaction (a programming error)."_s);
    auto id = writeStep([&]() -> Result<qint64> {
        Statement s(*m_session, u"INSERT INTO sessions (host, pid, operator) VALUES (:host, :pid, :operator)"
                                " RETURNING id"_s);
        s.bind(u":host"_s, text(info.host))
            .bind(u":pid"_s, info.pid)
            .bind(u":operator"_s, text(info.operatorName));
        return s.execReturningId(u"Could not open a session in the database"_s,
                                 u"The session was not saved."_s);
    });
    if (!id)
        return id;
    if (id.value() > std::numeric_limits<qint32>::max())
        return storeError(ErrorKind::Internal, u"Session ids are exhausted (the lock key is 32 bits)."_s);
    Statement lock(*m_session, u"SELECT pg_try_advisory_lock(:space, :id)"_s);
    lock.bind(u":space"_s, SessionLockSpace).bind(u":id"_s, int(id.value()));
    if (auto r = lock.exec(u"Could not take this desk's session lock"_s); !r)
        return r.error();
    if (!lock.next() || !lock.value(0).toBool())
        return storeError(ErrorKind::Internal, u"Session %1's lock is already held."_s.arg(id.value()));
    m_sessionId = id.value();
    m_leaseWanted = true;
    m_leaseHeld = true;
    return m_sessionId;
}

Result<void> PostgresStore::renewSession(qint64 sessionId)
{
    // For people only (liveness is the lock), so not under the writers' lock: a heartbeat never
    // waits behind another desk's transaction.
    Statement s(*m_session, u"UPDATE sessions SET heartbeat_at = now() WHERE id = :id RETURNING id"_s);
    s.bind(u":id"_s, sessionId);
    return withoutId(s.execReturningId(u"Could not renew this desk's session"_s,
                                       u"Session %1 does not exist."_s.arg(sessionId)));
}

Result<void> PostgresStore::closeSession()
{
    m_leaseWanted = false;
    m_leaseHeld = false;
    if (m_sessionId == 0)
        return {};
    Statement s(*m_session, u"UPDATE sessions SET closed_at = now() WHERE id = :id AND closed_at IS NULL"_s);
    s.bind(u":id"_s, m_sessionId);
    auto closed = s.exec(u"Could not close this desk's session"_s);
    Statement unlock(*m_session, u"SELECT pg_advisory_unlock(:space, :id)"_s);
    unlock.bind(u":space"_s, SessionLockSpace).bind(u":id"_s, int(m_sessionId));
    auto unlocked = unlock.exec(u"Could not release this desk's session lock"_s);
    m_sessionId = 0; // either way: the lock goes with the connection at the latest
    return closed ? unlocked : closed;
}

Result<bool> PostgresStore::isSessionAlive(qint64 sessionId)
{
    if (sessionId <= 0 || sessionId > std::numeric_limits<qint32>::max())
        return false;
    // Looking at pg_locks takes nothing: trying the lock would, for a moment, make a live session
    // look dead to a third desk.
    Statement s(*m_session, u"SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                            " AND classid::bigint = :space AND objid::bigint = :id AND objsubid = 2)"_s);
    s.bind(u":space"_s, SessionLockSpace).bind(u":id"_s, sessionId);
    if (auto r = s.exec(u"Could not read the sessions"_s); !r)
        return r.error();
    return s.next() && s.value(0).toBool();
}

namespace {
// A sessions row read as SELECT id, host, pid, operator, started_at, closed_at.
SessionRecord readSession(const Statement &s)
{
    SessionRecord record;
    record.id = s.value(0).toLongLong();
    record.info.host = s.value(1).toString();
    record.info.pid = s.value(2).toLongLong();
    record.info.operatorName = s.value(3).toString();
    record.startedAt = readTimestamp(s.value(4));
    record.closedAt = readTimestamp(s.value(5));
    return record;
}
} // namespace

Result<QList<SessionRecord>> PostgresStore::liveSessions()
{
    // Alive is holding the session's lock (isSessionAlive), read from pg_locks for all at once.
    Statement s(*m_session,
                u"SELECT id, host, pid, operator, started_at, closed_at FROM sessions WHERE closed_at IS NULL"
                " AND id IN (SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                " AND classid::bigint = :space AND objsubid = 2) ORDER BY id"_s);
    s.bind(u":space"_s, SessionLockSpace);
    if (auto r = s.exec(u"Could not read the sessions"_s); !r)
        return r.error();
    QList<SessionRecord> live;
    while (s.next())
        live << readSession(s);
    return live;
}

Result<QList<SessionRecord>> PostgresStore::sessions(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return QList<SessionRecord>();
    QStringList numbers;
    for (const qint64 id : ids)
        numbers << QString::number(id);
    Statement s(*m_session, u"SELECT id, host, pid, operator, started_at, closed_at FROM sessions"
                            " WHERE id = ANY (CAST(:ids AS bigint[])) ORDER BY id"_s);
    s.bind(u":ids"_s, QString(u'{' + numbers.join(u',') + u'}'));
    if (auto r = s.exec(u"Could not read the sessions"_s); !r)
        return r.error();
    QList<SessionRecord> found;
    while (s.next())
        found << readSession(s);
    return found;
}

} // namespace fatora
