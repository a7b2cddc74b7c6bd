#pragma once

#include "customers/CustomerService.h"
#include "desk/DeskContext.h"
#include "domain/Clock.h"
#include "gateway/GatewayClient.h"
#include "GatewaySimulator.h"
#include "payments/CardRequestService.h"
#include "payments/PaymentService.h"
#include "SecretStore.h"
#include "store/StoreReader.h"
#include "TestSupport.h"

#include <QNetworkAccessManager>

#include <functional>
#include <memory>

namespace fatora {
class MainWindow;
}

namespace fatora::test {

// Everything a desk test needs: its own database, clock, loopback simulator, gateway client and
// payment service, wired into a DeskContext exactly as main.cpp does (minus the keychain).
class GuiFixture
{
public:
    explicit GuiFixture(int timeoutMs = 5000);
    ~GuiFixture();

    SqliteStore &store() { return m_db.store(); }
    ManualClock &clock() { return m_clock; }
    GatewaySimulator &simulator() { return *m_simulator; }
    PaymentService &payments() { return *m_payments; }
    CardRequestService &cardRequests() { return *m_cardRequests; }
    GatewayClient &gateway() { return *m_gateway; }
    DeskContext context();
    // The desk's reader (a second connection to the fixture's file, on its own thread).
    StoreReader &reader() { return *m_reader; }
    // Waits until every read the desk asked for has been answered and shown (lists, cards,
    // totals); false after timeoutMs.
    bool settle(int timeoutMs = 10000);
    QDate today() const { return m_clock.today(); }

    // A customer with one active token scripted to behave as given.
    qint64 addCustomerWithToken(const QString &name, const QString &token,
                                SimulatedBehaviour::Kind kind = SimulatedBehaviour::Kind::Approve,
                                int delayMs = 0, std::optional<Money> firstAmount = std::nullopt);
    qint64 tokenIdOf(const QString &token);

    // A shown main window on this fixture, customers tab, with the customer of tokenId and that card
    // selected.
    std::unique_ptr<MainWindow> window(qint64 tokenId = 0);

    int collectRequests() const;
    // Charges through the service (not the desk) and waits for the result; returns the payment id.
    qint64 chargeAndWait(qint64 tokenId, const std::optional<Money> &amount);

private:
    TempDatabase m_db;
    ManualClock m_clock;
    std::unique_ptr<GatewaySimulator> m_simulator;
    QNetworkAccessManager m_network;
    std::unique_ptr<GatewayClient> m_gateway;
    std::unique_ptr<PaymentService> m_payments;
    std::unique_ptr<CardRequestService> m_cardRequests;
    std::unique_ptr<CustomerService> m_customers;
    MemorySecretStore m_keys;
    std::unique_ptr<StoreReader> m_reader;
};

// Waits until every read `window`'s desk asked for has been answered and shown; false after timeoutMs.
bool settled(MainWindow &window, int timeoutMs = 10000);

// Switches the desk to `language` ("en", "ar") for the life of the object, back to English after.
class Language
{
public:
    explicit Language(const QString &language);
    ~Language();
    Language(const Language &) = delete;
    Language &operator=(const Language &) = delete;
};

// Clicks at `pos` of `window` the way a pointer does: the event goes to whichever widget is under
// that point at the moment it arrives (the widget of the first click may be gone by the second).
void clickAt(QWidget *window, QPoint pos);
void doubleClickAt(QWidget *window, QPoint pos);
// The centre of `widget` in the coordinates of its window.
QPoint centreInWindow(QWidget *widget);

// Runs `action` on the next modal widget that appears (QMessageBox::exec, QDialog::exec), so a test
// can answer a question that blocks the code under test.
void onNextModal(std::function<void(QWidget *)> action);

// The first child of `parent` of type T with the given object name; fails the test when absent.
template <typename T> T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

} // namespace fatora::test
