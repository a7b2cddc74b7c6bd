#include "batches/BatchPlanner.h"

#include "batches/BatchSkip.h"
#include "domain/FieldLimits.h"
#include "payments/ChargeGuard.h"
#include "payments/PaymentRules.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::BatchPlanner)
};

// A row found unchargeable: the item keeps why.
struct Skip
{
    BatchSkip kind;
    QString reason;
};

class Planner
{
public:
    Planner(Store &store, const Clock &clock) : m_store(store), m_clock(clock), m_today(clock.today()) {}

    // The card a row names: by token_id, or the customer's only active card.
    Result<std::optional<Skip>> findCard(const BatchFile::Row &row, BatchItem &item)
    {
        const QString at = Tr::tr("line %1").arg(row.line);
        if (row.tokenId) {
            bool isNumber = false;
            const qint64 id = row.tokenId->toLongLong(&isNumber);
            // The cell is never repeated: a card token pasted here by mistake must not reach a
            // message, the store or a terminal.
            item.given = isNumber ? u"token_id "_s + QString::number(id) : u"token_id (not a number)"_s;
            if (!isNumber || id <= 0)
                return std::optional<Skip>(Skip{
                    BatchSkip::BadTokenId, Tr::tr("%1, token_id: not a card id; give the number the cards "
                                                  "list shows (fatora-cli tokens list).")
                                               .arg(at)});
            auto token = m_store.token(id);
            if (!token.ok() && token.error().is(ErrorKind::NotFound))
                return std::optional<Skip>(
                    Skip{BatchSkip::UnknownToken,
                         Tr::tr("%1, token_id: no card has id %2 in this database; check the cards list.")
                             .arg(at)
                             .arg(id)});
            if (!token.ok())
                return token.error();
            m_token = token.value();
            return customerOf(at, m_token.customerId, item);
        }
        auto customer = m_store.customerByReference(*row.reference);
        if (!customer.ok())
            return customer.error();
        if (!customer.value()) {
            // An unknown reference is never repeated: it may be a card token of another database
            // (or anything else pasted there); the line number finds it in the file.
            item.given = u"customer_reference"_s;
            // A card token in the reference column is never repeated anywhere.
            auto pasted = m_store.tokenByText(*row.reference);
            if (!pasted.ok())
                return pasted.error();
            if (pasted.value()) {
                item.given = u"customer_reference (a card token)"_s;
                return std::optional<Skip>(
                    Skip{BatchSkip::UnknownReference,
                         Tr::tr("%1, customer_reference: holds a card token, not a reference; give the "
                                "card's id in token_id instead.")
                             .arg(at)});
            }
            return std::optional<Skip>(
                Skip{BatchSkip::UnknownReference,
                     Tr::tr("%1, customer_reference: no customer has this reference; check the spelling "
                            "in the file or use token_id.")
                         .arg(at)});
        }
        item.given = u"customer_reference "_s + customer.value()->reference;
        return cardOf(at, *customer.value(), item);
    }

    Result<std::optional<Skip>> cardOf(const QString &at, const Customer &customer, BatchItem &item)
    {
        item.customerId = customer.id;
        item.customerName = customer.name;
        if (customer.archived)
            return std::optional<Skip>(
                Skip{BatchSkip::CustomerArchived,
                     Tr::tr("%1: %2 is archived; restore the customer first.").arg(at, customer.name)});
        TokenQuery query;
        query.customerId = customer.id;
        query.status = TokenStatus::Active;
        query.today = m_today;
        auto active = m_store.findTokens(query);
        if (!active.ok())
            return active.error();
        if (active->isEmpty())
            return std::optional<Skip>(
                Skip{BatchSkip::NoActiveCard,
                     Tr::tr("%1: %2 has no active card; ask for a new card (Save a new card…).")
                         .arg(at, customer.name)});
        if (active->size() > 1)
            return std::optional<Skip>(
                Skip{BatchSkip::SeveralCards,
                     Tr::tr("%1: %2 has %3 active cards; name the one to charge with token_id.")
                         .arg(at, customer.name)
                         .arg(active->size())});
        m_token = active->first();
        return std::optional<Skip>();
    }

