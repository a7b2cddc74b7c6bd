#include "customers/CustomersPanel.h"
#include "ui_CustomersPanel.h"

#include "common/Display.h"
#include "common/StatusBadgeDelegate.h"
#include "common/TextCellDelegate.h"
#include "common/UiSupport.h"
#include "customers/CardDelegate.h"
#include "customers/CustomerSearch.h"
#include "customers/CustomerTableModel.h"
#include "customers/TokenTableModel.h"
#include "desk/DeskContext.h"
#include "domain/Clock.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>

#include <utility>

namespace fatora {

namespace {
// Unlike QTableView::selectRow this works before the view has a size (and so in tests).
void selectRowIn(QTableView *view, int row)
{
    view->selectionModel()->setCurrentIndex(view->model()->index(row, 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}
} // namespace

CustomersPanel::CustomersPanel(DeskContext &context, QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::CustomersPanel>()), m_context(context)
{
    m_ui->setupUi(this);
    m_customers = new CustomerTableModel(*context.reader, this);
    m_tokens = new TokenTableModel(*context.reader, *context.clock, this);

    auto *customersView = m_ui->customersView;
    customersView->setModel(m_customers);
    customersView->setItemDelegate(new TextCellDelegate(customersView));
    // Several customers may be selected for "Charge selected…"; the current one still drives the
    // details and every single-customer action.
    customersView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    customersView->verticalHeader()->hide();
    customersView->horizontalHeader()->setStretchLastSection(true);
    customersView->horizontalHeader()->setSortIndicator(CustomerTableModel::Name, Qt::AscendingOrder);
    customersView->setColumnWidth(CustomerTableModel::Name, 170);
    customersView->setColumnWidth(CustomerTableModel::Email, 200);
    customersView->setColumnWidth(CustomerTableModel::Phone, 115);
    customersView->setColumnWidth(CustomerTableModel::ActiveTokens, 85);

    auto *tokensView = m_ui->tokensView;
    tokensView->setModel(m_tokens);
    tokensView->setItemDelegate(new StatusBadgeDelegate(tokensView));
    tokensView->setItemDelegateForColumn(TokenTableModel::Label, new CardDelegate(tokensView));
    tokensView->verticalHeader()->hide();
    tokensView->horizontalHeader()->setStretchLastSection(true);
    tokensView->horizontalHeader()->setSortIndicator(TokenTableModel::Issued, Qt::DescendingOrder);
    tokensView->setColumnWidth(TokenTableModel::Label, 150);
    tokensView->setColumnWidth(TokenTableModel::Token, 80);
    tokensView->setColumnWidth(TokenTableModel::Status, 115);
    tokensView->setColumnWidth(TokenTableModel::Issued, 90);
    tokensView->setColumnWidth(TokenTableModel::Expires, 200);
    tokensView->setColumnWidth(TokenTableModel::FirstAmount, 105);
    // However small the window, two cards and part of a third stay in sight (with the scroll bar that
    // a narrow window needs).
    const int rowHeight = tokensView->verticalHeader()->defaultSectionSize();
    tokensView->setMinimumHeight(tokensView->horizontalHeader()->sizeHint().height() + 2 * rowHeight +
                                 rowHeight / 2 + tokensView->horizontalScrollBar()->sizeHint().height() +
                                 2 * tokensView->frameWidth());

    for (QLabel *value : std::initializer_list<QLabel *>{m_ui->nameValue, m_ui->emailValue, m_ui->phoneValue,
                                                         m_ui->referenceValue, m_ui->notesValue})
        UiSupport::alignWithLayout(value);

    m_ui->verifyOpenChargeButton->hide();
    m_ui->verifyOpenChargeButton->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_ui->tokensHintLayout->setStretchFactor(m_ui->tokensHint, 1);
    connect(m_ui->verifyOpenChargeButton, &QPushButton::clicked, this, [this] {
        if (m_openChargeShown)
            emit verifyRequested(m_openChargeShown);
    });

    m_ui->splitter->setStretchFactor(0, 1);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({690, 750});

    // One timer runs every search: keystrokes that arrive while a search runs restart it, so they
    // are searched once, together, when the last one is in.
    m_searchTimer.setSingleShot(true);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this,
            [this] { m_searchTimer.start(m_lastSearchMs > FastSearchMs ? SearchDelayMs : 0); });
    connect(&m_searchTimer, &QTimer::timeout, this, &CustomersPanel::runSearch);
    m_ui->listStatus->setWordWrap(true);
    connect(m_ui->archivedCheck, &QCheckBox::toggled, m_customers, &CustomerTableModel::setIncludeArchived);

    connect(m_customers, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (!m_wantedCustomer)
            m_wantedCustomer = currentCustomerId();
        m_selectedBeforeReset = currentCustomerId();
        m_resetByReload = m_customers->isApplyingReload();
    });
    connect(m_customers, &QAbstractItemModel::modelReset, this, &CustomersPanel::onCustomersReset);
    connect(m_customers, &CustomerTableModel::reloaded, this, &CustomersPanel::onCustomersReloaded);
    connect(m_customers, &CustomerTableModel::firstPageShown, this, [this] {
        if (m_searchClock.isValid())
            m_lastSearchMs = m_searchClock.elapsed();
        m_searchClock.invalidate();
    });
    connect(m_customers, &QAbstractItemModel::rowsInserted, this, [this] {
        updateListStatus();
        selectPendingCustomer();
    });
    connect(m_customers, &CustomerTableModel::loadingChanged, this, [this](bool loading) {
        updateListStatus();
        if (!loading)
            selectPendingCustomer(); // an answer dropped or failed: go on or give up
    });
    connect(m_tokens, &TokenTableModel::loadingChanged, this, &CustomersPanel::updateTokensHint);
    connect(m_customers, &CustomerTableModel::loadFailed, this, &CustomersPanel::problem);
    connect(m_tokens, &TokenTableModel::loadFailed, this, &CustomersPanel::problem);
    connect(customersView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CustomersPanel::onCustomerRowChanged);
    connect(tokensView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (m_selectingCard)
            return;
        // The clerk's own choice (or selectToken's, done): nothing chosen earlier may take it back.
        m_wantedToken = 0;
        m_pendingToken = 0;
        updateTokensHint();
        emit currentTokenChanged(currentTokenId());
    });
    connect(m_tokens, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        // Read again for the same customer: the card selected when the answer comes is the one kept.
        if (!m_wantedToken && m_tokens->customerId() == m_shownCustomer)
            m_wantedToken = currentTokenId();
    });
    connect(m_tokens, &QAbstractItemModel::dataChanged, this, [this] {
        // Shown in place (an open charge came or went): the hint and the actions follow.
        if (m_selectingCard)
            return;
        updateTokensHint();
        emit currentTokenChanged(currentTokenId());
    });
    connect(m_tokens, &QAbstractItemModel::modelReset, this, [this] {
        if (m_tokens->rowCount() == 0 && m_tokens->isLoading()) {
            // Another customer chosen: the list emptied while their cards are read; the card wanted
            // (if any) waits for them.
            updateTokensHint();
            emit currentTokenChanged(0);
            return;
        }
        // Few rows: fit the columns to what they hold, but keep long labels from pushing the rest out.
        m_ui->tokensView->resizeColumnsToContents();
        m_ui->tokensView->setColumnWidth(TokenTableModel::Label,
                                         qMin(m_ui->tokensView->columnWidth(TokenTableModel::Label), 170));
        const qint64 wanted = m_wantedToken;
        m_wantedToken = 0;
        int row = wanted ? m_tokens->rowOfToken(wanted) : -1;
        if (m_pendingToken) {
            // selectToken's card, once its customer's cards are in (the customer may still be on
            // the way: then it waits for their cards).
            if (const int pending = m_tokens->rowOfToken(m_pendingToken); pending >= 0) {
                row = pending;
                m_pendingToken = 0;
            } else if (!m_pendingCustomer) {
                m_pendingToken = 0;
            }
        }
        if (m_tokens->rowCount() > 0) {
            m_selectingCard = true;
            selectRowIn(m_ui->tokensView, row >= 0 ? row : 0);
            m_selectingCard = false;
        }
        updateTokensHint();
        emit currentTokenChanged(currentTokenId());
    });

    onCustomersReset();
}

