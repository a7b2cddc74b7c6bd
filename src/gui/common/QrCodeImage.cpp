#include "common/QrCodeImage.h"

#include <qrencode.h>

#include <QPainter>

#include <memory>

namespace fatora {

namespace {

struct QrFree
{
    void operator()(QRcode *code) const { QRcode_free(code); }
};
using QrPointer = std::unique_ptr<QRcode, QrFree>;

QrPointer encode(const QString &text)
{
    if (text.isEmpty())
        return nullptr;
    const QByteArray bytes = text.toUtf8();
    // 8-bit data: a link's bytes exactly, whatever they hold (QRcode_encodeString would upper-case
    // nothing here, but its Kanji and alphanumeric modes are not for links).
    return QrPointer(QRcode_encodeData(
        int(bytes.size()), reinterpret_cast<const unsigned char *>(bytes.constData()), 0, QR_ECLEVEL_M));
}

} // namespace

int QrCodeImage::modules(const QString &text)
{
    const QrPointer code = encode(text);
    return code ? code->width : 0;
}

QImage QrCodeImage::render(const QString &text, int moduleSize)
{
    const QrPointer code = encode(text);
    if (!code || moduleSize < 1)
        return {};
    const int width = code->width;
    const int side = (width + 2 * QuietZoneModules) * moduleSize;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            // Bit 0 of each byte: dark module.
            if (code->data[y * width + x] & 1)
                painter.drawRect((x + QuietZoneModules) * moduleSize, (y + QuietZoneModules) * moduleSize,
                                 moduleSize, moduleSize);
        }
    }
    return image;
}

} // namespace fatora
