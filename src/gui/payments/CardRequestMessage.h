#pragma once

#include "domain/Money.h"

#include <QString>
#include <QUrl>

namespace fatora {

// The ready message a clerk pastes into an SMS or WhatsApp chat (or sends by mail) with a card
// request's checkout link, in the language of the customer's payment page, whatever the desk's
// language. In Arabic the link, the amount and the name are isolated (LRI…PDI, FSI…PDI) so that
// they keep their order inside the right-to-left sentence; the link stands alone on its last line,
// so that a messenger finds it whole.
class CardRequestMessage
{
public:
    struct Parts
    {
        QString language = QStringLiteral("en"); // "en" or "ar"
        QString customerName;
        QString merchantName; // empty: the message speaks for nobody by name
        Money amount;
        QString link;
    };

    static QString subject(const Parts &parts);
    static QString body(const Parts &parts);
    // mailto:EMAIL?subject=…&body=… with every reserved character of the subject and body
    // percent-encoded, so a "&", "+" or "#" of the link reaches the mail client as it is.
    static QUrl mailto(const QString &email, const Parts &parts);
};

} // namespace fatora
