#include "common/UiSupport.h"

#include <QCoreApplication>

#include "common/Display.h"
#include "store/Store.h"

#include <QAbstractButton>
#include <QEvent>
#include <QLabel>
#include <QMessageBox>

namespace fatora {

namespace {
class LeadingAlignment : public QObject
{
public:
    explicit LeadingAlignment(QLabel *label) : QObject(label), m_label(label)
    {
        label->installEventFilter(this);
        apply();
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::LayoutDirectionChange)
            apply();
        return QObject::eventFilter(watched, event);
    }

private:
    void apply()
    {
        const Qt::Alignment side =
            m_label->layoutDirection() == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft;
        m_label->setAlignment((m_label->alignment() & Qt::AlignVertical_Mask) | side | Qt::AlignAbsolute);
    }

    QLabel *const m_label;
};
} // namespace

void UiSupport::prepareErrorLabel(QLabel *label)
{
    label->setStyleSheet(Display::badgeStyleSheet(Display::errorColor()));
    label->hide();
}

void UiSupport::showFieldProblem(QLabel *label, const Error &error, std::initializer_list<FormField> fields)
{
    for (const FormField &field : fields) {
        if (error.field == QLatin1StringView(field.name)) {
            //: %1 is a field of a form ("Email"), %2 what is wrong with it.
            showMessage(label,
                        QCoreApplication::translate("UiSupport", "%1: %2").arg(field.caption, error.message));
            field.editor->setFocus();
            return;
        }
    }
    showMessage(label, error.toString());
}

void UiSupport::showMessage(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

void UiSupport::alignWithLayout(QLabel *label)
{
    new LeadingAlignment(label);
}

void UiSupport::growToFit(QWidget *window)
{
    window->resize(window->size().expandedTo(window->sizeHint()));
}

QString UiSupport::customerName(Store &store, qint64 customerId)
{
    auto customer = store.customer(customerId);
    return customer.ok() ? customer->name : QString();
}

Result<UiSupport::PaymentSubject> UiSupport::readPaymentSubject(Store &store, qint64 paymentId)
{
    auto payment = store.payment(paymentId);
    if (!payment.ok())
        return payment.error();
    // A customer that cannot be read leaves the name blank: the payment is what is acted on.
    return PaymentSubject{payment.value(), customerName(store, payment->customerId)};
}

Result<UiSupport::CardSubject> UiSupport::readCardSubject(Store &store, qint64 tokenId)
{
    auto token = store.token(tokenId);
    if (!token.ok())
        return token.error();
    return CardSubject{token.value(), customerName(store, token->customerId)};
}

void UiSupport::setEnabled(QAbstractButton *button, bool enabled)
{
    button->setEnabled(enabled);
}

void UiSupport::setRichText(QLabel *label, const QString &text)
{
    label->setText(text);
}

void UiSupport::warn(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

} // namespace fatora
