// Quitting with transfers under way asks first, and says they go on at the next start; with
// nothing moving the window closes at once.
#include "tests/gui/MainWindowFixture.h"

#include <QMessageBox>
#include <QPushButton>

class TestQuitQuestion : public QObject, private MainWindowFixture
{
    Q_OBJECT

    QMessageBox *question() const
    {
        return window->findChild<QMessageBox *>(QStringLiteral("QuitWhileTransferringBox"));
    }

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void closesAtOnceWhenNothingMoves()
    {
        window->close();
        QVERIFY(!window->isVisible());
        QVERIFY(!question());
    }

    void asksWhileATransferRuns()
    {
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 4000; // every request waits: the upload stays under way
        f->server().setFaults(slow);
        QTemporaryDir local;
        const QString file = local.filePath(QStringLiteral("big.bin"));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray(64 * 1024, 'x'));
        }
        transfers->upload({file}, p(QStringLiteral("outputs")));
        QTRY_VERIFY(!transfers->totals().isIdle());

        window->close();
        QTRY_VERIFY(question() && question()->isVisible());
        QVERIFY(window->isVisible());
        QVERIFY2(question()->text().startsWith(QStringLiteral("1 file still under way")),
                 qPrintable(question()->text()));
        QVERIFY(question()->text().contains(QStringLiteral("start fal Files again")));
        QTest::mouseClick(question()->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(!question());
        QVERIFY(window->isVisible());

        window->close();
        QTRY_VERIFY(question() && question()->isVisible());
        QPushButton *quit = nullptr;
        for (QAbstractButton *button : question()->buttons()) {
            if (question()->buttonRole(button) == QMessageBox::AcceptRole)
                quit = qobject_cast<QPushButton *>(button);
        }
        QVERIFY(quit);
        QTest::mouseClick(quit, Qt::LeftButton);
        QTRY_VERIFY(!window->isVisible());
        f->server().setFaults({});
    }
};

QTEST_MAIN(TestQuitQuestion)
#include "tst_quit_question.moc"
