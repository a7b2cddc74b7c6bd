#pragma once

#include "store/Store.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QCompleter;
class QStringListModel;
class QTableView;

namespace Ui {
class HistoryPanel;
}

namespace fatora {

struct DeskContext;
class PaymentTableModel;

// The transaction history with its filters (state, refund, date range, customer, free text), the
// count and totals per currency of what the filter matches (computed by the store), and a details
// pane showing what was sent and what came back (card tokens already masked by the core).
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int FilterDelayMs = 250;
    // Shorter text cannot use the trigram index: on a large history one rare pair of letters
    // would scan every payment on the GUI thread (seconds at 5 million), so it filters nothing
    // and a hint says why.
    static constexpr int MinTextFilterLength = 3;
    // The customer filter proposes this many customers whose name, email, phone or reference starts
    // with what the clerk typed (never the whole list: there may be a million).
    static constexpr int CustomerSuggestions = 20;
    static constexpr int CustomerSearchDelayMs = 120;

    explicit HistoryPanel(DeskContext &context, QWidget *parent = nullptr);
    ~HistoryPanel() override;

    qint64 currentPaymentId() const;
    std::optional<PaymentRow> currentRow() const;
    // Selects the payment once its row is read (if it is in this view at all).
    void selectPayment(qint64 paymentId);
    // A read for the list, its totals or the customer suggestions is on its way.
    bool isLoading() const;

    // The filter as shown, with the current sort: what Export CSV writes.
    PaymentQuery filter() const;
    void setCustomerFilter(qint64 customerId, const QString &name);
    void setStateFilter(std::optional<PaymentState> state);
    void setRefundFilter(PaymentQuery::Refund refund);
    void setTextFilter(const QString &text);

    void refresh();
    void paymentChanged(const Payment &payment);

    // The history is read when the panel is first shown (or one of the calls below needs its
    // rows), not when it is built. model() reads it if it has not been read yet.
    PaymentTableModel *model() const;
    bool isLoaded() const;
    QTableView *view() const;

signals:
    void currentPaymentChanged(qint64 paymentId);
    void problem(const QString &message);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    PaymentTableModel *ensureModel();
    static bool hasFilter(const PaymentQuery &query);
    void fitColumns();
    void fillStateCombo();
    void applyFilter();
    void showDetails();
    void fillRefundCombo();
    // The count and totals line for the current filter, asked of the store.
    void updateTotals();
    void showTotals(const Result<PaymentTotals> &totals);
    void searchCustomers();
    void showSuggestions(const Result<QList<CustomerSummary>> &found);
    void selectPendingPayment();
    void onSortIndicatorChanged(int column, Qt::SortOrder order);

    std::unique_ptr<Ui::HistoryPanel> m_ui;
    DeskContext &m_context;
    PaymentTableModel *m_model = nullptr;
    QTimer m_filterTimer;
    QTimer m_customerSearchTimer;
    QCompleter *m_customerCompleter = nullptr;
    QStringListModel *m_customerSuggestions = nullptr;
    QList<std::pair<qint64, QString>> m_suggestedCustomers; // in the completer's order
    qint64 m_customerFilter = 0;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    qint64 m_wantedPayment = 0;
    qint64 m_pendingPayment = 0; // selectPayment's, until its row is read (or known not to come)
    bool m_selectingPayment = false; // the panel itself selects (not the clerk)
    // Reads on the reader's thread: only the answer to the latest question is shown.
    quint64 m_totalsGeneration = 0;
    int m_totalsInFlight = 0;
    quint64 m_suggestionsGeneration = 0;
    int m_suggestionsInFlight = 0;
};

} // namespace fatora
