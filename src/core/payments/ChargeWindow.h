#pragma once

#include "domain/Payment.h"
#include "domain/Result.h"
#include "payments/ChargeGuard.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QList>

#include <optional>

namespace fatora {

// Several charges written ahead in ONE write transaction and sent only once it is committed: a
// billing run's window (one flush for many charges), and PaymentService::charge() for one.
//
// The order is the class's to keep, not its caller's: a charge cannot leave before commitAndSend()
// has committed every row it wrote, and nothing leaves when the commit fails. The caller may write
// its own rows in the same transaction between the steps (a batch item turned sent, its audit).
//
// The window also carries the gateway's answers that arrived and wait to be saved: they are saved
// in its transaction (one flush for the answers and the next charges, instead of one each). Should
// they not go in, or the window not commit, they are handed back untouched and saved on their own.
class ChargeWindow
{
public:
    // Begins the write transaction (BEGIN IMMEDIATE in SQLite: a second desk waits). Refused inside
    // another transaction: its commit would not be durable, and a charge would leave unsaved.
    explicit ChargeWindow(PaymentService &payments);
    ~ChargeWindow();
    ChargeWindow(const ChargeWindow &) = delete;
    ChargeWindow &operator=(const ChargeWindow &) = delete;

    const Result<void> &started() const { return m_started; }

    // Every rule of a single charge, asked against the database as it is now. Reads only: a
    // refusal (the reason, as charge() words it) leaves the transaction usable.
    Result<PaymentService::WrittenCharge> plan(const ChargeRequest &request);
    // The pending payment under its order id, and its audit entry; kept to be sent at the commit.
    // An error here spoils the transaction: commitAndSend() then refuses and nothing leaves.
    Result<Payment> writeAhead(const PaymentService::WrittenCharge &planned);
    // Commits, then finishes the answers carried and sends every charge written ahead, in the order
    // written. Returns how many charges left. A failed commit gives the window up (see abandon).
    Result<int> commitAndSend();
    // Gives the window up now: rolled back, nothing sent; the answers it carried are handed back with
    // the reason (a database that cannot take them holds them at once, to be retried later). The
    // destructor does the same, without a reason, for a window neither committed nor given up.
    void abandon(const Error &why);

private:
    void begin();
    void carryArrivedAnswers();

    PaymentService &m_payments;
    std::optional<Store::Transaction> m_tx;
    Result<void> m_started;
    QList<PaymentService::WrittenCharge> m_written;
    QList<PaymentService::ArrivedAnswer> m_carried;
    QList<AnswerRecorder::ChargeRecord> m_carriedRecords;
    bool m_spoiled = false;
    bool m_over = false; // committed or given up
};

} // namespace fatora
