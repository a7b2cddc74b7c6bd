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
    return !payment.errorText.isEmpty() || !payment.requestBody.isEmpty() || !payment.responseBody.isEmpty();
}

Payment cleaned(Payment payment, const QString &tokenText)
{
    const SecretMasker masker(tokenText);
    for (QString *text : {&payment.errorText, &payment.requestBody, &payment.responseBody}) {
        *text = capped(*text);
        if (!masker.isEmpty() && !text->isEmpty())
            *text = masker.mask(*text);
    }
    return payment;
}

} // namespace fatora::StoredText
