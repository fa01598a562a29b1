// Unit tests for Credentials: parsing "id:secret" keys and keeping the secret inside.
#include "network/account/Credentials.h"

#include <QTest>

class TestCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void credentialsFromKey_data();
    void credentialsFromKey();
    void credentialsSecretStaysInside();
};

// ---- Credentials ------------------------------------------------------------------------------

void TestCredentials::credentialsFromKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("id");

    QTest::newRow("plain") << "abc-123:0123456789abcdef" << true << "abc-123";
    QTest::newRow("blanks around") << "  abc:def \n" << true << "abc";
    QTest::newRow("uuid id") << "8f14e45f-ceea-467f-a8f1-e1a2b3c4d5e6:ffee" << true
                             << "8f14e45f-ceea-467f-a8f1-e1a2b3c4d5e6";
    QTest::newRow("empty") << "" << false << "";
    QTest::newRow("blank") << "   " << false << "";
    QTest::newRow("no colon") << "abcdef" << false << "";
    QTest::newRow("no id") << ":secret" << false << "";
    QTest::newRow("no secret") << "id:" << false << "";
    QTest::newRow("inner blank") << "id:sec ret" << false << "";
    QTest::newRow("tab") << "id:sec\tret" << false << "";
    QTest::newRow("newline inside") << "id:sec\nret" << false << "";
    QTest::newRow("non-ASCII") << QString::fromUtf8("id:sécret") << false << "";
    QTest::newRow("control char") << QStringLiteral("id:se") + QChar(1) + QStringLiteral("c")
                                  << false << "";
}

void TestCredentials::credentialsFromKey()
{
    QFETCH(QString, key);
    QFETCH(bool, valid);
    QFETCH(QString, id);
    QString why;
    const auto credentials = Credentials::fromKey(key, QStringLiteral("a test"), &why);
    QCOMPARE(credentials.has_value(), valid);
    QCOMPARE(why.isEmpty(), valid);
    if (!valid) {
        // The reason must not quote the key back.
        const QString secretPart = key.section(QLatin1Char(':'), 1).trimmed();
        if (secretPart.size() > 3)
            QVERIFY2(!why.contains(secretPart), qPrintable(why));
        return;
    }
    QVERIFY(credentials->isValid());
    QCOMPARE(credentials->keyId(), id);
    QCOMPARE(credentials->source(), QStringLiteral("a test"));
    QCOMPARE(credentials->key(), key.trimmed());
    QCOMPARE(credentials->authorizationHeader(), "Key " + key.trimmed().toLatin1());
}

void TestCredentials::credentialsSecretStaysInside()
{
    const auto credentials
        = Credentials::fromKey(QStringLiteral("myid:TopSecret42"), QStringLiteral("env"));
    QVERIFY(credentials);
    QCOMPARE(credentials->authorizationHeader(), QByteArray("Key myid:TopSecret42"));
    QVERIFY(credentials->redacted().startsWith(QStringLiteral("myid")));
    QVERIFY(!credentials->redacted().contains(QStringLiteral("TopSecret42")));
    QVERIFY(!credentials->redacted().contains(QStringLiteral("Top")));
    QVERIFY(!credentials->source().contains(QStringLiteral("TopSecret42")));

    const Credentials none;
    QVERIFY(!none.isValid());
    QVERIFY(!none.redacted().isEmpty());
    QVERIFY(!Credentials(QStringLiteral("id"), QString(), QStringLiteral("x")).isValid());
    QVERIFY(!Credentials(QString(), QStringLiteral("s"), QStringLiteral("x")).isValid());

    // Equality is by key, not by where it was found.
    QVERIFY(*credentials
            == *Credentials::fromKey(QStringLiteral("myid:TopSecret42"), QStringLiteral("other")));
    QVERIFY(!(*credentials
              == *Credentials::fromKey(QStringLiteral("myid:Other"), QStringLiteral("env"))));
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
