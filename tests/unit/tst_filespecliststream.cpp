// (No raw string literals here: Qt 6.4's moc loses track of the class after one.)
// FileSpecListStream (network/api/FileSpecListStream.h) reads a listing while it arrives and
// must say of it exactly what FileSpecListParser::parse() says of the whole answer: the same
// entries, the same left out, the same error sentence. These documents arrive a few bytes at a
// time, cut anywhere (inside strings holding ']', '}' and escaped quotes, between an entry and its
// comma), and what the stream holds besides the entries must stay about a piece.

#include "network/api/FileSpecListParser.h"
#include "network/api/FileSpecListStream.h"
#include "tests/support/HostileListing.h"

#include <QTest>

namespace {

struct Outcome
{
    bool ok = false;
    QStringList paths;
    QStringList skipped;
    QString error;
    bool lenient = false; // the stream handed the rest to Qt
};

Outcome outcome(const std::optional<QList<FileSpec>> &specs, const QString &error,
                const QStringList &skipped)
{
    Outcome out;
    out.ok = bool(specs);
    out.error = error;
    out.skipped = skipped;
    if (specs) {
        for (const FileSpec &spec : *specs)
            out.paths << spec.path.absolute() + (spec.isFile ? QString() : QStringLiteral("/"))
                    + QString::number(spec.size);
    }
    return out;
}

Outcome whole(const QByteArray &json)
{
    QString error;
    QStringList skipped;
    const auto specs = FileSpecListParser::parse(json, &error, &skipped);
    return outcome(specs, error, skipped);
}

// `json` cut at each of `cuts` (offsets, ascending), or in parts of `partBytes`.
Outcome streamed(const QByteArray &json, const QList<qsizetype> &cuts, qsizetype pieceBytes)
{
    FileSpecListStream stream(json.size(), pieceBytes);
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        stream.append(json.constData() + from, cut - from);
        from = cut;
    }
    stream.append(json.constData() + from, json.size() - from);
    QString error;
    QStringList skipped;
    const auto specs = stream.finish(&error, &skipped);
    Outcome out = outcome(specs, error, skipped);
    out.lenient = stream.lenient();
    return out;
}

QList<qsizetype> partsOf(qsizetype size, qsizetype partBytes)
{
    QList<qsizetype> cuts;
    for (qsizetype at = partBytes; at < size; at += partBytes)
        cuts << at;
    return cuts;
}

void compare(const Outcome &got, const Outcome &expected)
{
    QCOMPARE(got.ok, expected.ok);
    QCOMPARE(got.error, expected.error);
    QCOMPARE(got.paths, expected.paths);
    QCOMPARE(got.skipped, expected.skipped);
}

QByteArray entry(int i, const QByteArray &name = {})
{
    return hostileListingEntry(i, name);
}

QByteArray listing(int count)
{
    QByteArray json = "[";
    for (int i = 0; i < count; ++i)
        json += (i ? ",\n " : "") + entry(i);
    return json + "]";
}

} // namespace

class TestFileSpecListStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aFewBytesAtATime_data()
    {
        QTest::addColumn<QByteArray>("json");
        const QByteArray three = listing(3);
        QTest::newRow("listing") << three;
        QTest::newRow("empty") << QByteArray(" [ ]\n");
        QTest::newRow("nothing") << QByteArray();
        QTest::newRow("cut in an entry") << three.left(three.size() - 20);
        QTest::newRow("cut after a comma") << three.left(three.indexOf("},") + 2);
        QTest::newRow("garbage after the array") << three + " x";
        QTest::newRow("a second array") << three + "[]";
        QTest::newRow("trailing comma") << three.left(three.size() - 1) + ",]";
        QTest::newRow("two commas") << entry(1).prepend("[").append(",,") + entry(2) + "]";
        QTest::newRow("not an array") << QByteArray("{\"path\":\"/data/d/a\"}");
        QTest::newRow("an array of numbers after entries")
            << three.left(three.size() - 1) + ",1,2]";
        QTest::newRow("a huge number")
            << "[" + entry(1) + ",{\"path\":\"/data/d/b\",\"size\":1e400}]";
        QTest::newRow("a wrong type")
            << "[" + entry(1) + ",{\"path\":\"/data/d/b\",\"size\":\"x\"}]";
        QTest::newRow("a name listed with a slash")
            << "[" + entry(1) + ",{\"path\":\"/data/d/b\\\\c\",\"is_file\":true}]";
        // Not plain JSON, read by Qt (the rest behind "[0,"), entries before it by simdjson.
        QTest::newRow("raw tab in a later string")
            << "[" + entry(1) + "," + entry(2, "b\tc") + "," + entry(3) + "]";
        QTest::newRow("unknown escape later")
            << "[" + entry(1) + ",{\"path\":\"/data/d/\\q\",\"is_file\":true}]";
        QTest::newRow("byte order mark") << "\xEF\xBB\xBF" + three;
        QTest::newRow("deep nesting later") << "[" + entry(1) + ",{\"path\":\"/data/d/n\",\"x\":"
                + QByteArray(300, '[') + QByteArray(300, ']') + "}]";
    }
    void aFewBytesAtATime()
    {
        QFETCH(QByteArray, json);
        const Outcome expected = whole(json);
        // Plain JSON is read by simdjson as it arrives, never handed to Qt at the end.
        const bool plain = bool(FileSpecListParser::parseStrict(json));
        for (const qsizetype pieceBytes : {qsizetype(1), qsizetype(64), qsizetype(100'000)}) {
            for (qsizetype part = 1; part <= 7; ++part) {
                const Outcome got = streamed(json, partsOf(json.size(), part), pieceBytes);
                compare(got, expected);
                QVERIFY(!(plain && got.lenient));
            }
        }
    }

    // Cut in two at every byte: inside a string holding ']', '}' and escaped quotes and
    // backslashes, right after a backslash, between an entry and its comma.
    void cutAnywhere()
    {
        const QByteArray json
            = "[" + entry(1, "a]}b") + "," + entry(2, "q\\\"x") + ",\n" + entry(3) + " ]\n";
        const Outcome expected = whole(json);
        QVERIFY(expected.ok);
        QCOMPARE(expected.paths.size(), 3);
        for (qsizetype cut = 1; cut < json.size(); ++cut) {
            for (const qsizetype pieceBytes : {qsizetype(1), qsizetype(100'000)}) {
                const Outcome got = streamed(json, {cut}, pieceBytes);
                compare(got, expected);
                QVERIFY(!got.lenient);
            }
        }
    }

    // What is held besides the entries is about a piece, whatever the answer's size.
    void holdsAboutAPiece()
    {
        const QByteArray json = listing(40'000); // ~4 MiB
        QVERIFY(json.size() > 3 * FileSpecListParser::kPieceBytes);
        FileSpecListStream stream(json.size());
        qsizetype mostHeld = 0;
        constexpr qsizetype kPart = 16 * 1024;
        for (qsizetype at = 0; at < json.size(); at += kPart) {
            stream.append(json.constData() + at, qMin(kPart, json.size() - at));
            mostHeld = qMax(mostHeld, stream.heldBytes());
        }
        QVERIFY(!stream.lenient());
        QVERIFY2(mostHeld < FileSpecListParser::kPieceBytes + 2 * kPart,
                 qPrintable(QString::number(mostHeld)));
        QString error;
        const auto specs = stream.finish(&error);
        QVERIFY2(specs, qPrintable(error));
        QCOMPARE(specs->size(), 40'000);
        QCOMPARE(specs->last().size, 39'999);
    }

    // Past kMaxLenientBytes, an answer simdjson gives up on is refused with parse()'s sentence,
    // and its rest is not kept while it arrives.
    void aLargeAnswerThatIsNotPlainJsonIsNotKept()
    {
        FileSpecListStream stream;
        stream.append(QByteArray("[" + entry(0) + "," + entry(1, "b\tc")));
        const QByteArray more = "," + entry(2) + QByteArray(1024 * 1024, ' ');
        qint64 total = 0;
        while (total <= FileSpecListParser::kMaxLenientBytes) {
            stream.append(more);
            total += more.size();
        }
        QVERIFY(stream.lenient()); // at the first piece: the raw tab
        QCOMPARE(stream.heldBytes(), 0);
        stream.append(QByteArray("]"));
        QString error;
        QVERIFY(!stream.finish(&error));
        QVERIFY2(error.contains(QStringLiteral("is not plain JSON")), qPrintable(error));
    }

    // One entry larger than a piece may be (kMaxPieceBytes): given up on once the part that
    // arrived is larger, and not kept.
    void anEntryTooLargeForAPieceIsNotKept()
    {
        FileSpecListStream stream;
        stream.append(QByteArray("[" + entry(0) + ",{\"path\":\"/data/d/big\",\"note\":\""));
        const QByteArray filler(1024 * 1024, 'x');
        qsizetype mostHeld = 0;
        for (qsizetype sent = 0; sent <= FileSpecListParser::kMaxPieceBytes;
             sent += filler.size()) {
            stream.append(filler);
            mostHeld = qMax(mostHeld, stream.heldBytes());
        }
        QVERIFY(stream.lenient());
        QCOMPARE(stream.heldBytes(), 0);
        QVERIFY(mostHeld <= FileSpecListParser::kMaxPieceBytes + filler.size());
        stream.append(QByteArray("\"}]"));
        QString error;
        QVERIFY(!stream.finish(&error));
        QVERIFY2(error.contains(QStringLiteral("is not plain JSON")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestFileSpecListStream)
#include "tst_filespecliststream.moc"
