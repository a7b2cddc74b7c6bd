#include "payments/RefundRequestsWindow.h"
#include "ui_RefundRequestsWindow.h"

#include "common/ConfirmGuard.h"
#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/ChangeFollower.h"
#include "desk/DeskContext.h"
#include "payments/PaymentService.h"
#include "payments/RefundRequestTableModel.h"
#include "staff/StaffRights.h"
#include "staff/StaffService.h"
#include "store/Store.h"
#include "store/StoreReader.h"

#include <QEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QScopedValueRollback>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace fatora {

RefundRequestsWindow::RefundRequestsWindow(DeskContext &context, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RefundRequestsWindow>()), m_context(context)
{
    m_ui->setupUi(this);
    setAttribute(Qt::WA_DeleteOnClose);
    m_model = new RefundRequestTableModel(this);
    m_ui->requestsView->setModel(m_model);
    m_ui->requestsView->horizontalHeader()->setStretchLastSection(true);
    m_ui->requestsView->verticalHeader()->hide();
    UiSupport::prepareErrorLabel(m_ui->messageLabel);
    // Approving sends money: the button takes no click in its first moment on screen, and a
    // confirmation follows.
    ConfirmGuard::arm(m_ui->approveButton);

    connect(m_ui->allCheck, &QCheckBox::toggled, this, &RefundRequestsWindow::reload);
    connect(m_ui->approveButton, &QPushButton::clicked, this, &RefundRequestsWindow::approve);
    connect(m_ui->denyButton, &QPushButton::clicked, this, &RefundRequestsWindow::deny);
    connect(m_ui->limitButton, &QPushButton::clicked, this, &RefundRequestsWindow::changeLimit);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::close);
    connect(m_ui->requestsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (!m_showingQueue) { // the clerk's pick; the queue read again keeps what was said
            UiSupport::showMessage(m_ui->messageLabel, {}); // a refusal was about the request selected before
            m_outcome.clear();
        }
        updateButtons();
    });
    connect(m_ui->requestsView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (auto r = m_model->requestAt(index.row()))
            emit openPayment(r->paymentId);
    });
    connect(context.payments, &PaymentService::refundApprovalsChanged, this, &RefundRequestsWindow::reload);
    connect(context.payments, &PaymentService::refundFinished, this,
            [this](qint64 id, RefundState state) { refundFinished(id, int(state)); });
    if (context.changes) {
        connect(context.changes, &ChangeFollower::othersChanged, this, [this](ChangeFeed::Tables tables) {
            if (tables & ChangeFeed::Table::RefundRequests) // asked, decided, the limit changed
                reload();
        });
    }

    if (auto may = StaffRights::check(context.payments->actor(), StaffRights::Action::SetRefundLimit); !may) {
        m_ui->limitButton->setEnabled(false);
        m_ui->limitButton->setToolTip(Display::plainToolTip(may.error().message));
    }
    if (!context.store->keepsStaffAccounts()) {
        showLimit();
        for (QWidget *w : {static_cast<QWidget *>(m_ui->limitButton), static_cast<QWidget *>(m_ui->allCheck),
                           static_cast<QWidget *>(m_ui->requestsView), static_cast<QWidget *>(m_ui->hintLabel)})
            w->setEnabled(false);
        m_ui->approveButton->setEnabled(false);
        m_ui->denyButton->setEnabled(false);
        return;
    }
    reload();
}

RefundRequestsWindow::~RefundRequestsWindow() = default;

void RefundRequestsWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        showLimit();
        emit m_model->headerDataChanged(Qt::Horizontal, 0, RefundRequestTableModel::ColumnCount - 1);
        emit m_model->dataChanged(m_model->index(0, 0),
                                  m_model->index(m_model->rowCount() - 1, RefundRequestTableModel::ColumnCount - 1));
        updateButtons();
    }
    QDialog::changeEvent(event);
}

void RefundRequestsWindow::showLimit()
{
    if (!m_context.store->keepsStaffAccounts()) {
        m_ui->limitLabel->setText(
            tr("Refunds are not reviewed on a database file: one person works here, with every right. On a "
               "shared database a refund above a limit waits for a second supervisor's approval."));
        return;
    }
    if (!m_limit) {
        m_ui->limitLabel->setText(m_limitProblem);
        return;
    }
    m_ui->limitLabel->setText(
        m_limit->minorUnits() == 0
            ? tr("Every refund needs a second supervisor's approval.")
            : tr("Refunds above %1 (and refunds in another currency) need a second supervisor's approval; "
                 "smaller ones are sent at once.")
                  .arg(Display::money(*m_limit)));
}

