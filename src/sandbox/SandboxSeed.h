#pragma once

#include "domain/Clock.h"
#include "domain/Result.h"

namespace fatora {

class GatewaySimulator;
class Store;

// Demo data for sandbox mode: about 50 customers whose tokens cover every behaviour worth trying
// (approve, decline, invalid token, slow, unknown outcome, expiring soon, already revoked).
class SandboxSeed
{
public:
    // Writes the demo customers and tokens when the store has no customers yet (first run only).
    // Returns how many customers were added (0 when the store was already seeded).
    static Result<int> seedStore(Store &store, const Clock &clock);
    // Tells the simulator how to answer for each demo token. Safe to call on every start.
    static void scriptSimulator(GatewaySimulator &simulator);
};

} // namespace fatora
