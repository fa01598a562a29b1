// The engine's runtime state per item (TransferRuntime: task, speed, automatic retries, the
// "one-file way" mark, the size a conflict found...) lives exactly as long as its item: one entry
// per queue item, made when the item enters, dropped when clearFinished() lets it go. Earlier
// side tables kept some of it forever (the start time of every item that ever ran, the retry
// counts and marks of cleared items); this test walks items through the paths that set each part
// (done at once, an automatic retry after an outage, a person's retry after a failure, a conflict
// cancelled while it waits, a held retry cancelled) and checks that nothing outlives them.
#include "network/transfer/TransferEngine.h"
#include "tests/support/FakeClientFixture.h"

#include <QDir>
#include <QTest>

namespace {
using State = TransferItem::State;
} // namespace

class TestEngineRuntime : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeClientFixture> f;
    std::unique_ptr<TransferEngine> m_engine;

    FileSpec remoteFile(const QString &name)
    {
        FileSpec spec;
        spec.path = *RemotePath::parse(QStringLiteral("in/") + name);
        spec.name = name;
        spec.isFile = true;
        spec.size = 3000;
        f->service().putFile(spec.path.relative(),
                             FakeClientFixture::randomBytes(spec.size, quint32(qHash(name))));
        return spec;
    }
    const TransferItem *itemFor(const QString &name) const
    {
        for (const qint64 id : m_engine->ids()) {
            if (m_engine->item(id)->remotePath.name() == name)
                return m_engine->item(id);
        }
        return nullptr;
    }
    State stateOf(const QString &name) const
    {
        const TransferItem *item = itemFor(name);
        return item ? item->state : State::Queued;
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<FakeClientFixture>();
        RetryPolicy once; // requests end at once; a transient failure goes to the engine's hold
        once.maxAttempts = 1;
        f->client()->setRetryPolicy(once);
        m_engine = std::make_unique<TransferEngine>(f->client(), nullptr);
    }
    void cleanup()
    {
        m_engine.reset();
        f.reset();
    }

    void runtimeStateLeavesWithItsItem()
    {
        const QString folder = f->scratch(QStringLiteral("down"));
        QVERIFY(QDir().mkpath(folder));
        // "exists" is already here: its download waits for an answer nobody gives.
        QVERIFY(FakeClientFixture::writeFile(folder + QStringLiteral("/exists"), "old"));
        QHash<QString, int> answered;
        f->service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            const QString name = request.path().section(QLatin1Char('/'), -1);
            const int round = answered[name]++;
            if (name == QLatin1String("missing") && round == 0)
                return FakeResponse::httpError(404, QStringLiteral("no such file"));
            if ((name == QLatin1String("outage") && round == 0) || name == QLatin1String("held"))
                return FakeResponse::httpError(503, QStringLiteral("over capacity"));
            return std::nullopt;
        });
        QList<qint64> batches;
        batches << m_engine->download({remoteFile(QStringLiteral("plain")),
                                       remoteFile(QStringLiteral("missing")),
                                       remoteFile(QStringLiteral("exists"))},
                                      folder);
        QTRY_COMPARE(stateOf(QStringLiteral("plain")), State::Done);
        QTRY_COMPARE(stateOf(QStringLiteral("missing")), State::Failed);
        QTRY_COMPARE(stateOf(QStringLiteral("exists")), State::NeedsAttention);
        m_engine->retry(itemFor(QStringLiteral("missing"))->id); // the one-file way, again
        QTRY_COMPARE(stateOf(QStringLiteral("missing")), State::Done);
        m_engine->cancel(itemFor(QStringLiteral("exists"))->id);
        QCOMPARE(stateOf(QStringLiteral("exists")), State::Cancelled);

        // A failure while the service is down: held (under a second here), then done.
        f->client()->outage().setLimitMs(1000);
        batches << m_engine->download({remoteFile(QStringLiteral("outage"))}, folder);
        QTRY_VERIFY(itemFor(QStringLiteral("outage"))
                    && itemFor(QStringLiteral("outage"))->retryAtMs > 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(QStringLiteral("outage")), State::Done, 10'000);

        // Held for the app's five seconds, cancelled meanwhile.
        f->client()->outage().setLimitMs(60'000);
        batches << m_engine->download({remoteFile(QStringLiteral("held"))}, folder);
        QTRY_VERIFY(itemFor(QStringLiteral("held"))
                    && itemFor(QStringLiteral("held"))->retryAtMs > 0);
        QVERIFY(m_engine->nextRetryAtMs() > 0);
        m_engine->cancel(itemFor(QStringLiteral("held"))->id);
        QCOMPARE(stateOf(QStringLiteral("held")), State::Cancelled);
        QCOMPARE(m_engine->nextRetryAtMs(), 0);

        for (const qint64 batch : std::as_const(batches))
            QVERIFY(m_engine->isBatchFinished(batch));
        QCOMPARE(m_engine->ids().size(), 5);
        QCOMPARE(m_engine->runtimeCount(), 5); // finished items keep theirs until cleared

        // Commands for items the engine does not know make no runtime state either.
        const qint64 unknown = 1'000'000;
        m_engine->retry(unknown);
        m_engine->pause(unknown);
        m_engine->resume(unknown);
        m_engine->cancel(unknown);
        m_engine->answerConflict(unknown, ConflictPolicy::Overwrite, true);
        QCOMPARE(m_engine->runtimeCount(), 5);

        m_engine->clearFinished({itemFor(QStringLiteral("plain"))->id});
        QCOMPARE(m_engine->ids().size(), 4);
        QCOMPARE(m_engine->runtimeCount(), 4);
        m_engine->clearFinished();
        QVERIFY(m_engine->ids().isEmpty());
        QCOMPARE(m_engine->runtimeCount(), 0);
        const TransferEngine::Totals totals = m_engine->totals();
        QCOMPARE(totals.bytesTotal, 0);
        QCOMPARE(totals.bytesDone, 0);
        QVERIFY(totals.isIdle());
    }

    // An item that comes back (the same file to the same place) is the same item: it gets no
    // second entry, and the new batch's items leave as the first ones did.
    void aTakenOverItemKeepsOneEntry()
    {
        f->service().setIntercept([&](const FakeRequest &) -> std::optional<FakeResponse> {
            return FakeResponse::httpError(404, QStringLiteral("no such file"));
        });
        const QString folder = f->scratch(QStringLiteral("again"));
        const QList<FileSpec> specs {remoteFile(QStringLiteral("a")),
                                     remoteFile(QStringLiteral("b"))};
        m_engine->download(specs, folder);
        QTRY_VERIFY(stateOf(QStringLiteral("a")) == State::Failed
                    && stateOf(QStringLiteral("b")) == State::Failed);
        f->service().setIntercept({});
        m_engine->download(specs, folder); // taken over: they go on where they were
        QTRY_VERIFY(stateOf(QStringLiteral("a")) == State::Done
                    && stateOf(QStringLiteral("b")) == State::Done);
        QCOMPARE(m_engine->ids().size(), 2);
        QCOMPARE(m_engine->runtimeCount(), 2);
        m_engine->clearFinished();
        QCOMPARE(m_engine->runtimeCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineRuntime)
#include "tst_engine_runtime.moc"
