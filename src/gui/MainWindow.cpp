#include "MainWindow.h"
#include "ui_MainWindow.h"

#include "ApiKeyStore.h"
#include "ChargeDialog.h"
#include "Clock.h"
#include "CustomerDialog.h"
#include "CustomersPanel.h"
#include "Display.h"
#include "GatewayClient.h"
#include "HistoryExporter.h"
#include "HistoryPanel.h"
#include "ImportDialog.h"
#include "PaymentService.h"
#include "ReconcileDialog.h"
#include "RefundDialog.h"
#include "RevokeDialog.h"
#include "SettingsDialog.h"
#include "Store.h"
#include "TokenDialog.h"
#include "Translations.h"

#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {
constexpr qint64 MaxImportBytes = 64 * 1024 * 1024;

QString badgeStyle(const QColor &colour)
{
    return u"QLabel { background-color: %1; color: white; padding: 1px 8px; border-radius: 3px; "
           "font-weight: bold; }"_s.arg(colour.name());
}

// Opens a dialog without blocking: results keep landing and tests can drive it.
template <typename Dialog> Dialog *openDialog(Dialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}
} // namespace

MainWindow::MainWindow(DeskContext context, QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()), m_context(std::move(context))
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(u":/icons/fatora-backoffice.svg"_s));

    m_customers = new CustomersPanel(m_context, this);
    m_history = new HistoryPanel(m_context, this);
    m_ui->tabs->addTab(m_customers, QIcon(u":/icons/customers.svg"_s), QString());
    m_ui->tabs->addTab(m_history, QIcon(u":/icons/history.svg"_s), QString());

    m_ui->sandboxBanner->setVisible(m_context.sandbox);
    m_ui->sandboxBanner->setStyleSheet(
        u"QLabel { background-color: %1; color: white; font-weight: bold; }"_s.arg(
            Display::sandboxColor().name()));

    setupActions();
    setupStatusBar();
    retranslate();

    PaymentService *payments = m_context.payments;
    connect(payments, &PaymentService::callsInFlightChanged, this, &MainWindow::onCallsInFlightChanged);
    connect(payments, &PaymentService::problem, this, &MainWindow::showProblem);
    connect(payments, &PaymentService::paymentChanged, this, [this](qint64 id) {
        m_history->paymentChanged(id);
        updateActions();
    });
    connect(payments, &PaymentService::tokenChanged, this, [this] {
        m_customers->refreshCustomers();
        updateActions();
    });
    connect(payments, &PaymentService::chargeFinished, this, [this] { m_customers->refreshCustomers(); });
    connect(m_customers, &CustomersPanel::currentCustomerChanged, this, &MainWindow::updateActions);
    connect(m_customers, &CustomersPanel::currentTokenChanged, this, &MainWindow::updateActions);
    connect(m_customers, &CustomersPanel::problem, this, &MainWindow::showProblem);
    connect(m_history, &HistoryPanel::currentPaymentChanged, this, &MainWindow::updateActions);
    connect(m_history, &HistoryPanel::problem, this, &MainWindow::showProblem);

    if (m_context.keyStore) {
        connect(m_context.keyStore, &ApiKeyStore::saved, this, [this](bool persisted, const QString &error) {
            m_keyLabel->setVisible(!persisted);
            if (!persisted) {
                m_keyLabel->setToolTip(error);
                statusBar()->showMessage(
                    tr("The system keychain could not store the API key (%1). It is kept for this run only.")
                        .arg(error),
                    15000);
            } else {
                statusBar()->showMessage(tr("API key saved in the system keychain."), 5000);
            }
        });
    }
    loadApiKey();
    updateActions();
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::showCustomersTab()
{
    m_ui->tabs->setCurrentWidget(m_customers);
}

void MainWindow::showHistoryTab()
{
    m_ui->tabs->setCurrentWidget(m_history);
}

