// Unit tests for ConnectionSettings, the endpoint: which one is used, found the way fal's own
// tools find it, and that a refused one is an error, never a fallback that would send the key
// elsewhere; also that an explicit key's source is named as the caller names it. (The key:
// tst_connectionsettings_key.)
#include "network/account/ConnectionSettings.h"
#include "network/account/Credentials.h"
#include "network/account/FalConfig.h"
#include "tests/unit/FalConfigSample.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestConnectionSettingsEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void endpointPrecedence_data();
    void endpointPrecedence();
    void endpointFromHost_data();
    void endpointFromHost();
    void refusedEndpointIsAnErrorNotAFallback_data();
    void refusedEndpointIsAnErrorNotAFallback();
    void blankEndpointIsUnset();
    void explicitKeySourceIsNamed();

private:
    // The same small fixture as the other half: kConfig in a folder of its own.
    QString writeConfig(const QByteArray &contents,
                        const QString &name = QStringLiteral("config.toml"));
    QTemporaryDir m_dir;
    QString m_config;
};

QString TestConnectionSettingsEndpoint::writeConfig(const QByteArray &contents, const QString &name)
{
    return writeConfigFile(QDir(m_dir.path()), contents, name);
}

void TestConnectionSettingsEndpoint::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_config = writeConfig(kConfig);
}

void TestConnectionSettingsEndpoint::endpointPrecedence_data()
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

void TestConnectionSettingsEndpoint::endpointPrecedence()
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

void TestConnectionSettingsEndpoint::endpointFromHost_data()
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

void TestConnectionSettingsEndpoint::endpointFromHost()
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

void TestConnectionSettingsEndpoint::refusedEndpointIsAnErrorNotAFallback_data()
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

void TestConnectionSettingsEndpoint::refusedEndpointIsAnErrorNotAFallback()
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

void TestConnectionSettingsEndpoint::blankEndpointIsUnset()
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

void TestConnectionSettingsEndpoint::explicitKeySourceIsNamed()
{
    ConnectionSettings::Request request;
    request.configPath = m_config;
    request.explicitKey = QStringLiteral("fileid:FileSecret");
    request.explicitKeySource = QStringLiteral("the key file /tmp/k");
    const ConnectionSettings settings = ConnectionSettings::resolve(request, QProcessEnvironment());
    QCOMPARE(settings.credentials.keyId(), QStringLiteral("fileid"));
    QCOMPARE(settings.credentials.source(), QStringLiteral("the key file /tmp/k"));
}

QTEST_GUILESS_MAIN(TestConnectionSettingsEndpoint)
#include "tst_connectionsettings_endpoint.moc"
