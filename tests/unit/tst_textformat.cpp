// Unit tests for TextFormat: sizes, speeds, durations, dates relative to an injected "now", and
// counted nouns whose plural forms come from the English translation (resources/translations).
// The translation is not installed by this test: TextFormat's startup function must have done
// it when the QCoreApplication was made, or every count below reads "(s)".
#include "network/text/TextFormat.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QTest>
#include <QXmlStreamReader>

class TestTextFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // en_GB: "." for decimals, "," for thousands and a 24-hour clock, on any machine.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }
    void cleanup() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); }

    void sizes_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown") << qint64(-1) << QStringLiteral("—");
        QTest::newRow("empty") << qint64(0) << QStringLiteral("0 B");
        QTest::newRow("one byte") << qint64(1) << QStringLiteral("1 B");
        QTest::newRow("512 B") << qint64(512) << QStringLiteral("512 B");
        QTest::newRow("1023 B") << qint64(1023) << QStringLiteral("1,023 B");
        QTest::newRow("1 KiB") << qint64(1024) << QStringLiteral("1.0 KiB");
        QTest::newRow("1.5 KiB") << qint64(1536) << QStringLiteral("1.5 KiB");
        QTest::newRow("3 KiB") << qint64(3072) << QStringLiteral("3.0 KiB");
        QTest::newRow("1.5 MiB") << qint64(1572864) << QStringLiteral("1.5 MiB");
        // 1023.99 KiB would round to "1024.0 KiB".
        QTest::newRow("just under 1 MiB") << qint64(1048575) << QStringLiteral("1.0 MiB");
        QTest::newRow("999.9 KiB") << qint64(1023897) << QStringLiteral("999.9 KiB");
        QTest::newRow("4.2 GiB") << qint64(4.2 * 1024 * 1024 * 1024) << QStringLiteral("4.2 GiB");
        QTest::newRow("976 GiB") << qint64(976) * 1024 * 1024 * 1024 << QStringLiteral("976.0 GiB");
        QTest::newRow("2 TiB") << qint64(2) * 1024 * 1024 * 1024 * 1024
                               << QStringLiteral("2.0 TiB");
        QTest::newRow("largest") << std::numeric_limits<qint64>::max() << QStringLiteral("8.0 EiB");
    }
    void sizes()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, expected);
        QCOMPARE(TextFormat::size(bytes), expected);
    }

    void sizesFollowTheLocale()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(TextFormat::size(1572864), QStringLiteral("1,5 MiB"));
    }

    void speeds_data()
    {
        QTest::addColumn<double>("bytesPerSecond");
        QTest::addColumn<QString>("expected");
        QTest::newRow("standing still") << 0.0 << QString();
        QTest::newRow("under a byte") << 0.5 << QString();
        QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << QString();
        QTest::newRow("100 B/s") << 100.0 << QStringLiteral("100 B/s");
        QTest::newRow("2.3 MiB/s") << 2.3 * 1024 * 1024 << QStringLiteral("2.3 MiB/s");
        QTest::newRow("1.1 GiB/s") << 1.1 * 1024 * 1024 * 1024 << QStringLiteral("1.1 GiB/s");
        QTest::newRow("absurd") << 1e30 << QStringLiteral("7.8 EiB/s");
    }
    void speeds()
    {
        QFETCH(double, bytesPerSecond);
        QFETCH(QString, expected);
        QCOMPARE(TextFormat::speed(bytesPerSecond), expected);
    }

    void durations_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown") << qint64(-1) << QString();
        QTest::newRow("0 s") << qint64(0) << QStringLiteral("0 s");
        QTest::newRow("12 s") << qint64(12) << QStringLiteral("12 s");
        QTest::newRow("59 s") << qint64(59) << QStringLiteral("59 s");
        QTest::newRow("1 min") << qint64(60) << QStringLiteral("1 min 00 s");
        QTest::newRow("4 min 05 s") << qint64(245) << QStringLiteral("4 min 05 s");
        QTest::newRow("59 min 59 s") << qint64(3599) << QStringLiteral("59 min 59 s");
        QTest::newRow("1 h") << qint64(3600) << QStringLiteral("1 h 00 min");
        QTest::newRow("1 h 05 min") << qint64(3900) << QStringLiteral("1 h 05 min");
        QTest::newRow("seconds dropped past an hour")
            << qint64(3959) << QStringLiteral("1 h 05 min");
        QTest::newRow("past a day") << qint64(90000) << QStringLiteral("25 h 00 min");
    }
    void durations()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, expected);
        QCOMPARE(TextFormat::duration(seconds), expected);
    }

    void dates_data()
    {
        QTest::addColumn<QDateTime>("when");
        QTest::addColumn<QString>("expected");
        const QDate today(2026, 3, 11);
        QTest::newRow("invalid") << QDateTime() << QString();
        QTest::newRow("today") << QDateTime(today, QTime(14, 2))
                               << QStringLiteral("Today at 14:02");
        QTest::newRow("just after midnight")
            << QDateTime(today, QTime(0, 1)) << QStringLiteral("Today at 00:01");
        QTest::newRow("later today (a clock ahead)")
            << QDateTime(today, QTime(23, 59)) << QStringLiteral("Today at 23:59");
        QTest::newRow("yesterday")
            << QDateTime(today.addDays(-1), QTime(9, 10)) << QStringLiteral("Yesterday at 09:10");
        QTest::newRow("late yesterday")
            << QDateTime(today.addDays(-1), QTime(23, 59)) << QStringLiteral("Yesterday at 23:59");
        QTest::newRow("two days ago")
            << QDateTime(today.addDays(-2), QTime(9, 10)) << QStringLiteral("09/03/2026 09:10");
        QTest::newRow("last year")
            << QDateTime(QDate(2025, 12, 24), QTime(18, 0)) << QStringLiteral("24/12/2025 18:00");
        QTest::newRow("tomorrow (a clock ahead)")
            << QDateTime(today.addDays(1), QTime(8, 0)) << QStringLiteral("12/03/2026 08:00");
    }
    void dates()
    {
        QFETCH(QDateTime, when);
        QFETCH(QString, expected);
        const QDateTime now(QDate(2026, 3, 11), QTime(18, 30));
        QCOMPARE(TextFormat::dateTime(when, now), expected);
        // The server's times are UTC; the day is the local one.
        if (when.isValid())
            QCOMPARE(TextFormat::dateTime(when.toUTC(), now.toUTC()), expected);
    }

    // A machine with LANG=C.UTF-8 (CI, containers): the C locale's short time has seconds,
    // which KDE's way of showing dates leaves out.
    void datesInTheCLocaleHaveNoSeconds()
    {
        QLocale::setDefault(QLocale::c());
        const QDateTime now(QDate(2026, 3, 11), QTime(18, 30));
        QCOMPARE(TextFormat::dateTime(QDateTime(QDate(2026, 3, 11), QTime(14, 2, 29)), now),
                 QStringLiteral("Today at 14:02"));
        QCOMPARE(TextFormat::dateTime(QDateTime(QDate(2026, 3, 10), QTime(9, 10, 5)), now),
                 QStringLiteral("Yesterday at 09:10"));
        QCOMPARE(TextFormat::dateTime(QDateTime(QDate(2026, 3, 1), QTime(9, 10, 5)), now),
                 QStringLiteral("1 Mar 2026 09:10"));
    }

    void counts_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<QStringList>("expected"); // items, files, folders, subfolders, transfers
        QTest::newRow("0") << 0
                           << QStringList {"0 items", "0 files", "0 folders", "0 subfolders",
                                           "0 transfers"};
        QTest::newRow("1") << 1
                           << QStringList {"1 item", "1 file", "1 folder", "1 subfolder",
                                           "1 transfer"};
        QTest::newRow("2") << 2
                           << QStringList {"2 items", "2 files", "2 folders", "2 subfolders",
                                           "2 transfers"};
        QTest::newRow("21") << 21
                            << QStringList {"21 items", "21 files", "21 folders", "21 subfolders",
                                            "21 transfers"};
        QTest::newRow("1,234") << 1234
                               << QStringList {"1,234 items", "1,234 files", "1,234 folders",
                                               "1,234 subfolders", "1,234 transfers"};
    }
    void counts()
    {
        QFETCH(int, n);
        QFETCH(QStringList, expected);
        const QStringList got {TextFormat::items(n), TextFormat::files(n), TextFormat::folders(n),
                               TextFormat::subfolders(n), TextFormat::transfers(n)};
        QCOMPARE(got, expected);
    }

    // The English forms hold whatever the locale: a language with other plural rules (Russian
    // has three) or none of ours must not bring back "(s)" or a wrong form.
    void countsReadEnglishInAnyLocale_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::newRow("C") << QLocale::c();
        QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany);
        QTest::newRow("Russian") << QLocale(QLocale::Russian, QLocale::Russia);
        QTest::newRow("Japanese") << QLocale(QLocale::Japanese, QLocale::Japan);
    }
    void countsReadEnglishInAnyLocale()
    {
        QFETCH(QLocale, locale);
        QLocale::setDefault(locale);
        QCOMPARE(TextFormat::files(1), QStringLiteral("1 file"));
        QCOMPARE(TextFormat::files(2), QStringLiteral("2 files"));
        QCOMPARE(TextFormat::files(21), QStringLiteral("21 files"));
        QCOMPARE(TextFormat::transfers(0), QStringLiteral("0 transfers"));
        QVERIFY(!TextFormat::items(5).contains(QStringLiteral("(s)")));
    }

    void byteCounts()
    {
        QCOMPARE(TextFormat::byteCount(0), QStringLiteral("0 bytes"));
        QCOMPARE(TextFormat::byteCount(1), QStringLiteral("1 byte"));
        QCOMPARE(TextFormat::byteCount(2), QStringLiteral("2 bytes"));
        // Digits only, however large: exact counts are copied into other tools.
        QCOMPARE(TextFormat::byteCount(3072), QStringLiteral("3072 bytes"));
        QCOMPARE(TextFormat::byteCount(5'000'000'001), QStringLiteral("5000000001 bytes"));
        QCOMPARE(TextFormat::byteCount(std::numeric_limits<qint64>::max()),
                 QStringLiteral("9223372036854775807 bytes"));
    }

    void otherSentencesWithACount()
    {
        const char *source = QT_TRANSLATE_N_NOOP("UploadTask",
                                                 "resuming upload %1 with %n "
                                                 "part(s) already stored");
        QCOMPARE(TextFormat::plural("UploadTask", source, 1).arg(QStringLiteral("u1")),
                 QStringLiteral("resuming upload u1 with 1 part already stored"));
        QCOMPARE(TextFormat::plural("UploadTask", source, 3).arg(QStringLiteral("u1")),
                 QStringLiteral("resuming upload u1 with 3 parts already stored"));
    }

    void installingAgainIsHarmless()
    {
        QVERIFY(TextFormat::installTranslations(QCoreApplication::instance()));
        QVERIFY(TextFormat::installTranslations(QCoreApplication::instance()));
        QCOMPARE(TextFormat::files(1), QStringLiteral("1 file"));
        QVERIFY(!TextFormat::installTranslations(nullptr));
    }

    // Every plural the sources ask for has both English forms written out; none says "(s)".
    // (lupdate adds new ones unfinished: this fails until their forms are written.)
    void theTranslationFileIsComplete()
    {
        QFile file(QStringLiteral(FAL_TS_FILE));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QXmlStreamReader xml(&file);
        int numerus = 0;
        QString source;
        QStringList forms;
        bool unfinished = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("message")) {
                source.clear();
                forms.clear();
                unfinished = false;
            } else if (xml.isStartElement() && xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.isStartElement() && xml.name() == QLatin1String("translation")) {
                unfinished = !xml.attributes().value(QLatin1String("type")).isEmpty();
            } else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                forms << xml.readElementText();
            } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
                ++numerus;
                QVERIFY2(!unfinished, qPrintable(source));
                QCOMPARE(forms.size(), 2);
                for (const QString &form : std::as_const(forms)) {
                    QVERIFY2(!form.isEmpty(), qPrintable(source));
                    QVERIFY2(!form.contains(QStringLiteral("(s)")), qPrintable(form));
                }
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(numerus >= 5);
    }
};

QTEST_GUILESS_MAIN(TestTextFormat)
#include "tst_textformat.moc"