CustomersPanel::~CustomersPanel() = default;

QTableView *CustomersPanel::customersView() const
{
    return m_ui->customersView;
}

QTableView *CustomersPanel::tokensView() const
{
    return m_ui->tokensView;
}

QList<qint64> CustomersPanel::selectedCustomerIds() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_ui->customersView->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int row : std::as_const(rows))
        ids << m_customers->customerId(row);
    if (ids.isEmpty() && currentCustomerId() != 0)
        ids << currentCustomerId();
    return ids;
}

qint64 CustomersPanel::currentCustomerId() const
{
    const QModelIndex current = m_ui->customersView->selectionModel()->currentIndex();
    return current.isValid() ? m_customers->customerId(current.row()) : 0;
}

std::optional<Customer> CustomersPanel::currentCustomer() const
{
    const QModelIndex current = m_ui->customersView->selectionModel()->currentIndex();
    if (const CustomerSummary *summary = current.isValid() ? m_customers->summary(current.row()) : nullptr)
        return summary->customer;
    return std::nullopt;
}

qint64 CustomersPanel::currentTokenId() const
{
    const QModelIndex current = m_ui->tokensView->selectionModel()->currentIndex();
    return current.isValid() ? m_tokens->tokenId(current.row()) : 0;
}

std::optional<CardToken> CustomersPanel::currentToken() const
{
    const QModelIndex current = m_ui->tokensView->selectionModel()->currentIndex();
    if (const CardToken *token = current.isValid() ? m_tokens->token(current.row()) : nullptr)
        return *token;
    return std::nullopt;
}

