// The payment details pane as a clerk reads it (issue 10, point 14): a form of labelled values in
// the language and direction of the desk, a warning when the money may have moved, and the raw
// request and response only after opening "Technical details".

#include "common/Translations.h"
#include "desk/MainWindow.h"
#include "GuiFixture.h"
#include "history/HistoryPanel.h"
#include "payments/PaymentDetailsView.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;

namespace {
const QChar LRI(0x2066);
const QChar PDI(0x2069);

PaymentDetailsView *detailsOf(MainWindow &window)
{
    auto *details = window.historyPanel()->findChild<PaymentDetailsView *>();
    if (!details)
        qFatal("no details view");
    return details;
}

// The caption shown beside `value` in its row (the details are a two-column grid).
QString captionBeside(QWidget *value)
{
    auto *grid = qobject_cast<QGridLayout *>(value->parentWidget()->layout()->itemAt(1)->layout());
    if (!grid)
        return {};
    const int index = grid->indexOf(value);
    if (index < 0)
        return {};
    int row = -1, column = -1, rowSpan = 0, columnSpan = 0;
    grid->getItemPosition(index, &row, &column, &rowSpan, &columnSpan);
    if (column != 1)
        return {};
    QLayoutItem *item = grid->itemAtPosition(row, 0);
    auto *caption = item ? qobject_cast<QLabel *>(item->widget()) : nullptr;
    return caption ? caption->text() : QString();
}
} // namespace

class TestPaymentDetailsView : public QObject
{
    Q_OBJECT

private slots:
    void showsLabelledValuesAndRawOnlyWhenExpanded();
    void hidesRowsWithoutValue();
    void unknownPaymentWarns();
    void arabicFormReadsRightToLeft();
    void showsValuesAsPlainText();
    void switchingPaymentsUpdatesTheForm_data();
    void switchingPaymentsUpdatesTheForm();
};

void TestPaymentDetailsView::showsLabelledValuesAndRawOnlyWhenExpanded()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok+details/9Xq="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(12345, u"QAR"_s));
    const Payment payment = f.store().payment(paymentId).value();
    auto window = f.window();
    window->showHistoryTab();
    QVERIFY(f.settle());
    PaymentDetailsView *details = detailsOf(*window);
    // Nothing selected: a hint, no form.
    window->historyPanel()->view()->selectionModel()->clear();
    QTRY_VERIFY(!details->isFieldShown(PaymentDetailsView::OrderId));

    window->historyPanel()->selectPayment(paymentId);
    QVERIFY(f.settle());
    QTRY_VERIFY(details->isFieldShown(PaymentDetailsView::OrderId));
    auto *orderId = qobject_cast<QLineEdit *>(details->valueWidget(PaymentDetailsView::OrderId));
    QVERIFY(orderId); // selectable, to copy
    QVERIFY(orderId->isVisible());
    QVERIFY(orderId->isReadOnly());
    QCOMPARE(orderId->text(), payment.orderId);
    QCOMPARE(captionBeside(orderId), u"Order id:"_s);
    QCOMPARE(details->valueText(PaymentDetailsView::Customer), u"Sara Al-Kuwari"_s);
    QCOMPARE(captionBeside(details->valueWidget(PaymentDetailsView::Customer)), u"Customer:"_s);
    QCOMPARE(details->valueText(PaymentDetailsView::State), u"Approved"_s);
    QCOMPARE(details->valueText(PaymentDetailsView::Card), u"Visa •••• 9Xq="_s);
    QVERIFY(details->valueText(PaymentDetailsView::Amount).contains(u"123.45"_s));
    auto *transaction = qobject_cast<QLineEdit *>(details->valueWidget(PaymentDetailsView::TransactionId));
    QVERIFY(transaction);
    QVERIFY(transaction->isReadOnly());
    QCOMPARE(transaction->text(), payment.transactionId);
    QCOMPARE(details->valueText(PaymentDetailsView::Operator), u"Tester"_s);

    // The raw JSON is not on screen until the clerk opens "Technical details".
    auto *request = child<QPlainTextEdit>(details, u"requestBody"_s);
    auto *response = child<QPlainTextEdit>(details, u"responseBody"_s);
    QVERIFY(!request->isVisible());
    QVERIFY(!response->isVisible());
    QVERIFY(!details->technicalDetailsShown());
    QVERIFY(details->requestText().isEmpty());
    for (QLabel *label : details->findChildren<QLabel *>()) {
        if (label->isVisible())
            QVERIFY2(!label->text().contains(u'{'), qPrintable(label->text()));
    }
    QToolButton *toggle = details->technicalToggle();
    QVERIFY(toggle->isVisible());
    QCOMPARE(toggle->text(), u"Technical details"_s);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_VERIFY(request->isVisible());
    QVERIFY(response->isVisible());
    QVERIFY2(details->requestText().contains(u"\"order_id\""_s), qPrintable(details->requestText()));
    QVERIFY(details->requestText().contains(payment.orderId));
    QVERIFY(!details->requestText().contains(u"tok+details/9Xq="_s)); // masked
    QVERIFY2(details->responseText().contains(u"SUCCESS"_s), qPrintable(details->responseText()));
    QCOMPARE(request->layoutDirection(), Qt::LeftToRight);
    QVERIFY(request->font().fixedPitch());
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_VERIFY(!request->isVisible());
}

