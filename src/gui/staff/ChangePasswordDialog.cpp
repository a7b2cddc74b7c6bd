#include "staff/ChangePasswordDialog.h"
#include "ui_ChangePasswordDialog.h"

#include "common/Display.h"
#include "staff/StaffService.h"

#include <QPushButton>

namespace fatora {

ChangePasswordDialog::ChangePasswordDialog(StaffService &staff, const QString &login, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ChangePasswordDialog>()), m_staff(staff)
{
    m_ui->setupUi(this);
    m_ui->explanation->setText(
        tr("You signed in as %1 with the one-time password an administrator gave you. Choose your own "
           "password now (at least 12 characters): until then this desk can do nothing for you.")
            .arg(Display::isolateAuto(login)));
    m_ui->rememberCheck->setChecked(true);
    connect(m_ui->changeButton, &QPushButton::clicked, this, &ChangePasswordDialog::change);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    m_ui->newPasswordEdit->setFocus();
}

ChangePasswordDialog::~ChangePasswordDialog() = default;

bool ChangePasswordDialog::remember() const
{
    return m_ui->rememberCheck->isChecked();
}

void ChangePasswordDialog::change()
{
    if (m_changing)
        return;
    m_changing = true;
    const QString password = m_ui->newPasswordEdit->text();
    auto changed = m_staff.changeOwnPassword(password, m_ui->repeatEdit->text());
    m_changing = false;
    if (!changed.ok()) {
        m_ui->errorLabel->setText(changed.error().message);
        m_ui->repeatEdit->clear();
        return;
    }
    m_changed = password;
    m_ui->newPasswordEdit->clear();
    m_ui->repeatEdit->clear();
    accept();
}

} // namespace fatora
