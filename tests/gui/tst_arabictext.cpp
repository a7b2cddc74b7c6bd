// Right-to-left text as an Arabic-speaking clerk reads it (issue 10, points 11 and 12): cards, ids
// and paths isolated in the right order, labels shortened on their own end with the token whole,
// distinct words for "revoke" and "cancel", buttons as wide as their Arabic text, and the brand
// written as "Fatora" wherever the English names it.

#include "common/Display.h"
#include "common/Translations.h"
#include "customers/CardDelegate.h"
#include "customers/CustomersPanel.h"
#include "customers/TokenTableModel.h"
#include "desk/MainWindow.h"
#include "GuiFixture.h"
#include "history/HistoryPanel.h"
#include "history/PaymentTableModel.h"
#include "payments/ChargeDialog.h"
#include "payments/PaymentDetailsView.h"
#include "payments/RefundDialog.h"
#include "payments/RevokeDialog.h"
#include "settings/SettingsDialog.h"
#include "store/postgres/PostgresStore.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;

namespace {
const QChar LRI(0x2066);
const QChar RLI(0x2067);
const QChar FSI(0x2068);
const QChar PDI(0x2069);
// Where the font has no "…", Qt elides with "...".
const QRegularExpression LabelEndsElided(u"(\u2026|\\.\\.\\.)\u2069 \u2066"_s);
} // namespace

class TestArabicText : public QObject
{
    Q_OBJECT

private slots:
    void historyCardReadsLabelThenToken();
    void shortenedLabelKeepsTokenWhole_data();
    void shortenedLabelKeepsTokenWhole();
    void savedCardLabelIsShortenedAtItsEnd();
    void detailsCardReadsLabelThenToken();
    void aboutBoxIsolatesThePath();
    void revokeAndCancelAreDifferentWords();
    void buttonsAreAsWideAsTheirArabicText_data();
    void buttonsAreAsWideAsTheirArabicText();
    void brandStaysFatoraInArabic();
    void sharedDatabaseMessagesAreArabic();
};

void TestArabicText::historyCardReadsLabelThenToken()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+card/a7Lm="_s);
    CardToken token = f.store().token(tokenId).value();
    token.label = u"Mastercard"_s;
    QVERIFY(f.store().updateToken(token).ok());
    f.chargeAndWait(tokenId, Money(1000, u"QAR"_s));
    Language arabic(u"ar"_s);
    auto window = f.window();
    window->showHistoryTab();
    QVERIFY(f.settle());
    PaymentTableModel *model = window->historyPanel()->model();
    QTRY_COMPARE(model->rowCount(), 1);
    // The label first (first-strong isolate: a Latin or an Arabic label keeps its own order), then the
    // masked token left to right with its "=" inside the isolate; the pair reads right to left.
    const QString expected = RLI + FSI + u"Mastercard"_s + PDI + u' ' + LRI + u"•••• 7Lm="_s + PDI + PDI;
    QCOMPARE(model->index(0, PaymentTableModel::Token).data().toString(), expected);

    // As drawn in a column too narrow for it: the label is shortened, the token is not.
    QTableView *view = window->historyPanel()->view();
    auto *delegate = qobject_cast<CardDelegate *>(view->itemDelegateForColumn(PaymentTableModel::Token));
    QVERIFY(delegate);
    const QFontMetrics metrics(view->font());
    view->setColumnWidth(PaymentTableModel::Token,
                         metrics.horizontalAdvance(LRI + u"•••• 7Lm="_s + PDI + u" Mast…"_s) + 8);
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = view->visualRect(model->index(0, PaymentTableModel::Token));
    const QString shown = CardDelegate::shownText(option, model->index(0, PaymentTableModel::Token));
    QVERIFY2(shown.endsWith(u' ' + LRI + u"•••• 7Lm="_s + PDI + PDI), qPrintable(shown));
    QVERIFY2(shown.startsWith(RLI + FSI + u"Ma"_s), qPrintable(shown));
    QVERIFY2(shown.contains(LabelEndsElided), qPrintable(shown)); // "…" at the label's own end
    QVERIFY2(metrics.horizontalAdvance(shown) <= option.rect.width(), qPrintable(shown));
    QCOMPARE(model->index(0, PaymentTableModel::Token).data(Qt::ToolTipRole).toString(), expected);
}

void TestArabicText::shortenedLabelKeepsTokenWhole_data()
{
    QTest::addColumn<QString>("label");
    QTest::newRow("Latin label") << u"Mastercard Business Platinum"_s;
    QTest::newRow("Arabic label") << u"بطاقة الراتب الشخصية"_s;
}

