// The emulator's state files survive a failed write: a multipart upload's meta.json stays whole
// when the disk refuses the new copy. RLIMIT_FSIZE stands in for a full disk: it works without
// privileges and, unlike a read-only directory, also stops root.

#include "emulator/store/MultipartUpload.h"
#include "network/io/AtomicFile.h"
#include "tests/support/EmulatorTestSupport.h"

#include <QTest>

#include <sys/resource.h>

#include <csignal>

using namespace emutest;

namespace {

// Every write past `bytes` into any file fails with EFBIG (SIGXFSZ ignored) while this lives.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        rlimit limited = m_old;
        limited.rlim_cur = bytes;
        m_ok = ::setrlimit(RLIMIT_FSIZE, &limited) == 0;
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    bool ok() const { return m_ok; }

private:
    rlimit m_old {};
    void (*m_oldHandler)(int) = nullptr;
    bool m_ok = false;
};

} // namespace

class TestEmulatorStateFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void atomicFileReplacesOrKeepsTheOldCopy()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/state.json");
        QString error;
        QVERIFY2(AtomicFile::write(path, "first", &error), qPrintable(error));
        QVERIFY2(AtomicFile::write(path, "second", &error), qPrintable(error));
        QCOMPARE(readFile(path), QByteArray("second"));
        QCOMPARE(QFileInfo(path).permissions() & QFileDevice::ReadOther, QFileDevice::ReadOther);
        bool written = true;
        {
            FileSizeLimit full(3); // the first 3 bytes fit, the rest does not
            QVERIFY(full.ok());
            written = AtomicFile::write(path, "third and longer", &error);
        }
        QVERIFY(!written);
        QVERIFY2(error.contains(QStringLiteral("state.json")), qPrintable(error));
        QCOMPARE(readFile(path), QByteArray("second"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList({"state.json"}));
        // A directory that is not there: nothing is created, the error says so.
        QVERIFY(!AtomicFile::write(dir.path() + QStringLiteral("/none/x.json"), "x", &error));
        QVERIFY(!error.isEmpty());
    }

    void metaJsonSurvivesAFailedRewrite()
    {
        QTemporaryDir dir;
        const QString id(32, QLatin1Char('a'));
        const QString uploadDir = dir.path() + QLatin1Char('/') + id;
        QVERIFY(QDir().mkpath(uploadDir));
        MultipartUpload upload(id, uploadDir, QStringLiteral("models/x.bin"));
        upload.chunkSize = 1024;
        upload.declaredSize = 4096;
        QString error;
        QVERIFY2(upload.create(&error), qPrintable(error));
        const QByteArray before = readFile(uploadDir + QStringLiteral("/meta.json"));
        QVERIFY(before.contains("models/x.bin"));

        upload.contentMd5 = QByteArray(32, 'f');
        bool saved = true;
        {
            FileSizeLimit full(0);
            QVERIFY(full.ok());
            saved = upload.saveMeta(&error);
        }
        QVERIFY2(!saved, "a rewrite that could not be written was reported as saved");
        QVERIFY(!error.isEmpty());
        QCOMPARE(readFile(uploadDir + QStringLiteral("/meta.json")), before);
        QCOMPARE(QDir(uploadDir).entryList(QDir::Files | QDir::Hidden),
                 QStringList({"meta.json"})); // no temporary file left behind
        const auto loaded = MultipartUpload::load(uploadDir, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->declaredSize, 4096);
        QVERIFY(loaded->contentMd5.isEmpty());

        // Once the disk has room again, the new state is written.
        QVERIFY2(upload.saveMeta(&error), qPrintable(error));
        QCOMPARE(MultipartUpload::load(uploadDir, &error)->contentMd5, QByteArray(32, 'f'));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorStateFiles)
#include "tst_emulator_statefiles.moc"