    Result<std::optional<Skip>> customerOf(const QString &at, qint64 customerId, BatchItem &item)
    {
        auto customer = m_store.customer(customerId);
        if (!customer.ok())
            return customer.error();
        item.customerId = customer->id;
        item.customerName = customer->name;
        if (customer->archived)
            return std::optional<Skip>(
                Skip{BatchSkip::CustomerArchived,
                     Tr::tr("%1: %2 is archived; restore the customer first.").arg(at, customer->name)});
        return std::optional<Skip>();
    }

    // The card and the amount, by the rules one charge obeys.
    Result<std::optional<Skip>> judge(const QString &at, const QString &amountText, BatchItem &item)
    {
        const CardToken &t = m_token;
        item.tokenId = t.id;
        item.tokenMask = t.masked();
        item.currency = t.currency.isEmpty() ? u"QAR"_s : t.currency;
        auto open = m_store.openChargeForToken(t.id);
        if (!open.ok())
            return open.error();
        const RuleVerdict verdict = PaymentRules::mayCharge(t, open.value(), false, m_today);
        if (!verdict.allowed) {
            const BatchSkip kind = t.effectiveStatus(m_today) == TokenStatus::Expired ? BatchSkip::CardExpired
                                   : t.effectiveStatus(m_today) != TokenStatus::Active
                                       ? BatchSkip::CardNotActive
                                       : BatchSkip::OpenCharge;
            return std::optional<Skip>(Skip{kind, at + u": "_s + verdict.why});
        }
        if (const int earlier = m_lines.value(t.id, 0); earlier > 0)
            return std::optional<Skip>(
                Skip{BatchSkip::DuplicateRow,
                     Tr::tr("%1: the same card as line %2; a card is charged once per run.")
                         .arg(at)
                         .arg(earlier)});
        m_lines.insert(t.id, m_line);
        // Another run holding the card queued would charge it too (the database refuses the second
        // one as well: one queued item per card).
        BatchItemQuery waiting;
        waiting.state = BatchItemState::Queued;
        waiting.tokenId = t.id;
        waiting.limit = 1;
        auto elsewhere = m_store.batchItems(0, waiting);
        if (!elsewhere.ok())
            return elsewhere.error();
        if (!elsewhere->isEmpty())
            return std::optional<Skip>(
                Skip{BatchSkip::InAnotherBatch,
                     Tr::tr("%1: this card waits in batch %2 (line %3); a card is in one run at a time. "
                            "Cancel that batch or let it finish first.")
                         .arg(at)
                         .arg(elsewhere->first().batchId)
                         .arg(elsewhere->first().line)});

        if (amountText.isEmpty()) {
            if (!t.firstAmount || t.firstAmount->currency() != item.currency)
                return std::optional<Skip>(
                    Skip{BatchSkip::NoFirstAmount,
                         Tr::tr("%1, amount: blank, but the card's first payment is not known; write the "
                                "amount.")
                             .arg(at)});
            item.expectedAmount = t.firstAmount;
        } else {
            auto amount = Money::parse(amountText, item.currency, u"amount"_s);
            if (!amount.ok())
                return std::optional<Skip>(
                    Skip{BatchSkip::BadAmount,
                         Tr::tr("%1, amount (%2): %3").arg(at, item.currency, amount.error().message)});
            item.amount = amount.value();
        }
        if (ChargeGuard::isFarAboveFirstPayment(item.amount, t.firstAmount))
            return std::optional<Skip>(
                Skip{BatchSkip::FarAboveFirst,
                     Tr::tr("%1, amount: %2 is more than %3 times the card's first payment (%4); charge it "
                            "on its own if it is right.")
                         .arg(at, item.amount->toPlainString())
                         .arg(ChargeGuard::LargeAmountFactor)
                         .arg(t.firstAmount->toPlainString())});
        auto recent =
            m_store.lastApprovedCharge(t.id, m_clock.now().addSecs(-BatchPlanner::RecentChargeWindowSecs));
        if (!recent.ok())
            return recent.error();
        if (recent.value())
            return std::optional<Skip>(
                Skip{BatchSkip::RecentCharge,
                     Tr::tr("%1: this card was charged in the last 24 hours (%2); charge it on its own if "
                            "it is meant.")
                         .arg(at, ChargeGuard::describeRecentCharge(*recent.value()))});
        if (m_declinedAt.isValid()) {
            auto since = m_store.lastApprovedCharge(t.id, m_declinedAt);
            if (!since.ok())
                return since.error();
            if (since.value())
                return std::optional<Skip>(
                    Skip{BatchSkip::ChargedSince,
                         Tr::tr("%1: this card was charged after it was declined (%2); it is not retried.")
                             .arg(at, ChargeGuard::describeRecentCharge(*since.value()))});
        }
        return std::optional<Skip>();
    }

