#include "csv/HistoryCsvWriter.h"

#include "security/PrintableText.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

QString timestamp(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace

QByteArray HistoryCsvWriter::line(const QStringList &cells)
{
    QStringList out;
    out.reserve(cells.size());
    for (const QString &cell : cells)
        out << neutralise(PrintableText::escape(cell, PrintableText::LineBreaks::Keep));
    return out.join(u',').toUtf8() + "\r\n";
}

QByteArray HistoryCsvWriter::header()
{
    return line({u"payment_id"_s, u"created_at_utc"_s, u"customer"_s, u"card"_s, u"card_label"_s, u"amount"_s,
                 u"currency"_s, u"state"_s, u"order_id"_s, u"transaction_id"_s, u"status_code"_s,
                 u"auth_code"_s, u"description"_s, u"refund_state"_s, u"operator"_s,
                 // Added after the first release, at the end so existing columns keep their places.
                 u"counted_amount"_s, u"amount_kind"_s, u"expected_amount"_s, u"taken_amount"_s,
                 u"taken_differs"_s,
                 // "charge", or "card-request": a link's first payment, which saves the card.
                 u"kind"_s});
}

// An empty amount means none was sent: Fatora charged the token's first-payment amount. Empty (rather
// than a word) keeps the column summable in a spreadsheet. counted_amount is the figure the payment
// counts as (countedAmount: sent, else taken, else expected) and amount_kind says which; it is empty
// only when no figure is known (kind "unknown"). taken_differs is "yes" when the gateway reported a
// taken amount other than the one sent or expected.
QByteArray HistoryCsvWriter::row(const PaymentRow &row)
{
    const Payment &p = row.payment;
    const CountedAmount counted = countedAmount(p);
    return line({QString::number(p.id), timestamp(p.createdAt), row.customerName,
                 // Only ever the masked form: a CSV ends up in mailboxes and shared drives.
                 row.tokenMask, row.tokenLabel, p.amount ? p.amount->toPlainString() : QString(), p.currency,
                 paymentStateName(p.state), p.orderId, p.transactionId, p.statusCode, p.authCode,
                 p.description, refundStateName(p.refundState), p.operatorName,
                 counted.money ? counted.money->toPlainString() : QString(), amountKindName(counted.kind),
                 p.expectedAmount ? p.expectedAmount->toPlainString() : QString(),
                 p.takenAmount ? p.takenAmount->toPlainString() : QString(),
                 counted.takenDiffers ? u"yes"_s : QString(), paymentKindName(p.kind)});
}

QByteArray HistoryCsvWriter::write(const QList<PaymentRow> &rows)
{
    QByteArray out = "\xEF\xBB\xBF"; // so that Excel reads the file as UTF-8 (Arabic names)
    out += header();
    for (const PaymentRow &r : rows)
        out += row(r);
    return out;
}

QString HistoryCsvWriter::neutralise(const QString &cell)
{
    QString text = cell;
    // A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
    static const QString formulaStarts = u"=+-@\t\r"_s;
    if (!text.isEmpty() && formulaStarts.contains(text.front()))
        text.prepend(u'\'');
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r')) {
        text.replace(u"\""_s, u"\"\""_s);
        text = u'"' + text + u'"';
    }
    return text;
}

} // namespace fatora
