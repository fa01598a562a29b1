// SafePathResolver: every accepted route form maps into the root, every hostile one is refused.

#include "emulator/store/SafePathResolver.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using fal::emulator::ResolvedPath;
using fal::emulator::SafePathResolver;

class TestEmulatorPathResolver : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QTemporaryDir m_outside;

    QString root() const { return QDir(m_root.path()).canonicalPath(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        QVERIFY(QDir().mkpath(m_root.path() + QStringLiteral("/models/sub")));
        QVERIFY(QDir().mkpath(m_root.path() + QStringLiteral("/.fal-emulator/tmp")));
        QVERIFY(QDir().mkpath(m_outside.path() + QStringLiteral("/secret")));
        QVERIFY(QFile::link(m_outside.path(), m_root.path() + QStringLiteral("/out")));
        QVERIFY(QFile::link(m_root.path() + QStringLiteral("/models"),
                            m_root.path() + QStringLiteral("/alias")));
        QVERIFY(QFile::link(m_root.path() + QStringLiteral("/.fal-emulator"),
                            m_root.path() + QStringLiteral("/state")));
        QVERIFY(QFile::link(m_root.path() + QStringLiteral("/nowhere"),
                            m_root.path() + QStringLiteral("/dangling")));
        QVERIFY(QFile::link(m_root.path() + QStringLiteral("/out"),
                            m_root.path() + QStringLiteral("/models/chain")));
    }

    void accepted_data()
    {
        QTest::addColumn<QString>("route");
        QTest::addColumn<QString>("relative");
        QTest::newRow("empty is the root") << QString() << QString();
        QTest::newRow("/data is the root") << QStringLiteral("/data") << QString();
        QTest::newRow("//data (fal SDK root)") << QStringLiteral("//data") << QString();
        QTest::newRow("/data/") << QStringLiteral("/data/") << QString();
        QTest::newRow("relative") << QStringLiteral("models/a.bin")
                                  << QStringLiteral("models/a.bin");
        QTest::newRow("absolute") << QStringLiteral("/data/models/a.bin")
                                  << QStringLiteral("models/a.bin");
        QTest::newRow("double slash absolute")
            << QStringLiteral("//data/models/a.bin") << QStringLiteral("models/a.bin");
        QTest::newRow("slashes merge")
            << QStringLiteral("models//sub///x") << QStringLiteral("models/sub/x");
        QTest::newRow("dot segments skip")
            << QStringLiteral("./models/./x") << QStringLiteral("models/x");
        QTest::newRow("relative data/ is /data/data")
            << QStringLiteral("data/x") << QStringLiteral("data/x");
        QTest::newRow("missing path is fine")
            << QStringLiteral("no/such/thing") << QStringLiteral("no/such/thing");
        QTest::newRow("symlink inside root")
            << QStringLiteral("alias/sub") << QStringLiteral("alias/sub");
        QTest::newRow("dots inside a name")
            << QStringLiteral("a..b/...") << QStringLiteral("a..b/...");
        QTest::newRow("reserved name deeper down")
            << QStringLiteral("x/.fal-emulator") << QStringLiteral("x/.fal-emulator");
    }

    void accepted()
    {
        QFETCH(QString, route);
        QFETCH(QString, relative);
        SafePathResolver resolver(m_root.path());
        ResolvedPath out;
        QString error;
        QVERIFY2(resolver.resolve(route, &out, &error), qPrintable(error));
        QCOMPARE(out.relative, relative);
        QCOMPARE(out.localPath, relative.isEmpty() ? root() : root() + QLatin1Char('/') + relative);
        QCOMPARE(out.apiPath(),
                 relative.isEmpty() ? QStringLiteral("/data")
                                    : QStringLiteral("/data/") + relative);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("route");
        QTest::newRow("..") << QByteArray("..");
        QTest::newRow("../etc") << QByteArray("../etc/passwd");
        QTest::newRow("a/../b stays inside but is refused") << QByteArray("models/../models");
        QTest::newRow("//data/../etc") << QByteArray("//data/../etc");
        QTest::newRow("/data/.. ") << QByteArray("/data/..");
        QTest::newRow("absolute outside") << QByteArray("/etc/passwd");
        QTest::newRow("/datafoo") << QByteArray("/datafoo/x");
        QTest::newRow("/ alone") << QByteArray("/");
        QTest::newRow("NUL") << QByteArray("models/a\0b", 10);
        QTest::newRow("invalid UTF-8") << QByteArray("models/\xff\xfe");
        QTest::newRow("reserved") << QByteArray(".fal-emulator");
        QTest::newRow("reserved child") << QByteArray(".fal-emulator/tmp");
        QTest::newRow("reserved absolute") << QByteArray("//data/.fal-emulator/uploads");
        QTest::newRow("symlink out") << QByteArray("out");
        QTest::newRow("through symlink out") << QByteArray("out/secret");
        QTest::newRow("symlink to reserved") << QByteArray("state/tmp");
        QTest::newRow("dangling symlink") << QByteArray("dangling/x");
        QTest::newRow("chained symlink out") << QByteArray("models/chain/secret");
    }

    void refused()
    {
        QFETCH(QByteArray, route);
        SafePathResolver resolver(m_root.path());
        ResolvedPath out;
        out.relative = QStringLiteral("untouched");
        QString error;
        QVERIFY(!resolver.resolve(route.toStdString(), &out, &error));
        QVERIFY(error.startsWith(QStringLiteral("Invalid path")));
        QCOMPARE(out.relative, QStringLiteral("untouched"));
    }

    void staysInsideChecksListedEntries()
    {
        SafePathResolver resolver(m_root.path());
        QVERIFY(resolver.staysInside(root() + QStringLiteral("/models"), nullptr));
        QVERIFY(resolver.staysInside(root() + QStringLiteral("/alias"), nullptr));
        QVERIFY(!resolver.staysInside(root() + QStringLiteral("/out"), nullptr));
        QVERIFY(!resolver.staysInside(root() + QStringLiteral("/dangling"), nullptr));
        QVERIFY(!resolver.staysInside(m_outside.path(), nullptr));
    }

    void namesAndRoot()
    {
        SafePathResolver resolver(m_root.path());
        ResolvedPath out;
        QVERIFY(resolver.resolve(QStringLiteral("//data"), &out, nullptr));
        QVERIFY(out.isRoot());
        QCOMPARE(out.name(), QStringLiteral("data"));
        QVERIFY(resolver.resolve(QStringLiteral("models/sub"), &out, nullptr));
        QCOMPARE(out.name(), QStringLiteral("sub"));
        QCOMPARE(resolver.reservedDir(), root() + QStringLiteral("/.fal-emulator"));
        QVERIFY(!SafePathResolver(m_root.path() + QStringLiteral("/nope")).isValid());
    }
};

QTEST_GUILESS_MAIN(TestEmulatorPathResolver)
#include "tst_emulator_pathresolver.moc"
