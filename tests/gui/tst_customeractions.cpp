// Customers and their cards from the desk: add, edit and archive a customer (the archive question is
// answered by a helper), and add a pasted card token, kept byte for byte or refused with a message.

#include "customers/CustomerDialog.h"
#include "customers/CustomersPanel.h"
#include "customers/CustomerTableModel.h"
#include "customers/TokenDialog.h"
#include "customers/TokenTableModel.h"
#include "desk/MainWindow.h"
#include "domain/FieldLimits.h"
#include "GuiFixture.h"
#include "history/HistoryPanel.h"
#include "history/PaymentTableModel.h"
#include "payments/ChargeDialog.h"
#include "payments/NoticeList.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTextDocument>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;

class TestCustomerActions : public QObject
{
    Q_OBJECT

private slots:
    void addCustomerSavesAndSelects();
    void addCustomerRefusesBadInput_data();
    void addCustomerRefusesBadInput();
    void editCustomerSavesChanges();
    void archiveCustomer_data();
    void archiveCustomer();
    void addTokenKeepsItByteForByte_data();
    void addTokenKeepsItByteForByte();
    void addTokenRefusesBadPaste_data();
    void addTokenRefusesBadPaste();
    void addTokenRefusesDuplicate();
    void typedMarkupIsShownAsTyped();
    void typedMarkupInTooltipsIsShownAsTyped();
    void longNameNeverWidensTheWindow_data();
    void longNameNeverWidensTheWindow();
    void cleanup() { QApplication::setLayoutDirection(Qt::LeftToRight); }

private:
    template <typename Dialog> static Dialog *trigger(MainWindow &window, const QString &action);
    static void save(QDialog *dialog);
    static QStringList auditActions(Store &store, const QString &type, qint64 id);
    static int tokenCount(Store &store);
    static void paste(QLineEdit *edit, const QString &text);
    static void verifyNoMarkupRendered(QWidget *root, const QString &markup);
    static void verifyToolTipShowsTyped(const QString &toolTip, const QString &typed, const char *where);
};

template <typename Dialog> Dialog *TestCustomerActions::trigger(MainWindow &window, const QString &action)
{
    QAction *a = window.action(action);
    if (!a->isEnabled())
        qFatal("%s is disabled: %s", qPrintable(action), qPrintable(a->toolTip()));
    a->trigger();
    auto *dialog = window.findChild<Dialog *>();
    if (!dialog)
        qFatal("%s opened no dialog", qPrintable(action));
    if (!settled(window)) // what the dialog shows is read on the desk's reader
        qFatal("%s: the dialog's reads never came back", qPrintable(action));
    return dialog;
}

void TestCustomerActions::save(QDialog *dialog)
{
    QTest::mouseClick(child<QDialogButtonBox>(dialog, u"buttonBox"_s)->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
}

QStringList TestCustomerActions::auditActions(Store &store, const QString &type, qint64 id)
{
    QStringList actions;
    auto entries = store.auditFor(type, id);
    if (!entries.ok())
        qFatal("audit: %s", qPrintable(entries.error().toString()));
    for (const AuditEntry &e : entries.value())
        actions << e.action;
    return actions;
}

int TestCustomerActions::tokenCount(Store &store)
{
    auto tokens = store.findTokens(TokenQuery{});
    if (!tokens.ok())
        qFatal("tokens: %s", qPrintable(tokens.error().toString()));
    return int(tokens->size());
}

void TestCustomerActions::paste(QLineEdit *edit, const QString &text)
{
    // Through the clipboard and Ctrl+V, as the operator does.
    QGuiApplication::clipboard()->setText(text);
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
}

void TestCustomerActions::addCustomerSavesAndSelects()
{
    GuiFixture f;
    addCustomer(f.store(), u"Omar Haddad"_s);
    auto window = f.window();
    auto *dialog = trigger<CustomerDialog>(*window, u"actionAddCustomer"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"nameEdit"_s), u"Sara Al-Kuwari"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"emailEdit"_s), u"sara@example.qa"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"phoneEdit"_s), u"+974 5555 0101"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"referenceEdit"_s), u"C-1001"_s);
    QPointer<CustomerDialog> open = dialog;
    save(dialog);
    QTRY_VERIFY(open.isNull());
    QVERIFY(f.settle());

    auto added = f.store().customerByReference(u"C-1001"_s);
    QVERIFY(added.ok() && added.value());
    const Customer c = *added.value();
    QCOMPARE(c.name, u"Sara Al-Kuwari"_s);
    QCOMPARE(c.email, u"sara@example.qa"_s);
    QCOMPARE(c.phone, u"+974 5555 0101"_s);
    QCOMPARE(c.createdAt, f.clock().now());
    QCOMPARE(auditActions(f.store(), u"customer"_s, c.id), QStringList{u"customer.added"_s});
    // The list shows the new customer, selected, ready for "Add token".
    CustomerTableModel *list = window->customersPanel()->customerModel();
    QTRY_COMPARE(list->rowCount(), 2);
    QTRY_COMPARE(window->customersPanel()->currentCustomerId(), c.id);
    QVERIFY(window->action(u"actionAddToken"_s)->isEnabled());
}

