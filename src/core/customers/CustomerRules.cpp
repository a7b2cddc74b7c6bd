#include "customers/CustomerRules.h"

#include "domain/FieldLimits.h"
#include "domain/Money.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::CustomerRules)
};

} // namespace

Customer CustomerRules::normalised(Customer customer)
{
    customer.name = customer.name.trimmed();
    customer.email = customer.email.trimmed();
    customer.phone = customer.phone.trimmed();
    customer.reference = customer.reference.trimmed();
    customer.notes = customer.notes.trimmed();
    return customer;
}

CardToken CustomerRules::normalised(CardToken token)
{
    token.label = token.label.trimmed();
    token.currency = token.currency.trimmed().toUpper();
    if (token.currency.isEmpty() && token.firstAmount)
        token.currency = token.firstAmount->currency();
    if (!token.expiresOn.isValid() && token.issuedOn.isValid())
        token.expiresOn = CardToken::defaultExpiry(token.issuedOn);
    return token;
}

Result<void> CustomerRules::checkEmail(const QString &email)
{
    static const QRegularExpression pattern(u"^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$"_s);
    if (email.isEmpty() || pattern.match(email).hasMatch())
        return {};
    return Error{
        u"email"_s,
        Tr::tr("\"%1\" is not an email address (expected e.g. name@example.com).").arg(email.left(80))};
}

Result<void> CustomerRules::checkPhone(const QString &phone)
{
    if (phone.isEmpty())
        return {};
    int digits = 0;
    bool allowed = true;
    for (const QChar c : phone) {
        if (c.isDigit())
            ++digits;
        else if (!QStringView(u" +-()./").contains(c))
            allowed = false;
    }
    if (allowed && digits >= 3)
        return {};
    return Error{u"phone"_s,
                 Tr::tr("\"%1\" is not a phone number: use digits, spaces and + - ( ).").arg(phone.left(40))};
}

QList<Error> CustomerRules::checkStorable(const Customer &customer)
{
    QList<Error> errors;
    if (customer.name.trimmed().isEmpty())
        errors << Error{u"name"_s, Tr::tr("is missing: every customer needs a name.")};
    return errors << FieldLimits::checkCustomer(customer);
}

QList<Error> CustomerRules::checkCustomer(const Customer &customer)
{
    QList<Error> errors;
    if (customer.name.trimmed().isEmpty())
        errors << Error{u"name"_s, Tr::tr("is missing: every customer needs a name.")};
    // Length and control characters first: the format checks below quote the value.
    if (const QList<Error> texts = FieldLimits::checkCustomer(customer); !texts.isEmpty())
        return errors << texts;
    if (auto ok = checkEmail(customer.email); !ok)
        errors << ok.error();
    if (auto ok = checkPhone(customer.phone); !ok)
        errors << ok.error();
    return errors;
}

QList<Error> CustomerRules::checkToken(const CardToken &token)
{
    QList<Error> errors;
    if (token.token.isEmpty())
        errors << Error{u"token"_s, Tr::tr("is empty: paste the card token exactly as Fatora returned it.")};
    else if (auto ok = CardToken::validateTokenText(token.token, u"token"_s); !ok)
        errors << ok.error();
    if (auto ok = FieldLimits::check(u"label"_s, token.label, FieldLimits::TokenLabel); !ok)
        errors << ok.error();
    else if (!token.token.isEmpty() && token.label.contains(token.token))
        // A pasted token in the wrong field would be shown in lists and kept in the audit log.
        errors << Error{u"label"_s, Tr::tr("contains the card token itself: give a name staff will recognise "
                                           "instead, such as “Visa business”.")};
    if (!token.issuedOn.isValid()) {
        errors << Error{u"issued"_s, Tr::tr("is missing: give the date Fatora issued the token.")};
    } else if (!token.expiresOn.isValid() || token.expiresOn <= token.issuedOn) {
        errors << Error{
            u"expires"_s,
            Tr::tr("must be after the issue date (%1).").arg(token.issuedOn.toString(Qt::ISODate))};
    } else if (token.expiresOn > CardToken::defaultExpiry(token.issuedOn)) {
        errors << Error{u"expires"_s,
                        Tr::tr("Fatora tokens stop working six months after issue at the latest "
                               "(%1).")
                            .arg(CardToken::defaultExpiry(token.issuedOn).toString(Qt::ISODate))};
    }
    if (!Money::isKnownCurrency(token.currency)) {
        errors << Error{
            u"currency"_s,
            Tr::tr("\"%1\" is not a known currency code (e.g. QAR, USD, KWD).").arg(token.currency.left(10))};
    } else if (token.firstAmount) {
        if (token.firstAmount->currency() != token.currency)
            errors << Error{u"first_amount"_s, Tr::tr("is in %1 but the token charges in %2.")
                                                   .arg(token.firstAmount->currency(), token.currency)};
        else if (token.firstAmount->minorUnits() <= 0)
            errors << Error{u"first_amount"_s, Tr::tr("must be more than zero.")};
    }
    return errors;
}

Result<void> CustomerRules::checkIssuedBy(const CardToken &token, const QDate &today)
{
    if (!token.issuedOn.isValid() || !today.isValid() || token.issuedOn <= today)
        return {};
    return Error{u"issued"_s, Tr::tr("%1 is in the future.").arg(token.issuedOn.toString(Qt::ISODate))};
}

} // namespace fatora
