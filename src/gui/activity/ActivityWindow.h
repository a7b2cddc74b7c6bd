#pragma once

#include "domain/Result.h"
#include "domain/StaffMember.h"

#include <QDialog>

#include <functional>
#include <memory>

namespace Ui {
class ActivityWindow;
}

class QTimer;

namespace fatora {

class ActivityTableModel;
class StoreReader;

// Activity: who did what, from the audit log, filtered by person, kind of action and dates, newest
// first; an entry opens its payment, card or customer; the list exports as CSV for an accountant (a
// supervisor's right, as the history's export). Whose entries a person reads is the shared
// database's to decide (their own; an administrator everyone's), and the window says which.
class ActivityWindow : public QDialog
{
    Q_OBJECT
public:
    // Reads through `reader` (issue 13). keepsStaffAccounts: a shared database (Store::keepsStaffAccounts).
    ActivityWindow(StoreReader &reader, bool keepsStaffAccounts, const StaffMember &person, const QDate &today,
                   QWidget *parent = nullptr);
    ~ActivityWindow() override;

    ActivityTableModel *model() const { return m_model; }
    // Writes what the filter matches to path, read on the reader; `done` gets the number of entries,
    // or why not (at once when the person may not export). Not called if the window is closed first.
    void exportTo(const QString &path, std::function<void(Result<int>)> done);

signals:
    // An entry was opened: "payment", "token" or "customer", and its id.
    void openObject(const QString &objectType, qint64 objectId);

protected:
    void changeEvent(QEvent *event) override;

private:
    // The texts set in code (kinds of action, whose entries these are), in the desk's language.
    void retranslate();
    void reload();
    void exportCsv();
    void openRow(const QModelIndex &index);

    std::unique_ptr<Ui::ActivityWindow> m_ui;
    StoreReader &m_reader;
    const bool m_keepsStaffAccounts;
    const StaffMember m_person;
    ActivityTableModel *m_model = nullptr;
    QTimer *m_typing = nullptr; // a typed person applies after a pause
};

} // namespace fatora