void TestCustomerActions::addCustomerRefusesBadInput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("words");
    QTest::newRow("no name") << u"   "_s << QString() << QString() << u"Name:"_s;
    QTest::newRow("email without @") << u"Sara"_s << u"sara.example.qa"_s << QString() << u"Email:"_s;
    QTest::newRow("reference of another customer")
        << u"Sara"_s << QString() << u"C-TAKEN"_s << u"Reference: \"C-TAKEN\" already belongs to customer"_s;
}

void TestCustomerActions::addCustomerRefusesBadInput()
{
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, reference);
    QFETCH(QString, words);
    GuiFixture f;
    Customer omar;
    omar.name = u"Omar"_s;
    omar.reference = u"C-TAKEN"_s;
    QVERIFY(f.store().addCustomer(omar).ok());
    auto window = f.window();
    auto *dialog = trigger<CustomerDialog>(*window, u"actionAddCustomer"_s);
    child<QLineEdit>(dialog, u"nameEdit"_s)->setText(name);
    child<QLineEdit>(dialog, u"emailEdit"_s)->setText(email);
    child<QLineEdit>(dialog, u"referenceEdit"_s)->setText(reference);
    save(dialog);
    QVERIFY(dialog->isVisible());
    auto *error = child<QLabel>(dialog, u"errorLabel"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(words), qPrintable(error->text()));
    QCOMPARE(f.store().countCustomers(CustomerQuery{}).value(), 1); // nothing stored
}

void TestCustomerActions::editCustomerSavesChanges()
{
    GuiFixture f;
    const qint64 id = addCustomer(f.store(), u"Layla Nasser"_s);
    auto window = f.window();
    window->customersPanel()->selectCustomer(id);
    QVERIFY(f.settle());
    auto *dialog = trigger<CustomerDialog>(*window, u"actionEditCustomer"_s);
    auto *name = child<QLineEdit>(dialog, u"nameEdit"_s);
    QCOMPARE(name->text(), u"Layla Nasser"_s); // the form shows what is stored
    name->clear();
    QTest::keyClicks(name, u"Layla Al-Nasser"_s);
    QTest::keyClicks(child<QPlainTextEdit>(dialog, u"notesEdit"_s), u"Prefers Arabic"_s);
    QPointer<CustomerDialog> open = dialog;
    save(dialog);
    QTRY_VERIFY(open.isNull());
    QVERIFY(f.settle());

    auto stored = f.store().customer(id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->name, u"Layla Al-Nasser"_s);
    QCOMPARE(stored->notes, u"Prefers Arabic"_s);
    QCOMPARE(stored->email, u"laylanasser@example.qa"_s); // untouched fields kept
    QCOMPARE(auditActions(f.store(), u"customer"_s, id), QStringList{u"customer.updated"_s});
    CustomerTableModel *list = window->customersPanel()->customerModel();
    QTRY_COMPARE(list->index(list->rowOfCustomer(id), CustomerTableModel::Name).data().toString(),
                 u"Layla Al-Nasser"_s);
    QCOMPARE(list->rowCount(), 1); // edited, not added
}

void TestCustomerActions::archiveCustomer_data()
{
    QTest::addColumn<bool>("confirm");
    QTest::newRow("confirmed: archived, history kept") << true;
    QTest::newRow("cancelled: nothing changes") << false;
}

