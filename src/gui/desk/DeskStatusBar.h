#pragma once

#include <QDateTime>
#include <QStatusBar>

class QLabel;
class QToolButton;

namespace fatora {

// The desk's status bar: environment (LIVE / SANDBOX), calls in flight with the results nobody has
// read yet (a click opens them), the last gateway error, and a badge while the API key is kept for
// this run only. Transient messages use showMessage().
class DeskStatusBar : public QStatusBar
{
    Q_OBJECT
public:
    explicit DeskStatusBar(bool sandbox, QWidget *parent = nullptr);

    void setGatewayAddress(const QString &baseUrl);
    void setCallsInFlight(int count);
    void setUnreadResults(int count);
    void setLastError(const QString &message, const QDateTime &at);
    // The problem it reported is settled (the payment was verified, a later call went through).
    void clearLastError();
    QString lastError() const { return m_lastError; }
    // why: the sentence the badge's tooltip gives; empty hides the badge (the key is stored).
    void setKeyThisRunOnly(const QString &why);

signals:
    // The calls indicator was clicked: show the results to read.
    void noticesRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    const bool m_sandbox;
    QLabel *m_environmentLabel = nullptr;
    QToolButton *m_callsButton = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QString m_baseUrl;
    QString m_lastError;
    QDateTime m_lastErrorAt;
    int m_calls = 0;
    int m_unread = 0;
};

} // namespace fatora
