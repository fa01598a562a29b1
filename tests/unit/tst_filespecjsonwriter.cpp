// Unit test for FileSpecJsonWriter (app/cli): `ls --json` streams its entries, and the bytes must
// be exactly what QJsonDocument wrote for the whole listing before (scripts read them).
#include "app/cli/FileSpecJsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestFileSpecJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameBytesAsQJsonDocument();
    void emptyListing();
};

namespace {

// What FileSpecPrinter::toJson gave for an entry (the old `ls --json`).
QJsonObject reference(const FileSpec &spec)
{
    QJsonObject object {
        {QStringLiteral("path"), spec.path.absolute()},
        {QStringLiteral("name"), spec.name},
        {QStringLiteral("is_file"), spec.isFile},
        {QStringLiteral("size"), double(spec.size)},
        {QStringLiteral("created_time"),
         spec.created.isValid() ? QJsonValue(spec.created.toMSecsSinceEpoch() / 1000.0)
                                : QJsonValue()},
        {QStringLiteral("updated_time"),
         spec.updated.isValid() ? QJsonValue(spec.updated.toMSecsSinceEpoch() / 1000.0)
                                : QJsonValue()},
    };
    if (!spec.checksumSha256.isEmpty())
        object.insert(QStringLiteral("checksum_sha256"), spec.checksumSha256);
    if (!spec.checksumMd5.isEmpty())
        object.insert(QStringLiteral("checksum_md5"), spec.checksumMd5);
    return object;
}

QByteArray streamed(const QList<FileSpec> &entries)
{
    QByteArray out = "[\n";
    for (qsizetype i = 0; i < entries.size(); ++i) {
        FileSpecJsonWriter::appendEntry(out, entries.at(i));
        out += i + 1 == entries.size() ? "\n" : ",\n";
    }
    return out + "]\n";
}

} // namespace

void TestFileSpecJsonWriter::sameBytesAsQJsonDocument()
{
    // Names that are legal here but need escaping or are far from ASCII, sizes from 0 to 2^53,
    // times with and without fractions, before 1970, missing; checksums or not.
    QStringList names {QStringLiteral("plain.txt"),
                       QStringLiteral("quote\" and \\ back"),
                       QStringLiteral("tab\there"),
                       QStringLiteral("del\x7f c1 \u0085 and \u200e"),
                       QStringLiteral("d\u00e9j\u00e0 \u65e5\u672c \U0001F600"),
                       QString(QChar(0xd800)) + QStringLiteral("lone"),
                       QStringLiteral("slash\u2215 and /")};
    // Every unit written as \u001f: six bytes each, the most a unit can take (the room made for
    // an entry must hold it).
    names << QString(300, QChar(0x1f));
    const QList<qint64> sizes {0,
                               1,
                               999,
                               1250023,
                               214748364800,
                               1'048'576'000'000,
                               qint64(1) << 52,
                               (qint64(1) << 53) - 1,
                               qint64(1) << 53};
    const QList<qint64> times {
        1747900000000, 1747900000500, 1747900000123, 0, -1500, 99'999'999'999'999, -1};
    QList<FileSpec> entries;
    QJsonArray array;
    int n = 0;
    for (const QString &name : names)
        for (const qint64 size : sizes)
            for (const qint64 time : times) {
                FileSpec spec = FileSpec::folder(RemotePath::fromRelative(QStringLiteral("d/x")));
                spec.path = RemotePath::fromRelative(QStringLiteral("d/") + name);
                spec.name = name;
                spec.isFile = n % 3 != 0;
                spec.size = size;
                if (time >= -1500 && time != -1)
                    spec.created = QDateTime::fromMSecsSinceEpoch(time, Qt::UTC);
                if (n % 5 != 0 && time != -1)
                    spec.updated = QDateTime::fromMSecsSinceEpoch(time + n, Qt::UTC);
                if (n % 4 == 0)
                    spec.checksumSha256 = QStringLiteral("ba7816bf8f01cfea414140de5dae2223");
                if (n % 6 == 0)
                    spec.checksumMd5 = QStringLiteral("900150983cd24fb0d6963f7d28e17f72");
                ++n;
                entries << spec;
                array.append(reference(spec));
            }
    const QByteArray expected = QJsonDocument(array).toJson(QJsonDocument::Indented);
    const QByteArray actual = streamed(entries);
    if (actual != expected) {
        qsizetype at = 0;
        while (at < actual.size() && at < expected.size() && actual.at(at) == expected.at(at))
            ++at;
        QFAIL(qPrintable(QStringLiteral("differs at %1: '%2' instead of '%3'")
                             .arg(QString::number(at),
                                  QString::fromUtf8(actual.mid(qMax(0, at - 80), 160)),
                                  QString::fromUtf8(expected.mid(qMax(0, at - 80), 160)))));
    }
}

void TestFileSpecJsonWriter::emptyListing()
{
    QCOMPARE(streamed({}), QJsonDocument(QJsonArray()).toJson(QJsonDocument::Indented));
}

QTEST_GUILESS_MAIN(TestFileSpecJsonWriter)
#include "tst_filespecjsonwriter.moc"
