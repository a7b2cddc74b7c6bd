#include "settings/DatabaseProblemDialog.h"

#include "common/Display.h"
#include "common/UiSupport.h"
#include "settings/DatabasePage.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace fatora {

DatabaseProblemDialog::DatabaseProblemDialog(const QString &problem, const DatabaseSettings &tried,
                                             QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Cannot open the database"));
    auto *layout = new QVBoxLayout(this);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"problemLabel"_s);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(Display::badgeStyleSheet(Display::errorColor()));
    layout->addWidget(m_problem);
    m_page = new DatabasePage(this);
    m_page->setObjectName(u"databasePage"_s);
    m_page->setSettings(tried);
    m_page->showRememberBox(true);
    m_page->setNote(tr("Correct the database or type its password, then try again. What you choose here is "
                       "kept in the settings, as on the Settings \"Database\" page."));
    layout->addWidget(m_page);
    m_error = new QLabel(this);
    m_error->setObjectName(u"errorLabel"_s);
    UiSupport::prepareErrorLabel(m_error);
    layout->addWidget(m_error);
    m_buttons = new QDialogButtonBox(this);
    m_buttons->addButton(tr("&Try again"), QDialogButtonBox::AcceptRole)->setDefault(true);
    m_buttons->addButton(tr("&Quit"), QDialogButtonBox::RejectRole);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &DatabaseProblemDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &DatabaseProblemDialog::reject);
    setProblem(problem);
}

void DatabaseProblemDialog::setProblem(const QString &problem)
{
    m_problem->setText(problem);
    UiSupport::growToFit(this);
}

void DatabaseProblemDialog::accept()
{
    auto entered = m_page->enteredSettings();
    if (!entered.ok()) {
        UiSupport::showMessage(m_error, entered.error().message);
        UiSupport::growToFit(this);
        return;
    }
    QDialog::accept();
}

} // namespace fatora
