// Helper process for tst_sqlitestore: a second program writing into the same database file, as
// the CLI does while the desk is open.
//
//   storewriter <database> <count> <name-prefix>
//
// Inserts <count> customers named "<name-prefix> <i>", each in its own write transaction with an
// audit entry, and exits 0 only if every one was committed.

#include "store/sqlite/SqliteStore.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace fatora;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream err(stderr);
    if (args.size() != 4) {
        err << "usage: storewriter <database> <count> <name-prefix>\n";
        return 2;
    }
    bool ok = false;
    const int count = args.at(2).toInt(&ok);
    if (!ok || count < 0) {
        err << "storewriter: count must be a non-negative number\n";
        return 2;
    }

    auto opened = SqliteStore::open(args.at(1));
    if (!opened) {
        err << "storewriter: " << opened.error().toString() << '\n';
        return 1;
    }
    SqliteStore &store = *opened.value();

    for (int i = 0; i < count; ++i) {
        Store::Transaction tx(store);
        if (!tx.started()) {
            err << "storewriter: " << tx.started().error().toString() << '\n';
            return 1;
        }
        Customer c;
        c.name = u"%1 %2"_s.arg(args.at(3)).arg(i);
        auto id = store.addCustomer(c);
        if (!id) {
            err << "storewriter: " << id.error().toString() << '\n';
            return 1;
        }
        AuditEntry entry;
        entry.operatorName = u"storewriter"_s;
        entry.action = u"customer.added"_s;
        entry.objectType = u"customer"_s;
        entry.objectId = id.value();
        if (auto audited = store.appendAudit(entry); !audited) {
            err << "storewriter: " << audited.error().toString() << '\n';
            return 1;
        }
        if (auto committed = tx.commit(); !committed) {
            err << "storewriter: " << committed.error().toString() << '\n';
            return 1;
        }
    }
    return 0;
}
