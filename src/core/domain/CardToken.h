#pragma once

#include "domain/Money.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace fatora {

enum class TokenStatus { Active, RevokePending, Deactivated, Expired, Invalid };

// Stable names used in the database, the CLI and JSON: "active", "revoke-pending", ...
QString tokenStatusName(TokenStatus status);
std::optional<TokenStatus> tokenStatusFromName(const QString &name);

struct CardToken
{
    // Fatora tokens stop working six months after issue (or earlier when the card expires).
    static constexpr int LifetimeMonths = 6;

    qint64 id = 0;
    qint64 customerId = 0;
    QString token; // exactly as Fatora returned it; never trimmed, never shown in full in lists
    QString label;
    QDate issuedOn;
    QDate expiresOn;                  // issuedOn + 6 months unless an earlier date was given
    std::optional<Money> firstAmount; // amount of the first payment, when known
    QString currency;                 // currency of the first payment / default for charges
    TokenStatus status = TokenStatus::Active;
    QDateTime statusChangedAt;
    QDateTime lastUsedAt;
    QDateTime createdAt;

    // The stored status, with Active turned into Expired once the expiry date has passed.
    TokenStatus effectiveStatus(const QDate &today) const;
    bool isChargeable(const QDate &today) const { return effectiveStatus(today) == TokenStatus::Active; }
    QString masked() const { return maskToken(token); }

    static QDate defaultExpiry(const QDate &issuedOn) { return issuedOn.addMonths(LifetimeMonths); }
    // "•••• 9Xq=": the last four characters only, so staff can match a card without seeing it.
    static QString maskToken(const QString &token);
    // A pasted token is kept byte for byte; whitespace or control characters inside it mean a bad
    // paste, so it is refused instead of being silently "cleaned".
    static Result<void> validateTokenText(const QString &token, const QString &field = QStringLiteral("token"));
};

} // namespace fatora
