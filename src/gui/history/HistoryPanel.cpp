#include "history/HistoryPanel.h"
#include "ui_HistoryPanel.h"

#include "common/Display.h"
#include "common/StatusBadgeDelegate.h"
#include "customers/CardDelegate.h"
#include "desk/DeskContext.h"
#include "domain/Clock.h"
#include "history/PaymentTableModel.h"
#include "store/StoreReader.h"

#include <QCompleter>
#include <QEvent>
#include <QLineEdit>
#include <QStringListModel>
#include <QHeaderView>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {
constexpr int AllStates = -1;
} // namespace

HistoryPanel::HistoryPanel(DeskContext &context, QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::HistoryPanel>()), m_context(context)
{
    m_ui->setupUi(this);
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);

    fillStateCombo();
    fillRefundCombo();
    // The filters share one row: the refund choices' long names are shown whole in the popup
    // only, so the row never widens the desk.
    m_ui->refundCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_ui->refundCombo->setMinimumContentsLength(10);
    m_ui->customerCombo->addItem(tr("All customers"), qint64(0));
    // Typing in the customer filter proposes matching customers from the store (a page, never all).
    m_ui->customerCombo->lineEdit()->setPlaceholderText(tr("Type a name, email, phone or reference"));
    m_customerSuggestions = new QStringListModel(this);
    m_customerCompleter = new QCompleter(m_customerSuggestions, this);
    m_customerCompleter->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_customerCompleter->setMaxVisibleItems(CustomerSuggestions);
    // On the line edit itself: the combo would map a picked suggestion onto its own items.
    m_ui->customerCombo->lineEdit()->setCompleter(m_customerCompleter);
    m_customerSearchTimer.setSingleShot(true);
    m_customerSearchTimer.setInterval(CustomerSearchDelayMs);
    connect(&m_customerSearchTimer, &QTimer::timeout, this, &HistoryPanel::searchCustomers);
    connect(m_ui->customerCombo->lineEdit(), &QLineEdit::textEdited, this,
            [this] { m_customerSearchTimer.start(); });
    connect(m_customerCompleter, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) {
                const int row = index.row();
                if (row < 0 || row >= m_suggestedCustomers.size())
                    return;
                const auto [id, name] = m_suggestedCustomers.at(row);
                // After the completer has written its text into the line edit.
                QTimer::singleShot(0, this, [this, id, name] { setCustomerFilter(id, name); });
            });
    // A long customer name in the filter must not widen the desk: the popup shows it whole.
    m_ui->customerCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_ui->customerCombo->setMinimumContentsLength(20);
    const QDate today = context.clock->today();
    m_ui->fromEdit->setDate(today.addDays(-30));
    m_ui->toEdit->setDate(today);
    m_ui->fromEdit->setEnabled(false);
    m_ui->toEdit->setEnabled(false);

    m_filterTimer.setSingleShot(true);
    m_filterTimer.setInterval(FilterDelayMs);
    connect(&m_filterTimer, &QTimer::timeout, this, &HistoryPanel::applyFilter);
    connect(m_ui->textEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        const qsizetype length = text.trimmed().size();
        m_ui->textHintLabel->setVisible(length > 0 && length < MinTextFilterLength);
        m_filterTimer.start();
    });
    connect(m_ui->stateCombo, &QComboBox::currentIndexChanged, this, &HistoryPanel::applyFilter);
    connect(m_ui->refundCombo, &QComboBox::currentIndexChanged, this, &HistoryPanel::applyFilter);
    connect(m_ui->customerCombo, &QComboBox::currentIndexChanged, this, &HistoryPanel::applyFilter);
    connect(m_ui->fromCheck, &QCheckBox::toggled, m_ui->fromEdit, &QWidget::setEnabled);
    connect(m_ui->toCheck, &QCheckBox::toggled, m_ui->toEdit, &QWidget::setEnabled);
    connect(m_ui->fromCheck, &QCheckBox::toggled, this, &HistoryPanel::applyFilter);
    connect(m_ui->toCheck, &QCheckBox::toggled, this, &HistoryPanel::applyFilter);
    connect(m_ui->fromEdit, &QDateEdit::dateChanged, this, &HistoryPanel::applyFilter);
    connect(m_ui->toEdit, &QDateEdit::dateChanged, this, &HistoryPanel::applyFilter);
    showDetails();
}

