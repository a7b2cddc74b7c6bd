#pragma once

#include "staff/StaffRights.h"

#include "domain/CardToken.h"
#include "domain/Customer.h"
#include "domain/Result.h"

#include <QList>
#include <QString>

namespace fatora {

class Clock;
class Store;

// Where a change came from, for the audit log: who, and by which way in.
struct ChangeOrigin
{
    enum class Way { Desk, Cli, Import };

    ChangeOrigin(QString who, Way how, QString what = {})
        : operatorName(std::move(who)), way(how), detail(std::move(what))
    {
    }

    QString operatorName;
    Way way;
    QString detail; // e.g. "CSV line 12"
};

// The one way customers and card tokens are added and changed - by the desk's dialogs, the CLI and
// the CSV importer alike: the shared rules (CustomerRules), one transaction per change, and one
// audit entry per change, written in that same transaction. A caller that already holds a
// transaction (the importer: one per file) gets its changes joined to it.
class CustomerService
{
public:
    CustomerService(Store &store, const Clock &clock);

    // Every problem with the values, one Error per field (kind Validation), without touching the
    // store: for forms that show all problems at once.
    static QList<Error> problemsWith(const Customer &customer);
    QList<Error> problemsWith(const CardToken &token) const;

    // Adds a new customer (texts trimmed). A reference another customer has is a Conflict on
    // "reference". Returns the new id.
    Result<qint64> addCustomer(const Customer &customer, const ChangeOrigin &origin);
    // Saves a changed customer. The email and phone formats are checked only when they changed,
    // so a record saved before those rules can still be edited and archived.
    Result<void> updateCustomer(const Customer &customer, const ChangeOrigin &origin);
    Result<void> archiveCustomer(qint64 customerId, const ChangeOrigin &origin);

    // Adds a card token to an existing customer, active from now. The token is kept byte for
    // byte; one already on file (for anyone) is a Conflict on "token" naming only its mask.
    Result<qint64> addToken(const CardToken &token, const ChangeOrigin &origin);
    // The card a paid card request saved: the same checks as addToken, and a clerk's right (their
    // desk checks the request), where adding a card by hand is a supervisor's.
    Result<qint64> addPaidCard(const CardToken &token, const ChangeOrigin &origin);

    // Who acts: their role decides which changes are refused before anything is written
    // (StaffRights). Until set: an administrator, as on a database file.
    void setActor(const StaffMember &actor) { m_actor = actor; }

private:
    // By hand: the right the change needs; from an import, the import right.
    Result<void> mayChange(const ChangeOrigin &origin, StaffRights::Action byHand) const;
    Result<qint64> addTokenAs(const CardToken &token, const ChangeOrigin &origin, StaffRights::Action action);
    Result<void> checkReferenceFree(const Customer &customer);
    Result<void> audit(const QString &action, const QString &objectType, qint64 objectId,
                       const QString &detail, const ChangeOrigin &origin);

    Store &m_store;
    const Clock &m_clock;
    StaffMember m_actor = StaffMember::withEveryRight();
};

} // namespace fatora
