// Icons of selected rows keep their contrast: a grey (symbolic) icon is drawn in the selection's
// text colour, a coloured one is left as it is (Qt's default tints both with the selection).
#include "ui/IconContrastStyle.h"

#include <QApplication>
#include <QIcon>
#include <QPainter>
#include <QStyleOption>
#include <QTest>

class TestIconContrast : public QObject
{
    Q_OBJECT

    static QPixmap shape(const QColor &colour)
    {
        QImage image(16, 16, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.fillRect(QRect(4, 4, 8, 8), colour);
        painter.end();
        return QPixmap::fromImage(image);
    }
    static QStyleOption optionWith(const QColor &highlightedText)
    {
        QStyleOption option;
        option.palette.setColor(QPalette::HighlightedText, highlightedText);
        option.palette.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
        return option;
    }

private Q_SLOTS:
    void aGreyIconTakesTheSelectedTextColour()
    {
        IconContrastStyle style(QStringLiteral("fusion"));
        const QStyleOption option = optionWith(Qt::white);
        const QImage out
            = style.generatedIconPixmap(QIcon::Selected, shape(QColor(0x4d, 0x4d, 0x4d)), &option)
                  .toImage();
        QCOMPARE(QColor(out.pixel(8, 8)), QColor(Qt::white));
        QCOMPARE(qAlpha(out.pixel(1, 1)), 0); // the shape stays the shape
    }
    void aColouredIconIsLeftAlone()
    {
        IconContrastStyle style(QStringLiteral("fusion"));
        const QStyleOption option = optionWith(Qt::white);
        const QColor orange(0xf6, 0x74, 0x00);
        const QImage out
            = style.generatedIconPixmap(QIcon::Selected, shape(orange), &option).toImage();
        QCOMPARE(QColor(out.pixel(8, 8)), orange);
    }
    void otherModesAreTheBaseStyles()
    {
        IconContrastStyle style(QStringLiteral("fusion"));
        const QStyleOption option = optionWith(Qt::white);
        const QImage out
            = style.generatedIconPixmap(QIcon::Disabled, shape(QColor(0xf6, 0x74, 0x00)), &option)
                  .toImage();
        QVERIFY(QColor(out.pixel(8, 8)) != QColor(0xf6, 0x74, 0x00)); // greyed, as Fusion does
    }
    void symbolicMeansGrey()
    {
        QVERIFY(IconContrastStyle::isSymbolic(shape(QColor(0x23, 0x26, 0x29)).toImage()));
        QVERIFY(!IconContrastStyle::isSymbolic(shape(QColor(0x1d, 0x99, 0xf3)).toImage()));
        QVERIFY(!IconContrastStyle::isSymbolic(shape(Qt::transparent).toImage()));
    }
};

QTEST_MAIN(TestIconContrast)
#include "tst_icon_contrast.moc"
