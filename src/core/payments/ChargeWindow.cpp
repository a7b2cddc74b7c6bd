#include "payments/ChargeWindow.h"

using namespace Qt::StringLiterals;

namespace fatora {

ChargeWindow::ChargeWindow(PaymentService &payments) : m_payments(payments), m_tx(payments.m_store) {}

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
    if (m_spoiled)
        return Error{u"payment"_s, u"A charge of this window could not be written ahead; nothing was sent."_s,
                     ErrorKind::Internal};
    if (auto r = m_tx.commit(); !r.ok())
        return r.error();
    // Only now, with every pending row durable, do the requests leave.
    const QList<PaymentService::WrittenCharge> written = std::exchange(m_written, {});
    for (const PaymentService::WrittenCharge &charge : written)
        m_payments.sendCharge(charge);
    return int(written.size());
}

} // namespace fatora
