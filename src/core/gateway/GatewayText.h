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

// What one pass over the raw bytes of a reply finds: whether they are one JSON text exactly as
// RFC 8259 writes it, and which keys an object repeats. QJsonDocument is lenient (it reads
// "SUCC\ESS" as SUCCESS, takes raw control characters inside strings and numbers such as ".5" or
// "1.") and keeps one value of a repeated key silently: money is never settled on such a reading.
struct JsonScan
{
    enum class Problem {
        None,
        UnexpectedEnd,       // the text stops before its value is complete (or is empty)
        UnexpectedCharacter, // a byte no JSON grammar rule allows there
        InvalidEscape,       // a backslash escape other than \" \\ \/ \b \f \n \r \t \uXXXX
        ControlCharacter,    // a raw byte below 0x20 inside a string
        InvalidNumber,       // ".5", "1.", "1e", "01", "+1" ...
        InvalidUtf8,         // bytes inside a string that are not strictly UTF-8 (RFC 3629)
        ByteOrderMark,       // a raw U+FEFF inside a string (Qt's reader would drop it)
        DataAfterValue,      // anything but whitespace after the one value
    };
    Problem problem = Problem::None;
    qsizetype offset = -1; // the byte where the text stops being JSON; -1 when it is JSON
    // Keys that occur more than once in one object, as paths ("status", "result.payment_status",
    // "items[].id"), in order of first repetition, at most maxReported; keys are compared decoded,
    // so "st\u0061tus" repeats "status" as it does for QJsonDocument.
    QStringList duplicateKeys;

    bool isJson() const { return problem == Problem::None; }
};

// Scans without recursion (hostile nesting costs memory, never the call stack) and in linear time.
// A UTF-8 byte order mark before the value is allowed (RFC 8259 lets a parser ignore it, as Qt
// does); whitespace is only space, tab, LF and CR.
JsonScan scanJson(const QByteArray &json, qsizetype maxReported = 8);

} // namespace GatewayText

} // namespace fatora
