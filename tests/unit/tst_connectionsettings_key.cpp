// Unit tests for ConnectionSettings, the key: which one is used, found the way fal's own tools
// find it, what is reported when none is usable, and that the secret never shows where it must
// not. (The endpoint: tst_connectionsettings_endpoint. Credentials and FalConfig alone:
// tst_credentials, tst_falconfig.)
#include "network/account/ConnectionSettings.h"
#include "network/account/Credentials.h"
#include "network/account/FalConfig.h"
#include "tests/unit/FalConfigSample.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestConnectionSettingsKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keyPrecedence_data();
    void keyPrecedence();
    void profileSelection_data();
    void profileSelection();
    void configPathFromEnvironment();
    void configPathFromEnvironmentExpandsTilde();
    void malformedKeyFallsThrough_data();
    void malformedKeyFallsThrough();
    void keyIdWithoutSecretIsReported();
    void noKeyAnywhere();
    void unknownRequestedProfileIsReported();
    void unknownEnvironmentProfileIsReported();
    void malformedConfigIsReported();
    void secretNeverInProblemsOrSource();

private:
    // The same small fixture as the other half: kConfig in a folder of its own.
    QString writeConfig(const QByteArray &contents,
                        const QString &name = QStringLiteral("config.toml"));
    QTemporaryDir m_dir;
    QString m_config;
};

QString TestConnectionSettingsKey::writeConfig(const QByteArray &contents, const QString &name)
{
    return writeConfigFile(QDir(m_dir.path()), contents, name);
}

void TestConnectionSettingsKey::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_config = writeConfig(kConfig);
}

void TestConnectionSettingsKey::keyPrecedence_data()
{
    QTest::addColumn<QString>("explicitKey");
    QTest::addColumn<QString>("storedKey");
    QTest::addColumn<QString>("falKey");
    QTest::addColumn<bool>("useConfig");
    QTest::addColumn<QString>("keyId");
    QTest::addColumn<QString>("keySecret");
    QTest::addColumn<QString>("expectedId");
    QTest::addColumn<QString>("sourceMentions");

    QTest::newRow("explicit beats all") << "expl:ExplSecret"
                                        << "stor:StorSecret"
                                        << "env:EnvSecret" << true << "pair"
                                        << "PairSecret"
                                        << "expl"
                                        << "--key";
    QTest::newRow("stored beats env") << ""
                                      << "stor:StorSecret"
                                      << "env:EnvSecret" << true << "pair"
                                      << "PairSecret"
                                      << "stor"
                                      << "keychain";
    QTest::newRow("FAL_KEY beats profile") << ""
                                           << ""
                                           << "env:EnvSecret" << true << "pair"
                                           << "PairSecret"
                                           << "env"
                                           << "FAL_KEY";
    QTest::newRow("profile beats id+secret") << ""
                                             << ""
                                             << "" << true << "pair"
                                             << "PairSecret"
                                             << "workid"
                                             << "work";
    QTest::newRow("id+secret last") << ""
                                    << ""
                                    << "" << false << "pair"
                                    << "PairSecret"
                                    << "pair"
                                    << "FAL_KEY_ID";
    QTest::newRow("nothing") << ""
                             << ""
                             << "" << false << ""
                             << ""
                             << ""
                             << "";
}

