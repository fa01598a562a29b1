// The forms a path is copied in, and the back/forward history of the window.
#include "ui/browse/NavigationHistory.h"
#include "ui/browse/PathClipboard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QTest>

namespace {
RemotePath p(const QString &text)
{
    return *RemotePath::parse(text);
}
FileSpec file(const QString &text)
{
    FileSpec spec;
    spec.path = p(text);
    spec.name = spec.path.name();
    return spec;
}
} // namespace

class TestPathClipboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forms()
    {
        const QList<FileSpec> one {file(QStringLiteral("models/a b.safetensors"))};
        const QList<FileSpec> two {file(QStringLiteral("a")), file(QStringLiteral("dir/\"q\""))};
        QCOMPARE(PathClipboard::text(one, PathClipboard::Form::Plain),
                 QStringLiteral("/data/models/a b.safetensors"));
        QCOMPARE(PathClipboard::text(two, PathClipboard::Form::Plain),
                 QStringLiteral("/data/a\n/data/dir/\"q\""));
        QCOMPARE(PathClipboard::text(one, PathClipboard::Form::Python),
                 QStringLiteral("\"/data/models/a b.safetensors\""));
        QCOMPARE(PathClipboard::text(two, PathClipboard::Form::Python),
                 QStringLiteral("[\"/data/a\", \"/data/dir/\\\"q\\\"\"]"));
        QCOMPARE(PathClipboard::text(one, PathClipboard::Form::UrlPath),
                 QStringLiteral("/files/file/models/a%20b.safetensors"));
        QCOMPARE(PathClipboard::text({FileSpec::folder(RemotePath())}, PathClipboard::Form::Plain),
                 QStringLiteral("/data"));
        // A folder's URL path lists it: /files/file/ of a folder is a 404.
        QCOMPARE(PathClipboard::text({FileSpec::folder(p(QStringLiteral("models/my sub")))},
                                     PathClipboard::Form::UrlPath),
                 QStringLiteral("/files/list/models/my%20sub"));
        QCOMPARE(
            PathClipboard::text({FileSpec::folder(RemotePath())}, PathClipboard::Form::UrlPath),
            QStringLiteral("/files/list"));
        QCOMPARE(PathClipboard::pythonString(QStringLiteral("a\nb")),
                 QStringLiteral("\"a\\x0ab\""));
        QCOMPARE(PathClipboard::pythonString(QStringLiteral("a\\b")), QStringLiteral("\"a\\\\b\""));
    }
    void copiesToTheClipboard()
    {
        PathClipboard::copy({file(QStringLiteral("x"))}, PathClipboard::Form::Plain);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("/data/x"));
    }
    void history()
    {
        NavigationHistory h;
        QVERIFY(!h.canGoBack());
        h.visit(p(QStringLiteral("a")));
        h.visit(p(QStringLiteral("a"))); // the same folder twice is one step
        h.visit(p(QStringLiteral("a/b")));
        h.visit(p(QStringLiteral("c")));
        QCOMPARE(h.back(), p(QStringLiteral("a/b")));
        QCOMPARE(h.back(), p(QStringLiteral("a")));
        QVERIFY(!h.canGoBack());
        QCOMPARE(h.forward(), p(QStringLiteral("a/b")));
        h.visit(p(QStringLiteral("d"))); // drops the forward list
        QVERIFY(!h.canGoForward());
        h.forget(p(QStringLiteral("a"))); // deleted: a and a/b leave
        QCOMPARE(h.current(), p(QStringLiteral("d")));
        QVERIFY(!h.canGoBack());
    }
};

QTEST_MAIN(TestPathClipboard)
#include "tst_pathclipboard.moc"
