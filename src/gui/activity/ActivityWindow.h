#pragma once

#include "domain/Result.h"
#include "domain/StaffMember.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ActivityWindow;
}

class QTimer;

namespace fatora {

class ActivityTableModel;
class Store;

// Activity: who did what, from the audit log, filtered by person, kind of action and dates, newest
// first; an entry opens its payment, card or customer; the list exports as CSV for an accountant (a
// supervisor's right, as the history's export). Whose entries a person reads is the shared
// database's to decide (their own; an administrator everyone's), and the window says which.
class ActivityWindow : public QDialog
{
    Q_OBJECT
public:
    ActivityWindow(Store &store, const StaffMember &person, const QDate &today, QWidget *parent = nullptr);
    ~ActivityWindow() override;

    ActivityTableModel *model() const { return m_model; }
    // Writes what the filter matches to path; the number of entries, or why not.
    Result<int> exportTo(const QString &path);

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
    Store &m_store;
    const StaffMember m_person;
    ActivityTableModel *m_model = nullptr;
    QTimer *m_typing = nullptr; // a typed person applies after a pause
};

} // namespace fatora