void TestPaymentDetailsView::hidesRowsWithoutValue()
{
    PaymentDetailsView view;
    PaymentRow row;
    row.payment.orderId = u"BO-20261125-7K3QH2MX9A"_s;
    row.payment.state = PaymentState::NotSent;
    row.payment.createdAt = QDateTime(QDate(2026, 11, 25), QTime(9, 30));
    row.customerName = u"Omar"_s;
    row.tokenMask = u"•••• uNk="_s;
    view.showPayment(row);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.isFieldShown(PaymentDetailsView::OrderId));
    QVERIFY(view.valueWidget(PaymentDetailsView::OrderId)->isVisible());
    QVERIFY(view.captionLabel(PaymentDetailsView::OrderId)->isVisible());
    for (auto field : {PaymentDetailsView::TransactionId, PaymentDetailsView::AuthCode,
                       PaymentDetailsView::Refund, PaymentDetailsView::HttpStatus}) {
        QVERIFY(!view.isFieldShown(field));
        QVERIFY(!view.valueWidget(field)->isVisible());
        QVERIFY(!view.captionLabel(field)->isVisible()); // the whole row goes, caption too
    }
    QCOMPARE(view.valueText(PaymentDetailsView::Card), u"•••• uNk="_s);
    view.showPayment(std::nullopt);
    QVERIFY(!view.isFieldShown(PaymentDetailsView::OrderId));
    QVERIFY(!view.valueWidget(PaymentDetailsView::OrderId)->isVisible());
}

void TestPaymentDetailsView::unknownPaymentWarns()
{
    GuiFixture f;
    // A gateway error with no answer leaves the charge unknown.
    const qint64 tokenId = f.addCustomerWithToken(u"Omar"_s, u"tok+unk/uNk="_s, SimulatedBehaviour::Kind::Http500);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(8800, u"QAR"_s));
    QCOMPARE(f.store().payment(paymentId).value().state, PaymentState::Unknown);
    auto window = f.window();
    window->showHistoryTab();
    QVERIFY(f.settle());
    window->historyPanel()->selectPayment(paymentId);
    QVERIFY(f.settle());
    PaymentDetailsView *details = detailsOf(*window);
    QTRY_VERIFY(details->isFieldShown(PaymentDetailsView::State));
    bool warned = false;
    for (QLabel *label : details->findChildren<QLabel *>())
        warned = warned || (label->isVisible() && label->text().contains(u"Do not charge again"_s));
    QVERIFY(warned);
    QVERIFY(details->isFieldShown(PaymentDetailsView::Error));
}

