#pragma once

#include <QProxyStyle>

namespace fatora {

// The application's style with one change: mnemonics (the underlined letter of "&File") are not
// underlined while the layout is right-to-left. Qt 6.4 draws an underlined letter as a run of its
// own, which breaks Arabic letters apart ("تـحصيل") and draws labels wider than their size hint, so
// their last letters and colons are cut off. The Alt shortcuts themselves keep working.
class DeskStyle : public QProxyStyle
{
    Q_OBJECT
public:
    explicit DeskStyle(QStyle *base = nullptr);

    int styleHint(StyleHint hint, const QStyleOption *option = nullptr, const QWidget *widget = nullptr,
                  QStyleHintReturn *returnData = nullptr) const override;

    // Wraps the current application style (whichever the platform or -style chose) once.
    static void install();
};

} // namespace fatora
