#pragma once

#include <QImage>
#include <QString>

namespace fatora {

// A text (a checkout link) as a QR code to scan from the screen, drawn with libqrencode: black
// modules on white, with the quiet zone of four modules that scanners need. The text is encoded as
// its UTF-8 bytes, case kept, error correction M (a screen is not a torn paper).
class QrCodeImage
{
public:
    static constexpr int QuietZoneModules = 4;

    // Each module `moduleSize` pixels wide. A null image when the text is empty or too long for
    // a QR code (libqrencode refuses it); the caller then says so instead of drawing nothing.
    static QImage render(const QString &text, int moduleSize = 4);
    // How many modules wide the symbol of `text` is (without the quiet zone); 0 when none can be made.
    static int modules(const QString &text);
};

} // namespace fatora
