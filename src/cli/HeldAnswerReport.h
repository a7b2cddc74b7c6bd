#pragma once

#include "gateway/GatewayTypes.h"

#include <QCoreApplication>

#include <functional>

namespace fatora {
class PaymentService;
}

namespace fatora::cli {

class CliContext;

// A gateway answer that arrived but that the database could not save (it stayed locked, or the
// disk is full) is never reported as "no answer": this says what the gateway answered and where
// the answer is kept until a later run saves it (PaymentService's journal of unsaved answers).
class HeldAnswerReport
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::HeldAnswerReport)
public:
    // How long a run keeps retrying the save after the answer was put in the journal.
    static constexpr int SaveGraceMs = 6'000;

    // Runs the event loop until done() holds, or the answer for (operation, objectId) has been held
    // for SaveGraceMs, or guardMs passes. Returns done().
    static bool wait(CliContext &context, const PaymentService &service, GatewayOperation operation,
                     qint64 objectId, int guardMs, const std::function<bool()> &done);

    // When the service holds an unsaved answer for (operation, objectId): reports it (stderr, and a
    // JSON object with --json) and returns OutcomeUnknown; otherwise nullopt.
    static std::optional<int> report(CliContext &context, const PaymentService &service,
                                     GatewayOperation operation, qint64 objectId);
};

} // namespace fatora::cli