void MainWindow::setupActions()
{
    struct Icon
    {
        QAction *action;
        const char16_t *file;
    };
    const Icon icons[] = {
        {m_ui->actionCharge, u":/icons/charge.svg"},
        {m_ui->actionRevoke, u":/icons/revoke.svg"},
        {m_ui->actionVerify, u":/icons/verify.svg"},
        {m_ui->actionRefund, u":/icons/refund.svg"},
        {m_ui->actionAddCustomer, u":/icons/add-customer.svg"},
        {m_ui->actionAddToken, u":/icons/add-token.svg"},
        {m_ui->actionImportCsv, u":/icons/import.svg"},
        {m_ui->actionExportCsv, u":/icons/export.svg"},
        {m_ui->actionSettings, u":/icons/settings.svg"},
        {m_ui->actionReconcile, u":/icons/reconcile.svg"},
    };
    for (const Icon &icon : icons)
        icon.action->setIcon(QIcon(QString::fromUtf16(icon.file)));

    for (QMenu *menu : findChildren<QMenu *>())
        menu->setToolTipsVisible(true);

    connect(m_ui->actionCharge, &QAction::triggered, this, &MainWindow::charge);
    connect(m_ui->actionRevoke, &QAction::triggered, this, &MainWindow::revoke);
    connect(m_ui->actionVerify, &QAction::triggered, this, &MainWindow::verify);
    connect(m_ui->actionRefund, &QAction::triggered, this, &MainWindow::refund);
    connect(m_ui->actionAddCustomer, &QAction::triggered, this, &MainWindow::addCustomer);
    connect(m_ui->actionEditCustomer, &QAction::triggered, this, &MainWindow::editCustomer);
    connect(m_ui->actionArchiveCustomer, &QAction::triggered, this, &MainWindow::archiveCustomer);
    connect(m_ui->actionAddToken, &QAction::triggered, this, &MainWindow::addToken);
    connect(m_ui->actionShowCustomerHistory, &QAction::triggered, this, &MainWindow::showCustomerHistory);
    connect(m_ui->actionFind, &QAction::triggered, this, [this] {
        showCustomersTab();
        m_customers->focusSearch();
    });
    connect(m_ui->actionImportCsv, &QAction::triggered, this, &MainWindow::importCsv);
    connect(m_ui->actionExportCsv, &QAction::triggered, this, &MainWindow::exportCsv);
    connect(m_ui->actionSettings, &QAction::triggered, this, &MainWindow::settings);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionReconcile, &QAction::triggered, this, &MainWindow::reconcile);
    connect(m_ui->actionRefresh, &QAction::triggered, this, &MainWindow::reload);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::about);

    // Context menus: the same actions (with the same enabled state and reasons) where the data is.
    auto *separator = [this] {
        auto *s = new QAction(this);
        s->setSeparator(true);
        return s;
    }();
    m_customers->customersView()->addActions({m_ui->actionAddToken, m_ui->actionShowCustomerHistory,
                                              separator, m_ui->actionAddCustomer, m_ui->actionEditCustomer,
                                              m_ui->actionArchiveCustomer});
    m_customers->tokensView()->addActions({m_ui->actionCharge, m_ui->actionRevoke, m_ui->actionAddToken});
    m_history->view()->addActions({m_ui->actionVerify, m_ui->actionRefund, m_ui->actionExportCsv});
    // Double-click on a card opens the charge dialog; nothing is sent before its review step.
    connect(m_customers->tokensView(), &QAbstractItemView::doubleClicked, this, [this] {
        if (m_ui->actionCharge->isEnabled())
            charge();
    });
}

void MainWindow::setupStatusBar()
{
    m_environmentLabel = new QLabel(this);
    m_callsLabel = new QLabel(this);
    m_keyLabel = new QLabel(this);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setMaximumWidth(520);
    m_keyLabel->setStyleSheet(badgeStyle(QColor(0xa8, 0x5a, 0x00)));
    m_keyLabel->hide();
    m_environmentLabel->setStyleSheet(
        badgeStyle(m_context.sandbox ? Display::sandboxColor() : QColor(0x1b, 0x73, 0x3a)));
    statusBar()->addPermanentWidget(m_errorLabel, 1);
    statusBar()->addPermanentWidget(m_keyLabel);
    statusBar()->addPermanentWidget(m_callsLabel);
    statusBar()->addPermanentWidget(m_environmentLabel);
}

