#include "customers/TokenTableModel.h"

#include "common/Display.h"
#include "common/ModelRoles.h"
#include "domain/Clock.h"

#include <QApplication>
#include <QStyle>

#include <algorithm>
#include <utility>

namespace fatora {

TokenTableModel::TokenTableModel(StoreReader &reader, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_reader(reader), m_clock(clock)
{
}

void TokenTableModel::setCustomer(qint64 customerId)
{
    if (customerId != m_customerId && !m_rows.isEmpty()) {
        // Never another customer's cards beside this one's name, not even for a round trip.
        beginResetModel();
        m_rows.clear();
        m_openCharges.clear();
        endResetModel();
    }
    m_customerId = customerId;
    reload();
}

void TokenTableModel::reload()
{
    const quint64 generation = ++m_generation;
    const qint64 customerId = m_customerId;
    if (customerId <= 0) {
        show({});
        return;
    }
    TokenQuery query;
    query.customerId = customerId;
    query.today = m_clock.today();
    if (m_inFlight++ == 0)
        emit loadingChanged(true);
    m_reader.read<Cards>(
        this,
        [query](Store &store) -> Result<Cards> {
            auto found = store.findTokens(query);
            if (!found)
                return found.error();
            Cards cards{std::move(found).value(), {}, {}};
            // One customer has a handful of cards: one look-up each is cheap (and off the GUI thread).
            for (const CardToken &t : std::as_const(cards.rows)) {
                if (t.effectiveStatus(query.today) != TokenStatus::Active)
                    continue;
                auto open = store.openChargeForToken(t.id);
                if (!open.ok())
                    cards.problem = open.error().toString();
                else if (open.value())
                    cards.openCharges.insert(t.id, *open.value());
            }
            return cards;
        },
        [this, generation](Result<Cards> found) {
            const bool last = --m_inFlight == 0;
            if (generation == m_generation) {
                if (found.ok()) {
                    show(std::move(found).value());
                } else {
                    emit loadFailed(found.error().toString());
                    show({});
                }
                if (m_changedWhileReading && last) {
                    m_changedWhileReading = false;
                    reload();
                    return;
                }
            }
            if (last)
                emit loadingChanged(false);
        });
}

void TokenTableModel::show(Cards cards)
{
    if (!cards.problem.isEmpty())
        emit loadFailed(cards.problem);
    // The same cards in the same places (read again after a change): in place, so the card the
    // clerk has selected stays selected whatever they clicked while the read was on its way.
    QList<qint64> before;
    for (const CardToken &t : std::as_const(m_rows))
        before << t.id;
    const QList<CardToken> previous = std::exchange(m_rows, std::move(cards.rows));
    applySort();
    bool same = before.size() == m_rows.size();
    for (int i = 0; same && i < m_rows.size(); ++i)
        same = m_rows[i].id == before[i];
    if (same && !m_rows.isEmpty()) {
        m_openCharges = std::move(cards.openCharges);
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    QList<CardToken> fresh = std::exchange(m_rows, previous);
    beginResetModel();
    m_rows = std::move(fresh);
    m_openCharges = std::move(cards.openCharges);
    endResetModel();
}

void TokenTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

qint64 TokenTableModel::tokenId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : 0;
}

void TokenTableModel::updateToken(const CardToken &token)
{
    const int row = rowOfToken(token.id);
    if (row < 0) {
        if (token.customerId == m_customerId && m_customerId > 0)
            reload();
        return;
    }
    m_rows[row] = token;
    if (m_inFlight > 0)
        m_changedWhileReading = true;
    if (token.effectiveStatus(m_clock.today()) != TokenStatus::Active)
        m_openCharges.remove(token.id); // as reload() does: only an active card shows its open charge
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TokenTableModel::updateCharge(const Payment &payment)
{
    const int row = rowOfToken(payment.tokenId);
    if (row < 0)
        return;
    const auto open = m_openCharges.constFind(payment.tokenId);
    if (payment.isOpen())
        m_openCharges.insert(payment.tokenId, payment);
    else if (open != m_openCharges.cend() && open->id == payment.id)
        m_openCharges.remove(payment.tokenId);
    else
        return; // a settled payment that was not this card's open one changes nothing here
    if (m_inFlight > 0)
        m_changedWhileReading = true;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int TokenTableModel::activeCount() const
{
    const QDate today = m_clock.today();
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [&](const CardToken &t) {
        return t.status == TokenStatus::Active && t.expiresOn > today;
    }));
}

int TokenTableModel::rowOfToken(qint64 tokenId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == tokenId)
            return i;
    }
    return -1;
}

