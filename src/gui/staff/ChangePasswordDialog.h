#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class ChangePasswordDialog;
}

namespace fatora {

class StaffService;

// A person's own new password, typed twice: at the first sign-in on a shared database, where the
// one-time password an administrator handed over allows nothing else. StaffService checks it; its
// refusal (too short, the two differ) is shown as it says it and nothing is sent until it passes.
// A second press while one change is on its way does nothing.
class ChangePasswordDialog : public QDialog
{
    Q_OBJECT
public:
    ChangePasswordDialog(StaffService &staff, const QString &login, QWidget *parent = nullptr);
    ~ChangePasswordDialog() override;

    // After accept(): the password now in force (for the keychain), and whether to remember it.
    QString newPassword() const { return m_changed; }
    bool remember() const;

private:
    void change();

    std::unique_ptr<Ui::ChangePasswordDialog> m_ui;
    StaffService &m_staff;
    QString m_changed;
    bool m_changing = false;
};

} // namespace fatora