// The history is read when first needed (its tab shown, a payment to select, a refresh asked
// for), not at start-up: the desk opens on the customers tab, and reading and laying out a page
// nobody sees was a quarter of the start-up time with a big database.
PaymentTableModel *HistoryPanel::ensureModel()
{
    if (m_model)
        return m_model;
    // What the filters already say (e.g. a customer's history asked for before the first show).
    const PaymentQuery initialFilter = filter();
    m_model = new PaymentTableModel(*m_context.reader, this);
    if (hasFilter(initialFilter))
        m_model->setFilter(initialFilter);

    auto *view = m_ui->paymentsView;
    view->setModel(m_model);
    view->setItemDelegate(new StatusBadgeDelegate(view));
    view->setItemDelegateForColumn(PaymentTableModel::Token, new CardDelegate(view));
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSortIndicator(PaymentTableModel::CreatedAt, Qt::DescendingOrder);
    m_sortColumn = PaymentTableModel::CreatedAt;
    view->setColumnWidth(PaymentTableModel::CreatedAt, 130);
    view->setColumnWidth(PaymentTableModel::CustomerName, 150);
    view->setColumnWidth(PaymentTableModel::Token, 150);
    // What tells rows apart is at the end as often as at the start (the card's last characters, an
    // order id's suffix): cut long cells in the middle.
    view->setTextElideMode(Qt::ElideMiddle);
    view->setColumnWidth(PaymentTableModel::OrderId, 190);
    view->setColumnWidth(PaymentTableModel::Currency, 70);
    view->setColumnWidth(PaymentTableModel::StatusCode, 90);
    view->setColumnWidth(PaymentTableModel::TransactionId, 130);
    view->setColumnWidth(PaymentTableModel::AuthCode, 80);
    view->setColumnWidth(PaymentTableModel::Description, 260);
    fitColumns();

    connect(view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            &HistoryPanel::onSortIndicatorChanged);
    connect(m_model, &PaymentTableModel::loadFailed, this, &HistoryPanel::problem);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (!m_wantedPayment)
            m_wantedPayment = currentPaymentId();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        const qint64 wanted = m_wantedPayment;
        m_wantedPayment = 0;
        if (wanted && !m_pendingPayment)
            m_pendingPayment = wanted;
        selectPendingPayment();
        showDetails();
        emit currentPaymentChanged(currentPaymentId());
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryPanel::selectPendingPayment);
    connect(m_model, &PaymentTableModel::reloaded, this, &HistoryPanel::selectPendingPayment);
    connect(m_model, &PaymentTableModel::loadingChanged, this, [this](bool loading) {
        if (!loading)
            selectPendingPayment();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const QModelIndex current = m_ui->paymentsView->selectionModel()->currentIndex();
                if (current.isValid() && current.row() >= topLeft.row() &&
                    current.row() <= bottomRight.row()) {
                    showDetails();
                    emit currentPaymentChanged(currentPaymentId());
                }
            });
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (!m_selectingPayment)
            m_pendingPayment = 0; // the clerk chose: a selection still waiting for its row is given up
        showDetails();
        emit currentPaymentChanged(currentPaymentId());
    });
    showDetails();
    updateTotals();
    return m_model;
}

bool HistoryPanel::isLoaded() const
{
    return m_model != nullptr;
}

PaymentTableModel *HistoryPanel::model() const
{
    // Asking for the rows is a reason to read them.
    return const_cast<HistoryPanel *>(this)->ensureModel();
}

void HistoryPanel::showEvent(QShowEvent *event)
{
    ensureModel();
    QWidget::showEvent(event);
}

HistoryPanel::~HistoryPanel() = default;

QTableView *HistoryPanel::view() const
{
    return m_ui->paymentsView;
}

