#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

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

// The keys that occur more than once in one object of a JSON text, as paths ("status",
// "result.payment_status", "items[].id"), in order of first repetition, at most maxReported.
// QJsonDocument keeps one of the values silently; a reply that gives a deciding field twice is
// ambiguous. Scans the raw bytes without recursion; meant for text that parses as JSON.
QStringList duplicateJsonKeys(const QByteArray &json, qsizetype maxReported = 8);

} // namespace GatewayText

} // namespace fatora
