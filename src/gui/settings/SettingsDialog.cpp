#include "settings/SettingsDialog.h"
#include "ui_SettingsDialog.h"

#include "SecretStore.h"
#include "common/Display.h"
#include "common/UiSupport.h"
#include "desk/DeskContext.h"
#include "domain/Money.h"
#include "gateway/GatewayClient.h"
#include "payments/PaymentService.h"
#include "store/Store.h"
#include "settings/ApiKeyKeeper.h"
#include "settings/DatabasePage.h"
#include "store/StoreLocation.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {
QString fieldLabel(const QString &field)
{
    if (field == u"base_url"_s)
        return SettingsDialog::tr("Base URL");
    if (field == u"timeout"_s)
        return SettingsDialog::tr("Timeout");
    if (field == u"currency"_s)
        return SettingsDialog::tr("Default currency");
    if (field == u"operator"_s)
        return SettingsDialog::tr("Operator name");
    if (field == u"language"_s)
        return SettingsDialog::tr("Language");
    if (field == u"merchant_name"_s)
        return SettingsDialog::tr("Merchant name on receipts");
    if (field == u"success_url"_s)
        return SettingsDialog::tr("Success page");
    if (field == u"failure_url"_s)
        return SettingsDialog::tr("Failure page");
    if (field == u"link_lifetime_hours"_s)
        return SettingsDialog::tr("Wait for payment up to");
    return field;
}
} // namespace

