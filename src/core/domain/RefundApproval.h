#pragma once

#include "domain/Money.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace fatora {

// A second pair of eyes on a large refund (issue 14): a supervisor asks for it with a reason; a
// supervisor other than the asker approves it, which sends the refund, or denies it. On a shared
// database only: a database file has one person, who cannot be their own second pair of eyes.
struct RefundApproval
{
    enum class State { Open, Approved, Denied };

    qint64 id = 0;
    qint64 paymentId = 0;
    QString orderId;
    QString customerName; // whose payment, for the queue
    // The payment's, as the database filled it in when asked; none for a blank-amount charge whose
    // taken amount no verify has reported yet (the refund is still of the whole charge).
    std::optional<Money> amount;
    QString currency;
    QString reason;
    QString requestedBy; // the login that asked (the database's session user, not a typed name)
    QDateTime requestedAt;
    State state = State::Open;
    QString decidedBy;
    QDateTime decidedAt;
    QString decisionNote; // a denial's reason; empty for an approval without one

    bool isOpen() const { return state == State::Open; }
};

// "open", "approved", "denied": the database's and the CLI's words.
QString refundApprovalStateName(RefundApproval::State state);
std::optional<RefundApproval::State> refundApprovalStateFromName(const QString &name);
// As people read it, translated.
QString refundApprovalStateTitle(RefundApproval::State state);

// Which refund requests to read: the open ones (the queue), or every one newest first.
struct RefundApprovalQuery
{
    bool openOnly = true;
    qint64 paymentId = 0; // only this payment's; 0: every payment's
    int limit = 500;
};

} // namespace fatora
