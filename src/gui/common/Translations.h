#pragma once

#include <QString>

namespace fatora {

// The desk's language: translators (ours, embedded under :/i18n, plus Qt's own), the default
// locale, the layout direction and, for Arabic, the Noto Sans Arabic family when installed and a
// style that leaves mnemonics without underline (DeskStyle).
// Applying again switches live: widgets receive QEvent::LanguageChange and retranslate.
class Translations
{
public:
    // "" (follow the system), "en" or "ar" -> "en" or "ar".
    static QString resolve(const QString &setting);
    // Returns false when the Arabic catalogue could not be loaded (the desk then stays English).
    static bool apply(const QString &setting);
    static QString current(); // "en" or "ar"
    static QString arabicFontFamily() { return QStringLiteral("Noto Sans Arabic"); }
};

} // namespace fatora
