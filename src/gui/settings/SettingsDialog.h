#pragma once

#include "settings/AppSettings.h"

#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QTabWidget;

namespace Ui {
class SettingsDialog;
}

namespace fatora {

class DatabasePage;
struct DeskContext;
struct GatewayResult;

// Three pages. Gateway: address, API key (masked; kept in the system keychain, or for this run only
// when there is none), timeout; "Test connection" proves the key with a verify of an order that does
// not exist: no money can move. Desk: default currency, operator name, merchant name, language.
// Database: this computer's file or a shared server (DatabasePage), used from the next start.
// Saving a new key or database password waits for the keychain's answers, so that what was not
// stored is said here, where it was typed.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(DeskContext &context, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // The settings as entered, or the first field in error.
    Result<AppSettings> enteredSettings() const;
    QString enteredApiKey() const;

    void accept() override;
    void reject() override;
    // Waiting for the keychain to answer a save.
    bool isSavingKey() const { return m_pendingSaves > 0; }
    DatabasePage *databasePage() const { return m_databasePage; }

signals:
    void languageChanged(const QString &language);
    void testFinished(bool keyWorks);

private:
    void testConnection();
    void showTestResult(const GatewayResult &result);
    void showError(const QString &message);
    void showKeyNote();
    void keySaved(bool persisted, const QString &error);
    void savePassword(const QString &account, const QString &password);
    void saveAnswered();
    QString databaseNote() const;

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    DeskContext &m_context;
    QNetworkAccessManager *m_network = nullptr;
    QLineEdit *m_merchantEdit = nullptr;
    QLabel *m_merchantLabel = nullptr;
    bool m_testing = false;
    bool m_applied = false; // the settings are in effect; closing can no longer undo them
    QTabWidget *m_tabs = nullptr;
    DatabasePage *m_databasePage = nullptr;
    int m_pendingSaves = 0;       // keychain answers still awaited
    QStringList m_saveProblems;   // what the keychain could not keep, said when all have answered
    bool m_savingKey = false;     // the API key's save is among them
    bool m_keyProblem = false;    // the key is kept for this run only (said in its note)
};

} // namespace fatora
