#include "store/sqlite/SqliteStore.h"

#include "customers/CustomerSearch.h"
#include "security/PrivateFiles.h"
#include "store/sqlite/SqliteBulkWriter.h"
#include "store/sqlite/SqliteChangeFeed.h"
#include "store/sqlite/SqliteQueries.h"
#include "store/sqlite/SqliteSchema.h"
#include "store/sqlite/SqliteSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>

#include <atomic>
#include <limits>

using namespace Qt::StringLiterals;

namespace fatora {

using namespace sqlite;

namespace {

QString newConnectionName()
{
    static std::atomic<int> counter{0};
    return u"fatora-sqlite-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(++counter);
}

} // namespace

// --- opening ----------------------------------------------------------------------------------

SqliteStore::SqliteStore(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName)), m_path(std::move(path)),
      m_statements(std::make_unique<StatementCache>(m_connectionName))
{
}

SqliteStore::~SqliteStore()
{
    if (m_transactionDepth > 0) {
        m_transactionDepth = 1;
        rollbackTransaction();
    }
    if (m_sessionId != 0) // a clean exit: others may recover what this process left at once
        (void)closeSession();
    m_statements->clear(); // finalized before their connection closes
    {
        QSqlDatabase db = database();
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase SqliteStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<ChangeFeed>> SqliteStore::watchChanges()
{
    // The starting point would be read from inside the transaction's snapshot: refused, as on
    // PostgreSQL (where LISTEN would take effect only at the commit).
    if (inTransaction())
        return sqlite::storeError(ErrorKind::Internal,
                                  u"Changes watched from inside a transaction (a programming error)."_s);
    return std::unique_ptr<ChangeFeed>(new SqliteChangeFeed(*this, m_connectionName));
}

QString SqliteStore::defaultPath(bool sandbox)
{
    // Set for tests, scripts and a second desk profile. Sandbox data has its own variable so
    // that demo customers and simulated payments can never land in the live database.
    const QString fromEnvironment =
        qEnvironmentVariable(sandbox ? "FATORA_SANDBOX_DATABASE" : "FATORA_DATABASE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    PrivateFiles::makePrivateFolder(dir);
    return QDir(dir).filePath(sandbox ? u"fatora-backoffice-sandbox.sqlite"_s
                                      : u"fatora-backoffice.sqlite"_s);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &path)
{
    if (path.trimmed().isEmpty())
        return Error{databaseField(),
                     QCoreApplication::translate("fatora::SqliteStore", "No database file was given."),
                     ErrorKind::Unavailable};
    const QFileInfo info(path);
    if (!info.absoluteDir().exists()) {
        return Error{databaseField(),
                     QCoreApplication::translate("fatora::SqliteStore", "The folder %1 does not exist.")
                         .arg(QDir::toNativeSeparators(info.absolutePath())),
                     ErrorKind::Unavailable};
    }

    if (auto prepared = PrivateFiles::prepareDatabaseFile(path); !prepared)
        return prepared.error();

    std::unique_ptr<SqliteStore> store(new SqliteStore(newConnectionName(), path));
    // chmod 0444, a read-only share: listing must still work. Without a -wal file there is nothing
    // for the shared-memory index to track, so "immutable" reads the file alone and leaves no
    // -wal/-shm beside it (files this user could create but the desk could then not write).
    store->m_readOnly = info.exists() && !info.isWritable();
    const bool immutable = store->m_readOnly && !QFileInfo::exists(path + u"-wal"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, store->m_connectionName);
        db.setDatabaseName(immutable
                               ? QUrl::fromLocalFile(info.absoluteFilePath()).toString(QUrl::FullyEncoded) +
                                     u"?immutable=1"_s
                               : path);
        QString options = u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs);
        if (store->m_readOnly)
            options += immutable ? u";QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"_s : u";QSQLITE_OPEN_READONLY"_s;
        db.setConnectOptions(options);
        if (!db.open())
            return databaseError(u"Could not open %1"_s.arg(QDir::toNativeSeparators(path)), db.lastError());
    }
    if (auto configured = store->configure(); !configured)
        return configured.error();
    if (auto migrated = store->migrate(); !migrated)
        return migrated.error();
    if (auto filled = store->fillSearchKeys(); !filled)
        return filled.error();
    return store;
}

// Schema 4 makes "one open charge per card" a rule of the database. A file that already breaks it
// (written by hand, or restored from pieces) is named charge by charge rather than failing on
// SQLite's own words; nothing is changed.
static Result<void> checkOneOpenChargePerCard(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT order_id FROM payments WHERE state IN ('pending', 'unknown') AND token_id IN"
                " (SELECT token_id FROM payments WHERE state IN ('pending', 'unknown')"
                " GROUP BY token_id HAVING count(*) > 1) ORDER BY token_id, id LIMIT 10"_s))
        return databaseError(u"Could not check the open charges"_s, q.lastError());
    QStringList orders;
    while (q.next())
        orders << q.value(0).toString();
    if (orders.isEmpty())
        return {};
    return Error{databaseField(),
                 QCoreApplication::translate(
                     "fatora::SqliteStore",
                     "This database holds more than one open charge on one card (orders %1), which this "
                     "version no longer allows: one of them could charge the card twice. Nothing was "
                     "changed. Verify or close those charges with the version that wrote the file, then "
                     "open it here again.")
                     .arg(orders.join(u", "_s)),
                 ErrorKind::Conflict};
}

