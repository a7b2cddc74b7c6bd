#pragma once

#include "domain/Result.h"

#include <QString>

#include <functional>

class QIODevice;

namespace fatora {

// The database holds full card tokens: its files are the owner's alone. A new database file is
// created 0600 (SQLite gives its -wal and -shm files the same mode), one found readable by others is
// tightened when this user owns it, and the folders the application creates for its data are 0700.
namespace PrivateFiles {

// Before SQLite opens path: creates it empty and 0600 when it does not exist; an existing file owned
// by this user (and its -wal/-shm) loses any group/other permission. A file owned by someone else is
// left alone (opening it may still work read-only).
Result<void> prepareDatabaseFile(const QString &path);

// mkpath, with every folder it creates made 0700.
bool makePrivateFolder(const QString &path);

// Writes a file the owner alone may read (0600) and that appears whole or not at all: `write` fills a
// temporary file created 0600 in the same folder, which then replaces `path` (rename). A failure of
// `write` (false) or of the disk leaves `path` as it was. For exports that name customers and amounts.
Result<void> writeAtomically(const QString &path, const std::function<bool(QIODevice &)> &write);

} // namespace PrivateFiles

} // namespace fatora
