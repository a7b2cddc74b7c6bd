#include "desk/ScreenshotTour.h"

#include "common/Translations.h"
#include "customers/CustomersPanel.h"
#include "customers/CustomerTableModel.h"
#include "customers/TokenTableModel.h"
#include "desk/MainWindow.h"
#include "history/HistoryPanel.h"
#include "payments/CardRequestDialog.h"
#include "payments/ChargeDialog.h"
#include "payments/NoticeList.h"
#include "payments/PaymentDetailsView.h"
#include "payments/RevokeDialog.h"
#include "settings/DatabasePage.h"
#include "settings/SettingsDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTabWidget>
#include <QThread>
#include <QToolButton>

#include <functional>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

bool waitUntil(const std::function<bool()> &done, int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return true;
}

void settle()
{
    for (int i = 0; i < 10; ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(10);
    }
}

// The featured demo customer and their card whose label names its behaviour (SandboxSeed).
// The history with the payment's details under it, then with its technical details opened.
void saveDetails(MainWindow &window, qint64 paymentId, const std::function<bool(QWidget *, QString)> &save,
                 const QString &language)
{
    window.showHistoryTab();
    window.historyPanel()->selectPayment(paymentId);
    auto *details = window.historyPanel()->findChild<PaymentDetailsView *>();
    if (!details)
        return;
    // Room for the whole form, then for the raw request and response.
    auto *splitter = window.historyPanel()->findChild<QSplitter *>(u"splitter"_s);
    const QList<int> sizes = splitter ? splitter->sizes() : QList<int>();
    if (splitter)
        splitter->setSizes({150, 650});
    details->technicalToggle()->setChecked(false);
    save(&window, u"payment-details-%1.png"_s.arg(language));
    details->technicalToggle()->setChecked(true);
    save(&window, u"payment-details-technical-%1.png"_s.arg(language));
    details->technicalToggle()->setChecked(false);
    if (splitter)
        splitter->setSizes(sizes);
}

void selectDemoCard(MainWindow &window, const QString &name, const QString &labelPart = u"approves"_s)
{
    CustomersPanel *panel = window.customersPanel();
    CustomerTableModel *customers = panel->customerModel();
    for (int row = 0; row < customers->rowCount(); ++row) {
        if (customers->summary(row)->customer.name == name) {
            panel->selectCustomer(customers->customerId(row));
            break;
        }
    }
    TokenTableModel *tokens = panel->tokenModel();
    for (int row = 0; row < tokens->rowCount(); ++row) {
        if (tokens->token(row)->label.contains(labelPart)) {
            panel->selectToken(tokens->tokenId(row));
            break;
        }
    }
    settle(); // scroll once the view has its size
    panel->customersView()->scrollTo(panel->customersView()->currentIndex(),
                                     QAbstractItemView::PositionAtCenter);
}

// A card request for the selected customer, on a page in `language`, to its result with the link
// and QR code: saves the review step (when reviewFile is given) and the result.
bool saveCardRequest(MainWindow &window, const QString &language, const QString &reviewFile,
                     const QString &resultFile, const std::function<bool(QWidget *, QString)> &save)
{
    CardRequestDialog *dialog = window.openCardRequestDialog(window.customersPanel()->currentCustomerId());
    dialog->findChild<QLineEdit *>(u"amountEdit"_s)->setText(u"50"_s);
    auto *languages = dialog->findChild<QComboBox *>(u"languageCombo"_s);
    languages->setCurrentIndex(languages->findData(language));
    dialog->findChild<QLineEdit *>(u"noteEdit"_s)->setText(u"Membership, first month"_s);
    dialog->findChild<QPushButton *>(u"reviewButton"_s)->click();
    if (dialog->step() != CardRequestDialog::Step::Review)
        return false;
    if (!reviewFile.isEmpty())
        save(dialog, reviewFile);
    dialog->findChild<QPushButton *>(u"confirmButton"_s)->click();
    if (!waitUntil([dialog] {
            return dialog->step() == CardRequestDialog::Step::Result && !dialog->qrImage().isNull();
        }))
        return false;
    save(dialog, resultFile);
    dialog->close();
    settle();
    return true;
}

// Types into the customers' search box and waits for the list to follow.
void searchCustomers(MainWindow &window, const QString &text)
{
    auto *search = window.findChild<QLineEdit *>(u"searchEdit"_s);
    search->setText(text);
    CustomerTableModel *customers = window.customersPanel()->customerModel();
    waitUntil([customers, text] { return customers->searchText() == text.trimmed(); });
}

} // namespace

