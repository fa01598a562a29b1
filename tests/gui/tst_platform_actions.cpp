// The window on fal's Platform API v1 (an endpoint ending in /v1): browsing, download and upload
// are there; Rename and Delete, which v1 lacks, are shown disabled with a tooltip that says why,
// and their keys and a drag-move change nothing.
#include "tests/gui/MainWindowFixture.h"
#include "ui/WindowActions.h"

class TestPlatformActions : public QObject, private MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init()
    {
        setUp(QStringLiteral("/v1"));
        QVERIFY(f->client()->surface().isPlatform());
        QVERIFY(open(QStringLiteral("models")));
    }
    void cleanup() { tearDown(); }

    void browsesButCannotRenameOrDelete()
    {
        QCOMPARE(shownNames(),
                 (QStringList {QStringLiteral("sub"), QStringLiteral("a.safetensors"),
                               QStringLiteral("b.gguf")}));
        select({QStringLiteral("a.safetensors")});
        WindowActions *a = window->actions();
        QTRY_VERIFY(a->download->isEnabled());
        QVERIFY(a->copyPath->isEnabled());
        QVERIFY(a->uploadFiles->isEnabled());
        QVERIFY(a->newFolder->isEnabled());
        for (QAction *lacking : {a->rename, a->remove}) {
            QVERIFY2(!lacking->isEnabled(), qPrintable(lacking->text()));
            QVERIFY2(lacking->toolTip().contains(QStringLiteral("Platform API v1")),
                     qPrintable(lacking->toolTip()));
        }
        QTest::keyClick(window->detailsView(), Qt::Key_Delete);
        QTest::keyClick(window->detailsView(), Qt::Key_F2);
        QCoreApplication::processEvents(); // anything the keys queued has run
        QVERIFY(questions.deleteQuestions.isEmpty());
        QVERIFY(exists(QStringLiteral("models/a.safetensors")));
    }

    void dragMoveIsRefusedWithTheReason()
    {
        QString said;
        connect(window->organizer(), &OrganizeController::failed, this,
                [&](const QString &text) { said = text; });
        window->organizer()->move({p(QStringLiteral("models/a.safetensors"))},
                                  p(QStringLiteral("models/sub")));
        QTRY_VERIFY(said.contains(QStringLiteral("Platform API v1")));
        QVERIFY(exists(QStringLiteral("models/a.safetensors")));
        QVERIFY(!exists(QStringLiteral("models/sub/a.safetensors")));
    }
};

QTEST_MAIN(TestPlatformActions)
#include "tst_platform_actions.moc"
