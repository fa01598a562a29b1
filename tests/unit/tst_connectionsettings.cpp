// Unit tests for ConnectionSettings: which key and which endpoint are used, found the way fal's
// own tools find them, and that the secret never shows where it must not. (Credentials and
// FalConfig alone: tst_credentials, tst_falconfig.)
#include "network/account/ConnectionSettings.h"
#include "network/account/Credentials.h"
#include "network/account/FalConfig.h"
#include "tests/unit/FalConfigSample.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestConnectionSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // Key precedence
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

    // Endpoint
    void endpointPrecedence_data();
    void endpointPrecedence();
    void endpointFromHost_data();
    void endpointFromHost();
    void refusedEndpointIsAnErrorNotAFallback_data();
    void refusedEndpointIsAnErrorNotAFallback();
    void blankEndpointIsUnset();
    void explicitKeySourceIsNamed();

private:
    QString writeConfig(const QByteArray &contents,
                        const QString &name = QStringLiteral("config.toml"));
    QTemporaryDir m_dir;
    QString m_config;
};

QString TestConnectionSettings::writeConfig(const QByteArray &contents, const QString &name)
{
    return writeConfigFile(QDir(m_dir.path()), contents, name);
}

void TestConnectionSettings::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_config = writeConfig(kConfig);
}

// ---- Key precedence ---------------------------------------------------------------------------

void TestConnectionSettings::keyPrecedence_data()
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

void TestConnectionSettings::keyPrecedence()
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

void TestConnectionSettings::profileSelection_data()
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

void TestConnectionSettings::profileSelection()
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

void TestConnectionSettings::configPathFromEnvironment()
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

void TestConnectionSettings::configPathFromEnvironmentExpandsTilde()
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

void TestConnectionSettings::malformedKeyFallsThrough_data()
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

void TestConnectionSettings::malformedKeyFallsThrough()
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

void TestConnectionSettings::keyIdWithoutSecretIsReported()
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

void TestConnectionSettings::noKeyAnywhere()
{
    ConnectionSettings::Request request;
    request.configPath = m_dir.filePath(QStringLiteral("absent.toml"));
    const ConnectionSettings settings = ConnectionSettings::resolve(request, QProcessEnvironment());
    QVERIFY(!settings.credentials.isValid());
    QVERIFY(settings.problems.isEmpty());
    QCOMPARE(settings.endpoint, QUrl(QStringLiteral("https://rest.alpha.fal.ai")));
}

void TestConnectionSettings::unknownRequestedProfileIsReported()
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

void TestConnectionSettings::unknownEnvironmentProfileIsReported()
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

void TestConnectionSettings::malformedConfigIsReported()
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

void TestConnectionSettings::secretNeverInProblemsOrSource()
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

// ---- Endpoint ---------------------------------------------------------------------------------

void TestConnectionSettings::endpointPrecedence_data()
{
    QTest::addColumn<QString>("explicitEndpoint");
    QTest::addColumn<QString>("restHost");
    QTest::addColumn<QString>("falHost");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("sourceMentions");

    QTest::newRow("explicit") << "http://127.0.0.1:8080"
                              << "rest.env.example.com"
                              << "api.falhost.example.com"
                              << "work"
                              << "http://127.0.0.1:8080"
                              << "--endpoint";
    QTest::newRow("FAL_REST_HOST") << ""
                                   << "rest.env.example.com"
                                   << "api.falhost.example.com"
                                   << "work"
                                   << "https://rest.env.example.com"
                                   << "FAL_REST_HOST";
    QTest::newRow("FAL_HOST api. -> rest.") << ""
                                            << ""
                                            << "api.alpha.fal.ai"
                                            << "work"
                                            << "https://rest.alpha.fal.ai"
                                            << "FAL_HOST";
    QTest::newRow("FAL_HOST without api") << ""
                                          << ""
                                          << "files.example.com"
                                          << "work"
                                          << "https://files.example.com"
                                          << "FAL_HOST";
    QTest::newRow("profile host api. -> rest.") << ""
                                                << ""
                                                << ""
                                                << "work"
                                                << "https://rest.work.example.com"
                                                << "work";
    QTest::newRow("profile http loopback") << ""
                                           << ""
                                           << ""
                                           << "home"
                                           << "http://127.0.0.1:9000"
                                           << "home";
    QTest::newRow("default") << ""
                             << ""
                             << ""
                             << "nohost"
                             << "https://rest.alpha.fal.ai"
                             << "default";
}