    Result<BatchItem> planRow(const BatchFile::Row &row)
    {
        BatchItem item;
        item.line = row.line;
        item.note = row.note;
        m_line = row.line;
        m_declinedAt = row.declinedAt;
        auto skip = [&]() -> Result<std::optional<Skip>> {
            if (!row.skip.isEmpty())
                return std::optional<Skip>(); // kept as the file reader said it
            auto card = findCard(row, item);
            if (!card.ok() || card.value())
                return card;
            return judge(Tr::tr("line %1").arg(row.line), row.amount, item);
        }();
        if (!skip.ok())
            return skip.error();
        if (!row.skip.isEmpty()) {
            item.given = row.tokenId && row.reference ? u"token_id and customer_reference"_s
                         : row.tokenId                ? u"token_id"_s
                         : row.reference              ? u"customer_reference"_s
                                                      : QString();
            item.state = BatchItemState::Skipped;
            item.skip = row.skip;
            item.reason = row.reason;
        } else if (skip.value()) {
            item.state = BatchItemState::Skipped;
            item.skip = batchSkipName(skip.value()->kind);
            item.reason = skip.value()->reason;
        }
        if (item.state == BatchItemState::Skipped)
            item.note.clear();
        return item;
    }

    Store &m_store;
    const Clock &m_clock;
    const QDate m_today;
    CardToken m_token;
    QHash<qint64, int> m_lines; // card id -> the line that charges it
    int m_line = 0;
    QDateTime m_declinedAt; // the row's, when it retries a declined charge
};

} // namespace

Result<QList<BatchItem>> BatchPlanner::plan(Store &store, const QList<BatchFile::Row> &rows,
                                            const Clock &clock)
{
    Planner planner(store, clock);
    QList<BatchItem> items;
    items.reserve(rows.size());
    for (const BatchFile::Row &row : rows) {
        auto item = planner.planRow(row);
        if (!item.ok())
            return item.error();
        items << item.value();
    }
    return items;
}

Result<QList<BatchItem>> BatchPlanner::planCustomers(Store &store, const QList<qint64> &customerIds,
                                                     const std::optional<QString> &amount, const Clock &clock)
{
    Planner planner(store, clock);
    QList<BatchItem> items;
    int position = 0;
    for (qint64 id : customerIds) {
        ++position;
        BatchItem item;
        item.line = position;
        planner.m_line = position;
        const QString at = Tr::tr("customer %1").arg(position);
        auto customer = store.customer(id);
        if (!customer.ok())
            return customer.error();
        item.given = u"customer "_s + QString::number(id);
        auto skip = planner.cardOf(at, customer.value(), item);
        if (skip.ok() && !skip.value())
            skip = planner.judge(at, amount.value_or(QString()), item);
        if (!skip.ok())
            return skip.error();
        if (skip.value()) {
            item.state = BatchItemState::Skipped;
            item.skip = batchSkipName(skip.value()->kind);
            item.reason = skip.value()->reason;
        }
        items << item;
    }
    return items;
}

} // namespace fatora
