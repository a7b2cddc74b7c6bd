// Receipts and ids of a payment, as a clerk gets them from the transaction history: print, save as PDF
// (English and Arabic), copy the order id and the transaction id.

#include "common/Display.h"
#include "common/Translations.h"
#include "desk/MainWindow.h"
#include "GuiFixture.h"
#include "history/HistoryPanel.h"
#include "payments/ReceiptActions.h"
#include "payments/ReceiptDocument.h"

#include <QAction>
#include <QClipboard>
#include <QDialog>
#include <QDir>
#include <QGuiApplication>
#include <QMenu>
#include <QPrinter>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTableView>
#include <QTextDocument>
#include <QTextOption>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;
using Kind = SimulatedBehaviour::Kind;

namespace {
const QString FullToken = u"tok+receipt/AbCdEfGh\\|9Xq="_s;
const QString Merchant = u"Doha Books & Co <b>"_s; // markup in a name prints as typed
const QString CustomerName = u"Sara Al-Kuwari"_s;
const QString Operator = u"Mona"_s;

// The text as read, without the direction marks that keep ids whole inside Arabic.
QString withoutIsolates(QString text)
{
    for (const QChar c : {QChar(0x2066), QChar(0x2067), QChar(0x2068), QChar(0x2069)})
        text.remove(c);
    return text;
}

// The receipt of the desk's selected payment, once read on its reader.
Result<Receipt> currentReceipt(MainWindow &window)
{
    std::optional<Result<Receipt>> read;
    window.receipts()->readCurrentReceipt([&read](Result<Receipt> r) { read = std::move(r); });
    if (!QTest::qWaitFor([&read] { return read.has_value(); }, 10000))
        return Error{QString(), u"the receipt was never read"_s};
    return *read;
}

Result<void> saveCurrentAsPdf(MainWindow &window, const QString &path)
{
    std::optional<Result<void>> saved;
    window.receipts()->saveCurrentAsPdf(path, [&saved](Result<void> r) { saved = std::move(r); });
    if (!QTest::qWaitFor([&saved] { return saved.has_value(); }, 10000))
        return Error{QString(), u"the receipt was never saved"_s};
    return *saved;
}
} // namespace

class TestReceipts : public QObject
{
    Q_OBJECT

private slots:
    void receiptActionsFollowTheSelection();
    void savedPdfHasEveryFieldAndNoToken_data();
    void savedPdfHasEveryFieldAndNoToken();
    void refundedPaymentGivesARefundReceipt();
    void printGoesThroughThePrintDialog();
    void copyOrderAndTransactionId();
    void merchantNameFromSettings();
    void cleanup();

private:
    struct Desk
    {
        std::unique_ptr<GuiFixture> f;
        std::unique_ptr<MainWindow> window;
        qint64 paymentId = 0;
    };
    static Desk deskWithApprovedPayment(Kind kind = Kind::Approve);
    static void select(MainWindow &window, qint64 paymentId);
};

TestReceipts::Desk TestReceipts::deskWithApprovedPayment(Kind kind)
{
    Desk d;
    d.f = std::make_unique<GuiFixture>();
    const qint64 tokenId = d.f->addCustomerWithToken(CustomerName, FullToken, kind);
    d.f->payments().setOperatorName(Operator);
    d.paymentId = d.f->chargeAndWait(tokenId, Money(12345, u"QAR"_s));
    d.window = d.f->window(tokenId);
    d.window->context().appSettings.merchantName = Merchant;
    select(*d.window, d.paymentId);
    return d;
}

void TestReceipts::select(MainWindow &window, qint64 paymentId)
{
    window.showHistoryTab();
    QVERIFY(settled(window));
    window.historyPanel()->refresh();
    QVERIFY(settled(window));
    window.historyPanel()->selectPayment(paymentId);
    QVERIFY(settled(window));
    if (window.historyPanel()->currentPaymentId() != paymentId)
        qFatal("payment %lld not in the history", paymentId);
}

void TestReceipts::cleanup()
{
    QVERIFY(Translations::apply(u"en"_s));
}

