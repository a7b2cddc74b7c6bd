#pragma once

#include "domain/Payment.h"
#include "domain/Result.h"
#include "payments/ChargeGuard.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QList>

namespace fatora {

// Several charges written ahead in ONE write transaction and sent only once it is committed: a
// billing run's window (one flush for many charges), and PaymentService::charge() for one.
//
// The order is the class's to keep, not its caller's: a charge cannot leave before commitAndSend()
// has committed every row it wrote, and nothing leaves when the commit fails. The caller may write
// its own rows in the same transaction between the steps (a batch item turned sent, its audit).
class ChargeWindow
{
public:
    // Begins the write transaction (BEGIN IMMEDIATE in SQLite: a second desk waits).
    explicit ChargeWindow(PaymentService &payments);
    ChargeWindow(const ChargeWindow &) = delete;
    ChargeWindow &operator=(const ChargeWindow &) = delete;

    const Result<void> &started() const { return m_tx.started(); }

    // Every rule of a single charge, asked against the database as it is now. Reads only: a
    // refusal (the reason, as charge() words it) leaves the transaction usable.
    Result<PaymentService::WrittenCharge> plan(const ChargeRequest &request);
    // The pending payment under its order id, and its audit entry; kept to be sent at the commit.
    // An error here spoils the transaction: commitAndSend() then refuses and nothing leaves.
    Result<Payment> writeAhead(const PaymentService::WrittenCharge &planned);
    // Commits, then sends every charge written ahead, in the order written. Returns how many left.
    Result<int> commitAndSend();

private:
    PaymentService &m_payments;
    Store::Transaction m_tx;
    QList<PaymentService::WrittenCharge> m_written;
    bool m_spoiled = false;
};

} // namespace fatora