const CardToken *TokenTableModel::token(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

std::optional<Payment> TokenTableModel::openCharge(qint64 tokenId) const
{
    const auto found = m_openCharges.constFind(tokenId);
    if (found == m_openCharges.cend())
        return std::nullopt;
    return *found;
}

int TokenTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TokenTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TokenTableModel::sortValue(const CardToken &t, int column) const
{
    switch (column) {
    case Label:
        return t.label;
    case Token:
        return t.masked();
    case Status:
        return int(t.effectiveStatus(m_clock.today()));
    case Issued:
        return t.issuedOn;
    case Expires:
        return t.expiresOn;
    case FirstAmount:
        return t.firstAmount ? t.firstAmount->minorUnits() : qint64(-1);
    case LastUsed:
        return t.lastUsedAt;
    }
    return {};
}

QVariant TokenTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CardToken &t = m_rows[index.row()];
    const QDate today = m_clock.today();
    const TokenStatus status = t.effectiveStatus(today);
    const QString warning =
        status == TokenStatus::Active ? Display::expiryWarning(t.expiresOn, today) : QString();
    const auto open = m_openCharges.constFind(t.id);
    const Payment *openCharge = open == m_openCharges.cend() ? nullptr : &*open;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Label:
            return t.label;
        case Token:
            return Display::mask(t.masked());
        case Status:
            if (openCharge)
                return openCharge->state == PaymentState::Pending ? tr("Charge in flight")
                                                                  : tr("Charge awaiting verification");
            return Display::tokenStatus(status);
        case Issued:
            return Display::date(t.issuedOn);
        case Expires:
            return warning.isEmpty() ? Display::date(t.expiresOn)
                                     : tr("%1 (%2)").arg(Display::date(t.expiresOn), warning);
        case FirstAmount:
            return t.firstAmount ? Display::money(*t.firstAmount) : tr("unknown");
        case LastUsed:
            return t.lastUsedAt.isValid() ? Display::dateTime(t.lastUsedAt) : tr("never");
        }
        break;
    case SortRole:
        return sortValue(t, index.column());
    case IdRole:
        return t.id;
    case CardLabelRole:
        if (index.column() == Label)
            return t.label;
        break;
    case BadgeColorRole:
        if (index.column() == Status)
            return openCharge ? Display::paymentColor(*openCharge) : Display::tokenColor(status);
        break;
    case Qt::DecorationRole:
        if (index.column() == Expires && !warning.isEmpty())
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Expires && !warning.isEmpty())
            return tr("This card stops working on %1: ask the customer for a new payment with a saved card.")
                .arg(Display::date(t.expiresOn));
        if (index.column() == Token)
            return tr("Only the last four characters are shown.");
        if (index.column() == Label)
            return Display::plainToolTip(t.label);
        if (index.column() == Status && openCharge)
            return openCharge->state == PaymentState::Pending
                       ? tr("Charge %1 is in flight; wait for its result.")
                             .arg(Display::isolate(openCharge->orderId))
                       : tr("The outcome of charge %1 is unknown: verify it before this card can be charged "
                            "again.")
                             .arg(Display::isolate(openCharge->orderId));
        if (index.column() == Status && t.statusChangedAt.isValid())
            return tr("Since %1").arg(Display::dateTime(t.statusChangedAt));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == FirstAmount)
            return int(Qt::AlignTrailing | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant TokenTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Label:
        return tr("Label");
    case Token:
        return tr("Card token");
    case Status:
        return tr("Status");
    case Issued:
        return tr("Issued");
    case Expires:
        return tr("Expires");
    case FirstAmount:
        return tr("First payment");
    case LastUsed:
        return tr("Last use");
    }
    return {};
}

void TokenTableModel::applySort()
{
    const int column = m_sortColumn;
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](const CardToken &a, const CardToken &b) {
        const QVariant va = sortValue(a, column);
        const QVariant vb = sortValue(b, column);
        const auto order = QVariant::compare(va, vb);
        return ascending ? order == QPartialOrdering::Less : order == QPartialOrdering::Greater;
    });
}

void TokenTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<qint64> ids;
    for (const QModelIndex &idx : before)
        ids.append(tokenId(idx.row()));
    applySort();
    QModelIndexList after;
    for (int i = 0; i < before.size(); ++i)
        after.append(index(rowOfToken(ids[i]), before[i].column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace fatora