void CustomersPanel::selectCustomer(qint64 customerId)
{
    m_pendingCustomer = customerId;
    selectPendingCustomer();
}

void CustomersPanel::selectPendingCustomer()
{
    if (!m_pendingCustomer)
        return;
    const int row = m_customers->rowOfCustomer(m_pendingCustomer);
    if (row >= 0) {
        m_pendingCustomer = 0;
        m_selectingCustomer = true;
        selectRowIn(m_ui->customersView, row);
        m_selectingCustomer = false;
        m_ui->customersView->scrollTo(m_customers->index(row, 0));
        return;
    }
    // Not among the rows read so far: page on (each page's arrival comes back here), or give up
    // at the end of the list.
    if (m_customers->isLoading())
        return;
    if (m_customers->canFetchMore({}))
        m_customers->fetchMore({});
    else
        m_pendingCustomer = 0;
}

void CustomersPanel::selectToken(qint64 tokenId)
{
    const int row = m_tokens->rowOfToken(tokenId);
    if (row >= 0) {
        m_pendingToken = 0;
        selectRowIn(m_ui->tokensView, row);
    } else {
        // Its customer is being selected, or their cards read: it is selected when they arrive.
        m_pendingToken = tokenId;
    }
}

bool CustomersPanel::isLoading() const
{
    return m_customers->isLoading() || m_tokens->isLoading() || m_pendingCustomer != 0 || m_pendingToken != 0;
}

void CustomersPanel::focusSearch()
{
    m_ui->searchEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->searchEdit->selectAll();
}

void CustomersPanel::refreshCustomers()
{
    // The rows come back later (onCustomersReloaded); the customer then selected is the one kept.
    m_customers->reload();
}

void CustomersPanel::onCustomersReloaded()
{
    const qint64 keep = m_resetByReload ? m_selectedBeforeReset : currentCustomerId();
    m_resetByReload = false;
    m_wantedCustomer = 0;
    // The list row may not have moved while the contact data or the cards did.
    if (currentCustomerId() == keep)
        showCustomer(keep);
    else if (keep != 0 && currentCustomerId() == 0)
        emit selectedCustomerLeft(keep);
    selectPendingCustomer();
}

void CustomersPanel::refreshTokens()
{
    m_wantedToken = currentTokenId();
    m_tokens->reload();
}

