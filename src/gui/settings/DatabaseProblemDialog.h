#pragma once

#include "settings/DatabaseSettings.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;

namespace fatora {

class DatabasePage;

// Shown when the desk cannot open its database at start-up (a server that does not answer, a
// password it refuses, a file of a newer version): what went wrong, and the Database page to
// correct it (or to type the password) before trying again. Quit leaves everything as it was.
class DatabaseProblemDialog : public QDialog
{
    Q_OBJECT
public:
    DatabaseProblemDialog(const QString &problem, const DatabaseSettings &tried, QWidget *parent = nullptr);

    void setProblem(const QString &problem);
    DatabasePage *page() const { return m_page; }
    void accept() override;

private:
    QLabel *m_problem = nullptr;
    QLabel *m_error = nullptr;
    DatabasePage *m_page = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace fatora
