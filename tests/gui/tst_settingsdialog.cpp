// Settings: validation naming the field, "Test connection" proving the key without moving money,
// and the API key never reaching the settings file.

#include "GuiFixture.h"
#include "SettingsDialog.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fatora;
using namespace fatora::test;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void testConnection_data();
    void testConnection();
    void keyIsMaskedAndNeverWrittenToSettings();
    void badBaseUrlNamesTheField();
};

void TestSettingsDialog::testConnection_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("works");
    QTest::addColumn<QString>("words");
    QTest::newRow("valid key: 404 for the test order")
        << GatewaySimulator::defaultApiKey() << true << u"works"_s;
    QTest::newRow("wrong key: 401") << u"WRONG-KEY"_s << false << u"401"_s;
    QTest::newRow("inactive key: 403") << u"INACTIVE-KEY"_s << false << u"403"_s;
}

void TestSettingsDialog::testConnection()
{
    QFETCH(QString, key);
    QFETCH(bool, works);
    QFETCH(QString, words);
    GuiFixture f;
    f.simulator().setInactiveApiKey(u"INACTIVE-KEY"_s);
    DeskContext context = f.context();
    SettingsDialog dialog(context);
    dialog.show();
    auto *keyEdit = child<QLineEdit>(&dialog, u"apiKeyEdit"_s);
    keyEdit->setText(key);
    QSignalSpy finished(&dialog, &SettingsDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(&dialog, u"testButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(finished.first().first().toBool(), works);
    const QString shown = child<QLabel>(&dialog, u"testResult"_s)->text();
    QVERIFY2(shown.contains(words), qPrintable(shown));
    QCOMPARE(f.collectRequests(), 0); // no money can move
    QCOMPARE(f.simulator().requestCount(GatewayClient::path(GatewayOperation::Verify)), 1);
}

void TestSettingsDialog::keyIsMaskedAndNeverWrittenToSettings()
{
    GuiFixture f;
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    DeskContext context = f.context();
    context.settings = &settings;
    context.apiKey.clear();
    SettingsDialog dialog(context);
    auto *keyEdit = child<QLineEdit>(&dialog, u"apiKeyEdit"_s);
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
    const QString secret = u"SECRET-KEY-0000-1111"_s;
    keyEdit->setText(secret);
    child<QLineEdit>(&dialog, u"operatorEdit"_s)->setText(u"Mariam"_s);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(context.apiKey, secret);
    QCOMPARE(f.gateway().config().apiKey, secret);
    QCOMPARE(f.payments().operatorName(), u"Mariam"_s);
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("Mariam"));
    QVERIFY2(!written.contains(secret.toUtf8()), "the API key must never reach the settings file");
}

void TestSettingsDialog::badBaseUrlNamesTheField()
{
    GuiFixture f;
    DeskContext context = f.context();
    SettingsDialog dialog(context);
    dialog.show();
    child<QLineEdit>(&dialog, u"baseUrlEdit"_s)->setText(u"http://fatora.example.com"_s);
    dialog.accept();
    QVERIFY(dialog.isVisible());
    const QString error = child<QLabel>(&dialog, u"errorLabel"_s)->text();
    QVERIFY2(error.startsWith(u"Base URL"_s), qPrintable(error));
    QCOMPARE(f.gateway().config().baseUrl, f.simulator().baseUrl()); // unchanged
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