void HistoryPanel::fitColumns()
{
    // As wide as the longest text these columns can show in the language on screen: a fixed width
    // cut "Approved · refund pending" and "first-payment amount" short, and Arabic runs longer.
    QTableView *view = m_ui->paymentsView;
    const QFontMetrics cell(view->font());
    const QFontMetrics header(view->horizontalHeader()->font());
    const auto fit = [&](int column, const QStringList &texts, int padding) {
        int width = header.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 24;
        for (const QString &text : texts)
            width = qMax(width, cell.horizontalAdvance(text) + padding);
        view->setColumnWidth(column, width);
    };
    QStringList states;
    Payment p;
    for (PaymentState state : {PaymentState::Pending, PaymentState::Declined, PaymentState::Rejected,
                               PaymentState::NotSent, PaymentState::Unknown}) {
        p.state = state;
        states << Display::paymentSummary(p);
    }
    p.state = PaymentState::Approved;
    for (RefundState refund : {RefundState::None, RefundState::Pending, RefundState::Refunded,
                               RefundState::Rejected, RefundState::Unknown}) {
        p.refundState = refund;
        states << Display::paymentSummary(p);
    }
    fit(PaymentTableModel::State, states, StatusBadgeDelegate::horizontalSpace());
    Payment blank;
    blank.expectedAmount = Money(99'999'999, m_context.appSettings.currency);
    fit(PaymentTableModel::Amount,
        {Display::amount(std::nullopt), Display::money(Money(99'999'999, m_context.appSettings.currency)),
         Display::countedAmount(blank)},
        16);
    fit(PaymentTableModel::Mode, {u"SANDBOX"_s, u"LIVE"_s}, 16);
}

void HistoryPanel::fillStateCombo()
{
    const int previous = m_ui->stateCombo->currentIndex();
    const QSignalBlocker blocker(m_ui->stateCombo);
    m_ui->stateCombo->clear();
    m_ui->stateCombo->addItem(tr("All"), AllStates);
    for (PaymentState state : {PaymentState::Approved, PaymentState::Declined, PaymentState::Rejected,
                               PaymentState::NotSent, PaymentState::Unknown, PaymentState::Pending})
        m_ui->stateCombo->addItem(Display::paymentState(state), int(state));
    m_ui->stateCombo->setCurrentIndex(qMax(previous, 0));
}

void HistoryPanel::fillRefundCombo()
{
    const int previous = m_ui->refundCombo->currentIndex();
    const QSignalBlocker blocker(m_ui->refundCombo);
    m_ui->refundCombo->clear();
    m_ui->refundCombo->addItem(tr("Any"), int(PaymentQuery::Refund::Any));
    m_ui->refundCombo->addItem(tr("Refunded"), int(PaymentQuery::Refund::Refunded));
    m_ui->refundCombo->addItem(tr("Refund in progress or unknown"), int(PaymentQuery::Refund::InProgress));
    m_ui->refundCombo->addItem(tr("Not refunded"), int(PaymentQuery::Refund::NotRefunded));
    m_ui->refundCombo->setCurrentIndex(qMax(previous, 0));
}

void HistoryPanel::searchCustomers()
{
    CustomerQuery query;
    query.text = m_ui->customerCombo->lineEdit()->text().trimmed();
    query.includeArchived = true; // an archived customer's payments are still history
    query.limit = CustomerSuggestions;
    query.today = m_context.clock->today();
    const quint64 generation = ++m_suggestionsGeneration;
    if (query.text.isEmpty() || query.text == m_ui->customerCombo->itemText(0)) {
        m_suggestedCustomers.clear();
        m_customerSuggestions->setStringList({});
        return;
    }
    ++m_suggestionsInFlight;
    m_context.reader->read<QList<CustomerSummary>>(
        this, [query](Store &store) { return store.findCustomers(query); },
        [this, generation](Result<QList<CustomerSummary>> found) {
            --m_suggestionsInFlight;
            if (generation != m_suggestionsGeneration)
                return; // typed on since
            showSuggestions(found);
        });
}