void RefundRequestsWindow::reload()
{
    if (!m_context.store->keepsStaffAccounts())
        return;
    if (m_reading > 0) {
        m_readAgain = true; // the read on its way may have been made before this change
        return;
    }
    ++m_reading;
    RefundApprovalQuery query;
    query.openOnly = !m_ui->allCheck->isChecked();
    m_context.reader->read<Queue>(
        this,
        [query](Store &store) -> Result<Queue> {
            Queue queue;
            auto list = store.refundApprovals(query);
            if (!list)
                return list.error();
            queue.requests = list.value();
            for (const RefundApproval &request : std::as_const(queue.requests)) {
                if (!request.isOpen())
                    continue;
                auto payment = store.payment(request.paymentId);
                if (!payment)
                    return payment.error();
                queue.payments.insert(payment->id, payment.value());
            }
            if (auto limit = store.refundApprovalLimit(); limit)
                queue.limit = limit.value();
            else
                queue.limitProblem = limit.error().message;
            return queue;
        },
        [this](Result<Queue> queue) {
            --m_reading;
            if (!queue)
                UiSupport::showMessage(m_ui->messageLabel, queue.error().message);
            else
                showQueue(queue.value());
            if (std::exchange(m_readAgain, false))
                reload();
        });
}

void RefundRequestsWindow::showQueue(const Queue &queue)
{
    m_limit = queue.limit;
    m_limitProblem = queue.limitProblem;
    showLimit();
    m_payments = queue.payments;
    const qint64 keep = selected() ? selected()->id : 0;
    const QScopedValueRollback showing(m_showingQueue, true);
    m_model->setRequests(queue.requests);
    // Every column as wide as its text; a long reason or note is cut at a readable width (its
    // tooltip has it whole).
    for (int c = 0; c < RefundRequestTableModel::ColumnCount; ++c) {
        m_ui->requestsView->resizeColumnToContents(c);
        if (c == RefundRequestTableModel::Reason || c == RefundRequestTableModel::Note)
            m_ui->requestsView->setColumnWidth(c, std::min(m_ui->requestsView->columnWidth(c), 320));
    }
    // The request selected stays selected; when it left the queue (decided elsewhere) nothing is, so
    // that a second click meant for it cannot land on the next one.
    // The first request is selected only when the window opens: a queue read again after a decision
    // (which may arrive a little later, from the reader) never picks one by itself.
    const int row = m_model->rowOf(keep);
    if (row >= 0)
        selectRow(row);
    else if (!std::exchange(m_shownOnce, true) && m_model->rowCount() > 0)
        selectRow(0);
    else
        m_ui->requestsView->selectionModel()->clear();
    updateButtons();
}

void RefundRequestsWindow::selectRequest(qint64 id)
{
    if (const int row = m_model->rowOf(id); row >= 0)
        selectRow(row);
    updateButtons();
}