void CustomersPanel::showChangedToken(const CardToken &token)
{
    m_tokens->updateToken(token);
    // The customer's line counts active cards: known here only when that customer's cards are the
    // ones listed; otherwise the page is read again (a revoke whose answer came after the clerk
    // moved on).
    if (token.customerId == m_tokens->customerId())
        m_customers->updateCardFigures(token.customerId, m_tokens->activeCount(), QDateTime());
    else if (m_customers->rowOfCustomer(token.customerId) >= 0)
        refreshCustomers();
}

void CustomersPanel::showChangedCharge(const Payment &payment)
{
    m_tokens->updateCharge(payment);
    m_customers->updateCardFigures(payment.customerId, std::nullopt, payment.createdAt);
}

void CustomersPanel::onCustomersReset()
{
    const qint64 wanted = m_wantedCustomer;
    m_wantedCustomer = 0;
    int row = wanted ? m_customers->rowOfCustomer(wanted) : -1;
    // Read again (Reload, another desk's work) without the customer the clerk had selected - archived
    // or changed elsewhere, or sorted past the rows read: nothing is selected rather than another
    // customer, whose card would then be one click from Charge without anyone choosing it.
    const bool picked = std::exchange(m_pickedWhileLoading, false);
    if (row < 0 && wanted && (m_customers->isApplyingReload() || picked)) {
        m_ui->customersView->selectionModel()->clear();
        showCustomer(0);
        updateListStatus();
        return;
    }
    if (row < 0 && m_customers->rowCount() > 0)
        row = 0;
    if (row >= 0) {
        m_selectingCustomer = true;
        selectRowIn(m_ui->customersView, row);
        m_selectingCustomer = false;
    } else {
        showCustomer(0);
    }
    updateListStatus();
    if (!m_customers->isApplyingReload())
        selectPendingCustomer(); // a reload's answer does so once it is all in place
}

void CustomersPanel::onCustomerRowChanged()
{
    if (!m_selectingCustomer) {
        // The clerk's own choice: a selection still waiting for its rows is given up, and a
        // search answering later must not put another customer in this one's place.
        m_pendingCustomer = 0;
        m_pendingToken = 0;
        if (m_customers->isLoading())
            m_pickedWhileLoading = true;
    }
    const qint64 id = currentCustomerId();
    if (id == m_shownCustomer)
        return;
    showCustomer(id);
}

void CustomersPanel::showCustomer(qint64 customerId)
{
    const bool changed = customerId != m_shownCustomer;
    m_shownCustomer = customerId;
    const std::optional<Customer> customer = currentCustomer();
    m_ui->contactBox->setEnabled(customer.has_value());
    m_ui->nameValue->setText(customer ? customer->name : QString());
    m_ui->emailValue->setText(customer ? Display::isolate(customer->email) : QString());
    m_ui->phoneValue->setText(customer ? Display::isolate(customer->phone) : QString());
    m_ui->referenceValue->setText(customer ? Display::isolate(customer->reference) : QString());
    m_ui->notesValue->setText(customer ? customer->notes : QString());
    QFont bold = m_ui->nameValue->font();
    bold.setBold(true);
    m_ui->nameValue->setFont(bold);
    if (changed)
        m_wantedToken = 0;
    m_tokens->setCustomer(customerId);
    if (changed)
        emit currentCustomerChanged(customerId);
}

void CustomersPanel::runSearch()
{
    // Timed from asking to the first page shown (firstPageShown).
    if (m_ui->searchEdit->text().trimmed() != m_customers->searchText())
        m_searchClock.start();
    m_customers->setSearchText(m_ui->searchEdit->text());
}