void TestReceipts::receiptActionsFollowTheSelection()
{
    Desk d = deskWithApprovedPayment(Kind::InsufficientFunds);
    ReceiptActions *receipts = d.window->receipts();
    // Where the clerk looks: the Payments menu and the history's context menu.
    QMenu *payments = d.window->findChild<QMenu *>(u"menuPayments"_s);
    QVERIFY(payments->actions().contains(receipts->printAction()));
    QVERIFY(payments->actions().contains(receipts->savePdfAction()));
    QVERIFY(d.window->historyPanel()->view()->actions().contains(receipts->copyOrderIdAction()));
    QVERIFY(d.window->historyPanel()->view()->actions().contains(receipts->copyTransactionIdAction()));

    // A declined payment has no receipt, and the disabled action says why.
    QVERIFY(!receipts->printAction()->isEnabled());
    QVERIFY(!receipts->savePdfAction()->isEnabled());
    QVERIFY2(receipts->printAction()->toolTip().contains(u"Only an approved payment"_s),
             qPrintable(receipts->printAction()->toolTip()));
    QVERIFY(receipts->copyOrderIdAction()->isEnabled());
    // The refused call gives the same reason.
    QTemporaryDir dir;
    auto saved = saveCurrentAsPdf(*d.window, dir.filePath(u"r.pdf"_s));
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().message, receipts->printAction()->toolTip());
    QVERIFY(!QFile::exists(dir.filePath(u"r.pdf"_s)));

    // An approved one has; without a merchant name it is refused with the place to fix it.
    const qint64 tokenId = d.f->addCustomerWithToken(u"Omar"_s, u"tok+second/7Lm="_s);
    const qint64 approved = d.f->chargeAndWait(tokenId, Money(5000, u"QAR"_s));
    select(*d.window, approved);
    QVERIFY(receipts->printAction()->isEnabled());
    QVERIFY(receipts->savePdfAction()->isEnabled());
    d.window->context().appSettings.merchantName.clear();
    d.window->updateActions();
    QVERIFY(!receipts->savePdfAction()->isEnabled());
    QVERIFY2(receipts->savePdfAction()->toolTip().contains(u"Settings"_s),
             qPrintable(receipts->savePdfAction()->toolTip()));
}

void TestReceipts::savedPdfHasEveryFieldAndNoToken_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << u"en"_s;
    QTest::newRow("Arabic, right to left") << u"ar"_s;
}

void TestReceipts::savedPdfHasEveryFieldAndNoToken()
{
    QFETCH(QString, language);
    Desk d = deskWithApprovedPayment();
    QVERIFY(Translations::apply(language));
    const Payment p = d.f->store().payment(d.paymentId).value();
    QCOMPARE(p.state, PaymentState::Approved);
    QVERIFY(!p.transactionId.isEmpty());
    QVERIFY(!p.authCode.isEmpty());

    // Save as PDF, the clerk's way minus the file dialog.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"receipt.pdf"_s);
    auto saved = saveCurrentAsPdf(*d.window, path);
    QVERIFY2(saved.ok(), qPrintable(saved.error().toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.size() > 1000);
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY(!pdf.contains(FullToken.toUtf8()));
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"receipt.pdf"_s}); // no temporary left

    // What the page says.
    auto receipt = currentReceipt(*d.window);
    QVERIFY(receipt.ok());
    const auto doc = ReceiptDocument::build(receipt.value());
    const QString raw = doc->toPlainText();
    const QString text = withoutIsolates(raw);
    for (const QString &field : {Merchant, CustomerName, u"•••• 9Xq="_s, p.orderId, p.transactionId, p.authCode,
                                 Operator, withoutIsolates(fatora::Display::money(Money(12345, u"QAR"_s))),
                                 withoutIsolates(fatora::Display::dateTime(p.createdAt))})
        QVERIFY2(text.contains(field), qPrintable(field + u" missing from:\n"_s + text));
    QVERIFY(!text.contains(FullToken));
    QVERIFY(!text.contains(u"AbCdEfGh"_s));
    QVERIFY(!text.contains(d.f->context().apiKey));
    QVERIFY(doc->toHtml().contains(u"&lt;b&gt;"_s)); // the merchant's "<b>" is text, not bold

    const Qt::LayoutDirection direction = language == u"ar"_s ? Qt::RightToLeft : Qt::LeftToRight;
    QCOMPARE(doc->defaultTextOption().textDirection(), direction);
    if (direction == Qt::RightToLeft) {
        // Ids and the card stay whole, left to right, inside the Arabic lines.
        QVERIFY(raw.contains(QChar(0x2066) + p.orderId + QChar(0x2069)));
        QVERIFY(raw.contains(QChar(0x2066) + p.transactionId + QChar(0x2069)));
        QVERIFY(raw.contains(QChar(0x2066) + u"•••• 9Xq="_s + QChar(0x2069)));
    }

    // The page as it prints, for a person to look at (FATORA_RECEIPT_PNG_DIR=/some/dir).
    const QImage page = ReceiptDocument::image(receipt.value());
    QVERIFY(page.width() == 600 && page.height() > 200);
    if (const QString out = qEnvironmentVariable("FATORA_RECEIPT_PNG_DIR"); !out.isEmpty())
        QVERIFY(page.save(out + u"/receipt-"_s + language + u".png"_s));
}

