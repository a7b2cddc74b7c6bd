#include "history/PaymentTableModel.h"

#include "common/Display.h"
#include "common/ModelRoles.h"

#include <algorithm>

namespace fatora {

namespace {
// A card request has no card of its own: it asked the customer for one.
QString cardRequestText()
{
    return PaymentTableModel::tr("New card request");
}
} // namespace

PaymentTableModel::PaymentTableModel(StoreReader &reader, QObject *parent)
    : PagedTableModel(reader, ColumnCount, parent)
{
    m_query.limit = PageSize;
    resetAndLoad();
}

void PaymentTableModel::setFilter(const PaymentQuery &filter)
{
    PaymentQuery query = filter;
    query.sort = m_query.sort;
    query.order = m_query.order;
    query.offset = 0;
    query.limit = PageSize;
    m_query = query;
    resetAndLoad();
}

PaymentQuery PaymentTableModel::filter() const
{
    PaymentQuery query = m_query;
    query.offset = 0;
    return query;
}

PaymentTableModel::PageJob PaymentTableModel::pageJob(int offset, int limit) const
{
    PaymentQuery query = m_query;
    query.offset = offset;
    query.limit = limit;
    return [query, known = knownSessions()](Store &store) -> Result<Page> {
        auto rows = store.findPayments(query);
        if (!rows)
            return rows.error();
        Page page{std::move(rows).value()};
        QList<qint64> unread;
        for (const PaymentRow &row : std::as_const(page.rows)) {
            const qint64 session = row.payment.ownerSession;
            if (session != 0 && !known.contains(session) && !unread.contains(session))
                unread << session;
        }
        if (unread.isEmpty())
            return page;
        // The desk column is a courtesy: rows whose sessions cannot be read now show their number,
        // and are asked about again with the next page.
        auto found = store.sessions(unread);
        if (!found)
            return page;
        page.extra.found = std::move(found).value();
        for (const qint64 id : std::as_const(unread)) {
            if (std::none_of(page.extra.found.cbegin(), page.extra.found.cend(),
                             [id](const SessionRecord &r) { return r.id == id; }))
                page.extra.missing << id;
        }
        return page;
    };
}

QSet<qint64> PaymentTableModel::knownSessions() const
{
    QSet<qint64> known = m_unknownSessions;
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it)
        known.insert(it.key());
    return known;
}

void PaymentTableModel::acceptExtra(const PaymentPageSessions &sessions)
{
    for (const SessionRecord &record : sessions.found)
        m_sessions.insert(record.id, record);
    for (const qint64 id : sessions.missing)
        m_unknownSessions.insert(id);
}

QString PaymentTableModel::deskName(qint64 sessionId) const
{
    if (sessionId == 0)
        return {};
    const auto known = m_sessions.constFind(sessionId);
    if (known == m_sessions.cend() || known->info.host.isEmpty())
        return tr("session %1").arg(Display::isolate(QString::number(sessionId)));
    return Display::isolateAuto(known->info.host);
}

QString PaymentTableModel::deskExplained(qint64 sessionId) const
{
    const auto known = m_sessions.constFind(sessionId);
    if (sessionId == 0 || known == m_sessions.cend())
        return {};
    QString text = tr("Made on %1 (process %2), opened by %3 at %4.")
                       .arg(deskName(sessionId), Display::isolate(QString::number(known->info.pid)),
                            known->info.operatorName.isEmpty() ? tr("nobody named")
                                                               : Display::isolateAuto(known->info.operatorName),
                            Display::dateTime(known->startedAt));
    if (known->closedAt.isValid())
        text += u' ' + tr("That run ended at %1.").arg(Display::dateTime(known->closedAt));
    return Display::plainToolTip(text);
}

bool PaymentTableModel::updatePayment(const Payment &payment)
{
    const int row = rowOfPayment(payment.id);
    if (row < 0)
        return false;
    PaymentRow updated = *rowAt(row);
    updated.payment = payment;
    replaceRow(row, updated);
    // A refund asked here names this desk's session: its name is read on the reader's thread and
    // shown when it arrives.
    const qint64 session = payment.ownerSession;
    if (session != 0 && !knownSessions().contains(session)) {
        reader().read<QList<SessionRecord>>(
            this, [session](Store &store) { return store.sessions({session}); },
            [this, session](Result<QList<SessionRecord>> found) {
                if (!found)
                    return;
                acceptExtra({found.value(), found->isEmpty() ? QList<qint64>{session} : QList<qint64>{}});
                if (rowCount() > 0)
                    emit dataChanged(index(0, Desk), index(rowCount() - 1, Desk));
            });
    }
    return true;
}

