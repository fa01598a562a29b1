// Unit tests for FalConfig: the profiles of fal's ~/.fal/config.toml, a missing file, a broken one.
#include "network/account/FalConfig.h"
#include "tests/unit/FalConfigSample.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestFalConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_config = writeConfig(kConfig);
    }
    void falConfigReadsProfiles();
    void falConfigMissingFileIsEmpty();
    void falConfigMalformed();

private:
    QString writeConfig(const QByteArray &contents,
                        const QString &name = QStringLiteral("config.toml"))
    {
        return writeConfigFile(QDir(m_dir.path()), contents, name);
    }
    QTemporaryDir m_dir;
    QString m_config;
};

// ---- FalConfig --------------------------------------------------------------------------------

void TestFalConfig::falConfigReadsProfiles()
{
    QString error;
    const FalConfig config = FalConfig::load(m_config, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(config.path(), m_config);
    QCOMPARE(config.activeProfile(), QStringLiteral("work"));
    QCOMPARE(config.team(), QStringLiteral("acme"));
    QStringList names = config.profileNames();
    names.sort();
    QCOMPARE(names, QStringList({"home", "nohost", "work"}));
    QVERIFY(!config.hasProfile(QStringLiteral("__internal__")));
    QVERIFY(config.hasProfile(QStringLiteral("home")));
    QCOMPARE(config.profile(QStringLiteral("home")).key, QStringLiteral("homeid:") + kHomeSecret);
    QCOMPARE(config.profile(QStringLiteral("home")).host, QStringLiteral("http://127.0.0.1:9000"));
    QCOMPARE(config.profile(QStringLiteral("nohost")).host, QString());
    QCOMPARE(config.profile(QStringLiteral("absent")).key, QString());
}

void TestFalConfig::falConfigMissingFileIsEmpty()
{
    QString error;
    const FalConfig config = FalConfig::load(m_dir.filePath(QStringLiteral("absent.toml")), &error);
    QVERIFY(error.isEmpty());
    QVERIFY(config.profileNames().isEmpty());
    QVERIFY(config.activeProfile().isEmpty());
}

void TestFalConfig::falConfigMalformed()
{
    const QString path = writeConfig("[work\nkey = \"a:b\"\n", QStringLiteral("broken.toml"));
    QString error;
    const FalConfig config = FalConfig::load(path, &error);
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(config.profileNames().isEmpty());
}

QTEST_GUILESS_MAIN(TestFalConfig)
#include "tst_falconfig.moc"
