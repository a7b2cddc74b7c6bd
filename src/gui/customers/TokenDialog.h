#pragma once

#include "domain/Result.h"

#include "domain/Customer.h"

#include <QDialog>

#include <memory>

namespace Ui {
class TokenDialog;
}

namespace fatora {

struct DeskContext;

// Saves a card token pasted by the operator for one customer. The token is kept byte for byte:
// whitespace or control characters inside it are refused with a message, never cleaned up.
class TokenDialog : public QDialog
{
    Q_OBJECT
public:
    // customer: as the desk shows it (its name is said in the form's sentence).
    TokenDialog(DeskContext &context, const Customer &customer, QWidget *parent = nullptr);
    ~TokenDialog() override;

    qint64 tokenId() const { return m_tokenId; }
    void accept() override;

signals:
    void saved(qint64 tokenId);

private:
    void updatePreview();
    void showError(const QString &message);
    // The message beside the form, naming the field and putting the cursor in it.
    void showProblem(const Error &error);

    std::unique_ptr<Ui::TokenDialog> m_ui;
    DeskContext &m_context;
    const qint64 m_customerId;
    qint64 m_tokenId = 0;
    bool m_expiryTouched = false;
};

} // namespace fatora
