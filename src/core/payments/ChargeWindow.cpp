#include "payments/ChargeWindow.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcPayments)

using namespace Qt::StringLiterals;

namespace fatora {

ChargeWindow::ChargeWindow(PaymentService &payments) : m_payments(payments)
{
    begin();
    if (m_started.ok())
        carryArrivedAnswers();
    else
        m_payments.answersNotCarried(m_started.error());
}

ChargeWindow::~ChargeWindow()
{
    // Not committed: the carried answers were not saved. Rolled back first, then handed back.
    m_tx.reset();
    if (!m_carried.isEmpty())
        (void)m_payments.giveBackAnswers(std::exchange(m_carried, {}), std::nullopt);
}

void ChargeWindow::abandon(const Error &why)
{
    if (m_over)
        return;
    m_over = true;
    m_tx.reset();
    m_written.clear();
    if (!m_carried.isEmpty())
        (void)m_payments.giveBackAnswers(std::exchange(m_carried, {}), why);
}

void ChargeWindow::begin()
{
    m_tx.emplace(m_payments.m_store);
    m_started = m_tx->started();
    if (m_started.ok() && !m_tx->isOutermost()) {
        m_tx.reset();
        m_started =
            Error{u"payment"_s,
                  u"A charge cannot be written ahead inside another transaction: it would leave before "
                  "being saved (a programming error). Nothing was sent."_s,
                  ErrorKind::Internal};
    }
}

void ChargeWindow::carryArrivedAnswers()
{
    QList<PaymentService::ArrivedAnswer> arrived = m_payments.takeArrivedAnswers();
    if (arrived.isEmpty())
        return;
    auto recorded = m_payments.recordArrived(arrived);
    if (recorded.ok()) {
        m_carried = std::move(arrived);
        m_carriedRecords = recorded.value();
        return;
    }
    // Whatever of them went in is undone with the transaction, which begins again without them:
    // they take their own way (held and retried, or one by one), and the window is not their hostage.
    qCInfo(lcPayments) << "answers not carried by the charge window:" << recorded.error().toString();
    m_tx.reset();
    // Another desk's lock or a lost server: a new transaction would only wait it out a second
    // time (a server store takes its lock with the transaction's first statement, here the
    // answers' own, so started() above could not tell). The window gives up.
    if (m_payments.giveBackAnswers(arrived, recorded.error())) {
        m_started = recorded.error();
        return;
    }
    begin();
}

Result<PaymentService::WrittenCharge> ChargeWindow::plan(const ChargeRequest &request)
{
    if (!started().ok())
        return started().error();
    return m_payments.planCharge(request);
}

Result<Payment> ChargeWindow::writeAhead(const PaymentService::WrittenCharge &planned)
{
    if (!started().ok())
        return started().error();
    auto written = m_payments.writeAheadCharge(planned);
    if (!written.ok()) {
        m_spoiled = true;
        return written.error();
    }
    m_written << written.value();
    return written->payment;
}

Result<int> ChargeWindow::commitAndSend()
{
    if (!started().ok())
        return started().error();
    if (m_over)
        return Error{u"payment"_s, u"This charge window was already committed or given up."_s,
                     ErrorKind::Internal};
    if (m_spoiled)
        return Error{u"payment"_s, u"A charge of this window could not be written ahead; nothing was sent."_s,
                     ErrorKind::Internal};
    if (auto r = m_tx->commit(); !r.ok()) {
        abandon(r.error());
        return r.error();
    }
    m_over = true;
    // The answers first: what they settle is known before anything new leaves.
    const QList<PaymentService::ArrivedAnswer> carried = std::exchange(m_carried, {});
    m_payments.finishCarried(carried, std::exchange(m_carriedRecords, {}));
    // Only now, with every pending row durable, do the requests leave.
    const QList<PaymentService::WrittenCharge> written = std::exchange(m_written, {});
    for (const PaymentService::WrittenCharge &charge : written)
        m_payments.sendCharge(charge);
    return int(written.size());
}

} // namespace fatora
