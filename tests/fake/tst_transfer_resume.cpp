// Going on from what a crash left, before the whole file's checksum is known.
//
// Uploads: the journal knows the upload id and the parts it wrote down, but not the file's MD5
// (the crash came before the hash pass ended), and the server may hold a part the journal never
// recorded (accepted just before the crash). The job must send nothing until the MD5 is known,
// then ask the server (the resume extension: initiate with content_md5) which parts it holds, and
// send only the others. A server without the extension answers a new upload id: that one is
// freed and the upload goes on from the journal.
//
// Downloads: no checksum from the listing; the kept bytes are trusted only with the server's
// ETag (Range + If-Range); a different version, or none recorded, starts the file over.
#include "network/api/DownloadJob.h"
#include "network/transfer/MultipartUploadJob.h"
#include "network/transfer/TransferEngine.h"
#include "network/transfer/TransferJournal.h"
#include "tests/support/FakeClientFixture.h"

#include <QFileInfo>
#include <QTest>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kPart = 10 * kMiB;
const RemotePath kTarget = *RemotePath::parse(QStringLiteral("up/big.bin"));
const QString kRoute = QStringLiteral("/files/file/multipart/up/big.bin/");
using State = TransferItem::State;
} // namespace

class TestTransferResume : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeClientFixture> f;
    QByteArray m_content; // 21 MiB: parts of 10, 10 and 1 MiB
    QString m_local;

    QByteArray part(int n) const { return m_content.mid(qint64(n - 1) * kPart, kPart); }
    // What the crash left on the server: upload "kept", begun without the MD5, holding parts
    // 1 and 2 (the journal has only 1).
    void serverKeepsPartsOneAndTwo()
    {
        FakeFilesService::Upload kept;
        kept.id = QStringLiteral("kept");
        kept.path = kTarget.relative();
        kept.chunkSize = kPart;
        kept.size = m_content.size();
        kept.parts = {{1, part(1)}, {2, part(2)}};
        f->service().addUpload(kept);
    }
    MultipartState journalledState() const
    {
        MultipartState state;
        state.uploadId = QStringLiteral("kept");
        state.partSize = kPart;
        state.parts = {{1, FakeFilesService::md5(part(1))}};
        return state; // contentMd5 empty: not known yet
    }
    QStringList trail() const
    {
        QStringList steps;
        for (const FakeRequest &request : f->network().requests())
            steps << QString::fromLatin1(request.method) + QLatin1Char(' ')
                    + request.path().mid(kRoute.size());
        return steps;
    }
    // The requests of a resumed upload whose server held parts 1 and 2.
    void checkOnlyTheMissingPartWasSent()
    {
        const QStringList expected {QStringLiteral("POST initiate"), QStringLiteral("PUT kept/3"),
                                    QStringLiteral("POST kept/complete")};
        QCOMPARE(trail(), expected);
        // The first word to the server names the file by its MD5: sent only once it was known.
        const QJsonObject initiate = f->network().requests().first().json();
        QCOMPARE(initiate.value(QLatin1String("content_md5")).toString(),
                 FakeFilesService::md5(m_content));
        QCOMPARE(initiate.value(QLatin1String("chunk_size")).toInteger(), kPart);
        QCOMPARE(initiate.value(QLatin1String("size")).toInteger(), m_content.size());
        QCOMPARE(f->service().file(kTarget.relative()), m_content);
    }

