// The engine's scheduler over the fake network: no more files and parts in flight than its limits
// allow (answers are held, so "in flight" is exact, not a race against a fast server), and the
// retry hold of a transfer that failed while the service was down: nothing is sent before the
// hold ends, the engine's timer starts it when it does, other scheduling passes do not, and
// pausing drops the hold (resuming goes at once).
//
// The hold is the engine's own "wait and go on" (5 s, 10 s... for the app), shortened by the
// client's outage budget as the CLI's --retry-for does: the same code path, with a wait of a
// second instead of five.
#include "network/transfer/TransferEngine.h"
#include "tests/support/FakeClientFixture.h"

#include <QDir>
#include <QTest>

#include <algorithm>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
using State = TransferItem::State;
} // namespace

class TestSchedulerLimits : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeClientFixture> f;
    std::unique_ptr<TransferEngine> m_engine;

    // Remote files in/<name> of `size` bytes, as a listing would give them.
    QList<FileSpec> remoteFiles(const QStringList &names, qint64 size)
    {
        QList<FileSpec> specs;
        for (const QString &name : names) {
            FileSpec spec;
            spec.path = *RemotePath::parse(QStringLiteral("in/") + name);
            spec.name = name;
            spec.isFile = true;
            spec.size = size;
            f->service().putFile(spec.path.relative(),
                                 FakeClientFixture::randomBytes(size, quint32(qHash(name))));
            specs << spec;
        }
        return specs;
    }
    const TransferItem *itemFor(const QString &name) const
    {
        for (const qint64 id : m_engine->ids()) {
            if (m_engine->item(id)->remotePath.name() == name)
                return m_engine->item(id);
        }
        return nullptr;
    }
    QList<FakeRequest> getsOf(const QString &name) const
    {
        return f->network().requests("GET", QStringLiteral("/files/file/in/") + name);
    }
    // Requests end at once; transfers that fail go to the engine's retry hold.
    void noRequestRetries()
    {
        RetryPolicy once;
        once.maxAttempts = 1;
        f->client()->setRetryPolicy(once);
    }
    static qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<FakeClientFixture>();
        m_engine = std::make_unique<TransferEngine>(f->client(), nullptr);
    }
    void cleanup()
    {
        m_engine.reset();
        f.reset();
    }

    void filesInFlightStayWithinTheLimit()
    {
        m_engine->setMaxFilesInFlight(2);
        const QStringList names {QStringLiteral("f0"), QStringLiteral("f1"), QStringLiteral("f2"),
                                 QStringLiteral("f3"), QStringLiteral("f4")};
        const QList<FileSpec> specs = remoteFiles(names, 5000);
        f->service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            return f->service().serve(request).heldUntilReleased();
        });
        int mostInFlight = 0;
        connect(&f->network(), &FakeNetworkAccessManager::requestMade, this, [&] {
            mostInFlight = qMax(mostInFlight, int(f->network().openRequests().size()));
        });
        const QString folder = f->scratch(QStringLiteral("down"));
        const qint64 batch = m_engine->download(specs, folder);
        QTRY_COMPARE(f->network().heldCount(), 2);
        QCOMPARE(m_engine->totals().running, 2);
        QCOMPARE(m_engine->totals().queued, 3);
        // The queue's order: the first two go first.
        QCOMPARE(f->network().requests().size(), 2);
        QVERIFY(f->network().requests().at(0).path().endsWith(QLatin1String("/f0")));
        QVERIFY(f->network().requests().at(1).path().endsWith(QLatin1String("/f1")));
        for (int left = int(names.size()); left > 0; --left) {
            QCOMPARE(f->network().release(1), 1); // one ends: exactly one more may start
            QTRY_COMPARE(f->network().heldCount(), qMin(2, left - 1));
            QVERIFY(m_engine->totals().running <= 2);
        }
        QTRY_VERIFY(m_engine->isBatchFinished(batch));
        QCOMPARE(mostInFlight, 2);
        QCOMPARE(f->network().requests().size(), names.size());
        for (const QString &name : names) {
            QCOMPARE(itemFor(name)->state, State::Done);
            QFile file(folder + QLatin1Char('/') + name);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), f->service().file(QStringLiteral("in/") + name));
        }
    }

    // Two uploads of three 10 MiB parts each; at most three parts at once in all, two per file.
    void partsInFlightStayWithinTheLimits()
    {
        m_engine->setMaxFilesInFlight(3);
        m_engine->setMaxPartsInFlight(3);
        m_engine->setPartsPerFile(2);
        QStringList files;
        for (int i = 0; i < 2; ++i) {
            files << f->scratch(QStringLiteral("u%1.bin").arg(i));
            QVERIFY(FakeClientFixture::writeFile(
                files.last(), FakeClientFixture::randomBytes(21 * kMiB, quint32(20 + i))));
        }
        f->service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            if (request.method != "PUT")
                return std::nullopt;
            return f->service().serve(request).heldUntilReleased();
        });
        auto partsOpen = [&](const QString &file = QString()) {
            int open = 0;
            for (const FakeRequest &request : f->network().openRequests())
                open += request.method == "PUT" && request.path().contains(file);
            return open;
        };
        int mostParts = 0;
        int mostPerFile = 0;
        connect(&f->network(), &FakeNetworkAccessManager::requestMade, this, [&] {
            mostParts = qMax(mostParts, partsOpen());
            mostPerFile = std::max({mostPerFile, partsOpen(QStringLiteral("/u0.bin/")),
                                    partsOpen(QStringLiteral("/u1.bin/"))});
        });
        const qint64 batch = m_engine->upload(files, *RemotePath::parse(QStringLiteral("up")),
                                              ConflictPolicy::Overwrite);
        QTRY_COMPARE_WITH_TIMEOUT(f->network().heldCount(), 3, 20'000);
        QCOMPARE(m_engine->partsInFlight(), 3);
        QCOMPARE(m_engine->totals().running, 2);
        for (int released = 0; released < 6; ++released) {
            QCOMPARE(f->network().release(1), 1);
            QTRY_COMPARE_WITH_TIMEOUT(f->network().heldCount(), qMin(3, 6 - released - 1), 20'000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->isBatchFinished(batch), 20'000);
        QCOMPARE(mostParts, 3);
        QCOMPARE(mostPerFile, 2);
        QCOMPARE(f->network().count("PUT", QStringLiteral("/files/file/multipart/")), 6);
        for (int i = 0; i < 2; ++i) {
            QFile local(files[i]);
            QVERIFY(local.open(QIODevice::ReadOnly));
            QCOMPARE(f->service().file(QStringLiteral("up/u%1.bin").arg(i)), local.readAll());
        }
    }

    void aHeldTransferWaitsForItsTimeAndTheTimerStartsIt()
    {
        noRequestRetries();
        f->client()->outage().setLimitMs(1000);
        const QList<FileSpec> a = remoteFiles({QStringLiteral("a")}, 4000);
        const QList<FileSpec> b = remoteFiles({QStringLiteral("b")}, 4000);
        bool failed = false;
        f->service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            if (failed || !request.path().endsWith(QLatin1String("/in/a")))
                return std::nullopt;
            failed = true;
            return FakeResponse::httpError(503, QStringLiteral("over capacity"));
        });
        const QString folder = f->scratch(QStringLiteral("down"));
        m_engine->download(a, folder);
        QTRY_VERIFY(itemFor(QStringLiteral("a")) && itemFor(QStringLiteral("a"))->retryAtMs > 0);
        const TransferItem *held = itemFor(QStringLiteral("a"));
        const qint64 holdUntil = held->retryAtMs;
        QCOMPARE(held->state, State::Queued);
        QVERIFY2(held->note.contains(QStringLiteral("over capacity")), qPrintable(held->note));
        QCOMPARE(m_engine->nextRetryAtMs(), holdUntil);
        // The first round waits the budget's rest (never past it), not the app's 5 s.
        QVERIFY(holdUntil <= getsOf(QStringLiteral("a")).first().sentAtMs + 1000);

        // Another transfer makes the scheduler run while `a` waits: it must not start `a`.
        m_engine->download(b, folder);
        QTRY_VERIFY(itemFor(QStringLiteral("b"))
                    && itemFor(QStringLiteral("b"))->state == State::Done);
        if (now() < holdUntil)
            QCOMPARE(getsOf(QStringLiteral("a")).size(), 1);

        // Nothing else happens now: only the engine's timer can start it.
        QTRY_COMPARE_WITH_TIMEOUT(held->state, State::Done, 10'000);
        const QList<FakeRequest> gets = getsOf(QStringLiteral("a"));
        QCOMPARE(gets.size(), 2);
        QVERIFY2(gets[1].sentAtMs >= holdUntil,
                 qPrintable(QStringLiteral("sent %1 ms before the hold ended")
                                .arg(holdUntil - gets[1].sentAtMs)));
        QVERIFY2(gets[1].sentAtMs <= holdUntil + 1500,
                 qPrintable(QStringLiteral("sent %1 ms after the hold ended")
                                .arg(gets[1].sentAtMs - holdUntil)));
        QCOMPARE(held->retryAtMs, 0);
        QCOMPARE(m_engine->nextRetryAtMs(), 0);
    }

    void pausingDropsTheHold()
    {
        noRequestRetries();
        f->client()->outage().setLimitMs(1000);
        const QList<FileSpec> specs = remoteFiles({QStringLiteral("a"), QStringLiteral("b")}, 4000);
        QSet<QString> failed;
        f->service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            const QString name = request.path().section(QLatin1Char('/'), -1);
            if (failed.contains(name))
                return std::nullopt;
            failed.insert(name);
            return FakeResponse::httpError(503);
        });
        m_engine->download(specs, f->scratch(QStringLiteral("down")));
        QTRY_VERIFY(itemFor(QStringLiteral("a")) && itemFor(QStringLiteral("a"))->retryAtMs > 0
                    && itemFor(QStringLiteral("b"))->retryAtMs > 0);
        const TransferItem *a = itemFor(QStringLiteral("a"));
        const TransferItem *b = itemFor(QStringLiteral("b"));
        m_engine->pause(a->id);
        QCOMPARE(a->state, State::Paused);
        QCOMPARE(a->retryAtMs, 0);
        QCOMPARE(m_engine->nextRetryAtMs(), b->retryAtMs); // only b's hold is left
        // b's hold ends and b goes; a, paused, stays where it is.
        QTRY_COMPARE_WITH_TIMEOUT(b->state, State::Done, 10'000);
        QCOMPARE(a->state, State::Paused);
        QCOMPARE(getsOf(QStringLiteral("a")).size(), 1);
        QCOMPARE(m_engine->nextRetryAtMs(), 0);
        m_engine->resume(a->id);
        QTRY_COMPARE(a->state, State::Done);
        QCOMPARE(getsOf(QStringLiteral("a")).size(), 2);
    }

    // "Go on" means now, not when the hold would have ended.
    void resumingAHeldTransferGoesAtOnce()
    {
        noRequestRetries();
        f->client()->outage().setLimitMs(60'000);
        const QList<FileSpec> specs = remoteFiles({QStringLiteral("a")}, 4000);
        bool failed = false;
        f->service().setIntercept([&](const FakeRequest &) -> std::optional<FakeResponse> {
            if (std::exchange(failed, true))
                return std::nullopt;
            return FakeResponse::closed();
        });
        m_engine->download(specs, f->scratch(QStringLiteral("down")));
        QTRY_VERIFY(itemFor(QStringLiteral("a")) && itemFor(QStringLiteral("a"))->retryAtMs > 0);
        const TransferItem *a = itemFor(QStringLiteral("a"));
        const qint64 holdUntil = a->retryAtMs;
        QVERIFY(holdUntil - now() > 3000); // the app's first wait: 5 s
        m_engine->pause(a->id);
        m_engine->resume(a->id);
        QTRY_COMPARE(a->state, State::Done);
        QVERIFY(getsOf(QStringLiteral("a")).last().sentAtMs < holdUntil);
    }
};

QTEST_GUILESS_MAIN(TestSchedulerLimits)
#include "tst_scheduler_limits.moc"
