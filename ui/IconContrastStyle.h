#pragma once

#include <QProxyStyle>

// Keeps icons readable on selected rows. Qt's default draws a selected icon tinted with the
// selection colour, so Breeze's grey symbolic icons (folders, gears, documents at 16 px) all but
// vanish into the blue. Dolphin instead draws symbolic icons in the selection's text colour and
// leaves coloured icons alone; this style does the same for every view of the application.
class IconContrastStyle : public QProxyStyle
{
    Q_OBJECT
public:
    using QProxyStyle::QProxyStyle;

    QPixmap generatedIconPixmap(QIcon::Mode mode, const QPixmap &pixmap,
                                const QStyleOption *option) const override;

    // True when the pixmap is drawn in greys (a symbolic icon): its opaque pixels have little
    // colour. Public for the test.
    static bool isSymbolic(const QImage &image);
};
