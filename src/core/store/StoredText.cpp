#include "store/StoredText.h"

#include "security/SecretMasker.h"

using namespace Qt::StringLiterals;

namespace fatora::StoredText {

QString capped(const QString &body)
{
    if (body.size() <= MaxBodyChars)
        return body;
    qsizetype keep = MaxBodyChars;
    if (body.at(keep - 1).isHighSurrogate())
        --keep;
    return body.left(keep) + u"\n[truncated: %1 characters in all]"_s.arg(body.size());
}

bool hasFreeText(const Payment &payment)
{
    return !payment.errorText.isEmpty() || !payment.requestBody.isEmpty() || !payment.responseBody.isEmpty() ||
           !payment.note.isEmpty();
}

Payment cleaned(Payment payment, const QString &tokenText)
{
    const SecretMasker masker(tokenText);
    for (QString *text : {&payment.errorText, &payment.requestBody, &payment.responseBody, &payment.note}) {
        if (text->isEmpty())
            continue;
        // Masked before capping: a token across the cut would otherwise keep its first part.
        if (!masker.isEmpty())
            *text = masker.mask(*text);
        *text = capped(*text);
        // A NUL (a binary or compressed body) ends the statement text some drivers hand the server
        // (QPSQL inlines values), which then refuses the write: the answer could never be saved.
        text->replace(QChar(u'\0'), QChar(0xFFFD));
    }
    return payment;
}

} // namespace fatora::StoredText
