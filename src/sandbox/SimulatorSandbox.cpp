#include "SimulatorSandbox.h"

#include "GatewaySimulator.h"
#include "SandboxSeed.h"

#include <QCoreApplication>

namespace fatora {

SimulatorSandbox::SimulatorSandbox() : m_simulator(std::make_unique<GatewaySimulator>()) {}

SimulatorSandbox::~SimulatorSandbox() = default;

Result<std::unique_ptr<SimulatorSandbox>> SimulatorSandbox::start()
{
    std::unique_ptr<SimulatorSandbox> sandbox(new SimulatorSandbox);
    if (!sandbox->m_simulator->start())
        return Error{QStringLiteral("sandbox"),
                     QCoreApplication::translate("fatora::SimulatorSandbox",
                                                 "The gateway simulator could not listen on 127.0.0.1."),
                     ErrorKind::Unavailable};
    SandboxSeed::scriptSimulator(*sandbox->m_simulator);
    return sandbox;
}

QUrl SimulatorSandbox::baseUrl() const
{
    return m_simulator->baseUrl();
}

QString SimulatorSandbox::apiKey() const
{
    return GatewaySimulator::defaultApiKey();
}

Result<int> SimulatorSandbox::seed(Store &store, const Clock &clock)
{
    return SandboxSeed::seedStore(store, clock);
}

} // namespace fatora
