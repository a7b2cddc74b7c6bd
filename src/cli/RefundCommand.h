#pragma once

#include "Command.h"

#include "domain/Payment.h"
#include "domain/Result.h"

#include <QCoreApplication>

#include <functional>

namespace fatora {
class PaymentService;
class Store;
} // namespace fatora

namespace fatora::cli {

// refund --payment ID [--reason TEXT] [--yes]
// refund requests [--all] | approve ID [--note TEXT] [--yes] | deny ID --reason TEXT | limit [AMOUNT]
// (four eyes on refunds above the shared database's limit)
class RefundCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::RefundCommand)
public:
    QString name() const override { return QStringLiteral("refund"); }
    QString summary() const override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    int refund(CliContext &context, const QStringList &arguments);
    int requests(CliContext &context, const QStringList &arguments);
    int approve(CliContext &context, const QStringList &arguments);
    int deny(CliContext &context, const QStringList &arguments);
    int limit(CliContext &context, const QStringList &arguments);
    int askApproval(CliContext &context, PaymentService &service, const Payment &p, const QString &reason);
    // Starts the refund of p (start: the service call that writes it ahead and sends it), waits for
    // the gateway's answer and reports it: the exit code. refused: how a refusal before sending
    // exits (default: CliContext::refusedBeforeSending).
    int sendAndReport(CliContext &context, PaymentService &service, Store &store, const Payment &p,
                      const QString &customerName, const std::function<Result<void>()> &start,
                      const std::function<int(const Error &)> &refused = {});
};

} // namespace fatora::cli
