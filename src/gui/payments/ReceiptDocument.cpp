#include "payments/ReceiptDocument.h"

#include "common/Display.h"
#include "security/PrivateFiles.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>
#include <QTextOption>
#include <QtMath>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::ReceiptDocument)
};

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString html(const Receipt &r, Qt::LayoutDirection direction)
{
    const bool rtl = direction == Qt::RightToLeft;
    const QString dir = rtl ? u"rtl"_s : u"ltr"_s;
    const QString align = rtl ? u"right"_s : u"left"_s;
    QString rows;
    const auto row = [&rows, &align, rtl](const QString &label, const QString &value) {
        if (value.isEmpty())
            return;
        const QString labelCell =
            u"<td width=\"35%\" align=\"%1\" style=\"color:#555555;\">%2</td>"_s.arg(align, escaped(label));
        const QString valueCell = u"<td align=\"%1\"><b>%2</b></td>"_s.arg(align, escaped(value));
        // QTextDocument does not mirror a table's columns: in Arabic the caption goes first from the
        // right by putting it last.
        rows += u"<tr>"_s + (rtl ? valueCell + labelCell : labelCell + valueCell) + u"</tr>"_s;
    };
    const bool refund = r.kind == Receipt::Kind::Refund;
    row(Tr::tr("Customer"), Display::isolateAuto(r.customerName));
    const QString card = r.cardLabel.isEmpty()
                             ? Display::mask(r.cardMask)
                             : Display::isolateAuto(r.cardLabel) + u' ' + Display::mask(r.cardMask);
    row(Tr::tr("Card"), card);
    QString amount = Display::money(r.amount);
    if (r.amountIsFirstPayment)
        amount = Tr::tr("%1 (the card's first-payment amount)").arg(amount);
    row(refund ? Tr::tr("Amount refunded") : Tr::tr("Amount paid"), amount);
    row(Tr::tr("Order id"), Display::isolate(r.orderId));
    row(Tr::tr("Transaction id"), Display::isolate(r.transactionId));
    row(Tr::tr("Auth code"), Display::isolate(r.authCode));
    row(refund ? Tr::tr("Refunded on") : Tr::tr("Date"), Display::dateTime(r.at));
    row(Tr::tr("Operator"), Display::isolateAuto(r.operatorName));
    if (refund)
        row(Tr::tr("Refund status"), Display::isolate(r.refundStatus));

    const QString title = refund ? Tr::tr("Refund receipt") : Tr::tr("Payment receipt");
    QString body;
    body += u"<p dir=\"%1\" align=\"center\" style=\"font-size:16pt;\"><b>%2</b></p>"_s.arg(
        dir, escaped(Display::isolateAuto(r.merchantName)));
    body += u"<p dir=\"%1\" align=\"center\" style=\"font-size:13pt;\">%2</p>"_s.arg(dir, escaped(title));
    if (r.testMode)
        body += u"<p dir=\"%1\" align=\"center\" style=\"color:#b34d00;\"><b>%2</b></p>"_s.arg(
            dir, escaped(Tr::tr("TEST — no real money moved")));
    body += u"<hr/>"_s;
    body += u"<table dir=\"%1\" width=\"100%\" cellspacing=\"0\" cellpadding=\"4\">%2</table>"_s.arg(dir, rows);
    body += u"<hr/>"_s;
    const QString footer = refund ? Tr::tr("The amount above was returned to the card through the Fatora "
                                           "payment gateway. The bank may take up to four weeks to show it.")
                                  : Tr::tr("Paid by card through the Fatora payment gateway. Thank you.");
    body += u"<p dir=\"%1\" align=\"center\" style=\"color:#555555; font-size:9pt;\">%2</p>"_s.arg(
        dir, escaped(footer));
    return u"<html><body dir=\"%1\">%2</body></html>"_s.arg(dir, body);
}

} // namespace

std::unique_ptr<QTextDocument> ReceiptDocument::build(const Receipt &receipt)
{
    const Qt::LayoutDirection direction = QGuiApplication::layoutDirection();
    auto doc = std::make_unique<QTextDocument>();
    QTextOption option = doc->defaultTextOption();
    option.setTextDirection(direction);
    doc->setDefaultTextOption(option);
    doc->setDocumentMargin(24);
    doc->setHtml(html(receipt, direction));
    return doc;
}

void ReceiptDocument::print(const Receipt &receipt, QPagedPaintDevice *device)
{
    const auto doc = build(receipt);
    doc->print(device);
}

Result<void> ReceiptDocument::savePdf(const Receipt &receipt, const QString &path)
{
    return PrivateFiles::writeAtomically(path, [&receipt](QIODevice &file) {
        QPdfWriter pdf(&file);
        pdf.setPageSize(QPageSize(QPageSize::A5));
        pdf.setResolution(300);
        pdf.setTitle(receipt.kind == Receipt::Kind::Refund ? Tr::tr("Refund receipt")
                                                           : Tr::tr("Payment receipt"));
        pdf.setCreator(u"Fatora Back Office"_s);
        print(receipt, &pdf);
        return true;
    });
}

QImage ReceiptDocument::image(const Receipt &receipt, int width)
{
    const auto doc = build(receipt);
    doc->setTextWidth(width);
    QImage image(width, qCeil(doc->size().height()), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    doc->drawContents(&painter);
    return image;
}

QString ReceiptDocument::suggestedFileName(const Receipt &receipt)
{
    static const QRegularExpression unsafe(u"[^A-Za-z0-9._-]+"_s);
    QString order = receipt.orderId;
    order.replace(unsafe, u"_"_s);
    const QString prefix = receipt.kind == Receipt::Kind::Refund ? u"refund-receipt-"_s : u"receipt-"_s;
    return prefix + order.left(80) + u".pdf"_s;
}

} // namespace fatora
