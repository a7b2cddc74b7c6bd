#include "DatasetGenerator.h"

#include "store/postgres/PostgresBulkWriter.h"
#include "store/postgres/PostgresStore.h"
#include "store/sqlite/SqliteBulkWriter.h"
#include "store/sqlite/SqliteStore.h"
#include "store/StoreLocation.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace fatora::bench {

namespace {

constexpr qint64 DayMs = 24LL * 3600 * 1000;

// Arab names come in pairs so that a customer shown in Arabic script still gets a plausible
// Latin email address.
struct NamePair
{
    const char16_t *latin;
    const char16_t *arabic;
};

constexpr std::array ArabFirstNames = {
    NamePair{u"Mohammed", u"محمد"}, NamePair{u"Ahmed", u"أحمد"},       NamePair{u"Ali", u"علي"},
    NamePair{u"Omar", u"عمر"},      NamePair{u"Khalid", u"خالد"},      NamePair{u"Fatima", u"فاطمة"},
    NamePair{u"Aisha", u"عائشة"},   NamePair{u"Maryam", u"مريم"},      NamePair{u"Noor", u"نور"},
    NamePair{u"Sara", u"سارة"},     NamePair{u"Hassan", u"حسن"},       NamePair{u"Hussein", u"حسين"},
    NamePair{u"Yousef", u"يوسف"},   NamePair{u"Abdullah", u"عبدالله"}, NamePair{u"Hamad", u"حمد"},
    NamePair{u"Jassim", u"جاسم"},   NamePair{u"Tamim", u"تميم"},       NamePair{u"Rashid", u"راشد"},
    NamePair{u"Salem", u"سالم"},    NamePair{u"Nasser", u"ناصر"},      NamePair{u"Layla", u"ليلى"},
    NamePair{u"Huda", u"هدى"},      NamePair{u"Reem", u"ريم"},         NamePair{u"Dana", u"دانة"},
    NamePair{u"Amal", u"أمل"},      NamePair{u"Saad", u"سعد"},         NamePair{u"Faisal", u"فيصل"},
    NamePair{u"Mariam", u"مريم"},   NamePair{u"Latifa", u"لطيفة"},     NamePair{u"Nawaf", u"نواف"},
};

constexpr std::array ArabFamilyNames = {
    NamePair{u"Al-Thani", u"آل ثاني"},  NamePair{u"Al-Kuwari", u"الكواري"},
    NamePair{u"Al-Marri", u"المري"},    NamePair{u"Al-Sulaiti", u"السليطي"},
    NamePair{u"Al-Mannai", u"المناعي"}, NamePair{u"Al-Naimi", u"النعيمي"},
    NamePair{u"Al-Hajri", u"الهاجري"},  NamePair{u"Al-Khalifa", u"الخليفة"},
    NamePair{u"Al-Emadi", u"العمادي"},  NamePair{u"Al-Mohannadi", u"المهندي"},
    NamePair{u"Al-Kaabi", u"الكعبي"},   NamePair{u"Al-Obaidli", u"العبيدلي"},
    NamePair{u"Haddad", u"حداد"},       NamePair{u"Khoury", u"خوري"},
    NamePair{u"Mansour", u"منصور"},     NamePair{u"Saleh", u"صالح"},
    NamePair{u"Farouk", u"فاروق"},      NamePair{u"Nasr", u"نصر"},
    NamePair{u"Hamdan", u"حمدان"},      NamePair{u"Qassem", u"قاسم"},
};

constexpr std::array OtherFirstNames = {u"John",  u"Maria", u"Priya", u"Raj",    u"Anil",  u"Joseph",
                                        u"Anna",  u"Peter", u"David", u"Elena",  u"Chen",  u"Wei",
                                        u"Jose",  u"Grace", u"Ravi",  u"Sunita", u"Mark",  u"Olga",
                                        u"Aaron", u"Zoe",   u"Ivan",  u"Lucia",  u"Tariq", u"Bilal"};
constexpr std::array OtherFamilyNames = {
    u"Smith", u"Fernandes", u"D'Souza", u"Nair",   u"Menon", u"Santos", u"Reyes", u"Garcia",
    u"Khan",  u"Iqbal",     u"Sharma",  u"Patel",  u"Wang",  u"Li",     u"Brown", u"Müller",
    u"Rossi", u"Kowalski",  u"Okafor",  u"Mensah", u"Silva", u"Novak"};
constexpr std::array MailDomains = {u"gmail.com",   u"outlook.com", u"yahoo.com",  u"qatar.net.qa",
                                    u"hotmail.com", u"icloud.com",  u"ooredoo.qa", u"company.qa"};
constexpr std::array CardBrands = {u"Visa", u"Mastercard", u"Amex", u"Himyan"};
constexpr std::array Operators = {u"mariam", u"ahmed.k", u"reception", u"night-desk", u"cli"};
constexpr char16_t TokenAlphabet[] = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char OrderAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

struct Decline
{
    const char16_t *code;
    const char16_t *description;
};
constexpr std::array Declines = {
    Decline{u"51", u"Transaction Declined, Insufficient credit - insufficient+Funds"},
    Decline{u"59", u"Transaction Blocked"},
    Decline{u"5", u"Transaction Declined, Contact issuing Bank"},
    Decline{u"14", u"Token invalid"},
};

template <typename Array> auto pick(QRandomGenerator &rng, const Array &array)
{
    return array[rng.bounded(int(array.size()))];
}

QString str(const char16_t *s)
{
    return QString::fromUtf16(s);
}

QString emailPart(QString s)
{
    s = s.toLower();
    s.remove(u"al-"_s);
    s.remove(u'\'');
    s.replace(u"ü"_s, u"u"_s);
    return s;
}

QString digits(QRandomGenerator &rng, int count)
{
    QString out;
    out.reserve(count);
    for (int i = 0; i < count; ++i)
        out.append(QChar(u'0' + rng.bounded(10)));
    return out;
}

Customer makeCustomer(QRandomGenerator &rng, qint64 index, const QDateTime &createdAt)
{
    Customer c;
    QString latinFirst;
    QString latinLast;
    const int kind = rng.bounded(100);
    if (kind < 70) {
        const NamePair first = pick(rng, ArabFirstNames);
        const NamePair last = pick(rng, ArabFamilyNames);
        latinFirst = str(first.latin);
        latinLast = str(last.latin);
        // Four in ten Arab customers were entered in Arabic script.
        c.name = kind < 28 ? str(first.arabic) + u' ' + str(last.arabic) : latinFirst + u' ' + latinLast;
    } else {
        latinFirst = str(pick(rng, OtherFirstNames));
        latinLast = str(pick(rng, OtherFamilyNames));
        c.name = latinFirst + u' ' + latinLast;
    }
    if (rng.bounded(100) >= 4) {
        QString local = emailPart(latinFirst) + u'.' + emailPart(latinLast);
        if (rng.bounded(2))
            local += QString::number(rng.bounded(1, 999));
        c.email = local + u'@' + str(pick(rng, MailDomains));
    }
    if (rng.bounded(100) >= 3) {
        static constexpr char16_t leading[] = u"3567";
        c.phone = u"+974 "_s + QChar(leading[rng.bounded(4)]) + digits(rng, 3) + u' ' + digits(rng, 4);
    }
    // A permutation of 0..9,999,999: unique references for up to ten million customers.
    c.reference = u"CUST-%1"_s.arg((index * 7919 + 1234567) % 10'000'000, 7, 10, QChar(u'0'));
    const int note = rng.bounded(100);
    if (note == 0)
        c.notes = u"VIP: call before charging"_s;
    else if (note == 1)
        c.notes = u"يفضل التواصل بالعربية"_s;
    c.archived = rng.bounded(100) < 2;
    c.createdAt = createdAt;
    return c;
}

// The token text depends only on (seed, token number), so phase two can mask it without keeping
// two million strings around. splitmix64: cheap, and good enough for test data.
QString tokenText(quint32 seed, qint64 tokenNumber)
{
    quint64 state = (quint64(seed) << 32) ^ quint64(tokenNumber);
    const auto next = [&state] {
        quint64 z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    };
    QString t;
    t.reserve(34);
    for (int block = 0; block < 4; ++block) {
        quint64 bits = next();
        for (int i = 0; i < 8; ++i, bits >>= 6)
            t.append(QChar(TokenAlphabet[bits & 63]));
    }
    // Real tokens carry the characters that break careless code.
    const quint64 extra = next();
    if (extra % 10 == 0)
        t[int((extra >> 8) % 32)] = u'|';
    if (extra % 20 == 1)
        t[int((extra >> 16) % 32)] = u'\\';
    if (extra % 3 == 0)
        t += u"=="_s;
    return t;
}

QString amountText(qint64 minor)
{
    return QString::number(minor / 100) + u'.' + u"%1"_s.arg(minor % 100, 2, 10, QChar(u'0'));
}

// What phase one decides about a payment; phase two writes it in time order.
struct PaymentPlan
{
    qint64 createdMs;
    qint64 tokenId;
    qint32 customerId;
    qint32 amountMinor;
    quint8 state;   // PaymentState
    quint8 refund;  // 0 none, 1 refunded, 2 pending
    quint8 decline; // index into Declines
    bool operator<(const PaymentPlan &o) const
    {
        return std::tie(createdMs, tokenId, customerId, amountMinor, state, refund, decline) <
               std::tie(o.createdMs, o.tokenId, o.customerId, o.amountMinor, o.state, o.refund, o.decline);
    }
};

PaymentState pickState(QRandomGenerator &rng)
{
    const int r = rng.bounded(1000);
    if (r < 855)
        return PaymentState::Approved;
    if (r < 945)
        return PaymentState::Declined;
    if (r < 965)
        return PaymentState::Rejected;
    if (r < 998)
        return PaymentState::NotSent;
    return PaymentState::Unknown;
}

Payment makePayment(QRandomGenerator &rng, const PaymentPlan &plan, quint32 seed, qint64 sequence)
{
    Payment p;
    p.tokenId = plan.tokenId;
    p.customerId = plan.customerId;
    p.amount = Money(plan.amountMinor, u"QAR"_s);
    p.currency = u"QAR"_s;
    p.state = PaymentState(plan.state);
    p.createdAt = QDateTime::fromMSecsSinceEpoch(plan.createdMs, Qt::UTC);
    p.updatedAt = p.createdAt.addMSecs(300 + rng.bounded(4000));
    p.operatorName = str(pick(rng, Operators));

    QString suffix;
    suffix.reserve(10);
    for (int i = 0; i < 10; ++i)
        suffix.append(QLatin1Char(OrderAlphabet[rng.bounded(32)]));
    p.orderId = u"BO-"_s + p.createdAt.date().toString(u"yyyyMMdd"_s) + u'-' + suffix;

    const QString mask = CardToken::maskToken(tokenText(seed, plan.tokenId));
    p.requestBody = u"{\"card_token\":\""_s + mask + u"\",\"order_id\":\""_s + p.orderId +
                    u"\",\"amount\":"_s + amountText(plan.amountMinor) + u'}';
    switch (p.state) {
    case PaymentState::Approved:
    case PaymentState::Declined: {
        const bool approved = p.state == PaymentState::Approved;
        const Decline decline = Declines[plan.decline % Declines.size()];
        p.httpStatus = 200;
        p.gatewayStatus = approved ? u"SUCCESS"_s : u"FAILURE"_s;
        p.statusCode = approved ? u"200"_s : str(decline.code);
        p.transactionId = u"TX"_s + QString::number(7'000'000'000LL + sequence);
        p.authCode = approved ? digits(rng, 6) : QString();
        p.mode = u"LIVE"_s;
        p.description = approved ? u"Transaction Approved"_s : str(decline.description);
        p.responseBody = u"{\"status\":\""_s + p.gatewayStatus + u"\",\"result\":{\"status_code\":"_s +
                         p.statusCode + u",\"transaction_id\":\""_s + p.transactionId +
                         u"\",\"auth_code\":\""_s + p.authCode +
                         u"\",\"mode\":\"LIVE\",\"description\":\""_s + p.description + u"\"}}"_s;
        if (approved && plan.refund != 0) {
            p.refundState = plan.refund == 1 ? RefundState::Refunded : RefundState::Pending;
            p.refundStatus = plan.refund == 1 ? u"REFUNDED"_s : u"PENDING"_s;
            p.refundedAt = p.createdAt.addSecs(3600 + rng.bounded(5 * 24 * 3600));
        }
        break;
    }
    case PaymentState::Rejected:
        p.httpStatus = rng.bounded(2) ? 400 : 422;
        p.errorText = p.httpStatus == 400 ? u"The gateway refused the request (400): amount is invalid"_s
                                          : u"The gateway refused the request (422): token deactivated"_s;
        p.responseBody = u"{\"status\":\"FAILURE\",\"error\":{\"message\":\"rejected\"}}"_s;
        break;
    case PaymentState::NotSent:
        p.errorText = u"Connection refused: the request never left this computer"_s;
        break;
    case PaymentState::Unknown:
        p.errorText = u"No reply within 30 seconds: the charge may have gone through"_s;
        p.note = u"verify: not found yet"_s;
        p.lastCheckedAt = p.updatedAt.addSecs(600);
        break;
    case PaymentState::Pending:
        break;
    }
    return p;
}

} // namespace

class DatasetGenerator::Sink
{
public:
    virtual ~Sink() = default;
    virtual Result<qint64> addCustomer(const Customer &customer) = 0;
    virtual Result<qint64> addToken(const CardToken &token) = 0;
    virtual Result<qint64> addPayment(const Payment &payment) = 0;
    virtual Result<void> finish() = 0;
};

namespace {

template <typename Writer> class WriterSink final : public DatasetGenerator::Sink
{
public:
    explicit WriterSink(Writer &writer) : m_writer(writer) {}
    Result<qint64> addCustomer(const Customer &customer) override { return m_writer.addCustomer(customer); }
    Result<qint64> addToken(const CardToken &token) override { return m_writer.addToken(token); }
    Result<qint64> addPayment(const Payment &payment) override { return m_writer.addPayment(payment); }
    Result<void> finish() override { return m_writer.finish(); }

private:
    Writer &m_writer;
};

} // namespace

Result<DatasetGenerator::Stats> DatasetGenerator::generate(const QString &location)
{
    if (m_options.customers < 1)
        return Error{u"customers"_s, u"Generate at least one customer."_s};
    QElapsedTimer elapsed;
    elapsed.start();

    if (StoreLocation::isServer(location)) {
        auto opened = StoreLocation::open(location, qEnvironmentVariable("FATORA_DATABASE_PASSWORD"));
        if (!opened)
            return opened.error();
        std::unique_ptr<Store> store = std::move(opened).value();
        auto *postgres = dynamic_cast<PostgresStore *>(store.get());
        if (!postgres)
            return Error{u"database"_s,
                         u"%1 did not open as a PostgreSQL database."_s.arg(store->location())};
        auto started = PostgresBulkWriter::start(*postgres);
        if (!started)
            return started.error();
        std::unique_ptr<PostgresBulkWriter> writer = std::move(started).value();
        writer->setProgress(m_progress);
        WriterSink<PostgresBulkWriter> sink(*writer);
        auto stats = generateInto(sink); // an unfinished writer rolls everything back
        if (!stats)
            return stats.error();
        stats.value().elapsedMs = elapsed.elapsed();
        return stats;
    }

    const QString &path = location;
    if (QFileInfo::exists(path))
        return Error{u"output"_s, u"%1 already exists; remove it or choose another file."_s.arg(path)};
    const QString partial = path + u".partial"_s;
    for (const QString &leftover : QStringList{partial, partial + u"-wal"_s, partial + u"-shm"_s})
        QFile::remove(leftover);
    auto opened = SqliteStore::open(partial);
    if (!opened)
        return opened.error();
    std::unique_ptr<SqliteStore> store = std::move(opened).value();
    auto started = store->startBulkWrite();
    if (!started)
        return started.error();
    std::unique_ptr<SqliteBulkWriter> writer = std::move(started).value();
    WriterSink<SqliteBulkWriter> sink(*writer);
    auto stats = generateInto(sink);
    if (!stats)
        return stats.error();
    writer.reset();
    store.reset();
    if (!QFile::rename(partial, path))
        return Error{u"output"_s, u"Could not move %1 to %2."_s.arg(partial, path)};
    stats.value().elapsedMs = elapsed.elapsed();
    return stats;
}

Result<DatasetGenerator::Stats> DatasetGenerator::generateInto(Sink &writer)
{
    QElapsedTimer elapsed;
    elapsed.start();
    Stats stats;
    stats.until = m_options.until.isValid() ? m_options.until : QDate::currentDate();
    const auto say = [this](const QString &line) {
        if (m_progress)
            m_progress(line);
    };

    QRandomGenerator rng(m_options.seed);
    const qint64 n = m_options.customers;
    const QDateTime end(stats.until, QTime(20, 0), Qt::UTC);
    const qint64 endMs = end.toMSecsSinceEpoch();
    const qint64 firstCustomerMs = endMs - 3 * 365 * DayMs;
    const qint64 firstTokenMs = endMs - 2 * 365 * DayMs;
    const QDate recentIssue = stats.until.addMonths(-CardToken::LifetimeMonths);

    std::vector<PaymentPlan> plans;
    plans.reserve(size_t(n) * 11 / 2);

    // Phase one: customers and their cards in creation order; their payments are only planned.
    for (qint64 i = 0; i < n; ++i) {
        const qint64 createdMs =
            firstCustomerMs + (endMs - DayMs - firstCustomerMs) * i / n + rng.bounded(3600000);
        const Customer customer = makeCustomer(rng, i, QDateTime::fromMSecsSinceEpoch(createdMs, Qt::UTC));
        auto customerId = writer.addCustomer(customer);
        if (!customerId)
            return customerId.error();
        ++stats.customers;

        struct Card
        {
            qint64 id;
            qint64 fromMs;
            qint64 toMs;
        };
        std::array<Card, 3> cards{};
        const int cardCount = 1 + rng.bounded(3);
        std::array<qint64, 3> lastUsedMs{};
        std::array<CardToken, 3> tokens;
        for (int k = 0; k < cardCount; ++k) {
            CardToken &t = tokens[k];
            const qint64 earliest = qMax(createdMs, firstTokenMs);
            const qint64 issuedMs = earliest + qint64(rng.generateDouble() * double(endMs - earliest));
            t.customerId = customerId.value();
            t.issuedOn = QDateTime::fromMSecsSinceEpoch(issuedMs, Qt::UTC).date();
            t.expiresOn = CardToken::defaultExpiry(t.issuedOn);
            if (rng.bounded(10) == 0) // the card itself expires first
                t.expiresOn = t.issuedOn.addDays(30 + rng.bounded(t.issuedOn.daysTo(t.expiresOn) - 29));
            t.createdAt = QDateTime::fromMSecsSinceEpoch(issuedMs, Qt::UTC);
            t.currency = u"QAR"_s;
            t.firstAmount = Money(1000 + rng.bounded(200000), u"QAR"_s);
            t.label = str(pick(rng, CardBrands)) + u' ' + digits(rng, 4);
            qint64 usableUntilMs =
                qMin(endMs, QDateTime(t.expiresOn, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
            const int r = rng.bounded(1000);
            const bool recent = t.issuedOn > recentIssue;
            if (recent) {
                t.status = r < 850   ? TokenStatus::Active
                           : r < 950 ? TokenStatus::Deactivated
                           : r < 955 ? TokenStatus::RevokePending
                                     : TokenStatus::Invalid;
            } else {
                // Old cards are past their six months: some were marked expired by a refused
                // charge, most still say active and expire by date.
                t.status = r < 450   ? TokenStatus::Active
                           : r < 850 ? TokenStatus::Expired
                           : r < 950 ? TokenStatus::Deactivated
                                     : TokenStatus::Invalid;
            }
            if (t.status != TokenStatus::Active) {
                usableUntilMs = issuedMs + qint64(rng.generateDouble() *
                                                  double(qMax<qint64>(usableUntilMs - issuedMs, 1)));
                t.statusChangedAt = QDateTime::fromMSecsSinceEpoch(usableUntilMs, Qt::UTC);
            }
            cards[k] = Card{0, issuedMs, qMax(usableUntilMs, issuedMs + 1)};
        }

        // Payments are decided before the cards are written, so each card knows when it was last used.
        const int paymentCount = rng.bounded(11);
        std::array<int, 11> cardOf{};
        std::array<qint64, 11> whenMs{};
        std::array<bool, 3> cardHasOpen{};
        for (int k = 0; k < paymentCount; ++k) {
            cardOf[k] = rng.bounded(cardCount);
            const Card &card = cards[cardOf[k]];
            whenMs[k] = card.fromMs + qint64(rng.generateDouble() * double(card.toMs - card.fromMs));
            lastUsedMs[cardOf[k]] = qMax(lastUsedMs[cardOf[k]], whenMs[k]);
        }
        for (int k = 0; k < cardCount; ++k) {
            if (lastUsedMs[k] > 0)
                tokens[k].lastUsedAt = QDateTime::fromMSecsSinceEpoch(lastUsedMs[k], Qt::UTC);
            tokens[k].token = tokenText(m_options.seed, stats.tokens + 1);
            auto tokenId = writer.addToken(tokens[k]);
            if (!tokenId)
                return tokenId.error();
            ++stats.tokens;
            // Phase two masks tokens by number: numbers and row ids must agree.
            if (tokenId.value() != stats.tokens)
                return Error{u"database"_s,
                             u"Card token ids are not consecutive; start from an empty file."_s};
            cards[k].id = tokenId.value();
        }
        for (int k = 0; k < paymentCount; ++k) {
            PaymentPlan plan{};
            plan.createdMs = whenMs[k];
            plan.tokenId = cards[cardOf[k]].id;
            plan.customerId = qint32(customerId.value());
            plan.amountMinor = 500 + rng.bounded(250000);
            plan.state = quint8(pickState(rng));
            // At most one open charge per card: the schema refuses a second (payments_one_open_charge).
            if (PaymentState(plan.state) == PaymentState::Unknown &&
                std::exchange(cardHasOpen[cardOf[k]], true))
                plan.state = quint8(PaymentState::NotSent);
            const int refund = rng.bounded(1000);
            plan.refund = refund < 20 ? 1 : refund < 21 ? 2 : 0;
            plan.decline = quint8(rng.bounded(int(Declines.size())));
            plans.push_back(plan);
        }
        if ((i + 1) % 100000 == 0)
            say(u"  %1 customers, %2 tokens (%3 s)"_s.arg(i + 1)
                    .arg(stats.tokens)
                    .arg(elapsed.elapsed() / 1000.0, 0, 'f', 1));
    }

    if (!m_options.payments)
        plans.clear();
    // Phase two: payments in the order they happened, as a real history fills the table.
    say(u"  sorting %1 payments by time"_s.arg(plans.size()));
    std::sort(plans.begin(), plans.end());
    QRandomGenerator paymentRng(m_options.seed * 31 + 7);
    for (size_t k = 0; k < plans.size(); ++k) {
        Payment p = makePayment(paymentRng, plans[k], m_options.seed, qint64(k));
        auto written = writer.addPayment(p);
        for (int retry = 0; !written && retry < 3 && written.error().is(ErrorKind::Conflict); ++retry) {
            p = makePayment(paymentRng, plans[k], m_options.seed, qint64(k));
            written = writer.addPayment(p);
        }
        if (!written)
            return written.error();
        ++stats.payments;
        if ((k + 1) % 500000 == 0)
            say(u"  %1 payments (%2 s)"_s.arg(k + 1).arg(elapsed.elapsed() / 1000.0, 0, 'f', 1));
    }
    plans = {};

    say(u"  finishing"_s);
    if (auto r = writer.finish(); !r)
        return r.error();
    return stats;
}

} // namespace fatora::bench
