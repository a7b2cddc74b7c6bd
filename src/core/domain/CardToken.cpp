#include "domain/CardToken.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::CardToken)
};

constexpr qsizetype MaxTokenLength = 4096;
// Below this length the last four characters would give away too much of the token.
constexpr qsizetype MinLengthToShowTail = 8;
const QString Bullets = u"\u2022\u2022\u2022\u2022"_s;

// What a stray character in a pasted token is, in words an operator recognises.
QString describeStray(char32_t c)
{
    switch (c) {
    case U' ':
        return Tr::tr("a space");
    case U'\t':
        return Tr::tr("a tab");
    case U'\n':
    case U'\r':
    case 0x2028:
    case 0x2029:
        return Tr::tr("a line break");
    case 0x00A0:
    case 0x202F:
        return Tr::tr("a non-breaking space");
    case 0xFEFF:
        return Tr::tr("a byte order mark");
    default:
        break;
    }
    const QString code = u"U+"_s + QString::number(quint32(c), 16).rightJustified(4, u'0').toUpper();
    if (QChar::isSpace(c))
        return Tr::tr("a space character (%1)").arg(code);
    if (QChar::category(c) == QChar::Other_Control)
        return Tr::tr("a control character (%1)").arg(code);
    return Tr::tr("an invisible formatting character (%1)").arg(code);
}

bool isStray(char32_t c)
{
    if (QChar::isSpace(c))
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format: // zero-width spaces, direction marks, BOM: invisible, so a bad paste
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return false;
    }
}

} // namespace

QString tokenStatusName(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Active:
        return u"active"_s;
    case TokenStatus::RevokePending:
        return u"revoke-pending"_s;
    case TokenStatus::Deactivated:
        return u"deactivated"_s;
    case TokenStatus::Expired:
        return u"expired"_s;
    case TokenStatus::Invalid:
        return u"invalid"_s;
    }
    Q_UNREACHABLE();
    return QString();
}

std::optional<TokenStatus> tokenStatusFromName(const QString &name)
{
    for (TokenStatus s : {TokenStatus::Active, TokenStatus::RevokePending, TokenStatus::Deactivated,
                          TokenStatus::Expired, TokenStatus::Invalid}) {
        if (tokenStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

// expiresOn is the first day the token no longer works: a token issued on 25 May with the
// six-month lifetime can be charged up to and including 24 November and is expired on 25 November.
// A stored status other than Active already says more than the date does, so it is kept.
TokenStatus CardToken::effectiveStatus(const QDate &today) const
{
    if (status == TokenStatus::Active && expiresOn.isValid() && today.isValid() && today >= expiresOn)
        return TokenStatus::Expired;
    return status;
}

QString CardToken::maskToken(const QString &token)
{
    if (token.isEmpty())
        return QString();
    const QList<uint> codePoints = token.toUcs4();
    if (codePoints.size() < MinLengthToShowTail)
        return Bullets;
    // Counted in code points so that a character outside the BMP is never cut in half.
    const QList<uint> tail = codePoints.mid(codePoints.size() - 4);
    return Bullets + u' ' +
           QString::fromUcs4(reinterpret_cast<const char32_t *>(tail.constData()), tail.size());
}

Result<void> CardToken::validateTokenText(const QString &token, const QString &field)
{
    if (token.isEmpty())
        return Error{field, Tr::tr("The card token is empty; paste the token Fatora returned.")};
    if (token.size() > MaxTokenLength) {
        return Error{field,
                     Tr::tr("The card token is %1 characters long; a token has at most %2. Check that only "
                            "the token was pasted.")
                         .arg(token.size())
                         .arg(MaxTokenLength)};
    }

    // Positions are counted in characters (code points), 1-based, as a person counts them.
    qsizetype position = 0;
    const qsizetype length = token.toUcs4().size();
    for (qsizetype i = 0; i < token.size(); ++i) {
        ++position;
        const QChar c = token.at(i);
        char32_t codePoint = c.unicode();
        if (c.isHighSurrogate() && i + 1 < token.size() && token.at(i + 1).isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(c, token.at(i + 1));
            ++i;
        } else if (c.isSurrogate()) {
            return Error{field, Tr::tr("The card token contains a broken character at position %1; paste it "
                                       "again from the original.")
                                    .arg(position)};
        }
        if (!isStray(codePoint))
            continue;

        const QString what = describeStray(codePoint);
        QString where;
        if (position == 1)
            where = Tr::tr("at the start");
        else if (position == length)
            where = Tr::tr("at the end");
        else
            where = Tr::tr("at position %1").arg(position);
        return Error{field, Tr::tr("The card token has %1 %2. Tokens never contain spaces or invisible "
                                   "characters; paste the token again exactly as Fatora returned it.")
                                .arg(what, where)};
    }
    return {};
}

} // namespace fatora
