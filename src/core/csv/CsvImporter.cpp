#include "csv/CsvImporter.h"

#include "csv/CsvRecords.h"

#include "customers/CustomerRules.h"
#include "customers/CustomerService.h"
#include "domain/FieldLimits.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::CsvImporter)
};

enum class Column { Name, Email, Phone, Reference, Token, Label, Issued, FirstAmount, Currency };

std::optional<Column> columnFromHeader(const QString &cell)
{
    QString name = cell.trimmed().toLower();
    name.replace(u' ', u'_').replace(u'-', u'_');
    static const QHash<QString, Column> names = {
        {u"name"_s, Column::Name},         {u"email"_s, Column::Email},
        {u"phone"_s, Column::Phone},       {u"reference"_s, Column::Reference},
        {u"token"_s, Column::Token},       {u"label"_s, Column::Label},
        {u"issued"_s, Column::Issued},     {u"first_amount"_s, Column::FirstAmount},
        {u"currency"_s, Column::Currency},
    };
    const auto it = names.constFind(name);
    if (it == names.cend())
        return std::nullopt;
    return *it;
}

QString columnName(Column column)
{
    switch (column) {
    case Column::Name:
        return u"name"_s;
    case Column::Email:
        return u"email"_s;
    case Column::Phone:
        return u"phone"_s;
    case Column::Reference:
        return u"reference"_s;
    case Column::Token:
        return u"token"_s;
    case Column::Label:
        return u"label"_s;
    case Column::Issued:
        return u"issued"_s;
    case Column::FirstAmount:
        return u"first_amount"_s;
    case Column::Currency:
        return u"currency"_s;
    }
    return {};
}

