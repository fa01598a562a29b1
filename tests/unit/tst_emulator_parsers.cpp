// The emulator's small parsers and deciders: multipart/form-data split at every byte, Range
// headers, FileSpec numbers, the request log line format and the fault dice.

#include "emulator/routes/DownloadHandler.h"
#include "emulator/routes/FileSpecJson.h"
#include "emulator/routes/MultipartFormParser.h"
#include "emulator/server/FaultInjector.h"
#include "emulator/server/RequestLog.h"
#include "tests/support/EmulatorTestSupport.h"

#include <QTest>

using namespace emutest;

namespace {

struct Parsed
{
    bool ok = true;
    bool complete = false;
    QStringList names;
    QStringList filenames;
    QList<QByteArray> contents;
    QString error;
};

Parsed parse(const std::string &boundary, const QByteArray &body, int step)
{
    Parsed p;
    MultipartFormParser parser(boundary);
    parser.onPartBegin = [&](const MultipartFormParser::PartHeader &h) {
        p.names << h.name;
        p.filenames << (h.hasFilename ? h.filename : QStringLiteral("<none>"));
        p.contents << QByteArray();
        return true;
    };
    parser.onPartData = [&](const char *d, size_t n) {
        p.contents.last().append(d, qsizetype(n));
        return true;
    };
    for (qsizetype i = 0; i < body.size() && p.ok; i += step)
        p.ok = parser.feed(body.constData() + i, size_t(qMin<qsizetype>(step, body.size() - i)));
    p.complete = parser.isComplete();
    p.error = parser.error();
    return p;
}

} // namespace

class TestEmulatorParsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void multipartAtEverySplit()
    {
        // Content full of near-boundaries: CRLFs, dashes, the boundary without its CRLF.
        const std::string boundary = "b0undary";
        const QByteArray tricky = "\r\n--b0undar\r\n-\r\n-b0undary X--b0undary\r\r\n\n--\r\n-";
        const QByteArray body = "preamble\r\n--b0undary\r\n"
                                "Content-Disposition: form-data; name=\"meta\"\r\n\r\n"
                                "value\r\n--b0undary\r\n"
                                "Content-Disposition: form-data; name=\"file_upload\"; "
                                "filename=\"we \\\"ird\\\" name.bin\"\r\n"
                                "Content-Type: application/octet-stream\r\n\r\n"
            + tricky + "\r\n--b0undary--\r\nepilogue";
        for (int step : {1, 2, 3, 5, 7, 13, 64, 4096}) {
            const Parsed p = parse(boundary, body, step);
            QVERIFY2(p.ok, qPrintable(p.error));
            QVERIFY(p.complete);
            QCOMPARE(p.names, QStringList({"meta", "file_upload"}));
            QCOMPARE(p.filenames.last(), QStringLiteral("we \"ird\" name.bin"));
            QCOMPARE(p.contents.first(), QByteArray("value"));
            QCOMPARE(p.contents.last(), tricky);
        }
    }

    void multipartSdkShape()
    {
        const Form form = fileForm(std::string("\0\1\2 binary", 10), "chunk");
        std::string boundary;
        QVERIFY(MultipartFormParser::boundaryFromContentType(form.contentType, &boundary));
        const Parsed p = parse(boundary, QByteArray::fromStdString(form.body), 4096);
        QVERIFY(p.ok && p.complete);
        QCOMPARE(p.contents.first(), QByteArray("\0\1\2 binary", 10));
        QCOMPARE(p.filenames.first(), QStringLiteral("chunk"));
    }

    void multipartTruncatedIsIncomplete()
    {
        const Form form = fileForm("payload");
        std::string boundary;
        QVERIFY(MultipartFormParser::boundaryFromContentType(form.contentType, &boundary));
        const QByteArray body = QByteArray::fromStdString(form.body);
        const Parsed p = parse(boundary, body.left(body.size() - 10), 3);
        QVERIFY(p.ok);
        QVERIFY(!p.complete);
    }

    void multipartMalformed()
    {
        const Parsed noDisposition
            = parse("xx", "--xx\r\nContent-Type: text/plain\r\n\r\nv\r\n--xx--\r\n", 4);
        QVERIFY(!noDisposition.ok);
        QVERIFY(!noDisposition.error.isEmpty());
        const Parsed noBoundary = parse("xx", QByteArray(20000, 'a'), 1000);
        QVERIFY(!noBoundary.ok);
    }

    void multipartLimitsDoNotDependOnSplits_data()
    {
        // The verdict on a limit was taken only while its terminator was still awaited, so a
        // body read in one go passed and the same body split by the network failed.
        const QByteArray disposition = "Content-Disposition: form-data; name=\"f\"";
        auto body = [&](qsizetype preamble, qsizetype padding, qsizetype headerPad) -> QByteArray {
            return QByteArray(preamble, 'p') + "\r\n--b" + QByteArray(padding, ' ') + "\r\n"
                + disposition + QByteArray(headerPad, ' ') + "\r\n\r\nx\r\n--b--";
        };
        const qsizetype headers = disposition.size();
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("ok");
        QTest::newRow("padding at the limit") << body(0, 1024, 0) << true;
        QTest::newRow("padding over") << body(0, 1025, 0) << false;
        QTest::newRow("headers at the limit") << body(0, 0, 16384 - headers) << true;
        QTest::newRow("headers over") << body(0, 0, 16385 - headers) << false;
        QTest::newRow("preamble at the limit") << body(16384 - 2, 0, 0) << true;
        QTest::newRow("preamble over") << body(16385 - 2, 0, 0) << false;
    }

    void multipartLimitsDoNotDependOnSplits()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, ok);
        for (int step : {1, 2, 3, 4, 7, 1000, 1023, 1024, 1025, 1026, 4096, 16385, 100000}) {
            const Parsed p = parse("b", body, step);
            QVERIFY2(p.ok == ok, qPrintable(QStringLiteral("step %1: %2").arg(step).arg(p.error)));
            QCOMPARE(p.complete, ok);
        }
    }

    void boundaryFromContentType()
    {
        std::string b;
        QVERIFY(
            MultipartFormParser::boundaryFromContentType("multipart/form-data; boundary=abc", &b));
        QCOMPARE(b, std::string("abc"));
        QVERIFY(MultipartFormParser::boundaryFromContentType(
            "Multipart/Form-Data;boundary=\"a b;c\"", &b));
        QCOMPARE(b, std::string("a b;c"));
        QVERIFY(!MultipartFormParser::boundaryFromContentType("application/json", &b));
        QVERIFY(!MultipartFormParser::boundaryFromContentType("multipart/form-data", &b));
    }

    void ranges_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("applies");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qint64>("last");
        QTest::newRow("closed") << "bytes=10-19" << 100ll << true << 10ll << 19ll;
        QTest::newRow("open") << "bytes=90-" << 100ll << true << 90ll << 99ll;
        QTest::newRow("suffix") << "bytes=-5" << 100ll << true << 95ll << 99ll;
        QTest::newRow("suffix larger than file") << "bytes=-500" << 100ll << true << 0ll << 99ll;
        QTest::newRow("end clamps") << "bytes=50-1000" << 100ll << true << 50ll << 99ll;
        QTest::newRow("beyond end") << "bytes=100-" << 100ll << true << -1ll << -1ll;
        QTest::newRow("empty file") << "bytes=0-" << 0ll << true << -1ll << -1ll;
        QTest::newRow("suffix zero") << "bytes=-0" << 100ll << true << -1ll << -1ll;
        QTest::newRow("several ranges are ignored")
            << "bytes=0-1,5-6" << 100ll << false << 0ll << 0ll;
        QTest::newRow("backwards is ignored") << "bytes=9-2" << 100ll << false << 0ll << 0ll;
        QTest::newRow("other unit") << "items=1-2" << 100ll << false << 0ll << 0ll;
    }

    void ranges()
    {
        QFETCH(QString, header);
        QFETCH(qint64, size);
        QFETCH(bool, applies);
        QFETCH(qint64, first);
        QFETCH(qint64, last);
        const auto range = DownloadHandler::parseRange(header, size);
        QCOMPARE(range.has_value(), applies);
        if (applies) {
            QCOMPARE(range->first, first);
            QCOMPARE(range->second, last);
        }
    }

    void fileSpecNumbersAreFloats()
    {
        QCOMPARE(FileSpecJson::number(1747900000.0), QByteArray("1747900000.0"));
        QCOMPARE(FileSpecJson::number(1747900000.25), QByteArray("1747900000.25"));
        QCOMPARE(FileSpecJson::string(QStringLiteral("a\"b\\c\nd\x01")),
                 QByteArray("\"a\\\"b\\\\c\\nd\\u0001\""));
    }

    void requestLogLineRoundTrip()
    {
        RequestLogEntry e;
        e.timestamp = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
        e.method = QStringLiteral("PUT");
        e.target = QStringLiteral("/files/file/multipart//data/x/abc/3");
        e.status = 200;
        e.requestBytes = 10485974;
        e.responseBytes = 60;
        e.range = QStringLiteral("bytes=1-2");
        e.fault = QStringLiteral("drop");
        e.dropped = true;
        e.requestId = QStringLiteral("0f09598c-839d-4a0a-8c2b-cb5aa268d527");
        bool ok = false;
        const RequestLogEntry back = RequestLogEntry::fromJsonLine(e.toJsonLine(), &ok);
        QVERIFY(ok);
        QVERIFY(!e.toJsonLine().contains('\n'));
        QCOMPARE(back.timestamp, e.timestamp);
        QCOMPARE(back.target, e.target);
        QCOMPARE(back.requestBytes, e.requestBytes);
        QCOMPARE(back.range, e.range);
        QCOMPARE(back.dropped, true);
        QCOMPARE(back.requestId, e.requestId);
    }

    void faultsAreDeterministic()
    {
        FaultOptions o;
        o.errorRate = 0.3;
        o.rateLimitRate = 0.3;
        o.seed = 42;
        auto sequence = [](FaultInjector &f) {
            QString s;
            for (int i = 0; i < 200; ++i)
                s += QString::number(int(f.decide().kind));
            return s;
        };
        FaultInjector a(o), b(o);
        const QString first = sequence(a);
        QCOMPARE(sequence(b), first);
        QVERIFY(first.contains(QLatin1Char('0')) && first.contains(QLatin1Char('1'))
                && first.contains(QLatin1Char('2')));
        a.setOptions(o); // re-seeding restarts the sequence
        QCOMPARE(sequence(a), first);
        o.seed = 43;
        FaultInjector c(o);
        QVERIFY(sequence(c) != first);
    }

    void faultRatesAtTheEdges()
    {
        FaultOptions o;
        FaultInjector none(o);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(none.decide().kind, FaultInjector::Kind::None);
        o.errorRate = 1.0;
        FaultInjector all(o);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(all.decide().kind, FaultInjector::Kind::ServerError);
    }

    void dropLimit()
    {
        FaultOptions o;
        QVERIFY(!FaultInjector(o).consumeDrop()); // no drop mark: never
        o.dropAfterBytes = 10;
        o.dropLimit = 2;
        FaultInjector f(o);
        QVERIFY(f.consumeDrop());
        QVERIFY(f.consumeDrop());
        QVERIFY(!f.consumeDrop());
        QCOMPARE(f.dropsSoFar(), 2);
        o.dropLimit = 0;
        f.setOptions(o);
        for (int i = 0; i < 10; ++i)
            QVERIFY(f.consumeDrop());
    }

    void faultOptionsFromEnvironment()
    {
        qputenv("FAL_EMULATOR_LATENCY_MS", "25");
        qputenv("FAL_EMULATOR_DROP_AFTER_BYTES", "1000");
        qputenv("FAL_EMULATOR_ERROR_RATE", "0.5");
        qputenv("FAL_EMULATOR_RATE_LIMIT_RATE", "0.25");
        qputenv("FAL_EMULATOR_RETRY_AFTER", "3");
        qputenv("FAL_EMULATOR_SEED", "99");
        QStringList errors;
        FaultOptions o = FaultOptions::fromEnvironment(&errors);
        QVERIFY(errors.isEmpty());
        QCOMPARE(o.latencyMs, 25);
        QCOMPARE(o.dropAfterBytes, 1000);
        QCOMPARE(o.errorRate, 0.5);
        QCOMPARE(o.rateLimitRate, 0.25);
        QCOMPARE(o.retryAfterSeconds, 3);
        QCOMPARE(o.seed, 99u);
        qputenv("FAL_EMULATOR_SEED", "not-a-number");
        o = FaultOptions::fromEnvironment(&errors);
        QCOMPARE(errors.size(), 1);
        for (const char *name :
             {"FAL_EMULATOR_LATENCY_MS", "FAL_EMULATOR_DROP_AFTER_BYTES", "FAL_EMULATOR_ERROR_RATE",
              "FAL_EMULATOR_RATE_LIMIT_RATE", "FAL_EMULATOR_RETRY_AFTER", "FAL_EMULATOR_SEED"})
            qunsetenv(name);
        o.errorRate = 2;
        QVERIFY(!o.isValid());
    }
};

QTEST_GUILESS_MAIN(TestEmulatorParsers)
#include "tst_emulator_parsers.moc"
