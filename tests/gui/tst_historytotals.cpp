// Issue 10 #4 and #10, as a clerk meets them in the history: the count and the totals per currency
// of what the filter shows (computed by the store), a blank-amount charge shown with its expected
// figure, the "Refunded" filter, and picking a customer by typing part of their name.

#include "common/Display.h"
#include "desk/MainWindow.h"
#include "GuiFixture.h"
#include "history/HistoryPanel.h"
#include "history/PaymentTableModel.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;

class TestHistoryTotals : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void countAndTotalsFollowTheFilter();
    void refundedFilter();
    void pickACustomerByTyping();

private:
    // What the store says for the panel's filter, as the panel shows it: screen and database agree.
    QString storeCount() const;
    QLabel *totalsLabel() const { return child<QLabel>(m_window.get(), u"totalsLabel"_s); }
    HistoryPanel *history() const { return m_window->historyPanel(); }

    std::unique_ptr<GuiFixture> m_f;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_sara = 0;
    qint64 m_blankPayment = 0;
    qint64 m_refundedPayment = 0;
};

void TestHistoryTotals::init()
{
    m_f = std::make_unique<GuiFixture>();
    GuiFixture &f = *m_f;
    const Money fifty(5000, u"QAR"_s);
    const qint64 saraCard = f.addCustomerWithToken(u"Sara Al-Kuwari"_s, u"tok+sara/1Aa="_s);
    m_sara = f.store().token(saraCard)->customerId;
    const qint64 saraSecond = addToken(f.store(), m_sara, u"tok+sara/2Bb="_s, f.today(), 10, fifty);
    f.simulator().script(u"tok+sara/2Bb="_s, SimulatedBehaviour{SimulatedBehaviour::Kind::Approve, 0, {}});
    const qint64 omarCard = f.addCustomerWithToken(u"Omar Haddad"_s, u"tok+omar/3Cc="_s);
    const qint64 laylaCard =
        f.addCustomerWithToken(u"Layla Nasser"_s, u"tok+layla/4Dd="_s, SimulatedBehaviour::Kind::BankDeclined);

    f.chargeAndWait(saraCard, Money(10000, u"QAR"_s));          // 100.00 sent
    m_blankPayment = f.chargeAndWait(saraSecond, std::nullopt); // blank: 50.00 expected
    m_refundedPayment = f.chargeAndWait(omarCard, Money(2000, u"QAR"_s));
    f.chargeAndWait(laylaCard, Money(3000, u"QAR"_s)); // declined: counted, no money
    QSignalSpy refunded(&f.payments(), &PaymentService::refundFinished);
    QVERIFY(f.payments().refund(m_refundedPayment, u"customer asked"_s).ok());
    QVERIFY(refunded.wait(10000));
    QCOMPARE(f.store().payment(m_refundedPayment)->refundState, RefundState::Refunded);

    m_window = f.window();
    m_window->showHistoryTab();
    QVERIFY(f.settle());
    QTRY_COMPARE(history()->model()->rowCount(), 4);
    QVERIFY(m_f->settle()); // the totals come in their own read
}

void TestHistoryTotals::cleanup()
{
    m_window.reset();
    m_f.reset();
}

QString TestHistoryTotals::storeCount() const
{
    auto totals = m_f->store().paymentTotals(history()->filter());
    return totals.ok() ? u"Payments: %1"_s.arg(totals->payments) : totals.error().toString();
}

