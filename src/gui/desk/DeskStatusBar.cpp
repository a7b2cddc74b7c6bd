#include "desk/DeskStatusBar.h"

#include "common/Display.h"

#include <QEvent>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {
QString badgeStyle(const QColor &colour, const QString &widgetClass = u"QLabel"_s)
{
    return u"%2 { background-color: %1; color: white; padding: 1px 8px; border-radius: 3px; "
           "font-weight: bold; }"_s.arg(colour.name(), widgetClass);
}
} // namespace

DeskStatusBar::DeskStatusBar(bool sandbox, QWidget *parent) : QStatusBar(parent), m_sandbox(sandbox)
{
    setObjectName(u"statusBar"_s);
    m_environmentLabel = new QLabel(this);
    m_environmentLabel->setObjectName(u"environmentLabel"_s);
    m_callsButton = new QToolButton(this);
    m_callsButton->setObjectName(u"callsButton"_s);
    m_callsButton->setAutoRaise(true);
    m_callsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_callsButton, &QToolButton::clicked, this, &DeskStatusBar::noticesRequested);
    m_keyLabel = new QLabel(this);
    m_keyLabel->setObjectName(u"keyLabel"_s);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"errorLabel"_s);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setMaximumWidth(520);
    m_keyLabel->setStyleSheet(badgeStyle(Display::warningColor()));
    m_keyLabel->hide();
    m_databaseLabel = new QLabel(this);
    m_databaseLabel->setObjectName(u"databaseLabel"_s);
    m_databaseLabel->setStyleSheet(badgeStyle(Display::errorColor()));
    m_databaseLabel->hide();
    m_environmentLabel->setStyleSheet(
        badgeStyle(sandbox ? Display::sandboxColor() : Display::successColor()));
    m_desksLabel = new QLabel(this);
    m_desksLabel->setObjectName(u"desksLabel"_s);
    m_desksLabel->setTextFormat(Qt::PlainText);
    m_desksLabel->hide();
    m_personLabel = new QLabel(this);
    m_personLabel->setObjectName(u"signedInLabel"_s);
    m_personLabel->setTextFormat(Qt::PlainText);
    m_personLabel->hide();
    addPermanentWidget(m_errorLabel, 1);
    addPermanentWidget(m_databaseLabel);
    addPermanentWidget(m_personLabel);
    addPermanentWidget(m_desksLabel);
    addPermanentWidget(m_keyLabel);
    addPermanentWidget(m_callsButton);
    addPermanentWidget(m_environmentLabel);
    retranslate();
}

void DeskStatusBar::setGatewayAddress(const QString &baseUrl)
{
    m_baseUrl = baseUrl;
    retranslate();
}

void DeskStatusBar::setCallsInFlight(int count)
{
    m_calls = count;
    const QString calls = count == 0 ? tr("No calls in flight") : tr("Calls in flight: %n", nullptr, count);
    m_callsButton->setText(
        m_unread == 0
            ? calls
            : tr("%1 · Results to read: %2").arg(calls, Display::isolate(QString::number(m_unread))));
    m_callsButton->setToolTip(tr("Show the results of calls whose window was closed, and every unknown or "
                                 "declined outcome."));
    // Unread results draw the eye: an outcome nobody saw may be money that moved.
    m_callsButton->setStyleSheet(m_unread == 0 ? QString()
                                               : badgeStyle(Display::warningColor(), u"QToolButton"_s));
}

void DeskStatusBar::setUnreadResults(int count)
{
    m_unread = count;
    setCallsInFlight(m_calls);
}

void DeskStatusBar::clearLastError()
{
    setLastError(QString(), QDateTime());
}

void DeskStatusBar::setLastError(const QString &message, const QDateTime &at)
{
    m_lastError = message;
    m_lastErrorAt = at;
    retranslate();
}

void DeskStatusBar::setKeyThisRunOnly(const QString &why)
{
    m_keyLabel->setToolTip(Display::plainToolTip(why));
    m_keyLabel->setVisible(!why.isEmpty());
}

void DeskStatusBar::setDatabaseProblem(const QString &problem)
{
    m_databaseProblem = problem;
    m_databaseLabel->setVisible(!problem.isEmpty());
    retranslate();
}

