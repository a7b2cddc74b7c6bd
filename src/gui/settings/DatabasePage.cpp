#include "settings/DatabasePage.h"

#include "common/Display.h"
#include "common/UiSupport.h"
#include "store/StoreLocation.h"
#include "store/sqlite/SqliteStore.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QThreadPool>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QString fieldCaption(const QString &field)
{
    if (field == u"database_file"_s)
        return DatabasePage::tr("Database file");
    if (field == u"database_host"_s)
        return DatabasePage::tr("Server");
    if (field == u"database_port"_s)
        return DatabasePage::tr("Port");
    if (field == u"database_name"_s)
        return DatabasePage::tr("Database");
    if (field == u"database_user"_s)
        return DatabasePage::tr("User");
    if (field == u"database_sslmode"_s)
        return DatabasePage::tr("Encryption (SSL)");
    return field;
}

} // namespace

DatabasePage::DatabasePage(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);

    m_fileRadio = new QRadioButton(tr("&This computer: a database file for this desk alone"), this);
    m_fileRadio->setObjectName(u"fileRadio"_s);
    m_serverRadio = new QRadioButton(tr("&Shared server: a PostgreSQL database several desks use"), this);
    m_serverRadio->setObjectName(u"serverRadio"_s);
    auto *kinds = new QButtonGroup(this);
    kinds->addButton(m_fileRadio);
    kinds->addButton(m_serverRadio);

    layout->addWidget(m_fileRadio);
    auto *fileRow = new QHBoxLayout;
    m_fileEdit = new QLineEdit(this);
    m_fileEdit->setObjectName(u"fileEdit"_s);
    m_fileEdit->setPlaceholderText(QDir::toNativeSeparators(SqliteStore::defaultPath(false)));
    m_fileEdit->setToolTip(tr("Empty: the desk's own file in your data folder."));
    m_browseButton = new QPushButton(tr("&Browse…"), this);
    fileRow->addSpacing(24);
    fileRow->addWidget(m_fileEdit, 1);
    fileRow->addWidget(m_browseButton);
    layout->addLayout(fileRow);

    layout->addWidget(m_serverRadio);
    // The server's fields are disabled, never hidden, with the file choice (QFormLayout must not
    // hide rows on Qt 6.4).
    auto *form = new QFormLayout;
    form->setContentsMargins(24, 0, 0, 0);
    m_hostEdit = new QLineEdit(this);
    m_hostEdit->setObjectName(u"hostEdit"_s);
    m_hostEdit->setPlaceholderText(tr("e.g. db.office.lan"));
    m_portSpin = new QSpinBox(this);
    m_portSpin->setObjectName(u"portSpin"_s);
    m_portSpin->setRange(1, 65535);
    m_portSpin->setValue(DatabaseSettings::DefaultPort);
    m_portSpin->setGroupSeparatorShown(false);
    // A port is a technical number copied from a server's set-up sheet: Latin digits in every language.
    m_portSpin->setLocale(QLocale::c());
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(u"nameEdit"_s);
    m_nameEdit->setPlaceholderText(u"fatora_backoffice"_s);
    m_userEdit = new QLineEdit(this);
    m_userEdit->setObjectName(u"userEdit"_s);
    m_userEdit->setPlaceholderText(tr("Empty: your login name on this computer"));
    m_sslCombo = new QComboBox(this);
    m_sslCombo->setObjectName(u"sslCombo"_s);
    m_sslCombo->addItem(tr("Default: encrypted when the server offers it"), QString());
    m_sslCombo->addItem(tr("Required (require)"), u"require"_s);
    m_sslCombo->addItem(tr("Required, server's certificate checked (verify-full)"), u"verify-full"_s);
    m_sslCombo->addItem(tr("Off (disable): only on a trusted network"), u"disable"_s);
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(u"passwordEdit"_s);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setPlaceholderText(tr("Kept in the system keychain, never in settings files"));
    connect(m_passwordEdit, &QLineEdit::textEdited, this, [this] { m_passwordEdited = true; });
    m_rememberBox = new QCheckBox(tr("&Remember the password in the system keychain"), this);
    m_rememberBox->setObjectName(u"rememberBox"_s);
    m_rememberBox->setChecked(true);
    m_rememberBox->setVisible(false);

    const QList<QPair<QString, QWidget *>> rows{{tr("Se&rver:"), m_hostEdit},  {tr("&Port:"), m_portSpin},
                                                 {tr("&Database:"), m_nameEdit}, {tr("&User:"), m_userEdit},
                                                 {tr("&Encryption:"), m_sslCombo}, {tr("Pass&word:"), m_passwordEdit}};
    for (const auto &[caption, editor] : rows) {
        QLabel *label = plainLabel(caption, this);
        label->setBuddy(editor);
        form->addRow(label, editor);
        m_serverFields << label << editor;
    }
    form->addRow(QString(), m_rememberBox);
    m_serverFields << m_rememberBox;
    layout->addLayout(form);

    auto *testRow = new QHBoxLayout;
    m_testButton = new QPushButton(tr("Test co&nnection"), this);
    m_testButton->setObjectName(u"databaseTestButton"_s);
    m_testResult = plainLabel(QString(), this);
    m_testResult->setObjectName(u"databaseTestResult"_s);
    m_testResult->setWordWrap(true);
    testRow->addSpacing(24);
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testResult, 1);
    layout->addLayout(testRow);
    m_serverFields << m_testButton << m_testResult;

    m_note = plainLabel(QString(), this);
    m_note->setObjectName(u"databaseNote"_s);
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    layout->addStretch(1);

    connect(m_fileRadio, &QRadioButton::toggled, this, &DatabasePage::kindChanged);
    connect(m_browseButton, &QPushButton::clicked, this, &DatabasePage::browse);
    connect(m_testButton, &QPushButton::clicked, this, &DatabasePage::testConnection);
    m_fileRadio->setChecked(true);
    kindChanged();
}

