// Signing in: a key is tried against the API before it is kept; a wrong one is refused with a
// clear reason; fal's config profiles are offered; the window's emulator banner leads there.
#include "network/account/FallbackKeyStore.h"
#include "network/account/FileKeyStore.h"
#include "network/account/MemoryKeyStore.h"
#include "tests/support/ClientFixture.h"
#include "ui/EmulatorBanner.h"
#include "ui/MainWindow.h"
#include "ui/SessionControl.h"
#include "ui/SignInDialog.h"
#include "ui/WindowActions.h"
#include "ui/browse/FileIconProvider.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <sys/stat.h>

namespace {

class FakeSession : public SessionControl
{
public:
    explicit FakeSession(QUrl endpoint) : m_endpoint(std::move(endpoint)) { }
    bool isEmulator() const override { return !switched; }
    QString bannerText() const override
    {
        return switched ? QString()
                        : QStringLiteral("This is the built-in emulator, not fal's servers.");
    }
    QString currentKeyDescription() const override
    {
        return QStringLiteral("no key: the built-in emulator");
    }
    KeyStore *keyStore() const override { return const_cast<MemoryKeyStore *>(&store); }
    QString storageNote() const override { return store.description(); }
    QUrl signInEndpoint() const override { return m_endpoint; }
    QString falConfigPath() const override { return QStringLiteral("/nonexistent/config.toml"); }
    bool switchAccount(const Credentials &credentials, const QUrl &endpoint, QString *) override
    {
        switched = true;
        switchedTo = credentials;
        switchedEndpoint = endpoint;
        return true;
    }
    QString accountLabel() const override
    {
        return switched ? switchedTo.redacted() : QStringLiteral("Emulator");
    }
    bool signOut(QString *, QString *) override
    {
        switched = false;
        return true;
    }

    MemoryKeyStore store {QStringLiteral("the test's memory")};
    bool switched = false;
    Credentials switchedTo;
    QUrl switchedEndpoint;

private:
    QUrl m_endpoint;
};

} // namespace

