#include "domain/RefundApproval.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace fatora {

QString refundApprovalStateName(RefundApproval::State state)
{
    switch (state) {
    case RefundApproval::State::Open:
        return u"open"_s;
    case RefundApproval::State::Approved:
        return u"approved"_s;
    case RefundApproval::State::Denied:
        return u"denied"_s;
    }
    return {};
}

std::optional<RefundApproval::State> refundApprovalStateFromName(const QString &name)
{
    for (auto state : {RefundApproval::State::Open, RefundApproval::State::Approved, RefundApproval::State::Denied}) {
        if (refundApprovalStateName(state) == name)
            return state;
    }
    return std::nullopt;
}

QString refundApprovalStateTitle(RefundApproval::State state)
{
    switch (state) {
    case RefundApproval::State::Open:
        return QCoreApplication::translate("fatora::RefundApproval", "Waiting for approval");
    case RefundApproval::State::Approved:
        return QCoreApplication::translate("fatora::RefundApproval", "Approved");
    case RefundApproval::State::Denied:
        return QCoreApplication::translate("fatora::RefundApproval", "Denied");
    }
    return {};
}

} // namespace fatora
