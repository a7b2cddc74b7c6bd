#pragma once

#include "domain/Result.h"
#include "domain/StaffMember.h"
#include "gateway/GatewayTypes.h"
#include "session/SandboxGateway.h"
#include "store/StoreReader.h"

#include <QString>

#include <memory>

class QNetworkAccessManager;
class QTimer;

namespace fatora {

class AnswerJournal;
class CardRequestService;
class Clock;
class CustomerService;
class GatewayClient;
class PaymentService;
class StaffService;
class Store;

// The one start-up path the desk, the CLI (and the desk's benchmarks) share: open the store at a
// location, seed the sandbox, build the gateway client, the payment service with its answer
// journal, the card request service and the customer service. Recovery of charges left in flight is a
// separate step (recover()), so a caller may say something first or skip it on a read-only database.
class Session
{
public:
    struct Options
    {
        QString location;                        // a database file, or a postgresql:// URL
        QString databasePassword;                // a server's password when its URL has none
        std::unique_ptr<SandboxGateway> sandbox; // set: talk to it, with its demo data
        GatewayConfig gateway;                   // ignored for base URL and key in the sandbox
        // On a database file, who the audit names (empty: the computer's login name). A shared
        // database names the login that signed in, whatever this says.
        QString operatorName;
        // false: the caller renews the session lease (the desk on a server, through its reader,
        // off the GUI thread: MainWindow::checkDesks); true: a timer here does.
        bool renewLeaseHere = true;
    };

    // Fails with the store's error (the location named, never a password) when the database cannot
    // be opened, or with the sandbox's when its demo data cannot be written. A writable database
    // gets this process's session lease (Store::openSession), renewed while the event loop runs and
    // closed with the session.
    static Result<std::unique_ptr<Session>> open(Options options, const Clock &clock);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    // Charges a stopped process left pending become unknown (see PaymentService::recoverInterrupted);
    // answers saved in the journal are applied first. Returns how many became unknown. Nothing to
    // do on a read-only database.
    Result<int> recover();

    Store &store();
    // Opens another connection to the same database, as the same person, on whichever thread calls
    // it: the desk's StoreReader reads through it. It holds no session lease of its own.
    StoreReader::Opener readerOpener() const;
    bool isReadOnly() const { return m_readOnly; }
    bool isSharedServer() const { return m_shared; }
    PaymentService &payments() { return *m_payments; }
    // Card requests; their return pages and link lifetime are the front end's to set (settings).
    CardRequestService &cardRequests() { return *m_cardRequests; }
    CustomerService &customers() { return *m_customers; }
    GatewayClient &gateway() { return *m_gateway; }
    const Clock &clock() const { return m_clock; }
    bool isSandbox() const { return m_sandbox != nullptr; }
    int seededCustomers() const { return m_seeded; }
    QString operatorName() const;
    // Who acts: on a shared database the login and role the server gives (read when opening and
    // again by refreshSignedIn); on a file, the operator with every right.
    const StaffMember &signedIn() const { return m_signedIn; }
    // Reads who is signed in again (a new password ended the one-time one, an administrator changed
    // the role) and tells every service.
    Result<void> refreshSignedIn();
    StaffService &staff() { return *m_staff; }

    // The gateway's address and key, e.g. once a command knows it needs them. In the sandbox the
    // address and key stay the sandbox's; the timeout is taken.
    void setGatewayConfig(GatewayConfig config);

    // Who the audit names when the settings name nobody and the computer has no login name.
    static constexpr const char16_t *DefaultOperator = u"fatora";
    // $USER (or %USERNAME%), or fallback when neither is set.
    static QString loginName(const QString &fallback);
    // Where answers the database could not take wait to be saved: beside a database file; for a
    // server, in this computer's data folder, one file per server and database.
    static QString answerJournalPath(const QString &location);

private:
    Session(const Clock &clock);
    void tellServices();

    const Clock &m_clock;
    std::unique_ptr<SandboxGateway> m_sandbox;
    std::unique_ptr<Store> m_store;
    QString m_location;
    // Kept for the reader's connection as the store keeps it for connecting again: in memory only,
    // shared with the reader's thread (a new password replaces it: StaffService::changeOwnPassword).
    struct SharedPassword;
    std::shared_ptr<SharedPassword> m_databasePassword;
    bool m_readOnly = false;
    bool m_shared = false;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<GatewayClient> m_gateway;
    std::unique_ptr<AnswerJournal> m_journal;
    std::unique_ptr<PaymentService> m_payments;
    std::unique_ptr<CardRequestService> m_cardRequests;
    std::unique_ptr<CustomerService> m_customers;
    std::unique_ptr<StaffService> m_staff;
    StaffMember m_signedIn;
    std::unique_ptr<QTimer> m_heartbeat;
    int m_seeded = 0;
};

} // namespace fatora
