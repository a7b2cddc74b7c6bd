#include "domain/StaffMember.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::StaffMember)
};

} // namespace

QString staffRoleName(StaffRole role)
{
    switch (role) {
    case StaffRole::Clerk:
        return u"clerk"_s;
    case StaffRole::Supervisor:
        return u"supervisor"_s;
    case StaffRole::Administrator:
        return u"administrator"_s;
    }
    return {};
}

std::optional<StaffRole> staffRoleFromName(const QString &name)
{
    for (StaffRole role : {StaffRole::Clerk, StaffRole::Supervisor, StaffRole::Administrator}) {
        if (name.trimmed().compare(staffRoleName(role), Qt::CaseInsensitive) == 0)
            return role;
    }
    return std::nullopt;
}

QString staffRoleTitle(StaffRole role)
{
    switch (role) {
    case StaffRole::Clerk:
        return Tr::tr("clerk");
    case StaffRole::Supervisor:
        return Tr::tr("supervisor");
    case StaffRole::Administrator:
        return Tr::tr("administrator");
    }
    return {};
}

QString computerLoginName(const QString &fallback)
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")).trimmed();
    return user.isEmpty() ? fallback : user;
}

} // namespace fatora
