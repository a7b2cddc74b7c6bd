#pragma once

#include "DeskContext.h"
#include "Result.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QLabel;

namespace Ui {
class MainWindow;
}

namespace fatora {

class ChargeDialog;
class CustomersPanel;
class HistoryPanel;

// The desk: customers with their saved cards, the transaction history, and the actions that move
// money. Actions are disabled, with a tooltip saying why, whenever the core would refuse them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(DeskContext context, QWidget *parent = nullptr);
    ~MainWindow() override;

    DeskContext &context() { return m_context; }
    CustomersPanel *customersPanel() const { return m_customers; }
    HistoryPanel *historyPanel() const { return m_history; }
    QAction *action(const QString &objectName) const;
    void showCustomersTab();
    void showHistoryTab();

    // The actions' bodies; public so that tests and the screenshot tour can drive them directly.
    ChargeDialog *openChargeDialog(qint64 tokenId);
    void openRevokeDialog(qint64 tokenId);
    void openRefundDialog(qint64 paymentId);
    void openReconcileDialog(const QList<qint64> &paymentIds);
    void openImportDialog(const QString &path);
    Result<int> exportHistory(const QString &path);
    void updateActions();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void setupActions();
    void setupStatusBar();
    void retranslate();
    void loadApiKey();
    void applyLanguage(const QString &language);
    void showProblem(const QString &message);
    void onCallsInFlightChanged(int count);

    void charge();
    void revoke();
    void verify();
    void refund();
    void addCustomer();
    void editCustomer();
    void archiveCustomer();
    void addToken();
    void showCustomerHistory();
    void importCsv();
    void exportCsv();
    void settings();
    void reconcile();
    void reload();
    void about();

    std::unique_ptr<Ui::MainWindow> m_ui;
    DeskContext m_context;
    CustomersPanel *m_customers = nullptr;
    HistoryPanel *m_history = nullptr;
    QLabel *m_environmentLabel = nullptr;
    QLabel *m_callsLabel = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPointer<ChargeDialog> m_chargeDialog;
    bool m_closeWhenIdle = false;
    QString m_lastError;
};

} // namespace fatora
