#pragma once

#include "domain/Customer.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QTableView;

namespace Ui {
class CustomersPanel;
}

namespace fatora {

struct CardToken;
struct Payment;
class CustomerTableModel;
struct DeskContext;
class TokenTableModel;

// Left: the customers list with search-as-you-type. Right: the selected customer's contact data
// and saved cards. Actions on them live in MainWindow; this panel only tells what is selected.
class CustomersPanel : public QWidget
{
    Q_OBJECT
public:
    // The list follows the search box at once while searches are quick; after one that took longer
    // than FastSearchMs, typing waits SearchDelayMs for a pause, so slow searches never queue up
    // behind every keystroke.
    static constexpr int SearchDelayMs = 200;
    static constexpr int FastSearchMs = 40;

    explicit CustomersPanel(DeskContext &context, QWidget *parent = nullptr);
    ~CustomersPanel() override;

    qint64 currentCustomerId() const;
    // The customers selected in the list (several with Ctrl or Shift), in list order; at least the
    // current one when there is one.
    QList<qint64> selectedCustomerIds() const;
    std::optional<Customer> currentCustomer() const;
    qint64 currentTokenId() const;
    std::optional<CardToken> currentToken() const;

    // Selects the customer once their row is read (paging on until it is, or the list ends).
    void selectCustomer(qint64 customerId);
    // Selects the card, now or when the cards being read arrive.
    void selectToken(qint64 tokenId);
    // A read for the lists is on its way, or a customer waits to be selected.
    bool isLoading() const;
    void focusSearch();

    // After something changed in the store: re-read and keep the selection where it was (once the
    // rows arrive).
    void refreshCustomers();
    void refreshTokens();
    // A card or a charge changed (announced by the payment service with its new value): the lists
    // show it in place, reading the store only for what they cannot know (a card not listed).
    void showChangedToken(const CardToken &token);
    void showChangedCharge(const Payment &payment);

    CustomerTableModel *customerModel() const { return m_customers; }
    TokenTableModel *tokenModel() const { return m_tokens; }
    QTableView *customersView() const;
    QTableView *tokensView() const;

signals:
    void currentCustomerChanged(qint64 customerId);
    void currentTokenChanged(qint64 tokenId);
    // "Verify this charge…" beside a card whose last charge has an unknown outcome.
    void verifyRequested(qint64 paymentId);
    void problem(const QString &message);
    // Reading the list again left out the customer that was selected (archived or changed at
    // another desk): nothing is selected now.
    void selectedCustomerLeft(qint64 customerId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onCustomersReset();
    void onCustomersReloaded();
    void selectPendingCustomer();
    void onCustomerRowChanged();
    void showCustomer(qint64 customerId);
    void runSearch();
    void updateListStatus();
    void updateTokensHint();

    std::unique_ptr<Ui::CustomersPanel> m_ui;
    DeskContext &m_context;
    CustomerTableModel *m_customers = nullptr;
    TokenTableModel *m_tokens = nullptr;
    QTimer m_searchTimer;
    QElapsedTimer m_searchClock; // from a search asked to its first page shown
    qint64 m_lastSearchMs = 0;   // how long the last search took, query to list reset
    qint64 m_shownCustomer = 0;
    qint64 m_wantedCustomer = 0; // to restore after the list is re-read
    qint64 m_selectedBeforeReset = 0; // who was selected when the last reset came
    bool m_resetByReload = false;     // that reset was a reload's answer
    qint64 m_pendingCustomer = 0;     // selectCustomer's, until their row is read
    qint64 m_pendingToken = 0;        // selectToken's, until its customer's cards are read
    bool m_selectingCustomer = false; // the panel itself selects (not the clerk)
    bool m_pickedWhileLoading = false; // the clerk chose a customer while a changed query was read
    qint64 m_wantedToken = 0;
    // Set while the card list selects its first (or wanted) card after a reset, which then says
    // once that the current card changed rather than twice (each saying costs the desk's action
    // rules and the card's open charge a read of the store).
    bool m_selectingCard = false;
    qint64 m_openChargeShown = 0; // the unknown charge "Verify this charge…" is about
};

} // namespace fatora