void CustomersPanel::updateListStatus()
{
    const int shown = m_customers->rowCount();
    QString text;
    if (m_customers->isLoading()) {
        // Quietly: the rows of the last answer stay usable meanwhile.
        m_ui->listStatus->setText(m_customers->searchText().isEmpty()
                                      ? tr("Loading customers…")
                                      : tr("Searching for “%1”…").arg(Display::isolateAuto(m_customers->searchText())));
        return;
    }
    if (shown == 0 && !m_customers->searchText().isEmpty()) {
        // Nothing found: say what was looked at, so the clerk knows whether to type more or otherwise.
        const CustomerSearch search = CustomerSearch::parse(m_customers->searchText());
        const QString typed = Display::isolateAuto(m_customers->searchText());
        if (!search.inside)
            text = tr("No name, email, phone number or reference starts with “%1”. Type %n or more "
                      "characters to search inside them.",
                      nullptr, CustomerSearch::InsideLength)
                       .arg(typed);
        else if (!search.phoneDigits.isEmpty())
            text = tr("No customer found for “%1” in any part of the names, emails and references, nor %2 "
                      "among the digits of the phone numbers.")
                       .arg(typed, Display::isolate(search.phoneDigits));
        else
            text = tr("No customer found for “%1” in any part of the names, emails and references. Phone "
                      "numbers are searched when only digits, spaces, + or - are typed.")
                       .arg(typed);
        if (!m_ui->archivedCheck->isChecked())
            text += u' ' + tr("Archived customers are left out; tick “Show archived” to include them.");
        m_ui->listStatus->setText(text);
        return;
    }
    if (m_customers->searchText().isEmpty())
        text = m_customers->canFetchMore({}) ? tr("Customers loaded: %n; scroll for more", nullptr, shown)
                                             : tr("Customers: %n", nullptr, shown);
    else
        text = m_customers->canFetchMore({}) ? tr("Matches loaded: %n; scroll for more", nullptr, shown)
                                             : tr("Matches: %n", nullptr, shown);
    m_ui->listStatus->setText(text);
}

void CustomersPanel::updateTokensHint()
{
    QString hint;
    m_openChargeShown = 0;
    const std::optional<Payment> open =
        currentToken() ? m_tokens->openCharge(currentTokenId()) : std::optional<Payment>();
    if (open) {
        // Said on the card itself: "Charge" is greyed, and this is why and what to do.
        const QString charge = tr("%1 on %2, order %3")
                                   .arg(Display::amount(open->amount), Display::dateTime(open->createdAt),
                                        Display::isolate(open->orderId));
        if (open->state == PaymentState::Pending || m_context.payments->isBusy(open->id)) {
            hint =
                tr("Charge in flight: %1. Wait for its result before charging this card again.").arg(charge);
        } else {
            hint =
                tr("Charge awaiting verification: %1. Its outcome is unknown, so the money may have moved; "
                   "verify it before charging this card again.")
                    .arg(charge);
            m_openChargeShown = open->id;
        }
    } else if (m_shownCustomer == 0) {
        hint = tr("Select a customer to see their saved cards.");
    } else if (m_tokens->rowCount() == 0 && m_tokens->isLoading()) {
        hint = tr("Loading the saved cards…");
    } else if (m_tokens->rowCount() == 0) {
        hint = tr("No saved cards. Add one with “Add token…” or import a CSV file.");
    } else if (const auto token = currentToken()) {
        const TokenStatus status = token->effectiveStatus(m_context.clock->today());
        if (status == TokenStatus::RevokePending)
            hint = tr("Fatora has not confirmed the revocation yet. The card cannot be charged; use “Revoke "
                      "token…” to retry.");
        else if (status == TokenStatus::Active &&
                 !Display::expiryWarning(token->expiresOn, m_context.clock->today()).isEmpty())
            hint = tr("This card %1. Ask the customer for a new payment with a saved card.")
                       .arg(Display::expiryWarning(token->expiresOn, m_context.clock->today()));
    }
    m_ui->tokensHint->setText(hint);
    m_ui->tokensHint->setVisible(!hint.isEmpty());
    m_ui->verifyOpenChargeButton->setVisible(m_openChargeShown != 0);
}

void CustomersPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        m_customers->retranslate();
        m_tokens->retranslate();
        updateListStatus();
        updateTokensHint();
        showCustomer(m_shownCustomer);
    }
    QWidget::changeEvent(event);
}

} // namespace fatora
