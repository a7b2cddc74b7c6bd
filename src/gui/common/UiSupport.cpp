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

UiSupport::PaymentSubject UiSupport::loadPayment(Store &store, qint64 paymentId, QLabel *errorLabel,
                                                 QAbstractButton *action)
{
    PaymentSubject subject;
    if (auto payment = store.payment(paymentId); payment.ok()) {
        subject.payment = payment.value();
        subject.customerName = customerName(store, subject.payment.customerId);
    } else {
        showMessage(errorLabel, payment.error().toString());
        action->setEnabled(false);
    }
    return subject;
}

void UiSupport::warn(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

} // namespace fatora
