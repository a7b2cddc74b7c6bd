#pragma once

#include <QString>
#include <QStringView>

namespace fatora {

// Text from the gateway, from labels and from the database shown where a control character would
// act instead of being seen: a terminal (ESC sequences, CR overwriting a line) and a CSV file.
// One rule for every such place: C0 controls, DEL and C1 controls become "\xHH", bidi controls
// (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069) and the line/paragraph separators U+2028/9
// become "\uHHHH", so the text reads in the order it is stored and nothing is hidden.
// Everything else, Arabic included, is kept as it is.
class PrintableText
{
public:
    enum class LineBreaks {
        Escape, // one cell or one line: "\n" becomes "\x0a" too
        Keep,   // text made of lines: "\n" (and "\r\n", as "\n") is kept, every other control escaped
    };

    static QString escape(QStringView text, LineBreaks lineBreaks = LineBreaks::Escape);
    static bool needsEscape(char16_t c);
};

} // namespace fatora
