#include "customers/CustomerDialog.h"
#include "ui_CustomerDialog.h"

#include "common/UiSupport.h"
#include "customers/CustomerService.h"
#include "desk/DeskContext.h"
#include "domain/Clock.h"
#include "payments/PaymentService.h"
#include "store/Store.h"

using namespace Qt::StringLiterals;

namespace fatora {

CustomerDialog::CustomerDialog(DeskContext &context, qint64 customerId, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CustomerDialog>()), m_context(context)
{
    m_ui->setupUi(this);
    UiSupport::prepareErrorLabel(m_ui->errorLabel);
    if (customerId > 0) {
        setWindowTitle(tr("Edit customer"));
        auto loaded = context.store->customer(customerId);
        if (loaded.ok()) {
            m_customer = loaded.value();
            m_ui->nameEdit->setText(m_customer.name);
            m_ui->emailEdit->setText(m_customer.email);
            m_ui->phoneEdit->setText(m_customer.phone);
            m_ui->referenceEdit->setText(m_customer.reference);
            m_ui->notesEdit->setPlainText(m_customer.notes);
        } else {
            showError(loaded.error().toString());
            m_ui->buttonBox->setEnabled(false);
        }
    } else {
        setWindowTitle(tr("Add customer"));
    }
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CustomerDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

CustomerDialog::~CustomerDialog() = default;

void CustomerDialog::showError(const QString &message)
{
    UiSupport::showMessage(m_ui->errorLabel, message);
}

void CustomerDialog::showProblem(const Error &error)
{
    UiSupport::showFieldProblem(m_ui->errorLabel, error,
                                {
                                    {"name", m_ui->nameEdit, tr("Name")},
                                    {"email", m_ui->emailEdit, tr("Email")},
                                    {"phone", m_ui->phoneEdit, tr("Phone")},
                                    {"reference", m_ui->referenceEdit, tr("Reference")},
                                    {"notes", m_ui->notesEdit, tr("Notes")},
                                });
}

void CustomerDialog::accept()
{
    Customer c = m_customer;
    c.name = m_ui->nameEdit->text();
    c.email = m_ui->emailEdit->text();
    c.phone = m_ui->phoneEdit->text();
    c.reference = m_ui->referenceEdit->text();
    c.notes = m_ui->notesEdit->toPlainText();
    const ChangeOrigin origin(m_context.payments ? m_context.payments->operatorName() : QString(),
                              ChangeOrigin::Way::Desk);
    if (c.id == 0) {
        auto added = m_context.customers->addCustomer(c, origin);
        if (!added.ok()) {
            showProblem(added.error());
            return;
        }
        c.id = added.value();
    } else if (auto updated = m_context.customers->updateCustomer(c, origin); !updated.ok()) {
        showProblem(updated.error());
        return;
    }
    if (auto saved = m_context.store->customer(c.id); saved.ok())
        c = saved.value();
    m_customer = c;
    emit saved(c.id);
    QDialog::accept();
}

Result<void> CustomerDialog::archive(DeskContext &context, const Customer &customer)
{
    return context.customers->archiveCustomer(
        customer.id, ChangeOrigin(context.payments ? context.payments->operatorName() : QString(),
                                  ChangeOrigin::Way::Desk));
}

} // namespace fatora