void TestConnectionSettings::endpointPrecedence()
{
    QFETCH(QString, explicitEndpoint);
    QFETCH(QString, restHost);
    QFETCH(QString, falHost);
    QFETCH(QString, profile);
    QFETCH(QString, endpoint);
    QFETCH(QString, sourceMentions);

    QProcessEnvironment env;
    if (!restHost.isEmpty())
        env.insert(QStringLiteral("FAL_REST_HOST"), restHost);
    if (!falHost.isEmpty())
        env.insert(QStringLiteral("FAL_HOST"), falHost);
    ConnectionSettings::Request request;
    request.explicitEndpoint = explicitEndpoint;
    request.profile = profile;
    request.configPath = m_config;
    const ConnectionSettings settings = ConnectionSettings::resolve(request, env);
    QVERIFY2(settings.problems.isEmpty(), qPrintable(settings.problems.join(QLatin1Char('\n'))));
    QCOMPARE(settings.endpoint, QUrl(endpoint));
    QVERIFY2(settings.endpointSource.contains(sourceMentions), qPrintable(settings.endpointSource));
}

void TestConnectionSettings::endpointFromHost_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: refused

    QTest::newRow("bare host") << "rest.alpha.fal.ai"
                               << "https://rest.alpha.fal.ai";
    QTest::newRow("https url") << "https://rest.fal.ai"
                               << "https://rest.fal.ai";
    QTest::newRow("trailing slash") << "https://rest.fal.ai/"
                                    << "https://rest.fal.ai";
    QTest::newRow("blanks") << "  https://rest.fal.ai  "
                            << "https://rest.fal.ai";
    QTest::newRow("host:port") << "rest.example.com:8443"
                               << "https://rest.example.com:8443";
    QTest::newRow("query and fragment dropped") << "https://rest.fal.ai/?a=b#c"
                                                << "https://rest.fal.ai";
    QTest::newRow("http 127.0.0.1") << "http://127.0.0.1:8080"
                                    << "http://127.0.0.1:8080";
    QTest::newRow("http localhost") << "http://localhost:8080"
                                    << "http://localhost:8080";
    QTest::newRow("http LOCALHOST") << "http://LOCALHOST:8080"
                                    << "http://localhost:8080";
    QTest::newRow("http [::1]") << "http://[::1]:8080"
                                << "http://[::1]:8080";
    QTest::newRow("http to a network host") << "http://rest.alpha.fal.ai"
                                            << "";
    QTest::newRow("http to a LAN address") << "http://192.168.1.10:8080"
                                           << "";
    QTest::newRow("http to 0.0.0.0") << "http://0.0.0.0:8080"
                                     << "";
    QTest::newRow("http localhost lookalike") << "http://localhost.evil.example:8080"
                                              << "";
    QTest::newRow("http 127.0.0.1 lookalike") << "http://127.0.0.1.evil.example"
                                              << "";
    QTest::newRow("ftp") << "ftp://rest.fal.ai"
                         << "";
    QTest::newRow("file") << "file:///etc/passwd"
                          << "";
    QTest::newRow("user info") << "https://user:pw@rest.fal.ai"
                               << "";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("blank") << "   "
                           << "";
}

void TestConnectionSettings::endpointFromHost()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QString why;
    const auto url = ConnectionSettings::endpointFromHost(input, &why);
    if (expected.isEmpty()) {
        QVERIFY2(!url, qPrintable(url ? url->toString() : QString()));
        QVERIFY(!why.isEmpty());
        if (input.contains(QStringLiteral("user:pw")))
            QVERIFY2(!why.contains(QStringLiteral(":pw")), qPrintable(why));
    } else {
        QVERIFY2(url, qPrintable(why));
        QCOMPARE(*url, QUrl(expected));
    }
}

