// Who may go on with an unfinished transfer of a shared journal. The owner is a lock the
// operating system drops when its process ends: a CLI killed and left a zombie (kill(pid, 0)
// still says it lives), or an owner whose pid now belongs to another process, no longer holds
// its transfers; a live one does; and the queue asks again when it is opened or retried.
#include "network/transfer/JournalOwnerLock.h"
#include "network/transfer/TransferEngine.h"
#include "network/transfer/TransferJournal.h"
#include "tests/support/CliRunner.h"
#include "tests/support/ClientFixture.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <csignal>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char **environ;

namespace {
constexpr qint64 kMiB = 1024 * 1024;
using State = TransferItem::State;

char processState(pid_t pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return '?';
    const QByteArray line = stat.readAll();
    const qsizetype paren = line.lastIndexOf(')');
    return paren > 0 && paren + 2 < line.size() ? line.at(paren + 2) : '?';
}
} // namespace

class TestJournalOwner : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    QTemporaryDir m_state;

    QString journalPath() const { return m_state.filePath(QStringLiteral("journal.sqlite")); }
    // Rewrites an item's owner behind the journal's back (what a crashed owner leaves).
    void setOwner(qint64 id, const QVariant &token, qint64 pid)
    {
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            db.setDatabaseName(journalPath());
            QVERIFY(db.open());
            QSqlQuery query(db);
            query.prepare(
                QStringLiteral("UPDATE transfers SET owner = ?, owner_pid = ? WHERE id = ?"));
            query.addBindValue(token);
            query.addBindValue(pid);
            query.addBindValue(id);
            QVERIFY(query.exec());
            QCOMPARE(query.numRowsAffected(), 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }
    qint64 insertUpload(TransferJournal &journal)
    {
        TransferItem item;
        item.direction = TransferItem::Direction::Upload;
        item.localPath = f->scratch(QStringLiteral("x.bin"));
        item.remotePath = *RemotePath::parse(QStringLiteral("up/x.bin"));
        item.size = 10;
        QList<TransferItem> items {item};
        return journal.insert(items) ? items.first().id : 0;
    }

    // An upload of a 10-byte file of this account that `journal`'s process was running.
    qint64 insertRunningUpload(TransferJournal &journal, const QString &name)
    {
        if (!ClientFixture::writeRandomFile(f->scratch(name), 10, 1))
            return 0;
        TransferItem item;
        item.direction = TransferItem::Direction::Upload;
        item.localPath = f->scratch(name);
        item.localModified = QFileInfo(item.localPath).lastModified().toUTC();
        item.remotePath = RemotePath::fromRelative(QStringLiteral("up/") + name);
        item.size = 10;
        item.state = State::Running;
        item.account = f->client()->endpoint().toString() + QLatin1Char(' ')
            + f->client()->credentials().keyId();
        QList<TransferItem> items {item};
        return journal.insert(items) ? items.first().id : 0;
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        QDir(m_state.path()).removeRecursively();
        QDir().mkpath(m_state.path());
    }
    void cleanup() { f.reset(); }

    void aLiveOwnerKeepsItsItemsAndADeadOneLetsGo()
    {
        TransferJournal mine(journalPath());
        QVERIFY(mine.open());
        auto other = std::make_unique<TransferJournal>(journalPath());
        QVERIFY(other->open());
        const qint64 id = insertUpload(*other);
        QVERIFY(id > 0);
        QVERIFY(!mine.claim(id)); // its owner lives
        QVERIFY(other->claim(id)); // and may claim again
        other.reset(); // its process "ends" (the lock goes with it)
        QVERIFY(mine.claim(id));
    }

    void aPidThatLivesProvesNothing()
    {
        TransferJournal mine(journalPath());
        QVERIFY(mine.open());
        const qint64 id = insertUpload(mine);
        QVERIFY(id > 0);
        // The owner crashed long ago; its pid now belongs to a live process (1 always lives).
        setOwner(id, QStringLiteral("0123456789abcdef0123456789abcdef"), 1);
        TransferJournal next(journalPath());
        QVERIFY(next.open());
        QVERIFY(next.claim(id));
        // Garbage in the owner column is nobody.
        setOwner(id, QStringLiteral("../../etc/passwd"), 1);
        QVERIFY(next.claim(id));
    }

    // A disk that fills up while the journal is written: the write fails and says so, and what
    // the journal held before is still there, whole, when it is opened again.
    void aFullDiskLeavesTheJournalWhole()
    {
        qint64 id = 0;
        {
            TransferJournal journal(journalPath());
            QVERIFY(journal.open());
            id = insertUpload(journal);
            QVERIFY(id > 0);
            QVERIFY(journal.recordPart(id, 1, QStringLiteral("etag-1")));
            std::signal(SIGXFSZ, SIG_IGN);
            rlimit original {};
            getrlimit(RLIMIT_FSIZE, &original);
            rlimit limited = original;
            limited.rlim_cur = QFileInfo(journalPath()).size(); // no room to grow
            QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
            bool allWritten = true;
            for (int part = 2; part < 2000 && allWritten; ++part)
                allWritten = journal.recordPart(id, part, QString(200, QLatin1Char('e')));
            setrlimit(RLIMIT_FSIZE, &original);
            QVERIFY(!allWritten);
            QVERIFY(!journal.lastError().isEmpty());
        }
        TransferJournal again(journalPath());
        QVERIFY2(again.open(), qPrintable(again.lastError()));
        const QList<TransferItem> items = again.loadAll();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().id, id);
        QCOMPARE(items.first().multipart.parts.value(1), QStringLiteral("etag-1"));
    }

    void theQueueAsksAgainWhenOpened()
    {
        auto other = std::make_unique<TransferJournal>(journalPath());
        QVERIFY(other->open());
        const qint64 id = insertRunningUpload(*other, QStringLiteral("x.bin"));
        QVERIFY(id > 0);

        TransferJournal journal(journalPath());
        QVERIFY(journal.open());
        TransferEngine engine(f->client(), &journal);
        engine.load(true);
        QCOMPARE(engine.adoptOrphans(), 0); // the owner still runs
        QCOMPARE(engine.item(id)->state, State::Running); // shown as its owner left it
        other.reset();
        QCOMPARE(engine.adoptOrphans(), 1);
        QVERIFY(ClientFixture::waitUntil([&] { return engine.item(id)->state == State::Done; }));
        QCOMPARE(QFileInfo(f->data(QStringLiteral("up/x.bin"))).size(), 10);
    }

    // An owner that ends while the queue is open (the dock always shown): its items come over by
    // themselves, without anyone opening or retrying anything.
    void anOwnerThatEndsLaterLetsGoByItself()
    {
        auto other = std::make_unique<TransferJournal>(journalPath());
        QVERIFY(other->open());
        const qint64 id = insertRunningUpload(*other, QStringLiteral("y.bin"));
        QVERIFY(id > 0);
        TransferJournal journal(journalPath());
        QVERIFY(journal.open());
        TransferEngine engine(f->client(), &journal);
        engine.setOrphanCheckIntervalMs(50);
        engine.load(true);
        QCOMPARE(engine.item(id)->state, State::Running);
        other.reset();
        QVERIFY(ClientFixture::waitUntil([&] { return engine.item(id)->state == State::Done; },
                                         20'000));
    }

    // The reported case: a CLI upload killed and not yet reaped (a zombie) keeps its pid, and
    // kill(pid, 0) says it runs. The next run takes its transfer over and finishes it.
    void aZombieOwnerLetsGo()
    {
        const QString local = f->scratch(QStringLiteral("big.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 40 * kMiB, 2));
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 200;
        f->server().setFaults(slow);
        CliRunner cli(f->server().baseUrl().toString(), f->server().key());
        QStringList args = cli.globalArgs();
        for (int i = 0; i < args.size(); ++i) {
            if (args.at(i) == QLatin1String("--journal"))
                args[i + 1] = journalPath();
        }
        args << QStringLiteral("upload") << local << QStringLiteral("/data/up/");
        QList<QByteArray> argStore {QFile::encodeName(CliRunner::program())};
        for (const QString &arg : std::as_const(args))
            argStore << arg.toLocal8Bit();
        std::vector<char *> argv;
        for (QByteArray &arg : argStore)
            argv.push_back(arg.data());
        argv.push_back(nullptr);
        QList<QByteArray> envStore;
        for (const QString &pair : cli.environment().toStringList())
            envStore << pair.toLocal8Bit();
        std::vector<char *> envp;
        for (QByteArray &pair : envStore)
            envp.push_back(pair.data());
        envp.push_back(nullptr);
        pid_t pid = 0;
        QCOMPARE(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), envp.data()), 0);

        // Under way: the CLI owns an item with some parts accepted.
        TransferJournal watcher(journalPath());
        QVERIFY(ClientFixture::waitUntil(
            [&] {
                if (!watcher.isOpen() && !watcher.open())
                    return false;
                const QList<TransferItem> all = watcher.loadAll();
                return all.size() == 1 && !all.first().multipart.parts.isEmpty();
            },
            60'000));
        QCOMPARE(::kill(pid, SIGKILL), 0);
        // A zombie, with all of its threads gone (the leader turns 'Z' while the last of the
        // others may still be on the way out, holding the process's files).
        QVERIFY(QTest::qWaitFor(
            [&] {
                return processState(pid) == 'Z'
                    && QDir(QStringLiteral("/proc/%1/task").arg(pid))
                           .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                           .size()
                    == 1;
            },
            10'000));
        QCOMPARE(::kill(pid, 0), 0); // the zombie still "lives" to a pid check

        f->server().setFaults({});
        TransferJournal journal(journalPath());
        QVERIFY(journal.open());
        TransferEngine engine(f->client(), &journal);
        engine.load(true);
        const QList<qint64> ids = engine.ids();
        QCOMPARE(ids.size(), 1);
        const bool done = ClientFixture::waitUntil(
            [&] { return engine.item(ids.first())->state == State::Done; }, 60'000);
        ::waitpid(pid, nullptr, 0);
        const TransferItem *item = engine.item(ids.first());
        QVERIFY2(done,
                 qPrintable(QStringLiteral("the zombie's transfer was never taken over: %1 %2")
                                .arg(TransferItem::stateName(item->state), item->error)));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("up/big.bin"))),
                 ClientFixture::sha256(local));
    }
};

QTEST_GUILESS_MAIN(TestJournalOwner)
#include "tst_journal_owner.moc"
