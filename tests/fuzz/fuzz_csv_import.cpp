// The CSV importer's preview on arbitrary bytes (byte 0 picks the default currency, the rest is the
// file).
//
// Asserts: no crash; a file that is not strictly valid UTF-8 (or holds a NUL) is refused as a whole,
// never repaired; every row is either valid or names at least one problem in words; rows come in
// file order after the header; a valid row's customer has a name, and every text it keeps (name,
// email, phone, reference, label) is in the file as given, only trimmed; a valid row's token is in
// the file byte for byte (quotes doubled inside a quoted cell) and passes the token rule; its
// issued date is not in the future and its expiry is six months later; its first amount is
// positive, in a known currency.

#include "csv/CsvImporter.h"
#include "FuzzSupport.h"

#include <array>

using namespace fatora;
using namespace fatora::fuzz;
using namespace Qt::StringLiterals;

namespace {

constexpr std::array Currencies = {u"QAR", u"KWD", u"JPY", u"USD", u"", u"XXX", u"qar"};

// RFC 3629, independently of Qt's decoder: no overlong forms, no surrogates, at most U+10FFFF.
bool isStrictUtf8(const QByteArray &bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char b = s[i];
        if (b < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        char32_t cp = 0;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
            cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            cp = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            cp = b & 0x07;
        } else {
            return false;
        }
        if (i + length > n)
            return false;
        for (int k = 1; k < length; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        const char32_t min = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

// Whether a cell's text occurs in the file: as is, or inside a quoted cell with its quotes doubled
// and its line breaks written CRLF or CR, or (a malformed cell read leniently) as its characters
// other than quotes.
bool inFile(const QString &fileText, const QString &value)
{
    if (value.isEmpty() || fileText.contains(value))
        return true;
    QString quoted = value;
    quoted.replace(u"\""_s, u"\"\""_s);
    if (fileText.contains(quoted))
        return true;
    for (const QString &lineBreak : {u"\r\n"_s, u"\r"_s}) {
        QString broken = quoted;
        broken.replace(u"\n"_s, lineBreak);
        if (fileText.contains(broken))
            return true;
    }
    // Mixed line breaks in one cell: compare with every line break made LF.
    QString unified = fileText;
    unified.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    if (unified.contains(quoted))
        return true;
    // Text after a closing quote joins the cell, as spreadsheets read it ("a,"b is a,b): compare
    // with the quotes taken out of both.
    QString bare = value;
    bare.remove(u'"');
    return unified.remove(u'"').contains(bare);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    initialize();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Reader in(data, size);
    const QString currency = QString::fromUtf16(Currencies[in.byte() % Currencies.size()]);
    const QByteArray csv = in.rest();
    const QDate today(2026, 11, 25);

    const auto preview = CsvImporter::preview(csv, currency, today);
    const QByteArray withoutBom = csv.startsWith("\xEF\xBB\xBF") ? csv.mid(3) : csv;
    const bool utf8 = isStrictUtf8(withoutBom) && !withoutBom.contains('\0');
    const QString what = u"file: "_s + QString::fromUtf8(csv.left(400).toPercentEncoding(" ,\"\r\n"));

    if (!preview.ok()) {
        FUZZ_CHECK(!preview.error().message.isEmpty(), what);
        return 0;
    }
    FUZZ_CHECK(utf8, what);
    const QString text = QString::fromUtf8(withoutBom);
    const qsizetype lines = text.count(u'\n') + text.count(u'\r') + 1;

    int lastLine = 1;
    for (const CsvImporter::Row &row : preview->rows) {
        const QString where = what + u" (row at line "_s + QString::number(row.line) + u')';
        FUZZ_CHECK(row.line > lastLine && row.line <= lines, where);
        lastLine = row.line;
        for (const Error &error : row.errors)
            FUZZ_CHECK(!error.message.trimmed().isEmpty() && !error.field.isEmpty(), where);
        if (!row.isValid())
            continue;

        const Customer &c = row.customer;
        FUZZ_CHECK(!c.name.trimmed().isEmpty(), where);
        for (const QString *value : {&c.name, &c.email, &c.phone, &c.reference}) {
            FUZZ_CHECK(*value == value->trimmed(), where);
            FUZZ_CHECK(inFile(text, *value), where + u": "_s + *value);
        }
        if (!row.token)
            continue;
        const CardToken &t = *row.token;
        FUZZ_CHECK(!t.token.isEmpty() && inFile(text, t.token), where + u": token "_s + t.token);
        FUZZ_CHECK(CardToken::validateTokenText(t.token).ok(), where);
        FUZZ_CHECK(inFile(text, t.label), where);
        FUZZ_CHECK(t.issuedOn.isValid() && t.issuedOn <= today, where);
        FUZZ_CHECK(t.expiresOn == t.issuedOn.addMonths(CardToken::LifetimeMonths), where);
        FUZZ_CHECK(Money::isKnownCurrency(t.currency), where);
        if (t.firstAmount) {
            FUZZ_CHECK(t.firstAmount->minorUnits() > 0 && t.firstAmount->currency() == t.currency, where);
        }
    }
    return 0;
}
