#pragma once

#include "session/SandboxGateway.h"

#include <memory>

namespace fatora {

class GatewaySimulator;

// --sandbox: the gateway simulator on a free loopback port, scripted with the demo cards'
// behaviours (SandboxSeed), and the demo customers written to the database.
class SimulatorSandbox final : public SandboxGateway
{
public:
    // Fails when the simulator cannot listen on 127.0.0.1.
    static Result<std::unique_ptr<SimulatorSandbox>> start();
    ~SimulatorSandbox() override;

    QUrl baseUrl() const override;
    QString apiKey() const override;
    Result<int> seed(Store &store, const Clock &clock) override;

    GatewaySimulator &simulator() { return *m_simulator; }

private:
    SimulatorSandbox();
    std::unique_ptr<GatewaySimulator> m_simulator;
};

} // namespace fatora