class TestSignIn : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;

    std::unique_ptr<SignInDialog> dialog(KeyStore *store)
    {
        auto d = std::make_unique<SignInDialog>(f->client()->network(), store);
        d->setEndpoint(f->server().baseUrl());
        d->show();
        return d;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        FileIconProvider::installTheme(QApplication::palette());
    }
    void init()
    {
        QSettings().clear();
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
    }
    void cleanup() { f.reset(); }

    void wrongKeyIsRefusedClearly()
    {
        MemoryKeyStore store;
        auto d = dialog(&store);
        d->keyEdit()->setText(QStringLiteral("wrong-id:wrong-secret"));
        QTest::mouseClick(d->signInButton(), Qt::LeftButton);
        QVERIFY(d->isChecking());
        QTRY_VERIFY(!d->isChecking());
        QVERIFY2(d->errorText().contains(QStringLiteral("refused")), qPrintable(d->errorText()));
        QVERIFY(d->isVisible());
        QVERIFY(d->result() != QDialog::Accepted);
        QVERIFY(store.key().isEmpty()); // nothing kept
        QVERIFY(!d->errorText().contains(QStringLiteral("wrong-secret")));
    }

    void malformedKeyIsSaidBeforeAnyRequest()
    {
        MemoryKeyStore store;
        auto d = dialog(&store);
        f->server().clearRequestLog();
        d->keyEdit()->setText(QStringLiteral("no-colon-here"));
        d->submit();
        QVERIFY(!d->isChecking());
        QVERIFY2(d->errorText().contains(QStringLiteral("not a fal key")),
                 qPrintable(d->errorText()));
        QVERIFY(f->server().requestLog().isEmpty());
        d->keyEdit()->setText(f->server().key());
        d->endpointEdit()->setText(QStringLiteral("http://example.com"));
        d->submit();
        QVERIFY2(d->errorText().contains(QStringLiteral("127.0.0.1")),
                 qPrintable(d->errorText())); // no clear text off this machine
    }

    void rightKeyIsTestedThenKept()
    {
        MemoryKeyStore store;
        auto d = dialog(&store);
        f->server().clearRequestLog();
        d->keyEdit()->setText(QStringLiteral("  ") + f->server().key() + QStringLiteral("  "));
        d->submit();
        QTRY_COMPARE(d->result(), int(QDialog::Accepted));
        QCOMPARE(store.key(), f->server().key());
        QCOMPARE(d->credentials().key(), f->server().key());
        QCOMPARE(d->endpoint(), f->server().baseUrl());
        QVERIFY(d->saveProblem().isEmpty());
        QVERIFY(!f->server().requestLog().isEmpty()); // it was tried first
    }

    void keyGoesToAnOwnerOnlyFileWithoutAKeychain()
    {
        QTemporaryDir dir;
        auto *keychain = new MemoryKeyStore(QStringLiteral("the system keychain"));
        keychain->setFailure(QStringLiteral("no Secret Service"));
        const QString path = dir.filePath(QStringLiteral("api-key"));
        FallbackKeyStore store {std::unique_ptr<KeyStore>(keychain),
                                std::make_unique<FileKeyStore>(path)};
        auto d = dialog(&store);
        d->keyEdit()->setText(f->server().key());
        d->submit();
        QTRY_COMPARE(d->result(), int(QDialog::Accepted));
        QVERIFY(store.usingFallback());
        QVERIFY(store.description().contains(QStringLiteral("0600")));
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
    }

    void offersTheProfilesOfFalsConfig()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("config.toml"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[__internal__]\nprofile = \"work\"\n\n[work]\nkey = \""
                   + f->server().key().toUtf8() + "\"\nhost = \""
                   + f->server().baseUrl().toString().toUtf8()
                   + "\"\n\n[nokey]\nhost = \"api.fal.ai\"\n");
        file.close();
        MemoryKeyStore store;
        auto d = dialog(&store);
        d->endpointEdit()->setText(QStringLiteral("https://rest.alpha.fal.ai"));
        d->loadProfiles(config);
        QCOMPARE(d->profileBox()->count(), 2); // "(paste a key)" and the one profile with a key
        QVERIFY(d->profileBox()->itemText(1).contains(QStringLiteral("work")));
        QVERIFY(d->profileBox()->itemText(1).contains(QStringLiteral("active")));
        d->profileBox()->setCurrentIndex(1);
        Q_EMIT d->profileBox()->activated(1);
        QCOMPARE(d->keyEdit()->text(), f->server().key());
        QCOMPARE(d->keyEdit()->echoMode(), QLineEdit::Password);
        QCOMPARE(QUrl(d->endpointEdit()->text()), f->server().baseUrl());
        d->submit();
        QTRY_COMPARE(d->result(), int(QDialog::Accepted));
        QVERIFY(d->credentials().source().contains(QStringLiteral("work")));
    }

    void theEmulatorBannerLeadsToSignIn()
    {
        FakeSession session(f->server().baseUrl());
        MainWindow window(f->client(), nullptr, &session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.banner()->isVisible());
        QVERIFY(window.banner()->message().contains(QStringLiteral("emulator")));
        QTest::mouseClick(window.banner()->signInButton(), Qt::LeftButton);
        SignInDialog *d = nullptr;
        QTRY_VERIFY((d = window.findChild<SignInDialog *>()) != nullptr);
        QCOMPARE(QUrl(d->endpointEdit()->text()), f->server().baseUrl());
        d->keyEdit()->setText(f->server().key());
        d->submit();
        QTRY_VERIFY(session.switched);
        QCOMPARE(session.switchedTo.key(), f->server().key());
        QCOMPARE(session.switchedEndpoint, f->server().baseUrl());
        QCOMPARE(session.store.key(), f->server().key());
        QTRY_VERIFY(!window.banner()->isVisible());
    }

    void theWindowShowsItsAccountAndOffersSignOut()
    {
        FakeSession session(f->server().baseUrl());
        MainWindow window(f->client(), nullptr, &session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *account = window.findChild<QToolButton *>(QStringLiteral("AccountButton"));
        QVERIFY(account && account->isVisible());
        QCOMPARE(account->text(), QStringLiteral("Emulator"));
        QAction *signOut = window.actions()->signOut;
        QVERIFY(!signOut->isEnabled()); // nobody to sign out on the emulator
        QVERIFY(account->menu()->actions().contains(signOut));
        session.switched = true;
        session.switchedTo = *Credentials::fromKey(QStringLiteral("abc123:secret"), QString());
        window.refreshSession();
        QCOMPARE(account->text(), QStringLiteral("abc123:••••"));
        QVERIFY(signOut->isEnabled());
        signOut->trigger();
        QVERIFY(!session.switched);
    }
};

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
