#pragma once

#include "settings/AppSettings.h"

#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QNetworkAccessManager;

namespace Ui {
class SettingsDialog;
}

namespace fatora {

struct DeskContext;
struct GatewayResult;

// Gateway address, API key (masked; kept in the system keychain, or for this run only when there
// is none), timeout, default currency, operator name and language. "Test connection" proves the key
// with a verify of an order that does not exist: no money can move. Saving a new key waits for the
// keychain's answer, so that "kept for this run only" is said here, where the key was typed.
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
    bool isSavingKey() const { return m_savingKey; }

signals:
    void languageChanged(const QString &language);
    void testFinished(bool keyWorks);

private:
    void testConnection();
    void showTestResult(const GatewayResult &result);
    void showError(const QString &message);
    void showKeyNote();
    void keySaved(bool persisted, const QString &error);

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    DeskContext &m_context;
    QNetworkAccessManager *m_network = nullptr;
    QLineEdit *m_merchantEdit = nullptr;
    QLabel *m_merchantLabel = nullptr;
    bool m_testing = false;
    bool m_applied = false; // the settings are in effect; closing can no longer undo them
    bool m_savingKey = false;
};

} // namespace fatora
