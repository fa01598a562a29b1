// Where the signed-in key is kept: the owner-only file, the keychain-else-file chain, and the
// real keychain's failure on a machine without a Secret Service.
#include "network/account/FallbackKeyStore.h"
#include "network/account/FileKeyStore.h"
#include "network/account/KeychainKeyStore.h"
#include "network/account/MemoryKeyStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

namespace {

KeyStore::Result readNow(KeyStore &store, int timeoutMs = 20'000)
{
    std::optional<KeyStore::Result> result;
    store.read([&](const KeyStore::Result &r) { result = r; });
    // A missing answer is reported through the "no answer" result below.
    (void)QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs);
    return result.value_or(KeyStore::Result {false, {}, QStringLiteral("no answer")});
}

KeyStore::Result writeNow(KeyStore &store, const QString &key, int timeoutMs = 20'000)
{
    std::optional<KeyStore::Result> result;
    store.write(key, [&](const KeyStore::Result &r) { result = r; });
    // A missing answer is reported through the "no answer" result below.
    (void)QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs);
    return result.value_or(KeyStore::Result {false, {}, QStringLiteral("no answer")});
}

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

} // namespace

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fileIsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("conf/api-key"));
        FileKeyStore store(path);
        QVERIFY(store.description().contains(QStringLiteral("0600")));
        QVERIFY(readNow(store).ok);
        QVERIFY(readNow(store).key.isEmpty());

        QVERIFY(writeNow(store, QStringLiteral("id:secret")).ok);
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(modeOf(dir.filePath(QStringLiteral("conf"))), 0700);
        QCOMPARE(readNow(store).key, QStringLiteral("id:secret"));
        QVERIFY(!QFile::exists(path + QStringLiteral(".new")));

        // Replaced, still 0600.
        QVERIFY(writeNow(store, QStringLiteral("id2:secret2")).ok);
        QCOMPARE(readNow(store).key, QStringLiteral("id2:secret2"));
        QCOMPARE(modeOf(path), 0600);

        // Loosened by someone: tightened again when read.
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        QCOMPARE(readNow(store).key, QStringLiteral("id2:secret2"));
        QCOMPARE(modeOf(path), 0600);

        bool removed = false;
        store.remove([&](const KeyStore::Result &r) { removed = r.ok; });
        QVERIFY(removed);
        QVERIFY(!QFile::exists(path));
    }

    // A full disk while the key is replaced leaves the old key whole (it was removed first, and
    // a failed write could leave half a key).
    void aFailedRewriteKeepsTheOldKey()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("api-key"));
        FileKeyStore store(path);
        QVERIFY(writeNow(store, QStringLiteral("id:old")).ok);
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit original {};
        getrlimit(RLIMIT_FSIZE, &original);
        rlimit limited = original;
        limited.rlim_cur = 4; // shorter than any key
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
        const KeyStore::Result result = writeNow(store, QStringLiteral("id:new-and-longer"));
        setrlimit(RLIMIT_FSIZE, &original);
        QVERIFY(!result.ok);
        QVERIFY(!result.error.isEmpty());
        QCOMPARE(readNow(store).key, QStringLiteral("id:old"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList {QStringLiteral("api-key")});
    }

    void fallsBackToTheFileWhenTheKeychainFails()
    {
        QTemporaryDir dir;
        auto *keychain = new MemoryKeyStore(QStringLiteral("the system keychain"));
        keychain->setFailure(QStringLiteral("no Secret Service on the bus"));
        auto *file = new FileKeyStore(dir.filePath(QStringLiteral("api-key")));
        FallbackKeyStore store {std::unique_ptr<KeyStore>(keychain),
                                std::unique_ptr<KeyStore>(file)};

        const KeyStore::Result empty = readNow(store);
        QVERIFY(empty.ok);
        QVERIFY(empty.key.isEmpty());
        QCOMPARE(empty.error, QStringLiteral("no Secret Service on the bus"));

        QVERIFY(writeNow(store, QStringLiteral("id:secret")).ok);
        QVERIFY(store.usingFallback());
        QCOMPARE(store.fallbackReason(), QStringLiteral("no Secret Service on the bus"));
        QVERIFY(store.description().contains(QStringLiteral("0600")));
        QCOMPARE(readNow(store).key, QStringLiteral("id:secret"));

        // The keychain is back: the key moves there and leaves no copy on disk.
        keychain->setFailure(QString());
        QVERIFY(writeNow(store, QStringLiteral("id:secret")).ok);
        QVERIFY(!store.usingFallback());
        QCOMPARE(keychain->key(), QStringLiteral("id:secret"));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("api-key"))));
        QCOMPARE(store.description(), QStringLiteral("the system keychain"));
        QCOMPARE(readNow(store).key, QStringLiteral("id:secret"));
    }

    void aKeySavedInTheFileIsFoundWhileTheKeychainIsEmpty()
    {
        QTemporaryDir dir;
        auto *keychain = new MemoryKeyStore;
        auto *file = new FileKeyStore(dir.filePath(QStringLiteral("api-key")));
        QVERIFY(writeNow(*file, QStringLiteral("id:fromfile")).ok);
        FallbackKeyStore store {std::unique_ptr<KeyStore>(keychain),
                                std::unique_ptr<KeyStore>(file)};
        QCOMPARE(readNow(store).key, QStringLiteral("id:fromfile"));
        QVERIFY(store.usingFallback());
    }

    void realKeychainFailsHeadless()
    {
        if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("a session bus is present; this test must not touch a real keychain");
        KeychainKeyStore keychain(QStringLiteral("fal-files-test"), QStringLiteral("never-stored"));
        keychain.setTimeoutMs(5000);
        QElapsedTimer timer;
        timer.start();
        const KeyStore::Result result = readNow(keychain);
        QVERIFY(!result.ok);
        QVERIFY(!result.error.isEmpty());
        QVERIFY2(timer.elapsed() < 6000, "the deadline bounds a keychain that does not answer");
    }
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
