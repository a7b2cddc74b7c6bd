#pragma once

#include "domain/Result.h"
#include "payments/Receipt.h"

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace fatora {

struct DeskContext;
class HistoryPanel;

// What the desk offers for the payment selected in the history, besides moving money: print its
// receipt, save it as PDF, copy its order id or transaction id. The receipt actions are disabled with
// Receipt::check's reason when the payment has no receipt (not approved, refund unsettled, no
// merchant name), the same reason a refused call gives.
class ReceiptActions : public QObject
{
    Q_OBJECT
public:
    ReceiptActions(DeskContext &context, HistoryPanel *history, QWidget *window);

    QAction *printAction() const { return m_print; }
    QAction *savePdfAction() const { return m_savePdf; }
    QAction *copyOrderIdAction() const { return m_copyOrderId; }
    QAction *copyTransactionIdAction() const { return m_copyTransactionId; }
    QList<QAction *> actions() const;

    // The receipt of the selected payment, or why there is none.
    Result<Receipt> currentReceipt() const;
    // The bodies of the actions, without their dialogs: tests and the screenshot tour drive these.
    Result<void> saveCurrentAsPdf(const QString &path);

    void update();
    void retranslate();

signals:
    void message(const QString &text);

private:
    void print();
    void savePdf();
    void copy(bool transactionId);

    DeskContext &m_context;
    HistoryPanel *m_history;
    QWidget *m_window;
    QAction *m_print;
    QAction *m_savePdf;
    QAction *m_copyOrderId;
    QAction *m_copyTransactionId;
};

} // namespace fatora