bool PaymentTableModel::isSortable(int column)
{
    switch (column) {
    case CreatedAt:
    case CustomerName:
    case OrderId:
    case Amount:
    case State:
        return true;
    default:
        return false;
    }
}

QVariant PaymentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PaymentRow &row = *rowAt(index.row());
    const Payment &p = row.payment;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CreatedAt:
            return Display::dateTime(p.createdAt);
        case CustomerName:
            return row.customerName;
        case Token:
            if (p.isCardRequest())
                return cardRequestText();
            return Display::card(row.tokenLabel, row.tokenMask);
        case OrderId:
            return Display::isolate(p.orderId);
        case Amount:
            return Display::countedAmount(p);
        case Currency:
            return p.amount ? p.amount->currency() : p.currency;
        case State:
            return Display::paymentSummary(p);
        case StatusCode:
            return Display::isolate(p.statusCode);
        case TransactionId:
            return Display::isolate(p.transactionId);
        case AuthCode:
            return Display::isolate(p.authCode);
        case Mode:
            return p.mode;
        case Description:
            return p.description.isEmpty() ? p.errorText : p.description;
        case Operator:
            return p.operatorName;
        case Desk:
            return deskName(p.ownerSession);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case CreatedAt:
            return p.createdAt;
        case CustomerName:
            return row.customerName;
        case OrderId:
            return p.orderId;
        case Amount:
            return p.amount ? p.amount->minorUnits() : qint64(-1);
        case State:
            return int(p.state);
        default:
            return data(index, Qt::DisplayRole);
        }
    case IdRole:
        return p.id;
    case CardLabelRole:
        if (index.column() == Token)
            return p.isCardRequest() ? cardRequestText() : row.tokenLabel;
        break;
    case CardMaskRole:
        if (index.column() == Token)
            return p.isCardRequest() ? QString() : row.tokenMask;
        break;
    case BadgeColorRole:
        if (index.column() == State)
            return Display::paymentColor(p);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Amount)
            return int(Qt::AlignTrailing | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (index.column() == State && p.state == PaymentState::Unknown)
            return tr("The money may have moved. Do not charge again: verify this payment first.");
        if (index.column() == Description || index.column() == Token)
            return Display::plainToolTip(data(index, Qt::DisplayRole).toString());
        if (index.column() == Amount)
            return Display::countedAmountExplained(p);
        if (index.column() == Desk)
            return deskExplained(p.ownerSession);
        break;
    }
    return {};
}

QVariant PaymentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == Desk)
        return Display::plainToolTip(tr("The computer whose desk or command-line run made the last call for "
                                        "this payment: its charge, or its refund once one was asked for."));
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CreatedAt:
        return tr("Date");
    case CustomerName:
        return tr("Customer");
    case Token:
        return tr("Card");
    case OrderId:
        return tr("Order id");
    case Amount:
        return tr("Amount");
    case Currency:
        return tr("Currency");
    case State:
        return tr("State");
    case StatusCode:
        return tr("Status code");
    case TransactionId:
        return tr("Transaction id");
    case AuthCode:
        return tr("Auth code");
    case Mode:
        return tr("Mode");
    case Description:
        return tr("Description");
    case Operator:
        return tr("Operator");
    case Desk:
        return tr("Desk");
    }
    return {};
}

void PaymentTableModel::sort(int column, Qt::SortOrder order)
{
    PaymentQuery::Sort sort;
    switch (column) {
    case CreatedAt:
        sort = PaymentQuery::Sort::CreatedAt;
        break;
    case CustomerName:
        sort = PaymentQuery::Sort::Customer;
        break;
    case OrderId:
        sort = PaymentQuery::Sort::OrderId;
        break;
    case Amount:
        sort = PaymentQuery::Sort::Amount;
        break;
    case State:
        sort = PaymentQuery::Sort::State;
        break;
    default:
        return; // the store sorts on raw values only for these columns
    }
    if (sort == m_query.sort && order == m_query.order)
        return;
    m_query.sort = sort;
    m_query.order = order;
    resetAndLoad();
}

} // namespace fatora
