#pragma once

// Where the data lives, as a person gives it (--database, FATORA_DATABASE, the desk's settings): a
// SQLite file path for one desk, or a postgresql:// URL for a server several desks share. The one
// place that tells them apart and opens the right backend.

#include "domain/Result.h"
#include "store/Store.h"

#include <QString>

#include <memory>

namespace fatora::StoreLocation {

// postgresql://… or postgres://… (any letter case); anything else is a file path.
bool isServer(const QString &location);

// For messages, logs and titles: a URL without its password, a path in the platform's form.
QString display(const QString &location);

// Opens (and migrates) the store. A server's password comes from the URL when it has one, else
// from password (the keychain or FATORA_DATABASE_PASSWORD); it is never kept or shown.
Result<std::unique_ptr<Store>> open(const QString &location, const QString &password = QString());

// A server's "Test connection": connects with the same rules as open() and reads the schema
// version, changing nothing (an empty database reads as found = 0). A file location is refused:
// opening a file is its test.
Result<Store::SchemaState> probe(const QString &location, const QString &password = QString());

} // namespace fatora::StoreLocation