void MainWindow::retranslate()
{
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_customers), tr("Customers"));
    m_ui->tabs->setTabText(m_ui->tabs->indexOf(m_history), tr("Transaction history"));
    m_environmentLabel->setText(m_context.sandbox ? tr("SANDBOX") : tr("LIVE"));
    m_environmentLabel->setToolTip(
        m_context.sandbox
            ? tr("Sandbox: the local simulator answers; no real money moves.")
            : tr("Live: charges move real money through %1.")
                  .arg(m_context.gateway ? m_context.gateway->config().baseUrl.toString() : QString()));
    m_keyLabel->setText(tr("API key: this run only"));
    m_errorLabel->setText(m_lastError.isEmpty() ? QString() : tr("Last gateway error: %1").arg(m_lastError));
    onCallsInFlightChanged(m_context.payments->callsInFlight());
    setWindowTitle(m_context.sandbox ? tr("Fatora Back Office — Sandbox") : tr("Fatora Back Office"));
    updateActions();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_environmentLabel) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::loadApiKey()
{
    if (m_context.sandbox || m_context.apiKeyFromEnvironment || !m_context.keyStore)
        return;
    connect(m_context.keyStore, &ApiKeyStore::loaded, this, [this](const QString &key, const QString &error) {
        if (!key.isEmpty()) {
            m_context.apiKey = key;
            if (m_context.gateway) {
                GatewayConfig config = m_context.gateway->config();
                config.apiKey = key;
                m_context.gateway->setConfig(config);
            }
        }
        if (!error.isEmpty())
            showProblem(
                tr("The system keychain could not be read (%1). Enter the API key in Settings; it is kept "
                   "for this run only.")
                    .arg(error));
        else if (key.isEmpty())
            statusBar()->showMessage(tr("No API key yet: enter the merchant key in Settings."), 15000);
    });
    m_context.keyStore->load();
}

void MainWindow::showProblem(const QString &message)
{
    m_lastError = message;
    m_errorLabel->setText(tr("Last gateway error: %1").arg(message));
    m_errorLabel->setToolTip(tr("%1 (at %2)").arg(message, Display::dateTime(m_context.clock->now())));
}

void MainWindow::onCallsInFlightChanged(int count)
{
    m_callsLabel->setText(count == 0 ? tr("No calls in flight") : tr("Calls in flight: %n", nullptr, count));
    updateActions();
    if (count == 0 && m_closeWhenIdle)
        QTimer::singleShot(0, this, &QWidget::close);
}

void MainWindow::updateActions()
{
    if (!m_customers || !m_history)
        return;
    PaymentService *payments = m_context.payments;
    auto set = [](QAction *action, bool enabled, const QString &why) {
        action->setEnabled(enabled);
        action->setToolTip(why);
    };

    const std::optional<CardToken> token = m_customers->currentToken();
    const qint64 customerId = m_customers->currentCustomerId();
    const QString chooseCard = tr("Select a saved card of a customer first.");
    if (m_closeWhenIdle) {
        set(m_ui->actionCharge, false, tr("The desk is closing once the calls in flight are finished."));
    } else if (!token) {
        set(m_ui->actionCharge, false, chooseCard);
    } else if (auto allowed = payments->canCharge(token->id); !allowed.ok()) {
        set(m_ui->actionCharge, false, allowed.error().message);
    } else {
        set(m_ui->actionCharge, true,
            tr("Charge %1 (review before anything is sent).").arg(Display::mask(token->masked())));
    }

    if (!token) {
        set(m_ui->actionRevoke, false, chooseCard);
    } else if (payments->isTokenBusy(token->id)) {
        set(m_ui->actionRevoke, false, tr("A revoke of this card is in flight; wait for its result."));
    } else if (token->status == TokenStatus::Deactivated) {
        set(m_ui->actionRevoke, false,
            tr("Token revoked on %1.").arg(Display::date(token->statusChangedAt.toLocalTime().date())));
    } else if (token->status == TokenStatus::RevokePending) {
        set(m_ui->actionRevoke, true, tr("Fatora has not confirmed the revoke yet: retry it."));
    } else {
        set(m_ui->actionRevoke, true, tr("Deactivate this card at Fatora so it can never be charged again."));
    }

    const QString chooseCustomer = tr("Select a customer first.");
    set(m_ui->actionAddToken, customerId > 0,
        customerId > 0 ? tr("Save a pasted card token for this customer.") : chooseCustomer);
    set(m_ui->actionEditCustomer, customerId > 0,
        customerId > 0 ? m_ui->actionEditCustomer->statusTip() : chooseCustomer);
    const auto customer = m_customers->currentCustomer();
    if (customer && customer->archived)
        set(m_ui->actionArchiveCustomer, false, tr("This customer is already archived."));
    else
        set(m_ui->actionArchiveCustomer, customerId > 0,
            customerId > 0 ? m_ui->actionArchiveCustomer->statusTip() : chooseCustomer);
    set(m_ui->actionShowCustomerHistory, customerId > 0,
        customerId > 0 ? m_ui->actionShowCustomerHistory->statusTip() : chooseCustomer);

    const std::optional<PaymentRow> row = m_history->currentRow();
    const QString choosePayment = tr("Select a payment in the transaction history first.");
    if (!row) {
        set(m_ui->actionVerify, false, choosePayment);
        set(m_ui->actionRefund, false, choosePayment);
    } else {
        const Payment &p = row->payment;
        if (payments->isBusy(p.id)) {
            set(m_ui->actionVerify, false, tr("A call for this payment is in flight; wait for its result."));
            set(m_ui->actionRefund, false, tr("A call for this payment is in flight; wait for its result."));
        } else {
            if (p.state == PaymentState::Unknown || p.state == PaymentState::Pending)
                set(m_ui->actionVerify, true,
                    tr("Ask Fatora what happened to order %1.").arg(Display::isolate(p.orderId)));
            else
                set(m_ui->actionVerify, false,
                    tr("The outcome is known (%1); only payments with an unknown outcome need verifying.")
                        .arg(Display::paymentState(p.state)));

            if (p.state != PaymentState::Approved)
                set(m_ui->actionRefund, false,
                    tr("Only approved payments can be refunded; this one is %1.")
                        .arg(Display::paymentState(p.state)));
            else if (p.refundState == RefundState::Refunded)
                set(m_ui->actionRefund, false, tr("Refunded on %1.").arg(Display::dateTime(p.refundedAt)));
            else if (p.refundState == RefundState::Pending)
                set(m_ui->actionRefund, false,
                    tr("A refund of this payment is already pending at the bank."));
            else if (p.refundState == RefundState::Unknown)
                set(m_ui->actionRefund, false,
                    tr("The outcome of the last refund is unknown; check it in the Fatora dashboard first."));
            else
                set(m_ui->actionRefund, true,
                    tr("Refund %1 of order %2.").arg(Display::amount(p.amount), Display::isolate(p.orderId)));
        }
    }
}

