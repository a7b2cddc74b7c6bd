#include "desk/ChangeFollower.h"

#include "store/Store.h"

#include <QElapsedTimer>

namespace fatora {

ChangeFollower::ChangeFollower(Store &store, QObject *parent) : QObject(parent)
{
    auto feed = store.watchChanges();
    if (!feed.ok()) {
        m_problem = feed.error().message;
        return;
    }
    m_feed = std::move(feed).value();
    m_timer.setSingleShot(true);
    m_timer.setInterval(GatherMs);
    connect(m_feed.get(), &ChangeFeed::changed, this, &ChangeFollower::gather);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const ChangeFeed::Tables tables = m_gathered;
        m_gathered = {};
        QElapsedTimer took;
        took.start();
        emit othersChanged(tables);
        // The desk reads its lists again in the slots above, on its GUI thread. However busy the
        // other desks are, that reading takes at most a third of this desk's time: the next wait
        // is twice as long as this one took (a clerk scrolled deep into a long list reads more).
        m_timer.setInterval(int(qBound(qint64(GatherMs), 2 * took.elapsed(), qint64(MaxGatherMs))));
    });
}

// The feed is bound to the store's connection: it goes with this object, before the store.
ChangeFollower::~ChangeFollower() = default;

void ChangeFollower::gather(ChangeFeed::Tables tables)
{
    m_gathered |= tables;
    // The first change of a burst starts the wait; later ones ride with it.
    if (!m_timer.isActive())
        m_timer.start();
}

} // namespace fatora
