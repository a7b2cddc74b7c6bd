#pragma once

#include <QByteArray>
#include <QDialog>

#include <memory>

namespace Ui {
class ImportDialog;
}

namespace fatora {

struct DeskContext;
class ImportPreviewModel;

// Shows what a CSV file would import, row by row with each row's problems, then imports the valid
// rows in one transaction. Importing the same file again adds nothing.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int ProblemsColumnWidth = 320;

    ImportDialog(DeskContext &context, const QByteArray &csv, const QString &fileName,
                 QWidget *parent = nullptr);
    ~ImportDialog() override;

    ImportPreviewModel *model() const { return m_model; }
    bool hasImported() const { return m_imported; }

signals:
    void imported();

private:
    void runImport();

    std::unique_ptr<Ui::ImportDialog> m_ui;
    DeskContext &m_context;
    ImportPreviewModel *m_model = nullptr;
    bool m_imported = false;
};

} // namespace fatora