void TestPaymentDetailsView::arabicFormReadsRightToLeft()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+rtl/9Xq="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(12345, u"QAR"_s));
    const Payment payment = f.store().payment(paymentId).value();
    QVERIFY(Translations::apply(u"ar"_s));
    auto window = f.window();
    window->showHistoryTab();
    QVERIFY(f.settle());
    window->historyPanel()->selectPayment(paymentId);
    QVERIFY(f.settle());
    PaymentDetailsView *details = detailsOf(*window);
    QTRY_VERIFY(details->isFieldShown(PaymentDetailsView::OrderId));
    const QString orderIdCaption = details->captionLabel(PaymentDetailsView::OrderId)->text();
    const QString transactionCaption = details->captionLabel(PaymentDetailsView::TransactionId)->text();
    const QString toggle = details->technicalToggle()->text();
    const Qt::LayoutDirection direction = details->layoutDirection();
    auto *orderId = qobject_cast<QLineEdit *>(details->valueWidget(PaymentDetailsView::OrderId));
    QVERIFY(orderId);
    const QString orderIdText = orderId->text();
    const Qt::Alignment alignment = orderId->alignment() & Qt::AlignHorizontal_Mask;
    // The caption on the right, its value to its left.
    const int captionX = details->captionLabel(PaymentDetailsView::OrderId)->mapTo(details, QPoint()).x();
    const int valueX = orderId->mapTo(details, QPoint()).x();
    QTest::mouseClick(details->technicalToggle(), Qt::LeftButton);
    const Qt::LayoutDirection rawDirection =
        child<QPlainTextEdit>(details, u"requestBody"_s)->layoutDirection();
    const Qt::ArrowType arrow = details->technicalToggle()->arrowType();
    QVERIFY(Translations::apply(u"en"_s));

    QCOMPARE(direction, Qt::RightToLeft);
    QCOMPARE(orderIdCaption, u"رقم الطلب:"_s);
    QCOMPARE(transactionCaption, u"رقم العملية:"_s);
    QCOMPARE(toggle, u"التفاصيل التقنية"_s);
    QCOMPARE(orderIdText, LRI + payment.orderId + PDI);
    QCOMPARE(alignment, Qt::AlignRight | Qt::AlignAbsolute);
    QVERIFY2(captionX > valueX, qPrintable(u"%1 %2"_s.arg(captionX).arg(valueX)));
    QCOMPARE(rawDirection, Qt::LeftToRight); // JSON reads left to right in every language
    QCOMPARE(arrow, Qt::DownArrow);
}

void TestPaymentDetailsView::showsValuesAsPlainText()
{
    PaymentDetailsView view;
    PaymentRow row;
    row.payment.orderId = u"BO-1"_s;
    row.customerName = u"<font color=red>Zed</font>"_s;
    row.payment.description = u"<b>bold</b>"_s;
    view.showPayment(row);
    for (auto field : {PaymentDetailsView::Customer, PaymentDetailsView::Description})
        QCOMPARE(qobject_cast<QLabel *>(view.valueWidget(field))->textFormat(), Qt::PlainText);
    QCOMPARE(view.valueText(PaymentDetailsView::Customer), u"<font color=red>Zed</font>"_s);
}

void TestPaymentDetailsView::switchingPaymentsUpdatesTheForm_data()
{
    QTest::addColumn<bool>("throughNothing");
    QTest::addColumn<bool>("firstHasIds");
    QTest::newRow("not sent, then approved") << false << false;
    QTest::newRow("approved, nothing, approved") << true << true;
    QTest::newRow("not sent, nothing, approved") << true << false;
}

void TestPaymentDetailsView::switchingPaymentsUpdatesTheForm()
{
    QFETCH(bool, throughNothing);
    QFETCH(bool, firstHasIds);
    PaymentDetailsView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    PaymentRow first;
    first.payment.orderId = u"BO-1"_s;
    first.payment.state = firstHasIds ? PaymentState::Approved : PaymentState::NotSent;
    if (firstHasIds)
        first.payment.transactionId = u"SIM-000001"_s;
    view.showPayment(first);
    QTest::qWait(20);
    if (throughNothing) {
        view.showPayment(std::nullopt);
        QTest::qWait(20);
    }
    PaymentRow second;
    second.payment.orderId = u"BO-2"_s;
    second.payment.state = PaymentState::Approved;
    second.payment.transactionId = u"SIM-000002"_s;
    second.payment.authCode = u"A1"_s;
    view.showPayment(second);
    QTest::qWait(20);
    QCOMPARE(view.valueText(PaymentDetailsView::TransactionId), u"SIM-000002"_s);
    QVERIFY(view.valueWidget(PaymentDetailsView::TransactionId)->isVisible());
    QCOMPARE(view.valueText(PaymentDetailsView::OrderId), u"BO-2"_s);
}

QTEST_MAIN(TestPaymentDetailsView)
#include "tst_paymentdetailsview.moc"
