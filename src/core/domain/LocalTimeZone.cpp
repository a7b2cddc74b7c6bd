#include "domain/LocalTimeZone.h"

#include <QByteArray>
#include <QtGlobal>

#include <ctime>

namespace fatora {

void keepLocalTimeZone()
{
#if defined(Q_OS_LINUX)
    // The leading colon names a zone file, the one glibc reads when TZ is unset.
    if (!qEnvironmentVariableIsSet("TZ")) {
        qputenv("TZ", QByteArrayLiteral(":/etc/localtime"));
        tzset();
    }
#endif
}

} // namespace fatora
