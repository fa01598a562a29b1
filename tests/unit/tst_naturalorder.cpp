// Natural name order and file kinds: what the details view sorts by and the icons it picks.
#include "models/FileKind.h"
#include "models/NaturalOrder.h"

#include <QTest>
#include <algorithm>

class TestNaturalOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sortsLikeAFileManager()
    {
        QStringList names {QStringLiteral("img10.png"),
                           QStringLiteral("img2.png"),
                           QStringLiteral("Img1.png"),
                           QStringLiteral("img02.png"),
                           QStringLiteral("b"),
                           QStringLiteral("A"),
                           QStringLiteral("step-100000.ckpt"),
                           QStringLiteral("step-99999.ckpt"),
                           QStringLiteral("x99999999999999999999999"),
                           QStringLiteral("x100000000000000000000000")};
        std::sort(names.begin(), names.end(), NaturalOrder::lessThan);
        QCOMPARE(names,
                 (QStringList {QStringLiteral("A"), QStringLiteral("b"), QStringLiteral("Img1.png"),
                               QStringLiteral("img2.png"), QStringLiteral("img02.png"),
                               QStringLiteral("img10.png"), QStringLiteral("step-99999.ckpt"),
                               QStringLiteral("step-100000.ckpt"),
                               QStringLiteral("x99999999999999999999999"),
                               QStringLiteral("x100000000000000000000000")}));
    }
    // Accented Latin letters sort with their letter, as a file manager shows them; letters that
    // are not an accented ASCII letter (ø) stay after z; the exact name breaks ties.
    void accentsSortWithTheirLetter()
    {
        QStringList names {
            QString::fromUtf8("Zebra"),  QString::fromUtf8("éclair"),  QString::fromUtf8("Ärger"),
            QString::fromUtf8("apfel"),  QString::fromUtf8("eclipse"), QString::fromUtf8("Ölfarbe"),
            QString::fromUtf8("øre"),    QString::fromUtf8("resume"),  QString::fromUtf8("résumé"),
            QString::fromUtf8("Ñandú2"), QString::fromUtf8("nandu10")};
        std::sort(names.begin(), names.end(), NaturalOrder::lessThan);
        QCOMPARE(names,
                 (QStringList {QString::fromUtf8("apfel"), QString::fromUtf8("Ärger"),
                               QString::fromUtf8("éclair"), QString::fromUtf8("eclipse"),
                               QString::fromUtf8("Ñandú2"), QString::fromUtf8("nandu10"),
                               QString::fromUtf8("Ölfarbe"), QString::fromUtf8("resume"),
                               QString::fromUtf8("résumé"), QString::fromUtf8("Zebra"),
                               QString::fromUtf8("øre")}));
        QVERIFY(NaturalOrder::compare(QString::fromUtf8("é"), QStringLiteral("e")) != 0);
        QCOMPARE(NaturalOrder::compare(QString::fromUtf8("é"), QStringLiteral("e")),
                 -NaturalOrder::compare(QStringLiteral("e"), QString::fromUtf8("é")));
    }
    void isATotalOrder()
    {
        QVERIFY(NaturalOrder::compare(QStringLiteral("a"), QStringLiteral("A")) != 0);
        QCOMPARE(NaturalOrder::compare(QStringLiteral("a"), QStringLiteral("a")), 0);
        QCOMPARE(NaturalOrder::compare(QStringLiteral("a"), QStringLiteral("A")),
                 -NaturalOrder::compare(QStringLiteral("A"), QStringLiteral("a")));
        QVERIFY(NaturalOrder::lessThan(QStringLiteral("a"), QStringLiteral("ab")));
        QVERIFY(!NaturalOrder::lessThan(QStringLiteral("ab"), QStringLiteral("a")));
    }
    void kindsByExtension_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("type");
        QTest::newRow("safetensors")
            << "m.safetensors" << int(FileKind::Weights) << "Safetensors weights";
        QTest::newRow("gguf") << "m.Q4.GGUF" << int(FileKind::Weights) << "GGUF weights";
        QTest::newRow("ckpt") << "s.ckpt" << int(FileKind::Weights) << "CKPT weights";
        QTest::newRow("pth") << "s.pth" << int(FileKind::Weights) << "PTH weights";
        QTest::newRow("onnx") << "s.onnx" << int(FileKind::Weights) << "ONNX weights";
        QTest::newRow("tar.gz") << "d.tar.gz" << int(FileKind::Archive) << "TAR.GZ archive";
        QTest::newRow("zip") << "d.zip" << int(FileKind::Archive) << "ZIP archive";
        QTest::newRow("png") << "o.png" << int(FileKind::Image) << "PNG image";
        QTest::newRow("txt") << "README.txt" << int(FileKind::Text) << "TXT file";
        QTest::newRow("none") << "Makefile" << int(FileKind::Generic) << "File";
        QTest::newRow("dotfile") << ".env" << int(FileKind::Generic) << "File";
    }
    void kindsByExtension()
    {
        QFETCH(QString, name);
        QFETCH(int, kind);
        QFETCH(QString, type);
        QCOMPARE(int(FileKind::of(name, false)), kind);
        QCOMPARE(FileKind::typeName(name, false), type);
        QCOMPARE(FileKind::of(name, true), FileKind::Folder);
    }
};

QTEST_GUILESS_MAIN(TestNaturalOrder)
#include "tst_naturalorder.moc"
