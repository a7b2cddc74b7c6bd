#include "payments/PaymentDetailsView.h"

#include "common/Display.h"
#include "common/UiSupport.h"

#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace fatora {

namespace {
// Ids a clerk reads out or pastes elsewhere: selectable and copyable. Read-only line edits rather
// than selectable labels: Qt 6.4 crashed laying out a selectable label whose text had just changed
// (in QTextDocument::setPlainText, under QFormLayout::setRowVisible — see the constructor).
bool isSelectable(PaymentDetailsView::Field field)
{
    switch (field) {
    case PaymentDetailsView::OrderId:
    case PaymentDetailsView::TransactionId:
    case PaymentDetailsView::AuthCode:
    case PaymentDetailsView::StatusCode:
        return true;
    default:
        return false;
    }
}

QString prettyBody(const QString &body)
{
    if (body.isEmpty())
        return PaymentDetailsView::tr("(empty)");
    const QJsonDocument doc = QJsonDocument::fromJson(body.toUtf8());
    return doc.isNull() ? body : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

QPlainTextEdit *rawBodyView(QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::TypeWriter);
    font.setFixedPitch(true);
    view->setFont(font);
    // JSON reads left to right in every language.
    view->setLayoutDirection(Qt::LeftToRight);
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setMinimumHeight(view->fontMetrics().lineSpacing() * 6);
    return view;
}
} // namespace

PaymentDetailsView::PaymentDetailsView(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    m_placeholder = new QLabel(this);
    m_placeholder->setTextFormat(Qt::PlainText);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);
    outer->addWidget(m_placeholder);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_content = new QWidget(m_scroll);
    m_content->setObjectName(QStringLiteral("paymentDetailsContent"));
    auto *column = new QVBoxLayout(m_content);

    m_warning = new QLabel(m_content);
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(Display::badgeStyleSheet(Display::warningColor()));
    column->addWidget(m_warning);

    // A grid, not a QFormLayout: Qt 6.4's QFormLayout::heightForWidth writes past the end of its
    // row arrays once a row is hidden (valgrind: "Invalid write" under setRowVisible, and under
    // hiding a row's widgets too). That heap corruption crashed the desk later in unrelated code
    // (a cached SQL statement's record). A grid lays out hidden widgets as taking no space.
    m_form = new QGridLayout;
    m_form->setColumnStretch(1, 1);
    for (int i = 0; i < FieldCount; ++i) {
        auto *caption = new QLabel(m_content);
        caption->setTextFormat(Qt::PlainText);
        QWidget *value = nullptr;
        if (isSelectable(Field(i))) {
            auto *edit = new QLineEdit(m_content);
            edit->setReadOnly(true);
            edit->setFrame(false);
            QPalette palette = edit->palette();
            palette.setColor(QPalette::Base, Qt::transparent);
            edit->setPalette(palette);
            edit->setFocusPolicy(Qt::ClickFocus);
            value = edit;
        } else {
            auto *label = new QLabel(m_content);
            label->setTextFormat(Qt::PlainText);
            label->setWordWrap(true);
            UiSupport::alignWithLayout(label);
            value = label;
        }
        caption->setBuddy(value);
        m_captions[i] = caption;
        m_values[i] = value;
        m_form->addWidget(caption, i, 0, Qt::AlignLeft | Qt::AlignTop);
        m_form->addWidget(value, i, 1);
    }
    column->addLayout(m_form);

    m_technicalToggle = new QToolButton(m_content);
    m_technicalToggle->setObjectName(QStringLiteral("technicalDetailsToggle"));
    m_technicalToggle->setCheckable(true);
    m_technicalToggle->setAutoRaise(true);
    m_technicalToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    column->addWidget(m_technicalToggle, 0, Qt::AlignLeading);

    m_technical = new QWidget(m_content);
    auto *technical = new QVBoxLayout(m_technical);
    technical->setContentsMargins(0, 0, 0, 0);
    m_requestCaption = new QLabel(m_technical);
    m_requestCaption->setTextFormat(Qt::PlainText);
    m_request = rawBodyView(m_technical);
    m_request->setObjectName(QStringLiteral("requestBody"));
    m_responseCaption = new QLabel(m_technical);
    m_responseCaption->setTextFormat(Qt::PlainText);
    m_response = rawBodyView(m_technical);
    m_response->setObjectName(QStringLiteral("responseBody"));
    technical->addWidget(m_requestCaption);
    technical->addWidget(m_request);
    technical->addWidget(m_responseCaption);
    technical->addWidget(m_response);
    column->addWidget(m_technical);
    column->addStretch(1);

    m_scroll->setWidget(m_content);
    outer->addWidget(m_scroll, 1);

    connect(m_technicalToggle, &QToolButton::toggled, this, &PaymentDetailsView::setTechnicalShown);
    setTechnicalShown(false);
    alignIds();
    retranslate();
    fill();
}

QSize PaymentDetailsView::sizeHint() const
{
    return QSize(QWidget::sizeHint().width(), fontMetrics().lineSpacing() * 14);
}

bool PaymentDetailsView::isFieldShown(Field field) const
{
    return m_row && !m_values[field]->isHidden();
}

bool PaymentDetailsView::technicalDetailsShown() const
{
    return m_row && !m_technical->isHidden();
}

QString PaymentDetailsView::requestText() const
{
    return technicalDetailsShown() ? m_request->toPlainText() : QString();
}

QString PaymentDetailsView::responseText() const
{
    return technicalDetailsShown() ? m_response->toPlainText() : QString();
}

void PaymentDetailsView::showPayment(const std::optional<PaymentRow> &row)
{
    m_row = row;
    fill();
}