void TestReceipts::refundedPaymentGivesARefundReceipt()
{
    Desk d = deskWithApprovedPayment();
    Payment p = d.f->store().payment(d.paymentId).value();
    p.refundState = RefundState::Pending;
    QVERIFY(d.f->store().updatePayment(p).ok());
    select(*d.window, d.paymentId);
    QVERIFY(!d.window->receipts()->savePdfAction()->isEnabled());
    QVERIFY(d.window->receipts()->savePdfAction()->toolTip().contains(u"refund"_s));

    p.refundState = RefundState::Refunded;
    p.refundStatus = u"REFUNDED"_s;
    p.refundedAt = d.f->clock().now().addSecs(3600);
    QVERIFY(d.f->store().updatePayment(p).ok());
    select(*d.window, d.paymentId);
    QVERIFY(d.window->receipts()->savePdfAction()->isEnabled());
    auto receipt = currentReceipt(*d.window);
    QVERIFY(receipt.ok());
    QCOMPARE(receipt->kind, Receipt::Kind::Refund);
    const QString text = withoutIsolates(ReceiptDocument::build(receipt.value())->toPlainText());
    QVERIFY2(text.contains(u"Refund receipt"_s) && text.contains(u"Amount refunded"_s) &&
                 text.contains(u"REFUNDED"_s) && text.contains(withoutIsolates(fatora::Display::dateTime(p.refundedAt))),
             qPrintable(text));
    QVERIFY(ReceiptDocument::suggestedFileName(receipt.value()).startsWith(u"refund-receipt-"_s));
    QTemporaryDir dir;
    QVERIFY(saveCurrentAsPdf(*d.window, dir.filePath(u"refund.pdf"_s)).ok());
}

void TestReceipts::printGoesThroughThePrintDialog()
{
    Desk d = deskWithApprovedPayment();
    // Print…: the print dialog comes up; cancelling it prints nothing.
    bool dialogSeen = false;
    onNextModal([&dialogSeen](QWidget *modal) {
        dialogSeen = modal->inherits("QPrintDialog");
        if (auto *dialog = qobject_cast<QDialog *>(modal))
            dialog->reject();
    });
    d.window->receipts()->printAction()->trigger();
    QTRY_VERIFY(dialogSeen); // once the payment was read on the reader

    // What the dialog's printer receives: the same pages, here printed to a PDF printer.
    QTemporaryDir dir;
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(dir.filePath(u"printed.pdf"_s));
    auto receipt = currentReceipt(*d.window);
    QVERIFY(receipt.ok());
    ReceiptDocument::print(receipt.value(), &printer);
    QFile printed(dir.filePath(u"printed.pdf"_s));
    QVERIFY(printed.open(QIODevice::ReadOnly));
    QVERIFY(printed.readAll().startsWith("%PDF"));
}

void TestReceipts::copyOrderAndTransactionId()
{
    Desk d = deskWithApprovedPayment();
    const Payment p = d.f->store().payment(d.paymentId).value();
    QGuiApplication::clipboard()->clear();
    d.window->receipts()->copyOrderIdAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), p.orderId);
    d.window->receipts()->copyTransactionIdAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), p.transactionId);

    // A payment whose answer was lost has no transaction id to copy.
    const qint64 tokenId = d.f->addCustomerWithToken(u"Omar"_s, u"tok+lost/7Lm="_s, Kind::Http500);
    const qint64 lost = d.f->chargeAndWait(tokenId, Money(5000, u"QAR"_s));
    select(*d.window, lost);
    QVERIFY(d.window->receipts()->copyOrderIdAction()->isEnabled());
    QVERIFY(!d.window->receipts()->copyTransactionIdAction()->isEnabled());
}

void TestReceipts::merchantNameFromSettings()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
    AppSettings s;
    s.merchantName = u"Doha Books"_s;
    s.save(settings);
    QCOMPARE(AppSettings::load(settings).merchantName, u"Doha Books"_s);
    s.merchantName = u"Doha\nBooks"_s;
    QVERIFY(!s.validate().ok());
    QCOMPARE(s.validate().error().field, u"merchant_name"_s);
}

QTEST_MAIN(TestReceipts)
#include "tst_receipts.moc"
