#pragma once

#include <QString>

namespace fatora {

// How the customers' search reads what the clerk typed. One place for the rule, so the store's
// SQL, the desk's "nothing found" message and the tests all agree on what was searched.
//
// Up to two characters: the start of the name, email, phone or reference (an index range; a
// trigram index knows no shorter pieces). Three or more: anywhere inside the name (any word, Latin
// or Arabic), the email and the reference, compared as SQLite's LIKE does (ASCII letters without
// case, everything else exactly) - and, when the text reads as a phone number, anywhere inside the
// phone's digits, whatever digits, spaces, "+" or "-" it was written with.
struct CustomerSearch
{
    // The shortest text searched for inside the fields (the trigram index's piece).
    static constexpr int InsideLength = 3;

    QString text;        // trimmed, Arabic-Indic and other decimal digits as ASCII
    QString phoneDigits; // the text's digits (as phoneKey, without adding 974) when it reads as a
                         // phone number and has InsideLength of them, else empty
    bool inside = false; // searched inside the fields (text has InsideLength characters or more)

    static CustomerSearch parse(const QString &typed);

    // THE phone rule, for the stored search column and for the typed text alike: every decimal
    // digit (ASCII, Arabic-Indic ٠-٩, Eastern Arabic-Indic ۰-۹, ...) as ASCII, everything else
    // dropped; an international "00" becomes nothing, like "+"; and a number of exactly eight digits
    // written without "+" or "00" is a Qatari number without its country code, so 974 goes before
    // it. "+974 6610 2290", "0097466102290" and "6610 2290" all become "97466102290".
    static QString phoneKey(const QString &phone);
    // Every decimal digit as its ASCII digit; everything else unchanged.
    static QString foldDigits(const QString &text);
    // Only digits and the characters phone numbers are written with (space + - ( ) . /).
    static bool readsAsPhone(const QString &text);
};

} // namespace fatora
