#include "store/sqlite/SqliteBulkWriter.h"

#include "customers/CustomerSearch.h"
#include "store/StoredText.h"
#include "store/sqlite/SqliteStore.h"
#include "store/sqlite/SqliteSupport.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace fatora {

using namespace sqlite;

namespace {

Result<void> prepare(QSqlQuery &query, const QString &sql)
{
    if (!query.prepare(sql))
        return databaseError(u"Could not prepare the bulk write"_s, query.lastError());
    return {};
}

Result<qint64> run(QSqlQuery &query, const QString &what)
{
    if (!query.exec())
        return databaseError(what, query.lastError());
    return query.lastInsertId().toLongLong();
}

} // namespace

SqliteBulkWriter::SqliteBulkWriter(SqliteStore &store)
    : m_store(store), m_customer(store.database()), m_token(store.database()), m_payment(store.database()),
      m_tokenText(store.database())
{
}

SqliteBulkWriter::~SqliteBulkWriter()
{
    if (!m_open)
        return;
    m_customer.finish();
    m_token.finish();
    m_payment.finish();
    m_tokenText.finish();
    // Without a journal SQLite cannot undo what already reached the file; the file is scratch.
    rollbackQuietly(m_store.database());
    if (auto r = restoreSettings(); !r)
        qCWarning(lcStore) << "bulk write: could not restore the settings:" << r.error().toString();
}

