#include "settings/DatabaseSettings.h"

#include "store/StoreLocation.h"
#include "store/postgres/PostgresStore.h"
#include "store/sqlite/SqliteStore.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSettings>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// Shared with the CLI (one QSettings scope); renaming one loses the merchant's choice.
constexpr auto KeyKind = "database/kind";
constexpr auto KeyFile = "database/file";
constexpr auto KeyHost = "database/host";
constexpr auto KeyPort = "database/port";
constexpr auto KeyName = "database/name";
constexpr auto KeyUser = "database/user";
constexpr auto KeySslMode = "database/sslmode";

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::DatabaseSettings)
};

// Host names, database and user names: printable, one line, of a length PostgreSQL accepts
// (identifiers are cut at 63 bytes; a host name has at most 253 characters).
Result<void> checkName(const QString &value, const QString &field, int maxChars)
{
    if (value.size() > maxChars)
        return Error{field, Tr::tr("is longer than %1 characters.").arg(maxChars)};
    for (const QChar c : value) {
        if (c.category() == QChar::Other_Control || c.isSpace())
            return Error{field, Tr::tr("must not contain spaces or control characters.")};
    }
    return {};
}

} // namespace

DatabaseSettings DatabaseSettings::load(QSettings &settings)
{
    DatabaseSettings s;
    s.kind = settings.value(QLatin1String(KeyKind)).toString() == u"server"_s ? Kind::SharedServer
                                                                               : Kind::ThisComputer;
    s.filePath = settings.value(QLatin1String(KeyFile)).toString().trimmed();
    s.host = settings.value(QLatin1String(KeyHost)).toString().trimmed();
    const QVariant port = settings.value(QLatin1String(KeyPort));
    if (port.isValid()) {
        bool ok = false;
        const int number = port.toString().trimmed().toInt(&ok);
        s.port = ok ? number : 0; // 0 is out of range: validate() names it instead of guessing
    }
    s.database = settings.value(QLatin1String(KeyName)).toString().trimmed();
    s.user = settings.value(QLatin1String(KeyUser)).toString().trimmed();
    s.sslMode = settings.value(QLatin1String(KeySslMode)).toString().trimmed();
    return s;
}

void DatabaseSettings::save(QSettings &settings) const
{
    settings.setValue(QLatin1String(KeyKind), kind == Kind::SharedServer ? u"server"_s : u"file"_s);
    settings.setValue(QLatin1String(KeyFile), filePath);
    settings.setValue(QLatin1String(KeyHost), host);
    settings.setValue(QLatin1String(KeyPort), port);
    settings.setValue(QLatin1String(KeyName), database);
    settings.setValue(QLatin1String(KeyUser), user);
    settings.setValue(QLatin1String(KeySslMode), sslMode);
}

Result<void> DatabaseSettings::validate() const
{
    if (kind == Kind::ThisComputer) {
        if (StoreLocation::isServer(filePath))
            return Error{u"database_file"_s, Tr::tr("is a server's address: choose \"Shared server\" for it.")};
        for (const QChar c : filePath) {
            if (c.category() == QChar::Other_Control)
                return Error{u"database_file"_s, Tr::tr("must not contain control characters such as line breaks.")};
        }
        return {};
    }
    if (host.isEmpty())
        return Error{u"database_host"_s, Tr::tr("enter the server's name or address, e.g. db.office.lan.")};
    if (auto ok = checkName(host, u"database_host"_s, 253); !ok)
        return ok;
    if (host.contains(u'/') || host.contains(u'@') || host.contains(u'?') || host.contains(u'#'))
        return Error{u"database_host"_s, Tr::tr("enter only the server's name or address, without a user, "
                                                "path or options.")};
    if (port < 1 || port > 65535)
        return Error{u"database_port"_s, Tr::tr("must be a number from 1 to 65535 (PostgreSQL listens on 5432).")};
    if (database.isEmpty())
        return Error{u"database_name"_s, Tr::tr("enter the name of the database, e.g. fatora_backoffice.")};
    if (auto ok = checkName(database, u"database_name"_s, 63); !ok)
        return ok;
    if (auto ok = checkName(user, u"database_user"_s, 63); !ok)
        return ok;
    if (!sslMode.isEmpty() && sslMode != u"disable"_s && sslMode != u"require"_s && sslMode != u"verify-full"_s)
        return Error{u"database_sslmode"_s, Tr::tr("must be empty, disable, require or verify-full.")};
    return {};
}

QString DatabaseSettings::location() const
{
    if (kind == Kind::ThisComputer)
        return filePath;
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPath(u'/' + database);
    if (!sslMode.isEmpty())
        url.setQuery(u"sslmode="_s + sslMode);
    return url.toString(QUrl::FullyEncoded);
}

Result<DatabaseSettings> DatabaseSettings::fromLocation(const QString &location)
{
    DatabaseSettings s;
    if (!StoreLocation::isServer(location)) {
        s.filePath = location.trimmed();
        return s;
    }
    auto parsed = PostgresStore::parseUrl(location);
    if (!parsed)
        return parsed.error();
    s.kind = Kind::SharedServer;
    s.host = parsed->host;
    s.port = parsed->port;
    s.database = parsed->database;
    s.user = parsed->user;
    s.sslMode = parsed->sslMode;
    return s;
}

QString DatabaseSettings::passwordAccount() const
{
    if (kind == Kind::ThisComputer)
        return {};
    // The URL without password or options: user, server and database are what a password belongs to.
    return u"database:postgresql://%1@%2:%3/%4"_s.arg(user, host.toLower(), QString::number(port), database);
}

QString DatabaseSettings::passwordAccountOf(const QString &location)
{
    if (!StoreLocation::isServer(location))
        return {};
    auto settings = fromLocation(location);
    return settings ? settings->passwordAccount() : QString();
}

DatabaseChoice DatabaseChoice::choose(const QString &option, const QProcessEnvironment &environment,
                                      const DatabaseSettings &saved, bool sandbox)
{
    if (!option.trimmed().isEmpty())
        return {option.trimmed(), Source::Option};
    if (sandbox) {
        const QString demo = environment.value(u"FATORA_SANDBOX_DATABASE"_s).trimmed();
        return {demo.isEmpty() ? SqliteStore::defaultPath(true) : demo, Source::Default};
    }
    const QString fromEnvironment = environment.value(u"FATORA_DATABASE"_s).trimmed();
    if (!fromEnvironment.isEmpty())
        return {fromEnvironment, Source::Environment};
    const QString fromSettings = saved.location();
    if (!fromSettings.isEmpty())
        return {fromSettings, Source::Settings};
    return {SqliteStore::defaultPath(false), Source::Default};
}

} // namespace fatora
