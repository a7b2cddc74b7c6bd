#include "payments/NoticeList.h"

#include "common/Display.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {
QIcon dot(const QColor &colour)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(1, 1, 12, 12);
    return QIcon(pixmap);
}
} // namespace

NoticeList::NoticeList(QWidget *parent) : QDialog(parent)
{
    setObjectName(u"noticeList"_s);
    setModal(false);
    // Shown without taking the keyboard from whatever the clerk is typing in.
    setAttribute(Qt::WA_ShowWithoutActivating);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"notices"_s);
    m_list->setWordWrap(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_acknowledge = new QPushButton(this);
    m_acknowledge->setObjectName(u"acknowledgeButton"_s);
    m_acknowledgeAll = new QPushButton(this);
    m_acknowledgeAll->setObjectName(u"acknowledgeAllButton"_s);
    m_close = new QPushButton(this);
    m_close->setObjectName(u"closeButton"_s);
    m_close->setAutoDefault(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_acknowledge);
    buttons->addWidget(m_acknowledgeAll);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_acknowledge, &QPushButton::clicked, this, &NoticeList::acknowledgeSelected);
    connect(m_acknowledgeAll, &QPushButton::clicked, this, &NoticeList::acknowledgeAll);
    // Closing only hides: the entries stay until acknowledged.
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &NoticeList::updateButtons);
    retranslate();
    updateButtons();
    resize(560, 360);
}

void NoticeList::add(const Entry &entry)
{
    auto *item = new QListWidgetItem(
        dot(entry.colour), tr("%1  %2\n%3").arg(Display::dateTime(entry.at), entry.title, entry.details));
    item->setToolTip(Display::plainToolTip(entry.details));
    // Newest first: the one that just ended is the one the clerk is looking for.
    m_list->insertItem(0, item);
    updateButtons();
    emit countChanged(count());
}

int NoticeList::count() const
{
    return m_list->count();
}

QString NoticeList::text(int row) const
{
    const QListWidgetItem *item = m_list->item(row);
    return item ? item->text() : QString();
}

QString NoticeList::toolTip(int row) const
{
    const QListWidgetItem *item = m_list->item(row);
    return item ? item->toolTip() : QString();
}

void NoticeList::acknowledgeSelected()
{
    const QList<QListWidgetItem *> selected = m_list->selectedItems();
    if (selected.isEmpty())
        return;
    qDeleteAll(selected);
    updateButtons();
    emit countChanged(count());
}

void NoticeList::acknowledgeAll()
{
    if (m_list->count() == 0)
        return;
    m_list->clear();
    updateButtons();
    emit countChanged(0);
    hide();
}

void NoticeList::updateButtons()
{
    m_acknowledge->setEnabled(!m_list->selectedItems().isEmpty());
    m_acknowledgeAll->setEnabled(m_list->count() > 0);
}

void NoticeList::retranslate()
{
    setWindowTitle(tr("Results to read"));
    m_intro->setText(tr("Results of calls to Fatora whose window was closed, and every unknown or declined "
                        "outcome. Each stays here until you acknowledge it; the history has them all."));
    m_acknowledge->setText(tr("&Acknowledge"));
    m_acknowledgeAll->setText(tr("Acknowledge a&ll"));
    m_close->setText(tr("&Close"));
}

void NoticeList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace fatora
