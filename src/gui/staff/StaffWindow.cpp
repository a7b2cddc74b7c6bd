#include "staff/StaffWindow.h"
#include "ui_StaffWindow.h"

#include "common/Display.h"
#include "store/StoreReader.h"

#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QStandardItemModel>
#include <QTimer>

#include <utility>

using namespace Qt::StringLiterals;

namespace fatora {

StaffWindow::StaffWindow(Store &store, StoreReader &reader, const StaffMember &actor, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::StaffWindow>()), m_staff(store), m_reader(reader), m_actor(actor)
{
    m_ui->setupUi(this);
    setAttribute(Qt::WA_DeleteOnClose);
    m_staff.setActor(actor);
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_ui->staffView->setModel(m_model);
    m_ui->staffView->verticalHeader()->hide();
    m_ui->staffView->horizontalHeader()->setStretchLastSection(true);
    m_ui->staffView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (StaffRole role : {StaffRole::Clerk, StaffRole::Supervisor, StaffRole::Administrator}) {
        m_ui->roleCombo->addItem(QString(), int(role));
        m_ui->newRoleCombo->addItem(QString(), int(role));
    }
    retranslate();
    m_forget = new QTimer(this);
    m_forget->setSingleShot(true);
    m_forget->setInterval(5 * 60 * 1000);
    connect(m_forget, &QTimer::timeout, this, &StaffWindow::forgetOneTimePassword);
    forgetOneTimePassword();
    connect(m_ui->copyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_ui->passwordEdit->text()); });
    connect(m_ui->closeButton, &QPushButton::clicked, this, &StaffWindow::forgetOneTimePassword);
    // Nothing to add without a login: a second click or Enter after an addition does nothing.
    m_ui->addButton->setEnabled(false);
    connect(m_ui->loginEdit, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_ui->addButton->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_ui->addButton, &QPushButton::clicked, this, &StaffWindow::add);
    connect(m_ui->loginEdit, &QLineEdit::returnPressed, this, &StaffWindow::add);
    connect(m_ui->setRoleButton, &QPushButton::clicked, this, &StaffWindow::setRole);
    connect(m_ui->enableButton, &QPushButton::clicked, this, &StaffWindow::toggleEnabled);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::close);
    connect(m_ui->staffView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &StaffWindow::updateButtons);
    reload();
}

StaffWindow::~StaffWindow() = default;

void StaffWindow::retranslate()
{
    m_model->setHorizontalHeaderLabels(
        {tr("Login"), tr("Role"), tr("State"), tr("Added"), tr("Added by"), tr("Last activity")});
    for (QComboBox *combo : {m_ui->roleCombo, m_ui->newRoleCombo}) {
        for (int i = 0; i < combo->count(); ++i)
            combo->setItemText(i, staffRoleTitle(StaffRole(combo->itemData(i).toInt())));
    }
}

void StaffWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
        reload(); // each person's role and state, in the new language
    }
    QDialog::changeEvent(event);
}

void StaffWindow::reload()
{
    if (m_reading > 0) {
        m_readAgain = true; // the read on its way may have been made before this change
        return;
    }
    ++m_reading;
    // Read on the desk's reader (issue 13), under the same rule as every staff action (StaffService).
    m_reader.read<QList<StaffMember>>(
        this,
        [actor = m_actor](Store &store) {
            StaffService staff(store);
            staff.setActor(actor);
            return staff.list();
        },
        [this](Result<QList<StaffMember>> people) {
            --m_reading;
            showPeople(people);
            if (std::exchange(m_readAgain, false))
                reload();
        });
}

