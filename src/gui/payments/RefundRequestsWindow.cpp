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

#include <QEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>

#include <algorithm>

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
        UiSupport::showMessage(m_ui->messageLabel, {}); // a refusal was about the request selected before
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
            if (tables & ChangeFeed::Table::RefundRequests) { // asked, decided, the limit changed
                showLimit();
                reload();
            }
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
    showLimit();
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
    auto limit = m_context.store->refundApprovalLimit();
    if (!limit) {
        m_ui->limitLabel->setText(limit.error().message);
        return;
    }
    m_ui->limitLabel->setText(
        limit->minorUnits() == 0
            ? tr("Every refund needs a second supervisor's approval.")
            : tr("Refunds above %1 (and refunds in another currency) need a second supervisor's approval; "
                 "smaller ones are sent at once.")
                  .arg(Display::money(limit.value())));
}

void RefundRequestsWindow::reload()
{
    if (!m_context.store->keepsStaffAccounts())
        return;
    const qint64 keep = selected() ? selected()->id : 0;
    RefundApprovalQuery query;
    query.openOnly = !m_ui->allCheck->isChecked();
    auto list = m_context.store->refundApprovals(query);
    if (!list) {
        UiSupport::showMessage(m_ui->messageLabel, list.error().message);
        return;
    }
    m_model->setRequests(list.value());
    // Every column as wide as its text; a long reason or note is cut at a readable width (its
    // tooltip has it whole).
    for (int c = 0; c < RefundRequestTableModel::ColumnCount; ++c) {
        m_ui->requestsView->resizeColumnToContents(c);
        if (c == RefundRequestTableModel::Reason || c == RefundRequestTableModel::Note)
            m_ui->requestsView->setColumnWidth(c, std::min(m_ui->requestsView->columnWidth(c), 320));
    }
    // The request selected stays selected; when it left the queue (decided elsewhere) nothing is, so
    // that a second click meant for it cannot land on the next one.
    const int row = m_model->rowOf(keep);
    if (row >= 0)
        selectRow(row);
    else if (keep == 0 && m_model->rowCount() > 0)
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
        if (auto may = m_context.payments->mayDecideRefund(request->id, true); !may)
            approveWhy = may.error().message;
        if (auto may = m_context.payments->mayDecideRefund(request->id, false); !may)
            denyWhy = may.error().message;
    }
    m_ui->approveButton->setEnabled(approveWhy.isEmpty());
    m_ui->approveButton->setToolTip(Display::plainToolTip(approveWhy));
    m_ui->denyButton->setEnabled(denyWhy.isEmpty());
    m_ui->denyButton->setToolTip(Display::plainToolTip(denyWhy));
    m_ui->verdictLabel->setText(request && request->isOpen() ? approveWhy : QString());
}

Result<void> RefundRequestsWindow::approveRequest(qint64 id, const QString &note)
{
    auto request = m_context.store->refundApproval(id);
    if (!request)
        return request.error();
    auto approved = m_context.payments->approveRefund(id, note);
    if (!approved) {
        reload(); // the queue as it is now (another supervisor may have decided it)
        UiSupport::showMessage(m_ui->messageLabel, approved.error().message);
        return approved;
    }
    m_sentFromHere << request->paymentId;
    UiSupport::showMessage(m_ui->messageLabel, {});
    m_ui->verdictLabel->setText(tr("Refund of order %1 sent; waiting for Fatora's answer. The history shows it "
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
    m_ui->verdictLabel->setText(tr("Request %1 denied; nothing was sent.").arg(Display::isolate(QString::number(id))));
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
    showLimit();
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
    auto limit = m_context.store->refundApprovalLimit();
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Refund approval limit"),
        tr("Refunds above this amount in QAR need a second supervisor's approval (0: every refund):"),
        QLineEdit::Normal, limit ? limit->toPlainString() : QString(), &ok);
    if (ok)
        (void)setLimit(text);
}

void RefundRequestsWindow::refundFinished(qint64 paymentId, int state)
{
    if (!m_sentFromHere.contains(paymentId))
        return;
    m_sentFromHere.removeAll(paymentId);
    auto p = m_context.store->payment(paymentId);
    const QString order = p ? Display::isolate(p->orderId) : Display::isolate(QString::number(paymentId));
    switch (RefundState(state)) {
    case RefundState::Refunded:
        m_ui->verdictLabel->setText(tr("Order %1 refunded: Fatora accepted the refund.").arg(order));
        break;
    case RefundState::Rejected:
        m_ui->verdictLabel->setText(tr("Fatora refused the refund of order %1; no money moved. Asking again "
                                       "needs a new request.")
                                        .arg(order));
        break;
    case RefundState::None:
        m_ui->verdictLabel->setText(tr("The refund of order %1 did not reach Fatora; no money moved. The approval "
                                       "was used: asking again needs a new request.")
                                        .arg(order));
        break;
    default:
        m_ui->verdictLabel->setText(tr("The outcome of the refund of order %1 is unknown: check Fatora's "
                                       "dashboard and record it in the history before anything else.")
                                        .arg(order));
        break;
    }
}

} // namespace fatora
