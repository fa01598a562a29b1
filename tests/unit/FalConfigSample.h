#pragma once

#include <QByteArray>
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
