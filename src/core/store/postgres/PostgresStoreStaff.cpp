// PostgresStore: staff accounts (issue 14). The rights themselves are the database's
// (PostgresStaffSchema.cpp): these calls read them and hand the changes to its functions, which
// check the caller's role again on the server.

#include "store/postgres/PostgresStore.h"

#include "staff/StaffPassword.h"
#include "store/postgres/PostgresSupport.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace fatora {

using namespace postgres;

namespace {

// id, login, role, must_change_password, added_at, added_by, disabled_at, last activity
StaffMember readStaff(const Statement &s)
{
    StaffMember m;
    m.id = s.value(0).toLongLong();
    m.login = s.value(1).toString();
    m.role = staffRoleFromName(s.value(2).toString());
    m.mustChangePassword = s.value(3).toBool();
    m.addedAt = readTimestamp(s.value(4));
    m.addedBy = s.value(5).toString();
    m.disabledAt = readTimestamp(s.value(6));
    m.lastActivity = readTimestamp(s.value(7));
    return m;
}

// Last activity: the last sign of life of any of their sessions (a desk beats every 10 s).
const QString LastActivity = u"(SELECT max(x.heartbeat_at) FROM sessions x WHERE x.operator = s.login)"_s;

} // namespace

Result<StaffMember> PostgresStore::signedIn()
{
    Statement s(
        *m_session,
        u"SELECT coalesce(s.id, 0), session_user::text, fatora_role_of(session_user),"
        " coalesce(s.must_change_password, false), s.added_at, coalesce(s.added_by, ''), s.disabled_at, "_s +
            LastActivity +
            u" FROM (SELECT session_user::text AS login) me"
            " LEFT JOIN staff s ON s.login = me.login"_s,
        Statement::Plan::Fresh);
    if (auto r = s.exec(u"Could not read who is signed in"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::Internal, u"The server did not say who is signed in."_s);
    return readStaff(s);
}

Result<QList<StaffMember>> PostgresStore::staff()
{
    Statement s(
        *m_session,
        u"SELECT s.id, s.login, fatora_role_of(s.login), s.must_change_password, s.added_at, s.added_by,"
        " s.disabled_at, "_s +
            LastActivity + u" FROM staff s ORDER BY s.login"_s,
        Statement::Plan::Fresh);
    if (auto r = s.exec(u"Could not read the staff"_s); !r)
        return r.error();
    QList<StaffMember> people;
    while (s.next())
        people << readStaff(s);
    return people;
}

Result<qint64> PostgresStore::addStaff(const QString &login, StaffRole role, const QString &oneTimePassword)
{
    const QString verifier = StaffPassword::verifier(oneTimePassword);
    return writeStep([&]() -> Result<qint64> {
        Statement s(*m_session, u"SELECT fatora_staff_add(:login, :role, :verifier)"_s,
                    Statement::Plan::Fresh);
        s.bind(u":login"_s, login).bind(u":role"_s, staffRoleName(role)).bind(u":verifier"_s, verifier);
        if (auto r = s.exec(u"Could not add %1"_s.arg(login)); !r)
            return r.error();
        return s.next() ? s.value(0).toLongLong() : 0;
    });
}

Result<void> PostgresStore::setStaffRole(const QString &login, StaffRole role)
{
    return withoutId(writeStep([&]() -> Result<qint64> {
        Statement s(*m_session, u"SELECT fatora_staff_set_role(:login, :role)"_s, Statement::Plan::Fresh);
        s.bind(u":login"_s, login).bind(u":role"_s, staffRoleName(role));
        if (auto r = s.exec(u"Could not change the role of %1"_s.arg(login)); !r)
            return r.error();
        return 0;
    }));
}

Result<void> PostgresStore::setStaffEnabled(const QString &login, bool enabled)
{
    return withoutId(writeStep([&]() -> Result<qint64> {
        Statement s(*m_session, u"SELECT fatora_staff_set_enabled(:login, :enabled)"_s,
                    Statement::Plan::Fresh);
        s.bind(u":login"_s, login).bind(u":enabled"_s, enabled);
        if (auto r =
                s.exec(enabled ? u"Could not enable %1"_s.arg(login) : u"Could not disable %1"_s.arg(login));
            !r)
            return r.error();
        return 0;
    }));
}

Result<void> PostgresStore::changeOwnPassword(const QString &newPassword)
{
    const QString verifier = StaffPassword::verifier(newPassword);
    auto changed = withoutId(writeStep([&]() -> Result<qint64> {
        Statement s(*m_session, u"SELECT fatora_change_own_password(:verifier)"_s, Statement::Plan::Fresh);
        s.bind(u":verifier"_s, verifier);
        if (auto r = s.exec(u"Could not change the password"_s); !r)
            return r.error();
        return 0;
    }));
    // Outside a transaction the change is committed now; inside one it is the caller's to commit,
    // and the old password would no longer connect either way once it is.
    if (changed.ok())
        m_settings.password = newPassword;
    return changed;
}

} // namespace fatora

