#pragma once

#include "store/Store.h"

#include <QDateTime>
#include <QStatusBar>

class QLabel;
class QToolButton;

namespace fatora {

// The desk's status bar: environment (LIVE / SANDBOX), calls in flight with the results nobody has
// read yet (a click opens them), the last gateway error, a badge while the API key is kept for
// this run only, one while the shared database cannot be reached, and how many desks work on the
// database. Transient messages use showMessage().
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
    // What the database said when it could not be reached; empty hides the badge (it is back).
    void setDatabaseProblem(const QString &problem);
    QString databaseProblem() const { return m_databaseProblem; }
    // The desks and command-line runs working on the database now (Store::liveSessions), this one
    // being ownSession. Shown on a shared database, and on a file when another run has it open.
    void setDesksAtWork(const QList<SessionRecord> &live, qint64 ownSession, bool sharedDatabase);
    // They could not be read: the count is hidden rather than left stale.
    void clearDesksAtWork();
    // Who works at this desk: on a shared database the login and role it signed in with; on a file,
    // the one person with every right.
    void setSignedIn(const StaffMember &person, bool sharedDatabase);

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
    QLabel *m_databaseLabel = nullptr;
    QLabel *m_desksLabel = nullptr;
    QLabel *m_personLabel = nullptr;
    StaffMember m_person;
    bool m_personShared = false;
    QLabel *m_errorLabel = nullptr;
    QString m_baseUrl;
    QString m_lastError;
    QString m_databaseProblem;
    QDateTime m_lastErrorAt;
    QList<SessionRecord> m_desks;
    qint64 m_ownSession = 0;
    bool m_desksShown = false;
    int m_calls = 0;
    int m_unread = 0;
};

} // namespace fatora
