#pragma once

// What any backend keeps of a payment's free texts (error text, request and response bodies),
// decided once above the backends: capped so a misbehaving gateway cannot bloat every row, and
// with the card token, in every escaped form SecretMasker knows, replaced by its mask. The
// gateway client masks before this; this is the second lock on the door.

#include "domain/Payment.h"

#include <QString>

namespace fatora::StoredText {

// Long enough for a whole gateway reply, short enough for a five-million-row table.
constexpr qsizetype MaxBodyChars = 64 * 1024;

// At most MaxBodyChars characters (never half a surrogate pair), then a note of the full length.
QString capped(const QString &body);

// Whether the payment has any free text to clean (a new pending payment has none, and then the
// token need not be read).
bool hasFreeText(const Payment &payment);

// The payment with tokenText masked out of its free texts (error text, bodies, note), then capped,
// and NUL characters replaced by U+FFFD.
Payment cleaned(Payment payment, const QString &tokenText);

} // namespace fatora::StoredText
