#pragma once

#include "domain/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace fatora {

// A billing run's CSV file: UTF-8 with or without BOM; a header row naming the columns token_id
// (the card's id in this database) or customer_reference (the customer's only active card), and
// amount (blank: the card's first-payment amount), in any order; note is optional. Every row names
// its card by exactly one of token_id and customer_reference.
//
// Header names are matched case-insensitively. Unlike the customer import, an unknown column is an
// error: "ammount" read as "no amount column" would charge every card its first amount.
class BatchFile
{
public:
    static constexpr int MaxRows = 100000;

    struct Row
    {
        int line = 0;                     // 1-based line in the file (header = 1)
        std::optional<QString> tokenId;   // the cell as written, when the row gives one
        std::optional<QString> reference; // idem
        QString amount;                   // trimmed; empty: the first-payment amount
        QString note;
        // A retried row (BatchService::retryInsufficientFunds): when its card was declined. A card
        // charged since then is skipped, so retrying a batch twice never charges a card twice.
        QDateTime declinedAt;
        // A problem of the row itself, found before looking at the data: its kind (BatchSkip) and
        // the words. Empty when the row reads well.
        QString skip;
        QString reason;
    };

    // File-level problems (not UTF-8, no header, unknown or repeated column, no amount column, no
    // id column) are an Error on field "file" naming the line and the fix; row problems are kept on
    // each row. Blank lines are left out.
    static Result<QList<Row>> read(const QByteArray &csv);
};

} // namespace fatora