// Strictly YYYY-MM-DD: 03/04/2026 means March to some and April to others.
std::optional<QDate> parseIsoDate(const QString &text)
{
    static const QRegularExpression shape(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    if (!shape.match(text).hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

CsvImporter::Row makeRow(const CsvRecord &record, const QHash<Column, int> &columns, int headerSize,
                         const QString &defaultCurrency, const QDate &today)
{
    CsvImporter::Row row;
    row.line = record.line;
    auto cell = [&](Column column) -> QString {
        const int index = columns.value(column, -1);
        return index >= 0 && index < record.fields.size() ? record.fields.at(index) : QString();
    };

    // A cell this long is a broken export or an attack, in any column (used or not).
    for (qsizetype i = 0; i < record.fields.size(); ++i) {
        if (record.fields.at(i).size() > FieldLimits::CsvCell) {
            row.errors << Error{u"row"_s,
                                Tr::tr("value %1 is %2 characters long; a cell may hold at most %3.")
                                    .arg(i + 1)
                                    .arg(record.fields.at(i).size())
                                    .arg(FieldLimits::CsvCell)};
            return row;
        }
    }
    for (qsizetype i = headerSize; i < record.fields.size(); ++i) {
        if (!record.fields.at(i).trimmed().isEmpty()) {
            row.errors << Error{u"row"_s, Tr::tr("has %1 values but the header names only %2 columns.")
                                              .arg(record.fields.size())
                                              .arg(headerSize)};
            break;
        }
    }

    row.customer.name = cell(Column::Name).trimmed();
    row.customer.email = cell(Column::Email).trimmed();
    row.customer.phone = cell(Column::Phone).trimmed();
    row.customer.reference = cell(Column::Reference).trimmed();
    row.errors << CustomerRules::checkCustomer(row.customer);

    // The token is taken byte for byte; only a cell of nothing but spaces counts as "no token".
    const QString tokenText = cell(Column::Token);
    const QString label = cell(Column::Label).trimmed();
    const QString issued = cell(Column::Issued).trimmed();
    const QString firstAmount = cell(Column::FirstAmount).trimmed();
    QString currency = cell(Column::Currency).trimmed().toUpper();
    if (currency.isEmpty())
        currency = defaultCurrency;

    if (tokenText.trimmed().isEmpty()) {
        if (!label.isEmpty() || !issued.isEmpty() || !firstAmount.isEmpty())
            row.errors << Error{u"token"_s,
                                Tr::tr("is empty, but the row gives a label, issued date or first "
                                       "amount for a card. Add the token or clear those cells.")};
        return row;
    }

    CardToken token;
    token.token = tokenText;
    token.label = label;
    token.currency = currency;
    token.status = TokenStatus::Active;

    // The cells are read here (dates and amounts as the file writes them); whether the token they
    // make is acceptable is decided by the rules every way in shares.
    bool readable = true;
    if (issued.isEmpty()) {
        readable = false;
        row.errors << Error{u"issued"_s,
                            Tr::tr("is missing: give the date the token was issued as YYYY-MM-DD "
                                   "(it expires six months later).")};
    } else if (const auto date = parseIsoDate(issued); !date) {
        readable = false;
        row.errors << Error{
            u"issued"_s,
            Tr::tr("\"%1\" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25.").arg(issued.left(40))};
    } else {
        token.issuedOn = *date;
        token.expiresOn = CardToken::defaultExpiry(*date);
    }
    if (Money::isKnownCurrency(currency) && !firstAmount.isEmpty()) {
        auto amount = Money::parse(firstAmount, currency, u"first_amount"_s);
        if (amount.ok())
            token.firstAmount = amount.value();
        else
            row.errors << amount.error();
    }
    for (const Error &problem : CustomerRules::checkToken(token)) {
        if (readable || problem.field != u"issued"_s)
            row.errors << problem;
    }
    if (auto inFuture = CustomerRules::checkIssuedBy(token, today); !inFuture)
        row.errors << inFuture.error();
    row.token = token;
    return row;
}

Result<std::optional<Customer>> findCustomer(Store &store, const Customer &wanted)
{
    CustomerQuery query;
    query.includeArchived = true; // an archived customer is still the same person: never duplicate
    query.limit = 1000;
    if (!wanted.reference.isEmpty())
        return store.customerByReference(wanted.reference);
    query.text = wanted.email.isEmpty() ? wanted.name : wanted.email;
    auto found = store.findCustomers(query);
    if (!found.ok())
        return found.error();
    for (const CustomerSummary &candidate : found.value()) {
        const Customer &c = candidate.customer;
        const bool same = wanted.email.isEmpty() ? c.name.compare(wanted.name, Qt::CaseInsensitive) == 0 &&
                                                       c.phone == wanted.phone
                                                 : c.email.compare(wanted.email, Qt::CaseInsensitive) == 0;
        if (same)
            return std::optional<Customer>(c);
    }
    return std::optional<Customer>();
}

} // namespace

int CsvImporter::Preview::validRows() const
{
    return int(std::count_if(rows.cbegin(), rows.cend(), [](const Row &r) { return r.isValid(); }));
}

int CsvImporter::Preview::invalidRows() const
{
    return int(rows.size()) - validRows();
}

Result<CsvImporter::Preview> CsvImporter::preview(const QByteArray &csv, const QString &defaultCurrency,
                                                  const QDate &today)
{
    auto decoded = CsvRecords::decodeUtf8(csv);
    if (!decoded.ok())
        return decoded.error();
    const QString text = decoded.value();

    auto parsed = CsvRecords::parse(text);
    if (!parsed.ok())
        return parsed.error();
    QList<CsvRecord> records = std::move(parsed).value();
    records.removeIf([](const CsvRecord &r) { return r.isBlank(); });
    if (records.isEmpty())
        return Error{u"file"_s, Tr::tr("is empty: the first line must name the columns (name, email, phone, "
                                       "reference, token, label, issued, first_amount).")};

    const CsvRecord header = records.takeFirst();
    QHash<Column, int> columns;
    for (int i = 0; i < header.fields.size(); ++i) {
        const auto column = columnFromHeader(header.fields.at(i));
        if (!column)
            continue; // spreadsheets carry extra columns (notes, totals): not ours to judge
        if (columns.contains(*column))
            return Error{u"file"_s,
                         Tr::tr("the column \"%1\" appears twice in the header.").arg(columnName(*column))};
        columns.insert(*column, i);
    }
    if (!columns.contains(Column::Name))
        return Error{u"file"_s, Tr::tr("has no \"name\" column. The first line must name the columns (name, "
                                       "email, phone, reference, token, label, issued, first_amount).")};

    Preview preview;
    QHash<QString, int> tokenLines; // the same card twice in one file is a copy-paste slip
    for (const CsvRecord &record : std::as_const(records)) {
        Row row = makeRow(record, columns, int(header.fields.size()), defaultCurrency, today);
        if (row.token && !row.token->token.isEmpty()) {
            const int earlier = tokenLines.value(row.token->token, 0);
            if (earlier > 0)
                row.errors << Error{u"token"_s, Tr::tr("the same token is already on line %1.").arg(earlier)};
            else
                tokenLines.insert(row.token->token, row.line);
        }
        preview.rows << row;
    }
    return preview;
}

Result<CsvImporter::Summary> CsvImporter::import(Store &store, const Preview &preview,
                                                 const StaffMember &actor, const Clock &clock)
{
    Summary summary;
    summary.rowsSkipped = preview.invalidRows();

    Store::Transaction transaction(store);
    if (!transaction.started().ok())
        return transaction.started().error();

    CustomerService customers(store, clock);
    customers.setActor(actor);
    const auto origin = [&](const Row &row) {
        return ChangeOrigin(actor.login, ChangeOrigin::Way::Import,
                            Tr::tr("imported from CSV line %1").arg(row.line));
    };

    QSet<qint64> added;
    QSet<qint64> existing;
    for (const Row &row : preview.rows) {
        if (!row.isValid())
            continue;

        std::optional<CardToken> knownToken;
        if (row.token) {
            auto found = store.tokenByText(row.token->token);
            if (!found.ok())
                return found.error();
            knownToken = found.value();
        }
        auto match = findCustomer(store, row.customer);
        if (!match.ok())
            return match.error();

        qint64 customerId = 0;
        if (match.value())
            customerId = match.value()->id;
        else if (knownToken)
            customerId = knownToken->customerId;

        if (customerId == 0) {
            auto id = customers.addCustomer(row.customer, origin(row));
            if (!id.ok())
                return id.error();
            customerId = id.value();
            added.insert(customerId);
        } else if (!added.contains(customerId)) {
            existing.insert(customerId);
        }

        if (!row.token)
            continue;
        if (knownToken) {
            ++summary.tokensExisting;
            continue;
        }
        CardToken token = *row.token;
        token.customerId = customerId;
        auto tokenId = customers.addToken(token, origin(row));
        if (!tokenId.ok())
            return tokenId.error();
        ++summary.tokensAdded;
    }
    summary.customersAdded = int(added.size());
    summary.customersExisting = int(existing.size());

    if (auto committed = transaction.commit(); !committed.ok())
        return committed.error();
    return summary;
}

} // namespace fatora
