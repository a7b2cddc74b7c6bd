#include "PaymentReport.h"

#include "CliContext.h"
#include "CliFormat.h"
#include "gateway/GatewayReason.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fatora::cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::PaymentReport)
};

struct Beside
{
    QString customerName;
    QString tokenMask;
    QString tokenLabel;
};

// What the history shows beside a payment; a missing row only costs the name, never the report.
Beside besides(Store &store, const Payment &p)
{
    Beside b;
    if (auto c = store.customer(p.customerId); c.ok())
        b.customerName = c->name;
    if (auto t = store.token(p.tokenId); t.ok()) {
        b.tokenMask = t->masked();
        b.tokenLabel = t->label;
    }
    return b;
}

} // namespace

int PaymentReport::exitCodeFor(PaymentState state)
{
    switch (state) {
    case PaymentState::Approved:
        return Done;
    case PaymentState::Declined:
    case PaymentState::Rejected:
        return Refused;
    case PaymentState::NotSent:
        return ConfigProblem;
    case PaymentState::Pending:
    case PaymentState::Unknown:
        break;
    }
    return OutcomeUnknown;
}

QJsonObject PaymentReport::json(Store &store, const Payment &p)
{
    const Beside b = besides(store, p);
    return format::payment(p, b.customerName, b.tokenMask, b.tokenLabel);
}

QStringList PaymentReport::lines(Store &store, const Payment &p)
{
    Beside b = besides(store, p);
    // Each piece of stored or gateway text is one line on the terminal, whatever it holds.
    b.customerName = format::printable(b.customerName);
    b.tokenLabel = format::printable(b.tokenLabel);
    const QString description = format::printable(p.description);
    const QString errorText = format::printable(p.errorText);
    const QString card = b.tokenLabel.isEmpty() ? b.tokenMask : b.tokenMask + u" ("_s + b.tokenLabel + u')';
    const QString what = format::countedAmount(p);
    QStringList out;
    switch (p.state) {
    case PaymentState::Approved:
        out << Tr::tr("approved: %1 charged to %2's card %3").arg(what, b.customerName, card);
        break;
    case PaymentState::Declined:
        // Plain words first, the gateway's own text and code beside them for whoever reads on.
        out << Tr::tr("declined: %1 (status %2). Nothing was charged.")
                   .arg(GatewayReason::withOriginal(GatewayReason::of(p),
                                                    format::printable(GatewayReason::originalText(p))),
                        p.statusCode.isEmpty() ? u"-"_s : format::printable(p.statusCode));
        break;
    case PaymentState::Rejected:
        out << Tr::tr("rejected by the gateway (HTTP %1): %2 Nothing was charged.")
                   .arg(p.httpStatus)
                   .arg(GatewayReason::withOriginal(GatewayReason::of(p),
                                                    errorText.isEmpty() ? description : errorText));
        break;
    case PaymentState::NotSent:
        out << Tr::tr("not sent: %1. The gateway never saw it: nothing was charged, trying again is safe.")
                   .arg(errorText);
        break;
    case PaymentState::Pending:
    case PaymentState::Unknown:
        out << Tr::tr(
                   "UNKNOWN: no reliable answer from the gateway for %1 on %2's card %3. The card may have "
                   "been charged.")
                   .arg(what, b.customerName, card);
        out << Tr::tr("Do not charge again: run \"fatora-cli verify --payment %1\" first.").arg(p.id);
        break;
    }
    QString ids = Tr::tr("payment %1, order %2").arg(p.id).arg(p.orderId);
    if (!p.transactionId.isEmpty())
        ids += Tr::tr(", transaction %1").arg(format::printable(p.transactionId));
    if (!p.authCode.isEmpty())
        ids += Tr::tr(", auth code %1").arg(format::printable(p.authCode));
    out << ids;
    if (p.refundState != RefundState::None)
        out << Tr::tr("refund: %1%2")
                   .arg(refundStateName(p.refundState),
                        p.refundStatus.isEmpty() ? QString()
                                                 : u" ("_s + format::printable(p.refundStatus) + u')');
    if (!p.note.isEmpty() && p.state != PaymentState::Approved)
        out << format::printable(p.note);
    return out;
}

int PaymentReport::print(CliContext &context, Store &store, qint64 paymentId)
{
    auto loaded = store.payment(paymentId);
    if (!loaded.ok())
        return context.fail(ConfigProblem, loaded.error()); // it was just written: the database is failing
    const Payment &p = loaded.value();
    if (context.json())
        context.printJson(json(store, p));
    else
        context.print(lines(store, p).join(u'\n'));
    return exitCodeFor(p.state);
}

} // namespace fatora::cli
