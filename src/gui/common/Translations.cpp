#include "common/Translations.h"

#include "common/DeskStyle.h"

#include <QApplication>
#include <QFont>
#include <QFontDatabase>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QTranslator>
#include <QWidget>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTranslations, "fatora.gui.translations")

namespace fatora {

namespace {

struct LanguageState
{
    QPointer<QTranslator> desk;
    QPointer<QTranslator> qt;
    QString current = u"en"_s;
    bool baseFontKnown = false;
    QFont baseFont;
};

LanguageState &state()
{
    static LanguageState s;
    return s;
}

void removeTranslators()
{
    auto &s = state();
    for (auto *translator : {s.desk.data(), s.qt.data()}) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
}

// The standard buttons (QDialogButtonBox, QMessageBox) take their text from Qt's catalogue, which
// names some with an imperative: "ألغِ" for Cancel reads as a word cut short on a button. Listed here
// so that lupdate keeps them in our catalogue, which is asked before Qt's: the desk's own words
// ("إلغاء الأمر" beside every other Cancel) win.
[[maybe_unused]] constexpr const char *StandardButtonTexts[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),     QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"), QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),  QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),  QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),   QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
};

} // namespace

QString Translations::resolve(const QString &setting)
{
    if (setting == u"ar"_s || setting == u"en"_s)
        return setting;
    return QLocale::system().language() == QLocale::Arabic ? u"ar"_s : u"en"_s;
}

QString Translations::current()
{
    return state().current;
}

bool Translations::apply(const QString &setting)
{
    auto &s = state();
    if (!s.baseFontKnown) {
        s.baseFont = QApplication::font();
        s.baseFontKnown = true;
    }
    removeTranslators();

    const QString language = resolve(setting);
    if (language == u"ar"_s) {
        auto *desk = new QTranslator(qApp);
        if (!desk->load(u":/i18n/fatora_backoffice_ar.qm"_s)) {
            qCWarning(lcTranslations) << "Arabic catalogue missing from the resources";
            delete desk;
            apply(u"en"_s);
            return false;
        }
        auto *qt = new QTranslator(qApp);
        // Qt's own strings (standard buttons, context menus) when Qt's catalogue is installed.
        if (qt->load(QLocale(QLocale::Arabic), u"qtbase"_s, u"_"_s,
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt);
            s.qt = qt;
        } else {
            delete qt;
        }
        QCoreApplication::installTranslator(desk);
        s.desk = desk;

        QLocale::setDefault(QLocale(QLocale::Arabic, QLocale::Qatar));
        DeskStyle::install(); // mnemonic underlines would cut Arabic words apart
        QGuiApplication::setLayoutDirection(Qt::RightToLeft);
        QFont font = s.baseFont;
        if (QFontDatabase::families().contains(arabicFontFamily()))
            font.setFamilies({arabicFontFamily(), s.baseFont.family()});
        QApplication::setFont(font);
    } else {
        const QLocale system = QLocale::system();
        QLocale::setDefault(system.language() == QLocale::Arabic ? QLocale(QLocale::English, QLocale::Qatar)
                                                                 : system);
        QGuiApplication::setLayoutDirection(Qt::LeftToRight);
        QApplication::setFont(s.baseFont);
        // No translator changed hands, so tell the widgets ourselves.
        QEvent event(QEvent::LanguageChange);
        for (QWidget *widget : QApplication::topLevelWidgets())
            QCoreApplication::sendEvent(widget, &event);
    }
    // Widgets keep the locale they were made with; without this the open windows would go on showing
    // dates and counts with the previous language's digits.
    for (QWidget *widget : QApplication::topLevelWidgets())
        widget->setLocale(QLocale());
    s.current = language;
    return true;
}

} // namespace fatora
