// SingleInstance: the first start owns ai.fal.Files on the session bus, a later one hands its
// path over and exits, and without a bus (or an owner that does not answer) each start opens its
// own window. Each test runs on a private dbus-daemon of its own, never the desktop's bus.
#include "app/gui/SingleInstance.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_daemon = new QProcess(this);
        m_daemon->start(QStringLiteral("dbus-daemon"),
                        {QStringLiteral("--session"), QStringLiteral("--nofork"),
                         QStringLiteral("--print-address=1")});
        QVERIFY2(m_daemon->waitForStarted(), "dbus-daemon (Debian package dbus) is needed");
        QTRY_VERIFY_WITH_TIMEOUT(m_daemon->canReadLine(), 30000);
        m_address = QString::fromUtf8(m_daemon->readLine()).trimmed();
        QVERIFY(!m_address.isEmpty());
    }
    void cleanup()
    {
        for (const QString &name : std::as_const(m_connections))
            QDBusConnection::disconnectFromBus(name);
        m_connections.clear();
        m_daemon->kill();
        m_daemon->waitForFinished();
        delete m_daemon;
    }

    void secondStartHandsItsPathToTheFirst()
    {
        SingleInstance first(connection(QStringLiteral("first")));
        QCOMPARE(first.claim({}), SingleInstance::Claim::Primary);
        QSignalSpy opened(&first, &SingleInstance::openRequested);

        SingleInstance second(connection(QStringLiteral("second")));
        QCOMPARE(second.claim({QStringLiteral("/data/models/x")}),
                 SingleInstance::Claim::Forwarded);
        if (opened.isEmpty())
            QVERIFY(opened.wait(30000));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().first().toStringList(), QStringList {"/data/models/x"});
    }

    void startWithoutPathOnlyRaisesTheWindow()
    {
        SingleInstance first(connection(QStringLiteral("first")));
        QCOMPARE(first.claim({}), SingleInstance::Claim::Primary);
        QSignalSpy opened(&first, &SingleInstance::openRequested);
        SingleInstance second(connection(QStringLiteral("second")));
        QCOMPARE(second.claim({}), SingleInstance::Claim::Forwarded);
        if (opened.isEmpty())
            QVERIFY(opened.wait(30000));
        QCOMPARE(opened.first().first().toStringList(), QStringList {});
    }

    void nameIsFreeAgainOnceTheFirstQuits()
    {
        auto first = std::make_unique<SingleInstance>(connection(QStringLiteral("first")));
        QCOMPARE(first->claim({}), SingleInstance::Claim::Primary);
        first.reset();
        SingleInstance next(connection(QStringLiteral("next")));
        QCOMPARE(next.claim({}), SingleInstance::Claim::Primary);
    }

    void ownerThatDoesNotAnswerMeansAWindowOfOurOwn()
    {
        // The name taken by something that has no Open method (an older or a broken fal Files).
        QDBusConnection squatter = connection(QStringLiteral("squatter"));
        QVERIFY(squatter.registerService(QLatin1String(SingleInstance::kService)));
        SingleInstance start(connection(QStringLiteral("start")));
        QCOMPARE(start.claim({QStringLiteral("/data")}), SingleInstance::Claim::NoBus);
    }

    void noBusMeansAWindowOfOurOwn()
    {
        SingleInstance start(QDBusConnection(QStringLiteral("never-connected")));
        QCOMPARE(start.claim({}), SingleInstance::Claim::NoBus);
    }

private:
    QDBusConnection connection(const QString &name)
    {
        m_connections << name;
        QDBusConnection bus = QDBusConnection::connectToBus(m_address, name);
        if (!bus.isConnected())
            qWarning() << bus.lastError().message();
        return bus;
    }

    QProcess *m_daemon = nullptr;
    QString m_address;
    QStringList m_connections;
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
