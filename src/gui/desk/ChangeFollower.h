#pragma once

#include "store/ChangeFeed.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace fatora {

class Store;

// Follows the work of the other desks and the CLI for one desk (issue 13): the store's ChangeFeed,
// gathered so that a burst of changes elsewhere (a billing run settling dozens of charges a second)
// reads the desk's lists again at most once every GatherMs - or twice as long as the last reading
// took, when that is longer. A change shows here within GatherMs of being told: well inside a second
// on either backend for lists read in under 200 ms.
class ChangeFollower : public QObject
{
    Q_OBJECT
public:
    static constexpr int GatherMs = 400;
    static constexpr int MaxGatherMs = 5000; // a desk whose lists take long to read still follows

    explicit ChangeFollower(Store &store, QObject *parent = nullptr);
    ~ChangeFollower() override;

    // Why the others' work cannot be followed here (the feed could not start); empty when it is.
    QString problem() const { return m_problem; }

signals:
    // Other desks changed these tables since the last time this was emitted.
    void othersChanged(fatora::ChangeFeed::Tables tables);

private:
    void gather(ChangeFeed::Tables tables);

    std::unique_ptr<ChangeFeed> m_feed;
    QString m_problem;
    ChangeFeed::Tables m_gathered;
    QTimer m_timer;
};

} // namespace fatora
