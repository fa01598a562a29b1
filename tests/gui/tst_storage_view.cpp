// The Storage panel (View → Storage, Ctrl+Shift+S) over the fixture's /data, offscreen: it
// opens from its key on the current folder, measures it (the total and the counts on top, the
// biggest item first), a click on a folder's bar goes there and the panel follows, a click on a
// file's bar selects the file, Esc in the chart hides the panel; the details view's Size column
// shows the same folder sizes.
#include "models/StorageBreakdown.h"
#include "network/text/TextFormat.h"
#include "tests/gui/MainWindowFixture.h"
#include "ui/browse/StorageChart.h"
#include "ui/browse/StorageDock.h"

#include <QAction>

class TestStorageView : public QObject, private MainWindowFixture
{
    Q_OBJECT

    StorageDock *dock() const { return window->storageDock(); }
    const StorageBreakdown::Summary &summary() const { return dock()->breakdown()->summary(); }
    bool measured(const QString &folder) const
    {
        return QTest::qWaitFor(
            [&] {
                // The chart is what people see: it has caught up with the breakdown.
                return summary().folder == p(folder) && summary().complete()
                    && dock()->chart()->summary().complete();
            },
            20'000);
    }
    int barOf(const QString &name) const
    {
        const auto &slices = dock()->chart()->summary().slices;
        for (int i = 0; i < slices.size(); ++i) {
            if (slices.at(i).name == name)
                return i;
        }
        return -1;
    }
    void openPanel()
    {
        QVERIFY(!dock()->isVisible());
        QTest::keySequence(window.get(), StorageDock::toggleKey());
        QVERIFY(QTest::qWaitFor([&] { return dock()->isVisible(); }, 5'000));
        QVERIFY(QTest::qWaitFor([&] { return dock()->chart()->hasFocus(); }, 5'000));
    }

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void opensOnTheCurrentFolderAndMeasuresIt()
    {
        openPanel();
        QVERIFY(measured(QStringLiteral("/data")));
        // README 5 B, models/ 2048 + 1024 + 1 B, datasets/ 2 B, outputs/ 3 B.
        QCOMPARE(summary().bytes, 3083);
        QCOMPARE(summary().files, 6);
        QCOMPARE(summary().folders, 4);
        const QString text = dock()->summaryText();
        QVERIFY2(text.contains(TextFormat::size(3083)) && text.contains(TextFormat::files(6))
                     && text.contains(TextFormat::folders(4)),
                 qPrintable(text));
        QCOMPARE(dock()->chart()->summary().slices.first().name, QStringLiteral("models"));
        QVERIFY(dock()->chart()->accessibleName().size() > 0);
        // The details view's Size column says the same, from the same walks.
        const QModelIndex models = shown(QStringLiteral("models"));
        QCOMPARE(models.siblingAtColumn(RemoteTreeModel::SizeColumn).data().toString(),
                 TextFormat::size(3073));
    }

    void clickingAFolderGoesThere()
    {
        openPanel();
        QVERIFY(measured(QStringLiteral("/data")));
        const int bar = barOf(QStringLiteral("models"));
        QVERIFY(bar >= 0);
        QTest::mouseClick(dock()->chart(), Qt::LeftButton, {},
                          dock()->chart()->barRect(bar).center());
        QVERIFY(
            QTest::qWaitFor([&] { return folderReady(QStringLiteral("/data/models")); }, 10'000));
        QVERIFY(measured(QStringLiteral("/data/models")));
        QCOMPARE(dock()->chart()->summary().slices.first().name, QStringLiteral("a.safetensors"));
        QCOMPARE(summary().bytes, 3073);
    }

    void clickingAFileSelectsIt()
    {
        QVERIFY(open(QStringLiteral("/data/models")));
        openPanel();
        QVERIFY(measured(QStringLiteral("/data/models")));
        const int bar = barOf(QStringLiteral("b.gguf"));
        QVERIFY(bar >= 0);
        QTest::mouseClick(dock()->chart(), Qt::LeftButton, {},
                          dock()->chart()->barRect(bar).center());
        QVERIFY(QTest::qWaitFor(
            [&] {
                const QList<FileSpec> items = window->selectedItems();
                return items.size() == 1 && items.first().name == QStringLiteral("b.gguf");
            },
            10'000));
        QCOMPARE(window->currentFolder(), p(QStringLiteral("/data/models")));
    }

    void escapeHidesThePanel()
    {
        openPanel();
        QTest::keyClick(dock()->chart(), Qt::Key_Escape);
        QVERIFY(!dock()->isVisible());
        QVERIFY(!dock()->toggleViewAction()->isChecked());
    }
};

QTEST_MAIN(TestStorageView)
#include "tst_storage_view.moc"
