#pragma once

#include "domain/Payment.h"

#include <QObject>

#include <functional>

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
    void paymentEnded(Call call, qint64 paymentId, PaymentState state);
    void revokeEnded(qint64 tokenId, bool deactivated, const QString &errorText);
    void refundEnded(qint64 paymentId, RefundState state);
    QString subject(const Payment &payment) const;

    DeskContext &m_context;
    NoticeList *const m_notices;
    const ShownByDialog m_shownByDialog;
};

} // namespace fatora
