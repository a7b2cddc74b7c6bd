// Writes the seed databases of fuzz_db_open: a small database made by SqliteStore itself at the
// current schema (512-byte pages, so the fuzzer mutates kilobytes, not megabytes), with one row of
// each kind, and copies that differ only in user_version. Run by hand when the schema changes:
//   make_db_seed tests/fuzz/corpus/fuzz_db_open

#include "store/sqlite/SqliteStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimeZone>

#include <cstdio>

using namespace fatora;
using namespace Qt::StringLiterals;

namespace {

bool run(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        std::fprintf(stderr, "%s failed\n", qPrintable(sql));
        return false;
    }
    return true;
}

QByteArray withUserVersion(QByteArray file, quint32 version)
{
    file[60] = char(version >> 24);
    file[61] = char(version >> 16);
    file[62] = char(version >> 8);
    file[63] = char(version);
    return file;
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_db_seed OUTPUT_DIR\n");
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    const QString path = out.filePath(u"make-db-seed.tmp"_s);
    QFile::remove(path);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"seed"_s);
        db.setDatabaseName(path);
        if (!db.open() || !run(db, u"PRAGMA page_size = 512"_s) || !run(db, u"CREATE TABLE x(a)"_s) ||
            !run(db, u"DROP TABLE x"_s))
            return 1;
        db.close();
    }
    QSqlDatabase::removeDatabase(u"seed"_s);
    {
        auto store = SqliteStore::open(path);
        if (!store.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(store.error().toString()));
            return 1;
        }
        const QDateTime at(QDate(2026, 11, 25), QTime(9, 30), QTimeZone::utc());
        Customer customer;
        customer.name = u"Amal Seed"_s;
        customer.email = u"amal@example.com"_s;
        customer.phone = u"+974 5555 0101"_s;
        customer.reference = u"REF-1"_s;
        customer.createdAt = at;
        auto customerId = store.value()->addCustomer(customer);
        CardToken token;
        token.customerId = customerId.ok() ? customerId.value() : 0;
        token.token = u"Tk+7/aB\\|9Xq=Zp"_s;
        token.label = u"Visa"_s;
        token.issuedOn = at.date().addMonths(-1);
        token.expiresOn = CardToken::defaultExpiry(token.issuedOn);
        token.currency = u"QAR"_s;
        token.createdAt = at;
        token.statusChangedAt = at;
        auto tokenId = store.value()->addToken(token);
        Payment payment;
        payment.orderId = u"BO-20261125-7K3QH2MX9A"_s;
        payment.tokenId = tokenId.ok() ? tokenId.value() : 0;
        payment.customerId = token.customerId;
        payment.amount = Money(1250, u"QAR"_s);
        payment.currency = u"QAR"_s;
        payment.state = PaymentState::Unknown;
        payment.description = u"seed"_s;
        payment.createdAt = at;
        payment.updatedAt = at;
        auto paymentId = store.value()->insertPayment(payment);
        AuditEntry entry;
        entry.at = at;
        entry.operatorName = u"seed"_s;
        entry.action = u"payment.created"_s;
        entry.objectType = u"payment"_s;
        entry.objectId = paymentId.ok() ? paymentId.value() : 0;
        entry.detail = u"seed"_s;
        if (!customerId.ok() || !tokenId.ok() || !paymentId.ok() || !store.value()->appendAudit(entry).ok()) {
            std::fprintf(stderr, "could not fill the seed database\n");
            return 1;
        }
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"seed"_s);
        db.setDatabaseName(path);
        // One self-contained file: no write-ahead log beside it, no free pages.
        if (!db.open() || !run(db, u"PRAGMA journal_mode = DELETE"_s) || !run(db, u"VACUUM"_s))
            return 1;
        db.close();
    }
    QSqlDatabase::removeDatabase(u"seed"_s);

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 1;
    const QByteArray current = file.readAll();
    file.close();
    QFile::remove(path);
    const std::pair<const char *, quint32> variants[] = {
        {"schema-current", quint32(SqliteStore::SchemaVersion)},
        {"user-version-0", 0},
        {"user-version-1", 1},
        {"user-version-2", 2},
        {"user-version-newer", quint32(SqliteStore::SchemaVersion + 1)},
        {"user-version-max", 0x7fffffffu},
        {"negative-user-version", 0xffffffffu}, // -1: refused and left untouched
        {"user-version-int-min", 0x80000000u},
    };
    for (const auto &[name, version] : variants) {
        if (!write(out.filePath(QString::fromLatin1(name)), withUserVersion(current, version)))
            return 1;
    }
    std::printf("%lld-byte database at schema %d written to %s\n", qlonglong(current.size()),
                SqliteStore::SchemaVersion, argv[1]);
    return 0;
}
