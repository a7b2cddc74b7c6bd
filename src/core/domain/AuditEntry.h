#pragma once

#include <QDateTime>
#include <QString>

namespace fatora {

// One line of the append-only audit log. The database refuses UPDATE and DELETE on it.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString operatorName;
    QString action;     // e.g. "charge.requested", "charge.approved", "token.revoked"
    QString objectType; // "payment", "token", "customer"
    qint64 objectId = 0;
    QString detail; // the why: the reason given, the gateway's description; never a secret
};

} // namespace fatora
