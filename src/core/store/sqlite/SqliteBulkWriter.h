#pragma once

#include "domain/CardToken.h"
#include "domain/Customer.h"
#include "domain/Payment.h"
#include "domain/Result.h"

#include <QSqlQuery>
#include <QString>

namespace fatora {

class SqliteStore;

// Writes millions of rows through the project's schema (its constraints and triggers all apply),
// for the benchmark dataset generator. Statements are prepared once and everything goes into one
// transaction with SQLite's durability switched off (journal_mode=OFF, synchronous=OFF): a crash
// in the middle leaves a damaged file, so write into a scratch file that nobody else has open and
// move it into place afterwards. finish() commits and puts WAL and synchronous=FULL back; a writer
// destroyed unfinished rolls back what SQLite can and restores the settings as well.
//
// Rows are taken as given (ids assigned by SQLite, timestamps required); bodies are still capped
// and scrubbed of the card token like SqliteStore::insertPayment does. The store must not be used
// for anything else while the writer lives.
class SqliteBulkWriter
{
public:
    ~SqliteBulkWriter();
    SqliteBulkWriter(const SqliteBulkWriter &) = delete;
    SqliteBulkWriter &operator=(const SqliteBulkWriter &) = delete;

    Result<qint64> addCustomer(const Customer &customer);
    Result<qint64> addToken(const CardToken &token);
    Result<qint64> addPayment(const Payment &payment);
    qint64 rowsWritten() const { return m_rows; }

    // Commits and restores the normal settings. Nothing may be added afterwards.
    Result<void> finish();

private:
    friend class SqliteStore;
    explicit SqliteBulkWriter(SqliteStore &store);
    Result<void> start();
    Result<void> restoreSettings();
    Result<QString> tokenText(qint64 tokenId);

    SqliteStore &m_store;
    QSqlQuery m_customer;
    QSqlQuery m_token;
    QSqlQuery m_payment;
    QSqlQuery m_tokenText;
    qint64 m_rows = 0;
    bool m_open = false;
};

} // namespace fatora