void TestCustomerActions::archiveCustomer()
{
    QFETCH(bool, confirm);
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Khalid Saad"_s, u"tok+archive/AbC="_s);
    const qint64 id = f.store().token(tokenId)->customerId;
    addCustomer(f.store(), u"Mona Ali"_s);
    auto window = f.window(tokenId);
    CustomerTableModel *list = window->customersPanel()->customerModel();
    QCOMPARE(list->rowCount(), 2);

    QString asked;
    onNextModal([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        asked = box->text();
        box->button(confirm ? QMessageBox::Yes : QMessageBox::Cancel)->click();
    });
    window->action(u"actionArchiveCustomer"_s)->trigger(); // returns once the question is answered
    QVERIFY2(asked.contains(u"Khalid Saad"_s), qPrintable(asked));

    QCOMPARE(f.store().customer(id)->archived, confirm);
    QCOMPARE(auditActions(f.store(), u"customer"_s, id).contains(u"customer.archived"_s), confirm);
    QTRY_COMPARE(list->rowCount(), confirm ? 1 : 2);
    QCOMPARE(list->rowOfCustomer(id) >= 0, !confirm);
    // The card and its history stay in the database either way.
    QCOMPARE(f.store().token(tokenId)->status, TokenStatus::Active);
}

void TestCustomerActions::addTokenKeepsItByteForByte_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("base64 with + / =") << u"9Xq+ab/CD12ef=="_s;
    QTest::newRow("backslash and pipe") << u"tok\\en|with\\|pipes"_s;
    QTest::newRow("url-safe characters") << u"aB-_cD.eF~0123456789"_s;
}

void TestCustomerActions::addTokenKeepsItByteForByte()
{
    QFETCH(QString, token);
    GuiFixture f;
    const qint64 customerId = addCustomer(f.store(), u"Sara"_s);
    auto window = f.window();
    window->customersPanel()->selectCustomer(customerId);
    QVERIFY(f.settle());
    auto *dialog = trigger<TokenDialog>(*window, u"actionAddToken"_s);
    auto *edit = child<QLineEdit>(dialog, u"tokenEdit"_s);
    paste(edit, token);
    QCOMPARE(edit->text(), token);
    // The preview shows how lists will mask it, never the whole token.
    const QString preview = child<QLabel>(dialog, u"tokenPreview"_s)->text();
    QVERIFY2(preview.contains(CardToken::maskToken(token)) && !preview.contains(token), qPrintable(preview));
    QTest::keyClicks(child<QLineEdit>(dialog, u"labelEdit"_s), u"Visa business"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"firstAmountEdit"_s), u"50.00"_s);
    QPointer<TokenDialog> open = dialog;
    save(dialog);
    QTRY_VERIFY(open.isNull());
    QVERIFY(f.settle());

    auto stored = f.store().tokenByText(token);
    QVERIFY(stored.ok() && stored.value());
    const CardToken &t = *stored.value();
    QCOMPARE(t.token.toUtf8(), token.toUtf8()); // byte for byte
    QCOMPARE(t.customerId, customerId);
    QCOMPARE(t.label, u"Visa business"_s);
    QCOMPARE(t.firstAmount, std::optional<Money>(Money(5000, u"QAR"_s)));
    QCOMPARE(t.issuedOn, f.today());
    QCOMPARE(t.expiresOn, CardToken::defaultExpiry(f.today()));
    const QStringList audit = auditActions(f.store(), u"token"_s, t.id);
    QCOMPARE(audit, QStringList{u"token.added"_s});
    auto entries = f.store().auditFor(u"token"_s, t.id);
    QVERIFY2(!entries->first().detail.contains(token), "the audit log never holds the whole token");

    // The new card is listed, masked, and selected.
    TokenTableModel *tokens = window->customersPanel()->tokenModel();
    QTRY_COMPARE(window->customersPanel()->currentTokenId(), t.id);
    const QString shown = tokens->index(tokens->rowOfToken(t.id), TokenTableModel::Token).data().toString();
    QVERIFY2(shown.contains(CardToken::maskToken(token)) && !shown.contains(token), qPrintable(shown));
    QVERIFY(window->action(u"actionCharge"_s)->isEnabled());
}

void TestCustomerActions::addTokenRefusesBadPaste_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("words");
    QTest::newRow("space inside") << u"9Xq+ab /CD12=="_s << u"a space at position 7"_s;
    QTest::newRow("newline inside") << u"9Xq+ab\n/CD12=="_s << u"a line break at position 7"_s;
    QTest::newRow("tab inside") << u"9Xq+ab\t/CD12=="_s << u"a tab at position 7"_s;
    QTest::newRow("trailing newline of a copied line")
        << u"9Xq+ab/CD12==\n"_s << u"a line break at the end"_s;
    QTest::newRow("leading space") << u" 9Xq+ab/CD12=="_s << u"a space at the start"_s;
}

