#include "activity/ActivityWindow.h"
#include "ui_ActivityWindow.h"

#include "activity/ActivityTableModel.h"
#include "common/Display.h"
#include "common/UiSupport.h"
#include "csv/ActivityCsvWriter.h"
#include "staff/StaffRights.h"
#include "store/Store.h"
#include "store/StoreReader.h"

#include <QEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include <iterator>

using namespace Qt::StringLiterals;

namespace fatora {

ActivityWindow::ActivityWindow(StoreReader &reader, bool keepsStaffAccounts, const StaffMember &person,
                               const QDate &today, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ActivityWindow>()), m_reader(reader),
      m_keepsStaffAccounts(keepsStaffAccounts), m_person(person)
{
    m_ui->setupUi(this);
    setAttribute(Qt::WA_DeleteOnClose);
    m_model = new ActivityTableModel(reader, this);
    m_ui->activityView->setModel(m_model);
    m_ui->activityView->horizontalHeader()->setStretchLastSection(true);
    m_ui->activityView->verticalHeader()->hide();

    // Kinds of action by the audit's own prefixes (the detail of each is in the list).
    for (const QString &prefix : {QString(), u"charge."_s, u"refund."_s, u"token."_s, u"customer."_s,
                                  u"card-request."_s, u"batch."_s, u"staff."_s})
        m_ui->actionCombo->addItem(QString(), prefix);
    m_ui->fromEdit->setDate(today.addDays(-30));
    m_ui->toEdit->setDate(today);
    m_ui->fromEdit->setEnabled(false);
    m_ui->toEdit->setEnabled(false);

    retranslate();

    // Typing waits for a pause; the other filters apply at once.
    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(300);
    connect(m_typing, &QTimer::timeout, this, &ActivityWindow::reload);
    connect(m_ui->personEdit, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_ui->actionCombo, &QComboBox::currentIndexChanged, this, &ActivityWindow::reload);
    connect(m_ui->datesCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_ui->fromEdit->setEnabled(on);
        m_ui->toEdit->setEnabled(on);
        reload();
    });
    connect(m_ui->fromEdit, &QDateEdit::dateChanged, this, &ActivityWindow::reload);
    connect(m_ui->toEdit, &QDateEdit::dateChanged, this, &ActivityWindow::reload);
    connect(m_ui->activityView, &QAbstractItemView::doubleClicked, this, &ActivityWindow::openRow);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &ActivityWindow::exportCsv);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::close);
    connect(m_model, &ActivityTableModel::loadFailed, m_ui->errorLabel, &QLabel::setText);
    connect(m_model, &ActivityTableModel::firstPageShown, m_ui->activityView, &QTableView::resizeColumnsToContents);
    reload();
}

ActivityWindow::~ActivityWindow() = default;

void ActivityWindow::retranslate()
{
    const QString titles[] = {tr("Every action"), tr("Charges"),       tr("Refunds"),      tr("Cards"),
                              tr("Customers"),    tr("Card requests"), tr("Billing runs"), tr("Staff")};
    for (int i = 0; i < m_ui->actionCombo->count() && i < int(std::size(titles)); ++i)
        m_ui->actionCombo->setItemText(i, titles[i]);
    if (!m_keepsStaffAccounts)
        m_ui->scopeLabel->setText(
            tr("Everything done on this database file, by whoever worked at this computer."));
    else if (StaffRights::check(m_person, StaffRights::Action::ReadEveryonesActivity))
        m_ui->scopeLabel->setText(
            tr("Everyone's activity on the shared database (you are an administrator)."));
    else
        m_ui->scopeLabel->setText(tr("Your own activity, %1: an administrator reads everyone's.")
                                      .arg(Display::isolateAuto(m_person.login)));
    if (auto may = StaffRights::check(m_person, StaffRights::Action::Export); !may) {
        m_ui->exportButton->setEnabled(false);
        m_ui->exportButton->setToolTip(Display::plainToolTip(may.error().message));
    }
}

void ActivityWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
        reload(); // the headers and "what it is about" in the new language
    }
    QDialog::changeEvent(event);
}

void ActivityWindow::reload()
{
    m_typing->stop();
    AuditQuery query;
    query.operatorName = m_ui->personEdit->text().trimmed();
    query.actionPrefix = m_ui->actionCombo->currentData().toString();
    if (m_ui->datesCheck->isChecked()) {
        query.from = m_ui->fromEdit->date();
        query.to = m_ui->toEdit->date();
    }
    m_model->setQuery(query); // a read that fails says so (loadFailed)
    // An empty list for dates the wrong way round would look like a quiet day.
    m_ui->errorLabel->setText(query.from.isValid() && query.from > query.to
                                  ? tr("From is after to: nothing can match. Swap the dates.")
                                  : QString());
}

void ActivityWindow::openRow(const QModelIndex &index)
{
    const auto entry = m_model->entryAt(index.row());
    if (!entry)
        return;
    if (entry->objectType == u"payment"_s || entry->objectType == u"token"_s ||
        entry->objectType == u"customer"_s)
        emit openObject(entry->objectType, entry->objectId);
}

void ActivityWindow::exportTo(const QString &path, std::function<void(Result<int>)> done)
{
    if (auto may = StaffRights::check(m_person, StaffRights::Action::Export); !may) {
        done(may.error());
        return;
    }
    if (m_typing->isActive()) // what the filters say now, not before the last keystrokes
        reload();
    m_reader.read<QList<AuditEntry>>(
        this, [query = m_model->query()](Store &store) { return ActivityTableModel::allEntries(store, query); },
        [path, done = std::move(done)](Result<QList<AuditEntry>> all) {
            if (!all) {
                done(all.error());
                return;
            }
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                done(Error{u"file"_s, tr("Cannot write %1: %2").arg(Display::path(path), file.errorString())});
                return;
            }
            file.write(ActivityCsvWriter::write(all.value()));
            if (!file.commit()) {
                done(Error{u"file"_s, tr("Cannot write %1: %2").arg(Display::path(path), file.errorString())});
                return;
            }
            done(int(all->size()));
        });
}

void ActivityWindow::exportCsv()
{
    const QString suggested =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u"/fatora-activity.csv"_s;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export activity"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    m_ui->exportButton->setEnabled(false); // one export at a time
    exportTo(path, [this, path](Result<int> written) {
        m_ui->exportButton->setEnabled(true);
        if (!written) {
            m_ui->errorLabel->setText(written.error().message);
            return;
        }
        m_ui->errorLabel->setText(
            tr("Entries exported to %1: %n.", nullptr, written.value()).arg(Display::path(path)));
    });
}

} // namespace fatora
