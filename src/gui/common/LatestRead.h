#pragma once

#include "domain/Result.h"
#include "store/StoreReader.h"

#include <functional>

namespace fatora {

// A read on the desk's reader whose newest answer alone counts (issue 13): each ask() replaces the
// one before, and an answer to a replaced ask is dropped, so a late answer never overwrites what a
// newer one showed. Held by the object that receives the answers (answers reach it only while it
// lives, so they never outlive this either).
template <typename T> class LatestRead
{
public:
    void ask(StoreReader &reader, QObject *receiver, std::function<Result<T>(Store &)> work,
             std::function<void(Result<T>)> show)
    {
        const int generation = ++m_generation;
        ++m_pending;
        reader.read<T>(receiver, std::move(work), [this, generation, show = std::move(show)](Result<T> answer) {
            --m_pending;
            if (generation == m_generation)
                show(std::move(answer));
        });
    }
    // The answer on its way no longer counts (what it was asked for was left).
    void drop() { ++m_generation; }
    // An answer is on its way (a replaced one included).
    bool isReading() const { return m_pending > 0; }

private:
    int m_generation = 0;
    int m_pending = 0;
};

} // namespace fatora
