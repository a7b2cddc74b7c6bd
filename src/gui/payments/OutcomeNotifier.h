#pragma once

#include "common/UiSupport.h"
#include "domain/Payment.h"

#include <QDateTime>

#include <QObject>

#include <functional>
#include <optional>

namespace fatora {

struct DeskContext;
class NoticeList;

// Watches every money call the desk started and makes sure its end is seen: when the window that
// started the call is gone (closed with Escape, or by the second click of a double-click on the
// in-flight "Close"), and always when the outcome is unknown or declined, the result goes to the
// notice list, which stays until acknowledged.
class OutcomeNotifier : public QObject
{
    Q_OBJECT
public:
    enum class Call { Charge, Verify, Revoke, Refund };
    // Whether an open dialog shows the end of this call to the clerk (payment id, or token id for
    // a revoke). Asked when the call ends.
    using ShownByDialog = std::function<bool(Call call, qint64 id)>;

    OutcomeNotifier(DeskContext &context, NoticeList *notices, ShownByDialog shownByDialog,
                    QObject *parent = nullptr);

private:
    // Each call's end is judged at once (whether a dialog shows it); what the notice says is read
    // on the desk's reader (issue 13), so the notices keep the order the calls ended in.
    void paymentEnded(Call call, qint64 paymentId, PaymentState state);
    void revokeEnded(qint64 tokenId, bool deactivated, const QString &errorText);
    void refundEnded(qint64 paymentId, RefundState state);
    void addPaymentNotice(Call call, PaymentState state, const QDateTime &at, const UiSupport::PaymentSubject &read);
    void addRefundNotice(RefundState state, const QDateTime &at, const UiSupport::PaymentSubject &read);
    // Reads the payment, then hands it to `add` if it could be read.
    void readPayment(qint64 paymentId, std::function<void(const UiSupport::PaymentSubject &)> add);
    static QString subject(const UiSupport::PaymentSubject &read);

    DeskContext &m_context;
    std::optional<Payment> m_lastCarried; // as paymentChanged last carried it
    NoticeList *const m_notices;
    const ShownByDialog m_shownByDialog;
};

} // namespace fatora