// Schema 8 lets a payment have no card token (a card request). SQLite cannot drop a NOT NULL in
// place, so the table is rebuilt the way SQLite's documentation prescribes (create, copy, drop,
// rename, then the table's indexes and triggers again, from their own stored text: every rule
// they keep stays exactly as written). Ids are copied, so the text index and the figures, which
// name payments by id, stay right. A table that already allows it (a file taken back to an
// earlier schema by hand) is left alone.
static Result<void> allowPaymentsWithoutToken(const QSqlDatabase &db)
{
    const QString what = u"Could not upgrade the database to schema %1"_s.arg(SqliteStore::CardRequestSchema);
    const QString required = u"token_id INTEGER NOT NULL REFERENCES card_tokens (id)"_s;
    const QString relaxed = u"token_id INTEGER REFERENCES card_tokens (id)"_s;
    QSqlQuery q(db);
    if (!q.exec(u"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'payments'"_s) || !q.next())
        return databaseError(what, q.lastError());
    const QString tableSql = q.value(0).toString();
    q.finish();
    if (tableSql.count(relaxed) == 1 && !tableSql.contains(required))
        return {};
    const QString opening = u"CREATE TABLE payments ("_s;
    if (tableSql.count(required) != 1 || !tableSql.startsWith(opening))
        return Error{databaseField(), what + u": the payments table is not one this application wrote."_s,
                     ErrorKind::Internal};
    QString rebuilt = tableSql;
    rebuilt.replace(required, relaxed);
    rebuilt.replace(0, opening.size(), u"CREATE TABLE payments_rebuilt ("_s);

    QStringList dependents;
    if (!q.exec(u"SELECT sql FROM sqlite_master WHERE tbl_name = 'payments' AND type IN ('index', 'trigger')"
                " AND sql IS NOT NULL ORDER BY rowid"_s))
        return databaseError(what, q.lastError());
    while (q.next())
        dependents << q.value(0).toString();
    q.finish();

    QStringList steps{rebuilt, u"INSERT INTO payments_rebuilt SELECT * FROM payments"_s,
                      // Dropping the table drops its indexes and triggers; no trigger runs for it.
                      u"DROP TABLE payments"_s, u"ALTER TABLE payments_rebuilt RENAME TO payments"_s};
    steps << dependents;
    for (const QString &sql : std::as_const(steps)) {
        if (auto r = execPlain(db, sql, what); !r)
            return r;
    }
    return {};
}

static Error newerSchemaError(const QString &path, int found)
{
    return Error{databaseField(),
                 QCoreApplication::translate(
                     "fatora::SqliteStore",
                     "The database %1 was written by a newer version of Fatora Back Office (schema %2); "
                     "this version understands up to %3; nothing was changed. Install the newer "
                     "version to use it.")
                     .arg(QDir::toNativeSeparators(path), QString::number(found),
                          QString::number(SqliteStore::SchemaVersion)),
                 ErrorKind::Unavailable};
}

// No version of the application ever wrote a negative schema: the file is damaged or not ours.
static Error unknownSchemaError(const QString &path, int found)
{
    return Error{databaseField(),
                 QCoreApplication::translate(
                     "fatora::SqliteStore",
                     "The database %1 has schema version %2, which no version of Fatora Back Office "
                     "writes: the file is damaged or belongs to another program; nothing was changed. "
                     "Restore it from a backup, or choose another file.")
                     .arg(QDir::toNativeSeparators(path), QString::number(found)),
                 ErrorKind::Unavailable};
}

