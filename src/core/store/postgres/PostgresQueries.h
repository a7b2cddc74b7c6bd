#pragma once

// Internal to the PostgreSQL store: the SQL behind the list queries (customers, tokens, payments,
// totals), built from the query values. The meaning of every filter and order is SqliteQueries'
// (the store contract suite holds both to it); only the way the server gets there differs.

#include "store/Store.h"

#include <QString>
#include <QVariantMap>

namespace fatora::postgres {

struct BuiltQuery
{
    QString sql;
    QVariantMap bindings;
};

// SQLite's NOCASE and LIKE fold ASCII letters only; so do fatora_fold() in the schema and this.
QString asciiFolded(const QString &text);
// A LIKE pattern (escape character '\') matching `needle` anywhere, folded.
QString likeSubstringPattern(const QString &needle);
// A LIKE pattern matching text that starts with `prefix`, folded.
QString likePrefixPattern(const QString &prefix);

// Customers: a prefix of name, email, phone or reference (up to two characters), or the text
// anywhere inside name, email, reference and phone digits (CustomerSearch); see CustomerQuery.
BuiltQuery buildFindCustomers(const CustomerQuery &query, bool countOnly);
BuiltQuery buildFindTokens(const TokenQuery &query);
BuiltQuery buildFindPayments(const PaymentQuery &query, bool countOnly);
// Rows of (currency, state, refund_state, payments, counted minor, no figure, expected only);
// PaymentTotalsTally folds them into PaymentTotals.
BuiltQuery buildPaymentTotals(const PaymentQuery &query);

} // namespace fatora::postgres