SettingsDialog::SettingsDialog(DeskContext &context, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SettingsDialog>()), m_context(context)
{
    m_ui->setupUi(this);
    m_network = new QNetworkAccessManager(this);
    const AppSettings &s = context.appSettings;

    m_ui->baseUrlEdit->setText(s.baseUrl.toString());
    m_ui->apiKeyEdit->setText(context.apiKey);
    // The gateway client accepts 1 to 300 seconds (GatewayConfig::validate).
    m_ui->timeoutSpin->setRange(1, 300);
    m_ui->timeoutSpin->setValue(qMax(1, s.timeoutMs / 1000));
    for (const QString &currency :
         {u"QAR"_s, u"SAR"_s, u"AED"_s, u"KWD"_s, u"BHD"_s, u"OMR"_s, u"USD"_s, u"EUR"_s})
        m_ui->currencyCombo->addItem(currency);
    m_ui->currencyCombo->setCurrentText(s.currency);
    // Who every payment and audit entry names is not a setting: on a shared database the login that
    // signed in (the database writes it), on a file this computer's login. Shown, never typed.
    m_ui->operatorEdit->setReadOnly(true);
    if (context.payments) {
        const QString login = context.payments->operatorName();
        m_ui->operatorEdit->setText(login);
        m_ui->operatorEdit->setToolTip(Display::plainToolTip(
            context.store && context.store->keepsStaffAccounts()
                ? tr("On a shared database every payment and audit entry names the login that signed in (%1); "
                     "the database writes it.")
                      .arg(Display::isolateAuto(login))
                : tr("On a database file every payment and audit entry names this computer's login (%1). Give "
                     "each person their own account on this computer, or move to a shared database for staff "
                     "accounts.")
                      .arg(Display::isolateAuto(login))));
    }
    // Built here rather than in the form: one row, under the operator's name.
    m_merchantEdit = new QLineEdit(s.merchantName, this);
    m_merchantEdit->setObjectName(u"merchantEdit"_s);
    m_merchantEdit->setMaxLength(AppSettings::MaxNameChars);
    m_merchantEdit->setPlaceholderText(tr("Printed at the top of receipts"));
    m_merchantLabel = new QLabel(tr("&Merchant name:"), this);
    m_merchantLabel->setTextFormat(Qt::PlainText);
    m_merchantLabel->setBuddy(m_merchantEdit);
    int operatorRow = 0;
    QFormLayout::ItemRole role{};
    m_ui->deskForm->getWidgetPosition(m_ui->operatorEdit, &operatorRow, &role);
    m_ui->deskForm->insertRow(operatorRow + 1, m_merchantLabel, m_merchantEdit);
    m_ui->languageCombo->addItem(tr("System"), QString());
    m_ui->languageCombo->addItem(u"English"_s, u"en"_s);
    m_ui->languageCombo->addItem(u"العربية"_s, u"ar"_s);
    m_ui->languageCombo->setCurrentIndex(qMax(0, m_ui->languageCombo->findData(s.language)));

    m_ui->successUrlEdit->setText(s.successUrl.toString());
    m_ui->failureUrlEdit->setText(s.failureUrl.toString());
    m_ui->successUrlEdit->setPlaceholderText(u"https://shop.example/card-saved"_s);
    m_ui->failureUrlEdit->setPlaceholderText(u"https://shop.example/card-not-saved"_s);
    m_ui->successUrlEdit->setLayoutDirection(Qt::LeftToRight);
    m_ui->failureUrlEdit->setLayoutDirection(Qt::LeftToRight);
    m_ui->linkLifetimeSpin->setRange(1, AppSettings::MaxLinkLifetimeHours);
    m_ui->linkLifetimeSpin->setValue(s.linkLifetimeHours);
    if (context.sandbox)
        m_ui->returnPagesNote->setText(m_ui->returnPagesNote->text() + u' ' +
                                       tr("Sandbox: left empty, the simulator's demo shop pages are used."));

    if (context.sandbox) {
        m_ui->baseUrlEdit->setEnabled(false);
        m_ui->apiKeyEdit->setEnabled(false);
    } else if (context.apiKeyFromEnvironment) {
        m_ui->apiKeyEdit->setEnabled(false);
    }
    // The form's groups become pages beside the database's: one window that fits a laptop. The card
    // requests' return pages have a page of their own, with the words that say what they are for.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"settingsTabs"_s);
    for (QGroupBox *box : {m_ui->gatewayBox, m_ui->deskBox, m_ui->cardRequestBox}) {
        m_ui->dialogLayout->removeWidget(box);
        m_tabs->addTab(box, box->title());
        box->setTitle(QString());
        box->setFlat(true);
    }
    m_databasePage = new DatabasePage(this);
    m_databasePage->setObjectName(u"databasePage"_s);
    m_databasePage->setSettings(s.database);
    m_databasePage->setNote(databaseNote());
    m_databasePage->setEnabled(!context.sandbox);
    m_tabs->addTab(m_databasePage, tr("Database"));
    m_ui->dialogLayout->insertWidget(0, m_tabs);

    showKeyNote();
    UiSupport::prepareErrorLabel(m_ui->errorLabel);
    m_ui->testResult->clear();

    connect(m_ui->testButton, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    if (context.keyStore)
        connect(context.keyStore, &SecretStore::saved, this, &SettingsDialog::keySaved);
}

SettingsDialog::~SettingsDialog() = default;

Result<AppSettings> SettingsDialog::enteredSettings() const
{
    AppSettings s = m_context.appSettings;
    const QString url = m_ui->baseUrlEdit->text().trimmed();
    s.baseUrl = QUrl(url, QUrl::StrictMode);
    if (url.isEmpty() || !s.baseUrl.isValid())
        return Error{u"base_url"_s, tr("Base URL: enter an address such as https://api.fatora.io.")};
    s.timeoutMs = m_ui->timeoutSpin->value() * 1000;
    s.currency = m_ui->currencyCombo->currentText().trimmed().toUpper();
    s.merchantName = m_merchantEdit->text().trimmed();
    s.language = m_ui->languageCombo->currentData().toString();
    auto database = m_databasePage->enteredSettings();
    if (!database.ok())
        return database.error(); // already "Caption: what is wrong"
    s.database = database.value();
    s.successUrl = QUrl(m_ui->successUrlEdit->text().trimmed(), QUrl::StrictMode);
    s.failureUrl = QUrl(m_ui->failureUrlEdit->text().trimmed(), QUrl::StrictMode);
    s.linkLifetimeHours = m_ui->linkLifetimeSpin->value();
    if (auto valid = s.validate(); !valid.ok())
        return Error{valid.error().field,
                     tr("%1: %2").arg(fieldLabel(valid.error().field), valid.error().message)};
    // Return pages are optional (without them no card request can be made), but one given must be
    // a page Fatora may send a customer to, and both or neither.
    if (!s.successUrl.isEmpty() || !s.failureUrl.isEmpty()) {
        if (auto pages = s.cardRequestPages(); !pages.ok())
            return Error{pages.error().field,
                         tr("%1: %2").arg(fieldLabel(pages.error().field), pages.error().message)};
    }
    return s;
}

QString SettingsDialog::enteredApiKey() const
{
    // Keys are pasted; surrounding spaces are paste noise, never part of a GUID-like key.
    return m_ui->apiKeyEdit->text().trimmed();
}

void SettingsDialog::showKeyNote()
{
    QString note;
    bool warn = false;
    if (m_context.sandbox) {
        note = tr("Sandbox: the local simulator answers with its own key. No real money moves.");
    } else if (m_context.apiKeyFromEnvironment) {
        note = tr("The key comes from the FATORA_API_KEY environment variable and is not stored.");
    } else if (!m_context.keyStore) {
        note = tr("Kept for this run only.");
        warn = true;
    } else if (!m_context.keychainProblem.isEmpty()) {
        note = tr("The system keychain is not available (%1): the key is kept for this run only. Set "
                  "FATORA_API_KEY to supply it at start-up instead.")
                   .arg(m_context.keychainProblem);
        warn = true;
    } else {
        note = tr("Kept in the system keychain; never in the database, settings files or logs.");
    }
    m_ui->apiKeyNote->setText(note);
    m_ui->apiKeyNote->setStyleSheet(warn ? Display::badgeStyleSheet(Display::warningColor()) : QString());
    UiSupport::growToFit(this);
}

void SettingsDialog::showError(const QString &message)
{
    UiSupport::showMessage(m_ui->errorLabel, message);
    UiSupport::growToFit(this);
}

void SettingsDialog::accept()
{
    if (m_pendingSaves > 0)
        return;
    if (m_applied) {
        QDialog::accept(); // "Close" after the keychain's answer was shown
        return;
    }
    auto entered = enteredSettings();
    if (!entered.ok()) {
        const QString field = entered.error().field;
        if (field.startsWith(u"database_"_s))
            m_tabs->setCurrentWidget(m_databasePage);
        else if (field == u"success_url"_s || field == u"failure_url"_s || field == u"link_lifetime_hours"_s)
            m_tabs->setCurrentIndex(m_tabs->indexOf(m_ui->cardRequestBox));
        showError(entered.error().message);
        return;
    }
    const AppSettings s = entered.value();
    const QString previousLanguage = m_context.appSettings.language;
    m_context.appSettings = s;
    if (m_context.settings) {
        s.save(*m_context.settings);
        m_context.settings->sync();
    }

    const QString key = enteredApiKey();
    bool saveKey = false;
    if (!m_context.sandbox && !m_context.apiKeyFromEnvironment && key != m_context.apiKey) {
        m_context.apiKey = key;
        if (m_context.keyStore) {
            if (key.isEmpty())
                m_context.keyStore->remove();
            else
                saveKey = true;
        }
    }
    GatewayConfig config = s.gatewayConfig(m_context.apiKey);
    if (m_context.sandbox && m_context.gateway)
        config.baseUrl = m_context.gateway->config().baseUrl;
    if (m_context.gateway)
        m_context.gateway->setConfig(config);
    m_context.applyCardRequestSettings();
    if (s.language != previousLanguage)
        emit languageChanged(s.language);
    m_applied = true;
    const QString account = s.database.passwordAccount();
    const bool savePasswordNow =
        !m_context.sandbox && !account.isEmpty() && m_databasePage->passwordEdited();
    if (!saveKey && !savePasswordNow) {
        QDialog::accept();
        return;
    }
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(false);
    if (savePasswordNow)
        savePassword(account, m_databasePage->enteredPassword());
    if (saveKey) {
        // The key works from now on either way; the keychain's answer decides what is said.
        m_savingKey = true;
        ++m_pendingSaves;
        m_ui->apiKeyNote->setStyleSheet(QString());
        m_ui->apiKeyNote->setText(tr("Saving the API key in the system keychain…"));
        m_context.keyStore->save(key);
    }
}

void SettingsDialog::savePassword(const QString &account, const QString &password)
{
    SecretStore *store = m_context.passwordStoreFor ? m_context.passwordStoreFor(account, this) : nullptr;
    if (!store) {
        m_saveProblems << tr("The database password was not stored: no keychain is available here. Set "
                             "FATORA_DATABASE_PASSWORD, or enter it when the desk asks at start-up.");
        ++m_pendingSaves;
        QMetaObject::invokeMethod(this, &SettingsDialog::saveAnswered, Qt::QueuedConnection);
        return;
    }
    if (password.isEmpty()) {
        store->remove(); // an emptied field forgets the password
        ++m_pendingSaves;
        QMetaObject::invokeMethod(this, &SettingsDialog::saveAnswered, Qt::QueuedConnection);
        return;
    }
    ++m_pendingSaves;
    connect(store, &SecretStore::saved, this, [this](bool persisted, const QString &error) {
        if (!persisted)
            m_saveProblems << tr("The system keychain could not store the database password (%1). Set "
                                 "FATORA_DATABASE_PASSWORD, or enter it when the desk asks at start-up.")
                                  .arg(error.isEmpty() ? tr("no keychain stores it") : error);
        saveAnswered();
    });
    store->save(password);
}

void SettingsDialog::keySaved(bool persisted, const QString &error)
{
    if (!m_savingKey)
        return;
    m_savingKey = false;
    if (!persisted) {
        // The operator must read that the key will be gone after a restart.
        m_ui->apiKeyNote->setText(ApiKeyKeeper::keptForThisRunText(error) + u' ' +
                                  tr("Set FATORA_API_KEY to supply it at start-up instead."));
        m_ui->apiKeyNote->setStyleSheet(Display::badgeStyleSheet(Display::warningColor()));
        m_keyProblem = true;
    }
    saveAnswered();
}

void SettingsDialog::saveAnswered()
{
    if (m_pendingSaves == 0 || --m_pendingSaves > 0)
        return;
    if (m_saveProblems.isEmpty() && !m_keyProblem) {
        QDialog::accept();
        return;
    }
    // Stay open: what will be gone after a restart must be read where it was typed.
    if (!m_saveProblems.isEmpty()) {
        m_tabs->setCurrentWidget(m_databasePage);
        m_databasePage->setNote(m_saveProblems.join(u'\n'));
    } else {
        m_tabs->setCurrentIndex(0);
    }
    m_ui->buttonBox->setStandardButtons(QDialogButtonBox::Close);
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setFocus();
    UiSupport::growToFit(this);
}

QString SettingsDialog::databaseNote() const
{
    if (m_context.sandbox)
        return tr("Sandbox: the demo data has its own database file. No real money moves.");
    QString note = tr("In use now: %1.").arg(Display::path(m_context.databaseInUse));
    switch (m_context.databaseSource) {
    case DatabaseChoice::Source::Option:
        note += u' ' + tr("It was named by --database, which wins over this page.");
        break;
    case DatabaseChoice::Source::Environment:
        note += u' ' + tr("It was named by FATORA_DATABASE, which wins over this page.");
        break;
    case DatabaseChoice::Source::Settings:
    case DatabaseChoice::Source::Default:
        break;
    }
    return note + u' ' + tr("A change here takes effect the next time the desk starts.");
}

void SettingsDialog::reject()
{
    // Once applied, the settings are in effect: closing is accepting them (the desk reports the
    // keychain's answer even if it comes later).
    if (m_applied)
        QDialog::accept();
    else
        QDialog::reject();
}

void SettingsDialog::testConnection()
{
    if (m_testing)
        return;
    auto entered = enteredSettings();
    if (!entered.ok()) {
        showError(entered.error().message);
        return;
    }
    showError(QString());
    GatewayConfig config = entered->gatewayConfig(m_context.sandbox ? m_context.apiKey : enteredApiKey());
    if (m_context.sandbox && m_context.gateway)
        config.baseUrl = m_context.gateway->config().baseUrl;
    if (config.apiKey.isEmpty()) {
        m_ui->testResult->setStyleSheet(Display::badgeStyleSheet(Display::errorColor()));
        m_ui->testResult->setText(tr("API key: enter the merchant key first."));
        return;
    }
    m_testing = true;
    m_ui->testButton->setEnabled(false);
    m_ui->testResult->setStyleSheet(QString());
    m_ui->testResult->setText(tr("Asking Fatora…"));
    // A verify of an order that cannot exist: Fatora answers 404 to a valid key, 401/403 otherwise.
    auto *client = new GatewayClient(m_network, config, this);
    VerifyRequest request;
    request.orderId =
        u"BO-CONNECTION-TEST-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12).toUpper();
    GatewayReply *reply = client->verify(request);
    connect(reply, &GatewayReply::finished, this, [this, client](const GatewayResult &result) {
        m_testing = false;
        m_ui->testButton->setEnabled(true);
        showTestResult(result);
        client->deleteLater();
    });
}

void SettingsDialog::showTestResult(const GatewayResult &result)
{
    bool works = false;
    QString text;
    // A 404 proves the key only when Fatora itself said it (its JSON): a wrong base URL also
    // answers 404, with a web server's page.
    if (result.orderNotFound || (result.httpStatus == 200 && result.outcome != GatewayOutcome::Unknown)) {
        works = true;
        text = tr("The key works: Fatora answered for a test order that does not exist.");
    } else if (result.httpStatus == 401) {
        text = tr("Fatora refused the key (401 invalid key). Check the API key.");
    } else if (result.httpStatus == 403) {
        text = tr("The key is inactive (403). Activate it in the Fatora dashboard or use another key.");
    } else if (result.outcome == GatewayOutcome::NotSent) {
        text = tr("Could not reach Fatora: %1. Check the base URL and the network.").arg(result.errorText);
    } else {
        text = tr("Unexpected answer (HTTP %1): %2").arg(result.httpStatus).arg(result.errorText);
    }
    m_ui->testResult->setStyleSheet(
        Display::badgeStyleSheet(works ? Display::successColor() : Display::errorColor()));
    m_ui->testResult->setText(text);
    UiSupport::growToFit(this);
    emit testFinished(works);
}

} // namespace fatora
