#include "store/StoreLocation.h"

#include "store/postgres/PostgresStore.h"
#include "store/sqlite/SqliteStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace fatora::StoreLocation {

namespace {

// Text that starts like a URL ("scheme:" then "//" or an "@" somewhere): never shown or used as a
// file path, since what follows the scheme may hold a password (jdbc:postgresql://…?password=…,
// postgresql+psycopg2://user:secret@…).
bool looksLikeUrl(const QString &location)
{
    static const QRegularExpression scheme(u"^[A-Za-z][A-Za-z0-9+.-]*:"_s);
    const QString trimmed = location.trimmed();
    const auto match = scheme.match(trimmed);
    if (!match.hasMatch() || match.capturedLength() == 2) // "C:" is a Windows drive, not a scheme
        return false;
    return trimmed.contains(u"//"_s) || trimmed.contains(u'@');
}

QString schemeOf(const QString &location)
{
    const QString trimmed = location.trimmed();
    return trimmed.left(trimmed.indexOf(u':'));
}

} // namespace

bool isServer(const QString &location)
{
    const QString trimmed = location.trimmed();
    return trimmed.startsWith(u"postgresql://"_s, Qt::CaseInsensitive) ||
           trimmed.startsWith(u"postgres://"_s, Qt::CaseInsensitive);
}

QString display(const QString &location)
{
    if (isServer(location)) {
        auto settings = PostgresStore::parseUrl(location.trimmed());
        // A URL that does not parse is shown by its scheme alone: it may hold a password anywhere.
        return settings.ok() ? settings->displayUrl() : schemeOf(location) + u"://…"_s;
    }
    if (looksLikeUrl(location))
        return schemeOf(location) + u":…"_s;
    return QDir::toNativeSeparators(location);
}

Result<std::unique_ptr<Store>> open(const QString &location, const QString &password)
{
    if (!isServer(location) && looksLikeUrl(location))
        return Error{u"url"_s,
                     QCoreApplication::translate("fatora::StoreLocation",
                                                 "A database address starting with \"%1:\" is not one this "
                                                 "application opens: give a file, or "
                                                 "postgresql://user@host:5432/database.")
                         .arg(schemeOf(location).left(40)),
                     ErrorKind::Validation};
    if (!isServer(location)) {
        auto store = SqliteStore::open(location);
        if (!store.ok())
            return store.error();
        return std::unique_ptr<Store>(std::move(store).value());
    }
    auto settings = PostgresStore::parseUrl(location.trimmed());
    if (!settings.ok())
        return settings.error();
    PostgresStore::ConnectionSettings connection = settings.value();
    if (connection.password.isEmpty())
        connection.password = password;
    auto store = PostgresStore::open(connection);
    if (!store.ok())
        return store.error();
    return std::unique_ptr<Store>(std::move(store).value());
}

Result<Store::SchemaState> probe(const QString &location, const QString &password)
{
    if (!isServer(location))
        return Error{u"url"_s,
                     QCoreApplication::translate("fatora::StoreLocation",
                                                 "Only a shared server's connection can be tested."),
                     ErrorKind::Validation};
    auto settings = PostgresStore::parseUrl(location.trimmed());
    if (!settings.ok())
        return settings.error();
    PostgresStore::ConnectionSettings connection = settings.value();
    if (connection.password.isEmpty())
        connection.password = password;
    return PostgresStore::probe(connection);
}

} // namespace fatora::StoreLocation
