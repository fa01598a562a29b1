// Rename and move onto a name that is taken: a folder is never deleted to make room, "Replace"
// only ever puts a file onto a file and keeps the old one until the new one is in place, a folder
// onto a folder merges. Against the in-process emulator, through OrganizeController; the dialog
// that asks is checked for what it offers.
#include "models/RemoteTreeModel.h"
#include "tests/gui/ScriptedOrganizeQuestions.h"
#include "tests/support/ClientFixture.h"
#include "ui/browse/GuiOrganizeQuestions.h"
#include "ui/browse/OrganizeController.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using Conflict = OrganizeQuestions::Conflict;

class TestOrganizeConflicts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<RemoteTreeModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
    std::unique_ptr<OrganizeController> organizer;
    ScriptedOrganizeQuestions questions;
    QStringList failures;

    void put(const QString &relative, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(f->data(relative)).absolutePath());
        QFile file(f->data(relative));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    QByteArray read(const QString &relative) const
    {
        QFile file(f->data(relative));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }
    bool exists(const QString &relative) const { return QFileInfo::exists(f->data(relative)); }
    static RemotePath p(const QString &text) { return *RemotePath::parse(text); }
    // Everything under the root, relative, sorted: what the store holds.
    QStringList tree() const
    {
        QStringList all;
        QDirIterator it(f->root(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            all << QDir(f->root()).relativeFilePath(it.next());
        all.sort();
        return all;
    }
    bool finish()
    {
        return QTest::qWaitFor([&] { return !organizer->isBusy(); }, 20'000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The conflict question shows times: "Today at 14:02" with en_GB's 24-hour clock.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        put(QStringLiteral("models/a.bin"), "new weights");
        put(QStringLiteral("models/b.bin"), "old weights");
        put(QStringLiteral("models/sub/keep.bin"), "precious");
        put(QStringLiteral("models/sub/deeper/more.bin"), "precious too");
        model = std::make_unique<RemoteTreeModel>(f->client());
        tester = std::make_unique<QAbstractItemModelTester>(
            model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        organizer = std::make_unique<OrganizeController>(f->client(), model.get(), &questions);
        failures.clear();
        connect(organizer.get(), &OrganizeController::failed, this,
                [this](const QString &text) { failures << text; });
        questions = ScriptedOrganizeQuestions();
    }
    void cleanup()
    {
        organizer.reset();
        tester.reset();
        model.reset();
        f.reset();
    }

    void renamingAFileOntoAFolderNeverDeletesTheFolder()
    {
        // The answer a careless script (or an old dialog) gives: Replace. It is refused.
        questions.conflictAnswers = {Conflict::Replace};
        organizer->rename(p(QStringLiteral("models/a.bin")), QStringLiteral("sub"));
        QVERIFY(finish());
        QCOMPARE(questions.conflictQuestions, QStringList {QStringLiteral("/data/models/sub")});
        QVERIFY(questions.conflictSpecs.first().first.isFile);
        QVERIFY(questions.conflictSpecs.first().second.isDir());
        QCOMPARE(read(QStringLiteral("models/sub/keep.bin")), QByteArray("precious"));
        QCOMPARE(read(QStringLiteral("models/sub/deeper/more.bin")), QByteArray("precious too"));
        QCOMPARE(read(QStringLiteral("models/a.bin")), QByteArray("new weights"));
        QCOMPARE(failures.size(), 1);
        QVERIFY2(failures.first().contains(QStringLiteral("not replaced")),
                 qPrintable(failures.first()));
    }

    void movingAFolderOntoAFileNeverDeletesTheFile()
    {
        put(QStringLiteral("other/sub"), "a file called sub");
        questions.conflictAnswers = {Conflict::Replace};
        organizer->move({p(QStringLiteral("models/sub"))}, p(QStringLiteral("other")));
        QVERIFY(finish());
        QCOMPARE(questions.conflictQuestions, QStringList {QStringLiteral("/data/other/sub")});
        QCOMPARE(read(QStringLiteral("other/sub")), QByteArray("a file called sub"));
        QCOMPARE(read(QStringLiteral("models/sub/keep.bin")), QByteArray("precious"));
    }

    void replaceSwapsAFileForAFileAndLeavesNothingAside()
    {
        const QStringList before = tree();
        questions.conflictAnswers = {Conflict::Replace};
        organizer->rename(p(QStringLiteral("models/a.bin")), QStringLiteral("b.bin"));
        QVERIFY(finish());
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(read(QStringLiteral("models/b.bin")), QByteArray("new weights"));
        QVERIFY(!exists(QStringLiteral("models/a.bin")));
        QStringList expected = before;
        expected.removeAll(QStringLiteral("models/a.bin"));
        QCOMPARE(tree(), expected); // no hidden aside copy is left behind
    }

    void aReplaceThatFailsHalfWayKeepsTheOldFile()
    {
        // The file moving in vanishes after the question (another client deleted it): the old
        // file was already moved aside, and must come back.
        questions.conflictAnswers = {Conflict::Replace};
        questions.beforeConflictAnswer
            = [this] { QVERIFY(QFile::remove(f->data(QStringLiteral("models/a.bin")))); };
        const QStringList before = tree();
        organizer->rename(p(QStringLiteral("models/a.bin")), QStringLiteral("b.bin"));
        QVERIFY(finish());
        QCOMPARE(read(QStringLiteral("models/b.bin")), QByteArray("old weights"));
        QStringList expected = before;
        expected.removeAll(QStringLiteral("models/a.bin"));
        QCOMPARE(tree(), expected);
        QCOMPARE(failures.size(), 1);
        QVERIFY2(failures.first().contains(QStringLiteral("Could not replace /data/models/b.bin")),
                 qPrintable(failures.first()));
    }

    // A long name (255 bytes, not ASCII) can be replaced too: the aside name stays a name.
    void replaceWorksForTheLongestNames()
    {
        const QString longName = QString(127, QChar(0xe9)) + QStringLiteral("a"); // 255 bytes
        put(QStringLiteral("models/") + longName, "old");
        questions.conflictAnswers = {Conflict::Replace};
        organizer->rename(p(QStringLiteral("models/a.bin")), longName);
        QVERIFY(finish());
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(read(QStringLiteral("models/") + longName), QByteArray("new weights"));
    }

    void aFolderOntoAFolderMerges()
    {
        put(QStringLiteral("other/sub/keep.bin"), "theirs");
        put(QStringLiteral("other/sub/already.bin"), "stays");
        // Merge the folders; inside, keep.bin is taken: skip it, so models/sub must stay with it.
        questions.conflictAnswers = {Conflict::Merge, Conflict::Skip};
        organizer->move({p(QStringLiteral("models/sub"))}, p(QStringLiteral("other")));
        QVERIFY(finish());
        QCOMPARE(questions.conflictQuestions,
                 QStringList({QStringLiteral("/data/other/sub"),
                              QStringLiteral("/data/other/sub/keep.bin")}));
        QCOMPARE(read(QStringLiteral("other/sub/deeper/more.bin")), QByteArray("precious too"));
        QCOMPARE(read(QStringLiteral("other/sub/already.bin")), QByteArray("stays"));
        QCOMPARE(read(QStringLiteral("other/sub/keep.bin")), QByteArray("theirs"));
        QCOMPARE(read(QStringLiteral("models/sub/keep.bin")), QByteArray("precious"));
        QVERIFY(!exists(QStringLiteral("models/sub/deeper")));

        // Merged again with nothing in the way: the emptied folder goes.
        QVERIFY(QFile::remove(f->data(QStringLiteral("other/sub/keep.bin"))));
        questions.conflictAnswers = {Conflict::Merge};
        organizer->move({p(QStringLiteral("models/sub"))}, p(QStringLiteral("other")));
        QVERIFY(finish());
        QCOMPARE(read(QStringLiteral("other/sub/keep.bin")), QByteArray("precious"));
        QVERIFY(!exists(QStringLiteral("models/sub")));
    }

    // A folder whose listing leaves something out (a name the client cannot show) is not empty,
    // whatever the listing shows: after a merge it stays, with what it holds.
    void aMergeKeepsAFolderThatHoldsWhatCannotBeShown()
    {
        const QString hidden
            = QStringLiteral("models/sub/bad") + QChar(0x85) + QStringLiteral("name.bin");
        put(hidden, "unlistable but real");
        put(QStringLiteral("other/sub/already.bin"), "stays");
        questions.conflictAnswers = {Conflict::Merge};
        organizer->move({p(QStringLiteral("models/sub"))}, p(QStringLiteral("other")));
        QVERIFY(finish());
        QCOMPARE(read(QStringLiteral("other/sub/keep.bin")), QByteArray("precious"));
        QCOMPARE(read(hidden), QByteArray("unlistable but real"));
        QVERIFY2(failures.join(QLatin1Char('\n')).contains(QStringLiteral("was kept")),
                 qPrintable(failures.join(QLatin1Char('\n'))));
    }

    void theDialogOffersOnlyWhatTheKindsAllow_data()
    {
        QTest::addColumn<bool>("sourceIsFile");
        QTest::addColumn<bool>("existingIsFile");
        QTest::addColumn<QStringList>("buttons");
        QTest::addColumn<QString>("question");
        QTest::newRow("file onto file")
            << true << true
            << QStringList {QStringLiteral("KeepBothButton"), QStringLiteral("ReplaceButton"),
                            QStringLiteral("SkipButton")}
            << QStringLiteral("Replace “b.bin” (2\u00a0B, Today at 14:02) with “b.bin” "
                              "(5\u00a0B, Today at 14:02)?");
        QTest::newRow("folder onto folder")
            << false << false
            << QStringList {QStringLiteral("KeepBothButton"), QStringLiteral("MergeButton"),
                            QStringLiteral("SkipButton")}
            << QStringLiteral("A folder “b.bin” is already in /data/there.");
        QTest::newRow("file onto folder")
            << true << false
            << QStringList {QStringLiteral("KeepBothButton"), QStringLiteral("SkipButton")}
            << QStringLiteral("A folder named “b.bin” is already in /data/there.");
        QTest::newRow("folder onto file")
            << false << true
            << QStringList {QStringLiteral("KeepBothButton"), QStringLiteral("SkipButton")}
            << QStringLiteral("A file named “b.bin” (2\u00a0B, Today at 14:02) is already in "
                              "/data/there.");
    }
    void theDialogOffersOnlyWhatTheKindsAllow()
    {
        QFETCH(bool, sourceIsFile);
        QFETCH(bool, existingIsFile);
        QFETCH(QStringList, buttons);
        QFETCH(QString, question);
        QWidget window;
        window.show();
        GuiOrganizeQuestions gui(&window);
        FileSpec source;
        source.path = p(QStringLiteral("here/b.bin"));
        source.name = source.path.name();
        source.isFile = sourceIsFile;
        source.size = sourceIsFile ? 5 : 0;
        source.updated = QDateTime(QDate::currentDate(), QTime(14, 2)).toUTC();
        FileSpec existing = source;
        existing.path = p(QStringLiteral("there/b.bin"));
        existing.isFile = existingIsFile;
        existing.size = existingIsFile ? 2 : 0;
        std::optional<Conflict> answer;
        gui.askConflict(source, existing, false, [&](Conflict a, bool) { answer = a; });
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("ConflictBox"));
        QVERIFY(box);
        QCOMPARE(box->text(), question);
        QStringList shown;
        for (QAbstractButton *button : box->buttons())
            shown << button->objectName();
        shown.sort();
        QCOMPARE(shown, buttons);
        // Enter takes the harmless default.
        QCOMPARE(box->defaultButton()->objectName(), QStringLiteral("KeepBothButton"));
        box->defaultButton()->click();
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(*answer, Conflict::KeepBoth);
    }
};

QTEST_MAIN(TestOrganizeConflicts)
#include "tst_organize_conflicts.moc"
