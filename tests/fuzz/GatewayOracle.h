#pragma once

// Shared by the two gateway reply targets: the fake secrets they plant, the client's sanitising
// step they replay, the check that no secret survives it, and what the strict JSON oracle says
// about a reply's top-level "status".

#include "gateway/GatewayTypes.h"
#include "StrictJson.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace fatora::fuzz {

// A fake card token with the characters Fatora's tokens have and JSON escapes ('/', '\\', '+', '|'),
// and a fake API key. Both also appear in the targets' dictionaries and seeds.
QString plantedToken();
QString plantedApiKey();

// The body with its markers replaced: $T$ by the token as JSON writes it inside a string, $R$ by the
// raw token, $K$ by the key. Lets a short seed put a secret anywhere.
QByteArray withSecrets(QByteArray body);

// What GatewayClient does to every result before anyone sees it (its sanitize()): the request's
// token and the key masked, and on a 2xx any card_token the reply names.
void sanitizeAsClient(GatewayResult &result);

// Aborts when any text field, the error text or a body of the sanitised result still holds the
// planted token, the key, or one of extraTokens (tokens the reply named) in any form checked here.
void checkNoSecrets(const GatewayResult &result, const QList<QString> &extraTokens);

// The reply's top level, as the oracle reads it.
struct StatusReading
{
    std::optional<JsonValue> json; // set when the body is exactly one JSON value
    bool isObject = false;
    int statusCount = 0; // top-level members named "status"
    QString onlyStatus;  // the value when there is exactly one and it is a string
    bool anyStatusLooselyIs(const QString &word) const; // any member, case and spaces ignored
    QList<QString> statusTexts;
    bool exactly(const QString &word) const { return statusCount == 1 && onlyStatus == word; }
};
StatusReading readStatus(const QByteArray &body);

// Every string value of a member named "card_token", anywhere in the document.
QList<QString> cardTokensIn(const JsonValue &value);

} // namespace fatora::fuzz
