#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

// A config like the one fal's CLI writes ([__internal__] names the active profile), with secrets
// the tests look for where they must not appear.
inline const QString kWorkSecret = QStringLiteral("w0rkS3cretValue");
inline const QString kHomeSecret = QStringLiteral("h0meS3cretValue");

inline const QByteArray kConfig = "[__internal__]\n"
                                  "profile = \"work\"\n"
                                  "team = \"acme\"\n"
                                  "\n"
                                  "[work]\n"
                                  "key = \"workid:w0rkS3cretValue\"\n"
                                  "host = \"api.work.example.com\"\n"
                                  "\n"
                                  "[home]\n"
                                  "key = \"homeid:h0meS3cretValue\"\n"
                                  "host = \"http://127.0.0.1:9000\"\n"
                                  "\n"
                                  "[nohost]\n"
                                  "key = \"nohostid:n0hostSecret\"\n";

// Writes `contents` to `dir`/`name` and returns the path; a test cannot go on without it.
inline QString writeConfigFile(const QDir &dir, const QByteArray &contents,
                               const QString &name = QStringLiteral("config.toml"))
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(contents);
    return path;
}
