#pragma once

#include "StoreBackend.h"

#include <QTemporaryDir>

#include <atomic>
#include <memory>

namespace fatora::test {

// The embedded backend: each fresh database is a new file in its own temporary directory.
class SqliteStoreBackend final : public StoreBackend
{
public:
    QString name() const override { return QStringLiteral("sqlite"); }
    Result<std::unique_ptr<Store>> createFresh() override;
    Result<std::unique_ptr<Store>> connectAgain() override;
    QString execRaw(const QString &sql) override;

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::atomic<int> m_rawConnections{0};
};

} // namespace fatora::test
