#pragma once

#include "domain/StaffMember.h"
#include "staff/StaffService.h"

#include <QDialog>

#include <memory>

namespace Ui {
class StaffWindow;
}

class QStandardItemModel;
class QTimer;

namespace fatora {

class Store;
class StoreReader;

// An administrator's staff management at the desk, through StaffService (as "fatora-cli staff"):
// the people with their role, state and last activity; add one (their one-time password shown once,
// selectable, never kept), change a role, disable or enable. Every refusal is shown as the service or
// the database words it; nothing is retried on its own.
class StaffWindow : public QDialog
{
    Q_OBJECT
public:
    // Changes go through store (StaffService); the list is read through reader (issue 13).
    StaffWindow(Store &store, StoreReader &reader, const StaffMember &actor, QWidget *parent = nullptr);
    ~StaffWindow() override;

    enum Column { Login, Role, State, Added, AddedBy, LastActivity, ColumnCount };
    QStandardItemModel *model() const { return m_model; }
    void selectLogin(const QString &login);
    // The list is read on the desk's reader.
    bool isReading() const { return m_reading > 0; }

protected:
    void changeEvent(QEvent *event) override;

private:
    // The texts set in code (headers, role names), in the desk's language.
    void retranslate();
    void reload();
    void showPeople(const Result<QList<StaffMember>> &people);
    void add();
    void setRole();
    void toggleEnabled();
    void updateButtons();
    std::optional<StaffMember> selected() const;
    void report(const Result<void> &done, const QString &success);
    // The one-time password, in a field of its own that no later message overwrites, left to right
    // with nothing invisible around it (so a copy signs in), cleared after a while or on closing.
    void showOneTimePassword(const QString &login, const QString &password);
    void forgetOneTimePassword();

    std::unique_ptr<Ui::StaffWindow> m_ui;
    StaffService m_staff;
    StoreReader &m_reader;
    const StaffMember m_actor;
    int m_reading = 0;
    bool m_readAgain = false;
    QString m_selectAfterRead; // a login to select once the list is read again
    QStandardItemModel *m_model = nullptr;
    QList<StaffMember> m_people;
    QTimer *m_forget = nullptr;
};

} // namespace fatora
