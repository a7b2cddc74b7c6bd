#include "store/Store.h"

#include "customers/CustomerRules.h"
#include "domain/FieldLimits.h"
#include "store/StoredText.h"

#include <QCoreApplication>

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

Store::Transaction::Transaction(Store &store)
    : m_store(store), m_outermost(!store.inTransaction()), m_started(store.beginTransaction())
{
}

Store::Transaction::~Transaction()
{
    if (m_started.ok() && !m_done) {
        m_store.rollbackTransaction();
        // A card written in what was undone may have lent its id to no card, or (SQLite) to the
        // next one written: the texts remembered are forgotten.
        m_store.forgetTokenTexts();
    }
}

Result<void> Store::Transaction::commit()
{
    if (!m_started.ok())
        return m_started.error();
    if (m_done)
        return Error{u"database"_s, u"A transaction was committed twice (a programming error)."_s,
                     ErrorKind::Internal};
    m_done = true;
    auto committed = m_store.commitTransaction();
    if (!committed.ok()) {
        m_store.rollbackTransaction();
        m_store.forgetTokenTexts();
    }
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
// and without the card token. The token is read only when there is text to clean, and not at all
// when this connection read it before (a charge reads its card before it is written ahead, so its
// answer is cleaned without a second read: a round trip on a server).
Result<Payment> Store::storable(const Payment &payment)
{
    if (auto r = checkFigureCurrencies(payment); !r)
        return r.error();
    if (!StoredText::hasFreeText(payment))
        return payment;
    if (const auto known = m_tokenTexts.constFind(payment.tokenId); known != m_tokenTexts.cend())
        return StoredText::cleaned(payment, *known);
    auto token = this->token(payment.tokenId);
    if (!token) {
        if (!token.error().is(ErrorKind::NotFound))
            return token.error();
        return StoredText::cleaned(payment, QString()); // the backend refuses the unknown token
    }
    return StoredText::cleaned(payment, token->token);
}

Result<Store::CardForCharge> Store::tokenForCharge(qint64 tokenId)
{
    auto token = this->token(tokenId);
    if (!token)
        return token.error();
    auto open = openChargeForToken(tokenId);
    if (!open)
        return open.error();
    return CardForCharge{token.value(), open.value()};
}

void Store::rememberTokenText(const CardToken &token)
{
    if (token.id <= 0 || token.token.isEmpty())
        return;
    if (m_tokenTexts.size() >= MaxTokenTexts)
        m_tokenTexts.clear(); // a desk charges a few cards at a time; this only bounds the memory
    m_tokenTexts.insert(token.id, token.token);
}

Result<qint64> Store::insertPayment(const Payment &payment)
{
    if (payment.orderId.isEmpty())
        return Error{u"order_id"_s, u"A payment needs an order id."_s};
    auto row = storable(payment);
    if (!row)
        return row.error();
    return insertPaymentRow(*row);
}

Result<void> Store::updatePayment(const Payment &payment)
{
    auto row = storable(payment);
    if (!row)
        return row.error();
    return updatePaymentRow(*row);
}

// --- billing runs ------------------------------------------------------------------------------
// Messages in English for a programming error; the words people read come from BatchPlanner.

Result<qint64> Store::insertBatch(const Batch &batch)
{
    if (auto r = FieldLimits::check(u"name"_s, batch.name.trimmed(), FieldLimits::Name); !r)
        return r.error();
    if (batch.name.trimmed().isEmpty())
        return Error{u"name"_s, u"A batch needs a name."_s};
    if (auto r = FieldLimits::check(u"operator"_s, batch.operatorName, FieldLimits::Name); !r)
        return r.error();
    if (!batch.createdAt.isValid())
        return Error{u"created_at"_s, u"A batch keeps the time it was created."_s};
    Batch row = batch;
    row.name = batch.name.trimmed();
    row.source = StoredText::capped(batch.source).left(FieldLimits::Reason);
    return insertBatchRow(row);
}

Result<qint64> Store::insertBatchItem(const BatchItem &item)
{
    if (item.state != BatchItemState::Queued && item.state != BatchItemState::Skipped)
        return Error{u"state"_s, u"A batch item is written queued or skipped; it is sent by the runner."_s};
    if (item.state == BatchItemState::Queued && item.tokenId == 0)
        return Error{u"token_id"_s, u"A queued batch item names its card."_s};
    for (const auto *money : {&item.amount, &item.expectedAmount}) {
        if (*money && (*money)->currency() != item.currency)
            return Error{u"amount"_s, u"Batch item on line %1 is in %2; its amounts cannot be in %3."_s.arg(
                                          QString::number(item.line), item.currency, (*money)->currency())};
    }
    if (auto r = FieldLimits::check(u"note"_s, item.note, FieldLimits::Reason); !r)
        return r.error();
    BatchItem row = item;
    // Texts from a file: capped, and the item's own card never in them (a note could quote it).
    row.given = item.given.left(FieldLimits::Reference + 40);
    row.reason = item.reason.left(FieldLimits::Reason);
    if (item.tokenId != 0) {
        auto card = token(item.tokenId);
        if (!card)
            return card.error();
        for (QString *textColumn : {&row.given, &row.note, &row.reason})
            textColumn->replace(card->token, card->masked());
    }
    return insertBatchItemRow(row);
}

Result<void> Store::markBatchItemRefused(qint64 itemId, const QString &skip, const QString &reason,
                                         const QDateTime &at)
{
    return markBatchItemRefusedRow(itemId, skip, StoredText::capped(reason).left(FieldLimits::Reason), at);
}

// --- imports: rows as they were elsewhere --------------------------------------------------------
// Messages in English: only fatora-cli's db copy reaches them (tr when the desk gains a copy).

namespace {

Result<void> keepsItsTime(const QDateTime &time, const QString &field, const QString &what)
{
    if (time.isValid())
        return {};
    return Error{field, u"%1 keeps its own time when copied, and none was given."_s.arg(what)};
}

} // namespace

Result<qint64> Store::importCustomer(const Customer &customer)
{
    if (const QList<Error> problems = CustomerRules::checkStorable(customer); !problems.isEmpty())
        return problems.first();
    if (auto r = keepsItsTime(customer.createdAt, u"created_at"_s, u"A customer"_s); !r)
        return r.error();
    return insertCustomerRow(customer);
}

Result<qint64> Store::importToken(const CardToken &token)
{
    // As stored there: not normalised (no expiry filled in, no label trimmed), only checked.
    if (const QList<Error> problems = CustomerRules::checkToken(token); !problems.isEmpty())
        return problems.first();
    if (auto r = keepsItsTime(token.createdAt, u"created_at"_s, u"A card token"_s); !r)
        return r.error();
    return insertTokenRow(token);
}

Result<qint64> Store::importPayment(const Payment &payment)
{
    if (payment.orderId.isEmpty())
        return Error{u"order_id"_s, u"A payment needs an order id."_s};
    if (auto r = keepsItsTime(payment.createdAt, u"created_at"_s, u"A payment"_s); !r)
        return r.error();
    if (auto r = keepsItsTime(payment.updatedAt, u"updated_at"_s, u"A payment"_s); !r)
        return r.error();
    if (payment.state == PaymentState::Pending)
        return Error{u"state"_s,
                     u"Payment %1 is pending: no process here is sending it, so it cannot be "
                     "written as in flight. Write it as unknown (to verify)."_s.arg(payment.orderId)};
    if (payment.refundState == RefundState::Pending)
        return Error{u"refund_state"_s,
                     u"The refund of payment %1 is pending: no process here is sending it, so it cannot be "
                     "written as in flight. Write it as unknown."_s.arg(payment.orderId)};
    // The session that owned the row's call meant something only in the database it came from
    // (its sessions table): cleared here, so the row is nobody's live call on this one. Every other
    // field is the row's own and is written as given.
    Payment unowned = payment;
    unowned.ownerSession = 0;
    auto row = storable(unowned);
    if (!row)
        return row.error();
    // A card request's saved card is set by its check, never by the insert (the schema refuses it
    // there): written in a second step, under the same rules (approved, once, its customer's card).
    Payment written = *row;
    written.savedTokenId = 0;
    auto id = insertImportedPaymentRow(written);
    if (!id || row->savedTokenId == 0)
        return id;
    written.id = id.value();
    written.savedTokenId = row->savedTokenId;
    if (auto r = updateImportedPaymentRow(written); !r)
        return r.error();
    return id;
}

Result<qint64> Store::importAudit(const AuditEntry &entry)
{
    if (auto r = keepsItsTime(entry.at, u"at"_s, u"An audit entry"_s); !r)
        return r.error();
    if (entry.action.isEmpty())
        return Error{u"action"_s, u"An audit entry needs its action."_s};
    return insertImportedAuditRow(entry);
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
    return appendAuditUnnumbered(entry);
}

Result<void> Store::appendAuditUnnumbered(const AuditEntry &entry)
{
    auto id = appendAudit(entry);
    if (!id.ok())
        return id.error();
    return {};
}

// A file keeps no staff: one person, every right (Store.h).
Result<StaffMember> Store::signedIn()
{
    return StaffMember::withEveryRight();
}

namespace {

Error noStaffAccounts()
{
    return Error{u"database"_s,
                 QCoreApplication::translate("fatora::Store",
                                             "Staff accounts live on a shared database (PostgreSQL). On a "
                                             "database file everyone at this computer works as its "
                                             "administrator; move the desk to a shared database to give each "
                                             "person their own login and role."),
                 ErrorKind::Validation};
}

} // namespace

Result<QList<StaffMember>> Store::staff()
{
    return noStaffAccounts();
}

Result<qint64> Store::addStaff(const QString &, StaffRole, const QString &)
{
    return noStaffAccounts();
}

Result<void> Store::setStaffRole(const QString &, StaffRole)
{
    return noStaffAccounts();
}

Result<Money> Store::refundApprovalLimit()
{
    return noStaffAccounts();
}

Result<void> Store::setRefundApprovalLimit(const Money &)
{
    return noStaffAccounts();
}

Result<bool> Store::refundNeedsApproval(qint64)
{
    return false;
}

Result<qint64> Store::addRefundApproval(qint64, const QString &)
{
    return noStaffAccounts();
}

Result<QList<RefundApproval>> Store::refundApprovals(const RefundApprovalQuery &)
{
    return noStaffAccounts();
}

Result<RefundApproval> Store::refundApproval(qint64)
{
    return noStaffAccounts();
}

Result<void> Store::decideRefundApproval(qint64, RefundApproval::State, const QString &)
{
    return noStaffAccounts();
}

Result<void> Store::setStaffEnabled(const QString &, bool)
{
    return noStaffAccounts();
}

Result<void> Store::changeOwnPassword(const QString &)
{
    return noStaffAccounts();
}

} // namespace fatora
