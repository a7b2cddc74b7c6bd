#pragma once

#include "domain/Result.h"

#include <QString>
#include <QUrl>

namespace fatora {

class Clock;
class Store;

// The stand-in for Fatora behind --sandbox, as the start-up path sees it: somewhere to send calls,
// the key it accepts, and the demo data that goes with it. The sandbox library implements it (a
// simulator on loopback); the core never links an HTTP server.
class SandboxGateway
{
public:
    virtual ~SandboxGateway() = default;
    virtual QUrl baseUrl() const = 0;
    virtual QString apiKey() const = 0;
    // Adds the demo customers and cards when the database has none; returns how many were added.
    virtual Result<int> seed(Store &store, const Clock &clock) = 0;
};

} // namespace fatora
