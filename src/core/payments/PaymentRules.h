#pragma once

#include "domain/CardToken.h"
#include "domain/Payment.h"
#include "domain/Result.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace fatora {

// Whether an action may run now, and the words that say so: when allowed, what it will do; when
// refused, why not and what to do instead. The same verdict disables a desk button (its tooltip)
// and refuses the service call, so a disabled button and a refused call give the same reason.
struct RuleVerdict
{
    bool allowed = false;
    QString why;
    ErrorKind kind = ErrorKind::Conflict; // of a refusal

    static RuleVerdict allow(QString why) { return RuleVerdict{true, std::move(why), ErrorKind::Conflict}; }
    static RuleVerdict refuse(QString why, ErrorKind kind = ErrorKind::Conflict)
    {
        return RuleVerdict{false, std::move(why), kind};
    }
    Result<void> asResult(const QString &field) const
    {
        return allowed ? Result<void>() : Result<void>(Error{field, why, kind});
    }
};

// The money rules on payments and cards, as pure functions of what the database holds (and whether
// this process has a call in flight for it, and whether a pending row's owner lives). PaymentService
// decides with them inside its write transaction; the desk enables its actions with them.
namespace PaymentRules {

// An unowned pending charge (written before session leases) younger than this may still be in
// flight at another desk or in the CLI (no call lives longer: see AppSettings' timeout limit);
// older, it was left by a process that stopped.
constexpr int OrphanAfterSecs = 15 * 60;
// An unknown charge may be closed as "not charged" only when a verify this long after the attempt
// still finds no such order at Fatora.
constexpr int CloseUnfoundAfterSecs = 24 * 60 * 60;
// A card request's link counts as expired when the customer has not paid this long after it was
// made (configurable: CardRequestService::setLinkLifetimeSecs).
constexpr int CardRequestLifetimeSecs = 24 * 60 * 60;

// The process named by a pending payment's ownerSession (the charge written ahead, or the refund
// asked for), as the store's session lease tells it (Store::isSessionAlive; why, in Store.h).
enum class Owner {
    NotRecorded, // no owner on the row (written before sessions): only its age can tell
    Alive,       // its process holds its lease: the call may be in flight there
    Gone,        // its process stopped (closed, crashed, lost its lease): no answer is coming
};

// Whether a pending call (a charge, or a refund) is in flight nowhere: not here (busy) and not at
// its owner; an unowned one once it is older than OrphanAfterSecs. Recovery turns such a charge
// into unknown; a verify or a hand-recorded refund outcome may then meet no answer on its way.
bool isInterrupted(const QDateTime &pendingSince, bool busy, Owner owner, const QDateTime &now);

// busy: a call for this payment (or card) is in flight in this process.
// A pending charge not interrupted (above) may be in flight at another desk: a verify now could
// settle it before its own answer arrives, so it waits.
RuleVerdict mayVerify(const Payment &payment, bool busy, const QDateTime &now,
                      Owner owner = Owner::NotRecorded);
RuleVerdict mayRefund(const Payment &payment, bool busy);
RuleVerdict mayRecordRefundOutcome(const Payment &payment, bool busy, const QDateTime &now,
                                   Owner owner = Owner::NotRecorded);
// Whether the latest check of a card request's link found no payment on it (Fatora answered
// NOT_FOUND, or PENDING: the page was opened, nothing paid). The desk then shows "Link expired" once
// the request is unknown, and it may be closed.
bool cardRequestFoundUnpaid(const Payment &payment);
// A card request whose link expired unpaid is closed the same way (see mayCheckCardRequest).
RuleVerdict mayCloseUnfound(const Payment &payment, bool busy);
// Whether asking Fatora if the customer paid a card request's link may run now (a card request is
// checked, never verified: its check saves the card). A request whose checkout call may still be in
// flight (no link yet, younger than OrphanAfterSecs) waits.
RuleVerdict mayCheckCardRequest(const Payment &payment, bool busy, const QDateTime &now,
                                Owner owner = Owner::NotRecorded);
RuleVerdict mayRevoke(const CardToken &token, bool busy);
// openCharge: the card's pending or unknown charge, if any (Store::openChargeForToken).
RuleVerdict mayCharge(const CardToken &token, const std::optional<Payment> &openCharge, bool revokeBusy,
                      const QDate &today);

} // namespace PaymentRules

} // namespace fatora
