#pragma once

#include <QString>

namespace fatora {

// Why a row of a billing run is not charged. Names are stable (CSV, JSON, the store's skip column).
enum class BatchSkip {
    NoCardNamed,      // neither token_id nor customer_reference given
    BothCardsNamed,   // both given: which one is meant?
    BadTokenId,       // token_id is not a whole number
    UnknownToken,     // no card with that id
    UnknownReference, // no customer with that reference
    CustomerArchived, // the customer is archived
    NoActiveCard,     // the customer has no active card
    SeveralCards,     // the customer has more than one active card
    CardExpired,      // the card's expiry date has passed
    CardNotActive,    // revoked, being revoked or reported invalid
    OpenCharge,       // a pending or unknown charge on the card: verify it first
    DuplicateRow,     // the same card already in this batch
    BadAmount,        // the amount is not a positive amount in the card's currency
    NoFirstAmount,    // blank amount, and the card's first payment is not known
    FarAboveFirst,    // more than ChargeGuard::LargeAmountFactor times the first payment
    RecentCharge,     // an approved charge on the card within BatchPlanner::RecentChargeWindowSecs
    InAnotherBatch,   // the card waits queued in another batch
    ChargedSince,     // retry or send time: an approved charge on the card since it was declined or planned
    TooManyColumns,   // more values than the header names
    CellTooLong,      // a cell over FieldLimits::CsvCell
    BadNote,          // note too long or holding control characters
};

QString batchSkipName(BatchSkip skip); // "no-card-named", "both-cards-named", ...

} // namespace fatora