Result<QStringList> ScreenshotTour::run(MainWindow &window, const QString &directory)
{
    QDir dir(directory);
    if (!dir.mkpath(u"."_s))
        return Error{u"screenshot"_s, u"cannot create %1"_s.arg(directory)};
    QStringList written;
    auto save = [&](QWidget *widget, const QString &file) -> bool {
        settle();
        const QString path = dir.filePath(file);
        if (!widget->grab().save(path))
            return false;
        written.append(path);
        return true;
    };

    window.resize(1440, 900);
    window.show();
    window.showCustomersTab();
    selectDemoCard(window, u"Sara Al-Kuwari"_s);
    if (!save(&window, u"main-window-en.png"_s))
        return Error{u"screenshot"_s, u"cannot write main-window-en.png"_s};
    // A surname finds the customer, and a search that finds nothing says what it looked at.
    searchCustomers(window, u"haddad"_s);
    save(&window, u"search-surname-en.png"_s);
    searchCustomers(window, u"haddat"_s);
    save(&window, u"search-nothing-en.png"_s);
    searchCustomers(window, QString());

    const qint64 tokenId = window.customersPanel()->currentTokenId();
    if (!tokenId)
        return Error{u"screenshot"_s, u"no card to charge in the sandbox"_s};
    ChargeDialog *dialog = window.openChargeDialog(tokenId);
    dialog->findChild<QLineEdit *>(u"amountEdit"_s)->setText(u"123.45"_s);
    dialog->findChild<QPushButton *>(u"reviewButton"_s)->click();
    if (dialog->step() != ChargeDialog::Step::Review)
        return Error{u"screenshot"_s, u"the charge dialog did not reach its review step"_s};
    save(dialog, u"charge-review.png"_s);
    dialog->findChild<QPushButton *>(u"confirmButton"_s)->click();
    if (!waitUntil([dialog] { return dialog->step() == ChargeDialog::Step::Result; }))
        return Error{u"screenshot"_s, u"the charge did not finish"_s};
    save(dialog, u"charge-result.png"_s);
    const qint64 paymentId = dialog->paymentId();
    dialog->close();
    settle();

    // A charge with the amount left blank: the history shows the card's first payment as its
    // expected figure, and the totals line counts it (issue 10 #4, #10).
    selectDemoCard(window, u"فاطمة الكبيسي"_s);
    ChargeDialog *blank = window.openChargeDialog(window.customersPanel()->currentTokenId());
    blank->findChild<QPushButton *>(u"reviewButton"_s)->click();
    if (auto *confirm = blank->findChild<QPushButton *>(u"confirmButton"_s);
        blank->step() == ChargeDialog::Step::Review && confirm) {
        confirm->click();
        waitUntil([blank] { return blank->step() == ChargeDialog::Step::Result; });
    }
    blank->close();
    settle();

    // A link that saves a new card: the review, then the link with its QR code and message.
    selectDemoCard(window, u"Sara Al-Kuwari"_s);
    if (!saveCardRequest(window, u"en"_s, u"card-request-review.png"_s, u"card-request-en.png"_s, save))
        return Error{u"screenshot"_s, u"the card request did not reach its link"_s};

    window.showHistoryTab();
    window.historyPanel()->selectPayment(paymentId);
    save(&window, u"history-en.png"_s);
    saveDetails(window, paymentId, save, u"en"_s);

    // Another amount on the same card minutes later: the review names the earlier charge and asks
    // for an explicit "yes, again" (ChargeGuard) before its button can send anything.
    window.showCustomersTab();
    selectDemoCard(window, u"Sara Al-Kuwari"_s);
    ChargeDialog *repeat = window.openChargeDialog(window.customersPanel()->currentTokenId());
    repeat->findChild<QLineEdit *>(u"amountEdit"_s)->setText(u"1000"_s);
    repeat->findChild<QPushButton *>(u"reviewButton"_s)->click();
    save(repeat, u"charge-review-repeat.png"_s);
    repeat->close();
    settle();

    // A declined charge always goes to the results to read, kept until acknowledged.
    selectDemoCard(window, u"Sara Al-Kuwari"_s, u"insufficient"_s);
    ChargeDialog *declined = window.openChargeDialog(window.customersPanel()->currentTokenId());
    declined->findChild<QLineEdit *>(u"amountEdit"_s)->setText(u"20"_s);
    declined->findChild<QPushButton *>(u"reviewButton"_s)->click();
    declined->findChild<QPushButton *>(u"confirmButton"_s)->click();
    waitUntil([declined] { return declined->step() == ChargeDialog::Step::Result; });
    declined->close();
    settle();
    // A charge whose outcome is unknown (the sandbox answers with a server error): the result in plain
    // words, the technical text beside them, and Verify offered (issue 10 #17).
    const auto unknownCharge = [&window, &save](const QString &name, const QString &labelPart,
                                                const QString &file) {
        selectDemoCard(window, name, labelPart);
        ChargeDialog *charge = window.openChargeDialog(window.customersPanel()->currentTokenId());
        charge->findChild<QLineEdit *>(u"amountEdit"_s)->setText(u"20"_s);
        charge->findChild<QPushButton *>(u"reviewButton"_s)->click();
        if (auto *confirm = charge->findChild<QPushButton *>(u"confirmButton"_s);
            charge->step() == ChargeDialog::Step::Review && confirm) {
            confirm->click();
            if (waitUntil([charge] { return charge->step() == ChargeDialog::Step::Result; }))
                save(charge, file);
        }
        charge->close();
        settle();
    };
    unknownCharge(u"عبدالله المري"_s, u"error 500"_s, u"charge-unknown-en.png"_s);
    window.showNotices();
    save(window.notices(), u"notices-en.png"_s);
    window.notices()->hide();
    window.action(u"actionSettings"_s)->trigger();
    if (auto *settings = window.findChild<SettingsDialog *>()) {
        if (auto *tabs = settings->findChild<QTabWidget *>()) {
            tabs->setCurrentWidget(settings->databasePage());
            settle();
            save(settings, u"settings-database-en.png"_s);
        }
        settings->reject();
        settle();
    }

    Translations::apply(u"ar"_s);
    window.showCustomersTab();
    selectDemoCard(window, u"Sara Al-Kuwari"_s);
    save(&window, u"main-window-ar.png"_s);
    searchCustomers(window, u"٦٦١٠"_s); // a phone number in Arabic-Indic digits
    save(&window, u"search-phone-ar.png"_s);
    searchCustomers(window, u"٩٩٩٩٩"_s);
    save(&window, u"search-nothing-ar.png"_s);
    searchCustomers(window, QString());
    selectDemoCard(window, u"Sara Al-Kuwari"_s);

    // The same amount again within ten minutes: the review step warns before a second charge.
    ChargeDialog *again = window.openChargeDialog(window.customersPanel()->currentTokenId());
    again->findChild<QLineEdit *>(u"amountEdit"_s)->setText(u"123.45"_s);
    again->findChild<QPushButton *>(u"reviewButton"_s)->click();
    save(again, u"charge-review-ar.png"_s);
    again->close();
    settle();

    // The same in Arabic: an Arabic page, and a message ready for SMS or WhatsApp.
    if (!saveCardRequest(window, u"ar"_s, QString(), u"card-request-ar.png"_s, save))
        return Error{u"screenshot"_s, u"the Arabic card request did not reach its link"_s};

    window.showHistoryTab();
    save(&window, u"history-ar.png"_s);
    saveDetails(window, paymentId, save, u"ar"_s);

    // Revoke and Cancel side by side: two different words in Arabic. Nothing is revoked.
    window.showCustomersTab();
    selectDemoCard(window, u"Sara Al-Kuwari"_s);
    window.openRevokeDialog(window.customersPanel()->currentTokenId());
    if (auto *revoke = window.findChild<RevokeDialog *>()) {
        save(revoke, u"revoke-ar.png"_s);
        revoke->close();
        settle();
    }
    window.action(u"actionSettings"_s)->trigger();
    if (auto *settings = window.findChild<SettingsDialog *>()) {
        save(settings, u"settings-ar.png"_s);
        if (auto *tabs = settings->findChild<QTabWidget *>()) {
            tabs->setCurrentWidget(settings->databasePage());
            settle();
            save(settings, u"settings-database-ar.png"_s);
        }
        settings->reject();
        settle();
    }
    unknownCharge(u"Omar Haddad"_s, u"connection drops"_s, u"charge-unknown-ar.png"_s);
    window.showNotices();
    save(window.notices(), u"notices-ar.png"_s);
    window.notices()->hide();
    Translations::apply(u"en"_s);
    settle();
    return written;
}

} // namespace fatora