// The messages of openToRead reach people through fatora-cli's db copy only (English, as the CLI).
Result<std::unique_ptr<SqliteStore>> SqliteStore::openToRead(const QString &path)
{
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(path);
    if (path.trimmed().isEmpty() || !info.exists())
        return Error{databaseField(), u"There is no file %1."_s.arg(shown), ErrorKind::NotFound};
    if (!info.isFile())
        return Error{databaseField(), u"%1 is not a file."_s.arg(shown), ErrorKind::Validation};
    // An immutable read sees the file alone: changes still in a -wal (or a rollback journal) beside
    // it would be missed, and a desk writing meanwhile would tear what is read.
    for (const QString &suffix : {u"-wal"_s, u"-journal"_s}) {
        if (QFileInfo::exists(path + suffix))
            return Error{
                databaseField(),
                u"%1 is open in a desk or fatora-cli, or was not closed cleanly (%2 is beside it): its "
                "last changes may not be in the file yet. Close the desk that uses it (or open the "
                "file once with the desk or \"fatora-cli --database FILE db status\" and close it "
                "again), then copy."_s.arg(shown, QFileInfo(path + suffix).fileName()),
                ErrorKind::Busy};
    }
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{databaseField(), u"Could not read %1: %2"_s.arg(shown, file.errorString()),
                         ErrorKind::Permission};
        if (file.size() == 0)
            return Error{databaseField(), u"%1 is empty: not a Fatora Back Office database."_s.arg(shown),
                         ErrorKind::Validation};
        if (file.read(16) != QByteArrayView("SQLite format 3\0", 16))
            return Error{databaseField(),
                         u"%1 is not a Fatora Back Office database (not a SQLite file at all)."_s.arg(shown),
                         ErrorKind::Validation};
    }

    std::unique_ptr<SqliteStore> store(new SqliteStore(newConnectionName(), path));
    store->m_readOnly = true;
    store->m_snapshot = true;
    store->m_openedSize = info.size();
    store->m_openedModified = info.lastModified();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, store->m_connectionName);
        db.setDatabaseName(QUrl::fromLocalFile(info.absoluteFilePath()).toString(QUrl::FullyEncoded) +
                           u"?immutable=1"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"_s);
        if (!db.open())
            return databaseError(u"Could not open %1"_s.arg(shown), db.lastError());
    }
    const QSqlDatabase db = store->database();
    auto version = pragmaValue(db, u"user_version"_s, u"Could not open the database"_s);
    if (!version)
        return version.error();
    const int found = version->toInt();
    store->m_schemaFound = found;
    if (found > SchemaVersion)
        return newerSchemaError(path, found);
    if (found < 0) {
        Error error = unknownSchemaError(path, found);
        error.kind = ErrorKind::Validation;
        return error;
    }
    if (found == 0) {
        QSqlQuery tables(db);
        if (!tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                         " ORDER BY name LIMIT 3"_s))
            return databaseError(u"Could not open the database"_s, tables.lastError());
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        return Error{
            databaseField(),
            names.isEmpty()
                ? u"%1 holds no Fatora Back Office data (an empty database)."_s.arg(shown)
                : u"%1 is not a Fatora Back Office database: it holds tables of another program (%2)."_s.arg(
                      shown, names.join(u", "_s)),
            ErrorKind::Validation};
    }
    if (found < SchemaVersion)
        return Error{databaseField(),
                     u"%1 has schema %2, older than this version's (%3), and is only read here, never "
                     "upgraded. Open it once with this version's desk or \"fatora-cli --database FILE db "
                     "status\" (which upgrades it), close it, then copy."_s.arg(
                         shown, QString::number(found), QString::number(SchemaVersion)),
                     ErrorKind::Unavailable};
    return store;
}

Result<void> SqliteStore::checkUnchanged() const
{
    if (!m_snapshot)
        return {};
    const QFileInfo info(m_path);
    const bool opened = QFileInfo::exists(m_path + u"-wal"_s) || QFileInfo::exists(m_path + u"-journal"_s);
    if (!opened && info.exists() && info.size() == m_openedSize && info.lastModified() == m_openedModified)
        return {};
    return Error{databaseField(),
                 u"%1 was opened or changed by another program while it was being read (a desk started?): "
                 "what was read may be incomplete. Close the desk that uses it, then copy again."_s.arg(
                     QDir::toNativeSeparators(m_path)),
                 ErrorKind::Busy};
}

Result<void> SqliteStore::configure()
{
    const QSqlDatabase db = database();
    if (auto r = execPlain(db, u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs),
                           u"Could not configure the database"_s);
        !r)
        return r;
    // Checked before anything below can touch the file: a newer database is left exactly as it was.
    // The first read of the file: where a full disk or an unreadable file shows, so say "open".
    auto version = pragmaValue(db, u"user_version"_s, u"Could not open the database"_s);
    if (!version)
        return version.error();
    if (version->toInt() > SchemaVersion)
        return newerSchemaError(m_path, version->toInt());
    if (version->toInt() < 0)
        return unknownSchemaError(m_path, version->toInt());
    if (version->toInt() == 0) {
        // Tables but no schema version: another program's database. Adding ours to it would mix
        // two programs' data; it is refused before anything (even the journal mode) changes.
        QSqlQuery tables(db);
        if (!tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                         " ORDER BY name LIMIT 3"_s))
            return databaseError(u"Could not open the database"_s, tables.lastError());
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        if (!names.isEmpty())
            return Error{databaseField(),
                         QCoreApplication::translate(
                             "fatora::SqliteStore",
                             "%1 is not a Fatora Back Office database: it holds tables of another program "
                             "(%2). Nothing was changed. Choose another file, or a new one.")
                             .arg(QDir::toNativeSeparators(m_path), names.join(u", "_s)),
                         ErrorKind::Conflict};
    }

    if (auto r = execPlain(db, u"PRAGMA foreign_keys = ON"_s, u"Could not configure the database"_s); !r)
        return r;
    if (m_readOnly)
        return {}; // the journal mode is the file's; switching it would be a write
    auto mode = pragmaValue(db, u"journal_mode = WAL"_s, u"Could not open the database"_s);
    if (!mode)
        return mode.error();
    if (mode->toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
        // Still correct (SQLite locks the whole file instead), only slower to share between processes.
        qCWarning(lcStore) << "database could not switch to WAL; journal mode is" << mode->toString();
    }
    return execPlain(db, u"PRAGMA synchronous = FULL"_s, u"Could not configure the database"_s);
}