void DatabasePage::setSettings(const DatabaseSettings &settings)
{
    const bool server = settings.kind == DatabaseSettings::Kind::SharedServer;
    (server ? m_serverRadio : m_fileRadio)->setChecked(true);
    m_fileEdit->setText(QDir::toNativeSeparators(settings.filePath));
    m_hostEdit->setText(settings.host);
    m_portSpin->setValue(qBound(1, settings.port, 65535));
    m_nameEdit->setText(settings.database);
    m_userEdit->setText(settings.user);
    m_sslCombo->setCurrentIndex(qMax(0, m_sslCombo->findData(settings.sslMode)));
    kindChanged();
}

Result<DatabaseSettings> DatabasePage::enteredSettings() const
{
    DatabaseSettings s;
    s.kind = m_serverRadio->isChecked() ? DatabaseSettings::Kind::SharedServer : DatabaseSettings::Kind::ThisComputer;
    s.filePath = QDir::fromNativeSeparators(m_fileEdit->text().trimmed());
    s.host = m_hostEdit->text().trimmed();
    s.port = m_portSpin->value();
    s.database = m_nameEdit->text().trimmed();
    s.user = m_userEdit->text().trimmed();
    s.sslMode = m_sslCombo->currentData().toString();
    if (auto valid = s.validate(); !valid.ok())
        return Error{valid.error().field, tr("%1: %2").arg(fieldCaption(valid.error().field), valid.error().message)};
    return s;
}

QString DatabasePage::enteredPassword() const
{
    return m_passwordEdit->text();
}

bool DatabasePage::passwordEdited() const
{
    return m_passwordEdited;
}

void DatabasePage::showRememberBox(bool show)
{
    m_rememberBox->setVisible(show);
}

bool DatabasePage::rememberPassword() const
{
    return m_rememberBox->isChecked();
}

void DatabasePage::setNote(const QString &note)
{
    m_note->setText(note);
}

void DatabasePage::kindChanged()
{
    const bool server = m_serverRadio->isChecked();
    m_fileEdit->setEnabled(!server);
    m_browseButton->setEnabled(!server);
    for (QWidget *field : std::as_const(m_serverFields))
        field->setEnabled(server);
    if (!m_testing)
        m_testResult->clear();
}

void DatabasePage::browse()
{
    QString start = m_fileEdit->text().trimmed();
    if (start.isEmpty())
        start = SqliteStore::defaultPath(false);
    // An existing file or a new one: the desk creates a missing database when it starts.
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Database file"), start,
                                                        tr("Fatora database (*.sqlite);;All files (*)"), nullptr,
                                                        QFileDialog::DontConfirmOverwrite);
    if (!chosen.isEmpty())
        m_fileEdit->setText(QDir::toNativeSeparators(chosen));
}

void DatabasePage::testConnection()
{
    if (m_testing)
        return;
    auto entered = enteredSettings();
    if (!entered.ok()) {
        m_testResult->setStyleSheet(Display::badgeStyleSheet(Display::errorColor()));
        m_testResult->setText(entered.error().message);
        return;
    }
    m_testing = true;
    m_testButton->setEnabled(false);
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Connecting…"));
    const QString location = entered->location();
    const QString password = enteredPassword();
    // A QSql connection belongs to the thread that made it: the probe makes, uses and closes its
    // own in the worker. A page closed meanwhile drops the answer.
    QPointer<DatabasePage> page(this);
    QThreadPool::globalInstance()->start([page, location, password] {
        const Result<Store::SchemaState> result = StoreLocation::probe(location, password);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [page, result] {
                if (page)
                    page->showTestResult(result);
            },
            Qt::QueuedConnection);
    });
}

void DatabasePage::showTestResult(const Result<Store::SchemaState> &result)
{
    m_testing = false;
    m_testButton->setEnabled(m_serverRadio->isChecked());
    QString text;
    if (!result.ok())
        text = result.error().message;
    else if (result->found == 0)
        text = tr("Connected. The database is empty: the first desk to start sets it up "
                  "(or run \"fatora-cli db init\").");
    else if (result->found < result->current)
        text = tr("Connected. The database has schema %1; this desk upgrades it to %2 when it starts.")
                   .arg(Display::isolate(QString::number(result->found)),
                        Display::isolate(QString::number(result->current)));
    else
        text = tr("Connected to a Fatora Back Office database (schema %1).")
                   .arg(Display::isolate(QString::number(result->found)));
    m_testResult->setStyleSheet(
        Display::badgeStyleSheet(result.ok() ? Display::successColor() : Display::errorColor()));
    m_testResult->setText(text);
    UiSupport::growToFit(window());
    emit testFinished(result.ok());
}

} // namespace fatora