void TestArabicText::shortenedLabelKeepsTokenWhole()
{
    QFETCH(QString, label);
    Language arabic(u"ar"_s);
    const QFontMetrics metrics(QApplication::font());
    const QString token = u"•••• 9Xq="_s;
    const QString whole = fatora::Display::elidedCard(label, token, metrics, 10000);
    QCOMPARE(whole, RLI + FSI + label + PDI + u' ' + LRI + token + PDI + PDI);
    const int width = metrics.horizontalAdvance(whole) * 2 / 3;
    const QString shown = fatora::Display::elidedCard(label, token, metrics, width);
    QVERIFY2(metrics.horizontalAdvance(shown) <= width, qPrintable(shown));
    QVERIFY2(shown.endsWith(u' ' + LRI + token + PDI + PDI), qPrintable(shown));
    // "…" at the logical end of the label, inside its isolate: right of a Latin label, left of an
    // Arabic one, whatever the layout.
    QVERIFY2(shown.startsWith(RLI + FSI + label.left(2)), qPrintable(shown));
    QVERIFY2(shown.contains(LabelEndsElided), qPrintable(shown));
    QCOMPARE(shown.count(FSI), 1);
    QCOMPARE(shown.count(LRI), 1);
    QCOMPARE(shown.count(RLI), 1);
    QCOMPARE(shown.count(PDI), 3);
    // Far too narrow even for the token: the token alone, never a torn one.
    QCOMPARE(fatora::Display::elidedCard(label, token, metrics, 1), LRI + token + PDI);
}

void TestArabicText::savedCardLabelIsShortenedAtItsEnd()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+label/a7Lm="_s);
    CardToken token = f.store().token(tokenId).value();
    token.label = u"Mastercard (insufficient funds)"_s;
    QVERIFY(f.store().updateToken(token).ok());
    Language arabic(u"ar"_s);
    auto window = f.window(tokenId);
    QTableView *view = window->customersPanel()->tokensView();
    QAbstractItemModel *model = view->model();
    QModelIndex label;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, TokenTableModel::Label).data().toString() == token.label)
            label = model->index(row, TokenTableModel::Label);
    }
    QVERIFY(label.isValid());
    auto *delegate = qobject_cast<CardDelegate *>(view->itemDelegateForColumn(TokenTableModel::Label));
    QVERIFY(delegate);
    const QFontMetrics metrics(view->font());
    view->setColumnWidth(TokenTableModel::Label, metrics.horizontalAdvance(u"Mastercard (ins"_s) + 8);
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = view->visualRect(label);
    const QString shown = CardDelegate::shownText(option, label);
    // Cut at the label's own end, the "…" inside its isolate: on the right of a Latin label even in a
    // right-to-left table (the view put it on the left, before "Mastercard").
    QVERIFY2(shown.startsWith(FSI + u"Master"_s), qPrintable(shown));
    QVERIFY2(shown.endsWith(QString(QChar(0x2026)) + PDI) || shown.endsWith(u"..."_s + PDI),
             qPrintable(shown));
    QVERIFY2(metrics.horizontalAdvance(shown) <= option.rect.width(), qPrintable(shown));
}

void TestArabicText::detailsCardReadsLabelThenToken()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+detail/a7Lm="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(1000, u"QAR"_s));
    Language arabic(u"ar"_s);
    auto window = f.window();
    window->showHistoryTab();
    QVERIFY(f.settle());
    window->historyPanel()->selectPayment(paymentId);
    QVERIFY(f.settle());
    auto *details = window->historyPanel()->findChild<PaymentDetailsView *>();
    QVERIFY(details);
    QTRY_VERIFY(details->isFieldShown(PaymentDetailsView::Card));
    QCOMPARE(details->valueText(PaymentDetailsView::Card),
             RLI + FSI + u"Visa"_s + PDI + u' ' + LRI + u"•••• 7Lm="_s + PDI + PDI);
    const QString orderId = f.store().payment(paymentId)->orderId;
    QCOMPARE(details->valueText(PaymentDetailsView::OrderId), LRI + orderId + PDI);
}

void TestArabicText::aboutBoxIsolatesThePath()
{
    GuiFixture f;
    Language arabic(u"ar"_s);
    auto window = f.window();
    QString text;
    onNextModal([&text](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        text = box->text();
        box->accept();
    });
    window->action(u"actionAbout"_s)->trigger();
    QTRY_VERIFY(!text.isEmpty());
    const QString path = f.store().location().toHtmlEscaped();
    QVERIFY2(text.contains(LRI + path + PDI), qPrintable(text));
}

void TestArabicText::revokeAndCancelAreDifferentWords()
{
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+words/a7Lm="_s);
    Language arabic(u"ar"_s);
    DeskContext context = f.context();
    RevokeDialog dialog(context, tokenId);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString revoke = child<QPushButton>(&dialog, u"actionButton"_s)->text().remove(u'&');
    const QString cancel = child<QPushButton>(&dialog, u"cancelButton"_s)->text().remove(u'&');
    QVERIFY2(revoke != cancel, qPrintable(revoke));
    // Revoking a card is "إبطال", cancelling the dialog "إلغاء": no shared verb side by side.
    QVERIFY2(revoke.contains(u"إبطال"_s), qPrintable(revoke));
    QVERIFY2(!revoke.contains(u"إلغاء"_s), qPrintable(revoke));
    QVERIFY2(cancel.contains(u"إلغاء"_s), qPrintable(cancel));
    QVERIFY2(!dialog.windowTitle().contains(u"إلغاء"_s), qPrintable(dialog.windowTitle()));
}