Result<void> SqliteStore::migrate()
{
    const QSqlDatabase db = database();
    const QList<QStringList> &steps = migrations();
    Q_ASSERT(steps.size() == SchemaVersion);
    // The usual case takes no write lock, so opening never waits for the other process's writes.
    auto before = pragmaValue(db, u"user_version"_s);
    if (!before)
        return before.error();
    m_schemaFound = before->toInt();
    if (before->toInt() == SchemaVersion)
        return {};
    if (m_readOnly)
        return Error{databaseField(),
                     QCoreApplication::translate("fatora::SqliteStore",
                                                 "The database %1 is read-only for this user and needs "
                                                 "upgrading to schema %2 first: open it once with write "
                                                 "access. Nothing was changed.")
                         .arg(QDir::toNativeSeparators(m_path), QString::number(SchemaVersion)),
                     ErrorKind::Permission};
    for (;;) {
        // IMMEDIATE: two processes opening a fresh file at once must not both create the tables.
        if (auto r = execPlain(db, u"BEGIN IMMEDIATE"_s, u"Could not start the database upgrade"_s); !r)
            return r;
        auto version = pragmaValue(db, u"user_version"_s);
        if (!version) {
            rollbackQuietly(db);
            return version.error();
        }
        const int current = version->toInt();
        if (current < 0) { // configure() refused it already; never index the migrations with it
            rollbackQuietly(db);
            return unknownSchemaError(m_path, current);
        }
        if (current >= SchemaVersion) {
            rollbackQuietly(db);
            if (current > SchemaVersion)
                return newerSchemaError(m_path, current);
            return {};
        }
        const int target = current + 1;
        if (target == OneOpenChargeSchema) {
            if (auto clash = checkOneOpenChargePerCard(db); !clash) {
                rollbackQuietly(db);
                return clash;
            }
        }
        if (target == CardRequestSchema) {
            if (auto rebuilt = allowPaymentsWithoutToken(db); !rebuilt) {
                rollbackQuietly(db);
                return rebuilt;
            }
        }
        for (const QString &sql : steps.at(current)) {
            if (auto r = execPlain(db, sql, u"Could not upgrade the database to schema %1"_s.arg(target));
                !r) {
                rollbackQuietly(db);
                return r;
            }
        }
        if (auto r = execPlain(db, u"PRAGMA user_version = %1"_s.arg(target),
                               u"Could not upgrade the database to schema %1"_s.arg(target));
            !r) {
            rollbackQuietly(db);
            return r;
        }
        if (auto r = execPlain(db, u"COMMIT"_s, u"Could not upgrade the database to schema %1"_s.arg(target));
            !r) {
            rollbackQuietly(db);
            return r;
        }
        qCDebug(lcStore) << "database migrated to schema" << target;
    }
}

// Customers written before schema 4 (or by a writer that does not know the column) wait with a
// NULL phone_digits; the key needs CustomerSearch::phoneKey, which SQL cannot run. Filled in
// batches, each its own transaction, so an interrupted fill simply goes on at the next open.
// Each batch starts after the last id seen, so the fill always ends: a row the UPDATE cannot
// change (a damaged index naming a row that is gone) is passed over, never read again.
Result<void> SqliteStore::fillSearchKeys()
{
    if (m_readOnly)
        return {}; // searched as far as keys exist; the next writable open fills the rest
    // The usual case takes no write lock (as in migrate): opening never waits for another writer.
    {
        Statement any(*m_statements, u"SELECT 1 FROM customers INDEXED BY customers_search_pending"
                                     " WHERE phone_digits IS NULL LIMIT 1"_s);
        if (auto r = any.exec(u"Could not prepare the customer search"_s); !r)
            return r;
        if (!any.next())
            return {};
    }
    qint64 after = std::numeric_limits<qint64>::min();
    for (;;) {
        Transaction tx(*this);
        if (!tx.started())
            return tx.started();
        Statement pending(*m_statements,
                          u"SELECT id, phone FROM customers INDEXED BY customers_search_pending"
                          " WHERE phone_digits IS NULL AND id > :after ORDER BY id LIMIT 5000"_s);
        pending.bind(u":after"_s, after);
        if (auto r = pending.exec(u"Could not prepare the customer search"_s); !r)
            return r;
        QList<std::pair<qint64, QString>> rows;
        while (pending.next())
            rows.append({pending.value(0).toLongLong(), pending.value(1).toString()});
        if (rows.isEmpty())
            return {};
        for (const auto &[id, phone] : rows) {
            // An empty key is '' (searched, no digits), never NULL (still to fill).
            const QString digits = CustomerSearch::phoneKey(phone);
            Statement fill(*m_statements, u"UPDATE customers SET phone_digits = :digits WHERE id = :id"_s);
            fill.bind(u":digits"_s, digits.isNull() ? u""_s : digits).bind(u":id"_s, id);
            if (auto r = fill.exec(u"Could not prepare the customer search"_s); !r)
                return r;
        }
        if (auto r = tx.commit(); !r)
            return r;
        after = rows.last().first;
        qCDebug(lcStore) << "search keys filled for" << rows.size() << "customers";
    }
}

// --- transactions -----------------------------------------------------------------------------

Result<void> SqliteStore::beginTransaction()
{
    if (m_transactionDepth == 0) {
        // IMMEDIATE takes the write lock now, so a check-then-insert inside the transaction cannot
        // interleave with the other process (the desk and the CLI share the file).
        // Kept prepared like every other statement: a charge runs two transactions, and parsing
        // these each time showed up beside its inserts.
        Statement begin(*m_statements, u"BEGIN IMMEDIATE"_s);
        if (auto r = begin.exec(u"Could not start a database transaction"_s); !r)
            return r;
        m_rollbackOnly = false;
    }
    ++m_transactionDepth;
    return {};
}

