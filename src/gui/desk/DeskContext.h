#pragma once

#include "settings/AppSettings.h"

#include <functional>

#include <QString>

class QObject;
class QSettings;

namespace fatora {

class CardRequestService;
class ChangeFollower;
class SecretStore;
class Clock;
class CustomerService;
class GatewayClient;
class GatewaySimulator;
class PaymentService;
class Store;
class StoreReader;

// What the desk works with, wired by main.cpp (or a test fixture). The desk owns none of it.
struct DeskContext
{
    Store *store = nullptr;
    // The lists' reads, on a thread and a connection of their own (issue 13): what the desk shows
    // while browsing never waits on the GUI thread for the database. Writes go through the services.
    StoreReader *reader = nullptr;
    PaymentService *payments = nullptr;
    CardRequestService *cardRequests = nullptr; // links that save a new card (issue 15)
    CustomerService *customers = nullptr;       // every customer and card token change goes through it
    GatewayClient *gateway = nullptr;
    const Clock *clock = nullptr;
    SecretStore *keyStore = nullptr;       // null: the key lives in memory only (sandbox, tests)
    QSettings *settings = nullptr;         // null: settings are not persisted (tests)
    GatewaySimulator *simulator = nullptr; // set in sandbox mode only
    // The other desks' work as it arrives: set by the main window for its own dialogs (null before,
    // and when the database cannot be watched).
    ChangeFollower *changes = nullptr;

    AppSettings appSettings;
    // The key of this run. Never written anywhere by the desk except through keyStore.
    QString apiKey;
    bool apiKeyFromEnvironment = false; // FATORA_API_KEY wins over the keychain
    // Non-empty when the keychain could not read or store the key (what it said): the key of this
    // run is then kept in memory only, and the desk says so.
    QString keychainProblem;
    bool sandbox = false;
    // The database this run opened (as shown: a URL without password) and who chose it; the
    // Settings "Database" page says when --database or FATORA_DATABASE wins over it.
    QString databaseInUse;
    DatabaseChoice::Source databaseSource = DatabaseChoice::Source::Default;
    // A keychain entry for a shared database's password (DatabaseSettings::passwordAccount), owned
    // by parent; null: such passwords cannot be stored (tests, sandbox).
    std::function<SecretStore *(const QString &account, QObject *parent)> passwordStoreFor;
    // How often the desk looks for pending payments left behind by a process that died mid-call
    // (PaymentService::recoverInterrupted); tests shorten it. With the lease (Store::leaseSecs),
    // a crashed desk's charge becomes unknown here within lease + interval: under 60 seconds.
    int recoveryIntervalMs = 20 * 1000;
    // How often the desk asks whether the database answers (Store::checkReachable): a lost shared
    // database is shown, and connected again, within about this; tests shorten it.
    int databaseCheckIntervalMs = 2 * 1000;
    // How often the desk quietly asks Fatora about card requests still waiting for their customer
    // (CardRequestService::checkWaiting); tests shorten it.
    int cardRequestCheckIntervalMs = 5 * 60 * 1000;
    // How often the status bar counts the desks working on the database (Store::liveSessions): a
    // desk's lease is renewed at this pace too (Store::HeartbeatSecs); tests shorten it.
    int desksCheckIntervalMs = 10 * 1000;

    // Hands the card request settings (return pages, link lifetime) to cardRequests. In the sandbox,
    // without pages of its own, the simulator's demo shop pages serve for this run (never saved).
    void applyCardRequestSettings();
};

} // namespace fatora
