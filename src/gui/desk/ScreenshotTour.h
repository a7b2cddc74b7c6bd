#pragma once

#include "domain/Result.h"

#include <QStringList>

namespace fatora {

class MainWindow;

// Drives the real window through its main views (English and Arabic, a charge in review and its
// result) and saves what it shows as PNG files. Used by `fatora-backoffice --screenshot DIR`, which
// runs it against a throw-away sandbox, so the README's pictures come from the real application.
class ScreenshotTour
{
public:
    static Result<QStringList> run(MainWindow &window, const QString &directory);
};

} // namespace fatora
