#include "CustomerDialog.h"
#include "ui_CustomerDialog.h"

#include "Clock.h"
#include "DeskContext.h"
#include "PaymentService.h"
#include "Store.h"
#include "UiSupport.h"

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

void CustomerDialog::accept()
{
    Customer c = m_customer;
    c.name = m_ui->nameEdit->text().trimmed();
    c.email = m_ui->emailEdit->text().trimmed();
    c.phone = m_ui->phoneEdit->text().trimmed();
    c.reference = m_ui->referenceEdit->text().trimmed();
    c.notes = m_ui->notesEdit->toPlainText().trimmed();
    if (c.name.isEmpty()) {
        showError(tr("Name: enter the customer's name."));
        m_ui->nameEdit->setFocus();
        return;
    }
    if (!c.email.isEmpty() && (!c.email.contains(u'@') || c.email.contains(u' '))) {
        showError(tr("Email: “%1” is not an email address.").arg(c.email));
        m_ui->emailEdit->setFocus();
        return;
    }
    if (!c.reference.isEmpty()) {
        auto existing = m_context.store->customerByReference(c.reference);
        if (existing.ok() && existing.value() && existing.value()->id != c.id) {
            showError(tr("Reference: %1 already belongs to %2.").arg(c.reference, existing.value()->name));
            m_ui->referenceEdit->setFocus();
            return;
        }
    }
    const QString operatorName = m_context.payments ? m_context.payments->operatorName() : QString();
    Store::Transaction tx(*m_context.store);
    AuditEntry audit;
    audit.at = m_context.clock->now();
    audit.operatorName = operatorName;
    audit.objectType = u"customer"_s;
    if (c.id == 0) {
        c.createdAt = m_context.clock->now();
        auto added = m_context.store->addCustomer(c);
        if (!added.ok()) {
            showError(added.error().toString());
            return;
        }
        c.id = added.value();
        audit.action = u"customer.added"_s;
    } else {
        if (auto updated = m_context.store->updateCustomer(c); !updated.ok()) {
            showError(updated.error().toString());
            return;
        }
        audit.action = u"customer.updated"_s;
    }
    audit.objectId = c.id;
    audit.detail = c.name;
    if (auto written = m_context.store->appendAudit(audit); !written.ok()) {
        showError(written.error().toString());
        return;
    }
    if (auto committed = tx.commit(); !committed.ok()) {
        showError(committed.error().toString());
        return;
    }
    m_customer = c;
    emit saved(c.id);
    QDialog::accept();
}

Result<void> CustomerDialog::archive(DeskContext &context, Customer customer)
{
    customer.archived = true;
    Store::Transaction tx(*context.store);
    if (!tx.started().ok())
        return tx.started();
    if (auto updated = context.store->updateCustomer(customer); !updated.ok())
        return updated;
    AuditEntry audit;
    audit.at = context.clock->now();
    audit.operatorName = context.payments ? context.payments->operatorName() : QString();
    audit.action = u"customer.archived"_s;
    audit.objectType = u"customer"_s;
    audit.objectId = customer.id;
    audit.detail = customer.name;
    if (auto written = context.store->appendAudit(audit); !written.ok())
        return written.error();
    return tx.commit();
}

} // namespace fatora