Result<void> SqliteStore::commitTransaction()
{
    if (m_transactionDepth == 0)
        return storeError(ErrorKind::Internal, u"Commit without a transaction (a programming error)."_s);
    if (m_transactionDepth > 1) {
        --m_transactionDepth;
        return {};
    }
    if (m_rollbackOnly) {
        // Leave depth at 1: Transaction::commit rolls back on failure.
        return Error{databaseField(),
                     QCoreApplication::translate("fatora::SqliteStore",
                                                 "A step of this change failed, so none of it was saved."),
                     ErrorKind::Internal};
    }
    Statement commit(*m_statements, u"COMMIT"_s);
    if (auto r = commit.exec(u"Could not save the changes"_s); !r)
        return r;
    m_transactionDepth = 0;
    return {};
}

void SqliteStore::rollbackTransaction()
{
    if (m_transactionDepth == 0)
        return;
    if (m_transactionDepth > 1) {
        --m_transactionDepth;
        m_rollbackOnly = true;
        return;
    }
    // Fails harmlessly when SQLite already rolled back by itself (e.g. after a disk-full error).
    QSqlQuery q(database());
    if (!q.exec(u"ROLLBACK"_s))
        qCWarning(lcStore) << "rollback failed:" << q.lastError().text();
    m_transactionDepth = 0;
    m_rollbackOnly = false;
}

// --- customers --------------------------------------------------------------------------------

Result<qint64> SqliteStore::insertCustomerRow(const Customer &customer)
{
    Statement s(
        *m_statements,
        u"INSERT INTO customers (name, email, phone, phone_digits, reference, notes, archived,"
        " created_at) VALUES (:name, :email, :phone, :digits, :reference, :notes, :archived, :created)"_s);
    s.bind(u":name"_s, customer.name)
        .bind(u":email"_s, text(customer.email))
        .bind(u":phone"_s, text(customer.phone))
        .bind(u":digits"_s, CustomerSearch::phoneKey(customer.phone))
        .bind(u":reference"_s, text(customer.reference))
        .bind(u":notes"_s, text(customer.notes))
        .bind(u":archived"_s, customer.archived ? 1 : 0)
        .bind(u":created"_s, timestampValue(customer.createdAt.isValid() ? customer.createdAt
                                                                         : QDateTime::currentDateTimeUtc()));
    if (auto r = s.exec(u"Could not save the customer"_s); !r)
        return r.error();
    return s.query().lastInsertId().toLongLong();
}

Result<void> SqliteStore::updateCustomerRow(const Customer &customer)
{
    Statement s(*m_statements,
                u"UPDATE customers SET name = :name, email = :email, phone = :phone, phone_digits = :digits,"
                " reference = :reference, notes = :notes, archived = :archived WHERE id = :id"_s);
    s.bind(u":name"_s, customer.name)
        .bind(u":email"_s, text(customer.email))
        .bind(u":phone"_s, text(customer.phone))
        .bind(u":digits"_s, CustomerSearch::phoneKey(customer.phone))
        .bind(u":reference"_s, text(customer.reference))
        .bind(u":notes"_s, text(customer.notes))
        .bind(u":archived"_s, customer.archived ? 1 : 0)
        .bind(u":id"_s, customer.id);
    return s.execOneRow(u"Could not save the customer"_s, u"Customer %1 does not exist."_s.arg(customer.id));
}

Result<Customer> SqliteStore::customer(qint64 id)
{
    Statement s(*m_statements, u"SELECT "_s + CustomerColumns + u" FROM customers c WHERE c.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the customer"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::NotFound, u"Customer %1 does not exist."_s.arg(id));
    return readCustomer(s);
}

