// The database open/migrate path on mutated files: the input is written to a fresh file, opened
// with SqliteStore::open (configure, migrate), and when that succeeds a few reads run on it.
//
// Asserts: no crash, no hang (libFuzzer's -timeout); open either succeeds or returns an Error with a
// message; each read returns rows or an Error with a message; a file whose header says it was
// written by a newer schema (user_version > SqliteStore::SchemaVersion) is refused and left byte for
// byte as it was, and so is one whose user_version is negative; a file that opened is at the current schema
// version once closed. A custom mutator sometimes rewrites one field of the 100-byte SQLite header
// (user_version, page size, page count, schema cookie, ...) with a telling value: a byte-level mutation would
// hit offset 60 of a 30 KB file about once in 100,000 tries.

#include "FuzzSupport.h"
#include "store/sqlite/SqliteStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdlib>

using namespace fatora;
using namespace fatora::fuzz;
using namespace Qt::StringLiterals;

namespace {

QTemporaryDir *workDir = nullptr;

// The big-endian user_version of a file with an SQLite header, nullopt for anything else.
std::optional<qint32> headerUserVersion(const QByteArray &file)
{
    if (file.size() < 100 || !file.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return std::nullopt;
    const auto *p = reinterpret_cast<const unsigned char *>(file.constData()) + 60;
    return qint32(quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | quint32(p[3]));
}

void removeFiles(const QString &path)
{
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s})
        QFile::remove(path + suffix);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

template <typename T> void checkRead(const Result<T> &result, const char *what)
{
    if (!result.ok())
        FUZZ_CHECK(!result.error().message.isEmpty(), QString::fromLatin1(what));
}

// Big-endian header fields that steer the open and migrate path: (offset, size).
constexpr std::pair<int, int> HeaderFields[] = {
    {16, 2}, // page size
    {18, 1}, // write version (1 legacy, 2 WAL)
    {19, 1}, // read version
    {28, 4}, // page count
    {40, 4}, // schema cookie
    {44, 4}, // schema format
    {56, 4}, // text encoding
    {60, 4}, // user_version
    {64, 4}, // incremental vacuum
    {96, 4}, // SQLite version number
};

constexpr quint32 TellingValues[] = {0,          1,          2,          3,          4,          5,
                                     0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0xFFFFFFFE, 0x80000001, 0x10000};

} // namespace

extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize, unsigned int seed)
{
    if (seed % 8 != 0 || size < 100)
        return LLVMFuzzerMutate(data, size, maxSize);
    const auto [offset, length] = HeaderFields[(seed / 8) % std::size(HeaderFields)];
    const quint32 value = (seed / 128) % 2 ? TellingValues[(seed / 256) % std::size(TellingValues)]
                                           : quint32(seed) * 2654435761u;
    for (int i = 0; i < length; ++i)
        data[offset + i] = uint8_t(value >> (8 * (length - 1 - i)));
    return size;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    initialize();
    // Memory-backed when the machine has it: thousands of files a minute, each one synced (FULL).
    const QString shm = u"/dev/shm"_s;
    workDir = QFileInfo(shm).isWritable() ? new QTemporaryDir(shm + u"/fatora-fuzz-db-XXXXXX"_s)
                                          : new QTemporaryDir();
    if (!workDir->isValid())
        fail("temporary directory", workDir->errorString());
    std::atexit([] { delete workDir; }); // libFuzzer ends with exit(): the directory goes with it
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto version = headerUserVersion(input);

    const QString path = workDir->filePath(u"fuzz.sqlite"_s);
    removeFiles(path);
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(input) != input.size())
            fail("write the input file", file.errorString());
    }
    const QString what = u"file of %1 bytes, header user_version %2"_s.arg(
        QString::number(size), version ? QString::number(*version) : u"none"_s);

    bool opened = false;
    {
        auto store = SqliteStore::open(path);
        if (!store.ok()) {
            FUZZ_CHECK(!store.error().message.isEmpty(), what);
        } else {
            opened = true;
            SqliteStore &s = *store.value();
            CustomerQuery customers;
            customers.limit = 20;
            customers.today = QDate(2026, 11, 25);
            checkRead(s.findCustomers(customers), "findCustomers");
            checkRead(s.countCustomers(customers), "countCustomers");
            customers.text = u"a"_s;
            checkRead(s.findCustomers(customers), "findCustomers with text");
            TokenQuery tokens;
            tokens.limit = 20;
            tokens.today = customers.today;
            checkRead(s.findTokens(tokens), "findTokens");
            PaymentQuery payments;
            payments.limit = 20;
            checkRead(s.findPayments(payments), "findPayments");
            payments.text = u"BO-2026"_s;
            checkRead(s.findPayments(payments), "findPayments with text");
            checkRead(s.paymentsInState(PaymentState::Unknown), "paymentsInState");
            checkRead(s.auditFor(u"payment"_s, 1), "auditFor");
        }
    }
    // Newer than ours, or negative (no version ever wrote one: damaged or not ours): not touched.
    if (version && (*version > SqliteStore::SchemaVersion || *version < 0)) {
        FUZZ_CHECK(!opened, what);
        FUZZ_CHECK(readAll(path) == input, what + u": a newer database was changed"_s);
    }
    if (opened) {
        const auto after = headerUserVersion(readAll(path));
        FUZZ_CHECK(after && *after == SqliteStore::SchemaVersion,
                   what + u": opened, but left at schema "_s + (after ? QString::number(*after) : u"none"_s));
    }
    removeFiles(path);
    return 0;
}
