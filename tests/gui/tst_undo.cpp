// Undo (Ctrl+Z), as in Dolphin: the last rename or move is reversed by the opposite moves, with
// the same conflict questions; one step; a replace cannot be undone and a delete forgets it.
#include "tests/gui/MainWindowFixture.h"
#include "ui/WindowActions.h"

#include <QDir>

class TestUndo : public QObject, private MainWindowFixture
{
    Q_OBJECT

    void undoByKey()
    {
        window->detailsView()->setFocus();
        QTest::keyClick(window->detailsView(), Qt::Key_Z, Qt::ControlModifier);
    }

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void undoesARename()
    {
        QAction *undo = window->actions()->undo;
        QVERIFY(!undo->isEnabled());
        window->organizer()->rename(p(QStringLiteral("README.txt")), QStringLiteral("NOTES.txt"));
        QTRY_VERIFY(exists(QStringLiteral("NOTES.txt")) && idle());
        QTRY_VERIFY(undo->isEnabled());
        QCOMPARE(undo->text(), QStringLiteral("Undo Rename"));
        undoByKey();
        QTRY_VERIFY(exists(QStringLiteral("README.txt")) && idle());
        QVERIFY(!exists(QStringLiteral("NOTES.txt")));
        QTRY_VERIFY(shown(QStringLiteral("README.txt")).isValid());
        QVERIFY(!undo->isEnabled()); // one step
    }

    void undoesAMoveOfSeveral()
    {
        window->organizer()->move(
            {p(QStringLiteral("models/a.safetensors")), p(QStringLiteral("models/b.gguf"))},
            p(QStringLiteral("outputs")));
        QTRY_VERIFY(exists(QStringLiteral("outputs/b.gguf")) && idle());
        QTRY_COMPARE(window->actions()->undo->text(), QStringLiteral("Undo Move"));
        undoByKey();
        QTRY_VERIFY(exists(QStringLiteral("models/a.safetensors"))
                    && exists(QStringLiteral("models/b.gguf")) && idle());
        QVERIFY(!exists(QStringLiteral("outputs/a.safetensors")));
    }

    // The folder moved into was never opened, so the model knew nothing of the file there; the
    // undo still shows it back where it was at once (it stayed hidden until a restart: the
    // move's "gone from here" outlived the undo).
    void undoOfAMoveIntoAnUnopenedFolderShowsTheFileAgain()
    {
        QVERIFY(QDir().mkpath(f->data(QStringLiteral("fresh")))); // made elsewhere, never opened
        window->actions()->refresh->trigger();
        QTRY_VERIFY(shown(QStringLiteral("fresh")).isValid() && !window->model()->isBusy());
        QVERIFY(shown(QStringLiteral("README.txt")).isValid());
        window->organizer()->move({p(QStringLiteral("README.txt"))}, p(QStringLiteral("fresh")));
        QTRY_VERIFY(exists(QStringLiteral("fresh/README.txt")) && idle());
        QTRY_VERIFY(!shown(QStringLiteral("README.txt")).isValid());
        undoByKey();
        QTRY_VERIFY(exists(QStringLiteral("README.txt")) && idle());
        QTRY_VERIFY(shown(QStringLiteral("README.txt")).isValid());
        window->actions()->refresh->trigger(); // and a listing keeps it
        QTRY_VERIFY(!window->model()->isBusy());
        QTRY_VERIFY(shown(QStringLiteral("README.txt")).isValid());
    }

    // The same after the folder was opened and left (its listing known to the model).
    void undoOfAMoveIntoAnOpenedFolderShowsTheFileAgain()
    {
        QVERIFY(open(QStringLiteral("outputs")));
        QVERIFY(open(QString()));
        QTRY_VERIFY(shown(QStringLiteral("README.txt")).isValid());
        window->organizer()->move({p(QStringLiteral("README.txt"))}, p(QStringLiteral("outputs")));
        QTRY_VERIFY(exists(QStringLiteral("outputs/README.txt")) && idle());
        QTRY_VERIFY(!shown(QStringLiteral("README.txt")).isValid());
        undoByKey();
        QTRY_VERIFY(exists(QStringLiteral("README.txt")) && idle());
        QTRY_VERIFY(shown(QStringLiteral("README.txt")).isValid());
        window->actions()->refresh->trigger();
        QTRY_VERIFY(!window->model()->isBusy());
        QTRY_VERIFY(shown(QStringLiteral("README.txt")).isValid());
        QVERIFY(open(QStringLiteral("outputs")));
        QTRY_VERIFY(!shown(QStringLiteral("README.txt")).isValid());
    }

    void undoAsksWhenTheOldNameIsTakenAgain()
    {
        window->organizer()->rename(p(QStringLiteral("README.txt")), QStringLiteral("NOTES.txt"));
        QTRY_VERIFY(exists(QStringLiteral("NOTES.txt")) && idle());
        put(QStringLiteral("README.txt"), "someone else's"); // made meanwhile
        questions.conflictAnswers = {OrganizeQuestions::Conflict::KeepBoth};
        undoByKey();
        QTRY_VERIFY(idle() && questions.conflictQuestions.size() == 1);
        QCOMPARE(questions.conflictQuestions.first(), QStringLiteral("/data/README.txt"));
        QTRY_VERIFY(exists(QStringLiteral("README (1).txt")));
        QFile kept(f->data(QStringLiteral("README.txt")));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("someone else's")); // nothing was lost
    }

    void aReplaceCannotBeUndone()
    {
        put(QStringLiteral("outputs/README.txt"), "old");
        questions.conflictAnswers = {OrganizeQuestions::Conflict::Replace};
        window->organizer()->move({p(QStringLiteral("README.txt"))}, p(QStringLiteral("outputs")));
        QTRY_VERIFY(!exists(QStringLiteral("README.txt")) && idle());
        QVERIFY(!window->actions()->undo->isEnabled());
    }

    void aDeleteForgetsTheUndo()
    {
        window->organizer()->rename(p(QStringLiteral("README.txt")), QStringLiteral("NOTES.txt"));
        QTRY_VERIFY(window->actions()->undo->isEnabled());
        questions.deleteAnswers = {true};
        FileSpec other;
        other.path = p(QStringLiteral("outputs/img1.png"));
        other.name = other.path.name();
        window->organizer()->remove({other});
        QTRY_VERIFY(!exists(QStringLiteral("outputs/img1.png")) && idle());
        QVERIFY(!window->actions()->undo->isEnabled());
    }
};

QTEST_MAIN(TestUndo)
#include "tst_undo.moc"