void StaffWindow::showPeople(const Result<QList<StaffMember>> &people)
{
    // The person just added, else the one selected: never the one before an add, or a role
    // change or a disable meant for the new person would land on them.
    const QString wanted = std::exchange(m_selectAfterRead, QString());
    const QString keep = !wanted.isEmpty() ? wanted : selected() ? selected()->login : QString();
    m_model->removeRows(0, m_model->rowCount());
    m_people.clear();
    if (!people) {
        m_ui->resultLabel->setText(people.error().message);
        updateButtons();
        return;
    }
    m_people = people.value();
    for (const StaffMember &m : std::as_const(m_people)) {
        const QString state = m.disabled()           ? tr("disabled")
                              : m.mustChangePassword ? tr("one-time password")
                                                     : tr("active");
        QList<QStandardItem *> row;
        for (const QString &text :
             {Display::isolateAuto(m.login), m.role ? staffRoleTitle(*m.role) : tr("none"), state,
              Display::dateTime(m.addedAt), Display::isolateAuto(m.addedBy),
              m.lastActivity.isValid() ? Display::dateTime(m.lastActivity) : tr("never")})
            row << new QStandardItem(text);
        m_model->appendRow(row);
    }
    m_ui->staffView->resizeColumnsToContents();
    if (!keep.isEmpty())
        selectLogin(keep);
    updateButtons();
}

void StaffWindow::selectLogin(const QString &login)
{
    for (int row = 0; row < m_people.size(); ++row) {
        if (m_people.at(row).login == login)
            m_ui->staffView->setCurrentIndex(m_model->index(row, Login)); // selects the row as well
    }
}

std::optional<StaffMember> StaffWindow::selected() const
{
    const int row = m_ui->staffView->currentIndex().row();
    if (row < 0 || row >= m_people.size())
        return std::nullopt;
    return m_people.at(row);
}

void StaffWindow::updateButtons()
{
    const auto person = selected();
    m_ui->setRoleButton->setEnabled(person.has_value());
    m_ui->enableButton->setEnabled(person.has_value());
    m_ui->enableButton->setText(person && person->disabled() ? tr("&Enable") : tr("&Disable"));
    if (person && person->role)
        m_ui->roleCombo->setCurrentIndex(m_ui->roleCombo->findData(int(*person->role)));
}

void StaffWindow::report(const Result<void> &done, const QString &success)
{
    m_ui->resultLabel->setText(done ? success : done.error().message);
    reload();
}

void StaffWindow::add()
{
    const QString login = m_ui->loginEdit->text().trimmed();
    if (login.isEmpty())
        return;
    const auto role = StaffRole(m_ui->newRoleCombo->currentData().toInt());
    auto added = m_staff.add(login, role);
    if (!added) {
        m_ui->resultLabel->setText(added.error().message);
        return;
    }
    m_ui->loginEdit->clear();
    m_selectAfterRead = login; // the list is read again on the reader: selected once it is in
    reload();
    m_ui->resultLabel->setText(tr("%1 was added as a %2. Give them the one-time password in person: it is "
                                  "shown only now.")
                                   .arg(Display::isolateAuto(login), staffRoleTitle(role)));
    showOneTimePassword(login, added->oneTimePassword);
}

void StaffWindow::showOneTimePassword(const QString &login, const QString &password)
{
    m_ui->passwordLabel->setText(tr("One-time password for %1:").arg(Display::isolateAuto(login)));
    m_ui->passwordEdit->setText(password);
    for (QWidget *w : {static_cast<QWidget *>(m_ui->passwordLabel),
                       static_cast<QWidget *>(m_ui->passwordEdit), static_cast<QWidget *>(m_ui->copyButton)})
        w->setVisible(true);
    m_forget->start();
}

void StaffWindow::forgetOneTimePassword()
{
    m_ui->passwordEdit->clear();
    for (QWidget *w : {static_cast<QWidget *>(m_ui->passwordLabel),
                       static_cast<QWidget *>(m_ui->passwordEdit), static_cast<QWidget *>(m_ui->copyButton)})
        w->setVisible(false);
}

void StaffWindow::setRole()
{
    const auto person = selected();
    if (!person)
        return;
    const auto role = StaffRole(m_ui->roleCombo->currentData().toInt());
    report(m_staff.setRole(person->login, role),
           tr("%1 is now a %2; their desk applies it at its next sign-in.")
               .arg(Display::isolateAuto(person->login), staffRoleTitle(role)));
}

void StaffWindow::toggleEnabled()
{
    const auto person = selected();
    if (!person)
        return;
    const bool enable = person->disabled();
    report(m_staff.setEnabled(person->login, enable),
           enable ? tr("%1 may sign in again.").arg(Display::isolateAuto(person->login))
                  : tr("%1 can no longer sign in; their open desks lost every right. Their history stays.")
                        .arg(Display::isolateAuto(person->login)));
}

} // namespace fatora