void TestCustomerActions::addTokenRefusesBadPaste()
{
    QFETCH(QString, token);
    QFETCH(QString, words);
    GuiFixture f;
    const qint64 customerId = addCustomer(f.store(), u"Sara"_s);
    auto window = f.window();
    window->customersPanel()->selectCustomer(customerId);
    QVERIFY(f.settle());
    auto *dialog = trigger<TokenDialog>(*window, u"actionAddToken"_s);
    auto *edit = child<QLineEdit>(dialog, u"tokenEdit"_s);
    // setText, not the clipboard: the point is what the dialog does with such text, whichever way
    // it got into the field.
    edit->setText(token);
    QCOMPARE(edit->text(), token); // nothing cleaned up behind the operator's back
    save(dialog);
    QVERIFY(dialog->isVisible());
    auto *error = child<QLabel>(dialog, u"errorLabel"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(u"Token:"_s), qPrintable(error->text()));
    QVERIFY2(error->text().contains(words), qPrintable(error->text()));
    QCOMPARE(tokenCount(f.store()), 0); // nothing stored
    QCOMPARE(edit->text(), token);      // and the field still holds exactly what was pasted
}

void TestCustomerActions::addTokenRefusesDuplicate()
{
    GuiFixture f;
    const QString token = u"tok+dup/9Xq="_s;
    f.addCustomerWithToken(u"Omar"_s, token);
    const qint64 customerId = addCustomer(f.store(), u"Sara"_s);
    auto window = f.window();
    window->customersPanel()->selectCustomer(customerId);
    QVERIFY(f.settle());
    auto *dialog = trigger<TokenDialog>(*window, u"actionAddToken"_s);
    paste(child<QLineEdit>(dialog, u"tokenEdit"_s), token);
    save(dialog);
    QVERIFY(dialog->isVisible());
    const QString error = child<QLabel>(dialog, u"errorLabel"_s)->text();
    QVERIFY2(error.startsWith(u"Token: this card token is already saved"_s), qPrintable(error));
    QCOMPARE(tokenCount(f.store()), 1);
}

void TestCustomerActions::verifyNoMarkupRendered(QWidget *root, const QString &markup)
{
    // Every label that shows the data shows it as typed: plain text, or escaped inside rich text.
    int showing = 0;
    for (QLabel *label : root->findChildren<QLabel *>()) {
        const QString text = label->text();
        if (text.contains(markup)) {
            ++showing;
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
        } else if (text.contains(markup.toHtmlEscaped())) {
            ++showing;
            QVERIFY2(label->textFormat() == Qt::RichText, qPrintable(label->objectName()));
        } else {
            QVERIFY2(!(label->textFormat() != Qt::PlainText && text.contains(u"<font"_s)),
                     qPrintable(label->objectName()));
        }
    }
    QVERIFY2(showing > 0, qPrintable(root->objectName()));
}

void TestCustomerActions::typedMarkupIsShownAsTyped()
{
    GuiFixture f;
    const QString name = u"<font color=red>Zed</font>"_s;
    const QString label = u"<b>Gold</b>"_s;
    const QString notes = u"<i>call first</i>"_s;
    const qint64 tokenId = f.addCustomerWithToken(name, u"tok+markup/9Xq="_s);
    QVERIFY(f.store().token(tokenId).ok());
    CardToken token = f.store().token(tokenId).value();
    token.label = label;
    QVERIFY(f.store().updateToken(token).ok());
    QVERIFY(f.store().customer(token.customerId).ok());
    Customer customer = f.store().customer(token.customerId).value();
    customer.notes = notes;
    QVERIFY(f.store().updateCustomer(customer).ok());

    auto window = f.window(tokenId);
    CustomersPanel *panel = window->customersPanel();
    QCOMPARE(child<QLabel>(panel, u"nameValue"_s)->text(), name);
    QCOMPARE(child<QLabel>(panel, u"notesValue"_s)->text(), notes);
    verifyNoMarkupRendered(panel, name);
    verifyNoMarkupRendered(panel, notes);

    // The charge form, its review and the add-token dialog.
    window->action(u"actionCharge"_s)->trigger();
    auto *charge = window->findChild<ChargeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(charge);
    QCOMPARE(child<QLabel>(charge, u"customerValue"_s)->text(), name);
    QVERIFY(child<QLabel>(charge, u"cardValue"_s)->text().contains(label));
    verifyNoMarkupRendered(charge, name);
    verifyNoMarkupRendered(charge, label);
    QTest::keyClicks(child<QLineEdit>(charge, u"amountEdit"_s), u"5.00"_s);
    QTest::mouseClick(child<QPushButton>(charge, u"reviewButton"_s), Qt::LeftButton);
    QVERIFY(settled(*window)); // the review reads the card again
    QCOMPARE(charge->step(), ChargeDialog::Step::Review);
    verifyNoMarkupRendered(charge, name);
    charge->reject();

    TokenDialog *add = trigger<TokenDialog>(*window, u"actionAddToken"_s);
    verifyNoMarkupRendered(add, name);
    add->reject();
}