Result<std::optional<Customer>> SqliteStore::customerByReference(const QString &reference)
{
    if (reference.isEmpty())
        return std::optional<Customer>();
    // The NOCASE comparison finds the row through the reference index; the plain one keeps the
    // match exact.
    Statement s(*m_statements,
                u"SELECT "_s + CustomerColumns +
                    u" FROM customers c WHERE c.reference = :ref COLLATE NOCASE AND c.reference = :exact"
                    " ORDER BY c.id LIMIT 1"_s);
    s.bind(u":ref"_s, reference).bind(u":exact"_s, reference);
    if (auto r = s.exec(u"Could not look up the customer"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<Customer>();
    return std::optional<Customer>(readCustomer(s));
}

Result<void> SqliteStore::bringActiveTokensTo(const QDate &today)
{
    const QString day = todayText(today);
    Transaction tx(*this);
    if (!tx.started())
        return tx.started();
    Statement current(*m_statements, u"SELECT active_on FROM customer_figures WHERE id = 1"_s);
    if (auto r = current.exec(u"Could not read the customer figures"_s); !r)
        return r;
    const QString was = current.next() ? current.value(0).toString() : QString();
    current.query().finish();
    if (was == day)
        return {};
    // Only customers with an active token expiring between the two days can have a new count,
    // whichever way the day moved.
    Statement recount(*m_statements,
                      u"UPDATE customers SET active_tokens = (SELECT count(*) FROM card_tokens t"
                      " WHERE t.customer_id = customers.id AND t.status = 'active' AND t.expires_on > :day)"
                      " WHERE id IN (SELECT customer_id FROM card_tokens WHERE status = 'active'"
                      " AND expires_on > :lo AND expires_on <= :hi)"_s);
    recount.bind(u":day"_s, day).bind(u":lo"_s, qMin(was, day)).bind(u":hi"_s, qMax(was, day));
    if (auto r = recount.exec(u"Could not update the customer figures"_s); !r)
        return r;
    Statement moved(*m_statements, u"UPDATE customer_figures SET active_on = :day WHERE id = 1"_s);
    moved.bind(u":day"_s, day);
    if (auto r = moved.exec(u"Could not update the customer figures"_s); !r)
        return r;
    return tx.commit();
}

Result<SqliteStore::StatementText> SqliteStore::findCustomersStatement(const CustomerQuery &query)
{
    if (usesInsideSearch(query)) {
        // A capped count of the trigram index's candidates (the index stops at the cap) tells
        // whether they are few enough to read and sort in the list's order, or so many that the
        // list takes them in the order they were added. The cap does not depend on the page, so
        // every page of one text is in the same order. (Counting the matches themselves, as
        // PostgreSQL's store must, tests each candidate: measured at a million customers, 2-3 times
        // the count's time on every keystroke. So with many archived matches or trigram false
        // positives the two stores may choose different orders for one text; both show the same
        // customers.)
        const CustomerSearch search = CustomerSearch::parse(query.text);
        const int cap = InsideCollectLimit;
        const BuiltQuery count = buildCappedCustomerMatchCount(search, cap);
        Statement s(*m_statements, count.sql);
        s.bindAll(count.bindings);
        if (auto r = s.exec(u"Could not search the customers"_s); !r)
            return r.error();
        const int candidates = s.next() ? s.value(0).toInt() : 0;
        const InsideWay way = candidates < cap ? InsideWay::Index : InsideWay::Added;
        BuiltQuery built = buildFindCustomers(query, false, nullptr, way);
        return StatementText{std::move(built.sql), std::move(built.bindings)};
    }
    if (!usesSearchPlan(query)) {
        BuiltQuery built = buildFindCustomers(query, false);
        return StatementText{std::move(built.sql), std::move(built.bindings)};
    }
    // A few index-only counts (capped) tell, per column, whether its matches are few enough to
    // collect and sort or so many that walking them in name order finds a page sooner.
    const QString prefix = searchPrefix(query);
    const bool shortPrefix = characterCount(prefix) <= 2;
    CustomerSearchPlan plan;
    const std::pair<QString, PrefixWay *> columns[] = {
        {u"email"_s, &plan.email}, {u"phone"_s, &plan.phone}, {u"reference"_s, &plan.reference}};
    for (const auto &[column, way] : columns) {
        if (shortPrefix) {
            *way = PrefixWay::Bucket;
            continue;
        }
        const BuiltQuery count = buildCappedPrefixCount(column, prefix, CollectLimit);
        Statement s(*m_statements, count.sql);
        s.bindAll(count.bindings);
        if (auto r = s.exec(u"Could not search the customers"_s); !r)
            return r.error();
        *way = s.next() && s.value(0).toInt() >= CollectLimit ? PrefixWay::Walk : PrefixWay::Collect;
    }
    BuiltQuery built = buildFindCustomers(query, false, &plan);
    return StatementText{std::move(built.sql), std::move(built.bindings)};
}

Result<QList<CustomerSummary>> SqliteStore::findCustomers(const CustomerQuery &query)
{
    if (query.sort == CustomerQuery::Sort::ActiveTokens) {
        if (auto r = bringActiveTokensTo(query.today); !r)
            return r.error();
    }
    auto built = findCustomersStatement(query);
    if (!built)
        return built.error();
    Statement s(*m_statements, built->sql);
    s.bindAll(built->bindings);
    if (auto r = s.exec(u"Could not search the customers"_s); !r)
        return r.error();
    QList<CustomerSummary> rows;
    while (s.next()) {
        CustomerSummary row;
        row.customer = readCustomer(s);
        row.activeTokens = s.value(CustomerColumnCount).toInt();
        row.lastChargeAt = readTimestamp(s.value(CustomerColumnCount + 1));
        rows.append(row);
    }
    return rows;
}

Result<Store::Counts> SqliteStore::counts()
{
    Statement s(*m_statements, u"SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM card_tokens),"
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

Result<int> SqliteStore::countCustomers(const CustomerQuery &query)
{
    const BuiltQuery built = buildFindCustomers(query, true);
    Statement s(*m_statements, built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not count the customers"_s); !r)
        return r.error();
    return s.next() ? s.value(0).toInt() : 0;
}

// --- card tokens ------------------------------------------------------------------------------

Result<qint64> SqliteStore::insertTokenRow(const CardToken &token)
{
    const QString currency = token.firstAmount ? token.firstAmount->currency() : token.currency;

    Statement s(
        *m_statements,
        u"INSERT INTO card_tokens (customer_id, token, label, issued_on, expires_on, first_amount_minor,"
        " currency, status, status_changed_at, last_used_at, created_at) VALUES (:customer, :token, :label,"
        " :issued, :expires, :first, :currency, :status, :status_changed, :last_used, :created)"_s);
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
        .bind(u":created"_s,
              timestampValue(token.createdAt.isValid() ? token.createdAt : QDateTime::currentDateTimeUtc()));
    if (auto r = s.exec(u"Could not save the card token"_s); !r) {
        // SQLite's message names the column, never the value, so the token stays out of it.
        // The token column is the table's only unique key besides the id; SQLite's message is
        // never shown, so the token cannot leak through it.
        if (r.error().is(ErrorKind::Conflict)) {
            return Error{
                u"token"_s,
                QCoreApplication::translate("fatora::SqliteStore", "This card token is already on file."),
                ErrorKind::Conflict};
        }
        return r.error();
    }
    return s.query().lastInsertId().toLongLong();
}

Result<void> SqliteStore::markTokenUsed(qint64 tokenId, const QDateTime &at)
{
    Statement s(*m_statements, u"UPDATE card_tokens SET last_used_at = :last_used WHERE id = :id"_s);
    s.bind(u":last_used"_s, timestampValue(at)).bind(u":id"_s, tokenId);
    return s.execOneRow(u"Could not save the card token"_s, u"Card token %1 does not exist."_s.arg(tokenId));
}

Result<void> SqliteStore::updateTokenRow(const CardToken &token)
{
    // The token text and its owner never change: a different token is a new row.
    const QString currency = token.firstAmount ? token.firstAmount->currency() : token.currency;
    Statement s(*m_statements,
                u"UPDATE card_tokens SET label = :label, expires_on = :expires, first_amount_minor = :first,"
                " currency = :currency, status = :status, status_changed_at = :status_changed,"
                " last_used_at = :last_used WHERE id = :id"_s);
    s.bind(u":label"_s, text(token.label))
        .bind(u":expires"_s, dateValue(token.expiresOn))
        .bind(u":first"_s, optionalMinor(token.firstAmount))
        .bind(u":currency"_s, currency)
        .bind(u":status"_s, tokenStatusName(token.status))
        .bind(u":status_changed"_s, timestampValue(token.statusChangedAt))
        .bind(u":last_used"_s, timestampValue(token.lastUsedAt))
        .bind(u":id"_s, token.id);
    return s.execOneRow(u"Could not save the card token"_s, u"Card token %1 does not exist."_s.arg(token.id));
}

Result<CardToken> SqliteStore::token(qint64 id)
{
    Statement s(*m_statements, u"SELECT "_s + TokenColumns + u" FROM card_tokens t WHERE t.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the card token"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::NotFound, u"Card token %1 does not exist."_s.arg(id));
    CardToken token = readToken(s);
    rememberTokenText(token);
    return token;
}

Result<std::optional<CardToken>> SqliteStore::tokenByText(const QString &tokenText)
{
    Statement s(*m_statements, u"SELECT "_s + TokenColumns + u" FROM card_tokens t WHERE t.token = :token"_s);
    s.bind(u":token"_s, tokenText);
    if (auto r = s.exec(u"Could not look up the card token"_s); !r)
        return r.error();
    if (!s.next())
        return std::optional<CardToken>();
    return std::optional<CardToken>(readToken(s));
}

Result<QList<CardToken>> SqliteStore::findTokens(const TokenQuery &query)
{
    const BuiltQuery built = buildFindTokens(query);
    Statement s(*m_statements, built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not read the card tokens"_s); !r)
        return r.error();
    QList<CardToken> tokens;
    while (s.next())
        tokens.append(readToken(s));
    return tokens;
}

// --- plans ------------------------------------------------------------------------------------

namespace {

Result<QStringList> explain(const QSqlDatabase &db, const BuiltQuery &built)
{
    Statement s(db, u"EXPLAIN QUERY PLAN "_s + built.sql);
    s.bindAll(built.bindings);
    if (auto r = s.exec(u"Could not explain the query"_s); !r)
        return r.error();
    QStringList lines;
    while (s.next())
        lines << s.value(3).toString();
    return lines;
}

} // namespace

Result<QStringList> SqliteStore::explainFindCustomers(const CustomerQuery &query)
{
    auto statement = findCustomersStatement(query);
    if (!statement)
        return statement.error();
    return explain(database(), BuiltQuery{statement->sql, statement->bindings});
}

Result<QStringList> SqliteStore::explainFindPayments(const PaymentQuery &query)
{
    auto statement = findPaymentsStatement(query);
    if (!statement)
        return statement.error();
    return explain(database(), BuiltQuery{statement->sql, statement->bindings});
}

Result<QStringList> SqliteStore::explainPaymentTotals(const PaymentQuery &query)
{
    auto text = paymentTextWay(query);
    if (!text)
        return text.error();
    return explain(database(), buildPaymentTotals(query, totalsFromFigures(query), text.value()));
}

// --- bulk loading -----------------------------------------------------------------------------

Result<std::unique_ptr<SqliteBulkWriter>> SqliteStore::startBulkWrite()
{
    if (m_transactionDepth > 0)
        return storeError(ErrorKind::Internal, u"A bulk write cannot start inside a transaction."_s);
    std::unique_ptr<SqliteBulkWriter> writer(new SqliteBulkWriter(*this));
    if (auto r = writer->start(); !r)
        return r.error();
    return writer;
}

// --- statement texts --------------------------------------------------------------------------

Result<SqliteStore::StatementText> SqliteStore::findPaymentsStatement(const PaymentQuery &query,
                                                                      TextFilter textFilter)
{
    auto planned = planPayments(query);
    if (!planned)
        return planned.error();
    PaymentPlan plan = planned.value();
    if (textFilter == TextFilter::Scan)
        plan.text = PaymentTextWay::Scan;
    // A deep page's rows are a primary-key lookup once its ids are known; the ids are the work.
    BuiltQuery built = query.offset >= DeepPaymentOffset
                           ? buildFindPaymentIds(query, plan.sort, plan.text)
                           : buildFindPayments(query, false, plan.sort, plan.text);
    return StatementText{std::move(built.sql), std::move(built.bindings)};
}

SqliteStore::StatementText SqliteStore::findTokensStatement(const TokenQuery &query)
{
    BuiltQuery built = buildFindTokens(query);
    return {std::move(built.sql), std::move(built.bindings)};
}

} // namespace fatora

// --- session leases (why a heartbeat, in Store.h) -----------------------------------------------

namespace fatora {

using namespace sqlite;

Result<qint64> SqliteStore::openSession(const SessionInfo &info)
{
    if (m_sessionId != 0)
        return m_sessionId;
    const QVariant now = timestampValue(QDateTime::currentDateTimeUtc());
    Statement s(*m_statements, u"INSERT INTO sessions (host, pid, operator, started_at, heartbeat_at)"
                               " VALUES (:host, :pid, :operator, :started, :heartbeat)"_s);
    s.bind(u":host"_s, text(info.host))
        .bind(u":pid"_s, info.pid)
        .bind(u":operator"_s, text(info.operatorName))
        .bind(u":started"_s, now)
        .bind(u":heartbeat"_s, now);
    if (auto r = s.exec(u"Could not open a session in the database"_s); !r)
        return r.error();
    m_sessionId = s.query().lastInsertId().toLongLong();
    return m_sessionId;
}

Result<void> SqliteStore::renewSession(qint64 sessionId)
{
    Statement s(*m_statements,
                u"UPDATE sessions SET heartbeat_at = :now WHERE id = :id AND closed_at IS NULL"_s);
    s.bind(u":now"_s, timestampValue(QDateTime::currentDateTimeUtc())).bind(u":id"_s, sessionId);
    return s.execOneRow(u"Could not renew this desk's session"_s,
                        u"Session %1 was closed; restart to open a new one."_s.arg(sessionId));
}

Result<void> SqliteStore::closeSession()
{
    if (m_sessionId == 0)
        return {};
    Statement s(*m_statements,
                u"UPDATE sessions SET closed_at = :now WHERE id = :id AND closed_at IS NULL"_s);
    s.bind(u":now"_s, timestampValue(QDateTime::currentDateTimeUtc())).bind(u":id"_s, m_sessionId);
    auto r = s.exec(u"Could not close this desk's session"_s);
    if (r)
        m_sessionId = 0;
    return r;
}

bool SqliteStore::leaseHeld(const QVariant &heartbeatAt, const QVariant &closedAt) const
{
    if (!closedAt.isNull())
        return false;
    const QDateTime heartbeat = readTimestamp(heartbeatAt);
    // A clock set back makes a heartbeat look young: alive, the cautious reading.
    return heartbeat.isValid() && heartbeat.addSecs(leaseSecs()) > QDateTime::currentDateTimeUtc();
}

Result<bool> SqliteStore::isSessionAlive(qint64 sessionId)
{
    Statement s(*m_statements, u"SELECT heartbeat_at, closed_at FROM sessions WHERE id = :id"_s);
    s.bind(u":id"_s, sessionId);
    if (auto r = s.exec(u"Could not read the sessions"_s); !r)
        return r.error();
    return s.next() && leaseHeld(s.value(0), s.value(1));
}

namespace {
// A sessions row read as SELECT id, host, pid, operator, started_at, closed_at.
SessionRecord readSession(const QSqlQuery &q)
{
    SessionRecord record;
    record.id = q.value(0).toLongLong();
    record.info.host = q.value(1).toString();
    record.info.pid = q.value(2).toLongLong();
    record.info.operatorName = q.value(3).toString();
    record.startedAt = readTimestamp(q.value(4));
    record.closedAt = readTimestamp(q.value(5));
    return record;
}
} // namespace

Result<QList<SessionRecord>> SqliteStore::liveSessions()
{
    // Those never closed: a run that stopped without closing stays so until its lease runs out.
    Statement s(*m_statements, u"SELECT id, host, pid, operator, started_at, closed_at, heartbeat_at FROM sessions"
                               " WHERE closed_at IS NULL ORDER BY id"_s);
    if (auto r = s.exec(u"Could not read the sessions"_s); !r)
        return r.error();
    QList<SessionRecord> live;
    while (s.next()) {
        if (leaseHeld(s.value(6), s.value(5)))
            live << readSession(s.query());
    }
    return live;
}

Result<QList<SessionRecord>> SqliteStore::sessions(const QList<qint64> &ids)
{
    QList<SessionRecord> found;
    Statement s(*m_statements,
                u"SELECT id, host, pid, operator, started_at, closed_at FROM sessions WHERE id = :id"_s);
    for (const qint64 id : ids) {
        s.bind(u":id"_s, id);
        if (auto r = s.exec(u"Could not read the sessions"_s); !r)
            return r.error();
        if (s.next())
            found << readSession(s.query());
    }
    return found;
}

void SqliteStore::setStatementDelayForTesting(int ms)
{
    sqlite::setStatementDelay(m_connectionName, ms);
}

} // namespace fatora
