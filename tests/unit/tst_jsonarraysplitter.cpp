// (No raw string literals here: Qt 6.4's moc loses track of the class after one.)
// JsonArraySplitter (network/api/JsonArraySplitter.h) finds where the entries of a listing end
// without parsing them, so that FileSpecListParser parses a listing of any size in pieces. What
// it gets wrong, the real parser must catch; what it refuses, the caller hands to Qt.

#include "network/api/FileSpecListParser.h"
#include "network/api/JsonArraySplitter.h"

#include <QTest>

namespace {

// Every piece the splitter hands out for `json`, `minBytes` at least each; "FAILED" last when
// it failed.
QStringList pieces(const QByteArray &json, qsizetype minBytes = 1)
{
    JsonArraySplitter splitter(json.constData(), json.size());
    QStringList out;
    for (std::string_view piece; !(piece = splitter.next(minBytes)).empty();)
        out << QString::fromUtf8(piece.data(), qsizetype(piece.size()));
    if (splitter.failed())
        out << QStringLiteral("FAILED");
    else if (!splitter.finished())
        out << QStringLiteral("UNFINISHED");
    return out;
}

// The same, with the document arriving `partBytes` at a time (and the splitter asked for pieces
// after every part, as FileSpecListStream does).
QStringList piecesArriving(const QByteArray &json, qsizetype partBytes, qsizetype minBytes = 1)
{
    JsonArraySplitter splitter;
    QStringList out;
    const auto drain = [&] {
        for (std::string_view piece; !(piece = splitter.next(minBytes)).empty();)
            out << QString::fromUtf8(piece.data(), qsizetype(piece.size()));
    };
    for (qsizetype at = 0; at < json.size() && !splitter.failed(); at += partBytes) {
        splitter.append(json.constData() + at, qMin(partBytes, json.size() - at));
        drain();
    }
    if (!splitter.failed()) {
        splitter.close();
        drain();
    }
    if (splitter.failed())
        out << QStringLiteral("FAILED");
    else if (!splitter.finished())
        out << QStringLiteral("UNFINISHED");
    return out;
}

QByteArray entry(int i, qsizetype padding = 0)
{
    return "{\"path\":\"/data/d/f" + QByteArray::number(i) + "\",\"is_file\":true,\"size\":"
        + QByteArray::number(i) + ",\"note\":\"" + QByteArray(padding, 'x') + "\"}";
}

} // namespace