void TestConnectionSettingsKey::keyPrecedence()
{
    QFETCH(QString, explicitKey);
    QFETCH(QString, storedKey);
    QFETCH(QString, falKey);
    QFETCH(bool, useConfig);
    QFETCH(QString, keyId);
    QFETCH(QString, keySecret);
    QFETCH(QString, expectedId);
    QFETCH(QString, sourceMentions);

    QProcessEnvironment env;
    if (!falKey.isEmpty())
        env.insert(QStringLiteral("FAL_KEY"), falKey);
    if (!keyId.isEmpty())
        env.insert(QStringLiteral("FAL_KEY_ID"), keyId);
    if (!keySecret.isEmpty())
        env.insert(QStringLiteral("FAL_KEY_SECRET"), keySecret);
    ConnectionSettings::Request request;
    request.explicitKey = explicitKey;
    request.storedKey = storedKey;
    request.storedKeySource = QStringLiteral("the system keychain");
    request.configPath = useConfig ? m_config : m_dir.filePath(QStringLiteral("absent.toml"));

    const ConnectionSettings settings = ConnectionSettings::resolve(request, env);
    QVERIFY2(settings.problems.isEmpty(), qPrintable(settings.problems.join(QLatin1Char('\n'))));
    QCOMPARE(settings.credentials.isValid(), !expectedId.isEmpty());
    QCOMPARE(settings.credentials.keyId(), expectedId);
    if (!sourceMentions.isEmpty())
        QVERIFY2(settings.credentials.source().contains(sourceMentions),
                 qPrintable(settings.credentials.source()));
    for (const QString &secret :
         {QStringLiteral("ExplSecret"), QStringLiteral("StorSecret"), QStringLiteral("EnvSecret"),
          QStringLiteral("PairSecret"), kWorkSecret}) {
        QVERIFY(!settings.credentials.source().contains(secret));
        QVERIFY(!settings.credentials.redacted().contains(secret));
    }
    if (expectedId == QLatin1String("workid"))
        QCOMPARE(settings.credentials.authorizationHeader(),
                 QByteArray("Key workid:") + kWorkSecret.toLatin1());
    if (expectedId == QLatin1String("pair"))
        QCOMPARE(settings.credentials.authorizationHeader(), QByteArray("Key pair:PairSecret"));
}

void TestConnectionSettingsKey::profileSelection_data()
{
    QTest::addColumn<QString>("requestProfile");
    QTest::addColumn<QString>("envProfile");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("keyId");

    QTest::newRow("[__internal__].profile") << ""
                                            << ""
                                            << "work"
                                            << "workid";
    QTest::newRow("FAL_PROFILE overrides it") << ""
                                              << "home"
                                              << "home"
                                              << "homeid";
    QTest::newRow("Request.profile overrides FAL_PROFILE") << "nohost"
                                                           << "home"
                                                           << "nohost"
                                                           << "nohostid";
    QTest::newRow("Request.profile alone") << "home"
                                           << ""
                                           << "home"
                                           << "homeid";
}

void TestConnectionSettingsKey::profileSelection()
{
    QFETCH(QString, requestProfile);
    QFETCH(QString, envProfile);
    QFETCH(QString, profile);
    QFETCH(QString, keyId);

    QProcessEnvironment env;
    if (!envProfile.isEmpty())
        env.insert(QStringLiteral("FAL_PROFILE"), envProfile);
    ConnectionSettings::Request request;
    request.profile = requestProfile;
    request.configPath = m_config;
    const ConnectionSettings settings = ConnectionSettings::resolve(request, env);
    QVERIFY2(settings.problems.isEmpty(), qPrintable(settings.problems.join(QLatin1Char('\n'))));
    QCOMPARE(settings.profile, profile);
    QCOMPARE(settings.credentials.keyId(), keyId);
    QVERIFY2(settings.credentials.source().contains(QStringLiteral("'%1'").arg(profile)),
             qPrintable(settings.credentials.source()));
    QVERIFY(!settings.credentials.source().contains(kWorkSecret));
    QVERIFY(!settings.credentials.source().contains(kHomeSecret));
}

void TestConnectionSettingsKey::configPathFromEnvironment()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FAL_CONFIG_PATH"), m_config);
    const ConnectionSettings settings = ConnectionSettings::resolve({}, env);
    QVERIFY2(settings.problems.isEmpty(), qPrintable(settings.problems.join(QLatin1Char('\n'))));
    QCOMPARE(settings.profile, QStringLiteral("work"));
    QCOMPARE(settings.credentials.keyId(), QStringLiteral("workid"));

    // Request.configPath wins over FAL_CONFIG_PATH.
    const QString other
        = writeConfig("[__internal__]\nprofile = \"p\"\n[p]\nkey = \"otherid:othersecret\"\n",
                      QStringLiteral("other.toml"));
    ConnectionSettings::Request request;
    request.configPath = other;
    const ConnectionSettings overridden = ConnectionSettings::resolve(request, env);
    QCOMPARE(overridden.credentials.keyId(), QStringLiteral("otherid"));
}

