#include "store/StoreCopy.h"

#include "domain/Clock.h"

using namespace Qt::StringLiterals;

namespace fatora {

// The messages below reach people through fatora-cli only, whose text is English; they join the
// translation catalogue (tr) when the desk gains a way to copy.

namespace {

// Rows read from the source per statement: few round trips, little memory, whatever its size.
constexpr int PageSize = 500;

QString moment(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QString customerKey(const Customer &c)
{
    return c.reference.isEmpty() ? c.name : c.reference + u" ("_s + c.name + u')';
}

QString tokenKey(const CardToken &t)
{
    return t.label.isEmpty() ? t.masked() : t.masked() + u" ("_s + t.label + u')';
}

// What identifies an audit entry of one object: everything it says.
QString auditKey(const AuditEntry &e)
{
    return moment(e.at) + u'\x1f' + e.action + u'\x1f' + e.operatorName + u'\x1f' + e.detail;
}

QString entriesText(qsizetype count)
{
    return count == 1 ? u"1 audit entry"_s : u"%1 audit entries"_s.arg(count);
}

// A row the target refused for what it holds (a field, a duplicate): that row is not copied, the
// rest goes on. Anything else (the database itself failing) stops the copy.
bool refusedRow(const Error &error)
{
    return error.is(ErrorKind::Validation) || error.is(ErrorKind::Conflict);
}

} // namespace

const StoreCopy::TableCount &StoreCopy::Report::count(Table table) const
{
    switch (table) {
    case Table::Customers:
        return customers;
    case Table::Tokens:
        return tokens;
    case Table::Payments:
        return payments;
    case Table::Audit:
        break;
    }
    return audit;
}

QString StoreCopy::tableName(Table table)
{
    switch (table) {
    case Table::Customers:
        return u"customers"_s;
    case Table::Tokens:
        return u"card_tokens"_s;
    case Table::Payments:
        return u"payments"_s;
    case Table::Audit:
        break;
    }
    return u"audit_entries"_s;
}

StoreCopy::StoreCopy(Store &source, Store &target, const Clock &clock)
    : m_source(source), m_target(target), m_clock(clock)
{
}

void StoreCopy::conflict(Report &report, Table table, qint64 sourceId, const QString &key,
                         const QString &reason)
{
    Conflict c;
    c.table = table;
    c.sourceId = sourceId;
    c.key = key;
    c.reason = reason;
    report.conflicts.append(c);
}

void StoreCopy::tick(Table table, qint64 done, qint64 total) const
{
    if (m_options.progress)
        m_options.progress(table, done, total);
}

Result<StoreCopy::Report> StoreCopy::run(const Options &options)
{
    m_options = options;
    m_customers.clear();
    m_tokens.clear();
    m_payments.clear();
    m_claimedCustomers.clear();
    m_copiedOpen = 0;

    auto sourceCounts = m_source.counts();
    if (!sourceCounts)
        return sourceCounts.error();
    m_sourceCounts = sourceCounts.value();

    // The writers' lock from here to the commit: the counts before, every "already there?" and
    // every write see one state of the target, which no other desk changes meanwhile.
    Store::Transaction tx(m_target);
    if (!tx.started())
        return tx.started().error();
    auto before = m_target.counts();
    if (!before)
        return before.error();

    Report report;
    if (auto r = copyCustomers(report); !r)
        return r.error();
    if (auto r = copyTokens(report); !r)
        return r.error();
    if (auto r = copyPayments(report); !r)
        return r.error();
    if (auto r = copyAudit(report); !r)
        return r.error();

    // The copy's own line in the target's audit log: who moved what in, and when. Only when
    // something was copied, so a second run adds nothing at all.
    const bool ownEntry = report.copiedRows() > 0;
    if (ownEntry) {
        const QString detail =
            u"copied from %1: %2 customers, %3 card tokens, %4 payments, %5 audit entries; %6 rows already "
            "there; %7 not copied (conflicts)"_s.arg(
                m_options.sourceName, QString::number(report.customers.copied),
                QString::number(report.tokens.copied), QString::number(report.payments.copied),
                QString::number(report.audit.copied),
                QString::number(report.customers.alreadyThere + report.tokens.alreadyThere +
                                report.payments.alreadyThere + report.audit.alreadyThere),
                QString::number(report.conflictRows()));
        if (auto r = m_target.audit(m_clock.now(), m_options.operatorName, u"database.copied"_s,
                                    u"database"_s, 0, detail);
            !r)
            return r.error();
    }
    if (auto r = checkCounts(report, before.value(), ownEntry); !r)
        return r.error();
    if (m_options.sourceUnchanged) {
        if (auto r = m_options.sourceUnchanged(); !r)
            return r.error();
    }
    if (m_options.dryRun || (!report.conflicts.isEmpty() && !m_options.skipConflicts))
        return report; // rolled back when tx goes: nothing written
    if (auto r = tx.commit(); !r)
        return r.error();
    report.committed = true;
    return report;
}

// --- customers ----------------------------------------------------------------------------------

Result<void> StoreCopy::copyCustomers(Report &report)
{
    TableCount &count = report.customers;
    qint64 after = 0;
    for (;;) {
        auto page = m_source.customersAfter(after, PageSize);
        if (!page)
            return page.error();
        if (page->isEmpty())
            return {};
        for (const Customer &c : page.value()) {
            after = c.id;
            ++count.read;
            Mapped mapped;
            mapped.key = customerKey(c);
            // Copied before: the same reference, name and moment it was added. One target customer
            // answers for one source customer only (two customers imported in one batch share
            // their moment); the one whose email and phone also agree is preferred.
            auto same = m_target.customersNamedAndAdded(c.name, c.createdAt);
            if (!same)
                return same.error();
            std::optional<Customer> match;
            for (const Customer &there : same.value()) {
                if (there.reference != c.reference || m_claimedCustomers.contains(there.id))
                    continue;
                const bool agrees = there.email == c.email && there.phone == c.phone;
                if (!match || (agrees && !(match->email == c.email && match->phone == c.phone)))
                    match = there;
            }
            if (match) {
                mapped.targetId = match->id;
                mapped.fate = Fate::AlreadyThere;
                m_claimedCustomers.insert(match->id);
                ++count.alreadyThere;
                m_customers.insert(c.id, mapped);
                continue;
            }
            if (!c.reference.isEmpty()) {
                auto holder = m_target.customerByReference(c.reference);
                if (!holder)
                    return holder.error();
                // A reference held by a customer this run wrote is the source's own duplicate (older
                // data allowed it): copied as it was. Any other holder is someone else's record.
                if (holder->has_value() && !m_claimedCustomers.contains((*holder)->id)) {
                    const Customer &there = **holder;
                    ++count.conflicts;
                    conflict(
                        report, Table::Customers, c.id, mapped.key,
                        u"the target already has a customer with reference %1 - %2, id %3, added %4 - that "
                        "was not copied from here; nothing was merged, and this customer's cards, "
                        "payments and audit entries were not copied either. Give one of the two "
                        "another reference, then run the copy again."_s.arg(
                            c.reference, there.name, QString::number(there.id), moment(there.createdAt)));
                    m_customers.insert(c.id, mapped);
                    continue;
                }
            }
            Customer row = c;
            row.id = 0;
            auto id = m_target.importCustomer(row);
            if (!id) {
                if (!refusedRow(id.error()))
                    return id.error();
                ++count.conflicts;
                conflict(report, Table::Customers, c.id, mapped.key,
                         u"the target refused it: %1"_s.arg(id.error().toString()));
            } else {
                mapped.targetId = id.value();
                mapped.fate = Fate::Copied;
                m_claimedCustomers.insert(id.value());
                ++count.copied;
            }
            m_customers.insert(c.id, mapped);
        }
        tick(Table::Customers, count.read, m_sourceCounts.customers);
    }
}

// --- card tokens --------------------------------------------------------------------------------

Result<void> StoreCopy::copyTokens(Report &report)
{
    TableCount &count = report.tokens;
    qint64 after = 0;
    for (;;) {
        auto page = m_source.tokensAfter(after, PageSize);
        if (!page)
            return page.error();
        if (page->isEmpty())
            return {};
        for (const CardToken &t : page.value()) {
            after = t.id;
            ++count.read;
            Mapped mapped;
            mapped.key = tokenKey(t);
            const Mapped owner = m_customers.value(t.customerId);
            auto there = m_target.tokenByText(t.token);
            if (!there)
                return there.error();
            QString refused;
            if (owner.fate == Fate::NotCopied) {
                refused = u"its customer %1 was not copied (see that customer)."_s.arg(owner.key);
            } else if (there->has_value()) {
                if ((*there)->customerId == owner.targetId) {
                    mapped.targetId = (*there)->id;
                    mapped.fate = Fate::AlreadyThere;
                    ++count.alreadyThere;
                    m_tokens.insert(t.id, mapped);
                    continue;
                }
                // Never named in full, never moved to this customer: the same card saved for two
                // customers is for people to sort out.
                refused =
                    u"the target already has this card token, for another customer (id %1); nothing "
                    "was merged, and the payments on this card were not copied."_s.arg((*there)->customerId);
            }
            if (refused.isEmpty()) {
                CardToken row = t;
                row.id = 0;
                row.customerId = owner.targetId;
                auto id = m_target.importToken(row);
                if (id) {
                    mapped.targetId = id.value();
                    mapped.fate = Fate::Copied;
                    ++count.copied;
                    m_tokens.insert(t.id, mapped);
                    continue;
                }
                if (!refusedRow(id.error()))
                    return id.error();
                refused = u"the target refused it: %1"_s.arg(id.error().toString());
            }
            ++count.conflicts;
            conflict(report, Table::Tokens, t.id, mapped.key, refused);
            m_tokens.insert(t.id, mapped);
        }
        tick(Table::Tokens, count.read, m_sourceCounts.tokens);
    }
}

// --- payments -----------------------------------------------------------------------------------

Result<void> StoreCopy::copyPayments(Report &report)
{
    TableCount &count = report.payments;
    const QString from = m_options.sourceName.isEmpty() ? u"another database"_s : m_options.sourceName;
    qint64 after = 0;
    for (;;) {
        auto page = m_source.paymentsAfter(after, PageSize);
        if (!page)
            return page.error();
        if (page->isEmpty())
            return {};
        for (const Payment &p : page.value()) {
            // The sandbox's demo charges moved no money: a real database never holds them.
            if (p.mode.compare(u"SANDBOX"_s, Qt::CaseInsensitive) == 0)
                return Error{
                    u"from"_s,
                    u"%1 is a sandbox database: payment %2 was answered by the built-in gateway "
                    "simulator, with no real money. Demo data is never copied into a real database."_s.arg(
                        from, p.orderId),
                    ErrorKind::Validation};
            after = p.id;
            ++count.read;
            Mapped mapped;
            mapped.key = p.orderId;
            // A card request has no card of its own; the card it saved, if any, must be in the target.
            Mapped card = m_tokens.value(p.tokenId);
            if (p.isCardRequest())
                card.fate = Fate::AlreadyThere; // nothing to depend on: targetId stays 0
            const Mapped saved = m_tokens.value(p.savedTokenId);
            const Mapped owner = m_customers.value(p.customerId);
            QString refused;
            if (p.savedTokenId != 0 && saved.fate == Fate::NotCopied) {
                refused = u"the card it saved, %1, was not copied (see that card)."_s.arg(saved.key);
            } else if (card.fate == Fate::NotCopied) {
                refused = u"its card %1 was not copied (see that card)."_s.arg(card.key);
            } else if (owner.fate == Fate::NotCopied) {
                refused = u"its customer %1 was not copied (see that customer)."_s.arg(owner.key);
            } else {
                auto there = m_target.paymentByOrderId(p.orderId);
                if (!there)
                    return there.error();
                if (there->has_value()) {
                    const Payment &t = **there;
                    // The intent never changes (the schema keeps it so): the same intent is the same
                    // payment, whatever its state there now.
                    if (t.kind == p.kind && t.tokenId == card.targetId && t.customerId == owner.targetId &&
                        t.amount == p.amount && t.currency == p.currency && t.createdAt == p.createdAt) {
                        mapped.targetId = t.id;
                        mapped.fate = Fate::AlreadyThere;
                        ++count.alreadyThere;
                        m_payments.insert(p.id, mapped);
                        continue;
                    }
                    refused =
                        u"the target already has a payment with this order id (id %1) for another card, "
                        "customer, amount or time; an order id is never used twice, nothing was merged."_s
                            .arg(t.id);
                }
            }
            if (refused.isEmpty()) {
                Payment row = p;
                row.id = 0;
                row.tokenId = p.isCardRequest() ? 0 : card.targetId;
                row.customerId = owner.targetId;
                row.savedTokenId = p.savedTokenId != 0 ? saved.targetId : 0;
                // In flight in the source means its desk stopped before saving the answer: the money may
                // have moved. Unknown (verify it), never settled, never in flight here.
                const bool wasPending = row.state == PaymentState::Pending;
                const bool refundWasPending = row.refundState == RefundState::Pending;
                if (wasPending && p.isCardRequest()) {
                    // Its customer may have paid on the link since: a check in the target asks Fatora
                    // and saves the card then; unpaid, it ends closable.
                    row.state = PaymentState::Unknown;
                    row.note = u"Copied from %1 while this card request was still waiting there: check it "
                               "to learn whether the customer paid (the card is saved then)."_s.arg(from);
                } else if (wasPending) {
                    row.state = PaymentState::Unknown;
                    row.note =
                        u"Copied from %1 while this charge was still pending there (no answer "
                        "saved): the outcome is unknown. Verify it before charging this card again."_s.arg(
                            from);
                }
                if (refundWasPending) {
                    row.refundState = RefundState::Unknown;
                    row.note =
                        u"Copied from %1 while a refund of it was still pending there (no answer "
                        "saved): its outcome is unknown. Check Fatora's dashboard and record it."_s.arg(from);
                }
                if (wasPending || refundWasPending)
                    row.updatedAt = m_clock.now();
                if (row.isOpen() && !row.isCardRequest()) {
                    auto open = m_target.openChargeForToken(card.targetId);
                    if (!open)
                        return open.error();
                    if (open->has_value())
                        refused =
                            u"its card already has an open charge in the target (order %1): verify that "
                            "one there first, then run the copy again."_s.arg((*open)->orderId);
                }
                if (refused.isEmpty()) {
                    auto id = m_target.importPayment(row);
                    if (id) {
                        mapped.targetId = id.value();
                        mapped.fate = Fate::Copied;
                        ++count.copied;
                        m_copiedOpen += row.isOpen() && !row.isCardRequest() ? 1 : 0;
                        report.madeUnknown += wasPending ? 1 : 0;
                        report.refundsMadeUnknown += refundWasPending ? 1 : 0;
                        m_payments.insert(p.id, mapped);
                        continue;
                    }
                    if (!refusedRow(id.error()))
                        return id.error();
                    refused = u"the target refused it: %1"_s.arg(id.error().toString());
                }
            }
            ++count.conflicts;
            conflict(report, Table::Payments, p.id, mapped.key, refused);
            m_payments.insert(p.id, mapped);
        }
        tick(Table::Payments, count.read, m_sourceCounts.payments);
    }
}

// --- audit --------------------------------------------------------------------------------------

// Object by object, so each object's entries are compared with the target's at once and never
// held for the whole log.
Result<void> StoreCopy::copyAudit(Report &report)
{
    QList<AuditEntry> group;
    AuditEntry after;
    for (;;) {
        auto page = m_source.auditByObjectAfter(after, PageSize);
        if (!page)
            return page.error();
        for (const AuditEntry &e : page.value()) {
            if (!group.isEmpty() && (group.constFirst().objectType != e.objectType ||
                                     group.constFirst().objectId != e.objectId)) {
                if (auto r = copyAuditOf(group, report); !r)
                    return r;
                group.clear();
            }
            group.append(e);
            after = e;
        }
        if (page->isEmpty()) {
            if (!group.isEmpty())
                return copyAuditOf(group, report);
            return {};
        }
        tick(Table::Audit, report.audit.read + group.size(), m_sourceCounts.auditEntries);
    }
}

Result<void> StoreCopy::copyAuditOf(const QList<AuditEntry> &entries, Report &report)
{
    TableCount &count = report.audit;
    const QString type = entries.constFirst().objectType;
    const qint64 objectId = entries.constFirst().objectId;
    count.read += entries.size();

    // Entries about a customer, card or payment follow their row to its new id; any other kind
    // (the log's own lines, e.g. an earlier copy's) keeps its object as it is.
    const QHash<qint64, Mapped> *rows = type == u"customer"_s  ? &m_customers
                                        : type == u"token"_s   ? &m_tokens
                                        : type == u"payment"_s ? &m_payments
                                                               : nullptr;
    Mapped object;
    object.targetId = objectId;
    object.fate = Fate::AlreadyThere; // compared with what the target has, entry by entry
    if (rows) {
        const auto it = rows->constFind(objectId);
        if (it == rows->constEnd()) {
            count.conflicts += entries.size();
            conflict(report, Table::Audit, objectId, type + u' ' + QString::number(objectId),
                     u"%1 about %2 %3, which is not in the source: not copied."_s.arg(
                         entriesText(entries.size()), type, QString::number(objectId)));
            return {};
        }
        object = it.value();
        if (object.fate == Fate::NotCopied) {
            count.conflicts += entries.size();
            conflict(
                report, Table::Audit, objectId, type + u' ' + object.key,
                u"%1 not copied with their %2 (see above)."_s.arg(entriesText(entries.size()), type));
            return {};
        }
    }

    QHash<QString, int> there;
    if (object.fate == Fate::AlreadyThere) {
        auto existing = m_target.auditFor(type, object.targetId);
        if (!existing)
            return existing.error();
        for (const AuditEntry &e : existing.value())
            ++there[auditKey(e)];
    }
    for (const AuditEntry &e : entries) {
        if (int &left = there[auditKey(e)]; left > 0) {
            --left;
            ++count.alreadyThere;
            continue;
        }
        AuditEntry row = e;
        row.id = 0;
        row.objectId = object.targetId;
        auto id = m_target.importAudit(row);
        if (id) {
            ++count.copied;
            continue;
        }
        if (!refusedRow(id.error()))
            return id.error();
        ++count.conflicts;
        conflict(report, Table::Audit, objectId,
                 type + u' ' + (object.key.isEmpty() ? QString::number(objectId) : object.key),
                 u"the target refused an entry (%1): %2"_s.arg(e.action, id.error().toString()));
    }
    return {};
}

// --- the check ----------------------------------------------------------------------------------

// Every row read is accounted for, and the target holds exactly what it held plus what was copied
// (plus the copy's own audit entry). Read inside the transaction: nothing else could add a row.
Result<void> StoreCopy::checkCounts(Report &report, const Store::Counts &before, bool ownEntry)
{
    auto afterCounts = m_target.counts();
    if (!afterCounts)
        return afterCounts.error();
    const Store::Counts &after = afterCounts.value();
    report.customers.before = before.customers;
    report.customers.after = after.customers;
    report.tokens.before = before.tokens;
    report.tokens.after = after.tokens;
    report.payments.before = before.payments;
    report.payments.after = after.payments;
    report.audit.before = before.auditEntries;
    report.audit.after = after.auditEntries;

    QStringList wrong;
    const struct
    {
        QString name;
        const TableCount &count;
        qint64 inSource;
        qint64 extra;
    } tables[] = {
        {u"customers"_s, report.customers, m_sourceCounts.customers, 0},
        {u"card tokens"_s, report.tokens, m_sourceCounts.tokens, 0},
        {u"payments"_s, report.payments, m_sourceCounts.payments, 0},
        {u"audit entries"_s, report.audit, m_sourceCounts.auditEntries, ownEntry ? 1 : 0},
    };
    for (const auto &t : tables) {
        const TableCount &c = t.count;
        if (c.read != t.inSource || c.read != c.copied + c.alreadyThere + c.conflicts)
            wrong << u"%1: %2 in the source, %3 read, %4 copied, %5 already there, %6 not copied"_s
                         .arg(t.name)
                         .arg(t.inSource)
                         .arg(c.read)
                         .arg(c.copied)
                         .arg(c.alreadyThere)
                         .arg(c.conflicts);
        if (c.after != c.before + c.copied + t.extra)
            wrong << u"%1: %2 before + %3 copied, but %4 after"_s.arg(t.name)
                         .arg(c.before)
                         .arg(c.copied + t.extra)
                         .arg(c.after);
    }
    if (after.openCharges != before.openCharges + m_copiedOpen)
        wrong << u"open charges: %1 before + %2 copied, but %3 after"_s.arg(before.openCharges)
                     .arg(m_copiedOpen)
                     .arg(after.openCharges);
    if (wrong.isEmpty())
        return {};
    return Error{u"database"_s,
                 u"The counts do not add up (%1), so nothing was written."_s.arg(wrong.join(u"; "_s)),
                 ErrorKind::Internal};
}

} // namespace fatora