void TestHistoryTotals::countAndTotalsFollowTheFilter()
{
    const auto qar = [](qint64 minor) { return fatora::Display::money(Money(minor, u"QAR"_s)); };
    QString text = totalsLabel()->text();
    QVERIFY2(totalsLabel()->isVisible(), qPrintable(text));
    QVERIFY2(text.startsWith(u"Payments: 4\n"_s), qPrintable(text));
    QCOMPARE(text.section(u'\n', 0, 0), storeCount());
    // 100.00 + 50.00 expected + 20.00; Layla's decline moved nothing.
    QVERIFY2(text.contains(u"QAR: approved %1 in 3 (1 counted at the expected first-payment amount)"_s.arg(
                 qar(17000))),
             qPrintable(text));
    QVERIFY2(text.contains(u"refunded %1 · net %2"_s.arg(qar(2000), qar(15000))), qPrintable(text));

    // The blank charge's row shows its figure and says which it is.
    PaymentTableModel *model = history()->model();
    const int blankRow = model->rowOfPayment(m_blankPayment);
    QVERIFY(blankRow >= 0);
    const QModelIndex amount = model->index(blankRow, PaymentTableModel::Amount);
    QCOMPARE(amount.data().toString(), u"%1 (expected)"_s.arg(qar(5000)));
    QVERIFY(amount.data(Qt::ToolTipRole).toString().contains(u"not confirmed by the gateway"_s));

    // The clerk picks "Declined": one payment, no money.
    auto *state = child<QComboBox>(history(), u"stateCombo"_s);
    state->setCurrentIndex(state->findText(fatora::Display::paymentState(PaymentState::Declined)));
    QTRY_COMPARE(model->rowCount(), 1);
    QVERIFY(m_f->settle()); // the totals come in their own read
    text = totalsLabel()->text();
    QVERIFY2(text.startsWith(u"Payments: 1\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"QAR: approved %1 in 0"_s.arg(qar(0))), qPrintable(text));
    QCOMPARE(text.section(u'\n', 0, 0), storeCount());

    // A charge made meanwhile moves the totals without any click.
    state->setCurrentIndex(0);
    QTRY_COMPARE(model->rowCount(), 4);
    QVERIFY(m_f->settle()); // the totals come in their own read
    const qint64 more = m_f->addCustomerWithToken(u"Noor"_s, u"tok+noor/5Ee="_s);
    m_f->chargeAndWait(more, Money(100, u"QAR"_s));
    // (While it is in flight the totals count it open; read on the reader's thread, they catch up.)
    QTRY_VERIFY2(totalsLabel()->text().startsWith(u"Payments: 5\n"_s) &&
                     totalsLabel()->text().contains(u"approved %1 in 4"_s.arg(qar(17100))),
                 qPrintable(totalsLabel()->text()));
}

void TestHistoryTotals::refundedFilter()
{
    auto *refund = child<QComboBox>(history(), u"refundCombo"_s);
    const int refundedIndex = refund->findText(u"Refunded"_s);
    QVERIFY(refundedIndex > 0);
    QTest::mouseClick(refund, Qt::LeftButton);
    QTRY_VERIFY(refund->view()->isVisible());
    refund->view()->setCurrentIndex(refund->model()->index(refundedIndex, 0));
    QTest::keyClick(refund->view(), Qt::Key_Return);
    QTRY_COMPARE(history()->filter().refund, PaymentQuery::Refund::Refunded);
    QTRY_COMPARE(history()->model()->rowCount(), 1);
    QVERIFY(m_f->settle()); // the totals come in their own read
    QCOMPARE(history()->model()->paymentId(0), m_refundedPayment);
    const QString text = totalsLabel()->text();
    QVERIFY2(text.startsWith(u"Payments: 1\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"refunded %1"_s.arg(fatora::Display::money(Money(2000, u"QAR"_s)))), qPrintable(text));
    QCOMPARE(text.section(u'\n', 0, 0), storeCount());
    QCOMPARE(m_f->store().countPayments(history()->filter()).value(), 1);
}

void TestHistoryTotals::pickACustomerByTyping()
{
    auto *customer = child<QComboBox>(history(), u"customerCombo"_s);
    QVERIFY(customer->isEditable());
    QLineEdit *edit = customer->lineEdit();
    edit->selectAll();
    QTest::keyClicks(edit, u"sar"_s);
    QCompleter *completer = edit->completer();
    QVERIFY(completer);
    QTRY_VERIFY(completer->popup()->isVisible());
    QTRY_COMPARE(completer->popup()->model()->rowCount(), 1);
    const QString offered = completer->popup()->model()->index(0, 0).data().toString();
    QVERIFY2(offered.startsWith(u"Sara Al-Kuwari"_s), qPrintable(offered));
    QTest::keyClick(completer->popup(), Qt::Key_Down);
    QTest::keyClick(completer->popup(), Qt::Key_Return);

    QTRY_COMPARE(history()->filter().customerId, m_sara);
    QTRY_COMPARE(history()->model()->rowCount(), 2);
    QVERIFY(m_f->settle()); // the totals come in their own read
    QCOMPARE(edit->text(), u"Sara Al-Kuwari"_s);
    const QString text = totalsLabel()->text();
    QVERIFY2(text.startsWith(u"Payments: 2\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"approved %1 in 2"_s.arg(fatora::Display::money(Money(15000, u"QAR"_s)))), qPrintable(text));
    QCOMPARE(text.section(u'\n', 0, 0), storeCount());

    // Back to everyone from the list.
    customer->setCurrentIndex(0);
    QTRY_COMPARE(history()->model()->rowCount(), 4);
    QVERIFY(m_f->settle()); // the totals come in their own read
    QVERIFY(totalsLabel()->text().startsWith(u"Payments: 4\n"_s));
}

QTEST_MAIN(TestHistoryTotals)
#include "tst_historytotals.moc"
