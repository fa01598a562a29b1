// Unit tests for VisibleText: the one escaping of control characters in text from elsewhere
// (server messages, remote and local names) before a terminal or a dialog shows it.
#include "network/api/ApiError.h"
#include "network/text/VisibleText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
QString withCode(const char *before, char16_t code, const char *after)
{
    return QString::fromUtf8(before) + QChar(code) + QString::fromUtf8(after);
}
} // namespace

class TestVisibleText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escaped_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");

        QTest::newRow("plain") << QStringLiteral("a.bin") << QStringLiteral("a.bin");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("ESC sequence")
            << withCode("x", 0x1b, "[2Jy") << QStringLiteral("x\\x1b[2Jy");
        QTest::newRow("OSC title with BEL")
            << withCode("", 0x1b, "]0;pwned") + QChar(0x07) << QStringLiteral("\\x1b]0;pwned\\x07");
        QTest::newRow("NUL") << withCode("a", 0x00, "b") << QStringLiteral("a\\x00b");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("a\\x0ab");
        QTest::newRow("carriage return") << QStringLiteral("ok\rno") << QStringLiteral("ok\\x0dno");
        QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral("a\\x09b");
        QTest::newRow("unit separator") << withCode("", 0x1f, "") << QStringLiteral("\\x1f");
        QTest::newRow("DEL") << withCode("a", 0x7f, "") << QStringLiteral("a\\x7f");
        QTest::newRow("C1 first") << withCode("", 0x80, "") << QStringLiteral("\\u0080");
        QTest::newRow("C1 CSI") << withCode("a", 0x9b, "31m") << QStringLiteral("a\\u009b31m");
        QTest::newRow("C1 last") << withCode("", 0x9f, "z") << QStringLiteral("\\u009fz");
        QTest::newRow("space is printable") << QStringLiteral("a b") << QStringLiteral("a b");
        QTest::newRow("no-break space kept")
            << withCode("a", 0xa0, "b") << withCode("a", 0xa0, "b");
        QTest::newRow("unicode kept")
            << QString::fromUtf8("模型/ü é…") << QString::fromUtf8("模型/ü é…");
        QTest::newRow("emoji kept") << QString::fromUtf8("🚀.bin") << QString::fromUtf8("🚀.bin");
        QTest::newRow("backslash kept") << QStringLiteral("a\\b") << QStringLiteral("a\\b");
    }

    void escaped()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString out = VisibleText::escaped(input);
        QCOMPARE(out, expected);
        QVERIFY(!VisibleText::hasControls(out));
        QCOMPARE(VisibleText::escaped(out), out); // escaping twice changes nothing more
        QCOMPARE(VisibleText::hasControls(input), input != expected);
    }

    void everyControlIsEscapedAndNothingElse()
    {
        for (char16_t c = 0; c < 0x250; ++c) {
            const QString one(QChar {c});
            const bool control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            QCOMPARE(VisibleText::isControl(c), control);
            const QString out = VisibleText::escaped(one);
            QVERIFY2(control ? out.startsWith(QLatin1Char('\\')) && out.size() > 1 : out == one,
                     qPrintable(QString::number(c, 16)));
            for (const QChar ch : out)
                QVERIFY(!VisibleText::isControl(ch.unicode()));
        }
    }

    void jsonStaysValidWithTheSameValues()
    {
        const QString name
            = withCode("a", 0x1b, "[2J") + QChar(0x7f) + QChar(0x9b) + QString::fromUtf8("ü模");
        QJsonObject object {{QStringLiteral("name"), name}};
        const QByteArray json = QJsonDocument(QJsonArray {object}).toJson(QJsonDocument::Indented);
        const QByteArray safe = VisibleText::escapedJson(json);
        for (const char byte : safe) {
            const auto b = static_cast<unsigned char>(byte);
            QVERIFY2(b >= 0x20 || b == '\n', qPrintable(QString::number(b, 16)));
            QVERIFY(b != 0x7f);
        }
        QVERIFY2(!safe.contains("\xc2\x9b"), safe.constData());
        QVERIFY(safe.contains("\\u009b"));
        QVERIFY(safe.contains("\\u007f"));
        QVERIFY(safe.contains("ü模"));
        QJsonParseError error;
        const QJsonDocument back = QJsonDocument::fromJson(safe, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(back.array().at(0).toObject().value(QStringLiteral("name")).toString(), name);
    }

    // The app's dialogs, status bar and tooltips and the CLI's errors all show ApiError::message().
    void apiErrorMessageEscapesTheServersWords()
    {
        const QByteArray body = "{\"detail\": \"bad \\u001b]0;pwned\\u0007 \\u009b2J\"}";
        for (int status : {400, 403, 404, 409, 500}) {
            const ApiError error = ApiError::fromHttp(status, body);
            const QString message = error.message();
            QVERIFY2(!VisibleText::hasControls(message), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("bad \\x1b]0;pwned\\x07 \\u009b2J")),
                     qPrintable(message));
        }
        const ApiError network = ApiError::make(ApiError::Kind::Network, withCode("x", 0x1b, "c"));
        QCOMPARE(network.message().contains(QStringLiteral("x\\x1bc")), true);
    }
};

QTEST_GUILESS_MAIN(TestVisibleText)
#include "tst_visibletext.moc"
