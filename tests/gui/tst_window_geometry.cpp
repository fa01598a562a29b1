// A window saved larger than the screen (another monitor, another scale) opens inside the screen,
// with its title bar and status bar in reach.
#include "tests/gui/MainWindowFixture.h"

#include <QScreen>

class TestWindowGeometry : public QObject, private MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void aSavedGiantWindowFitsTheScreen()
    {
        const QRect available = window->screen()->availableGeometry();
        window->setGeometry(
            QRect(available.topLeft() + QPoint(300, 200), available.size() + QSize(1400, 800)));
        window->close(); // saves the geometry
        makeWindow();
        const QRect shown = window->geometry();
        QVERIFY2(available.contains(shown),
                 qPrintable(QStringLiteral("%1,%2 %3x%4 in %5x%6")
                                .arg(shown.x())
                                .arg(shown.y())
                                .arg(shown.width())
                                .arg(shown.height())
                                .arg(available.width())
                                .arg(available.height())));
        QVERIFY(shown.width() > available.width() / 2); // still as large as it can be
    }
};

QTEST_MAIN(TestWindowGeometry)
#include "tst_window_geometry.moc"
