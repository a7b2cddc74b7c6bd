#pragma once

#include "domain/Customer.h"
#include "domain/Result.h"

#include <QDialog>

#include <memory>

namespace Ui {
class CustomerDialog;
}

namespace fatora {

struct DeskContext;

// Adds a customer (customerId 0) or edits one, through CustomerService (its rules, its audit);
// archive() is the third change to a customer.
class CustomerDialog : public QDialog
{
    Q_OBJECT
public:
    CustomerDialog(DeskContext &context, qint64 customerId, QWidget *parent = nullptr);
    ~CustomerDialog() override;

    qint64 customerId() const { return m_customer.id; }
    // The customer to edit is read on the desk's reader; the form is off until it is shown.
    bool isReading() const { return m_editing != 0 && m_customer.id != m_editing; }
    void accept() override;

    // Hides the customer from the list (saved cards and history are kept), audited.
    static Result<void> archive(DeskContext &context, const Customer &customer);

signals:
    void saved(qint64 customerId);

private:
    void setFormEnabled(bool enabled);
    void showError(const QString &message);
    // The message beside the form, naming the field and putting the cursor in it.
    void showProblem(const Error &error);

    std::unique_ptr<Ui::CustomerDialog> m_ui;
    DeskContext &m_context;
    Customer m_customer;
    qint64 m_editing = 0; // the customer being edited; 0: a new one
};

} // namespace fatora
