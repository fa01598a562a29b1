// The diff a refresh applies: by name, only what changed, the app's own recent changes winning
// over a stale listing until they expire.
#include "models/ListingDiff.h"

#include <QTest>

#include <algorithm>
#include <cstdlib>

namespace {
FileSpec spec(const QString &name, qint64 size = 1, bool isFile = true)
{
    FileSpec s;
    s.path = *RemotePath::parse(QStringLiteral("f/") + name);
    s.name = name;
    s.size = size;
    s.isFile = isFile;
    return s;
}
QStringList names(const QList<FileSpec> &specs)
{
    QStringList out;
    for (const FileSpec &s : specs)
        out << s.name;
    return out;
}
bool byName(const FileSpec &a, const FileSpec &b)
{
    return a.name < b.name;
}
} // namespace

class TestListingDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstListingIsAllAddedInOrder()
    {
        const ListingDiff diff = ListingDiff::compute(
            {}, {spec(QStringLiteral("c")), spec(QStringLiteral("a")), spec(QStringLiteral("b"))},
            {}, byName);
        QCOMPARE(names(diff.added),
                 (QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QVERIFY(diff.removedRows.isEmpty());
        QVERIFY(diff.changed.isEmpty());
    }
    void onlyChangesAreReported()
    {
        const QList<FileSpec> current {
            spec(QStringLiteral("keep")), spec(QStringLiteral("grow"), 1),
            spec(QStringLiteral("gone")), spec(QStringLiteral("kind"), 0, true)};
        const QList<FileSpec> listed {
            spec(QStringLiteral("new")), spec(QStringLiteral("kind"), 0, false),
            spec(QStringLiteral("grow"), 7), spec(QStringLiteral("keep"))};
        const ListingDiff diff = ListingDiff::compute(current, listed, {}, byName);
        QCOMPARE(diff.removedRows, (QList<int> {2, 3})); // "gone", and "kind" that became a folder
        QCOMPARE(diff.changed.size(), 1);
        QCOMPARE(diff.changed.first().first, 1);
        QCOMPARE(diff.changed.first().second.size, 7);
        QCOMPARE(names(diff.added), (QStringList {QStringLiteral("kind"), QStringLiteral("new")}));
    }
    void nothingChangedIsEmpty()
    {
        const QList<FileSpec> same {spec(QStringLiteral("a")), spec(QStringLiteral("b"))};
        QVERIFY(ListingDiff::compute(same, same, {}, byName).isEmpty());
    }
    void expectationsWinUntilTheyExpireOrAgree()
    {
        LocalExpectations expectations;
        expectations.insert(QStringLiteral("deleted"), {false, {}, QDeadlineTimer(60'000)});
        expectations.insert(
            QStringLiteral("created"),
            {true, spec(QStringLiteral("created"), 0, false), QDeadlineTimer(60'000)});
        expectations.insert(QStringLiteral("agreed"),
                            {true, spec(QStringLiteral("agreed")), QDeadlineTimer(60'000)});
        expectations.insert(QStringLiteral("expired"), {false, {}, QDeadlineTimer(0)});
        const QList<FileSpec> current {spec(QStringLiteral("created"), 0, false),
                                       spec(QStringLiteral("agreed"))};
        // A stale listing: still has "deleted" and "expired", lacks "created".
        const QList<FileSpec> listed {spec(QStringLiteral("deleted")),
                                      spec(QStringLiteral("agreed")),
                                      spec(QStringLiteral("expired"))};
        const ListingDiff diff = ListingDiff::compute(current, listed, expectations, byName);
        QVERIFY(diff.removedRows.isEmpty()); // "created" stays
        QCOMPARE(names(diff.added),
                 QStringList {QStringLiteral("expired")}); // the server's word again
        QCOMPARE(diff.settledExpectations,
                 (QSet<QString> {QStringLiteral("agreed"), QStringLiteral("expired")}));
    }
    void duplicateNamesCountOnce()
    {
        const ListingDiff diff = ListingDiff::compute(
            {}, {spec(QStringLiteral("a"), 1), spec(QStringLiteral("a"), 2)},
            {{QStringLiteral("x"), {false, {}, QDeadlineTimer(1000)}}}, byName);
        QCOMPARE(diff.added.size(), 1);
        QCOMPARE(diff.added.first().size, 2);
    }
    // The sort moves each entry once along the permutation's cycles; it must give exactly what
    // std::stable_sort gives, equal keys in their listed order, for any permutation.
    void sortIsStableForAnyOrder()
    {
        const auto bySize = [](const FileSpec &a, const FileSpec &b) { return a.size < b.size; };
        for (int seed = 1; seed <= 50; ++seed) {
            std::srand(unsigned(seed));
            QList<FileSpec> specs;
            const int count = std::rand() % 200;
            for (int i = 0; i < count; ++i)
                specs << spec(QStringLiteral("n%1").arg(i), std::rand() % 10);
            QList<FileSpec> expected = specs;
            std::stable_sort(expected.begin(), expected.end(), bySize);
            const QList<FileSpec> shared = specs; // the sort must not change a shared copy
            ListingDiff::sortStably(specs, bySize);
            QCOMPARE(names(specs), names(expected));
            QCOMPARE(shared.size(), count);
            if (count > 1)
                QCOMPARE(names(shared).first(), QStringLiteral("n0"));
        }
    }
    // The shortcut for answers already in order once folders are put first must give what
    // std::stable_sort gives, whether the order puts folders first or not, whether the answer
    // is in order or not, with ties or without.
    void sortOfAnswersInNameOrderWithFoldersAmongThem()
    {
        const auto byName = [](const FileSpec &a, const FileSpec &b) { return a.name < b.name; };
        const auto foldersFirst = [](const FileSpec &a, const FileSpec &b) {
            return a.isDir() != b.isDir() ? a.isDir() : a.name < b.name;
        };
        const auto foldersFirstBySize = [](const FileSpec &a, const FileSpec &b) {
            return a.isDir() != b.isDir() ? a.isDir() : a.size < b.size; // ties
        };
        const QList<ListingDiff::Order> orders {byName, foldersFirst, foldersFirstBySize};
        for (int seed = 1; seed <= 60; ++seed) {
            std::srand(unsigned(seed));
            QList<FileSpec> specs;
            const int count = std::rand() % 300;
            for (int i = 0; i < count; ++i) {
                specs << spec(QStringLiteral("n%1").arg(i, 4, 10, QLatin1Char('0')),
                              std::rand() % 4);
                specs.last().isFile = std::rand() % 5 != 0;
            }
            if (seed % 3 == 0)
                std::reverse(specs.begin(), specs.end());
            for (const ListingDiff::Order &order : orders) {
                QList<FileSpec> expected = specs;
                std::stable_sort(expected.begin(), expected.end(), order);
                QList<FileSpec> sorted = specs;
                ListingDiff::sortStably(sorted, order);
                QCOMPARE(names(sorted), names(expected));
            }
        }
    }
    // A rediff needs the answer the diff was made from; none is kept beside it.
    void theAnswerIsThereForARediff()
    {
        const ListingDiff first = ListingDiff::compute(
            {}, {spec(QStringLiteral("b")), spec(QStringLiteral("a"))}, {}, byName);
        QVERIFY(first.listing.isEmpty());
        QCOMPARE(names(first.answer()), (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
        const ListingDiff refresh = ListingDiff::compute(
            {spec(QStringLiteral("a"))}, {spec(QStringLiteral("c")), spec(QStringLiteral("a"))},
            {{QStringLiteral("made"),
              {true, spec(QStringLiteral("made")), QDeadlineTimer(60'000)}}},
            byName);
        // What the app made itself is shown, but is not part of the server's answer.
        QCOMPARE(names(refresh.added), (QStringList {QStringLiteral("c"), QStringLiteral("made")}));
        QCOMPARE(names(refresh.answer()), (QStringList {QStringLiteral("c"), QStringLiteral("a")}));
    }
};

QTEST_GUILESS_MAIN(TestListingDiff)
#include "tst_listingdiff.moc"
