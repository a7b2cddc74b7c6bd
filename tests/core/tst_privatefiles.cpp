// Secrets at rest (issue 9 #8): the database, its -wal/-shm files and the journal of unsaved answers
// are the owner's alone; the folders the application creates for them are 0700; a process that holds
// the API key and card tokens writes no core file and cannot be ptrace'd by another process.

#include "security/PrivateFiles.h"
#include "security/ProcessHardening.h"
#include "store/sqlite/SqliteStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace fatora;
using namespace Qt::StringLiterals;

namespace {

int fileMode(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

} // namespace

class TestPrivateFiles : public QObject
{
    Q_OBJECT

private slots:
    void init() { ::umask(022); } // the usual umask, under which files would be world-readable
    void newDatabaseAndItsWalFilesAreOwnerOnly();
    void existingWorldReadableDatabaseIsTightened();
    void createdFoldersAreOwnerOnly();
    void aLinkWhereTheDatabaseGoesIsNotFollowed();
    void coreDumpsAreOff();
    void exportsAreWrittenWholeAndOwnerOnly();
};

void TestPrivateFiles::newDatabaseAndItsWalFilesAreOwnerOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"desk.sqlite"_s);
    auto store = SqliteStore::open(path);
    QVERIFY2(store.ok(), qPrintable(store.error().toString()));
    Customer c;
    c.name = u"Sara"_s;
    QVERIFY(store.value()->addCustomer(c).ok()); // the WAL exists once something was written
    QCOMPARE(fileMode(path), 0600);
    QVERIFY(QFile::exists(path + u"-wal"_s));
    QCOMPARE(fileMode(path + u"-wal"_s), 0600);
    QCOMPARE(fileMode(path + u"-shm"_s), 0600);
}

void TestPrivateFiles::existingWorldReadableDatabaseIsTightened()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"old.sqlite"_s);
    {
        auto store = SqliteStore::open(path);
        QVERIFY(store.ok());
    }
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    auto store = SqliteStore::open(path);
    QVERIFY(store.ok());
    QCOMPARE(fileMode(path), 0600);
}

void TestPrivateFiles::createdFoldersAreOwnerOnly()
{
    QTemporaryDir dir;
    const QString deep = dir.filePath(u"a/b/c"_s);
    QVERIFY(PrivateFiles::makePrivateFolder(deep));
    QCOMPARE(fileMode(dir.filePath(u"a"_s)), 0700);
    QCOMPARE(fileMode(dir.filePath(u"a/b"_s)), 0700);
    QCOMPARE(fileMode(deep), 0700);
    // An existing folder is the owner's choice and left as it is.
    QVERIFY(::chmod(QFile::encodeName(deep).constData(), 0750) == 0);
    QVERIFY(PrivateFiles::makePrivateFolder(deep));
    QCOMPARE(fileMode(deep), 0750);
}

void TestPrivateFiles::aLinkWhereTheDatabaseGoesIsNotFollowed()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(u"elsewhere"_s);
    const QString path = dir.filePath(u"linked.sqlite"_s);
    QVERIFY(QFile::link(target, path)); // dangling: the target does not exist yet
    auto opened = SqliteStore::open(path);
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().message.contains(u"link"_s), qPrintable(opened.error().message));
    QVERIFY(!QFile::exists(target));
}

void TestPrivateFiles::coreDumpsAreOff()
{
    QVERIFY(ProcessHardening::disableCoreDumps());
    struct rlimit limit;
    QCOMPARE(::getrlimit(RLIMIT_CORE, &limit), 0);
    QCOMPARE(limit.rlim_cur, rlim_t(0));
    QCOMPARE(limit.rlim_max, rlim_t(0));
    QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
}

void TestPrivateFiles::exportsAreWrittenWholeAndOwnerOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"receipt.pdf"_s);
    QVERIFY(PrivateFiles::writeAtomically(path, [](QIODevice &out) { return out.write("first") == 5; }).ok());
    QCOMPARE(fileMode(path), 0600);
    // Replacing a world-readable file leaves an owner-only one.
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    QVERIFY(PrivateFiles::writeAtomically(path, [](QIODevice &out) { return out.write("second") == 6; }).ok());
    QCOMPARE(fileMode(path), 0600);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("second"));
    file.close();
    // A writer that fails leaves the old file and no temporary file behind.
    auto failed = PrivateFiles::writeAtomically(path, [](QIODevice &out) {
        out.write("half");
        return false;
    });
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().field, u"file"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("second"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"receipt.pdf"_s});
    // A folder that does not exist is an error naming the file, not a crash.
    QVERIFY(!PrivateFiles::writeAtomically(dir.filePath(u"missing/r.pdf"_s), [](QIODevice &) { return true; })
                 .ok());
}

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "tst_privatefiles.moc"