Result<void> SqliteBulkWriter::start()
{
    const QSqlDatabase db = m_store.database();
    // Leaving WAL needs the file to ourselves; the reply is the mode actually in force.
    auto mode = pragmaValue(db, u"journal_mode = OFF"_s);
    if (!mode)
        return mode.error();
    if (mode->toString().compare(u"off"_s, Qt::CaseInsensitive) != 0) {
        (void)restoreSettings();
        return storeError(ErrorKind::Busy,
                          u"Another connection has the database open; a bulk write needs it alone."_s);
    }
    for (const QString &pragma : {u"PRAGMA synchronous = OFF"_s, u"PRAGMA cache_size = -524288"_s,
                                  u"PRAGMA temp_store = MEMORY"_s, u"BEGIN IMMEDIATE"_s}) {
        if (auto r = execPlain(db, pragma, u"Could not start the bulk write"_s); !r) {
            (void)restoreSettings();
            return r;
        }
    }
    m_open = true;
    for (QSqlQuery *q : {&m_customer, &m_token, &m_payment, &m_tokenText})
        q->setForwardOnly(true);
    if (auto r = prepare(m_customer, u"INSERT INTO customers (name, email, phone, reference, notes, archived,"
                                     " created_at, phone_digits) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
        !r)
        return r;
    if (auto r =
            prepare(m_token, u"INSERT INTO card_tokens (customer_id, token, label, issued_on, expires_on,"
                             " first_amount_minor, currency, status, status_changed_at, last_used_at,"
                             " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        !r)
        return r;
    if (auto r =
            prepare(m_payment,
                    u"INSERT INTO payments (order_id, token_id, customer_id, amount_minor, currency, state,"
                    " gateway_status, status_code, transaction_id, auth_code, mode, description, http_status,"
                    " error_text, request_body, response_body, operator, note, created_at, updated_at,"
                    " last_checked_at, refund_state, refund_status, refunded_at, expected_minor, taken_minor)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        !r)
        return r;
    return prepare(m_tokenText, u"SELECT token FROM card_tokens WHERE id = ?"_s);
}

Result<void> SqliteBulkWriter::restoreSettings()
{
    const QSqlDatabase db = m_store.database();
    Result<void> result;
    for (const QString &pragma : {u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = FULL"_s,
                                  u"PRAGMA cache_size = -2000"_s, u"PRAGMA temp_store = DEFAULT"_s}) {
        QSqlQuery q(db);
        if (!q.exec(pragma) && result.ok())
            result = databaseError(u"Could not restore the database settings"_s, q.lastError());
    }
    return result;
}

Result<qint64> SqliteBulkWriter::addCustomer(const Customer &c)
{
    if (!m_open)
        return storeError(ErrorKind::Internal, u"The bulk write is finished."_s);
    if (c.name.trimmed().isEmpty())
        return Error{u"name"_s, u"A customer needs a name."_s};
    if (!c.createdAt.isValid())
        return Error{u"created_at"_s, u"A bulk-written customer needs its creation time."_s};
    m_customer.bindValue(0, c.name);
    m_customer.bindValue(1, text(c.email));
    m_customer.bindValue(2, text(c.phone));
    m_customer.bindValue(3, text(c.reference));
    m_customer.bindValue(4, text(c.notes));
    m_customer.bindValue(5, c.archived ? 1 : 0);
    m_customer.bindValue(6, timestampValue(c.createdAt));
    m_customer.bindValue(7, CustomerSearch::phoneKey(c.phone));
    ++m_rows;
    return run(m_customer, u"Could not write a customer"_s);
}

Result<qint64> SqliteBulkWriter::addToken(const CardToken &t)
{
    if (!m_open)
        return storeError(ErrorKind::Internal, u"The bulk write is finished."_s);
    if (auto valid = CardToken::validateTokenText(t.token, u"token"_s); !valid)
        return valid.error();
    if (!t.issuedOn.isValid() || !t.createdAt.isValid())
        return Error{u"issued_on"_s, u"A bulk-written token needs its issue date and creation time."_s};
    const QDate expiresOn = t.expiresOn.isValid() ? t.expiresOn : CardToken::defaultExpiry(t.issuedOn);
    if (expiresOn > CardToken::defaultExpiry(t.issuedOn) || expiresOn < t.issuedOn)
        return Error{u"expires_on"_s, u"A token stops working six months after it was issued."_s};
    const QString currency = t.firstAmount ? t.firstAmount->currency() : t.currency;
    m_token.bindValue(0, t.customerId);
    m_token.bindValue(1, t.token);
    m_token.bindValue(2, text(t.label));
    m_token.bindValue(3, dateValue(t.issuedOn));
    m_token.bindValue(4, dateValue(expiresOn));
    m_token.bindValue(5, optionalMinor(t.firstAmount));
    m_token.bindValue(6, currency);
    m_token.bindValue(7, tokenStatusName(t.status));
    m_token.bindValue(8, timestampValue(t.statusChangedAt));
    m_token.bindValue(9, timestampValue(t.lastUsedAt));
    m_token.bindValue(10, timestampValue(t.createdAt));
    ++m_rows;
    return run(m_token, u"Could not write a card token"_s);
}

Result<QString> SqliteBulkWriter::tokenText(qint64 tokenId)
{
    m_tokenText.bindValue(0, tokenId);
    if (!m_tokenText.exec())
        return databaseError(u"Could not read the card token"_s, m_tokenText.lastError());
    QString token = m_tokenText.next() ? m_tokenText.value(0).toString() : QString();
    m_tokenText.finish();
    return token;
}

Result<qint64> SqliteBulkWriter::addPayment(const Payment &p)
{
    if (!m_open)
        return storeError(ErrorKind::Internal, u"The bulk write is finished."_s);
    if (p.orderId.isEmpty())
        return Error{u"order_id"_s, u"A payment needs an order id."_s};
    if (!p.createdAt.isValid())
        return Error{u"created_at"_s, u"A bulk-written payment needs its creation time."_s};
    auto token = tokenText(p.tokenId);
    if (!token)
        return token.error();
    const QString currency = p.amount ? p.amount->currency() : p.currency;
    // The same cleaning as Store::insertPayment: a dataset is stored as the desk would store it.
    const Payment clean = StoredText::cleaned(p, *token);
    const QVariant values[] = {
        p.orderId,
        p.tokenId,
        p.customerId,
        optionalMinor(p.amount),
        text(currency),
        paymentStateName(p.state),
        text(p.gatewayStatus),
        text(p.statusCode),
        text(p.transactionId),
        text(p.authCode),
        text(p.mode),
        text(p.description),
        p.httpStatus,
        text(clean.errorText),
        text(clean.requestBody),
        text(clean.responseBody),
        text(p.operatorName),
        text(p.note),
        timestampValue(p.createdAt),
        timestampValue(p.updatedAt.isValid() ? p.updatedAt : p.createdAt),
        timestampValue(p.lastCheckedAt),
        refundStateName(p.refundState),
        text(p.refundStatus),
        timestampValue(p.refundedAt),
        optionalMinor(p.expectedAmount),
        optionalMinor(p.takenAmount),
    };
    for (int i = 0; i < int(std::size(values)); ++i)
        m_payment.bindValue(i, values[i]);
    ++m_rows;
    return run(m_payment, u"Could not write a payment"_s);
}

Result<void> SqliteBulkWriter::finish()
{
    if (!m_open)
        return storeError(ErrorKind::Internal, u"The bulk write is finished."_s);
    m_customer.finish();
    m_token.finish();
    m_payment.finish();
    m_tokenText.finish();
    m_open = false;
    if (auto r = execPlain(m_store.database(), u"COMMIT"_s, u"Could not save the bulk write"_s); !r) {
        rollbackQuietly(m_store.database());
        (void)restoreSettings();
        return r;
    }
    return restoreSettings();
}

} // namespace fatora
