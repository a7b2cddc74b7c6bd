#include "customers/ImportDialog.h"
#include "ui_ImportDialog.h"

#include "common/Display.h"
#include "common/StatusBadgeDelegate.h"
#include "csv/CsvImporter.h"
#include "customers/ImportPreviewModel.h"
#include "desk/DeskContext.h"
#include "domain/Clock.h"
#include "payments/PaymentService.h"

#include <QHeaderView>

using namespace Qt::StringLiterals;

namespace fatora {

ImportDialog::ImportDialog(DeskContext &context, const QByteArray &csv, const QString &fileName,
                           QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ImportDialog>()), m_context(context)
{
    m_ui->setupUi(this);
    m_model = new ImportPreviewModel(this);
    m_ui->previewView->setModel(m_model);
    m_ui->previewView->setItemDelegate(new StatusBadgeDelegate(m_ui->previewView));
    m_ui->previewView->verticalHeader()->hide();
    // The problems are what this preview is for: right after the line number, wrapped rather than
    // cut, whatever the width of the other columns.
    QHeaderView *header = m_ui->previewView->horizontalHeader();
    header->moveSection(header->visualIndex(ImportPreviewModel::Problems), 1);
    header->setStretchLastSection(true);
    m_ui->previewView->setWordWrap(true);
    m_ui->resultLabel->hide();
    const QString file = Display::isolateAuto(fileName); // a Latin name must not turn an Arabic sentence

    auto preview = CsvImporter::preview(csv, context.appSettings.currency, context.clock->today());
    if (!preview.ok()) {
        m_ui->summary->setText(tr("%1 cannot be imported: %2").arg(file, preview.error().toString()));
        m_ui->importButton->setEnabled(false);
    } else {
        m_model->setPreview(preview.value());
        const int valid = preview->validRows();
        const int invalid = preview->invalidRows();
        m_ui->summary->setText(invalid == 0
                                   ? tr("%1: rows ready to import: %n.", nullptr, valid).arg(file)
                                   : tr("%1: rows ready to import: %2; rows with problems (listed below, "
                                        "skipped): %3.")
                                         .arg(file)
                                         .arg(valid)
                                         .arg(invalid));
        m_ui->importButton->setText(tr("&Import valid rows (%n)", nullptr, valid));
        m_ui->importButton->setEnabled(valid > 0);
        m_ui->previewView->resizeColumnsToContents();
        m_ui->previewView->setColumnWidth(
            ImportPreviewModel::Problems,
            qBound(120, m_ui->previewView->columnWidth(ImportPreviewModel::Problems), ProblemsColumnWidth));
        m_ui->previewView->resizeRowsToContents();
    }
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->importButton, &QPushButton::clicked, this, &ImportDialog::runImport);
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::runImport()
{
    if (m_imported) {
        accept();
        return;
    }
    const StaffMember actor = m_context.payments ? m_context.payments->actor() : StaffMember::withEveryRight();
    auto summary = CsvImporter::import(*m_context.store, m_model->preview(), actor, *m_context.clock);
    m_ui->resultLabel->show();
    if (!summary.ok()) {
        m_ui->resultLabel->setText(tr("Nothing was imported: %1").arg(summary.error().toString()));
        return;
    }
    const CsvImporter::Summary &s = summary.value();
    m_imported = true;
    QStringList parts;
    parts << tr("customers added: %n", nullptr, s.customersAdded);
    parts << tr("customers already known: %n", nullptr, s.customersExisting);
    parts << tr("cards added: %n", nullptr, s.tokensAdded);
    parts << tr("cards already saved: %n", nullptr, s.tokensExisting);
    parts << tr("rows skipped: %n", nullptr, s.rowsSkipped);
    m_ui->resultLabel->setText(tr("Imported: %1.").arg(parts.join(tr(", "))));
    m_ui->cancelButton->hide();
    m_ui->importButton->setText(tr("&Close"));
    emit imported();
}

} // namespace fatora
