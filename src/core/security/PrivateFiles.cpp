#include "security/PrivateFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fatora::PrivateFiles {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::PrivateFiles)
};

// Drops group and other permissions from a file this user owns; true when nothing was left to do.
bool tighten(const QString &path)
{
    struct stat st;
    const QByteArray native = QFile::encodeName(path);
    if (::stat(native.constData(), &st) != 0)
        return errno == ENOENT;
    if (st.st_uid != ::geteuid() || (st.st_mode & (S_IRWXG | S_IRWXO)) == 0)
        return true;
    return ::chmod(native.constData(), st.st_mode & S_IRWXU) == 0;
}

} // namespace

Result<void> prepareDatabaseFile(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    // O_EXCL: never follow a link planted where the new database should go.
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return {};
    }
    if (errno == EEXIST) {
        // A link to nowhere where the database should be would make SQLite create its target,
        // wherever it points: refused rather than followed.
        struct stat st;
        if (::lstat(native.constData(), &st) == 0 && S_ISLNK(st.st_mode) &&
            ::stat(native.constData(), &st) != 0)
            return Error{u"database"_s,
                         Tr::tr("%1 is a link to a file that does not exist; give the path of the "
                                "database file itself.")
                             .arg(QDir::toNativeSeparators(path))};
    } else {
        return Error{u"database"_s,
                     Tr::tr("Could not create %1: %2")
                         .arg(QDir::toNativeSeparators(path), QString::fromLocal8Bit(std::strerror(errno)))};
    }
    for (const QString &file : QStringList{path, path + u"-wal"_s, path + u"-shm"_s}) {
        if (!tighten(file))
            return Error{u"database"_s, Tr::tr("Could not make %1 private to its owner (chmod 600): %2")
                                            .arg(QDir::toNativeSeparators(file),
                                                 QString::fromLocal8Bit(std::strerror(errno)))};
    }
    return {};
}

bool makePrivateFolder(const QString &path)
{
    const QString absolute = QDir(path).absolutePath();
    if (QFileInfo(absolute).isDir())
        return true;
    // Create from the first missing ancestor down, each new folder 0700.
    QStringList missing;
    for (QString dir = absolute; !QFileInfo::exists(dir); dir = QFileInfo(dir).absolutePath()) {
        missing.prepend(dir);
        if (QFileInfo(dir).absolutePath() == dir)
            break;
    }
    for (const QString &dir : std::as_const(missing)) {
        if (::mkdir(QFile::encodeName(dir).constData(), 0700) != 0 && errno != EEXIST)
            return false;
    }
    return QFileInfo(absolute).isDir();
}

Result<void> writeAtomically(const QString &path, const std::function<bool(QIODevice &)> &write)
{
    const QString shown = QDir::toNativeSeparators(path);
    const auto failed = [&shown](const QString &why) {
        return Error{u"file"_s, Tr::tr("Could not write %1: %2").arg(shown, why)};
    };
    // mkstemp creates the temporary file 0600 with O_EXCL, beside the target so rename() stays on one
    // file system and never exposes a half-written file under the final name.
    QByteArray temp = QFile::encodeName(path) + ".XXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        return failed(QString::fromLocal8Bit(std::strerror(errno)));
    bool ok = false;
    QString why;
    {
        QFile file;
        if (!file.open(fd, QIODevice::WriteOnly, QFileDevice::DontCloseHandle)) {
            why = file.errorString();
        } else if (!write(file)) {
            why = file.error() != QFileDevice::NoError ? file.errorString() : Tr::tr("the content could not be made");
        } else if (!file.flush()) {
            why = file.errorString();
        } else {
            ok = true;
        }
    }
    if (ok && ::fsync(fd) != 0) {
        ok = false;
        why = QString::fromLocal8Bit(std::strerror(errno));
    }
    ::close(fd);
    if (ok && ::rename(temp.constData(), QFile::encodeName(path).constData()) != 0) {
        ok = false;
        why = QString::fromLocal8Bit(std::strerror(errno));
    }
    if (!ok) {
        ::unlink(temp.constData());
        return failed(why);
    }
    return {};
}

} // namespace fatora::PrivateFiles
