#include "customers/CustomerService.h"

#include "customers/CustomerRules.h"
#include "domain/AuditEntry.h"
#include "domain/Clock.h"
#include "store/Store.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::CustomerService)
};

QString actionFor(const QString &object, const QString &verb, const ChangeOrigin &origin)
{
    // Imports keep their own verb so an accountant can tell a file's rows from hand-made ones.
    return object + u'.' +
           (origin.way == ChangeOrigin::Way::Import && verb == u"added"_s ? u"imported"_s : verb);
}

QString describeOrigin(const ChangeOrigin &origin)
{
    switch (origin.way) {
    case ChangeOrigin::Way::Desk:
        return origin.detail;
    case ChangeOrigin::Way::Cli:
        return origin.detail.isEmpty() ? Tr::tr("with fatora-cli") : origin.detail;
    case ChangeOrigin::Way::Import:
        return origin.detail.isEmpty() ? Tr::tr("from a CSV file") : origin.detail;
    }
    return origin.detail;
}

QString joined(const QString &what, const QString &how)
{
    return how.isEmpty() ? what : what + u", "_s + how;
}

} // namespace

CustomerService::CustomerService(Store &store, const Clock &clock) : m_store(store), m_clock(clock) {}

QList<Error> CustomerService::problemsWith(const Customer &customer)
{
    return CustomerRules::checkCustomer(CustomerRules::normalised(customer));
}

QList<Error> CustomerService::problemsWith(const CardToken &token) const
{
    const CardToken t = CustomerRules::normalised(token);
    QList<Error> problems = CustomerRules::checkToken(t);
    if (auto issued = CustomerRules::checkIssuedBy(t, m_clock.today()); !issued)
        problems << issued.error();
    return problems;
}

Result<void> CustomerService::checkReferenceFree(const Customer &customer)
{
    if (customer.reference.isEmpty())
        return {};
    auto existing = m_store.customerByReference(customer.reference);
    if (!existing.ok())
        return existing.error();
    if (existing.value() && existing.value()->id != customer.id)
        return Error{u"reference"_s,
                     Tr::tr("\"%1\" already belongs to customer %2 (%3).")
                         .arg(customer.reference)
                         .arg(existing.value()->id)
                         .arg(existing.value()->name),
                     ErrorKind::Conflict};
    return {};
}

Result<void> CustomerService::audit(const QString &action, const QString &objectType, qint64 objectId,
                                    const QString &detail, const ChangeOrigin &origin)
{
    return m_store.audit(m_clock.now(), origin.operatorName, action, objectType, objectId, detail);
}

Result<void> CustomerService::mayChange(const ChangeOrigin &origin, StaffRights::Action byHand) const
{
    return StaffRights::check(m_actor, origin.way == ChangeOrigin::Way::Import ? StaffRights::Action::Import
                                                                              : byHand);
}

Result<qint64> CustomerService::addCustomer(const Customer &given, const ChangeOrigin &origin)
{
    if (auto ok = mayChange(origin, StaffRights::Action::EditCustomers); !ok)
        return ok.error();
    Customer c = CustomerRules::normalised(given);
    c.id = 0;
    if (const QList<Error> problems = CustomerRules::checkCustomer(c); !problems.isEmpty())
        return problems.first();
    // The reference check and the insert share one write transaction: two desks adding the same
    // reference at once cannot both succeed.
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    if (auto free = checkReferenceFree(c); !free.ok())
        return free.error();
    c.createdAt = m_clock.now();
    auto id = m_store.addCustomer(c);
    if (!id.ok())
        return id.error();
    if (auto r = audit(actionFor(u"customer"_s, u"added"_s, origin), u"customer"_s, id.value(),
                       joined(c.name, describeOrigin(origin)), origin);
        !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    return id.value();
}

Result<void> CustomerService::updateCustomer(const Customer &given, const ChangeOrigin &origin)
{
    if (auto ok = mayChange(origin, StaffRights::Action::EditCustomers); !ok)
        return ok;
    const Customer c = CustomerRules::normalised(given);
    if (const QList<Error> problems = CustomerRules::checkStorable(c); !problems.isEmpty())
        return problems.first();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto before = m_store.customer(c.id);
    if (!before.ok())
        return before.error();
    if (c.email != before->email) {
        if (auto ok = CustomerRules::checkEmail(c.email); !ok)
            return ok.error();
    }
    if (c.phone != before->phone) {
        if (auto ok = CustomerRules::checkPhone(c.phone); !ok)
            return ok.error();
    }
    if (auto free = checkReferenceFree(c); !free.ok())
        return free.error();
    if (auto r = m_store.updateCustomer(c); !r.ok())
        return r;
    const QString verb = c.archived && !before->archived ? u"archived"_s : u"updated"_s;
    if (auto r =
            audit(u"customer."_s + verb, u"customer"_s, c.id, joined(c.name, describeOrigin(origin)), origin);
        !r.ok())
        return r;
    return tx.commit();
}

Result<void> CustomerService::archiveCustomer(qint64 customerId, const ChangeOrigin &origin)
{
    if (auto ok = mayChange(origin, StaffRights::Action::EditCustomers); !ok)
        return ok;
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started();
    auto loaded = m_store.customer(customerId);
    if (!loaded.ok())
        return loaded.error();
    Customer c = loaded.value();
    if (c.archived)
        return tx.commit();
    c.archived = true;
    if (auto r = updateCustomer(c, origin); !r.ok())
        return r;
    return tx.commit();
}

Result<qint64> CustomerService::addToken(const CardToken &token, const ChangeOrigin &origin)
{
    return addTokenAs(token, origin, StaffRights::Action::AddCards);
}

Result<qint64> CustomerService::addPaidCard(const CardToken &token, const ChangeOrigin &origin)
{
    return addTokenAs(token, origin, StaffRights::Action::Charge);
}

Result<qint64> CustomerService::addTokenAs(const CardToken &given, const ChangeOrigin &origin,
                                           StaffRights::Action action)
{
    if (auto ok = mayChange(origin, action); !ok)
        return ok.error();
    CardToken t = CustomerRules::normalised(given);
    t.id = 0;
    if (const QList<Error> problems = problemsWith(t); !problems.isEmpty())
        return problems.first();
    Store::Transaction tx(m_store);
    if (!tx.started().ok())
        return tx.started().error();
    auto owner = m_store.customer(t.customerId);
    if (!owner.ok())
        return owner.error().is(ErrorKind::NotFound)
                   ? Error{u"customer"_s, Tr::tr("there is no customer with id %1.").arg(t.customerId),
                           ErrorKind::NotFound}
                   : owner.error();
    auto existing = m_store.tokenByText(t.token);
    if (!existing.ok())
        return existing.error();
    if (existing.value())
        return Error{u"token"_s,
                     Tr::tr("this card token is already saved (%1, customer %2).")
                         .arg(existing.value()->masked())
                         .arg(existing.value()->customerId),
                     ErrorKind::Conflict};
    const QDateTime now = m_clock.now();
    t.status = TokenStatus::Active;
    t.statusChangedAt = now;
    t.createdAt = now;
    auto id = m_store.addToken(t);
    if (!id.ok())
        return id.error();
    const QString what = Tr::tr("card %1 for customer %2")
                             .arg(t.label.isEmpty() ? t.masked() : t.label + u' ' + t.masked())
                             .arg(t.customerId);
    if (auto r = audit(actionFor(u"token"_s, u"added"_s, origin), u"token"_s, id.value(),
                       joined(what, describeOrigin(origin)), origin);
        !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    return id.value();
}

} // namespace fatora