void RefundRequestsWindow::selectRow(int row)
{
    // Not QTableView::selectRow: right to left it picks the column at the viewport's far edge, and
    // past the last column that is none - the row would look selected with no current request.
    m_ui->requestsView->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

std::optional<RefundApproval> RefundRequestsWindow::selected() const
{
    const QModelIndex current = m_ui->requestsView->currentIndex();
    return current.isValid() ? m_model->requestAt(current.row()) : std::nullopt;
}

void RefundRequestsWindow::showOutcome(const QString &text)
{
    m_outcome = text;
    m_ui->verdictLabel->setText(text);
}

void RefundRequestsWindow::updateButtons()
{
    const auto request = selected();
    // The service's verdicts (role, the request still open, not one's own, the payment refundable
    // now), as approving and denying will decide them again.
    QString approveWhy;
    QString denyWhy;
    if (auto may = StaffRights::check(m_context.payments->actor(), StaffRights::Action::ApproveRefunds); !may) {
        approveWhy = denyWhy = may.error().message;
    } else if (!request) {
        approveWhy = denyWhy = tr("Select a request first.");
    } else {
        // On the request and its payment as read with the queue; deciding reads them again.
        const auto payment = m_payments.contains(request->paymentId)
                                 ? std::optional<Payment>(m_payments.value(request->paymentId))
                                 : std::nullopt;
        if (auto approving = m_context.payments->judgeRefundDecision(*request, payment, true); !approving)
            approveWhy = approving.error().message;
        if (auto denying = m_context.payments->judgeRefundDecision(*request, payment, false); !denying)
            denyWhy = denying.error().message;
    }
    m_ui->approveButton->setEnabled(approveWhy.isEmpty());
    m_ui->approveButton->setToolTip(Display::plainToolTip(approveWhy));
    m_ui->denyButton->setEnabled(denyWhy.isEmpty());
    m_ui->denyButton->setToolTip(Display::plainToolTip(denyWhy));
    // An outcome said here (sent, denied, Fatora's answer) stays until the clerk picks another request:
    // the queue read again after it (on the reader, possibly later) does not wipe it.
    m_ui->verdictLabel->setText(request && request->isOpen() ? approveWhy : m_outcome);
}

Result<void> RefundRequestsWindow::approveRequest(qint64 id, const QString &note)
{
    // The request as the queue shows it: its order id is said below, its payment's answer told.
    const std::optional<RefundApproval> request = m_model->requestAt(m_model->rowOf(id));
    if (!request)
        return Error{u"request"_s, tr("Refund request %1 is not in the list.").arg(Display::isolate(QString::number(id))),
                     ErrorKind::NotFound};
    auto approved = m_context.payments->approveRefund(id, note);
    if (!approved) {
        reload(); // the queue as it is now (another supervisor may have decided it)
        UiSupport::showMessage(m_ui->messageLabel, approved.error().message);
        return approved;
    }
    m_sentFromHere.insert(request->paymentId, request->orderId);
    UiSupport::showMessage(m_ui->messageLabel, {});
    showOutcome(tr("Refund of order %1 sent; waiting for Fatora's answer. The history shows it "
                                   "even if you close this window.")
                                    .arg(Display::isolate(request->orderId)));
    return {};
}

Result<void> RefundRequestsWindow::denyRequest(qint64 id, const QString &reason)
{
    auto denied = m_context.payments->denyRefund(id, reason);
    if (!denied) {
        reload(); // the queue as it is now (another supervisor may have decided it)
        UiSupport::showMessage(m_ui->messageLabel, denied.error().message);
        return denied;
    }
    UiSupport::showMessage(m_ui->messageLabel, {});
    showOutcome(tr("Request %1 denied; nothing was sent.").arg(Display::isolate(QString::number(id))));
    return {};
}

Result<void> RefundRequestsWindow::setLimit(const QString &amountText)
{
    StaffService staff(*m_context.store);
    staff.setActor(m_context.payments->actor());
    auto set = staff.setRefundApprovalLimit(amountText);
    if (!set) {
        UiSupport::showMessage(m_ui->messageLabel, set.error().message);
        return set.error();
    }
    UiSupport::showMessage(m_ui->messageLabel, {});
    reload(); // the limit as it now stands
    return {};
}

void RefundRequestsWindow::approve()
{
    const auto request = selected();
    if (!request || !m_ui->approveButton->isEnabled())
        return;
    QMessageBox box(QMessageBox::Question, tr("Approve and refund"),
                    tr("Refund %1 of order %2 to %3 now?\n\nAsked by %4: %5")
                        .arg(Display::amount(request->amount), Display::isolate(request->orderId),
                             Display::isolateAuto(request->customerName), Display::isolateAuto(request->requestedBy),
                             Display::isolateAuto(request->reason)),
                    QMessageBox::NoButton, this);
    box.setTextFormat(Qt::PlainText);
    QPushButton *yes = box.addButton(tr("Approve and &refund"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    ConfirmGuard::arm(yes);
    box.exec();
    if (box.clickedButton() != yes)
        return;
    m_ui->approveButton->setEnabled(false); // until the queue is read again
    (void)approveRequest(request->id, QString());
}

void RefundRequestsWindow::deny()
{
    const auto request = selected();
    if (!request || !m_ui->denyButton->isEnabled())
        return;
    bool ok = false;
    const QString reason =
        QInputDialog::getText(this, tr("Deny the refund"),
                              tr("Why is the refund of %1 denied? %2 reads it.")
                                  .arg(Display::amount(request->amount), Display::isolateAuto(request->requestedBy)),
                              QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    (void)denyRequest(request->id, reason);
}

void RefundRequestsWindow::changeLimit()
{
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Refund approval limit"),
        tr("Refunds above this amount in QAR need a second supervisor's approval (0: every refund):"),
        QLineEdit::Normal, m_limit ? m_limit->toPlainString() : QString(), &ok);
    if (ok)
        (void)setLimit(text);
}

void RefundRequestsWindow::refundFinished(qint64 paymentId, int state)
{
    if (!m_sentFromHere.contains(paymentId))
        return;
    const QString order = Display::isolate(m_sentFromHere.take(paymentId));
    switch (RefundState(state)) {
    case RefundState::Refunded:
        showOutcome(tr("Order %1 refunded: Fatora accepted the refund.").arg(order));
        break;
    case RefundState::Rejected:
        showOutcome(tr("Fatora refused the refund of order %1; no money moved. Asking again "
                                       "needs a new request.")
                                        .arg(order));
        break;
    case RefundState::None:
        showOutcome(tr("The refund of order %1 did not reach Fatora; no money moved. The approval "
                                       "was used: asking again needs a new request.")
                                        .arg(order));
        break;
    default:
        showOutcome(tr("The outcome of the refund of order %1 is unknown: check Fatora's "
                                       "dashboard and record it in the history before anything else.")
                                        .arg(order));
        break;
    }
}

} // namespace fatora
