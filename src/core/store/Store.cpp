#include "store/Store.h"

#include "customers/CustomerRules.h"
#include "domain/FieldLimits.h"
#include "store/StoredText.h"

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

// The expected and taken amounts are kept as minor units of the payment's currency: one in another
// currency is not this payment's figure, and is refused rather than stored as a wrong number.
Result<void> checkFigureCurrencies(const Payment &payment)
{
    const QString currency = payment.amount ? payment.amount->currency() : payment.currency;
    for (const auto &[field, money] : {std::pair{u"expected_amount"_s, &payment.expectedAmount},
                                       std::pair{u"taken_amount"_s, &payment.takenAmount}}) {
        if (*money && (*money)->currency() != currency)
            return Error{field, u"Payment %1 is in %2; its %3 cannot be in %4."_s.arg(
                                    payment.orderId, currency, field, (*money)->currency())};
    }
    return {};
}

} // namespace

Store::Transaction::Transaction(Store &store) : m_store(store), m_started(store.beginTransaction()) {}

Store::Transaction::~Transaction()
{
    if (m_started.ok() && !m_done)
        m_store.rollbackTransaction();
}

Result<void> Store::Transaction::commit()
{
    if (!m_started.ok())
        return m_started.error();
    m_done = true;
    auto committed = m_store.commitTransaction();
    if (!committed.ok())
        m_store.rollbackTransaction();
    return committed;
}

Result<qint64> Store::addCustomer(const Customer &customer)
{
    if (const QList<Error> problems = CustomerRules::checkStorable(customer); !problems.isEmpty())
        return problems.first();
    return insertCustomerRow(customer);
}

Result<void> Store::updateCustomer(const Customer &customer)
{
    if (const QList<Error> problems = CustomerRules::checkStorable(customer); !problems.isEmpty())
        return problems.first();
    return updateCustomerRow(customer);
}

Result<qint64> Store::addToken(const CardToken &given)
{
    const CardToken token = CustomerRules::normalised(given);
    if (const QList<Error> problems = CustomerRules::checkToken(token); !problems.isEmpty())
        return problems.first();
    return insertTokenRow(token);
}

Result<void> Store::updateToken(const CardToken &token)
{
    // The token text and its owner never change (the backends keep them so); what may change is
    // checked here.
    if (auto label = FieldLimits::check(u"label"_s, token.label, FieldLimits::TokenLabel); !label)
        return label.error();
    return updateTokenRow(token);
}

// The payment as any backend may store it: its figures in its own currency, its free texts capped
// and without the card token. The token is read only when there is text to clean.
static Result<Payment> storable(Store &store, const Payment &payment)
{
    if (auto r = checkFigureCurrencies(payment); !r)
        return r.error();
    if (!StoredText::hasFreeText(payment))
        return payment;
    auto token = store.token(payment.tokenId);
    if (!token) {
        if (!token.error().is(ErrorKind::NotFound))
            return token.error();
        return StoredText::cleaned(payment, QString()); // the backend refuses the unknown token
    }
    return StoredText::cleaned(payment, token->token);
}

Result<qint64> Store::insertPayment(const Payment &payment)
{
    if (payment.orderId.isEmpty())
        return Error{u"order_id"_s, u"A payment needs an order id."_s};
    auto row = storable(*this, payment);
    if (!row)
        return row.error();
    return insertPaymentRow(*row);
}

Result<void> Store::updatePayment(const Payment &payment)
{
    auto row = storable(*this, payment);
    if (!row)
        return row.error();
    return updatePaymentRow(*row);
}

Result<void> Store::audit(const QDateTime &at, const QString &operatorName, const QString &action,
                          const QString &objectType, qint64 objectId, const QString &detail)
{
    AuditEntry entry;
    entry.at = at;
    entry.operatorName = operatorName;
    entry.action = action;
    entry.objectType = objectType;
    entry.objectId = objectId;
    entry.detail = detail;
    auto id = appendAudit(entry);
    if (!id.ok())
        return id.error();
    return {};
}

} // namespace fatora
