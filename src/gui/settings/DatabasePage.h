#pragma once

#include "settings/DatabaseSettings.h"
#include "store/Store.h"

#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace fatora {

// The Settings "Database" page, also shown when the desk cannot open its database at start-up:
// this computer (a file) or a shared PostgreSQL server (host, port, database, user, SSL mode,
// password). "Test connection" connects from a worker thread and reads the schema version without
// changing anything, so the desk never freezes on a server that does not answer. The password is
// only handed out (enteredPassword) for the keychain and this run; it is never shown or saved here.
class DatabasePage : public QWidget
{
    Q_OBJECT
public:
    explicit DatabasePage(QWidget *parent = nullptr);

    void setSettings(const DatabaseSettings &settings);
    // The settings as entered, or the first field in error ("Host: enter …").
    Result<DatabaseSettings> enteredSettings() const;
    QString enteredPassword() const;
    bool passwordEdited() const;
    // Start-up: the "remember in the system keychain" box (Settings always stores the password).
    void showRememberBox(bool show);
    bool rememberPassword() const;
    // What the page says about the database in use, e.g. that --database wins over it.
    void setNote(const QString &note);

    bool isTesting() const { return m_testing; }

signals:
    void testFinished(bool connected);

private:
    void kindChanged();
    void browse();
    void testConnection();
    void showTestResult(const Result<Store::SchemaState> &result);

    QRadioButton *m_fileRadio = nullptr;
    QRadioButton *m_serverRadio = nullptr;
    QLineEdit *m_fileEdit = nullptr;
    QPushButton *m_browseButton = nullptr;
    QLineEdit *m_hostEdit = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLineEdit *m_userEdit = nullptr;
    QComboBox *m_sslCombo = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QCheckBox *m_rememberBox = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_note = nullptr;
    QList<QWidget *> m_serverFields;
    bool m_testing = false;
    bool m_passwordEdited = false;
};

} // namespace fatora
