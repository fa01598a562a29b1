#include "ui/IconContrastStyle.h"

#include <QGuiApplication>
#include <QPainter>
#include <QStyleOption>

namespace {
// Below this mean saturation (0-255) of its visible pixels an icon counts as grey. Breeze's
// symbolic icons are pure greys (0); its coloured mime and folder icons are far above 60.
constexpr int kGreyBelow = 40;
} // namespace

bool IconContrastStyle::isSymbolic(const QImage &image)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    qint64 saturation = 0, visible = 0;
    for (int y = 0; y < argb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            if (qAlpha(line[x]) < 64)
                continue;
            saturation += QColor(line[x]).hsvSaturation();
            ++visible;
        }
    }
    return visible > 0 && saturation / visible < kGreyBelow;
}

QPixmap IconContrastStyle::generatedIconPixmap(QIcon::Mode mode, const QPixmap &pixmap,
                                               const QStyleOption *option) const
{
    if (mode != QIcon::Selected)
        return QProxyStyle::generatedIconPixmap(mode, pixmap, option);
    const QImage image = pixmap.toImage();
    if (!isSymbolic(image))
        return pixmap; // a coloured icon reads on any selection as it is: no tint
    const QPalette palette = option ? option->palette : QGuiApplication::palette();
    QImage recoloured = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&recoloured);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn); // keep the shape's alpha
    painter.fillRect(recoloured.rect(), palette.color(QPalette::HighlightedText));
    painter.end();
    QPixmap result = QPixmap::fromImage(recoloured);
    result.setDevicePixelRatio(pixmap.devicePixelRatio());
    return result;
}