void TestConnectionSettingsKey::configPathFromEnvironmentExpandsTilde()
{
    // fal's tools expand "~" in FAL_CONFIG_PATH, and FalConfig::defaultPath() does too; a path
    // given through the environment passed to resolve() must be read the same way.
    const QString home = m_dir.filePath(QStringLiteral("home"));
    QVERIFY(QDir().mkpath(home + QStringLiteral("/.fal")));
    {
        QFile file(home + QStringLiteral("/.fal/custom.toml"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[__internal__]\nprofile = \"t\"\n[t]\nkey = \"tildeid:tildesecret\"\n");
    }
    const QByteArray oldHome = qgetenv("HOME");
    qputenv("HOME", home.toLocal8Bit());
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("FAL_CONFIG_PATH"), QStringLiteral("~/.fal/custom.toml"));
    const ConnectionSettings settings = ConnectionSettings::resolve({}, env);
    qputenv("HOME", oldHome);
    QCOMPARE(settings.credentials.keyId(), QStringLiteral("tildeid"));
}

void TestConnectionSettingsKey::malformedKeyFallsThrough_data()
{
    QTest::addColumn<QString>("explicitKey");
    QTest::addColumn<QString>("storedKey");
    QTest::addColumn<QString>("falKey");
    QTest::addColumn<QString>("expectedId");
    QTest::addColumn<QString>("problemMentions");

    QTest::newRow("bad explicit -> stored") << "nocolon"
                                            << "stor:StorSecret"
                                            << ""
                                            << "stor"
                                            << "--key";
    QTest::newRow("bad stored -> FAL_KEY") << ""
                                           << "stor:"
                                           << "env:EnvSecret"
                                           << "env"
                                           << "keychain";
    QTest::newRow("bad FAL_KEY -> profile") << ""
                                            << ""
                                            << "env:Env Secret"
                                            << "workid"
                                            << "FAL_KEY";
}

void TestConnectionSettingsKey::malformedKeyFallsThrough()
{
    QFETCH(QString, explicitKey);
    QFETCH(QString, storedKey);
    QFETCH(QString, falKey);
    QFETCH(QString, expectedId);
    QFETCH(QString, problemMentions);

    QProcessEnvironment env;
    if (!falKey.isEmpty())
        env.insert(QStringLiteral("FAL_KEY"), falKey);
    ConnectionSettings::Request request;
    request.explicitKey = explicitKey;
    request.storedKey = storedKey;
    request.storedKeySource = QStringLiteral("the system keychain");
    request.configPath = m_config;
    const ConnectionSettings settings = ConnectionSettings::resolve(request, env);
    QCOMPARE(settings.credentials.keyId(), expectedId);
    QCOMPARE(settings.problems.size(), 1);
    QVERIFY2(settings.problems.first().contains(problemMentions),
             qPrintable(settings.problems.first()));
    QVERIFY(!settings.problems.first().contains(QStringLiteral("Env Secret")));
}

void TestConnectionSettingsKey::keyIdWithoutSecretIsReported()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FAL_KEY_ID"), QStringLiteral("lonely"));
    ConnectionSettings::Request request;
    request.configPath = m_dir.filePath(QStringLiteral("absent.toml"));
    const ConnectionSettings settings = ConnectionSettings::resolve(request, env);
    QVERIFY(!settings.credentials.isValid());
    QCOMPARE(settings.problems.size(), 1);
    QVERIFY(settings.problems.first().contains(QStringLiteral("FAL_KEY_ID")));
}

void TestConnectionSettingsKey::noKeyAnywhere()
{
    ConnectionSettings::Request request;
    request.configPath = m_dir.filePath(QStringLiteral("absent.toml"));
    const ConnectionSettings settings = ConnectionSettings::resolve(request, QProcessEnvironment());
    QVERIFY(!settings.credentials.isValid());
    QVERIFY(settings.problems.isEmpty());
    QCOMPARE(settings.endpoint, QUrl(QStringLiteral("https://rest.alpha.fal.ai")));
}

void TestConnectionSettingsKey::unknownRequestedProfileIsReported()
{
    ConnectionSettings::Request request;
    request.profile = QStringLiteral("nope");
    request.configPath = m_config;
    const ConnectionSettings settings = ConnectionSettings::resolve(request, QProcessEnvironment());
    QCOMPARE(settings.profile, QStringLiteral("nope"));
    QVERIFY(!settings.credentials.isValid()); // not silently another profile's key
    QCOMPARE(settings.problems.size(), 1);
    QVERIFY(settings.problems.first().contains(QStringLiteral("nope")));
}

