#include "SandboxSeed.h"

#include "GatewaySimulator.h"
#include "store/Store.h"

#include <QCryptographicHash>

namespace fatora {

namespace {

using Kind = SimulatedBehaviour::Kind;

// The tokens whose behaviour is worth a demo. Their text is fixed so that every start (and the
// CLI's --sandbox) scripts the same simulator answers for the same stored tokens.
struct DemoToken
{
    const char *token;
    const char *label;
    Kind kind;
    int delayMs;
    int issuedDaysAgo; // 170+ days: expires within the month
    TokenStatus status;
    qint64 firstAmountMinor; // 0: unknown
};

struct DemoCustomer
{
    const char *name;
    const char *email;
    const char *phone;
    const char *reference;
    DemoToken tokens[2];
};

constexpr DemoCustomer featured[] = {
    {"Sara Al-Kuwari",
     "sara.alkuwari@example.qa",
     "+974 5512 3401",
     "CUST-1001",
     {{"SBX+approve/Sara\\Visa|9Xq=", "Visa (approves)", Kind::Approve, 0, 40, TokenStatus::Active, 12345},
      {"SBX+funds/Sara\\Master|7Lm=", "Mastercard (insufficient funds)", Kind::InsufficientFunds, 0, 60,
       TokenStatus::Active, 5000}}},
    {"Mohammed Al-Thani",
     "m.althani@example.qa",
     "+974 5523 8812",
     "CUST-1002",
     {{"SBX+blocked/Mohammed|Q2w=", "Visa (blocked by risk checks)", Kind::Blocked, 0, 20,
       TokenStatus::Active, 25000},
      {"SBX+bank/Mohammed\\Amex|k8P=", "Amex (declined by bank)", Kind::BankDeclined, 0, 90,
       TokenStatus::Active, 0}}},
    {"فاطمة الكبيسي",
     "fatima.k@example.qa",
     "+974 3301 4477",
     "CUST-1003",
     {{"SBX+invalid/Fatima|Zz1=", "Visa (token invalid)", Kind::InvalidToken, 0, 100, TokenStatus::Active,
       7500},
      {"SBX+approve/Fatima\\Mada|Pp4=", "Mastercard (approves)", Kind::Approve, 0, 12, TokenStatus::Active,
       19900}}},
    {"Omar Haddad",
     "omar.haddad@example.com",
     "+974 6610 2290",
     "CUST-1004",
     {{"SBX+slow/Omar|5s0=", "Visa (slow: 5 seconds)", Kind::Approve, 5000, 30, TokenStatus::Active, 4500},
      {"SBX+drop/Omar\\Master|uNk=", "Mastercard (outcome unknown: connection drops)", Kind::DropConnection,
       0, 45, TokenStatus::Active, 8800}}},
    {"عبدالله المري",
     "abdullah.marri@example.qa",
     "+974 5590 0031",
     "CUST-1005",
     {{"SBX+err500/Abdullah|e5X=", "Visa (gateway error 500)", Kind::Http500, 0, 15, TokenStatus::Active,
       30000},
      {"SBX+expiring/Abdullah|eXp=", "Mastercard (expires soon)", Kind::Approve, 0, 170, TokenStatus::Active,
       15000}}},
    {"Layla Nasser",
     "layla.nasser@example.com",
     "+974 7700 1122",
     "CUST-1006",
     {{"SBX+revoked/Layla|rV0=", "Visa (already revoked)", Kind::Approve, 0, 50, TokenStatus::Deactivated,
       6000},
      {"SBX+deact200/Layla\\Visa|d2o=", "Visa (revoke answers 200)", Kind::Approve, 0, 25,
       TokenStatus::Active, 9900}}},
    {"Khalid Rahman",
     "khalid.rahman@example.com",
     "+974 5544 6677",
     "CUST-1007",
     {{"SBX+expired/Khalid|oLd=", "Visa (expired)", Kind::Approve, 0, 200, TokenStatus::Active, 2000},
      {"SBX+html502/Khalid|h5T=", "Mastercard (HTML 502 page)", Kind::Html502, 0, 35, TokenStatus::Active,
       11000}}},
};

constexpr const char *givenNames[] = {
    "Aisha",  "Hamad", "Noor",   "Yousef", "Mariam", "Ali",  "Reem", "Tariq", "Hessa", "Jassim", "Dana",
    "Faisal", "Lulwa", "Nasser", "Amna",   "Saad",   "نورة", "حمد",  "مريم",  "خليفة", "شيخة",   "جاسم"};
constexpr const char *familyNames[] = {"Al-Sulaiti", "Al-Mannai",    "Al-Kaabi", "Al-Emadi", "Al-Naimi",
                                       "Al-Hajri",   "Al-Muhannadi", "آل ثاني",  "الكواري",  "المهندي"};

QString demoToken(int index)
{
    // Letters, digits and the special characters real tokens carry (+ / \ |), but clearly fake.
    const QByteArray digest = QCryptographicHash::hash(
        QByteArray(QByteArray("fatora-sandbox-") + QByteArray::number(index)), QCryptographicHash::Sha256);
    return QStringLiteral("SBX+") +
           QString::fromLatin1(digest.toBase64().left(20)).replace(QLatin1Char('='), QLatin1Char('|')) +
           QStringLiteral("\\k|=");
}

} // namespace

void SandboxSeed::scriptSimulator(GatewaySimulator &simulator)
{
    for (const DemoCustomer &c : featured) {
        for (const DemoToken &t : c.tokens) {
            SimulatedBehaviour b;
            b.kind = t.kind;
            b.delayMs = t.delayMs;
            if (QByteArrayView(t.token).contains("deact200"))
                b.deactivateReply = SimulatedBehaviour::DeactivateReply::Ok200;
            simulator.script(QString::fromUtf8(t.token), b);
            if (t.firstAmountMinor > 0)
                simulator.setFirstPaymentAmount(QString::fromUtf8(t.token),
                                                Money(t.firstAmountMinor, QStringLiteral("QAR")).toPlainString());
        }
    }
}

Result<int> SandboxSeed::seedStore(Store &store, const Clock &clock)
{
    CustomerQuery everyone;
    everyone.includeArchived = true;
    auto existing = store.countCustomers(everyone);
    if (!existing.ok())
        return existing.error();
    if (existing.value() > 0)
        return 0;

    Store::Transaction tx(store);
    if (!tx.started().ok())
        return tx.started().error();
    const QDate today = clock.today();
    const QDateTime now = clock.now();
    int added = 0;

    auto addCustomer = [&](const QString &name, const QString &email, const QString &phone,
                           const QString &reference) -> Result<qint64> {
        Customer c;
        c.name = name;
        c.email = email;
        c.phone = phone;
        c.reference = reference;
        c.notes = QStringLiteral("Sandbox demo customer");
        c.createdAt = now;
        ++added;
        return store.addCustomer(c);
    };
    auto addToken = [&](qint64 customerId, const QString &text, const QString &label, int issuedDaysAgo,
                        TokenStatus status, qint64 firstAmountMinor) -> Result<qint64> {
        CardToken t;
        t.customerId = customerId;
        t.token = text;
        t.label = label;
        t.issuedOn = today.addDays(-issuedDaysAgo);
        t.expiresOn = CardToken::defaultExpiry(t.issuedOn);
        t.currency = QStringLiteral("QAR");
        if (firstAmountMinor > 0)
            t.firstAmount = Money(firstAmountMinor, t.currency);
        t.status = status;
        t.statusChangedAt = now;
        t.createdAt = now;
        return store.addToken(t);
    };

    for (const DemoCustomer &c : featured) {
        auto id = addCustomer(QString::fromUtf8(c.name), QString::fromUtf8(c.email),
                              QString::fromUtf8(c.phone), QString::fromUtf8(c.reference));
        if (!id.ok())
            return id.error();
        for (const DemoToken &t : c.tokens) {
            auto tid = addToken(id.value(), QString::fromUtf8(t.token), QString::fromUtf8(t.label),
                                t.issuedDaysAgo, t.status, t.firstAmountMinor);
            if (!tid.ok())
                return tid.error();
        }
    }

    constexpr int plainCustomers = 44;
    constexpr int givenCount = int(std::size(givenNames));
    constexpr int familyCount = int(std::size(familyNames));
    for (int i = 0; i < plainCustomers; ++i) {
        const QString given = QString::fromUtf8(givenNames[i % givenCount]);
        const QString family = QString::fromUtf8(familyNames[(i * 7) % familyCount]);
        const QString reference = QStringLiteral("CUST-%1").arg(1100 + i);
        auto id = addCustomer(
            given + QLatin1Char(' ') + family, QStringLiteral("customer%1@example.qa").arg(1100 + i),
            QStringLiteral("+974 55%1 %2").arg(10 + i, 2, 10, QLatin1Char('0')).arg(1000 + i * 37),
            reference);
        if (!id.ok())
            return id.error();
        const int tokens = 1 + i % 2;
        for (int k = 0; k < tokens; ++k) {
            auto tid = addToken(id.value(), demoToken(i * 2 + k),
                                k == 0 ? QStringLiteral("Visa") : QStringLiteral("Mastercard"),
                                5 + (i * 13 + k * 29) % 150, TokenStatus::Active, 1000 + 250 * i);
            if (!tid.ok())
                return tid.error();
        }
    }

    AuditEntry entry;
    entry.at = now;
    entry.operatorName = QStringLiteral("sandbox");
    entry.action = QStringLiteral("sandbox.seeded");
    entry.objectType = QStringLiteral("store");
    entry.detail = QStringLiteral("%1 demo customers").arg(added);
    if (auto r = store.appendAudit(entry); !r.ok())
        return r.error();
    if (auto r = tx.commit(); !r.ok())
        return r.error();
    return added;
}

} // namespace fatora
