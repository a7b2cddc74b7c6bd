#pragma once

#include "domain/CardToken.h"
#include "domain/Money.h"
#include "domain/Payment.h"

#include <QColor>
#include <QDate>
#include <QDateTime>
#include <QFontMetrics>
#include <QString>

#include <optional>

namespace fatora {

// How values look on screen, in one place. Ids, amounts, phone numbers and tokens stay
// left-to-right inside right-to-left text (wrapped in LRI…PDI); dates keep one unambiguous shape.
class Display
{
public:
    static QString isolate(const QString &leftToRightText);
    // For names and labels inside a sentence: first-strong isolate (FSI…PDI) in right-to-left
    // layouts, so "Sara Al-Kuwari" next to "Visa •••• 9Xq=" keeps its own order.
    static QString isolateAuto(const QString &text);
    static QString date(const QDate &date);
    static QString dateTime(const QDateTime &dateTime);
    static QString money(const Money &money);
    // nullopt means Fatora charges the first-payment amount.
    static QString amount(const std::optional<Money> &amount);
    static QString mask(const QString &maskedToken) { return isolate(maskedToken); }
    // A card as lists and sentences show it: "Mastercard •••• 7Lm=". The label (Latin or Arabic,
    // as typed) and the masked token are isolated one by one, and in right-to-left layouts the pair
    // too, so the label reads first and the token's "=" stays with it.
    static QString card(const QString &label, const QString &maskedToken);
    // A card label alone shortened to `width` pixels at its own logical end, isolated (FSI…PDI): in a
    // right-to-left cell the "…" of a Latin label stays on its right.
    static QString elidedLabel(const QString &label, const QFontMetrics &metrics, int width);
    // A card shortened to `width` pixels of `metrics`: the token stays whole and the label is cut
    // at its logical end, so "…" follows a Latin label on its right and an Arabic one on its left.
    static QString elidedCard(const QString &label, const QString &maskedToken, const QFontMetrics &metrics,
                              int width);
    // `text` as a tooltip that Qt shows exactly as typed: a tooltip that Qt::mightBeRichText takes
    // for markup ("<font color=red>Zed</font>") is rendered as HTML, so such text is escaped into a
    // paragraph that keeps its line breaks; other text, and an empty one (no tooltip), stays as it is.
    // Every tooltip that carries data (names, notes, labels, references, gateway texts) goes through it.
    static QString plainToolTip(const QString &text);
    // A file path inside a sentence: left to right, so its "/" do not reorder the words around it.
    static QString path(const QString &path) { return isolate(path); }
    // The figure a payment counts as (countedAmount, Payment.h) and which it is: "QAR 100.00" (sent),
    // "QAR 123.45 (expected)", "QAR 120.00 (taken)", or "first-payment amount" when none is known.
    static QString countedAmount(const Payment &payment);
    // What the figure is, in a sentence, with a taken amount that differs named: for tooltips and details.
    static QString countedAmountExplained(const Payment &payment);

    static QString paymentState(PaymentState state);
    static QString refundState(RefundState state);
    static QString tokenStatus(TokenStatus status);
    // The state column of the history: "Approved", "Approved · refunded", ...
    static QString paymentSummary(const Payment &payment);

    // Badge colours: saturated backgrounds with white text, readable on light and dark palettes.
    static QColor paymentColor(const Payment &payment);
    static QColor tokenColor(TokenStatus status);
    static QColor sandboxColor();
    static QColor errorColor();   // red: refused input, a refusal, a declined charge
    static QColor warningColor(); // amber: look again before going on, outcome unknown
    static QColor successColor(); // green: approved, active, works
    // A QLabel style sheet drawing the label as a badge of `colour` with white text.
    static QString badgeStyleSheet(const QColor &colour);

    // "expires in 12 days" when within 30 days of expiry, "expired" after; empty otherwise.
    static QString expiryWarning(const QDate &expiresOn, const QDate &today);
    static constexpr int ExpiryWarningDays = 30;
};

} // namespace fatora