void TestConnectionSettingsKey::unknownEnvironmentProfileIsReported()
{
    // FAL_PROFILE with a typo: the user must be told why no key was found, as for Request.profile.
    QProcessEnvironment env;
    env.insert(QStringLiteral("FAL_PROFILE"), QStringLiteral("wrok"));
    ConnectionSettings::Request request;
    request.configPath = m_config;
    const ConnectionSettings settings = ConnectionSettings::resolve(request, env);
    QCOMPARE(settings.profile, QStringLiteral("wrok"));
    QVERIFY(!settings.credentials.isValid());
    QCOMPARE(settings.problems.size(), 1);
    QVERIFY(settings.problems.first().contains(QStringLiteral("wrok")));
}

void TestConnectionSettingsKey::malformedConfigIsReported()
{
    const QString path = writeConfig("[work]\nkey = \"unterminated\n", QStringLiteral("bad.toml"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("FAL_KEY_ID"), QStringLiteral("pair"));
    env.insert(QStringLiteral("FAL_KEY_SECRET"), QStringLiteral("PairSecret"));
    ConnectionSettings::Request request;
    request.configPath = path;
    const ConnectionSettings settings = ConnectionSettings::resolve(request, env);
    QCOMPARE(settings.problems.size(), 1);
    QVERIFY2(settings.problems.first().contains(path), qPrintable(settings.problems.first()));
    // The next source still works.
    QCOMPARE(settings.credentials.keyId(), QStringLiteral("pair"));
    QCOMPARE(settings.endpoint, QUrl(QStringLiteral("https://rest.alpha.fal.ai")));
}

void TestConnectionSettingsKey::secretNeverInProblemsOrSource()
{
    // Broken config files whose parse error sits on the key line: the error text is shown to the
    // user and logged, so it must not quote the secret.
    const QList<QByteArray> broken = {
        "[work]\nkey = brokenid:Sup3rSecretTail\n",
        "[work]\nkey = \"brokenid:Sup3rSecretTail\n",
        "[work]\nkey = \"brokenid:Sup3rSecretTail\" junk\n",
    };
    int i = 0;
    for (const QByteArray &contents : broken) {
        const QString path = writeConfig(contents, QStringLiteral("leak%1.toml").arg(i++));
        ConnectionSettings::Request request;
        request.configPath = path;
        request.profile = QStringLiteral("work");
        const ConnectionSettings settings
            = ConnectionSettings::resolve(request, QProcessEnvironment());
        QVERIFY(!settings.problems.isEmpty());
        const QString all = settings.problems.join(QLatin1Char('\n'));
        QVERIFY2(!all.contains(QStringLiteral("Sup3rSecret")), qPrintable(all));
    }

    // A malformed key from each source: the problem names the source, never the secret.
    QProcessEnvironment env;
    env.insert(QStringLiteral("FAL_KEY"), QStringLiteral("envid:Env Secret Value"));
    env.insert(QStringLiteral("FAL_KEY_ID"), QStringLiteral("pairid"));
    env.insert(QStringLiteral("FAL_KEY_SECRET"), QStringLiteral("Pair Secret Value"));
    const QString badProfile
        = writeConfig("[__internal__]\nprofile = \"w\"\n[w]\nkey = \"wid:Prof Secret Value\"\n",
                      QStringLiteral("badkey.toml"));
    ConnectionSettings::Request request;
    request.configPath = badProfile;
    request.explicitKey = QStringLiteral("explid:Expl Secret Value");
    request.storedKey = QStringLiteral("storid:Stor Secret Value");
    const ConnectionSettings settings = ConnectionSettings::resolve(request, env);
    QVERIFY(!settings.credentials.isValid());
    QCOMPARE(settings.problems.size(), 5);
    const QString all = settings.problems.join(QLatin1Char('\n'));
    QVERIFY2(!all.contains(QStringLiteral("Secret Value")), qPrintable(all));
}

QTEST_GUILESS_MAIN(TestConnectionSettingsKey)
#include "tst_connectionsettings_key.moc"
