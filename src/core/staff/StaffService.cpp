#include "staff/StaffService.h"

#include "staff/StaffPassword.h"
#include "staff/StaffRights.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::StaffService)
};

} // namespace

Result<void> StaffService::checkLogin(const QString &login)
{
    static const QRegularExpression shape(u"^[a-z][a-z0-9._-]{1,39}$"_s);
    if (!shape.match(login).hasMatch())
        return Error{u"login"_s,
                     Tr::tr("a login is 2 to 40 small letters, digits, dots, dashes or underscores, "
                            "starting with a letter (for example amal.k).")};
    if (login.startsWith(u"pg_"_s) || login.startsWith(u"fatora_"_s))
        return Error{u"login"_s,
                     Tr::tr("logins starting with \"pg_\" or \"fatora_\" are kept for the server and "
                            "for this application's roles; choose another.")};
    return {};
}

Result<void> StaffService::mayManage() const
{
    if (!m_store.keepsStaffAccounts())
        return m_store.staff().error(); // the store's own words: staff live on a shared database
    return StaffRights::check(m_actor, StaffRights::Action::ManageStaff);
}

Result<StaffService::Added> StaffService::add(const QString &given, StaffRole role)
{
    const QString login = given.trimmed();
    if (auto ok = checkLogin(login); !ok)
        return ok.error();
    if (auto ok = mayManage(); !ok)
        return ok.error();
    Added added;
    added.oneTimePassword = StaffPassword::oneTime();
    auto id = m_store.addStaff(login, role, added.oneTimePassword);
    if (!id)
        return id.error();
    // The login exists now: its one-time password is returned whatever happens next (reading the
    // row back only fills in what the list shows).
    added.person.id = id.value();
    added.person.login = login;
    added.person.role = role;
    added.person.mustChangePassword = true;
    if (auto people = m_store.staff(); people) {
        for (const StaffMember &m : people.value()) {
            if (m.login == login)
                added.person = m;
        }
    }
    return added;
}

Result<QList<StaffMember>> StaffService::list()
{
    if (auto ok = mayManage(); !ok)
        return ok.error();
    return m_store.staff();
}

Result<void> StaffService::setRole(const QString &login, StaffRole role)
{
    if (auto ok = mayManage(); !ok)
        return ok;
    if (login.trimmed() == m_actor.login)
        return Error{u"login"_s, Tr::tr("your own role is changed by another administrator."),
                     ErrorKind::Permission};
    return m_store.setStaffRole(login.trimmed(), role);
}

Result<void> StaffService::setEnabled(const QString &login, bool enabled)
{
    if (auto ok = mayManage(); !ok)
        return ok;
    if (login.trimmed() == m_actor.login)
        return Error{u"login"_s, Tr::tr("you are disabled or enabled by another administrator."),
                     ErrorKind::Permission};
    return m_store.setStaffEnabled(login.trimmed(), enabled);
}

Result<void> StaffService::changeOwnPassword(const QString &newPassword, const QString &repeated)
{
    if (newPassword != repeated)
        return Error{u"password"_s, Tr::tr("the two new passwords differ; type the same password twice.")};
    if (auto ok = StaffPassword::checkNew(newPassword, m_actor.login); !ok)
        return ok;
    if (auto r = m_store.changeOwnPassword(newPassword); !r)
        return r;
    m_actor.mustChangePassword = false;
    if (m_passwordChanged)
        m_passwordChanged(newPassword);
    return {};
}

} // namespace fatora

namespace fatora {

Result<Money> StaffService::refundApprovalLimit()
{
    return m_store.refundApprovalLimit();
}

Result<Money> StaffService::setRefundApprovalLimit(const QString &amountText)
{
    if (auto ok = StaffRights::check(m_actor, StaffRights::Action::SetRefundLimit); !ok)
        return ok.error();
    if (!m_store.keepsStaffAccounts())
        return m_store.refundApprovalLimit().error(); // the store's words: a shared database's rule
    // Zero is a limit here (every refund needs an approval), where Money::parse refuses it as an amount.
    static const QRegularExpression zero(u"^\\s*[0٠۰]+([.٫][0٠۰]*)?\\s*$"_s);
    Money limit(0, u"QAR"_s);
    if (!zero.match(amountText).hasMatch()) {
        auto parsed = Money::parse(amountText, u"QAR"_s, u"limit"_s);
        if (!parsed.ok())
            return parsed.error();
        limit = parsed.value();
    }
    if (auto r = m_store.setRefundApprovalLimit(limit); !r.ok())
        return r.error();
    return limit;
}

} // namespace fatora
