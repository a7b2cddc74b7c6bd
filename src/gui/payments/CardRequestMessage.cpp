#include "payments/CardRequestMessage.h"

#include <QCoreApplication>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

constexpr char Context[] = "fatora::CardRequestMessage";

// The texts, found by lupdate; translated with the Arabic catalogue when the page is Arabic, even in
// an English desk (and kept English for an English page in an Arabic desk).
const char *const Greeting = QT_TRANSLATE_NOOP("fatora::CardRequestMessage", "Hello %1,");
const char *const AskedBy = QT_TRANSLATE_NOOP(
    "fatora::CardRequestMessage",
    "%1 asks you to pay %2 on Fatora's secure payment page. Your card is saved there for later payments; "
    "its number is never shown to us.");
const char *const AskedByNobody = QT_TRANSLATE_NOOP(
    "fatora::CardRequestMessage",
    "Please pay %1 on Fatora's secure payment page. Your card is saved there for later payments; its "
    "number is never shown to us.");
const char *const PayHere = QT_TRANSLATE_NOOP("fatora::CardRequestMessage", "Pay here:");
const char *const SubjectNamed = QT_TRANSLATE_NOOP("fatora::CardRequestMessage", "Save your card with %1");
const char *const SubjectPlain = QT_TRANSLATE_NOOP("fatora::CardRequestMessage", "Save your card");

QString text(const char *source, const QString &language)
{
    if (language == u"ar"_s) {
        static std::unique_ptr<QTranslator> arabic = [] {
            auto translator = std::make_unique<QTranslator>();
            if (!translator->load(u":/i18n/fatora_backoffice_ar.qm"_s))
                translator.reset();
            return translator;
        }();
        if (arabic) {
            const QString translated = arabic->translate(Context, source);
            if (!translated.isEmpty())
                return translated;
        }
    }
    return QString::fromUtf8(source);
}

bool arabic(const CardRequestMessage::Parts &parts)
{
    return parts.language == u"ar"_s;
}

// Left-to-right pieces (amount, link) inside an Arabic sentence: LRI…PDI.
QString ltr(const CardRequestMessage::Parts &parts, const QString &value)
{
    return arabic(parts) ? QChar(0x2066) + value + QChar(0x2069) : value;
}

// A name in either script: FSI…PDI.
QString name(const CardRequestMessage::Parts &parts, const QString &value)
{
    return arabic(parts) ? QChar(0x2068) + value + QChar(0x2069) : value;
}

QString amountText(const CardRequestMessage::Parts &parts)
{
    // Exact and the same in both languages: the currency code and the plain figure.
    return parts.amount.currency() + u' ' + parts.amount.toPlainString();
}

} // namespace

QString CardRequestMessage::subject(const Parts &parts)
{
    if (parts.merchantName.trimmed().isEmpty())
        return text(SubjectPlain, parts.language);
    return text(SubjectNamed, parts.language).arg(name(parts, parts.merchantName.trimmed()));
}

QString CardRequestMessage::body(const Parts &parts)
{
    QStringList lines;
    if (!parts.customerName.trimmed().isEmpty())
        lines << text(Greeting, parts.language).arg(name(parts, parts.customerName.trimmed()));
    const QString amount = ltr(parts, amountText(parts));
    if (parts.merchantName.trimmed().isEmpty())
        lines << text(AskedByNobody, parts.language).arg(amount);
    else
        lines << text(AskedBy, parts.language).arg(name(parts, parts.merchantName.trimmed()), amount);
    lines << text(PayHere, parts.language);
    // The link alone on its line: the isolates (Arabic) are its only neighbours, never a letter.
    lines << ltr(parts, parts.link);
    return lines.join(u'\n');
}

QUrl CardRequestMessage::mailto(const QString &email, const Parts &parts)
{
    QByteArray encoded = "mailto:" + QUrl::toPercentEncoding(email.trimmed(), "@");
    encoded += "?subject=" + QUrl::toPercentEncoding(subject(parts));
    // Mail clients expect CRLF between a body's lines.
    QString bodyText = body(parts);
    bodyText.replace(u'\n', u"\r\n"_s);
    encoded += "&body=" + QUrl::toPercentEncoding(bodyText);
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

} // namespace fatora
