#include "HeldAnswerReport.h"

#include "CliContext.h"
#include "payments/AnswerRecorder.h"
#include "payments/PaymentService.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

// What the answer proves, in the words the rest of the CLI uses for states.
QString answerState(const PaymentService::HeldAnswer &held)
{
    switch (held.operation) {
    case GatewayOperation::Collect:
        return paymentStateName(AnswerRecorder::chargeStateFor(held.result));
    case GatewayOperation::Refund:
        return refundStateName(AnswerRecorder::refundStateFor(held.result));
    case GatewayOperation::Deactivate:
        return AnswerRecorder::revokeConfirmed(held.result) ? u"deactivated"_s : u"not-confirmed"_s;
    case GatewayOperation::Verify:
    case GatewayOperation::Checkout:
        break;
    }
    return gatewayOutcomeName(held.result.outcome);
}

} // namespace

bool HeldAnswerReport::wait(CliContext &context, const PaymentService &service, GatewayOperation operation,
                            qint64 objectId, int guardMs, const std::function<bool()> &done)
{
    QDeadlineTimer heldSince = QDeadlineTimer::Forever;
    // Wake the wait as soon as an answer is held, and once more when its grace has passed.
    QObject scope;
    QObject::connect(&service, &PaymentService::answerHeld, &scope, [&](GatewayOperation op, qint64 id) {
        if (op == operation && id == objectId)
            QTimer::singleShot(SaveGraceMs, &scope, [&context] { context.wake(); });
        context.wake();
    });
    context.waitUntil(
        [&] {
            if (done())
                return true;
            if (!service.heldAnswer(operation, objectId))
                return false;
            if (heldSince.isForever())
                heldSince.setRemainingTime(SaveGraceMs);
            return heldSince.hasExpired();
        },
        guardMs);
    return done();
}

std::optional<int> HeldAnswerReport::report(CliContext &context, const PaymentService &service,
                                            GatewayOperation operation, qint64 objectId)
{
    const auto held = service.heldAnswer(operation, objectId);
    if (!held)
        return std::nullopt;
    const QString state = answerState(*held);
    const QString kept =
        held->journalPath.isEmpty()
            ? tr("The journal of unsaved answers could not keep it either (%1): record it by "
                 "hand from this message.")
                  .arg(held->journalError)
            : tr("The answer is kept in %1 and is saved the next time fatora-cli or the desk "
                 "opens this database.")
                  .arg(QDir::toNativeSeparators(held->journalPath));
    if (context.json()) {
        context.printJson(QJsonObject{
            {u"operation"_s, gatewayOperationName(operation)},
            {u"order_id"_s, held->orderId},
            {u"answer"_s, state},
            {u"http_status"_s, held->result.httpStatus},
            {u"transaction_id"_s, held->result.transactionId},
            {u"saved"_s, false},
            {u"kept_in"_s, held->journalPath},
            {u"error"_s, held->saveError},
        });
    }
    QString transaction;
    if (!held->result.transactionId.isEmpty())
        transaction = tr(", transaction %1").arg(held->result.transactionId);
    //: %1 operation (collect, refund, deactivate), %2 order id, %3 state, %4 ", transaction X" or nothing,
    //: %5 the database error, %6 where the answer is kept
    // Exit 3, "verify before anything else": the answer is not in the database yet, and a script that
    // took this for "nothing happened" (4) and charged again later could charge twice.
    return context.fail(OutcomeUnknown,
                        tr("the gateway answered the %1 of order %2: %3%4. The database could not save that "
                           "answer (%5). %6 Do not repeat the action.")
                            .arg(gatewayOperationName(operation), held->orderId, state.toUpper(), transaction,
                                 held->saveError, kept));
}

} // namespace fatora::cli