void HistoryPanel::showSuggestions(const Result<QList<CustomerSummary>> &found)
{
    m_suggestedCustomers.clear();
    if (!found.ok()) {
        emit problem(found.error().toString());
        return;
    }
    QStringList labels;
    for (const CustomerSummary &row : found.value()) {
        const Customer &c = row.customer;
        m_suggestedCustomers.append({c.id, c.name});
        // The name, and what tells two people of one name apart.
        const QString detail = !c.email.isEmpty() ? c.email : !c.phone.isEmpty() ? c.phone : c.reference;
        labels << (detail.isEmpty() ? c.name : c.name + u" — "_s + Display::isolate(detail));
    }
    m_customerSuggestions->setStringList(labels);
    if (!labels.isEmpty())
        m_customerCompleter->complete();
}

void HistoryPanel::updateTotals()
{
    if (!m_model) {
        m_ui->totalsLabel->clear();
        return;
    }
    // Read on the reader's thread (a sum over every payment the filter matches); the figures shown
    // stay until the new ones arrive, and only the answer to the latest filter is shown.
    const quint64 generation = ++m_totalsGeneration;
    ++m_totalsInFlight;
    m_context.reader->read<PaymentTotals>(
        this, [query = filter()](Store &store) { return store.paymentTotals(query); },
        [this, generation](Result<PaymentTotals> totals) {
            --m_totalsInFlight;
            if (generation == m_totalsGeneration)
                showTotals(totals);
        });
}

void HistoryPanel::showTotals(const Result<PaymentTotals> &totals)
{
    if (!totals.ok()) {
        m_ui->totalsLabel->setText(tr("Totals not available: %1").arg(totals.error().message));
        return;
    }
    const QLocale locale;
    const auto count = [&locale](qint64 n) { return Display::isolate(locale.toString(n)); };
    QStringList lines{tr("Payments: %1").arg(count(totals->payments))};
    for (const PaymentCurrencyTotal &t : totals->currencies) {
        QStringList parts;
        QString approved = tr("approved %1 in %2").arg(Display::money(t.approvedAmount()), count(t.approved));
        if (t.approvedExpected > 0)
            approved += u' ' + tr("(%1 counted at the expected first-payment amount)").arg(count(t.approvedExpected));
        if (t.approvedWithoutFigure > 0)
            approved += u' ' + tr("(%1 without a known amount, not in the sum)").arg(count(t.approvedWithoutFigure));
        parts << approved;
        if (t.refunded > 0) {
            parts << tr("refunded %1").arg(Display::money(t.refundedAmount()));
            parts << tr("net %1").arg(Display::money(t.netAmount()));
        }
        if (t.open > 0)
            parts << tr("outcome unknown %1 in %2: verify").arg(Display::money(t.openAmount()), count(t.open));
        if (t.waitingRequests > 0)
            parts << tr("card requests waiting for the customer %1 in %2")
                         .arg(Display::money(t.waitingRequestsAmount()), count(t.waitingRequests));
        //: %1 is a currency code, %2 the figures of that currency.
        lines << tr("%1: %2").arg(t.currency, parts.join(u" · "_s));
    }
    m_ui->totalsLabel->setText(lines.join(u'\n'));
}

qint64 HistoryPanel::currentPaymentId() const
{
    if (!m_model)
        return 0;
    const QModelIndex current = m_ui->paymentsView->selectionModel()->currentIndex();
    return current.isValid() ? m_model->paymentId(current.row()) : 0;
}

std::optional<PaymentRow> HistoryPanel::currentRow() const
{
    if (!m_model)
        return std::nullopt;
    const QModelIndex current = m_ui->paymentsView->selectionModel()->currentIndex();
    if (const PaymentRow *row = current.isValid() ? m_model->paymentRow(current.row()) : nullptr)
        return *row;
    return std::nullopt;
}

void HistoryPanel::selectPayment(qint64 paymentId)
{
    ensureModel();
    m_pendingPayment = paymentId;
    selectPendingPayment();
}

void HistoryPanel::selectPendingPayment()
{
    if (!m_pendingPayment || !m_model)
        return;
    const int row = m_model->rowOfPayment(m_pendingPayment);
    if (row < 0) {
        // Rows on their way may hold it; once none are, it is not in this view.
        if (!m_model->isLoading())
            m_pendingPayment = 0;
        return;
    }
    m_pendingPayment = 0;
    m_selectingPayment = true;
    m_ui->paymentsView->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_selectingPayment = false;
    m_ui->paymentsView->scrollTo(m_model->index(row, 0));
}

