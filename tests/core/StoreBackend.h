#pragma once

#include "domain/Result.h"
#include "store/Store.h"

#include <QString>

#include <memory>

namespace fatora::test {

// One database backend as the store contract suite sees it: a fresh, empty database per test,
// further connections to the same data (made on whichever thread calls, as each connection
// belongs to the thread that made it), and a raw statement for proving that the database itself
// - not only the store - refuses what breaks a rule.
class StoreBackend
{
public:
    virtual ~StoreBackend() = default;

    virtual QString name() const = 0;
    // A new, empty database; the previous one is dropped.
    virtual Result<std::unique_ptr<Store>> createFresh() = 0;
    // Another connection to the database createFresh made last. Thread-safe.
    virtual Result<std::unique_ptr<Store>> connectAgain() = 0;
    // Runs one statement over its own connection, outside the store. Returns the database's
    // error text, or an empty string when the statement succeeded.
    virtual QString execRaw(const QString &sql) = 0;
};

} // namespace fatora::test
