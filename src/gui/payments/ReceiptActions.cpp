#include "payments/ReceiptActions.h"

#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/DeskContext.h"
#include "history/HistoryPanel.h"
#include "payments/ReceiptDocument.h"
#include "store/Store.h"
#include "store/StoreReader.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QStandardPaths>
#include <QTimer>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace fatora {

ReceiptActions::ReceiptActions(DeskContext &context, HistoryPanel *history, QWidget *window)
    : QObject(window), m_context(context), m_history(history), m_window(window)
{
    const auto make = [this](const char16_t *name) {
        auto *action = new QAction(m_window);
        action->setObjectName(QString::fromUtf16(name));
        return action;
    };
    m_print = make(u"actionPrintReceipt");
    m_print->setShortcut(QKeySequence::Print);
    m_savePdf = make(u"actionSaveReceiptPdf");
    m_copyOrderId = make(u"actionCopyOrderId");
    m_copyTransactionId = make(u"actionCopyTransactionId");
    connect(m_print, &QAction::triggered, this, &ReceiptActions::print);
    connect(m_savePdf, &QAction::triggered, this, &ReceiptActions::savePdf);
    connect(m_copyOrderId, &QAction::triggered, this, [this] { copy(false); });
    connect(m_copyTransactionId, &QAction::triggered, this, [this] { copy(true); });
    connect(m_history, &HistoryPanel::currentPaymentChanged, this, &ReceiptActions::update);
    retranslate();
}

QList<QAction *> ReceiptActions::actions() const
{
    return {m_print, m_savePdf, m_copyOrderId, m_copyTransactionId};
}

void ReceiptActions::retranslate()
{
    m_print->setText(tr("&Print receipt…"));
    m_print->setStatusTip(tr("Print the receipt of the selected payment or refund"));
    m_savePdf->setText(tr("Save receipt as &PDF…"));
    m_savePdf->setStatusTip(tr("Save the receipt of the selected payment or refund as a PDF file"));
    m_copyOrderId->setText(tr("Copy &order id"));
    m_copyTransactionId->setText(tr("Copy &transaction id"));
    update();
}

void ReceiptActions::readCurrentReceipt(std::function<void(Result<Receipt>)> done)
{
    const std::optional<PaymentRow> row = m_history->currentRow();
    Payment payment = row ? row->payment : Payment();
    // Checked before anything is read, so a disabled action and a refused one give the same reason.
    const QString merchant = m_context.appSettings.merchantName;
    if (auto ok = Receipt::check(payment, merchant); !ok) {
        done(ok.error());
        return;
    }
    // Read fresh: the row may be a page read before a refund settled.
    m_context.reader->read<Receipt>(
        this,
        [paymentId = payment.id, merchant](Store &store) -> Result<Receipt> {
            auto fresh = store.payment(paymentId);
            if (!fresh.ok())
                return fresh.error();
            auto customer = store.customer(fresh->customerId);
            if (!customer.ok())
                return customer.error();
            auto card = store.token(fresh->tokenId);
            if (!card.ok())
                return card.error();
            return Receipt::make(fresh.value(), customer.value(), card.value(), merchant);
        },
        std::move(done));
}

void ReceiptActions::update()
{
    const std::optional<PaymentRow> row = m_history->currentRow();
    const Payment payment = row ? row->payment : Payment();
    const auto receipt = Receipt::check(payment, m_context.appSettings.merchantName);
    for (QAction *action : {m_print, m_savePdf}) {
        action->setEnabled(receipt.ok());
        action->setToolTip(receipt.ok() ? action->statusTip() : Display::plainToolTip(receipt.error().message));
    }
    const QString choose = tr("Select a payment in the transaction history first.");
    m_copyOrderId->setEnabled(row.has_value());
    m_copyOrderId->setToolTip(row ? Display::plainToolTip(tr("Copy %1").arg(Display::isolate(payment.orderId)))
                                  : choose);
    m_copyTransactionId->setEnabled(row && !payment.transactionId.isEmpty());
    m_copyTransactionId->setToolTip(!row ? choose
                                    : payment.transactionId.isEmpty()
                                        ? tr("Fatora gave no transaction id for this payment.")
                                        : Display::plainToolTip(
                                              tr("Copy %1").arg(Display::isolate(payment.transactionId))));
}

void ReceiptActions::saveCurrentAsPdf(const QString &path, std::function<void(Result<void>)> done)
{
    readCurrentReceipt([path, done = std::move(done)](Result<Receipt> receipt) {
        done(receipt.ok() ? ReceiptDocument::savePdf(receipt.value(), path) : Result<void>(receipt.error()));
    });
}

void ReceiptActions::print()
{
    // The print dialog (or the warning) runs from the event loop, not inside the reader's delivery.
    readCurrentReceipt([this](Result<Receipt> receipt) {
        QTimer::singleShot(0, this, [this, receipt] { printReceipt(receipt); });
    });
}

void ReceiptActions::printReceipt(const Result<Receipt> &read)
{
    if (!read.ok()) {
        UiSupport::warn(m_window, tr("Print receipt"), read.error().message);
        return;
    }
    const Receipt &receipt = read.value();
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(ReceiptDocument::suggestedFileName(receipt));
    QPrintDialog dialog(&printer, m_window);
    dialog.setWindowTitle(tr("Print receipt"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    ReceiptDocument::print(receipt, &printer);
    emit message(tr("Receipt sent to the printer."));
}

void ReceiptActions::savePdf()
{
    readCurrentReceipt([this](Result<Receipt> receipt) {
        QTimer::singleShot(0, this, [this, receipt] { askWhereToSave(receipt); });
    });
}

void ReceiptActions::askWhereToSave(const Result<Receipt> &read)
{
    if (!read.ok()) {
        UiSupport::warn(m_window, tr("Save receipt as PDF"), read.error().message);
        return;
    }
    const Receipt &receipt = read.value();
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' +
                              ReceiptDocument::suggestedFileName(receipt);
    const QString path =
        QFileDialog::getSaveFileName(m_window, tr("Save receipt as PDF"), suggested, tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (auto saved = ReceiptDocument::savePdf(receipt, path); !saved.ok()) {
        UiSupport::warn(m_window, tr("Save receipt as PDF"), saved.error().message);
        return;
    }
    emit message(tr("Receipt saved to %1.").arg(Display::isolate(QDir::toNativeSeparators(path))));
}

void ReceiptActions::copy(bool transactionId)
{
    const std::optional<PaymentRow> row = m_history->currentRow();
    if (!row)
        return;
    const QString text = transactionId ? row->payment.transactionId : row->payment.orderId;
    if (text.isEmpty())
        return;
    // Ids are not secrets (unlike tokens): plain copy, no clearing timer.
    QGuiApplication::clipboard()->setText(text);
    emit message(transactionId ? tr("Transaction id copied: %1").arg(Display::isolate(text))
                               : tr("Order id copied: %1").arg(Display::isolate(text)));
}

} // namespace fatora
