#pragma once

#include <QString>

#include <optional>

namespace fatora {

// Text that came from the gateway is untrusted: it reaches terminals, CSV files, table cells and
// the database. The one rule for making it safe to show lives here.
namespace GatewayText {

constexpr qsizetype MaxIdentifierChars = 128;   // transaction id, order id, codes, status words
constexpr qsizetype MaxDescriptionChars = 1000; // the gateway's description of a payment
constexpr qsizetype MaxErrorTextChars = 2000;   // explanations built from a reply

// Control characters (C0, DEL, C1) and the bidirectional controls (U+200E/F, U+202A-202E,
// U+2066-2069) that can rewrite a terminal line or reorder what an operator reads.
bool isUnsafe(char32_t c);

// Each unsafe character becomes U+FFFD; text over maxChars is cut and ends in "…".
QString clean(const QString &text, qsizetype maxChars);

// An identifier is kept whole or not at all: one that is longer than maxChars or holds an unsafe
// character is not cut or patched into a different id. nullopt then.
std::optional<QString> identifier(const QString &text, qsizetype maxChars = MaxIdentifierChars);

} // namespace GatewayText

} // namespace fatora