void TestConnectionSettings::refusedEndpointIsAnErrorNotAFallback_data()
{
    QTest::addColumn<QString>("explicitEndpoint");
    QTest::addColumn<QString>("restHost");
    QTest::addColumn<QString>("falHost");
    QTest::addColumn<QByteArray>("profileHost");
    QTest::addColumn<QString>("sourceMentions");

    // Every row has a usable source after the refused one: it must not be used instead.
    QTest::newRow("--endpoint http") << "http://example.com"
                                     << "rest.env.example.com"
                                     << "" << QByteArray() << "--endpoint";
    QTest::newRow("--endpoint ftp") << "ftp://x.example.com"
                                    << "rest.env.example.com"
                                    << "" << QByteArray() << "--endpoint";
    QTest::newRow("FAL_REST_HOST") << ""
                                   << "http://rest.example.com"
                                   << "api.falhost.example.com" << QByteArray() << "FAL_REST_HOST";
    QTest::newRow("FAL_HOST") << ""
                              << ""
                              << "http://api.example.com" << QByteArray("api.work.example.com")
                              << "FAL_HOST";
    QTest::newRow("profile host") << ""
                                  << ""
                                  << "" << QByteArray("http://192.168.1.10:8080") << "profile 'p'";
}

void TestConnectionSettings::refusedEndpointIsAnErrorNotAFallback()
{
    QFETCH(QString, explicitEndpoint);
    QFETCH(QString, restHost);
    QFETCH(QString, falHost);
    QFETCH(QByteArray, profileHost);
    QFETCH(QString, sourceMentions);
    QProcessEnvironment env;
    if (!restHost.isEmpty())
        env.insert(QStringLiteral("FAL_REST_HOST"), restHost);
    if (!falHost.isEmpty())
        env.insert(QStringLiteral("FAL_HOST"), falHost);
    ConnectionSettings::Request request;
    request.explicitEndpoint = explicitEndpoint;
    request.explicitKey = QStringLiteral("id:secret");
    request.profile = QStringLiteral("p");
    request.configPath
        = writeConfig("[p]\nhost = \"" + profileHost + "\"\n", QStringLiteral("refused.toml"));
    const ConnectionSettings settings = ConnectionSettings::resolve(request, env);
    QVERIFY2(!settings.endpoint.isValid(), qPrintable(settings.endpoint.toString()));
    QVERIFY(settings.endpointSource.isEmpty());
    QVERIFY2(settings.endpointError.contains(sourceMentions), qPrintable(settings.endpointError));
    QVERIFY2(settings.endpointError.contains(QStringLiteral("refused")),
             qPrintable(settings.endpointError));
    QVERIFY(settings.credentials.isValid()); // the key is found; it just goes nowhere
}

void TestConnectionSettings::blankEndpointIsUnset()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FAL_REST_HOST"), QStringLiteral("  "));
    env.insert(QStringLiteral("FAL_HOST"), QStringLiteral("api.falhost.example.com"));
    ConnectionSettings::Request request;
    request.configPath = m_config;
    const ConnectionSettings settings = ConnectionSettings::resolve(request, env);
    QVERIFY2(settings.endpointError.isEmpty(), qPrintable(settings.endpointError));
    QCOMPARE(settings.endpoint, QUrl(QStringLiteral("https://rest.falhost.example.com")));
}

void TestConnectionSettings::explicitKeySourceIsNamed()
{
    ConnectionSettings::Request request;
    request.configPath = m_config;
    request.explicitKey = QStringLiteral("fileid:FileSecret");
    request.explicitKeySource = QStringLiteral("the key file /tmp/k");
    const ConnectionSettings settings = ConnectionSettings::resolve(request, QProcessEnvironment());
    QCOMPARE(settings.credentials.keyId(), QStringLiteral("fileid"));
    QCOMPARE(settings.credentials.source(), QStringLiteral("the key file /tmp/k"));
}

QTEST_GUILESS_MAIN(TestConnectionSettings)
#include "tst_connectionsettings.moc"
