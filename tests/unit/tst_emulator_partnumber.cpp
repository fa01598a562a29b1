// PartNumber: the strict reading of multipart part numbers, from a path segment and from JSON.

#include "emulator/store/PartNumber.h"

#include <QJsonValue>
#include <QTest>

using fal::emulator::PartNumber;

class TestEmulatorPartNumber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void partNumbers()
    {
        using P = PartNumber::Parse;
        int n = 0;
        QVERIFY(PartNumber::fromText("1", &n) == P::Ok && n == 1);
        QVERIFY(PartNumber::fromText("0010000", &n) == P::Ok && n == 10000);
        for (const char *text : {"", "+1", "-1", " 1", "1 ", "1\n", "0x1", "1.0", "1e3", "١"})
            QVERIFY2(PartNumber::fromText(text, &n) == P::NotInteger, text);
        for (const char *text : {"0", "10001", "4294967297", "99999999999999999999999999"})
            QVERIFY2(PartNumber::fromText(text, &n) == P::OutOfRange, text);
        QVERIFY(PartNumber::fromJson(QJsonValue(7), &n) == P::Ok && n == 7);
        QVERIFY(PartNumber::fromJson(QJsonValue(10000.0), &n) == P::Ok && n == 10000);
        for (const QJsonValue &v : {QJsonValue(4294967297.0), QJsonValue(qint64(1) << 62),
                                    QJsonValue(0), QJsonValue(-1), QJsonValue(10001)})
            QVERIFY(PartNumber::fromJson(v, &n) == P::OutOfRange);
        for (const QJsonValue &v :
             {QJsonValue(1.5), QJsonValue(qInf()), QJsonValue("1"), QJsonValue(true), QJsonValue(),
              QJsonValue(QJsonValue::Undefined)})
            QVERIFY(PartNumber::fromJson(v, &n) == P::NotInteger);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorPartNumber)
#include "tst_emulator_partnumber.moc"
