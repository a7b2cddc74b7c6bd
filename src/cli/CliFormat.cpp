#include "CliFormat.h"

#include "security/PrintableText.h"

#include <QCoreApplication>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace fatora::cli::format {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::cli::format)
};

QJsonValue text(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

QJsonValue timestamp(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue money(const std::optional<Money> &amount)
{
    return amount ? QJsonValue(amount->toPlainString()) : QJsonValue(QJsonValue::Null);
}

// Terminal columns a string takes: combining marks (Arabic harakat) take none, a surrogate pair one.
int displayWidth(const QString &s)
{
    int width = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c.isLowSurrogate())
            continue;
        const auto category = c.category();
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing ||
            category == QChar::Other_Format)
            continue;
        ++width;
    }
    return width;
}

} // namespace

QJsonObject customer(const Customer &c)
{
    return QJsonObject{
        {u"id"_s, c.id},
        {u"name"_s, c.name},
        {u"email"_s, text(c.email)},
        {u"phone"_s, text(c.phone)},
        {u"reference"_s, text(c.reference)},
        {u"archived"_s, c.archived},
        {u"created_at"_s, timestamp(c.createdAt)},
    };
}

QJsonObject customer(const CustomerSummary &summary)
{
    QJsonObject o = customer(summary.customer);
    o.insert(u"active_tokens"_s, summary.activeTokens);
    o.insert(u"last_charge_at"_s, timestamp(summary.lastChargeAt));
    return o;
}

QJsonObject token(const CardToken &t, const QString &customerName, bool showToken, const QDate &today)
{
    return QJsonObject{
        {u"id"_s, t.id},
        {u"customer_id"_s, t.customerId},
        {u"customer"_s, text(customerName)},
        {u"token"_s, showToken ? t.token : t.masked()},
        {u"token_masked"_s, t.masked()},
        {u"label"_s, text(t.label)},
        {u"status"_s, tokenStatusName(t.effectiveStatus(today))},
        {u"stored_status"_s, tokenStatusName(t.status)},
        {u"issued_on"_s, text(date(t.issuedOn))},
        {u"expires_on"_s, text(date(t.expiresOn))},
        {u"currency"_s, text(t.currency)},
        {u"first_amount"_s, money(t.firstAmount)},
        {u"last_used_at"_s, timestamp(t.lastUsedAt)},
        {u"status_changed_at"_s, timestamp(t.statusChangedAt)},
    };
}

QJsonObject payment(const Payment &p, const QString &customerName, const QString &tokenMask,
                    const QString &tokenLabel)
{
    return QJsonObject{
        {u"payment_id"_s, p.id},
        {u"order_id"_s, p.orderId},
        {u"kind"_s, paymentKindName(p.kind)}, // "charge" or "card-request"
        {u"state"_s, paymentStateName(p.state)},
        {u"amount"_s, money(p.amount)},
        {u"currency"_s, text(p.currency)},
        // The figure the payment counts as, and which one it is (sent, taken, expected, unknown).
        {u"counted_amount"_s, money(fatora::countedAmount(p).money)},
        {u"amount_kind"_s, amountKindName(fatora::countedAmount(p).kind)},
        {u"expected_amount"_s, money(p.expectedAmount)},
        {u"taken_amount"_s, money(p.takenAmount)},
        {u"taken_differs"_s, fatora::countedAmount(p).takenDiffers},
        {u"transaction_id"_s, text(p.transactionId)},
        {u"status_code"_s, text(p.statusCode)},
        {u"auth_code"_s, text(p.authCode)},
        {u"description"_s, text(p.description)},
        {u"gateway_status"_s, text(p.gatewayStatus)},
        {u"mode"_s, text(p.mode)},
        {u"http_status"_s, p.httpStatus > 0 ? QJsonValue(p.httpStatus) : QJsonValue(QJsonValue::Null)},
        {u"error"_s, text(p.errorText)},
        {u"note"_s, text(p.note)},
        {u"token_id"_s, p.tokenId},
        {u"card"_s, text(tokenMask)},
        {u"card_label"_s, text(tokenLabel)},
        {u"customer_id"_s, p.customerId},
        {u"customer"_s, text(customerName)},
        {u"operator"_s, text(p.operatorName)},
        {u"created_at"_s, timestamp(p.createdAt)},
        {u"updated_at"_s, timestamp(p.updatedAt)},
        {u"last_checked_at"_s, timestamp(p.lastCheckedAt)},
        {u"refund_state"_s, refundStateName(p.refundState)},
        {u"refund_status"_s, text(p.refundStatus)},
        {u"refunded_at"_s, timestamp(p.refundedAt)},
    };
}

QJsonObject payment(const PaymentRow &row)
{
    return payment(row.payment, row.customerName, row.tokenMask, row.tokenLabel);
}

QString countedAmount(const Payment &payment)
{
    const CountedAmount counted = fatora::countedAmount(payment);
    QString text;
    switch (counted.kind) {
    case AmountKind::Sent:
        text = amount(counted.money);
        break;
    case AmountKind::Taken:
        text = Tr::tr("%1 (taken)").arg(amount(counted.money));
        break;
    case AmountKind::Expected:
        text = Tr::tr("%1 (expected first payment)").arg(amount(counted.money));
        break;
    case AmountKind::Unknown:
        return Tr::tr("the first-payment amount (figure not known)");
    }
    if (counted.takenDiffers)
        text += u' ' + Tr::tr("[gateway reports %1 taken]").arg(amount(payment.takenAmount));
    return text;
}

QString amount(const std::optional<Money> &value)
{
    if (!value)
        return Tr::tr("the first-payment amount");
    return value->currency() + u' ' + value->toPlainString();
}

QString amount(const std::optional<Money> &value, const std::optional<Money> &firstAmount)
{
    if (!value && firstAmount)
        return Tr::tr("the first-payment amount (%1)").arg(amount(firstAmount));
    return amount(value);
}

QString localDateTime(const QDateTime &at)
{
    return at.isValid() ? at.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : QString();
}

QString date(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QString printable(const QString &text)
{
    return PrintableText::escape(text);
}

QString table(const QStringList &headers, const QList<QStringList> &rawRows)
{
    // Escaped first: a cell is one line, and its width is the width of what is shown.
    QList<QStringList> rows;
    rows.reserve(rawRows.size());
    for (const QStringList &raw : rawRows) {
        QStringList row;
        row.reserve(raw.size());
        for (const QString &cell : raw)
            row << printable(cell);
        rows << row;
    }
    QList<int> widths;
    for (const QString &h : headers)
        widths << displayWidth(h);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(row.at(i)));
    }
    auto render = [&](const QStringList &cells) {
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const QString &cell = cells.at(i);
            line += cell;
            if (i + 1 < cells.size())
                line += QString(widths.value(i) - displayWidth(cell) + 2, u' ');
        }
        return line;
    };
    QStringList lines{render(headers)};
    for (const QStringList &row : std::as_const(rows))
        lines << render(row);
    return lines.join(u'\n');
}

} // namespace fatora::cli::format
