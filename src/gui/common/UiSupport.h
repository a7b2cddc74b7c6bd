#pragma once

#include "domain/CardToken.h"
#include "domain/Payment.h"
#include "domain/Result.h"
#include "store/StoreReader.h"

#include <QString>

#include <functional>

#include <initializer_list>

class QAbstractButton;
class QLabel;
class QWidget;

namespace fatora {

class Store;

// The set-up the desk's dialogs and panels share: the error badge above their buttons, value labels
// that stay beside their captions in both directions, the payment a dialog is about and the customer
// name its question mentions.
class UiSupport
{
public:
    struct PaymentSubject
    {
        Payment payment;
        QString customerName;
    };
    struct CardSubject
    {
        CardToken token;
        QString customerName;
    };

    // Styles `label` as an error badge (white on red, Display::errorColor) and hides it until
    // showMessage() gives it something to say.
    static void prepareErrorLabel(QLabel *label);
    // Shows `message` in `label`; an empty message hides the label.
    static void showMessage(QLabel *label, const QString &message);
    // A form's field: the name the core's rules give it, its editor and its caption.
    struct FormField
    {
        const char *name;
        QWidget *editor;
        QString caption;
    };
    // Shows a refused value in `label` as "Caption: what is wrong" and puts the cursor in that
    // field's editor; an error about no field of the form is shown as it is.
    static void showFieldProblem(QLabel *label, const Error &error, std::initializer_list<FormField> fields);
    // For a label showing a value next to its caption (a name, an email, an order id): keeps the text
    // on the leading side of the layout, also after a language switch. A QLabel otherwise aligns plain
    // text by its own first letter, so in Arabic "Sara Al-Kuwari" would sit at the far left, away
    // from "العميل:".
    static void alignWithLayout(QLabel *label);
    // Grows `window` to what its layout asks for, after a wrapped text in it changed. A window only
    // keeps to its layout's minimum, which counts a wrapped label as one line: a long (Arabic) note
    // would otherwise be squeezed and drawn over the row below it.
    static void growToFit(QWidget *window);
    // The name of the customer, empty when it cannot be read: the question then reads without it,
    // and the dialog's own object (payment, card) decides whether the dialog can go on.
    static QString customerName(Store &store, qint64 customerId);
    // Reads the payment a dialog acts on, with its customer's name: on the desk's reader (any
    // thread). A dialog whose payment cannot be read still opens, says why and keeps its action
    // off, so nothing is done to a payment nobody has seen.
    static Result<PaymentSubject> readPaymentSubject(Store &store, qint64 paymentId);
    // The same for a card.
    static Result<CardSubject> readCardSubject(Store &store, qint64 tokenId);
    // The opening read of a dialog that acts on one payment or card, on the desk's reader (issue 13).
    // Until its answer is shown, `action` is off and the rich-text `question` says what is read
    // (`readingText`); when it cannot be read, the question is emptied, `errorLabel` says why and the
    // action stays off. `reading` is the dialog's own flag (its isReading()); `show` puts the subject
    // on screen and turns the action on. Nothing runs if the dialog is gone first.
    template <typename Subject>
    static void readSubject(StoreReader &reader, QObject *dialog, std::function<Result<Subject>(Store &)> read,
                            const QString &readingText, QLabel *question, QLabel *errorLabel,
                            QAbstractButton *action, bool &reading, std::function<void(const Subject &)> show)
    {
        setEnabled(action, false);
        setRichText(question, readingText.toHtmlEscaped());
        reading = true;
        reader.read<Subject>(dialog, std::move(read),
                             [question, errorLabel, &reading, show = std::move(show)](Result<Subject> subject) {
                                 reading = false;
                                 if (!subject.ok()) {
                                     setRichText(question, QString());
                                     showMessage(errorLabel, subject.error().toString());
                                     return;
                                 }
                                 show(subject.value());
                             });
    }
    // A modal warning whose text is shown as plain text. QMessageBox::warning guesses rich text, so
    // a message quoting data (a file name, a customer's name, a gateway's text) typed as markup
    // would be rendered.
    static void warn(QWidget *parent, const QString &title, const QString &text);

private:
    // For readSubject, whose body the header holds (widgets are only declared here).
    static void setEnabled(QAbstractButton *button, bool enabled);
    static void setRichText(QLabel *label, const QString &text);
};

} // namespace fatora
