#pragma once

#include "domain/CardToken.h"
#include "domain/Clock.h"
#include "domain/Customer.h"
#include "domain/Result.h"
#include "domain/StaffMember.h"

#include <QByteArray>
#include <QList>

namespace fatora {

class Store;

// Customers and tokens from a spreadsheet export: UTF-8 with or without BOM, a header row naming
// the columns name, email, phone, reference, token, label, issued, first_amount (any order; token,
// label, issued and first_amount may be empty for a customer without a token). An optional currency
// column gives the first amount's currency (default: the one passed to preview). Header names are
// matched case-insensitively; unknown columns are ignored. A row with a token needs its issued date
// (YYYY-MM-DD), because the token's expiry is counted from it.
//
// Re-importing adds nothing twice: a customer is matched by reference when the row has one, else by
// email, else by name and phone; a token by its exact text (its stored owner wins).
class CsvImporter
{
public:
    struct Row
    {
        int line = 0; // 1-based line in the file (header is line 1)
        Customer customer;
        std::optional<CardToken> token; // customerId not set yet
        QList<Error> errors;            // field = column name
        bool isValid() const { return errors.isEmpty(); }
    };

    struct Preview
    {
        QList<Row> rows;
        int validRows() const;
        int invalidRows() const;
    };

    struct Summary
    {
        int customersAdded = 0;
        int customersExisting = 0; // matched by reference (or email when no reference)
        int tokensAdded = 0;
        int tokensExisting = 0; // same token text already stored: not duplicated
        int rowsSkipped = 0;    // invalid rows
    };

    // Parses and validates without touching the store. File-level problems (not UTF-8, no header,
    // missing required column "name") are an Error; row problems are listed per row.
    static Result<Preview> preview(const QByteArray &csv, const QString &defaultCurrency, const QDate &today);

    // Imports the valid rows in one transaction, each added customer and token through
    // CustomerService (its rules, one audit entry each); re-importing the same file adds nothing.
    static Result<Summary> import(Store &store, const Preview &preview, const StaffMember &actor,
                                  const Clock &clock);
};

} // namespace fatora
