#pragma once

#include "store/Store.h"

#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QToolButton;

namespace fatora {

// One payment as a clerk reads it: a form of labelled values (right-to-left in Arabic, ids and
// tokens kept left-to-right), a warning when the money may have moved, and the raw request and
// response behind a collapsed "Technical details" section (monospace, always left-to-right).
class PaymentDetailsView : public QWidget
{
    Q_OBJECT
public:
    enum Field {
        OrderId,
        State,
        Customer,
        Card,
        Amount,
        Created,
        Updated,
        LastVerified,
        TransactionId,
        AuthCode,
        GatewayStatus,
        StatusCode,
        HttpStatus,
        Mode,
        Description,
        Error,
        Note,
        Refund,
        RefundStatus,
        RefundedAt,
        Operator,
        FieldCount
    };

    explicit PaymentDetailsView(QWidget *parent = nullptr);

    // Shows `row`, or the "select a payment" hint when there is none.
    void showPayment(const std::optional<PaymentRow> &row);

    // What the form shows for `field` (empty and hidden when the payment has no such value). Ids are
    // read-only line edits, so a clerk can select and copy them; the other values are labels.
    QWidget *valueWidget(Field field) const { return m_values[field]; }
    QString valueText(Field field) const;
    QLabel *captionLabel(Field field) const { return m_captions[field]; }
    bool isFieldShown(Field field) const;
    QToolButton *technicalToggle() const { return m_technicalToggle; }
    bool technicalDetailsShown() const;
    QString requestText() const;
    QString responseText() const;

    // Tall enough for the main rows of the form: the history's splitter starts from this.
    QSize sizeHint() const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fill();
    void setField(Field field, const QString &value);
    void setTechnicalShown(bool shown);
    void alignIds();

    std::optional<PaymentRow> m_row;
    QLabel *m_placeholder = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_content = nullptr;
    QGridLayout *m_form = nullptr;
    QLabel *m_captions[FieldCount] = {};
    QWidget *m_values[FieldCount] = {};
    QLabel *m_warning = nullptr;
    QToolButton *m_technicalToggle = nullptr;
    QWidget *m_technical = nullptr;
    QLabel *m_requestCaption = nullptr;
    QLabel *m_responseCaption = nullptr;
    QPlainTextEdit *m_request = nullptr;
    QPlainTextEdit *m_response = nullptr;
};

} // namespace fatora