ChargeDialog *MainWindow::openChargeDialog(qint64 tokenId)
{
    // One charge dialog at a time: a second trigger brings the open one back instead.
    if (m_chargeDialog && m_chargeDialog->isVisible()) {
        m_chargeDialog->raise();
        m_chargeDialog->activateWindow();
        return m_chargeDialog;
    }
    auto *dialog = new ChargeDialog(m_context, tokenId, this);
    connect(dialog, &ChargeDialog::chargeRequested, this, [this](qint64 paymentId) {
        m_history->paymentChanged(paymentId);
        updateActions();
    });
    m_chargeDialog = openDialog(dialog);
    return dialog;
}

void MainWindow::charge()
{
    if (const auto token = m_customers->currentToken(); token && m_ui->actionCharge->isEnabled())
        openChargeDialog(token->id);
}

void MainWindow::openRevokeDialog(qint64 tokenId)
{
    openDialog(new RevokeDialog(m_context, tokenId, this));
}

void MainWindow::revoke()
{
    if (const auto token = m_customers->currentToken(); token && m_ui->actionRevoke->isEnabled())
        openRevokeDialog(token->id);
}

void MainWindow::openRefundDialog(qint64 paymentId)
{
    openDialog(new RefundDialog(m_context, paymentId, this));
}

void MainWindow::refund()
{
    if (const auto row = m_history->currentRow(); row && m_ui->actionRefund->isEnabled())
        openRefundDialog(row->payment.id);
}

void MainWindow::openReconcileDialog(const QList<qint64> &paymentIds)
{
    openDialog(new ReconcileDialog(m_context, paymentIds, this));
}

void MainWindow::verify()
{
    if (const auto row = m_history->currentRow(); row && m_ui->actionVerify->isEnabled())
        openReconcileDialog({row->payment.id});
}

void MainWindow::reconcile()
{
    openReconcileDialog({});
}

void MainWindow::addCustomer()
{
    auto *dialog = openDialog(new CustomerDialog(m_context, 0, this));
    connect(dialog, &CustomerDialog::saved, this, [this](qint64 id) {
        m_customers->refreshCustomers();
        m_customers->selectCustomer(id);
    });
}

void MainWindow::editCustomer()
{
    const qint64 id = m_customers->currentCustomerId();
    if (!id)
        return;
    auto *dialog = openDialog(new CustomerDialog(m_context, id, this));
    connect(dialog, &CustomerDialog::saved, this, [this] { m_customers->refreshCustomers(); });
}

