#pragma once

#include "domain/Result.h"
#include "payments/Receipt.h"

#include <QObject>

#include <functional>
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

    // The receipt of the selected payment, or why there is none, to `done`: the payment, its
    // customer and card are read fresh on the desk's reader (issue 13). A refusal (nothing to
    // print) comes at once; `done` is not called if the desk goes first.
    void readCurrentReceipt(std::function<void(Result<Receipt>)> done);
    // The body of Save as PDF, without its file dialog: tests drive it.
    void saveCurrentAsPdf(const QString &path, std::function<void(Result<void>)> done);

    void update();
    void retranslate();

signals:
    void message(const QString &text);

private:
    void print();
    void savePdf();
    void printReceipt(const Result<Receipt> &read);
    void askWhereToSave(const Result<Receipt> &read);
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
