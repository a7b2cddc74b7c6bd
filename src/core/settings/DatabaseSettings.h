#pragma once

#include "domain/Result.h"

#include <QString>

class QProcessEnvironment;
class QSettings;

namespace fatora {

// Where the desk's data lives, as chosen on the Settings "Database" page: a file on this computer
// (one desk), or a PostgreSQL server several desks share. Never a password: that lives in the
// system keychain under passwordAccount(), in FATORA_DATABASE_PASSWORD, or in this run's memory.
struct DatabaseSettings
{
    enum class Kind { ThisComputer, SharedServer };
    static constexpr int DefaultPort = 5432;

    Kind kind = Kind::ThisComputer;
    QString filePath; // empty: the desk's default file in the user's data folder
    QString host;
    int port = DefaultPort;
    QString database;
    QString user;    // empty: the computer's login name (libpq's default)
    QString sslMode; // empty: libpq's default (encrypt when the server offers it); disable, require, verify-full

    static DatabaseSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    // Names the field at fault: database_file, database_host, database_port, database_name,
    // database_user or database_sslmode.
    Result<void> validate() const;

    // The location Session and StoreLocation open: the file path (empty for the default file) or a
    // postgresql:// URL without a password.
    QString location() const;
    // The settings a location names (a URL's password is dropped); a URL that does not parse is an
    // error naming its part.
    static Result<DatabaseSettings> fromLocation(const QString &location);
    // The keychain entry of this server's password; one per user, server and database, so that
    // switching servers never sends one server's password to another. Empty for a file.
    QString passwordAccount() const;
    // Same, for any location (a URL given by --database or FATORA_DATABASE); empty for a file or a
    // URL that does not parse.
    static QString passwordAccountOf(const QString &location);

    bool operator==(const DatabaseSettings &other) const = default;
};

// Which database this run opens, and who chose it. One rule for the desk and the CLI:
// --database, else FATORA_DATABASE, else the Settings "Database" page, else the default file.
// The sandbox opens only what --database names or its own demo file (FATORA_SANDBOX_DATABASE):
// demo data must never land in the real database.
struct DatabaseChoice
{
    enum class Source { Option, Environment, Settings, Default };
    QString location;
    Source source = Source::Default;

    static DatabaseChoice choose(const QString &option, const QProcessEnvironment &environment,
                                 const DatabaseSettings &saved, bool sandbox);
};

} // namespace fatora
