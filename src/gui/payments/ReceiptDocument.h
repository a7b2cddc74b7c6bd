#pragma once

#include "domain/Result.h"
#include "payments/Receipt.h"

#include <QImage>
#include <QString>

#include <memory>

class QPagedPaintDevice;
class QTextDocument;

namespace fatora {

// A receipt laid out as a QTextDocument in the desk's language and direction (right to left in
// Arabic, ids, amounts and the card's mask isolated left to right by Display), then printed, saved as
// PDF or drawn on an image. Every value reaches the page escaped: a name typed as markup prints as typed.
class ReceiptDocument
{
public:
    static std::unique_ptr<QTextDocument> build(const Receipt &receipt);
    // Lays the receipt out on the device's pages (a QPrinter from the print dialog, a QPdfWriter).
    static void print(const Receipt &receipt, QPagedPaintDevice *device);
    // A PDF file made 0600 and written whole or not at all (PrivateFiles::writeAtomically).
    static Result<void> savePdf(const Receipt &receipt, const QString &path);
    // The receipt on a white image `width` pixels wide, as tall as its text: for screenshots.
    static QImage image(const Receipt &receipt, int width = 600);
    // "receipt-BO-20261125-XWBE11XJGN.pdf": the order id, with anything a file name cannot hold replaced.
    static QString suggestedFileName(const Receipt &receipt);
};

} // namespace fatora
