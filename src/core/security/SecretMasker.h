#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace fatora {

// The one place that knows how a secret can hide in text. Full card tokens become their mask
// ("•••• 9Xq=") and the API key becomes "[api key removed]", wherever they appear: raw, as Qt's
// JSON writes them, with '/' written "\/", or with non-ASCII written \uXXXX in either case (PHP
// does the last two, and Fatora's replies are not ours to control), or percent-encoded as in a URL. Whatever
// keeps or shows text that may have held a secret (gateway results, the store's bodies and error texts)
// passes it through here first.
class SecretMasker
{
public:
    SecretMasker() = default;
    explicit SecretMasker(const QString &cardToken, const QString &apiKey = QString());

    void addCardToken(const QString &cardToken); // an empty token is ignored
    void setApiKey(const QString &apiKey);       // an empty key is ignored
    // Tokens a reply carries that the request did not (verify returns the payment's card_token):
    // every complete "card_token" string value found in the raw text, so a cut-off body gives
    // them up too.
    void addCardTokensFoundIn(const QByteArray &jsonText);

    bool isEmpty() const { return m_forms.isEmpty(); }

    // Text of any kind: error messages, single fields, or a body kept as a QString. A token found
    // in an escaped form is replaced by its mask in that same form, so JSON stays JSON.
    QString mask(const QString &text) const;
    // A body as it went or came over the wire. Besides mask(), a token value cut off by the end of
    // the body is masked from its opening quote on; and should a JSON body still reveal a secret
    // (an escaping nobody foresaw), it is re-serialised from its parsed, masked values: fidelity
    // is given up, secrecy is not.
    QByteArray maskBody(const QByteArray &body) const;

    // Whether a secret is still in the text in any form known here.
    bool reveals(const QString &text) const;
    bool reveals(const QByteArray &bytes) const;

    static QString removedApiKeyText();
    // The forms a JSON serialiser may write the text in, longest first. Public for tests.
    static QList<QByteArray> escapedForms(const QString &text);

private:
    struct Form
    {
        QByteArray bytes;            // the secret in one form, UTF-8
        QString text;                // the same, as text
        QByteArray bytesReplacement; // what replaces it in a body (JSON-escaped)
        QString textReplacement;     // what replaces it in text (raw for the raw form)
    };
    void addSecret(const QString &secret, const QString &replacement);

    QList<Form> m_forms; // longest first, so an escaped form goes before a raw form it contains
};

} // namespace fatora