void DeskStatusBar::setDesksAtWork(const QList<SessionRecord> &live, qint64 ownSession, bool sharedDatabase)
{
    m_desks = live;
    m_ownSession = ownSession;
    m_desksShown = sharedDatabase || live.size() > 1;
    m_desksLabel->setVisible(m_desksShown);
    retranslate();
}

void DeskStatusBar::clearDesksAtWork()
{
    m_desks.clear();
    m_desksShown = false;
    m_desksLabel->hide();
}

void DeskStatusBar::setSignedIn(const StaffMember &person, bool sharedDatabase)
{
    m_person = person;
    m_personShared = sharedDatabase;
    m_personLabel->setVisible(!person.login.isEmpty());
    retranslate();
}

void DeskStatusBar::retranslate()
{
    if (!m_person.login.isEmpty()) {
        const QString who = Display::isolateAuto(m_person.login);
        if (!m_personShared) {
            m_personLabel->setText(tr("%1 · every right").arg(who));
            m_personLabel->setToolTip(Display::plainToolTip(
                tr("A database file keeps no staff accounts: everyone at this computer works as %1, with every "
                   "right. A shared database gives each person their own login and role.")
                    .arg(who)));
        } else if (m_person.role) {
            const QString role = staffRoleTitle(*m_person.role);
            m_personLabel->setText(tr("%1 · %2").arg(who, role));
            m_personLabel->setToolTip(Display::plainToolTip(
                tr("Signed in to the shared database as %1, a %2. What the role does not include is greyed "
                   "out and says which role it needs; the database refuses it too.")
                    .arg(who, role)));
        } else {
            m_personLabel->setText(tr("%1 · no role").arg(who));
            m_personLabel->setToolTip(Display::plainToolTip(
                tr("%1 is not staff of this database: ask an administrator to add them.").arg(who)));
        }
    }
    if (m_desksShown) {
        m_desksLabel->setText(tr("Desks connected: %n", nullptr, int(m_desks.size())));
        // One line a run: its computer, who opened it, since when; this desk marked.
        QStringList lines{tr("Working on this database now (a command-line run counts while it runs):")};
        for (const SessionRecord &desk : std::as_const(m_desks)) {
            const QString host =
                desk.info.host.isEmpty() ? tr("unnamed computer") : Display::isolateAuto(desk.info.host);
            const QString who =
                desk.info.operatorName.isEmpty() ? tr("nobody named") : Display::isolateAuto(desk.info.operatorName);
            QString line = tr("%1 · %2 · since %3").arg(host, who, Display::dateTime(desk.startedAt));
            if (desk.id == m_ownSession)
                line = tr("%1 (this desk)").arg(line);
            lines << u"• "_s + line;
        }
        m_desksLabel->setToolTip(Display::plainToolTip(lines.join(u'\n')));
    }

    m_databaseLabel->setText(tr("Shared database unreachable"));
    m_databaseLabel->setToolTip(
        m_databaseProblem.isEmpty()
            ? QString()
            : Display::plainToolTip(tr("%1\nNothing that moves money can start until it is back; the desk "
                                       "connects again by itself, and answers that arrived meanwhile are "
                                       "kept and saved then.")
                                        .arg(m_databaseProblem)));
    m_environmentLabel->setText(m_sandbox ? tr("SANDBOX") : tr("LIVE"));
    m_environmentLabel->setToolTip(
        m_sandbox ? tr("Sandbox: the local simulator answers; no real money moves.")
                  : Display::plainToolTip(tr("Live: charges move real money through %1.").arg(m_baseUrl)));
    m_keyLabel->setText(tr("API key: this run only"));
    // Elided with "…" rather than cut mid-word; the tooltip has the whole message and its time.
    const QString error = m_lastError.isEmpty() ? QString() : tr("Last problem: %1").arg(m_lastError);
    m_errorLabel->setText(
        m_errorLabel->fontMetrics().elidedText(error, Qt::ElideRight, m_errorLabel->maximumWidth()));
    m_errorLabel->setToolTip(m_lastError.isEmpty() ? QString()
                                                   : Display::plainToolTip(tr("%1 (at %2)").arg(
                                                         m_lastError, Display::dateTime(m_lastErrorAt))));
    setCallsInFlight(m_calls);
}

void DeskStatusBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QStatusBar::changeEvent(event);
}

} // namespace fatora