void MainWindow::archiveCustomer()
{
    auto customer = m_customers->currentCustomer();
    if (!customer || customer->archived)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Archive customer"),
        tr("Archive %1? The customer disappears from the list; saved cards and history are kept.")
            .arg(customer->name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    Customer c = *customer;
    c.archived = true;
    Store::Transaction tx(*m_context.store);
    AuditEntry audit;
    audit.at = m_context.clock->now();
    audit.operatorName = m_context.payments->operatorName();
    audit.action = u"customer.archived"_s;
    audit.objectType = u"customer"_s;
    audit.objectId = c.id;
    audit.detail = c.name;
    Result<void> done = m_context.store->updateCustomer(c);
    if (done.ok()) {
        if (auto written = m_context.store->appendAudit(audit); !written.ok())
            done = written.error();
    }
    if (done.ok())
        done = tx.commit();
    if (!done.ok()) {
        QMessageBox::warning(this, tr("Archive customer"), done.error().toString());
        return;
    }
    m_customers->refreshCustomers();
}

void MainWindow::addToken()
{
    const qint64 customerId = m_customers->currentCustomerId();
    if (!customerId)
        return;
    auto *dialog = openDialog(new TokenDialog(m_context, customerId, this));
    connect(dialog, &TokenDialog::saved, this, [this](qint64 tokenId) {
        m_customers->refreshCustomers();
        m_customers->selectToken(tokenId);
    });
}

void MainWindow::showCustomerHistory()
{
    if (const auto customer = m_customers->currentCustomer()) {
        m_history->setCustomerFilter(customer->id, customer->name);
        showHistoryTab();
    }
}

void MainWindow::openImportDialog(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Import CSV"), tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    if (file.size() > MaxImportBytes) {
        QMessageBox::warning(this, tr("Import CSV"),
                             tr("%1 is larger than 64 MB; split it into smaller files.").arg(path));
        return;
    }
    auto *dialog = openDialog(new ImportDialog(m_context, file.readAll(), QFileInfo(path).fileName(), this));
    connect(dialog, &ImportDialog::imported, this, [this] { m_customers->refreshCustomers(); });
}

void MainWindow::importCsv()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import customers and tokens"),
                                     QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
                                     tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        openImportDialog(path);
}

Result<int> MainWindow::exportHistory(const QString &path)
{
    return HistoryExporter::exportTo(*m_context.store, m_history->filter(), path);
}

void MainWindow::exportCsv()
{
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' +
                              u"fatora-history-%1.csv"_s.arg(m_context.clock->today().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export transaction history"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto written = exportHistory(path);
    if (!written.ok()) {
        QMessageBox::warning(this, tr("Export CSV"), written.error().message);
        return;
    }
    statusBar()->showMessage(tr("Payments exported to %1: %n.", nullptr, written.value()).arg(path), 10000);
}

void MainWindow::applyLanguage(const QString &language)
{
    if (!Translations::apply(language))
        QMessageBox::warning(this, tr("Language"), tr("The Arabic translation could not be loaded."));
}

void MainWindow::settings()
{
    auto *dialog = openDialog(new SettingsDialog(m_context, this));
    connect(dialog, &SettingsDialog::languageChanged, this, &MainWindow::applyLanguage);
    connect(dialog, &QDialog::accepted, this, [this] {
        statusBar()->showMessage(tr("Settings saved."), 5000);
        retranslate();
    });
}

void MainWindow::reload()
{
    m_customers->refreshCustomers();
    m_history->refresh();
    updateActions();
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Fatora Back Office"),
        tr("<b>Fatora Back Office</b> %1<br>Charge saved card tokens through the Fatora payment "
           "gateway, revoke them and follow every payment.<br>Database: %2")
            .arg(QCoreApplication::applicationVersion(), m_context.store->location().toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const int inFlight = m_context.payments->callsInFlight();
    if (inFlight == 0) {
        event->accept();
        return;
    }
    event->ignore();
    if (m_closeWhenIdle)
        return;
    QMessageBox box(QMessageBox::Question, tr("Calls in flight"),
                    tr("Calls to Fatora still in flight: %n. Their results must be recorded before the desk "
                       "closes.",
                       nullptr, inFlight),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Close as soon as the results are in?"));
    QPushButton *wait = box.addButton(tr("Close when finished"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(wait);
    box.exec();
    if (box.clickedButton() != static_cast<QAbstractButton *>(wait))
        return;
    m_closeWhenIdle = true;
    statusBar()->showMessage(tr("Closing as soon as the calls in flight are finished…"));
    updateActions();
    if (m_context.payments->callsInFlight() == 0)
        QTimer::singleShot(0, this, &QWidget::close);
}

} // namespace fatora