// Four eyes on refunds (schema 12): the rule is the database's (PostgresRefundApprovalSchema.cpp);
// these calls read it and write the requests, and the server fills in who and how much.
namespace fatora {

using namespace postgres;

namespace {

// id, payment_id, order_id, customer name, amount_minor, currency, reason, requested_by,
// requested_at, state, decided_by, decided_at, decision_note
const QString RefundApprovalColumns =
    u"r.id, r.payment_id, p.order_id, coalesce(c.name, ''), r.amount_minor, r.currency, r.reason,"
    " r.requested_by, r.requested_at, r.state, coalesce(r.decided_by, ''), r.decided_at, r.decision_note"
    " FROM refund_requests r JOIN payments p ON p.id = r.payment_id"
    " LEFT JOIN customers c ON c.id = p.customer_id"_s;

RefundApproval readRefundApproval(const Statement &s)
{
    RefundApproval a;
    a.id = s.value(0).toLongLong();
    a.paymentId = s.value(1).toLongLong();
    a.orderId = s.value(2).toString();
    a.customerName = s.value(3).toString();
    a.currency = s.value(5).toString();
    if (!s.value(4).isNull())
        a.amount = Money(s.value(4).toLongLong(), a.currency);
    a.reason = s.value(6).toString();
    a.requestedBy = s.value(7).toString();
    a.requestedAt = readTimestamp(s.value(8));
    a.state = refundApprovalStateFromName(s.value(9).toString()).value_or(RefundApproval::State::Open);
    a.decidedBy = s.value(10).toString();
    a.decidedAt = readTimestamp(s.value(11));
    a.decisionNote = s.value(12).toString();
    return a;
}

} // namespace

Result<Money> PostgresStore::refundApprovalLimit()
{
    Statement s(*m_session, u"SELECT approval_above_minor, currency FROM refund_rules WHERE id = 1"_s);
    if (auto r = s.exec(u"Could not read the refund approval limit"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::Internal, u"The database has no refund approval limit."_s);
    return Money(s.value(0).toLongLong(), s.value(1).toString());
}

Result<void> PostgresStore::setRefundApprovalLimit(const Money &limit)
{
    return withoutId(writeStep([&]() -> Result<qint64> {
        Statement s(*m_session,
                    u"UPDATE refund_rules SET approval_above_minor = :minor, currency = :currency WHERE id = 1"
                    " RETURNING id"_s,
                    Statement::Plan::Fresh);
        s.bind(u":minor"_s, limit.minorUnits()).bind(u":currency"_s, limit.currency());
        return s.execReturningId(u"Could not set the refund approval limit"_s,
                                 u"The database has no refund approval limit."_s);
    }));
}

Result<bool> PostgresStore::refundNeedsApproval(qint64 paymentId)
{
    Statement s(*m_session,
                u"SELECT fatora_refund_needs_approval(coalesce(p.amount_minor, p.taken_minor), p.currency)"
                " FROM payments p WHERE p.id = :id"_s);
    s.bind(u":id"_s, paymentId);
    if (auto r = s.exec(u"Could not read whether the refund needs an approval"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::NotFound, u"Payment %1 does not exist."_s.arg(paymentId));
    return s.value(0).toBool();
}

Result<qint64> PostgresStore::addRefundApproval(qint64 paymentId, const QString &reason)
{
    return writeStep([&]() -> Result<qint64> {
        // Who asks, when, and for how much: the database writes them (schema 12).
        Statement s(*m_session,
                    u"INSERT INTO refund_requests (payment_id, currency, reason) VALUES (:payment, '', :reason)"
                    " RETURNING id"_s,
                    Statement::Plan::Fresh);
        s.bind(u":payment"_s, paymentId).bind(u":reason"_s, reason);
        return s.execReturningId(u"Could not ask for the refund"_s, u"The refund request was not written."_s);
    });
}

Result<QList<RefundApproval>> PostgresStore::refundApprovals(const RefundApprovalQuery &query)
{
    QString sql = u"SELECT "_s + RefundApprovalColumns + u" WHERE true"_s;
    if (query.openOnly)
        sql += u" AND r.state = 'open'"_s;
    if (query.paymentId > 0)
        sql += u" AND r.payment_id = :payment"_s;
    // The queue oldest first (first asked, first decided); the whole record newest first.
    sql += query.openOnly ? u" ORDER BY r.id LIMIT :limit"_s : u" ORDER BY r.id DESC LIMIT :limit"_s;
    Statement s(*m_session, sql, Statement::Plan::Fresh);
    if (query.paymentId > 0)
        s.bind(u":payment"_s, query.paymentId);
    s.bind(u":limit"_s, query.limit);
    if (auto r = s.exec(u"Could not read the refund requests"_s); !r)
        return r.error();
    QList<RefundApproval> list;
    while (s.next())
        list << readRefundApproval(s);
    return list;
}

Result<RefundApproval> PostgresStore::refundApproval(qint64 id)
{
    Statement s(*m_session, u"SELECT "_s + RefundApprovalColumns + u" WHERE r.id = :id"_s);
    s.bind(u":id"_s, id);
    if (auto r = s.exec(u"Could not read the refund request"_s); !r)
        return r.error();
    if (!s.next())
        return storeError(ErrorKind::NotFound, u"Refund request %1 does not exist."_s.arg(id));
    return readRefundApproval(s);
}

Result<void> PostgresStore::decideRefundApproval(qint64 id, RefundApproval::State decision, const QString &note)
{
    auto decided = writeStep([&]() -> Result<qint64> {
        // "state = 'open'": a second supervisor deciding at the same moment waits for the first's
        // commit on the row's lock, then finds the request decided and touches nothing.
        Statement s(*m_session,
                    u"UPDATE refund_requests SET state = :state, decision_note = coalesce(:note, '')"
                    " WHERE id = :id AND state = 'open' RETURNING id"_s,
                    Statement::Plan::Fresh);
        s.bind(u":state"_s, refundApprovalStateName(decision)).bind(u":note"_s, note).bind(u":id"_s, id);
        if (auto r = s.exec(u"Could not decide refund request %1"_s.arg(id)); !r)
            return r.error();
        return s.next() ? s.value(0).toLongLong() : 0;
    });
    if (!decided)
        return decided.error();
    if (decided.value() != 0)
        return {};
    auto now = refundApproval(id);
    if (!now)
        return now.error();
    return storeError(ErrorKind::Conflict, u"Refund request %1 was already %2 by %3."_s.arg(
                                               QString::number(id), refundApprovalStateName(now.value().state),
                                               now.value().decidedBy));
}

} // namespace fatora
