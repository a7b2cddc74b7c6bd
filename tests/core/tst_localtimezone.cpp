// keepLocalTimeZone: the same local times as before, without TZ the user set being touched.

#include "domain/LocalTimeZone.h"

#include <QDateTime>
#include <QTest>

#include <ctime>

using namespace fatora;

class TestLocalTimeZone : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void keepsTheZoneOfTheComputer();
    void leavesTheUsersZoneAlone();

private:
    // Winter and summer (DST where the zone has it), as seconds from UTC.
    static QList<int> offsets()
    {
        return {QDateTime::fromSecsSinceEpoch(1'767'225'600).offsetFromUtc(),  // 2026-01-01
                QDateTime::fromSecsSinceEpoch(1'782'864'000).offsetFromUtc()}; // 2026-07-01
    }
};

void TestLocalTimeZone::cleanup()
{
    qunsetenv("TZ");
    tzset();
}

void TestLocalTimeZone::keepsTheZoneOfTheComputer()
{
    qunsetenv("TZ");
    tzset();
    const QList<int> before = offsets();
    keepLocalTimeZone();
#if defined(Q_OS_LINUX)
    QCOMPARE(qgetenv("TZ"), QByteArray(":/etc/localtime"));
#endif
    QCOMPARE(offsets(), before);
}

void TestLocalTimeZone::leavesTheUsersZoneAlone()
{
    qputenv("TZ", "EST5EDT,M3.2.0,M11.1.0"); // no zone file needed: a POSIX rule
    tzset();
    keepLocalTimeZone();
    QCOMPARE(qgetenv("TZ"), QByteArray("EST5EDT,M3.2.0,M11.1.0"));
    QCOMPARE(offsets(), (QList<int>{-5 * 3600, -4 * 3600}));
}

QTEST_GUILESS_MAIN(TestLocalTimeZone)
#include "tst_localtimezone.moc"
