// The order of the details view's columns (RemoteSortFilterProxy::sortsBefore, which the model's
// batched inserts use too): folders first in both directions, and the Type column by the words it
// shows.
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"

#include <QTest>
#include <algorithm>

namespace {
FileSpec entry(const QString &name, bool isFile = true)
{
    FileSpec spec;
    spec.path = *RemotePath::parse(name);
    spec.name = name;
    spec.isFile = isFile;
    return spec;
}
QStringList sorted(QList<FileSpec> specs, int column, Qt::SortOrder order)
{
    std::sort(specs.begin(), specs.end(), [&](const FileSpec &a, const FileSpec &b) {
        return RemoteSortFilterProxy::sortsBefore(a, b, column, order);
    });
    QStringList names;
    for (const FileSpec &spec : specs)
        names << spec.name;
    return names;
}
} // namespace

class TestSortOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typeSortsByTheShownText()
    {
        const QList<FileSpec> specs {entry(QStringLiteral("z.png")), entry(QStringLiteral("b.txt")),
                                     entry(QStringLiteral("m.safetensors")),
                                     entry(QStringLiteral("a.gguf")),
                                     entry(QStringLiteral("dir"), false)};
        // "GGUF weights" < "PNG image" < "Safetensors weights" < "TXT file"; the folder first.
        QCOMPARE(
            sorted(specs, RemoteTreeModel::TypeColumn, Qt::AscendingOrder),
            (QStringList {QStringLiteral("dir"), QStringLiteral("a.gguf"), QStringLiteral("z.png"),
                          QStringLiteral("m.safetensors"), QStringLiteral("b.txt")}));
        QCOMPARE(sorted(specs, RemoteTreeModel::TypeColumn, Qt::DescendingOrder),
                 (QStringList {QStringLiteral("dir"), QStringLiteral("b.txt"),
                               QStringLiteral("m.safetensors"), QStringLiteral("z.png"),
                               QStringLiteral("a.gguf")}));
    }
    void sameTypeFallsBackToTheName()
    {
        const QList<FileSpec> specs {entry(QStringLiteral("b10.png")),
                                     entry(QStringLiteral("b9.png"))};
        QCOMPARE(sorted(specs, RemoteTreeModel::TypeColumn, Qt::AscendingOrder),
                 (QStringList {QStringLiteral("b9.png"), QStringLiteral("b10.png")}));
    }
};

QTEST_GUILESS_MAIN(TestSortOrder)
#include "tst_sortorder.moc"
