#pragma once

#include "domain/Payment.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace fatora {
class Store;
}

namespace fatora::cli {

class CliContext;

// The result of a charge, verify or refund as the operator (or a script) sees it.
class PaymentReport
{
public:
    // approved 0; declined, rejected 1; unknown or still pending 3; not sent (gateway unreachable) 4.
    static int exitCodeFor(PaymentState state);

    // Prints the payment (JSON object with --json) and returns exitCodeFor its state.
    static int print(CliContext &context, Store &store, qint64 paymentId);
    static QJsonObject json(Store &store, const Payment &payment);
    static QStringList lines(Store &store, const Payment &payment);
};

} // namespace fatora::cli
