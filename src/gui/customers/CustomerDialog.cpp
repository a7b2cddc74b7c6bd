#include "customers/CustomerDialog.h"
#include "ui_CustomerDialog.h"

#include "common/UiSupport.h"
#include "customers/CustomerService.h"
#include "desk/DeskContext.h"
#include "domain/Clock.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

using namespace Qt::StringLiterals;

namespace fatora {

CustomerDialog::CustomerDialog(DeskContext &context, qint64 customerId, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CustomerDialog>()), m_context(context)
{
    m_ui->setupUi(this);
    UiSupport::prepareErrorLabel(m_ui->errorLabel);
    if (customerId > 0) {
        setWindowTitle(tr("Edit customer"));
        // Read on the desk's reader: the form stays off until it shows the customer, so nothing
        // typed is overwritten and an unread customer is never saved as a new one.
        m_editing = customerId;
        setFormEnabled(false);
        context.reader->read<Customer>(
            this, [customerId](Store &store) { return store.customer(customerId); },
            [this](Result<Customer> loaded) {
                if (!loaded.ok()) {
                    showError(loaded.error().toString());
                    return;
                }
                m_customer = loaded.value();
                m_ui->nameEdit->setText(m_customer.name);
                m_ui->emailEdit->setText(m_customer.email);
                m_ui->phoneEdit->setText(m_customer.phone);
                m_ui->referenceEdit->setText(m_customer.reference);
                m_ui->notesEdit->setPlainText(m_customer.notes);
                setFormEnabled(true);
                m_ui->nameEdit->setFocus();
            });
    } else {
        setWindowTitle(tr("Add customer"));
    }
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CustomerDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

CustomerDialog::~CustomerDialog() = default;

void CustomerDialog::setFormEnabled(bool enabled)
{
    for (QWidget *field : std::initializer_list<QWidget *>{m_ui->nameEdit, m_ui->emailEdit, m_ui->phoneEdit,
                                                           m_ui->referenceEdit, m_ui->notesEdit, m_ui->buttonBox})
        field->setEnabled(enabled);
}

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
    if (m_editing != 0 && m_customer.id != m_editing)
        return; // the customer to edit is not read yet
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
    m_customer = c; // its id is what the desk needs: the lists read the saved customer themselves
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