void TestCustomerActions::verifyToolTipShowsTyped(const QString &toolTip, const QString &typed,
                                                  const char *where)
{
    // Qt shows a tooltip as rich text when Qt::mightBeRichText says so: then what it renders must
    // read as typed, tags and all.
    QVERIFY2(!toolTip.isEmpty(), where);
    const bool rich = Qt::mightBeRichText(toolTip);
    QString shown = toolTip;
    if (rich) {
        QTextDocument document;
        document.setHtml(toolTip);
        shown = document.toPlainText();
    }
    QVERIFY2(shown.contains(typed),
             qPrintable(QString::fromLatin1(where) + (rich ? u" renders as: "_s : u" reads: "_s) + shown));
}

void TestCustomerActions::typedMarkupInTooltipsIsShownAsTyped()
{
    GuiFixture f;
    const QString markup = u"<font color=red>Zed</font>"_s;
    // Long enough to be shortened on screen: the whole name is then in the tooltip.
    const QString name = markup + u" Al-Kuwari"_s.repeated(15);
    const QString notes = u"<i>call first</i>"_s;
    auto window = f.window();
    window->resize(900, 700);
    QCoreApplication::processEvents();

    // The clerk types it into "Add customer".
    auto *dialog = trigger<CustomerDialog>(*window, u"actionAddCustomer"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"nameEdit"_s), name);
    QTest::keyClicks(child<QPlainTextEdit>(dialog, u"notesEdit"_s), notes);
    QPointer<CustomerDialog> open = dialog;
    save(dialog);
    QTRY_VERIFY(open.isNull());
    QVERIFY(f.settle());
    CustomersPanel *panel = window->customersPanel();
    const qint64 customerId = panel->currentCustomerId();
    QVERIFY(customerId > 0);
    QCOMPARE(f.store().customer(customerId)->name, name); // stored as typed

    // Every label shows it as typed; the shortened name's tooltip too.
    QCoreApplication::processEvents();
    verifyNoMarkupRendered(panel, markup);
    verifyNoMarkupRendered(panel, notes);
    auto *nameValue = child<QLabel>(panel, u"nameValue"_s);
    QTRY_VERIFY2(nameValue->text().contains(QChar(0x2026)), qPrintable(nameValue->text()));
    verifyToolTipShowsTyped(nameValue->toolTip(), name, "elided name");

    // A card of this customer with a markup label, and a declined charge on it: its entry in the
    // results list (declined charges are always listed).
    const QString label = u"<b>Gold</b>"_s;
    const QString token = u"tok+markup-tip/9Xq="_s;
    const qint64 tokenId = addToken(f.store(), customerId, token, f.today());
    CardToken card = f.store().token(tokenId).value();
    card.label = label;
    QVERIFY(f.store().updateToken(card).ok());
    SimulatedBehaviour declined;
    declined.kind = SimulatedBehaviour::Kind::InsufficientFunds;
    f.simulator().script(token, declined);
    panel->refreshCustomers();
    QVERIFY(f.settle());
    panel->selectCustomer(customerId);
    QVERIFY(f.settle());
    panel->selectToken(tokenId);
    QVERIFY(f.settle());
    TokenTableModel *cards = panel->tokenModel();
    QTRY_VERIFY(cards->rowOfToken(tokenId) >= 0);
    verifyToolTipShowsTyped(
        cards->index(cards->rowOfToken(tokenId), TokenTableModel::Label).data(Qt::ToolTipRole).toString(), label,
        "card label");
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(3000, u"QAR"_s));
    QCOMPARE(f.store().payment(paymentId)->state, PaymentState::Declined);
    NoticeList *notices = window->notices();
    QTRY_COMPARE(notices->count(), 1);
    QVERIFY2(notices->text(0).contains(markup), qPrintable(notices->text(0)));
    verifyToolTipShowsTyped(notices->toolTip(0), u"QAR 30.00 for "_s + markup, "results-list entry");

    // A history row whose description holds markup (as a gateway's text might): its Description and
    // Card tooltips.
    const QString description = u"<h1>Declined</h1> <a href=x>see</a>"_s;
    Payment payment = f.store().payment(paymentId).value();
    payment.description = description;
    QVERIFY(f.store().updatePayment(payment).ok());
    window->showHistoryTab();
    QVERIFY(f.settle());
    window->historyPanel()->refresh();
    QVERIFY(f.settle());
    PaymentTableModel *history = window->historyPanel()->model();
    QTRY_VERIFY(history->rowOfPayment(paymentId) >= 0);
    const int row = history->rowOfPayment(paymentId);
    verifyToolTipShowsTyped(history->index(row, PaymentTableModel::Description).data(Qt::ToolTipRole).toString(),
                            description, "history description");
    verifyToolTipShowsTyped(history->index(row, PaymentTableModel::Token).data(Qt::ToolTipRole).toString(), label,
                            "history card");
}