class TestJsonArraySplitter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void elements_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("empty") << QByteArray("[]") << QStringList();
        QTest::newRow("empty, spaced") << QByteArray(" \r\n[ \t]\n") << QStringList();
        QTest::newRow("three") << QByteArray("[1, {\"a\":2} ,[3]]")
                               << QStringList({"1", "{\"a\":2} ", "[3]"});
        QTest::newRow("brackets and commas in strings")
            << QByteArray("[{\"n\":\"a],b\"},{\"n\":\"}{[\"}]")
            << QStringList({"{\"n\":\"a],b\"}", "{\"n\":\"}{[\"}"});
        QTest::newRow("escaped quote")
            << QByteArray("[\"a\\\"],\", \"b\"]") << QStringList({"\"a\\\"],\"", "\"b\""});
        QTest::newRow("escaped backslash before the quote")
            << QByteArray("[\"a\\\\\", \"b\\\\\\\\\"]")
            << QStringList({"\"a\\\\\"", "\"b\\\\\\\\\""});
        QTest::newRow("nested") << QByteArray("[{\"a\":[1,{\"b\":[2,3]}]},4]")
                                << QStringList({"{\"a\":[1,{\"b\":[2,3]}]}", "4"});
        // What it cannot place, it refuses: the whole document then goes to Qt.
        QTest::newRow("no array") << QByteArray("{\"a\":1}") << QStringList({"FAILED"});
        QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF[]") << QStringList({"FAILED"});
        QTest::newRow("nothing") << QByteArray("") << QStringList({"FAILED"});
        QTest::newRow("trailing comma") << QByteArray("[1,]") << QStringList({"1", "FAILED"});
        QTest::newRow("leading comma") << QByteArray("[,1]") << QStringList({"FAILED"});
        QTest::newRow("two commas") << QByteArray("[1,,2]") << QStringList({"1", "FAILED"});
        QTest::newRow("unclosed") << QByteArray("[1,2") << QStringList({"1", "FAILED"});
        QTest::newRow("unclosed string") << QByteArray("[\"a]") << QStringList({"FAILED"});
        QTest::newRow("garbage after") << QByteArray("[1] x") << QStringList({"FAILED"});
        QTest::newRow("second array") << QByteArray("[] []") << QStringList({"FAILED"});
        QTest::newRow("closed by a brace") << QByteArray("[1}") << QStringList({"FAILED"});
        // Only the real parser sees that these are wrong: the pieces carry them to it.
        QTest::newRow("two values in one element")
            << QByteArray("[{} {}]") << QStringList({"{} {}"});
        QTest::newRow("mismatched brackets inside") << QByteArray("[{]]") << QStringList({"{]"});
    }
    void elements()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, expected);
        QCOMPARE(pieces(json), expected);
        // Arriving a byte, two, three or seven at a time changes nothing: a part may end inside
        // a string, after a backslash, between a bracket and its element.
        for (const qsizetype part : {1, 2, 3, 7})
            QCOMPARE(piecesArriving(json, part), expected);
    }

    // A document arriving in parts is held only until its pieces are handed out: the rest()
    // starts after the last piece, whatever came before.
    void anArrivingDocumentKeepsOnlyWhatIsNotHandedOut()
    {
        JsonArraySplitter splitter;
        QByteArray json = "[";
        for (int i = 0; i < 2000; ++i)
            json += (i ? "," : "") + entry(i);
        json += "]";
        QList<QByteArray> got;
        qsizetype mostHeld = 0;
        const auto drain = [&] {
            for (std::string_view piece; !(piece = splitter.next(300)).empty();)
                got << QByteArray(piece.data(), qsizetype(piece.size()));
        };
        for (qsizetype at = 0; at < json.size(); at += 5) {
            splitter.append(json.constData() + at, qMin<qsizetype>(5, json.size() - at));
            drain();
            mostHeld = qMax(mostHeld, qsizetype(splitter.rest().size()));
            QVERIFY(!splitter.failed());
        }
        splitter.close();
        drain();
        QVERIFY(splitter.finished());
        QCOMPARE(got.join(','), json.mid(1, json.size() - 2));
        QVERIFY2(mostHeld < 600, qPrintable(QString::number(mostHeld))); // a piece and an entry
    }

    // After the closing bracket, bytes arriving later still decide: the last piece is held back
    // until close() says nothing else came.
    void garbageArrivingAfterTheArrayFails()
    {
        JsonArraySplitter splitter;
        splitter.append("[1,2]", 5);
        QVERIFY(splitter.next(1) == "1");
        QVERIFY(splitter.next(1).empty());
        QVERIFY(splitter.needsMore());
        splitter.append(" \n x", 4);
        QVERIFY(splitter.next(1).empty());
        QVERIFY(splitter.failed());
        QCOMPARE(QByteArray(splitter.rest().data(), qsizetype(splitter.rest().size())),
                 QByteArray("2] \n x"));
    }

    void piecesHoldWholeEntriesOfAtLeastTheSizeAsked()
    {
        QByteArray json = "[";
        for (int i = 0; i < 100; ++i)
            json += (i ? "," : "") + entry(i);
        json += "]";
        const QStringList got = pieces(json, 500);
        QVERIFY(got.size() > 1 && got.size() < 100);
        for (qsizetype i = 0; i + 1 < got.size(); ++i)
            QVERIFY(got.at(i).size() >= 500);
        // Joined with the commas between them, the pieces are the array's content.
        QCOMPARE(got.join(QLatin1Char(',')).toUtf8(), json.mid(1, json.size() - 2));
    }

    // The pieces are parsed the same whatever their size.
    void theParserGivesTheSameEntriesForAnyPieceSize()
    {
        QByteArray json = "[";
        for (int i = 0; i < 300; ++i)
            json += (i ? ",\n " : "") + entry(i, i % 7);
        json += "]";
        const auto whole = FileSpecListParser::parseWithQt(json);
        QVERIFY(whole && whole->size() == 300);
        for (const qsizetype pieceBytes :
             {qsizetype(1), qsizetype(100), qsizetype(4096), FileSpecListParser::kPieceBytes}) {
            const auto split = FileSpecListParser::parseStrict(json, nullptr, pieceBytes);
            QVERIFY(split);
            QCOMPARE(split->size(), whole->size());
            for (qsizetype i = 0; i < split->size(); ++i)
                QCOMPARE(split->at(i).path, whole->at(i).path);
        }
    }

    // A listing larger than Qt's limit (a million entries are 160 MB): read by simdjson in
    // pieces; one that is not plain JSON is refused with a sentence, never handed to Qt.
    void aListingLargerThanQtsLimit()
    {
        const qsizetype padding = 4000;
        const int count = int(FileSpecListParser::kMaxLenientBytes / padding) + 100;
        QByteArray json;
        json.reserve(count * (padding + 80));
        json += "[";
        for (int i = 0; i < count; ++i)
            json += (i ? "," : "") + entry(i, padding);
        json += "]";
        QVERIFY(json.size() > FileSpecListParser::kMaxLenientBytes);

        QString error;
        const auto specs = FileSpecListParser::parse(json, &error);
        QVERIFY2(specs, qPrintable(error));
        QCOMPARE(specs->size(), count);
        QCOMPARE(specs->last().size, count - 1);

        json[json.size() / 2] = '\x01'; // inside a "note": a raw control character
        const auto refused = FileSpecListParser::parse(json, &error);
        QVERIFY(!refused);
        QVERIFY2(error.contains(QStringLiteral("not plain JSON")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestJsonArraySplitter)
#include "tst_jsonarraysplitter.moc"
