#pragma once

#include "domain/CardToken.h"
#include "domain/Customer.h"
#include "domain/Result.h"

#include <QDate>
#include <QList>

namespace fatora {

// What makes a customer or a card token acceptable, written once: the desk's dialogs, the CLI, the
// CSV importer (through CustomerService) and every store backend (as its last line of defence)
// call these, so one field has one rule wherever the data comes from.
//
// Each function returns every problem found, one Error (kind Validation) per field, with the field
// named ("name", "email", "phone", "reference", "notes", "token", "label", "issued", "expires",
// "currency", "first_amount") and a message that says how to fix it.
namespace CustomerRules {

// Surrounding spaces removed from every text a person types (never from a card token, which is
// kept byte for byte).
Customer normalised(Customer customer);
CardToken normalised(CardToken token); // also fills a missing expiry with the latest one

// What any stored customer must satisfy: a name, every text within its limit and free of control
// characters. Backends refuse anything else.
QList<Error> checkStorable(const Customer &customer);
// All of checkStorable, and the formats of email and phone. For new and changed values: a record
// saved before a format rule existed can still be archived or renamed.
QList<Error> checkCustomer(const Customer &customer);
// Email: something@domain.tld with no spaces. Phone: digits (any script), spaces and + - ( ) . /,
// with at least three digits. Empty is allowed for both.
Result<void> checkEmail(const QString &email);
Result<void> checkPhone(const QString &phone);

// Everything about a token that does not depend on the date. A missing expiry means the latest one
// (issue + six months); see normalised().
QList<Error> checkToken(const CardToken &token);
// A token cannot have been issued after today (a typo in the year, usually).
Result<void> checkIssuedBy(const CardToken &token, const QDate &today);

} // namespace CustomerRules

} // namespace fatora