private Q_SLOTS:
    void initTestCase() { m_content = FakeClientFixture::randomBytes(21 * kMiB, 11); }
    void init()
    {
        f = std::make_unique<FakeClientFixture>();
        m_local = f->scratch(QStringLiteral("big.bin"));
        QVERIFY(FakeClientFixture::writeFile(m_local, m_content));
    }
    void cleanup() { f.reset(); }

    void anUploadResumedBeforeItsMd5AsksBeforeSending()
    {
        serverKeepsPartsOneAndTwo();
        MultipartUploadJob job(f->client(), m_local, kTarget);
        job.setResumeState(journalledState());
        QSignalSpy partDone(&job, &MultipartUploadJob::partDone);
        QSignalSpy md5Known(&job, &MultipartUploadJob::contentMd5Known);
        QSignalSpy initiated(&job, &MultipartUploadJob::initiated);
        QSignalSpy finished(&job, &MultipartUploadJob::finished);
        job.start();
        QVERIFY(finished.wait(30'000));
        QVERIFY2(job.succeeded(), qPrintable(job.error().message()));
        checkOnlyTheMissingPartWasSent();
        QCOMPARE(md5Known.size(), 1);
        QCOMPARE(md5Known.first().first().toString(), FakeFilesService::md5(m_content));
        QVERIFY2(initiated.isEmpty(), "the same upload goes on: no new one is announced");
        // Part 2 is taken from the server's answer (for the journal), part 3 from its PUT.
        QCOMPARE(partDone.size(), 2);
        QCOMPARE(partDone.at(0).at(0).toInt(), 2);
        QCOMPARE(partDone.at(0).at(1).toString(), FakeFilesService::md5(part(2)));
        QCOMPARE(partDone.at(1).at(0).toInt(), 3);
        QCOMPARE(job.partBytesSentThisRun(), m_content.size() - 2 * kPart);
    }

    void aServerWithoutTheResumeExtensionGoesOnFromTheJournal()
    {
        serverKeepsPartsOneAndTwo();
        // Answers every initiate with a fresh id and no parts, as a server without the extension.
        f->service().setIntercept([](const FakeRequest &request) -> std::optional<FakeResponse> {
            if (request.path().endsWith(QLatin1String("/initiate")))
                return FakeResponse::json(QJsonObject {{QStringLiteral("upload_id"), "fresh"}});
            return std::nullopt;
        });
        MultipartUploadJob job(f->client(), m_local, kTarget);
        job.setResumeState(journalledState());
        QSignalSpy finished(&job, &MultipartUploadJob::finished);
        job.start();
        QVERIFY(finished.wait(30'000));
        QVERIFY2(job.succeeded(), qPrintable(job.error().message()));
        QStringList steps = trail();
        QCOMPARE(steps.takeFirst(), QStringLiteral("POST initiate"));
        QCOMPARE(steps.takeLast(), QStringLiteral("POST kept/complete"));
        steps.sort();
        const QStringList expected {QStringLiteral("POST fresh/cancel"),
                                    QStringLiteral("PUT kept/2"), QStringLiteral("PUT kept/3")};
        QCOMPARE(steps, expected);
        QCOMPARE(f->service().file(kTarget.relative()), m_content);
    }

    // The same through the engine, from a journal row a crash left: the queue item comes back,
    // the journal learns the MD5 and the part it did not know, and the item ends done.
    void theEngineResumesAJournalRowWithoutMd5()
    {
        serverKeepsPartsOneAndTwo();
        QTemporaryDir state;
        TransferJournal journal(state.filePath(QStringLiteral("journal.sqlite")));
        QVERIFY(journal.open());
        TransferItem crashed;
        crashed.direction = TransferItem::Direction::Upload;
        crashed.localPath = m_local;
        crashed.remotePath = kTarget;
        crashed.size = m_content.size();
        crashed.localModified = QFileInfo(m_local).lastModified().toUTC();
        crashed.state = State::Running; // as a crash leaves it
        crashed.multipart = journalledState();
        crashed.createdAt = QDateTime::currentDateTimeUtc();
        QList<TransferItem> rows {crashed};
        QVERIFY(journal.insert(rows));
        const qint64 id = rows.first().id;
        QVERIFY(journal.recordPart(id, 1, FakeFilesService::md5(part(1))));

        // The completion is held: the journal is looked at while everything else is done.
        f->service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            if (request.path().endsWith(QLatin1String("/complete")))
                return f->service().serve(request).heldUntilReleased();
            return std::nullopt;
        });
        TransferEngine engine(f->client(), &journal);
        engine.load(true);
        QCOMPARE(engine.ids(), QList<qint64> {id});
        QTRY_COMPARE_WITH_TIMEOUT(f->network().heldCount(), 1, 30'000);
        const QList<TransferItem> saved = journal.loadAll();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().multipart.uploadId, QStringLiteral("kept"));
        QCOMPARE(saved.first().multipart.contentMd5, FakeFilesService::md5(m_content));
        QCOMPARE(saved.first().multipart.parts.keys(), (QList<int> {1, 2, 3}));
        QCOMPARE(saved.first().multipart.parts.value(2), FakeFilesService::md5(part(2)));

        QSignalSpy idle(&engine, &TransferEngine::queueIdle);
        f->network().release();
        QVERIFY(idle.wait(30'000));
        const TransferItem *item = engine.item(id);
        QVERIFY2(item->state == State::Done, qPrintable(item->error));
        checkOnlyTheMissingPartWasSent();
    }

    void aDownloadResumesFromItsKeptBytesWithoutAChecksum_data()
    {
        QTest::addColumn<QByteArray>("validator"); // what the journal kept
        QTest::addColumn<bool>("trusted"); // the kept bytes go on
        QTest::newRow("same version") << QByteArray("current") << true;
        QTest::newRow("changed on the server") << QByteArray("\"old\"") << false;
        QTest::newRow("no version recorded") << QByteArray() << false;
    }
    void aDownloadResumesFromItsKeptBytesWithoutAChecksum()
    {
        QFETCH(QByteArray, validator);
        QFETCH(bool, trusted);
        const QByteArray content = FakeClientFixture::randomBytes(300'000, 3);
        f->service().putFile(QStringLiteral("models/w.bin"), content);
        if (validator == "current")
            validator = FakeFilesService::etagFor(content);
        const QString target = f->scratch(QStringLiteral("w.bin"));
        QVERIFY(
            FakeClientFixture::writeFile(DownloadJob::tempPathFor(target), content.left(100'000)));
        DownloadJob job(f->client(), *RemotePath::parse(QStringLiteral("models/w.bin")), target);
        job.setResumeValidator(QString::fromLatin1(validator));
        job.setExpectedSize(content.size()); // the listing's size; no checksum in it
        QSignalSpy restarted(&job, &DownloadJob::restarted);
        QVERIFY(FakeClientFixture::run(&job));
        QVERIFY2(job.succeeded(), qPrintable(job.error().message()));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
        QVERIFY(!QFileInfo::exists(DownloadJob::tempPathFor(target)));

        const FakeRequest get = f->network().requests().first();
        QCOMPARE(f->network().requests().size(), 1);
        QCOMPARE(job.bytesReceivedThisRun(), trusted ? 200'000 : 300'000);
        QCOMPARE(restarted.isEmpty(), trusted);
        if (validator.isEmpty()) {
            QVERIFY2(!get.request.hasRawHeader("Range"),
                     "bytes of an unknown version are not kept");
        } else {
            QCOMPARE(get.header("Range"), QByteArray("bytes=100000-"));
            QCOMPARE(get.header("If-Range"), validator);
        }
    }

    // A drop in the middle: the next attempt asks for the rest, under the ETag the first answer
    // gave, and the kept bytes are not fetched again.
    void aDroppedDownloadAsksForTheRest()
    {
        const QByteArray content = FakeClientFixture::randomBytes(300'000, 4);
        f->service().putFile(QStringLiteral("models/w.bin"), content);
        bool dropped = false;
        f->service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            if (dropped)
                return std::nullopt;
            dropped = true;
            return f->service().serve(request).cutAfterBytes(120'000);
        });
        const QString target = f->scratch(QStringLiteral("w.bin"));
        DownloadJob job(f->client(), *RemotePath::parse(QStringLiteral("models/w.bin")), target);
        QVERIFY(FakeClientFixture::run(&job));
        QVERIFY2(job.succeeded(), qPrintable(job.error().message()));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
        const auto sent = f->network().requests();
        QCOMPARE(sent.size(), 2);
        QVERIFY(!sent[0].request.hasRawHeader("Range"));
        QCOMPARE(sent[1].header("Range"), QByteArray("bytes=120000-"));
        QCOMPARE(sent[1].header("If-Range"), FakeFilesService::etagFor(content));
        QCOMPARE(job.bytesReceivedThisRun(), content.size());
        // The second attempt brought new bytes: the drop does not count against the job's
        // attempts (ApiJob::madeProgress).
        QCOMPARE(job.attempts(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTransferResume)
#include "tst_transfer_resume.moc"
