#include "batches/BatchSkip.h"

using namespace Qt::StringLiterals;

namespace fatora {

QString batchSkipName(BatchSkip skip)
{
    switch (skip) {
    case BatchSkip::NoCardNamed:
        return u"no-card-named"_s;
    case BatchSkip::BothCardsNamed:
        return u"both-cards-named"_s;
    case BatchSkip::BadTokenId:
        return u"bad-token-id"_s;
    case BatchSkip::UnknownToken:
        return u"unknown-token"_s;
    case BatchSkip::UnknownReference:
        return u"unknown-reference"_s;
    case BatchSkip::CustomerArchived:
        return u"customer-archived"_s;
    case BatchSkip::NoActiveCard:
        return u"no-active-card"_s;
    case BatchSkip::SeveralCards:
        return u"several-cards"_s;
    case BatchSkip::CardExpired:
        return u"card-expired"_s;
    case BatchSkip::CardNotActive:
        return u"card-not-active"_s;
    case BatchSkip::OpenCharge:
        return u"open-charge"_s;
    case BatchSkip::DuplicateRow:
        return u"duplicate-row"_s;
    case BatchSkip::BadAmount:
        return u"bad-amount"_s;
    case BatchSkip::NoFirstAmount:
        return u"no-first-amount"_s;
    case BatchSkip::FarAboveFirst:
        return u"far-above-first-payment"_s;
    case BatchSkip::RecentCharge:
        return u"recent-charge"_s;
    case BatchSkip::InAnotherBatch:
        return u"in-another-batch"_s;
    case BatchSkip::ChargedSince:
        return u"charged-since"_s;
    case BatchSkip::TooManyColumns:
        return u"too-many-columns"_s;
    case BatchSkip::CellTooLong:
        return u"cell-too-long"_s;
    case BatchSkip::BadNote:
        return u"bad-note"_s;
    }
    return {};
}

} // namespace fatora