bool HistoryPanel::isLoading() const
{
    return m_pendingPayment != 0 || m_totalsInFlight > 0 || m_suggestionsInFlight > 0 ||
           (m_model && m_model->isLoading());
}

PaymentQuery HistoryPanel::filter() const
{
    PaymentQuery query;
    const int state = m_ui->stateCombo->currentData().toInt();
    if (state != AllStates)
        query.state = PaymentState(state);
    query.refund = PaymentQuery::Refund(m_ui->refundCombo->currentData().toInt());
    if (m_ui->fromCheck->isChecked())
        query.from = m_ui->fromEdit->date();
    if (m_ui->toCheck->isChecked())
        query.to = m_ui->toEdit->date();
    query.customerId = m_ui->customerCombo->currentData().toLongLong();
    if (const QString text = m_ui->textEdit->text().trimmed(); text.size() >= MinTextFilterLength)
        query.text = text;
    if (m_model) {
        const PaymentQuery current = m_model->filter();
        query.sort = current.sort;
        query.order = current.order;
    }
    return query;
}

bool HistoryPanel::hasFilter(const PaymentQuery &query)
{
    return query.state || query.refund != PaymentQuery::Refund::Any || query.from.isValid() ||
           query.to.isValid() || query.customerId > 0 || !query.text.isEmpty();
}

void HistoryPanel::setCustomerFilter(qint64 customerId, const QString &name)
{
    auto *combo = m_ui->customerCombo;
    const QSignalBlocker blocker(combo);
    while (combo->count() > 1)
        combo->removeItem(1);
    if (customerId > 0) {
        combo->addItem(name, customerId);
        combo->setCurrentIndex(1);
    } else {
        combo->setCurrentIndex(0);
    }
    applyFilter();
}

void HistoryPanel::setStateFilter(std::optional<PaymentState> state)
{
    const int index = m_ui->stateCombo->findData(state ? int(*state) : AllStates);
    m_ui->stateCombo->setCurrentIndex(qMax(index, 0));
}

void HistoryPanel::setRefundFilter(PaymentQuery::Refund refund)
{
    const int index = m_ui->refundCombo->findData(int(refund));
    m_ui->refundCombo->setCurrentIndex(qMax(index, 0));
}

void HistoryPanel::setTextFilter(const QString &text)
{
    m_ui->textEdit->setText(text);
    m_filterTimer.stop();
    applyFilter();
}

void HistoryPanel::applyFilter()
{
    m_filterTimer.stop();
    // Not read yet: the first read takes the filter as it then stands.
    if (m_model)
        m_model->setFilter(filter());
    updateTotals();
}

void HistoryPanel::refresh()
{
    if (!m_model) {
        ensureModel(); // reads the rows as they are now: nothing more to refresh
        return;
    }
    // The selection is kept when the rows arrive: in place, or by its id after a reset.
    m_model->reload();
    updateTotals();
}

void HistoryPanel::paymentChanged(const Payment &payment)
{
    if (!m_model)
        return; // read fresh when first shown
    // A payment already on screen is updated in place; a new one needs the list read again.
    if (!m_model->updatePayment(payment)) {
        refresh();
        return;
    }
    if (payment.id == currentPaymentId())
        showDetails();
    updateTotals(); // a settled or refunded payment moves money between the totals
}

void HistoryPanel::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    if (!PaymentTableModel::isSortable(column)) {
        // The store sorts on raw values for some columns only: put the indicator back.
        const QSignalBlocker blocker(m_ui->paymentsView->horizontalHeader());
        m_ui->paymentsView->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
}

void HistoryPanel::showDetails()
{
    m_ui->detailsView->showPayment(currentRow());
}

void HistoryPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fillStateCombo();
        fillRefundCombo();
        m_ui->customerCombo->setItemText(0, tr("All customers"));
        m_ui->customerCombo->lineEdit()->setPlaceholderText(tr("Type a name, email, phone or reference"));
        updateTotals();
        if (m_model) {
            m_model->retranslate();
            fitColumns();
        }
        showDetails();
    }
    QWidget::changeEvent(event);
}

} // namespace fatora
