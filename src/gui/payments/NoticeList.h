#pragma once

#include <QColor>
#include <QDateTime>
#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace fatora {

// The outcomes of money calls that nobody has seen yet: a charge whose window was closed while it
// was in flight, a refund that ended after its dialog was gone, and every unknown or declined
// outcome. Non-modal, so the desk stays usable; an entry stays until the clerk acknowledges it.
class NoticeList : public QDialog
{
    Q_OBJECT
public:
    struct Entry
    {
        QDateTime at;
        QString title;   // "Charge approved", "Charge outcome unknown", ...
        QString details; // what happened and what to do next, plain text
        QColor colour;   // Display's colours: red declined, amber unknown, green approved
    };

    explicit NoticeList(QWidget *parent = nullptr);

    void add(const Entry &entry);
    int count() const;
    // The text of entry `row` as shown (title and details), for tests and screenshots.
    QString text(int row) const;
    // The tooltip of entry `row` (its details, as Qt will show them).
    QString toolTip(int row) const;

signals:
    void countChanged(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    void acknowledgeSelected();
    void acknowledgeAll();
    void retranslate();
    void updateButtons();

    QLabel *m_intro = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_acknowledge = nullptr;
    QPushButton *m_acknowledgeAll = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace fatora
