// The transfer engine against the emulator: folders, conflicts, pause/resume/cancel/retry, limits,
// and a restart that goes on from the journal.
#include "network/transfer/TransferEngine.h"
#include "network/transfer/TransferJournal.h"
#include "tests/support/ClientFixture.h"

#include <QDir>
#include <QTest>

namespace {

constexpr qint64 kMiB = 1024 * 1024;
using State = TransferItem::State;

// Answers conflict questions from a script, and remembers what it was asked.
class ScriptedQuestions : public TransferQuestions
{
public:
    QList<ConflictAnswer> answers;
    QStringList asked;
    void askConflict(const TransferItem &item, qint64, ConflictCallback answer) override
    {
        asked << item.name();
        answer(answers.isEmpty() ? ConflictAnswer {ConflictPolicy::Skip, false}
                                 : answers.takeFirst());
    }
};

} // namespace

class TestTransferEngine : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<QTemporaryDir> m_state;
    std::unique_ptr<TransferJournal> m_journal;
    std::unique_ptr<TransferEngine> m_engine;

    TransferEngine *engine() { return m_engine.get(); }
    void makeEngine()
    {
        m_engine.reset();
        m_journal = std::make_unique<TransferJournal>(
            m_state->filePath(QStringLiteral("journal.sqlite")));
        QVERIFY(m_journal->open());
        m_engine = std::make_unique<TransferEngine>(f->client(), m_journal.get());
    }
    bool waitForBatch(qint64 batch, int timeoutMs = 60'000)
    {
        return ClientFixture::waitUntil([&] { return m_engine->isBatchFinished(batch); },
                                        timeoutMs);
    }
    QList<const TransferItem *> items(qint64 batch)
    {
        QList<const TransferItem *> list;
        for (const qint64 id : m_engine->batchItems(batch))
            list << m_engine->item(id);
        return list;
    }
    void writeFile(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        m_state = std::make_unique<QTemporaryDir>();
        makeEngine();
    }
    void cleanup()
    {
        m_engine.reset();
        m_journal.reset();
        f.reset();
    }

    void uploadsAFolderKeepingItsShape()
    {
        const QString dropped = f->scratch(QStringLiteral("ckpt"));
        writeFile(dropped + QStringLiteral("/config.json"), "{}");
        writeFile(dropped + QStringLiteral("/shards/a.bin"), QByteArray(1000, 'a'));
        QVERIFY(ClientFixture::writeRandomFile(dropped + QStringLiteral("/shards/big.bin"),
                                               12 * kMiB, 4));
        QDir().mkpath(dropped + QStringLiteral("/empty/inner"));
        const qint64 batch
            = engine()->upload({dropped}, *RemotePath::parse(QStringLiteral("models")));
        QSignalSpy ready(engine(), &TransferEngine::batchReady);
        QVERIFY(waitForBatch(batch));
        QCOMPARE(items(batch).size(), 4);
        for (const TransferItem *item : items(batch))
            QVERIFY2(item->state == State::Done,
                     qPrintable(item->name() + QStringLiteral(": ") + item->error));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("models/ckpt/shards/big.bin"))),
                 ClientFixture::sha256(dropped + QStringLiteral("/shards/big.bin")));
        QVERIFY(QFile::exists(f->data(QStringLiteral("models/ckpt/config.json"))));
        QVERIFY(QFileInfo(f->data(QStringLiteral("models/ckpt/empty/inner"))).isDir());
        const TransferEngine::Totals totals = engine()->totals();
        QCOMPARE(totals.failed, 0);
    }

    void unreadableAndMissingFilesFailClearly()
    {
        const QString locked = f->scratch(QStringLiteral("locked.bin"));
        writeFile(locked, "secret");
        QFile::setPermissions(locked, QFileDevice::WriteOwner);
        QStringList paths {f->scratch(QStringLiteral("nothing.bin"))};
        const bool permissionsHold = !QFileInfo(locked).isReadable(); // not as root
        if (permissionsHold)
            paths << locked;
        const qint64 batch = engine()->upload(paths, RemotePath());
        QVERIFY(waitForBatch(batch));
        QCOMPARE(items(batch).size(), paths.size());
        for (const TransferItem *item : items(batch)) {
            QCOMPARE(item->state, State::Failed);
            QVERIFY(!item->error.isEmpty());
        }
    }

    void conflictsAreAskedOnceWithApplyToAll()
    {
        for (const QString &name :
             {QStringLiteral("a.txt"), QStringLiteral("b.txt"), QStringLiteral("c.txt")}) {
            writeFile(f->data(QStringLiteral("dst/") + name), "old");
            writeFile(f->scratch(QStringLiteral("src/") + name), "new");
        }
        ScriptedQuestions questions;
        questions.answers << TransferQuestions::ConflictAnswer {ConflictPolicy::KeepBoth, true};
        engine()->setQuestions(&questions);
        const qint64 batch = engine()->upload({f->scratch(QStringLiteral("src"))},
                                              *RemotePath::parse(QStringLiteral("/data")),
                                              ConflictPolicy::Ask, QStringLiteral("dst"));
        QVERIFY(waitForBatch(batch));
        QCOMPARE(questions.asked.size(), 1);
        for (const QString &name :
             {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}) {
            QFile old(f->data(QStringLiteral("dst/%1.txt").arg(name)));
            QVERIFY(old.open(QIODevice::ReadOnly));
            QCOMPARE(old.readAll(), QByteArray("old"));
            QFile kept(f->data(QStringLiteral("dst/%1 (1).txt").arg(name)));
            QVERIFY2(kept.open(QIODevice::ReadOnly), qPrintable(kept.fileName()));
            QCOMPARE(kept.readAll(), QByteArray("new"));
        }
        engine()->setQuestions(nullptr);
    }

    void conflictSkipAndOverwrite()
    {
        writeFile(f->data(QStringLiteral("x.txt")), "old");
        writeFile(f->scratch(QStringLiteral("x.txt")), "new");
        ScriptedQuestions questions;
        questions.answers << TransferQuestions::ConflictAnswer {ConflictPolicy::Skip, false};
        engine()->setQuestions(&questions);
        qint64 batch = engine()->upload({f->scratch(QStringLiteral("x.txt"))}, RemotePath());
        QVERIFY(waitForBatch(batch));
        QCOMPARE(items(batch).first()->state, State::Skipped);
        batch = engine()->upload({f->scratch(QStringLiteral("x.txt"))}, RemotePath(),
                                 ConflictPolicy::Overwrite);
        QVERIFY(waitForBatch(batch));
        QFile stored(f->data(QStringLiteral("x.txt")));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), QByteArray("new"));
        engine()->setQuestions(nullptr);
    }

    void downloadsAFolderAndAskedConflictWaitsWithoutBlocking()
    {
        writeFile(f->data(QStringLiteral("set/one.txt")), "1");
        writeFile(f->data(QStringLiteral("set/deep/two.txt")), "22");
        QDir().mkpath(f->data(QStringLiteral("set/void")));
        const QString target = f->scratch(QStringLiteral("out"));
        writeFile(target + QStringLiteral("/set/one.txt"), "local");
        // No questions object: the conflict waits in NeedsAttention while the rest goes on.
        const FileSpec folder = FileSpec::folder(*RemotePath::parse(QStringLiteral("set")));
        const qint64 batch = engine()->download({folder}, target);
        QVERIFY(ClientFixture::waitUntil(
            [&] {
                const auto list = items(batch);
                return list.size() == 2
                    && std::all_of(list.begin(), list.end(), [](const TransferItem *i) {
                           return i->isFinished() || i->state == State::NeedsAttention;
                       });
            },
            30'000));
        QFile two(target + QStringLiteral("/set/deep/two.txt"));
        QVERIFY(two.open(QIODevice::ReadOnly));
        QCOMPARE(two.readAll(), QByteArray("22"));
        QVERIFY(QFileInfo(target + QStringLiteral("/set/void")).isDir());
        const TransferItem *waiting = nullptr;
        for (const TransferItem *item : items(batch))
            if (item->state == State::NeedsAttention)
                waiting = item;
        QVERIFY(waiting);
        engine()->answerConflict(waiting->id, ConflictPolicy::Overwrite, false);
        QVERIFY(waitForBatch(batch));
        QFile one(target + QStringLiteral("/set/one.txt"));
        QVERIFY(one.open(QIODevice::ReadOnly));
        QCOMPARE(one.readAll(), QByteArray("1"));
    }

    void pauseResumeCancelRetryAndLimits()
    {
        // Slow the server so transfers are still running when we act.
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 150;
        f->server().setFaults(slow);
        engine()->setMaxFilesInFlight(2);
        engine()->setMaxPartsInFlight(3);
        QStringList files;
        for (int i = 0; i < 5; ++i) {
            files << f->scratch(QStringLiteral("f%1.bin").arg(i));
            QVERIFY(ClientFixture::writeRandomFile(files.last(), 21 * kMiB, quint32(i)));
        }
        const qint64 batch = engine()->upload(files, *RemotePath::parse(QStringLiteral("lim")));
        int maxRunning = 0;
        int maxParts = 0;
        QObject::connect(engine(), &TransferEngine::itemChanged, engine(), [&] {
            maxRunning = qMax(maxRunning, engine()->totals().running);
            maxParts = qMax(maxParts, engine()->partsInFlight());
        });
        QVERIFY(ClientFixture::waitUntil([&] { return engine()->totals().running == 2; }, 20'000));
        const qint64 first = engine()->batchItems(batch).first();
        QSignalSpy idle(engine(), &TransferEngine::queueIdle);
        engine()->pause(first);
        QCOMPARE(engine()->item(first)->state, State::Paused);
        engine()->pauseAll();
        QVERIFY(engine()->totals().running == 0);
        // The scheduler's next pass (queued by the pauses) finds nothing to start and says the
        // queue is idle: after it, nothing can start by itself.
        QVERIFY(idle.wait(10'000));
        QCOMPARE(engine()->totals().running, 0);
        engine()->resumeAll();
        const qint64 last = engine()->batchItems(batch).last();
        engine()->cancel(last);
        QCOMPARE(engine()->item(last)->state, State::Cancelled);
        QVERIFY(ClientFixture::waitUntil(
            [&] {
                for (const qint64 id : engine()->batchItems(batch))
                    if (id != last && engine()->item(id)->state != State::Done)
                        return false;
                return true;
            },
            90'000));
        QVERIFY2(maxRunning <= 2, "the files-in-flight limit held across pause and resume");
        QVERIFY2(maxParts <= 3, "the parts-in-flight limit held across pause and resume");
        QVERIFY(!QFile::exists(f->data(QStringLiteral("lim/f4.bin"))));
        f->server().setFaults({});
        engine()->retry(last);
        QVERIFY(waitForBatch(batch));
        QCOMPARE(engine()->item(last)->state, State::Done);
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("lim/f4.bin"))),
                 ClientFixture::sha256(files.last()));
    }

    void restartGoesOnFromTheJournal()
    {
        const QString local = f->scratch(QStringLiteral("restart.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 60 * kMiB, 21));
        engine()->setMaxPartsInFlight(1);
        engine()->setPartsPerFile(1);
        const qint64 batch = engine()->upload({local}, RemotePath());
        QVERIFY(ClientFixture::waitUntil(
            [&] {
                const auto ids = engine()->batchItems(batch);
                return !ids.isEmpty() && engine()->item(ids.first())->multipart.parts.size() >= 2;
            },
            30'000));
        const int storedBefore
            = int(engine()->item(engine()->batchItems(batch).first())->multipart.parts.size());
        // "Crash": the engine goes away mid-upload without pausing anything.
        m_engine.reset();
        m_journal.reset();
        f->server().clearRequestLog();
        makeEngine();
        engine()->load(true);
        QCOMPARE(engine()->ids().size(), 1);
        QVERIFY(waitForBatch(batch));
        const TransferItem *item = engine()->item(engine()->ids().first());
        QVERIFY2(item->state == State::Done, qPrintable(item->error));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("restart.bin"))),
                 ClientFixture::sha256(local));
        int partsSentAfterRestart = 0;
        for (const auto &entry : f->server().requestLog())
            partsSentAfterRestart += entry.method == QLatin1String("PUT") && entry.status == 200;
        QVERIFY2(partsSentAfterRestart <= 6 - storedBefore + 1,
                 qPrintable(QStringLiteral("%1 parts sent after the restart, %2 were stored")
                                .arg(partsSentAfterRestart)
                                .arg(storedBefore)));
    }

    void anotherAccountDoesNotSeeTheQueue()
    {
        const QString local = f->scratch(QStringLiteral("mine.txt"));
        writeFile(local, "mine");
        const qint64 batch = engine()->upload({local}, RemotePath());
        QVERIFY(waitForBatch(batch));
        m_engine.reset();
        const Credentials mine = f->client()->credentials();
        f->client()->setCredentials(
            *Credentials::fromKey(QStringLiteral("someone:else"), QStringLiteral("test")));
        makeEngine();
        engine()->load(true);
        QVERIFY2(engine()->ids().isEmpty(), "another key's transfers stay out of sight");
        f->client()->setCredentials(mine);
        makeEngine();
        engine()->load(true);
        QCOMPARE(engine()->ids().size(), 1);
    }

    void changedFileRestartsAndSaysWhy()
    {
        const QString local = f->scratch(QStringLiteral("changing.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 30 * kMiB, 1));
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 100;
        f->server().setFaults(slow);
        const qint64 batch = engine()->upload({local}, RemotePath());
        // Parts on their way: the new version is saved in the middle of the upload.
        QVERIFY(ClientFixture::waitUntil(
            [&] {
                const auto ids = engine()->batchItems(batch);
                return !ids.isEmpty() && engine()->item(ids.first())->multipart.isStarted()
                    && engine()->item(ids.first())->bytesDone > 0;
            },
            30'000));
        QVERIFY(
            ClientFixture::writeRandomFile(local, 31 * kMiB, 2)); // the user saves a new version
        f->server().setFaults({});
        QVERIFY(waitForBatch(batch, 90'000));
        const TransferItem *item = engine()->item(engine()->batchItems(batch).first());
        QVERIFY2(item->state == State::Done, qPrintable(item->error));
        QVERIFY2(item->note.contains(QStringLiteral("changed")), qPrintable(item->note));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("changing.bin"))),
                 ClientFixture::sha256(local));
    }

    void manySmallFilesTravelInOnePack()
    {
        const QString dropped = f->scratch(QStringLiteral("dataset"));
        for (int i = 0; i < 60; ++i)
            writeFile(dropped + QStringLiteral("/part%1/sample-%2.txt").arg(i % 3).arg(i),
                      QByteArray::number(i).repeated(50));
        QDir().mkpath(dropped + QStringLiteral("/empty"));
        writeFile(f->data(QStringLiteral("sets/dataset/part0/sample-0.txt")), "already here");
        ScriptedQuestions questions;
        questions.answers << TransferQuestions::ConflictAnswer {ConflictPolicy::Overwrite, false};
        engine()->setQuestions(&questions);
        const qint64 batch
            = engine()->upload({dropped}, *RemotePath::parse(QStringLiteral("sets")));
        QVERIFY(waitForBatch(batch));
        QCOMPARE(items(batch).size(), 61);
        for (const TransferItem *item : items(batch))
            QVERIFY2(item->state == State::Done,
                     qPrintable(item->name() + QStringLiteral(": ") + item->error));
        for (int i = 0; i < 60; ++i) {
            QFile stored(
                f->data(QStringLiteral("sets/dataset/part%1/sample-%2.txt").arg(i % 3).arg(i)));
            QVERIFY(stored.open(QIODevice::ReadOnly));
            QCOMPARE(stored.readAll(), QByteArray::number(i).repeated(50));
        }
        QVERIFY(QFileInfo(f->data(QStringLiteral("sets/dataset/empty"))).isDir());
        QCOMPARE(questions.asked,
                 QStringList {QStringLiteral("sample-0.txt")}); // the one that existed
        int packs = 0;
        int singles = 0;
        for (const auto &entry : f->server().requestLog()) {
            if (entry.method == QLatin1String("POST")
                && entry.target.startsWith(QLatin1String("/files/file/local/")))
                ++(entry.target.contains(QLatin1String("unzip=true")) ? packs : singles);
        }
        QCOMPARE(packs, 1);
        QCOMPARE(singles, 1); // the conflicting file, after its answer
        engine()->setQuestions(nullptr);
    }

    void importUrlRunsAsAQueueItem()
    {
        const qint64 bad = engine()->importUrl(QUrl(QStringLiteral("ftp://example.com/x")),
                                               *RemotePath::parse(QStringLiteral("x")));
        QVERIFY(waitForBatch(bad));
        QCOMPARE(items(bad).first()->state, State::Failed);
    }
};

QTEST_GUILESS_MAIN(TestTransferEngine)
#include "tst_transfer_engine.moc"
