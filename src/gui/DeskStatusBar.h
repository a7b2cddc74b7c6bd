#pragma once

#include <QDateTime>
#include <QStatusBar>

class QLabel;

namespace fatora {

// The desk's status bar: environment (LIVE / SANDBOX), calls in flight, the last gateway error,
// and a badge while the API key is kept for this run only. Transient messages use showMessage().
class DeskStatusBar : public QStatusBar
{
    Q_OBJECT
public:
    explicit DeskStatusBar(bool sandbox, QWidget *parent = nullptr);

    void setGatewayAddress(const QString &baseUrl);
    void setCallsInFlight(int count);
    void setLastError(const QString &message, const QDateTime &at);
    QString lastError() const { return m_lastError; }
    // why: the sentence the badge's tooltip gives; empty hides the badge (the key is stored).
    void setKeyThisRunOnly(const QString &why);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    const bool m_sandbox;
    QLabel *m_environmentLabel = nullptr;
    QLabel *m_callsLabel = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QString m_baseUrl;
    QString m_lastError;
    QDateTime m_lastErrorAt;
    int m_calls = 0;
};

} // namespace fatora
