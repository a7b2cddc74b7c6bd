#pragma once

#include <QDateTime>

namespace fatora {

// Time source for everything that stamps or compares dates, so tests own their clock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // UTC
    QDate today() const { return now().toLocalTime().date(); }
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

// One instant, for work done elsewhere (a job on the desk's reader) that must judge "now" as it
// was when it was asked, and must not share another thread's clock.
class FixedClock final : public Clock
{
public:
    explicit FixedClock(QDateTime at) : m_at(at.toUTC()) {}
    QDateTime now() const override { return m_at; }

private:
    const QDateTime m_at;
};

// For tests: time stands still until told to move.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start) : m_now(start.toUTC()) {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &t) { m_now = t.toUTC(); }
    void advanceSecs(qint64 s) { m_now = m_now.addSecs(s); }

private:
    QDateTime m_now;
};

} // namespace fatora