void PaymentDetailsView::setTechnicalShown(bool shown)
{
    m_technical->setVisible(shown);
    // Opened below the form: bring what was asked for into view once the layout has its size.
    if (shown)
        QTimer::singleShot(0, this, [this] {
            m_scroll->ensureWidgetVisible(m_response, 0, 0);
            m_scroll->ensureWidgetVisible(m_technicalToggle, 0, 0);
        });
    // The arrow points where the text reads on when closed, down when open.
    m_technicalToggle->setArrowType(shown ? Qt::DownArrow
                                          : (isRightToLeft() ? Qt::LeftArrow : Qt::RightArrow));
}

void PaymentDetailsView::retranslate()
{
    static constexpr const char *captions[FieldCount] = {
        QT_TR_NOOP("Order id:"),      QT_TR_NOOP("State:"),          QT_TR_NOOP("Customer:"),
        QT_TR_NOOP("Card:"),          QT_TR_NOOP("Amount:"),         QT_TR_NOOP("Created:"),
        QT_TR_NOOP("Updated:"),       QT_TR_NOOP("Last verified:"),  QT_TR_NOOP("Transaction id:"),
        QT_TR_NOOP("Auth code:"),     QT_TR_NOOP("Gateway status:"), QT_TR_NOOP("Status code:"),
        QT_TR_NOOP("HTTP status:"),   QT_TR_NOOP("Mode:"),           QT_TR_NOOP("Description:"),
        QT_TR_NOOP("Error:"),         QT_TR_NOOP("Note:"),           QT_TR_NOOP("Refund:"),
        QT_TR_NOOP("Refund status:"), QT_TR_NOOP("Refunded at:"),    QT_TR_NOOP("Operator:"),
    };
    for (int i = 0; i < FieldCount; ++i)
        m_captions[i]->setText(tr(captions[i]));
    m_placeholder->setText(tr("Select a payment to see what was sent and what Fatora answered."));
    m_technicalToggle->setText(tr("Technical details"));
    m_requestCaption->setText(tr("Request sent (card token masked):"));
    m_responseCaption->setText(tr("Response received:"));
}

QString PaymentDetailsView::valueText(Field field) const
{
    if (auto *edit = qobject_cast<QLineEdit *>(m_values[field]))
        return edit->text();
    return static_cast<QLabel *>(m_values[field])->text();
}

void PaymentDetailsView::alignIds()
{
    // Beside their captions: on the right in Arabic, on the left in English.
    const Qt::Alignment side = isRightToLeft() ? Qt::AlignRight : Qt::AlignLeft;
    for (QWidget *value : m_values) {
        if (auto *edit = qobject_cast<QLineEdit *>(value))
            edit->setAlignment(side | Qt::AlignAbsolute | Qt::AlignVCenter);
    }
}

void PaymentDetailsView::setField(Field field, const QString &value)
{
    if (auto *edit = qobject_cast<QLineEdit *>(m_values[field])) {
        edit->setText(value);
        edit->setCursorPosition(0);
    } else {
        static_cast<QLabel *>(m_values[field])->setText(value);
    }
    // An empty value hides its row (see the grid in the constructor for why not QFormLayout).
    const bool shown = !value.isEmpty();
    m_captions[field]->setVisible(shown);
    m_values[field]->setVisible(shown);
}

void PaymentDetailsView::fill()
{
    m_placeholder->setVisible(!m_row);
    m_scroll->setVisible(bool(m_row));
    if (!m_row) {
        for (int i = 0; i < FieldCount; ++i)
            setField(Field(i), QString());
        m_request->clear();
        m_response->clear();
        return;
    }
    const Payment &p = m_row->payment;
    setField(OrderId, Display::isolate(p.orderId));
    setField(State, Display::paymentSummary(p));
    setField(Customer, m_row->customerName);
    setField(Card, Display::card(m_row->tokenLabel, m_row->tokenMask));
    setField(Amount, Display::countedAmountExplained(p));
    setField(Created, Display::dateTime(p.createdAt));
    setField(Updated, Display::dateTime(p.updatedAt));
    setField(LastVerified, Display::dateTime(p.lastCheckedAt));
    setField(TransactionId, Display::isolate(p.transactionId));
    setField(AuthCode, Display::isolate(p.authCode));
    setField(GatewayStatus, Display::isolate(p.gatewayStatus));
    setField(StatusCode, Display::isolate(p.statusCode));
    setField(HttpStatus, p.httpStatus ? Display::isolate(QString::number(p.httpStatus)) : QString());
    setField(Mode, Display::isolate(p.mode));
    setField(Description, p.description);
    // A settled payment keeps the error of its charge call (a timeout, "verify before charging
    // again"): say that it was then, not now.
    const bool settled = p.state == PaymentState::Approved || p.state == PaymentState::Declined;
    m_captions[Error]->setText(settled ? tr("Error of the charge call, since settled:") : tr("Error:"));
    setField(Error, p.errorText);
    setField(Note, p.note);
    const bool refund = p.refundState != RefundState::None;
    setField(Refund, refund ? Display::refundState(p.refundState) : QString());
    setField(RefundStatus, refund ? Display::isolate(p.refundStatus) : QString());
    setField(RefundedAt, refund ? Display::dateTime(p.refundedAt) : QString());
    setField(Operator, p.operatorName);

    const QString warning =
        p.state == PaymentState::Unknown
            ? tr("The money may have moved. Do not charge again: verify this payment first.")
            : QString();
    UiSupport::showMessage(m_warning, warning);
    m_request->setPlainText(prettyBody(p.requestBody));
    m_response->setPlainText(prettyBody(p.responseBody));
}

void PaymentDetailsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        fill();
    } else if (event->type() == QEvent::LayoutDirectionChange) {
        setTechnicalShown(m_technicalToggle->isChecked());
        alignIds();
    }
    QWidget::changeEvent(event);
}

} // namespace fatora
