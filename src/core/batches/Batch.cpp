#include "batches/Batch.h"

#include <QCoreApplication>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

const std::array<std::pair<BatchState, QStringView>, 5> batchStates = {{
    {BatchState::Ready, u"ready"},
    {BatchState::Running, u"running"},
    {BatchState::Paused, u"paused"},
    {BatchState::Cancelled, u"cancelled"},
    {BatchState::Finished, u"finished"},
}};

const std::array<std::pair<BatchItemState, QStringView>, 5> itemStates = {{
    {BatchItemState::Queued, u"queued"},
    {BatchItemState::Skipped, u"skipped"},
    {BatchItemState::Sent, u"sent"},
    {BatchItemState::Refused, u"refused"},
    {BatchItemState::Cancelled, u"cancelled"},
}};

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, QStringView>, N> &names, Enum value)
{
    for (const auto &[v, name] : names) {
        if (v == value)
            return name.toString();
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, QStringView>, N> &names, const QString &name)
{
    for (const auto &[v, n] : names) {
        if (n == name)
            return v;
    }
    return std::nullopt;
}

} // namespace

QString batchStateText(BatchState state)
{
    switch (state) {
    case BatchState::Ready:
        return QCoreApplication::translate("Batch", "ready to start");
    case BatchState::Running:
        return QCoreApplication::translate("Batch", "running");
    case BatchState::Paused:
        return QCoreApplication::translate("Batch", "paused");
    case BatchState::Cancelled:
        return QCoreApplication::translate("Batch", "cancelled");
    case BatchState::Finished:
        return QCoreApplication::translate("Batch", "finished");
    }
    return {};
}

QString batchStateName(BatchState state)
{
    return nameOf(batchStates, state);
}

std::optional<BatchState> batchStateFromName(const QString &name)
{
    return valueOf(batchStates, name);
}

QString batchItemStateName(BatchItemState state)
{
    return nameOf(itemStates, state);
}

std::optional<BatchItemState> batchItemStateFromName(const QString &name)
{
    return valueOf(itemStates, name);
}

BatchOutcome batchOutcome(PaymentState state)
{
    switch (state) {
    case PaymentState::Pending:
        return BatchOutcome::InFlight;
    case PaymentState::Approved:
        return BatchOutcome::Approved;
    case PaymentState::Declined:
        return BatchOutcome::Declined;
    case PaymentState::Rejected:
        return BatchOutcome::Rejected;
    case PaymentState::NotSent:
        return BatchOutcome::NotSent;
    case PaymentState::Unknown:
        break;
    }
    return BatchOutcome::Unknown;
}

BatchOutcome batchOutcome(const BatchItem &item)
{
    switch (item.state) {
    case BatchItemState::Queued:
        return BatchOutcome::Queued;
    case BatchItemState::Skipped:
        return BatchOutcome::Skipped;
    case BatchItemState::Refused:
        return BatchOutcome::Refused;
    case BatchItemState::Cancelled:
        return BatchOutcome::Cancelled;
    case BatchItemState::Sent:
        break;
    }
    // A sent item whose payment could not be read counts as unknown: the money may have moved.
    if (!item.payment)
        return BatchOutcome::Unknown;
    return batchOutcome(item.payment->state);
}

QString batchOutcomeName(BatchOutcome outcome)
{
    switch (outcome) {
    case BatchOutcome::Queued:
        return u"queued"_s;
    case BatchOutcome::Skipped:
        return u"skipped"_s;
    case BatchOutcome::Refused:
        return u"refused"_s;
    case BatchOutcome::Cancelled:
        return u"cancelled"_s;
    case BatchOutcome::InFlight:
        return u"in-flight"_s;
    case BatchOutcome::Approved:
        return u"approved"_s;
    case BatchOutcome::Declined:
        return u"declined"_s;
    case BatchOutcome::Rejected:
        return u"rejected"_s;
    case BatchOutcome::NotSent:
        return u"not-sent"_s;
    case BatchOutcome::Unknown:
        return u"unknown"_s;
    }
    return {};
}

} // namespace fatora