void TestCustomerActions::longNameNeverWidensTheWindow_data()
{
    QTest::addColumn<QString>("longName");
    QTest::addColumn<Qt::LayoutDirection>("direction");
    // The longest name the store accepts (FieldLimits::Name, 200; the issue's 110 characters already
    // widened the window to 991 px). Longer names are refused since issue 9 #9.
    static_assert(FieldLimits::Name == 200);
    QTest::newRow("200 characters with spaces") << u"Sheikha "_s.repeated(25) << Qt::LeftToRight;
    QTest::newRow("200 characters, one word") << QString(200, u'W') << Qt::LeftToRight;
    QTest::newRow("200 Arabic characters, right to left")
        << QString::fromUtf8("شيخة ").repeated(40) << Qt::RightToLeft;
}

void TestCustomerActions::longNameNeverWidensTheWindow()
{
    QFETCH(QString, longName);
    QFETCH(Qt::LayoutDirection, direction);
    QApplication::setLayoutDirection(direction);
    GuiFixture f;
    const qint64 shortToken = f.addCustomerWithToken(u"Sara"_s, u"tok+short/9Xq="_s);
    const qint64 longToken = f.addCustomerWithToken(longName, u"tok+long/9Xq="_s);
    auto normal = f.window(shortToken);
    const int normalWidth = normal->minimumSizeHint().width();
    auto window = f.window(longToken);
    QCoreApplication::processEvents();
    const QSize minimum = window->minimumSizeHint();
    QVERIFY2(minimum.width() <= normalWidth, qPrintable(u"%1 > %2"_s.arg(minimum.width()).arg(normalWidth)));
    QVERIFY2(minimum.width() < 1000, qPrintable(QString::number(minimum.width())));

    // Elided on screen, whole in the tooltip.
    auto *name = child<QLabel>(window->customersPanel(), u"nameValue"_s);
    QVERIFY2(name->text().size() < longName.size(), qPrintable(name->text()));
    QVERIFY(name->text().contains(QChar(0x2026)));
    QCOMPARE(name->toolTip(), longName);

    // At the minimum size, more than one card row is still visible.
    window->resize(minimum);
    QCoreApplication::processEvents();
    QTableView *cards = window->customersPanel()->tokensView();
    QVERIFY2(cards->viewport()->height() >= 2 * cards->verticalHeader()->defaultSectionSize(),
             qPrintable(QString::number(cards->viewport()->height())));

    // The charge form does not grow with the name either.
    window->resize(1280, 800);
    window->action(u"actionCharge"_s)->trigger();
    auto *charge = window->findChild<ChargeDialog *>();
    QVERIFY(settled(*window)); // its subject is read on the desk's reader
    QVERIFY(charge);
    QVERIFY2(charge->width() < 1000, qPrintable(QString::number(charge->width())));
    QVERIFY2(charge->minimumSizeHint().width() < 1000,
             qPrintable(QString::number(charge->minimumSizeHint().width())));
    charge->reject();
}

QTEST_MAIN(TestCustomerActions)
#include "tst_customeractions.moc"