void TestArabicText::buttonsAreAsWideAsTheirArabicText_data()
{
    QTest::addColumn<QString>("dialog");
    QTest::addColumn<bool>("switchedLive");
    QTest::newRow("Settings") << u"settings"_s << false;
    // Saving العربية with a new API key keeps Settings open while the keychain answers: the open
    // dialog turns Arabic under the clerk's eyes.
    QTest::newRow("Settings, switched to Arabic while open") << u"settings"_s << true;
    QTest::newRow("Revoke") << u"revoke"_s << false;
    QTest::newRow("Revoke, switched to Arabic while open") << u"revoke"_s << true;
    QTest::newRow("Charge") << u"charge"_s << false;
    QTest::newRow("Refund") << u"refund"_s << false;
}

void TestArabicText::buttonsAreAsWideAsTheirArabicText()
{
    QFETCH(QString, dialog);
    QFETCH(bool, switchedLive);
    GuiFixture f;
    const qint64 tokenId = f.addCustomerWithToken(u"Sara"_s, u"tok+fit/a7Lm="_s);
    const qint64 paymentId = f.chargeAndWait(tokenId, Money(1000, u"QAR"_s));
    Language arabic(switchedLive ? u"en"_s : u"ar"_s);
    DeskContext context = f.context();
    std::unique_ptr<QDialog> shown;
    if (dialog == u"settings"_s)
        shown = std::make_unique<SettingsDialog>(context);
    else if (dialog == u"revoke"_s)
        shown = std::make_unique<RevokeDialog>(context, tokenId);
    else if (dialog == u"charge"_s)
        shown = std::make_unique<ChargeDialog>(context, tokenId);
    else
        shown = std::make_unique<RefundDialog>(context, paymentId);
    shown->show();
    QVERIFY(QTest::qWaitForWindowExposed(shown.get()));
    if (switchedLive) {
        QVERIFY(Translations::apply(u"ar"_s));
        QTest::qWait(50); // the posted LanguageChange and the relayout
    }
    QCOMPARE(shown->layoutDirection(), Qt::RightToLeft);
    int checked = 0;
    for (QAbstractButton *button : shown->findChildren<QAbstractButton *>()) {
        if (!button->isVisible() || button->text().isEmpty())
            continue;
        ++checked;
        const QString text = button->text().remove(u'&');
        const QString what = u"%1: %2 px wide, needs %3 (%4)"_s.arg(text)
                                 .arg(button->width())
                                 .arg(button->sizeHint().width())
                                 .arg(button->fontMetrics().horizontalAdvance(text));
        QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(what));
        QVERIFY2(button->width() > button->fontMetrics().horizontalAdvance(text), qPrintable(what));
    }
    QVERIFY(checked >= 2);
    // Qt's own Arabic names the standard Cancel "ألغِ", an imperative that reads as a word cut short;
    // the desk says "إلغاء الأمر" there as on its own Cancel buttons.
    if (auto *box = shown->findChild<QDialogButtonBox *>()) {
        if (QPushButton *cancel = box->button(QDialogButtonBox::Cancel))
            QCOMPARE(cancel->text(), u"إلغاء الأمر"_s);
        if (QPushButton *save = box->button(QDialogButtonBox::Save))
            QCOMPARE(save->text(), u"حفظ"_s);
    }
}

void TestArabicText::brandStaysFatoraInArabic()
{
    // "فاتورة" is the Arabic word for "invoice": where the English names the gateway, the Arabic
    // writes "Fatora" (in Latin letters, isolated so neighbouring ids and punctuation keep their
    // places).
    QFile ts(QStringLiteral(FATORA_AR_TS_FILE));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    QString source;
    int brandMessages = 0;
    QStringList wrong;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation" || xml.name() == u"numerusform") {
            const QString translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!source.contains(u"Fatora"_s) || translation.isEmpty())
                continue;
            ++brandMessages;
            // A plural message holds one translation per form.
            const qsizetype brands = translation.count(LRI + u"Fatora"_s + PDI);
            const qsizetype wanted = source.count(u"Fatora"_s);
            if (brands < wanted || brands % wanted != 0 || translation.contains(u"فاتورة"_s))
                wrong << source + u" → "_s + translation;
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY(brandMessages > 10);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
}

// The shared database's messages (postgres::translated, which lupdate reads as tr) reach the
// Arabic desk in Arabic, with the URL's example isolated left to right.
void TestArabicText::sharedDatabaseMessagesAreArabic()
{
    Language arabic(u"ar"_s);
    for (const QString &url : {QString(), u"postgresql://fatora@db.office.lan:99999/fatora"_s,
                               u"postgresql://fatora@db.office.lan/fatora?sslmode=maybe"_s}) {
        const auto parsed = PostgresStore::parseUrl(url);
        QVERIFY(!parsed.ok());
        const QString message = parsed.error().message;
        QVERIFY2(std::any_of(message.cbegin(), message.cend(),
                             [](QChar c) { return c.script() == QChar::Script_Arabic; }),
                 qPrintable(message));
    }
}

QTEST_MAIN(TestArabicText)
#include "tst_arabictext.moc"
