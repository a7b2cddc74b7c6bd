#pragma once

#include "domain/Customer.h"
#include "domain/Result.h"

#include <QList>

#include <QString>

namespace fatora {

// How long each text a person or a file gives may be, and which characters it may hold: written once
// for the store, the CSV importer, the CLI and the desk. Limits are in characters (UTF-16 code units,
// as QString counts them) and generous for real data; what is longer is a paste gone wrong or an
// attack on the screens and files that show it.
namespace FieldLimits {

constexpr int Name = 200;
constexpr int Email = 254; // RFC 5321's longest address
constexpr int Phone = 40;
constexpr int Reference = 100;
constexpr int Notes = 2000;
constexpr int TokenLabel = 100;
constexpr int Reason = 1000; // revoke, refund, close-unfound reasons
// Any one cell of an imported CSV file, known column or not.
constexpr int CsvCell = 4096;

enum class Lines { One, Several };

// Ok, or an Error on field naming the limit ("is 120000 characters long; at most 200") or the first
// control character found. Lines::Several allows line breaks and tabs (notes, reasons); no text allows
// other control characters (ESC, NUL, DEL, C1) or bidi embeddings and overrides (U+202A–U+202E,
// U+2066–U+2069), which reorder what is shown after them.
Result<void> check(const QString &field, const QString &value, int maxChars, Lines lines = Lines::One);

// check() over every text of a customer (name, email, phone, reference, notes), one Error per field.
QList<Error> checkCustomer(const Customer &customer);

} // namespace FieldLimits

} // namespace fatora
