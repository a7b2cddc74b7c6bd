#pragma once

#include <QDateTime>
#include <QString>

namespace fatora {

struct Customer
{
    qint64 id = 0;
    QString name;
    QString email;
    QString phone;
    QString reference; // the merchant's own customer reference
    QString notes;
    bool archived = false;
    QDateTime createdAt;
};

// One row of the customers list: the customer plus figures the list shows and sorts on.
struct CustomerSummary
{
    Customer customer;
    int activeTokens = 0;
    QDateTime lastChargeAt; // null when never charged
};

} // namespace fatora
