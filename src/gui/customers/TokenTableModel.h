#pragma once

#include "store/Store.h"
#include "store/StoreReader.h"

#include <QAbstractTableModel>
#include <QHash>

namespace fatora {

class Clock;

// The saved cards of one customer with their open charges. Few rows, so they are all loaded (on
// the store reader's thread, in one job) and sorted in memory on their raw values. Another
// customer's cards are never shown meanwhile: choosing a customer empties the list at once, and
// an answer about a customer no longer chosen is dropped. The full token never leaves this model:
// only CardToken::masked() is shown.
class TokenTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
public:
    enum Column { Label, Token, Status, Issued, Expires, FirstAmount, LastUsed, ColumnCount };

    TokenTableModel(StoreReader &reader, const Clock &clock, QObject *parent = nullptr);

    // Another customer: the list empties at once and their cards follow. The same one: reload().
    void setCustomer(qint64 customerId);
    qint64 customerId() const { return m_customerId; }
    // Reads the customer's cards again; the rows shown stay until the answer replaces them (a reset).
    void reload();
    // A read is on its way: the rows shown are the last answer's, or none for a customer just chosen.
    bool isLoading() const { return m_inFlight > 0; }
    void retranslate();

    qint64 tokenId(int row) const;
    int rowOfToken(qint64 tokenId) const;
    const CardToken *token(int row) const;
    // The charge still open on this card (in flight, or its outcome unknown), if any: while it is
    // open the card cannot be charged, and its Status column says so instead of a plain "Active".
    std::optional<Payment> openCharge(qint64 tokenId) const;

    // A card or a charge changed: shown in place from the value the service announced. A new card
    // of this customer is not in the list yet: that one reloads.
    void updateToken(const CardToken &token);
    void updateCharge(const Payment &payment);
    // Cards counted as the customers list counts them: active, not yet expired.
    int activeCount() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void loadFailed(const QString &message);
    void loadingChanged(bool loading);

private:
    struct Cards
    {
        QList<CardToken> rows;
        QHash<qint64, Payment> openCharges;
        QString problem; // an open charge that could not be read
    };
    QVariant sortValue(const CardToken &token, int column) const;
    void applySort();
    void show(Cards cards);

    StoreReader &m_reader;
    const Clock &m_clock;
    qint64 m_customerId = 0;
    QList<CardToken> m_rows;
    QHash<qint64, Payment> m_openCharges; // by token id
    quint64 m_generation = 0; // moves with every read asked: only the newest answer is shown
    int m_inFlight = 0;
    bool m_changedWhileReading = false; // shown in place while a read was on its way: read again
    int m_sortColumn = Issued;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace fatora
